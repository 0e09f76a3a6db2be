"""MkDocs plugin: index the built site with Pagefind and put its search in the header.

Material's own search loads its whole index on every page (7.8 MB for
10,000 pages) and has no Indonesian stemmer. Pagefind (from PyPI, with its
binary; no network) writes a chunked index after the build, and the browser
fetches only what a query needs, and only once the visitor starts to search.

Hooks:
- ``on_config``: put our header and search partials ahead of Material's, and
  load the small search script.
- ``on_files``: ship the script.
- ``on_post_build``: run Pagefind over ``site_dir`` (also on every rebuild of
  ``mkdocs serve``); a large site gets several indexes, see
  :mod:`asppuk.search_index`.
"""

from __future__ import annotations

import logging
import os
import time
from pathlib import Path

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File

from asppuk.search_index import plan_indexes, write_indexes

log = logging.getLogger("mkdocs.plugins.asppuk.search")
SCRIPT = "assets/asppuk/search.js"
HERE = os.path.dirname(__file__)


class SearchConfig(Config):
    enabled = opt.Type(bool, default=True)
    language = opt.Type(str, default="id")
    # The part of each page that is indexed (Material's article)
    root_selector = opt.Type(str, default="article.md-content__inner")
    # Which built pages are indexed (Pagefind globs); the default is all
    glob = opt.ListOfItems(opt.Type(str), default=["**/*.html"])
    # Past max_pages, the folders matching `split` (with the globs that start
    # with it) are spread over several indexes that the browser merges:
    # Pagefind holds a whole index in memory (asppuk.search_index)
    split = opt.Optional(opt.Type(str))
    max_pages = opt.Type(int, default=20_000)
    # Never indexed: contact boxes and the like (personal details stay out)
    exclude_selectors = opt.ListOfItems(opt.Type(str), default=[".puk-contact", ".puk-inquiry-tools", ".headerlink"])


class SearchPlugin(BasePlugin[SearchConfig]):
    supports_multiple_instances = False

    def on_config(self, config):
        if not self.config.enabled:
            return
        # After the site's custom_dir, before Material: our partials win over Material's
        position = 1 if config.theme.custom_dir else 0
        config.theme.dirs.insert(position, os.path.join(HERE, "templates"))
        config.extra_javascript.append(SCRIPT)

    def on_files(self, files, *, config):
        if self.config.enabled:
            files.append(File.generated(config, SCRIPT, abs_src_path=os.path.join(HERE, "assets", "search.js")))
        return files

    def on_post_build(self, *, config):
        if not self.config.enabled:
            return
        started = time.perf_counter()
        site = Path(config.site_dir)
        try:
            runs = plan_indexes(site, self.config.glob, self.config.split, self.config.max_pages)
            write_indexes(site, runs, language=self.config.language, root_selector=self.config.root_selector,
                          exclude_selectors=self.config.exclude_selectors)
        except (ValueError, RuntimeError) as error:
            raise PluginError(str(error)) from None
        sizes = ", ".join(f"{run.pages:,}" for run in runs)
        log.info(f"Pagefind search index written in {time.perf_counter() - started:.1f} s "
                 f"({len(runs)} index{'es' if len(runs) > 1 else ''}: {sizes} pages)")
