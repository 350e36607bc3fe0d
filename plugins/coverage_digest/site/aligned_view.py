"""A derived pair of articles -> the aligned side-by-side view: source and derived sentences paired in order.

The view carries the evidence of reuse: every paired sentence, and every unpaired derived sentence that holds a
verbatim passage of the source. A run of two or more other unpaired sentences (text found in one article only) folds
into one row that says how many there are on each side and links to the first of them in its article, where all of
them stand in context: the page no longer repeats both whole articles. A passage of sentences the same word for word, in
the same order, in both articles shows its first sentence once, counts the others, and links to where it starts in
each article (which shows all of it).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..article.analyse import ArticleAnalysis
from ..records import Article
from ..story.reuse import Derivation
from .paths import SitePaths
from .story_view import StoryLinks


def aligned_view(
    d: Derivation, articles: dict[str, Article], analyses: dict[str, ArticleAnalysis], paths: SitePaths, story: dict
) -> dict[str, Any]:
    """Rows of (source sentence, derived sentence); unpaired sentences stand alone on their side, in order."""
    derived, source = analyses[d.article_id].sentences, analyses[d.from_article_id].sentences
    pairs = sorted(d.aligned_pairs, key=lambda p: (p.index, p.from_index))
    verbatim = [(p.start, p.end) for p in d.verbatim_passages]
    rows: list[dict[str, Any]] = []
    i = j = 0
    for pair in pairs:
        while j < pair.from_index:
            rows.append({"source": _cell(source[j], d.from_article_id, paths), "derived": None, "identical": False})
            j += 1
        while i < pair.index:
            rows.append(
                {"source": None, "derived": _cell(derived[i], d.article_id, paths, verbatim), "identical": False}
            )
            i += 1
        left, right = source[pair.from_index], derived[pair.index]
        rows.append(
            {
                "source": _cell(left, d.from_article_id, paths),
                "derived": _cell(right, d.article_id, paths, verbatim),
                "similarity": pair.similarity,
                "verbatim": pair.verbatim,
                "identical": left.text == right.text,  # shown once, across both columns
            }
        )
        i, j = max(i, pair.index + 1), max(j, pair.from_index + 1)
    rows += [{"source": _cell(s, d.from_article_id, paths), "derived": None, "identical": False} for s in source[j:]]
    rows += [
        {"source": None, "derived": _cell(s, d.article_id, paths, verbatim), "identical": False} for s in derived[i:]
    ]
    return {
        "story": story,
        "derived": {"outlet": articles[d.article_id].display_outlet, "url": paths.article_url(d.article_id)},
        "source": {"outlet": articles[d.from_article_id].display_outlet, "url": paths.article_url(d.from_article_id)},
        "share": d.share,
        "verbatim_share": d.verbatim_share,
        "direction": d.direction,
        "evidence": StoryLinks(articles, paths).evidence(d),
        "rows": join_identical(fold_unpaired(rows)),
        "paired": len(pairs),
    }


def _cell(sentence, article_id: str, paths: SitePaths, verbatim: Sequence[tuple[int, int]] = ()) -> dict[str, Any]:
    copied = any(start < sentence.end and sentence.start < end for start, end in verbatim)
    return {
        "text": sentence.text,
        "index": sentence.index,
        "url": f"{paths.article_url(article_id)}#s{sentence.index}",
        "copied": copied,
    }


def fold_unpaired(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each run of unpaired rows without a verbatim passage -> one gap row: a count and a link per side."""
    out: list[dict[str, Any]] = []
    run: list[dict[str, Any]] = []
    for row in [*rows, None]:
        if row is not None and _foldable(row):
            run.append(row)
            continue
        if len(run) > 1:
            out.append({"gap": True, "source": _gap_side(run, "source"), "derived": _gap_side(run, "derived")})
        else:
            out += [{**r, "gap": False} for r in run]
        run = []
        if row is not None:
            out.append({**row, "gap": False})
    return out


def _foldable(row: dict[str, Any]) -> bool:
    if row.get("gap") or (row["source"] and row["derived"]):
        return False
    return not (row["derived"] and row["derived"]["copied"])


def _gap_side(run: list[dict[str, Any]], side: str) -> dict[str, Any] | None:
    cells = [r[side] for r in run if r[side]]
    return {"count": len(cells), "url": cells[0]["url"]} if cells else None


def join_identical(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Identical rows that follow each other in both articles -> one passage row (its sentences, in order)."""
    out: list[dict[str, Any]] = []
    for row in rows:
        last = out[-1] if out else None
        if row.get("identical") and last and last.get("identical") and _follows(last, row):
            texts = [*last["texts"], row["source"]["text"]]
            out[-1] = {**last, "texts": texts, "ends": (row["source"], row["derived"])}
        elif row.get("identical"):
            out.append({**row, "texts": [row["source"]["text"]], "ends": (row["source"], row["derived"])})
        else:
            out.append(row)
    return out


def _follows(last: dict[str, Any], row: dict[str, Any]) -> bool:
    source_end, derived_end = last["ends"]
    return row["source"]["index"] == source_end["index"] + 1 and row["derived"]["index"] == derived_end["index"] + 1
