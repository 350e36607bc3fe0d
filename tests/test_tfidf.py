"""Our TF-IDF rows: scikit-learn's formulas and storage layout (checked bit for bit against it when it was replaced)."""

from __future__ import annotations

import math

import pytest

from coverage_digest.text.tfidf import STOP_WORDS, count_matrix, tfidf_matrix


def test_counts_keep_first_seen_order_within_rows_and_sorted_columns():
    matrix, terms = count_matrix([["b", "a", "b"], ["a", "c"]])
    assert terms == ["a", "b", "c"]
    assert matrix.toarray().tolist() == [[1.0, 2.0, 0.0], [1.0, 0.0, 1.0]]
    # Row 0 stores "b" (met first in the corpus) before "a": the order later sums run in.
    assert matrix.indices[matrix.indptr[0] : matrix.indptr[1]].tolist() == [1, 0]


def test_tfidf_is_sublinear_tf_times_smoothed_idf_without_normalisation():
    matrix, terms = tfidf_matrix([["a", "a", "b"], ["b", "c"]])
    idf = {"a": math.log(3 / 2) + 1, "b": math.log(3 / 3) + 1, "c": math.log(3 / 2) + 1}
    row0, row1 = matrix.toarray().tolist()
    assert row0 == pytest.approx([(1 + math.log(2)) * idf["a"], idf["b"], 0.0])
    assert row1 == pytest.approx([0.0, idf["b"], idf["c"]])
    assert terms == ["a", "b", "c"]


def test_empty_documents_give_empty_rows():
    matrix, terms = count_matrix([[], ["x"], []])
    assert matrix.shape == (3, 1) and terms == ["x"] and matrix.nnz == 1


def test_stop_words_are_the_usual_english_list():
    assert len(STOP_WORDS) == 318 and {"the", "and", "whereupon"} <= STOP_WORDS and "said" not in STOP_WORDS
