"""The optional sidecar file in the seeds folder: per-file metadata a user gives or corrects, and story overrides.

articles:
  000_example.txt:            # a file name (relative to the seeds folder) or an article id
    outlet: The Daily Example
    url: https://example.com/story
    published: 2024-05-05
    headline: As printed
stories:
  merge: [[a_id, b_id]]       # these articles are one story
  split: [[c_id]]             # these articles leave their story (together, as a story of their own)
columns:                      # which column of an export holds which field (read/columns.py)
  text: Full Text
"""

from __future__ import annotations

import logging
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from ..records import Metadata
from .columns import Columns, parse_columns
from .metadata import metadata_from_mapping
from .yaml_data import YamlDataError, load_yaml

log = logging.getLogger(__name__)
SECTIONS = {"articles", "stories", "columns"}


class SidecarError(ValueError):
    """The sidecar cannot be used; the message gives the reason."""


@dataclass(frozen=True, slots=True)
class Sidecar:
    """Parsed sidecar: metadata keyed by file name or article id, plus story merge/split overrides."""

    metadata: tuple[tuple[str, Metadata], ...] = ()
    merge: tuple[tuple[str, ...], ...] = ()
    split: tuple[tuple[str, ...], ...] = ()
    problems: tuple[str, ...] = field(default=())
    columns: Columns = ()  # export columns: (file or "" for every file, our field, the export's column)

    name: str = "the sidecar"

    def for_file(self, path: str) -> Metadata:
        """Metadata for one seed file, looked up by relative path, file name or article id (names compared in
        Unicode NFC: a name typed on one system and saved on another may be composed differently)."""
        keys = _names_of(path)
        return next((meta for key, meta in self.metadata if _nfc(key) in keys), Metadata())

    def unmatched(self, paths: Iterable[str], article_ids: Iterable[str]) -> tuple[str, ...]:
        """The entries that name no seed file and no article (a typo, a renamed file): worth a warning."""
        known = {name for path in paths for name in _names_of(path)} | {_nfc(i) for i in article_ids}
        return tuple(key for key, _ in self.metadata if _nfc(key) not in known)


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _names_of(path: str) -> set[str]:
    return {_nfc(path), _nfc(PurePosixPath(path).name), _nfc(PurePosixPath(path).stem)}


def parse_sidecar(text: str, name: str) -> Sidecar:
    """Parse the sidecar's YAML (JSON is YAML too); raise SidecarError when it is not usable at all."""
    try:
        data = load_yaml(text)
    except YamlDataError as exc:
        raise SidecarError(f"{name} {exc}") from exc
    if data is None:
        return Sidecar()
    if not isinstance(data, dict):
        raise SidecarError(f"{name} must be a mapping with 'articles' and/or 'stories'")
    problems = [f"{name}: unknown section {k!r} ignored" for k in sorted(map(str, data)) if k not in SECTIONS]
    articles = data.get("articles") or {}
    if not isinstance(articles, dict):
        raise SidecarError(f"{name}: 'articles' must map file names to fields")
    metadata = []
    for key in sorted(articles, key=str):
        entry = articles[key]
        if not isinstance(entry, dict):
            problems.append(f"{name}: entry {key!r} is not a mapping of field: value; ignored")
            continue
        metadata.append((str(key), metadata_from_mapping(entry, f"{name} [{key}]")))
    stories = data.get("stories") or {}
    if not isinstance(stories, dict):
        raise SidecarError(f"{name}: 'stories' must have 'merge' and/or 'split' lists")
    columns, column_problems = parse_columns(data.get("columns"), name)
    problems += column_problems
    for problem in problems:
        log.warning(problem)
    merge, split = _groups(stories.get("merge"), name), _groups(stories.get("split"), name)
    return Sidecar(tuple(metadata), merge, split, tuple(problems), columns, name)


def _groups(value: object, name: str) -> tuple[tuple[str, ...], ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(g, list) for g in value):
        raise SidecarError(f"{name}: story merge/split must be a list of lists of article ids")
    return tuple(tuple(str(i) for i in group) for group in value)
