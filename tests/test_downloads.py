"""Researchers' CSV downloads: linked from each story's Data section, columns and row counts as in digest.json."""

from __future__ import annotations

import csv
import io

import pytest
from bs4 import BeautifulSoup

from coverage_digest.data.csv_files import ARTICLE_COLUMNS, QUOTE_COLUMNS, articles_csv, quotes_csv
from coverage_digest.site.paths import download_paths

pytestmark = pytest.mark.site


def rows(path) -> list[dict[str, str]]:
    raw = path.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")  # UTF-8 without a byte-order mark
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8"), newline="")))


def test_story_page_links_both_csv_files_and_they_exist(seed_site):
    out, digest = seed_site
    for story in digest["stories"]:
        page = BeautifulSoup((out / story["url"]).read_text(encoding="utf-8"), "html.parser")
        links = [a["href"] for a in page.select("#data-h ~ ul.downloads a")]
        assert [h for h in links if h.endswith(".csv")] == [f"../{p}" for p in download_paths(story["url"]).values()]
        for href in links:
            assert (out / story["url"]).parent.joinpath(href).resolve().is_file()


def test_quote_csv_has_one_row_per_printed_quote(seed_site):
    out, digest = seed_site
    for story in digest["stories"]:
        table = rows(out / download_paths(story["url"])["quotes"])
        assert tuple(table[0].keys()) == QUOTE_COLUMNS
        expected = sum(len(q["occurrences"]) + len(q["headline_occurrences"]) for q in story["quotes"])
        assert len(table) == expected
        by_occurrence = {r["occurrence_id"]: r for r in table if r["in_headline"] == "false"}
        for quote in story["quotes"]:
            for o in quote["occurrences"]:
                row = by_occurrence[o["quote_id"]]
                assert row["quote_id"] == quote["id"] and row["text_as_printed"] == o["text"]
                assert (row["start"], row["end"]) == (str(o["start"]), str(o["end"]))
                assert row["outlet"] == story["outlets"][o["article_id"]]


def test_article_csv_has_one_row_per_article_with_the_story_figures(seed_site):
    out, digest = seed_site
    articles = {a["id"]: a for a in digest["articles"]}
    for story in digest["stories"]:
        table = rows(out / download_paths(story["url"])["articles"])
        assert tuple(table[0].keys()) == ARTICLE_COLUMNS
        assert [r["article_id"] for r in table] == story["article_ids"]
        for row in table:
            a = articles[row["article_id"]]
            assert row["words"] == str(len(a["text"].split())) and row["source_file"] == a["source_file"]
            assert row["unique_sentences"] == str(len(story["unique_sentences"][a["id"]]))
        derived = {d["article_id"]: d for d in story["derivations"]}
        for aid, d in derived.items():
            row = next(r for r in table if r["article_id"] == aid)
            assert row["derived_from"] == d["from_article_id"] and float(row["derived_share"]) == d["share"]


def test_quotes_carried_matches_the_story_pages_at_a_glance(seed_site):
    out, digest = seed_site
    story = digest["stories"][0]
    page = BeautifulSoup((out / story["url"]).read_text(encoding="utf-8"), "html.parser")
    on_page = {
        tr.th.get_text(strip=True): tr.select("td")[1].get_text(strip=True)
        for tr in page.select("table.glance tbody tr")
    }
    table = rows(out / download_paths(story["url"])["articles"])
    assert {r["outlet"]: r["quotes_carried"] for r in table} == on_page


def test_csv_quotes_awkward_text_and_keeps_it_verbatim():
    story = {
        "article_ids": ["a"],
        "outlets": {"a": 'Outlet, "Quoted"'},
        "quotes": [
            {
                "id": "quote-1",
                "speaker": None,
                "text": 'He said "no",\nthen =SUM(1)',
                "table": "quotes",
                "kind": "full",
                "roles": [],
                "flags": [],
                "occurrences": [
                    {
                        "article_id": "a",
                        "text": 'He said "no",\nthen =SUM(1)',
                        "speaker_as_written": None,
                        "match": "verbatim",
                        "quote_id": "a-q0",
                        "start": 0,
                        "end": 9,
                    }
                ],
                "headline_occurrences": [],
            }
        ],
        "derivations": [],
        "unique_sentences": {"a": [0]},
        "quotes_carried": {"a": 1},
        "grouping": {"similarities": {"a": 1.0}},
    }
    articles = {
        "a": {
            "republisher": None,
            "headline": None,
            "byline": None,
            "published": None,
            "original_url": None,
            "source_file": "a.txt",
            "text": "x y",
            "url": "articles/a.html",
        }
    }
    parsed = list(csv.DictReader(io.StringIO(quotes_csv(story, articles), newline="")))
    assert parsed[0]["quote_text"] == 'He said "no",\nthen =SUM(1)' and parsed[0]["speaker"] == ""
    assert parsed[0]["outlet"] == 'Outlet, "Quoted"'
    assert quotes_csv(story, articles) == quotes_csv(story, articles)
    assert next(csv.DictReader(io.StringIO(articles_csv(story, articles))))["quotes_carried"] == "1"


@pytest.mark.parametrize(
    ("save_as", "expected"),
    [
        ("stories/a.html", ("stories/a-quotes.csv", "stories/a-articles.csv")),
        ("stories/a/index.html", ("stories/a/quotes.csv", "stories/a/articles.csv")),
        ("stories/a", ("stories/a-quotes.csv", "stories/a-articles.csv")),
    ],
)
def test_download_paths_follow_the_story_setting(save_as, expected):
    assert tuple(download_paths(save_as).values()) == expected


def test_cells_a_spreadsheet_would_run_are_neutralised():
    """OWASP's CSV injection advice: a leading apostrophe on text that begins like a formula; numbers untouched."""
    from coverage_digest.data.csv_files import _csv

    text = _csv(
        ("a", "b", "c"), [['=HYPERLINK("x")', "+1", -0.5], ["@SUM(A1)", "\tx", "plain - text"], ["\rz", None, 3]]
    )
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[1] == ['\'=HYPERLINK("x")', "'+1", "-0.5"]
    assert rows[2] == ["'@SUM(A1)", "'\tx", "plain - text"] and rows[3] == ["'\rz", "", "3"]
