"""Web archives: every HTML response record becomes an article (its target URI as record, WARC-Date as a labelled
capture date); PDFs, revisits, duplicates, error responses and non-capture records are skipped, each with a reason."""

from __future__ import annotations

import io

from bs4 import BeautifulSoup
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from coverage_digest.read.inputs import file_stem, read_file
from coverage_digest.records import RawArticle, SeedFile, Skipped
from support import build_site, check_digest

PAGE = """<!doctype html><html><head><meta charset="{charset}"><title>{title} | The Daily Example</title>
<meta property="og:site_name" content="The Daily Example"></head><body><nav><a href="/">Home</a></nav>
<article><h1>{title}</h1>
<p>A strong earthquake struck the northern coast of Corland on Saturday morning, damaging dozens of buildings.</p>
<p>Rescue teams searched collapsed houses through the afternoon, the regional governor said in a statement.</p>
<p>“We are doing everything we can,” the governor told reporters outside the town hall in the {when}.</p>
<script>alert("archived script")</script></article></body></html>"""


def page(title: str, when: str = "evening", charset: str = "utf-8") -> bytes:
    return PAGE.format(title=title, when=when, charset=charset).encode(charset)


def _response(writer: WARCWriter, uri: str, body: bytes, content_type: str, status: str = "200 OK", date: str = ""):
    headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
    record = writer.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=headers)
    if date:
        record.rec_headers.replace_header("WARC-Date", date)
    writer.write_record(record)
    return record


