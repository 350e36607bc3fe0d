"""Frozen records passed between the pipeline's stages (read -> clean -> group -> analyse -> render).

Stage modules that produce richer analysis (quotes, comparison, summary) define their own output records next to the
function that makes them; the records every stage shares live here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# Characters a file name may hold that would mislead or harm where it is shown: control characters (a terminal runs
# escape sequences) and the bidirectional controls that make "evil\u202etxt.exe" read as another name.
_INVISIBLE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def shown(name: str) -> str:
    """A file name as pages, messages and the console show it: invisible and control characters as \\uXXXX escapes
    (digest.json keeps the name as it is)."""
    return _INVISIBLE.sub(lambda m: f"\\u{ord(m.group()):04x}", name) if _INVISIBLE.search(name) else name


def location(source_file: str, record: str | None) -> str:
    """Where an article or a skipped record comes from, as every page and message names it."""
    where = shown(source_file)
    return f"{where}, {shown(record)}" if record else where


@dataclass(frozen=True, slots=True)
class SeedFile:
    """One input file as read from disk: its path relative to the seeds folder and its bytes."""

    path: str
    data: bytes


@dataclass(frozen=True, slots=True)
class Metadata:
    """Per-file metadata that a user gave (sidecar file or front matter); None means "not given"."""

    outlet: str | None = None
    url: str | None = None
    published: str | None = None
    headline: str | None = None
    byline: str | None = None
    republisher: str | None = None
    captured: str | None = None  # when the page was captured: a web archive's WARC-Date, `make fetch`'s fetch time


@dataclass(frozen=True, slots=True)
class RawArticle:
    """An input file decoded into a headline and body paragraphs, before boilerplate removal."""

    id: str
    source_file: str
    kind: str  # "txt", "md", "html", or the kind of a file holding many articles ("csv", "warc", "feed", ...)
    headline: str | None
    paragraphs: tuple[str, ...]
    given: Metadata = field(default_factory=Metadata)  # what the user wrote: always wins
    found: Metadata = field(default_factory=Metadata)  # what the file itself declares (HTML meta tags)
    encoding: str = "utf-8"
    record: str | None = None  # where in a file of many articles: "row 12", "line 3", "record 3: <target URI>"


@dataclass(frozen=True, slots=True)
class Skipped:
    """An input file (or one record of a file of many articles) that did not become an article, and why."""

    source_file: str
    reason: str
    record: str | None = None  # which record of the file, as `RawArticle.record`; None: the whole file

    @property
    def location(self) -> str:
        """The file, and the record in it when there is one: "export.csv, row 12"."""
        return location(self.source_file, self.record)


@dataclass(frozen=True, slots=True)
class Article:
    """A cleaned article: body paragraphs with site furniture removed, outlet inferred or given."""

    id: str
    source_file: str
    kind: str
    headline: str | None
    paragraphs: tuple[str, ...]
    removed: tuple[str, ...]
    outlet: str | None
    outlet_evidence: str | None  # the line or field the outlet was read from
    republisher: str | None
    byline: str | None
    published: str | None
    url: str | None  # the original article's URL (http/https only)
    record: str | None = None  # where in a file of many articles (as `RawArticle.record`)
    captured: str | None = None  # when the page was captured (a labelled fallback, never taken for `published`)

    @property
    def location(self) -> str:
        """The source file, and the record in it when there is one: "export.csv, row 12"."""
        return location(self.source_file, self.record)

    @property
    def text(self) -> str:
        """The cleaned body: paragraphs separated by one blank line (offsets everywhere refer to this)."""
        return "\n\n".join(self.paragraphs)

    @property
    def display_outlet(self) -> str:
        """The outlet's name, or an honest label naming the file when it cannot be identified."""
        return self.outlet or f"Unidentified source ({self.location})"


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of an article's cleaned text, located by character offsets into `Article.text`."""

    article_id: str
    index: int  # position among the article's sentences
    paragraph: int  # index of the paragraph holding it
    start: int
    end: int
    text: str
