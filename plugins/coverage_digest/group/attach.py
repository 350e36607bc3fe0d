"""A lone article joins the story it is clearly closest to, judged against its own other neighbours.

A fixed threshold tuned on large corpora splits a small one: three outlets' articles about one event may share few
words, yet nothing else competes for them. So, after agglomeration, an article still alone joins its closest story
when the mean similarity to that story beats the article's `rank`-th closest candidate neighbour by `margin`; a
missing neighbour counts as similarity 0. In a corpus of a few articles there are fewer than `rank` neighbours and
the bar is the margin alone; in a large one the bar is what the article's nearest unrelated articles reach, so an
article among many look-alikes stays alone. And it must name someone, somewhere or some figure or date that the story
names (`evidence`: the names and numbers columns): two reports of look-alike events, alone in a corpus, share words
but not who, where and when. Work: one pass over the candidate edges and each lone article's linked
stories (bounded by the candidate lists), never all pairs.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp


def attach_lone(
    matrix: sp.csr_matrix,
    edges: tuple[np.ndarray, np.ndarray, np.ndarray],
    members: tuple[tuple[int, ...], ...],
    rank: int,
    margin: float,
    tags: dict[int, frozenset[int]],
    alone: frozenset[int],
    evidence: sp.csr_matrix | None = None,
) -> tuple[tuple[int, ...], ...]:
    """Lone articles (in id order) joined to their clearly closest linked story that shares a term of `evidence`
    with them (None: no such condition); returns sorted member tuples."""
    if rank <= 0:
        return members
    n = matrix.shape[0]
    left, right, sims = edges
    near: list[list[tuple[float, int]]] = [[] for _ in range(n)]
    for a, b, s in zip(left.tolist(), right.tolist(), sims.tolist(), strict=True):
        near[a].append((s, b))
        near[b].append((s, a))
    groups = {min(g): list(g) for g in members}
    owner = {i: head for head, g in groups.items() for i in g}
    row = {head: k for k, head in enumerate(sorted(groups))}
    assign = sp.csr_matrix((np.ones(n), ([row[owner[i]] for i in range(n)], np.arange(n))))
    stories = _Sums((assign @ matrix).tocsr(), row)  # each story's summed vectors, kept up to date below
    names = None if evidence is None else _Sums((assign @ evidence).tocsr(), row)
    for i in range(n):
        if len(groups[owner[i]]) > 1 or i in alone or not near[i]:
            continue
        ranked = sorted(near[i], reverse=True)
        bar = (ranked[rank - 1][0] if len(ranked) >= rank else 0.0) + margin
        mine, named = _row(matrix, i), None if evidence is None else _row(evidence, i)
        best: tuple[float, int] | None = None
        for head in sorted({owner[j] for _, j in ranked} - {owner[i]}):
            if _split_apart(i, groups[head], tags) or (names is not None and not names.shares(head, named)):
                continue
            value = stories.dot(head, mine) / len(groups[head])
            if best is None or value > best[0]:
                best = (value, head)
        if best is not None and best[0] >= bar:
            groups[best[1]].append(i)
            stories.add(best[1], mine)
            if names is not None:
                names.add(best[1], named)
            del groups[owner[i]]
            owner[i] = best[1]
    return tuple(sorted(tuple(sorted(g)) for g in groups.values()))


class _Sums:
    """Each story's summed row as a dict, made when first asked for, updated as articles join (no story is read
    twice, so the pass costs the candidates' row lengths, not their stories' sizes)."""

    def __init__(self, matrix: sp.csr_matrix, row: dict[int, int]) -> None:
        self.matrix, self.row = matrix, row
        self.sums: dict[int, dict[int, float]] = {}

    def _of(self, head: int) -> dict[int, float]:
        if head not in self.sums:
            cols, vals = _row(self.matrix, self.row[head])
            self.sums[head] = dict(zip(cols, vals, strict=True))
        return self.sums[head]

    def dot(self, head: int, entries: tuple[list[int], list[float]]) -> float:
        total = self._of(head)
        return sum(total.get(c, 0.0) * v for c, v in zip(*entries, strict=True))

    def shares(self, head: int, entries: tuple[list[int], list[float]] | None) -> bool:
        total = self._of(head)
        return entries is not None and any(c in total for c in entries[0])

    def add(self, head: int, entries: tuple[list[int], list[float]] | None) -> None:
        total = self._of(head)
        for c, v in zip(*(entries or ([], [])), strict=True):
            total[c] = total.get(c, 0.0) + v


def _row(matrix: sp.csr_matrix, i: int) -> tuple[list[int], list[float]]:
    lo, hi = matrix.indptr[i], matrix.indptr[i + 1]
    return matrix.indices[lo:hi].tolist(), matrix.data[lo:hi].tolist()


def _split_apart(i: int, group: list[int], tags: dict[int, frozenset[int]]) -> bool:
    """Whether a split override keeps article i apart from a member of the group."""
    mine = tags.get(i, frozenset())
    return bool(mine) and any(mine & tags.get(j, frozenset()) for j in group)
