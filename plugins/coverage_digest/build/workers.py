"""The one seam where stages may run on several processes; results keep the input order.

`map_items` ships each item to a worker (pure, picklable functions: what a cluster could run too). `map_inherited`
is for work over data already in memory that would cost more to ship than to compute (a story's articles and
analyses, the pages of a story): forked workers inherit the function and everything it refers to, and only the
results travel back. Where the platform cannot fork, both run in this process.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from functools import partial
from typing import TypeVar

from .pickling import dumps, loads

T = TypeVar("T")
R = TypeVar("R")


def map_items(fn: Callable[[T], R], items: Sequence[T], workers: int = 0, min_items: int = 2) -> list[R]:
    """Apply a pure, picklable function to every item, in order; in parallel when there are at least min_items
    (the schedule decides how many make workers worth starting)."""
    count = workers or os.cpu_count() or 1
    if count <= 1 or len(items) < max(2, min_items):
        return [fn(item) for item in items]
    chunk = max(1, len(items) // (count * 8))
    with ProcessPoolExecutor(max_workers=count) as pool:
        return [loads(data) for data in pool.map(partial(_pickled, fn), items, chunksize=chunk)]


def _pickled(fn: Callable[[T], R], item: T) -> bytes:
    """fn(item), pickled in the worker by the records' fast pickler."""
    return dumps(fn(item))


_INHERITED: Callable[[int], object] | None = None  # the function forked workers of map_inherited call


def map_inherited(
    fn: Callable[[int], R],
    count: int,
    workers: int = 0,
    min_items: int = 2,
    meanwhile: Callable[[], None] | None = None,
    jobs_per_worker: int | None = None,
) -> list[R]:
    """[fn(0), ..., fn(count - 1)] on forked workers that inherit fn and its data, one index at a time, in order.

    Callers order the indices largest job first, so that no long job starts last. `meanwhile` runs in this process
    while the workers work (first, when there are none): other work that needs none of their results; with it, even
    one item goes to a worker. `jobs_per_worker`: a worker ends after that many jobs and a fresh fork replaces it.
    Reading an inherited record writes its reference count, so a long-lived worker ends up with its own copy of
    every page of the parent's data it ever touched; a fresh fork shares them all again.
    """
    global _INHERITED
    cores = workers or os.cpu_count() or 1
    processes = min(cores, count)
    if (
        cores <= 1
        or count < max(1, min_items)
        or (processes < 2 and meanwhile is None)
        or "fork" not in multiprocessing.get_all_start_methods()
    ):
        if meanwhile is not None:
            meanwhile()
        return [fn(i) for i in range(count)]
    _INHERITED = fn
    try:
        with multiprocessing.get_context("fork").Pool(processes, maxtasksperchild=jobs_per_worker) as pool:
            pending = pool.imap(_call_inherited, range(count), chunksize=1)
            if meanwhile is not None:
                meanwhile()
            results = [loads(data) for data in pending]
    finally:
        _INHERITED = None
    if len(results) != count:  # never a silently shorter list: every index is a page, an article or a story
        raise RuntimeError(f"map_inherited: {len(results)} results for {count} jobs")
    return results


def _call_inherited(index: int) -> bytes:
    """In a forked worker: the inherited function's result for one index, pickled."""
    assert _INHERITED is not None, "map_inherited workers must be forked after _INHERITED is set"
    try:
        return dumps(_INHERITED(index))
    except StopIteration as exc:  # re-raised in the parent, it would end the result list early without a word
        raise RuntimeError(f"job {index} raised StopIteration: {exc!r}") from exc
