"""Articles -> stories: one story per news event, however many outlets covered it.

Each article becomes a weighted TF-IDF vector over blocks of terms (see `terms`): proper names and numbers/dates,
which tell apart two events of the same kind, and the plain text and headline (every content token, names lower-cased
like any word), which tell apart concurrent stories with one cast. Document frequencies are smoothed with a background
of English-wide term shares, so that a similarity keeps one scale from three articles to ten thousand. Candidate
neighbours come from an inverted index over each article's heavier terms (no all-pairs comparison); average-link
agglomeration over that sparse graph merges stories while their mean pairwise similarity reaches
`GroupSettings.threshold` and, unless the merge stands out from every member's look-alikes, their names and figures
agree (`evidence_gate`: reports of different events in one template prose stay apart); then a fragment of a few
articles may join a big story at a lower bar (a big story's mean is diluted by its many angles), and an article still
alone joins the story it is clearly closest to, judged against its own other neighbours (`attach`), so that a small
corpus about one event is not split by a bar tuned on large ones.
User overrides (`merge`, `split`) are constraints on that process, so an override never leaves an article without a
story. Cross-validated figures for each signal: docs/grouping.md.
"""

from __future__ import annotations

import hashlib
import logging
import re
import unicodedata
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from ..records import Article
from ..text.sentences import split_spans
from .attach import attach_lone
from .link import average_link, candidate_pairs
from .terms import HEADLINE, NAMES, NUMBERS, TEXT, WORDS, TermMatrix, corpus_terms, term_matrix

log = logging.getLogger(__name__)

_SLUG_WORDS = 8


class OverrideError(ValueError):
    """Story merge/split overrides that contradict each other; the message names the articles."""


@dataclass(frozen=True, slots=True)
class GroupSettings:
    """How articles are grouped into stories (cross-validated on ECB+, AllSides and NeuS examples: docs/grouping.md).

    `merge`: each tuple lists article ids that must end up in the same story (other articles may still join them);
    overlapping tuples chain together. `split`: each tuple lists article ids that must end up in pairwise different
    stories; a tuple with a single id keeps that article in a story of its own. Unknown ids are logged and ignored;
    two ids that are both merged and split raise OverrideError.
    """

    threshold: float = 0.27  # mean pairwise similarity two stories need to merge
    attach_ratio: float = 0.6  # a story of at most attach_size articles joins another at threshold * attach_ratio ...
    attach_size: int = 3
    attach_larger: int = 5  # ... when the other story has at least this many (a fragment of a big story)
    name_weight: float = 1.0  # weights of the term kinds and plain blocks (each block is unit length first)
    number_weight: float = 0.8
    word_weight: float = 0.0  # content words are in the text block already (and cost a block: 10,000 articles)
    text_weight: float = 2.0  # every content token of the text, headline twice (see terms.TEXT)
    headline_weight: float = 1.0  # the headline's tokens alone
    lead_words: int = 80  # the headline and this many first words count twice in the names and numbers
    background: int = 1000  # typical news articles the corpus is counted among for IDF (0: the corpus alone)
    plain_background: int = 100  # the same for the plain blocks
    evidence_gate: float = 0.2  # every merge needs this mean pairwise similarity of names and figures (0: none)
    lone_rank: int = 5  # a lone article joins its closest story when it beats its lone_rank-th neighbour ...
    lone_margin: float = 0.03  # ... by this much (see attach.attach_lone; rank 0: no such pass)
    neighbours: int = 12  # candidate neighbours kept per article
    key_terms: int = 40  # heaviest terms per article looked up in the inverted index
    merge: tuple[tuple[str, ...], ...] = ()
    split: tuple[tuple[str, ...], ...] = ()


@dataclass(frozen=True, slots=True)
class StoryGroup:
    """One story: its articles, a title copied from one of them, and what explains the grouping."""

    id: str  # slug of the title plus a short hash of the member ids
    title: str  # verbatim headline (or lead sentence when no member has a headline)
    title_article_id: str
    article_ids: tuple[str, ...]  # sorted
    shared_terms: tuple[str, ...]  # names, numbers/dates and words most members share, most distinctive first
    similarities: tuple[tuple[str, float], ...]  # (article id, cosine similarity to the story centroid), by id
    cohesion: float = 0.0  # mean pairwise similarity of the members (1.0 for a single article)
    forced: tuple[str, ...] = ()  # "merge" and/or "split" when a user override applies to a member


