"""Sentence vectors and candidate pairs: how a story's sentences are compared without comparing all pairs.

Similarity is TF-IDF cosine over content words (numbers and names weighted up), computed only for candidate pairs that
share a term of bounded document frequency, so a story of thousands of sentences never compares all pairs. Support,
reuse and the summary all read a story's sentences through these (memoised) vectors.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

import numpy as np
from scipy import sparse

from ..text.lexicon import STOP_ATTRIBUTION, STOP_ENGLISH
from ..text.tfidf import tfidf_matrix

_WORD = re.compile(r"[^\W_]+(?:[’'.,-][^\W_]+)*")
_NUMBER = re.compile(r"\d")
_POSSESSIVE = re.compile(r"'s$")
_STOP = STOP_ENGLISH | STOP_ATTRIBUTION
_SUFFIXES = (("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", ""))
NAME_BOOST = 1.5  # names and numbers identify a fact better than common words
POSTING_CAP = 200  # terms in more sentences than this do not propose candidates (they still count in the cosine)
BLOCK_ROWS = 2048  # candidate rows computed at a time, to bound memory


def content_terms(text: str) -> list[str]:
    """Lower-cased, lightly stemmed content words and numbers of a text (stop words dropped)."""
    return list(_terms(text))


@lru_cache(maxsize=32768)
def _terms(text: str) -> tuple[str, ...]:
    """content_terms, memoised: a story's sentences are read by support, reuse and summary alike."""
    return tuple(term for term in map(_word_term, _WORD.findall(text)) if term is not None)


@lru_cache(maxsize=131072)
def _word_term(written: str) -> str | None:
    """The term of one word as written (a number as written, else the stem of its lower case), None for stop and
    one-letter words. Memoised: a corpus's sentences use far fewer distinct words than they have words."""
    word = _POSSESSIVE.sub("", written.lower().replace("’", "'"))
    if _NUMBER.search(word):
        return word.replace(",", "").rstrip(".")
    word = word.replace(".", "")
    if len(word) < 2 or word in _STOP:
        return None
    return stem(word)


def stem(word: str) -> str:
    """Strip one common inflectional suffix, so "talks" and "talk" (or "collapsed" and "collapse") meet."""
    for suffix, repl in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3 and not word.endswith("ss"):
            return word[: -len(suffix)] + repl
    return word


def name_terms(texts: Sequence[str]) -> frozenset[str]:
    """Capitalised terms, except a sentence's first word standing alone: names, places, bodies, titles."""
    return frozenset().union(*(_names(text) for text in texts))


@lru_cache(maxsize=32768)
def _names(text: str) -> frozenset[str]:
    """name_terms of one text (memoised: support and summary both read a story's sentences)."""
    names: set[str] = set()
    words = _WORD.findall(text)
    first_follows = len(words) > 1 and words[1][0].isupper()  # the first word counts when a capital follows it
    for k, word in enumerate(words):
        if word[0].isupper() and (k or first_follows):
            names.update(_terms(word))
    return frozenset(names)


def vectorize(texts: Sequence[str], name_weight: float = NAME_BOOST) -> sparse.csr_matrix:
    """TF-IDF rows (L2-normalised) of the texts, numbers weighted up and names by name_weight (read-only, memoised)."""
    return _vectorize(tuple(texts), name_weight)


@lru_cache(maxsize=4)
def _vectorize(texts: tuple[str, ...], name_weight: float) -> sparse.csr_matrix:
    """vectorize, memoised so that one story's support and reuse share one matrix."""
    fitted = _fit(texts)
    if fitted is None:
        return sparse.csr_matrix((len(texts), 1))
    matrix, features, names = fitted
    boost = np.array([NAME_BOOST if _has_digit(term) else name_weight if term in names else 1.0 for term in features])
    return _read_only(_unit_rows(matrix, boost))


