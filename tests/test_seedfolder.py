import os

from coverage_digest.read import folder as seedfolder
from coverage_digest.read.folder import read_seed_folder


def test_files_are_read_in_a_stable_order_and_sidecar_is_left_out(tmp_path):
    for name in ("b.txt", "a.txt", "sub/c.md", "sources.yaml"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text(f"text of {name}", encoding="utf-8")
    files, skipped = read_seed_folder(tmp_path, 1000)
    assert [f.path for f in files] == ["a.txt", "b.txt", "sub/c.md"] and skipped == ()


def test_symlink_outside_the_seeds_folder_is_not_followed(tmp_path):
    seeds, outside = tmp_path / "seeds", tmp_path / "secret.txt"
    seeds.mkdir()
    outside.write_text("secret", encoding="utf-8")
    os.symlink(outside, seeds / "link.txt")
    os.symlink(tmp_path, seeds / "dirlink")
    files, skipped = read_seed_folder(seeds, 1000)
    assert files == ()
    reasons = {s.source_file: s.reason for s in skipped}
    assert "outside the seeds folder" in reasons["link.txt"]
    assert "dirlink" in reasons


def test_oversized_and_duplicate_files_are_skipped(tmp_path):
    (tmp_path / "big.txt").write_text("x" * 2000, encoding="utf-8")
    (tmp_path / "one.txt").write_text("same", encoding="utf-8")
    (tmp_path / "two.txt").write_text("same", encoding="utf-8")
    files, skipped = read_seed_folder(tmp_path, 1000)
    assert [f.path for f in files] == ["one.txt"]
    reasons = {s.source_file: s.reason for s in skipped}
    assert "limit" in reasons["big.txt"] and "byte-identical to one.txt" in reasons["two.txt"]


def test_file_that_disappears_during_the_build_is_reported(tmp_path, monkeypatch):
    (tmp_path / "gone.txt").write_text("soon gone", encoding="utf-8")
    (tmp_path / "kept.txt").write_text("stays", encoding="utf-8")
    real_walk = seedfolder._walk

    def walk_then_delete(folder):
        paths = list(real_walk(folder))
        (tmp_path / "gone.txt").unlink()
        yield from paths

    monkeypatch.setattr(seedfolder, "_walk", walk_then_delete)
    files, skipped = read_seed_folder(tmp_path, 1000)
    assert [f.path for f in files] == ["kept.txt"]
    assert skipped[0].source_file == "gone.txt" and "disappeared" in skipped[0].reason
