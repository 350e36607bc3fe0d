"""Fast speaker evaluation: read -> clean -> article analysis in-process, one article per story, scored by the shared
quote scorer; prints its figures, the share of wrong (non-null, incorrect) speakers, and each rule's counts and
precision (each quote records its rule in `how`).

    PYTHONPATH=plugins python scripts/speakers_eval.py [--set quotes-train] [--half a|b|both] [--shared ../shared]
        [--errors FILE.json]
    python scripts/speakers_eval.py --per-rule DIGEST.json GOLD.json   # per-rule table of a digest built by Pelican

Halves: articles split by a fixed hash of the file stem (sha1, first byte even -> a, odd -> b), for
cross-validation (tune on one, report on the other). Nothing from the eval data is written into the repo.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import sys
from collections import Counter
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))

from coverage_digest.article.analyse import extract_quotes  # noqa: E402
from coverage_digest.article.speaker_rules import RULES  # noqa: E402
from coverage_digest.clean.article import clean_article  # noqa: E402
from coverage_digest.read.inputs import read_file  # noqa: E402
from coverage_digest.records import RawArticle, SeedFile  # noqa: E402
from coverage_digest.story.quote_match import match_quotes  # noqa: E402


def half_of(stem: str) -> str:
    """The cross-validation half of an article: a fixed hash of its file stem."""
    return "a" if hashlib.sha1(stem.encode()).digest()[0] % 2 == 0 else "b"


def _scorer(shared: Path) -> ModuleType:
    path = shared / "eval" / "score" / "score_quotes.py"
    sys.path.insert(0, str(path.parent))
    spec = importlib.util.spec_from_file_location("score_quotes", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def digest_of(seeds: Path, stems: set[str] | None = None) -> dict[str, Any]:
    """A digest.json-shaped document: every article its own story, quotes grouped as the story stage groups them."""
    articles, stories = [], []
    for path in sorted(seeds.iterdir()):
        if stems is not None and path.stem not in stems:
            continue
        for raw in read_file(SeedFile(path.name, path.read_bytes())):
            if not isinstance(raw, RawArticle):
                continue
            article = clean_article(raw)
            quotes = extract_quotes(article)
            table = match_quotes((article,), quotes)
            articles.append({"id": article.id, "text": article.text})
            stories.append({"id": article.id, "quotes": [_row(row) for row in (*table.rows, *table.fragments)]})
    return {"articles": articles, "stories": stories}


def _row(row) -> dict[str, Any]:
    return {
        "id": row.id,
        "speaker": row.speaker,
        "occurrences": [
            {
                "article_id": o.quote.article_id,
                "text": o.quote.text,
                "speaker_as_written": o.quote.speaker_as_written,
                "how": o.quote.how,
                "relay": getattr(o.quote, "relay", None),
            }
            for o in row.occurrences
            if not o.quote.in_headline
        ],
    }


def _how_of(digest: dict[str, Any]) -> dict[tuple[str, str], str]:
    """(article id, quote text) -> rule, from the occurrences (a Pelican digest has no `how`: looked up by text)."""
    out = {}
    for story in digest.get("stories", []):
        for q in story.get("quotes", []):
            for o in q.get("occurrences", []):
                out[(o["article_id"], o["text"])] = o.get("how") or ("none" if not q.get("speaker") else "?")
    return out


def figures(digest: dict[str, Any], gold: dict[str, Any], scorer: ModuleType) -> dict[str, Any]:
    """The scorer's figures, the wrong share and per-rule counts (right / wrong / no speaker) on judged quotes."""
    counts, _outlets, details = scorer.score(digest, gold)
    how = _how_of(digest)
    rules: dict[str, Counter] = {}
    wrong = 0
    errors = []
    for rec in details:
        if rec.get("kind") == "unattributed":  # a scare quote or title: a speaker given here is a guess
            rule = how.get((rec["article_id"], rec["prediction"]), "?")
            rules.setdefault(rule, Counter())["scare"] += rule != "none"
        if "speaker_ok" not in rec:
            continue
        rule = how.get((rec["article_id"], rec["prediction"]), "?")
        given = bool(rec["speaker"] or rec["speaker_as_written"])
        verdict = "right" if rec["speaker_ok"] else ("wrong" if given else "none")
        wrong += verdict == "wrong"
        rules.setdefault(rule, Counter())[verdict] += 1
        if verdict != "right":
            errors.append({**rec, "how": rule, "verdict": verdict})
    judged = counts["pred_match"] + counts["pred_wrong"]
    return {
        "P": counts["pred_match"] / judged if judged else 0.0,
        "R": counts["gold_matched"] / counts["gold"] if counts["gold"] else 0.0,
        "named": counts["named_ok"] / counts["named"] if counts["named"] else 0.0,
        "pronoun": counts["pronoun_ok"] / counts["pronoun"] if counts["pronoun"] else 0.0,
        "wrong": wrong / counts["gold_matched"] if counts["gold_matched"] else 0.0,
        "n_named": counts["named"],
        "n_pronoun": counts["pronoun"],
        "matched": counts["gold_matched"],
        "rules": rules,
        "errors": errors,
    }


