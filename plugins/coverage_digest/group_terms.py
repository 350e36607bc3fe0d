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
from typing import NamedTuple

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, CountVectorizer
from wordfreq import word_frequency

from .records import Article

# A token: word characters joined by inner apostrophes or dots, hyphens between letters, commas inside numbers
# ("U.S", "O'Brien", "court-ordered", "1,000"); "6.1-magnitude" gives "6.1" and "magnitude".
_TOKEN = re.compile(r"\w+(?:(?:[.'’]|(?<=[^\W\d_])-(?=[^\W\d_])|(?<=\d),(?=\d{3}))\w+)*")
_TOKEN_AFTER_GAP = re.compile(r"(\W*)(" + _TOKEN.pattern + ")")
_POSSESSIVE_ENDINGS = ("'s", "’s")
_DIGIT = re.compile(r"\d")
_POSSESSIVE = re.compile(r"['’]s$", re.IGNORECASE)
# What may precede a token that starts a sentence (after skipping spaces, quotes and brackets).
_SENTENCE_END = ".!?:;\n"
_OPENERS = " \t\n\"'“‘([«—–-"
_CONNECTORS = frozenset(
    {"of", "de", "da", "del", "della", "di", "van", "von", "der", "den", "al", "bin", "el", "la", "le"}
)
_MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october")
_MONTHS = {m[:3]: m for m in (*_MONTH_NAMES, "november", "december")} | {"sept": "september"}
_WEEKDAYS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"})
_STOP = frozenset(ENGLISH_STOP_WORDS) | {"said", "says", "told", "according", "year", "years", "new", "just", "like"}

_NOT_NAMES = (
    _STOP | _WEEKDAYS | set(_MONTHS.values()) | set(_MONTHS) | {"mr", "mrs", "ms", "dr", "am", "pm", "est", "gmt"}
)
# A typical news article's length in words: turns a word's frequency in English into its share of articles.
_ARTICLE_WORDS = 400
_RAREST = 1e-9  # the frequency of a word English frequency lists have never seen
NAMES, NUMBERS, WORDS = "names", "numbers", "words"
KINDS = (NAMES, NUMBERS, WORDS)


class Token(NamedTuple):
    """One word of an article as written, with where it stands (a tuple: a corpus has millions)."""

    text: str
    key: str  # lower-cased, accents and possessive stripped
    capital: bool
    initial: bool  # first word of a sentence, a paragraph or the headline (capitalised by position)
    headline: bool
    joined: bool  # separated from the previous token by spaces only (can continue a name)


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


@lru_cache(maxsize=1 << 17)
def fold(text: str) -> str:
    """Lower-case, straighten apostrophes, strip accents and a trailing possessive."""
    text = _POSSESSIVE.sub("", text).replace("’", "'")
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def tokenize(article: Article) -> tuple[Token, ...]:
    """Tokens of the headline and body, flagging capitalisation that comes from position alone."""
    parts = ([article.headline] if article.headline else []) + list(article.paragraphs)
    tokens: list[Token] = []
    for index, part in enumerate(parts):
        in_headline = index == 0 and article.headline is not None
        first = True
        for match in _TOKEN_AFTER_GAP.finditer(part):
            gap, word = match.group(1), match.group(2)
            before = gap.rstrip(_OPENERS)
            text = word[:-2] if word[-2:].lower() in _POSSESSIVE_ENDINGS else word
            tokens.append(
                Token(
                    text=text,
                    key=fold(text),
                    capital=word[0].isupper(),
                    initial=not before if first else bool(before) and before[-1] in _SENTENCE_END,
                    headline=in_headline,
                    joined=not first and not gap.strip(),
                )
            )
            first = False
    return tuple(tokens)


def name_words(tokenized: Iterable[tuple[Token, ...]]) -> tuple[frozenset[str], frozenset[str]]:
    """Keys written capitalised mid-sentence more often than in lower case (names), and those of them also seen in
    lower case (titles such as "Minister", which a multi-word name does not start with)."""
    capital: Counter[str] = Counter()
    lower: Counter[str] = Counter()
    for tokens in tokenized:
        for token in tokens:
            if not token.text[0].isalpha():
                continue
            if not token.capital:
                lower[token.key] += 1
            elif not token.initial and not token.headline:
                capital[token.key] += 1
    names = frozenset(k for k, n in capital.items() if n > lower[k] and k not in _NOT_NAMES)
    return names, frozenset(k for k in names if lower[k])


