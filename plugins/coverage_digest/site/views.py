"""Digest record -> the plain dicts each template receives (the template boundary: presentation data only)."""

from __future__ import annotations

from typing import Any

from ..article.analyse import ArticleAnalysis
from ..digest import Digest, StoryDocument
from ..read.dates import readable_date
from ..records import Article, shown
from ..story.analyse import StoryAnalysis
from ..story.support import ArticleSupport
from .annotate import Mark, Node, annotate
from .paths import SitePaths
from .story_parts import (
    ON_STORY_PAGE,
    PART_TITLES,
    PART_WHAT,
    Cut,
    fold_columns,
    part_cut,
    part_nav,
    shown_figure_groups,
    story_page_cut,
    table_sizes,
)
from .story_view import (
    StoryLinks,
    claim_row,
    differences_section,
    figure_row,
    glance_charts,
    glance_section,
    quote_row,
    quotes_section,
    reuse_heatmap,
    reuse_section,
    speaker_heatmap,
    summary_section,
)
from .timeline_view import timeline_section

MAX_ENTITY_ROWS = 25
# An article page lists the articles sharing most of its sentences, and each sentence's tooltip names a few of the
# outlets reporting it; the rest are counted ("and N more"), and the story page lists every article. (The story
# document keeps more: these only bound what each of a big story's article pages repeats.)
MAX_SHARE_ROWS = 10
MAX_TOOLTIP_OUTLETS = 4
DESCRIPTION_CHARS = 200
# The article page's list of its quotes and of its sentences no other outlet has: the text is already in the body
# above, so each item shows its first words and links to the whole, highlighted in place (issue 15: output bytes).
EXCERPT_WORDS = 8


def excerpt(text: str, words: int = EXCERPT_WORDS) -> str:
    """The first `words` words of a text, verbatim, with "…" when some were left out."""
    kept = text.split(None, words)
    return text if len(kept) <= words else " ".join(kept[:words]) + "…"


def article_card(article: Article, paths: SitePaths) -> dict[str, Any]:
    """What every page says about an article when it lists it."""
    return {
        "id": article.id,
        "outlet": article.outlet,
        "outlet_url": paths.outlet_url(article.outlet) if article.outlet else None,
        "display_outlet": article.display_outlet,
        "republisher": article.republisher,
        "headline": article.headline,
        "byline": article.byline,
        "published": article.published,
        "published_shown": readable_date(article.published),
        "original_url": article.url,
        "source_file": shown(article.source_file),
        "record": article.record,
        "location": article.location,
        "captured": article.captured,
        "words": len(article.text.split()),
        "paragraphs": len(article.paragraphs),
        "url": paths.article_url(article.id),
    }


def story_view(
    doc: StoryDocument, by_id: dict[str, Article], paths: SitePaths, analyses: dict[str, ArticleAnalysis]
) -> dict[str, Any]:
    """The story page: header, at a glance, summary, differences, quotes, reuse, grouping, data."""
    sa, story, members = doc.analysis, doc.story, doc.articles
    links = StoryLinks(by_id, paths, analyses)
    quotes = quotes_section(doc, links)
    glance, reuse, summary = glance_section(doc, links), reuse_section(sa, links), summary_section(sa, links)
    differences = differences_section(sa, links)
    sizes = table_sizes(doc)
    cuts = {kind: story_page_cut(kind, total) for kind, total in sizes.items()}
    parts = {kind: part_nav(doc, cut, paths) for kind, cut in cuts.items()}
    sources = [article_card(a, paths) for a in members]
    similarities = [{"outlet": links.outlet(i), "url": links.to(i), "similarity": sim} for i, sim in story.similarities]
    charts = {
        "glance": glance_charts(glance),
        "speakers": speaker_heatmap(quotes["matrix"]),
        "reuse": reuse_heatmap(reuse),
    }
    glance, sources, similarities = (_cut(rows, cuts["sources"]) for rows in (glance, sources, similarities))
    differences["headlines"] = _cut(differences["headlines"], cuts["sources"])
    differences["figures"] = _cut(differences["figures"], cuts["figures"])
    differences["single_outlet"] = _cut(differences["single_outlet"], cuts["claims"])
    quotes["rows"] = _cut(quotes["rows"], cuts["quotes"])
    quotes["fragments"] = _cut(quotes["fragments"], cuts["fragments"])
    timeline = timeline_section(doc, links)  # one entry per dated article: as long as the sources
    timeline["more"] = max(0, len(timeline["entries"]) - ON_STORY_PAGE["sources"])
    timeline["entries"] = timeline["entries"][: ON_STORY_PAGE["sources"]]
    reuse["pairs"] = _cut(reuse["pairs"], cuts["pairs"])
    return {
        "id": story.id,
        "title": story.title,
        "title_source": article_card(by_id[story.title_article_id], paths),
        "sources": sources,
        "source_count": len(members),
        "chips": _chips(members, paths),
        "parts": parts,
        "dates": doc.dates,
        "url": paths.story_url(story.id),
        "counts": doc.counts,
        "quote_count": doc.counts.quotes,
        "glance": glance,
        "summary": summary,
        "description": _story_description(doc.counts.sources, doc.counts.quotes, summary),
        "differences": differences,
        "quotes": quotes,
        "reuse": reuse,
        "timeline": timeline,
        "distribution": [],  # the spread over the user's coding of outlets (the publisher adds it when there is one)
        "charts": charts,
        "downloads": paths.downloads(story.id),
        "entities": _entities(sa, links),
        "grouping": {
            "shared_terms": list(story.shared_terms),
            "cohesion": story.cohesion,
            "forced": list(story.forced),
            "similarities": similarities,
        },
    }


