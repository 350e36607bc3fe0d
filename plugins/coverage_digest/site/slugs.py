"""Safe, stable, unique slugs for page paths: nothing from input can climb out of the output folder."""

from __future__ import annotations

import hashlib
import re
import unicodedata

_UNSAFE = re.compile(r"[^a-z0-9]+")
MAX_SLUG = 60


def slugify(text: str, fallback: str = "item") -> str:
    """Lower-case ASCII letters, digits and single hyphens; never empty, never a path."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    slug = _UNSAFE.sub("-", ascii_text).strip("-")[:MAX_SLUG].strip("-")
    return slug or fallback


def short_hash(text: str, length: int = 8) -> str:
    """A stable short hex digest, for telling apart things that slugify alike."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:length]


def unique_slugs(keys: list[str]) -> dict[str, str]:
    """Map each key (in a stable order) to a slug no other key has."""
    out: dict[str, str] = {}
    used: set[str] = set()
    for key in sorted(keys):
        slug = slugify(key)
        if slug in used:
            slug = f"{slug}-{short_hash(key)}"
        used.add(slug)
        out[key] = slug
    return out
