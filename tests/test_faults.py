"""The hostile-input and fault audit's cases, each kept as a test: the build finishes, names the file and the reason,
loses nothing else, and leaves the same pages as a clean build of the remaining inputs."""

from __future__ import annotations

import logging
import os
from pathlib import Path

import pytest

from support import build_site

pytestmark = pytest.mark.site

QUAKE = (
    "Quake Hits Coast\n\nA strong earthquake struck the coast of Chile on Saturday, officials said.\n\n"
    "“We are searching every street,” said Mayor Ana Ruiz. Rescuers worked through the night.\n"
)
FLOOD = (
    "Floods Close Roads\n\nHeavy rain flooded the valley on Monday and closed the main roads, police said.\n\n"
    "“Stay at home,” the police chief said. Schools were shut for the week.\n"
)
BOMB = "a: &a ['lol','lol','lol','lol','lol','lol','lol','lol','lol']\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},"
    f"*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)}]\n"
    for i in range(8)
)


def _pages(out: Path) -> dict[str, bytes]:
    """Every story and article page (the skipped-files page and digest.json list the bad files, so they differ)."""
    return {
        str(p.relative_to(out)): p.read_bytes()
        for folder in ("stories", "articles", "reuse")
        for p in sorted((out / folder).rglob("*"))
        if p.is_file() and p.suffix == ".html"
    }


def _skipped(digest: dict) -> dict[str, str]:
    return {s["source_file"]: s["reason"] for s in digest["skipped"]}


@pytest.fixture(scope="module")
def clean(tmp_path_factory) -> dict[str, bytes]:
    folder = tmp_path_factory.mktemp("clean-seeds")
    (folder / "quake.txt").write_text(QUAKE, encoding="utf-8")
    (folder / "flood.txt").write_text(FLOOD, encoding="utf-8")
    out = tmp_path_factory.mktemp("clean") / "out"
    build_site(folder, out, DIGEST_CACHE=False)
    return _pages(out)


def _seeds(tmp_path: Path, extra: dict[str, str | bytes]) -> Path:
    folder = tmp_path / "seeds"
    folder.mkdir(parents=True)
    (folder / "quake.txt").write_text(QUAKE, encoding="utf-8")
    (folder / "flood.txt").write_text(FLOOD, encoding="utf-8")
    for name, content in extra.items():
        path = folder / name
        path.write_bytes(content) if isinstance(content, bytes) else path.write_text(content, encoding="utf-8")
    return folder


def test_special_files_and_links_are_skipped_with_their_reason(tmp_path, clean):
    folder = _seeds(tmp_path, {})
    os.mkfifo(folder / "pipe.txt")  # opening it for reading would block the build forever
    os.symlink("loop.txt", folder / "loop.txt")
    os.symlink("missing.txt", folder / "dangling.txt")
    out = tmp_path / "out"
    skipped = _skipped(build_site(folder, out, DIGEST_CACHE=False))
    assert "named pipe" in skipped["pipe.txt"]
    assert "loop" in skipped["loop.txt"]
    assert "broken symbolic link" in skipped["dangling.txt"]
    assert _pages(out) == clean


@pytest.mark.parametrize("where", ["sidecar", "front matter"])
def test_an_impossible_date_is_one_refused_value(tmp_path, clean, caplog, where):
    if where == "sidecar":
        extra = {"sources.yaml": "articles:\n  quake.txt:\n    published: 2024-02-30\n"}
    else:
        extra = {"note.md": "---\ntitle: A note\npublished: 2024-02-30\n---\nA short note about nothing in particular."}
    out = tmp_path / "out"
    with caplog.at_level(logging.WARNING):
        digest = build_site(_seeds(tmp_path, extra), out, DIGEST_CACHE=False)
    assert all(a["published"] is None for a in digest["articles"])
    named = "sources.yaml [quake.txt]" if where == "sidecar" else "note.md: front matter"
    assert any(named in r.getMessage() and "2024-02-30" in r.getMessage() for r in caplog.records)
    if where == "sidecar":
        assert _pages(out) == clean


def test_a_yaml_alias_bomb_is_refused_by_size(tmp_path):
    extra = {"sources.yaml": BOMB + "articles: {}\n", "bomb.md": "---\n" + BOMB + "---\nA paragraph of text here."}
    digest = build_site(_seeds(tmp_path, extra), tmp_path / "out", DIGEST_CACHE=False)
    skipped = _skipped(digest)
    assert "alias" in skipped["sources.yaml"] and "alias" in skipped["bomb.md"]
    assert len(digest["articles"]) == 2


@pytest.mark.parametrize("sidecar", ["sources.yaml", "sources.json"])
def test_a_lone_surrogate_in_metadata_is_replaced_not_fatal(tmp_path, sidecar):
    body = '{"articles": {"quake.txt": {"outlet": "Bad \\ud800 Outlet"}}}'
    extra = {sidecar: body, "note.md": '---\ntitle: "Odd \\udc00 title"\n---\nA paragraph of text about a storm.'}
    digest = build_site(_seeds(tmp_path, extra), tmp_path / "out", DIGEST_CACHE=False)
    by_id = {a["id"]: a for a in digest["articles"]}
    assert by_id["quake"]["outlet"] == "Bad \ufffd Outlet" and by_id["note"]["headline"] == "Odd \ufffd title"


