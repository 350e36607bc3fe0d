"""Cross-article sentence support: which other articles' sentences say the same thing as each sentence.

Similarity is TF-IDF cosine over content words (numbers and names weighted up), computed only for candidate pairs that
share a term of bounded document frequency, so a story of thousands of sentences never compares all pairs.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz, process

from ..records import Article, Sentence
from .similarity import candidate_pairs, normalise, pair_cosines, vectorize

log = logging.getLogger(__name__)

LINK_THRESHOLD = 0.3  # cosine at which two sentences are taken to report the same thing
# Names dominate a story's sentences ("Prime Minister Benjamin Netanyahu"): the same actors are not the same fact, so a
# link also needs the words besides the names to agree, unless the whole sentence agrees strongly.
PREDICATE_MIN = 0.1
STRONG_LINK = 0.7
VERBATIM_RATIO = 90.0  # rapidfuzz ratio (0..100) of the normalised texts at which a link is "verbatim"
VERBATIM_MIN_COSINE = 0.6
PARTIAL_SHARE = 0.5  # share of the link threshold that the rarer terms alone must reach to propose a pair
# A sentence copied by hundreds of outlets has hundreds of matches: a story keeps each sentence's best MAX_LINKS and
# counts the rest, so what a story stores grows with its sentences, not with sentences times articles. Full lists are
# computed on demand for the few sentences that need every citation (the summary's).
MAX_LINKS = 8
MAX_PARTNERS_KEPT = 24  # per article: the other articles sharing most sentences with it, by count
_NONE = (np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), np.zeros(0))  # no (row, match, cosine) at all


@dataclass(frozen=True, slots=True)
class SentenceRef:
    """A sentence of one article, by its index among that article's sentences."""

    article_id: str
    index: int


@dataclass(frozen=True, slots=True)
class SentenceLink:
    """A sentence and another article's sentence that reports the same thing."""

    source: SentenceRef
    target: SentenceRef
    similarity: float  # TF-IDF cosine, 0..1
    kind: str  # "verbatim" (near-identical wording) or "rewrite"


@dataclass(frozen=True, slots=True)
class SentenceSupport:
    """One sentence and its best match in each other article that reports the same thing."""

    ref: SentenceRef
    links: tuple[SentenceLink, ...]  # at most one per other article, best first; at most MAX_LINKS of them
    count: int = 0  # other articles that report it (len(links) unless more than MAX_LINKS do)
    weight: float = 0.0  # summed similarity of the best match in every one of them

    @property
    def article_ids(self) -> tuple[str, ...]:
        """The other articles of the kept links (the best MAX_LINKS of `count`)."""
        return tuple(link.target.article_id for link in self.links)

    @property
    def more(self) -> int:
        """Other articles that report it beyond the kept links."""
        return self.count - len(self.links)


@dataclass(frozen=True, slots=True)
class ArticleSupport:
    """Per article: every sentence's support, and which sentences other articles share or do not."""

    article_id: str
    sentences: tuple[SentenceSupport, ...]  # indexed by sentence index
    shared: tuple[int, ...]  # indices of sentences at least one other article supports
    unique: tuple[int, ...]  # indices of sentences no other article supports: what only this outlet reports
    partners: tuple[tuple[str, int], ...] = ()  # (other article, its sentences that report one of these), most first
    partner_count: int = 0  # other articles sharing at least one sentence (len(partners) unless capped)


@dataclass(frozen=True, slots=True)
class Support:
    """Sentence support for every article of a story, in the story's article order."""

    articles: tuple[ArticleSupport, ...]

    def for_article(self, article_id: str) -> ArticleSupport:
        """The support of one article's sentences."""
        for item in self.articles:
            if item.article_id == article_id:
                return item
        raise KeyError(article_id)

    def links(self) -> tuple[SentenceLink, ...]:
        """Every kept link, article by article and sentence by sentence."""
        return tuple(link for item in self.articles for s in item.sentences for link in s.links)


def link_kind(a: str, b: str, similarity: float = 1.0) -> str:
    """ "verbatim" when two sentences are worded (nearly) the same, else "rewrite"."""
    if similarity < VERBATIM_MIN_COSINE:  # near-identical wording always shares most content words
        return "rewrite"
    return "verbatim" if fuzz.ratio(normalise(a), normalise(b)) >= VERBATIM_RATIO else "rewrite"


