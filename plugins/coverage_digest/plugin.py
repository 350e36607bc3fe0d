"""The only module that imports Pelican: register(), the digest generator, reading seeds and writing pages."""

from __future__ import annotations

import logging
import os
import time
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path

from pelican import signals
from pelican.generators import Generator
from pelican.log import console
from pelican.utils import sanitised_join

from .build import collector
from .build.cache import ResultCache
from .build.manifest import PageManifest, page_key
from .build.pipeline import MIN_PARALLEL_STORIES, build_digest
from .build.workers import map_inherited
from .data.csv_files import articles_csv, quotes_csv
from .data.digest_json import digest_document, dumps
from .data.feeds import atom_feed, sitemap
from .data.search import article_terms, build_index, story_docs
from .digest import Digest
from .group.stories import OverrideError
from .read.folder import find_sidecar, read_seed_folder
from .read.sidecar import Sidecar, SidecarError, parse_sidecar
from .records import Skipped
from .settings import DigestSettings, SettingsError, validate_settings
from .site import views
from .site.aligned_view import aligned_view
from .site.paths import SitePaths

log = logging.getLogger(__name__)
# From this many articles the site-wide files (digest.json, CSV, search index) take seconds: worth their own workers.
MIN_PARALLEL_ARTICLES = 1000
PAGES_PER_JOB = 40  # pages rendered by one job of a parallel build


