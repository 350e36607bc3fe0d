"""`make eval`: build real digests from the shared evaluation sets and score them with the shared scorers.

Each set is built exactly as a user's seeds would be (Pelican + the plugin, into eval-runs/), then scored by the
scripts in <shared>/eval/score/, which print one summary line each. Nothing from the eval data is copied into the repo.

    python scripts/eval.py [--shared ../shared] [--only extract,quotes,clusters,summaries]
"""

from __future__ import annotations

import argparse
import logging
import subprocess
import sys
import time
from pathlib import Path

from pelican import Pelican
from pelican.settings import read_settings

ROOT = Path(__file__).resolve().parent.parent
RUNS = ROOT / "eval-runs"
SETS = ("extract", "quotes", "clusters", "summaries")


def build(seeds: Path, output: Path) -> Path:
    """One digest build, the same as `make site SEEDS=... OUTPUT=...`; returns the digest.json path."""
    override = {"DIGEST_SEEDS": str(seeds), "OUTPUT_PATH": str(output), "DELETE_OUTPUT_DIRECTORY": True}
    Pelican(read_settings(str(ROOT / "pelican.conf.py"), override=override)).run()
    return output / "digest.json"


def score(script: Path, *args: str) -> str:
    """Run a shared scorer; return its output (its last line is the summary)."""
    done = subprocess.run([sys.executable, str(script), *args], capture_output=True, text=True, check=False)
    return (done.stdout + done.stderr).strip()


def run_set(name: str, shared: Path) -> str:
    eval_dir, scorer = shared / "eval" / name, shared / "eval" / "score"
    if name == "summaries":
        examples = sorted((p for p in eval_dir.iterdir() if (p / "seeds").is_dir()), key=lambda p: int(p.name))
        for example in examples:
            build(example / "seeds", RUNS / "summaries" / example.name)
        return score(scorer / "score_summary.py", str(RUNS / "summaries"), str(eval_dir), "--compare-lead3")
    seeds = eval_dir / ("html" if name == "extract" else "seeds")
    digest = build(seeds, RUNS / name)
    script = {"extract": "score_extract.py", "quotes": "score_quotes.py", "clusters": "score_clusters.py"}[name]
    return score(scorer / script, str(digest), str(eval_dir / "gold.json"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", default=str(ROOT.parent / "shared"), help="the shared folder holding eval/")
    parser.add_argument("--only", default=",".join(SETS), help="comma-separated sets to run")
    args = parser.parse_args(argv)
    shared = Path(args.shared).resolve()
    if not (shared / "eval").is_dir():
        print(f"no eval data at {shared / 'eval'}: pass --shared (or SHARED=... to make)", file=sys.stderr)
        return 2
    logging.getLogger("pelican").setLevel(logging.ERROR)
    logging.getLogger("coverage_digest").setLevel(logging.ERROR)
    summary = []
    for name in args.only.split(","):
        started = time.perf_counter()
        output = run_set(name.strip(), shared)
        elapsed = time.perf_counter() - started
        print(f"\n== {name} ({elapsed:.0f} s)\n{output}", flush=True)
        summary.append(output.strip().splitlines()[-1] if output.strip() else f"{name}: no output")
    print("\n== summary")
    print("\n".join(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
