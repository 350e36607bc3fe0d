"""Test helper: build Articles from plain-text seed files without the ingest stage."""

from __future__ import annotations

import re
from pathlib import Path

from coverage_digest.records import Article

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def article_from_text(article_id: str, text: str) -> Article:
    """An Article from a text: a short first line without final punctuation, then a blank line, is the headline."""
    text = text.replace("\r\n", "\n").strip()
    first, sep, rest = text.partition("\n\n")
    headline = None
    if sep and "\n" not in first and len(first) < 200 and first.rstrip()[-1:] not in '.!?”"':
        headline, text = first.strip(), rest
    blocks = re.split(r"\n\s*\n", text) if re.search(r"\n\s*\n", text) else text.split("\n")
    paragraphs = tuple(" ".join(b.split()) for b in blocks if b.strip())
    return Article(
        id=article_id,
        source_file=f"{article_id}.txt",
        kind="txt",
        headline=headline,
        paragraphs=paragraphs,
        removed=(),
        outlet=None,
        outlet_evidence=None,
        republisher=None,
        byline=None,
        published=None,
        url=None,
    )


def seed_articles() -> tuple[Article, ...]:
    """Every seeds/*.txt file as an Article, by file name."""
    return tuple(article_from_text(p.stem, p.read_text(encoding="utf-8")) for p in sorted(SEEDS.glob("*.txt")))