def report(name: str, f: dict[str, Any]) -> str:
    lines = [
        f"{name}: P={f['P']:.3f} R={f['R']:.3f} named={f['named']:.3f} (n={f['n_named']}) "
        f"pronoun={f['pronoun']:.3f} (n={f['n_pronoun']}) wrong={100 * f['wrong']:.1f}% of {f['matched']} matched"
    ]
    head = ("rule", "judged", "right", "wrong", "none", "precision", "scare")
    lines.append("  " + " ".join(f"{h:>9s}" if i else f"{h:20s}" for i, h in enumerate(head)))
    for rule, c in sorted(f["rules"].items(), key=lambda kv: -(kv[1]["right"] + kv[1]["wrong"] + kv[1]["none"])):
        given = c["right"] + c["wrong"]
        precision = f"{c['right'] / given:.3f}" if given else "-"
        judged = c["right"] + c["wrong"] + c["none"]
        cells = [f"{n:9d}" for n in (judged, c["right"], c["wrong"], c["none"])]
        unlisted = "" if rule in RULES or rule == "?" else "  (not in the rule registry)"
        lines.append(f"  {rule:20s} {' '.join(cells)} {precision:>9s} {c['scare']:9d}{unlisted}")
    return "\n".join(lines)


def legend() -> str:
    """What each rule is (article/speaker_rules.py), and what the columns count."""
    lines = [f"  {name:20s} {text}" for name, text in RULES.items()]
    lines.append(
        "  judged: gold direct quotes with a source the prediction was scored on; right/wrong/none: speaker right,"
        " wrong (given but incorrect), not given; precision: right / (right + wrong); scare: predictions matching"
        " only an unattributed span (scare quote, title) that got a speaker anyway"
    )
    return "\n".join(lines)


def per_rule(digest_path: str | Path, gold_path: str | Path, shared: str | Path | None = None) -> str:
    """The per-rule table of a digest.json built elsewhere (e.g. by scripts/eval.py), as printed text."""
    shared_dir = Path(shared) if shared else ROOT.parent / "shared"
    digest = json.loads(Path(digest_path).read_text(encoding="utf-8"))
    gold = json.loads(Path(gold_path).read_text(encoding="utf-8"))
    return report(Path(digest_path).name, figures(digest, gold, _scorer(shared_dir)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", default=str(ROOT.parent / "shared"))
    parser.add_argument("--set", default="quotes-train", help="quotes-train or quotes")
    parser.add_argument("--half", default="both", choices=("a", "b", "both", "all"))
    parser.add_argument("--errors", help="write the non-right judged quotes here (outside the repo)")
    parser.add_argument("--per-rule", nargs=2, metavar=("DIGEST", "GOLD"))
    args = parser.parse_args(argv)
    if args.per_rule:
        print(per_rule(*args.per_rule, shared=args.shared))
        return 0
    shared = Path(args.shared)
    scorer = _scorer(shared)
    folder = shared / "eval" / args.set
    gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
    digest = digest_of(folder / "seeds")
    halves = {"all": None} if args.half == "all" else {"all": None, "a": "a", "b": "b"}
    if args.half in ("a", "b"):
        halves = {args.half: args.half}
    errors = []
    for name, half in halves.items():
        keep = {k: v for k, v in gold["articles"].items() if half is None or half_of(k) == half}
        f = figures(digest, {"articles": keep}, scorer)
        print(report(f"{args.set} [{name}]", f), flush=True)
        errors = errors or f["errors"]
    print("rules:\n" + legend())
    if args.errors:
        Path(args.errors).write_text(json.dumps(errors, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
