"""Tune and cross-validate the grouping on the shared evaluation sets, running only the grouping per setting.

Reads clusters/ (ECB+), clusters-allsides/ and the summaries/<i>/seeds/ examples once (read, ingest, clean, as a build
does), caches the cleaned articles in /tmp, then groups them with each setting of a grid and scores B-cubed F1 with
the shared scorer (imported from <shared>/eval/score/ at run time; nothing of the eval data enters the repository).

Cross-validation: each set's gold events are split into two halves by the parity of sha1(event id) (ECB+: of the
topic, so both look-alike events of a topic fall in one half; summaries: of the example number); each half is grouped
on its own. The setting best on half A (mean over the three sets of ECB F1,
AllSides F1 and 1 - the share of summaries examples split) is reported on half B, and the other way round.

    PYTHONPATH=plugins .venv/bin/python scripts/grouping_cv.py [--shared ../shared] [--grid threshold=0.2,0.3 ...]
        [--set name=value ...]   # fixed overrides of GroupSettings fields, e.g. --set neighbours=16
        [--bench-corpus 2000,10000]   # also group the synthetic bench corpora (scripts/bench_corpus.py) of these sizes

With --bench-corpus, each size's corpus is generated under /tmp (seeded, as `make bench` does), read once, cached,
and grouped with every setting: the number of stories against the true count, B-cubed F1 against its truth (the
same scorer) and the grouping's CPU seconds are printed beside the eval sets' figures.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import itertools
import json
import pickle
import sys
import time
from pathlib import Path

from coverage_digest.clean.article import clean_article
from coverage_digest.group.stories import GroupSettings, group_articles
from coverage_digest.read.folder import read_seed_folder
from coverage_digest.read.ingest import ingest_file
from coverage_digest.records import Article, RawArticle

ROOT = Path(__file__).resolve().parent.parent
CACHE = Path("/tmp/grouping_cv_articles.pickle")
BENCH = Path("/tmp/grouping_cv_bench")


def read_articles(seeds: Path) -> tuple[Article, ...]:
    """The cleaned articles of a seeds folder, as a build reads them."""
    files, _ = read_seed_folder(seeds, 5_000_000)
    raws = [ingest_file(f) for f in files]
    return tuple(clean_article(r) for r in raws if isinstance(r, RawArticle))


def load_sets(shared: Path) -> dict:
    """{"ecb": (articles, gold), "allsides": (articles, gold), "summaries": {example: articles}}, cached."""
    key = str(shared.resolve())
    if CACHE.exists():
        cached = pickle.loads(CACHE.read_bytes())
        if cached.get("key") == key:
            return cached["sets"]
    sets: dict = {}
    for name, folder in (("ecb", "clusters"), ("allsides", "clusters-allsides")):
        gold = json.loads((shared / "eval" / folder / "gold.json").read_text(encoding="utf-8"))
        sets[name] = (read_articles(shared / "eval" / folder / "seeds"), gold)
    examples = sorted((p for p in (shared / "eval" / "summaries").iterdir() if (p / "seeds").is_dir()), key=_number)
    sets["summaries"] = {int(p.name): read_articles(p / "seeds") for p in examples}
    CACHE.write_bytes(pickle.dumps({"key": key, "sets": sets}))
    return sets


def load_bench(size: int) -> tuple[tuple[Article, ...], dict[str, str]]:
    """The synthetic bench corpus of `size` articles (generated under /tmp, cached) and its truth {id: story}."""
    sys.path.insert(0, str(ROOT / "scripts"))
    import bench_corpus

    cache = BENCH / f"{size}.pickle"
    if cache.exists():
        return pickle.loads(cache.read_bytes())
    folder = BENCH / str(size)
    manifest = bench_corpus.write_corpus(size, folder)
    loaded = (read_articles(folder / "seeds"), dict(manifest["truth"]))
    cache.write_bytes(pickle.dumps(loaded))
    return loaded


def bench_figures(articles: tuple[Article, ...], truth: dict[str, str], settings: GroupSettings, scorer) -> str:
    """Stories found / true, B-cubed F1 and CPU seconds of grouping a bench corpus."""
    begun = time.process_time()
    stories = group_articles(articles, settings)
    seconds = time.process_time() - begun
    digest = {"stories": [{"id": s.id, "article_ids": list(s.article_ids)} for s in stories]}
    pred, _ = scorer.predicted_labels(digest, truth)
    f1 = float(scorer.score(pred, truth)["b3_f1"])
    return f"{len(stories)}/{len(set(truth.values()))} stories B3 {f1:.3f} {seconds:.1f} s"


def _number(path: Path) -> int:
    return int(path.name) if path.name.isdigit() else -1


def half(label: str) -> int:
    """0 or 1: a fixed hash of an event id (or example number). ECB+ ids are "<topic>_ecb" / "<topic>_ecbplus": the
    two look-alike events of a topic go to the same half, so that each half keeps the over-merge trap."""
    return hashlib.sha1(label.split("_")[0].encode()).digest()[-1] & 1


def b3(articles: tuple[Article, ...], gold_labels: dict[str, str], settings: GroupSettings, scorer) -> float:
    """B-cubed F1 of grouping these articles, with the shared scorer, over the gold articles among them."""
    stories = group_articles(articles, settings)
    digest = {"stories": [{"id": s.id, "article_ids": list(s.article_ids)} for s in stories]}
    ids = {a.id for a in articles}
    gold = {a: c for a, c in gold_labels.items() if a in ids}
    pred, _ = scorer.predicted_labels(digest, gold)
    return float(scorer.score(pred, gold)["b3_f1"])


def evaluate(sets: dict, settings: GroupSettings, scorer, full: bool) -> dict:
    """Per set and half (0, 1, and "all" when `full`): ECB/AllSides B-cubed F1, summaries' share split."""
    out: dict = {}
    for name in ("ecb", "allsides"):
        articles, gold = sets[name]
        labels = scorer.gold_labels(gold)
        for h in (0, 1):
            chosen = tuple(a for a in articles if a.id in labels and half(labels[a.id]) == h)
            out[(name, h)] = b3(chosen, labels, settings, scorer)
        if full:
            out[(name, "all")] = b3(articles, labels, settings, scorer)
    split = {n: len(group_articles(a, settings)) > 1 for n, a in sets["summaries"].items()}
    for h in (0, 1):
        chosen = [s for n, s in split.items() if half(str(n)) == h]
        out[("summaries", h)] = sum(chosen) / len(chosen)
    out[("summaries", "all")] = sum(split.values())
    return out


