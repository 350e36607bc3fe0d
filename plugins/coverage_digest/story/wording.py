"""Word choice: how each outlet names actors and events, as an outlet × term table with traceable occurrences.

Three sources of term families:
- a small lexicon of news-framing families (below), each a set of ways to name one kind of actor or event;
- spelling variants found in the text: forms that differ only by hyphen, space, case or British/American spelling
  ("cease-fire" / "ceasefire", "defence" / "defense");
- distinctive terms: words and two-word phrases one outlet uses and the others do not, ranked by log-odds with an
  informative Dirichlet prior (Monroe, Colaresi & Quinn 2008, "Fightin' Words").
"""

from __future__ import annotations

import logging
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate, compress, pairwise

from ..records import Article
from ..text.lexicon import BRITISH_TO_AMERICAN, STOP_WORDING, WORDING_FAMILIES

log = logging.getLogger(__name__)


LEXICON = WORDING_FAMILIES  # family -> (term, pattern), from the lexicon
# One scan for the whole lexicon: multi-word terms first, so "terrorist group" wins over "terrorist". Each term's
# group is empty and follows its pattern (it only names the term): the scan is three times faster than with every
# alternative opening a group.
_LEXICON_TERMS = sorted(
    ((family, term, pattern) for family, terms in LEXICON.items() for term, pattern in terms),
    key=lambda t: ("\\s" not in t[2], t[0], t[1]),
)
_LEXICON_RE = re.compile(
    r"(?<![\w-])(?=[a-z])(?:"
    + "|".join(rf"(?:{p})(?![\w-])(?P<t{i}>)" for i, (_, _, p) in enumerate(_LEXICON_TERMS))
    + ")",
    re.IGNORECASE,
)

_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*(?:-[A-Za-z]+)*")
_WORD_SPLIT = re.compile(f"({_WORD.pattern})")  # a text as gap, word, gap, word, ..., gap
_BRITISH = BRITISH_TO_AMERICAN
_STOP = STOP_WORDING


@dataclass(frozen=True, slots=True)
class Occurrence:
    """One place a term is written: offsets into `Article.text`."""

    article_id: str
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class TermUse:
    """How often one outlet uses one term of a family, with every occurrence."""

    family: str
    term: str
    outlet: str
    count: int
    occurrences: tuple[Occurrence, ...]


@dataclass(frozen=True, slots=True)
class TermFamily:
    """Ways to name one actor or event, and which outlet uses which (source: lexicon or spelling)."""

    name: str
    source: str
    terms: tuple[str, ...]  # terms used, most used first
    uses: tuple[TermUse, ...]  # by term, then outlet

    @property
    def varied(self) -> bool:
        """True when outlets use different terms of the family (what a reader wants to see)."""
        return len(self.terms) > 1


@dataclass(frozen=True, slots=True)
class DistinctiveTerm:
    """A word or phrase one outlet uses and the others do not, with its log-odds z-score."""

    outlet: str
    term: str
    count: int
    others: int  # uses by all other outlets together (0 for terms only this outlet uses)
    score: float
    occurrences: tuple[Occurrence, ...]


@dataclass(frozen=True, slots=True)
class Wording:
    """The word-choice comparison of a story: term families and each outlet's distinctive terms."""

    outlets: tuple[str, ...]
    families: tuple[TermFamily, ...]
    distinctive: tuple[DistinctiveTerm, ...]


@lru_cache(maxsize=65536)
def spelling_key(term: str) -> str:
    """A form ignoring case, hyphens, spaces, possessives and British/American spelling ("Cease-fire": "ceasefire")."""
    key = re.sub(r"['’]s?$", "", term.lower())
    key = re.sub(r"[\s-]+", "", key)
    for pattern, repl in _BRITISH:
        key = pattern.sub(repl, key)
    return key


@lru_cache(maxsize=65536)
def _lemma(word: str) -> str:
    w = word.lower()
    w = re.sub(r"['’]s?$", "", w)
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith(("sses", "xes", "ches", "shes")):
        return w[:-2]
    if w.endswith("s") and not w.endswith(("ss", "us", "is")) and len(w) > 3:
        return w[:-1]
    return w


def _family(name: str, source: str, found: dict[str, dict[str, list[Occurrence]]]) -> TermFamily:
    """Build a family from term -> outlet -> occurrences."""
    totals = {term: sum(len(o) for o in by_outlet.values()) for term, by_outlet in found.items()}
    terms = tuple(sorted(totals, key=lambda t: (-totals[t], t)))
    uses = tuple(
        TermUse(name, term, outlet, len(occ), tuple(occ))
        for term in terms
        for outlet, occ in sorted(found[term].items())
    )
    return TermFamily(name, source, terms, uses)


