"""Export records -> article fields: which column holds the headline, the text, the URL and the rest, by the names
tools commonly give them (text/lexicon.toml's [export_columns]) or as the sidecar's `columns:` section names them.

columns:                      # for every export in the seeds folder
  text: Full Text             # our field: the export's column (or JSON key)
  outlet: Publication
  monitor.csv:                # or for one file (by name, path or stem), over the section's general mapping
    headline: Story Title
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import PurePosixPath

from ..text.lexicon import EXPORT_COLUMNS

# The names a user may give our fields under `columns:` (the first of each is ours).
FIELD_NAMES = {
    "headline": "headline",
    "title": "headline",
    "text": "text",
    "body": "text",
    "content": "text",
    "url": "url",
    "link": "url",
    "outlet": "outlet",
    "source": "outlet",
    "published": "published",
    "date": "published",
    "byline": "byline",
    "author": "byline",
    "id": "id",
}
_SEPARATORS = re.compile(r"[\s.\-]+")
Columns = tuple[tuple[str, str, str], ...]  # (scope: "" for every file or a file's name, our field, their column)


def normalise_name(name: str) -> str:
    """How column names are compared: "Publish Date", "publish-date" and "publish_date" are one name."""
    return _SEPARATORS.sub("_", name.strip().lower())


def parse_columns(section: object, where: str) -> tuple[Columns, list[str]]:
    """The sidecar's `columns:` section as (scope, field, column) triples, and the problems found in it."""
    if section is None:
        return (), []
    if not isinstance(section, dict):
        return (), [f"{where}: 'columns' must map our fields to the export's column names; ignored"]
    out: list[tuple[str, str, str]] = []
    problems: list[str] = []
    for key, value in sorted(section.items(), key=lambda kv: str(kv[0])):
        if isinstance(value, dict):
            for field, column in sorted(value.items(), key=lambda kv: str(kv[0])):
                problems += _add(out, str(key), field, column, f"{where} [columns: {key}]")
        else:
            problems += _add(out, "", key, value, f"{where} [columns]")
    return tuple(out), problems


def _add(out: list[tuple[str, str, str]], scope: str, field: object, column: object, where: str) -> list[str]:
    name = FIELD_NAMES.get(str(field).strip().lower())
    if name is None:
        return [f"{where}: unknown field {field!r} ignored (known: {', '.join(sorted(FIELD_NAMES))})"]
    if not isinstance(column, str | int) or not str(column).strip():
        return [f"{where}: {field!r} must name one column; ignored"]
    out.append((scope, name, str(column).strip()))
    return []


def columns_for(columns: Columns, path: str) -> tuple[tuple[str, str], ...]:
    """One file's mapping: the general one, with what is given for this file (by path, name or stem) over it."""
    names = {path, PurePosixPath(path).name, PurePosixPath(path).stem, PurePosixPath(PurePosixPath(path).stem).stem}
    chosen = {field: column for scope, field, column in columns if not scope}
    chosen.update({field: column for scope, field, column in columns if scope in names})
    return tuple(sorted(chosen.items()))


def choose_columns(keys: Iterable[str], given: tuple[tuple[str, str], ...]) -> tuple[dict[str, str], list[str]]:
    """For each field, the key (as the export spells it) that holds it: the user's column, else the first common
    name present. Returns the choice and, for each column the user named that is not there, a problem."""
    spelled = {normalise_name(k): k for k in reversed(list(keys))}  # the first spelling of a name wins
    chosen: dict[str, str] = {}
    missing: list[str] = []
    for field, column in given:
        if normalise_name(column) in spelled:
            chosen[field] = spelled[normalise_name(column)]
        else:
            missing.append(f"the sidecar's columns: {field}: {column!r} is not a column here")
    for field, names in EXPORT_COLUMNS.items():
        if field not in chosen:
            found = next((spelled[n] for n in names if n in spelled), None)
            if found is not None:
                chosen[field] = found
    return chosen, missing


def plain_value(value: object) -> str | None:
    """A cell or JSON value as one line of text: lists joined, an object by its name, nothing for empty values."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, dict):
        return plain_value(value.get("name") or value.get("title") or value.get("url"))
    if isinstance(value, list):
        parts = [p for p in (plain_value(v) for v in value) if p]
        return ", ".join(parts) or None
    text = str(value).strip()
    return text or None
