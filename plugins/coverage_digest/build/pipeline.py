"""read -> clean -> analyse each article -> group -> analyse each story: the stages of a build, in order.

Each stage is a pure function over frozen records; where each runs (processes, cache, look-ahead) is the business of
`schedule.Schedule`, so this module reads as the list of stages.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from functools import partial

from ..article.analyse import ArticleAnalysis, analyse_article
from ..clean.article import clean_article
from ..digest import Digest, with_documents
from ..group.stories import GroupSettings, StoryGroup, group_articles
from ..read.given import Given
from ..read.inputs import given_for, read_file
from ..read.sidecar import Sidecar
from ..records import Article, Metadata, RawArticle, SeedFile, Skipped, shown
from ..settings import DigestSettings
from ..story.analyse import StoryAnalysis, analyse_story
from ..text.sentences import split_article
from .cache import ResultCache
from .cluster import connect
from .schedule import FileResult, Progress, Schedule, silent

log = logging.getLogger(__name__)
WhileGrouping = Callable[[tuple[Article, ...], tuple[ArticleAnalysis, ...], dict[str, str]], None]


def build_digest(
    files: tuple[SeedFile, ...],
    sidecar: Sidecar,
    settings: DigestSettings,
    cache: ResultCache | None = None,
    progress: Progress | None = None,
    while_grouping: WhileGrouping | None = None,
) -> Digest:
    """Run every stage over the seed files; with a cache, unchanged files and stories are not analysed again.

    `while_grouping(articles, analyses, keys)`: the caller's own work over the articles, run while a worker groups
    them (grouping uses one core); `keys`: each article's file content key ({} without a cache)."""
    if settings.executor == "dask":
        with connect(settings.dask_scheduler, settings.workers) as cluster:
            plan = Schedule(settings.workers, cache, progress or silent, cluster=cluster)
            return run_stages(files, sidecar, settings, plan, while_grouping)
    return run_stages(files, sidecar, settings, Schedule(settings.workers, cache, progress or silent), while_grouping)


def run_stages(
    files: tuple[SeedFile, ...],
    sidecar: Sidecar,
    settings: DigestSettings,
    plan: Schedule,
    while_grouping: WhileGrouping | None,
) -> Digest:
    """The stages in order, each where `plan` runs it (this machine's processes, or a Dask cluster)."""
    results = plan.map_files(process_file, [(f, given_for(sidecar, f.path)) for f in files])
    articles, analyses, skipped = split_results(results)
    for key in sidecar.unmatched([f.path for f in files], [a.id for a in articles]):
        log.warning("%s: the entry %s matches no seed file and no article id; ignored", sidecar.name, shown(key))
    by_id, per_article = {a.id: a for a in articles}, {x.article_id: x for x in analyses}

    def task(story: StoryGroup | tuple[str, ...]) -> tuple:
        """What analysing one story (or the article ids of one expected ahead of grouping) needs: only its own
        articles (what a worker or a cluster node receives)."""
        ids = story.article_ids if isinstance(story, StoryGroup) else story
        return story, {i: by_id[i] for i in ids}, {i: per_article[i] for i in ids}

    grouping = group_settings(sidecar, settings)
    meanwhile = (lambda: while_grouping(articles, analyses, plan.fingerprint)) if while_grouping else None
    stories, ahead = plan.group(
        partial(group_articles, articles, grouping), task, analyse_story_task, meanwhile, len(articles)
    )
    story_analyses = plan.reduce_stories(stories, task, analyse_story_task, ahead)
    plan.remember(stories)
    return with_documents(Digest(articles, stories, skipped, analyses, story_analyses, plan.story_keys(stories)))


def process_file(pair: tuple[SeedFile, Given | Metadata]) -> tuple[FileResult, ...]:
    """The per-file half of the pipeline (map): read, clean, analyse the file's article, or each of the articles of
    a file of many (an export, a web archive, a feed). Pure and picklable."""
    seed, given = pair
    return tuple(process_raw(raw) for raw in read_file(seed, given))


def process_raw(raw: RawArticle | Skipped) -> FileResult:
    """Clean and analyse one raw article (a skipped record passes through)."""
    if not isinstance(raw, RawArticle):
        return raw
    article = clean_article(raw)
    try:
        return article, analyse_article(article)
    except Exception as exc:  # a fault in one analysis rule must not cost the user the article itself
        log.warning(
            "%s: analysis failed (%s: %s); shown without quotes and figures", article.location, type(exc).__name__, exc
        )
        return article, ArticleAnalysis(article.id, split_article(article), (), ())


def analyse_story_task(task: tuple) -> StoryAnalysis:
    """One story's analysis from only its own articles (picklable: what a worker process receives). A task made
    ahead of grouping names only the article ids; the current grouping record is attached before use."""
    story, articles, per_article = task
    if not isinstance(story, StoryGroup):
        story = StoryGroup("", "", story[0], story, (), ())
    return analyse_story(story, articles, per_article)


def group_settings(sidecar: Sidecar, settings: DigestSettings) -> GroupSettings:
    """Grouping settings: the tuned defaults, the user's threshold, and merges/splits from sidecar and settings."""
    base = GroupSettings(merge=sidecar.merge + settings.merge, split=sidecar.split + settings.split)
    return base if settings.group_threshold is None else replace(base, threshold=settings.group_threshold)


def split_results(
    results: list[FileResult],
) -> tuple[tuple[Article, ...], tuple[ArticleAnalysis, ...], tuple[Skipped, ...]]:
    """Separate articles from skipped files; a second file whose name gives an id already taken is skipped."""
    kept: dict[str, tuple[Article, ArticleAnalysis]] = {}
    skipped: list[Skipped] = []
    for item in results:
        if isinstance(item, Skipped):
            skipped.append(item)
        elif item[0].id in kept:
            first = kept[item[0].id][0].location
            reason = f"its article id {item[0].id!r} is already used by {first}; rename one"
            skipped.append(Skipped(item[0].source_file, reason, item[0].record))
        else:
            kept[item[0].id] = item
    ordered = [kept[i] for i in sorted(kept)]
    return (
        tuple(a for a, _ in ordered),
        tuple(x for _, x in ordered),
        tuple(sorted(skipped, key=lambda s: s.source_file)),
    )
