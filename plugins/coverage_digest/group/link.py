"""Sparse candidate neighbours and average-link agglomeration restricted to them (no all-pairs comparison)."""

from __future__ import annotations

import heapq
from collections.abc import Iterable
from dataclasses import dataclass, replace
from itertools import repeat
from operator import add, mul

import numpy as np
import scipy.sparse as sp

# Rows are matched against the inverted index in blocks, bounding the memory of one sparse product.
_BLOCK_ROWS = 256
_BLOCK_PAIRS = 8192
COMMON_KEY_TERMS = 3  # per row, among terms too common for the full inverted index
# Links a cluster keeps (its strongest by mean similarity): a merge then costs at most this many updates whatever the
# corpus looks like (5,000 near-identical files made 3 million heap operations before), and a story that reaches
# this many other stories at once has more candidates than it can ever merge with at the threshold.
MAX_LINKS = 64


@dataclass(frozen=True, slots=True)
class Cluster:
    """Article indices with the sum of their unit vectors: sums' dot products give average-link scores exactly."""

    members: tuple[int, ...]
    total: dict[int, float] | None  # column -> summed weight (owned by this cluster; a merge reuses the larger
    # dict); None until first needed (Clusters.total): most articles' sums are only ever read to merge them
    tags: frozenset[int]  # split constraints present: two clusters sharing a tag never merge
    evidence: dict[int, float]  # the same sums over the gate's columns (empty without a gate)
    bar: float = 0.0  # a mean similarity at which a merge needs no evidence: its members' look-alikes' highest


class Clusters(dict[int, Cluster]):
    """The clusters by head, each one's sums made from the matrix when first read: at 10,000 articles the sums of
    every single article at once were most of grouping's memory, and a merge frees the smaller side's."""

    def __init__(self, matrix: sp.csr_matrix, clusters: dict[int, Cluster]) -> None:
        super().__init__(clusters)
        self.matrix = matrix

    def total(self, head: int) -> dict[int, float]:
        cluster = self[head]
        if cluster.total is None:
            cluster = self[head] = replace(cluster, total=_sums(self.matrix, list(cluster.members)))
        assert cluster.total is not None
        return cluster.total


def candidate_pairs(
    matrix: sp.csr_matrix,
    neighbours: int,
    key_terms: int,
    max_key_df: int,
    common_terms: int = COMMON_KEY_TERMS,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Pairs (i < j) among each row's top neighbours through an inverted index of its heavy terms.

    Each row keeps its `key_terms` heaviest terms among those in at most `max_key_df` rows (so one posting list never
    exceeds max_key_df), and its `common_terms` heaviest among the commoner ones, whose posting lists keep only the
    `neighbours` rows that weigh them most: the work grows with n * (key_terms * max_key_df + common_terms *
    neighbours), not n squared. The common terms are what the members of a story bigger than max_key_df share
    (without them, a 195-article story of a 1,000-article corpus came apart into 84 pieces); the rows that weigh such
    a term most are likely that story's core. Returns the pairs and their exact cosine similarities over the full
    vectors.
    """
    n = matrix.shape[0]
    df = np.bincount(matrix.indices, minlength=matrix.shape[1])
    rare = _key_matrix(matrix, key_terms, df <= max_key_df)
    common = _key_matrix(matrix, common_terms, df > max_key_df)
    keys = (rare + common).tocsr()
    index = (rare.T + _capped(common.T.tocsr(), neighbours)).tocsr()
    rows, cols = [], []
    for start in range(0, n, _BLOCK_ROWS):
        block = (keys[start : start + _BLOCK_ROWS] @ index).tocsr()
        for offset in range(block.shape[0]):
            lo, hi = block.indptr[offset], block.indptr[offset + 1]
            idx, val = block.indices[lo:hi], block.data[lo:hi]
            mask = idx != start + offset
            top = _top(idx[mask], val[mask], neighbours)
            rows.append(np.full(len(top), start + offset, dtype=np.int64))
            cols.append(top.astype(np.int64))
    a = np.concatenate(rows) if rows else np.zeros(0, dtype=np.int64)
    b = np.concatenate(cols) if cols else np.zeros(0, dtype=np.int64)
    if not len(a):
        return a, b, np.zeros(0)
    pairs = np.unique(np.stack([np.minimum(a, b), np.maximum(a, b)], axis=1), axis=0)
    left, right = pairs[:, 0], pairs[:, 1]
    return left, right, pair_similarities(matrix, left, right)


def _top(idx: np.ndarray, val: np.ndarray, limit: int) -> np.ndarray:
    """The indices of the `limit` largest values, largest first, ties to the lower index (indices distinct).

    Only values reaching the limit-th largest can be among them, so a linear-time partition narrows the sort to those.
    """
    if len(val) > limit > 0:
        keep = val >= np.partition(val, len(val) - limit)[len(val) - limit]
        idx, val = idx[keep], val[keep]
    return idx[np.lexsort((idx, -val))[:limit]]


def _top_per_row(row: np.ndarray, col: np.ndarray, val: np.ndarray, limit: int) -> np.ndarray:
    """Positions of each row's `limit` largest values, row by row, largest first, ties to the lower column (columns
    distinct within a row): one sort for all rows of a matrix of short rows instead of one sort per row."""
    order = np.lexsort((col, -val, row))
    ranked = row[order]
    rank = np.arange(len(ranked)) - np.searchsorted(ranked, ranked, side="left")
    return order[rank < limit]


def pair_similarities(matrix: sp.csr_matrix, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """Dot products of the given row pairs, a block of pairs at a time."""
    out = np.zeros(len(left))
    for start in range(0, len(left), _BLOCK_PAIRS):
        rows = slice(start, start + _BLOCK_PAIRS)
        out[rows] = np.asarray(matrix[left[rows]].multiply(matrix[right[rows]]).sum(axis=1)).ravel()
    return out


def _key_matrix(matrix: sp.csr_matrix, key_terms: int, allowed: np.ndarray) -> sp.csr_matrix:
    """Each row's `key_terms` heaviest terms among the allowed columns (ties to the lower column)."""
    row = np.repeat(np.arange(matrix.shape[0], dtype=np.int64), np.diff(matrix.indptr))
    keep = allowed[matrix.indices]
    row, col, val = row[keep], matrix.indices[keep], matrix.data[keep]
    top = _top_per_row(row, col, val, key_terms)
    return sp.csr_matrix((val[top], (row[top], col[top])), shape=matrix.shape)


