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
