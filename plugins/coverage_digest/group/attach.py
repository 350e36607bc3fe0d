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
    heads = np.array([owner[i] for i in range(n)], dtype=np.int64)
    assign = sp.csr_matrix((np.ones(n), (np.array([row[h] for h in heads.tolist()]), np.arange(n))))
    totals = (assign @ matrix).tocsr()  # each story's summed vectors, as grouped before this pass
    named = None if evidence is None else (assign @ evidence).tocsr()
    joined: dict[int, list[int]] = {}  # head -> lone articles this pass added
    for i in range(n):
        if len(groups[owner[i]]) > 1 or i in alone or not near[i]:
            continue
        ranked = sorted(near[i], reverse=True)
        bar = (ranked[rank - 1][0] if len(ranked) >= rank else 0.0) + margin
        best: tuple[float, int] | None = None
        for head in sorted({owner[j] for _, j in ranked} - {owner[i]}):
            group = groups[head]
            if _split_apart(i, group, tags) or not _shares(named, evidence, row[head], i, joined.get(head, ())):
                continue
            first = totals[row[head]] @ matrix[i].T
            value = (float(first.sum()) + sum(_dot(matrix, i, j) for j in joined.get(head, ()))) / len(group)
            if best is None or value > best[0]:
                best = (value, head)
        if best is not None and best[0] >= bar:
            groups[best[1]].append(i)
            joined.setdefault(best[1], []).append(i)
            del groups[owner[i]]
            owner[i] = best[1]
    return tuple(sorted(tuple(sorted(g)) for g in groups.values()))


def _shares(named: sp.csr_matrix | None, evidence: sp.csr_matrix | None, row: int, i: int, joined) -> bool:
    """Whether article i has a term of `evidence` that the story (its row of `named`, plus articles joined since)
    has."""
    if named is None or evidence is None:
        return True
    mine = set(evidence[i].indices.tolist())
    return bool(mine & set(named[row].indices.tolist())) or any(
        mine & set(evidence[j].indices.tolist()) for j in joined
    )


def _split_apart(i: int, group: list[int], tags: dict[int, frozenset[int]]) -> bool:
    """Whether a split override keeps article i apart from a member of the group."""
    mine = tags.get(i, frozenset())
    return bool(mine) and any(mine & tags.get(j, frozenset()) for j in group)


def _dot(matrix: sp.csr_matrix, i: int, j: int) -> float:
    return float((matrix[i] @ matrix[j].T).sum())
