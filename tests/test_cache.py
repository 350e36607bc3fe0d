from dataclasses import replace

from coverage_digest.build.cache import ResultCache, cache_key
from coverage_digest.records import Metadata, SeedFile
from support import SEEDS, build_site

QUAKE = "Quake Hits Chile\n\nA magnitude 7.1 earthquake struck near Valparaiso, Chile, on Saturday, {}."
VOTE = "Vote in Norway\n\nNorwegians voted in Oslo on Monday for a new parliament, {}."
TWO_STORIES = {
    "q1.txt": QUAKE.format("officials said"),
    "q2.txt": QUAKE.format("the agency said"),
    "v1.txt": VOTE.format("turnout was high"),
    "v2.txt": VOTE.format("polls showed"),
}


def test_key_changes_with_content_path_and_metadata():
    seed = SeedFile("a.txt", b"text")
    key = cache_key(seed, Metadata())
    assert key == cache_key(SeedFile("a.txt", b"text"), Metadata())
    assert key != cache_key(replace(seed, data=b"text!"), Metadata())
    assert key != cache_key(replace(seed, path="b.txt"), Metadata())
    assert key != cache_key(seed, Metadata(outlet="Given"))


def test_corrupt_entries_are_misses(tmp_path):
    cache = ResultCache(tmp_path)
    key = "ab" * 32
    cache.put(key, {"x": 1})
    assert cache.get(key, dict[str, int]) == {"x": 1}
    assert cache.get(key, tuple[str, ...]) is None  # a valid entry of another type is a miss too
    path = tmp_path / "ab" / f"{key}.entry"
    good = path.read_bytes()
    for at in (0, len(good) // 2, len(good) - 1):  # the format line, the checksum, the payload
        path.write_bytes(good[:at] + bytes([good[at] ^ 0xFF]) + good[at + 1 :])
        assert cache.get(key, dict[str, int]) is None
    for junk in (b"", b"random bytes", good[:-3], good + b"tail"):
        path.write_bytes(junk)
        assert cache.get(key, dict[str, int]) is None
    assert cache.get("cd" * 32, dict[str, int]) is None


def test_a_cache_entry_can_never_run_code(tmp_path):
    """The cache used to be read with pickle: an entry made by anyone who can write the folder ran code."""
    import pickle

    class Touch:
        def __reduce__(self):
            return (open, (str(tmp_path / "ran"), "w"))

    cache = ResultCache(tmp_path)
    key = "ef" * 32
    cache.put(key, 1)
    (tmp_path / "ef" / f"{key}.entry").write_bytes(pickle.dumps(Touch()))
    (tmp_path / "ef" / f"{key}.pickle").write_bytes(pickle.dumps(Touch()))  # an entry of the old format
    assert cache.get(key, int) is None and not (tmp_path / "ran").exists()


def test_an_entry_naming_anything_but_the_plugins_records_is_refused_unrun(tmp_path):
    """Entries are pickles again, read by an unpickler that knows the plugin's frozen records alone: a well-formed
    entry (format line, checksum, compressed) whose pickle names a function or a foreign class is a miss, never run."""
    import hashlib
    import pickle
    import zlib

    from coverage_digest.build.codec import FORMAT, decode, encode
    from coverage_digest.records import Article

    class Touch:
        def __reduce__(self):
            return (open, (str(tmp_path / "ran"), "w"))

    def entry(value) -> bytes:
        payload = zlib.compress(pickle.dumps(value, protocol=5), 1)
        return FORMAT + hashlib.sha256(payload).digest() + payload

    cache = ResultCache(tmp_path)
    key = "ab" * 32
    for value in (Touch(), [Touch()], replace):  # a builtin's call, inside a list, a function of another package
        cache.put(key, 1)
        (tmp_path / "ab" / f"{key}.entry").write_bytes(entry(value))
        assert cache.get(key, int) is None and cache.get(key, object) is None
    assert not (tmp_path / "ran").exists()
    assert decode(encode((1, "a")), tuple) == (1, "a")
    assert decode(encode(Metadata(outlet="X")), Metadata) == Metadata(outlet="X")  # a record, rebuilt by its class
    assert cache.get(key, Article) is None


def test_prune_keeps_used_and_recent_entries(tmp_path):
    cache = ResultCache(tmp_path)
    for key in ("aa" * 32, "bb" * 32):
        cache.put(key, 1)
    (tmp_path / "aa" / "left-over.tmp").write_bytes(b"")
    (tmp_path / "aa" / f"{'cc' * 32}.pickle").write_bytes(b"")
    cache.prune({"aa" * 32})
    assert cache.get("bb" * 32, int) == 1  # recent: another seed folder may use it
    assert not (tmp_path / "aa" / f"{'cc' * 32}.pickle").exists()  # an older format is never read: dropped
    cache.prune({"aa" * 32}, max_age=-1)
    assert cache.get("aa" * 32, int) == 1 and cache.get("bb" * 32, int) is None
    assert not (tmp_path / "aa" / "left-over.tmp").exists()


def test_a_cached_rebuild_is_byte_identical_to_a_fresh_build(tmp_path):
    out = tmp_path / "site"
    build_site(SEEDS, out)
    first = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert any((tmp_path / "site-cache").rglob("*.entry"))
    build_site(SEEDS, out)  # every article now comes from the cache
    second = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert first == second


def test_a_rebuild_redoes_only_the_changed_file_and_its_story(make_seeds, tmp_path, monkeypatch):
    from coverage_digest.build import pipeline

    seeds = make_seeds(TWO_STORIES)
    build_site(seeds, tmp_path / "out")
    calls = {"file": 0, "story": 0}
    real_file, real_story = pipeline.process_file, pipeline.analyse_story

    def count_file(pair):
        calls["file"] += 1
        return real_file(pair)

    def count_story(*args):
        calls["story"] += 1
        return real_story(*args)

    monkeypatch.setattr(pipeline, "process_file", count_file)
    monkeypatch.setattr(pipeline, "analyse_story", count_story)
    (seeds / "q2.txt").write_text(QUAKE.format("the agency said on Sunday"), encoding="utf-8")
    digest = build_site(seeds, tmp_path / "out")
    assert len(digest["stories"]) == 2
    assert calls == {"file": 1, "story": 1}


def test_unchanged_stories_keep_their_pages_and_removed_ones_disappear(make_seeds, tmp_path, capsys):
    quake = "Quake Hits Chile\n\nA magnitude 7.1 earthquake struck near Valparaiso, Chile, on Saturday, {}."
    vote = "Vote in Norway\n\nNorwegians voted in Oslo on Monday for a new parliament, {}."
    seeds = make_seeds({"q1.txt": quake.format("officials said"), "v1.txt": vote.format("turnout was high")})
    out = tmp_path / "out"
    build_site(seeds, out, DELETE_OUTPUT_DIRECTORY=False)
    fresh = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    capsys.readouterr()
    build_site(seeds, out, DELETE_OUTPUT_DIRECTORY=False)
    assert "unchanged pages kept" in capsys.readouterr().out
    assert {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()} == fresh
    (seeds / "v1.txt").unlink()
    digest = build_site(seeds, out, DELETE_OUTPUT_DIRECTORY=False)
    assert [a["id"] for a in digest["articles"]] == ["q1"]
    assert not (out / "articles" / "v1.html").exists() and (out / "articles" / "q1.html").exists()


def test_unreadable_entries_are_analysed_again_and_give_the_same_site(tmp_path):
    out = tmp_path / "site"
    fresh = build_site(SEEDS, out)
    first = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    entries = sorted((tmp_path / "site-cache" / "coverage_digest").rglob("*.entry"))
    assert len(entries) > len(fresh["articles"])  # the stories' entries and the last grouping too
    # Every kind of entry (files, stories, the last grouping), damaged in turn: a byte flipped, cut short, emptied.
    damages = (lambda b: b[:40] + bytes([b[40] ^ 1]) + b[41:], lambda b: b[: len(b) // 2], lambda b: b"")
    for damage in damages:
        for entry in entries:
            if entry.exists():
                entry.write_bytes(damage(entry.read_bytes()))
        again = build_site(SEEDS, out)
        assert again == fresh
        assert {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()} == first
        entries = sorted((tmp_path / "site-cache" / "coverage_digest").rglob("*.entry"))


def test_a_rebuild_analyses_changed_stories_while_it_groups_and_loads_the_rest_after(make_seeds, tmp_path, monkeypatch):
    from coverage_digest.build import pipeline, schedule
    from coverage_digest.read.folder import read_seed_folder
    from coverage_digest.read.sidecar import Sidecar
    from coverage_digest.settings import validate_settings

    seeds = make_seeds(TWO_STORIES)
    monkeypatch.setattr(schedule, "MIN_PARALLEL_STORIES", 1)  # even two stories are loaded while a worker groups
    settings = validate_settings({"DIGEST_SEEDS": str(seeds), "DIGEST_WORKERS": 2})
    cache = ResultCache(tmp_path / "cache")

    def build():
        files, _ = read_seed_folder(seeds, settings.max_file_bytes)
        return pipeline.build_digest(files, Sidecar(), settings, cache)

    first = build()
    (seeds / "q2.txt").write_text(QUAKE.format("the agency said on Sunday"), encoding="utf-8")
    files, _ = read_seed_folder(seeds, settings.max_file_bytes)
    plan = schedule.Schedule(1, cache)
    results = plan.map_files(pipeline.process_file, [(f, Metadata()) for f in files])
    articles, analyses, _ = pipeline.split_results(results)
    by_id, per_article = {a.id: a for a in articles}, {x.article_id: x for x in analyses}

    def task(ids):
        return ids, {i: by_id[i] for i in ids}, {i: per_article[i] for i in ids}

    plan.workers = 2
    grouping = pipeline.GroupSettings()
    stories, loaded = plan.group(
        lambda: pipeline.group_articles(articles, grouping), task, pipeline.analyse_story_task, None, len(articles)
    )
    assert [s.article_ids for s in stories] == [s.article_ids for s in first.stories]
    # The changed story's analysis is made while the worker groups; the unchanged one's is loaded after grouping
    # (held meanwhile, beside the grouping worker's matrices, it made the rebuild's memory peak).
    assert sorted(sa.story.article_ids for sa in loaded.values()) == [("q1", "q2")]
    unchanged = replace(first.story_analyses[1], story=None)
    reduced = plan.reduce_stories(stories, task, pipeline.analyse_story_task, loaded)
    assert replace(reduced[1], story=None) == unchanged and reduced[1].story == stories[1]
    assert reduced[0] == replace(loaded[plan.story_key(("q1", "q2"))], story=stories[0])
    calls = []
    monkeypatch.setattr(pipeline, "analyse_story", lambda *args: calls.append(args))
    again = build()  # both analyses now come from the cache, with the current grouping records attached
    assert calls == [] and [sa.story for sa in again.story_analyses] == list(again.stories)
    assert replace(again.story_analyses[1], story=None) == unchanged


def test_a_rebuild_makes_search_postings_only_for_the_changed_article(make_seeds, tmp_path, monkeypatch):
    from coverage_digest import plugin

    seeds = make_seeds(TWO_STORIES)
    out = tmp_path / "out"
    build_site(seeds, out)
    made: list[str] = []
    real = plugin.article_terms

    def counting(articles, analyses):
        found = real(articles, analyses)
        made.extend(found)
        return found

    monkeypatch.setattr(plugin, "article_terms", counting)
    build_site(seeds, out)
    assert made == []  # nothing changed: every article's postings are the last build's
    (seeds / "v2.txt").write_text(VOTE.format("polls showed a close race"), encoding="utf-8")
    build_site(seeds, out)
    assert made == ["v2"]
    edited = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    build_site(seeds, tmp_path / "fresh", DIGEST_CACHE=False)
    fresh = tmp_path / "fresh"
    assert {p.relative_to(fresh): p.read_bytes() for p in fresh.rglob("*") if p.is_file()} == edited


def test_site_pages_and_data_files_are_kept_while_unchanged_and_made_again_when_not(make_seeds, tmp_path, monkeypatch):
    from coverage_digest import plugin
    from coverage_digest.build.publish import Publisher

    def tree(folder):
        return {p.relative_to(folder): p.read_bytes() for p in folder.rglob("*") if p.is_file()}

    seeds = make_seeds({name: text for name, text in TWO_STORIES.items() if name != "v2.txt"})
    out = tmp_path / "out"
    build_site(seeds, out, DELETE_OUTPUT_DIRECTORY=False)
    rendered: list[str] = []
    real = Publisher._page

    def counting(self, save_as, template, key=None, **page):
        rendered.append(save_as)
        return real(self, save_as, template, key, **page)

    monkeypatch.setattr(Publisher, "_page", counting)
    real_text = plugin._write_text

    def counting_text(output_path, save_as, text):
        rendered.append(save_as)
        real_text(output_path, save_as, text)

    monkeypatch.setattr(plugin, "_write_text", counting_text)
    build_site(seeds, out, DELETE_OUTPUT_DIRECTORY=False)
    assert rendered == ["digest.json"]  # nothing changed: no page rendered, no data file written but digest.json
    (seeds / "v2.txt").write_text(TWO_STORIES["v2.txt"], encoding="utf-8")  # the index and an outlet page change
    build_site(seeds, out, DELETE_OUTPUT_DIRECTORY=False)
    assert "index.html" in rendered
    build_site(seeds, tmp_path / "fresh", DIGEST_CACHE=False)
    assert tree(out) == tree(tmp_path / "fresh")
