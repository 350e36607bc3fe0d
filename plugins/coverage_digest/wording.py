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
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

from .records import Article

log = logging.getLogger(__name__)


def _word_set(words: str) -> frozenset[str]:
    """A set of words from a whitespace-separated list (keeps long lexicons readable)."""
    return frozenset(words.split())


# family -> (term, pattern): patterns match whole words, case-insensitively, hyphen or space where spellings vary.
LEXICON: dict[str, tuple[tuple[str, str], ...]] = {
    "armed group": (
        ("terror group", r"terror[\s-]+groups?"),
        ("terrorist group", r"terrorist[\s-]+(?:groups?|organi[sz]ations?)"),
        ("militant group", r"militant[\s-]+(?:groups?|organi[sz]ations?)"),
        ("armed group", r"armed[\s-]+groups?"),
        ("Islamist group", r"islamist[\s-]+(?:groups?|movements?)"),
        ("resistance movement", r"resistance[\s-]+(?:groups?|movements?)"),
        ("militia", r"militias?"),
    ),
    "fighters": (
        ("militants", r"militants?"),
        ("terrorists", r"terrorists?"),
        ("fighters", r"fighters?"),
        ("gunmen", r"gunm[ae]n"),
        ("insurgents", r"insurgents?"),
        ("extremists", r"extremists?"),
        ("jihadists", r"jihadists?"),
        ("combatants", r"combatants?"),
    ),
    "ceasefire": (
        ("ceasefire", r"cease[\s-]?fires?"),
        ("truce", r"truces?"),
        ("pause", r"(?:humanitarian\s+)?pauses?"),
        ("halt to fighting", r"halt\s+(?:to|in)\s+(?:the\s+)?fighting"),
        ("armistice", r"armistices?"),
        ("lull", r"lulls?"),
    ),
    "killing": (
        ("killed", r"kill(?:ed|s|ing)?"),
        ("died", r"died|dies|dying"),
        ("dead", r"dead|deaths?"),
        ("slain", r"slain"),
        ("murdered", r"murder(?:ed|s|ing)?"),
        ("massacred", r"massacre[ds]?"),
        ("perished", r"perish(?:ed|es|ing)?"),
    ),
    "military action": (
        ("invasion", r"invasions?|invad(?:e|ed|es|ing)"),
        ("offensive", r"offensives?"),
        ("operation", r"(?:military\s+|ground\s+)?operations?"),
        ("incursion", r"incursions?"),
        ("assault", r"assaults?"),
        ("raid", r"raids?"),
        ("aggression", r"aggression"),
    ),
    "bombing": (
        ("airstrike", r"air[\s-]?strikes?"),
        ("strike", r"strikes?"),
        ("bombardment", r"bombardments?"),
        ("bombing", r"bombings?"),
        ("shelling", r"shelling"),
    ),
    "captives": (
        ("hostages", r"hostages?"),
        ("captives", r"captives?"),
        ("abductees", r"abductees?"),
        ("prisoners", r"prisoners?"),
        ("detainees", r"detainees?"),
    ),
    "talks": (
        ("talks", r"talks"),
        ("negotiations", r"negotiations?"),
        ("discussions", r"discussions?"),
        ("mediation", r"mediation"),
    ),
    "conflict": (
        ("war", r"wars?"),
        ("conflict", r"conflicts?"),
        ("hostilities", r"hostilities"),
        ("fighting", r"fighting"),
    ),
    "attribution": (
        ("said", r"said|says"),
        ("stated", r"stated"),
        ("claimed", r"claimed|claims"),
        ("alleged", r"alleged"),
        ("insisted", r"insisted"),
        ("declared", r"declared"),
        ("vowed", r"vowed"),
        ("pledged", r"pledged"),
        ("warned", r"warned"),
        ("admitted", r"admitted"),
    ),
}
# One scan for the whole lexicon: multi-word terms first, so "terrorist group" wins over "terrorist".
_LEXICON_TERMS = sorted(
    ((family, term, pattern) for family, terms in LEXICON.items() for term, pattern in terms),
    key=lambda t: ("\\s" not in t[2], t[0], t[1]),
)
_LEXICON_RE = re.compile(
    r"(?<![\w-])(?=[a-z])(?:"
    + "|".join(rf"(?P<t{i}>{p})(?![\w-])" for i, (_, _, p) in enumerate(_LEXICON_TERMS))
    + ")",
    re.IGNORECASE,
)

_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*(?:-[A-Za-z]+)*")
_BRITISH = (
    (re.compile(r"ence$"), "ense"),
    (re.compile(r"([a-z]{3})our(s?)$"), r"\1or\2"),
    (re.compile(r"([a-z]{3})is(e[ds]?|ing)$"), r"\1iz\2"),
)
_STOP = _word_set(
    """a an the of in on at to for from by with without into onto over under about after before during since until and
    or but nor as than that which who whom whose where when while if because so though although this these those is are
    was were be been being am has have had do does did will would shall should can could may might must its their his
    her our your my it they them he she we you i there here also only just even still now then not no ago per each every
    all both some any more most less least many much such other another same own very too said says say told
    according what how why whether one two three four five six seven eight nine ten"""
)


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


