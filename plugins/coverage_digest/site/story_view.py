"""StoryAnalysis -> the story page's sections, as plain dicts in the order a reader needs them (see PAGES.md)."""

from __future__ import annotations

from collections import Counter
from typing import Any

from markupsafe import Markup

from ..digest import StoryDocument
from ..records import Article
from ..story.analyse import StoryAnalysis
from ..story.figures import FigureGroup
from ..story.quote_match import QuoteRow
from ..story.reuse import Derivation
from ..story.summary import Claim
from .charts import Bar, bar_chart, heatmap
from .paths import SitePaths
from .story_parts import (
    LIST_SHOWN,
    MAX_BARS,
    MAX_COLUMNS,
    MAX_DISAGREEMENTS,
    MAX_DISTINCTIVE,
    MAX_SPEAKER_ROWS,
    first,
    fold_columns,
    shown_figure_groups,
)

MAX_MATRIX_ARTICLES = MAX_COLUMNS


class StoryLinks:
    """Links from a story page to places in its articles' pages."""

    def __init__(self, articles: dict[str, Article], paths: SitePaths, analyses: dict | None = None) -> None:
        self.articles, self.paths, self.analyses = articles, paths, analyses or {}

    def sentence(self, article_id: str, index: int) -> dict[str, str]:
        """One sentence of an article, with its outlet and a link to it."""
        sentences = self.analyses[article_id].sentences if article_id in self.analyses else ()
        text = sentences[index].text if index < len(sentences) else ""
        return {"outlet": self.outlet(article_id), "text": text, "url": self.to(article_id, f"s{index}")}

    def outlet(self, article_id: str) -> str:
        return self.articles[article_id].display_outlet

    def short(self, article_id: str) -> str:
        """A short name for charts: the outlet, or the file name of an unidentified source."""
        article = self.articles[article_id]
        return article.outlet or article.location

    def to(self, article_id: str, anchor: str = "") -> str:
        return self.paths.article_url(article_id) + (f"#{anchor}" if anchor else "")

    def evidence(self, d: Derivation) -> list[str]:
        """A derivation's direction notes name articles by id; a reader knows them by outlet."""
        return [
            note.replace(d.article_id, self.outlet(d.article_id)).replace(
                d.from_article_id, self.outlet(d.from_article_id)
            )
            for note in d.direction_evidence
        ]

    def cite(self, article_id: str, sentence: int) -> dict[str, str]:
        return {"outlet": self.outlet(article_id), "url": self.to(article_id, f"s{sentence}"), "id": article_id}


def summary_section(sa: StoryAnalysis, links: StoryLinks) -> list[dict[str, Any]]:
    """Each summary sentence with a citation per article that reports it, linking to that article's sentence."""
    out = []
    for s in sa.summary.sentences:
        cited, more = first(s.citations)
        out.append({"text": s.text, "citations": [links.cite(c.article_id, c.index) for c in cited], "more": more})
    return out


def quotes_section(doc: StoryDocument, links: StoryLinks) -> dict[str, Any]:
    """The quote table, fragments apart, and the speaker x outlet counts."""
    return {
        "rows": [quote_row(r, links) for r in doc.quotes],
        "fragments": [quote_row(r, links) for r in doc.fragments],
        "matrix": _speaker_matrix(doc, links),
    }


def quote_row(row: QuoteRow, links: StoryLinks) -> dict[str, Any]:
    occurrences = row.occurrences
    if len(occurrences) > LIST_SHOWN:  # the outlets that changed it first: the verbatim copies are counted
        occurrences = tuple(sorted(occurrences, key=lambda o: o.match == "verbatim" and _unchanged(o.diff)))
    shown, more = first(occurrences)
    return {
        "id": row.id,
        "text": row.text,
        "speaker": row.speaker,
        "roles": list(row.roles),
        "flags": list(row.flags),
        "outlets": len(row.article_ids),
        "occurrences": [
            {
                "outlet": links.outlet(o.quote.article_id),
                "url": links.to(o.quote.article_id, links.paths.quote_anchor(o.quote.id)),
                "match": o.match,
                "as_written": o.quote.speaker_as_written,
                "relay": o.quote.relay,
                "speaker": o.speaker,
                "in_headline": o.quote.in_headline,
                "diff": [{"op": op, "text": text} for op, text in o.diff],
                "changed": not _unchanged(o.diff),
            }
            for o in shown
        ],
        "more_occurrences": more,
    }


