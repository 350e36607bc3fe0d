"""Seed files -> raw articles: decode, then read `.txt`, `.md` (front matter) or saved `.html` pages."""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import PurePosixPath

from ..records import Metadata, RawArticle, SeedFile, Skipped
from .decode import DecodeError, decode_text
from .frontmatter import FrontMatterError, read_markdown
from .htmlpage import NoArticleError, read_html
from .metadata import merge_metadata
from .textlayout import split_headline, split_paragraphs

log = logging.getLogger(__name__)

ARTICLE_SUFFIXES = {".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html"}


def article_id(path: str) -> str:
    """The seed file's name without its extension (the contract's article id)."""
    return PurePosixPath(path).stem


def ingest_file(seed: SeedFile, given: Metadata = Metadata()) -> RawArticle | Skipped:
    """Read one seed file; any problem becomes a Skipped record whose reason a user can act on."""
    kind = ARTICLE_SUFFIXES.get(PurePosixPath(seed.path).suffix.lower())
    if kind is None:
        return Skipped(seed.path, f"not an article file (expected one of {', '.join(sorted(ARTICLE_SUFFIXES))})")
    if not seed.data.strip():
        return Skipped(seed.path, "empty file")
    try:
        text, encoding = decode_text(seed.data)
    except DecodeError as exc:
        return Skipped(seed.path, str(exc))
    if not text.strip():
        return Skipped(seed.path, "empty file (only whitespace)")
    try:
        raw = _READERS[kind](seed.path, text)
    except (FrontMatterError, NoArticleError) as exc:
        return Skipped(seed.path, str(exc))
    if not raw.paragraphs:
        return Skipped(seed.path, "no article text after the headline and metadata")
    return with_given(raw, given, encoding)


def _read_txt(path: str, text: str) -> RawArticle:
    headline, body = split_headline(text)
    return RawArticle(article_id(path), path, "txt", headline, split_paragraphs(body))


def _read_md(path: str, text: str) -> RawArticle:
    headline, paragraphs, declared = read_markdown(text, path)
    return RawArticle(article_id(path), path, "md", headline, paragraphs, given=declared)


def _read_html(path: str, text: str) -> RawArticle:
    headline, paragraphs, found = read_html(text)
    return RawArticle(article_id(path), path, "html", headline, paragraphs, found=found)


_READERS = {"txt": _read_txt, "md": _read_md, "html": _read_html}


def with_given(raw: RawArticle, sidecar: Metadata, encoding: str) -> RawArticle:
    """The sidecar wins over front matter, which wins over what the page itself declares."""
    given = merge_metadata(sidecar, raw.given)
    headline = given.headline or raw.headline or raw.found.headline
    return replace(raw, headline=headline, given=given, encoding=encoding)
