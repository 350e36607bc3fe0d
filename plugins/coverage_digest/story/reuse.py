"""Reuse between outlets: verbatim shared passages, sentence alignment, and which article derives from which.

Two independent reports of one event share facts, names and quotes, so sentence similarity alone does not show reuse.
A rewrite also follows its source's order and keeps its phrasing, so a pair is called derived only when an in-order
alignment of its sentences, scored on content words plus shared phrasing outside quotations, is much denser than
shared-fact coverage gives.
"""

from __future__ import annotations

import logging
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from itertools import pairwise

import numpy as np
from rapidfuzz import fuzz

from ..read.dates import compare_dates
from ..records import Article, Sentence
from .alignment import ALIGN_MIN, align
from .similarity import normalise, vectorize
from .support import VERBATIM_RATIO, Support

log = logging.getLogger(__name__)

SHINGLE = 8  # words in a verbatim shingle: long enough that independent reports rarely share one by chance
PHRASING_WEIGHT = 0.3  # share of a sentence pair's similarity that comes from shared word bigrams outside quotes
MIN_DENSITY = 0.09  # alignment excess per sentence of the shorter article at which a pair is called derived
MIN_PHRASING = (
    0.25  # mean shared phrasing of the aligned pairs: a rewrite keeps its source's word pairs, a report doesn't
)
MIN_SHARE = 0.25  # share of the derived article's words that must be aligned to the source
MIN_ALIGNED = 3  # aligned sentences needed, whatever the shares
MAX_PARTNERS = 5  # candidate sources examined per article: the most-linked ones (keeps big stories linear)
_TOKEN = re.compile(r"[^\W_]+(?:[’'][^\W_]+)*")
_QUOTED = re.compile(r"[“\"][^”\"]*[”\"]?")
_NUMBER = re.compile(r"\d[\d,.]*")
_NAME = re.compile(r"(?<=[a-z,;:–—] )[A-Z][a-z]+")


@dataclass(frozen=True, slots=True)
class Passage:
    """A run of at least SHINGLE identical words in two articles, located by offsets into each one's text."""

    start: int  # in the derived article's text
    end: int
    from_start: int  # in the source article's text
    from_end: int
    words: int
    quoted: bool  # inside quotation marks in the derived article: a shared quote, weak evidence of reuse


@dataclass(frozen=True, slots=True)
class AlignedPair:
    """A derived article's sentence paired with the source sentence it rewrites or copies."""

    index: int  # sentence index in the derived article
    from_index: int  # sentence index in the source article
    similarity: float
    verbatim: bool


@dataclass(frozen=True, slots=True)
class Derivation:
    """An article that reuses or rewrites another, with the evidence for the pairing and its direction."""

    article_id: str
    from_article_id: str
    share: float  # 0..1: share of the derived article's words in sentences aligned to the source
    verbatim_share: float  # 0..1: share of the derived article's words in unquoted verbatim passages
    strength: float  # alignment excess per sentence of the shorter article (MIN_DENSITY and up)
    direction: str  # "published" (dates), "specifics" (the source has details the rewrite drops) or "unknown"
    direction_evidence: tuple[str, ...]
    verbatim_passages: tuple[Passage, ...]
    aligned_pairs: tuple[AlignedPair, ...]


def word_spans(text: str) -> list[tuple[str, int, int]]:
    """Lower-cased words of a text with their offsets."""
    spans = map(re.Match.span, _TOKEN.finditer(text))
    low = text.lower()
    if len(low) != len(text) or "Σ" in text:  # a letter lower-cased to two, or a sigma read in context: word by word
        return [(text[s:e].lower().replace("’", "'"), s, e) for s, e in spans]
    low = low.replace("’", "'")  # otherwise lower-casing maps letter to letter, and the whole text at once is the same
    return [(low[s:e], s, e) for s, e in spans]


def quoted_mask(text: str) -> np.ndarray:
    """Per character of a text, whether it lies inside quotation marks."""
    mask = np.zeros(len(text), dtype=bool)
    for m in _QUOTED.finditer(text):
        mask[m.start() : m.end()] = True
    return mask


