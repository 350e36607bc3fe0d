"""`make fetch`: pages from a list of links into the seeds folder, politely, against a local HTTP server on 127.0.0.1
that the test starts (no other network): 20 links with a 404, a timeout, a redirect, a PDF, a page too big and one
that robots.txt disallows; the sidecar keeps the user's entries and comments; a second run fetches nothing again."""

from __future__ import annotations

import ast
import contextlib
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import yaml

from coverage_digest.read.fetch import Outcome, _interleaved, main, page_name, read_url_list, report
from coverage_digest.read.fetch_http import AGENT_TOKEN, FetchError, PoliteClient, Politeness
from coverage_digest.read.fetch_sidecar import SidecarWriteError, add_entries
from support import build_site, check_digest

TOWNS = ["Ardell", "Brisk", "Calder", "Dunmore", "Elston", "Farrow", "Glenby", "Harlow", "Ivel", "Jarrow",
         "Kelso", "Lanark", "Morven", "Nairn", "Moved"]  # fmt: skip
SLOW_SECONDS = 1.5
TIMEOUT = 0.4
MAX_BYTES = 50_000


def news_page(town: str) -> bytes:
    return f"""<!doctype html><html><head><meta charset="utf-8"><title>{town} council votes on new bridge</title>
<meta property="og:site_name" content="The Local Example"></head><body><nav><a href="/">Home</a></nav><article>
<h1>{town} council votes on new bridge</h1>
<p>The town council of {town} voted on Tuesday evening to build a new bridge over the river, ending a debate that
had divided residents for more than a decade, the mayor's office said in a statement.</p>
<p>The bridge is expected to cost about 12 million euros and should open in three years, according to the plans
published by the council, which said the old crossing could no longer carry buses.</p>
<p>“This is the most important decision this council has taken,” the mayor of {town} told reporters afterwards.</p>
</article></body></html>""".encode()


class Handler(BaseHTTPRequestHandler):
    """The test site: 15 news pages (one reached through a redirect), robots.txt, and the failures."""

    agents: list[str] = []  # noqa: RUF012 (the requests' User-Agent headers, for the test to read)

    def do_GET(self) -> None:
        Handler.agents.append(self.headers.get("User-Agent", ""))
        path = self.path
        if path == "/robots.txt":
            return self._send(200, "text/plain", b"User-agent: *\nDisallow: /private/\n")
        if path.startswith("/news/"):
            return self._send(200, "text/html; charset=utf-8", news_page(path.rsplit("/", 1)[1].title()))
        if path == "/old-address":
            return self._send(301, "text/html", b"moved", location="/news/moved")
        if path == "/loop":
            return self._send(302, "text/html", b"again", location="/loop")
        if path == "/slow":
            time.sleep(SLOW_SECONDS)
            return self._send(200, "text/html", news_page("Slow"))
        if path == "/report.pdf":
            return self._send(200, "application/pdf", b"%PDF-1.4 a report")
        if path == "/huge":
            return self._send(200, "text/html", b"<html><body>" + b"<p>word</p>" * 10_000, length=False)
        if path.startswith("/private/"):
            return self._send(200, "text/html", news_page("Secret"))
        return self._send(404, "text/html", b"<html><body>not found</body></html>")

    def _send(self, status: int, content_type: str, body: bytes, location: str = "", length: bool = True) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        if location:
            self.send_header("Location", location)
        if length:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        with contextlib.suppress(OSError):  # the client gave up (the timeout test)
            self.wfile.write(body)

    def log_message(self, format: str, *args) -> None:
        pass


class QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        pass  # a client that timed out closed its end: nothing to report


@pytest.fixture()
def site():
    """The local test site's base URL, on 127.0.0.1 and a free port; stopped after the test."""
    server = QuietServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    Handler.agents = []
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def links(base: str) -> list[str]:
    pages = [f"{base}/news/{town.lower()}" for town in TOWNS[:-1]]
    failures = ["/missing", "/slow", "/report.pdf", "/huge", "/private/secret"]
    return [*pages, f"{base}/old-address", *(base + f for f in failures)]


