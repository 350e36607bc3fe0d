"""What a build knows (the Digest), and the one story document every output reads.

A story's document is made once from its analysis: which statements are in its quote table and which are fragments
listed apart, every count a page, `digest.json`, a CSV file, the feed or the search index shows, its outlets and its
dates. The outputs format what the document holds; none of them counts or decides what is counted on its own.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, replace

from .article.analyse import ArticleAnalysis
from .group.stories import StoryGroup
from .read.dates import sort_key
from .read.outlet_coding import FIELDS, OutletCoding
from .records import Article, Skipped
from .story.analyse import StoryAnalysis
from .story.quote_match import QuoteRow
from .story.timeline import Carried, TimelineEntry, story_timeline

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
    named_outlets: tuple[str, ...] = ()  # the identified outlets' names, sorted (no unidentified source)
    unidentified: int = 0  # articles whose outlet could not be identified
    timeline: tuple[TimelineEntry, ...] = ()  # in publication order; empty when no article has a publication date
    captured: tuple[str | None, str | None] = (None, None)  # first and last capture day of its undated articles

    @property
    def first(self) -> tuple[str, ...]:
        """The ids of the articles first to report the story (several when their dates cannot tell them apart)."""
        return tuple(e.article_id for e in self.timeline if e.first)

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
    outlets: tuple[OutletDocument, ...] = ()  # every identified outlet, by name, summed up from the documents
    coding_file: str | None = None  # the file the outlets' coding came from (outlets.yaml), when there is one


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
        captured=_days(a.captured for a in members if a.captured and not a.published),
        named_outlets=tuple(sorted({a.outlet for a in members if a.outlet}, key=lambda o: (o.casefold(), o))),
        unidentified=sum(1 for a in members if not a.outlet),
        timeline=story_timeline(
            members,
            (Carried(row.id, row.article_ids) for row in rows),
            (Carried(g.key, g.article_ids) for g in sa.figure_groups),
        ),
    )


def _days(dates) -> tuple[str | None, str | None]:
    """The first and last calendar day (as written) of some dates."""
    days = sorted(d[:10] for d in dates)
    return (days[0], days[-1]) if days else (None, None)


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
        outlet_documents(documents),
    )


@dataclass(frozen=True, slots=True)
class OutletLink:
    """Text reuse between one outlet and another: how many of the one's articles, and their mean derived share."""

    outlet: str  # "" for the unidentified sources, summed as one
    articles: int
    share: float


@dataclass(frozen=True, slots=True)
class OutletDocument:
    """One identified outlet across the digest, summed up from the story documents (so no count disagrees)."""

    name: str
    article_ids: tuple[str, ...]  # in story order, then article order
    story_ids: tuple[str, ...]
    quotes: tuple[tuple[str, str], ...]  # (story id, quote-table row id) of every statement it carries
    reworded: int  # of those, the statements it words differently from the table's wording
    first: int  # stories it was first to report, of the `contested` ones
    contested: int  # stories where it and another outlet have publication dates (where being first means something)
    derived_share: float  # share of its words (over all its articles) derived from another outlet's article
    derives_from: tuple[OutletLink, ...]  # outlets its articles derive from, most articles first
    derived_by: tuple[OutletLink, ...]  # outlets whose articles derive from its articles
    coding: OutletCoding | None = None  # the user's coding of it (outlets.yaml), when given


def outlet_documents(documents: tuple[StoryDocument, ...]) -> tuple[OutletDocument, ...]:
    """Every identified outlet's document, by name (unidentified sources have none: each is one file)."""
    by_outlet: dict[str, list[tuple[StoryDocument, Article]]] = {}
    for doc in documents:
        for a in doc.articles:
            if a.outlet:
                by_outlet.setdefault(a.outlet, []).append((doc, a))
    stories: dict[str, _StoryIndex] = {}  # made once per story, whatever the number of its outlets
    words: dict[str, int] = {}  # article id -> its words
    names = sorted(by_outlet, key=lambda o: (o.casefold(), o))
    return tuple(_outlet_document(n, by_outlet[n], stories, words) for n in names)


@dataclass(frozen=True, slots=True)
class _StoryIndex:
    """What every outlet of one story reads of it, found once: each article's quote rows and derivations (as
    positions, in order), the outlets with a publication date, and the story's first articles."""

    outlet_of: dict[str, str]
    named: dict[str, str]  # unidentified sources are summed as one ("")
    rows: dict[str, list[int]]  # article id -> the quote rows with an occurrence of it
    derivations: dict[str, list[int]]  # article id -> the derivations it is either side of
    dated: frozenset[str]
    first: tuple[str, ...]

    @classmethod
    def of(cls, doc: StoryDocument) -> _StoryIndex:
        rows: dict[str, list[int]] = {}
        for k, row in enumerate(doc.quotes):
            for o in row.occurrences:
                found = rows.setdefault(o.quote.article_id, [])
                if not found or found[-1] != k:
                    found.append(k)
        derivations: dict[str, list[int]] = {}
        for k, d in enumerate(doc.analysis.derivations):
            for aid in (d.article_id, d.from_article_id):
                found = derivations.setdefault(aid, [])
                if not found or found[-1] != k:
                    found.append(k)
        outlet_of = {a.id: a.display_outlet for a in doc.articles}
        return cls(
            outlet_of,
            {a.id: a.outlet or "" for a in doc.articles},
            rows,
            derivations,
            frozenset(outlet_of[e.article_id] for e in doc.timeline if e.basis == "published"),
            doc.first,
        )


