"""Python's cyclic garbage collector, paused while a build holds its records.

A big build holds millions of small records (frozen dataclasses of tuples and strings) for its whole run. They hold no
reference cycles, so reference counting frees each as soon as it is dropped, yet every full collection walks all of
them again: at 10,000 articles the collector took a seventh of the build (loading cached results, building the search
index) and found a few dozen unreachable objects. So the digest's stages run with the collector off; afterwards the
objects still alive are frozen out of its scans (`gc.freeze`) rather than rescanned at the next collection.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused() -> Iterator[None]:
    """Run the body with the cyclic collector off; restore its state after, with the survivors frozen."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()
