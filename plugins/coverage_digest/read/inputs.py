"""Seed files -> raw articles, one or many per file: the one place that says which reader reads which suffix.

A `.txt`, `.md` or `.html` file is one article (read/ingest.py). An export (`.csv`, `.json`, `.jsonl`), a web
archive (`.warc`, `.warc.gz`) or a saved feed (`.rss`, `.atom`, `.xml`) holds many: each record becomes an article
(`<file stem>-<record key>`, its place in the file in `record`) or a Skipped record saying where and why.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import PurePosixPath
from typing import Any

from ..records import Metadata, RawArticle, SeedFile, Skipped
from .columns import columns_for
from .decode import DecodeError, decode_text
from .exports import read_csv, read_json, read_jsonl
from .feeds import read_feed
from .given import Given, as_given
from .ingest import ARTICLE_SUFFIXES, ingest_file, with_given
from .sidecar import Sidecar
from .warc import read_warc

Result = RawArticle | Skipped
# reader(path, the decoded text (or the bytes), file stem, export columns) -> one result per record, in file order
Reader = Callable[[str, Any, str, tuple[tuple[str, str], ...]], Iterable[Result]]
TEXT_READERS: dict[str, Reader] = {".csv": read_csv, ".json": read_json, ".jsonl": read_jsonl, ".ndjson": read_jsonl}
# Readers of bytes: a web archive's records and a feed (by its XML encoding declaration) decode themselves.
BYTES_READERS: dict[str, Reader] = {
    ".warc": read_warc,
    ".warc.gz": read_warc,
    ".rss": read_feed,
    ".atom": read_feed,
    ".xml": read_feed,
}
MANY_SUFFIXES = tuple(TEXT_READERS) + tuple(BYTES_READERS)
ALL_SUFFIXES = tuple(sorted(ARTICLE_SUFFIXES)) + MANY_SUFFIXES


def suffix_of(path: str) -> str:
    """The registered suffix a file name ends with (the longest: `.warc.gz` before `.gz`), else its last one."""
    name = PurePosixPath(path).name.lower()
    known = [s for s in ALL_SUFFIXES if name.endswith(s) and len(name) > len(s)]
    return max(known, key=len) if known else PurePosixPath(name).suffix


def file_stem(path: str) -> str:
    """The file's name without its registered suffix: the first part of each of its articles' ids."""
    name = PurePosixPath(path).name
    return name[: len(name) - len(suffix_of(path))] or name


def holds_many(path: str) -> bool:
    """Whether a file holds many articles (an export, a web archive, a feed) rather than one."""
    return suffix_of(path) in MANY_SUFFIXES


def given_for(sidecar: Sidecar, path: str) -> Given:
    """The sidecar's share for one file: its own entry; for a file of many articles also the entries naming one of
    its records' ids (`<stem>-...`) and its export columns."""
    if not holds_many(path):
        return Given(file=sidecar.for_file(path))
    prefix = file_stem(path) + "-"
    records = tuple((key, meta) for key, meta in sidecar.metadata if key.startswith(prefix))
    return Given(sidecar.for_file(path), records, columns_for(sidecar.columns, path))


def read_file(seed: SeedFile, given: Given | Metadata = Metadata()) -> tuple[Result, ...]:
    """Every article in one seed file (or the reasons it and its records give none), in the file's order."""
    given = as_given(given)
    suffix = suffix_of(seed.path)
    if suffix in ARTICLE_SUFFIXES:
        return (ingest_file(seed, given.file),)
    if suffix not in MANY_SUFFIXES:
        return (Skipped(seed.path, f"not an article file (expected one of {', '.join(sorted(ALL_SUFFIXES))})"),)
    if not seed.data.strip():
        return (Skipped(seed.path, "empty file"),)
    if suffix in BYTES_READERS:
        results = BYTES_READERS[suffix](seed.path, seed.data, file_stem(seed.path), given.columns)
        return _checked(seed.path, results, given, None)
    try:
        text, encoding = decode_text(seed.data)
    except DecodeError as exc:
        return (Skipped(seed.path, str(exc)),)
    results = TEXT_READERS[suffix](seed.path, text, file_stem(seed.path), given.columns)
    return _checked(seed.path, results, given, encoding)


def _checked(path: str, results: Iterable[Result], given: Given, encoding: str | None) -> tuple[Result, ...]:
    """Each article with what the user gave it; a second record with the same id (same URL or id) is a duplicate."""
    out: list[Result] = []
    seen: dict[str, str | None] = {}
    for item in results:
        if isinstance(item, RawArticle):
            if item.id in seen:
                first = seen[item.id]
                item = Skipped(path, f"duplicate of {first} (the same URL or id): read once", item.record)
            else:
                seen[item.id] = item.record
                item = with_given(item, given.for_record(item.id), encoding or item.encoding)
        out.append(item)
    if not out:
        return (Skipped(path, "no records in the file"),)
    return tuple(out)