def make_warc(gzip: bool = True) -> bytes:
    """warcinfo; request + HTML response; a PDF; a revisit; a 404; the same page again; a page with a legacy
    charset declared in HTTP only; a page without article text."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gzip)
    writer.write_record(writer.create_warcinfo_record("crawl.warc.gz", {"software": "test"}))
    request = StatusAndHeaders("GET /quake HTTP/1.1", [("Host", "example.com")], is_http_request=True)
    writer.write_record(writer.create_warc_record("https://example.com/quake", "request", http_headers=request))
    first = _response(
        writer,
        "https://example.com/quake",
        page("Quake hits coast"),
        "text/html; charset=utf-8",
        date="2024-05-04T10:00:00Z",
    )
    _response(writer, "https://example.com/report.pdf", b"%PDF-1.4 not really", "application/pdf")
    revisit_headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
    digest = first.rec_headers.get_header("WARC-Payload-Digest")
    date = first.rec_headers.get_header("WARC-Date")
    uri = "https://example.com/quake"
    writer.write_record(writer.create_revisit_record(uri, digest, uri, date, http_headers=revisit_headers))
    _response(writer, "https://example.com/missing", page("Not found"), "text/html", status="404 Not Found")
    _response(writer, "https://example.com/quake?utm=1", page("Quake hits coast"), "text/html")
    legacy = page("Café owner speaks", when="café at night", charset="cp1252").replace(b'charset="cp1252"', b"")
    _response(writer, "https://other.example/cafe", legacy, "text/html; charset=windows-1252")
    _response(writer, "https://example.com/menu", b"<html><body><nav>Home News</nav></body></html>", "text/html")
    return buffer.getvalue()


def test_every_record_is_an_article_or_a_reason():
    results = read_file(SeedFile("crawl.warc.gz", make_warc()))
    articles = [r for r in results if isinstance(r, RawArticle)]
    reasons = {r.record: r.reason for r in results if isinstance(r, Skipped)}
    assert [a.record for a in articles] == [
        "record 3: https://example.com/quake",
        "record 8: https://other.example/cafe",
    ]
    quake, cafe = articles
    assert quake.found.captured == "2024-05-04T10:00:00Z" and quake.found.published is None
    assert quake.found.url == "https://example.com/quake" and quake.found.outlet == "The Daily Example"
    assert quake.id == f"crawl-{quake.id.split('-')[1]}" and len(quake.id) == len("crawl-") + 10
    assert not any("archived script" in p for p in quake.paragraphs)
    assert cafe.encoding == "windows-1252" and "café at night" in cafe.paragraphs[-1]
    assert "not an HTML page (application/pdf)" in reasons["record 4: https://example.com/report.pdf"]
    assert "revisit record" in reasons["record 5: https://example.com/quake"]
    assert "HTTP 404" in reasons["record 6: https://example.com/missing"]
    assert "duplicate of record 3" in reasons["record 7: https://example.com/quake?utm=1"]
    assert "no article text" in reasons["record 9: https://example.com/menu"]
    assert "2 records hold no captured page (1 request, 1 warcinfo)" in reasons[None]
    assert len(results) == 8  # 9 records: 2 articles, 5 reasons, and one line counting the 2 non-captures


def test_uncompressed_warc_and_files_that_are_not_archives():
    assert sum(isinstance(r, RawArticle) for r in read_file(SeedFile("crawl.warc", make_warc(gzip=False)))) == 2
    (not_warc,) = read_file(SeedFile("notes.warc", b"hello world, not an archive\r\n\r\nmore"))
    assert "not a web archive" in not_warc.reason
    whole = make_warc(gzip=False)
    cut_in_headers = read_file(SeedFile("cut.warc", whole[:-200]))  # record 9's headers are cut
    assert "ends inside a record after record 8" in cut_in_headers[-2].reason
    cut_in_body = {r.record: r for r in read_file(SeedFile("cut.warc", whole[:-60]))}
    assert "cut short" in cut_in_body["record 9: https://example.com/menu"].reason
    cut_gzip = read_file(SeedFile("cut.warc.gz", make_warc()[:-200]))
    assert any("ends inside a record" in r.reason for r in cut_gzip if isinstance(r, Skipped))
    assert file_stem("crawl.warc.gz") == "crawl" and file_stem("crawl.warc") == "crawl"


def test_a_web_archive_builds_into_a_digest_with_every_skip_explained(make_seeds, tmp_path):
    seeds = make_seeds({"crawl.warc.gz": make_warc()})
    digest = build_site(seeds, tmp_path / "out")
    check_digest(digest)
    assert sorted(a["record"] for a in digest["articles"]) == [
        "record 3: https://example.com/quake",
        "record 8: https://other.example/cafe",
    ]
    quake = next(a for a in digest["articles"] if a["record"].endswith("/quake"))
    assert quake["captured"] == "2024-05-04T10:00:00Z" and quake["published"] is None
    assert quake["original_url"] == "https://example.com/quake"
    assert len(digest["skipped"]) == 6 and all(s["source_file"] == "crawl.warc.gz" for s in digest["skipped"])
    page_text = (tmp_path / "out" / "skipped.html").read_text(encoding="utf-8")
    for skipped in digest["skipped"]:
        assert skipped["reason"] in BeautifulSoup(page_text, "html.parser").get_text()
    article = BeautifulSoup((tmp_path / "out" / quake["url"]).read_text(encoding="utf-8"), "html.parser")
    facts = article.select_one("dl.facts").get_text()
    assert "crawl.warc.gz, record 3: https://example.com/quake" in facts
    assert "captured 2024-05-04T10:00:00Z" in facts and "not a publication date" in facts


def test_a_captured_page_over_the_size_limit_is_skipped_and_the_rest_read(monkeypatch):
    from coverage_digest.read import warc

    monkeypatch.setattr(warc, "MAX_RECORD_BYTES", 700)  # the quake page is 701 bytes with its HTTP headers, 642 without
    results = {r.record: r for r in read_file(SeedFile("crawl.warc.gz", make_warc()))}
    assert isinstance(results["record 3: https://example.com/quake"], RawArticle)
    monkeypatch.setattr(warc, "MAX_RECORD_BYTES", 636)  # the café page is 631 bytes
    results = {r.record: r for r in read_file(SeedFile("crawl.warc.gz", make_warc()))}
    assert "captured page over the" in results["record 3: https://example.com/quake"].reason
    assert "captured page over the" in results["record 7: https://example.com/quake?utm=1"].reason
    assert isinstance(results["record 8: https://other.example/cafe"], RawArticle)  # the rest is read
