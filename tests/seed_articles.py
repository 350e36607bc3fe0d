"""Test helper: Articles from text through the real ingest and clean stages, and bare Articles from paragraphs."""

from __future__ import annotations

from pathlib import Path

from coverage_digest.clean.article import clean_article
from coverage_digest.read.ingest import ingest_file
from coverage_digest.records import Article, RawArticle, SeedFile

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


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
