"""Where outlets' figures differ: figures about the same thing grouped across articles and flagged.

Figures about the same thing (same kind, unit, counted class and outcome: `Figure.key`) are grouped across articles
and each group flagged `agree`, `hedge` (compatible values, different qualifiers), `conflict` (incompatible values)
or `single`. The figures themselves are read per article (`article.figures`).
"""

from __future__ import annotations

import logging
import math
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from ..article.figures import Figure, base_value
from ..article.numbers import TOKEN, noun_lemma, parse_number
from ..records import Article, Sentence
from ..text.lexicon import DAYS_PER_UNIT, STOP_FIGURE_CONTEXT
from ..text.sentences import split_article

log = logging.getLogger(__name__)
FLAGS = ("conflict", "hedge", "agree", "single")


@dataclass(frozen=True, slots=True)
class FigureGroup:
    """Figures about one thing across articles, flagged conflict / hedge / agree / single."""

    key: str
    label: str  # what is counted, for display ("Palestinian refugees (displaced)")
    kind: str
    flag: str
    article_ids: tuple[str, ...]
    outlets: tuple[str, ...]
    figures: tuple[Figure, ...]


def interval(figure: Figure) -> tuple[float, float]:
    """The range of true values a figure allows, in base units (days for durations)."""
    factor = DAYS_PER_UNIT.get(figure.unit, 1)
    low, high = figure.value * factor, figure.value_high * factor
    match figure.bound:
        case "approx":
            return low * 0.8, high * 1.2
        case "nearly":
            return low * 0.8, high
        case "min":
            return low, high * 2  # "more than a million" rarely means two million
        case "max":
            return low * 0.5, high
    return low, high


def _hulls(figures: list[Figure]) -> dict[str, tuple[float, float]]:
    """Per article, the span of values its figures allow."""
    hulls: dict[str, tuple[float, float]] = {}
    for f in figures:
        low, high = interval(f)
        old = hulls.get(f.article_id, (low, high))
        hulls[f.article_id] = (min(old[0], low), max(old[1], high))
    return hulls


def _flag(figures: list[Figure]) -> str:
    """conflict: two articles' values cannot both be right; agree: one exact figure common to all; else hedge."""
    hulls = _hulls(figures)
    if len(hulls) < 2:
        return "single"
    # Intervals pairwise overlap exactly when the largest low end is below the smallest high end (Helly, in 1-D).
    if max(h[0] for h in hulls.values()) > min(h[1] for h in hulls.values()) * 1.0001:
        return "conflict"
    shared: set[tuple[float, float, str]] | None = None
    for article_id in hulls:
        mine = {(base_value(f), f.value_high, f.bound) for f in figures if f.article_id == article_id}
        shared = mine if shared is None else shared & mine
    return "agree" if shared else "hedge"


def _split_by_magnitude(figures: list[Figure]) -> list[list[Figure]]:
    """Split a key's figures where values jump more than fivefold: those are different things, not a conflict."""
    ordered = sorted(figures, key=lambda f: (interval(f)[0], f.article_id, f.start))
    parts: list[list[Figure]] = [[]]
    top = -math.inf
    for f in ordered:
        low, high = interval(f)
        if parts[-1] and low > 5 * max(top, 1e-9):
            parts.append([])
            top = -math.inf
        parts[-1].append(f)
        top = max(top, high)
    return parts


def _split_by_modifier(figures: list[Figure]) -> list[list[Figure]]:
    """Split "American goods" from "Chinese goods"; plain "goods" joins a lone named kind."""
    named: dict[str, list[Figure]] = defaultdict(list)
    for f in figures:
        named[f.modifier].append(f)
    plain = named.pop("", [])
    if len(named) == 1:
        return [next(iter(named.values())) + plain]
    return [named[m] for m in sorted(named)] + ([plain] if plain else [])


