"""`make fetch`'s entries in the sidecar: each fetched page's URL and fetch time, added to what is there, never over
it. A YAML sidecar keeps the user's comments and layout: the new entries are inserted as text under `articles:`, and
the result must parse to exactly the old content plus the new entries, or the file is left as it was. A JSON sidecar
(which has no comments) is rewritten whole."""

from __future__ import annotations

import json
import os
import re
import tempfile
from pathlib import Path

import yaml

HEADER = (
    '# The sidecar: metadata for the files in this folder (README, "The sidecar"). `make fetch` adds each page it\n'
    "# fetches with its URL and fetch time; correct or add anything: what you write here wins.\n"
)
_ARTICLES = re.compile(r"^articles[ \t]*:[ \t]*(#.*)?$")
Entries = dict[str, dict[str, str]]


class SidecarWriteError(Exception):
    """The sidecar could not be updated without risk to what is in it; it was left as it was."""


def add_entries(path: Path, entries: Entries) -> list[str]:
    """Add an entry for each file the sidecar has none for; return the names added (the others are the user's)."""
    text = path.read_text(encoding="utf-8-sig") if path.exists() else ""
    if path.suffix.lower() == ".json":
        data = _parsed(text, json.loads, "JSON") if text.strip() else {}
    else:
        data = _parsed(text, yaml.safe_load, "YAML")
    data = {} if data is None else data
    if not isinstance(data, dict) or not isinstance(data.get("articles") or {}, dict):
        raise SidecarWriteError(f"{path.name} is not a mapping with an 'articles' mapping: left as it was")
    articles = data.get("articles") or {}
    new = {name: fields for name, fields in entries.items() if name not in articles}
    if not new:
        return []
    expected = {**data, "articles": {**articles, **new}}
    if path.suffix.lower() == ".json":
        updated = json.dumps(expected, indent=2, ensure_ascii=False) + "\n"
    else:
        updated = _inserted(text if text.strip() else HEADER, new)
        if yaml.safe_load(updated) != expected:
            raise SidecarWriteError(
                f"{path.name}: the entries could not be added as text without changing what is there "
                "(is 'articles:' written in flow style?): left as it was"
            )
    _write(path, updated)
    return list(new)


def _parsed(text: str, parse, kind: str):
    try:
        return parse(text)
    except (ValueError, yaml.YAMLError) as exc:
        raise SidecarWriteError(f"the sidecar does not parse as {kind} ({exc}): left as it was") from exc


def entries_text(entries: Entries, indent: str = "  ") -> str:
    """The entries as YAML lines under `articles:` (also what a user is shown when the file cannot be updated)."""
    dumped = yaml.safe_dump(entries, default_flow_style=False, allow_unicode=True, sort_keys=False, width=1000)
    return "".join(indent + line + "\n" for line in dumped.splitlines())


def _inserted(text: str, new: Entries) -> str:
    """The YAML text with the new entries at the end of the `articles:` block (added at the end when none)."""
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    start = next((i for i, line in enumerate(lines) if _ARTICLES.match(line.rstrip("\r\n"))), None)
    if start is None:
        return "".join(lines) + "articles:\n" + entries_text(new)
    end = next((j for j in range(start + 1, len(lines)) if _top_level(lines[j])), len(lines))
    while end > start + 1 and _blank_or_comment(lines[end - 1]):
        end -= 1  # comments just before the next section belong to it
    indent = next((_indent(lines[j]) for j in range(start + 1, end) if not _blank_or_comment(lines[j])), "  ")
    return "".join(lines[:end]) + entries_text(new, indent) + "".join(lines[end:])


def _top_level(line: str) -> bool:
    return bool(line.strip()) and not line[0].isspace() and not line.startswith("#")


def _blank_or_comment(line: str) -> bool:
    return not line.strip() or line.lstrip().startswith("#")


def _indent(line: str) -> str:
    return line[: len(line) - len(line.lstrip(" "))] or "  "


def _write(path: Path, text: str) -> None:
    """Replace the file in one step (an interrupted fetch never leaves half a sidecar)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(
        "w", encoding="utf-8", dir=path.parent, prefix=".", suffix=".tmp", delete=False
    ) as fh:
        fh.write(text)
    os.replace(fh.name, path)
