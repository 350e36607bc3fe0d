"""Which pages of an output folder were rendered from which story content, so unchanged pages need no rendering.

The manifest lives in Pelican's cache folder (never in the output, which stays exactly the site). Its fingerprint
covers the theme's files, the plugin's code and the site settings, so a change to any of them renders everything.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from dataclasses import dataclass
from pathlib import Path

from ..site import STATIC, TEMPLATES
from .cache import code_version

log = logging.getLogger(__name__)
PACKAGE_THEME = (TEMPLATES, STATIC)  # the digest's own templates and assets, shipped with it


@dataclass(slots=True, eq=False)
class PageManifest:
    """What the digest wrote into one output folder: every file, and for pages the content key each was made from.

    It makes rebuilds incremental (a page whose key is unchanged is kept) and the output exact (a file an earlier
    build wrote and this one does not is removed: a deleted article's text never stays published). It is marked
    dirty before the first file is written and clean when the last one is: after an interrupted build every page is
    made again, and the stale files of both builds are removed.
    """

    path: Path
    fingerprint: str
    output: Path
    entries: dict[str, str]  # page -> content key (empty when dirty, unreadable or of another fingerprint)
    files: set[str]  # every file an earlier build wrote, or was about to write when it stopped

    @classmethod
    def load(cls, settings: dict, output_path: str, theme: str, reuse: bool = True) -> PageManifest:
        """The manifest of this output folder; `reuse`: whether kept pages may be trusted (the cache setting)."""
        output = Path(output_path).resolve()
        name = hashlib.sha256(str(output).encode()).hexdigest()[:16]
        path = Path(settings["CACHE_PATH"]) / "coverage_digest" / f"pages-{name}.json"
        fingerprint = site_fingerprint(settings, theme)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            files = {f for f in data.get("files", ()) if isinstance(f, str)}
            entries = data["entries"] if isinstance(data["entries"], dict) else {}
            trusted = reuse and data.get("fingerprint") == fingerprint and not data.get("dirty", True)
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            files, entries, trusted = set(), {}, False
        return cls(path, fingerprint, output, entries if trusted else {}, files)

    def current(self, outputs: list[str], key: str) -> bool:
        """Every output file was made from this key and is still there."""
        folder = str(self.output)  # os.path, not pathlib: a rebuild checks every page of the site
        return all(self.entries.get(o) == key and os.path.isfile(os.path.join(folder, o)) for o in outputs)

    def mark_dirty(self, planned: set[str]) -> None:
        """Before anything is written: no page is trusted until this build ends, and the files it is about to
        write join those to clean up if it stops half-way."""
        self.files |= planned
        self._store(True, {}, self.files)

    def save(self, recorded: dict[str, str], written: set[str], owned_folders: tuple[str, ...] = ()) -> None:
        """This build is done: remove what earlier builds wrote and this one did not (also any file in a folder
        only the digest writes to, such as the search index's), then record this build's files, clean."""
        stale = self.files - written
        for folder in owned_folders:
            base = self.output / folder
            if base.is_dir():
                stale |= {p.relative_to(self.output).as_posix() for p in base.rglob("*") if p.is_file()} - written
        for name in sorted(stale):
            target = (self.output / name).resolve()
            if target.is_relative_to(self.output):
                target.unlink(missing_ok=True)
        self.files = set(written)
        self._store(False, recorded, written)

    def _store(self, dirty: bool, entries: dict[str, str], files: set[str]) -> None:
        data = {"fingerprint": self.fingerprint, "dirty": dirty, "entries": dict(sorted(entries.items()))}
        data["files"] = sorted(files)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.path.with_suffix(".tmp")
            tmp.write_text(json.dumps(data), encoding="utf-8")
            os.replace(tmp, self.path)
        except OSError as exc:
            log.warning("cannot write the page manifest %s: %s", self.path, exc)


def page_key(analysis_key: str, shown: str) -> str:
    """The key of pages made from a story's analysis plus whatever else they show (the grouping record, a title)."""
    return hashlib.sha256(f"{analysis_key}\n{shown}".encode("utf-8", "surrogatepass")).hexdigest()


def site_fingerprint(settings: dict, theme: str) -> str:
    """A digest of everything besides a story's content that shapes its pages."""
    digest = hashlib.sha256(code_version().encode())
    for folder in (Path(theme), *PACKAGE_THEME):
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                digest.update(str(path.relative_to(folder)).encode())
                digest.update(path.read_bytes())
    plain = {k: v for k, v in settings.items() if isinstance(v, str | int | float | bool | type(None))}
    digest.update(json.dumps(plain, sort_keys=True, default=str).encode())
    return digest.hexdigest()
