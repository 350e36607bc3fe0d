"""The per-article analysis (the map): a named list of stages over one article.

It depends on one article only, so it runs in worker processes (or on a cluster) and is cached by content. The
pipeline, the benchmark and the tests iterate over ARTICLE_STAGES; each stage reads the article and what the stages
before it made, and its name is the ArticleAnalysis field it fills.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from ..records import Article, Sentence
from ..text.sentences import split_article
from .attribution import attribute
from .figures import Figure, find_figures
from .quotes import Quote, find_quotes


@dataclass(frozen=True, slots=True)
class ArticleAnalysis:
    """What one article yields on its own: its sentences, quotations and figures."""

    article_id: str
    sentences: tuple[Sentence, ...]
    quotes: tuple[Quote, ...]
    figures: tuple[Figure, ...]


@dataclass(frozen=True, slots=True)
class ArticleStage:
    """One named step of the per-article analysis: run(article, results of the earlier stages by name)."""

    name: str
    run: Callable[[Article, Mapping[str, Any]], Any]


def extract_quotes(article: Article) -> tuple[Quote, ...]:
    """Every quotation of an article, attributed to the speaker the article names."""
    return attribute(article, find_quotes(article))


ARTICLE_STAGES = (
    ArticleStage("sentences", lambda article, done: split_article(article)),
    ArticleStage("quotes", lambda article, done: extract_quotes(article)),
    ArticleStage("figures", lambda article, done: find_figures(article, done["sentences"])),
)


def analyse_article(article: Article) -> ArticleAnalysis:
    """Run every article stage, in order, over one article."""
    done: dict[str, Any] = {}
    for stage in ARTICLE_STAGES:
        done[stage.name] = stage.run(article, done)
    return ArticleAnalysis(article.id, **done)
