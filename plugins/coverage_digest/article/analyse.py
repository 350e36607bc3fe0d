"""The per-article analysis (the map): sentences, quotations with their speakers, and figures of one article.

It depends on one article only, so it runs in worker processes (or on a cluster) and is cached by content.
"""

from __future__ import annotations

from dataclasses import dataclass

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


def extract_quotes(article: Article) -> tuple[Quote, ...]:
    """Every quotation of an article, attributed to the speaker the article names."""
    return attribute(article, find_quotes(article))


def analyse_article(article: Article) -> ArticleAnalysis:
    """Split, find quotations (with speakers) and figures in one article."""
    sentences = split_article(article)
    return ArticleAnalysis(article.id, sentences, extract_quotes(article), find_figures(article, sentences))