def find_support(
    articles: Sequence[Article],
    sentences: Mapping[str, Sequence[Sentence]],
    threshold: float = LINK_THRESHOLD,
) -> Support:
    """Link every sentence to its best match in each other article of the story, when similar enough.

    Each sentence keeps its MAX_LINKS best links and the count and summed similarity of all of them; each article
    keeps the other articles it shares most sentences with (MAX_PARTNERS_KEPT) and how many it shares with in all.
    """
    own, flat, groups, sources = _story_rows(articles, sentences)
    n = len(flat)
    links: list[tuple[SentenceLink, ...]] = [()] * n
    count: np.ndarray = np.zeros(n, dtype=np.int64)
    weight: np.ndarray = np.zeros(n)
    partners: list[tuple[tuple[tuple[str, int], ...], int]] = [((), 0)] * len(articles)
    if flat:
        # Links join different articles: a story of one article has none, and no vectors are needed to say so.
        here, there, cos = _best_matches([s.text for s in flat], groups, threshold) if len(articles) > 1 else _NONE
        count = np.bincount(here, minlength=n)
        weight = np.bincount(here, weights=np.round(cos, 4), minlength=n)
        partners = _partners(groups[here], groups[there], [a.id for a in articles])
        rank = np.arange(len(here)) - np.concatenate([[0], np.cumsum(count)])[here]
        kept = rank < MAX_LINKS
        best = here[kept], there[kept], cos[kept]
        texts = [s.text for s in flat]
        links = links_by_row(sources, sources, best, link_kinds(texts, *best))
    log.debug("support: %d sentences, %d linked", n, int(np.count_nonzero(count)))
    offsets = np.concatenate([[0], np.cumsum([len(g) for g in own])]).astype(int).tolist()
    return Support(
        tuple(
            _article_support(
                article.id,
                [
                    SentenceSupport(ref, found, c, round(w, 4))
                    for ref, found, c, w in zip(
                        sources[offsets[k] : offsets[k + 1]],
                        links[offsets[k] : offsets[k + 1]],
                        count[offsets[k] : offsets[k + 1]].tolist(),
                        weight[offsets[k] : offsets[k + 1]].tolist(),
                        strict=True,
                    )
                ],
                partners[k],
            )
            for k, article in enumerate(articles)
        )
    )


def sentence_links(
    articles: Sequence[Article],
    sentences: Mapping[str, Sequence[Sentence]],
    refs: Sequence[SentenceRef],
    threshold: float = LINK_THRESHOLD,
) -> dict[SentenceRef, tuple[SentenceLink, ...]]:
    """Every link of some sentences (not only the best MAX_LINKS), by the same rules as find_support."""
    _, flat, groups, sources = _story_rows(articles, sentences)
    row_of = {ref: k for k, ref in enumerate(sources)}
    only = np.array(sorted({row_of[r] for r in refs if r in row_of}), dtype=np.int64)
    found: dict[SentenceRef, tuple[SentenceLink, ...]] = {r: () for r in refs}
    if not len(only) or len(articles) < 2:  # links join different articles
        return found
    texts = [s.text for s in flat]
    best = _best_matches(texts, groups, threshold, only)
    for row, made in enumerate(links_by_row(sources, sources, best, link_kinds(texts, *best))):
        if made:
            found[sources[row]] = made
    return found


def _story_rows(
    articles: Sequence[Article], sentences: Mapping[str, Sequence[Sentence]]
) -> tuple[list[tuple[Sentence, ...]], list[Sentence], np.ndarray, list[SentenceRef]]:
    """A story's sentences as rows: per article, all of them, each row's article number, and each row's ref."""
    own = [tuple(sentences.get(a.id, ())) for a in articles]
    flat = [s for group in own for s in group]
    groups = np.repeat(np.arange(len(articles), dtype=np.int64), [len(g) for g in own])
    sources = [SentenceRef(a.id, s.index) for a, group in zip(articles, own, strict=True) for s in group]
    return own, flat, groups, sources