class DigestGenerator(Generator):
    """Reads the seed folder, runs the pipeline, and writes the digest's pages and digest.json."""

    def generate_context(self) -> None:
        """Read and analyse the seeds; nothing is written here."""
        with collector.paused():
            self._generate_context()

    def generate_output(self, writer) -> None:
        """Write every page through the theme's templates, then digest.json, the downloads, feed, sitemap, search."""
        with collector.paused():
            self._generate_output(writer)

    def _generate_context(self) -> None:
        self.digest_settings = _settings(self.settings)
        seeds = Path(self.digest_settings.seeds)
        if not seeds.is_dir():
            raise SettingsError(f"DIGEST_SEEDS: seeds folder {str(seeds)!r} does not exist (or is not a folder)")
        files, unreadable = read_seed_folder(seeds, self.digest_settings.max_file_bytes)
        sidecar, sidecar_problem = _load_sidecar(seeds, self.digest_settings)
        cache = (
            ResultCache(Path(self.settings["CACHE_PATH"]) / "coverage_digest") if self.digest_settings.cache else None
        )
        progress = ConsoleProgress() if len(files) >= ConsoleProgress.MIN_FILES else None
        self.search_terms: dict[str, dict] = {}  # each article's search postings, made while grouping runs

        def while_grouping(articles, analyses) -> None:
            self.search_terms = article_terms(articles, {x.article_id: x for x in analyses})

        try:
            digest = build_digest(files, sidecar, self.digest_settings, cache, progress, while_grouping)
        except OverrideError as exc:
            raise SettingsError(f"DIGEST_MERGE / DIGEST_SPLIT (or the sidecar's stories:): {exc}") from exc
        extra = unreadable + ((sidecar_problem,) if sidecar_problem else ())
        self.digest = replace(digest, skipped=tuple(sorted(digest.skipped + extra, key=_by_file)))
        self.files_read = len(files) + len(unreadable)
        pairs = [(d.article_id, d.from_article_id) for sa in self.digest.story_analyses for d in sa.derivations]
        self.paths = SitePaths.build(
            self.digest_settings, [a.id for a in self.digest.articles], [s.id for s in self.digest.stories], pairs
        )
        self.context["digest_article_count"] = len(self.digest.articles)
        self.context["digest_links"] = self.paths.site_files()  # where every page links the site-wide files

    def _generate_output(self, writer) -> None:
        self.env.autoescape = True  # input text must never reach a page as markup
        ds, digest, paths = self.digest_settings, self.digest, self.paths
        manifest = PageManifest.load(self.settings, self.output_path, self.theme) if ds.cache else None
        page = _PageWriter(writer, self, self.context, manifest)
        page.write(ds.index_save_as, "index", digest=views.index_view(digest, paths))
        page.write(ds.skipped_save_as, "skipped", digest=views.skipped_view(digest))
        page.write(ds.search_save_as, "search", search={"count": len(digest.articles)})
        analysis_of = {x.article_id: x for x in digest.analyses}
        articles = {a.id: a for a in digest.articles}
        written: list[tuple[str, str | None]] = [(ds.index_save_as, None), (ds.search_save_as, None)]
        self._write_stories_and_site_files(writer, manifest, page, articles, analysis_of, written)
        if manifest is not None:
            manifest.save(page.recorded, self.output_path)
        _report(self.files_read, digest, page.skipped)

    def _write_stories_and_site_files(self, writer, manifest, page, articles, analysis_of, written) -> None:
        """The pages of every story whose inputs changed, and the site-wide files, as one list of jobs: on forked
        workers for big builds, the site-wide files first, then the stories' pages, largest story first, a slice of
        at most PAGES_PER_JOB pages a job (no long job starts last, and one big story keeps every core busy)."""
        stories = self.digest.documents
        keys = self.digest.story_keys or (None,) * len(stories)
        plans = [self._plan_story(page, doc, key) for doc, key in zip(stories, keys, strict=True)]
        pages = written + [item for plan in plans for item in plan.written] + _pelican_pages(self.context)
        jobs = [partial(self._write_data_files, pages), self._write_search_index]
        render = partial(self._write_pages, writer, manifest, articles=articles, analysis_of=analysis_of)
        for k in sorted(range(len(stories)), key=lambda k: -stories[k].counts.sources):
            items = _pages_to_render(stories[k], plans[k])
            slices = (items[start : start + PAGES_PER_JOB] for start in range(0, len(items), PAGES_PER_JOB))
            jobs += [partial(render, stories[k], plans[k], chunk) for chunk in slices]
        changed = sum(not (plan.story_kept and plan.members_kept) for plan in plans)
        big = changed >= MIN_PARALLEL_STORIES or len(articles) >= MIN_PARALLEL_ARTICLES
        for recorded in map_inherited(lambda n: jobs[n](), len(jobs), self.digest_settings.workers if big else 1):
            page.recorded.update(recorded)

    def _write_pages(self, writer, manifest, doc, plan: _StoryPlan, items, articles, analysis_of) -> dict[str, str]:
        """Some of a story's pages (a job): its own page, aligned views, articles' pages. {page written: its key}."""
        paths, mine, sa = self.paths, _PageWriter(writer, self, self.context, manifest), doc.analysis
        crumb = {"title": sa.story.title, "url": paths.story_url(sa.story.id)}  # the story page's own title and URL
        for kind, item in items:
            if kind == "story":
                view = views.story_view(doc, articles, paths, analysis_of)
                mine.write(plan.save_as, "story", key=plan.story_key, story=view)
            elif kind == "aligned":
                view = aligned_view(item, articles, analysis_of, paths, crumb)
                save_as = paths.reuse_save_as(item.article_id, item.from_article_id)
                mine.write(save_as, "aligned", key=plan.member_key, pair=view)
            else:
                view = views.article_view(articles[item], sa, analysis_of[item], articles, paths)
                mine.write(paths.article_save_as(item), "source", key=plan.member_key, article=view)
        return mine.recorded

    def _write_data_files(self, pages: list[tuple[str, str | None]]) -> dict[str, str]:
        """digest.json, each story's CSV files, the Atom feed and the sitemap (a job; no page to record)."""
        ds, out = self.digest_settings, self.output_path
        document = digest_document(self.digest, self.paths)
        _write_text(out, ds.json_save_as, dumps(document))
        by_id = {a["id"]: a for a in document["articles"]}
        for story in document["stories"]:
            files = self.paths.downloads(story["id"])
            _write_text(out, files["quotes"], quotes_csv(story, by_id))
            _write_text(out, files["articles"], articles_csv(story, by_id))
        siteurl = self.settings.get("SITEURL") or ""
        feed = atom_feed(document, self.settings.get("SITENAME", ""), siteurl, ds.feed_save_as)
        _write_text(out, ds.feed_save_as, feed)
        _write_text(out, ds.sitemap_save_as, sitemap(pages, siteurl))
        return {}

    def _write_search_index(self) -> dict[str, str]:
        """The offline search index (a job; no page to record)."""
        digest, paths = self.digest, self.paths
        analyses = {x.article_id: x for x in digest.analyses}
        docs = [item for doc in digest.documents for item in story_docs(doc, analyses, paths, self.search_terms)]
        for name, text in build_index(docs).items():
            _write_text(self.output_path, paths.search_file(name), text)
        return {}

    def _plan_story(self, page, doc, key) -> _StoryPlan:
        """A story's outputs (for the sitemap) and whether its page and its members' pages can be kept as they are."""
        paths, sa, story_id = self.paths, doc.analysis, doc.story.id
        save_as = paths.story_save_as(story_id)
        pairs = [(d.article_id, d.from_article_id) for d in sa.derivations]
        written = [(paths.story_url(story_id), doc.updated)]
        written += [(paths.reuse_url(*pair), None) for pair in pairs]
        written += [(paths.article_url(a.id), a.published) for a in doc.articles]
        # The story page shows the grouping record too; member pages only its analysis, id and title.
        story_key = page_key(key, repr(sa.story)) if key else None
        member_key = page_key(key, f"{story_id}\n{sa.story.title}") if key else None
        members = [paths.reuse_save_as(*pair) for pair in pairs]
        members += [paths.article_save_as(i) for i in sa.story.article_ids]
        story_kept, members_kept = page.unchanged([save_as], story_key), page.unchanged(members, member_key)
        return _StoryPlan(tuple(written), save_as, story_key, member_key, story_kept, members_kept)


