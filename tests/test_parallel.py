"""Worker processes change nothing but speed: the same results, and a byte-identical site, as one process."""

from __future__ import annotations

import hashlib
import os
import sys
from functools import partial
from pathlib import Path

import pytest

from coverage_digest.build import schedule
from coverage_digest.build import workers as parallel
from support import build_site

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
from bench_corpus import write_corpus


def _square(x: int) -> int:
    return x * x


def test_map_items_keeps_order_with_workers():
    items = list(range(50))
    assert parallel.map_items(_square, items, workers=2, min_items=2) == [x * x for x in items]


def test_map_inherited_workers_see_data_defined_before_the_fork():
    data = {k: f"story-{k}" for k in range(20)}  # a closure over local data: nothing is pickled on the way out
    assert parallel.map_inherited(lambda k: data[k].upper(), 20, workers=2) == [data[k].upper() for k in range(20)]


@pytest.mark.parametrize("workers", [1, 2])
def test_a_job_raising_stop_iteration_fails_loudly_and_never_shortens_the_results(workers):
    """A stray next() in one job once ended the parallel result list early: every later page was lost unsaid."""

    def job(k: int) -> int:
        if k == 3:
            next(iter(()))
        return k

    with pytest.raises((RuntimeError, StopIteration)):
        parallel.map_inherited(job, 8, workers=workers)


@pytest.mark.parametrize(("workers", "count"), [(1, 10), (2, 10), (2, 1), (2, 0)])
def test_map_inherited_runs_other_work_meanwhile_on_every_path(workers, count):
    ran = []
    results = parallel.map_inherited(
        lambda k: (k + 1, os.getpid()), count, workers=workers, min_items=1, meanwhile=lambda: ran.append(True)
    )
    assert [r for r, _ in results] == list(range(1, count + 1)) and ran == [True]
    if workers == 2 and count == 1:  # one item still goes to a worker, so this process is free for `meanwhile`
        assert results[0][1] != os.getpid()


@pytest.mark.parametrize("workers", [1, 2])
def test_map_inherited_jobs_of_different_kinds_write_files_on_both_paths(tmp_path, workers):
    def write(name: str) -> dict:
        (tmp_path / name).write_text(name)
        return {name: "written"}

    jobs = [lambda: write("site.json"), lambda: {}] + [partial(write, f"story-{k}") for k in range(5)]
    results = parallel.map_inherited(lambda n: jobs[n](), len(jobs), workers=workers)
    assert results[:2] == [{"site.json": "written"}, {}]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site.json"] + [f"story-{k}" for k in range(5)]


def _tree(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.mark.site
def test_a_site_built_on_two_processes_is_byte_identical_to_one_process(tmp_path, monkeypatch):
    write_corpus(80, tmp_path / "corpus", seed="parallel-test")
    seeds = tmp_path / "corpus" / "seeds"
    # every stage takes its parallel path even on this small corpus
    monkeypatch.setattr(schedule, "MIN_PARALLEL_STORIES", 2)
    monkeypatch.setattr(schedule, "MIN_PARALLEL_FILES", 2)
    monkeypatch.setattr(schedule, "MIN_PARALLEL_ARTICLES", 2)  # the site-wide files too, even when no story changed
    monkeypatch.setattr(schedule, "MIN_PARALLEL_GROUPING", 2)  # grouping on a worker, search terms made meanwhile
    one = build_site(seeds, tmp_path / "one", DIGEST_WORKERS=1, DIGEST_CACHE=False)
    build_site(seeds, tmp_path / "two", DIGEST_WORKERS=2, DIGEST_CACHE=False)
    assert len(one["stories"]) >= 5
    missing = [x["url"] for x in one["articles"] + one["stories"] if not (tmp_path / "one" / x["url"]).is_file()]
    assert missing == []  # equal trees are not enough: both could lack the same pages
    assert _tree(tmp_path / "one") == _tree(tmp_path / "two")
    # With the cache, workers store their own results: a cold and then a warm build give the same site again.
    build_site(seeds, tmp_path / "three", DIGEST_WORKERS=2)
    assert _tree(tmp_path / "three") == _tree(tmp_path / "one")
    assert any((tmp_path / "three-cache" / "coverage_digest").rglob("*.entry"))
    build_site(seeds, tmp_path / "three", DIGEST_WORKERS=2)
    assert _tree(tmp_path / "three") == _tree(tmp_path / "one")
    # One seed edited: the rebuild (its changed story analysed while a worker groups) equals a fresh build.
    edited = sorted(seeds.iterdir())[len(one["articles"]) // 2]
    edited.write_text(edited.read_text(encoding="utf-8") + "\nOfficials added one more detail on Friday.\n")
    build_site(seeds, tmp_path / "three", DIGEST_WORKERS=2)
    build_site(seeds, tmp_path / "fresh", DIGEST_WORKERS=1, DIGEST_CACHE=False)
    assert _tree(tmp_path / "three") == _tree(tmp_path / "fresh") != _tree(tmp_path / "one")
