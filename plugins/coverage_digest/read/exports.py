"""Exports of many articles -> one raw article (or one reason) per record: CSV with a header row, JSON Lines (one
object a line) and JSON (a list of objects, an object with that list under a common key, or one article object), as
media-monitoring tools, news APIs and news-please write them. A bad row is reported by its number; the rest is read."""

from __future__ import annotations

import csv
import io
import json
import logging
from collections.abc import Iterator

from ..records import RawArticle, Skipped
from ..text.lexicon import EXPORT_COLUMNS, EXPORT_LIST_KEYS
from .columns import choose_columns, plain_value
from .record import record_article

log = logging.getLogger(__name__)
Result = RawArticle | Skipped
# A CSV field may hold a whole article: Python's default limit (128 KiB) is too small; the file's size limit applies.
CSV_FIELD_LIMIT = 50_000_000
_DELIMITERS = (",", ";", "\t", "|")


def read_csv(path: str, text: str, stem: str, columns: tuple[tuple[str, str], ...]) -> Iterator[Result]:
    """One article per row after the header (row 1); a row that does not fit the header is reported by number."""
    csv.field_size_limit(CSV_FIELD_LIMIT)
    rows = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text), strict=True)
    try:
        header = next(rows)
    except (csv.Error, StopIteration) as exc:
        yield Skipped(path, f"no CSV header row ({exc or 'empty'})")
        return
    chosen, missing = choose_columns(header, columns)
    if "text" not in chosen:
        yield Skipped(path, _no_text_column(header, missing))
        return
    for problem in missing:
        log.warning("%s: %s (the common column names are used)", path, problem)
    index = {field: header.index(column) for field, column in chosen.items()}
    number = 1
    while True:
        number += 1
        label = f"row {number}"
        try:
            row = next(rows)
        except StopIteration:
            return
        except csv.Error as exc:
            yield Skipped(path, _csv_error(exc), label)
            continue
        if not row:
            continue  # a blank line
        if len(row) != len(header):
            yield Skipped(path, f"{len(row)} values for the header's {len(header)} columns (a stray delimiter?)", label)
            continue
        values = {field: plain_value(row[i]) for field, i in index.items()}
        yield record_article(path, "csv", stem, label, values)


def _csv_error(exc: csv.Error) -> str:
    if "unexpected end of data" in str(exc):  # a quote opened in this row is never closed
        return f"not valid CSV ({exc}): a quote opened in this row is never closed, so the rows after it are in it"
    return f"not valid CSV ({exc})"


def _delimiter(text: str) -> str:
    """The header line's most frequent of comma, semicolon (spreadsheets in many locales), tab and bar."""
    header = text.lstrip("\ufeff").split("\n", 1)[0]
    return max(_DELIMITERS, key=header.count) if any(d in header for d in _DELIMITERS) else ","


def _no_text_column(header: list[str], missing: list[str]) -> str:
    names = ", ".join(repr(h) for h in header[:12]) + (", ..." if len(header) > 12 else "")
    said = f" ({'; '.join(missing)})" if missing else ""
    common = "/".join(EXPORT_COLUMNS["text"][:3])
    return (
        f"no article text column{said}: the header has {names}; name the column {common}, "
        "or map it in the sidecar (columns: text: <column>)"
    )


def read_jsonl(path: str, text: str, stem: str, columns: tuple[tuple[str, str], ...]) -> Iterator[Result]:
    """One article per line; a line that is not a JSON object is reported by number."""
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        label = f"line {number}"
        try:
            value = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Skipped(path, f"not valid JSON ({exc.msg} at column {exc.colno})", label)
            continue
        except RecursionError:
            yield Skipped(path, "JSON nested too deeply to read", label)
            continue
        yield _from_object(path, "jsonl", stem, label, value, columns)


def read_json(path: str, text: str, stem: str, columns: tuple[tuple[str, str], ...]) -> Iterator[Result]:
    """A list of article objects (or one under a common key such as "articles"), or a single article object."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        yield Skipped(path, f"does not parse as JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}")
        return
    except RecursionError:
        yield Skipped(path, "JSON nested too deeply to read")
        return
    items = _article_list(data)
    if items is None:
        keys = ", ".join(EXPORT_LIST_KEYS[:6])
        yield Skipped(path, f"no list of articles: expected a list of objects, or an object with one under {keys}, ...")
        return
    for number, item in enumerate(items, 1):
        yield _from_object(path, "json", stem, f"record {number}", item, columns)


def _article_list(data: object) -> list | None:
    if isinstance(data, list):
        return data
    if not isinstance(data, dict):
        return None
    for key in EXPORT_LIST_KEYS:
        found = data.get(key)
        if isinstance(found, list):
            return found
        if isinstance(found, dict) and isinstance(found.get(key), list):  # {"hits": {"hits": [...]}}
            return found[key]
    chosen, _ = choose_columns(map(str, data), ())
    return [data] if "text" in chosen else None


def _from_object(
    path: str, kind: str, stem: str, label: str, value: object, columns: tuple[tuple[str, str], ...]
) -> Result:
    if not isinstance(value, dict):
        return Skipped(path, f"not a JSON object (a {type(value).__name__})", label)
    if isinstance(value.get("_source"), dict):  # search-engine exports keep the document under _source
        value = {**value["_source"], **{k: v for k, v in value.items() if k == "_id"}}
    chosen, missing = choose_columns(map(str, value), columns)
    values = {field: _field_value(field, value[key]) for field, key in chosen.items()}
    result = record_article(path, kind, stem, label, values)
    if isinstance(result, Skipped) and missing:
        return Skipped(path, f"{result.reason}; {'; '.join(missing)}", label)
    return result


def _field_value(field: str, value: object) -> str | None:
    """A text kept as a list of paragraphs is joined with blank lines; every other value is one line."""
    if field == "text" and isinstance(value, list) and all(isinstance(v, str) for v in value):
        return "\n\n".join(value)
    if field == "text" and isinstance(value, str):
        return value
    return plain_value(value)
