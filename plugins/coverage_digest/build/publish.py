"""The write phase: every page and data file of the digest, what a rebuild keeps, and which job writes what.

Pages go through the theme's templates and Pelican's writer (`PageSink`, given by the plugin, the only module that
imports Pelican); data files through `write_text`. Jobs may run on forked workers: each returns the files it wrote,
so that the main process can announce every one of them (Pelican's `content_written`) and catch a path written twice.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import partial
from typing import Any, Protocol

from ..data.csv_files import articles_csv, quotes_csv
from ..data.digest_json import document_chunks
from ..data.feeds import ARTICLE_FIELDS, STORY_FIELDS, atom_feed, sitemap
from ..data.search import build_index, story_docs
from ..digest import Digest, StoryDocument
from ..settings import DigestSettings
from ..site import views
from ..site.aligned_view import aligned_view
from ..site.index_view import STORIES_DATA, index_pages, stories_data
from ..site.outlet_view import coding_rows, distribution_section, outlet_page_count, outlet_view, outlets_view
from ..site.paths import INDEX_ORDERS, SitePaths
from ..site.story_parts import part_pages
from .manifest import PageManifest, page_key
from .schedule import run_jobs, write_jobs

TEMPLATES_USED = ("index", "skipped", "search", "outlets", "outlet", "story", "story_part", "aligned", "source")


class PageSink(Protocol):
    """Renders one page through the theme's templates and writes it (Pelican's writer, in the plugin)."""

    def __call__(self, save_as: str, template: str, **page: Any) -> None: ...


@dataclass(frozen=True, slots=True)
class Written:
    """One file a job wrote: its path in the output folder, the content key it was made from (pages a rebuild may
    keep) and the process that wrote it."""

    save_as: str
    key: str | None
    pid: int
    page: bool  # written through the writer (a page) rather than as a data file


@dataclass(frozen=True, slots=True)
class StoryPlan:
    """What a story's pages are and which of them a rebuild keeps."""

    written: tuple[tuple[str, str | None], ...]  # (URL, last modified) of every page, for the sitemap
    save_as: str
    story_key: str | None
    member_key: str | None
    story_kept: bool
    members_kept: bool
    outputs: tuple[str, ...] = ()  # every page of the story, kept or not

    @property
    def changed(self) -> bool:
        return not (self.story_kept and self.members_kept)


