"""Where every output goes and how pages link to it: the one owner of save-as paths and URLs.

Pages, data files and links all ask SitePaths; no other module builds a path. Slugs come from `unique_slugs`, unique
within their kind, so two long file names that share their first 60 characters still get two pages.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..settings import DigestSettings
from .slugs import short_hash, unique_slugs

SEARCH_DIR = "search"  # the search index's files (the search script finds them from the form's data attribute)

Pair = tuple[str, str]  # (derived article id, source article id): one aligned view


@dataclass(frozen=True, slots=True, eq=False)
class SitePaths:
    """Page and file locations for one build, from the settings and the ids of articles, stories and derived pairs."""

    settings: DigestSettings
    article_slugs: dict[str, str]  # read-only after build(); dicts so that lookups stay O(1) on big sites
    story_slugs: dict[str, str]
    pair_slugs: dict[Pair, str]

    @classmethod
    def build(
        cls, settings: DigestSettings, article_ids: Iterable[str], story_ids: Iterable[str], pairs: Iterable[Pair] = ()
    ) -> SitePaths:
        """Give every article, story and derived pair a slug that is safe as a path segment and unique in its kind."""
        keyed = {f"{derived}\0{source}": (derived, source) for derived, source in pairs}
        texts = {key: f"{derived}-from-{source}" for key, (derived, source) in keyed.items()}
        by_key = unique_slugs(keyed, texts, fallback="pair")
        return cls(
            settings, unique_slugs(article_ids), unique_slugs(story_ids), {keyed[k]: s for k, s in by_key.items()}
        )

    def article_url(self, article_id: str) -> str:
        return self.settings.article_url.format(slug=self.article_slugs[article_id])

    def article_save_as(self, article_id: str) -> str:
        return self.settings.article_save_as.format(slug=self.article_slugs[article_id])

    def story_url(self, story_id: str) -> str:
        return self.settings.story_url.format(slug=self.story_slugs[story_id])

    def story_save_as(self, story_id: str) -> str:
        return self.settings.story_save_as.format(slug=self.story_slugs[story_id])

    def reuse_url(self, derived_id: str, source_id: str) -> str:
        """The aligned side-by-side view of a derived article and its source."""
        return self.settings.reuse_url.format(slug=self.pair_slugs[(derived_id, source_id)])

    def reuse_save_as(self, derived_id: str, source_id: str) -> str:
        return self.settings.reuse_save_as.format(slug=self.pair_slugs[(derived_id, source_id)])

    @staticmethod
    def quote_anchor(quote_id: str) -> str:
        """The HTML id of a quotation on its article's page: "q<n>", whatever characters the article id (a file
        name: spaces, quotes, newlines) holds; a link to it is the article's URL + "#" + this."""
        number = quote_id.rsplit("-q", 1)[-1]
        return f"q{number}" if number.isdigit() else f"q-{short_hash(quote_id)}"

    def downloads(self, story_id: str) -> dict[str, str]:
        """A story's CSV files, next to its page: {"quotes": path, "articles": path} (paths are also URLs)."""
        return download_paths(self.story_save_as(story_id))

    def story_part_url(self, story_id: str, kind: str, number: int) -> str:
        """Page `number` (from 1) of one long table of a story (`kind`: sources, quotes, ...), next to its page."""
        return part_path(self.story_url(story_id), kind, number)

    def story_part_save_as(self, story_id: str, kind: str, number: int) -> str:
        return part_path(self.story_save_as(story_id), kind, number)

    def search_file(self, name: str) -> str:
        """One file of the search index (`name` as the index names it, e.g. "manifest.js")."""
        return f"{SEARCH_DIR}/{name}"

    def site_files(self) -> dict[str, str]:
        """The site-wide files every page links to, wherever the settings put them (the templates' `digest_links`)."""
        s = self.settings
        return {
            "index": s.index_save_as,
            "json": s.json_save_as,
            "skipped": s.skipped_save_as,
            "search": s.search_save_as,
            "search_dir": SEARCH_DIR,
            "feed": s.feed_save_as,
            "sitemap": s.sitemap_save_as,
            "static": s.static_dir.strip("/"),
        }

    def asset(self, name: str) -> str:
        """One of the digest's own static files (`name` relative to site/static, e.g. "css/digest.css")."""
        return f"{self.settings.static_dir.strip('/')}/{name}"


def download_paths(story_save_as: str) -> dict[str, str]:
    """Where a story's CSV files go, next to its page (also their URLs relative to the site root)."""
    return {"quotes": beside(story_save_as, "quotes.csv"), "articles": beside(story_save_as, "articles.csv")}


def part_path(story_path: str, kind: str, number: int) -> str:
    """A part page of a story, next to its page: stories/<slug>-quotes-2.html (or stories/<slug>/quotes-2.html)."""
    extension = story_path.rsplit(".", 1)[-1] if "." in story_path.rsplit("/", 1)[-1] else "html"
    return beside(story_path, f"{kind}-{number}.{extension}")


def beside(story_path: str, name: str) -> str:
    """A file next to a story's page: <page without extension>-<name>, or <folder>/<name> for folder-style pages."""
    base = story_path.rsplit(".", 1)[0] if "." in story_path.rsplit("/", 1)[-1] else story_path.rstrip("/")
    if base.endswith("/index"):  # stories/<slug>/index.html -> stories/<slug>/quotes.csv
        return base[: -len("index")] + name
    return f"{base}-{name}"