def group_articles(articles: tuple[Article, ...], settings: GroupSettings = GroupSettings()) -> tuple[StoryGroup, ...]:
    """Group articles into stories; every article lands in exactly one; stories ordered by their first article id."""
    ordered = tuple(sorted({a.id: a for a in articles}.values(), key=lambda a: a.id))
    if not ordered:
        return ()
    index = {a.id: i for i, a in enumerate(ordered)}
    seeds = _merge_seeds(settings.merge, index)
    tags, alone = _split_tags(settings.split, index)
    _check_conflicts(seeds, tags, alone, ordered)
    weights = {NAMES: settings.name_weight, NUMBERS: settings.number_weight, WORDS: settings.word_weight}
    weights |= {TEXT: settings.text_weight, HEADLINE: settings.headline_weight}
    terms, plain = corpus_terms(ordered, settings.lead_words)
    vectors = term_matrix(terms, weights, settings.background, plain, settings.plain_background)
    left, right, sims = candidate_pairs(
        vectors.matrix, settings.neighbours, settings.key_terms, _max_key_df(len(ordered))
    )
    lonely = np.array(sorted(alone), dtype=np.int64)
    keep = ~(np.isin(left, lonely) | np.isin(right, lonely))
    edges = (left[keep], right[keep], sims[keep])
    named = sum(1 for label in vectors.columns[: vectors.shown] if not label.startswith(f"{WORDS}:"))
    evidence = vectors.matrix[:, :named]  # names, numbers and dates: the first columns
    gate = None
    if settings.evidence_gate > 0:
        bars = _look_alike_bars(len(ordered), edges, settings.lone_rank, settings.lone_margin)
        gate = (_unit_rows(evidence), settings.evidence_gate, bars)
    members = average_link(vectors.matrix, edges, settings.threshold, seeds, tags, gate=gate)
    if settings.attach_size > 0 and settings.attach_ratio < 1.0:
        lower = settings.threshold * settings.attach_ratio
        sizes = {"max_smaller": settings.attach_size, "min_larger": settings.attach_larger}
        members = average_link(vectors.matrix, edges, lower, members, tags, gate=gate, **sizes)
    members = attach_lone(
        vectors.matrix, edges, members, settings.lone_rank, settings.lone_margin, tags, alone, evidence
    )
    forced = _forced_members(seeds, tags, alone)
    stories = sorted((_story(ordered, vectors, group, forced) for group in members), key=lambda s: s.article_ids[0])
    log.info("grouped %d articles into %d stories", len(ordered), len(stories))
    return tuple(stories)


def _look_alike_bars(n: int, edges, rank: int, margin: float) -> np.ndarray:
    """Per article, its rank-th closest candidate's similarity (0 when it has fewer) plus the margin: a merge that
    beats this for every member stands out from the look-alikes and needs no shared name or figure."""
    left, right, sims = edges
    ends = np.concatenate([left, right])
    values = np.concatenate([sims, sims])
    order = np.lexsort((-values, ends))
    ends, values = ends[order], values[order]
    first = np.searchsorted(ends, np.arange(n))
    count = np.searchsorted(ends, np.arange(n), side="right") - first
    bars = np.zeros(n)
    has = count >= max(rank, 1)
    bars[has] = values[first[has] + max(rank, 1) - 1]
    return bars + margin


def _unit_rows(matrix):
    """Rows scaled to unit length (empty rows stay empty)."""
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return (sp.diags(1.0 / norms) @ matrix).tocsr()


