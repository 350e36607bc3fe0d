"""read -> clean -> analyse each article -> group -> analyse each story: the pure core of a build."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from functools import partial
from itertools import compress

from ..article.analyse import ArticleAnalysis, analyse_article
from ..clean.article import clean_article
from ..digest import Digest, with_documents
from ..group.stories import GroupSettings, StoryGroup, group_articles
from ..read.ingest import ingest_file
from ..read.sidecar import Sidecar
from ..records import Article, Metadata, RawArticle, SeedFile, Skipped
from ..settings import DigestSettings
from ..story.analyse import StoryAnalysis, analyse_story
from ..text.sentences import split_article
from .cache import ResultCache, cache_key, last_grouping_key
from .workers import map_inherited, map_items

log = logging.getLogger(__name__)
FileResult = tuple[Article, ArticleAnalysis] | Skipped
MIN_PARALLEL_STORIES = 50  # stories to analyse before worker processes pay for themselves
MIN_PARALLEL_GROUPING = 1000  # articles from which grouping takes seconds: the caller's work runs meanwhile
MAX_AHEAD = 4  # changed stories a rebuild analyses while it groups (more wait for grouping, then use every core)


Progress = Callable[[str, int, int], None]  # (stage, done, total)


def build_digest(
    files: tuple[SeedFile, ...],
    sidecar: Sidecar,
    settings: DigestSettings,
    cache: ResultCache | None = None,
    progress: Progress | None = None,
    while_grouping: Callable[[tuple[Article, ...], tuple[ArticleAnalysis, ...]], None] | None = None,
) -> Digest:
    """Run every stage over the seed files; with a cache, unchanged files and stories are not analysed again.

    `while_grouping(articles, analyses)`: the caller's own work over the articles, run while a worker groups them
    (grouping uses one core)."""
    report = progress or _silent
    pairs = [(f, sidecar.for_file(f.path)) for f in files]
    keys = [cache_key(seed, given) for seed, given in pairs] if cache else []
    results = process_files(pairs, keys, settings.workers, cache, report)
    articles, analyses, skipped = _split_results(results)
    fingerprint = {r[0].id: k for r, k in zip(results, keys, strict=False) if not isinstance(r, Skipped)}
    grouping = group_settings(sidecar, settings)
    stories, loaded = group_stories(
        articles, analyses, grouping, fingerprint, cache, settings.workers, report, while_grouping
    )
    report("grouped into stories", len(stories), len(stories))
    story_keys = [story_key(story.article_ids, fingerprint) for story in stories] if cache else []
    story_analyses = analyse_stories(stories, articles, analyses, story_keys, cache, report, settings.workers, loaded)
    if cache:
        cache.put(last_grouping_key(), tuple(story.article_ids for story in stories))
        cache.prune(set(keys) | set(story_keys) | {last_grouping_key()})
    return with_documents(Digest(articles, stories, skipped, analyses, story_analyses, tuple(story_keys)))


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


def group_stories(
    articles: tuple[Article, ...],
    analyses: tuple[ArticleAnalysis, ...],
    grouping: GroupSettings,
    fingerprint: dict[str, str],
    cache: ResultCache | None,
    workers: int = 1,
    report: Progress | None = None,
    while_grouping: Callable[[tuple[Article, ...], tuple[ArticleAnalysis, ...]], None] | None = None,
) -> tuple[tuple[StoryGroup, ...], dict[str, StoryAnalysis]]:
    """Stories from articles and, with a cache, the analyses of the stories the last build found, as they are now:
    {content key: analysis}. Most come back unchanged, so while a worker groups, this process loads their cached
    analyses and analyses the few whose articles changed (when grouping finds other stories, they go unused), then
    runs `while_grouping`."""
    last = cache.get(last_grouping_key()) if cache else None
    last = last if isinstance(last, tuple) and all(isinstance(m, tuple) for m in last) else ()
    expected = {story_key(members, fingerprint): members for members in last if all(i in fingerprint for i in members)}
    found = {key: bool(cache and cache.has(key)) for key in expected}
    stored = [key for key, there in found.items() if there]
    changed = [key for key, there in found.items() if not there] if cache else []
    loaded: dict[str, StoryAnalysis] = {}

    def meanwhile() -> None:
        for key in stored:
            entry = cache.get(key) if cache else None
            if isinstance(entry, StoryAnalysis):
                loaded[key] = entry
        by_id, per_article = {a.id: a for a in articles}, {x.article_id: x for x in analyses}
        ahead = changed if len(changed) <= MAX_AHEAD else []
        for key in ahead:
            loaded[key] = _analyse_and_store(cache, key, _expected_story(expected[key]), by_id, per_article)
        if ahead and report:
            report("changed stories analysed while grouping", len(ahead), len(ahead))
        if while_grouping:
            while_grouping(articles, analyses)

    own_work = while_grouping is not None and len(articles) >= MIN_PARALLEL_GROUPING
    worth_a_worker = len(stored) >= MIN_PARALLEL_STORIES or own_work
    [stories] = map_inherited(
        lambda _: group_articles(articles, grouping),
        1,
        workers,
        min_items=1 if worth_a_worker else 2,
        meanwhile=meanwhile if worth_a_worker else None,
    )
    if while_grouping and not worth_a_worker:
        while_grouping(articles, analyses)
    return stories, loaded


def _expected_story(article_ids: tuple[str, ...]) -> StoryGroup:
    """A stand-in grouping record for analysing a story ahead of grouping (an analysis depends only on the
    articles; every analysis gets the current record attached before use)."""
    return StoryGroup("", "", article_ids[0], article_ids, (), ())


def _analyse_and_store(
    cache: ResultCache | None, key: str | None, story: StoryGroup, by_id: dict, per_article: dict
) -> StoryAnalysis:
    """A story's analysis, stored under its key by the process that made it (atomic per entry)."""
    result = analyse_story_task(_story_task(story, by_id, per_article))
    if cache and key:
        cache.put(key, result)
    return result


