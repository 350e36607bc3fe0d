"""Per-file results kept between builds, keyed by content: a rebuild only re-reads and re-analyses what changed.

The key covers the file's bytes, its path, the metadata the user gave for it, and the plugin's own source code, so a
change to any of them (including an upgrade of the analysis rules) misses the cache instead of serving stale results.
"""

from __future__ import annotations

import hashlib
import logging
import os
import tempfile
import time
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

from ..read.given import Given, as_given
from ..records import Metadata, SeedFile
from .codec import EntryError, decode, encode

log = logging.getLogger(__name__)
FORMAT = b"coverage-digest-cache-3"
T = TypeVar("T")
STALE_AFTER = 24 * 3600.0  # seconds
CODE_SUFFIXES = {".py", ".toml"}  # the code and the rule data (lexicon) that shape every result


@lru_cache(maxsize=1)
def code_version() -> str:
    """A digest of the plugin's source and rule-data files, in every sub-package: results made by other code or
    other rules are never reused."""
    digest = hashlib.sha256(FORMAT)
    package = Path(__file__).resolve().parent.parent
    for path in sorted(p for p in package.rglob("*") if p.suffix in CODE_SUFFIXES and p.is_file()):
        digest.update(path.relative_to(package).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def cache_key(seed: SeedFile, given: Given | Metadata) -> str:
    """The content key of one file's results (a plain Metadata is the file's sidecar entry alone: the same key)."""
    digest = hashlib.sha256(code_version().encode())
    digest.update(seed.path.encode("utf-8", "surrogatepass") + b"\0")
    digest.update(repr(as_given(given)).encode("utf-8", "surrogatepass") + b"\0")
    digest.update(seed.data)
    return digest.hexdigest()


def last_grouping_key() -> str:
    """Where the last build's stories (their article ids) are kept: the next build predicts which stories it will
    find again and loads their analyses while it groups."""
    digest = hashlib.sha256(code_version().encode())
    digest.update(b"\0last grouping\0")  # no file's key: cache_key hashes a repr(Given(...)) between the zeros
    return digest.hexdigest()


def last_postings_key() -> str:
    """Where the last build's search postings are kept (packed, with each article's content key): a rebuild makes
    only the changed articles' again."""
    digest = hashlib.sha256(code_version().encode())
    digest.update(b"\0last postings\0")
    return digest.hexdigest()


class ResultCache:
    """A folder of typed, checksummed entries (see codec.py); a missing, damaged or foreign entry is simply a miss."""

    SUFFIX = ".entry"

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}{self.SUFFIX}"

    def has(self, key: str) -> bool:
        """Whether an entry is stored (it may still turn out unusable when read)."""
        return self._path(key).is_file()

    def get(self, key: str, expected: type[T]) -> T | None:
        """The stored value as the type expected, or None (missing, unreadable, damaged or of another type)."""
        path = self._path(key)
        try:
            with open(path, "rb") as fh:
                value = decode(fh.read(), expected)
            os.utime(path)  # recently used entries survive pruning
            return value
        except FileNotFoundError:
            return None
        except (OSError, EntryError) as exc:
            log.debug("cache entry %s unusable (%s): rebuilding it", key[:12], exc)
            return None

    def put(self, key: str, value: Any) -> None:
        """Store a value atomically (a crash mid-write never leaves a half-written entry; a failed write leaves no
        temporary file behind)."""
        path = self._path(key)
        tmp: str | None = None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(dir=path.parent, delete=False, suffix=".tmp") as fh:
                tmp = fh.name
                fh.write(encode(value))
            os.replace(tmp, path)
            tmp = None
        except OSError as exc:
            log.warning("cannot write the analysis cache in %s: %s", self.folder, exc)
        finally:
            if tmp is not None:
                Path(tmp).unlink(missing_ok=True)

    def prune(self, keep: set[str], max_age: float = STALE_AFTER) -> None:
        """Drop entries this build did not use and nobody used for a day (other seed folders share the cache), and
        anything else found there: temporary files of interrupted writes, entries of older formats."""
        if not self.folder.is_dir():
            return
        cutoff = time.time() - max_age
        for path in self.folder.glob("*/*"):
            try:
                current = path.suffix == self.SUFFIX
                old = path.stat().st_mtime < cutoff
                if (current and path.stem not in keep and old) or (not current and (old or path.suffix != ".tmp")):
                    path.unlink(missing_ok=True)
            except OSError:
                continue
