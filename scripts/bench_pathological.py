"""`make bench`'s pathological section: inputs shaped to make a stage slow, each built once, its time recorded.

Cases (files made here, under bench/out/pathological/, never committed):
- one 4.9 MB paragraph of news prose (just under the 5 MB file limit);
- 200,000 one-word lines (the hard-wrap rule joins them into one paragraph);
- 5,000 near-identical one-line files from one template (every pair looks alike to grouping);
- 5,000 random tiny files;
- growth: one paragraph of 0.49 MB against 4.9 MB, and 500 against 5,000 near-identical files (x10 each; the issue
  allows at most x15 in time).

    .venv/bin/python scripts/bench_pathological.py [--timeout 1800]     # prints the markdown section
"""

from __future__ import annotations

import argparse
import random
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out" / "pathological"
PELICAN = ROOT / ".venv" / "bin" / "pelican"
PROSE = (
    "The minister said on Tuesday that talks with the union would resume next week, and officials in the capital "
    "agreed. “We are close to a deal,” she told reporters. Prices rose by 4.2 percent in October, the statistics "
    "office said, while about 1,200 workers joined the strike in three cities. "
)
WORDS = ("grain", "port", "ship", "storm", "river", "bank", "court", "vote", "school", "road", "bridge")


def one_paragraph(folder: Path, size: int) -> None:
    text = (PROSE * (size // len(PROSE) + 1))[:size]
    (folder / "one-paragraph.txt").write_text(text.rsplit(" ", 1)[0] + ".", encoding="utf-8")


def one_word_lines(folder: Path, lines: int) -> None:
    (folder / "one-word-lines.txt").write_text("\n".join(["word"] * lines) + "\n", encoding="utf-8")


def near_identical(folder: Path, count: int) -> None:
    for i in range(count):
        line = f"The {WORDS[i % len(WORDS)]} report number {i} was filed on Monday by the regional office."
        (folder / f"n{i:05d}.txt").write_text(line + "\n", encoding="utf-8")


def random_tiny(folder: Path, count: int) -> None:
    rng = random.Random(7)
    for i in range(count):
        words = " ".join(rng.choice(WORDS) for _ in range(rng.randint(3, 12)))
        (folder / f"r{i:05d}.txt").write_text(words.capitalize() + ".\n", encoding="utf-8")


CASES = (
    ("one paragraph, 0.49 MB", lambda f: one_paragraph(f, 490_000)),
    ("one paragraph, 4.9 MB", lambda f: one_paragraph(f, 4_900_000)),
    ("200,000 one-word lines", lambda f: one_word_lines(f, 200_000)),
    ("500 near-identical files", lambda f: near_identical(f, 500)),
    ("5,000 near-identical files", lambda f: near_identical(f, 5_000)),
    ("5,000 random tiny files", lambda f: random_tiny(f, 5_000)),
)


def build(label: str, make, timeout: float) -> tuple[str, float | None, float | None, str]:
    """(label, wall seconds, CPU seconds of the build and its workers, note) of one cold build."""
    name = "".join(c if c.isalnum() else "-" for c in label)
    seeds, out = OUT / name / "seeds", OUT / name / "output"
    shutil.rmtree(OUT / name, ignore_errors=True)
    seeds.mkdir(parents=True)
    make(seeds)
    command = [str(PELICAN), "-s", "pelican.conf.py", "-o", str(out), "-e", f'DIGEST_SEEDS="{seeds}"']
    command += ["DIGEST_CACHE=false", f'CACHE_PATH="{OUT / name / "cache"}"']
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    try:
        done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return label, None, None, f"did not finish in {timeout:.0f} s"
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    note = "ok" if done.returncode == 0 else f"exit {done.returncode}: {done.stderr.strip().splitlines()[-1:]}"
    return label, wall, cpu, note


def section(rows: list[tuple[str, float | None, float | None, str]]) -> list[str]:
    """The markdown section for bench/results.md."""
    lines = ["## Pathological inputs", "", "| input | wall s | CPU s | result |", "|---|---|---|---|"]
    for label, wall, cpu, note in rows:
        lines.append(f"| {label} | {_s(wall)} | {_s(cpu)} | {note} |")
    times = {label: wall for label, wall, _, _ in rows}
    for small, big in (("one paragraph, 0.49 MB", "one paragraph, 4.9 MB"),
                       ("500 near-identical files", "5,000 near-identical files")):  # fmt: skip
        if times.get(small) and times.get(big):
            ratio = times[big] / times[small]
            verdict = "within" if ratio <= 15 else "OVER"
            lines.append(f"\nGrowth x10 in size ({small} -> {big}): x{ratio:.1f} in time ({verdict} the x15 allowed).")
    lines += ["", "Each case is one cold build (`DIGEST_CACHE=false`) by `scripts/bench_pathological.py`.", ""]
    return lines


def _s(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--timeout", type=float, default=1800)
    args = parser.parse_args()
    rows = [build(label, make, args.timeout) for label, make in CASES]
    print("\n".join(section(rows)))


if __name__ == "__main__":
    sys.exit(main())
