"""What a build knows (the Digest), and the one story document every output reads.

A story's document is made once from its analysis: which statements are in its quote table and which are fragments
listed apart, every count a page, `digest.json`, a CSV file, the feed or the search index shows, its outlets and its
dates. The outputs format what the document holds; none of them counts or decides what is counted on its own.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

from .article.analyse import ArticleAnalysis
from .group.stories import StoryGroup
from .read.dates import sort_key
from .records import Article, Skipped
from .story.analyse import StoryAnalysis
from .story.quote_match import QuoteRow

QUOTES, FRAGMENTS = "quotes", "fragments"  # the two tables a statement can be listed in


@dataclass(frozen=True, slots=True)
class StoryCounts:
    """Every number a story is summed up by, defined once."""

    sources: int  # articles
    outlets: int  # distinct outlets (each unidentified source counts as its own)
    quotes: int  # statements in the quote table
    fragments: int  # fragments and scare quotes one outlet prints, listed apart from the table
    disputed: int  # statements attributed to different speakers by different outlets
    altered: int  # statements whose wording differs between outlets
    conflicts: int  # figures that disagree between outlets
    hedges: int  # figures of the same magnitude with different qualifiers
    derivations: int  # articles found to copy or rewrite another


@dataclass(frozen=True, slots=True)
class StoryDocument:
    """One story as every output shows it: the analysis, its articles in story order, and what is derived once."""

    analysis: StoryAnalysis
    articles: tuple[Article, ...]
    counts: StoryCounts
    outlets: tuple[str, ...]  # distinct display names, sorted
    dates: tuple[str | None, str | None]  # first and last publication day (YYYY-MM-DD) among the articles
    updated: str | None  # the latest publication date-time as given, for the feed and sitemap
    carried: Mapping[str, int]  # article id -> statements of the quote table it prints (headline included)

    @property
    def story(self) -> StoryGroup:
        return self.analysis.story

    @property
    def quotes(self) -> tuple[QuoteRow, ...]:
        """The quote table: every statement more than one outlet prints, and every full quotation."""
        return self.analysis.quote_table.rows

    @property
    def fragments(self) -> tuple[QuoteRow, ...]:
        """Fragments and scare quotes that only one outlet prints, listed apart."""
        return self.analysis.quote_table.fragments

    def listed(self) -> tuple[tuple[str, QuoteRow], ...]:
        """Every statement with the table it is listed in (QUOTES or FRAGMENTS): the quote table first."""
        return tuple((QUOTES, r) for r in self.quotes) + tuple((FRAGMENTS, r) for r in self.fragments)


@dataclass(frozen=True, slots=True)
class Digest:
    """Everything a build knows: articles, stories, their analyses, and the files that did not become articles."""

    articles: tuple[Article, ...]
    stories: tuple[StoryGroup, ...]
    skipped: tuple[Skipped, ...]
    analyses: tuple[ArticleAnalysis, ...] = ()  # in article order
    story_analyses: tuple[StoryAnalysis, ...] = ()  # in story order
    story_keys: tuple[str, ...] = ()  # content keys of the stories (with a cache): unchanged key, unchanged pages
    documents: tuple[StoryDocument, ...] = ()  # in story order: what every output reads


def story_document(sa: StoryAnalysis, by_id: Mapping[str, Article]) -> StoryDocument:
    """A story's document, made once from its analysis and its articles."""
    members = tuple(by_id[i] for i in sa.story.article_ids)
    rows = sa.quote_table.rows
    flags = Counter(flag for row in rows for flag in row.flags)
    figure_flags = Counter(g.flag for g in sa.figure_groups)
    counts = StoryCounts(
        sources=len(members),
        outlets=len({a.display_outlet for a in members}),
        quotes=len(rows),
        fragments=len(sa.quote_table.fragments),
        disputed=flags["speaker-conflict"],
        altered=flags["altered"],
        conflicts=figure_flags["conflict"],
        hedges=figure_flags["hedge"],
        derivations=len({d.article_id for d in sa.derivations}),
    )
    days = sorted(a.published[:10] for a in members if a.published)
    carried = Counter(o.quote.article_id for row in rows for o in row.occurrences)
    return StoryDocument(
        analysis=sa,
        articles=members,
        counts=counts,
        outlets=tuple(sorted({a.display_outlet for a in members})),
        dates=(days[0], days[-1]) if days else (None, None),
        updated=max((a.published for a in members if a.published), key=sort_key, default=None),
        carried={a.id: carried[a.id] for a in members},
    )


def with_documents(digest: Digest) -> Digest:
    """The digest with every story's document made."""
    by_id = {a.id: a for a in digest.articles}
    documents = tuple(story_document(sa, by_id) for sa in digest.story_analyses)
    return Digest(
        digest.articles,
        digest.stories,
        digest.skipped,
        digest.analyses,
        digest.story_analyses,
        digest.story_keys,
        documents,
    )
