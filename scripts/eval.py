"""`make eval`: build real digests from the shared evaluation sets and score them with the shared scorers.

Each set is built exactly as a user's seeds would be (Pelican + the plugin, into eval-runs/), then scored by the
scripts in <shared>/eval/score/, which print one summary line each. Nothing from the eval data is copied into the repo.

Beside each full-set figure, the same scorer on the two halves of the set (events, articles or examples split by a
fixed hash, never by file order) shows the spread: a default that is right on one half only is tuned to that half.
The grouping threshold's cross-validation (tune on one half, report on the other) is scripts/grouping_cv.py.

    python scripts/eval.py [--shared ../shared] [--only quotes,quotes-train,clusters,clusters-allsides,...]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import logging
import subprocess
import sys
import time
from pathlib import Path

from pelican import Pelican
from pelican.settings import read_settings

ROOT = Path(__file__).resolve().parent.parent
RUNS = ROOT / "eval-runs"
SETS = ("extract", "quotes", "quotes-train", "clusters", "clusters-allsides", "summaries")
SCRIPTS = {
    "extract": "score_extract.py",
    "quotes": "score_quotes.py",
    "quotes-train": "score_quotes.py",
    "clusters": "score_clusters.py",
    "clusters-allsides": "score_clusters.py",
}


def half(key: str) -> str:
    """ "A" or "B" for a gold key (an event, an article, an example): a fixed hash, so the halves never move."""
    return "AB"[hashlib.sha1(key.encode("utf-8")).digest()[0] & 1]


def build(seeds: Path, output: Path) -> Path:
    """One digest build, the same as `make site SEEDS=... OUTPUT=...`; returns the digest.json path."""
    override = {"DIGEST_SEEDS": str(seeds), "OUTPUT_PATH": str(output), "DELETE_OUTPUT_DIRECTORY": True}
    Pelican(read_settings(str(ROOT / "pelican.conf.py"), override=override)).run()
    return output / "digest.json"


def score(script: Path, *args: str) -> str:
    """Run a shared scorer; return its output (its last line is the summary)."""
    done = subprocess.run([sys.executable, str(script), *args], capture_output=True, text=True, check=False)
    return (done.stdout + done.stderr).strip()


def last_line(output: str) -> str:
    return output.strip().splitlines()[-1] if output.strip() else "no output"


def gold_halves(name: str, gold_path: Path, out: Path) -> dict[str, Path]:
    """Write the gold of each half of a set next to its digest; quotes split by article, clusters by event."""
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    paths = {}
    for side in "AB":
        if name.startswith("quotes"):
            articles = gold.get("articles", gold)
            part = {k: v for k, v in articles.items() if half(k) == side}
            subset = {**gold, "articles": part} if "articles" in gold else part
        else:
            subset = {k: v for k, v in gold.items() if half(str(v["cluster"] if isinstance(v, dict) else v)) == side}
        paths[side] = out / f"gold-half-{side}.json"
        paths[side].write_text(json.dumps(subset), encoding="utf-8")
    return paths


def run_set(name: str, shared: Path) -> str:
    eval_dir, scorer = shared / "eval" / name, shared / "eval" / "score"
    if name == "summaries":
        return run_summaries(eval_dir, scorer)
    seeds = eval_dir / ("html" if name == "extract" else "seeds")
    digest = build(seeds, RUNS / name)
    script = scorer / SCRIPTS[name]
    details = RUNS / name / "details.json"
    extra = ("--details", str(details)) if name.startswith("quotes") else ()
    full = score(script, str(digest), str(eval_dir / "gold.json"), *extra)
    if name == "extract":
        return full
    lines = [full]
    if extra:
        lines += speaker_report(details, digest)
    for side, gold in gold_halves(name, eval_dir / "gold.json", RUNS / name).items():
        lines.append(f"half {side}: {last_line(score(script, str(digest), str(gold)))}")
    return "\n".join([*lines[:1], "", *lines[1:], lines[0].splitlines()[-1]])


def speaker_report(details_path: Path, digest_path: Path) -> list[str]:
    """Shares of matched gold quotes given a wrong speaker (a name, but not the gold's) and none; and, when the
    digest records the rule that attributed each quote, each rule's count and precision."""
    details = json.loads(details_path.read_text(encoding="utf-8"))
    digest = json.loads(digest_path.read_text(encoding="utf-8"))
    rule_of = {}
    for story in digest["stories"]:
        for quote in story["quotes"]:
            for occurrence in quote["occurrences"]:
                rule = occurrence.get("rule") or occurrence.get("how")
                if rule:
                    rule_of[occurrence["article_id"], occurrence["text"]] = rule
    judged = [d for d in details if d.get("matched") and "speaker_ok" in d]
    matched = [d for d in details if d.get("matched")]
    wrong = sum(1 for d in judged if not d["speaker_ok"] and (d["speaker"] or d["speaker_as_written"]))
    none = sum(1 for d in matched if not (d["speaker"] or d["speaker_as_written"]))
    out = [
        f"speakers: of {len(matched)} matched gold quotes, {wrong / max(1, len(matched)):.1%} given a wrong speaker, "
        f"{none / max(1, len(matched)):.1%} none"
    ]
    per_rule: dict[str, list[int]] = {}
    for d in judged:
        rule = rule_of.get((d["article_id"], d["prediction"]))
        if rule and (d["speaker"] or d["speaker_as_written"]):
            per_rule.setdefault(rule, [0, 0])[0 if d["speaker_ok"] else 1] += 1
    for rule, (right, bad) in sorted(per_rule.items(), key=lambda item: -sum(item[1])):
        out.append(f"  rule {rule:24s} {right + bad:6d} quotes, precision {right / (right + bad):.3f}")
    return out


def run_summaries(eval_dir: Path, scorer: Path) -> str:
    examples = sorted((p for p in eval_dir.iterdir() if (p / "seeds").is_dir()), key=lambda p: int(p.name))
    split = []
    for example in examples:
        digest = json.loads(build(example / "seeds", RUNS / "summaries" / example.name).read_text(encoding="utf-8"))
        if len(digest["stories"]) > 1:
            split.append(example.name)
    lines = []
    for side in "AB":  # the scorer scores the examples that have a digest: one folder of links per half
        folder = RUNS / f"summaries-half-{side}"
        folder.mkdir(parents=True, exist_ok=True)
        for example in examples:
            link = folder / example.name
            if half(example.name) == side and not link.exists():
                link.symlink_to(RUNS / "summaries" / example.name)
        done = score(scorer / "score_summary.py", str(folder), str(eval_dir), "--compare-lead3")
        lines.append(f"half {side}: " + " | ".join(done.strip().splitlines()[-2:]))
    full = score(scorer / "score_summary.py", str(RUNS / "summaries"), str(eval_dir), "--compare-lead3")
    shown = ", ".join(split) if split else "none"
    return "\n".join(
        [
            full,
            "",
            *lines,
            f"examples split into more than one story: {len(split)} of {len(examples)} ({shown})",
            last_line(full),
        ]
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", default=str(ROOT.parent / "shared"), help="the shared folder holding eval/")
    parser.add_argument("--only", default=",".join(SETS), help="comma-separated sets to run")
    args = parser.parse_args(argv)
    shared = Path(args.shared).resolve()
    if not (shared / "eval").is_dir():
        print(f"no eval data at {shared / 'eval'}: pass --shared (or SHARED=... to make)", file=sys.stderr)
        return 2
    names = [name.strip() for name in args.only.split(",") if name.strip()]
    unknown = [name for name in names if name not in SETS]
    if unknown:
        print(f"unknown set(s) {', '.join(unknown)}: choose from {', '.join(SETS)}", file=sys.stderr)
        return 2
    logging.getLogger("pelican").setLevel(logging.ERROR)
    logging.getLogger("coverage_digest").setLevel(logging.ERROR)
    summary = []
    for name in names:
        if not (shared / "eval" / name).is_dir():
            summary.append(f"{name}: not in {shared / 'eval'}")
            continue
        started = time.perf_counter()
        output = run_set(name, shared)
        elapsed = time.perf_counter() - started
        print(f"\n== {name} ({elapsed:.0f} s)\n{output}", flush=True)
        summary.append(last_line(output))
    print("\n== summary")
    print("\n".join(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