def _unit_rows(matrix: sparse.csr_matrix, boost: np.ndarray) -> sparse.csr_matrix:
    """The rows with each column weighted by `boost`, then L2-normalised: entry by entry on the stored arrays.

    The same numbers, in the same storage order, as `diags(1 / norms) @ (matrix @ diags(boost))` with the norms from
    `.multiply(...).sum(axis=1)` (each sparse product stores a row's entries in reverse, so two products give the
    original order back, and scipy sums a row with `np.add.reduceat` over its stored entries); a few array operations
    instead of a dozen sparse ones per story.
    """
    weighted = matrix.data * boost[matrix.indices]
    if not weighted.all():  # a product that underflows to 0 is dropped from a sparse product: keep scipy's way
        return _unit_rows_sparse(matrix, boost)
    filled = np.flatnonzero(np.diff(matrix.indptr))
    squares = np.zeros(matrix.shape[0])
    squares[filled] = np.add.reduceat(weighted * weighted, matrix.indptr[filled])
    norms = np.sqrt(squares)
    norms[norms == 0] = 1.0
    scale = (1.0 / norms)[np.repeat(np.arange(matrix.shape[0]), np.diff(matrix.indptr))]
    data = scale * weighted
    if not data.all():
        return _unit_rows_sparse(matrix, boost)
    return sparse.csr_matrix((data, matrix.indices.copy(), matrix.indptr.copy()), shape=matrix.shape)


def _unit_rows_sparse(matrix: sparse.csr_matrix, boost: np.ndarray) -> sparse.csr_matrix:
    """_unit_rows with scipy's sparse products (the reference `_unit_rows` follows)."""
    matrix = (matrix @ sparse.diags(boost)).tocsr()
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return (sparse.diags(1.0 / norms) @ matrix).tocsr()


@lru_cache(maxsize=131072)
def _has_digit(term: str) -> bool:
    """Whether a term is a number (holds a digit); memoised, as stories share most of their terms."""
    return _NUMBER.search(term) is not None


@lru_cache(maxsize=2)
def _fit(texts: tuple[str, ...]) -> tuple[sparse.csr_matrix, np.ndarray, frozenset[str]] | None:
    """Unweighted sublinear TF-IDF of the texts, the terms of its columns and the name terms; None without terms."""
    if not any(_terms(t) for t in texts):
        return None
    matrix, features = tfidf_matrix(_terms(t) for t in texts)
    return _read_only(matrix), np.asarray(features, dtype=object), name_terms(texts)


def _read_only(matrix: sparse.csr_matrix) -> sparse.csr_matrix:
    """The matrix with its arrays locked, since memoised matrices are shared between callers."""
    for array in (matrix.data, matrix.indices, matrix.indptr):
        array.flags.writeable = False
    return matrix


def candidate_pairs(
    matrix: sparse.csr_matrix, groups: np.ndarray, min_partial: float, only: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Row pairs (i < j, different groups) whose dot product over terms held by at most POSTING_CAP rows is high.

    With `only`, the pairs (i, j) of those rows i with every row j of another group, in both directions' stead.
    In a story of fewer than POSTING_CAP sentences no term is left out and this is exact; in a big one, a pair that is
    similar only through very common terms is missed, which is what keeps the work below all-pairs.
    """
    df = np.bincount(matrix.indices, minlength=matrix.shape[1])  # stored entries per column, as tocsc's would count
    keep = np.flatnonzero((df >= 2) & (df <= POSTING_CAP))
    index = matrix[:, keep].tocsr()
    sources = np.arange(index.shape[0]) if only is None else np.asarray(only, dtype=np.int64)
    rows_out, cols_out = [], []
    for start in range(0, len(sources), BLOCK_ROWS):
        chunk = sources[start : start + BLOCK_ROWS]
        part = index[start : start + BLOCK_ROWS] if only is None else index[chunk]
        block = (part @ index.T).tocoo()
        rows = chunk[block.row]
        mask = (groups[rows] != groups[block.col]) & (block.data >= min_partial)
        if only is None:
            mask &= rows < block.col
        rows_out.append(rows[mask])
        cols_out.append(block.col[mask])
    if not rows_out:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    return np.concatenate(rows_out).astype(np.int64), np.concatenate(cols_out).astype(np.int64)


def pair_cosines(matrix: sparse.csr_matrix, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    """Cosine of each (row, col) pair of L2-normalised rows."""
    if not len(rows):
        return np.zeros(0)
    return np.asarray(matrix[rows].multiply(matrix[cols]).sum(axis=1)).ravel()


def normalise(text: str) -> str:
    """Lower-cased words of a text joined by single spaces, for wording comparison."""
    return " ".join(map(str.lower, _WORD.findall(text))).replace("’", "'")  # "’" only ever inside a word
