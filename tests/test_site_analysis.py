"""The seed site's analysis as a reader and a researcher see it: story sections, article marks, digest.json rules."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.site


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def by_prefix(digest: dict, prefix: str) -> dict:
    return next(a for a in digest["articles"] if a["id"].startswith(prefix))


def test_quote_occurrences_and_summary_are_verbatim_from_their_articles(seed_site):
    _, digest = seed_site
    texts = {a["id"]: a["text"] for a in digest["articles"]}
    story = digest["stories"][0]
    assert story["quotes"] and 4 <= len(story["summary"]) <= 8
    for row in story["quotes"]:
        for occ in row["occurrences"]:
            assert occ["text"] in texts[occ["article_id"]]
            assert texts[occ["article_id"]][occ["start"] : occ["end"]] == occ["text"]
    for sentence in story["summary"]:
        assert sentence["text"] in texts[sentence["from_article_id"]]
        assert sentence["from_article_id"] in sentence["article_ids"]


def test_seed_quotes_are_matched_across_outlets(seed_site):
    _, digest = seed_site
    quotes = digest["stories"][0]["quotes"]
    serious = next(q for q in quotes if "in-depth and serious" in q["text"])
    assert sorted(o["article_id"][:3] for o in serious["occurrences"]) == ["000", "002", "004"]
    leaders = next(q for q in quotes if q["text"].startswith("I say to the leaders of the world"))
    assert {o["article_id"][:3]: o["match"] for o in leaders["occurrences"]} in (
        {"000": "verbatim", "004": "variant"},
        {"000": "variant", "004": "verbatim"},
    )
    netanyahu = {o["article_id"][:3] for q in quotes if q["speaker"] == "Benjamin Netanyahu" for o in q["occurrences"]}
    assert netanyahu == {"000", "002", "004"}
    speakers = [s["name"] for s in digest["stories"][0]["speakers"]]
    assert speakers.count("Benjamin Netanyahu") == 1


def test_seed_001_is_derived_from_000(seed_site):
    _, digest = seed_site
    derivations = digest["stories"][0]["derivations"]
    assert [(d["article_id"][:3], d["from_article_id"][:3]) for d in derivations] == [("001", "000")]
    assert derivations[0]["share"] >= 0.4


def test_rafah_population_figures_are_flagged_as_a_hedge(seed_site):
    _, digest = seed_site
    groups = [g for g in digest["stories"][0]["figures"] if g["flag"] == "hedge"]
    million = next(g for g in groups if all(f["value"] == 1_000_000 for f in g["figures"]))
    assert sorted(f["article_id"][:3] for f in million["figures"]) == ["000", "003", "004"]


def test_story_page_sections_link_to_exact_places(seed_site):
    out, digest = seed_site
    story_path = out / digest["stories"][0]["url"]
    page = soup(story_path)
    for heading in ("Summary", "Where the outlets differ", "Quotes", "Who copied or rewrote whom", "At a glance"):
        assert any(heading in h.get_text() for h in page.select("h2")), heading
    citations = page.select("ol.summary a.cite")
    assert citations
    for link in citations + page.select("table.quotes ul.occurrences a"):
        target, _, anchor = link["href"].partition("#")
        article = soup((story_path.parent / target).resolve())
        assert article.find(id=anchor) is not None, link["href"]
    assert "Hedged" in page.select_one("table.figures").get_text()
    assert page.select("table.quotes tbody tr")
    aligned = page.select_one("ul.derivations a")
    assert aligned is not None and (story_path.parent / aligned["href"]).resolve().is_file()


def test_article_page_marks_quotes_with_their_speaker(seed_site):
    out, digest = seed_site
    page = soup(out / by_prefix(digest, "000")["url"])
    marks = page.select(".body mark.quote")
    assert len(marks) >= 8
    speakers = {m["data-speaker"] for m in marks}
    assert "Benjamin Netanyahu" in speakers and "Yoav Gallant" in speakers
    assert all(m.get("id") for m in marks)
    assert page.select(".body .sentence.shared") and page.select(".body .sentence.unique")
    ids = [tag["id"] for tag in page.select("[id]")]
    assert len(ids) == len(set(ids))


def test_aligned_view_pairs_sentences(seed_site):
    out, digest = seed_site
    derivation = digest["stories"][0]["derivations"][0]
    page = soup(out / derivation["url"])
    assert len(page.select("table.aligned tr.paired")) >= 5
    assert "derives" in page.select_one(".lede").get_text()
    for row in page.select("table.aligned tr.identical"):  # a sentence the same in both: once, linked to each
        source, derived = (a["href"] for a in row.select("a"))
        assert "#s" in source and "#s" in derived and source.split("#")[0] != derived.split("#")[0]
