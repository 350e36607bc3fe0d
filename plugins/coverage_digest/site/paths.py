"""Where every output goes and how pages link to it: the one owner of save-as paths and URLs.

Pages, data files and links all ask SitePaths; no other module builds a path. Slugs come from `unique_slugs`, unique
within their kind, so two long file names that share their first 60 characters still get two pages.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from ..settings import DigestSettings
from .slugs import short_hash, unique_slugs

SEARCH_DIR = "search"  # the search index's files (the search script finds them from the form's data attribute)

Pair = tuple[str, str]  # (derived article id, source article id): one aligned view
INDEX_ORDERS = ("recent", "sources", "title")  # the index's sort orders, each its own static pages; the first is
# the index itself


@dataclass(frozen=True, slots=True, eq=False)
class SitePaths:
    """Page and file locations for one build, from the settings and the ids of articles, stories and derived pairs."""

    settings: DigestSettings
    article_slugs: dict[str, str]  # read-only after build(); dicts so that lookups stay O(1) on big sites
    story_slugs: dict[str, str]
    pair_slugs: dict[Pair, str]
    outlet_slugs: dict[str, str] = field(default_factory=dict)

    @classmethod
    def build(
        cls,
        settings: DigestSettings,
        article_ids: Iterable[str],
        story_ids: Iterable[str],
        pairs: Iterable[Pair] = (),
        outlets: Iterable[str] = (),
    ) -> SitePaths:
        """Give every article, story, derived pair and outlet a slug that is safe as a path segment and unique in its
        kind."""
        keyed = {f"{derived}\0{source}": (derived, source) for derived, source in pairs}
        texts = {key: f"{derived}-from-{source}" for key, (derived, source) in keyed.items()}
        by_key = unique_slugs(keyed, texts, fallback="pair")
        return cls(
            settings,
            unique_slugs(article_ids),
            unique_slugs(story_ids),
            {keyed[k]: s for k, s in by_key.items()},
            unique_slugs(outlets, fallback="outlet"),
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

    def outlet_url(self, name: str) -> str | None:
        """An identified outlet's page; None for a name that has none (an unidentified source)."""
        slug = self.outlet_slugs.get(name)
        return self.settings.outlet_url.format(slug=slug) if slug else None

    def outlet_save_as(self, name: str) -> str:
        return self.settings.outlet_save_as.format(slug=self.outlet_slugs[name])

    def outlet_page_url(self, name: str, number: int) -> str:
        """Page `number` (from 1) of an identified outlet's list of articles: its page itself, then part pages in a
        folder named like it (outlets/<slug>/articles-2.html: no other outlet's slug can take that path)."""
        url = self.outlet_url(name) or ""
        return url if number == 1 else outlet_part_path(url, number)

    def outlet_page_save_as(self, name: str, number: int) -> str:
        save_as = self.outlet_save_as(name)
        return save_as if number == 1 else outlet_part_path(save_as, number)

    def index_page(self, order: str = "recent", number: int = 1) -> str:
        """One page of the index in one sort order, named as Pelican names pages (index.html, index2.html, ...):
        the most recent stories first in the index itself, the other orders beside it (index-sources2.html)."""
        base, dot, ext = self.settings.index_save_as.rpartition(".")
        if not dot or "/" in ext:
            base, ext = self.settings.index_save_as, ""
        suffix = ("" if order == INDEX_ORDERS[0] else f"-{order}") + ("" if number == 1 else str(number))
        return f"{base}{suffix}.{ext}" if ext else f"{base}{suffix}"

    def index_pages(self, stories: int) -> int:
        """How many pages each sort order of the index has."""
        return max(1, -(-stories // self.per_page))

    @property
    def per_page(self) -> int:
        return self.settings.index_pagination

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
            "outlets": s.outlets_save_as,
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


def outlet_part_path(outlet_path: str, number: int) -> str:
    """Part page `number` of an outlet's articles, in a folder named like its page: outlets/<slug>.html ->
    outlets/<slug>/articles-2.html (folder-style outlets/<slug>/index.html -> outlets/<slug>/articles-2.html)."""
    last = outlet_path.rsplit("/", 1)[-1]
    base, extension = outlet_path.rsplit(".", 1) if "." in last else (outlet_path.rstrip("/"), "html")
    base = base[: -len("/index")] if base.endswith("/index") else base
    return f"{base}/articles-{number}.{extension}"


def beside(story_path: str, name: str) -> str:
    """A file next to a story's page: <page without extension>-<name>, or <folder>/<name> for folder-style pages."""
    base = story_path.rsplit(".", 1)[0] if "." in story_path.rsplit("/", 1)[-1] else story_path.rstrip("/")
    if base.endswith("/index"):  # stories/<slug>/index.html -> stories/<slug>/quotes.csv
        return base[: -len("index")] + name
    return f"{base}-{name}"
