"""One record of a file of many articles (an export's row, a feed's entry) -> a raw article: its stable id, its text
as paragraphs, and the metadata the record declares."""

from __future__ import annotations

import hashlib
import logging
import re

from ..records import Metadata, RawArticle, Skipped
from .dates import normalise_date
from .markup_text import html_blocks
from .metadata import MetadataError, clean_value
from .textlayout import split_headline, split_paragraphs

log = logging.getLogger(__name__)
# Text with these tags is an HTML fragment (feeds and many exports carry the article's markup): read block by block,
# with scripts and styles dropped. Other text is read as a `.txt` seed is, so stray markup in it shows as text.
_HTML = re.compile(r"<(?:p|br|div|h[1-6]|ul|ol|li|blockquote|article|section|figure|table)\b[^>]*>", re.I)
METADATA_FIELDS = ("outlet", "url", "published", "headline", "byline")


def record_id(stem: str, key: str | None, label: str) -> str:
    """`<file stem>-<short hash of the record's id or URL>` (stable when the file's rows are reordered), else
    `<file stem>-<its label>` ("export-row12")."""
    if key:
        return f"{stem}-{hashlib.sha256(key.encode('utf-8', 'surrogatepass')).hexdigest()[:10]}"
    return f"{stem}-{label.replace(' ', '')}"


def text_paragraphs(text: str, headline_given: bool) -> tuple[str | None, tuple[str, ...]]:
    """A record's text as (headline, paragraphs): HTML fragments by their blocks, plain text as a `.txt` seed (its
    first line is the headline when it looks like one and the record gives none)."""
    if _HTML.search(text):
        return None, tuple(block for _, block in html_blocks(text))
    if headline_given:
        return None, split_paragraphs(text)
    headline, body = split_headline(text)
    return headline, split_paragraphs(body)


def record_article(
    source_file: str, kind: str, stem: str, label: str, values: dict[str, str | None]
) -> RawArticle | Skipped:
    """The article of one record, from its values by field (text, headline, url, outlet, published, byline, id)."""
    text = values.get("text")
    if not text or not text.strip():
        return Skipped(source_file, "no article text in this record (an empty or missing text column)", label)
    found = record_metadata(values, f"{source_file}, {label}")
    headline, paragraphs = text_paragraphs(text, bool(found.headline))
    if not paragraphs:
        return Skipped(source_file, "no article text in this record (only markup or whitespace)", label)
    key = values.get("id") or values.get("url")
    return RawArticle(record_id(stem, key, label), source_file, kind, headline, paragraphs, found=found, record=label)


def record_metadata(values: dict[str, str | None], where: str) -> Metadata:
    """What a record declares, cleaned as page metadata is; a value that cannot be used is dropped with a warning."""
    out: dict[str, str] = {}
    for name in METADATA_FIELDS:
        value = values.get(name)
        if value is None:
            continue
        if name == "published":
            value = normalise_date(value) or value
        try:
            cleaned = clean_value(name, value)
        except MetadataError as exc:
            log.warning("%s: %s", where, exc)
            continue
        if cleaned is not None:
            out[name] = cleaned
    return Metadata(**out)
