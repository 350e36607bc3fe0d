"""Dates as exports, feeds and web archives write them -> ISO 8601, with the time zone kept as written.

ISO 8601 in any of its usual spellings and RFC 2822 ("Sun, 05 May 2024 14:30:00 +0200", what RSS uses) are read;
anything else ("05/06/2024": May or June?) is refused rather than guessed.
"""

from __future__ import annotations

import datetime as dt
from email.utils import parsedate_to_datetime

from .metadata import MetadataError, iso_date


def normalise_date(text: str) -> str | None:
    """The date in ISO 8601, or None when it is not written in a form that says unambiguously what it is."""
    text = " ".join(text.split())
    if not text:
        return None
    try:
        return iso_date(text)
    except MetadataError:
        pass
    for parse in (_iso, _rfc2822):
        found = parse(text)
        if found is not None:
            return found
    return None


def _iso(text: str) -> str | None:
    try:
        value = dt.datetime.fromisoformat(text.replace("z", "Z"))
    except ValueError:
        return None
    return value.isoformat()


def _rfc2822(text: str) -> str | None:
    try:
        value = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if value is None or not 1000 <= value.year <= 9999:
        return None
    return value.isoformat()  # "-0000" (no zone known) reads as naive: no zone is written, none is invented
