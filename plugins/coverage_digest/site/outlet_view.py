"""OutletDocument -> the outlet page and the list of outlets (the template boundary: presentation data only)."""

from __future__ import annotations

from typing import Any

from ..digest import Digest, OutletDocument, OutletLink, StoryDocument
from ..read.dates import readable_date, sort_key
from ..records import Article
from .paths import SitePaths

MAX_OUTLET_QUOTES = 150  # quotes an outlet page lists; digest.json has every one


def outlets_view(digest: Digest, paths: SitePaths) -> dict[str, Any]:
    """The list of outlets, most articles first: the index's filter by outlet that needs no script."""
    rows: list[dict[str, Any]] = [
        {
            "name": o.name,
            "url": paths.outlet_url(o.name),
            "articles": len(o.article_ids),
            "stories": len(o.story_ids),
            "quotes": len(o.quotes),
            "first": o.first,
            "contested": o.contested,
            "derived_share": o.derived_share,
        }
        for o in digest.outlets
    ]
    rows.sort(key=lambda r: (-r["articles"], r["name"].casefold()))
    unidentified = sum(doc.unidentified for doc in digest.documents)
    return {"outlets": rows, "unidentified": unidentified}


def outlet_view(outlet: OutletDocument, documents: dict[str, StoryDocument], paths: SitePaths) -> dict[str, Any]:
    """One outlet's page: its articles by date, how often it was first, its quotes, whose text it reuses."""
    mine = set(outlet.article_ids)
    articles = []
    for story_id in outlet.story_ids:
        doc = documents[story_id]
        first = set(doc.first)
        for a in doc.articles:
            if a.id in mine:
                articles.append(_article_row(a, doc, paths, a.id in first))
    articles.sort(key=lambda r: sort_key(r["published"])[1], reverse=True)
    articles.sort(key=lambda r: sort_key(r["published"])[0])  # undated last
    quotes = [_quote_row(documents[sid], rid, mine, paths) for sid, rid in outlet.quotes[:MAX_OUTLET_QUOTES]]
    return {
        "name": outlet.name,
        "url": paths.outlet_url(outlet.name),
        "articles": articles,
        "story_count": len(outlet.story_ids),
        "quote_count": len(outlet.quotes),
        "more_quotes": max(0, len(outlet.quotes) - MAX_OUTLET_QUOTES),
        "reworded": outlet.reworded,
        "quotes": quotes,
        "first": outlet.first,
        "contested": outlet.contested,
        "derived_share": outlet.derived_share,
        "derives_from": [_link(x, paths) for x in outlet.derives_from],
        "derived_by": [_link(x, paths) for x in outlet.derived_by],
        "coding": [],
        "coding_file": None,
    }


def _article_row(a: Article, doc: StoryDocument, paths: SitePaths, first: bool) -> dict[str, Any]:
    return {
        "headline": a.headline,
        "url": paths.article_url(a.id),
        "published": a.published,
        "published_shown": readable_date(a.published),
        "captured": a.captured,
        "story": {"title": doc.story.title, "url": paths.story_url(doc.story.id), "sources": doc.counts.sources},
        "first": first and sum(e.basis == "published" for e in doc.timeline) > 1,
        "quotes": doc.carried.get(a.id, 0),
    }


def _quote_row(doc: StoryDocument, row_id: str, mine: set[str], paths: SitePaths) -> dict[str, Any]:
    row = next(r for r in doc.quotes if r.id == row_id)
    own = next(o for o in row.occurrences if o.quote.article_id in mine)
    anchor = paths.quote_anchor(own.quote.id)
    return {
        "text": own.quote.text,
        "speaker": own.speaker or row.speaker,
        "match": own.match,
        "outlets": len({o.quote.article_id for o in row.occurrences}),
        "url": paths.article_url(own.quote.article_id) + f"#{anchor}",
        "story": {"title": doc.story.title, "url": paths.story_url(doc.story.id)},
    }


def _link(x: OutletLink, paths: SitePaths) -> dict[str, Any]:
    return {"outlet": x.outlet, "url": paths.outlet_url(x.outlet), "articles": x.articles, "share": x.share}
