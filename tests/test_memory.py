"""The write phase's memory savings change no byte: digest.json made a record at a time, the feed from the few fields
it reads, the search postings packed until the index is built, and forked workers replaced after a number of jobs."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from coverage_digest.build import schedule
from coverage_digest.build import workers as parallel
from coverage_digest.build.packed import PackedPostings
from coverage_digest.build.pipeline import build_digest
from coverage_digest.data.digest_json import digest_document, document_chunks, dumps
from coverage_digest.data.feeds import ARTICLE_FIELDS, STORY_FIELDS, atom_feed
from coverage_digest.data.search import article_terms, build_index, story_docs
from coverage_digest.digest import Digest
from coverage_digest.read.folder import read_seed_folder
from coverage_digest.read.sidecar import Sidecar
from coverage_digest.records import Skipped
from coverage_digest.settings import DigestSettings
from coverage_digest.site.paths import SitePaths

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
from bench_corpus import write_corpus


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Digest, SitePaths]:
    folder = tmp_path_factory.mktemp("memory")
    write_corpus(40, folder, seed="memory-test")
    settings = DigestSettings(workers=1)
    files, _ = read_seed_folder(folder / "seeds", settings.max_file_bytes)
    digest = build_digest(files, Sidecar(), settings)
    pairs = [(d.article_id, d.from_article_id) for sa in digest.story_analyses for d in sa.derivations]
    ids = ([a.id for a in digest.articles], [s.id for s in digest.stories])
    return digest, SitePaths.build(settings, *ids, pairs, [o.name for o in digest.outlets])


def test_digest_json_made_a_record_at_a_time_is_the_whole_documents_text(built):
    digest, paths = built
    assert len(digest.stories) >= 3
    seen: list[tuple[dict, dict]] = []
    text = "".join(document_chunks(digest, paths, lambda story, articles: seen.append((story, articles))))
    document = digest_document(digest, paths)
    assert text == dumps(document)
    articles = {a["id"]: a for a in document["articles"]}
    assert [story for story, _ in seen] == document["stories"]
    assert [mine for _, mine in seen] == [{i: articles[i] for i in s["article_ids"]} for s in document["stories"]]
    # and with a list that is empty or holds one record (dumps writes [] for an empty list)
    skipped = Digest(digest.articles, digest.stories, (Skipped("x.txt", "why"),), documents=digest.documents)
    for other in (skipped, Digest((), (), ())):
        assert "".join(document_chunks(other, paths)) == dumps(digest_document(other, paths))


def test_the_feed_from_its_fields_alone_is_the_feed_of_the_whole_document(built):
    digest, paths = built
    document = digest_document(digest, paths)
    slim = {
        "articles": [{k: a[k] for k in ARTICLE_FIELDS} for a in document["articles"]],
        "stories": [{k: s[k] for k in STORY_FIELDS} for s in document["stories"]],
    }
    assert atom_feed(slim, "Site", "", "feeds/stories.atom.xml") == atom_feed(
        document, "Site", "", "feeds/stories.atom.xml"
    )


def test_packed_postings_index_exactly_what_the_postings_give(built):
    digest, paths = built
    analyses = {x.article_id: x for x in digest.analyses}
    made = article_terms(digest.articles, analyses)
    packed = PackedPostings()
    for a in digest.articles:
        packed.add(a.id, made[a.id])
    assert len(packed) == len(made) and list(packed) == list(made)
    assert all(packed[i] == made[i] and list(packed[i]) == list(made[i]) for i in made)
    assert packed.get("no such article") is None and packed.nbytes() > 0
    plain = build_index(d for doc in digest.documents for d in story_docs(doc, analyses, paths))
    assert build_index(d for doc in digest.documents for d in story_docs(doc, analyses, paths, packed)) == plain


def _pid(_: int) -> int:
    return os.getpid()


def test_workers_replaced_after_some_jobs_keep_every_result_in_order():
    data = list(range(30))
    assert parallel.map_inherited(lambda k: data[k] * 2, 30, workers=2, jobs_per_worker=4) == [k * 2 for k in data]
    pids = parallel.map_inherited(_pid, 30, workers=2, jobs_per_worker=4)
    assert len(set(pids)) >= 30 // 4 and os.getpid() not in pids


@pytest.mark.parametrize("count", [1, 6])  # one story's pages go to a worker too (Pelican plugins see them alike)
@pytest.mark.parametrize("workers", [1, 2])
def test_jobs_over_the_whole_digest_run_here_and_come_first(workers, count, monkeypatch):
    monkeypatch.setattr(schedule, "MIN_PARALLEL_ARTICLES", 1)
    here = [lambda: ("here", os.getpid()), lambda: ("also here", os.getpid())]
    jobs = [lambda k=k: (k, os.getpid()) for k in range(count)]
    done = schedule.run_jobs(here, jobs, workers, 0, 10)
    assert [name for name, _ in done] == ["here", "also here", *range(count)]
    assert {pid for _, pid in done[:2]} == {os.getpid()}
    assert ({pid for _, pid in done[2:]} == {os.getpid()}) == (workers == 1)


def test_records_from_the_cache_keep_their_shared_strings_and_references_and_stay_equal(built):
    """A cache entry is a pickle: a story analysis and a file's results load equal, of their own types, with every
    string or record they name several times loaded as one object, as in the build that made them."""
    from coverage_digest.build.codec import decode, encode
    from coverage_digest.build.schedule import FileResults
    from coverage_digest.story.analyse import StoryAnalysis

    digest, _ = built
    for sa in digest.story_analyses:
        decoded = decode(encode(sa), StoryAnalysis)
        assert decoded == sa and type(decoded) is StoryAnalysis and repr(decoded) == repr(sa)
        assert _objects(decoded) == _objects(sa)  # as many distinct strings and records: none copied
        refs = [s.ref for item in decoded.support.articles for s in item.sentences]
        assert len({id(r.article_id) for r in refs}) <= len({id(r.article_id) for r in _refs(sa)})
    results = tuple(zip(digest.articles, digest.analyses, strict=True))
    decoded_results = decode(encode(results), FileResults)
    assert decoded_results == results and _objects(decoded_results) == _objects(results)


def _refs(sa) -> list:
    return [s.ref for item in sa.support.articles for s in item.sentences]


def _objects(value) -> tuple[int, int]:
    """(distinct strings, distinct other objects) reachable from a value of records, tuples and dicts."""
    from dataclasses import fields, is_dataclass

    seen: dict[int, object] = {}
    todo = [value]
    while todo:
        item = todo.pop()
        if id(item) in seen or isinstance(item, (int, float, bool, type(None), bytes)):
            continue
        seen[id(item)] = item
        if isinstance(item, (tuple, list, frozenset)):
            todo.extend(item)
        elif isinstance(item, dict):
            todo.extend(item.keys())
            todo.extend(item.values())
        elif is_dataclass(item):
            todo.extend(getattr(item, f.name) for f in fields(item))
    strings = sum(isinstance(x, str) for x in seen.values())
    return strings, len(seen) - strings
