"""The per-story analysis (the reduce): a named list of stages over one story's articles.

It needs every article of the story at once, and nothing outside the story: stories are independent. The pipeline,
the benchmark and the tests iterate over STORY_STAGES; each stage reads the story's inputs and what the stages before
it made, and its name is the StoryAnalysis field it fills.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from ..article.analyse import ArticleAnalysis
from ..article.figures import Figure
from ..article.quotes import Quote
from ..group.stories import StoryGroup
from ..records import Article, Sentence
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


@dataclass(frozen=True, slots=True)
class StoryInputs:
    """What every story stage may read: the story's articles in story order and their per-article analyses."""

    story: StoryGroup
    members: tuple[Article, ...]
    sentences: Mapping[str, tuple[Sentence, ...]]
    quotes: tuple[Quote, ...]
    figures: tuple[Figure, ...]


@dataclass(frozen=True, slots=True)
class StoryStage:
    """One named step of the per-story analysis: run(inputs, results of the earlier stages by name)."""

    name: str
    run: Callable[[StoryInputs, Mapping[str, Any]], Any]


def story_inputs(
    story: StoryGroup, articles: Mapping[str, Article], per_article: Mapping[str, ArticleAnalysis]
) -> StoryInputs:
    """A story's articles and their analyses, gathered once for every stage."""
    ids = story.article_ids
    return StoryInputs(
        story=story,
        members=tuple(articles[i] for i in ids),
        sentences={i: per_article[i].sentences for i in ids},
        quotes=tuple(q for i in ids for q in per_article[i].quotes),
        figures=tuple(f for i in ids for f in per_article[i].figures),
    )


STORY_STAGES = (
    StoryStage("support", lambda x, done: find_support(x.members, x.sentences)),
    StoryStage("quote_table", lambda x, done: match_quotes(x.members, x.quotes)),
    StoryStage("figure_groups", lambda x, done: compare_figures(x.members, x.figures, x.sentences)),
    StoryStage("wording", lambda x, done: compare_wording(x.members)),
    StoryStage("entities", lambda x, done: mention_table(x.members, x.sentences)),
    StoryStage("derivations", lambda x, done: find_derivations(x.members, x.sentences, done["support"])),
    StoryStage("summary", lambda x, done: summarize_story(x.members, x.sentences, done["support"])),
)


def analyse_story(
    story: StoryGroup, articles: Mapping[str, Article], per_article: Mapping[str, ArticleAnalysis]
) -> StoryAnalysis:
    """Run every story stage, in order: quotes across outlets, figures, wording, mentions, reuse and the summary."""
    inputs = story_inputs(story, articles, per_article)
    done: dict[str, Any] = {}
    for stage in STORY_STAGES:
        done[stage.name] = stage.run(inputs, done)
    return StoryAnalysis(story=story, **done)