def story_part_view(
    doc: StoryDocument,
    kind: str,
    number: int,
    by_id: dict[str, Article],
    paths: SitePaths,
    analyses: dict[str, ArticleAnalysis],
) -> dict[str, Any]:
    """One part page of a story's long table: its rows `number` of the whole table, and links to the others."""
    sa, links = doc.analysis, StoryLinks(by_id, paths, analyses)
    cut = part_cut(kind, table_sizes(doc)[kind], number)
    if kind == "quotes":
        rows = [quote_row(r, links) for r in doc.quotes[cut.start : cut.stop]]
    elif kind == "fragments":
        rows = [quote_row(r, links) for r in doc.fragments[cut.start : cut.stop]]
    elif kind == "figures":
        rows = [figure_row(g, links) for g in shown_figure_groups(sa)[cut.start : cut.stop]]
    elif kind == "pairs":
        rows = _cut(reuse_section(sa, links)["pairs"], cut)
    elif kind == "claims":
        rows = [claim_row(c, links) for c in sa.summary.single_outlet[cut.start : cut.stop]]
    else:
        rows = [article_card(a, paths) for a in doc.articles[cut.start : cut.stop]]
    return {
        "kind": kind,
        "title": PART_TITLES[kind],
        "what": PART_WHAT[kind],
        "heading_id": "numbers-h" if kind == "figures" else f"{kind}-h",
        "story": {"title": doc.story.title, "url": paths.story_url(doc.story.id)},
        "nav": part_nav(doc, cut, paths, current=number),
        "rows": rows,
    }


def _chips(members: tuple[Article, ...], paths: SitePaths) -> dict[str, Any]:
    """The story header's outlets: a chip per identified article (the first as many as the sources table shows),
    how many more, and the unidentified sources counted in one chip."""
    named = [a for a in members if a.outlet]
    shown = named[: ON_STORY_PAGE["sources"]]
    return {
        "named": [{"outlet": a.outlet, "url": paths.article_url(a.id)} for a in shown],
        "more": len(named) - len(shown),
        "unidentified": len(members) - len(named),
    }


def _cut(rows: list[Any], cut: Cut) -> list[Any]:
    return rows[cut.start : cut.stop]


def _story_description(sources: int, quotes: int, summary: list[dict[str, Any]]) -> str:
    """The meta description: the counts, then the summary's first sentence, cut to about 200 characters."""
    lead = f"{sources} {'source' if sources == 1 else 'sources'}, {quotes} {'quote' if quotes == 1 else 'quotes'}."
    text = " ".join([lead] + [s["text"] for s in summary[:1]])
    return text if len(text) <= DESCRIPTION_CHARS else text[: DESCRIPTION_CHARS - 1].rsplit(" ", 1)[0] + "…"


def _entities(sa: StoryAnalysis, links: StoryLinks) -> dict[str, Any]:
    ids = list(sa.story.article_ids)
    rows = [
        {"entity": e.entity, "kind": e.kind, "cells": [dict(e.counts).get(i, 0) for i in ids]}
        for e in sa.entities[:MAX_ENTITY_ROWS]
    ]
    columns, rows, folded = fold_columns([links.outlet(i) for i in ids], rows, "Mentions")
    return {"columns": columns, "rows": rows, "folded": folded, "more": max(0, len(sa.entities) - MAX_ENTITY_ROWS)}


def article_view(
    article: Article, sa: StoryAnalysis, analysis: ArticleAnalysis, by_id: dict[str, Article], paths: SitePaths
):
    """An article page: header facts, the text with sentence, quote and sharing marks, what was removed."""
    story = sa.story
    links = StoryLinks(by_id, paths)
    support = sa.support.for_article(article.id)
    quote_marks = _quote_marks(analysis, sa, paths)
    marks = _sentence_marks(analysis, support, links) + [m for m, in_headline in quote_marks if not in_headline]
    headline_marks = [m for m, in_headline in quote_marks if in_headline]
    return {
        **article_card(article, paths),
        "outlet_evidence": article.outlet_evidence,
        "story": {"title": story.title, "url": paths.story_url(story.id)},
        "body": paragraph_nodes(article, marks),
        "headline_nodes": annotate(article.headline, headline_marks) if article.headline else (),
        "removed": list(article.removed),
        "quotes": [
            {
                "id": paths.quote_anchor(q.id),
                "text": q.text,
                "excerpt": excerpt(q.text),
                "speaker": q.speaker,
                "as_written": q.speaker_as_written,
                "kind": q.kind,
                "in_headline": q.in_headline,
                "truncated": q.truncated,
            }
            for q in analysis.quotes
        ],
        "truncated_quotes": sum(1 for q in analysis.quotes if q.truncated),
        "shares": [
            {"outlet": links.outlet(other), "url": links.to(other), "sentences": n}
            for other, n in support.partners[:MAX_SHARE_ROWS]
        ],
        "more_shares": support.partner_count - len(support.partners[:MAX_SHARE_ROWS]),
        "unique": [{"id": f"s{i}", "excerpt": excerpt(analysis.sentences[i].text)} for i in support.unique],
        **_derivations(article, sa, links),
        "sentence_count": len(analysis.sentences),
        "coding": [],  # the user's coding of its outlet (the publisher adds it when there is one)
    }


