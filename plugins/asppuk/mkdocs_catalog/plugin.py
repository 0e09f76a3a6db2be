"""MkDocs plugin: publishes the product catalogue as generated pages.

Hooks, in the order MkDocs calls them:

- ``on_startup``: remember whether we serve (show problems, keep serving) or
  build (refuse to publish anything wrong).
- ``on_config``: add our templates to the theme, so they extend Material's.
- ``on_pre_build``: a new build starts with no problems to show.
- ``on_files``: load and validate ``products/`` through the core, and add one
  generated file per page (and the exports and product feeds). Generated pages are ``NOT_IN_NAV``: MkDocs renders
  the whole navigation into every page, so listing thousands of products
  there would make the build quadratic. Each is a :class:`CatalogPage`,
  which skips MkDocs' Markdown step (there is no Markdown).
- ``on_nav``: find the top-level "Produk" item of the navigation, and which
  pages the navigation holds.
- ``on_env``: template helpers that render a product card, and Material's
  blocks around the content (header, tabs, drawer, footer, tags, config),
  once and reuse them; then, after every plugin's ``on_env``, start the
  helper process that builds catalogue pages beside MkDocs (``.parallel``)
  while MkDocs copies the static files and renders the sitemap.
- ``on_page_context``: hand the template its view data, and light up the
  "Produk" tab while a catalogue page renders.
- ``on_serve``: rebuild when catalogue data changes.
"""

from __future__ import annotations

import gc
import logging
import os
import posixpath
import re
from collections import Counter
from pathlib import Path

from jinja2 import pass_context
from markupsafe import Markup, escape
from mkdocs.commands.build import _build_page
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, InclusionLevel

from asppuk.build import MARK_NAME as BUILD_MARK
from asppuk.catalog import load_catalog, urls
from asppuk.catalog.feeds import write_feeds
from asppuk.catalog.pages import DESCRIPTION, CatalogPages, PageSpec
from asppuk.catalog.structured import write_catalog_csv, write_catalog_json
from asppuk.catalog.text import keep_converted_text
from asppuk.contracts import PageIndexer, PageProblemCollector, at, offer, offers
from asppuk.datafiles.schema import schema_text
from asppuk.images import ImageSettings
from asppuk.images.publish import PhotoSet, card_alt, page_card_text, publish_photos
from asppuk.languages import ENGLISH, LANGUAGES
from asppuk.mkdocs_problems import report_problems, served_problems, start_build
from asppuk.mkdocs_theme import add_templates, escape_by_default
from asppuk.share import share_context
from asppuk.staff.sheets import template_workbook

from .config import CatalogConfig
from .parallel import Claims, Helper, in_order
from .skeleton import FILLS, Skeletons
from .structure import CachedFile, CatalogPage, LeanCatalogPage

log = logging.getLogger("mkdocs.plugins.asppuk.catalog")
_INDENT = re.compile(r"\s*\n\s*")
_SLOT = "\x00puk-slot-{}\x00"  # stands for a per-page value in a reused block
STYLESHEET = "assets/asppuk/catalog.css"
SCRIPT = "assets/asppuk/inquiry.js"
ASSETS = os.path.join(os.path.dirname(__file__), "assets")
# A build makes millions of short-lived objects (each page's context and
# markup): with Python's default, a young collection every 700 allocations,
# the collector took 5 % of a build's CPU time and found little to free.
# Every 10,000 (for the build only): 1.1 s less CPU at 10,000 products,
# 2 MB more at the peak.
BUILD_GC_THRESHOLD = 10_000
ONLY_ENV = "ASPPUK_JARPUK"  # set by `make serve JARPUK=...`


