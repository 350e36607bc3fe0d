"""read -> clean -> group -> analyse: the pure core of a build, from seed files to a Digest record."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from .clean import clean_article
from .ingest import ingest_file
from .parallel import map_items
from .records import Article, RawArticle, SeedFile, Skipped, Story
from .settings import DigestSettings
from .sidecar import Sidecar
from .stories import form_stories

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Digest:
    """Everything a build knows: articles, stories, and the files that did not become articles."""

    articles: tuple[Article, ...]
    stories: tuple[Story, ...]
    skipped: tuple[Skipped, ...]


def build_digest(files: tuple[SeedFile, ...], sidecar: Sidecar, settings: DigestSettings) -> Digest:
    """Run every stage over the seed files."""
    pairs = [(f, sidecar.for_file(f.path)) for f in files]
    results = map_items(_read_and_clean, pairs, settings.workers)
    articles, skipped = _split_results(results)
    merge = sidecar.merge + settings.merge
    split = sidecar.split + settings.split
    stories = form_stories(articles, merge, split, settings.group_threshold)
    return Digest(articles=articles, stories=stories, skipped=skipped)


def _read_and_clean(pair: tuple[SeedFile, object]) -> Article | Skipped:
    seed, given = pair
    raw = ingest_file(seed, given)
    return clean_article(raw) if isinstance(raw, RawArticle) else raw


def _split_results(results: list[Article | Skipped]) -> tuple[tuple[Article, ...], tuple[Skipped, ...]]:
    """Separate articles from skipped files; a second file whose name gives an id already taken is skipped."""
    articles: dict[str, Article] = {}
    skipped: list[Skipped] = []
    for item in results:
        if isinstance(item, Skipped):
            skipped.append(item)
        elif item.id in articles:
            first = articles[item.id].source_file
            skipped.append(
                Skipped(item.source_file, f"its article id {item.id!r} is already used by {first}; rename one")
            )
        else:
            articles[item.id] = item
    ordered = tuple(sorted(articles.values(), key=lambda a: a.id))
    return ordered, tuple(sorted(skipped, key=lambda s: s.source_file))
