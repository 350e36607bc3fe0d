"""Cache entries: the pipeline's records pickled, typed, checksummed and compressed, read by an unpickler that can
only rebuild the plugin's own records (it cannot run code).

An entry is: a format line, a SHA-256 of the rest, and the zlib-compressed pickle (protocol 5, `pickling.py`'s fast
record pickler) of the value. Pickle keeps references: a string or record named a thousand times in a story's
analysis is stored once and loaded as one object, in C. MessagePack (the format before) has no references, so every
loaded analysis was walked to make its copies one object again (the former `shared.share`): at 10,000 articles,
loading the last build's 1,013 story analyses took 14 s of CPU that way, and 2.2 s as pickles, in the same memory.

The cache was read with plain pickle once, so anyone able to write the cache folder could run code in the next build.
Here a pickle may name no global but the plugin's own frozen dataclass records (`_RecordUnpickler.find_class`): no
function, no builtin, nothing of another package. Anything that does not check out (a flipped bit, a foreign global,
a valid entry of another type) is an `EntryError`, which the cache counts as a miss.
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import pickle
import sys
import typing
import zlib
from typing import Any, TypeVar

from .pickling import dumps

T = TypeVar("T")
FORMAT = b"coverage-digest-entry-3\n"
MAX_UNPACKED = 1 << 30  # bytes an entry may unpack to: a crafted entry cannot fill the memory
PACKAGE = __name__.split(".")[0]  # the plugin's top-level package: the only globals an entry may name


class EntryError(ValueError):
    """A cache entry that cannot be used (damaged, of another version or type, or oversized)."""


def encode(value: Any) -> bytes:
    """The stored bytes of a value made of records, tuples, dicts, strings, bytes, numbers and None."""
    payload = zlib.compress(dumps(value), 1)
    return FORMAT + hashlib.sha256(payload).digest() + payload


def decode(data: bytes, expected: type[T]) -> T:
    """The value an entry holds, if of the type expected (its outer type: `tuple` for `tuple[str, ...]`);
    EntryError for anything else."""
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
        value = _RecordUnpickler(io.BytesIO(packed)).load()
    except EntryError:
        raise
    except Exception as exc:  # a damaged pickle fails in many ways (UnpicklingError, EOFError, TypeError, ...)
        raise EntryError(f"does not load: {type(exc).__name__}: {exc}") from exc
    outer = typing.get_origin(expected) or expected
    if not isinstance(value, outer):
        raise EntryError(f"not a {getattr(expected, '__name__', expected)}: a {type(value).__name__}")
    return typing.cast(T, value)


class _RecordUnpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> Any:
        """Only a frozen dataclass of the plugin's own modules (already imported: nothing is imported here)."""
        found = _RECORDS.get((module, name))
        if found is None:
            found = _RECORDS[module, name] = _record_class(module, name)
        return found


_RECORDS: dict[tuple[str, str], type] = {}  # (module, name) -> the record class allowed (each entry names dozens)


def _record_class(module: str, name: str) -> type:
    found = getattr(sys.modules.get(module), name, None) if module.split(".")[0] == PACKAGE else None
    params = getattr(found, "__dataclass_params__", None)
    if not isinstance(found, type) or not dataclasses.is_dataclass(found) or not params or not params.frozen:
        raise EntryError(f"names {module}.{name}, not one of the plugin's records")
    return found
