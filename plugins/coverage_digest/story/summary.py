"""Extractive multi-source summary: sentences copied verbatim from the sources, each citing every article reporting it.

A sentence scores for saying what the story's articles say between them (closeness to the centroid that weighs each
article equally), for being supported by other outlets, for coming early in its article (news puts the main facts
first) and, a little, for naming a weekday (a hard-news lede dates the event it reports). Maximal marginal relevance
then picks sentences that add something new, within a word budget (a share of the story's words: a sentence that
would overrun it is passed over for a shorter one), and shows each article's sentences together in their own order.
Text is never generated or rephrased. Links and disagreements live in `disagreement.py`.
"""

from __future__ import annotations

import logging
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from ..records import Article, Sentence
from ..text.lexicon import WEEKDAYS
from .disagreement import Disagreement, StoryLinks, disagreements, story_links
from .similarity import vectorize
from .support import SentenceLink, SentenceRef, Support, sentence_links

log = logging.getLogger(__name__)

_TOKEN = re.compile(r"[^\W_]+(?:[’'][^\W_]+)*")
_QUOTED = re.compile(r"[“\"][^”\"]*[”\"]?|(?<![\w])‘[^’]*’(?![\w])")
# A summary sentence is read out of context: one opening on a pronoun or a connective leans on a sentence left out.
_DANGLING = frozenset(
    re.findall(
        r"\w+",
        "he she it they this that these those his her its their him them we our us i also but and or so yet still "
        "however meanwhile moreover furthermore additionally instead then there here such both another others "
        "thus hence therefore nevertheless nonetheless besides likewise similarly otherwise later earlier",
    )
)
_DATED = re.compile(r"\b(?:" + "|".join(sorted(WEEKDAYS)) + r")\b", re.I)
_FURNITURE = re.compile(r"https?://|www\.|click here|subscribe|sign up|newsletter|follow (?:us|\w+ on)|©", re.I)


@dataclass(frozen=True, slots=True)
class SummarySettings:
    """How long a summary is and how its sentences are weighed."""

    min_sentences: int = 4
    max_sentences: int = 8
    sentences_per_article: float = 1.5  # summary length grows with the story, within min..max
    min_words: int = 6
    max_words: int = 50
    centrality_weight: float = 1.0
    support_weight: float = 1.0
    position_weight: float = 0.5
    dated_weight: float = 0.25  # a sentence naming a weekday ("on Tuesday") is the lede stating what happened when
    headline_weight: float = 0.5  # a headline states what its article is about: it counts in the closeness measure
    redundancy: float = 0.6  # MMR: share of the score given to novelty rather than relevance
    word_share: float = 0.47  # a summary holds at most this share of the story's words (its first sentence always)
    max_quoted: float = 0.5  # share of a sentence's characters inside quotation marks above which it is skipped


@dataclass(frozen=True, slots=True)
class Citation:
    """A sentence of one article that reports what a summary sentence says."""

    article_id: str
    index: int  # sentence index in that article
    start: int  # offsets into that article's text
    end: int
    similarity: float  # 1.0 for the sentence the summary copies


@dataclass(frozen=True, slots=True)
class SummarySentence:
    """One summary sentence: the text copied from a source, and every article that reports the same thing."""

    text: str
    article_id: str  # the article the text is copied from
    index: int  # its sentence index there
    start: int
    end: int
    article_ids: tuple[str, ...]  # every article reporting it, the copied one first, then in story order
    citations: tuple[Citation, ...]
    score: float


@dataclass(frozen=True, slots=True)
class Claim:
    """A notable sentence only one outlet has."""

    article_id: str
    index: int
    start: int
    end: int
    text: str
    score: float


@dataclass(frozen=True, slots=True)
class Summary:
    """A story's extractive summary, with single-outlet claims and disagreements kept apart from it."""

    sentences: tuple[SummarySentence, ...]
    single_outlet: tuple[Claim, ...]
    disagreements: tuple[Disagreement, ...]

    @property
    def text(self) -> str:
        """The summary sentences joined by spaces."""
        return " ".join(s.text for s in self.sentences)


@dataclass(frozen=True, slots=True)
class _Candidate:
    row: int
    sentence: Sentence
    article: int  # index in the story's article order
    relevance: float
    eligible: bool
    words: int