def _best_matches(
    texts: Sequence[str], groups: np.ndarray, threshold: float, only: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(row, match, cosine) of every row's (or only those rows') best match in each other article, best first."""
    matrix = vectorize(texts)
    rows, cols = candidate_pairs(matrix, groups, threshold * PARTIAL_SHARE, only)
    cosines = pair_cosines(matrix, rows, cols)
    keep = cosines >= threshold
    rows, cols, cosines = rows[keep], cols[keep], cosines[keep]
    predicate = pair_cosines(vectorize(texts, name_weight=0.0), rows, cols)
    keep = (predicate >= PREDICATE_MIN) | (cosines >= max(threshold, STRONG_LINK))
    return best_per_article(rows[keep], cols[keep], cosines[keep], groups, threshold, symmetric=only is None)


def _partners(
    owner: np.ndarray, other: np.ndarray, ids: Sequence[str]
) -> list[tuple[tuple[tuple[str, int], ...], int]]:
    """Per article (from each link's article and its target's): the articles it shares most sentences with, with
    the count (most first, ties in story order; at most MAX_PARTNERS_KEPT), and how many articles it shares with."""
    n = len(ids)
    keys, counts = np.unique(owner * n + other, return_counts=True)
    owner, other = keys // n, keys % n
    order = np.lexsort((other, -counts, owner))
    owner, other, counts = owner[order].tolist(), other[order].tolist(), counts[order].tolist()
    out: list[tuple[tuple[tuple[str, int], ...], int]] = [((), 0)] * n
    start = 0
    while start < len(owner):
        end = start
        while end < len(owner) and owner[end] == owner[start]:
            end += 1
        kept = min(end, start + MAX_PARTNERS_KEPT)
        out[owner[start]] = (
            tuple((ids[j], c) for j, c in zip(other[start:kept], counts[start:kept], strict=True)),
            end - start,
        )
        start = end
    return out


def best_per_article(
    rows: np.ndarray,
    cols: np.ndarray,
    cosines: np.ndarray,
    groups: np.ndarray,
    threshold: float,
    symmetric: bool = True,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For each row, its most similar row in each other group at or above the threshold (ties: the earlier row).

    Pairs are read both ways when `symmetric` (each was found once), else only from `rows`.
    Returns (row, match, cosine) arrays ordered by row, then best match first (ties: the earlier match).
    """
    keep = cosines >= threshold
    here = (np.concatenate([rows[keep], cols[keep]]) if symmetric else rows[keep]).astype(np.int64)
    there = (np.concatenate([cols[keep], rows[keep]]) if symmetric else cols[keep]).astype(np.int64)
    cos = np.concatenate([cosines[keep], cosines[keep]]) if symmetric else cosines[keep]
    order = np.lexsort((there, -cos, groups[there], here))
    here, there, cos = here[order], there[order], cos[order]
    first = np.ones(len(here), dtype=bool)
    first[1:] = (here[1:] != here[:-1]) | (groups[there[1:]] != groups[there[:-1]])
    here, there, cos = here[first], there[first], cos[first]
    order = np.lexsort((there, -cos, here))
    return here[order], there[order], cos[order]


def link_kinds(texts: Sequence[str], here: np.ndarray, there: np.ndarray, cosines: np.ndarray) -> np.ndarray:
    """Per link, whether it is verbatim: link_kind over whole arrays, each text normalised once."""
    verbatim = np.zeros(len(here), dtype=bool)
    close = np.flatnonzero(cosines >= VERBATIM_MIN_COSINE)
    if len(close):
        firsts, seconds = here[close].tolist(), there[close].tolist()
        norms = {i: normalise(texts[i]) for i in {*firsts, *seconds}}  # only the texts of close links
        ratios = process.cpdist(
            [norms[i] for i in firsts],
            [norms[j] for j in seconds],
            scorer=fuzz.ratio,
            dtype=np.float64,
        )
        verbatim[close] = ratios >= VERBATIM_RATIO
    return verbatim


def links_by_row(
    sources: Sequence[SentenceRef],
    targets: Sequence[SentenceRef],
    best: tuple[np.ndarray, np.ndarray, np.ndarray],
    verbatim: np.ndarray,
) -> list[tuple[SentenceLink, ...]]:
    """Per sentence row, its links (best first), from the row-ordered best matches."""
    here, there, cosines = best
    made = [
        SentenceLink(sources[h], targets[t], round(c, 4), "verbatim" if v else "rewrite")
        for h, t, c, v in zip(here.tolist(), there.tolist(), cosines.tolist(), verbatim.tolist(), strict=True)
    ]
    out: list[tuple[SentenceLink, ...]] = [()] * len(sources)
    starts = np.flatnonzero(np.diff(here, prepend=-1)).tolist()  # where each row's run of links begins
    ends = [*starts[1:], len(made)] if starts else []
    for start, end in zip(starts, ends, strict=True):
        out[int(here[start])] = tuple(made[start:end])
    return out


def _article_support(
    article_id: str, items: Sequence[SentenceSupport], partners: tuple[tuple[tuple[str, int], ...], int]
) -> ArticleSupport:
    """One article's sentence supports, with its shared and unique sentence indices and its partners."""
    shared = tuple(s.ref.index for s in items if s.count)
    unique = tuple(s.ref.index for s in items if not s.count)
    return ArticleSupport(article_id, tuple(items), shared, unique, *partners)