@dataclass(frozen=True, slots=True)
class Shingled:
    """A text read for shared passages: its words with offsets, its SHINGLE-word runs in order, and where each run
    first starts."""

    text: str
    spans: tuple[tuple[str, int, int], ...]
    runs: tuple[tuple[str, ...], ...]
    first: Mapping[tuple[str, ...], int]


def shingle(text: str) -> Shingled:
    """Read a text's words and shingles once, for comparing it with several partners."""
    spans = tuple(word_spans(text))
    words = [w for w, _, _ in spans]
    runs = tuple(zip(*(words[k:] for k in range(SHINGLE)), strict=False))  # runs[j] = words[j : j + SHINGLE]
    first = dict(zip(reversed(runs), range(len(runs) - 1, -1, -1), strict=True))  # the earliest start is set last
    return Shingled(text, spans, runs, first)


def shared_passages(derived: str, source: str) -> tuple[Passage, ...]:
    """Maximal runs of SHINGLE or more identical words that two texts share, in the derived text's order."""
    return passages_between(shingle(derived), shingle(source))


def passages_between(derived: Shingled, source: Shingled) -> tuple[Passage, ...]:
    """shared_passages over texts already read."""
    a, b = derived.spans, source.spans
    quoted = quoted_mask(derived.text)
    out, run = [], None
    for i, j in enumerate(map(source.first.get, derived.runs)):
        if j is not None and run and run[1] + 1 == i and run[3] + 1 == j:
            run = (run[0], i, run[2], j)
        else:
            if run:
                out.append(_passage(a, b, run, quoted))
            run = (i, i, j, j) if j is not None else None
    if run:
        out.append(_passage(a, b, run, quoted))
    return tuple(out)


def _passage(a: Sequence, b: Sequence, run: tuple[int, int, int, int], quoted: np.ndarray) -> Passage:
    i0, i1, j0, j1 = run
    start, end = a[i0][1], a[i1 + SHINGLE - 1][2]
    return Passage(
        start, end, b[j0][1], b[j1 + SHINGLE - 1][2], i1 - i0 + SHINGLE, bool(quoted[start:end].mean() > 0.5)
    )


def phrasing(a: str, b: str) -> float:
    """Share of the shorter sentence's word bigrams, outside quotations, that the other sentence has too."""
    ga, gb = _bigrams(a), _bigrams(b)
    if not ga or not gb:
        return 0.0
    return len(ga & gb) / min(len(ga), len(gb))


@lru_cache(maxsize=8192)
def _bigrams(text: str) -> frozenset[tuple[str, str]]:
    """Word bigrams of a sentence outside quotations (memoised: a sentence is scored against many)."""
    words = normalise(_QUOTED.sub(" | ", text)).split()
    return frozenset((x, y) for x, y in pairwise(words) if "|" not in (x, y))


def specifics(texts: Sequence[str]) -> Counter:
    """Counts of checkable details in some sentences: numbers, quotations and names."""
    joined = " ".join(texts)
    return Counter(
        numbers=len(_NUMBER.findall(joined)),
        quotes=len(_QUOTED.findall(joined)),
        names=len(set(_NAME.findall(joined))),
    )