@dataclass(frozen=True, slots=True)
class _StoryPlan:
    """What a story's pages are and which of them a rebuild keeps."""

    written: tuple[tuple[str, str | None], ...]  # (URL, last modified) of every page, for the sitemap
    save_as: str
    story_key: str | None
    member_key: str | None
    story_kept: bool
    members_kept: bool


def _pages_to_render(doc, plan: _StoryPlan) -> list[tuple[str, object]]:
    """(template, what it shows) of each of a story's pages the plan does not keep."""
    items: list[tuple[str, object]] = [] if plan.story_kept else [("story", None)]
    if not plan.members_kept:
        items += [("aligned", d) for d in doc.analysis.derivations]
        items += [("source", i) for i in doc.story.article_ids]
    return items


class ConsoleProgress:
    """Counts per stage and elapsed time on the console, for builds big enough to take a while."""

    MIN_FILES = 300

    def __init__(self) -> None:
        self.started = time.perf_counter()
        self.shown: dict[str, int] = {}

    def __call__(self, stage: str, done: int, total: int) -> None:
        step = max(1, total // 10)
        if done == total or done - self.shown.get(stage, 0) >= step:
            self.shown[stage] = done
            elapsed = time.perf_counter() - self.started
            console.print(
                f"  {stage}: {done:,}/{total:,} ({elapsed:.1f} s)", highlight=False, markup=False, soft_wrap=True
            )


def _pelican_pages(context: dict) -> list[tuple[str, str | None]]:
    """The hand-written pages (content/pages) Pelican wrote, for the sitemap."""
    return [(p.url, None) for p in context.get("pages", ()) if getattr(p, "url", None)]


class _PageWriter:
    """Pelican's writer with the generator's templates and relative URLs, so the site works from any sub-path.

    With a manifest, a page whose inputs (its story's content key) are unchanged since the last build into the same
    output folder is left as it is instead of being rendered again.
    """

    def __init__(self, writer, generator: Generator, context: dict, manifest: PageManifest | None = None) -> None:
        self.writer, self.generator, self.context, self.manifest = writer, generator, context, manifest
        self.recorded: dict[str, str] = {}
        self.skipped = 0

    def unchanged(self, outputs: list[str], key: str | None) -> bool:
        """True (and recorded as kept) when every output exists and was made from the same key."""
        if key is None or self.manifest is None or not self.manifest.current(outputs, key):
            return False
        self.recorded.update(dict.fromkeys(outputs, key))
        self.skipped += len(outputs)
        return True

    def write(self, save_as: str, template: str, key: str | None = None, **page) -> None:
        self.writer.write_file(
            save_as,
            self.generator.get_template(template),
            self.context,
            relative_urls=True,
            template_name=template,
            page_name=save_as.rsplit(".", 1)[0],
            **page,
        )
        if key is not None:
            self.recorded[save_as] = key


def _settings(settings: dict) -> DigestSettings:
    try:
        return validate_settings(settings)
    except SettingsError:
        log.error("coverage_digest: invalid settings")
        raise


def _load_sidecar(seeds: Path, ds: DigestSettings) -> tuple[Sidecar, Skipped | None]:
    path = Path(ds.sidecar) if ds.sidecar else find_sidecar(seeds)
    if path is None:
        return Sidecar(), None
    name = path.name
    try:
        return parse_sidecar(path.read_text(encoding="utf-8-sig"), name), None
    except (OSError, UnicodeDecodeError, SidecarError) as exc:
        log.warning("sidecar %s not used: %s", name, exc)
        return Sidecar(), Skipped(name, f"sidecar not used: {exc}")


def _write_text(output_path: str, save_as: str, text: str) -> None:
    path = sanitised_join(output_path, save_as)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(text)


def _by_file(skipped: Skipped) -> str:
    return skipped.source_file


def _report(files_read: int, digest: Digest, kept: int = 0) -> None:
    """The build report on the console (next to Pelican's own "Done" line), and each skipped file as a warning."""
    for item in digest.skipped:
        log.warning("skipped %s: %s", item.source_file, item.reason)
    console.print(
        f"Coverage digest: {files_read} files read, {len(digest.articles)} articles, "
        f"{len(digest.stories)} stories, {len(digest.skipped)} skipped"
        + (" (reasons above and on the site's skipped-files page)" if digest.skipped else "")
        + (f"; {kept} unchanged pages kept" if kept else ""),
        highlight=False,
        markup=False,
        soft_wrap=True,
    )


def get_generators(pelican_object) -> type[Generator]:
    """Signal receiver: add the digest generator to Pelican's run."""
    return DigestGenerator


def register() -> None:
    """Connect the plugin's signal receivers (and nothing else)."""
    signals.get_generators.connect(get_generators)
