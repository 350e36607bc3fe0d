"""The story's timeline (story/timeline.py) -> what the story page's timeline section shows."""

from __future__ import annotations

from typing import Any

from ..digest import StoryDocument
from ..read.dates import readable_date
from .story_view import StoryLinks

MAX_ADDED = 8  # quotes (and figures) listed per article; the count says how many more
MIN_QUIET_RUN = 3  # consecutive articles adding nothing that are shown as one entry


def timeline_section(doc: StoryDocument, links: StoryLinks) -> dict[str, Any]:
    """Who published when, the first report marked, what each later article added (new quotes, new figures)."""
    if not doc.timeline:
        return {"entries": [], "dated": 0, "captured": 0, "undated": 0, "direction_by_date": 0}
    rows = {row.id: row for row in doc.quotes}
    groups: dict[str, list] = {}  # a key may name several groups (one per value cluster): the article's is one
    for g in doc.analysis.figure_groups:
        groups.setdefault(g.key, []).append(g)
    sources: dict[str, list[str]] = {}
    for d in doc.analysis.derivations:
        sources.setdefault(d.article_id, []).append(links.outlet(d.from_article_id))
    entries = []
    for e in doc.timeline:
        quotes = []
        for key in e.new_quotes[:MAX_ADDED]:
            row = rows[key]
            own = next(o for o in row.occurrences if o.quote.article_id == e.article_id)
            quotes.append(
                {
                    "text": row.text,
                    "speaker": row.speaker,
                    "url": links.to(e.article_id, links.paths.quote_anchor(own.quote.id)),
                }
            )
        figures = []
        for key in e.new_figures[:MAX_ADDED]:
            group, figure = next((g, f) for g in groups[key] for f in g.figures if f.article_id == e.article_id)
            figures.append(
                {"label": group.label, "text": figure.text, "url": links.to(e.article_id, f"s{figure.sentence}")}
            )
        entries.append(
            {
                "outlet": links.outlet(e.article_id),
                "url": links.to(e.article_id),
                "date": e.date,
                "shown": readable_date(e.date),
                "basis": e.basis,
                "first": e.first,
                "quotes": quotes,
                "more_quotes": max(0, len(e.new_quotes) - MAX_ADDED),
                "figures": figures,
                "more_figures": max(0, len(e.new_figures) - MAX_ADDED),
                "derives_from": sorted(set(sources.get(e.article_id, ()))),
            }
        )
    return {
        "entries": _fold_quiet(entries),
        "dated": sum(e.basis == "published" for e in doc.timeline),
        "captured": sum(e.basis == "captured" for e in doc.timeline),
        "undated": sum(e.basis is None for e in doc.timeline),
        "direction_by_date": sum(d.direction == "published" for d in doc.analysis.derivations),
    }


def _fold_quiet(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Runs of MIN_QUIET_RUN or more dated articles that add nothing (no new quote or figure, not first) become one
    entry naming them: a story of 300 sources keeps a timeline a reader can scan."""
    out: list[dict[str, Any]] = []
    run: list[dict[str, Any]] = []

    def flush() -> None:
        if len(run) >= MIN_QUIET_RUN:
            out.append(
                {"quiet": True, "articles": list(run), "first_date": run[0]["shown"], "last_date": run[-1]["shown"]}
            )
        else:
            out.extend(run)
        run.clear()

    for e in entries:
        quiet = not (e["first"] or e["quotes"] or e["figures"]) and e["basis"] == "published"
        if quiet:
            run.append(e)
            continue
        flush()
        out.append(e)
    flush()
    return [e if e.get("quiet") else {**e, "quiet": False} for e in out]
