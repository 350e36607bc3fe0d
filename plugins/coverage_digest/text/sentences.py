"""Sentence splitting with offsets into an article's cleaned text (pysbd, offline, rule-based)."""

from __future__ import annotations

import re
from functools import lru_cache

import pysbd

from ..records import Article, Sentence

# pysbd splits after a short capitalised abbreviation followed by a number ("Oc. 7", "No. 5", "Jan. 3"): a
# sentence does not start with a bare number or a lower-case word, so such a split is undone.
_ABBREV_END = re.compile(r"(?:^|[\s(])[A-Z][a-z]{0,3}\.\s*$")
_CONTINUATION_START = re.compile(r"^[\s]*(?:\d|[a-z])")
# pysbd's time grows faster than the length of its input (a 1 MB paragraph took 11 minutes): longer paragraphs are
# cut for it into pieces of at most CHUNK characters at sure sentence ends, which keeps splitting linear.
LONG_PARAGRAPH = 4000  # 99% of news paragraphs are under 1,000 characters; these are split as they always were
CHUNK = 2000
_SAFE_BREAK = re.compile(r"(?<=[a-z]{2}[a-z0-9][.!?])[”’\"')\]]*\s+(?=[“\"‘]?[A-Z])")


@lru_cache(maxsize=1)
def _segmenter() -> pysbd.Segmenter:
    return pysbd.Segmenter(language="en", clean=False, char_span=True)


# A paragraph whose only sentence-ending marks close it is one sentence, and pysbd (the costly part) is not needed.
# The check is conservative: closing quotes or brackets after the final mark, runs of quote marks and "(a)"-like list
# markers all make pysbd split in ways of its own, so such paragraphs still go through it.
_TERMINAL = re.compile(r"(?:\.(?:\.\.)?|…|[!?]+)\s*$")
_MAYBE_BOUNDARY = re.compile(r"[.!?…。．！？;:\n\r\u2028\u2029]|[”’\"'‘“]{2}|(?<![^\s(])\w{1,4}\)")


def split_spans(text: str) -> list[tuple[int, int]]:
    """Return (start, end) offsets of the sentences of one paragraph, whitespace trimmed."""
    if not text.strip():
        return []
    return list(_split_spans(text))


@lru_cache(maxsize=16384)
def _split_spans(text: str) -> tuple[tuple[int, int], ...]:
    """split_spans, memoised: wire copy and syndication repeat paragraphs verbatim across articles."""
    if is_one_sentence(text):
        return (_trim(text, 0, len(text)),)
    spans: list[list[int]] = []
    for base, chunk in chunks(text):
        for piece in _segmenter().segment(chunk):
            start, end = base + piece.start, base + piece.end
            joins = spans and _CONTINUATION_START.match(text[start:end])
            if joins and _ABBREV_END.search(text[spans[-1][0] : start]):
                spans[-1][1] = end
            else:
                spans.append([start, end])
    return tuple(_trim(text, s, e) for s, e in spans if text[s:e].strip())


def chunks(text: str) -> list[tuple[int, str]]:
    """(offset, piece) of a paragraph cut for the splitter, whose cost grows faster than the length of what it is
    given: a paragraph longer than LONG_PARAGRAPH is cut every CHUNK characters or less, at the last sure sentence
    end in the window (a lower-case word, a full stop, a capital), else at a space, else where the window ends."""
    if len(text) <= LONG_PARAGRAPH:
        return [(0, text)]
    out, pos = [], 0
    while len(text) - pos > CHUNK:
        window_start, window_end = pos + CHUNK // 2, pos + CHUNK
        cut = None
        for match in _SAFE_BREAK.finditer(text, window_start, window_end):
            cut = match.end()
        if cut is None:
            space = text.rfind(" ", window_start, window_end)
            cut = space + 1 if space > 0 else window_end
        out.append((pos, text[pos:cut]))
        pos = cut
    out.append((pos, text[pos:]))
    return out


def is_one_sentence(text: str) -> bool:
    """Whether a paragraph has no possible sentence boundary before its final punctuation."""
    return not _MAYBE_BOUNDARY.search(_TERMINAL.sub("", text.strip()))


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def split_article(article: Article) -> tuple[Sentence, ...]:
    """Split every paragraph of an article; offsets refer to `article.text`."""
    out: list[Sentence] = []
    offset = 0
    for p_index, paragraph in enumerate(article.paragraphs):
        for start, end in split_spans(paragraph):
            out.append(
                Sentence(
                    article_id=article.id,
                    index=len(out),
                    paragraph=p_index,
                    start=offset + start,
                    end=offset + end,
                    text=paragraph[start:end],
                )
            )
        offset += len(paragraph) + 2
    return tuple(out)
