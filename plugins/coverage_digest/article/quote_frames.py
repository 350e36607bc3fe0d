"""The writer's own words around quotations: speech verbs, quotations masked out, sentences split with quotes kept."""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass

from ..text.lexicon import ABBREVIATIONS, SPEECH_PHRASES, SPEECH_VERBS
from ..text.names import MASK
from .quotes import Quote

VERB = re.compile(
    r"(?<![\w\-’'])(?:" + "|".join(sorted({*SPEECH_VERBS, *SPEECH_PHRASES}, key=len, reverse=True)) + r")(?![\w\-])"
)
SENTENCE_BREAK = re.compile(r"[.!?][\"'”’)\]]*\s+(?=[A-Z\x00\d“\"‘])|\n+")


@dataclass(frozen=True, slots=True)
class FrameSentence:
    """A sentence of the masked article text and the quotations that begin in it."""

    start: int
    end: int
    paragraph: int
    quotes: tuple[int, ...]  # indices into the body quotes


def mark_bounds(text: str, quote: Quote) -> tuple[int, int]:
    """Offsets of a quote with its marks (and the spaces inside them)."""
    start = quote.start
    while start > 0 and text[start - 1].isspace() and text[start - 1] != "\n":
        start -= 1
    start = max(0, start - (2 if text[max(0, start - 2) : start] == "''" else 1))
    end = quote.end
    while end < len(text) and text[end] in " \t":
        end += 1
    if end < len(text) and text[end] in "\"”’'»":
        end += 3 if text[end : end + 3] == "'''" else 2 if text[end : end + 2] == "''" else 1  # ''… 'inner''' too
    elif quote.truncated or quote.continues:
        end = quote.end
    return start, end


def mask(text: str, marks: list[tuple[int, int]]) -> str:
    pieces, at = [], 0
    for start, end in marks:
        if start < at:
            continue
        pieces.append(text[at:start])
        pieces.append(MASK * (end - start))
        at = end
    pieces.append(text[at:])
    return re.sub(r"\([^()\n\x00]{1,24}\)", lambda m: " " * len(m.group()), "".join(pieces))


def split_sentences(
    masked: str, body: list[Quote], marks: list[tuple[int, int]], paragraphs: tuple[str, ...]
) -> list[FrameSentence]:
    """Sentences of the masked text, a quote ending in . ! or ? before a capital ending its sentence too."""
    breaks = {m.end() for m in SENTENCE_BREAK.finditer(masked) if not abbreviation_before(masked, m.start())}
    for quote, (_start, end) in zip(body, marks, strict=True):
        inner = quote.text.rstrip("\"'”’) ")
        rest = masked[end : end + 3].lstrip(" ")
        if inner[-1:] in ".!?…" and (not rest or rest[0].isupper() or rest[0] in MASK + '“"\n'):
            breaks.add(end + len(masked[end : end + 3]) - len(masked[end : end + 3].lstrip(" ")))
    ordered = sorted(breaks)  # each paragraph takes its own from here (not a scan of all of them per paragraph)
    sentences: list[FrameSentence] = []
    offset, q = 0, 0
    for index, paragraph in enumerate(paragraphs):
        end_of_paragraph = offset + len(paragraph)
        inside = ordered[bisect.bisect_right(ordered, offset) : bisect.bisect_left(ordered, end_of_paragraph)]
        cuts = sorted({offset, end_of_paragraph, *inside})
        for start, end in itertools.pairwise(cuts):
            members = []
            while q < len(body) and marks[q][0] < end:
                members.append(q)
                q += 1
            sentences.append(FrameSentence(start, end, index, tuple(members)))
        offset = end_of_paragraph + 2
    return sentences


def noun_use(frame: str, verb: re.Match) -> bool:
    """Say whether a speech-verb form is used as a noun ("Republican claims", "his remarks", "the letter read"), or
    a phrase in a sense that reports no words ("the Senate goes on recess": "went on" speaks before a comma, a colon,
    "to" or the quote)."""
    before = frame[max(0, verb.start() - 30) : verb.start()]
    if verb.group() in {"went on", "goes on"}:
        return not re.match(r"\s*(?:[,:\x00]|to\s|$)", frame[verb.end() :])
    if verb.group() in {"read", "reads"}:
        return not re.search(r"\b(?:letter|statement|sign|note|post|ad|message|tweet)\s+$", before)
    if re.search(r"\b(?:the|a|an|his|her|their|its|our|my|your)\s+$", before, re.IGNORECASE):
        return True  # "its call to", "a warning"
    if not verb.group().endswith("s") or verb.group().endswith("ss"):
        return False
    return bool(
        re.search(
            r"(?:\b(?:the|a|an|his|her|their|its|our|my|your|of|these|those|such|many|some|no|whose)|"
            r"[A-Z]\w*(?:an|ic|ish|'s|’s))\s+$",
            before,
        )
    )


_LAST_WORD = re.compile(r"(\S+)$")
_INITIALS = re.compile(r"(?:[A-Z]\.)+")


def abbreviation_before(text: str, at: int) -> bool:
    word = _LAST_WORD.search(text[max(0, at - 12) : at + 1])
    if word is None:
        return False
    return word.group(1).lower() in ABBREVIATIONS or bool(_INITIALS.fullmatch(word.group(1)))
