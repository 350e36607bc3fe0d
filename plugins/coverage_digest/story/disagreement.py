"""A story's support links as arrays over its sentence rows, and the disagreements read off them: linked sentences
whose numbers differ, or near-identical ones where only one is negated."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from ..records import Sentence
from .support import SentenceRef, Support


@dataclass(frozen=True, slots=True)
class Disagreement:
    """Two articles' sentences on the same thing that differ in their numbers or in negation."""

    a: SentenceRef
    b: SentenceRef
    kind: str  # "numbers" or "negation"
    detail: str


@dataclass(frozen=True, slots=True)
class StoryLinks:
    """A story's support links as parallel arrays over sentence rows, in the link order of `Support.links()`."""

    source: np.ndarray
    target: np.ndarray
    verbatim: np.ndarray

    def same_fact(self, row: int) -> set[int]:
        """Rows reporting the same thing as a row, in both directions of the links."""
        return set(self.target[self.source == row].tolist()) | set(self.source[self.target == row].tolist())


def story_links(support: Support, rows: Mapping[tuple[str, int], int]) -> StoryLinks:
    """Every kept support link as (source row, target row, verbatim), read in one pass."""
    source, target, verbatim = [], [], []
    for item in support.articles:
        for sentence in item.sentences:
            if not sentence.links:
                continue
            source.extend([rows[(item.article_id, sentence.ref.index)]] * len(sentence.links))
            for link in sentence.links:
                target.append(rows[(link.target.article_id, link.target.index)])
                verbatim.append(link.kind == "verbatim")
    return StoryLinks(
        np.array(source, dtype=np.int64),
        np.array(target, dtype=np.int64),
        np.array(verbatim, dtype=bool),
    )


_NUM = re.compile(r"\d+(?:[.,]\d+)*")
_NEGATION = re.compile(r"\b(?:not|no|never|n't|denied|denies|rejected|rejects)\b", re.I)


def find_disagreements(support: Support, sentence_of: Mapping[tuple[str, int], Sentence]) -> tuple[Disagreement, ...]:
    """Linked sentences that both give numbers but different ones, or near-identical ones where only one is negated."""
    links = story_links(support, {key: row for row, key in enumerate(sentence_of)})
    return disagreements(list(sentence_of.values()), links)


def disagreements(flat: Sequence[Sentence], links: StoryLinks) -> tuple[Disagreement, ...]:
    """find_disagreements over the story's sentence rows and link arrays (each linked pair judged once)."""
    keys = [(s.article_id, s.index) for s in flat]
    rank = np.empty(len(keys), dtype=np.int64)
    rank[sorted(range(len(keys)), key=keys.__getitem__)] = np.arange(len(keys))
    swap = rank[links.source] > rank[links.target]
    low = np.where(swap, links.target, links.source)
    high = np.where(swap, links.source, links.target)
    _, first = np.unique(low * max(1, len(keys)) + high, return_index=True)  # each pair's first link
    pair_low, pair_high = low[first], high[first]
    # Numbers and negation are read only for the sentences of a linked pair: the others are never compared.
    linked = np.union1d(pair_low, pair_high).tolist()
    numbers = {row: frozenset(_NUM.findall(flat[row].text)) for row in linked}
    has_numbers, negated = np.zeros(len(flat), dtype=bool), np.zeros(len(flat), dtype=bool)
    has_numbers[linked] = [bool(numbers[row]) for row in linked]
    negated[linked] = [bool(_NEGATION.search(flat[row].text)) for row in linked]
    both_numbers = has_numbers[pair_low] & has_numbers[pair_high]
    maybe = both_numbers | (links.verbatim[first] & (negated[pair_low] != negated[pair_high]))  # worth a closer look
    out = []
    for k in first[maybe].tolist():
        a, b = int(low[k]), int(high[k])
        na, nb = numbers[a], numbers[b]
        if na and nb and not na & nb:
            detail = f"{', '.join(sorted(na))} vs {', '.join(sorted(nb))}"
            out.append(Disagreement(SentenceRef(*keys[a]), SentenceRef(*keys[b]), "numbers", detail))
        elif links.verbatim[k] and negated[a] != negated[b]:
            refs = SentenceRef(*keys[a]), SentenceRef(*keys[b])
            out.append(Disagreement(*refs, "negation", "one of the two is negated"))
    return tuple(sorted(out, key=lambda d: (d.a.article_id, d.a.index, d.b.article_id, d.b.index)))
