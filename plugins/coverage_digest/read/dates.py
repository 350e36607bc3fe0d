"""Dates as exports, feeds and web archives write them -> ISO 8601, with the time zone kept as written.

ISO 8601 in any of its usual spellings and RFC 2822 ("Sun, 05 May 2024 14:30:00 +0200", what RSS uses) are read;
anything else ("05/06/2024": May or June?) is refused rather than guessed.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from email.utils import parsedate_to_datetime

from .metadata import MetadataError, iso_date


def normalise_date(text: str) -> str | None:
    """The date in ISO 8601, or None when it is not written in a form that says unambiguously what it is."""
    text = " ".join(text.split())
    if not text:
        return None
    try:
        return _extended_offset(iso_date(text))
    except MetadataError:
        pass
    for parse in (_iso, _rfc2822):
        found = parse(text)
        if found is not None:
            return found
    return None


def _extended_offset(text: str) -> str:
    """ "+0200" -> "+02:00" and "z" -> "Z": one spelling of the zone, whichever the source used."""
    return _BASIC_OFFSET.sub(r"\1:\2", text[:-1] + "Z" if text.endswith("z") else text)


_BASIC_OFFSET = re.compile(r"(?<=\d)([+-]\d{2})(\d{2})$")


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


# Offsets in use run from -12:00 to +14:00: two clock times written without a zone may be 26 hours apart and still
# be the same instant, so only a wider gap orders them.
_MAX_ZONE_SPREAD = dt.timedelta(hours=26)


@dataclass(frozen=True, slots=True)
class Moment:
    """A publication date as written: a day, or a time with or without its zone (nothing is invented)."""

    day: dt.date  # the calendar day as written (the local day of a time with a zone)
    time: dt.datetime | None  # None when only the day is written
    aware: bool  # whether the time carries its zone

    @property
    def precision(self) -> str:
        return "day" if self.time is None else "time"


def parse_moment(text: str | None) -> Moment | None:
    """The moment an ISO 8601 date or date-time stands for; None for no date or one that cannot be read."""
    if not text:
        return None
    text = text.strip()
    try:
        if len(text) == 10:
            return Moment(dt.date.fromisoformat(text), None, False)
        value = dt.datetime.fromisoformat(text.replace("z", "Z").replace("Z", "+00:00"))
    except ValueError:
        return None
    return Moment(value.date(), value, value.tzinfo is not None)


def compare_dates(a: str | None, b: str | None) -> int | None:
    """-1 when `a` was published before `b`, 1 after, 0 at the same instant; None when the dates cannot say."""
    x, y = parse_moment(a), parse_moment(b)
    return None if x is None or y is None else compare_moments(x, y)


def compare_moments(x: Moment, y: Moment) -> int | None:
    """As compare_dates. Two times with zones compare as instants. A date without a time compares by day (the same
    day: unknown). A time without a zone compares only across a gap no zone can close (over 26 hours)."""
    if x.time is not None and y.time is not None:
        if x.aware and y.aware:
            return _sign(x.time - y.time)
        gap = x.time.replace(tzinfo=None) - y.time.replace(tzinfo=None)
        return _sign(gap) if abs(gap) > _MAX_ZONE_SPREAD else None
    if x.day == y.day:
        return None
    return -1 if x.day < y.day else 1


def _sign(delta: dt.timedelta) -> int:
    return (delta > dt.timedelta(0)) - (delta < dt.timedelta(0))


def sort_key(text: str | None) -> tuple[int, str]:
    """A total order for lists (undated last): by UTC instant where a zone is known, else by the day as written."""
    moment = parse_moment(text)
    if moment is None:
        return (1, "")
    if moment.time is not None and moment.aware:
        return (0, moment.time.astimezone(dt.UTC).isoformat())
    return (0, moment.day.isoformat() + ("T" + moment.time.time().isoformat() if moment.time else ""))


def utc_day(text: str | None) -> str | None:
    """The calendar day (YYYY-MM-DD) a date is written on, as the reader sees it; None when there is none."""
    moment = parse_moment(text)
    return moment.day.isoformat() if moment else None


# Page metadata that holds the full publication time (trafilatura keeps only the day of it).
_META_NAMES = (
    "article:published_time",
    "og:published_time",
    "datepublished",
    "pubdate",
    "publishdate",
    "publish-date",
    "dc.date.issued",
    "dcterms.issued",
    "sailthru.date",
    "parsely-pub-date",
)
_META = re.compile(r"<meta\b[^>]*>", re.I)
_ATTR = re.compile(r"""(\w[\w:.-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_JSON_LD = re.compile(r""""datePublished"\s*:\s*"([^"]{10,40})\"""")


def page_published(html: str, day: str | None) -> str | None:
    """The page's publication date-time with its zone, from its meta tags or JSON-LD, when it falls on `day` (the
    day the extractor found; any day when it found none); else `day` as it was."""
    for value in _declared_times(html[:200_000]):
        found = normalise_date(value)
        if found and len(found) > 10 and (day is None or found[:10] == day[:10]):
            return found
    return day


def _declared_times(html: str):
    for tag in _META.findall(html):
        attrs = {m.group(1).lower(): m.group(2) if m.group(2) is not None else m.group(3) for m in _ATTR.finditer(tag)}
        key = (attrs.get("property") or attrs.get("name") or attrs.get("itemprop") or "").lower()
        if key in _META_NAMES and attrs.get("content"):
            yield attrs["content"]
    for match in _JSON_LD.finditer(html):
        yield match.group(1)


def readable_date(text: str | None) -> str | None:
    """A date as a reader reads it, nothing added: "2024-05-06", "2024-05-06 14:00 UTC+01:00 (13:00 UTC)",
    "2024-05-06 14:00 (no time zone given)"; an unreadable value as it is."""
    moment = parse_moment(text)
    if moment is None or moment.time is None:
        return text
    clock = moment.time.strftime("%H:%M" if moment.time.second == 0 else "%H:%M:%S")
    day = moment.day.isoformat()
    if not moment.aware:
        return f"{day} {clock} (no time zone given)"
    offset = moment.time.utcoffset() or dt.timedelta(0)
    if not offset:
        return f"{day} {clock} UTC"
    utc = moment.time.astimezone(dt.UTC)
    sign, minutes = ("+" if offset > dt.timedelta(0) else "-"), abs(int(offset.total_seconds())) // 60
    same_day = "" if utc.date() == moment.day else f"{utc.date().isoformat()} "
    return f"{day} {clock} UTC{sign}{minutes // 60:02d}:{minutes % 60:02d} ({same_day}{utc:%H:%M} UTC)"
