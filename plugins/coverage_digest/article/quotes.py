"""Direct quotations of one article: where they are, what they say and who the article says said them."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, replace

from ..records import Article

log = logging.getLogger(__name__)

# A quote left open at a paragraph end is cut here at the latest (at a sentence end when there is one).
MAX_TRUNCATED_CHARS = 600
# A paragraph with more stray marks than this is scanned no further (keeps pathological input linear).
MAX_RESCANS = 50
# Single-mark spans longer than this are more likely apostrophes than a quotation.
MAX_SINGLE_CHARS = 250

_DOUBLE = re.compile(r"''|[\"“”„«»]")
_OPENING_START = re.compile(r"\s*(?:''|[\"“„«”])")
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*\s")
_ELISION = re.compile(r"(?:em|tis|til|cause|n|s|\d\d?s?)\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Span:
    """A quoted span of one paragraph: offsets of the words without their marks, and how it is bounded."""

    start: int
    end: int
    mark_start: int  # offset of the opening mark
    mark_end: int  # offset just past the closing mark (or the cut)
    single: bool = False
    truncated: bool = False
    continues: bool = False


@dataclass(frozen=True, slots=True)
class Quote:
    """One quotation in one article; offsets refer to `article.text` (or to the headline when `in_headline`)."""

    id: str
    article_id: str
    start: int
    end: int
    text: str
    paragraph: int  # -1 for the headline
    kind: str  # "full" or "fragment"
    single: bool = False  # between single marks
    in_headline: bool = False
    truncated: bool = False
    continues: bool = False
    speaker_as_written: str | None = None
    speaker: str | None = None
    speaker_kind: str | None = None  # "person", "body" or "unnamed"
    role: str | None = None
    cue: str | None = None  # the words that tie the quote to its speaker, as written
    how: str | None = None  # which attribution rule found the speaker
    relay: str | None = None  # who passed the words on, when the text says ("according to the Guardian")


def find_quotes(article: Article) -> tuple[Quote, ...]:
    """Every quotation of an article (headline first), not yet attributed (`attribution.attribute` does that)."""
    quotes: list[Quote] = []
    if article.headline:
        for span in find_spans(article.headline):
            quotes.append(_make_quote(article.id, article.headline, span, -1, 0, len(quotes), headline=True))
    offset = 0
    paragraphs = article.paragraphs
    for index, paragraph in enumerate(paragraphs):
        following = paragraphs[index + 1] if index + 1 < len(paragraphs) else ""
        for span in find_spans(paragraph, next_opens=bool(_OPENING_START.match(following))):
            quotes.append(_make_quote(article.id, paragraph, span, index, offset, len(quotes)))
        offset += len(paragraph) + 2
    return tuple(quotes)


def _make_quote(article_id: str, paragraph: str, span: Span, index: int, offset: int, n: int, headline=False) -> Quote:
    text = paragraph[span.start : span.end]
    return Quote(
        id=f"{article_id}-q{n + 1}",
        article_id=article_id,
        start=offset + span.start,
        end=offset + span.end,
        text=text,
        paragraph=index,
        kind=classify(paragraph, span),
        single=span.single,
        in_headline=headline,
        truncated=span.truncated,
        continues=span.continues,
    )


def classify(paragraph: str, span: Span) -> str:
    """Say whether a quoted span is a full statement or a fragment (a word or phrase inside the writer's sentence)."""
    text = paragraph[span.start : span.end]
    words = text.split()
    at = span.mark_start  # the last character before the quote, spaces skipped (no copy of the paragraph's start:
    while at and paragraph[at - 1].isspace():  # a paragraph of thousands of quotes stays linear)
        at -= 1
    opens_clause = not at or paragraph[at - 1] in ",:;—–-("
    if len(words) >= 8:
        return "full"
    if text[:1].isupper() or text[:1].isdigit() or text.startswith(("…", "...")):
        return "full" if len(words) >= 3 and (opens_clause or text.rstrip()[-1:] in ".!?,") else "fragment"
    return "full" if opens_clause and len(words) >= 4 else "fragment"


def find_spans(paragraph: str, next_opens: bool = False) -> list[Span]:
    """Find the quoted spans of one paragraph, double marks first and single marks outside them."""
    doubles = [s for s in _double_spans(paragraph, next_opens) if not _markup_value(paragraph, s)]
    singles = _single_spans(paragraph, doubles)
    return sorted(doubles + singles, key=lambda s: s.mark_start)


def _markup_value(paragraph: str, span: Span) -> bool:
    """Say whether a span is the value of a markup attribute (<tweet author="…" timestamp="…">), not a quotation."""
    return span.mark_start > 0 and paragraph[span.mark_start - 1] == "=" and "<" in paragraph[: span.mark_start]


def _looks_opening(paragraph: str, at: int, width: int) -> bool:
    before = paragraph[at - 1] if at else " "
    after = paragraph[at + width] if at + width < len(paragraph) else " "
    return (before.isspace() or before in "([{—–-/") and not after.isspace()


def _looks_closing(paragraph: str, at: int, width: int) -> bool:
    before = paragraph[at - 1] if at else " "
    after = paragraph[at + width] if at + width < len(paragraph) else " "
    return not before.isspace() and (after.isspace() or not after.isalnum())


def _double_spans(paragraph: str, next_opens: bool) -> list[Span]:
    spans: list[Span] = []
    begin = 0
    for _attempt in range(MAX_RESCANS):
        opened = _scan_doubles(paragraph, begin, spans)
        if opened is None:
            return spans
        at, width = opened
        if next_opens:
            span = _trimmed(paragraph, at + width, len(paragraph), at, len(paragraph))
            if span:
                spans.append(replace(span, continues=True))
            return spans
        span = _truncated(paragraph, at, width)
        spans.append(span)
        begin = span.mark_end  # the words after the cut are scanned again: quotes there are quotes of their own
    return spans


def _scan_doubles(paragraph: str, begin: int, spans: list[Span]) -> tuple[int, int] | None:
    """Add the closed double-quoted spans from `begin`; return the (offset, width) of a mark left open, if any."""
    stack: list[tuple[int, int, bool]] = []  # (mark offset, mark width, straight)
    for match in _DOUBLE.finditer(paragraph, begin):
        mark, at, width = match.group(), match.start(), match.end() - match.start()
        straight = mark in ('"', "''")
        if mark in "“„«":
            stack.append((at, width, False))
        elif mark in "”»":
            if stack:
                _close(paragraph, stack, at, width, spans)
            elif _looks_opening(paragraph, at, width):
                stack.append((at, width, False))  # a misprinted opening mark (”Fear. ...”)
        elif stack and (stack[-1][2] or _looks_closing(paragraph, at, width)):
            _close(paragraph, stack, at, width, spans)
        elif not stack and at and paragraph[at - 1].isdigit():
            continue  # inches (6'3"), not a quotation mark
        else:
            stack.append((at, width, straight))
    return (stack[0][0], stack[0][1]) if stack else None


def _truncated(paragraph: str, opened: int, width: int) -> Span:
    """A quote left open that does not run on into the next paragraph: cut at its first sentence end and marked."""
    window = paragraph[opened + width : opened + width + MAX_TRUNCATED_CHARS]
    cut = _SENTENCE_END.search(window + " ")
    end = min(opened + width + (cut.end() if cut else len(window)), len(paragraph))
    log.debug("unclosed quotation mark at %d cut at %d", opened, end)
    span = _trimmed(paragraph, opened + width, end, opened, end)
    return replace(span or Span(opened + width, opened + width, opened, max(end, opened + width)), truncated=True)


def _close(paragraph: str, stack: list[tuple[int, int, bool]], at: int, width: int, spans: list[Span]) -> None:
    opened, opened_width, _ = stack.pop()
    if stack:
        return  # a quotation inside a quotation stays part of the outer one
    span = _trimmed(paragraph, opened + opened_width, at, opened, at + width)
    if span:
        spans.append(span)


def _trimmed(paragraph: str, start: int, end: int, mark_start: int, mark_end: int) -> Span | None:
    while start < end and paragraph[start].isspace():
        start += 1
    while end > start and paragraph[end - 1].isspace():
        end -= 1
    return Span(start, end, mark_start, mark_end) if end > start else None


def _single_spans(paragraph: str, doubles: list[Span]) -> list[Span]:
    """Spans between single marks outside double-quoted text; apostrophes (don’t, Hamas’) never open one."""
    covered = [(s.mark_start, s.mark_end) for s in doubles]
    spans: list[Span] = []
    position = 0
    for match in re.finditer(r"[‘']", paragraph):
        at = match.start()
        if at < position or any(a <= at < b for a, b in covered) or not _opens_single(paragraph, at):
            continue
        close = _single_close(paragraph, at, match.group())
        if close is None or any(at < a < close for a, _ in covered):
            continue
        span = _trimmed(paragraph, at + 1, close, at, close + 1)
        if span:
            spans.append(replace(span, single=True))
            position = close + 1
    return spans


def _opens_single(paragraph: str, at: int) -> bool:
    if paragraph.startswith("''", at) or (at and paragraph[at - 1] == "'"):
        return False
    if not _looks_opening(paragraph, at, 1) or not paragraph[at + 1 : at + 2].isalnum():
        return False
    return not _ELISION.match(paragraph, at + 1)


def _single_close(paragraph: str, opened: int, mark: str) -> int | None:
    closers = "’" if mark == "‘" else "'"
    limit = min(len(paragraph), opened + MAX_SINGLE_CHARS)
    for at in range(opened + 2, limit):
        if paragraph[at] in closers and _looks_closing(paragraph, at, 1) and paragraph[at - 1] != "s":
            return at
        if (
            paragraph[at] in closers
            and _looks_closing(paragraph, at, 1)
            and paragraph[at + 1 : at + 2] in ("", ",", ".")
        ):
            return at
    return None