def _unchanged(diff: tuple[tuple[str, str], ...]) -> bool:
    return all(op == "equal" for op, _ in diff)


def _speaker_matrix(doc: StoryDocument, links: StoryLinks) -> dict[str, Any]:
    counts: Counter[tuple[str, str]] = Counter()
    for row in doc.quotes:
        for o in row.occurrences:
            counts[(row.speaker or "Unknown speaker", o.quote.article_id)] += 1
    speakers = sorted({s for s, _ in counts}, key=lambda s: (-sum(v for (x, _), v in counts.items() if x == s), s))
    ids = list(doc.story.article_ids)
    peak = max(counts.values(), default=1)
    rows = [
        {"speaker": s, "cells": [{"count": counts[(s, i)], "level": round(4 * counts[(s, i)] / peak)} for i in ids]}
        for s in speakers
    ]
    more = max(0, len(rows) - MAX_SPEAKER_ROWS)
    rows = rows[:MAX_SPEAKER_ROWS]
    columns, rows, folded = fold_columns([links.outlet(i) for i in ids], rows, "Quotes")
    if folded:
        rows = [{**r, "cells": [{"count": c, "level": 0} for c in r["cells"]]} for r in rows]
    return {
        "columns": columns,
        "short_columns": columns if folded else [links.short(i) for i in ids],
        "rows": rows,
        "folded": folded,
        "more": more,
    }


def differences_section(sa: StoryAnalysis, links: StoryLinks) -> dict[str, Any]:
    """Where the outlets differ: figures, sentences that disagree, headlines, word choice, single-outlet claims."""
    disagreements, more_disagreements = first(sa.summary.disagreements, MAX_DISAGREEMENTS)
    distinctive, more_distinctive = first(sa.wording.distinctive, MAX_DISTINCTIVE)
    return {
        "disagreements": [
            {
                "kind": d.kind,
                "detail": d.detail,
                "a": links.sentence(d.a.article_id, d.a.index),
                "b": links.sentence(d.b.article_id, d.b.index),
            }
            for d in disagreements
        ],
        "more_disagreements": more_disagreements,
        "figures": [figure_row(g, links) for g in shown_figure_groups(sa)],
        "single_figures": sum(1 for g in sa.figure_groups if g.flag == "single" and len(g.article_ids) == 1),
        "headlines": [
            {"outlet": links.outlet(i), "headline": links.articles[i].headline, "url": links.to(i)}
            for i in sa.story.article_ids
        ],
        "wording": _wording(sa),
        "distinctive": [{"outlet": d.outlet, "term": d.term, "count": d.count} for d in distinctive],
        "more_distinctive": more_distinctive,
        "single_outlet": [claim_row(c, links) for c in sa.summary.single_outlet],
    }


def figure_row(g: FigureGroup, links: StoryLinks) -> dict[str, Any]:
    shown, more = first(g.figures)
    return {
        "label": g.label,
        "flag": g.flag,
        "figures": [
            {"outlet": links.outlet(f.article_id), "text": f.text, "url": links.to(f.article_id, f"s{f.sentence}")}
            for f in shown
        ],
        "more": more,
    }


def claim_row(c: Claim, links: StoryLinks) -> dict[str, Any]:
    return {"outlet": links.outlet(c.article_id), "text": c.text, "url": links.to(c.article_id, f"s{c.index}")}


def _wording(sa: StoryAnalysis) -> dict[str, Any]:
    outlets = list(sa.wording.outlets)
    columns, families = outlets, []
    for family in sa.wording.families:
        if not family.varied:
            continue
        table = {(u.term, u.outlet): u.count for u in family.uses}
        terms = [{"term": t, "cells": [table.get((t, o), 0) for o in outlets]} for t in family.terms]
        columns, terms, _ = fold_columns(outlets, terms, "Uses")
        families.append({"name": family.name, "terms": terms})
    return {"outlets": columns, "families": families, "folded": len(outlets) > MAX_COLUMNS}