def _capped(index: sp.csr_matrix, cap: int) -> sp.csr_matrix:
    """Each row of an inverted index (a term's rows) cut to the `cap` largest values (ties to the lower column)."""
    term = np.repeat(np.arange(index.shape[0], dtype=np.int64), np.diff(index.indptr))
    top = _top_per_row(term, index.indices, index.data, cap)
    return sp.csr_matrix((index.data[top], (term[top], index.indices[top])), shape=index.shape)


def average_link(
    matrix: sp.csr_matrix,
    edges: tuple[np.ndarray, np.ndarray, np.ndarray],
    threshold: float,
    start: tuple[tuple[int, ...], ...] = (),
    tags: dict[int, frozenset[int]] | None = None,
    max_smaller: int | None = None,
    min_larger: int = 0,
    gate: tuple[sp.csr_matrix, float, np.ndarray] | None = None,
) -> tuple[tuple[int, ...], ...]:
    """Merge linked clusters, best mean pairwise similarity first, while it reaches threshold.

    `edges` are (left, right, similarity) arrays; two clusters are linked when an edge joins their members. `start`
    lists groups that begin as one cluster (the rest start alone); clusters sharing a tag never merge; with
    `max_smaller`, a merge needs the smaller side to have at most that many members (and the larger at least
    `min_larger`). With `gate` (rows, least, bars), a merge also needs the two clusters' mean pairwise similarity
    over those rows (unit rows of names and figures: who, where, how many) to reach `least`, unless its mean
    similarity reaches every member's bar (what the member's look-alikes reach: see stories). The summed similarity
    of every linked pair is kept, so a merge updates its neighbours by addition. Returns sorted member tuples, sorted.
    """
    owner = list(range(matrix.shape[0]))
    for group in start:
        for i in group:
            owner[i] = min(group)
    groups: dict[int, list[int]] = {}
    for i, head in enumerate(owner):
        groups.setdefault(head, []).append(i)
    proof, bars = (None, None) if gate is None else (gate[0], gate[2])
    clusters = Clusters(matrix, {head: _make(members, tags or {}, proof, bars) for head, members in groups.items()})
    links, spare = _cap_initial(clusters, _initial_links(clusters, owner, edges))
    alias: dict[int, int] = {}  # a merged-away head -> the head that absorbed it
    version = dict.fromkeys(clusters, 0)
    heap: list[tuple[float, int, int, int, int]] = []
    sizes = (max_smaller, min_larger, 0.0 if gate is None else gate[1])
    for a in sorted(links):
        _refill(clusters, links, spare, alias, a)
    for a in sorted(links):
        for b in sorted(x for x in links[a] if x > a):
            _push(heap, clusters, version, links, a, b, threshold, sizes)
    while heap:
        _, a, b, va, vb = heapq.heappop(heap)
        if version.get(a) != va or version.get(b) != vb:
            continue  # stale: one side has merged since this score was computed
        version[a] += 1
        del version[b]
        for x, y in _absorb(clusters, links, spare, alias, a, b):
            _push(heap, clusters, version, links, min(x, y), max(x, y), threshold, sizes)
    return tuple(sorted(c.members for c in clusters.values()))


