"""Saved RSS and Atom feeds (`.rss`, `.atom`, `.xml`) -> one raw article per entry that carries the full text, read
by feedparser (whose sanitizer drops scripts and event handlers; the HTML is then read block by block).

An entry with only a teaser (fewer than MIN_FULL_WORDS words, or only an Atom summary) is reported as such: its link
can be fetched with `make fetch` to read the article itself.
"""

from __future__ import annotations

import io
from collections.abc import Iterator

import feedparser

from ..records import RawArticle, Skipped
from .decode import DecodeError, decode_text
from .record import record_article

Result = RawArticle | Skipped
MIN_FULL_WORDS = 80  # below this an entry's text is a teaser, not the article
_TEXT_TYPES = ("text/html", "application/xhtml+xml", "text/plain", "html", "xhtml", "text")


def read_feed(path: str, data: bytes, stem: str, columns: object = ()) -> Iterator[Result]:
    """Each entry, in the feed's order: an article, or why it is none."""
    feed = _parse(data)
    if feed is None:
        yield Skipped(path, "not an RSS or Atom feed (no feed element and no entries found)")
        return
    if not feed.entries:
        yield Skipped(path, "a feed without entries")
        return
    outlet = feed.feed.get("title")
    atom = str(feed.version).startswith("atom")
    for number, entry in enumerate(feed.entries, 1):
        yield _entry(path, stem, f"entry {number}", entry, outlet, atom)


def _parse(data: bytes):
    """The parsed feed: by the XML's own encoding declaration (as XML requires); when that fails, as decoded by
    read/decode.py (byte-order marks, UTF-8, detection). None when it is no feed."""
    feed = feedparser.parse(io.BytesIO(data))
    if "encoding" in type(feed.get("bozo_exception")).__name__.lower() or not feed.version:
        try:
            text, _ = decode_text(data)
        except DecodeError:
            return feed if feed.version else None
        again = feedparser.parse(
            io.BytesIO(text.encode("utf-8")), response_headers={"content-type": "text/xml; charset=utf-8"}
        )
        feed = again if again.version or again.entries else feed
    return feed if feed.version or feed.entries else None


def _entry(path: str, stem: str, label: str, entry, outlet: str | None, atom: bool) -> Result:
    content = next((c.get("value") for c in entry.get("content") or () if c.get("type") in _TEXT_TYPES), None)
    summary = entry.get("summary")
    link = entry.get("link")
    text = content or summary
    if not text or not str(text).strip():
        return Skipped(path, "an entry without text" + _fetch_hint(link), label)
    values = {
        "text": str(text),
        "headline": entry.get("title"),
        "url": link,
        "outlet": outlet,
        "published": entry.get("published") or entry.get("updated"),
        "byline": entry.get("author"),
        "id": entry.get("id") or link,
    }
    raw = record_article(path, "feed", stem, label, values)
    if isinstance(raw, Skipped):
        return raw
    words = sum(len(p.split()) for p in raw.paragraphs)
    if not content and atom:
        return Skipped(path, f"only a summary ({words} words), not the full text" + _fetch_hint(link), label)
    if words < MIN_FULL_WORDS:
        return Skipped(path, f"only a teaser ({words} words), not the full text" + _fetch_hint(link), label)
    return raw


def _fetch_hint(link: str | None) -> str:
    return f"; `make fetch` its link to read the article: {link}" if link else ""
