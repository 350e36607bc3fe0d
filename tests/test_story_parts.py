"""A big story's page stays small: long tables show their first rows and every row is on a part page."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from coverage_digest.site import story_parts
from coverage_digest.site.paths import part_path
from coverage_digest.site.story_parts import first, fold_columns
from support import broken_links, build_site, validator_errors

pytestmark = pytest.mark.site

CITIES = ("Lisbon", "Porto", "Braga", "Faro", "Evora", "Coimbra", "Aveiro", "Leiria", "Viseu", "Tomar")


def one_story(folder: Path, count: int) -> None:
    """`count` outlets' versions of one event: the same facts and quote, each with a line of its own."""
    folder.mkdir()
    for i in range(count):
        text = (
            f"Flood Hits {CITIES[0]}\n\n"
            f"Floods in {CITIES[0]} forced 4,000 people from their homes on Monday, officials said.\n\n"
            "“The water rose faster than anyone expected,” Mayor Ana Costa said.\n\n"
            f"Reporter {i} of outlet {i} saw rescue boats in {CITIES[i % len(CITIES)]} street number {i}.\n"
        )
        (folder / f"outlet{i:02d}.md").write_text(f"---\noutlet: Outlet {i:02d}\n---\n{text}", encoding="utf-8")


@pytest.fixture
def small_pages(monkeypatch):
    """Tables cut after 3 rows, part pages of 4 rows: a story of 10 articles shows the whole mechanism."""
    monkeypatch.setitem(story_parts.ON_STORY_PAGE, "sources", 3)
    monkeypatch.setitem(story_parts.PER_PART_PAGE, "sources", 4)


def test_a_long_table_shows_its_first_rows_and_every_row_is_on_a_part_page(tmp_path, small_pages):
    seeds, out = tmp_path / "seeds", tmp_path / "out"
    one_story(seeds, 10)
    digest = build_site(seeds, out)
    (story,) = digest["stories"]
    page = BeautifulSoup((out / story["url"]).read_text(encoding="utf-8"), "html.parser")
    rows = page.select("table.sources tbody tr")
    assert len(rows) == 3
    note = page.select_one("#sources-h").find_parent("section").select_one("p.parts")
    assert "Rows 1–3 of 10 sources" in note.get_text(" ", strip=True)
    links = [a["href"] for a in note.select("a")]
    expected = [part_path(story["url"], "sources", n) for n in (1, 2, 3)]
    assert links == [f"../{p}" for p in expected]
    listed = []
    for n, path in enumerate(expected, 1):
        part = BeautifulSoup((out / path).read_text(encoding="utf-8"), "html.parser")
        assert part.select_one("h1").get_text(strip=True).startswith("The sources:")
        assert part.select_one('nav.crumbs a[href$=".html"]:not(:first-child)') is not None
        listed += [a["href"] for a in part.select("table.sources tbody tr a[href]")]
        assert part.select_one('p.parts span[aria-current="page"]').get_text() == f"{(n - 1) * 4 + 1}–{min(10, n * 4)}"
    # every article of the story, once, in story order, across the part pages
    assert [h.rsplit("/", 1)[-1] for h in listed] == [a.rsplit("/", 1)[-1] for a in _article_urls(digest)]
    sitemap = (out / "sitemap.xml").read_text(encoding="utf-8")
    assert all(p in sitemap for p in expected)
    assert broken_links(out) == []
    assert validator_errors(out) == []


def test_a_short_table_has_no_part_pages(tmp_path):
    seeds, out = tmp_path / "seeds", tmp_path / "out"
    one_story(seeds, 4)
    digest = build_site(seeds, out)
    (story,) = digest["stories"]
    page = (out / story["url"]).read_text(encoding="utf-8")
    assert 'class="note parts"' not in page
    assert not list((out / story["url"]).parent.glob("*-sources-*.html"))


def _article_urls(digest: dict) -> list[str]:
    (story,) = digest["stories"]
    by_id = {a["id"]: a["url"] for a in digest["articles"]}
    return [by_id[i] for i in story["article_ids"]]


def test_part_pages_follow_the_table_sizes(monkeypatch):
    """Which part pages exist comes from the same counts that decide which rows each page shows."""
    shown = story_parts.ON_STORY_PAGE
    sizes = {
        "sources": 450,
        "quotes": shown["quotes"] + 1,
        "fragments": shown["fragments"],
        "figures": shown["figures"],
        "pairs": 0,
        "claims": 101,
    }
    monkeypatch.setattr(story_parts, "table_sizes", lambda doc: sizes)
    pages = story_parts.part_pages(None)  # type: ignore[arg-type]
    assert pages == [("sources", 1), ("sources", 2), ("sources", 3), ("quotes", 1), ("claims", 1), ("claims", 2)]


def test_lists_inside_a_row_say_how_many_more():
    assert first(list(range(20)), 12) == (list(range(12)), 8)
    assert first([1, 2], 12) == ([1, 2], 0)


def test_tables_with_too_many_outlet_columns_fold_into_totals():
    columns = [f"Outlet {i}" for i in range(story_parts.MAX_COLUMNS + 1)]
    rows = [{"entity": "Ana Costa", "cells": [0, 2, 1] + [0] * (len(columns) - 3)}]
    folded_columns, folded, did = fold_columns(columns, rows, "Mentions")
    assert did and folded_columns == ["Articles", "Mentions"] and folded[0]["cells"] == [2, 3]
    assert fold_columns(columns[:3], rows, "Mentions")[2] is False