def _initial_links(
    clusters: Clusters, owner: list[int], edges: tuple[np.ndarray, np.ndarray, np.ndarray]
) -> dict[int, dict[int, float]]:
    """Summed similarity between every pair of clusters that an edge joins (an edge's own value for two singles)."""
    links: dict[int, dict[int, float]] = {head: {} for head in clusters}
    for a, b, sim in zip(edges[0].tolist(), edges[1].tolist(), edges[2].tolist(), strict=True):
        ha, hb = owner[a], owner[b]
        if ha == hb or hb in links[ha]:
            continue
        single = len(clusters[ha].members) == 1 and len(clusters[hb].members) == 1
        value = sim if single else _dot(clusters.total(ha), clusters.total(hb))
        links[ha][hb] = links[hb][ha] = value
    return links


def _absorb(
    clusters: Clusters,
    links: dict[int, dict[int, float]],
    spare: dict[int, list[int]],
    alias: dict[int, int],
    a: int,
    b: int,
) -> list[tuple[int, int]]:
    """Merge cluster b into a (a < b keeps the smaller head): sums, links (capped), spare links; returns the pairs
    whose scores are new."""
    merged_links = _merged_links(clusters, links, a, b)
    for head in (a, b):
        clusters.total(head)  # both sides' sums, made now if never read
    clusters[a] = _merge(clusters[a], clusters.pop(b))
    del links[b]
    alias[b] = a
    merged_links, dropped = _strongest(clusters, a, merged_links)
    links[a] = merged_links
    mine, theirs = spare.pop(a, []), spare.pop(b, [])
    big, small = (mine, theirs) if len(mine) >= len(theirs) else (theirs, mine)
    big.extend(small)
    big.extend(dropped)
    spare[a] = big
    for other in dropped:
        links[other].pop(a, None)
        links[other].pop(b, None)
        spare.setdefault(other, []).append(a)
    for other in sorted(merged_links):
        links[other].pop(b, None)
        links[other][a] = merged_links[other]
    _refill(clusters, links, spare, alias, a)
    pairs = [(a, other) for other in sorted(links[a])]
    for other in dropped:
        pairs.extend((other, new) for new in _refill(clusters, links, spare, alias, other) if new != a)
    return pairs


def _strongest(clusters: dict[int, Cluster], head: int, linked: dict[int, float]) -> tuple[dict[int, float], list[int]]:
    """A cluster's MAX_LINKS links of highest mean similarity (ties to the lower head), and the heads dropped."""
    if len(linked) <= MAX_LINKS:
        return linked, []
    size = len(clusters[head].members)
    ranked = sorted(linked, key=lambda o: (-linked[o] / (size * len(clusters[o].members)), o))
    return {o: linked[o] for o in ranked[:MAX_LINKS]}, ranked[MAX_LINKS:]


def _cap_initial(
    clusters: dict[int, Cluster], links: dict[int, dict[int, float]]
) -> tuple[dict[int, dict[int, float]], dict[int, list[int]]]:
    """Links among both their ends' MAX_LINKS strongest (a hub article picked by many others keeps its best); the
    others are kept aside, at both ends, as spare links (weakest first) to take up when a cluster has room."""
    kept = {head: set(_strongest(clusters, head, linked)[0]) for head, linked in links.items()}
    capped: dict[int, dict[int, float]] = {}
    spare: dict[int, list[int]] = {}
    for head, linked in links.items():
        capped[head] = {o: v for o, v in linked.items() if head in kept[o] and o in kept[head]}
        aside = sorted((o for o in linked if o not in capped[head]), key=lambda o: (linked[o], -o))
        if aside:
            spare[head] = aside
    return capped, spare


