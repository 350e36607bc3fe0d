"""Candidate neighbours and cluster sums: the fast paths give exactly what plain loops give, float for float."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from coverage_digest.group.link import _add_into, _dot, _top, candidate_pairs, pair_similarities


def plain_top(idx: np.ndarray, val: np.ndarray, limit: int) -> np.ndarray:
    return idx[np.lexsort((idx, -val))[:limit]]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([0.0, 0.1, 0.25, 0.5, 0.7, 1.0]), max_size=40), st.integers(0, 45), st.randoms())
def test_top_values_with_ties_to_the_lower_index(values, limit, rnd):
    idx = np.array(rnd.sample(range(1000), len(values)), dtype=np.int32)
    val = np.array(values, dtype=np.float64)
    assert plain_top(idx, val, limit).tolist() == _top(idx, val, limit).tolist()


def plain_candidate_pairs(matrix: sp.csr_matrix, neighbours: int, key_terms: int, max_key_df: int, common: int):
    """Each row's nearest through the inverted index, built and searched with plain loops and sorts."""
    df = np.bincount(matrix.indices, minlength=matrix.shape[1])
    keys: dict[int, dict[int, float]] = {}
    for i in range(matrix.shape[0]):
        entries = list(
            zip(
                matrix.indices[matrix.indptr[i] : matrix.indptr[i + 1]].tolist(),
                matrix.data[matrix.indptr[i] : matrix.indptr[i + 1]].tolist(),
                strict=True,
            )
        )
        rare = sorted(((-v, c) for c, v in entries if df[c] <= max_key_df))[:key_terms]
        frequent = sorted(((-v, c) for c, v in entries if df[c] > max_key_df))[:common]
        keys[i] = {c: -v for v, c in rare + frequent}
    index: dict[int, dict[int, float]] = {}
    for i, row in keys.items():
        for c, v in row.items():
            index.setdefault(c, {})[i] = v
    for c, posting in index.items():
        if df[c] > max_key_df:  # a common term keeps the rows it weighs most
            index[c] = dict(sorted(posting.items(), key=lambda item: (-item[1], item[0]))[:neighbours])
    pairs = set()
    for i, row in keys.items():
        score: dict[int, float] = {}
        for c, v in sorted(row.items()):
            for j, w in index.get(c, {}).items():
                score[j] = score.get(j, 0.0) + v * w
        score.pop(i, None)
        best = sorted(score.items(), key=lambda item: (-item[1], item[0]))[:neighbours]
        pairs |= {(min(i, j), max(i, j)) for j, _ in best}
    return sorted(pairs)


@pytest.mark.parametrize(
    ("neighbours", "key_terms", "max_key_df", "common"), [(12, 40, 50, 3), (3, 5, 20, 2), (1, 2, 300, 0), (4, 6, 10, 5)]
)
def test_candidate_pairs_are_each_rows_nearest_by_plain_loops(neighbours, key_terms, max_key_df, common):
    matrix = sp.random(600, 80, density=0.1, random_state=3, format="csr")
    matrix.data = np.round(matrix.data, 3) + 0.001 * np.arange(len(matrix.data)) % 7  # few exact ties in the sums
    left, right, sims = candidate_pairs(matrix, neighbours, key_terms, max_key_df, common)
    pairs = plain_candidate_pairs(matrix, neighbours, key_terms, max_key_df, common)
    assert list(zip(left.tolist(), right.tolist(), strict=True)) == pairs
    assert sims.tolist() == pair_similarities(matrix, left, right).tolist()


def test_members_of_a_story_bigger_than_the_key_term_limit_still_find_each_other():
    # 120 rows share one heavy term (too common for the full index: max_key_df 50) and otherwise only their own words.
    rows, cols, vals = [], [], []
    for i in range(120):
        rows += [i, i]
        cols += [0, 1 + i]
        vals += [0.8, 0.6]
    matrix = sp.csr_matrix((vals, (rows, cols)), shape=(120, 121))
    left, right, _ = candidate_pairs(matrix, neighbours=12, key_terms=40, max_key_df=50)
    linked = set(left.tolist()) | set(right.tolist())
    assert linked == set(range(120))  # every row has candidates (the rows that weigh the shared term most)


@settings(max_examples=200, deadline=None)
@given(
    st.dictionaries(st.integers(0, 50), st.floats(1e-6, 1e6), max_size=30),
    st.lists(st.tuples(st.integers(0, 50), st.floats(1e-6, 1e6)), max_size=30),
)
def test_sums_and_dot_products_add_in_the_order_a_loop_does(total, entries):
    plain = dict(total)
    for col, val in entries:
        plain[col] = plain.get(col, 0.0) + val
    fast = dict(total)
    _add_into(fast, [c for c, _ in entries], [v for _, v in entries])
    assert list(fast.items()) == list(plain.items())  # same floats, same order
    other = dict(entries)
    small, big = (total, other) if len(total) <= len(other) else (other, total)
    assert _dot(total, other) == sum(val * big.get(col, 0.0) for col, val in small.items())
