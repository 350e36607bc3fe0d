"""The Dask executor (`DIGEST_EXECUTOR = "dask"`): a build's map, grouping and reduce as tasks of a Dask cluster.

The stage functions are the local build's, unchanged: each task is `fn(item)` for a pure, picklable function, shipped
and returned as bytes of the records' fast pickler (`pickling.py`), so a worker does exactly what a local process
does and the digest is byte-identical. Tasks are streamed: at most `in_flight` are submitted at a time, the next one
as each finishes (files go in batches of a few per task), and results are put back in input order. A task that fails
is retried once (a worker that dies mid-task makes the scheduler run it elsewhere); an item that fails again comes
back as a `Failed` naming it, and the caller reports it and goes on. Without `DIGEST_DASK_SCHEDULER` a
`distributed.LocalCluster` of processes is started on this machine for the build and stopped after it. Dask is
imported only when this executor is chosen.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from .cache import code_version
from .pickling import dumps, loads

log = logging.getLogger(__name__)
RETRIES = 1  # a failed task runs once more before it is reported
TASKS_PER_THREAD = 4  # tasks in flight per worker thread: enough to keep every worker busy, few enough to bound memory
PACKAGE_ROOT = str(Path(__file__).resolve().parent.parent.parent)  # the folder holding the coverage_digest package


class ClusterError(RuntimeError):
    """The Dask cluster cannot be used for this build (unreachable, or its workers run other plugin code)."""


@dataclass(frozen=True, slots=True)
class Failed:
    """A task that failed twice: which item (a file name, a story id) and why."""

    name: str
    error: str


def run_task(payload: bytes) -> bytes:
    """On a worker: fn(item) for the pickled (fn, item), pickled back (module-level, so Dask ships it by name)."""
    fn, item = loads(payload)
    return dumps(fn(item))


def apply_each(fn: Callable[[Any], Any], items: Sequence[Any]) -> tuple:
    """fn over a batch of items: how one task processes several small ones (fewer, larger tasks to schedule)."""
    return tuple(fn(item) for item in items)


def call(fn: Callable[[], Any]) -> Any:
    """fn(): how a single call (the grouping, a partial over its input) runs as a task."""
    return fn()


def worker_code_version() -> str:
    """On a worker: the digest of the plugin code it runs (the build refuses workers that run other code)."""
    return code_version()


class Cluster:
    """A Dask client for one build: `map` streams items through a function on the cluster, `submit` runs one call."""

    def __init__(self, client: Any, in_flight: int) -> None:
        self.client = client
        self.in_flight = max(2, in_flight)

    def map(
        self,
        fn: Callable[[Any], Any],
        items: Sequence[Any],
        names: Sequence[str],
        meanwhile: Callable[[], None] | None = None,
        batch: int = 1,
    ) -> list[Any]:
        """[fn(item), ...] in input order, `batch` items a task; an item that failed twice is a `Failed(name, error)`
        in its place. A task is retried once; a batch that fails is not retried as a whole: its items run again one
        a task, so a failing item is found and every other one kept. `meanwhile` runs in this process once the
        first tasks are submitted."""
        if batch <= 1:
            return self._tasks(fn, items, names, meanwhile)
        starts = range(0, len(items), batch)
        groups = [list(items[i : i + batch]) for i in starts]
        done = self._tasks(partial(apply_each, fn), groups, [names[i] for i in starts], meanwhile, retries=0)
        results: list[Any] = []
        for start, group, outcome in zip(starts, groups, done, strict=True):
            if isinstance(outcome, Failed):
                outcome = self._tasks(fn, group, names[start : start + len(group)], retries=0)
            results.extend(outcome)
        return results

    def _tasks(
        self,
        fn: Callable[[Any], Any],
        items: Sequence[Any],
        names: Sequence[str],
        meanwhile: Callable[[], None] | None = None,
        retries: int = RETRIES,
    ) -> list[Any]:
        """[fn(item), ...] in input order, one task each, at most `in_flight` submitted at a time."""
        from distributed import as_completed

        results: list[Any] = [None] * len(items)
        pending = iter(range(len(items)))
        index_of: dict[Any, int] = {}

        def submit_next(count: int) -> list[Any]:
            futures = []
            for i in (next(pending, None) for _ in range(count)):
                if i is None:
                    break
                future = self.client.submit(run_task, dumps((fn, items[i])), retries=retries, pure=False)
                index_of[future] = i
                futures.append(future)
            return futures

        stream = as_completed(submit_next(self.in_flight))
        if meanwhile is not None:
            meanwhile()
        for future in stream:
            i = index_of.pop(future)
            results[i] = self._outcome(future, names[i])
            stream.update(submit_next(1))
        return results

    def submit(self, fn: Callable[[Any], Any], item: Any) -> Callable[[], Any]:
        """Start fn(item) as one task; returns the function that waits for its result (raising its error)."""
        future = self.client.submit(run_task, dumps((fn, item)), retries=RETRIES, pure=False)
        return lambda: loads(future.result())

    @staticmethod
    def _outcome(future: Any, name: str) -> Any:
        """A finished task's result, or `Failed` (its error) once its retries are spent."""
        if future.status == "error":
            error = future.exception()
            return Failed(name, f"{type(error).__name__}: {error}")
        if future.status == "cancelled":
            return Failed(name, "cancelled by the cluster")
        return loads(future.result())