def _outlet_document(
    name: str, mine: list[tuple[StoryDocument, Article]], stories: dict[str, _StoryIndex], words: dict[str, int]
) -> OutletDocument:
    ids = {a.id for _, a in mine}
    for _, a in mine:
        if a.id not in words:
            words[a.id] = len(a.text.split())
    per_story: dict[str, tuple[StoryDocument, list[str]]] = {}
    for doc, a in mine:
        per_story.setdefault(doc.story.id, (doc, []))[1].append(a.id)
    quotes, reworded = [], 0
    first = contested = 0
    sources: dict[str, list[float]] = {}
    users: dict[str, list[float]] = {}
    derived_words = 0.0
    for story_id, (doc, own_ids) in per_story.items():
        index = stories.get(story_id) or stories.setdefault(story_id, _StoryIndex.of(doc))
        named = index.named
        for k in sorted({k for i in own_ids for k in index.rows.get(i, ())}):
            row = doc.quotes[k]
            own = [o for o in row.occurrences if o.quote.article_id in ids]
            quotes.append((story_id, row.id))
            reworded += any(o.match != "verbatim" for o in own)
        if name in index.dated and len(index.dated) > 1:
            contested += 1
            first += any(index.outlet_of[i] == name for i in index.first)
        best: dict[str, float] = {}
        all_derivations = doc.analysis.derivations
        for k in sorted({k for i in own_ids for k in index.derivations.get(i, ())}):
            d = all_derivations[k]
            if d.article_id in ids:
                sources.setdefault(named[d.from_article_id], []).append(d.share)
                best[d.article_id] = max(best.get(d.article_id, 0.0), d.share)
            if d.from_article_id in ids and d.article_id not in ids:
                users.setdefault(named[d.article_id], []).append(d.share)
        derived_words += sum(share * words[aid] for aid, share in best.items())
    total = sum(words[a.id] for _, a in mine)
    return OutletDocument(
        name=name,
        article_ids=tuple(a.id for _, a in mine),
        story_ids=tuple(per_story),
        quotes=tuple(quotes),
        reworded=reworded,
        first=first,
        contested=contested,
        derived_share=round(derived_words / total, 3) if total else 0.0,
        derives_from=_links(sources),
        derived_by=_links(users),
    )


def _links(shares: dict[str, list[float]]) -> tuple[OutletLink, ...]:
    links = [OutletLink(o, len(v), round(sum(v) / len(v), 3)) for o, v in shares.items()]
    return tuple(sorted(links, key=lambda x: (not x.outlet, -x.articles, x.outlet)))  # unidentified ("") last


def with_coding(digest: Digest, codings: tuple[OutletCoding, ...], file_name: str | None) -> Digest:
    """The digest with each outlet's coding attached (matched by name, case and spacing aside)."""
    by_name = {c.name.casefold(): c for c in codings}
    outlets = tuple(replace(o, coding=by_name.get(" ".join(o.name.split()).casefold())) for o in digest.outlets)
    return replace(digest, outlets=outlets, coding_file=file_name if codings else None)


@dataclass(frozen=True, slots=True)
class Distribution:
    """How a story's sources spread over one coded field (lean, country, type): sources per value, and the values
    coded for some outlet of the digest that no source of the story has (its blind spots, when at least two of its
    sources are coded)."""

    field: str
    counts: tuple[tuple[str, int], ...]  # (value, sources), most first; "not coded" for sources without a value
    missing: tuple[str, ...]
    values: tuple[str, ...] = ()  # every value coded for an outlet of the digest, sorted (the same colour everywhere)


NOT_CODED = "not coded"
MIN_CODED_SOURCES = 2  # a story with one coded source has no blind spot to speak of: one source is not a spread


def distributions(doc: StoryDocument, outlets: tuple[OutletDocument, ...]) -> tuple[Distribution, ...]:
    """The story's spread over every coded field (none when no outlet is coded)."""
    coding = {o.name: o.coding for o in outlets if o.coding}
    if not coding:
        return ()
    out = []
    for field in FIELDS:
        known = sorted({v for c in coding.values() if (v := c.get(field))}, key=str.casefold)
        if not known:
            continue
        counts = Counter(
            (coding[a.outlet].get(field) if a.outlet in coding else None) or NOT_CODED for a in doc.articles
        )
        ranked = sorted(counts.items(), key=lambda kv: (kv[0] == NOT_CODED, -kv[1], kv[0].casefold()))
        coded = sum(n for v, n in counts.items() if v != NOT_CODED)
        missing = tuple(v for v in known if v not in counts) if coded >= MIN_CODED_SOURCES else ()
        out.append(Distribution(field, tuple(ranked), missing, tuple(known)))
    return tuple(out)
