"""Terms that identify a news event: names, numbers and dates, content words; weighted TF-IDF vectors over them.

Inverse document frequency over the corpus alone is degenerate for a few articles: with three articles about one
event, the terms all three share get the lowest weight, and similarities shrink with corpus size. So document
frequencies are smoothed with a background: the corpus is counted as part of a larger one of `background` typical
news articles, in which a term's share of articles comes from its frequency in English (wordfreq). A large corpus
outweighs the background; a small one leans on it, and similarities keep one scale at every corpus size.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain, compress
from operator import itemgetter

import numpy as np
import scipy.sparse as sp
from wordfreq import word_frequency

from ..records import Article
from ..text.tfidf import STOP_WORDS, count_matrix

# A token: word characters joined by inner apostrophes or dots, hyphens between letters, commas inside numbers
# ("U.S", "O'Brien", "court-ordered", "1,000"); "6.1-magnitude" gives "6.1" and "magnitude". The possessive quantifiers
# and each separator before its lookbehind only spare the regex engine work (a token ends before a non-word character).
_TOKEN = re.compile(r"\w++(?:(?:[.'’]|-(?<=[^\W\d_]-)(?=[^\W\d_])|,(?<=\d,)(?=\d{3}))\w++)*+")
_TOKEN_SPLIT = re.compile("(" + _TOKEN.pattern + ")")  # split: gap, token, gap, token, ..., gap
_POSSESSIVE_ENDINGS = ("'s", "’s")
_DIGIT = re.compile(r"\d")
_POSSESSIVE = re.compile(r"['’]s$", re.IGNORECASE)
# What may precede a token that starts a sentence (after skipping spaces, quotes and brackets).
_SENTENCE_END = ".!?:;\n"
_OPENERS = " \t\n\"'“‘([«—–-"
# Where a word stands, from the gap before it: joined to the previous word by spaces only (can continue a name), first
# of a sentence or a paragraph (capitalised by position), or neither.
JOINED, INITIAL, SPACED = 0, 1, 2
_CONNECTORS = frozenset(
    {"of", "de", "da", "del", "della", "di", "van", "von", "der", "den", "al", "bin", "el", "la", "le"}
)
_MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october")
_MONTHS = {m[:3]: m for m in (*_MONTH_NAMES, "november", "december")} | {"sept": "september"}
_WEEKDAYS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"})
_STOP = STOP_WORDS | {"said", "says", "told", "according", "year", "years", "new", "just", "like"}

_NOT_NAMES = (
    _STOP | _WEEKDAYS | set(_MONTHS.values()) | set(_MONTHS) | {"mr", "mrs", "ms", "dr", "am", "pm", "est", "gmt"}
)
# A typical news article's length in words: turns a word's frequency in English into its share of articles.
_ARTICLE_WORDS = 400
_RAREST = 1e-9  # the frequency of a word English frequency lists have never seen
NAMES, NUMBERS, WORDS = "names", "numbers", "words"
KINDS = (NAMES, NUMBERS, WORDS)
# Two plain blocks beside the three kinds: every content token of the whole text, names lower-cased like any word (the
# textbook document vector, which tells concurrent stories with one cast apart better than names do), and the
# headline's tokens alone (the first HEAD_WORDS tokens when there is no headline).
TEXT, HEADLINE = "text", "headline"
HEAD_WORDS = 25


Term = tuple[str, str, str, str]  # (kind, key, "<kind>:<key>", as written)


@dataclass(frozen=True, slots=True, eq=False)
class Word:
    """One distinct word as matched, with all that does not depend on where it stands. Shared by its occurrences in
    a corpus (see `Vocabulary`), so a token costs one reference; compared and hashed by identity."""

    text: str  # as written, without a possessive ending
    key: str  # lower-cased, accents and possessive stripped
    capital: bool
    letter: bool  # starts with a letter: only such words count towards telling names apart
    connector: bool  # a lower-case word that may join a multi-word name ("of")
    name: Term  # the term it gives when it is a name
    term: Term | None  # the number/date or content word it gives otherwise, if any
    plain: str | None  # its key in the plain blocks (stemmed when a content word); None for stop words


@dataclass(frozen=True, slots=True)
class Tokens:
    """An article's headline and body words in order, with where each stands."""

    words: tuple[Word, ...]
    stands: bytes  # JOINED, INITIAL or SPACED, one byte a word
    headline: int  # the first this many words are the headline's (capitalised by position too)


