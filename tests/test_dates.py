"""Publication dates: every spelling to ISO 8601 with its zone kept, and compared as moments, never as strings."""

from __future__ import annotations

import pytest

from coverage_digest.read.dates import compare_dates, normalise_date, page_published, parse_moment, sort_key


@pytest.mark.parametrize(
    ("written", "iso"),
    [
        ("2024-05-05", "2024-05-05"),
        ("2024-05-05 14:30", "2024-05-05T14:30"),
        ("2024-05-05T14:30:00+0200", "2024-05-05T14:30:00+02:00"),
        ("2024-05-05T14:30:00z", "2024-05-05T14:30:00+00:00"),
        ("Sun, 05 May 2024 14:30:00 +0200", "2024-05-05T14:30:00+02:00"),
        ("Sun, 05 May 2024 14:30:00 GMT", "2024-05-05T14:30:00+00:00"),
        ("05/06/2024", None),  # May or June: refused, not guessed
        ("2024-02-30", None),
        ("", None),
    ],
)
def test_dates_are_normalised_to_iso_8601_with_the_zone_kept(written, iso):
    assert normalise_date(written) == iso


@pytest.mark.parametrize(
    ("a", "b", "order"),
    [
        # The strings sort the other way: 23:30 in New York is 04:30 the next day in London.
        ("2024-05-01T23:30:00-05:00", "2024-05-02T02:00:00+00:00", 1),
        ("2024-05-02T02:00:00Z", "2024-05-02T04:00:00+02:00", 0),  # the same instant
        ("2024-05-01", "2024-05-03", -1),  # days compare by day
        ("2024-05-03", "2024-05-01T10:00:00+00:00", 1),
        ("2024-05-01", "2024-05-01T10:00:00+00:00", None),  # same day, one without a time: unknown
        ("2024-05-01", "2024-05-01", None),
        ("2024-05-01T10:00", "2024-05-01T20:00:00+00:00", None),  # no zone: 10 hours could be any order
        ("2024-05-01T10:00", "2024-05-03T10:00:00+00:00", -1),  # no zone closes 48 hours
        (None, "2024-05-01", None),
        ("not a date", "2024-05-01", None),
    ],
)
def test_dates_compare_as_moments_and_unknown_stays_unknown(a, b, order):
    assert compare_dates(a, b) == order
    assert compare_dates(b, a) == (None if order is None else -order)


def test_a_moment_says_how_precise_it_is():
    assert parse_moment("2024-05-01").precision == "day"
    moment = parse_moment("2024-05-01T10:00:00+02:00")
    assert moment.precision == "time" and moment.aware and moment.day.isoformat() == "2024-05-01"
    assert not parse_moment("2024-05-01T10:00").aware


def test_lists_sort_by_instant_where_a_zone_is_known_and_undated_last():
    dates = [None, "2024-05-02T02:00:00+00:00", "2024-05-01T23:30:00-05:00", "2024-05-01"]
    assert sorted(dates, key=sort_key) == ["2024-05-01", "2024-05-02T02:00:00+00:00", "2024-05-01T23:30:00-05:00", None]


def test_a_page_keeps_its_publication_time_and_zone_from_its_metadata():
    html = '<meta property="article:published_time" content="2024-05-05T14:30:00+0200"><p>text</p>'
    assert page_published(html, "2024-05-05") == "2024-05-05T14:30:00+02:00"
    ld = '<script type="application/ld+json">{"datePublished": "2024-05-05T08:00:00-04:00"}</script>'
    assert page_published(ld, None) == "2024-05-05T08:00:00-04:00"
    assert page_published(html, "2024-06-01") == "2024-06-01"  # another day than the extractor's: not mixed
    assert page_published("<p>no dates</p>", None) is None
