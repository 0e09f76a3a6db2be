"""MkDocs plugin: publishes the product catalogue as generated pages.

Hooks only, in the order MkDocs calls them; the work is done by the core
(``asppuk.catalog``: loading, pages, exports) and by the modules beside this
one, each with one job:

- ``on_config``: our templates (extending Material's), stylesheet and script.
- ``on_pre_build``: a new build starts with no problems to show.
- ``on_files``: load and validate ``products/``, plan the photos and cards,
  and add the files (:mod:`.files`): one generated page per catalogue page
  (:mod:`.structure`; kept out of the navigation, which MkDocs renders into
  every page: thousands of products there would make the build quadratic),
  the exports, feeds and spreadsheet template, photos and cards.
- ``on_nav``: the "Produk" tab and the navigation's pages (:mod:`.navigation`),
  and how many pages each kind and folder has (:mod:`.rendering`).
- ``on_env``: the template globals (:mod:`.rendering`); then, after every
  plugin's ``on_env``, the helper process that builds catalogue pages beside
  MkDocs (:mod:`.parallel`).
- ``on_page_context``: the page's view data and share tags (:mod:`.context`).
- ``on_post_page``: indentation dropped (:mod:`.whitespace`).
- ``on_post_build``: the helper's pages in, the cards drawn beside the build linked.
- ``on_serve``: rebuild when catalogue data changes.

The speed tricks that pay their way (the helper process, skeletons: see
``make bench-tricks``) each have one option (:mod:`.config`) and fall back
to the plain path; every private internal they use is in :mod:`.internals`.
"""

from __future__ import annotations

import logging
import os
import posixpath
from pathlib import Path

from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import InclusionLevel

from asppuk.build import MARK_NAME as BUILD_MARK
from asppuk.catalog import load_catalog
from asppuk.catalog.pages import CatalogPages, PageSpec
from asppuk.catalog.text import keep_converted_text
from asppuk.contracts import PageIndexer, PageProblemCollector, at, offer, offers
from asppuk.images import ImageSettings
from asppuk.images.publish import PhotoSet, publish_photos
from asppuk.languages import LANGUAGES
from asppuk.mkdocs_problems import report_problems, served_problems, start_build
from asppuk.mkdocs_theme import add_templates, escape_by_default

from . import files as catalog_files
from .config import CatalogConfig
from .context import page_context
from .internals import build_page, forget_relative_urls, render_page
from .navigation import catalogue_tab, nav_titles
from .parallel import SplitBuild
from .rendering import CatalogRendering
from .whitespace import unindent

log = logging.getLogger("mkdocs.plugins.asppuk.catalog")
ONLY_ENV = "ASPPUK_JARPUK"  # set by `make serve JARPUK=...`
_RENDER_ONLY = ("alternate_href",)  # set in page.meta (by asppuk-theme) for a page's render only
# MkDocs remembers, without limit, the parts of every URL it has made
# relative: about 900 bytes a catalogue page, 280 MB at 100,000 products.
# It is emptied every few thousand pages; relative links are worked out
# again, the same.
FORGET_URLS_EVERY = 5_000


