"""Shared fixtures: build a digest site in-process into a temporary folder and read what it wrote."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest
from pelican import Pelican
from pelican.settings import read_settings

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


def build_site(seeds: Path, output: Path, **settings) -> dict:
    """Build the site from a seeds folder into `output` with Pelican, as `make site` does; return digest.json."""
    override = {
        "DIGEST_SEEDS": str(seeds),
        "OUTPUT_PATH": str(output),
        "DELETE_OUTPUT_DIRECTORY": True,
        "CACHE_PATH": str(output.parent / f"{output.name}-cache"),
    }
    override.update(settings)
    config = read_settings(str(ROOT / "pelican.conf.py"), override=override)
    Pelican(config).run()
    return json.loads((output / settings.get("DIGEST_JSON_SAVE_AS", "digest.json")).read_text(encoding="utf-8"))


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


def seed_article(name: str):
    """Read, ingest and clean one demo seed file (the real pipeline, without Pelican)."""
    from coverage_digest.clean.article import clean_article
    from coverage_digest.read.ingest import ingest_file
    from coverage_digest.records import SeedFile

    path = next(SEEDS.glob(f"{name}*"))
    return clean_article(ingest_file(SeedFile(path.name, path.read_bytes())))
