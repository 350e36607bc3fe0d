"""How a build's work is scheduled: on how many processes, what the cache spares, and what runs ahead.

The pipeline (`pipeline.py`) says which stages run in which order; this module decides where and when: files on a
process pool (each worker stores its own cache entries), grouping on a forked worker while this process loads the
cached analyses of the stories the last build found (and analyses the few changed ones ahead), stories on forked
workers largest first, and the write phase as slices of pages. Every threshold that decides whether workers pay for
themselves is here. `DIGEST_WORKERS` (0: one per core) bounds the processes of every phase.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from itertools import compress
from typing import Any

from ..article.analyse import ArticleAnalysis
from ..group.stories import StoryGroup
from ..records import Article, Metadata, SeedFile, Skipped
from ..story.analyse import StoryAnalysis
from .cache import ResultCache, cache_key, last_grouping_key, last_postings_key
from .cluster import Cluster, Failed, call
from .workers import map_inherited, map_items

log = logging.getLogger(__name__)

FileResult = tuple[Article, ArticleAnalysis] | Skipped
FileResults = tuple[FileResult, ...]  # one file's: one result, or one per record of a file of many articles
Progress = Callable[[str, int, int], None]  # (stage, done, total)
StoryTask = Callable[[tuple], StoryAnalysis]  # (story, its articles, their analyses) -> analysis

MIN_PARALLEL_FILES = 200  # files to read and analyse before a process pool pays for itself
MIN_PARALLEL_STORIES = 50  # stories to analyse before worker processes pay for themselves
MIN_PARALLEL_GROUPING = 1000  # articles from which grouping takes seconds: the caller's work runs meanwhile
MAX_AHEAD = 4  # changed stories a rebuild analyses while it groups (more wait for grouping, then use every core)
MIN_PARALLEL_ARTICLES = 1000  # articles from which the site-wide files take seconds: worth their own workers
PAGES_PER_JOB = 40  # pages rendered by one job of a parallel write phase
FILES_PER_TASK = 16  # files one Dask task reads and analyses at most: fewer tasks to schedule, still streamed
JOBS_PER_WORKER = 24  # story jobs a forked worker runs before a fresh fork (sharing every page) replaces it
WRITE_JOBS_PER_WORKER = 12  # page jobs, the same: shorter lives, as this process reads the whole digest meanwhile


def silent(stage: str, done: int, total: int) -> None:
    """The progress callback of quiet builds."""


@dataclass(slots=True)
class Schedule:
    """One build's scheduling: workers, cache and progress, and the content keys of what it analysed."""

    workers: int = 0
    cache: ResultCache | None = None
    report: Progress = silent
    fingerprint: dict[str, str] = field(default_factory=dict)  # article id -> its file's content key
    file_keys: list[str] = field(default_factory=list)  # every file's content key (skipped files' too)
    cluster: Cluster | None = None  # DIGEST_EXECUTOR = "dask": map, grouping and reduce run as its tasks

    def map_files(
        self, process: Callable[[tuple[SeedFile, Any]], FileResults], pairs: list[tuple[SeedFile, Any]]
    ) -> list[FileResult]:
        """The map: every file processed, in input order, and its results (one per article) flattened; cached
        results are reused (a file's tuple under the file's content key), new ones stored by the worker that made
        them (so the writes do not queue up here after the last file)."""
        cache = self.cache
        keys = self.file_keys = [cache_key(seed, given) for seed, given in pairs] if cache else []
        results: list[FileResults | None] = [cache.get(k, FileResults) for k in keys] if cache else [None] * len(pairs)
        todo = [i for i, r in enumerate(results) if not isinstance(r, tuple)]
        self.report("articles from cache", len(pairs) - len(todo), len(pairs))
        if self.cluster is not None:
            done = self._map_on_cluster(process, [pairs[i] for i in todo], [keys[i] for i in todo] if cache else [])
        else:
            tasks = [(pairs[i], keys[i] if cache else None) for i in todo]
            done = map_items(partial(_process_and_store, process, cache), tasks, self.workers, MIN_PARALLEL_FILES)
        for i, result in zip(todo, done, strict=True):
            results[i] = result
        self.report("articles read and analysed", len(todo), len(todo))
        final = [r for file_results in results if file_results is not None for r in file_results]
        self.fingerprint = {}  # the first file of an id is the one kept (pipeline.split_results): its key
        for file_results, k in zip(results, keys, strict=False):
            for r in file_results or ():
                if not isinstance(r, Skipped):
                    self.fingerprint.setdefault(r[0].id, k)
        return final

    def _map_on_cluster(
        self, process: Callable[[tuple[SeedFile, Any]], FileResults], pairs: list[tuple[SeedFile, Any]], keys: list[str]
    ) -> list[FileResults]:
        """The map as cluster tasks, one per file; results are stored here (workers need no access to the cache),
        and a file whose task failed twice is skipped with the reason, the build going on."""
        assert self.cluster is not None
        batch = max(1, min(FILES_PER_TASK, len(pairs) // max(1, self.cluster.in_flight)))
        done = self.cluster.map(process, pairs, [seed.path for seed, _ in pairs], batch=batch)
        out: list[FileResults] = []
        for k, result in enumerate(done):
            if isinstance(result, Failed):
                log.warning("%s: its task failed twice on the Dask cluster (%s); skipped", result.name, result.error)
                out.append((Skipped(result.name, f"its analysis failed twice on the Dask cluster: {result.error}"),))
                continue
            if self.cache is not None and keys:
                self.cache.put(keys[k], result)
            out.append(result)
        return out

    def story_key(self, article_ids: tuple[str, ...]) -> str:
        """A story's analysis key: which articles it has and their content keys, nothing else.

        Similarities and shared terms shift whenever any article of the corpus changes; the analysis does not depend
        on them, so they stay out of the key (the current grouping record is attached to a cached analysis).
        """
        members = " ".join(f"{i}={self.fingerprint[i]}" for i in article_ids)
        return cache_key(SeedFile("story", members.encode("utf-8", "surrogatepass")), Metadata())

    def story_keys(self, stories: tuple[StoryGroup, ...]) -> tuple[str, ...]:
        return tuple(self.story_key(s.article_ids) for s in stories) if self.cache else ()

    def group(
        self,
        grouping: Callable[[], tuple[StoryGroup, ...]],
        task: Callable[[Any], tuple],
        analyse: StoryTask,
        meanwhile: Callable[[], None] | None,
        article_count: int,
    ) -> tuple[tuple[StoryGroup, ...], dict[str, StoryAnalysis]]:
        """Stories, from `grouping()` on a forked worker when this process has work meanwhile: analysing ahead the
        few stories of the last build whose articles changed (`task(ids)` gives a story's task for `analyse`), then
        `meanwhile()`. Returns the stories and {key: analysis} made ahead (when grouping finds other stories, those
        go unused).

        The stored analyses of the unchanged stories are loaded after grouping (`reduce_stories`), not meanwhile:
        held while the grouping worker holds its matrices they made the rebuild's memory peak (880 MB of PSS at
        10,000 articles, against 700 for a cold build); as pickles they load in about 2 s."""
        expected, stored, changed = self._expected_stories()
        loaded: dict[str, StoryAnalysis] = {}

        def ahead() -> None:
            early = changed if len(changed) <= MAX_AHEAD else []
            for key in early:
                loaded[key] = self._analyse_and_store(analyse, key, task(expected[key]))
            if early:
                self.report("changed stories analysed while grouping", len(early), len(early))
            if meanwhile:
                meanwhile()

        own_work = meanwhile is not None and article_count >= MIN_PARALLEL_GROUPING
        worth_a_worker = len(stored) >= MIN_PARALLEL_STORIES or own_work
        if self.cluster is not None:  # grouping as one task; the look-ahead and `meanwhile` here, as it runs
            wait = self.cluster.submit(call, grouping)
            ahead()
            stories = wait()
        else:
            [stories] = map_inherited(
                lambda _: grouping(), 1, self.workers, 1 if worth_a_worker else 2, ahead if worth_a_worker else None
            )
            if meanwhile and not worth_a_worker:
                meanwhile()
        self.report("grouped into stories", len(stories), len(stories))
        return stories, loaded

    def _expected_stories(self) -> tuple[dict[str, tuple[str, ...]], list[str], list[str]]:
        """The last build's stories whose articles all still exist: {key: ids}, keys stored, keys to analyse."""
        if not self.cache:
            return {}, [], []
        last = self.cache.get(last_grouping_key(), tuple[tuple[str, ...], ...])
        last = last or ()
        expected = {self.story_key(m): m for m in last if all(i in self.fingerprint for i in m)}
        there = {key: self.cache.has(key) for key in expected}
        return expected, [k for k, t in there.items() if t], [k for k, t in there.items() if not t]

    def _analyse_and_store(self, analyse: StoryTask, key: str | None, task: tuple) -> StoryAnalysis:
        """A story's analysis, stored under its key by the process that made it (atomic per entry)."""
        result = analyse(task)
        if self.cache and key:
            self.cache.put(key, result)
        return result

    def reduce_stories(
        self,
        stories: tuple[StoryGroup, ...],
        task: Callable[[Any], tuple],
        analyse: StoryTask,
        loaded: dict[str, StoryAnalysis],
    ) -> tuple[StoryAnalysis, ...]:
        """The reduce: each story's analysis, from what was `loaded` ahead or stored, else made on forked workers,
        largest story first (story costs differ a thousandfold, and a big one left last idles a core)."""
        keys: list[str | None] = list(self.story_keys(stories)) or [None] * len(stories)
        cache = self.cache
        stored = [k is not None and cache is not None and (k in loaded or cache.has(k)) for k in keys]
        results: list[StoryAnalysis | None] = [None] * len(stories)

        def load_stored() -> None:  # in this process, while workers analyse the stories that changed
            for i in compress(range(len(stories)), stored):
                key = keys[i]
                found = (loaded.get(key) or cache.get(key, StoryAnalysis)) if cache and key else None
                results[i] = replace(found, story=stories[i]) if isinstance(found, StoryAnalysis) else None

        def job(i: int) -> StoryAnalysis:
            return self._analyse_and_store(analyse, keys[i], task(stories[i]))

        todo = sorted((i for i in range(len(stories)) if not stored[i]), key=lambda i: -len(stories[i].article_ids))
        many_stored = sum(stored[i] and keys[i] not in loaded for i in range(len(stories))) >= MIN_PARALLEL_STORIES
        minimum = 1 if many_stored else MIN_PARALLEL_STORIES  # loading stored analyses is worth a worker alone
        if self.cluster is not None:
            names = [stories[i].id for i in todo]
            done = self._reduce_on_cluster(analyse, [task(stories[i]) for i in todo], names, load_stored)
            for i, result in zip(todo, done, strict=True):
                if self.cache and keys[i]:
                    self.cache.put(keys[i], result)  # type: ignore[arg-type]
        else:
            done = map_inherited(lambda k: job(todo[k]), len(todo), self.workers, minimum, load_stored, JOBS_PER_WORKER)
        for i, result in zip(todo, done, strict=True):
            results[i] = result
        unreadable = [i for i, r in enumerate(results) if r is None]  # stored, but the entry could not be used
        for i in unreadable:
            results[i] = job(i)
        self.report("stories analysed", len(todo) + len(unreadable), len(todo) + len(unreadable))
        return tuple(r for r in results if r is not None)

    def _reduce_on_cluster(
        self, analyse: StoryTask, tasks: list[tuple], names: list[str], meanwhile: Callable[[], None]
    ) -> list[StoryAnalysis]:
        """Each story's analysis as a cluster task (its own articles shipped with it), largest first as given;
        a story whose task failed twice is reported and analysed here, as a local build would."""
        assert self.cluster is not None
        done = self.cluster.map(analyse, tasks, names, meanwhile)
        for k, result in enumerate(done):
            if isinstance(result, Failed):
                files = ", ".join(a.source_file for a in list(tasks[k][1].values())[:3])
                log.warning(
                    "story %s (%s ...): its task failed twice on the Dask cluster (%s); analysed in this process",
                    result.name,
                    files,
                    result.error,
                )
                done[k] = analyse(tasks[k])
        return done

    def remember(self, stories: tuple[StoryGroup, ...]) -> None:
        """Keep this build's grouping for the next build's look-ahead, and drop cache entries nobody uses."""
        if not self.cache:
            return
        self.cache.put(last_grouping_key(), tuple(story.article_ids for story in stories))
        keep = set(self.file_keys) | set(self.story_keys(stories))
        self.cache.prune(keep | {last_grouping_key(), last_postings_key()})


def _process_and_store(process: Callable, cache: ResultCache | None, task: tuple) -> FileResults:
    """process(pair), with the result stored under its content key (in the worker process that made it)."""
    pair, key = task
    result = process(pair)
    if cache is not None and key is not None:
        cache.put(key, result)
    return result


def write_jobs(story_sizes: Sequence[int], pages: Callable[[int], list[Any]]) -> list[tuple[int, list[Any]]]:
    """The write phase's story jobs: (story index, a slice of at most PAGES_PER_JOB of its pages to render), largest
    story first, so that no long job starts last and one big story keeps every core busy."""
    jobs = []
    for k in sorted(range(len(story_sizes)), key=lambda k: -story_sizes[k]):
        items = pages(k)
        jobs += [(k, items[start : start + PAGES_PER_JOB]) for start in range(0, len(items), PAGES_PER_JOB)]
    return jobs


def run_jobs(
    here: Sequence[Callable[[], Any]],
    jobs: Sequence[Callable[[], Any]],
    workers: int,
    changed_stories: int,
    articles: int,
) -> list[Any]:
    """Every job's result, in order, `here`'s first: `jobs` on forked workers when enough stories changed or the site
    is big enough, `here` in this process meanwhile. `here` are the jobs that read the whole digest: a forked worker
    that reads every record writes every reference count, and so ends up with a copy of every page of this process's
    data (hundreds of MB at 10,000 articles); a story's jobs touch only that story's records."""
    big = changed_stories >= MIN_PARALLEL_STORIES or articles >= MIN_PARALLEL_ARTICLES
    done_here: list[Any] = []

    def meanwhile() -> None:
        done_here.extend(job() for job in here)

    done = map_inherited(
        lambda n: jobs[n](),
        len(jobs),
        workers if big else 1,
        min_items=1,  # one story's pages too: on a worker, as when the whole-digest jobs were workers' jobs as well
        meanwhile=meanwhile,
        jobs_per_worker=WRITE_JOBS_PER_WORKER,
    )
    return done_here + done
