"""Distinctive terms: words and two-word phrases one outlet uses and the others do not.

Ranked by log-odds with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008, "Fightin' Words"); a term
used once is chance, not choice, and names are who is mentioned (mentions.py), not word choice.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from ..records import Article
from ..text.lexicon import STOP_WORDING
from .words import Item, Occurrence, Words, read_words, spaced_pairs, word_lemma

_STOP = STOP_WORDING


@dataclass(frozen=True, slots=True)
class DistinctiveTerm:
    """A word or phrase one outlet uses and the others do not, with its log-odds z-score."""

    outlet: str
    term: str
    count: int
    others: int  # uses by all other outlets together (0 for terms only this outlet uses)
    score: float
    occurrences: tuple[Occurrence, ...]


Spot = tuple[Article, int, int]  # where a term is written: the article and offsets into its text


@lru_cache(maxsize=65536)
def _content_term(word: str) -> str | None:
    """The term a word as written counts under (lower-cased, plural folded); None for stop words and short words."""
    low = word.lower()
    return None if low in _STOP or len(low) < 3 else word_lemma(low)


def _names(term_of: Mapping[str, str | None]) -> set[str]:
    """Terms never written in lower case (names are who is mentioned, in mentions.py, not word choice), from each
    word's `_content_term`."""
    proper: set[str] = set()
    common: set[str] = set()
    for word, term in term_of.items():
        if term is not None:
            (proper if word[0].isupper() else common).add(term)
    return proper - common


def _counts(
    articles: Iterable[Article], words: Mapping[str, Words] | None = None
) -> tuple[dict[str, Counter[str]], dict[Item, str]]:
    """Per outlet, counts of content words and adjacent content-word pairs (lower-cased, plurals folded).

    Also gives the term of each word and pair counted. The terms are worked out once per distinct word or pair of
    the story; the counting maps each occurrence to its term with a dictionary look-up.
    """
    articles = tuple(articles)
    read = read_words(articles, words)
    term_of = {word: _content_term(word) for word in set().union(*(read[a.id].distinct_words for a in articles))}
    content = {word for word, term in term_of.items() if term is not None}
    names = _names(term_of)
    # The term of a word, or of two content words a single space joins ("stand alone"), unless a part is a name.
    terms: dict[Item, str] = {word: term for word, term in term_of.items() if term is not None and term not in names}
    for pair in set().union(*(read[a.id].distinct_pairs for a in articles)):
        first, second = term_of[pair[0]], term_of[pair[1]]
        if first is not None and second is not None and first not in names and second not in names:
            terms[pair] = f"{first} {second}"
    counts: dict[str, Counter[str]] = {}
    for article in articles:
        mine = read[article.id]
        if content.isdisjoint(mine.distinct_words):  # no content word: nothing to count (not even an outlet)
            continue
        counter = counts.setdefault(article.display_outlet, Counter())
        counter.update(t for t in map(terms.get, mine.written) if t is not None)
        counter.update(t for t in map(terms.get, spaced_pairs(mine)) if t is not None)
    return counts, terms


def _term_spots(
    articles: tuple[Article, ...],
    read: Mapping[str, Words],
    terms: Mapping[Item, str],
    wanted: Iterable[tuple[str, str]],
) -> dict[tuple[str, str], list[Spot]]:
    """(outlet, term) -> where the outlet writes the term, in article and text order, for the wanted ones only."""
    by_term: dict[str, set[Item]] = defaultdict(set)
    for item, term in terms.items():
        by_term[term].add(item)
    targets: dict[str, dict[Item, str]] = defaultdict(dict)  # outlet -> words and pairs to look for -> their term
    for outlet, term in wanted:
        targets[outlet].update(dict.fromkeys(by_term[term], term))
    spots: dict[tuple[str, str], list[Spot]] = defaultdict(list)
    for article in articles:
        outlet = article.display_outlet
        mine, words = targets.get(outlet), read[article.id]
        if not mine or (mine.keys().isdisjoint(words.written) and mine.keys().isdisjoint(spaced_pairs(words))):
            continue
        written = words.written
        for i in places(written, first_words(mine)):
            word = written[i]
            if word in mine:
                spots[(outlet, mine[word])].append((article, words.starts[i], words.ends[i]))
            pair = written[i : i + 2]
            if len(pair) == 2 and words.spaced[i] and pair in mine:
                spots[(outlet, mine[pair])].append((article, words.starts[i], words.ends[i + 1]))
    return spots


def first_words(items: Iterable[Item]) -> set[str]:
    """The words, and the first words of the pairs, among some words and pairs."""
    return {item if isinstance(item, str) else item[0] for item in items}


def places(written: Sequence[str], firsts: set[str]) -> list[int]:
    """Indices of the words in `firsts` (`first_words` of some wanted words and pairs), in text order: the only places
    a scan for those words and pairs can find one (one set look-up per word instead of a look-up and a slice)."""
    return [i for i, word in enumerate(written) if word in firsts]


def distinctive_terms(
    articles: Iterable[Article], top: int = 8, prior: float = 10.0, words: Mapping[str, Words] | None = None
) -> tuple[DistinctiveTerm, ...]:
    """Each outlet's most distinctive terms: used there and nowhere else, by log-odds z-score against the rest."""
    articles = tuple(articles)
    if len({a.display_outlet for a in articles}) < 2:
        return ()  # counts are per outlet (below): one outlet has nothing to compare with
    read = read_words(articles, words)
    counts, terms = _counts(articles, read)
    if len(counts) < 2:
        return ()
    total: Counter[str] = Counter()
    for counter in counts.values():
        total.update(counter)
    grand = sum(total.values())
    picked: list[tuple[str, str, int, int, float]] = []  # (outlet, term, count, others, score)
    for outlet in sorted(counts):
        mine = counts[outlet]
        n_mine = sum(mine.values())
        n_rest = grand - n_mine
        scored = []
        for term, y in mine.items():
            rest = total[term] - y
            if rest or total[term] == grand:  # used elsewhere, or the only word there is: nothing to compare
                continue
            alpha = prior * total[term] / grand
            delta = math.log((y + alpha) / (n_mine + prior - y - alpha)) - math.log(
                (rest + alpha) / (n_rest + prior - rest - alpha)
            )
            z = delta / math.sqrt(1 / (y + alpha) + 1 / (rest + alpha))
            scored.append((-z, term, y, rest))
        scored.sort()
        kept = [s for s in scored if s[2] >= 2]  # a term used once is chance, not choice
        phrases = {(part, y) for _, term, y, _ in kept if " " in term for part in term.split()}
        kept = [s for s in kept if (s[1], s[2]) not in phrases]  # "stand" is already in "stand alone"
        picked.extend((outlet, term, y, rest, round(-negz, 4)) for negz, term, y, rest in kept[:top])
    spots = _term_spots(articles, read, terms, [(outlet, term) for outlet, term, *_ in picked])
    return tuple(
        DistinctiveTerm(
            outlet,
            term,
            y,
            rest,
            score,
            tuple(Occurrence(a.id, start, end, a.text[start:end]) for a, start, end in spots[(outlet, term)]),
        )
        for outlet, term, y, rest, score in picked
    )
