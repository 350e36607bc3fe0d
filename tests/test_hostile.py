"""A corpus of hostile and broken inputs built in one go: every file is accounted for, nothing escapes the output."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from support import build_site

pytestmark = pytest.mark.site

NEWS = "Quake Hits Coast\n\nA strong earthquake struck the coast of Chile on Saturday, officials said.\n"
HOSTILE_HTML = """<html><head><title>Attack page</title><base href="javascript:alert(0)//">
<meta http-equiv="refresh" content="0;url=javascript:alert(1)"></head><body><article>
<h1 onmouseover="alert(2)">Storm floods the valley</h1>
<p>Heavy rain flooded the valley on Monday <img src=x onerror="alert(3)"> and forced hundreds of families to leave
their homes, the regional government said in a statement issued late in the evening.</p>
<p><a href="javascript:alert(4)">Read more</a> Rescue teams worked through the night to reach villages cut off by the
water, while roads and bridges across the region were closed until further notice.</p>
<script>alert(5)</script><iframe src="javascript:alert(6)"></iframe></article></body></html>"""


def hostile_corpus(folder: Path, outside: Path) -> None:
    files: dict[str, bytes | str] = {
        "empty.txt": b"",
        "spaces.txt": " \n\t \n",
        "binary.txt": bytes(range(256)) * 4,
        "huge.txt": b"word " * (10 * 1024 * 1024 + 1),  # 50 MB
        "mixed.txt": "Caf\u00e9 Talks\n\nThe caf\u00e9 said \u201cyes\u201d.".encode("cp1252")
        + "and \u2014 then".encode(),
        "utf16.txt": ("Talks \u201cend\u201d\n\nThe talks ended on Sunday, \u201cfor now,\u201d he said.").encode(
            "utf-16"
        ),
        "unbalanced.txt": "Talks End\n\n\u201cThis never closes, he said. And then the article goes on and on.\n\n"
        + "More text that must not be swallowed.\n",
        "many-quotes.txt": "Quote Storm\n\n" + "\u201cwords\u201d and \u201c " * 5000 + "\n",
        "nested.html": "<html><body>" + "<div>" * 50_000 + "<p>deep</p>" + "</div>" * 50_000 + "</body></html>",
        "hostile.html": HOSTILE_HTML,
        "traversal.md": "---\ntitle: ../../../etc/passwd\nurl: javascript:alert(7)\n"
        "outlet: <script>alert(8)</script>\n---\n"
        "A paragraph of the article about a storm that flooded the valley on Monday.\n",
        "same-id.txt": NEWS,
        "same-id.md": "---\ntitle: Other\n---\nSome different text about another thing entirely.",
        "good.txt": NEWS + "\nRescuers searched collapsed buildings through the night.\n",
        "sources.yaml": "articles:\n  good.txt:\n    url: 'javascript:alert(9)'\n"
        "    headline: '<img src=x onerror=alert(10)>'\n",
    }
    folder.mkdir()
    for name, content in files.items():
        data = content.encode("utf-8") if isinstance(content, str) else content
        (folder / name).write_bytes(data)
    outside.write_text("secret text outside the seeds folder", encoding="utf-8")
    os.symlink(outside, folder / "link-outside.txt")


def test_hostile_corpus(tmp_path):
    seeds, out = tmp_path / "seeds", tmp_path / "out"
    hostile_corpus(seeds, tmp_path / "secret.txt")
    before = time.time()
    digest = build_site(seeds, out)
    assert time.time() - before < 120
    inputs = sorted(p.name for p in seeds.iterdir() if p.name != "sources.yaml")
    accounted = sorted([a["source_file"] for a in digest["articles"]] + [s["source_file"] for s in digest["skipped"]])
    assert accounted == inputs  # every input is an article or skipped with a reason
    reasons = {s["source_file"]: s["reason"] for s in digest["skipped"]}
    assert "empty" in reasons["empty.txt"] and "empty" in reasons["spaces.txt"]
    assert "binary" in reasons["binary.txt"]
    assert "limit" in reasons["huge.txt"]
    assert "outside the seeds folder" in reasons["link-outside.txt"]
    assert "already used" in reasons["same-id.txt"] or "already used" in reasons["same-id.md"]
    assert "nested.html" in reasons
    articles = {a["id"]: a for a in digest["articles"]}
    assert "more text that must not be swallowed." in articles["unbalanced"]["text"].lower()
    assert articles["traversal"]["url"].startswith("articles/") and articles["traversal"]["original_url"] is None
    assert articles["good"]["original_url"] is None
    assert "secret text" not in (out / "digest.json").read_text(encoding="utf-8")
    written = [p.resolve() for p in tmp_path.rglob("*") if p.is_file()]
    allowed = [out.resolve(), seeds.resolve(), (tmp_path / "out-cache").resolve(), (tmp_path / "secret.txt").resolve()]
    assert all(any(p == a or p.is_relative_to(a) for a in allowed) for p in written)
    for page in out.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        soup = BeautifulSoup(html, "html.parser")
        assert not soup.select("iframe, base, meta[http-equiv=refresh]"), page.name
        for script in soup.select("script"):  # only the theme's own script files, never inline code
            assert script.get("src", "").endswith(".js") and "/theme/js/" in script["src"], page.name
            assert not script.get_text().strip(), page.name
        assert not [t for t in soup.find_all(True) if any(a.startswith("on") for a in t.attrs)], page.name
        for tag in soup.select("[href], [src]"):
            url = tag.get("href") or tag.get("src")
            assert not url.lower().startswith(("javascript:", "vbscript:", "file:")), (page.name, url)
        # default-src 'self' covers scripts and styles (no script-src or style-src to loosen it)
        assert "Content-Security-Policy" in html and "default-src 'self';" in html, page.name
        assert "script-src" not in html and "style-src" not in html and "unsafe-inline" not in html, page.name
