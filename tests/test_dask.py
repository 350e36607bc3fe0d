"""The Dask executor changes where the stages run, nothing else: the same digest and a byte-identical site as a local
build, on a 2-worker LocalCluster of processes; a killed worker loses no article, a task failing twice is reported
with its file and the build goes on."""

from __future__ import annotations

import hashlib
import logging
import os
import sys
from functools import partial
from pathlib import Path

import pytest

from coverage_digest.build import pipeline
from coverage_digest.build.cache import ResultCache
from coverage_digest.build.cluster import Failed, connect
from coverage_digest.read.folder import read_seed_folder
from coverage_digest.read.sidecar import Sidecar
from coverage_digest.records import SeedFile
from coverage_digest.settings import DigestSettings, SettingsError, validate_settings
from support import build_site

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
from bench_corpus import write_corpus

distributed = pytest.importorskip("distributed")
logging.getLogger("distributed").setLevel(logging.WARNING)


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("DIGEST_EXECUTOR", "ray", "must be one of 'local', 'dask'"),
        ("DIGEST_DASK_SCHEDULER", "host:8786", "like 'tcp://host:8786'"),
        ("DIGEST_DASK_SCHEDULER", 8786, "like 'tcp://host:8786'"),
    ],
)
def test_executor_settings_are_checked(key, value, message):
    with pytest.raises(SettingsError, match=message):
        validate_settings({key: value})


def test_executor_settings_default_to_local_and_take_a_scheduler():
    assert validate_settings({}).executor == "local"
    chosen = validate_settings({"DIGEST_EXECUTOR": "dask", "DIGEST_DASK_SCHEDULER": "tcp://10.0.0.5:8786"})
    assert (chosen.executor, chosen.dask_scheduler) == ("dask", "tcp://10.0.0.5:8786")


@pytest.fixture(scope="module")
def scheduler():
    """One 2-worker LocalCluster of processes for this module's tests (no dashboard, loopback only)."""
    with distributed.LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=None,
        scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},
        silence_logs=logging.WARNING,
    ) as cluster:
        yield cluster.scheduler_address


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> tuple[tuple[SeedFile, ...], Sidecar]:
    folder = tmp_path_factory.mktemp("dask-corpus")
    write_corpus(30, folder, seed="dask-test")
    files, _ = read_seed_folder(folder / "seeds", 5_000_000)
    return files, Sidecar()


def _dask(address: str) -> DigestSettings:
    return DigestSettings(executor="dask", dask_scheduler=address)


def _dies_once(marker: Path, target: str, pair):
    """process_file, except that the worker given `target` first dies mid-task (once: the marker remembers)."""
    if pair[0].path == target:
        try:
            marker.touch(exist_ok=False)
        except FileExistsError:
            pass
        else:
            os._exit(1)
    return pipeline.process_file(pair)


def _always_fails(attempts: Path, target: str, pair):
    """process_file, except that `target` fails every time (each attempt leaves a line in `attempts`)."""
    if pair[0].path == target:
        with open(attempts, "a") as fh:
            fh.write("attempt\n")
        raise RuntimeError("a rule broke on this file")
    return pipeline.process_file(pair)


@pytest.mark.site
def test_the_digest_on_a_cluster_equals_the_local_one_cold_and_cached(scheduler, corpus, tmp_path):
    files, sidecar = corpus
    local = pipeline.build_digest(files, sidecar, DigestSettings(workers=1), ResultCache(tmp_path / "local"))
    assert len(local.stories) >= 3 and local.story_keys
    cache = ResultCache(tmp_path / "cache")
    assert pipeline.build_digest(files, sidecar, _dask(scheduler), cache) == local  # cold: results stored here
    assert any((tmp_path / "cache").rglob("*.entry"))
    assert pipeline.build_digest(files, sidecar, _dask(scheduler), cache) == local  # warm: nothing shipped


def test_results_come_back_in_input_order_with_few_tasks_in_flight(scheduler):
    with connect(scheduler, 0) as cluster:
        cluster.in_flight = 2  # streamed: two tasks at a time, yet every result in its place
        assert cluster.map(abs, list(range(-20, 0)), [str(i) for i in range(20)]) == list(range(20, 0, -1))


@pytest.mark.site
def test_a_killed_worker_loses_no_article(scheduler, corpus, tmp_path, monkeypatch):
    files, sidecar = corpus
    local = pipeline.build_digest(files, sidecar, DigestSettings(workers=1))
    target = files[len(files) // 2].path
    marker = tmp_path / "worker-died"
    monkeypatch.setattr(pipeline, "process_file", partial(_dies_once, marker, target))
    on_cluster = pipeline.build_digest(files, sidecar, _dask(scheduler))
    assert marker.exists(), "the worker given the target file did not die"
    assert on_cluster == local


@pytest.mark.site
def test_a_task_failing_twice_is_reported_with_its_file_and_the_build_goes_on(
    scheduler, corpus, tmp_path, monkeypatch, caplog
):
    files, sidecar = corpus
    target = files[3].path
    attempts = tmp_path / "attempts"
    monkeypatch.setattr(pipeline, "process_file", partial(_always_fails, attempts, target))
    with caplog.at_level(logging.WARNING):
        digest = pipeline.build_digest(files, sidecar, _dask(scheduler))
    assert attempts.read_text().count("attempt") == 2  # run, then retried once
    [skipped] = [s for s in digest.skipped if s.source_file == target]
    assert "failed twice on the Dask cluster" in skipped.reason and "a rule broke" in skipped.reason
    assert any(target in r.getMessage() and "failed twice" in r.getMessage() for r in caplog.records)
    monkeypatch.undo()
    rest = pipeline.build_digest(tuple(f for f in files if f.path != target), sidecar, DigestSettings(workers=1))
    assert digest.articles == rest.articles  # every other article is there, as without the file


@pytest.mark.parametrize("batch", [1, 2, 3])
def test_a_failed_item_is_returned_in_its_place_whole_or_in_batches(scheduler, batch):
    with connect(scheduler, 0) as cluster:
        cluster.in_flight = 2
        out = cluster.map(_one_over, [1, 0, 2, 4, 5], ["one", "zero", "two", "four", "five"], batch=batch)
    assert out[0] == 1.0 and out[2:] == [0.5, 0.25, 0.2]  # the others of a failed batch are kept
    assert out[1] == Failed("zero", "ZeroDivisionError: division by zero")


def _one_over(x: int) -> float:
    return 1 / x


def _tree(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.mark.site
def test_a_site_built_on_a_local_dask_cluster_is_byte_identical_to_a_local_build(tmp_path):
    write_corpus(30, tmp_path / "corpus", seed="dask-site")
    seeds = tmp_path / "corpus" / "seeds"
    build_site(seeds, tmp_path / "local", DIGEST_WORKERS=1, DIGEST_CACHE=False)
    # no scheduler given: the build starts a LocalCluster of two worker processes and stops it after
    build_site(seeds, tmp_path / "dask", DIGEST_EXECUTOR="dask", DIGEST_WORKERS=2, DIGEST_CACHE=False)
    assert _tree(tmp_path / "dask") == _tree(tmp_path / "local")
    assert not distributed.client._global_clients, "the build's Dask client was left open"
