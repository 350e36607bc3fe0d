"""The index at a month's scale: a compact table of stories, each sort order its own static pages, paginated as
Pelican paginates (index.html, index2.html, ...), so that it works without script; and the rows of every story as
data for the script that sorts and filters them all in the browser."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from ..digest import Digest, StoryDocument
from ..read.dates import sort_key
from .paths import INDEX_ORDERS, SitePaths

ORDER_LABELS = {"recent": "Most recent", "sources": "Most sources", "title": "Title"}
MAX_ROW_OUTLETS = 4  # outlet names a row shows; the rest as "+N" (the story page lists them all)
STORIES_DATA = "stories.js"  # every story's row, for the script (beside the search index's files)


def story_row(doc: StoryDocument, paths: SitePaths) -> dict[str, Any]:
    """One story as a line of the index."""
    c = doc.counts
    named = [{"name": o, "url": paths.outlet_url(o)} for o in doc.named_outlets]
    flags = [  # short words on the index (its legend says what each means); the story page says it in full
        (c.conflicts, "conflict", "conflict", "conflicts"),
        (c.disputed, "disputed", "disputed", "disputed"),
        (c.altered, "altered", "altered", "altered"),
    ]
    return {
        "id": doc.story.id,
        "title": doc.story.title,
        "url": paths.story_url(doc.story.id),
        "sources": c.sources,
        "outlet_count": c.outlets,
        "outlets": named[:MAX_ROW_OUTLETS],
        "more_outlets": max(0, len(named) - MAX_ROW_OUTLETS),
        "all_outlets": doc.named_outlets,
        "unidentified": doc.unidentified,
        "dates": doc.dates,
        "span": date_span(*doc.dates),
        "latest": doc.updated,
        "quotes": c.quotes,
        "flags": [{"kind": kind, "count": n, "label": one if n == 1 else many} for n, kind, one, many in flags if n],
    }


def date_span(first: str | None, last: str | None) -> str | None:
    """A story's days, short: "2024-05-03", "2024-05-03 – 05", "2024-05-30 – 06-02", "2023-12-30 – 2024-01-02"."""
    if not first or not last or first == last:
        return first
    if first[:7] == last[:7]:
        return f"{first} – {last[8:]}"
    return f"{first} – {last[5:]}" if first[:4] == last[:4] else f"{first} – {last}"


def ordered(rows: list[dict[str, Any]], order: str) -> list[dict[str, Any]]:
    """The rows in one of the index's orders (ties broken the same way every build)."""
    if order == "title":
        return sorted(rows, key=lambda r: (r["title"].casefold(), r["id"]))
    by_title = sorted(rows, key=lambda r: (r["title"].casefold(), r["id"]))
    by_sources = sorted(by_title, key=lambda r: -r["sources"])
    newest = sorted(by_sources, key=lambda r: sort_key(r["latest"])[1], reverse=True)  # stable: ties by sources
    recent = [r for r in newest if r["latest"]] + [r for r in newest if not r["latest"]]
    return sorted(recent, key=lambda r: -r["sources"]) if order == "sources" else recent


def index_pages(digest: Digest, paths: SitePaths) -> Iterator[tuple[str, dict[str, Any]]]:
    """(save_as, what the index template receives) of every page of every sort order."""
    rows = [story_row(doc, paths) for doc in digest.documents]
    per = paths.per_page
    count = paths.index_pages(len(rows))
    for order in INDEX_ORDERS:
        listed = ordered(rows, order)
        for number in range(1, count + 1):
            chunk = listed[(number - 1) * per : number * per]
            yield paths.index_page(order, number), _page(digest, paths, order, number, count, chunk)


def _page(
    digest: Digest, paths: SitePaths, order: str, number: int, count: int, rows: list[dict[str, Any]]
) -> dict[str, Any]:
    per = paths.per_page
    return {
        "stories": rows,
        "story_count": len(digest.documents),
        "article_count": len(digest.articles),
        "outlet_count": len(digest.outlets),
        "unidentified": sum(doc.unidentified for doc in digest.documents),
        "skipped_count": len(digest.skipped),
        "order": order,
        "orders": [
            {"key": o, "label": ORDER_LABELS[o], "url": paths.index_page(o), "current": o == order}
            for o in INDEX_ORDERS
        ],
        "page": {
            "number": number,
            "count": count,
            "first_row": (number - 1) * per + 1,
            "last_row": (number - 1) * per + len(rows),
            "previous": paths.index_page(order, number - 1) if number > 1 else None,
            "next": paths.index_page(order, number + 1) if number < count else None,
            "links": [{"number": n, "url": paths.index_page(order, n)} for n in range(1, count + 1)],
        },
        "data_file": paths.search_file(STORIES_DATA),
    }


def stories_data(digest: Digest, paths: SitePaths) -> str:
    """Every story's row for the index's script, as a script file (so it loads from file:// too): outlets by
    number into one list, to keep the file small at a month's scale."""
    rows = [story_row(doc, paths) for doc in digest.documents]
    outlets = sorted({o for r in rows for o in r["all_outlets"]})
    number = {o: i for i, o in enumerate(outlets)}
    data = {
        "outlets": outlets,
        "outlet_urls": [paths.outlet_url(o) for o in outlets],
        "columns": ["title", "url", "first", "last", "latest", "sources", "quotes", "outlets", "unidentified", "flags"],
        "rows": [
            [
                r["title"],
                r["url"],
                r["dates"][0],
                r["dates"][1],
                r["latest"],
                r["sources"],
                r["quotes"],
                [number[o] for o in r["all_outlets"]],
                r["unidentified"],
                [[f["kind"], f["count"], f["label"]] for f in r["flags"]],
            ]
            for r in ordered(rows, "recent")
        ],
    }
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    return f'window.CoverageDigestSearch.add("stories",{text});\n'
