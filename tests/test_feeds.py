"""Atom feed of stories, sitemap and per-page metadata (title, description, Open Graph): parse, complete, stable."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup

from coverage_digest.data.feeds import EPOCH, atom_date, atom_feed, sitemap
from coverage_digest.settings import DigestSettings

FEED = DigestSettings().feed_save_as

pytestmark = pytest.mark.site
ATOM = "{http://www.w3.org/2005/Atom}"
SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def test_feed_parses_and_lists_every_story_with_a_working_link(seed_site):
    out, digest = seed_site
    feed_path = out / "feeds" / "stories.atom.xml"
    feed = ET.parse(feed_path).getroot()
    assert feed.tag == f"{ATOM}feed"
    entries = feed.findall(f"{ATOM}entry")
    assert sorted(e.find(f"{ATOM}title").text for e in entries) == sorted(s["title"] for s in digest["stories"])
    for entry in entries:
        assert entry.find(f"{ATOM}id").text.startswith("urn:uuid:")
        assert entry.find(f"{ATOM}updated").text == EPOCH  # no seed has a date: the fixed epoch, never build time
        href = entry.find(f"{ATOM}link").get("href")
        assert (feed_path.parent / href).resolve().is_file()
        assert entry.find(f"{ATOM}summary").text
    assert feed.find(f"{ATOM}author/{ATOM}name").text


def test_sitemap_parses_and_lists_every_story_and_article(seed_site):
    out, digest = seed_site
    root = ET.parse(out / "sitemap.xml").getroot()
    locs = [u.find(f"{SM}loc").text for u in root.findall(f"{SM}url")]
    for item in digest["stories"] + digest["articles"]:
        assert item["url"] in locs
    assert all((out / loc).is_file() for loc in locs)  # no SITEURL: paths relative to the site root
    assert "SITEURL is not set" in (out / "sitemap.xml").read_text(encoding="utf-8")


def test_with_an_absolute_siteurl_feed_and_sitemap_use_absolute_urls(seed_site):
    _, digest = seed_site
    feed = ET.fromstring(atom_feed(digest, "Digest", "https://example.org/news", FEED))
    links = [link.get("href") for link in feed.iter(f"{ATOM}link")]
    assert all(h.startswith("https://example.org/news/") for h in links)
    assert "https://example.org/news/feeds/stories.atom.xml" in links
    text = sitemap([("stories/a.html", "2024-05-05T10:00:00+02:00"), ("index.html", None)], "https://example.org/news")
    root = ET.fromstring(text)
    assert [u.find(f"{SM}loc").text for u in root] == [
        "https://example.org/news/index.html",
        "https://example.org/news/stories/a.html",
    ]
    assert root[1].find(f"{SM}lastmod").text == "2024-05-05" and "SITEURL is not set" not in text


def test_feed_dates_are_the_latest_publication_and_bad_text_cannot_break_the_xml():
    document = {
        "articles": [
            {"id": "a", "published": "2024-05-05"},
            {"id": "b", "published": "2024-05-06T09:30:00+02:00"},
            {"id": "c", "published": "not a date"},
        ],
        "stories": [
            {
                "id": "s",
                "title": "Bad \x00\x0b char <b>",
                "url": "stories/s.html",
                "article_ids": ["a", "b", "c"],
                "outlets": {"a": "A", "b": "B", "c": "C & Co"},
                "quotes": [],
                "counts": {"quotes": 0},
                "summary": [{"text": "First."}],
            }
        ],
    }
    feed = ET.fromstring(atom_feed(document, "D", "", FEED))
    assert feed.find(f"{ATOM}entry/{ATOM}updated").text == "2024-05-06T07:30:00Z"
    assert feed.find(f"{ATOM}entry/{ATOM}title").text == "Bad  char <b>"  # control characters dropped
    assert atom_date("2024-05-05") == "2024-05-05T00:00:00Z" and atom_date(None) is None
    assert atom_feed(document, "D", "", FEED) == atom_feed(document, "D", "", FEED)


# A page per article or derived pair: no Open Graph tags (they repeat <title>), no description (the same sentence on
# every one) and no feed link (the index and story pages announce the feed) (issue 15: output bytes).
BULK = ("articles", "reuse")


def test_every_page_has_a_title_description_and_open_graph_tags(seed_site):
    out, _ = seed_site
    titles = set()
    for path in out.rglob("*.html"):
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        title = page.title.get_text()
        og = {m["property"]: m["content"] for m in page.select("meta[property^='og:']")}
        feed = page.select_one("link[rel=alternate][type='application/atom+xml']")
        assert title, path.name
        titles.add(title)
        if path.relative_to(out).parts[0] in BULK:
            assert not og and not feed and not page.select_one("meta[name=description]"), path.name
            continue
        description = page.select_one("meta[name=description]")["content"]
        assert description and feed, path.name
        assert og["og:title"] == title and og["og:description"] == description, path.name
        assert og["og:type"] in ("website", "article") and og["og:site_name"], path.name
        assert "og:url" not in og  # only with an absolute SITEURL (Open Graph needs absolute URLs)
    assert len(titles) == len(list(out.rglob("*.html")))  # every page says which page it is


def test_story_description_leads_with_counts_and_the_summary(seed_site):
    out, digest = seed_site
    story = digest["stories"][0]
    page = BeautifulSoup((out / story["url"]).read_text(encoding="utf-8"), "html.parser")
    description = page.select_one("meta[name=description]")["content"]
    assert description.startswith("5 sources,") and story["summary"][0]["text"][:40] in description
    assert len(description) <= 200
    assert page.select_one("meta[property='og:type']")["content"] == "article"