def _max_key_df(n: int) -> int:
    """Terms in more articles than this find candidates only among the articles they weigh most in (every term
    counts in scores). Bounded, so that one article's candidate search costs at most key_terms * 500 postings
    whatever the corpus size (the same as n // 20 up to 10,000 articles)."""
    return max(50, min(n // 20, 500))


def _merge_seeds(merge: tuple[tuple[str, ...], ...], index: dict[str, int]) -> tuple[tuple[int, ...], ...]:
    """Union overlapping merge tuples into disjoint groups of article indices."""
    parent = list(range(len(index)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for group in merge:
        known = [index[a] for a in group if _known(a, index, "merge")]
        for i in known[1:]:
            parent[find(i)] = find(known[0])
    roots: dict[int, list[int]] = {}
    for i in range(len(index)):
        roots.setdefault(find(i), []).append(i)
    return tuple(tuple(g) for g in roots.values() if len(g) > 1)


def _split_tags(
    split: tuple[tuple[str, ...], ...], index: dict[str, int]
) -> tuple[dict[int, frozenset[int]], frozenset[int]]:
    """Tag each article with the split tuples it is in; single-id tuples mark articles that stay alone."""
    tags: dict[int, set[int]] = {}
    alone: set[int] = set()
    for number, group in enumerate(split):
        known = sorted({index[a] for a in group if _known(a, index, "split")})
        if len(known) == 1 and len(set(group)) == 1:
            alone.add(known[0])
        for i in known if len(known) > 1 else ():
            tags.setdefault(i, set()).add(number)
    return {i: frozenset(t) for i, t in tags.items()}, frozenset(alone)


def _known(article_id: str, index: dict[str, int], setting: str) -> bool:
    if article_id not in index:
        log.warning("group %s override names an unknown article id %r; ignored", setting, article_id)
        return False
    return True


def _check_conflicts(
    seeds: tuple[tuple[int, ...], ...], tags: dict[int, frozenset[int]], alone: frozenset[int], ordered
) -> None:
    for seed in seeds:
        seen: dict[int, int] = {}
        for i in seed:
            if i in alone:
                raise OverrideError(f"article {ordered[i].id!r} is both merged with others and split out alone")
            for tag in tags.get(i, ()):
                if tag in seen:
                    pair = (ordered[seen[tag]].id, ordered[i].id)
                    raise OverrideError(f"articles {pair[0]!r} and {pair[1]!r} are both merged and split")
                seen[tag] = i


def _forced_members(seeds, tags, alone) -> dict[int, set[str]]:
    forced: dict[int, set[str]] = {}
    for seed in seeds:
        for i in seed:
            forced.setdefault(i, set()).add("merge")
    for i in set(tags) | set(alone):
        forced.setdefault(i, set()).add("split")
    return forced


def _story(
    ordered: tuple[Article, ...], vectors: TermMatrix, members: tuple[int, ...], forced: dict[int, set[str]]
) -> StoryGroup:
    rows = vectors.matrix[list(members)]
    # The members' summed vector over the columns they use only (a dense row per story would cost stories x columns).
    columns, entry = np.unique(rows.indices, return_inverse=True)
    total = np.bincount(entry, weights=rows.data, minlength=len(columns))
    squared = float(total @ total)
    norm = np.sqrt(squared) or 1.0
    member_of = np.repeat(np.arange(rows.shape[0]), np.diff(rows.indptr))
    to_centroid = np.bincount(member_of, weights=rows.data * total[entry], minlength=rows.shape[0]) / norm
    size = len(members)
    cohesion = 1.0 if size == 1 else float((squared - size) / (size * (size - 1)))
    best = _title_member(ordered, members, to_centroid)
    title = _title(ordered[best])
    ids = tuple(ordered[i].id for i in members)
    return StoryGroup(
        id=story_id(title, ids),
        title=title,
        title_article_id=ordered[best].id,
        article_ids=ids,
        shared_terms=_shared_terms(vectors, columns, total, np.bincount(entry, minlength=len(columns)), size),
        similarities=tuple((ordered[i].id, round(float(s), 4)) for i, s in zip(members, to_centroid, strict=True)),
        cohesion=round(cohesion, 4),
        forced=tuple(sorted(set().union(*(forced.get(i, set()) for i in members)))),
    )


def _title_member(ordered: tuple[Article, ...], members: tuple[int, ...], to_centroid: np.ndarray) -> int:
    """The member closest to the centroid, preferring members that have a headline."""
    ranked = sorted(
        zip(members, to_centroid.tolist(), strict=True),
        key=lambda m: (ordered[m[0]].headline is None, -round(m[1], 9), ordered[m[0]].id),
    )
    return ranked[0][0]


def _title(article: Article) -> str:
    """The article's headline, else its first sentence, else its id (never words of our own)."""
    if article.headline and article.headline.strip():
        return article.headline.strip()
    for paragraph in article.paragraphs:
        spans = split_spans(paragraph)
        if spans:
            start, end = spans[0]
            return paragraph[start:end]
    return article.id


def _shared_terms(
    vectors: TermMatrix, columns: np.ndarray, total: np.ndarray, presence: np.ndarray, size: int, limit: int = 12
) -> tuple[str, ...]:
    """Terms in at least half the members (two at least), heaviest in the centroid first, as written (`columns`: the
    members' columns, with their summed weights and how many members have each)."""
    need = 1 if size == 1 else max(2, (size + 1) // 2)
    found = np.nonzero((presence >= need) & (columns < vectors.shown))[0].tolist()  # not the plain blocks
    ranked = sorted(found, key=lambda k: (-total[k], vectors.columns[columns[k]]))
    labels = [vectors.columns[columns[k]] for k in ranked]
    multi = {word for label in labels if label.startswith(f"{NAMES}:") for word in label.split()[1:]}
    multi |= {label.split(":", 1)[1].split()[0] for label in labels if label.startswith(f"{NAMES}:") and " " in label}
    out: list[str] = []
    for label in labels:
        kind, key = label.split(":", 1)
        if kind == NAMES and " " not in key and key in multi:
            continue  # "Sox" when "Red Sox" is shown
        text = vectors.surface.get(label, key)
        if text.lower() not in {t.lower() for t in out}:
            out.append(text)
        if len(out) == limit:
            break
    return tuple(out)


def story_id(title: str, article_ids: tuple[str, ...]) -> str:
    """A stable slug: up to eight words of the title plus six hex digits of a hash of the member ids."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_title.lower())[:_SLUG_WORDS]
    digest = hashlib.sha1("\n".join(sorted(article_ids)).encode()).hexdigest()[:6]
    return "-".join([*words, digest]) if words else f"story-{digest}"