def test_twenty_links_fetched_politely_with_every_failure_explained(site, tmp_path, capsys):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "mine.txt").write_text("My Own Note\n\nA short text about the Ardell bridge that I typed.\n", "utf-8")
    sidecar = seeds / "sources.yaml"
    sidecar.write_text(
        "# My notes about these sources\narticles:\n    mine.txt:   # typed by hand\n        outlet: My Outlet\n"
        "\n# story overrides\nstories:\n    merge: []\n",
        encoding="utf-8",
    )
    urls = links(site)
    (tmp_path / "links.txt").write_text("# my links\n" + "\n".join(urls) + "\n\n" + urls[0] + "\n", "utf-8")
    argv = [str(tmp_path / "links.txt"), "--seeds", str(seeds), "--delay", "0", "--timeout", str(TIMEOUT)]
    assert main([*argv, "--max-bytes", str(MAX_BYTES)]) == 1  # some links failed
    out = capsys.readouterr().out
    assert "15 fetched, 0 already there, 5 not fetched" in out
    failures = out.split("15 fetched")[1]
    assert f"{site}/missing\n    HTTP 404 Not Found" in failures
    assert f"{site}/slow\n    timed out after {TIMEOUT:g} s" in failures
    assert f"{site}/report.pdf\n    not an HTML page (application/pdf)" in failures
    assert f"{site}/huge\n    too big: over the 50 kB limit" in failures
    assert f"{site}/private/secret\n    disallowed by the site's robots.txt" in failures
    assert all(agent.startswith(AGENT_TOKEN) for agent in Handler.agents)

    data = yaml.safe_load(sidecar.read_text(encoding="utf-8"))
    text = sidecar.read_text(encoding="utf-8")
    assert "# My notes about these sources" in text and "# typed by hand" in text and "# story overrides" in text
    assert data["articles"]["mine.txt"] == {"outlet": "My Outlet"} and data["stories"] == {"merge": []}
    fetched = {k: v for k, v in data["articles"].items() if k != "mine.txt"}
    assert len(fetched) == 15 and all(set(v) == {"url", "fetched"} for v in fetched.values())
    assert fetched[page_name(f"{site}/old-address")]["url"] == f"{site}/news/moved"  # where the redirect led
    assert sorted(p.name for p in seeds.iterdir()) == sorted([*fetched, "mine.txt", "sources.yaml"])

    before = sidecar.read_bytes()
    assert main([*argv, "--max-bytes", str(MAX_BYTES)]) == 1
    again = capsys.readouterr().out
    assert "0 fetched, 15 already there, 5 not fetched" in again and sidecar.read_bytes() == before

    digest = build_site(seeds, tmp_path / "out")
    check_digest(digest)
    assert len(digest["articles"]) == 16 and digest["skipped"] == []
    by_file = {a["source_file"]: a for a in digest["articles"]}
    for name, entry in fetched.items():
        assert by_file[name]["original_url"] == entry["url"] and by_file[name]["captured"] == entry["fetched"]
    assert by_file["mine.txt"]["outlet"] == "My Outlet"


def test_robots_can_be_ignored_when_the_user_says_so(site, tmp_path):
    client = PoliteClient(Politeness(delay=0, timeout=TIMEOUT, robots=False))
    assert b"Secret council" in client.get(f"{site}/private/secret").body
    assert client.robots == {} and len(Handler.agents) == 1  # robots.txt was not even asked for


def test_redirects_are_followed_within_a_limit(site):
    client = PoliteClient(Politeness(delay=0, timeout=TIMEOUT, max_redirects=3))
    with pytest.raises(FetchError, match="more than 3 redirects"):
        client.get(f"{site}/loop")
    with pytest.raises(FetchError, match="not an http"):
        client.get("ftp://127.0.0.1/file")


