"""The only module that imports Pelican: register(), the digest generator, reading seeds and writing pages."""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
import time
from collections.abc import Iterable
from dataclasses import replace
from functools import partial
from pathlib import Path

from blinker import signal
from jinja2 import ChoiceLoader, FileSystemLoader
from pelican import signals
from pelican.generators import Generator
from pelican.log import console
from pelican.utils import sanitised_join
from pelican.writers import FileOverwriteFailedError

from .build import collector
from .build.cache import ResultCache, last_postings_key
from .build.manifest import PageManifest
from .build.packed import Kept, PackedPostings, fill
from .build.pipeline import build_digest
from .build.publish import TEMPLATES_USED, Publisher, Written, check_unique
from .data.search import article_terms
from .digest import Digest, with_coding
from .group.stories import OverrideError
from .read.folder import find_outlet_coding, find_sidecar, read_seed_folder
from .read.outlet_coding import OutletCoding, parse_outlet_coding
from .read.sidecar import Sidecar, SidecarError, parse_sidecar
from .records import Skipped, shown
from .settings import DigestSettings, SettingsError, validate_settings
from .site import STATIC, TEMPLATES
from .site.annotate import nodes_html
from .site.lookup import dict_first_getattr
from .site.paths import SitePaths

log = logging.getLogger(__name__)
# Sent once the digest is built (before any page is written): sender is the generator, with `digest` (the Digest,
# whose `documents` are the story documents every output reads) and `paths` (SitePaths). Other plugins may read the
# stories here, or later from the generator context's "coverage_digest" entry.
digest_built = signal("coverage_digest.digest_built")


class DigestGenerator(Generator):
    """Reads the seed folder, runs the pipeline, and writes the digest's pages and data files."""

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
        self.search_terms = PackedPostings()  # each article's search postings, made (and packed) while grouping runs

        def while_grouping(articles, analyses, keys) -> None:
            def make(article, analysis):
                return article_terms((article,), {article.id: analysis})[article.id]

            kept = cache.get(last_postings_key(), Kept) if cache is not None and keys else None
            kept = fill(self.search_terms, articles, analyses, keys, kept, make)
            if cache is not None and keys:
                cache.put(last_postings_key(), kept)

        try:
            digest = build_digest(files, sidecar, self.digest_settings, cache, progress, while_grouping)
        except OverrideError as exc:
            raise SettingsError(f"DIGEST_MERGE / DIGEST_SPLIT (or the sidecar's stories:): {exc}") from exc
        codings, coding_file, coding_problems = _load_outlet_coding(seeds, self.digest_settings)
        extra = unreadable + ((sidecar_problem,) if sidecar_problem else ()) + coding_problems
        digest = with_coding(digest, codings, coding_file)
        self.digest = replace(digest, skipped=tuple(sorted(digest.skipped + extra, key=_by_file)))
        self.files_read = len(files) + len(unreadable)
        pairs = [(d.article_id, d.from_article_id) for sa in self.digest.story_analyses for d in sa.derivations]
        self.paths = SitePaths.build(
            self.digest_settings,
            [a.id for a in self.digest.articles],
            [s.id for s in self.digest.stories],
            pairs,
            [o.name for o in self.digest.outlets],
        )
        self.context["coverage_digest"] = self.digest
        self.context["digest_article_count"] = len(self.digest.articles)
        self.context["digest_links"] = self.paths.site_files()  # where every page links the site-wide files
        digest_built.send(self, digest=self.digest, paths=self.paths)

    def _generate_output(self, writer) -> None:
        self.env.autoescape = True  # input text must never reach a page as markup
        ds = self.digest_settings
        manifest = PageManifest.load(self.settings, self.output_path, self.theme, reuse=ds.cache)
        sitemap_plugin = _sitemap_plugin_writes(self.settings, ds.sitemap_save_as)
        if sitemap_plugin:
            log.info("%s is written by the sitemap plugin; every digest page is announced to it", ds.sitemap_save_as)
        publisher = Publisher(
            self.digest,
            self.paths,
            ds,
            partial(self._render, writer),
            partial(_write_text, self.output_path),
            {"SITENAME": self.settings.get("SITENAME", ""), "SITEURL": self.settings.get("SITEURL") or ""},
            manifest,
            self.search_terms,
            _pelican_pages(self.context),
            write_sitemap=not sitemap_plugin,
        )
        _check_room(self.output_path, self.digest, bool(manifest.files))
        for template in TEMPLATES_USED:  # compiled here once, not again in each forked worker that writes pages
            self.get_template(template)
        try:
            written = publisher.publish() + self._copy_assets()
        except OSError as exc:  # a full or read-only disk: one clear line, not a traceback per worker
            log.error(
                "coverage_digest: cannot write the site into %s: %s. The next build rewrites every page.",
                self.output_path,
                exc.strerror or exc,
            )
            raise SystemExit(1) from exc
        check_unique(written)
        kept = [Written(save_as, key, 0, True) for save_as, key in sorted(publisher.kept.items())]
        self._announce(writer, written + kept)
        files = {w.save_as for w in written} | set(publisher.kept)
        manifest.save(publisher.recorded(written), files, owned_folders=(self.paths.search_file("").rstrip("/"),))
        _report(self.files_read, self.digest, len(publisher.kept))

    def _copy_assets(self) -> list[Written]:
        """The digest's CSS and JavaScript into the output, unless the theme has its own file of the same name
        (Pelican copies the theme's)."""
        out = []
        for path in sorted(p for p in STATIC.rglob("*") if p.is_file()):
            name = path.relative_to(STATIC).as_posix()
            if (Path(self.theme) / "static" / name).is_file():
                continue
            target = Path(sanitised_join(self.output_path, self.paths.asset(name)))
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(path.read_bytes())
            out.append(Written(self.paths.asset(name), None, os.getpid(), False))
        return out

    def _render(self, writer, save_as: str, template: str, **page) -> None:
        """One page through the theme's template and Pelican's writer, with relative URLs (any sub-path works)."""
        writer.write_file(
            save_as,
            self.get_template(template),
            self.context,
            relative_urls=True,
            template_name=template,
            page_name=save_as.rsplit(".", 1)[0],
            **page,
        )

    def _announce(self, writer, written: list[Written]) -> None:
        """Record every file with Pelican's writer (so that a later write of the same path fails, as Pelican's own
        overwrites do), and send `content_written` in this process for every page a forked worker wrote or a rebuild
        kept as it was (the writer announced the rest itself). Data files (digest.json, CSV, search index) are
        recorded, not announced: they are not pages, as Pelican's own feeds are not."""
        recorded = getattr(writer, "_written_files", None)
        main = os.getpid()
        for w in written:
            if w.page and w.pid == main:
                continue  # the writer recorded and announced it itself
            path = sanitised_join(self.output_path, w.save_as)
            if recorded is not None:
                if path in recorded:
                    raise FileOverwriteFailedError(f"{path} was written by two parts of the build")
                recorded.add(path)
            if w.page:
                signals.content_written.send(path, context={**self.context, "output_file": w.save_as})


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