def lexicon_families(articles: Iterable[Article]) -> tuple[TermFamily, ...]:
    """Uses of the framing lexicon's terms per outlet (longest match wins where terms overlap)."""
    found: dict[str, dict[str, dict[str, list[Occurrence]]]] = defaultdict(
        lambda: defaultdict(lambda: defaultdict(list))
    )
    for article in articles:
        for m in _LEXICON_RE.finditer(article.text):
            family, term, _ = _LEXICON_TERMS[int(m.lastgroup[1:])]
            occurrence = Occurrence(article.id, m.start(), m.end(), m.group(0))
            found[family][term][article.display_outlet].append(occurrence)
    return tuple(_family(name, "lexicon", found[name]) for name in LEXICON if name in found)


Item = str | tuple[str, str]  # a word as written, or two words as written that a single space joins ("cease fire")


@dataclass(frozen=True, slots=True)
class Words:
    """Every word of a text, read once: as written, its offsets, and whether a single space joins it to the next."""

    written: tuple[str, ...]
    starts: tuple[int, ...]
    ends: tuple[int, ...]
    spaced: tuple[bool, ...]  # spaced[i]: the text between word i and word i + 1 is exactly " "
    distinct: frozenset[Item]  # the distinct words, and pairs of words a single space joins


def _words(article: Article) -> Words:
    """Every word of the text: one split into gaps and words, offsets summed from their lengths."""
    parts = _WORD_SPLIT.split(article.text)
    bounds = tuple(accumulate(map(len, parts)))  # word i starts at bounds[2i] and ends at bounds[2i + 1]
    written, spaced = tuple(parts[1::2]), tuple(map(" ".__eq__, parts[2:-1:2]))
    return Words(
        written, bounds[0:-1:2], bounds[1::2], spaced, frozenset((*written, *compress(pairwise(written), spaced)))
    )


def _pairs(words: Words) -> Iterator[tuple[str, str]]:
    """Adjacent words, as written, that a single space joins ("cease fire"), in text order."""
    return compress(pairwise(words.written), words.spaced)


def _read(articles: Iterable[Article], words: Mapping[str, Words] | None) -> dict[str, Words]:
    """Every article's words: the ones given, read once for the others."""
    words = words or {}
    return {a.id: words[a.id] if a.id in words else _words(a) for a in articles}


@lru_cache(maxsize=65536)
def _spelling_form(form: str) -> tuple[str, str] | None:
    """(spelling key, form) under which a word or two-word compound is compared; None for short and stop words."""
    if len(form) < 4 or form in _STOP:
        return None
    form = _lemma(form) if " " not in form else form
    return spelling_key(form), form


# Endings where `spelling_key` does more than drop spaces and hyphens: a possessive (of the form), a British
# spelling (of the form without spaces and hyphens). Keep in step with `spelling_key` and `_BRITISH`.
_POSSESSIVE_ENDINGS = ("'", "’", "'s", "’s")
_BRITISH_ENDINGS = ("ence", "our", "ours", "ise", "ised", "ises", "ising")


def _compound_form(first: str, second: str) -> tuple[str, str] | None:
    """`_spelling_form` of two words a single space joins: the same, without regular expressions for most pairs.

    Most adjacent pairs of a story occur once, so a cache does not help; their key is the lower-cased pair without
    space and hyphens unless it ends like a possessive or a British spelling.
    """
    form = f"{first.lower()} {second.lower()}"
    key = form.replace(" ", "").replace("-", "")
    if len(form) < 4 or form.endswith(_POSSESSIVE_ENDINGS) or key.endswith(_BRITISH_ENDINGS):
        return _spelling_form(form)
    return key, form


def _spelling_item(item: Item) -> tuple[str, str] | None:
    """`_spelling_form` of a word or a space-joined pair as written (lower-cased, the pair with one space)."""
    return _spelling_form(item.lower()) if isinstance(item, str) else _compound_form(*item)


def spelling_families(articles: Iterable[Article], words: Mapping[str, Words] | None = None) -> tuple[TermFamily, ...]:
    """Words and hyphenated/spaced compounds written differently by different outlets but with one spelling key."""
    articles = tuple(articles)
    read = _read(articles, words)
    items = [read[a.id].distinct for a in articles]
    # Keys are found on the story's distinct words and pairs; occurrences are built only for the families kept.
    keyed: dict[str, dict[Item, str]] = defaultdict(dict)  # spelling key -> words and pairs with that key -> form
    for item in set().union(*items):
        found = _spelling_item(item)
        if found:
            keyed[found[0]][item] = found[1]
    varied: dict[Item, tuple[str, str]] = {}  # word or pair -> (key, form), for keys written more than one way
    for key, members in keyed.items():
        variants = set(members.values())
        if len(variants) > 1 and not all(" " in f for f in variants):
            varied.update((item, (key, form)) for item, form in members.items())
    outlets: dict[str, set[str]] = defaultdict(set)  # key -> outlets writing it, for those keys
    for article, mine in zip(articles, items, strict=True):
        for item in varied.keys() & mine:
            outlets[varied[item][0]].add(article.display_outlet)
    kept = {item: found for item, found in varied.items() if len(outlets[found[0]]) > 1}
    spots = _spelling_spots(articles, read, items, kept)
    return tuple(_family(key, "spelling", _occurrences(articles, spots[key])) for key in sorted(spots))


