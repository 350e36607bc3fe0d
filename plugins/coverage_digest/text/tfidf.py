"""Term counts and TF-IDF rows over already-tokenised documents, and an English stop-word list.

The same numbers, in the same storage order, as scikit-learn's CountVectorizer / TfidfVectorizer with a callable
analyzer (sublinear tf, smoothed idf, no normalisation): our similarity sums depend on that order down to the last
bit, and tests compare the two. Owning these forty lines spares every build scikit-learn's 1.5 s import and keeps a
large dependency out of the project.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

import numpy as np
import scipy.sparse as sp

from .lexicon import STOP_ENGLISH

STOP_WORDS = STOP_ENGLISH  # the stop words its vectors leave out


def count_matrix(docs: Iterable[Iterable[str]]) -> tuple[sp.csr_matrix, list[str]]:
    """Per document, how often each term occurs (float64), and the columns' terms in sorted order.

    Within a row, entries are stored in the order the corpus first met their terms (scikit-learn's layout).
    """
    vocabulary = _Vocabulary()
    indices: list[int] = []
    values: list[int] = []
    indptr = [0]
    for doc in docs:
        counter = Counter(map(vocabulary.__getitem__, doc))  # counted in C, keys in order of first occurrence
        indices.extend(counter)
        values.extend(counter.values())
        indptr.append(len(indices))
    matrix = sp.csr_matrix(
        (np.asarray(values, dtype=np.float64), np.asarray(indices, dtype=np.int32), np.asarray(indptr, dtype=np.int32)),
        shape=(len(indptr) - 1, len(vocabulary)),
    )
    matrix.sort_indices()
    terms = sorted(vocabulary)
    remap = np.empty(len(terms), dtype=matrix.indices.dtype)
    for new, term in enumerate(terms):
        remap[vocabulary[term]] = new
    matrix.indices = remap.take(matrix.indices, mode="clip")
    return matrix, terms


class _Vocabulary(dict[str, int]):
    """Term -> column in order of first occurrence; a new term gets the next column when first looked up."""

    def __missing__(self, term: str) -> int:
        index = self[term] = len(self)
        return index


def tfidf_matrix(docs: Iterable[Iterable[str]]) -> tuple[sp.csr_matrix, list[str]]:
    """Sublinear-tf, smoothed-idf rows (not normalised) of tokenised documents, and the columns' terms."""
    matrix, terms = count_matrix(docs)
    df = np.bincount(matrix.indices, minlength=matrix.shape[1]).astype(np.float64)
    df += 1.0
    idf = np.full_like(df, fill_value=matrix.shape[0] + 1, dtype=np.float64)
    idf /= df
    np.log(idf, out=idf)
    idf += 1.0
    np.log(matrix.data, matrix.data)
    matrix.data += 1.0
    matrix.data *= idf[matrix.indices]
    return matrix, terms