def test_one_request_at_a_time_per_host_with_the_delay_between(site):
    """A fake clock: time passes only while the client sleeps, so every wait shows in `sleeps`."""
    now, sleeps = [0.0], []

    def sleep(seconds: float) -> None:
        sleeps.append(round(seconds, 3))
        now[0] += seconds

    client = PoliteClient(Politeness(delay=2.0, timeout=5), clock=lambda: now[0], sleep=sleep)
    other = site.replace("127.0.0.1", "localhost")  # the same server under a second host name
    urls = [f"{site}/news/ardell", f"{site}/news/brisk", f"{other}/news/calder"]
    for url in urls:
        client.get(url)
    # 127.0.0.1: robots.txt, then ardell after 2 s, brisk after 2 s more; localhost: its robots.txt at once, then
    # calder after 2 s. No request to a host comes sooner than 2 s after the previous one.
    assert sleeps == [2.0, 2.0, 2.0]


def test_hosts_take_turns():
    urls = ["http://a/1", "http://a/2", "http://a/3", "http://b/1", "http://c/1", "http://b/2"]
    assert _interleaved(urls) == ["http://a/1", "http://b/1", "http://c/1", "http://a/2", "http://b/2", "http://a/3"]


def test_url_lists_and_page_names():
    assert read_url_list("# comment\n\nhttps://a.example/x\n  https://a.example/x  \nhttps://b.example/\n") == [
        "https://a.example/x",
        "https://b.example/",
    ]
    name = page_name("https://www.example.com/2024/05/quake-hits-coast.html?id=7")
    assert name.startswith("example-com-quake-hits-coast-") and name.endswith(".html")
    assert name == page_name("https://www.example.com/2024/05/quake-hits-coast.html?id=7")
    assert name != page_name("https://www.example.com/2024/05/quake-hits-coast.html?id=8")
    assert page_name("https://example.com/../../etc/passwd").startswith("example-com-passwd-")


def test_sidecar_entries_are_added_never_over_the_users(tmp_path):
    path = tmp_path / "sources.yaml"
    assert add_entries(path, {"a.html": {"url": "https://a.example/", "fetched": "2024-05-05T10:00:00Z"}}) == ["a.html"]
    assert yaml.safe_load(path.read_text("utf-8"))["articles"]["a.html"]["fetched"] == "2024-05-05T10:00:00Z"
    path.write_text("articles:\n  a.html:\n    outlet: Mine\n", encoding="utf-8")
    assert add_entries(path, {"a.html": {"url": "https://a.example/"}}) == []  # the user's entry stays as it is
    assert yaml.safe_load(path.read_text("utf-8")) == {"articles": {"a.html": {"outlet": "Mine"}}}
    flow = "articles: {a.html: {outlet: Mine}}\n"
    path.write_text(flow, encoding="utf-8")
    with pytest.raises(SidecarWriteError, match="left as it was"):
        add_entries(path, {"b.html": {"url": "https://b.example/"}})
    assert path.read_text("utf-8") == flow
    as_json = tmp_path / "sources.json"
    as_json.write_text('{"articles": {"a.html": {"outlet": "Mine"}}, "stories": {"merge": []}}', encoding="utf-8")
    add_entries(as_json, {"b.html": {"url": "https://b.example/"}})
    assert json.loads(as_json.read_text("utf-8"))["articles"] == {
        "a.html": {"outlet": "Mine"},
        "b.html": {"url": "https://b.example/"},
    }


def test_a_failure_report_lists_url_and_reason():
    lines: list[str] = []
    status = report([Outcome("https://a.example/", "failed", reason="HTTP 404 Not Found")], lines.append)
    assert status == 1 and "https://a.example/\n    HTTP 404 Not Found" in lines[-1]


def test_the_build_never_imports_the_fetch_step():
    package = Path(__file__).resolve().parent.parent / "plugins" / "coverage_digest"
    importers = []
    for path in package.rglob("*.py"):
        if path.parent.name == "read" and path.stem.startswith("fetch"):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and "fetch" in (node.module or ""):
                importers.append(str(path.relative_to(package)))
    assert importers == []