def _refill(
    clusters: Clusters,
    links: dict[int, dict[int, float]],
    spare: dict[int, list[int]],
    alias: dict[int, int],
    head: int,
) -> list[int]:
    """Take up spare links (strongest last in the list, taken first) while the cluster and the other have room;
    returns the heads newly linked."""
    waiting = spare.get(head)
    added: list[int] = []
    while waiting and len(links[head]) < MAX_LINKS:
        other = _current(alias, waiting.pop())
        if other == head or other in links[head] or len(links[other]) >= MAX_LINKS:
            continue  # the other end keeps this one among its own spare links
        links[head][other] = links[other][head] = _dot(clusters.total(head), clusters.total(other))
        added.append(other)
    return added


def _current(alias: dict[int, int], head: int) -> int:
    """The head of the cluster that now holds what `head` was (merged-away heads point to their absorber)."""
    root = head
    while root in alias:
        root = alias[root]
    while head in alias and alias[head] != root:
        alias[head], head = root, alias[head]
    return root


def _merged_links(clusters: Clusters, links: dict[int, dict[int, float]], a: int, b: int) -> dict[int, float]:
    """Summed similarities of a+b with each neighbour of either: known sums added, missing ones computed."""
    out: dict[int, float] = {}
    for other in (links[a].keys() | links[b].keys()) - {a, b}:
        with_a = links[a].get(other)
        with_b = links[b].get(other)
        if with_a is None:
            with_a = _dot(clusters.total(a), clusters.total(other))
        if with_b is None:
            with_b = _dot(clusters.total(b), clusters.total(other))
        out[other] = with_a + with_b
    return out


def _make(
    members: list[int],
    tags: dict[int, frozenset[int]],
    proof: sp.csr_matrix | None,
    bars: np.ndarray | None,
) -> Cluster:
    found = frozenset().union(*(tags.get(i, frozenset()) for i in members))
    evidence = {} if proof is None else _sums(proof, members)
    bar = 0.0 if bars is None else float(bars[members].max())
    return Cluster(tuple(sorted(members)), None, found, evidence, bar)


def _sums(matrix: sp.csr_matrix, members: list[int]) -> dict[int, float]:
    total: dict[int, float] = {}
    for i in members:
        lo, hi = matrix.indptr[i], matrix.indptr[i + 1]
        _add_into(total, matrix.indices[lo:hi].tolist(), matrix.data[lo:hi].tolist())
    return total


def _merge(a: Cluster, b: Cluster) -> Cluster:
    assert a.total is not None and b.total is not None  # Clusters.total made both
    big, small = (a.total, b.total) if len(a.total) >= len(b.total) else (b.total, a.total)
    _add_into(big, small.keys(), small.values())
    more, less = (a, b) if len(a.evidence) >= len(b.evidence) else (b, a)
    _add_into(more.evidence, less.evidence.keys(), less.evidence.values())
    return Cluster(tuple(sorted(a.members + b.members)), big, a.tags | b.tags, more.evidence, max(a.bar, b.bar))


def _add_into(total: dict[int, float], cols: Iterable[int], vals: Iterable[float]) -> None:
    """`total[col] = total.get(col, 0.0) + val` for each pair in order, as a loop in C: dict.update consumes the pairs
    one at a time, so each column's old value is read just before it is written."""
    total.update(zip(cols, map(add, map(total.get, cols, repeat(0.0)), vals), strict=True))


def _dot(first: dict[int, float], second: dict[int, float]) -> float:
    small, big = (first, second) if len(first) <= len(second) else (second, first)
    return sum(map(mul, small.values(), map(big.get, small.keys(), repeat(0.0))))  # in order, as a loop would


def _push(
    heap: list,
    clusters: dict[int, Cluster],
    version: dict[int, int],
    links: dict[int, dict[int, float]],
    a: int,
    b: int,
    threshold: float,
    sizes: tuple[int | None, int, float],
) -> None:
    first, second = clusters[a], clusters[b]
    if first.tags & second.tags:
        return
    max_smaller, min_larger, least = sizes
    if max_smaller is not None and min(len(first.members), len(second.members)) > max_smaller:
        return
    if max(len(first.members), len(second.members)) < min_larger:
        return
    pairs = len(first.members) * len(second.members)
    value = links[a][b] / pairs  # mean pairwise similarity
    if value < threshold:
        return
    if least <= 0 or value >= max(first.bar, second.bar) or _dot(first.evidence, second.evidence) >= least * pairs:
        heapq.heappush(heap, (-value, a, b, version[a], version[b]))
