"""Safe, stable, unique slugs for page paths: nothing from input can climb out of the output folder."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable

_UNSAFE = re.compile(r"[^a-z0-9]+")
MAX_SLUG = 60
# Names Windows cannot give a file, whatever the extension: a site copied there must not lose "con.html".
_WINDOWS_RESERVED = frozenset(
    {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)), *(f"lpt{i}" for i in range(1, 10))}
)


def slugify(text: str, fallback: str = "item") -> str:
    """Lower-case ASCII letters, digits and single hyphens; never empty, never a path."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    slug = _UNSAFE.sub("-", ascii_text).strip("-")[:MAX_SLUG].strip("-") or fallback
    return f"{slug}-" if slug.split(".")[0] in _WINDOWS_RESERVED else slug


def short_hash(text: str, length: int = 8) -> str:
    """A stable short hex digest, for telling apart things that slugify alike."""
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:length]


def unique_slugs(keys: Iterable[str], text: dict[str, str] | None = None, fallback: str = "item") -> dict[str, str]:
    """Map each key (in sorted order) to a slug no other key has: the slug of its text (the key itself unless `text`
    gives one), else that slug with a short hash of the key, else with a counter too. Every candidate is checked
    against the slugs already given, so a key whose plain slug looks like another key's hashed one stays apart."""
    out: dict[str, str] = {}
    used: set[str] = set()
    for key in sorted(set(keys)):
        base = slugify(text[key] if text else key, fallback)
        slug, n = base, 1
        while slug in used:
            slug = f"{base}-{short_hash(key)}" if n == 1 else f"{base}-{short_hash(key)}-{n}"
            n += 1
        used.add(slug)
        out[key] = slug
    return out
