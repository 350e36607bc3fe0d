"""Plain text -> headline and paragraphs: the shape of a `.txt` seed (and of text extracted from other formats)."""

from __future__ import annotations

import re

_BLANK = re.compile(r"\n[ \t\f\v]*\n")
_FINAL_PUNCT = re.compile(r"[.!?;:,…][\s\"'”’»)\]]*$")
HEADLINE_MAX_WORDS = 25
HEADLINE_MAX_CHARS = 250


def normalise_newlines(text: str) -> str:
    """Unix line ends; no other character of the text is touched."""
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")


def looks_like_headline(line: str) -> bool:
    """A short line without final punctuation (a sentence ends with one; a headline does not)."""
    line = line.strip()
    return (
        bool(line)
        and len(line) <= HEADLINE_MAX_CHARS
        and len(line.split()) <= HEADLINE_MAX_WORDS
        and not _FINAL_PUNCT.search(line)
    )


def split_headline(text: str) -> tuple[str | None, str]:
    """Take the first line as the headline when it looks like one and a blank line follows it."""
    text = normalise_newlines(text).lstrip("\n")
    first, sep, rest = text.partition("\n")
    if sep and looks_like_headline(first) and _starts_with_blank_line(rest):
        return first.strip(), rest
    return None, text


def _starts_with_blank_line(rest: str) -> bool:
    line, _, _ = rest.partition("\n")
    return not line.strip()


def split_paragraphs(body: str) -> tuple[str, ...]:
    """Blocks separated by blank lines; inside a block, each line is a paragraph unless the text is hard-wrapped."""
    blocks = [b for b in _BLANK.split(normalise_newlines(body)) if b.strip()]
    wrapped = _is_hard_wrapped(blocks)
    out: list[str] = []
    for block in blocks:
        lines = [ln.strip() for ln in block.split("\n") if ln.strip()]
        if wrapped:
            out.append(" ".join(lines))
        else:
            out.extend(lines)
    return tuple(out)


def _is_hard_wrapped(blocks: list[str]) -> bool:
    """True when most lines that have a next line in their block stop mid-sentence: text wrapped at a fixed width."""
    lines = [ln.rstrip() for b in blocks for ln in b.split("\n")[:-1] if ln.strip()]
    if len(lines) < 2:
        return False
    mid_sentence = sum(1 for ln in lines if not _FINAL_PUNCT.search(ln))
    return mid_sentence / len(lines) >= 0.6