def find_derivations(
    articles: Sequence[Article], sentences: Mapping[str, Sequence[Sentence]], support: Support
) -> tuple[Derivation, ...]:
    """Every pair of articles where one reuses or rewrites the other, in story order of the derived article."""
    order = {a.id: k for k, a in enumerate(articles)}
    by_id = {a.id: a for a in articles}
    offsets, total = {}, 0
    for a in articles:
        offsets[a.id], total = total, total + len(sentences.get(a.id, ()))
    flat = [s.text for a in articles for s in sentences.get(a.id, ())]
    pairs = candidate_articles(support, order)
    matrix = vectorize(flat) if flat and pairs else None  # only the pairs read it
    found, read = [], cache(shingle)  # memoised for this story only
    cosines, current = None, None  # the first article's sentences against every sentence of the story
    for x, y in pairs:  # grouped by x (story order): one product per article, not one per pair
        own_x, own_y = sentences.get(x, ()), sentences.get(y, ())
        if not own_x or not own_y or matrix is None:
            continue
        if x != current:
            cosines, current = (matrix[offsets[x] : offsets[x] + len(own_x)] @ matrix.T).toarray(), x
        assert cosines is not None
        weights = pair_weights(cosines[:, offsets[y] : offsets[y] + len(own_y)], own_x, own_y)
        derivation = judge_pair(by_id[x], by_id[y], own_x, own_y, weights)
        if derivation:
            found.append(derivation)
    kept = explained_away(found, order)
    log.debug("reuse: %d derivations (%d explained by a better source)", len(kept), len(found) - len(kept))
    # Verbatim passages only for the pairs kept: reading every candidate pair word by word cost a fifth of a story.
    kept = [with_passages(d, by_id[d.article_id].text, by_id[d.from_article_id].text, read) for d in kept]
    return tuple(sorted(kept, key=lambda d: (order[d.article_id], order[d.from_article_id])))


def explained_away(found: Sequence[Derivation], order: Mapping[str, int]) -> list[Derivation]:
    """Per derived article, its best source, and other sources only for sentences the kept ones do not explain.

    When several outlets carry one wire story, each copy aligns with every other: only the best-aligned source
    (highest share, then strength, then earliest in the story) says who copied whom; another is kept when it accounts
    for at least MIN_ALIGNED further sentences (an article stitched from two reports).
    """
    by_derived: dict[str, list[Derivation]] = defaultdict(list)
    for d in found:
        by_derived[d.article_id].append(d)
    kept = []
    for candidates in by_derived.values():
        covered: set[int] = set()
        for d in sorted(candidates, key=lambda d: (-d.share, -d.strength, order[d.from_article_id])):
            mine = {pair.index for pair in d.aligned_pairs}
            if not covered or len(mine - covered) >= MIN_ALIGNED:
                kept.append(d)
                covered |= mine
    return kept


def candidate_articles(support: Support, order: Mapping[str, int]) -> list[tuple[str, str]]:
    """Article pairs (story order) sharing at least two linked sentences, each article's MAX_PARTNERS best only."""
    pairs = set()
    for item in support.articles:
        a = item.article_id
        for b, _ in [p for p in item.partners if p[1] >= 2][:MAX_PARTNERS]:
            pairs.add((a, b) if order[a] < order[b] else (b, a))
    return sorted(pairs, key=lambda p: (order[p[0]], order[p[1]]))


def pair_weights(cosines: np.ndarray, xs: Sequence[Sentence], ys: Sequence[Sentence]) -> np.ndarray:
    """Sentence-pair similarity: content-word cosine blended with shared phrasing outside quotations."""
    phr = np.zeros_like(cosines)
    rows, cols = np.nonzero(cosines >= ALIGN_MIN / 2)
    if len(rows):  # `phrasing` of each cell, each sentence's bigrams looked up once, the cells filled at once
        gx, gy = [_bigrams(s.text) for s in xs], [_bigrams(s.text) for s in ys]
        phr[rows, cols] = [
            len(gx[i] & gy[j]) / min(len(gx[i]), len(gy[j])) if gx[i] and gy[j] else 0.0
            for i, j in zip(rows.tolist(), cols.tolist(), strict=True)
        ]
    return (1 - PHRASING_WEIGHT) * cosines + PHRASING_WEIGHT * phr


