"""The plugin as a good Pelican citizen: every page announced in the main process, the digest offered to other
plugins, and pelican-plugins' sitemap plugin given the digest's pages instead of a second sitemap.xml."""

from __future__ import annotations

import os
import shutil
import weakref
import xml.etree.ElementTree as ET

import pytest
from pelican import signals

from coverage_digest import plugin
from coverage_digest.build import schedule
from support import ROOT, SEEDS, build_site

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture()
def parallel_writes(monkeypatch):
    """Every story's pages written on forked workers, even for the five seeds."""
    monkeypatch.setattr(schedule, "MIN_PARALLEL_STORIES", 1)
    monkeypatch.setattr(schedule, "MIN_PARALLEL_ARTICLES", 1)


def _pages(out):
    return sorted(str(p.relative_to(out)) for p in out.rglob("*.html") if not p.is_relative_to(out / "theme"))


def test_every_page_is_announced_once_in_the_main_process_even_from_workers(tmp_path, parallel_writes):
    announced: list[tuple[str, int]] = []

    def heard(path, context):
        announced.append((path, os.getpid()))

    signals.content_written.connect(heard)
    try:
        out = tmp_path / "out"
        build_site(SEEDS, out, DIGEST_WORKERS=2, DIGEST_CACHE=False)
    finally:
        signals.content_written.disconnect(heard)
    paths = [os.path.relpath(p, out) for p, _ in announced]
    assert {pid for _, pid in announced} == {os.getpid()}
    assert sorted(paths) == _pages(out) and len(paths) == len(set(paths))


def test_a_rebuild_announces_the_pages_it_keeps(tmp_path):
    out = tmp_path / "out"
    build_site(SEEDS, out, DELETE_OUTPUT_DIRECTORY=False)
    announced: list[str] = []
    receiver = lambda path, context: announced.append(os.path.relpath(path, out))  # noqa: E731
    signals.content_written.connect(receiver)
    try:
        build_site(SEEDS, out, DELETE_OUTPUT_DIRECTORY=False)
    finally:
        signals.content_written.disconnect(receiver)
    assert sorted(announced) == _pages(out)


def test_the_digest_is_offered_to_other_plugins(tmp_path):
    seen = {}

    def built(generator, digest, paths):
        seen["stories"] = [doc.counts.quotes for doc in digest.documents]
        seen["url"] = paths.story_url(digest.stories[0].id)
        seen["context"] = generator.context["coverage_digest"] is digest

    plugin.digest_built.connect(built)
    try:
        digest = build_site(SEEDS, tmp_path / "out")
    finally:
        plugin.digest_built.disconnect(built)
    assert seen == {
        "stories": [digest["stories"][0]["counts"]["quotes"]],
        "url": digest["stories"][0]["url"],
        "context": True,
    }


@pytest.fixture()
def sitemap_plugin_connected_only_here():
    """Pelican's signals are global: disconnect what the sitemap plugin connects, so later builds run without it."""
    watched = (signals.get_generators, signals.content_written, signals.finalized)
    before = [set(signal.receivers) for signal in watched]
    yield
    for signal, old in zip(watched, before, strict=True):
        for key in set(signal.receivers) - old:
            ref = signal.receivers[key]
            signal.disconnect(ref() if isinstance(ref, weakref.ref) else ref)


def test_the_sitemap_plugin_lists_the_digests_pages_and_ours_steps_aside(
    tmp_path, parallel_writes, sitemap_plugin_connected_only_here
):
    out = tmp_path / "out"
    build_site(SEEDS, out, PLUGINS=["coverage_digest", "pelican.plugins.sitemap"], DIGEST_WORKERS=2)
    root = ET.parse(out / "sitemap.xml").getroot()
    assert root.find(f"{SITEMAP}url/{SITEMAP}changefreq") is not None  # the sitemap plugin's file, not ours
    listed = {loc.text.removeprefix("/") for loc in root.iter(f"{SITEMAP}loc")}
    assert {p.removesuffix("index.html") for p in _pages(out)} <= listed


def test_a_theme_overrides_the_templates_the_package_ships(tmp_path):
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    (theme / "templates" / "skipped.html").write_text(
        '{% extends "base.html" %}{% block content %}<p id="own">Our own skipped page</p>{% endblock %}',
        encoding="utf-8",
    )
    out = tmp_path / "out"
    build_site(SEEDS, out, THEME=str(theme))
    assert 'id="own"' in (out / "skipped.html").read_text(encoding="utf-8")
    assert "Stories" in (out / "index.html").read_text(encoding="utf-8")  # the package's index.html still serves
