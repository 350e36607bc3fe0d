"""One story document feeds every output: the same quote count everywhere, and one path per page."""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET

from bs4 import BeautifulSoup

from coverage_digest.site.slugs import unique_slugs
from support import SEEDS, build_site

ATOM = "{http://www.w3.org/2005/Atom}"


def _page(out, url) -> BeautifulSoup:
    return BeautifulSoup((out / url).read_text(encoding="utf-8"), "html.parser")


def test_the_seed_story_has_one_quote_count_on_every_output(seed_site):
    out, digest = seed_site
    [story] = digest["stories"]
    count = story["counts"]["quotes"]
    assert count == sum(1 for q in story["quotes"] if q["table"] == "quotes") > 0
    assert story["counts"]["fragments"] == sum(1 for q in story["quotes"] if q["table"] == "fragments")

    index = _page(out, "index.html").select("#story-table tbody tr td.num")
    assert index[1].get_text() == str(count)
    page = _page(out, story["url"])
    assert f"· {count} quotes" in page.select_one(".meta").get_text()
    assert page.select_one("caption").get_text().startswith(f"{count} quotes")

    feed = ET.parse(out / "feeds" / "stories.atom.xml").getroot()
    assert f", {count} quotes." in feed.find(f"{ATOM}entry/{ATOM}summary").text

    rows = list(csv.DictReader(io.StringIO((out / story["downloads"]["quotes"]).read_text(encoding="utf-8"))))
    assert len({r["quote_id"] for r in rows if r["table"] == "quotes"}) == count
    assert len({r["quote_id"] for r in rows}) == len(story["quotes"])  # every listed statement is in the CSV

    articles = list(csv.DictReader(io.StringIO((out / story["downloads"]["articles"]).read_text(encoding="utf-8"))))
    assert {r["article_id"]: int(r["quotes_carried"]) for r in articles} == story["quotes_carried"]


def test_two_long_named_copies_of_a_seed_get_pages_of_their_own(make_seeds, tmp_path):
    """Names sharing their first 60 characters used to cut to one aligned-view slug and fail the build."""
    files = {p.name: p.read_text(encoding="utf-8") for p in SEEDS.glob("*.txt") if not p.name.startswith("001_")}
    text = next(SEEDS.glob("001_*.txt")).read_text(encoding="utf-8")
    stem = "coverage-of-the-ceasefire-talks-in-cairo-by-a-regional-outlet"
    files |= {f"{stem}-alpha.txt": text, f"{stem}-beta.txt": text + "\n\nOne more line of our own here.\n"}
    out = tmp_path / "out"
    digest = build_site(make_seeds(files), out, DIGEST_WORKERS=2)
    assert not digest["skipped"]
    [story] = digest["stories"]
    derived = [d for d in story["derivations"] if d["article_id"].startswith(stem)]
    assert len(derived) >= 2  # both copies derive from seed 000: two aligned views whose names start alike
    urls = [d["url"] for d in story["derivations"]]
    assert len(urls) == len(set(urls)) and all((out / u).is_file() for u in urls)
    pages = {a["url"] for a in digest["articles"]}
    assert len(pages) == 6 and all((out / u).is_file() for u in pages)


def test_unique_slugs_recheck_the_hashed_fallback():
    """A key whose plain slug is another key's hashed fallback must not take that page ("A", "a-<hash>", "a~")."""
    plain = unique_slugs(["A", "a~"])
    hashed = plain["a~"]
    slugs = unique_slugs(["A", hashed, "a~"])
    assert len(set(slugs.values())) == 3
    assert slugs["A"] == "a" and slugs[hashed] == hashed


def test_unique_slugs_slug_a_given_text_and_stay_stable():
    keys = ["x\0y", "x\0z"]
    texts = {"x\0y": "x-from-" + "y" * 70, "x\0z": "x-from-" + "y" * 70 + "z"}
    first = unique_slugs(keys, texts)
    assert len(set(first.values())) == 2 and first == unique_slugs(reversed(keys), texts)
