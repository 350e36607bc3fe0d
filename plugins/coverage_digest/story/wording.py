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
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

from ..records import Article
from ..text.lexicon import BRITISH_TO_AMERICAN, STOP_WORDING, WORDING_FAMILIES
from .distinctive import DistinctiveTerm, distinctive_terms, first_words, places
from .words import Item, Occurrence, Words, read_words, word_lemma

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

_BRITISH = BRITISH_TO_AMERICAN
_POSSESSIVE = re.compile(r"['’]s?$")
_SPACES = re.compile(r"[\s-]+")
_STOP = STOP_WORDING


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
class Wording:
    """The word-choice comparison of a story: term families and each outlet's distinctive terms."""

    outlets: tuple[str, ...]
    families: tuple[TermFamily, ...]
    distinctive: tuple[DistinctiveTerm, ...]


@lru_cache(maxsize=65536)
def spelling_key(term: str) -> str:
    """A form ignoring case, hyphens, spaces, possessives and British/American spelling ("Cease-fire": "ceasefire")."""
    key = term.lower()
    if "'" in key or "’" in key:  # the only terms the possessive pattern can change
        key = _POSSESSIVE.sub("", key)
    if not key.isalpha():  # letters only: no space or hyphen to drop
        key = _SPACES.sub("", key)
    for pattern, repl in _BRITISH:
        key = pattern.sub(repl, key)
    return key


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
            family, term, _ = _LEXICON_TERMS[int((m.lastgroup or "t0")[1:])]
            occurrence = Occurrence(article.id, m.start(), m.end(), m.group(0))
            found[family][term][article.display_outlet].append(occurrence)
    return tuple(_family(name, "lexicon", found[name]) for name in LEXICON if name in found)


@lru_cache(maxsize=65536)
def _spelling_form(form: str) -> tuple[str, str] | None:
    """(spelling key, form) under which a word or two-word compound is compared; None for short and stop words."""
    if len(form) < 4 or form in _STOP:
        return None
    form = word_lemma(form) if " " not in form else form
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


def _flat(word: str) -> str:
    """A word lower-cased without hyphens: its part of a pair's spelling key ("Cease-fire": "ceasefire")."""
    return word.lower().replace("-", "")


def _word_parts(words: Iterable[str]) -> tuple[dict[str, str], dict[str, str]]:
    """Each word's `_flat` form, and those of the words that, second in a pair, do not end it like a possessive (the
    space before a pair's second word means its own ending decides that): the parts of `_compound_form`'s key."""
    flats = {word: word.lower().replace("-", "") for word in words}  # `_flat`, inline
    tails = {
        word: flat
        for word, flat in flats.items()
        if word[-1] not in "'’sS" or not word.lower().endswith(_POSSESSIVE_ENDINGS)  # only those can end like one
    }
    return flats, tails


def spelling_families(articles: Iterable[Article], words: Mapping[str, Words] | None = None) -> tuple[TermFamily, ...]:
    """Words and hyphenated/spaced compounds written differently by different outlets but with one spelling key."""
    articles = tuple(articles)
    if len({a.display_outlet for a in articles}) < 2:
        return ()  # a family needs two outlets writing its key (below): one outlet has none
    read = read_words(articles, words)
    items = [read[a.id].distinct for a in articles]
    # Keys are found on the story's distinct words and pairs; occurrences are built only for the families kept.
    keyed: dict[str, dict[Item, str]] = defaultdict(dict)  # spelling key -> words and pairs with that key -> form
    every = set().union(*(read[a.id].distinct_words for a in articles))
    pairs = set().union(*(read[a.id].distinct_pairs for a in articles))
    for word in every:
        if found := _spelling_form(word.lower()):
            keyed[found[0]][word] = found[1]
    # A key written more than one way needs a form without a space, so a word's form (a pair's form has a space):
    # a pair only counts under a key some word has.
    flats, tails = _word_parts(every)
    for first, second in pairs:
        tail = tails.get(second)
        key = None if tail is None else flats[first] + tail
        if key is None or key.endswith(_BRITISH_ENDINGS) or len(first) + len(second) < 3:  # worked out in full
            found = _compound_form(first, second)
            if found and found[0] in keyed:
                keyed[found[0]][(first, second)] = found[1]
        elif key in keyed:  # `_compound_form`'s common case: the words' flat forms run together
            keyed[key][(first, second)] = f"{first.lower()} {second.lower()}"
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
    firsts = first_words(kept)
    for index, article in enumerate(articles):
        if kept.keys().isdisjoint(items[index]):
            continue
        words, outlet = read[article.id], article.display_outlet
        for i in places(words.written, firsts):
            word = words.written[i]
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


def compare_wording(articles: Iterable[Article], top: int = 8) -> Wording:
    """The word-choice comparison of one story's articles."""
    articles = tuple(articles)
    outlets = tuple(sorted({a.display_outlet for a in articles}))
    words = read_words(articles, None)  # one reading of each article for the spelling and distinctive-term passes
    families = lexicon_families(articles) + spelling_families(articles, words)
    log.debug("wording: %d families over %d outlets", len(families), len(outlets))
    return Wording(outlets, families, distinctive_terms(articles, top, words=words))
