"""The reading end of the pipeline: list and read the seed folder safely. The only module that reads seed files."""

from __future__ import annotations

import hashlib
import logging
import os
import stat
from collections.abc import Iterator
from pathlib import Path

from ..records import SeedFile, Skipped

log = logging.getLogger(__name__)
SIDECAR_NAMES = ("sources.yaml", "sources.yml", "sources.json")
OUTLET_CODING_NAMES = ("outlets.yaml", "outlets.yml", "outlets.csv")  # the user's coding of outlets (outlet_coding)


def find_sidecar(folder: Path) -> Path | None:
    """The sidecar file, if the seeds folder has one."""
    return next((folder / n for n in SIDECAR_NAMES if (folder / n).is_file()), None)


def find_outlet_coding(folder: Path) -> Path | None:
    """The user's coding of outlets, if the seeds folder has one."""
    return next((folder / n for n in OUTLET_CODING_NAMES if (folder / n).is_file()), None)


def read_seed_folder(folder: Path, max_bytes: int) -> tuple[tuple[SeedFile, ...], tuple[Skipped, ...]]:
    """Read every file under the folder in a stable order; whatever cannot be read becomes a Skipped record."""
    files: list[SeedFile] = []
    skipped: list[Skipped] = []
    seen: dict[str, str] = {}
    root = folder.resolve()
    for path in _walk(folder):
        rel = path.relative_to(folder).as_posix()
        if path.name in SIDECAR_NAMES + OUTLET_CODING_NAMES and path.parent == folder:
            continue
        result = _read_one(path, rel, root, max_bytes)
        if isinstance(result, Skipped):
            skipped.append(result)
            continue
        digest = hashlib.sha256(result.data).hexdigest()
        if digest in seen and result.data.strip():
            skipped.append(Skipped(rel, f"byte-identical to {seen[digest]} (duplicate file)"))
            continue
        seen.setdefault(digest, rel)
        files.append(result)
    return tuple(files), tuple(skipped)


def _walk(folder: Path) -> Iterator[Path]:
    for dirpath, dirnames, filenames in os.walk(folder, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        base = Path(dirpath)
        for name in sorted(filenames):
            yield base / name
        for name in dirnames:  # symlinked folders are not followed; say so instead of losing them silently
            if (base / name).is_symlink():
                yield base / name


def _read_one(path: Path, rel: str, root: Path, max_bytes: int) -> SeedFile | Skipped:
    try:
        if path.is_symlink():  # a plain file found by the walk is inside the folder; a link may point anywhere
            problem, path = _follow(path, root)
            if problem:
                return Skipped(rel, problem)
        return _read_regular(path, rel, max_bytes)
    except FileNotFoundError:
        return Skipped(rel, "file disappeared while the build was reading it")
    except IsADirectoryError:
        return Skipped(rel, "a folder where a file was listed (not read)")
    except OSError as exc:
        return Skipped(rel, f"cannot be read: {exc.strerror or exc}")


def _follow(link: Path, root: Path) -> tuple[str | None, Path]:
    """(why a symbolic link is not followed, or None; the file it points to)."""
    try:
        real = link.resolve(strict=True)
    except FileNotFoundError:
        return "broken symbolic link (what it points to does not exist)", link
    except (RuntimeError, OSError) as exc:  # a loop: Python 3.11 raises RuntimeError, later ones OSError (ELOOP)
        return f"symbolic link loop (not followed: {exc})", link
    if not real.is_relative_to(root):
        return "symbolic link pointing outside the seeds folder (not followed)", link
    if real.is_dir():
        return "symbolic link to a folder (not followed)", link
    return None, real


def _read_regular(path: Path, rel: str, max_bytes: int) -> SeedFile | Skipped:
    """Read a regular file; a named pipe, socket or device is never opened for reading (a pipe would block)."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0))
    with os.fdopen(fd, "rb") as fh:
        info = os.fstat(fh.fileno())
        if not stat.S_ISREG(info.st_mode):
            return Skipped(rel, f"not a regular file ({_kind(info.st_mode)}); only regular files are read")
        if info.st_size > max_bytes:
            return Skipped(
                rel,
                f"file is {info.st_size / 1e6:.1f} MB, over the {max_bytes / 1e6:.1f} MB limit (DIGEST_MAX_FILE_BYTES)",
            )
        data = fh.read(max_bytes + 1)
    if len(data) > max_bytes:
        return Skipped(rel, f"file grew past the {max_bytes / 1e6:.1f} MB limit while being read")
    return SeedFile(rel, data)


def _kind(mode: int) -> str:
    kinds = ((stat.S_ISFIFO, "a named pipe"), (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a character device"))
    return next((name for test, name in (*kinds, (stat.S_ISBLK, "a block device")) if test(mode)), "not a file")
