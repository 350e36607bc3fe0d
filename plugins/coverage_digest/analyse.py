"""The analysis stages: per article (map: sentences, quotes, figures) and per story (reduce: everything across outlets).

The per-article half depends on one article only, so it can run in worker processes (or on a cluster) and be cached
by content; the per-story half needs every article of the story at once.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from .entities import EntityRow, mention_table
from .group import StoryGroup
from .numbers import Figure, FigureGroup, compare_figures, find_figures
from .quote_match import QuoteTable, match_quotes
from .quotes import Quote, extract_quotes
from .records import Article, Sentence
from .reuse import Derivation, find_derivations
from .sentences import split_article
from .summarize import Summary, summarize_story
from .support import Support, find_support
from .wording import Wording, compare_wording


@dataclass(frozen=True, slots=True)
class ArticleAnalysis:
    """What one article yields on its own: its sentences, quotations and figures."""

    article_id: str
    sentences: tuple[Sentence, ...]
    quotes: tuple[Quote, ...]
    figures: tuple[Figure, ...]


@dataclass(frozen=True, slots=True)
class StoryAnalysis:
    """What a story's articles yield together: who said what where, how outlets differ, who reused whom."""

    story: StoryGroup
    quote_table: QuoteTable
    figure_groups: tuple[FigureGroup, ...]
    wording: Wording
    entities: tuple[EntityRow, ...]
    support: Support
    derivations: tuple[Derivation, ...]
    summary: Summary


def analyse_article(article: Article) -> ArticleAnalysis:
    """Split, find quotations (with speakers) and figures in one article."""
    sentences = split_article(article)
    return ArticleAnalysis(article.id, sentences, extract_quotes(article), find_figures(article, sentences))


def analyse_story(
    story: StoryGroup, articles: Mapping[str, Article], per_article: Mapping[str, ArticleAnalysis]
) -> StoryAnalysis:
    """Compare a story's articles: quotes across outlets, figures, wording, mentions, reuse and the summary."""
    members = tuple(articles[i] for i in story.article_ids)
    sentences = {i: per_article[i].sentences for i in story.article_ids}
    quotes = tuple(q for i in story.article_ids for q in per_article[i].quotes)
    figures = tuple(f for i in story.article_ids for f in per_article[i].figures)
    support = find_support(members, sentences)
    return StoryAnalysis(
        story=story,
        quote_table=match_quotes(members, quotes),
        figure_groups=compare_figures(members, figures, sentences),
        wording=compare_wording(members),
        entities=mention_table(members, sentences),
        support=support,
        derivations=find_derivations(members, sentences, support),
        summary=summarize_story(members, sentences, support),
    )
