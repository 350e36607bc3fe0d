"""The plugin's DIGEST_* settings: defaults, and validation in one place with messages naming the bad key."""

from __future__ import annotations

from dataclasses import dataclass, fields
from pathlib import PurePosixPath
from string import Formatter
from typing import Any


class SettingsError(ValueError):
    """A DIGEST_* setting has a value the plugin cannot use."""


INDEX_PAGINATION = 50  # stories per index page when neither DIGEST_INDEX_PAGINATION nor DEFAULT_PAGINATION says


@dataclass(frozen=True, slots=True)
class DigestSettings:
    """Validated plugin settings; field names are the setting names without the DIGEST_ prefix, lower-cased."""

    seeds: str = "seeds"
    max_file_bytes: int = 5_000_000
    sidecar: str | None = None  # default: sources.yaml / .yml / .json in the seeds folder
    merge: tuple[tuple[str, ...], ...] = ()
    split: tuple[tuple[str, ...], ...] = ()
    group_threshold: float | None = None  # None: the grouping stage's tuned default
    index_save_as: str = "index.html"
    json_save_as: str = "digest.json"
    skipped_save_as: str = "skipped.html"
    search_save_as: str = "search.html"
    feed_save_as: str = "feeds/stories.atom.xml"
    sitemap_save_as: str = "sitemap.xml"
    static_dir: str = "theme"  # the digest's CSS and JavaScript go here (beside the theme's own assets by default)
    story_save_as: str = "stories/{slug}.html"
    story_url: str = "stories/{slug}.html"
    article_save_as: str = "articles/{slug}.html"
    article_url: str = "articles/{slug}.html"
    reuse_save_as: str = "reuse/{slug}.html"
    reuse_url: str = "reuse/{slug}.html"
    outlet_save_as: str = "outlets/{slug}.html"
    outlet_url: str = "outlets/{slug}.html"
    outlets_save_as: str = "outlets/index.html"  # the list of outlets (the index's filter by outlet, without script)
    index_pagination: int = INDEX_PAGINATION  # stories per index page; not given: Pelican's DEFAULT_PAGINATION if set
    outlets_file: str | None = None  # the user's coding of outlets; default: outlets.yaml / .yml / .csv in the seeds
    workers: int = 0  # processes for per-article stages; 0 = one per core
    cache: bool = True  # keep per-article analysis in Pelican's CACHE_PATH, keyed by content hash


_PATHS = (
    "index_save_as",
    "json_save_as",
    "skipped_save_as",
    "search_save_as",
    "feed_save_as",
    "sitemap_save_as",
    "static_dir",
    "outlets_save_as",
)
_SLUG_PATHS = (
    "story_save_as",
    "story_url",
    "article_save_as",
    "article_url",
    "reuse_save_as",
    "reuse_url",
    "outlet_save_as",
    "outlet_url",
)


def validate_settings(settings: dict[str, Any]) -> DigestSettings:
    """Read DIGEST_* keys from Pelican's settings; raise SettingsError naming the first bad key."""
    values: dict[str, Any] = {}
    for f in fields(DigestSettings):
        key = f"DIGEST_{f.name.upper()}"
        if key in settings:
            values[f.name] = _check(key, f.name, settings[key])
    known = {f"DIGEST_{f.name.upper()}" for f in fields(DigestSettings)}
    unknown = sorted(k for k in settings if k.startswith("DIGEST_") and k not in known)
    if unknown:
        raise SettingsError(f"{unknown[0]}: unknown setting (known: {', '.join(sorted(known))})")
    if "DIGEST_INDEX_PAGINATION" not in settings:  # Pelican's own convention, when the site sets it
        pelicans = settings.get("DEFAULT_PAGINATION")
        if isinstance(pelicans, int) and not isinstance(pelicans, bool) and pelicans > 0:
            values["index_pagination"] = pelicans
    digest = DigestSettings(**values)
    _check_pelicans_own_pages(settings, digest)
    return digest


def _check_pelicans_own_pages(settings: dict[str, Any], digest: DigestSettings) -> None:
    """A site that keeps Pelican's own index page (a blog) cannot have the digest's index in the same file."""
    templates = settings.get("DIRECT_TEMPLATES") or ()
    own = settings.get("INDEX_SAVE_AS", "index.html")
    if "index" in templates and own and own == digest.index_save_as:
        raise SettingsError(
            f"DIGEST_INDEX_SAVE_AS: {own!r} is also Pelican's own index page (INDEX_SAVE_AS, from DIRECT_TEMPLATES); "
            "give the digest's index another place, e.g. DIGEST_INDEX_SAVE_AS = 'digest/index.html'"
        )


def _check(key: str, name: str, value: Any) -> Any:
    if name == "seeds" and (not isinstance(value, str) or not value.strip()):
        raise SettingsError(f"{key} must be the path of the seeds folder, got {value!r}")
    if name in {"sidecar", "outlets_file"} and value is not None and not isinstance(value, str):
        raise SettingsError(f"{key} must be a file path or None, got {value!r}")
    if name in {"max_file_bytes", "workers"} and (isinstance(value, bool) or not isinstance(value, int) or value < 0):
        raise SettingsError(f"{key} must be a non-negative whole number, got {value!r}")
    if (
        name == "index_pagination"
        and value is not None
        and (isinstance(value, bool) or not isinstance(value, int) or value < 1)
    ):
        raise SettingsError(f"{key} must be a whole number of stories per page (1 or more) or None, got {value!r}")
    if name == "cache" and not isinstance(value, bool):
        raise SettingsError(f"{key} must be True or False, got {value!r}")
    if name == "max_file_bytes" and value == 0:
        raise SettingsError(f"{key} must be above 0")
    if name == "group_threshold" and value is not None and not (isinstance(value, int | float) and 0 < value < 1):
        raise SettingsError(f"{key} must be a number between 0 and 1, got {value!r}")
    if name in {"merge", "split"}:
        return _id_groups(key, value)
    if name in _PATHS or name in _SLUG_PATHS:
        _check_path(key, value, needs_slug=name in _SLUG_PATHS)
    return value


def _id_groups(key: str, value: Any) -> tuple[tuple[str, ...], ...]:
    if not isinstance(value, list | tuple) or not all(isinstance(g, list | tuple) for g in value):
        raise SettingsError(f"{key} must be a list of lists of article ids, e.g. [['000_a', '001_b']]")
    return tuple(tuple(str(i) for i in g) for g in value)


def _check_path(key: str, value: Any, needs_slug: bool) -> None:
    if not isinstance(value, str) or not value:
        raise SettingsError(f"{key} must be a relative path, got {value!r}")
    try:
        fields_used = {name for _, name, _, _ in Formatter().parse(value) if name is not None}
    except ValueError as exc:
        raise SettingsError(f"{key}: {value!r} is not a path pattern ({exc}); write braces as {{{{ and }}}}") from exc
    allowed = {"slug"} if needs_slug else set()
    if fields_used - allowed:
        known = "{slug}" if needs_slug else "no {field} at all"
        raise SettingsError(
            f"{key}: unknown field {{{sorted(fields_used - allowed)[0]}}} in {value!r} (allowed: {known})"
        )
    path = PurePosixPath(value.replace("{slug}", "x"))
    if path.is_absolute() or ".." in path.parts or "\\" in value:
        raise SettingsError(f"{key} must stay inside the output folder, got {value!r}")
    if needs_slug and "{slug}" not in value:
        raise SettingsError(f"{key} must contain {{slug}}, got {value!r}")