def reuse_section(sa: StoryAnalysis, links: StoryLinks) -> dict[str, Any]:
    """Who copied or rewrote whom: an outlet x outlet matrix of derived shares and the derived pairs."""
    involved = {i for d in sa.derivations for i in (d.article_id, d.from_article_id)}
    ids = [i for i in sa.story.article_ids if i in involved]
    if len(ids) > MAX_MATRIX_ARTICLES:  # a 300 x 300 matrix helps no reader; the pairs list and digest.json stay
        ids = []
    share = {(d.article_id, d.from_article_id): d.share for d in sa.derivations}
    return {
        "matrix_left_out": len(involved) if not ids else 0,
        "columns": [links.outlet(i) for i in ids],
        "short_columns": [links.short(i) for i in ids],
        "rows": [
            {"outlet": links.outlet(i), "short": links.short(i), "cells": [share.get((i, j)) for j in ids]} for i in ids
        ],
        "pairs": [
            {
                "derived": links.outlet(d.article_id),
                "source": links.outlet(d.from_article_id),
                "share": d.share,
                "verbatim_share": d.verbatim_share,
                "direction": d.direction,
                "evidence": links.evidence(d),
                "url": links.paths.reuse_url(d.article_id, d.from_article_id),
            }
            for d in sa.derivations
        ],
    }


def glance_section(doc: StoryDocument, links: StoryLinks) -> list[dict[str, Any]]:
    """Per outlet: length, quotes carried, sentences found nowhere else, share derived from another outlet."""
    derived = {d.article_id: max(d.share, 0.0) for d in doc.analysis.derivations}
    rows = []
    for item in doc.analysis.support.articles:
        article = links.articles[item.article_id]
        rows.append(
            {
                "outlet": article.display_outlet,
                "short": links.short(article.id),
                "url": links.to(article.id),
                "words": len(article.text.split()),
                "quotes": doc.carried[article.id],
                "unique": len(item.unique),
                "sentences": len(item.sentences),
                "derived": derived.get(article.id, 0.0),
            }
        )
    return rows


def glance_charts(glance: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The "At a glance" figures as four small bar charts (the table below them holds the same numbers); none when
    there are more outlets than a chart can show legibly."""
    if len(glance) > MAX_BARS:
        return []
    measures = [
        ("words", "Length in words", lambda g: (g["words"], f"{g['words']:,}"), None),
        ("quotes", "Quotes carried", lambda g: (g["quotes"], str(g["quotes"])), None),
        (
            "unique",
            "Sentences no other outlet has",
            lambda g: (g["unique"], f"{g['unique']} of {g['sentences']}"),
            None,
        ),
        ("derived", "Share derived from another outlet", _derived_bar, 100.0),
    ]
    return [
        {
            "title": title,
            "svg": bar_chart(
                f"chart-{key}", title, [Bar(g["outlet"], *value(g), short=g["short"]) for g in glance], scale
            ),
        }
        for key, title, value, scale in measures
    ]


def _derived_bar(g: dict[str, Any]) -> tuple[float, str]:
    share = round(g["derived"] * 100)
    return float(share), f"{share}%" if g["derived"] else "none"


def speaker_heatmap(matrix: dict[str, Any]) -> Markup | None:
    """Who is quoted by whom, as a heat map of quote counts."""
    if not matrix["rows"]:
        return None
    return heatmap(
        "chart-speakers",
        "Who is quoted by whom: quotes per speaker and outlet",
        [r["speaker"] for r in matrix["rows"]],
        matrix["columns"],
        [[(c["count"], str(c["count"])) for c in r["cells"]] for r in matrix["rows"]],
        what="each cell counts the quotes of that speaker the outlet prints",
        short_columns=matrix["short_columns"],
    )


def reuse_heatmap(reuse: dict[str, Any]) -> Markup | None:
    """The reuse matrix as a heat map of derived shares (percent of the row's article taken from the column's)."""
    if not reuse["rows"]:  # no reuse, or too many articles for a matrix
        return None
    return heatmap(
        "chart-reuse",
        "Who copied or rewrote whom: share of each row's article derived from each column's",
        [r["outlet"] for r in reuse["rows"]],
        reuse["columns"],
        [[None if c is None else (c * 100, f"{round(c * 100)}%") for c in r["cells"]] for r in reuse["rows"]],
        peak=100.0,
        what="each cell is the percentage of the row outlet's text derived from the column outlet",
        short_rows=[r["short"] for r in reuse["rows"]],
        short_columns=reuse["short_columns"],
    )