def test_names_that_slug_alike_get_pages_of_their_own(tmp_path):
    """ "A", "a~" and the hashed slug of "a~" taken by a file of its own: three pages, none replaced."""
    from coverage_digest.site.slugs import unique_slugs

    hashed = unique_slugs(["A", "a~"])["a~"]
    extra = {"A.txt": QUAKE.replace("Saturday", "Sunday"), f"{hashed}.txt": FLOOD.replace("Monday", "Friday")}
    extra["a~.txt"] = QUAKE.replace("Chile", "Peru")
    for workers in (1, 2):
        out = tmp_path / f"out-{workers}"
        digest = build_site(_seeds(tmp_path / str(workers), extra), out, DIGEST_CACHE=False, DIGEST_WORKERS=workers)
        urls = [a["url"] for a in digest["articles"]]
        assert len(set(urls)) == len(urls) == 5 and all((out / u).is_file() for u in urls)


KILLER = """
import os, sys
sys.path[:0] = [{plugins!r}, {tests!r}]
from coverage_digest.build import publish
point, after = sys.argv[1], int(sys.argv[2])
count = [0]

def killing(real, wanted):
    def write(self, save_as, *args, **kwargs):
        out = real(self, save_as, *args, **kwargs)
        if wanted(save_as):
            count[0] += 1
            if count[0] >= after:
                os._exit(9)  # as kill -9: nothing after this runs, no finally, no atexit
        return out
    return write

if point == "pages":
    publish.Publisher._page = killing(publish.Publisher._page, lambda name: name.startswith("articles/"))
elif point == "digest":
    publish.Publisher._data = killing(publish.Publisher._data, lambda name: name == "digest.json")
else:
    publish.Publisher._data = killing(publish.Publisher._data, lambda name: name.startswith("search/"))
from support import build_site
from pathlib import Path
build_site(Path(sys.argv[3]), Path(sys.argv[4]), DELETE_OUTPUT_DIRECTORY=False, DIGEST_WORKERS=1)
"""


def _tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize(("point", "after"), [("pages", 1), ("pages", 2), ("digest", 1), ("search", 2)])
def test_a_rebuild_killed_half_way_leaves_no_lasting_trace(tmp_path, point, after):
    """Edit a seed, kill the rebuild at a point, restore the seed, build again: the site equals a clean build."""
    import subprocess
    import sys

    from support import ROOT

    seeds = _seeds(tmp_path, {"third.txt": QUAKE.replace("Chile", "Peru").replace("Saturday", "Sunday")})
    out = tmp_path / "out"
    build_site(seeds, out, DELETE_OUTPUT_DIRECTORY=False, DIGEST_WORKERS=1)
    original = (seeds / "quake.txt").read_text(encoding="utf-8")
    (seeds / "quake.txt").write_text(original.replace("every street", "every edited street"), encoding="utf-8")
    (seeds / "flood.txt").unlink()  # a story that goes away: its pages must not outlive the next build
    script = tmp_path / "killer.py"
    script.write_text(KILLER.format(plugins=str(ROOT / "plugins"), tests=str(ROOT / "tests")), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(script), point, str(after), str(seeds), str(out)], capture_output=True, check=False
    )
    assert done.returncode == 9, done.stderr.decode()[-2000:]
    (seeds / "quake.txt").write_text(original, encoding="utf-8")
    build_site(seeds, out, DELETE_OUTPUT_DIRECTORY=False, DIGEST_WORKERS=1)
    fresh = tmp_path / "fresh"
    build_site(seeds, fresh, DIGEST_WORKERS=1)
    assert _tree(out) == _tree(fresh)
    assert not any(b"edited street" in data for data in _tree(out).values())


@pytest.mark.parametrize("cache", [True, False])
def test_the_output_holds_only_what_this_build_wrote(tmp_path, cache):
    """A deleted article's pages, its story's CSV files and search shards no longer in the index are removed."""
    seeds = _seeds(tmp_path, {})
    out = tmp_path / "out"
    first = build_site(seeds, out, DELETE_OUTPUT_DIRECTORY=False, DIGEST_CACHE=cache)
    gone = next(s for s in first["stories"] if "flood" in s["article_ids"])
    (out / "search" / "t-stray.js").write_text("stale", encoding="utf-8")  # an orphan in the digest's own folder
    (seeds / "flood.txt").unlink()
    build_site(seeds, out, DELETE_OUTPUT_DIRECTORY=False, DIGEST_CACHE=cache)
    fresh = tmp_path / "fresh"
    build_site(seeds, fresh, DIGEST_CACHE=cache)
    assert _tree(out) == _tree(fresh)
    assert not (out / gone["url"]).exists() and not (out / gone["downloads"]["quotes"]).exists()


