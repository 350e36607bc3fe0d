"""Pickling of the pipeline's frozen records, fast: how a forked worker's results travel back to the main process
(never stored: the cache on disk is codec.py's data format).

Python pickles a slotted dataclass through a generic `__getstate__` that looks up the class's fields for every
instance (tens of seconds for a large corpus' millions of records). Here a record is pickled as its class and its
field values, and rebuilt by calling the class: the same record, a fraction of the time, for every record type
without touching their definitions.
"""

from __future__ import annotations

import dataclasses
import io
import pickle
from operator import attrgetter
from typing import Any

_READERS: dict[type, Any] = {}


def dumps(value: Any) -> bytes:
    """The pickle of a value, records included."""
    buffer = io.BytesIO()
    _RecordPickler(buffer, protocol=pickle.HIGHEST_PROTOCOL).dump(value)
    return buffer.getvalue()


def dump(value: Any, file) -> None:
    """Write the pickle of a value to an open binary file."""
    _RecordPickler(file, protocol=pickle.HIGHEST_PROTOCOL).dump(value)


def loads(data: bytes) -> Any:
    """A value from its pickle (plain pickle: records rebuild through their class)."""
    return pickle.loads(data)


class _RecordPickler(pickle.Pickler):
    def reducer_override(self, obj: Any) -> Any:
        """A dataclass instance whose fields all go to __init__ as (class, field values); anything else as usual."""
        cls = type(obj)
        reader = _READERS.get(cls)
        if reader is None:
            reader = _reader(cls)
            _READERS[cls] = reader
        if reader is False:
            return NotImplemented
        return cls, reader(obj)


def _reader(cls: type) -> Any:
    """A function from a record to its field values in __init__ order, or False for any other type."""
    if not dataclasses.is_dataclass(cls):
        return False
    fields = dataclasses.fields(cls)
    if not fields or any(not f.init or f.kw_only for f in fields):
        return False
    names = [f.name for f in fields]
    if len(names) == 1:
        single = attrgetter(names[0])
        return lambda obj: (single(obj),)
    return attrgetter(*names)
