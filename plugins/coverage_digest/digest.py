"""What a build knows, as one record every output reads: the Digest."""

from __future__ import annotations

from dataclasses import dataclass

from .article.analyse import ArticleAnalysis
from .group.stories import StoryGroup
from .records import Article, Skipped
from .story.analyse import StoryAnalysis


@dataclass(frozen=True, slots=True)
class Digest:
    """Everything a build knows: articles, stories, their analyses, and the files that did not become articles."""

    articles: tuple[Article, ...]
    stories: tuple[StoryGroup, ...]
    skipped: tuple[Skipped, ...]
    analyses: tuple[ArticleAnalysis, ...] = ()  # in article order
    story_analyses: tuple[StoryAnalysis, ...] = ()  # in story order
    story_keys: tuple[str, ...] = ()  # content keys of the stories (with a cache): unchanged key, unchanged pages