@dataclass(frozen=True, slots=True)
class ArticleTerms:
    """The terms of one article by kind, as keys; `surface` maps a key to how it was written."""

    names: tuple[str, ...]
    numbers: tuple[str, ...]
    words: tuple[str, ...]
    surface: tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class TermMatrix:
    """Weighted, row-normalised TF-IDF rows (one per article) over all kinds of term, with the column labels."""

    matrix: sp.csr_matrix
    columns: tuple[str, ...]  # "<kind>:<key>"
    surface: dict[str, str]  # column label -> how it was first written
    shown: int = 0  # the first this many columns are names, numbers and words (the plain blocks come after)


@lru_cache(maxsize=1 << 17)
def fold(text: str) -> str:
    """Lower-case, straighten apostrophes, strip accents and a trailing possessive."""
    text = _POSSESSIVE.sub("", text).replace("’", "'")
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def as_word(match: str) -> Word:
    """What a matched word is, wherever it stands."""
    text = match[:-2] if match[-2:].lower() in _POSSESSIVE_ENDINGS else match
    key = fold(text)
    capital = match[0].isupper()
    number = _number_of(key, capital)
    term: Term | None = None
    if number:
        term = (NUMBERS, number, f"{NUMBERS}:{number}", text)
    elif key not in _STOP and len(key) > 2 and key.isalpha():
        stem = _stem(key)
        term = (WORDS, stem, f"{WORDS}:{stem}", key)
    connector = not capital and key in _CONNECTORS
    plain = None if key in _STOP or len(key) < 2 else term[1] if term and term[0] == WORDS else key
    name = (NAMES, key, f"{NAMES}:{key}", text)
    return Word(text, key, capital, text[0].isalpha(), connector, name, term, plain)


class Vocabulary(dict[str, Word]):
    """The words of one corpus, judged once each by how they were matched (and freed with the corpus)."""

    def __missing__(self, match: str) -> Word:
        word = self[match] = as_word(match)
        return word


def tokenize(article: Article, vocabulary: Vocabulary | None = None) -> Tokens:
    """The words of the headline and body, flagging capitalisation that comes from position alone.

    The regex splits, and lookups mapped over the pieces judge words and gaps: no Python code runs per token.
    """
    vocabulary = Vocabulary() if vocabulary is None else vocabulary
    parts = ([article.headline] if article.headline else []) + list(article.paragraphs)
    words: list[Word] = []
    stands = bytearray()
    headline = 0
    for index, part in enumerate(parts):
        pieces = _TOKEN_SPLIT.split(part)
        gaps, matched = pieces[0:-1:2], pieces[1::2]
        if index == 0 and article.headline is not None:
            headline = len(matched)
        if not matched:
            continue
        words.extend(map(vocabulary.__getitem__, matched))
        stands.append(SPACED if gaps[0].rstrip(_OPENERS) else INITIAL)  # first: only quotes or brackets before?
        stands.extend(map(_stands, gaps[1:]))
    return Tokens(tuple(words), bytes(stands), headline)


@lru_cache(maxsize=1 << 12)
def _stands(gap: str) -> int:
    """Where a word stands after this gap from the previous word (never empty: a token ends before a non-word
    character). Spaces alone never start a sentence: the one sentence end that is a space, a newline, is an opener."""
    if gap.isspace():
        return JOINED
    before = gap.rstrip(_OPENERS)
    return INITIAL if before and before[-1] in _SENTENCE_END else SPACED


