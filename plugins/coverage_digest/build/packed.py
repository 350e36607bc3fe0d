"""Per-article data held compactly in the main process until a job needs it.

A build holds every article's search postings from grouping until the search index is written: as Python dicts
(a string key and a tuple of two ints per term) they took about 90 MB at 10,000 articles, in the main process and
again in every forked worker that touched them. Packed, each article's postings are one bytes object of MessagePack,
unpacked only by the job that builds the search index, one article at a time.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

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

    def __getitem__(self, article_id: str) -> Postings:
        return _DECODER.decode(self._packed[article_id])

    def __iter__(self) -> Iterator[str]:
        return iter(self._packed)

    def __len__(self) -> int:
        return len(self._packed)

    def nbytes(self) -> int:
        """Bytes of packed postings held."""
        return sum(len(b) for b in self._packed.values())