Words = tuple[tuple[str, int, int, str], ...]  # (lower-cased word, start, end, as written) for every word of a text


def _words(article: Article) -> Words:
    """(lower-cased word, start, end, as written) for every word of the text."""
    return tuple((m.group(0).lower(), m.start(), m.end(), m.group(0)) for m in _WORD.finditer(article.text))


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


def spelling_families(articles: Iterable[Article], words: Mapping[str, Words] | None = None) -> tuple[TermFamily, ...]:
    """Words and hyphenated/spaced compounds written differently by different outlets but with one spelling key."""
    articles = tuple(articles)
    read = _read(articles, words)
    # key -> [(form, outlet, article index, start, end)]; occurrences are built only for the families kept.
    spots: dict[str, list[tuple[str, str, int, int, int]]] = defaultdict(list)
    for index, article in enumerate(articles):
        words, text, outlet = read[article.id], article.text, article.display_outlet
        for i, (low, start, end, _) in enumerate(words):
            found = _spelling_form(low)
            if found:
                spots[found[0]].append((found[1], outlet, index, start, end))
            if i + 1 < len(words) and text[end : words[i + 1][1]] == " ":  # "cease fire"
                found = _spelling_form(low + " " + words[i + 1][0])
                if found:
                    spots[found[0]].append((found[1], outlet, index, start, words[i + 1][2]))
    families = []
    for key in sorted(spots):
        variants = {form for form, *_ in spots[key]}
        outlets = {outlet for _, outlet, *_ in spots[key]}
        if len(variants) < 2 or len(outlets) < 2 or all(" " in f for f in variants):
            continue
        families.append(_family(key, "spelling", _occurrences(articles, spots[key])))
    return tuple(families)


def _occurrences(
    articles: tuple[Article, ...], spots: list[tuple[str, str, int, int, int]]
) -> dict[str, dict[str, list[Occurrence]]]:
    """Form -> outlet -> occurrences, in text order, from a spelling key's spots."""
    found: dict[str, dict[str, list[Occurrence]]] = defaultdict(lambda: defaultdict(list))
    for form, outlet, a, start, end in spots:
        found[form][outlet].append(Occurrence(articles[a].id, start, end, articles[a].text[start:end]))
    return found


Spot = tuple[Article, int, int]  # where a term is written: the article and offsets into its text


def _counts(
    articles: Iterable[Article], words: Mapping[str, Words] | None = None
) -> tuple[dict[str, Counter[str]], dict[tuple[str, str], list[Spot]]]:
    """Per outlet, counts of content words and adjacent content-word pairs (lower-cased, plurals folded)."""
    articles = tuple(articles)
    read = _read(articles, words)
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    where: dict[tuple[str, str], list[Spot]] = defaultdict(list)
    proper: Counter[str] = Counter()
    common: Counter[str] = Counter()
    for article in articles:
        outlet = article.display_outlet
        text = article.text
        previous: tuple[str, int, int] | None = None  # (term, start, end) of the word before, if a content word
        for low, start, end, written in read[article.id]:
            if low in _STOP or len(low) < 3:
                previous = None
                continue
            term = _lemma(low)
            (proper if written[0].isupper() else common)[term] += 1
            counts[outlet][term] += 1
            where[(outlet, term)].append((article, start, end))
            if previous is not None and text[previous[2] : start] == " ":
                pair = f"{previous[0]} {term}"
                counts[outlet][pair] += 1
                where[(outlet, pair)].append((article, previous[1], end))
            previous = (term, start, end)
    # Names are who is mentioned (mentions.py), not word choice: drop words never written in lower case.
    names = {t for t in proper if not common[t]}
    for counter in counts.values():
        for term in [t for t in counter if any(part in names for part in t.split())]:
            del counter[term]
    return counts, where


def distinctive_terms(
    articles: Iterable[Article], top: int = 8, prior: float = 10.0, words: Mapping[str, Words] | None = None
) -> tuple[DistinctiveTerm, ...]:
    """Each outlet's most distinctive terms: used there and nowhere else, by log-odds z-score against the rest."""
    counts, where = _counts(articles, words)
    if len(counts) < 2:
        return ()
    total: Counter[str] = Counter()
    for counter in counts.values():
        total.update(counter)
    grand = sum(total.values())
    out: list[DistinctiveTerm] = []
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
        for negz, term, y, rest in kept[:top]:
            spots = where[(outlet, term)]
            occurrences = tuple(Occurrence(a.id, start, end, a.text[start:end]) for a, start, end in spots)
            out.append(DistinctiveTerm(outlet, term, y, rest, round(-negz, 4), occurrences))
    return tuple(out)


def compare_wording(articles: Iterable[Article], top: int = 8) -> Wording:
    """The word-choice comparison of one story's articles."""
    articles = tuple(articles)
    outlets = tuple(sorted({a.display_outlet for a in articles}))
    words = _read(articles, None)  # one reading of each article for the spelling and distinctive-term passes
    families = lexicon_families(articles) + spelling_families(articles, words)
    log.debug("wording: %d families over %d outlets", len(families), len(outlets))
    return Wording(outlets, families, distinctive_terms(articles, top, words=words))
