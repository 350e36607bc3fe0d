"""Metadata values from users and pages: field names, safe URLs, ISO dates, precedence."""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import fields
from urllib.parse import urlsplit

from ..records import Metadata

log = logging.getLogger(__name__)

# Names people use for each field in front matter and sidecars, mapped to ours.
FIELD_ALIASES = {
    "outlet": "outlet",
    "source": "outlet",
    "publisher": "outlet",
    "site": "outlet",
    "site_name": "outlet",
    "url": "url",
    "link": "url",
    "published": "published",
    "date": "published",
    "headline": "headline",
    "title": "headline",
    "author": "byline",
    "authors": "byline",
    "byline": "byline",
    "republisher": "republisher",
    "captured": "captured",
    "fetched": "captured",
}
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$")
_MAX_FIELD = 500
_MAX_ITEMS = 50  # list items joined into one value (several authors)
_SURROGATE = re.compile("[\ud800-\udfff]")  # a lone surrogate ("\\ud800" in JSON) cannot be written to a page


class MetadataError(ValueError):
    """A metadata value that cannot be used; the message names the field and the reason."""


def metadata_from_mapping(values: dict, where: str) -> Metadata:
    """Build Metadata from a user's mapping, dropping (and logging) unknown keys and unusable values."""
    out: dict[str, str] = {}
    for key, value in sorted(values.items(), key=lambda kv: str(kv[0])):
        name = FIELD_ALIASES.get(str(key).strip().lower())
        if name is None:
            log.warning(
                "%s: unknown metadata field %r ignored (known: %s)", where, key, ", ".join(sorted(FIELD_ALIASES))
            )
            continue
        try:
            cleaned = clean_value(name, value)
        except MetadataError as exc:
            log.warning("%s: %s", where, exc)
            continue
        if cleaned is not None:
            out[name] = cleaned
    return Metadata(**out)


def clean_value(name: str, value: object) -> str | None:
    """Normalise one metadata value: text on one line, http(s) URLs only, ISO 8601 dates."""
    if value is None:
        return None
    if isinstance(value, list):
        if not all(isinstance(v, str | int | float) for v in value):
            raise MetadataError(f"{name}: a list of lists or mappings is not a value; ignored")
        value = ", ".join(str(v) for v in value[:_MAX_ITEMS])
    elif isinstance(value, dict):
        raise MetadataError(f"{name}: a mapping is not a value; ignored")
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    text = " ".join(_SURROGATE.sub("\ufffd", str(value)[: _MAX_FIELD * 4]).split())[:_MAX_FIELD]
    if not text:
        return None
    if name == "url":
        return safe_url(text)
    if name in {"published", "captured"}:
        return iso_date(text, name)
    return text


def safe_url(text: str) -> str:
    """Accept only absolute http(s) URLs: a link from input must never run script or point at the disk."""
    parts = urlsplit(text)
    if parts.scheme.lower() not in {"http", "https"} or not parts.netloc:
        raise MetadataError(f"url {text[:80]!r} ignored: only http:// and https:// links are allowed")
    return text


def iso_date(text: str, name: str = "published") -> str:
    """Accept ISO 8601 dates and date-times as written (and possible: no 30 February); anything else is refused
    rather than guessed."""
    if _ISO_DATE.match(text):
        try:
            dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError as exc:
            raise MetadataError(f"{name} {text[:40]!r} ignored: not a real date or time ({exc})") from exc
        return text.replace(" ", "T")
    raise MetadataError(f"{name} {text[:40]!r} ignored: write dates as ISO 8601 (2024-05-05 or 2024-05-05T14:30)")


def merge_metadata(*layers: Metadata) -> Metadata:
    """Field by field, the first layer that has a value wins."""
    merged = {}
    for f in fields(Metadata):
        merged[f.name] = next((getattr(m, f.name) for m in layers if getattr(m, f.name)), None)
    return Metadata(**merged)
