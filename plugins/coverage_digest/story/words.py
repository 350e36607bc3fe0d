"""An article's words as the word-choice comparison reads them: once per article, with offsets and spacing."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate, compress, pairwise

from ..records import Article

WORD = re.compile(r"[A-Za-z][A-Za-z'’]*(?:-[A-Za-z]+)*")
_WORD_SPLIT = re.compile(f"({WORD.pattern})")  # a text as gap, word, gap, word, ..., gap
_POSSESSIVE = re.compile(r"['’]s?$")


@dataclass(frozen=True, slots=True)
class Occurrence:
    """One place a term is written: offsets into `Article.text`."""

    article_id: str
    start: int
    end: int
    text: str


@lru_cache(maxsize=65536)
def word_lemma(word: str) -> str:
    w = word.lower()
    if "'" in w or "’" in w:  # the only words the possessive pattern can change
        w = _POSSESSIVE.sub("", w)
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith(("sses", "xes", "ches", "shes")):
        return w[:-2]
    if w.endswith("s") and not w.endswith(("ss", "us", "is")) and len(w) > 3:
        return w[:-1]
    return w


Item = str | tuple[str, str]  # a word as written, or two words as written that a single space joins ("cease fire")


@dataclass(frozen=True, slots=True)
class Words:
    """Every word of a text, read once: as written, its offsets, and whether a single space joins it to the next."""

    written: tuple[str, ...]
    starts: tuple[int, ...]
    ends: tuple[int, ...]
    spaced: tuple[bool, ...]  # spaced[i]: the text between word i and word i + 1 is exactly " "
    distinct: frozenset[Item]  # the distinct words, and pairs of words a single space joins
    distinct_words: frozenset[str]  # the distinct words alone
    distinct_pairs: frozenset[tuple[str, str]]  # the distinct pairs alone


def read_article(article: Article) -> Words:
    """Every word of the text: one split into gaps and words, offsets summed from their lengths."""
    parts = _WORD_SPLIT.split(article.text)
    bounds = tuple(accumulate(map(len, parts)))  # word i starts at bounds[2i] and ends at bounds[2i + 1]
    written, spaced = tuple(parts[1::2]), tuple(map(" ".__eq__, parts[2:-1:2]))
    words, pairs = frozenset(written), frozenset(compress(pairwise(written), spaced))
    return Words(written, bounds[0:-1:2], bounds[1::2], spaced, words | pairs, words, pairs)


def spaced_pairs(words: Words) -> Iterator[tuple[str, str]]:
    """Adjacent words, as written, that a single space joins ("cease fire"), in text order."""
    return compress(pairwise(words.written), words.spaced)


def read_words(articles: Iterable[Article], words: Mapping[str, Words] | None) -> dict[str, Words]:
    """Every article's words: the ones given, read once for the others."""
    words = words or {}
    return {a.id: words[a.id] if a.id in words else read_article(a) for a in articles}