def summarize_story(
    articles: Sequence[Article],
    sentences: Mapping[str, Sequence[Sentence]],
    support: Support,
    settings: SummarySettings | None = None,
) -> Summary:
    """Pick 4-8 source sentences (fewer for a tiny story) that cover what most outlets report, each fully cited."""
    settings = settings or SummarySettings()
    flat = [s for a in articles for s in sentences.get(a.id, ())]
    if not flat:
        return Summary((), (), ())
    headlines = [a.headline or "" for a in articles]
    both = vectorize([s.text for s in flat] + headlines)
    matrix, heads = both[: len(flat)], both[len(flat) :]
    sentence_of = {(s.article_id, s.index): s for s in flat}
    links = story_links(support, {key: row for row, key in enumerate(sentence_of)})
    candidates = score_sentences(articles, sentences, support, matrix, heads, settings)
    length, budget = target_length(articles, sentences, settings), word_budget(candidates, settings)
    chosen = reading_order(candidates, select(candidates, matrix, length, budget, settings, links))
    refs = [SentenceRef(candidates[row].sentence.article_id, candidates[row].sentence.index) for row in chosen]
    every = sentence_links(articles, sentences, refs)  # all citations, not only the links a story keeps
    picked = [cite(candidates[row], articles, every[ref], sentence_of) for row, ref in zip(chosen, refs, strict=True)]
    single = single_outlet_claims(candidates, support, set(chosen), settings)
    log.debug("summary: %d of %d sentences from %d articles", len(picked), len(flat), len(articles))
    return Summary(tuple(picked), single, disagreements(list(sentence_of.values()), links))


def target_length(
    articles: Sequence[Article], sentences: Mapping[str, Sequence[Sentence]], settings: SummarySettings
) -> int:
    """Sentences in the summary at most: grows with the number of articles, within min..max (the word budget keeps a
    tiny story's summary short)."""
    total = sum(len(sentences.get(a.id, ())) for a in articles)
    wanted = round(settings.sentences_per_article * len(articles))
    return max(1, min(settings.max_sentences, max(settings.min_sentences, wanted), total))


def word_count(text: str) -> int:
    """Words of a sentence, as the length filters count them."""
    return len(_TOKEN.findall(text))


def word_budget(candidates: Sequence[_Candidate], settings: SummarySettings) -> float:
    """Words a summary may hold: a share of the story's words, so a short story gets a short summary."""
    return settings.word_share * sum(c.words for c in candidates)


def quoted_share(text: str) -> float:
    """Share of a sentence's characters inside quotation marks."""
    return sum(m.end() - m.start() for m in _QUOTED.finditer(text)) / max(1, len(text))


def starts_dangling(text: str) -> bool:
    """Whether a sentence opens on a pronoun or connective that needs the sentence before it."""
    words = _TOKEN.findall(text[:40])
    return bool(words) and words[0].lower() in _DANGLING


def readable_alone(text: str, settings: SummarySettings) -> bool:
    """Whether a sentence can stand in a summary: a full statement of sensible length, not a quote or furniture."""
    return _readable(text, word_count(text), settings)


def _readable(text: str, words: int, settings: SummarySettings) -> bool:
    """readable_alone, given the sentence's word count."""
    return (
        settings.min_words <= words <= settings.max_words
        and text.rstrip("”’\"')").endswith((".", "!"))
        and quoted_share(text) <= settings.max_quoted
        and not starts_dangling(text)
        and not _FURNITURE.search(text)
    )


def dated(text: str) -> bool:
    """Whether a sentence names a weekday, as a hard-news lede does for the event it reports."""
    return _DATED.search(text) is not None


def score_sentences(
    articles: Sequence[Article],
    sentences: Mapping[str, Sequence[Sentence]],
    support: Support,
    matrix: sparse.csr_matrix,
    headlines: sparse.csr_matrix,
    settings: SummarySettings,
) -> list[_Candidate]:
    """Every sentence with its relevance: closeness to the other articles, cross-outlet support, lead position, date."""
    # Python floats, not numpy scalars: the same double arithmetic (sqrt is correctly rounded in both), a fraction of
    # the time per sentence.
    closeness = closeness_to_others(articles, sentences, matrix, headlines, settings.headline_weight).tolist()
    backing = np.array([s.weight for item in support.articles for s in item.sentences] or [0.0]).tolist()
    others = max(1, len(articles) - 1)
    out, row = [], 0
    for k, article in enumerate(articles):
        for sentence in sentences.get(article.id, ()):
            position = 1.0 / math.sqrt(1.0 + sentence.index)
            relevance = (
                settings.centrality_weight * closeness[row]
                + settings.support_weight * (backing[row] / others)
                + settings.position_weight * position
                + settings.dated_weight * dated(sentence.text)
            )
            words = word_count(sentence.text)
            eligible = _readable(sentence.text, words, settings)
            out.append(_Candidate(row, sentence, k, float(relevance), eligible, words))
            row += 1
    return out


