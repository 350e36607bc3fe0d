"""A derived pair of articles -> the aligned side-by-side view: source and derived sentences paired in order."""

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
        "rows": rows,
        "paired": len(pairs),
    }


def _cell(sentence, article_id: str, paths: SitePaths, verbatim: Sequence[tuple[int, int]] = ()) -> dict[str, Any]:
    copied = any(start < sentence.end and sentence.start < end for start, end in verbatim)
    return {
        "text": sentence.text,
        "url": f"{paths.article_url(article_id)}#s{sentence.index}",
        "copied": copied,
    }
