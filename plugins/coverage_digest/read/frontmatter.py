"""Markdown seeds: YAML (`---`) or Pelican-style (`Key: value`) front matter, then a Markdown body as paragraphs."""

from __future__ import annotations

import re

import markdown

from ..records import Metadata
from .markup_text import html_blocks
from .metadata import FIELD_ALIASES, metadata_from_mapping
from .textlayout import normalise_newlines
from .yaml_data import YamlDataError, load_yaml

_YAML_BLOCK = re.compile(r"^---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|$)", re.S)
_PELICAN_LINE = re.compile(r"^([A-Za-z][A-Za-z0-9_ -]{0,40}):[ \t]*(.*)$")


class FrontMatterError(ValueError):
    """Front matter that does not parse; the message gives the reason."""


def read_markdown(text: str, path: str = "a Markdown file") -> tuple[str | None, tuple[str, ...], Metadata]:
    """Return (headline, paragraphs, declared metadata) of a Markdown seed (`path` names it in warnings)."""
    text = normalise_newlines(text).lstrip("\ufeff")
    values, body = _split_front_matter(text)
    declared = metadata_from_mapping(values, f"{path}: front matter")
    blocks = html_blocks(markdown.markdown(body, output_format="html"))
    headline = declared.headline
    if blocks and blocks[0][0] == "h1":
        first = blocks.pop(0)[1]
        headline = headline or first
    return headline, tuple(text for _, text in blocks), declared


def _split_front_matter(text: str) -> tuple[dict, str]:
    match = _YAML_BLOCK.match(text)
    if match:
        try:
            values = load_yaml(match.group(1))
        except YamlDataError as exc:
            raise FrontMatterError(f"front matter {exc}") from exc
        if values is None:
            values = {}
        if not isinstance(values, dict):
            raise FrontMatterError("front matter is not a mapping of field: value")
        return values, text[match.end() :]
    return _pelican_front_matter(text)


def _pelican_front_matter(text: str) -> tuple[dict, str]:
    """Pelican's Markdown metadata: `Key: value` lines at the top, ended by a blank line; unknown keys end it too."""
    values: dict[str, str] = {}
    lines = text.split("\n")
    for i, line in enumerate(lines):
        match = _PELICAN_LINE.match(line)
        if not line.strip():
            return (values, "\n".join(lines[i + 1 :])) if values else ({}, text)
        if not match or match.group(1).strip().lower() not in FIELD_ALIASES:
            return {}, text
        values[match.group(1).strip()] = match.group(2).strip()
    return values, ""
