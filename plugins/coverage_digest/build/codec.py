"""Cache entries as data that cannot run code: MessagePack of the frozen records, typed, checksummed, compressed.

The analysis cache used to be read with pickle, so anyone able to write the cache folder could run code in the next
build, and a damaged entry could crash it. An entry is now: a format line, a SHA-256 of the rest, and zlib-compressed
MessagePack (msgspec) that is decoded into the exact record types expected, or refused. Anything that does not
check out, from a flipped bit to a valid entry of another type, is an `EntryError`, which the cache counts as a miss.
"""

from __future__ import annotations

import hashlib
import zlib
from typing import Any, TypeVar

import msgspec

T = TypeVar("T")
FORMAT = b"coverage-digest-entry-2\n"
MAX_UNPACKED = 1 << 30  # bytes an entry may unpack to: a crafted entry cannot fill the memory
_ENCODER = msgspec.msgpack.Encoder()


class EntryError(ValueError):
    """A cache entry that cannot be used (damaged, of another version or type, or oversized)."""


def encode(value: Any) -> bytes:
    """The stored bytes of a value made of records, tuples, strings, numbers and None."""
    payload = zlib.compress(_ENCODER.encode(value), 1)
    return FORMAT + hashlib.sha256(payload).digest() + payload


def decode(data: bytes, expected: type[T]) -> T:
    """The value an entry holds, as the type expected; EntryError for anything else."""
    head = len(FORMAT)
    if data[:head] != FORMAT or len(data) < head + 32:
        raise EntryError("not a cache entry of this version")
    digest, payload = data[head : head + 32], data[head + 32 :]
    if hashlib.sha256(payload).digest() != digest:
        raise EntryError("checksum mismatch: the entry is damaged")
    inflater = zlib.decompressobj()
    try:
        packed = inflater.decompress(payload, MAX_UNPACKED)
    except zlib.error as exc:
        raise EntryError(f"does not unpack: {exc}") from exc
    if inflater.unconsumed_tail or not inflater.eof:
        raise EntryError("unpacks past the size limit, or is cut short")
    try:
        return _decoder(expected).decode(packed)
    except (msgspec.DecodeError, msgspec.ValidationError, TypeError, ValueError) as exc:
        raise EntryError(f"not a {getattr(expected, '__name__', expected)}: {exc}") from exc


_DECODERS: dict[Any, msgspec.msgpack.Decoder] = {}


def _decoder(expected: Any) -> msgspec.msgpack.Decoder:
    """One decoder per expected type (making one resolves the records' type hints)."""
    if expected not in _DECODERS:
        _DECODERS[expected] = msgspec.msgpack.Decoder(expected)
    return _DECODERS[expected]