def _derivations(article: Article, sa: StoryAnalysis, links: StoryLinks) -> dict[str, Any]:
    """The derived pairs an article takes part in: every one it derives from, and the first MAX_SHARE_ROWS that
    derive from it (a wire story's source has hundreds; the story page's pair list has every one)."""
    own = [d for d in sa.derivations if d.article_id == article.id]
    copies = [d for d in sa.derivations if d.from_article_id == article.id]
    kept = {id(d) for d in own + copies[:MAX_SHARE_ROWS]}
    rows = [
        {
            "source": links.outlet(d.from_article_id),
            "derived": links.outlet(d.article_id),
            "share": d.share,
            "url": links.paths.reuse_url(d.article_id, d.from_article_id),
        }
        for d in sa.derivations
        if id(d) in kept
    ]
    return {"derivations": rows, "more_derived": len(copies) - len(copies[:MAX_SHARE_ROWS])}


def _sentence_marks(analysis: ArticleAnalysis, support: ArticleSupport, links: StoryLinks) -> list[Mark]:
    """A mark per sentence: a shared one names who else reports it in its tooltip (a few outlets, the rest
    counted); a unique one has no tooltip (the legend says what a dotted sentence is)."""
    marks = []
    for s in analysis.sentences:
        found = support.sentences[s.index]
        best_first = list(dict.fromkeys(links.outlet(link.target.article_id) for link in found.links))
        others = sorted(best_first[:MAX_TOOLTIP_OUTLETS])
        hidden = sum(1 for link in found.links if links.outlet(link.target.article_id) not in others)
        extra = found.more + hidden
        more = f"; and {extra} more {'article' if extra == 1 else 'articles'}" if extra else ""
        attrs: tuple[tuple[str, str], ...] = (("id", f"s{s.index}"), ("class", "sentence unique"))
        if others:
            title = f"{'; '.join(others)}{more}"  # the legend says what the names are
            attrs = (("id", f"s{s.index}"), ("class", "sentence shared"), ("title", title))
        marks.append(Mark(s.start, s.end, "span", attrs))
    return marks


def _quote_marks(analysis: ArticleAnalysis, sa: StoryAnalysis, paths: SitePaths) -> list[tuple[Mark, bool]]:
    """A highlight per quotation (offsets into the text, or into the headline for headline quotes)."""
    row_of = {o.quote.id: r for r in sa.quote_table.rows + sa.quote_table.fragments for o in r.occurrences}
    marks = []
    for q in analysis.quotes:
        row = row_of.get(q.id)
        speaker = (row.speaker if row else q.speaker) or "unknown speaker"
        kind = "quote fragment" if q.kind == "fragment" else "quote"
        attrs = (
            ("id", paths.quote_anchor(q.id)),
            ("class", kind),
            ("data-speaker", speaker),
        )
        marks.append((Mark(q.start, q.end, "mark", attrs, rank=1), q.in_headline))
    return marks


def paragraph_nodes(article: Article, marks: list[Mark]) -> list[dict]:
    """Each paragraph as an anchor id and a node tree; marks have offsets into the article's text."""
    out = []
    for p_index, (base, paragraph) in enumerate(zip(_paragraph_starts(article), article.paragraphs, strict=True)):
        local = [
            Mark(m.start - base, min(m.end, base + len(paragraph)) - base, m.tag, m.attrs, m.rank)
            for m in marks
            if base <= m.start < base + len(paragraph)
        ]
        out.append({"id": f"p{p_index}", "nodes": annotate(paragraph, local)})
    return out


def _paragraph_starts(article: Article) -> list[int]:
    starts, pos = [], 0
    for paragraph in article.paragraphs:
        starts.append(pos)
        pos += len(paragraph) + 2
    return starts


def skipped_view(digest: Digest) -> dict[str, Any]:
    """Files that did not become articles, with reasons."""
    return {
        "skipped": [
            {"source_file": shown(s.source_file), "record": s.record and shown(s.record), "reason": shown(s.reason)}
            for s in digest.skipped
        ]
    }


__all__ = ["Node", "article_card", "article_view", "paragraph_nodes", "skipped_view", "story_view"]
