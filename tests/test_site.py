"""The whole site built from seed folders into a temp dir, inspected with BeautifulSoup."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from bs4 import BeautifulSoup

from support import ROOT, SEEDS, build_site

pytestmark = pytest.mark.site
SCHEMA = json.loads((ROOT / "schema" / "digest.schema.json").read_text(encoding="utf-8"))


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_seeds_build_one_story_with_five_sources(seed_site):
    out, digest = seed_site
    index = soup(out / "index.html")
    stories = index.select("#story-table tbody tr")
    assert len(stories) == 1
    assert [td.get_text() for td in stories[0].select("td.num")] == ["5", str(digest["stories"][0]["counts"]["quotes"])]
    assert len(digest["stories"]) == 1 and len(digest["stories"][0]["article_ids"]) == 5
    outlets = [a.get_text() for a in stories[0].select(".outlets-cell a")]
    assert "Matzav.com" in outlets and "Washington Examiner" in outlets
    assert "unidentified" in stories[0].select_one(".outlets-cell").get_text()  # a count, never a file name


def test_every_built_digest_matches_the_schema(seed_site):
    jsonschema.validate(seed_site[1], SCHEMA)


def test_digest_contract_rules(seed_site):
    out, digest = seed_site
    seeds = sorted(p.name for p in SEEDS.iterdir() if p.is_file())
    seen = sorted([a["source_file"] for a in digest["articles"]] + [s["source_file"] for s in digest["skipped"]])
    assert seen == seeds  # every input file exactly once
    story_ids = {s["id"] for s in digest["stories"]}
    for article in digest["articles"]:
        assert article["story_id"] in story_ids
        assert (out / article["url"]).is_file()
        assert article["id"] == Path(article["source_file"]).stem
    for story in digest["stories"]:
        assert (out / story["url"]).is_file()
        assert story["quotes"] == [] or isinstance(story["quotes"], list)


def test_story_page_shows_sources_side_by_side(seed_site):
    out, digest = seed_site
    page = soup(out / digest["stories"][0]["url"])
    rows = page.select("table.sources tbody tr")
    assert len(rows) == 5
    text = page.select_one("table.sources").get_text(" ")
    assert "Unidentified source" in text and "No headline in the source file" in text
    links = {a["href"] for a in page.select("table.sources a")}
    assert all(href.startswith("../articles/") for href in links)


def test_article_page_shows_clean_text_and_removed_furniture(seed_site):
    out, digest = seed_site
    article = next(a for a in digest["articles"] if a["id"].startswith("002"))
    page = soup(out / article["url"])
    body = page.select_one(".body").get_text()
    assert "LEAVE A REPLY" not in body and "Follow Matzav" not in body
    assert "Bill Burns was en route to Doha" in body
    removed = [li.get_text() for li in page.select("details.removed li")]
    assert removed == article["removed"] and "LEAVE A REPLY" in removed
    assert page.select_one("h1").get_text().startswith("Hamas Departs Cairo")
    assert page.select_one(".crumbs a[href$='.html']") is not None
    assert [p["id"] for p in page.select(".body p")] == [f"p{i}" for i in range(len(page.select(".body p")))]
    # the lists of its quotes and of its sentences no other outlet has show the first words, linked to the whole
    # in the text above (issue 15: output bytes)
    items = page.select("ol.article-quotes a[href^='#'], ul.single-outlet a[href^='#']")
    assert page.select("ol.article-quotes a") and page.select("ul.single-outlet a")
    for item in items:
        whole = page.select_one(".body").find(id=item["href"][1:]).get_text()
        shown = item.get_text().strip("“”")
        assert shown.removesuffix("…") in whole and (shown.endswith("…") or shown in whole)


def test_article_without_headline_says_so(seed_site):
    out, digest = seed_site
    article = next(a for a in digest["articles"] if a["id"].startswith("000"))
    page = soup(out / article["url"])
    assert "No headline in the source file" in page.select_one("h1").get_text()
    assert "Unidentified source" in page.select_one(".facts").get_text()


def test_all_links_are_relative(seed_site):
    """The site works from any sub-path: no link starts at the server root (link targets: test_validation)."""
    out, _ = seed_site
    for path in out.rglob("*.html"):
        for tag in soup(path).select("[href], [src]"):
            url = tag.get("href") or tag.get("src")
            if url.startswith(("http://", "https://")):
                assert tag.name == "a" and "noopener" in tag.get("rel", [])  # only an article's original URL
            assert not url.startswith("/"), f"{path.name}: absolute link {url}"


def test_two_builds_are_byte_identical(tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    build_site(SEEDS, first)
    build_site(SEEDS, second)
    files_a = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    files_b = sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    assert files_a == files_b
    for rel in files_a:
        assert (first / rel).read_bytes() == (second / rel).read_bytes(), rel


def test_bad_inputs_are_reported_and_the_build_goes_on(make_seeds, tmp_path, capsys):
    good = "Quake Hits Coast\n\nA strong earthquake struck the coast on Saturday.\n\nRescuers searched all night."
    seeds = make_seeds(
        {
            "good.txt": good,
            "copy.txt": good,
            "empty.txt": "",
            "binary.txt": b"\x00\x01\x02\x03\xff\xfe\x00",
            "latin.txt": "Café Talks\n\nThe café owner said the talks were “serious”.".encode("cp1252"),
            "undecodable.txt": b"\xef\xbb\xbf\xff\xfe\xfa\xfb",
            "bad.md": "---\ntitle: [broken\n---\nBody text.",
            "nothing.html": "<html><body><nav>Home</nav></body></html>",
            "huge.txt": "word " * 1_200_000,
            "latin.md": "---\ntitle: Same id as latin.txt\n---\nBody text.",
        }
    )
    digest = build_site(seeds, tmp_path / "out")
    skipped = {s["source_file"]: s["reason"] for s in digest["skipped"]}
    assert "byte-identical to copy.txt" in skipped["good.txt"] or "byte-identical" in skipped["copy.txt"]
    assert "empty" in skipped["empty.txt"]
    assert "binary" in skipped["binary.txt"]
    assert "byte-order mark" in skipped["undecodable.txt"]
    assert "front matter does not parse" in skipped["bad.md"]
    assert "no article text" in skipped["nothing.html"]
    assert "over the 5.0 MB limit" in skipped["huge.txt"]
    assert "already used by latin.md" in skipped["latin.txt"]
    assert next(a for a in digest["articles"] if a["id"] == "latin")["source_file"] == "latin.md"
    page = soup(tmp_path / "out" / "skipped.html")
    assert all(name in page.get_text() for name in skipped)
    assert "skipped" in capsys.readouterr().out


def test_size_limit_is_a_setting(make_seeds, tmp_path):
    seeds = make_seeds({"a.txt": "Title Here\n\n" + "Some words of text. " * 100})
    digest = build_site(seeds, tmp_path / "out", DIGEST_MAX_FILE_BYTES=500)
    assert digest["articles"] == [] and "limit" in digest["skipped"][0]["reason"]


def test_hostile_text_is_shown_as_text(make_seeds, tmp_path):
    seeds = make_seeds(
        {
            "x.txt": "Attack <script>alert(1)</script>\n\nHe wrote <img src=x onerror=alert(2)> in the post.",
            "y.md": "---\ntitle: <b onmouseover=alert(3)>t</b>\nurl: javascript:alert(4)\n---\n"
            "Body <script>alert(5)</script>.",
        }
    )
    build_site(seeds, tmp_path / "out")
    for path in (tmp_path / "out").rglob("*.html"):
        page = soup(path)
        scripts = page.select("script")  # the theme's one external file, never inline script
        assert len(scripts) == 1 and scripts[0]["src"].endswith("/theme/js/digest.js"), path.name
        assert not scripts[0].string, path.name
        assert not page.select("[onerror], [onmouseover]"), path.name
        assert "javascript:" not in path.read_text(encoding="utf-8"), path.name
    article = (tmp_path / "out" / "articles" / "x.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in article


def test_metadata_cannot_write_outside_the_output_folder(make_seeds, tmp_path):
    seeds = make_seeds(
        {
            "..%2F..%2Fescape.txt": "Escape Attempt\n\nText of the article here.",
            "sub/deeper.txt": "Deeper Title\n\nText of another article.",
            "sources.yaml": "articles:\n  deeper:\n    headline: ../../../outside\n    url: file:///etc/passwd\n",
        }
    )
    out = tmp_path / "site" / "out"
    digest = build_site(seeds, out)
    written = {p.resolve() for p in tmp_path.rglob("*") if p.is_file()}
    allowed = [out.resolve(), seeds.resolve(), (out.parent / "out-cache").resolve()]  # output, input, CACHE_PATH
    assert all(any(p.is_relative_to(folder) for folder in allowed) for p in written)
    deeper = next(a for a in digest["articles"] if a["id"] == "deeper")
    assert deeper["headline"] == "../../../outside" and deeper["original_url"] is None
    assert deeper["url"].startswith("articles/") and ".." not in deeper["url"]


def test_sidecar_names_outlets_and_wins(make_seeds, tmp_path):
    seeds = make_seeds(
        {
            "a.txt": "Text of the article.\n\n{Inferred.com}",
            "sources.yaml": "articles:\n  a.txt:\n    outlet: The Given Outlet\n    published: 2024-05-05\n"
            "    url: https://example.com/a\n",
        }
    )
    article = build_site(seeds, tmp_path / "out")["articles"][0]
    assert article["outlet"] == "The Given Outlet"
    assert article["published"] == "2024-05-05" and article["original_url"] == "https://example.com/a"


def test_broken_sidecar_is_reported_and_ignored(make_seeds, tmp_path):
    seeds = make_seeds({"a.txt": "Text of the article.", "sources.yaml": "articles: [unclosed"})
    digest = build_site(seeds, tmp_path / "out")
    assert len(digest["articles"]) == 1
    assert digest["skipped"][0]["source_file"] == "sources.yaml"
    assert "does not parse" in digest["skipped"][0]["reason"]


def test_empty_seed_folder_builds_an_empty_digest(make_seeds, tmp_path):
    digest = build_site(make_seeds({}), tmp_path / "out")
    assert digest["articles"] == [] and digest["stories"] == []
    assert "No articles" in soup(tmp_path / "out" / "index.html").get_text()


def test_files_in_other_encodings_keep_their_typography(make_seeds, tmp_path):
    seeds = make_seeds(
        {
            "cp.txt": "Café Talks\n\nThe café owner said the talks were “serious” — and long.".encode("cp1252"),
            "u16.txt": "UTF Sixteen\n\nHe said “it’s over” today.".encode("utf-16"),
            "bom.txt": "\ufeffBOM Title\n\nA line – with a dash.".encode(),
        }
    )
    articles = {a["id"]: a for a in build_site(seeds, tmp_path / "out")["articles"]}
    assert articles["cp"]["headline"] == "Café Talks" and "“serious” — and" in articles["cp"]["text"]
    assert articles["u16"]["text"] == "He said “it’s over” today."
    assert articles["bom"]["headline"] == "BOM Title" and articles["bom"]["text"] == "A line – with a dash."


def test_a_fault_in_article_analysis_keeps_the_article(make_seeds, tmp_path, monkeypatch):
    from coverage_digest.build import pipeline

    def broken(article):
        raise RuntimeError("rule bug")

    monkeypatch.setattr(pipeline, "analyse_article", broken)
    digest = build_site(
        make_seeds({"a.txt": "Title Here\n\nText of the article, “with a quote,” he said."}), tmp_path / "o"
    )
    assert [a["id"] for a in digest["articles"]] == ["a"] and digest["stories"][0]["quotes"] == []


def test_site_wide_files_can_be_moved_and_every_page_follows(tmp_path):
    out = tmp_path / "out"
    build_site(
        SEEDS,
        out,
        DIGEST_INDEX_SAVE_AS="home.html",
        DIGEST_SEARCH_SAVE_AS="find.html",
        DIGEST_FEED_SAVE_AS="atom.xml",
        DIGEST_JSON_SAVE_AS="data/digest.json",
    )
    for name in ("home.html", "find.html", "atom.xml", "data/digest.json"):
        assert (out / name).is_file(), name
    for page in out.rglob("*.html"):
        for tag in soup(page).select("a[href], link[href]"):
            href = tag["href"].split("#")[0].split("?")[0]
            if href and not href.startswith(("http://", "https://", "data:")):
                assert (page.parent / href).resolve().exists(), f"{page.name}: {tag['href']}"