def name_words(tokenized: Iterable[Tokens]) -> tuple[frozenset[str], frozenset[str]]:
    """Keys written capitalised mid-sentence more often than in lower case (names), and those of them also seen in
    lower case (titles such as "Minister", which a multi-word name does not start with).

    Words are counted by where they stand (C does the counting); each distinct one is then judged once.
    """
    in_headline: Counter[Word] = Counter()
    in_body: Counter[tuple[Word, int]] = Counter()  # (word, where it stands)
    for tokens in tokenized:
        in_headline.update(tokens.words[: tokens.headline])
        in_body.update(zip(tokens.words[tokens.headline :], tokens.stands[tokens.headline :], strict=True))
    capital: Counter[str] = Counter()
    lower: Counter[str] = Counter()
    for (word, stands), n in in_body.items():
        if word.letter and not word.capital:
            lower[word.key] += n
        elif word.letter and stands != INITIAL:
            capital[word.key] += n
    for word, n in in_headline.items():
        if word.letter and not word.capital:
            lower[word.key] += n
    names = frozenset(k for k, n in capital.items() if n > lower[k] and k not in _NOT_NAMES)
    return names, frozenset(k for k in names if lower[k])


def extract_terms(
    tokens: Tokens, names: frozenset[str], lead: int = 0, titles: frozenset[str] = frozenset()
) -> ArticleTerms:
    """Split tokens into names (single and multi-word), numbers and dates, content words; the lead's count twice.

    Keys come in the order found: name runs, then words by position (a term before the lead's end twice in a row).
    """
    words = tokens.words
    is_name = [w.capital and w.key in names for w in words]
    double = max(lead, tokens.headline)  # words before this position count twice
    runs = [(start, _run_term(words[start:stop])) for start, stop in _name_runs(tokens, is_name, titles)]
    terms = [w.name if name else w.term for w, name in zip(words, is_name, strict=True)]
    head, tail = list(filter(None, terms[:double])), list(filter(None, terms[double:]))
    found: dict[str, list[str]] = {kind: [] for kind in KINDS}
    for start, (_, key, _, _) in runs:
        found[NAMES].extend((key, key) if start < double else (key,))
    for kind, keys in found.items():
        twice = [t[1] for t in head if t[0] == kind]
        keys.extend(chain.from_iterable(zip(twice, twice, strict=True)))
        keys.extend([t[1] for t in tail if t[0] == kind])
    surface = dict(map(itemgetter(2, 3), reversed(head + tail)))  # reversed: the first way a term was written wins
    surface.update((label, text) for _, (_, _, label, text) in reversed(runs))  # and a name run's before a word's
    return ArticleTerms(tuple(found[NAMES]), tuple(found[NUMBERS]), tuple(found[WORDS]), tuple(sorted(surface.items())))


def _run_term(run: tuple[Word, ...]) -> Term:
    key = " ".join(w.key for w in run)
    return (NAMES, key, f"{NAMES}:{key}", " ".join(w.text for w in run))


def _name_runs(tokens: Tokens, is_name: list[bool], titles: frozenset[str]) -> list[tuple[int, int]]:
    """Multi-word names as (start, stop) spans: adjacent name words, maybe joined by a lower-case connector ("Bank of
    England"), without leading titles ("Interior Minister Petra Oslund" gives "Petra Oslund")."""
    words, stands = tokens.words, tokens.stands
    runs: list[tuple[int, int]] = []
    end = 0
    for position in compress(range(len(words)), is_name):
        if position < end:
            continue  # inside the previous run
        end = position + 1
        while end < len(words) and stands[end] == JOINED and (is_name[end] or words[end].connector):
            end += 1
        start, stop = position, end
        while stop > start and words[stop - 1].key in _CONNECTORS:
            stop -= 1
        while start < stop and (words[start].key in titles or words[start].key in _CONNECTORS):
            start += 1
        if stop - start > 1:
            runs.append((start, stop))
    return runs


@lru_cache(maxsize=1 << 17)
def _number_of(key: str, capital: bool) -> str | None:
    """A number without thousands separators, a month's full name ("May" only capitalised), or a weekday."""
    if _DIGIT.search(key):
        return key.replace(",", "")
    month = _MONTHS.get(key[:4] if key.startswith("sept") else key[:3])
    if month and (key == month or key == month[:3] or key == "sept") and (capital or key != "may"):
        return month
    if key in _WEEKDAYS:
        return key
    return None


def _stem(word: str) -> str:
    """Undo the commonest English plural endings so that 'pirates' meets 'pirate'."""
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3:
        return word[:-1]
    return word


