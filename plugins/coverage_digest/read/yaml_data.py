"""YAML (and JSON) from users' files, loaded so that no file can crash, hang or exhaust the build.

- Dates and times stay text: `metadata.iso_date` checks them, so an impossible date (2024-02-30) is one refused
  value with a message naming the file, not a crash in the YAML library.
- Anchors and aliases may expand a few hundred bytes into gigabytes (an "alias bomb"): the loaded data is walked with
  a budget and refused past MAX_EXPANDED_CHARS characters or MAX_DEPTH levels.
"""

from __future__ import annotations

from typing import Any

import yaml

MAX_EXPANDED_CHARS = 2_000_000  # characters of text (keys and values) the data may hold once aliases are expanded
MAX_DEPTH = 40  # nesting levels of mappings and lists
_TIMESTAMP = "tag:yaml.org,2002:timestamp"


class YamlDataError(ValueError):
    """The text cannot be used as data; the message says why (and where, when the parser knows)."""


class _TextDates(yaml.SafeLoader):
    """PyYAML's safe loader, with dates and times left as the text they were written as."""


_TextDates.yaml_implicit_resolvers = {
    first: [(tag, pattern) for tag, pattern in resolvers if tag != _TIMESTAMP]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def load_yaml(text: str) -> Any:
    """The data of a YAML or JSON text; YamlDataError when it does not parse or expands past the limits."""
    try:
        data = yaml.load(text, Loader=_TextDates)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).strip().split("\n")[0] or type(exc).__name__
        raise YamlDataError(f"does not parse as YAML{where}: {problem}") from exc
    except (ValueError, RecursionError, OverflowError) as exc:
        raise YamlDataError(f"does not parse as YAML: {type(exc).__name__}: {exc}") from exc
    _check_size(data)
    return data


def _check_size(data: Any) -> None:
    """Walk the data as if every alias were written out, and stop at the first limit it passes."""
    budget = MAX_EXPANDED_CHARS
    stack: list[tuple[Any, int]] = [(data, 0)]
    while stack:
        value, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise YamlDataError(f"nests deeper than {MAX_DEPTH} levels")
        if isinstance(value, dict):
            stack.extend((item, depth + 1) for pair in value.items() for item in pair)
        elif isinstance(value, list):
            stack.extend((item, depth + 1) for item in value)
        budget -= len(value) if isinstance(value, str) else 1
        if budget < 0:
            raise YamlDataError(
                f"holds more than {MAX_EXPANDED_CHARS:,} characters once its anchors and aliases are expanded "
                "(an alias bomb?); refused"
            )