def objective(result: dict, h: int) -> float:
    return (result[("ecb", h)] + result[("allsides", h)] + 1.0 - result[("summaries", h)]) / 3


def parse_value(text: str):
    for kind in (int, float):
        try:
            return kind(text)
        except ValueError:
            pass
    return {"true": True, "false": False}.get(text.lower(), text)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", default=str(ROOT.parent / "shared"))
    parser.add_argument("--grid", nargs="*", default=[], help="field=v1,v2,... (the product is searched)")
    parser.add_argument("--set", nargs="*", default=[], help="field=value fixed for every setting")
    parser.add_argument("--full", action="store_true", help="score the full sets for every setting of the grid too")
    parser.add_argument("--bench-corpus", default="", help="sizes of synthetic bench corpora to group too: 2000,10000")
    parser.add_argument("--bench-only", action="store_true", help="group only the bench corpora (no eval sets)")
    args = parser.parse_args(argv)
    shared = Path(args.shared).resolve()
    sys.path.insert(0, str(shared / "eval" / "score"))
    import score_clusters as scorer  # the shared scorer's own functions

    started = time.perf_counter()
    sets = load_sets(shared)
    print(f"read in {time.perf_counter() - started:.1f} s", flush=True)
    benches = {int(n): load_bench(int(n)) for n in args.bench_corpus.split(",") if n}
    fixed = {k: parse_value(v) for k, v in (item.split("=", 1) for item in args.set)}
    axes = [(k, [parse_value(x) for x in v.split(",")]) for k, v in (item.split("=", 1) for item in args.grid)]
    results = []
    for values in itertools.product(*[v for _, v in axes]) if axes else [()]:
        chosen = {**fixed, **dict(zip([k for k, _ in axes], values, strict=True))}
        settings = dataclasses.replace(GroupSettings(), **chosen)
        begun = time.perf_counter()
        for size, (articles, truth) in benches.items():
            print(f"{chosen} bench {size}: {bench_figures(articles, truth, settings, scorer)}", flush=True)
        if args.bench_only:
            continue
        result = evaluate(sets, settings, scorer, full=args.full or not axes)
        results.append((chosen, result))
        cells = " ".join(f"{n[:3]}{h}={v:.3f}" for (n, h), v in result.items() if n != "summaries" or h != "all")
        print(
            f"{chosen} {cells} split={result[('summaries', 'all')]} ({time.perf_counter() - begun:.1f} s)", flush=True
        )
    if not results:
        return 0
    for train, test in ((0, 1), (1, 0)):
        best, result = max(results, key=lambda r: objective(r[1], train))
        print(f"tuned on half {train}: {best}")
        ecb, allsides, split = result[("ecb", test)], result[("allsides", test)], result[("summaries", test)]
        print(f"  reported on half {test}: ecb {ecb:.3f} allsides {allsides:.3f} summaries split {split:.2f}")
    if axes:
        for train in (0, 1):
            best, _ = max(results, key=lambda r: objective(r[1], train))
            settings = dataclasses.replace(GroupSettings(), **best)
            full = evaluate(sets, settings, scorer, full=True)
            print(
                f"full sets with the half-{train} choice {best}: ecb {full[('ecb', 'all')]:.3f} "
                f"allsides {full[('allsides', 'all')]:.3f} summaries split {full[('summaries', 'all')]}"
            )
    else:
        _, result = results[0]
        print(
            f"full sets: ecb {result[('ecb', 'all')]:.3f} allsides {result[('allsides', 'all')]:.3f} "
            f"summaries split {result[('summaries', 'all')]}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
