"""MkDocs plugin: index the built site with Pagefind and put its search in the header.

Material's own search loads its whole index on every page (7.8 MB for
10,000 pages) and has no Indonesian stemmer. Pagefind (from PyPI, with its
binary; no network) writes a chunked index after the build, and the browser
fetches only what a query needs, and only once the visitor starts to search.

Hooks:
- ``on_config``: put our header and search partials ahead of Material's, and
  load the small search script.
- ``on_files`` (last of all plugins): ship the script, and put the pages to
  index first in the build order.
- ``on_page_context``: once every page to index is written, start Pagefind
  in the background (also on every rebuild of ``mkdocs serve``): it indexes
  while MkDocs builds the remaining pages. A large site gets several
  indexes, see :mod:`asppuk.search_index`.
- ``on_post_page``: count the pages to index as they are written.
- ``on_post_build``: wait for Pagefind (or run it, if nothing was left to
  overlap) and fail the build if it failed; ``on_build_error``: stop it.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable
from pathlib import Path

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File

from asppuk.contracts import at
from asppuk.mkdocs_theme import add_templates, escape_by_default
from asppuk.search_index import CANCEL_POLL_SECONDS, OUTPUT, Cancelled, IndexRun, index_site, selector

log = logging.getLogger("mkdocs.plugins.asppuk.search")
SCRIPT = "assets/asppuk/search.js"
HERE = os.path.dirname(__file__)


class SearchConfig(Config):
    enabled = opt.Type(bool, default=True)
    # Pagefind takes each page's language from its <html lang> (an index per
    # language); set this only to force one language on every page
    language = opt.Optional(opt.Type(str))
    # The part of each page that is indexed (Material's article)
    root_selector = opt.Type(str, default="article.md-content__inner")
    # Which built pages are indexed (Pagefind globs); the default is all
    glob = opt.ListOfItems(opt.Type(str), default=["**/*.html"])
    # Past max_pages, the folders matching `split` (with the globs that start
    # with it) are spread over several indexes that the browser merges:
    # Pagefind holds a whole index in memory (asppuk.search_index)
    split = opt.ListOfItems(opt.Type(str), default=[])
    max_pages = opt.Type(int, default=12_000)
    part_pages = opt.Type(int, default=9_000)  # the size of each part, once split
    # folders a split pattern matches that hold nothing to index (search_index.plan_indexes)
    unindexed = opt.ListOfItems(opt.Type(str), default=[])
    # Never indexed: contact boxes and the like (personal details stay out)
    exclude_selectors = opt.ListOfItems(opt.Type(str), default=[".puk-contact", ".puk-inquiry-tools", ".headerlink"])


class SearchPlugin(BasePlugin[SearchConfig]):
    """Keeps :class:`asppuk.contracts.PageIndexer`."""

    supports_multiple_instances = False

    def __init__(self):
        self.serving = False
        self._pending: set[str] = set()
        self._indexing: threading.Thread | None = None
        self._result: tuple[list[IndexRun], float] | BaseException | None = None
        self._waits: list[tuple[threading.Event, Callable[[], bool]]] = []
        self._cancel = threading.Event()  # set when the build fails: Pagefind stops
        self._selector: Callable[[str], bool] | None = None

    def on_startup(self, *, command, dirty):
        self.serving = command == "serve"

    def on_config(self, config):
        if not self.config.enabled:
            return
        # After the site's custom_dir, before Material: our partials win over Material's
        add_templates(config, os.path.join(HERE, "templates"), override=True)
        config.extra_javascript.append(SCRIPT)

    def on_env(self, env, *, config, files):
        escape_by_default(env, config)  # our templates escape what they print
        return env

    @event_priority(at("asppuk-search", "on_files"))  # contracts.ORDER
    def on_files(self, files, *, config):
        if not self.config.enabled:
            return files
        files.append(File.generated(config, SCRIPT, abs_src_path=os.path.join(HERE, "assets", "search.js")))
        # Pages to index are built first, so Pagefind indexes them while
        # MkDocs builds the others (on two cores, most of its time is hidden)
        indexed = self.indexes
        for file in [f for f in files.documentation_pages() if not indexed(f.dest_uri)]:
            files.remove(file)
            files.append(file)
        self._pending = {f.dest_uri for f in files.documentation_pages()
                         if indexed(f.dest_uri) and not f.inclusion.is_excluded()}
        self._indexing, self._result = None, None
        self._waits = []
        self._cancel = threading.Event()
        return files

    def script_paths(self) -> list[str]:
        """Pagefind's script files (asppuk-security names them in each page's
        policy: :class:`asppuk.security.csp.ShipsScripts`); the parts of a
        split index are merged by these, not loaded as scripts of their own."""
        return [f"{OUTPUT}/pagefind.js", f"{OUTPUT}/pagefind-worker.js"] if self.config.enabled else []

    # -- PageIndexer (asppuk.contracts) --
    def indexes(self, dest_uri: str) -> bool:
        if self._selector is None:
            self._selector = selector(self.config.glob) if self.config.enabled else (lambda uri: False)
        return self._selector(dest_uri)

    def wait_for(self, ended: threading.Event, written: Callable[[], bool]) -> None:
        """Some pages to index are written by another process: index once
        ``ended`` is set, if ``written()`` then says they all were (a process
        that died wrote only some: the build fails, and nothing is indexed)."""
        self._waits.append((ended, written))

    def on_page_context(self, context, *, page, config, nav):
        # The page before this one has been written: if it was the last page
        # to index, Pagefind can start
        if self.config.enabled and not self._pending and self._indexing is None:
            self._indexing = threading.Thread(target=self._index, args=(config,), daemon=True)
            self._indexing.start()
        return context

    def on_post_page(self, output, *, page, config):
        self._pending.discard(page.file.dest_uri)
        return output

    def on_post_build(self, *, config):
        if not self.config.enabled:
            return
        if self._indexing is None:  # the last page to index was the last page built
            self._index(config)
        else:
            self._indexing.join()
        self._indexing = None
        if isinstance(self._result, BaseException):
            if self.serving:  # the preview keeps serving, without search
                log.error(f"Pagefind gagal; pencarian tidak tersedia di pratinjau ini: {self._result}")
                return
            raise PluginError(str(self._result)) from None
        runs, seconds = self._result
        sizes = ", ".join(f"{run.pages:,}" for run in runs)
        log.info(f"Pagefind search index written in {seconds:.1f} s "
                 f"({len(runs)} index{'es' if len(runs) > 1 else ''}: {sizes} pages)")

    def on_build_error(self, *, error):
        # A failed build (serve goes on) stops its indexer, waiting for nothing:
        # none is left running into the next build
        if self._indexing is not None:
            self._cancel.set()
            self._indexing.join()
            self._indexing = None

    def _index(self, config):
        for ended, written in self._waits:
            while not ended.wait(CANCEL_POLL_SECONDS):
                if self._cancel.is_set():
                    self._result = Cancelled("pembuatan situs gagal sebelum halaman untuk pencarian selesai ditulis")
                    return
            if not written():
                self._result = Cancelled("halaman untuk pencarian tidak semuanya ditulis: proses kedua berhenti")
                return
        started = time.perf_counter()
        try:
            self._result = (index_site(Path(config.site_dir), self.config, self._cancel),
                            time.perf_counter() - started)
        except (ValueError, RuntimeError, OSError, Cancelled) as error:
            self._result = error