def analyse_stories(
    stories: tuple[StoryGroup, ...],
    articles: tuple[Article, ...],
    analyses: tuple[ArticleAnalysis, ...],
    keys: list[str],
    cache: ResultCache | None,
    report: Progress,
    workers: int = 1,
    loaded: dict[str, StoryAnalysis] | None = None,
) -> tuple[StoryAnalysis, ...]:
    """The reduce half: each story compared across its outlets (stories are independent: a cluster could split them).

    With a cache, a story whose key is `loaded` (or stored) is not analysed again."""
    by_id = {a.id: a for a in articles}
    per_article = {a.article_id: a for a in analyses}
    loaded = loaded or {}
    stored = [k in loaded or cache.has(k) for k in keys] if cache else [False] * len(stories)
    results: list[StoryAnalysis | None] = [None] * len(stories)

    def load_stored() -> None:  # in this process, while workers analyse the stories that changed
        for i in compress(range(len(stories)), stored):
            found = loaded.get(keys[i]) or (cache.get(keys[i]) if cache else None)
            results[i] = replace(found, story=stories[i]) if isinstance(found, StoryAnalysis) else None

    def job(i: int) -> StoryAnalysis:
        return _analyse_and_store(cache, keys[i] if cache else None, stories[i], by_id, per_article)

    # Largest first, one story at a time: story costs differ a thousandfold, and a big one left last idles a core.
    todo = sorted((i for i in range(len(stories)) if not stored[i]), key=lambda i: -len(stories[i].article_ids))
    # Loading stored analyses is worth a worker for even one changed story.
    many_stored = sum(stored[i] and keys[i] not in loaded for i in range(len(stories))) >= MIN_PARALLEL_STORIES
    done = map_inherited(
        lambda k: job(todo[k]), len(todo), workers, 1 if many_stored else MIN_PARALLEL_STORIES, load_stored
    )
    for i, result in zip(todo, done, strict=True):
        results[i] = result
    unreadable = [i for i, r in enumerate(results) if r is None]  # stored, but the entry could not be used
    for i in unreadable:
        results[i] = job(i)
    report("stories analysed", len(todo) + len(unreadable), len(todo) + len(unreadable))
    return tuple(results)


def story_key(article_ids: tuple[str, ...], fingerprint: dict[str, str]) -> str:
    """A story's analysis key: which articles it has and their content keys, nothing else.

    Similarities and shared terms shift whenever any article of the corpus changes; the analysis does not depend on
    them, so they stay out of the key (the current grouping record is attached to a cached analysis).
    """
    members = " ".join(f"{i}={fingerprint[i]}" for i in article_ids)
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
