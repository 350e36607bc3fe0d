"""Shared fixtures (helpers the tests import live in support.py)."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from support import SEEDS, build_site


@pytest.fixture(scope="session")
def seed_site(tmp_path_factory) -> tuple[Path, dict]:
    """The demo seeds built once for the whole session: (output folder, digest.json)."""
    out = tmp_path_factory.mktemp("seed-site")
    logging.getLogger("pelican").setLevel(logging.WARNING)
    return out, build_site(SEEDS, out)


@pytest.fixture()
def make_seeds(tmp_path):
    """Write {relative path: str | bytes} into a fresh seeds folder and return it."""

    def _make(files: dict[str, str | bytes]) -> Path:
        folder = tmp_path / "seeds"
        folder.mkdir(exist_ok=True)
        for name, content in files.items():
            path = folder / name
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")
        return folder

    return _make


def pytest_collection_modifyitems(items) -> None:
    """Mark every test that builds a whole site (through the seed_site fixture or support.build_site) as `site`,
    so that `make test-fast` (-m "not site and not browser") runs the unit tests alone."""
    for item in items:
        module = getattr(item, "module", None)
        if "seed_site" in getattr(item, "fixturenames", ()) or (module and "build_site" in vars(module)):
            item.add_marker(pytest.mark.site)
