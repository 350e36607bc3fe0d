"""The in-order sentence alignment of two articles that `reuse` judges derivation by."""

from __future__ import annotations

import numpy as np

ALIGN_MIN = 0.15  # similarity below which two sentences are never aligned
ALIGN_BIAS = 0.1  # similarity that shared-fact coverage gives anyway: only the excess counts as evidence of reuse


def align(weights: np.ndarray) -> tuple[float, list[tuple[int, int]]]:
    """In-order alignment maximising the summed excess similarity; a sentence may pair with neighbours' partner.

    best[i][j]: the best alignment of the first i and j sentences; match[i][j]: the best one pairing sentence i with j.
    Only cells at ALIGN_MIN or more can pair (under a tenth of a story's sentence pairs), so a row's matches are
    computed for those cells alone, a row with none carries the row above over, and a row's running maximum starts at
    its first match (before it, the row above is already non-decreasing): the same comparisons and additions as the
    cell-by-cell recurrence, so the same floats, in about two fifths of the time.
    """
    n, m = weights.shape
    inf = float("-inf")
    w = (weights - ALIGN_BIAS).tolist()
    columns: list[list[int]] = [[] for _ in range(n)]
    for r, c in zip(*(a.tolist() for a in np.nonzero(weights >= ALIGN_MIN)), strict=True):
        columns[r].append(c)
    none = [inf] * (m + 1)
    best, match = [[0.0] * (m + 1)], [none]
    for i in range(1, n + 1):
        best_up, match_up, cols = best[i - 1], match[i - 1], columns[i - 1]
        if not cols:
            best.append(best_up)
            match.append(none)
            continue
        row, match_row = w[i - 1], none.copy()
        for c in cols:
            match_row[c + 1] = row[c] + max(best_up[c], match_up[c + 1], match_row[c])
        best_row, run = best_up.copy(), best_up[cols[0]]
        for j in range(cols[0] + 1, m + 1):  # best_row[j] = max(best_up[j], best_row[j - 1], match_row[j])
            value = max(best_up[j], match_row[j])
            if value > run:
                run = value
            best_row[j] = run
        best.append(best_row)
        match.append(match_row)
    return float(best[n][m]), _backtrack(best, match)


def _backtrack(best: list[list[float]], match: list[list[float]]) -> list[tuple[int, int]]:
    inf = float("-inf")
    pairs, i, j = [], len(best) - 1, len(best[0]) - 1
    while i > 0 and j > 0:
        if match[i][j] > inf and best[i][j] == match[i][j]:
            pairs.append((i - 1, j - 1))
            prev = max(best[i - 1][j - 1], match[i - 1][j], match[i][j - 1])
            if prev == best[i - 1][j - 1]:
                i, j = i - 1, j - 1
            elif prev == match[i - 1][j]:
                i -= 1
            else:
                j -= 1
        elif best[i][j] == best[i - 1][j]:
            i -= 1
        else:
            j -= 1
    return pairs[::-1]
