"""read -> clean -> analyse each article -> group -> analyse each story: the pure core of a build."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import partial

from .analyse import ArticleAnalysis, StoryAnalysis, analyse_article, analyse_story
from .cache import ResultCache, cache_key
from .clean import clean_article
from .group import GroupSettings, StoryGroup, group_articles
from .ingest import ingest_file
from .parallel import map_inherited, map_items
from .records import Article, Metadata, RawArticle, SeedFile, Skipped
from .sentences import split_article
from .settings import DigestSettings
from .sidecar import Sidecar

log = logging.getLogger(__name__)
FileResult = tuple[Article, ArticleAnalysis] | Skipped
MIN_PARALLEL_STORIES = 50  # stories to analyse before worker processes pay for themselves


@dataclass(frozen=True, slots=True)
class Digest:
    """Everything a build knows: articles, stories, their analyses, and the files that did not become articles."""

    articles: tuple[Article, ...]
    stories: tuple[StoryGroup, ...]
    skipped: tuple[Skipped, ...]
    analyses: tuple[ArticleAnalysis, ...] = ()  # in article order
    story_analyses: tuple[StoryAnalysis, ...] = ()  # in story order
    story_keys: tuple[str, ...] = ()  # content keys of the stories (with a cache): unchanged key, unchanged pages


Progress = Callable[[str, int, int], None]  # (stage, done, total)


def build_digest(
    files: tuple[SeedFile, ...],
    sidecar: Sidecar,
    settings: DigestSettings,
    cache: ResultCache | None = None,
    progress: Progress | None = None,
) -> Digest:
    """Run every stage over the seed files; with a cache, unchanged files and stories are not analysed again."""
    report = progress or _silent
    pairs = [(f, sidecar.for_file(f.path)) for f in files]
    keys = [cache_key(seed, given) for seed, given in pairs] if cache else []
    results = process_files(pairs, keys, settings.workers, cache, report)
    articles, analyses, skipped = _split_results(results)
    stories = group_articles(articles, group_settings(sidecar, settings))
    report("grouped into stories", len(stories), len(stories))
    fingerprint = {r[0].id: k for r, k in zip(results, keys, strict=False) if not isinstance(r, Skipped)}
    story_keys = [story_key(story, fingerprint) for story in stories] if cache else []
    story_analyses = analyse_stories(stories, articles, analyses, story_keys, cache, report, settings.workers)
    if cache:
        cache.prune(set(keys) | set(story_keys))
    return Digest(articles, stories, skipped, analyses, story_analyses, tuple(story_keys))


def process_files(
    pairs: list[tuple[SeedFile, Metadata]],
    keys: list[str],
    workers: int,
    cache: ResultCache | None,
    report: Progress,
) -> list[FileResult]:
    """The map half: every file read, cleaned and analysed, in input order; cached results are reused."""
    results: list[FileResult | None] = [cache.get(k) for k in keys] if cache else [None] * len(pairs)
    todo = [i for i, r in enumerate(results) if r is None]
    report("articles from cache", len(pairs) - len(todo), len(pairs))
    # Each worker stores its results in the cache itself, so the writes do not queue up here after the last file.
    tasks = [(pairs[i], keys[i] if cache else None) for i in todo]
    done = map_items(partial(_process_and_store, cache), tasks, workers)
    for i, result in zip(todo, done, strict=True):
        results[i] = result
    report("articles read and analysed", len(todo), len(todo))
    return results


def analyse_stories(
    stories: tuple[StoryGroup, ...],
    articles: tuple[Article, ...],
    analyses: tuple[ArticleAnalysis, ...],
    keys: list[str],
    cache: ResultCache | None,
    report: Progress,
    workers: int = 1,
) -> tuple[StoryAnalysis, ...]:
    """The reduce half: each story compared across its outlets (stories are independent: a cluster could split them)."""
    by_id = {a.id: a for a in articles}
    per_article = {a.article_id: a for a in analyses}
    results: list[StoryAnalysis | None] = [cache.get(k) for k in keys] if cache else [None] * len(stories)
    results = [replace(r, story=s) if r is not None else None for r, s in zip(results, stories, strict=True)]
    # Largest first, one story at a time: story costs differ a thousandfold, and a big one left last idles a core.
    todo = sorted((i for i, r in enumerate(results) if r is None), key=lambda i: -len(stories[i].article_ids))

    def job(k: int) -> StoryAnalysis:
        result = analyse_story_task(_story_task(stories[todo[k]], by_id, per_article))
        if cache:  # stored by the worker that made it (atomic per entry)
            cache.put(keys[todo[k]], result)
        return result

    done = map_inherited(job, len(todo), workers, min_items=MIN_PARALLEL_STORIES)
    for i, result in zip(todo, done, strict=True):
        results[i] = result
    report("stories analysed", len(todo), len(todo))
    return tuple(results)


def story_key(story: StoryGroup, fingerprint: dict[str, str]) -> str:
    """A story's analysis key: which articles it has and their content keys, nothing else.

    Similarities and shared terms shift whenever any article of the corpus changes; the analysis does not depend on
    them, so they stay out of the key (the current grouping record is attached to a cached analysis).
    """
    members = " ".join(f"{i}={fingerprint[i]}" for i in story.article_ids)
    return cache_key(SeedFile("story", members.encode("utf-8", "surrogatepass")), Metadata())


def _story_task(story: StoryGroup, by_id: dict, per_article: dict) -> tuple:
    return story, {i: by_id[i] for i in story.article_ids}, {i: per_article[i] for i in story.article_ids}


def analyse_story_task(task: tuple) -> StoryAnalysis:
    """One story's analysis from only its own articles (picklable: what a worker process receives)."""
    story, articles, per_article = task
    return analyse_story(story, articles, per_article)