@dataclass(slots=True)
class Publisher:
    """Writes one digest: the site-wide pages here, then data files and story pages as jobs."""

    digest: Digest
    paths: SitePaths
    settings: DigestSettings
    sink: PageSink
    write_text: Callable[[str, str | Iterable[str]], None]  # (save_as, the text or its pieces in order)
    site: dict[str, str]  # SITENAME, SITEURL
    manifest: PageManifest | None = None
    search_terms: Mapping[str, Mapping[str, tuple[int, int]]] = field(default_factory=dict)  # postings, made ahead
    extra_pages: list[tuple[str, str | None]] = field(default_factory=list)  # other pages for the sitemap
    write_sitemap: bool = True  # False when another plugin (pelican-plugins' sitemap) writes the same file
    kept: dict[str, str] = field(default_factory=dict)  # pages a rebuild left as they were -> their key
    by_id: dict = field(default_factory=dict)  # article id -> Article, and -> ArticleAnalysis: made once, before
    analysis_of: dict = field(default_factory=dict)  # the jobs fork, so every worker inherits them
    coding_of: dict = field(default_factory=dict)  # outlet name -> the user's coding of it

    def publish(self) -> list[Written]:
        """Every file written, in a stable order (the main process's pages first, then the jobs' files)."""
        ds, digest, paths = self.settings, self.digest, self.paths
        self.by_id = {a.id: a for a in digest.articles}
        self.analysis_of = {x.article_id: x for x in digest.analyses}
        self.coding_of = {o.name: o.coding for o in digest.outlets if o.coding}
        keys = digest.story_keys or (None,) * len(digest.documents)
        plans = [self._plan(doc, key) for doc, key in zip(digest.documents, keys, strict=True)]
        if self.manifest is not None:  # before the first file: an interrupted build leaves nothing trusted
            self.manifest.mark_dirty(self._planned(plans))
        site = [self._site_page(save_as, "index", digest=page) for save_as, page in index_pages(digest, paths)]
        site += [
            self._site_page(ds.skipped_save_as, "skipped", digest=views.skipped_view(digest)),
            self._site_page(ds.search_save_as, "search", search={"count": len(digest.articles)}),
        ]
        site += self._outlet_pages()
        written = [w for _, w in site if w is not None]
        outlet_pages = {
            paths.outlet_page_save_as(o.name, n): paths.outlet_page_url(o.name, n)
            for o in digest.outlets
            for n in range(1, outlet_page_count(o) + 1)
        }
        listed = [(outlet_pages.get(name, name), None) for name, _ in site if name != ds.skipped_save_as]
        pages = listed + [item for plan in plans for item in plan.written] + self.extra_pages
        whole: list[Callable[[], list[Written]]] = [partial(self._data_files, pages), self._search_index]
        slices = write_jobs(
            [d.counts.sources for d in digest.documents], lambda k: _to_render(digest.documents[k], plans[k])
        )
        jobs = [partial(self._story_pages, digest.documents[k], plans[k], items) for k, items in slices]
        changed = sum(plan.changed for plan in plans)
        for done in run_jobs(whole, jobs, ds.workers, changed, len(digest.articles)):
            written += done
        return written

    def _outlet_pages(self) -> list[tuple[str, Written | None]]:
        """The list of outlets and one page per identified outlet."""
        paths, documents = self.paths, {doc.story.id: doc for doc in self.digest.documents}
        out = [self._site_page(self.settings.outlets_save_as, "outlets", outlets=outlets_view(self.digest, paths))]
        for outlet in self.digest.outlets:
            for n in range(1, outlet_page_count(outlet) + 1):
                view = outlet_view(outlet, documents, paths, self.digest.coding_file, page=n)
                out.append(self._site_page(paths.outlet_page_save_as(outlet.name, n), "outlet", outlet=view))
        return out

    def _site_page(self, save_as: str, template: str, **page: Any) -> tuple[str, Written | None]:
        """A site-wide page (index, outlets, skipped files, search), rendered unless the manifest says it was made
        from the same view (`view_key`: the template and everything the page shows); (save_as, None) when kept."""
        key = view_key(template, page) if self.manifest is not None else None
        if self._unchanged([save_as], key):
            return save_as, None
        return save_as, self._page(save_as, template, key=key, **page)

    def _site_pages(self) -> set[str]:
        """The index's pages, the list of outlets and the outlets' pages."""
        paths, count = self.paths, self.paths.index_pages(len(self.digest.documents))
        pages = {paths.index_page(order, n) for order in INDEX_ORDERS for n in range(1, count + 1)}
        pages.add(self.settings.outlets_save_as)
        numbers = [(o.name, n) for o in self.digest.outlets for n in range(1, outlet_page_count(o) + 1)]
        return pages | {paths.outlet_page_save_as(name, n) for name, n in numbers}

    def _planned(self, plans: list[StoryPlan]) -> set[str]:
        """Every file this build is about to write (the search index's files apart: its folder is the digest's)."""
        ds = self.settings
        files = {ds.skipped_save_as, ds.search_save_as, ds.json_save_as, ds.feed_save_as} | self._site_pages()
        files |= {ds.sitemap_save_as} if self.write_sitemap else set()
        files |= {name for doc in self.digest.documents for name in self.paths.downloads(doc.story.id).values()}
        return files | {name for plan in plans for name in plan.outputs}

    def recorded(self, written: list[Written]) -> dict[str, str]:
        """{file: content key} of every page and data file this build wrote or kept, for the page manifest."""
        return {**self.kept, **{w.save_as: w.key for w in written if w.key is not None}}

    def _page(self, save_as: str, template: str, key: str | None = None, **page: Any) -> Written:
        self.sink(save_as, template, **page)
        return Written(save_as, key, os.getpid(), True)

    def _data(self, save_as: str, text: str | Iterable[str]) -> Written:
        """A data file, written unless the manifest says this build's text is the one already there (a file given
        whole: its SHA-256; digest.json, written as it is made, is always written)."""
        key = None
        if isinstance(text, str) and self.manifest is not None:
            key = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
            if self.manifest.current([save_as], key):
                return Written(save_as, key, os.getpid(), False)
        self.write_text(save_as, text)
        return Written(save_as, key, os.getpid(), False)

    def _plan(self, doc: StoryDocument, key: str | None) -> StoryPlan:
        """A story's outputs (for the sitemap) and whether its page and its members' pages can be kept as they are."""
        paths, story_id = self.paths, doc.story.id
        save_as = paths.story_save_as(story_id)
        pairs = [(d.article_id, d.from_article_id) for d in doc.analysis.derivations]
        parts = [paths.story_part_save_as(story_id, kind, n) for kind, n in part_pages(doc)]
        written = [(paths.story_url(story_id), doc.updated)]
        written += [(paths.story_part_url(story_id, kind, n), doc.updated) for kind, n in part_pages(doc)]
        written += [(paths.reuse_url(*pair), None) for pair in pairs]
        written += [(paths.article_url(a.id), a.published) for a in doc.articles]
        # The story page shows the grouping record too; member pages only its analysis, id and title.
        # Its pages show each outlet's coding and link to the outlet's page (whose slug depends on every outlet's name).
        coded = repr(sorted((o, repr(self.coding_of.get(o)), paths.outlet_url(o)) for o in doc.named_outlets))
        story_key = page_key(key, repr(doc.story) + coded) if key else None
        member_key = page_key(key, f"{story_id}\n{doc.story.title}\n{coded}") if key else None
        members = [paths.reuse_save_as(*pair) for pair in pairs] + [paths.article_save_as(a.id) for a in doc.articles]
        story_kept = self._unchanged([save_as, *parts], story_key)
        members_kept = self._unchanged(members, member_key)
        outputs = (save_as, *parts, *members)
        return StoryPlan(tuple(written), save_as, story_key, member_key, story_kept, members_kept, outputs)

    def _unchanged(self, outputs: list[str], key: str | None) -> bool:
        """True when every output exists and was made from the same key (the manifest records them as kept)."""
        if key is None or self.manifest is None or not self.manifest.current(outputs, key):
            return False
        self.kept.update(dict.fromkeys(outputs, key))
        return True

    def _story_pages(self, doc: StoryDocument, plan: StoryPlan, items: list[tuple[str, Any]]) -> list[Written]:
        """Some of a story's pages (a job): its own page, aligned views, articles' pages."""
        paths, sa = self.paths, doc.analysis
        articles, analysis_of = self.by_id, self.analysis_of
        crumb = {"title": sa.story.title, "url": paths.story_url(sa.story.id)}  # the story page's own title and URL
        out = []
        for kind, item in items:
            if kind == "story":
                view = views.story_view(doc, articles, paths, analysis_of)
                view["distribution"] = distribution_section(doc, self.digest.outlets)
                out.append(self._page(plan.save_as, "story", key=plan.story_key, story=view))
            elif kind == "part":
                table, number = item
                view = views.story_part_view(doc, table, number, articles, paths, analysis_of)
                save_as = paths.story_part_save_as(sa.story.id, table, number)
                out.append(self._page(save_as, "story_part", key=plan.story_key, part=view))
            elif kind == "aligned":
                view = aligned_view(item, articles, analysis_of, paths, crumb)
                save_as = paths.reuse_save_as(item.article_id, item.from_article_id)
                out.append(self._page(save_as, "aligned", key=plan.member_key, pair=view))
            else:
                view = views.article_view(articles[item], sa, analysis_of[item], articles, paths)
                view["coding"] = coding_rows(self.coding_of.get(articles[item].outlet or ""))
                out.append(self._page(paths.article_save_as(item), "source", key=plan.member_key, article=view))
        return out

    def _data_files(self, pages: list[tuple[str, str | None]]) -> list[Written]:
        """digest.json, each story's CSV files, the Atom feed and the sitemap (a job). digest.json is written a record
        at a time, each story's CSV files from its records as they are made; the feed keeps the few fields it reads."""
        ds, site = self.settings, self.site
        out: list[Written] = []
        feed: dict[str, list[dict[str, Any]]] = {"articles": [], "stories": []}

        def story_files(story: dict[str, Any], articles: dict[str, dict[str, Any]]) -> None:
            files = self.paths.downloads(story["id"])
            out.append(self._data(files["quotes"], quotes_csv(story, articles)))
            out.append(self._data(files["articles"], articles_csv(story, articles)))
            feed["stories"].append({k: story[k] for k in STORY_FIELDS})
            feed["articles"] += ({k: a[k] for k in ARTICLE_FIELDS} for a in articles.values())

        out.insert(0, self._data(ds.json_save_as, document_chunks(self.digest, self.paths, story_files)))
        siteurl = site.get("SITEURL", "")
        out.append(self._data(ds.feed_save_as, atom_feed(feed, site.get("SITENAME", ""), siteurl, ds.feed_save_as)))
        if self.write_sitemap:
            out.append(self._data(ds.sitemap_save_as, sitemap(pages, siteurl)))
        return out

    def _search_index(self) -> list[Written]:
        """The offline search index (a job); its documents are made one story at a time, as the index reads them."""
        docs = (
            d for doc in self.digest.documents for d in story_docs(doc, self.analysis_of, self.paths, self.search_terms)
        )
        files = [self._data(self.paths.search_file(name), text) for name, text in build_index(docs).items()]
        return [*files, self._data(self.paths.search_file(STORIES_DATA), stories_data(self.digest, self.paths))]


