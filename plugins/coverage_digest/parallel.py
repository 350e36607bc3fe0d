"""The one seam where per-article stages may run on several processes; results keep the input order."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")
# Below this many items, starting worker processes costs more than it saves.
MIN_PARALLEL_ITEMS = 200


def map_items(fn: Callable[[T], R], items: Sequence[T], workers: int = 0) -> list[R]:
    """Apply a pure, picklable function to every item, in order; in parallel when there are enough items."""
    count = workers or os.cpu_count() or 1
    if count <= 1 or len(items) < MIN_PARALLEL_ITEMS:
        return [fn(item) for item in items]
    chunk = max(1, len(items) // (count * 8))
    with ProcessPoolExecutor(max_workers=count) as pool:
        return list(pool.map(fn, items, chunksize=chunk))
