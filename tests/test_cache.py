from dataclasses import replace

from conftest import SEEDS, build_site
from coverage_digest.cache import ResultCache, cache_key
from coverage_digest.records import Metadata, SeedFile


def test_key_changes_with_content_path_and_metadata():
    seed = SeedFile("a.txt", b"text")
    key = cache_key(seed, Metadata())
    assert key == cache_key(SeedFile("a.txt", b"text"), Metadata())
    assert key != cache_key(replace(seed, data=b"text!"), Metadata())
    assert key != cache_key(replace(seed, path="b.txt"), Metadata())
    assert key != cache_key(seed, Metadata(outlet="Given"))


def test_corrupt_entries_are_misses(tmp_path):
    cache = ResultCache(tmp_path)
    cache.put("ab" * 32, {"x": 1})
    assert cache.get("ab" * 32) == {"x": 1}
    (tmp_path / "ab" / f"{'ab' * 32}.pickle").write_bytes(b"not a pickle")
    assert cache.get("ab" * 32) is None
    assert cache.get("cd" * 32) is None


def test_prune_keeps_used_and_recent_entries(tmp_path):
    cache = ResultCache(tmp_path)
    for key in ("aa" * 32, "bb" * 32):
        cache.put(key, 1)
    cache.prune({"aa" * 32})
    assert cache.get("bb" * 32) == 1  # recent: another seed folder may use it
    cache.prune({"aa" * 32}, max_age=-1)
    assert cache.get("aa" * 32) == 1 and cache.get("bb" * 32) is None


def test_a_cached_rebuild_is_byte_identical_to_a_fresh_build(tmp_path):
    out = tmp_path / "site"
    build_site(SEEDS, out)
    first = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert any((tmp_path / "site-cache").rglob("*.pickle"))
    build_site(SEEDS, out)  # every article now comes from the cache
    second = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert first == second