class CatalogPlugin(BasePlugin[CatalogConfig]):
    """Keeps :class:`asppuk.contracts.CatalogSource`."""

    supports_multiple_instances = False

    def __init__(self):
        self.serving = False
        self.only: list[str] | None = None  # JarPUK previewed by `make serve JARPUK=...`
        self._pending_files = []
        self._helper: Helper | None = None
        self._gc_threshold: tuple[int, int, int] | None = None
        self._helper_due = False
        self._shared_pages = 0
        self._env = self._files = self._nav = None
        self.specs: dict[str, PageSpec] = {}
        self.catalog = None  # CatalogSource
        self.problems = []
        self.photos = PhotoSet()
        # (jarpuk id, producer id) -> [(story title, url)], filled by asppuk-stories
        self.mentions: dict[tuple[str, str], list[tuple[str, str]]] = {}
        self._tab = None
        self._written = 0  # catalogue pages rendered in this process, this build
        self._nav_urls: list[str] = []
        self._skeletons: Skeletons | None = None
        self._kind_folders: Counter[tuple[str, str | None]] = Counter()
        self.text_store = None

    def on_startup(self, *, command, dirty):
        self.serving = command == "serve"

    def on_config(self, config):
        if not self.config.enabled:
            return
        self.data_dir = os.path.join(os.path.dirname(config.config_file_path), self.config.data_dir)
        add_templates(config, os.path.join(os.path.dirname(__file__), "templates"))
        config.extra_css.append(STYLESHEET)
        config.extra_javascript.append(SCRIPT)
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
        if self._gc_threshold is None:
            self._gc_threshold = gc.get_threshold()
            gc.set_threshold(BUILD_GC_THRESHOLD, *self._gc_threshold[1:])

    def _restore_gc(self) -> None:
        if self._gc_threshold is not None:
            gc.set_threshold(*self._gc_threshold)
            self._gc_threshold = None

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
        exports = self.cache_dir / "exports"
        exports.mkdir(parents=True, exist_ok=True)
        site_url = config.site_url or ""
        for uri, write in ((urls.EXPORT_JSON, write_catalog_json), (urls.EXPORT_CSV, write_catalog_csv)):
            path = exports / os.path.basename(uri)
            with open(path, "w", encoding="utf-8", newline="") as out:
                write(out, catalog, site_url, photos)
            files.append(File.generated(config, uri, abs_src_path=str(path)))
        files.append(File.generated(config, urls.EXPORT_SCHEMA, content=schema_text("export")))
        # Product feeds for Google Merchant Center and Meta's catalogue (WhatsApp, Instagram)
        for uri, path in write_feeds(self.cache_dir / "feeds", catalog, site_url, photos, languages).items():
            files.append(File.generated(config, uri, abs_src_path=str(path)))
        # The spreadsheet template staff download to prepare a JarPUK's product list
        template = exports / os.path.basename(urls.SHEET_TEMPLATE)
        if not template.exists():
            template_workbook(template)
        files.append(File.generated(config, urls.SHEET_TEMPLATE, abs_src_path=str(template)))
        for uri in (STYLESHEET, SCRIPT):
            files.append(File.generated(config, uri, abs_src_path=os.path.join(ASSETS, os.path.basename(uri))))
        self.specs = {}
        page_kind = LeanCatalogPage if self.config.lean_pages else CatalogPage
        nav_titles = dict(_nav_titles(config.nav or []))
        for spec in (spec for edition in editions for spec in edition):
            src_uri = spec.src_uri  # one string for the key and the file
            self.specs[src_uri] = spec
            file = page_kind.file_for(config, src_uri)
            page_kind(spec, file, config, nav_title=nav_titles.get(src_uri))  # sets file.page
            files.append(file)
        # Every other catalogue page's card (listings, JarPUK, producers...): one per
        # text, so the pages of one listing share their first page's card
        for spec in self.specs.values():
            if spec.share is not None:
                path = photos.plan_card(page_card_text(spec.share, LANGUAGES[spec.lang]), None, None)
                if path is not None:
                    photos.page_cards[spec.url] = path
        # Missing cards are drawn in the background, on every core at low
        # priority, while MkDocs renders the pages (their paths are known
        # already); on_post_build waits for them
        photos.draw_cards(background=True)
        if self.config.social_cards and (not problems or self.serving):
            log.info(f"catalogue cards: {photos.cards_cached} from cache"
                     + (", the others are being drawn" if photos.drawing else ""))
        # Identical photos (or cards) share one content-addressed file,
        # hard-linked from the cache into the site
        assets = {
            urls.photo(r.key, v.width, v.format): v.path for r in photos.renditions.values() for v in r.variants
        }
        assets.update({urls.card(card.stem): str(card) for card in photos.cards.values()})
        assets.update({urls.card(card.stem): str(card) for card in photos.page_cards.values()})
        self._pending_files = []
        for uri, path in assets.items():
            file = CachedFile.generated(config, uri, abs_src_path=path)
            if photos.drawing and not os.path.exists(path):
                file.pending = True  # linked once drawn (on_post_build)
                self._pending_files.append(file)
            files.append(file)
        return files

    def on_nav(self, nav, *, config, files):
        self._nav = nav
        self._helper_due = self.config.enabled
        self._tab = _catalogue_tab(nav)
        self._nav_urls = [page.url for page in nav.pages]
        # How many pages each kind and folder has: one with no more pages
        # than its skeleton's checks is rendered in full without learning one
        self._kind_folders = Counter()
        for src_uri, spec in self.specs.items():
            file = files.get_file_from_path(src_uri)
            if file is not None and file.page is not None:
                self._kind_folders[spec.template, self._folder(file.page.url)] += 1
        return nav

    def on_page_context(self, context, *, page, config, nav):
        spec = self.specs.get(page.file.src_uri)
        if spec is None or self._built_elsewhere(page.file.src_uri):  # asking claims it (parallel.Claims)
            return context
        view = spec.view()
        if spec.description is None:  # made with the view, kept only while the page renders
            page.meta["description"] = view.pop(DESCRIPTION)
        context.update(view)
        # Open Graph and Twitter tags (partials/asppuk-share.html) and the page's card:
        # a product's is in its view, the others' were planned with it (asppuk-share leaves them alone)
        image, alt = view.get("share_image"), view.get("share_alt")
        card = self.photos.page_cards.get(spec.url) if spec.share is not None else None
        if card is not None:
            image = urls.absolute(config.site_url or "", urls.card(card.stem))
            alt = card_alt(page_card_text(spec.share, LANGUAGES[spec.lang]))
        context["share"] = share_context(
            kind=view.get("share_type", "website"), title=spec.title, description=page.meta.get("description") or "",
            url=urls.absolute(config.site_url or "", spec.url), site_name=config.site_name,
            language=LANGUAGES[spec.lang], image=image, alt=alt)
        context["catalog_problems"] = served_problems() if self.serving else []
        # Generated pages are not in the navigation, so nothing lights the
        # "Produk" tab for them: do it while this page renders
        if self._tab is not None:
            self._tab.active = True
        return context

    def on_post_page(self, output, *, page, config):
        spec = self.specs.get(page.file.src_uri)
        if spec is None or self._built_elsewhere(page.file.src_uri):
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
        # Indentation is a twentieth of a catalogue page (15 MB of 10,000
        # products): a newline renders as the spaces did, outside <pre>
        return _unindent(output)

    def _start_helper(self, config):
        """Hand every other catalogue page to a second process (see .parallel)."""
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
        first, then = in_order(pages, lambda page: search is not None and search.indexes(page.file.dest_uri))
        nav, env = self._nav, self._env
        collectors = offers(config, PageProblemCollector)
        claims = Claims([page.file.src_uri for page in first + then])
        helper = Helper(first, then, lambda page: _build_page(page, config, doc_files, nav, env), claims,
                        collectors=collectors)
        helper.start()
        # From here on, in this process: a page the helper claimed first renders nothing
        self._helper = helper
        if search is not None:
            search.wait_for(helper.ended_indexed, lambda: helper.wrote_indexed)
        logging.getLogger("mkdocs.commands.build").addFilter(self._quiet)
        self._shared_pages = len(pages)

    def _quiet(self, record) -> bool:
        """MkDocs says 'Page skipped' for each page the helper builds: it is not."""
        message = str(record.msg)
        return not (message.startswith("Page skipped: '") and self._built_elsewhere(message.split("'")[1]))

    def _built_elsewhere(self, src_uri: str) -> bool:
        """Is this page the helper process's? The first to ask about a shared
        page claims it (``parallel.Claims``); asking again gives the same answer."""
        helper = self._helper
        return helper is not None and not helper.claims.claim(src_uri)

    def _end_helper(self, failed: bool) -> None:
        helper, self._helper = self._helper, None
        logging.getLogger("mkdocs.commands.build").removeFilter(self._quiet)
        if helper is None:
            return
        if failed:
            helper.stop()
            return
        try:
            helper.finish()
        except RuntimeError as error:
            raise PluginError(str(error)) from None
        log.info(f"catalogue pages: {helper.built:,} of {self._shared_pages:,} built by a second process"
                 f"{'' if helper.claims.dynamic else ' (dealt in advance)'}")

    @event_priority(at("asppuk-catalog", "on_post_build"))  # contracts.ORDER
    def on_post_build(self, *, config):
        self._restore_gc()
        self._end_helper(failed=False)
        store = self.text_store
        if store is not None and store.hits + store.misses:
            log.info(f"descriptions and bios: {store.misses:,} converted from Markdown, {store.hits:,} from the cache "
                     f"(in this process)")
        keep_converted_text(None)  # the store is this build's (closing folds SQLite's journal into the file)
        skeletons = self._skeletons
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
        self._restore_gc()
        self._end_helper(failed=True)
        keep_converted_text(None)
        self.photos.finish(cancel=True)  # no pool left running into serve's next build

    def _set_up_env(self, env, *, config, files):
        escape_by_default(env, config)
        if not self.config.enabled:
            return env
        self._env, self._files = env, files
        # Cards repeat on listing, JarPUK, producer, print and product pages:
        # render each once per page depth (the base URL) and reuse the HTML
        # (a fresh cache each build: cards are rebuilt with the catalogue)
        cache: dict[tuple[int, str], str] = {}
        macros = None

        def puk_card(card, base):
            key = (id(card), base)
            html = cache.get(key)
            if html is None:
                if len(cache) > 50_000:  # bounded: 100,000 products would not fit
                    cache.clear()
                html = cache[key] = macros.card(card, base)
            return html

        env.globals["puk_card"] = puk_card
        env.globals["puk_shared"] = self._shared_blocks() if self.config.shared_blocks else _render_block
        self._skeletons = skeletons = Skeletons(env, self.config.skeleton_checks)
        env.globals["puk_part"] = Skeletons.part
        env.globals["puk_header_fills"] = FILLS  # the header's per-page values: one list for both

        @pass_context
        def puk_page(context):
            page = context["page"]
            if self._built_elsewhere(page.file.src_uri):
                return Markup("")  # the helper process builds it: MkDocs writes nothing
            template = self.specs[page.file.src_uri].template
            folder = self._folder(page.url)
            if self._kind_folders[template, folder] <= skeletons.checks:
                folder = None  # too few pages to learn a skeleton from
            return Markup(skeletons.render(context.get_all(), page, template, folder))

        env.globals["puk_page"] = puk_page
        # after the global is set: templates importing the macros share this module
        macros = env.get_template("asppuk/catalog/_macros.html").module
        return env

    @event_priority(at("asppuk-catalog", "on_env"))  # contracts.ORDER
    def _start_helper_after_env(self, env, *, config, files):
        # Still to come in this process: static files copied, sitemap.xml and
        # 404.html rendered; the helper builds catalogue pages meanwhile
        if self._helper_due:
            self._helper_due = False
            self._env = env
            self._start_helper(config)
        return env

    on_env = CombinedEvent(_set_up_env, _start_helper_after_env)

    def _shared_blocks(self):
        """``puk_shared(name, render, fill=())`` for the catalogue's base template.

        Material's blocks around the content depend on the page only through
        the relative links from its URL, which navigation item is active and
        (the header) its title. Catalogue pages are not in the navigation and
        all light the same "Produk" tab, so pages in one folder
        (``produk/sintang/*/``) get identical blocks: render each once per
        folder, like Hugo's ``partialCached``. ``fill`` names ``page.meta``
        values that differ from page to page (the title, the language
        switch's link): each is rendered as a slot and filled in per page. A page that is in the navigation, or that a
        link of these blocks may lie under, is rendered in full."""
        cache: dict[tuple[str, str], str] = {}

        @pass_context
        def puk_shared(context, name, render, fill=None):
            page = context.get("page")
            folder = self._folder(page.url) if page is not None else None
            if folder is None:
                return render()
            key = (name, folder)
            fills = (fill,) if isinstance(fill, str) else tuple(fill or ())
            html = cache.get(key)
            if html is None:
                values = {f: page.meta.get(f) for f in fills}
                for index, f in enumerate(fills):
                    page.meta[f] = _SLOT.format(index)
                try:
                    # Material's indentation is a third of these blocks' bytes;
                    # they hold no <pre>, so a newline renders as the spaces did
                    html = cache[key] = _collapse(str(render()))
                finally:
                    page.meta.update(values)
            for index, f in enumerate(fills):  # the page's own values, escaped as the block would have
                html = html.replace(_SLOT.format(index), escape(page.meta.get(f, "")))
            return Markup(html)

        return puk_shared

    def _folder(self, url: str) -> str | None:
        """The folder whose catalogue pages share Material's blocks around
        their content, or None for a page that renders them itself.

        Links from a/b/c/ and a/b/d/ differ only for targets under c/ or d/.
        These blocks link to the navigation, the finder and assets, at most
        two folders deep: pages three deep (products, producers, print
        catalogues, listing pages) share them, unless they are in the
        navigation or under one of its pages (a URL equal or below); English
        pages count from below their en/ folder (en/products/search/ is
        linked from every header)."""
        if url.count("/") - url.startswith(ENGLISH.prefix) < 3 \
                or any(nav_url.startswith(url) for nav_url in self._nav_urls):
            return None
        return posixpath.dirname(url.rstrip("/"))

    def on_serve(self, server, *, config, builder):
        if self.config.enabled:
            # one network's folder (and the categories) when previewing it
            for path in ([os.path.join(self.data_dir, j) for j in self.only] + [os.path.join(self.data_dir, "categories.yml")]
                         if self.only else [self.data_dir]):
                server.watch(path)
        return server