@contextmanager
def connect(address: str | None, workers: int) -> Iterator[Cluster]:
    """A `Cluster` for one build: a client of the scheduler at `address`, or of a LocalCluster of `workers`
    processes (0: one per core) started here and stopped when the build's analysis is done."""
    try:
        import distributed  # noqa: F401
    except ImportError as exc:  # validated settings make this rare: the package was removed after validation
        raise ClusterError("DIGEST_EXECUTOR = 'dask' needs the dask and distributed packages") from exc
    quiet = logging.getLogger("distributed")
    level = quiet.level
    quiet.setLevel(max(level, logging.WARNING))  # the cluster's start and stop lines are not the build's
    try:
        with _client(address, workers) as client:
            _check_workers(client)
            client.forward_logging("coverage_digest", level=logging.WARNING)  # workers' warnings reach the build log
            threads = sum(client.nthreads().values())
            log.info("Dask: %d worker threads at %s", threads, client.scheduler.address)
            yield Cluster(client, TASKS_PER_THREAD * max(1, threads))
    finally:
        quiet.setLevel(level)


@contextmanager
def _client(address: str | None, workers: int) -> Iterator[Any]:
    """A client of the scheduler at `address`, or of a LocalCluster started (and stopped) here."""
    from distributed import Client, LocalCluster

    local = None
    if address is None:
        if PACKAGE_ROOT not in sys.path:  # the spawned workers import the same plugin code as this process
            sys.path.append(PACKAGE_ROOT)
        local = LocalCluster(
            n_workers=workers or None,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",  # this machine only
            dashboard_address=None,
            scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},  # its health server on any free port, quietly
            silence_logs=logging.WARNING,
        )
    try:
        client = Client(local if local is not None else address, timeout="30s")
    except OSError as exc:
        if local is not None:
            local.close()
        raise ClusterError(f"DIGEST_DASK_SCHEDULER: cannot reach the Dask scheduler at {address}: {exc}") from exc
    try:
        yield client
    finally:
        client.close()
        if local is not None:
            local.close()


def _check_workers(client: Any) -> None:
    """Every worker must run this plugin code (same rules, same results): fail the build clearly otherwise."""
    try:
        client.wait_for_workers(1, timeout=60)
    except TimeoutError as exc:
        raise ClusterError(f"no Dask worker joined the scheduler at {client.scheduler.address} in 60 s") from exc
    versions = client.run(worker_code_version)
    mine = code_version()
    other = sorted(address for address, version in versions.items() if version != mine)
    if other:
        raise ClusterError(
            f"Dask workers {', '.join(other)} run other coverage_digest code than this build "
            f"(install the same version on every worker)"
        )