class CatalogPlugin(BasePlugin[CatalogConfig]):
    """Keeps :class:`asppuk.contracts.CatalogSource`."""

    supports_multiple_instances = False

    def __init__(self):
        self.serving = False
        self.only: list[str] | None = None  # JarPUK previewed by `make serve JARPUK=...`
        self._pending_files = []
        self._split = SplitBuild()
        self._helper_due = False
        self._env = self._files = self._nav = None
        self.specs: dict[str, PageSpec] = {}
        self.catalog = None  # CatalogSource
        self.problems = []
        self.photos = PhotoSet()
        # (jarpuk id, producer id) -> [(story title, url)], filled by asppuk-stories
        self.mentions: dict[tuple[str, str], list[tuple[str, str]]] = {}
        self._tab = None
        self._written = 0  # catalogue pages rendered in this process, this build
        self._rendering: CatalogRendering | None = None
        self.text_store = None

    def on_startup(self, *, command, dirty):
        self.serving = command == "serve"

    def on_config(self, config):
        if not self.config.enabled:
            return
        self.data_dir = os.path.join(os.path.dirname(config.config_file_path), self.config.data_dir)
        add_templates(config, os.path.join(os.path.dirname(__file__), "templates"))
        config.extra_css.append(catalog_files.STYLESHEET)
        config.extra_javascript.append(catalog_files.SCRIPT)
        base = os.path.dirname(config.config_file_path)
        self.cache_dir = Path(base, self.config.cache_dir)
        self.image_settings = ImageSettings(
            widths=tuple(self.config.image_widths), max_bytes=self.config.max_image_mb * 2**20)
        # `make serve JARPUK=sintang`: preview one network's data (or a few,
        # comma-separated) with the rest of the site; a rebuild then takes
        # seconds however large the catalogue. Never for a build.
        wanted = [j.strip() for j in os.environ.get(ONLY_ENV, "").split(",") if j.strip()]
        self.only = wanted or None
        if self.only and not self.serving:
            log.warning(f"{ONLY_ENV} is only for `make serve`: this build reads the whole catalogue")
            self.only = None
        elif self.only:
            log.info(f"previewing JarPUK {', '.join(self.only)} only ({ONLY_ENV}); the other JarPUK are not read, "
                     "so links to their pages are not checked")
            # pages that link to the other networks' products are not broken
            config.validation.links.not_found = min(config.validation.links.not_found, logging.INFO)

    def on_pre_build(self, *, config):
        start_build()  # the catalogue home shows this build's problems
        # MkDocs' clean keeps dotfiles: a build in place (which may fail
        # halfway) must not leave the mark of a finished `make build`
        Path(config.site_dir, BUILD_MARK).unlink(missing_ok=True)

    # -- CatalogSource (asppuk.contracts) --
    def catalog_languages(self) -> list[str]:
        return list(self.config.languages)

    def mention(self, jarpuk: str, producer: str, title: str, url: str) -> None:
        self.mentions.setdefault((jarpuk, producer), []).append((title, url))

    def clear_mentions(self) -> None:
        self.mentions.clear()

    @event_priority(at("asppuk-catalog", "on_files"))  # contracts.ORDER
    def on_files(self, files, *, config):
        if not self.config.enabled:
            return
        self.text_store = keep_converted_text(self.cache_dir / "text.sqlite")
        catalog, problems = load_catalog(Path(self.data_dir), only=self.only)
        photos = PhotoSet()
        if not problems or self.serving:
            # Preview cards are planned here and drawn below, with the other catalogue pages' cards
            photos = publish_photos(catalog, self.cache_dir, self.image_settings, cards=self.config.social_cards,
                                    languages=tuple(self.config.languages), draw=False)
            problems = problems + photos.problems
            log.info(
                f"catalogue photos: {photos.stats.rendered} rendered, {photos.stats.cached} from cache, "
                f"{photos.stats.failed} refused ({photos.seconds:.1f} s)"
            )
        self.catalog, self.problems, self.photos = catalog, problems, photos
        report_problems(problems, "Katalog produk", serving=self.serving, log=log)
        # One set of pages per language; each page knows its counterpart
        languages = [LANGUAGES[code] for code in self.config.languages]
        editions = [
            CatalogPages(catalog, site_url=config.site_url or "", per_page=self.config.per_page,
                         related_count=self.config.related, photos=photos, qr_cache=self.cache_dir / "qr",
                         mentions=self.mentions, language=language,
                         other=next((other for other in languages if other is not language), None))
            for language in languages
        ]
        catalog_files.add_exports(files, config, catalog, photos, languages, self.cache_dir)
        catalog_files.add_assets(files, config)
        self.specs = {spec.src_uri: spec for edition in editions for spec in edition}
        catalog_files.add_pages(files, config, self.specs, dict(nav_titles(config.nav or [])))
        catalog_files.plan_page_cards(self.specs, photos)
        # Missing cards are drawn in the background, on every core at low
        # priority, while MkDocs renders the pages (their paths are known
        # already); on_post_build waits for them
        photos.draw_cards(background=True)
        if self.config.social_cards and (not problems or self.serving):
            log.info(f"catalogue cards: {photos.cards_cached} from cache"
                     + (", the others are being drawn" if photos.drawing else ""))
        self._pending_files = catalog_files.add_photos_and_cards(files, config, photos)
        return files

    def on_nav(self, nav, *, config, files):
        self._nav = nav
        self._helper_due = self.config.enabled
        self._tab = catalogue_tab(nav)
        self._rendering = CatalogRendering(self.specs, skeleton_checks=self.config.skeleton_checks,
                                           built_elsewhere=self._split.built_elsewhere)
        self._rendering.count_pages(nav, files)
        return nav

    def on_page_context(self, context, *, page, config, nav):
        spec = self.specs.get(page.file.src_uri)
        if spec is None or self._split.built_elsewhere(page.file.src_uri):  # asking claims it (parallel.Claims)
            return context
        context.update(page_context(spec, page, config, self.photos))
        context["catalog_problems"] = served_problems() if self.serving else []
        # Generated pages are not in the navigation, so nothing lights the
        # "Produk" tab for them: do it while this page renders
        if self._tab is not None:
            self._tab.active = True
        return context

    def on_post_page(self, output, *, page, config):
        spec = self.specs.get(page.file.src_uri)
        if spec is None or self._split.built_elsewhere(page.file.src_uri):
            return output
        if self._tab is not None:
            self._tab.active = False
        # What only this render needed goes (the language switch's link, and
        # the description of a product or producer page), in a new dict: one
        # that grew while the page rendered would keep its larger table
        drop = _RENDER_ONLY + (("description",) if spec.description is None else ())
        page.meta = {key: value for key, value in page.meta.items() if key not in drop}
        self._written += 1
        if self._written % FORGET_URLS_EVERY == 0:
            forget_relative_urls()
        return unindent(output)

    def _start_helper(self, config):
        """Hand catalogue pages to a second process (see .parallel)."""
        wanted = self.config.parallel_pages
        if wanted < 0 or len(self.specs) < wanted or not hasattr(os, "fork"):
            return
        if len(self.specs) > self.config.parallel_max_pages:
            log.info(f"catalogue pages: {len(self.specs):,} are built in one process "
                     f"(a helper would need as much memory again; parallel_max_pages)")
            return
        inclusion = InclusionLevel.is_in_serve if self.serving else InclusionLevel.is_included
        doc_files = self._files.documentation_pages(inclusion=inclusion)
        pages = [f.page for f in doc_files if f.src_uri in self.specs]
        search = offer(config, PageIndexer)
        nav, env = self._nav, self._env
        rendering = self._rendering
        self._split.start(pages, lambda page: build_page(page, config, doc_files, nav, env),
                          lambda page: search is not None and search.indexes(page.file.dest_uri),
                          offers(config, PageProblemCollector),
                          render=lambda page: render_page(page, config, doc_files, nav, env),
                          group=lambda page: (self.specs[page.file.src_uri].template, rendering.folder(page.url)))
        if search is not None:
            search.wait_for(self._split.ready, lambda: self._split.complete)

    @event_priority(at("asppuk-catalog", "on_post_build"))  # contracts.ORDER
    def on_post_build(self, *, config):
        self._split.end(failed=False)  # its pages are in (or built here, if it failed)
        store = self.text_store
        if store is not None and store.hits + store.misses:
            log.info(f"descriptions and bios: {store.misses:,} converted from Markdown, {store.hits:,} from the cache "
                     f"(in this process)")
        keep_converted_text(None)  # the store is this build's (closing folds SQLite's journal into the file)
        skeletons = self._rendering.skeletons if self._rendering is not None else None
        if skeletons is not None and skeletons.from_skeleton:
            kinds = ", ".join(f"{posixpath.basename(name)[:-5]} {count:,}"
                              for name, count in sorted(skeletons.from_skeleton.items()))
            log.info(f"catalogue pages: {sum(skeletons.from_skeleton.values()):,} rendered into the skeleton "
                     f"of their kind and folder ({kinds}), {skeletons.in_full:,} in full (in this process)")
        if not self.photos.drawing:
            return
        self.photos.finish()
        for file in self._pending_files:
            file.pending = False
            file.copy_file()
        self._pending_files = []
        log.info(f"catalogue cards: {self.photos.cards_drawn} drawn in {self.photos.cards_seconds:.1f} s "
                 f"on every core, beside the build")

    def on_build_error(self, *, error):
        self._split.end(failed=True)
        keep_converted_text(None)
        self.photos.finish(cancel=True)  # no pool left running into serve's next build

    def _set_up_env(self, env, *, config, files):
        escape_by_default(env, config)
        if not self.config.enabled:
            return env
        self._env, self._files = env, files
        self._rendering.install(env)
        return env

    @event_priority(at("asppuk-catalog", "on_env"))  # contracts.ORDER
    def _start_helper_after_env(self, env, *, config, files):
        # The environment as every plugin left it, the one the pages render
        # with. Still to come in this process: static files copied,
        # sitemap.xml and 404.html rendered; the helper builds catalogue pages meanwhile
        if self._helper_due:
            self._helper_due = False
            self._env = env
            self._start_helper(config)
        return env

    on_env = CombinedEvent(_set_up_env, _start_helper_after_env)

    def on_serve(self, server, *, config, builder):
        if self.config.enabled:
            # one network's folder (and the categories) when previewing it
            for path in ([os.path.join(self.data_dir, j) for j in self.only] + [os.path.join(self.data_dir, "categories.yml")]
                         if self.only else [self.data_dir]):
                server.watch(path)
        return server