def _render_block(name, render, fill=None):
    """``puk_shared`` with ``shared_blocks: false``: every page renders its own."""
    return render()


_RENDER_ONLY = ("alternate_href",)  # set in page.meta (by asppuk-theme) for a page's render only

# MkDocs remembers, without limit, the parts of every URL it has made
# relative (``mkdocs.utils._norm_parts``, an ``lru_cache(maxsize=None)``):
# an entry for each page and for each link target it was asked about, about
# 900 bytes a catalogue page, 280 MB at 100,000 products. It is emptied every
# few thousand pages; relative links are worked out again, the same.
FORGET_URLS_EVERY = 5_000


def forget_relative_urls() -> None:
    from mkdocs import utils

    clear = getattr(getattr(utils, "_norm_parts", None), "cache_clear", None)
    if clear is not None:  # a later MkDocs may not cache at all
        clear()


_PRE = re.compile(r"(<pre\b.*?</pre>|<textarea\b.*?</textarea>)", re.S)


def _unindent(html: str) -> str:
    parts = _PRE.split(html)
    parts[::2] = [_collapse(part) for part in parts[::2]]
    return "".join(parts)


def _collapse(text: str) -> str:
    """``_INDENT.sub("\n", text)``: every run of whitespace that holds a
    newline becomes one newline; seven times faster than the regular
    expression (a fifth of a millisecond a page; tests prove them equal)."""
    if "\n" not in text:
        return text
    lines = text.split("\n")
    inner = [line.strip() for line in lines[1:-1]]
    inner = [line for line in inner if line]
    middle = "\n" + "\n".join(inner) + "\n" if inner else "\n"
    return lines[0].rstrip() + middle + lines[-1].lstrip()


def _catalogue_tab(nav):
    """The top-level navigation item that holds the catalogue home."""
    for item in nav.items:
        for page_item in _pages(item):
            if page_item.file.src_uri == "produk/index.md":
                return item
    return None


def _nav_titles(items):
    """(path, title) for each page the ``nav`` setting names with a title:
    MkDocs keeps a page object that exists before the navigation is built,
    title included, so the catalogue's own pages take the nav title here."""
    for item in items:
        if isinstance(item, dict):
            for title, value in item.items():
                if isinstance(value, str):
                    yield value, title
                else:
                    yield from _nav_titles(value)
        elif isinstance(item, list):
            yield from _nav_titles(item)


def _pages(item):
    if getattr(item, "is_page", False):
        yield item
    for child in getattr(item, "children", None) or []:
        yield from _pages(child)