def group_settings(sidecar: Sidecar, settings: DigestSettings) -> GroupSettings:
    """Grouping settings: the tuned defaults, the user's threshold, and merges/splits from sidecar and settings."""
    base = GroupSettings(merge=sidecar.merge + settings.merge, split=sidecar.split + settings.split)
    return base if settings.group_threshold is None else replace(base, threshold=settings.group_threshold)


def _process_and_store(cache: ResultCache | None, task: tuple[tuple[SeedFile, Metadata], str | None]) -> FileResult:
    """process_file, with the result stored under its content key (in the worker process that made it)."""
    pair, key = task
    result = process_file(pair)
    if cache is not None and key is not None:
        cache.put(key, result)
    return result


def process_file(pair: tuple[SeedFile, Metadata]) -> FileResult:
    """The per-file half of the pipeline (map): read, clean, analyse one article. Pure and picklable."""
    seed, given = pair
    raw = ingest_file(seed, given)
    if not isinstance(raw, RawArticle):
        return raw
    article = clean_article(raw)
    try:
        return article, analyse_article(article)
    except Exception as exc:  # a fault in one analysis rule must not cost the user the article itself
        log.warning(
            "%s: analysis failed (%s: %s); shown without quotes and figures", seed.path, type(exc).__name__, exc
        )
        return article, ArticleAnalysis(article.id, split_article(article), (), ())


def _silent(stage: str, done: int, total: int) -> None:
    """The progress callback of quiet builds."""


def _split_results(
    results: list[FileResult],
) -> tuple[tuple[Article, ...], tuple[ArticleAnalysis, ...], tuple[Skipped, ...]]:
    """Separate articles from skipped files; a second file whose name gives an id already taken is skipped."""
    kept: dict[str, tuple[Article, ArticleAnalysis]] = {}
    skipped: list[Skipped] = []
    for item in results:
        if isinstance(item, Skipped):
            skipped.append(item)
        elif item[0].id in kept:
            first = kept[item[0].id][0].source_file
            reason = f"its article id {item[0].id!r} is already used by {first}; rename one"
            skipped.append(Skipped(item[0].source_file, reason))
        else:
            kept[item[0].id] = item
    ordered = [kept[i] for i in sorted(kept)]
    return (
        tuple(a for a, _ in ordered),
        tuple(x for _, x in ordered),
        tuple(sorted(skipped, key=lambda s: s.source_file)),
    )