def _context(sentence: str, figure: Figure) -> frozenset[str]:
    """Content-word lemmas of a figure's sentence, leaving out what it counts; names are marked with a leading "^"."""
    skip = {noun_lemma(w) for w in (figure.counts + " " + figure.text).split()} | {"percent", "percentage", "number"}
    out = set()
    for i, token in enumerate(TOKEN.findall(sentence)):
        lemma = noun_lemma(token)
        wanted = token[0].isalpha() and len(token) > 2 and lemma not in STOP_FIGURE_CONTEXT and lemma not in skip
        if wanted and parse_number(lemma) is None:
            out.add("^" + lemma if i and token[0].isupper() else lemma)
    return frozenset(out)


def _split_unrelated(figures: list[Figure], texts: dict[str, tuple[str, ...]]) -> list[list[Figure]]:
    """Different values whose sentences share fewer than two words (a name counts twice) are different facts."""
    hulls = _hulls(figures)
    high_end = max(hulls, key=lambda a: (hulls[a][0], a))
    low_end = min(hulls, key=lambda a: (hulls[a][1], a))
    contexts = [
        frozenset().union(*(_context(texts[a][f.sentence], f) for f in figures if f.article_id == a))
        for a in (high_end, low_end)
    ]
    shared = contexts[0] & contexts[1]
    if sum(2 if w.startswith("^") else 1 for w in shared) >= 2:
        return [figures]
    by_value: dict[float, list[Figure]] = defaultdict(list)
    for f in figures:
        by_value[base_value(f)].append(f)
    return [by_value[v] for v in sorted(by_value)]


def _label(figures: list[Figure]) -> str:
    counts: dict[str, int] = defaultdict(int)
    for f in figures:
        if f.counts:
            counts[f.counts] += 1
    first = figures[0]
    name = max(sorted(counts), key=lambda c: counts[c]) if counts else (first.head or first.unit or first.kind)
    if first.kind == "date":
        name = "date"
    return f"{name} ({first.role})" if first.role and first.role not in name else name


def _parts(figures: list[Figure], texts: dict[str, tuple[str, ...]]) -> list[list[Figure]]:
    parts = [p for m in _split_by_magnitude(figures) for p in _split_by_modifier(m)]
    if figures[0].role or figures[0].kind == "date":
        return parts  # an outcome (killed, held ...) pins down what is counted well enough
    return [q for p in parts for q in (_split_unrelated(p, texts) if _flag(p) == "conflict" else [p])]


def compare_figures(
    articles: Iterable[Article],
    figures: Iterable[Figure],
    sentences: Mapping[str, tuple[Sentence, ...]] | None = None,
) -> tuple[FigureGroup, ...]:
    """Group figures about the same thing across articles and flag how the articles' figures relate."""
    articles, figures = tuple(articles), tuple(figures)
    outlet = {a.id: a.display_outlet for a in articles}
    needed = {f.article_id for f in figures if not f.role}
    texts = {
        a.id: tuple(s.text for s in (sentences[a.id] if sentences and a.id in sentences else split_article(a)))
        for a in articles
        if a.id in needed
    }
    by_key: dict[str, list[Figure]] = defaultdict(list)
    for f in figures:
        by_key[f.key].append(f)
    groups: list[FigureGroup] = []
    for key in sorted(by_key):
        for part in _parts(by_key[key], texts):
            part.sort(key=lambda f: (f.article_id, f.start))
            ids = tuple(sorted({f.article_id for f in part}))
            names = tuple(dict.fromkeys(outlet.get(i, i) for i in ids))
            groups.append(FigureGroup(key, _label(part), part[0].kind, _flag(part), ids, names, tuple(part)))
    rank = {flag: i for i, flag in enumerate(FLAGS)}
    groups.sort(key=lambda g: (rank[g.flag], -len(g.article_ids), g.key, g.figures[0].start, g.figures[0].article_id))
    log.debug("compared %d figure groups", len(groups))
    return tuple(groups)