def view_key(template: str, page: dict[str, Any]) -> str | None:
    """The content key of a page rendered from plain data alone (dicts, lists, strings, numbers, None), the same only
    for the same data; None when the view holds anything else (whose repr need not show all it holds)."""
    parts: list[str] = [template]
    if not _plain(page, parts):
        return None
    return page_key("site page", "\x00".join(parts))


_SCALARS = (str, int, float, bool, type(None))


def _plain(value: Any, parts: list[str]) -> bool:
    """Append value's exact text form to parts (type-tagged: 1, 1.0 and True differ); False if not plain data."""
    kind = type(value)
    if kind in _SCALARS:
        parts.append(f"{kind.__name__}:{value!r}")
        return True
    if kind is dict:
        parts.append(f"{{{len(value)}")
        return all(type(k) is str and _plain(k, parts) and _plain(v, parts) for k, v in value.items())
    if kind is list or kind is tuple:
        parts.append(f"[{len(value)}" if kind is list else f"({len(value)}")
        return all(_plain(v, parts) for v in value)
    return False


def _to_render(doc: StoryDocument, plan: StoryPlan) -> list[tuple[str, Any]]:
    """(template, what it shows) of each of a story's pages the plan does not keep."""
    items: list[tuple[str, Any]] = [] if plan.story_kept else [("story", None), *(("part", p) for p in part_pages(doc))]
    if not plan.members_kept:
        items += [("aligned", d) for d in doc.analysis.derivations]
        items += [("source", i) for i in doc.story.article_ids]
    return items


def check_unique(written: list[Written]) -> None:
    """Raise when two jobs wrote the same file: one page would silently have replaced another."""
    seen: dict[str, Written] = {}
    for w in written:
        if w.save_as in seen:
            raise FileExistsError(
                f"{w.save_as} was written twice in one build (processes {seen[w.save_as].pid} and {w.pid})"
            )
        seen[w.save_as] = w
