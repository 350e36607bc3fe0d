"""Saved RSS and Atom feeds: each entry with the full text becomes an article; a teaser or a summary is reported as
such (with its link to fetch); the feed's markup is sanitized and its encoding declaration honoured."""

from __future__ import annotations

from bs4 import BeautifulSoup

from coverage_digest.read.inputs import read_file
from coverage_digest.records import RawArticle, SeedFile, Skipped
from support import build_site, check_digest

BODY = (
    "<p>A strong earthquake struck the northern coast of Corland on Saturday morning, damaging dozens of buildings "
    "and cutting power to thousands of homes, the regional authorities said.</p>"
    "<p>Rescue teams searched collapsed houses through the afternoon, the regional governor said in a statement, "
    "and three people were taken to hospital with minor injuries.</p>"
    "<script>alert('feed script')</script>"
    '<p onclick="steal()">“We are doing everything we can,” the governor told reporters outside the town hall '
    "in the evening, adding that schools would stay closed on Monday while engineers inspect "
    '<a href="javascript:alert(1)">the damage</a> to public buildings in the café district.</p>'
)
RSS = """<?xml version="1.0" encoding="{encoding}"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>The Daily Example</title><link>https://example.com/</link>
<item><title>Quake hits coast</title><link>https://example.com/quake</link><guid>https://example.com/quake</guid>
<pubDate>Sat, 04 May 2024 10:00:00 +0200</pubDate><dc:creator>Ana Reporter</dc:creator>
<description>A strong earthquake struck the coast.</description>
<content:encoded><![CDATA[{body}]]></content:encoded></item>
<item><title>Norland votes</title><link>https://example.com/vote</link>
<description>Voters in Norland went to the polls on Sunday. Read more on our site.</description></item>
</channel></rss>"""
ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Example</title><id>tag:atom.example,2024:feed</id>
<entry><title>Quake hits Corland</title><id>tag:atom.example,2024:1</id><link href="https://atom.example/1"/>
<updated>2024-05-04T11:00:00+02:00</updated><summary>{summary}</summary></entry></feed>"""


def rss(encoding: str = "utf-8") -> bytes:
    return RSS.format(encoding=encoding, body=BODY).encode(encoding)


def test_a_full_entry_is_an_article_and_a_teaser_is_reported():
    full, teaser = read_file(SeedFile("daily.rss", rss()))
    assert isinstance(full, RawArticle) and full.record == "entry 1" and full.kind == "feed"
    assert full.headline == "Quake hits coast" and len(full.paragraphs) == 3
    assert full.found.outlet == "The Daily Example" and full.found.byline == "Ana Reporter"
    assert full.found.published == "2024-05-04T10:00:00+02:00" and full.found.url == "https://example.com/quake"
    text = " ".join(full.paragraphs)
    assert "feed script" not in text and "steal" not in text and "the damage to public buildings" in text
    assert isinstance(teaser, Skipped) and teaser.record == "entry 2"
    assert "only a teaser (14 words)" in teaser.reason and "https://example.com/vote" in teaser.reason


def test_the_encoding_declaration_is_honoured():
    full, _ = read_file(SeedFile("legacy.xml", rss("windows-1252")))
    assert "café district" in full.paragraphs[-1]


def test_an_atom_summary_is_a_summary_however_long():
    long_summary = "Words of a summary. " * 40
    (summary,) = read_file(SeedFile("a.atom", ATOM.format(summary=long_summary).encode()))
    assert "only a summary (160 words)" in summary.reason and summary.record == "entry 1"


def test_files_that_are_not_feeds():
    (sitemap,) = read_file(SeedFile("sitemap.xml", b"<urlset><url><loc>https://a.example/</loc></url></urlset>"))
    assert "not an RSS or Atom feed" in sitemap.reason
    (empty,) = read_file(SeedFile("empty.rss", b'<rss version="2.0"><channel><title>T</title></channel></rss>'))
    assert "without entries" in empty.reason


def test_a_feed_builds_into_a_digest_with_the_teaser_explained(make_seeds, tmp_path):
    seeds = make_seeds({"daily.rss": rss()})
    digest = build_site(seeds, tmp_path / "out")
    check_digest(digest)
    [article] = digest["articles"]
    assert article["record"] == "entry 1" and article["published"] == "2024-05-04T10:00:00+02:00"
    [teaser] = digest["skipped"]
    assert (teaser["source_file"], teaser["record"]) == ("daily.rss", "entry 2") and "teaser" in teaser["reason"]
    page = (tmp_path / "out" / article["url"]).read_text(encoding="utf-8")
    assert "javascript:" not in page and "feed script" not in page
    skipped = BeautifulSoup((tmp_path / "out" / "skipped.html").read_text(encoding="utf-8"), "html.parser")
    assert "entry 2" in skipped.select_one("tbody").get_text()
