"""The per-story analysis (the reduce): a story's articles compared across outlets.

It needs every article of the story at once, and nothing outside the story: stories are independent.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ..article.analyse import ArticleAnalysis
from ..group.stories import StoryGroup
from ..records import Article
from .figures import FigureGroup, compare_figures
from .mentions import EntityRow, mention_table
from .quote_match import QuoteTable, match_quotes
from .reuse import Derivation, find_derivations
from .summary import Summary, summarize_story
from .support import Support, find_support
from .wording import Wording, compare_wording


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