def article_terms(articles: tuple[Article, ...], lead: int = 0) -> tuple[ArticleTerms, ...]:
    """Terms of every article, with proper names recognised against the whole corpus; the lead's count twice."""
    return corpus_terms(articles, lead)[0]


def corpus_terms(
    articles: tuple[Article, ...], lead: int = 0
) -> tuple[tuple[ArticleTerms, ...], dict[str, list[tuple[str, ...]]]]:
    """`article_terms`, and the plain blocks' keys per article (TEXT: the headline's count twice; HEADLINE)."""
    vocabulary = Vocabulary()
    tokenized = [tokenize(a, vocabulary) for a in articles]  # about nine bytes a token: a million take 9 MB
    names, titles = name_words(tokenized)
    plain: dict[str, list[tuple[str, ...]]] = {TEXT: [], HEADLINE: []}
    for tokens in tokenized:
        head = [w.plain for w in tokens.words[: tokens.headline or HEAD_WORDS] if w.plain]
        plain[HEADLINE].append(tuple(head))
        body = [w.plain for w in tokens.words if w.plain]  # the headline's words are its first ones
        plain[TEXT].append(tuple(head + body if tokens.headline else body))
    return tuple(extract_terms(tokens, names, lead, titles) for tokens in tokenized), plain


def term_matrix(
    terms: tuple[ArticleTerms, ...],
    weights: dict[str, float],
    background: int = 0,
    plain: dict[str, list[tuple[str, ...]]] | None = None,
    plain_background: int = 0,
) -> TermMatrix:
    """Sublinear TF-IDF per kind, each kind's block L2-normalised and scaled by its weight, rows normalised.

    `background`: how many typical news articles the corpus is counted among (0: IDF over the corpus alone);
    `plain`: the TEXT and HEADLINE blocks' keys (see `corpus_terms`), counted among `plain_background` articles.
    """
    blocks: list = []
    columns: list = []
    shown = 0
    sources = [(kind, [getattr(t, kind) for t in terms], background) for kind in KINDS]
    sources += [(kind, docs, plain_background) for kind, docs in (plain or {}).items()]
    for kind, docs, among in sources:
        if weights.get(kind, 0.0) <= 0 or not any(docs):
            continue
        counts, keys = count_matrix(docs)
        blocks.append(_tfidf(counts, _idf(counts, keys, among)) * weights[kind])
        columns.extend(f"{kind}:{key}" for key in keys)
        shown = len(columns) if kind in KINDS else shown
    if not blocks:
        return TermMatrix(sp.csr_matrix((len(terms), 0)), (), {})
    matrix = _normalise(sp.hstack(blocks, format="csr"))
    matrix.sort_indices()
    surface: dict[str, str] = {}
    for article in terms:
        for label, text in article.surface:
            surface.setdefault(label, text)
    return TermMatrix(matrix, tuple(columns), surface, shown)


def _idf(counts: sp.csr_matrix, keys: Iterable[str], background: int) -> np.ndarray:
    """Smoothed IDF over the corpus counted among `background` more articles with English-wide term shares."""
    n = counts.shape[0]
    df = np.bincount(counts.indices, minlength=counts.shape[1]).astype(np.float64)
    if background > 0:
        df += background * np.array([background_share(key) for key in keys])
    return np.log((1 + n + background) / (1 + df)) + 1.0


@lru_cache(maxsize=1 << 18)
def background_share(key: str) -> float:
    """The share of typical English news articles that contain a term, from its frequency in English text."""
    return -float(np.expm1(-_ARTICLE_WORDS * word_frequency(key, "en", minimum=_RAREST)))


def _tfidf(counts: sp.csr_matrix, idf: np.ndarray) -> sp.csr_matrix:
    """Sublinear term frequency times IDF, rows L2-normalised."""
    weighted = counts.copy()
    weighted.data = 1.0 + np.log(weighted.data)
    return _normalise(sp.csr_matrix(weighted @ sp.diags(idf)))


def _normalise(matrix: sp.csr_matrix) -> sp.csr_matrix:
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sp.csr_matrix(sp.diags(1.0 / norms) @ matrix)