def judge_pair(
    a: Article,
    b: Article,
    xs: Sequence[Sentence],
    ys: Sequence[Sentence],
    weights: np.ndarray,
) -> Derivation | None:
    """A Derivation when the pair's alignment is dense enough, oriented by the evidence of direction.

    Its verbatim passages are not read yet (`with_passages` adds them to the derivations that are kept).
    """
    score, pairs = align(weights)
    strength = score / min(len(xs), len(ys))
    if strength < MIN_DENSITY or np.mean([phrasing(xs[i].text, ys[j].text) for i, j in pairs]) < MIN_PHRASING:
        return None
    direction, evidence, a_is_derived = orient(a, b, xs, ys, pairs)
    if not a_is_derived:
        a, b, xs, ys, weights = b, a, ys, xs, weights.T
        pairs = [(j, i) for i, j in pairs]
    aligned = sorted({i for i, _ in pairs})
    share = _words(xs[i].text for i in aligned) / max(1, _words(s.text for s in xs))
    if share < MIN_SHARE or len(aligned) < MIN_ALIGNED:
        return None
    return Derivation(
        article_id=a.id,
        from_article_id=b.id,
        share=round(share, 3),
        verbatim_share=0.0,
        strength=round(strength, 3),
        direction=direction,
        direction_evidence=evidence,
        verbatim_passages=(),
        aligned_pairs=tuple(
            AlignedPair(xs[i].index, ys[j].index, round(float(weights[i, j]), 3), _verbatim(xs[i].text, ys[j].text))
            for i, j in sorted(pairs)
        ),
    )


def with_passages(d: Derivation, text: str, source: str, read: Callable[[str], Shingled] = shingle) -> Derivation:
    """A derivation with its verbatim passages and the share of the derived text (outside quotes) they cover.

    `read` turns a text into its shingles; find_derivations passes one memoised for the story.
    """
    passages = passages_between(read(text), read(source))
    verbatim_words = sum(p.words for p in passages if not p.quoted)
    return replace(
        d,
        verbatim_share=round(min(1.0, verbatim_words / max(1, _words([text]))), 3),
        verbatim_passages=passages,
    )


def orient(
    a: Article, b: Article, xs: Sequence[Sentence], ys: Sequence[Sentence], pairs: list[tuple[int, int]]
) -> tuple[str, tuple[str, ...], bool]:
    """Which of two aligned articles is the derived one: (direction kind, evidence, whether it is `a`)."""
    order = compare_dates(a.published, b.published)
    if order:  # both dated and the dates tell which came first: a copy cannot predate its source
        a_later = order > 0
        first, second = (b, a) if a_later else (a, b)
        dated = f"{first.id} is dated {first.published}, {second.id} {second.published}"
        return "published", (f"{dated}: a copy cannot predate its source",), a_later
    sa = specifics([xs[i].text for i in sorted({i for i, _ in pairs})])
    sb = specifics([ys[j].text for j in sorted({j for _, j in pairs})])
    ta, tb = sum(sa.values()), sum(sb.values())
    if max(ta, tb) >= 1.5 * min(ta, tb) and abs(ta - tb) >= 3:
        richer, poorer, a_derived = (b, a, True) if tb > ta else (a, b, False)
        rich, poor = (sb, sa) if tb > ta else (sa, sb)
        detail = ", ".join(f"{rich[k]} vs {poor[k]} {k}" for k in ("quotes", "numbers", "names") if rich[k] != poor[k])
        return (
            "specifics",
            (f"{richer.id} carries details that {poorer.id} words generically in the aligned sentences ({detail})",),
            a_derived,
        )
    share_a = len({i for i, _ in pairs}) / len(xs)
    share_b = len({j for _, j in pairs}) / len(ys)
    return (
        "unknown",
        ("unknown: no dates and no clear difference in specifics; listed as the article with more of it aligned",),
        share_a >= share_b,
    )


def _words(texts) -> int:
    """Words in some texts."""
    return sum(_word_count(t) for t in texts)


@lru_cache(maxsize=16384)
def _word_count(text: str) -> int:
    """Words in one text (memoised: a sentence is counted for every pair it is aligned in)."""
    return len(_TOKEN.findall(text))


def _verbatim(a: str, b: str) -> bool:
    """Whether two sentences are worded (nearly) the same."""
    return fuzz.ratio(_normalised(a), _normalised(b)) >= VERBATIM_RATIO


@lru_cache(maxsize=16384)
def _normalised(text: str) -> str:
    """normalise, memoised."""
    return normalise(text)
