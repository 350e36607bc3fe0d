"""An outlet's list of articles is paged: its page lists the newest OUTLET_ARTICLES_PER_PAGE, numbered part pages in
a folder named like it list the rest, every page links to every other, and every article is on exactly one of them
(issue 15: no page grows with the corpus)."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup

from coverage_digest.site import outlet_view
from coverage_digest.site.paths import outlet_part_path
from support import build_site

EVENTS = (
    ("Westmark", "crane", "pier"),
    ("Odessby", "fire", "warehouse"),
    ("Lintford", "flood", "bridge"),
    ("Carrow", "strike", "depot"),
    ("Helmsby", "landslide", "road"),
    ("Pellan", "outage", "grid"),
    ("Sorrow Bay", "spill", "harbour"),
)


@pytest.mark.parametrize(
    ("page", "number", "expected"),
    [
        ("outlets/afp.html", 2, "outlets/afp/articles-2.html"),
        ("outlets/afp/index.html", 3, "outlets/afp/articles-3.html"),
        ("outlets/afp/", 2, "outlets/afp/articles-2.html"),
    ],
)
def test_part_pages_go_in_a_folder_named_like_the_outlet_page(page, number, expected):
    assert outlet_part_path(page, number) == expected


def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def _rows(soup: BeautifulSoup) -> list[str]:
    return [a["href"] for a in soup.select("table.outlet-articles tbody tr td:nth-of-type(2) a")]


def test_an_outlet_with_more_articles_than_a_page_gets_part_pages(tmp_path, monkeypatch):
    monkeypatch.setattr(outlet_view, "OUTLET_ARTICLES_PER_PAGE", 3)
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for i, (town, what, where) in enumerate(EVENTS):
        text = (
            f"---\ntitle: {what.capitalize()} at the {town} {where}\noutlet: Harbour Times\n"
            f"published: 2026-03-{10 + i:02d}\n---\n\n"
            f"A {what} hit the {where} in {town} on the morning of March {10 + i}, officials said.\n\n"
            f"Crews in {town} worked through the day, and the {where} stayed closed.\n"
        )
        (seeds / f"a{i}.md").write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    digest = build_site(seeds, out)
    outlet = next(o for o in digest["outlets"] if o["name"] == "Harbour Times")
    first = out / outlet["url"]
    pages = [first, first.with_suffix("") / "articles-2.html", first.with_suffix("") / "articles-3.html"]
    assert all(p.is_file() for p in pages)
    assert not (first.with_suffix("") / "articles-4.html").exists()

    seen: list[str] = []
    for number, path in enumerate(pages, start=1):
        soup = _soup(path)
        rows = _rows(soup)
        assert len(rows) == (3 if number < 3 else 1)
        page_url = path.relative_to(out).as_posix()
        seen += [urljoin(page_url, href) for href in rows]
        note = soup.select_one("p.parts")
        assert note is not None and f"of {len(EVENTS)} articles" in note.get_text()
        linked = {urljoin(page_url, a["href"]) for a in note.find_all("a")}
        others = {p.relative_to(out).as_posix() for p in pages if p != path}
        assert linked == others  # every other page, and the current one marked, not linked
        css = soup.find("link", rel="stylesheet")["href"]
        assert (out / urljoin(page_url, css)).is_file()  # relative links work from the folder too
        assert (soup.find(id="oquotes-h") is None) == (number > 1)  # the outlet's other sections: on its page only
    articles = {a["url"] for a in digest["articles"] if a["outlet"] == "Harbour Times"}
    assert sorted(seen) == sorted(articles) and len(seen) == len(set(seen))
    dates = [d for d in (_soup(p).select("time") for p in pages) for d in d]
    assert [t["datetime"] for t in dates] == sorted((t["datetime"] for t in dates), reverse=True)