def _spelling_spots(
    articles: tuple[Article, ...],
    read: Mapping[str, Words],
    items: list[frozenset[Item]],
    kept: Mapping[Item, tuple[str, str]],
) -> dict[str, list[tuple[str, str, int, int, int]]]:
    """Spelling key -> (form, outlet, article index, start, end) for the words and pairs kept, in text order."""
    spots: dict[str, list[tuple[str, str, int, int, int]]] = defaultdict(list)
    for index, article in enumerate(articles):
        if kept.keys().isdisjoint(items[index]):
            continue
        words, outlet = read[article.id], article.display_outlet
        for i, word in enumerate(words.written):
            if word in kept:
                key, form = kept[word]
                spots[key].append((form, outlet, index, words.starts[i], words.ends[i]))
            pair = words.written[i : i + 2]
            if len(pair) == 2 and words.spaced[i] and pair in kept:
                key, form = kept[pair]
                spots[key].append((form, outlet, index, words.starts[i], words.ends[i + 1]))
    return spots


def _occurrences(
    articles: tuple[Article, ...], spots: list[tuple[str, str, int, int, int]]
) -> dict[str, dict[str, list[Occurrence]]]:
    """Form -> outlet -> occurrences, in text order, from a spelling key's spots."""
    found: dict[str, dict[str, list[Occurrence]]] = defaultdict(lambda: defaultdict(list))
    for form, outlet, a, start, end in spots:
        found[form][outlet].append(Occurrence(articles[a].id, start, end, articles[a].text[start:end]))
    return found


Spot = tuple[Article, int, int]  # where a term is written: the article and offsets into its text


@lru_cache(maxsize=65536)
def _content_term(word: str) -> str | None:
    """The term a word as written counts under (lower-cased, plural folded); None for stop words and short words."""
    low = word.lower()
    return None if low in _STOP or len(low) < 3 else _lemma(low)


def _item_term(item: Item) -> str | None:
    """The term of a word, or of two content words a single space joins ("stand alone"); None otherwise."""
    if isinstance(item, str):
        return _content_term(item)
    first, second = _content_term(item[0]), _content_term(item[1])
    return f"{first} {second}" if first is not None and second is not None else None


def _names(words: Iterable[str]) -> set[str]:
    """Terms never written in lower case (names are who is mentioned, in mentions.py, not word choice)."""
    proper: set[str] = set()
    common: set[str] = set()
    for word in words:
        term = _content_term(word)
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
    read = _read(articles, words)
    every = set().union(*(read[a.id].distinct for a in articles))
    content = {item for item in every if isinstance(item, str) and _content_term(item) is not None}
    names = _names(content)
    terms: dict[Item, str] = {}
    for item in every:
        term = _item_term(item)
        if term is not None and not any(part in names for part in term.split()):
            terms[item] = term
    counts: dict[str, Counter[str]] = {}
    for article in articles:
        words = read[article.id]
        if content.isdisjoint(words.distinct):  # no content word: nothing to count (not even an outlet)
            continue
        counter = counts.setdefault(article.display_outlet, Counter())
        counter.update(map(terms.get, words.written))
        counter.update(map(terms.get, _pairs(words)))
    for counter in counts.values():
        counter.pop(None, None)
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
        if not mine or (mine.keys().isdisjoint(words.written) and mine.keys().isdisjoint(_pairs(words))):
            continue
        for i, word in enumerate(words.written):
            if word in mine:
                spots[(outlet, mine[word])].append((article, words.starts[i], words.ends[i]))
            pair = words.written[i : i + 2]
            if len(pair) == 2 and words.spaced[i] and pair in mine:
                spots[(outlet, mine[pair])].append((article, words.starts[i], words.ends[i + 1]))
    return spots


def distinctive_terms(
    articles: Iterable[Article], top: int = 8, prior: float = 10.0, words: Mapping[str, Words] | None = None
) -> tuple[DistinctiveTerm, ...]:
    """Each outlet's most distinctive terms: used there and nowhere else, by log-odds z-score against the rest."""
    articles = tuple(articles)
    read = _read(articles, words)
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


def compare_wording(articles: Iterable[Article], top: int = 8) -> Wording:
    """The word-choice comparison of one story's articles."""
    articles = tuple(articles)
    outlets = tuple(sorted({a.display_outlet for a in articles}))
    words = _read(articles, None)  # one reading of each article for the spelling and distinctive-term passes
    families = lexicon_families(articles) + spelling_families(articles, words)
    log.debug("wording: %d families over %d outlets", len(families), len(outlets))
    return Wording(outlets, families, distinctive_terms(articles, top, words=words))