def test_file_names_cannot_break_anchors_spoof_or_reach_the_terminal_raw(tmp_path, caplog):
    """Spaces, quotes and newlines in a name gave invalid quote anchors; a right-to-left override showed a spoofed
    name; an escape sequence reached the terminal; CON.txt gave a page Windows cannot hold."""
    from bs4 import BeautifulSoup

    names = {
        'the "daily" report.txt': QUAKE,
        "line\nbreak.txt": FLOOD.replace("Monday", "Friday"),
        "evil\u202etxt.exe.txt": QUAKE.replace("Chile", "Peru"),
        "CON.txt": FLOOD.replace("valley", "plain"),
        "bad\x1b[31m.txt": "",
    }
    out = tmp_path / "out"
    with caplog.at_level(logging.WARNING):
        digest = build_site(_seeds(tmp_path, names), out, DIGEST_CACHE=False)
    assert all("\x1b" not in r.getMessage() for r in caplog.records)
    assert any("\\u001b" in r.getMessage() for r in caplog.records)
    pages = {a["id"]: a["url"] for a in digest["articles"]}
    assert not any(Path(u).stem.split(".")[0].lower() in {"con", "aux", "nul"} for u in pages.values())
    for url in pages.values():
        soup = BeautifulSoup((out / url).read_text(encoding="utf-8"), "html.parser")
        ids = [m["id"] for m in soup.select("mark[id]")]
        assert all(i and not any(c.isspace() or c in "\"'" for c in i) for i in ids)
        assert all(soup.find(id=a["href"][1:]) for a in soup.select('a[href^="#q"]'))  # every quote link lands
        assert "\u202e" not in soup.get_text()
    story = (out / digest["stories"][0]["url"]).read_text(encoding="utf-8")
    assert "\u202e" not in story


def test_a_page_with_one_unprintable_character_reference_is_still_read(tmp_path):
    body = "<p>" + "Heavy rain flooded the valley on Monday and forced families to leave their homes. " * 3 + "</p>"
    pages = {
        f"page{n}.html": f"<html><body><article><h1>Floods</h1>{body}<p>Roads closed.{ref} More rain is due.</p>"
        + "</article></body></html>"
        for n, ref in enumerate(("&#12;", "&#11;", "&#8;", "&#xFFFE;"))
    }
    digest = build_site(_seeds(tmp_path, pages), tmp_path / "out", DIGEST_CACHE=False)
    assert not _skipped(digest) and len(digest["articles"]) == 6


def test_sidecar_entries_naming_no_file_are_warned_and_names_match_in_any_normal_form(tmp_path, caplog):
    import unicodedata

    decomposed = unicodedata.normalize("NFD", "café.txt")  # how some systems store the name
    sidecar = "articles:\n  quake.txtt:\n    outlet: Typo\n  café.txt:\n    outlet: The Café Daily\n"
    seeds = _seeds(tmp_path, {decomposed: QUAKE.replace("Chile", "Peru"), "sources.yaml": sidecar})
    with caplog.at_level(logging.WARNING):
        digest = build_site(seeds, tmp_path / "out", DIGEST_CACHE=False)
    assert any("quake.txtt" in r.getMessage() and "matches no seed file" in r.getMessage() for r in caplog.records)
    assert "The Café Daily" in {a["outlet"] for a in digest["articles"]}


def test_a_full_disk_is_one_clear_line_and_leaves_the_previous_site(tmp_path, monkeypatch, caplog):
    import errno
    import shutil as real_shutil
    from collections import namedtuple

    from coverage_digest import plugin
    from coverage_digest.build import publish

    seeds = _seeds(tmp_path, {})
    out = tmp_path / "out"
    build_site(seeds, out, DELETE_OUTPUT_DIRECTORY=False)
    before = _tree(out)
    (seeds / "quake.txt").write_text(QUAKE.replace("every street", "every house"), encoding="utf-8")
    usage, disk_usage = namedtuple("usage", "total used free"), real_shutil.disk_usage
    monkeypatch.setattr(plugin.shutil, "disk_usage", lambda path: usage(10**9, 10**9 - 100, 100))
    with caplog.at_level(logging.ERROR), pytest.raises(SystemExit):
        build_site(seeds, out, DELETE_OUTPUT_DIRECTORY=False)
    assert _tree(out) == before  # refused before a file was written
    assert any("MB free" in r.getMessage() and "nothing was written" in r.getMessage() for r in caplog.records)
    monkeypatch.setattr(plugin.shutil, "disk_usage", disk_usage)

    def full(self, save_as, text):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(publish.Publisher, "_data", full)  # the disk fills up half-way
    caplog.clear()
    with caplog.at_level(logging.ERROR), pytest.raises(SystemExit):
        build_site(seeds, out, DELETE_OUTPUT_DIRECTORY=False, DIGEST_WORKERS=1)
    [line] = [r.getMessage() for r in caplog.records if "cannot write the site" in r.getMessage()]
    assert "No space left on device" in line and "\n" not in line
    monkeypatch.undo()
    build_site(seeds, out, DELETE_OUTPUT_DIRECTORY=False)  # with room again: the site is whole
    fresh = tmp_path / "fresh"
    build_site(seeds, fresh)
    assert _tree(out) == _tree(fresh)
