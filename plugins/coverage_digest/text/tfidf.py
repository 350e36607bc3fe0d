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

# scikit-learn's ENGLISH_STOP_WORDS (BSD-3-Clause; from the Glasgow Information Retrieval Group's list), verbatim.
STOP_WORDS = frozenset(
    """
    a about above across after afterwards again against all almost alone along already also although always am among
    amongst amoungst amount an and another any anyhow anyone anything anyway anywhere are around as at back be
    became because become becomes becoming been before beforehand behind being below beside besides between beyond
    bill both bottom but by call can cannot cant co con could couldnt cry de describe detail do done down due during
    each eg eight either eleven else elsewhere empty enough etc even ever every everyone everything everywhere
    except few fifteen fifty fill find fire first five for former formerly forty found four from front full further
    get give go had has hasnt have he hence her here hereafter hereby herein hereupon hers herself him himself his
    how however hundred i ie if in inc indeed interest into is it its itself keep last latter latterly least less
    ltd made many may me meanwhile might mill mine more moreover most mostly move much must my myself name namely
    neither never nevertheless next nine no nobody none noone nor not nothing now nowhere of off often on once one
    only onto or other others otherwise our ours ourselves out over own part per perhaps please put rather re same
    see seem seemed seeming seems serious several she should show side since sincere six sixty so some somehow
    someone something sometime sometimes somewhere still such system take ten than that the their them themselves
    then thence there thereafter thereby therefore therein thereupon these they thick thin third this those though
    three through throughout thru thus to together too top toward towards twelve twenty two un under until up upon
    us very via was we well were what whatever when whence whenever where whereafter whereas whereby wherein
    whereupon wherever whether which while whither who whoever whole whom whose why will with within without would
    yet you your yours yourself yourselves
    """.split()  # noqa: SIM905  (a word list reads better as text)
)


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
