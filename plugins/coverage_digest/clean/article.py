"""Raw articles -> clean articles: site furniture removed (and kept in `removed`), outlet inferred or given."""

from __future__ import annotations

from ..records import Article, RawArticle
from .furniture import furniture_kind
from .outlet import choose_outlet, find_clues, outlet_from_url

# Furniture sits around an article: before its first sentence or after its last; a short run of it may also interrupt
# the text (a "READ MORE" box between paragraphs). Widget-like rules apply anywhere; the rest need an edge position.
_ANYWHERE = {"share widget", "read-more prompt", "subscribe prompt", "comment prompt", "navigation", "stray counter"}


def clean_article(raw: RawArticle) -> Article:
    """Remove furniture paragraphs, infer the outlet, and apply what the user gave (which always wins)."""
    keep, removed = split_furniture(raw.paragraphs)
    headline = raw.headline
    if headline and not raw.given.headline and furniture_kind(headline) is not None:
        # a first line such as "Exit mobile version" is the page's furniture, not a headline: the file has none
        removed = (headline, *removed)
        headline = None
    inferred, republisher, evidence = choose_outlet(find_clues(removed, keep[0] if keep else None))
    given, found = raw.given, raw.found
    url = given.url or found.url
    domain = outlet_from_url(url) if not (given.outlet or found.outlet or inferred) else None
    outlet = given.outlet or found.outlet or inferred or domain
    if given.outlet:
        evidence = "given by the user"
    elif found.outlet:
        evidence = "the page's own metadata"
    elif domain:
        evidence = f"the article's address: {url}"
    return Article(
        id=raw.id,
        source_file=raw.source_file,
        kind=raw.kind,
        headline=headline,
        paragraphs=keep,
        removed=removed,
        outlet=outlet,
        outlet_evidence=evidence if outlet else None,
        republisher=given.republisher or (republisher if not given.outlet else None),
        byline=given.byline or found.byline,
        published=given.published or found.published,
        url=url,
        record=raw.record,
        captured=given.captured or found.captured,
    )


def split_furniture(paragraphs: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Return (kept paragraphs, removed paragraphs), both in their original order."""
    kinds = [furniture_kind(p) for p in paragraphs]
    first = next((i for i, k in enumerate(kinds) if k is None), len(kinds))
    last = max((i for i, k in enumerate(kinds) if k is None), default=-1)
    keep: list[str] = []
    removed: list[str] = []
    for i, (paragraph, kind) in enumerate(zip(paragraphs, kinds, strict=True)):
        at_edge = i < first or i > last
        if kind is not None and (at_edge or kind in _ANYWHERE):
            removed.append(paragraph)
        else:
            keep.append(paragraph)
    return tuple(keep), tuple(removed)
