"""Candidate neighbours and cluster sums: the fast paths give exactly what plain loops give, float for float."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from coverage_digest.group_link import _add_into, _dot, _key_matrix, _top, candidate_pairs, pair_similarities


def plain_top(idx: np.ndarray, val: np.ndarray, limit: int) -> np.ndarray:
    return idx[np.lexsort((idx, -val))[:limit]]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([0.0, 0.1, 0.25, 0.5, 0.7, 1.0]), max_size=40), st.integers(0, 45), st.randoms())
def test_top_values_with_ties_to_the_lower_index(values, limit, rnd):
    idx = np.array(rnd.sample(range(1000), len(values)), dtype=np.int32)
    val = np.array(values, dtype=np.float64)
    assert plain_top(idx, val, limit).tolist() == _top(idx, val, limit).tolist()


def plain_candidate_pairs(matrix: sp.csr_matrix, neighbours: int, key_terms: int, max_key_df: int):
    """Each row's nearest through the inverted index, sorting all of a row's candidates."""
    keys = _key_matrix(matrix, key_terms, max_key_df)
    index = keys.T.tocsr()
    pairs = set()
    for start in range(0, matrix.shape[0], 256):
        block = (keys[start : start + 256] @ index).tocsr()
        for offset in range(block.shape[0]):
            idx = block.indices[block.indptr[offset] : block.indptr[offset + 1]]
            val = block.data[block.indptr[offset] : block.indptr[offset + 1]]
            mask = idx != start + offset
            i = start + offset
            pairs |= {(min(i, j), max(i, j)) for j in plain_top(idx[mask], val[mask], neighbours).tolist()}
    return sorted(pairs)


@pytest.mark.parametrize(("neighbours", "key_terms", "max_key_df"), [(12, 40, 50), (3, 5, 20), (1, 2, 300)])
def test_candidate_pairs_are_each_rows_nearest_by_plain_sort(neighbours, key_terms, max_key_df):
    matrix = sp.random(600, 80, density=0.1, random_state=3, format="csr")
    matrix.data = np.round(matrix.data, 1) + 0.1  # many ties
    left, right, sims = candidate_pairs(matrix, neighbours, key_terms, max_key_df)
    pairs = plain_candidate_pairs(matrix, neighbours, key_terms, max_key_df)
    assert list(zip(left.tolist(), right.tolist(), strict=True)) == pairs
    assert sims.tolist() == pair_similarities(matrix, left, right).tolist()


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
