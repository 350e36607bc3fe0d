"""The seed site against its committed golden output (tests/golden/), byte for byte, as Pelican's own tests compare
their `tests/output/basic`. `make golden` rewrites the golden files when a change is meant to change them."""

from __future__ import annotations

from pathlib import Path

GOLDEN = Path(__file__).resolve().parent / "golden"


def test_digest_json_is_the_golden_one(seed_site):
    out, _ = seed_site
    assert (out / "digest.json").read_bytes() == (GOLDEN / "digest.json").read_bytes(), "run `make golden` if meant"


def test_the_story_page_is_the_golden_one(seed_site):
    out, digest = seed_site
    page = out / digest["stories"][0]["url"]
    assert page.read_bytes() == (GOLDEN / "story.html").read_bytes(), "run `make golden` if meant"
