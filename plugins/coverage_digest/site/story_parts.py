"""A big story's page stays within the page budget and readable: long tables show their first rows on the story page
and every row on numbered part pages; long lists inside one row show their first items and say how many more there
are and where they all are; tables with an outlet per column fold into totals when there are too many outlets.

What is cut is never lost: every row is on a part page, every list item in `digest.json` and the CSV files.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..digest import StoryDocument
from ..story.analyse import StoryAnalysis
from ..story.figures import FigureGroup
from .paths import SitePaths

# Rows a table shows on the story page itself, and rows per part page when the table is longer than that.
ON_STORY_PAGE = {"sources": 25, "quotes": 15, "fragments": 15, "figures": 12, "pairs": 20, "claims": 15}
PER_PART_PAGE = {"sources": 200, "quotes": 60, "fragments": 150, "figures": 60, "pairs": 200, "claims": 100}
PART_TITLES = {
    "sources": "The sources",
    "quotes": "Quotes: who said what, and who carried it",
    "fragments": "Fragments and scare quotes",
    "figures": "Numbers",
    "pairs": "Who copied or rewrote whom",
    "claims": "Only in one outlet",
}
PART_WHAT = {
    "sources": "sources",
    "quotes": "quotes",
    "fragments": "fragments",
    "figures": "figure groups",
    "pairs": "derived articles",
    "claims": "sentences",
}
LIST_SHOWN = 12  # items of a list inside one row (citations, outlets printing a quote, figures) shown on a page
MAX_DISAGREEMENTS = 12
MAX_DISTINCTIVE = 30
MAX_COLUMNS = 12  # outlets as the columns of a table or a heat map (more are unreadable): per-row totals instead
MAX_BARS = 25  # outlets as the bars of a chart (as many as the table shows on the page); more: the table alone
MAX_SPEAKER_ROWS = 15  # speakers of the "who is quoted by whom" heat map and table: the most quoted; the CSV has all


def shown_figure_groups(sa: StoryAnalysis) -> list[FigureGroup]:
    """The figure groups the page lists: those reported by more than one article, or flagged."""
    return [g for g in sa.figure_groups if len(g.article_ids) > 1 or g.flag != "single"]


def table_sizes(doc: StoryDocument) -> dict[str, int]:
    """Rows of each long table of a story: what the page cuts and the part pages hold (one count for both)."""
    sa = doc.analysis
    return {
        "sources": len(doc.story.article_ids),
        "quotes": len(doc.quotes),
        "fragments": len(doc.fragments),
        "figures": len(shown_figure_groups(sa)),
        "pairs": len(sa.derivations),
        "claims": len(sa.summary.single_outlet),
    }


def part_pages(doc: StoryDocument) -> list[tuple[str, int]]:
    """(table, page number from 1) of every part page a story has: only tables longer than the story page shows."""
    out = []
    for kind, total in table_sizes(doc).items():
        if total > ON_STORY_PAGE[kind]:
            out += [(kind, n) for n in range(1, -(-total // PER_PART_PAGE[kind]) + 1)]
    return out


@dataclass(frozen=True, slots=True)
class Cut:
    """How much of a long table one page shows."""

    kind: str
    total: int
    start: int
    stop: int

    @property
    def cut(self) -> bool:
        return self.stop - self.start < self.total


def story_page_cut(kind: str, total: int) -> Cut:
    return Cut(kind, total, 0, min(total, ON_STORY_PAGE[kind]))


def part_cut(kind: str, total: int, number: int) -> Cut:
    per = PER_PART_PAGE[kind]
    return Cut(kind, total, (number - 1) * per, min(total, number * per))


def part_nav(doc: StoryDocument, cut: Cut, paths: SitePaths, current: int | None = None) -> dict[str, Any]:
    """What a page says about a cut table: which rows it shows and links to every part page of it."""
    pages = [] if cut.total <= ON_STORY_PAGE[cut.kind] else part_pages_of(doc, cut.kind, paths)
    return {
        "total": cut.total,
        "first": cut.start + 1,
        "last": cut.stop,
        "cut": cut.cut,
        "pages": [{**p, "current": p["number"] == current} for p in pages],
    }


def part_pages_of(doc: StoryDocument, kind: str, paths: SitePaths) -> list[dict[str, Any]]:
    total, per = table_sizes(doc)[kind], PER_PART_PAGE[kind]
    return [
        {
            "number": n,
            "url": paths.story_part_url(doc.story.id, kind, n),
            "first": (n - 1) * per + 1,
            "last": min(total, n * per),
        }
        for n in range(1, -(-total // per) + 1)
    ]


def row_page_url(doc: StoryDocument, kind: str, position: int, paths: SitePaths) -> str:
    """The page that shows row `position` (from 0) of a long table: the story page, or the part page holding it."""
    if position < ON_STORY_PAGE[kind] or table_sizes(doc)[kind] <= ON_STORY_PAGE[kind]:
        return paths.story_url(doc.story.id)
    return paths.story_part_url(doc.story.id, kind, position // PER_PART_PAGE[kind] + 1)


def first(items: Sequence[Any], shown: int = LIST_SHOWN) -> tuple[list[Any], int]:
    """The items a page lists and how many it leaves out."""
    return list(items[:shown]), max(0, len(items) - shown)


def fold_columns(columns: list[str], rows: list[dict[str, Any]], what: str) -> tuple[list[str], list[dict], bool]:
    """A table with one column per outlet, folded into two totals per row when the outlets are too many to read:
    how many articles have the row's item, and how often it occurs in all of them."""
    if len(columns) <= MAX_COLUMNS:
        return columns, rows, False
    folded = []
    for row in rows:
        counts = [c["count"] if isinstance(c, dict) else c for c in row["cells"]]
        folded.append({**row, "cells": [sum(1 for c in counts if c), sum(counts)]})
    return ["Articles", what], folded, True
