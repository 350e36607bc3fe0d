"""OutletDocument -> the outlet page and the list of outlets (the template boundary: presentation data only)."""

from __future__ import annotations

from typing import Any

from ..digest import NOT_CODED, Digest, OutletDocument, OutletLink, StoryDocument, distributions
from ..read.dates import readable_date, sort_key
from ..read.outlet_coding import FIELDS, OutletCoding
from ..records import Article
from .paths import SitePaths

MAX_OUTLET_QUOTES = 60  # quotes an outlet page lists; digest.json has every one
OUTLET_ARTICLES_PER_PAGE = 100  # articles an outlet page lists, newest first; the rest on its part pages


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
            "coding": {v.field: v.value for v in o.coding.values} if o.coding else {},
        }
        for o in digest.outlets
    ]
    rows.sort(key=lambda r: (-r["articles"], r["name"].casefold()))
    unidentified = sum(doc.unidentified for doc in digest.documents)
    fields = [f for f in FIELDS if any(f in r["coding"] for r in rows)]
    return {
        "outlets": rows,
        "unidentified": unidentified,
        "fields": [{"key": f, "label": LABELS[f]} for f in fields],
        "coding_file": digest.coding_file,
    }


def outlet_page_count(outlet: OutletDocument) -> int:
    """How many pages an outlet's list of articles takes (its page, then part pages of older articles)."""
    return max(1, -(-len(outlet.article_ids) // OUTLET_ARTICLES_PER_PAGE))


def outlet_view(
    outlet: OutletDocument,
    documents: dict[str, StoryDocument],
    paths: SitePaths,
    coding_file: str | None = None,
    page: int = 1,
) -> dict[str, Any]:
    """One outlet's page: its articles by date, how often it was first, its quotes, whose text it reuses. Page 2 and
    on list only older articles, OUTLET_ARTICLES_PER_PAGE a page, each page linking to every other."""
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
    start, stop = (page - 1) * OUTLET_ARTICLES_PER_PAGE, min(len(articles), page * OUTLET_ARTICLES_PER_PAGE)
    pages = [
        {
            "number": n,
            "url": paths.outlet_page_url(outlet.name, n),
            "first": (n - 1) * OUTLET_ARTICLES_PER_PAGE + 1,
            "last": min(len(articles), n * OUTLET_ARTICLES_PER_PAGE),
            "current": n == page,
        }
        for n in range(1, outlet_page_count(outlet) + 1)
    ]
    return {
        "name": outlet.name,
        "url": paths.outlet_url(outlet.name),
        "page": page,
        "articles": articles[start:stop],
        "article_count": len(articles),
        "nav": {"total": len(articles), "first": start + 1, "last": stop, "cut": len(pages) > 1, "pages": pages},
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
        "coding": coding_rows(outlet.coding),
        "coding_file": coding_file,
    }


LABELS = {"owner": "Owner", "country": "Country", "type": "Type", "lean": "Lean (on your scale)"}


def coding_rows(coding: OutletCoding | None) -> list[dict[str, Any]]:
    """The user's coding of an outlet as labelled values with their sources."""
    if coding is None:
        return []
    return [{"field": v.field, "label": LABELS[v.field], "value": v.value, "source": v.source} for v in coding.values]


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
    return {
        "outlet": x.outlet,
        "url": paths.outlet_url(x.outlet) if x.outlet else None,
        "articles": x.articles,
        "share": x.share,
    }


def distribution_section(doc: StoryDocument, outlets: tuple[OutletDocument, ...]) -> list[dict[str, Any]]:
    """Per coded field, how the story's sources spread over its values (a bar and its legend), and its blind spots:
    values coded for some outlet of the digest that no source of this story has."""
    out = []
    for d in distributions(doc, outlets):
        total = sum(n for _, n in d.counts)
        coded = sum(n for v, n in d.counts if v != NOT_CODED)
        segments, x = [], 0.0
        for value, n in d.counts:
            width = 100 * n / total
            kind = "none" if value == NOT_CODED else str(d.values.index(value) % 6)
            segments.append({"value": value, "count": n, "x": round(x, 2), "width": round(width, 2), "kind": kind})
            x += width
        summary = ", ".join(f"{value}: {n}" for value, n in d.counts)
        out.append(
            {
                "field": d.field,
                "label": LABELS[d.field],
                "segments": segments,
                "summary": f"{LABELS[d.field]} of the {total} sources: {summary}",
                "missing": list(d.missing),
                "coded": coded,
                "total": total,
            }
        )
    return out