def closeness_to_others(
    articles: Sequence[Article],
    sentences: Mapping[str, Sequence[Sentence]],
    matrix: sparse.csr_matrix,
    headlines: sparse.csr_matrix,
    headline_weight: float,
) -> np.ndarray:
    """Per sentence, cosine with the sum of the other articles' normalised vectors (each article weighs the same)."""
    owner = np.repeat(np.arange(len(articles)), [len(sentences.get(a.id, ())) for a in articles])
    incidence = sparse.csr_matrix(
        (np.ones(len(owner)), (owner, np.arange(len(owner)))), shape=(len(articles), len(owner))
    )
    vectors = (incidence @ matrix).tocsr()
    norms = np.sqrt(np.asarray(vectors.multiply(vectors).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    vectors = (sparse.diags(1.0 / norms) @ vectors + headline_weight * headlines).tocsr()
    norms = np.sqrt(np.asarray(vectors.multiply(vectors).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    vectors = (sparse.diags(1.0 / norms) @ vectors).tocsr()
    total = np.asarray(vectors.sum(axis=0)).ravel()
    if len(articles) == 1:
        rest_norm = np.array([np.linalg.norm(total)])
        own_part = np.zeros(len(owner))
    else:
        own_dot = np.asarray(vectors @ total).ravel()  # v_k . total
        own_sq = np.asarray(vectors.multiply(vectors).sum(axis=1)).ravel()
        rest_norm = np.sqrt(np.maximum(total @ total - 2 * own_dot + own_sq, 0.0))
        own_part = np.asarray(matrix.multiply(vectors[owner]).sum(axis=1)).ravel()  # sentence . own article
    dots = np.asarray(matrix @ total).ravel() - own_part
    rest_norm[rest_norm == 0] = 1.0
    return dots / rest_norm[owner]


def select(
    candidates: list[_Candidate],
    matrix: sparse.csr_matrix,
    length: int,
    budget: float,
    settings: SummarySettings,
    links: StoryLinks,
) -> list[int]:
    """Maximal marginal relevance over the readable sentences (all sentences if too few are), most relevant first,
    within the word budget: a sentence that would overrun it is passed over for a shorter one further down."""
    pool = [c for c in candidates if c.eligible]
    if len(pool) < length:
        pool = pool + [c for c in candidates if not c.eligible]
    chosen: list[int] = []
    similarity = np.zeros(len(candidates))
    lam = 1.0 - settings.redundancy
    used = 0
    while pool and len(chosen) < length and (not chosen or budget - used >= settings.min_words):
        best = max(pool, key=lambda c: (lam * c.relevance - settings.redundancy * similarity[c.row], -c.row))
        if chosen and used + best.words > budget:  # too long for what is left: passed over for a shorter one
            pool = [c for c in pool if c.row != best.row]
            continue
        chosen.append(best.row)
        used += best.words
        # Sentences linked to a chosen one report the same thing: they are cited by it, not repeated.
        done = links.same_fact(best.row) | {best.row}
        pool = [c for c in pool if c.row not in done]
        similarity = np.maximum(similarity, _dots(matrix, best.row))
    return chosen


def _dots(matrix: sparse.csr_matrix, row: int) -> np.ndarray:
    """Each row's dot product with one row: `(matrix @ matrix[row].T).todense()` as a product with a dense vector
    (scipy sums each row's entries in storage order either way; the dense one also adds the terms the row lacks, as
    exact zeros: the same floats), without building a sparse result."""
    dense = np.zeros(matrix.shape[1])
    start, end = matrix.indptr[row], matrix.indptr[row + 1]
    dense[matrix.indices[start:end]] = matrix.data[start:end]
    return matrix @ dense


def reading_order(candidates: Sequence[_Candidate], chosen: Sequence[int]) -> list[int]:
    """Chosen rows as they are read: each article's sentences together in their own order, the articles in the
    order their first sentence was chosen (so the most relevant sentence's article leads)."""
    first: dict[int, int] = {}
    for rank, row in enumerate(chosen):
        first.setdefault(candidates[row].article, rank)
    return sorted(chosen, key=lambda row: (first[candidates[row].article], candidates[row].sentence.index))


def cite(
    candidate: _Candidate,
    articles: Sequence[Article],
    links: Sequence[SentenceLink],
    sentence_of: Mapping[tuple[str, int], Sentence],
) -> SummarySentence:
    """A summary sentence citing its own article and every article whose sentence reports the same thing (`links`)."""
    s = candidate.sentence
    order = {a.id: k for k, a in enumerate(articles)}
    citations = [Citation(s.article_id, s.index, s.start, s.end, 1.0)]
    for link in sorted(links, key=lambda x: order[x.target.article_id]):
        other = sentence_of[(link.target.article_id, link.target.index)]
        citations.append(Citation(other.article_id, other.index, other.start, other.end, link.similarity))
    return SummarySentence(
        text=s.text,
        article_id=s.article_id,
        index=s.index,
        start=s.start,
        end=s.end,
        article_ids=tuple(c.article_id for c in citations),
        citations=tuple(citations),
        score=round(candidate.relevance, 4),
    )


def single_outlet_claims(
    candidates: list[_Candidate], support: Support, chosen: set[int], settings: SummarySettings
) -> tuple[Claim, ...]:
    """Readable sentences no other article supports, the most central first (at most max_sentences)."""
    unique: set[tuple[str, int]] = set()
    for item in support.articles:
        unique.update((item.article_id, i) for i in item.unique)
    found = [
        c
        for c in candidates
        if c.eligible and c.row not in chosen and (c.sentence.article_id, c.sentence.index) in unique
    ]
    found.sort(key=lambda c: (-c.relevance, c.row))
    return tuple(
        Claim(
            c.sentence.article_id,
            c.sentence.index,
            c.sentence.start,
            c.sentence.end,
            c.sentence.text,
            round(c.relevance, 4),
        )
        for c in found[: settings.max_sentences]
    )
