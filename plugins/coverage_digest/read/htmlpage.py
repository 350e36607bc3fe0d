"""Saved HTML pages -> headline, paragraphs and page metadata, extracted by trafilatura (made for news pages)."""

from __future__ import annotations

import logging
import re

import trafilatura

from ..records import Metadata
from .dates import page_published
from .metadata import MetadataError, clean_value

log = logging.getLogger(__name__)
# Below this, what the extractor found is navigation or a stub (a menu, a cookie notice), not a news article.
MIN_ARTICLE_WORDS = 20
# A character reference XML cannot hold (&#12;, &#x0B;, &#xFFFE; ...) makes the parser drop the whole document: one
# such reference in a page read as "no article text". It stands for nothing printable; it becomes a space.
_NOT_XML_REFERENCE = re.compile(
    r"&#(?:0*(?:[0-8]|1[1-2]|1[4-9]|2\d|3[01])|x0*(?:[0-8bcBCeEfF]|1[0-9a-fA-F]|[fF]{3}[eEfF]|[dD][89a-fA-F][0-9a-fA-F]{2}));"
)


class NoArticleError(ValueError):
    """The page holds no article text that the extractor can find."""


def read_html(text: str) -> tuple[str | None, tuple[str, ...], Metadata]:
    """Return (headline, paragraphs, metadata the page declares) of a saved news page."""
    text = _NOT_XML_REFERENCE.sub(" ", text)
    try:
        doc = trafilatura.bare_extraction(text, with_metadata=True, include_comments=False, include_images=False)
    except (ValueError, TypeError, RecursionError, MemoryError) as exc:  # broken markup lxml cannot build a tree of
        raise NoArticleError(f"HTML page could not be parsed: {type(exc).__name__}") from exc
    body = (getattr(doc, "text", None) or "") if doc is not None else ""
    paragraphs = tuple(" ".join(line.split()) for line in body.split("\n") if line.strip())
    words = sum(len(p.split()) for p in paragraphs)
    if words < MIN_ARTICLE_WORDS:
        raise NoArticleError(
            f"HTML page has no article text (the extractor found {words} words of page text, not an article)"
        )
    assert doc is not None and not isinstance(doc, dict)  # bare_extraction with with_metadata gives a Document
    found = Metadata(
        outlet=_value("outlet", doc.sitename),
        url=_value("url", doc.url),
        published=_value("published", page_published(text, doc.date)),
        headline=_value("headline", doc.title),
        byline=_value("byline", doc.author),
    )
    return found.headline, paragraphs, found


def _value(name: str, value: object) -> str | None:
    try:
        return clean_value(name, value)
    except MetadataError as exc:
        log.debug("page metadata: %s", exc)
        return None
