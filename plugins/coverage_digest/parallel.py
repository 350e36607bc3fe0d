"""The one seam where per-article stages may run on several processes; results keep the input order."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from functools import partial
from typing import TypeVar

from .pickling import dumps, loads

T = TypeVar("T")
R = TypeVar("R")
# Below this many items, starting worker processes costs more than it saves.
MIN_PARALLEL_ITEMS = 200


def map_items(
    fn: Callable[[T], R], items: Sequence[T], workers: int = 0, min_items: int = MIN_PARALLEL_ITEMS, chunk: int = 0
) -> list[R]:
    """Apply a pure, picklable function to every item, in order; in parallel when there are at least min_items.

    `chunk`: items sent to a worker at a time (0: a share of the items; 1 balances items of very unequal cost).
    """
    count = workers or os.cpu_count() or 1
    if count <= 1 or len(items) < max(2, min_items):
        return [fn(item) for item in items]
    chunk = chunk or max(1, len(items) // (count * 8))
    with ProcessPoolExecutor(max_workers=count) as pool:
        return [loads(data) for data in pool.map(partial(_pickled, fn), items, chunksize=chunk)]


def _pickled(fn: Callable[[T], R], item: T) -> bytes:
    """fn(item), pickled in the worker by the records' fast pickler."""
    return dumps(fn(item))
