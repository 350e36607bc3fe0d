"""Per-article data held compactly in the main process until a job needs it.

A build holds every article's search postings from grouping until the search index is written: as Python dicts
(a string key and a tuple of two ints per term) they took about 90 MB at 10,000 articles, in the main process and
again in every forked worker that touched them. Packed, each article's postings are one bytes object of MessagePack,
unpacked only by the job that builds the search index, one article at a time.

An article's postings depend on its article and analysis alone, both fixed by its file's content key: a rebuild takes
the packed bytes of every unchanged article from the last build's (one cache entry, `PackedPostings.reuse`) and
makes only the changed articles' again.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

import msgspec

Postings = dict[str, tuple[int, int]]  # term -> (first sentence, weight), as data.search makes them
_ENCODER = msgspec.msgpack.Encoder()
_DECODER = msgspec.msgpack.Decoder(Postings)


class PackedPostings(Mapping[str, Postings]):
    """{article id: its search postings}, each stored as MessagePack bytes and unpacked on access (in order)."""

    __slots__ = ("_packed",)

    def __init__(self) -> None:
        self._packed: dict[str, bytes] = {}

    def add(self, article_id: str, postings: Postings) -> None:
        self._packed[article_id] = _ENCODER.encode(postings)

    def add_packed(self, article_id: str, packed: bytes) -> None:
        """Postings already packed (by `add`, in an earlier build)."""
        self._packed[article_id] = packed

    def packed(self, article_id: str) -> bytes:
        return self._packed[article_id]

    def __getitem__(self, article_id: str) -> Postings:
        return _DECODER.decode(self._packed[article_id])

    def __iter__(self) -> Iterator[str]:
        return iter(self._packed)

    def __len__(self) -> int:
        return len(self._packed)

    def nbytes(self) -> int:
        """Bytes of packed postings held."""
        return sum(len(b) for b in self._packed.values())


Kept = dict[str, tuple[str, bytes]]  # article id -> (its file's content key, its packed postings): a cache entry


def fill(
    postings: PackedPostings,
    articles: Sequence[Any],
    analyses: Sequence[Any],
    keys: Mapping[str, str],
    kept: Kept | None,
    make: Callable[[Any, Any], Postings],
) -> Kept:
    """Every article's postings into `postings`, in order: the kept bytes when its content key is the one they were
    made from, else `make(article, analysis)`; returns what to keep for the next build ({} without content keys)."""
    kept = kept or {}
    for article, analysis in zip(articles, analyses, strict=True):
        key = keys.get(article.id)
        old = kept.get(article.id)
        if key is not None and old is not None and old[0] == key:
            postings.add_packed(article.id, old[1])
        else:
            postings.add(article.id, make(article, analysis))
    return {i: (keys[i], postings.packed(i)) for i in postings if i in keys}