def _check_room(output_path: str, digest: Digest, rebuild: bool) -> None:
    """Refuse, before a file is written (so the previous site stays as it was), a build the output folder surely
    cannot hold: not writable, or less free space than the files written anew at the least (digest.json and the
    search index are about three times the articles' text; a first build's pages about ten)."""
    text = sum(len(a.text.encode("utf-8", "surrogatepass")) for a in digest.articles)
    needed = text * (3 if rebuild else 10)
    folder = Path(output_path)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".digest-check-"):
            pass
        free = shutil.disk_usage(folder).free
    except OSError as exc:
        log.error("coverage_digest: the output folder %s cannot be written: %s", output_path, exc.strerror or exc)
        raise SystemExit(1) from exc
    if free < needed:
        log.error(
            "coverage_digest: %s has %.1f MB free, and this build needs at least %.1f MB; nothing was written",
            output_path,
            free / 1e6,
            needed / 1e6,
        )
        raise SystemExit(1)


def _pelican_pages(context: dict) -> list[tuple[str, str | None]]:
    """The hand-written pages (content/pages) Pelican wrote, for the sitemap."""
    return [(p.url, None) for p in context.get("pages", ()) if getattr(p, "url", None)]


def _sitemap_plugin_writes(settings: dict, save_as: str) -> bool:
    """Whether pelican-plugins' sitemap plugin is connected in this run and writes the file our sitemap would go to
    (Pelican imports every namespace plugin to resolve names, so only a connected receiver says it is in use)."""
    listening = any(
        getattr(receiver, "__module__", "").startswith("pelican.plugins.sitemap")
        for receiver in signals.content_written.receivers_for(signals.content_written.ANY)
    )
    config = settings.get("SITEMAP")
    fmt = config.get("format", "xml") if isinstance(config, dict) else "xml"
    return listening and save_as == f"sitemap.{fmt}"


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


def _load_outlet_coding(
    seeds: Path, ds: DigestSettings
) -> tuple[tuple[OutletCoding, ...], str | None, tuple[Skipped, ...]]:
    """The user's coding of outlets (DIGEST_OUTLETS_FILE, else outlets.yaml / .yml / .csv in the seeds folder): the
    codings, the file's name, and the entries that could not be used."""
    path = Path(ds.outlets_file) if ds.outlets_file else find_outlet_coding(seeds)
    if path is None:
        return (), None, ()
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        return (), None, (Skipped(path.name, f"outlet coding not used: {exc}"),)
    codings, problems = parse_outlet_coding(text, path.name)
    return codings, path.name, problems


def _write_text(output_path: str, save_as: str, text: str | Iterable[str]) -> None:
    """A data file: its text, or its pieces in order (written as they come: digest.json is made a record at a time)."""
    path = sanitised_join(output_path, save_as)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        if isinstance(text, str):
            fh.write(text)
        else:
            fh.writelines(text)


def _by_file(skipped: Skipped) -> str:
    return skipped.source_file


def _report(files_read: int, digest: Digest, kept: int = 0) -> None:
    """The build report on the console (next to Pelican's own "Done" line), and each skipped file as a warning."""
    for item in digest.skipped:
        log.warning("skipped %s: %s", item.location, shown(item.reason))
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


def add_templates(generator: Generator) -> None:
    """Signal receiver: let every generator find the digest's templates right after the theme's own and before
    Pelican's fallback "simple" theme: a theme may override any of them, and its base.html may include
    digest_head.html, which the package ships; and give them the digest's one filter."""
    env = getattr(generator, "env", None)
    if env is None:
        return
    env.filters.setdefault("digest_nodes", nodes_html)  # source.html's paragraphs and headline
    if not getattr(env.getattr, "dict_first", False):  # the views are dicts: look their items up first
        env.getattr = dict_first_getattr(env)
    ours = FileSystemLoader(str(TEMPLATES))
    loaders = list(env.loader.loaders) if isinstance(env.loader, ChoiceLoader) else [env.loader]
    if not any(isinstance(x, FileSystemLoader) and x.searchpath == ours.searchpath for x in loaders):
        env.loader = ChoiceLoader([*loaders[:1], ours, *loaders[1:]])


def register() -> None:
    """Connect the plugin's signal receivers (and nothing else)."""
    signals.get_generators.connect(get_generators)
    signals.generator_init.connect(add_templates)
