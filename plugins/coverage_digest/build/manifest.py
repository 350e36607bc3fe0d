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


@dataclass(frozen=True, slots=True, eq=False)
class PageManifest:
    """Output file -> the content key it was rendered from, valid for one fingerprint."""

    path: Path
    fingerprint: str
    output: Path
    entries: dict[str, str]

    @classmethod
    def load(cls, settings: dict, output_path: str, theme: str) -> PageManifest:
        """The manifest of this output folder, empty when missing, unreadable or made under another fingerprint."""
        output = Path(output_path).resolve()
        name = hashlib.sha256(str(output).encode()).hexdigest()[:16]
        path = Path(settings["CACHE_PATH"]) / "coverage_digest" / f"pages-{name}.json"
        fingerprint = site_fingerprint(settings, theme)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            entries = data["entries"] if data.get("fingerprint") == fingerprint else {}
        except (OSError, ValueError, KeyError, TypeError):
            entries = {}
        return cls(path, fingerprint, output, entries if isinstance(entries, dict) else {})

    def current(self, outputs: list[str], key: str) -> bool:
        """Every output file was made from this key and is still there."""
        folder = str(self.output)  # os.path, not pathlib: a rebuild checks every page of the site
        return all(self.entries.get(o) == key and os.path.isfile(os.path.join(folder, o)) for o in outputs)

    def save(self, recorded: dict[str, str], output_path: str) -> None:
        """Remember what this build wrote, and remove pages of earlier builds that no longer exist in the digest."""
        output = Path(output_path).resolve()
        for stale in sorted(set(self.entries) - set(recorded)):
            target = (output / stale).resolve()
            if target.is_relative_to(output):
                target.unlink(missing_ok=True)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            data = json.dumps({"fingerprint": self.fingerprint, "entries": dict(sorted(recorded.items()))})
            tmp = self.path.with_suffix(".tmp")
            tmp.write_text(data, encoding="utf-8")
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