def extract_terms(
    tokens: tuple[Token, ...], names: frozenset[str], lead: int = 0, titles: frozenset[str] = frozenset()
) -> ArticleTerms:
    """Split tokens into names (single and multi-word), numbers and dates, content words; the lead's count twice."""
    found: dict[str, list[str]] = {NAMES: [], NUMBERS: [], WORDS: []}
    surface: dict[str, str] = {}

    def add(kind: str, key: str, text: str, position: int) -> None:
        found[kind].extend([key] * (2 if position < lead or tokens[position].headline else 1))
        surface.setdefault(f"{kind}:{key}", text)

    for start, run in _name_runs(tokens, names, titles):
        add(NAMES, " ".join(t.key for t in run), " ".join(t.text for t in run), start)
    for position, token in enumerate(tokens):
        number = _number_key(token)
        if token.capital and token.key in names:
            add(NAMES, token.key, token.text, position)
        elif number:
            add(NUMBERS, number, token.text, position)
        elif token.key not in _STOP and len(token.key) > 2 and token.key.isalpha():
            add(WORDS, _stem(token.key), token.key, position)
    return ArticleTerms(tuple(found[NAMES]), tuple(found[NUMBERS]), tuple(found[WORDS]), tuple(sorted(surface.items())))


def _name_runs(
    tokens: tuple[Token, ...], names: frozenset[str], titles: frozenset[str]
) -> list[tuple[int, list[Token]]]:
    """Multi-word names: adjacent name words, maybe joined by a lower-case connector ("Bank of England"), without
    leading titles ("Interior Minister Petra Oslund" gives "Petra Oslund")."""
    runs: list[tuple[int, list[Token]]] = []
    start, run = 0, []
    for position, token in enumerate((*tokens, None)):
        is_name = token is not None and token.capital and token.key in names
        connector = token is not None and not token.capital and token.key in _CONNECTORS
        if run and token is not None and token.joined and (is_name or connector):
            run.append(token)
            continue
        while run and run[-1].key in _CONNECTORS:
            run.pop()
        while run and (run[0].key in titles or run[0].key in _CONNECTORS):
            run.pop(0)
            start += 1
        if len(run) > 1:
            runs.append((start, run))
        start, run = position, [token] if is_name else []
    return runs


def _number_key(token: Token) -> str | None:
    return _number_of(token.key, token.capital)


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
    names, titles = name_words(tokenize(a) for a in articles)  # tokenised twice: memory stays one article's worth
    return tuple(extract_terms(tokenize(a), names, lead, titles) for a in articles)


def term_matrix(terms: tuple[ArticleTerms, ...], weights: dict[str, float], background: int = 0) -> TermMatrix:
    """Sublinear TF-IDF per kind, each kind's block L2-normalised and scaled by its weight, rows normalised.

    `background`: how many typical news articles the corpus is counted among (0: IDF over the corpus alone).
    """
    blocks, columns = [], []
    for kind in KINDS:
        docs = [getattr(t, kind) for t in terms]
        if weights.get(kind, 0.0) <= 0 or not any(docs):
            continue
        vectorizer = CountVectorizer(analyzer=_identity, dtype=np.float64)
        counts = vectorizer.fit_transform(docs)
        keys = vectorizer.get_feature_names_out()
        blocks.append(_tfidf(counts, _idf(counts, keys, background)) * weights[kind])
        columns.extend(f"{kind}:{key}" for key in keys)
    if not blocks:
        return TermMatrix(sp.csr_matrix((len(terms), 0)), (), {})
    matrix = _normalise(sp.hstack(blocks, format="csr"))
    matrix.sort_indices()
    surface: dict[str, str] = {}
    for article in terms:
        for label, text in article.surface:
            surface.setdefault(label, text)
    return TermMatrix(matrix, tuple(columns), surface)


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


def _identity(doc: tuple[str, ...]) -> tuple[str, ...]:
    return doc
