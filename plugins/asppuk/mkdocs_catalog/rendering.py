"""How catalogue pages render: the template globals the catalogue's templates call.

- ``puk_card(card, base)``: a product card, rendered once per page depth
  (the base URL) and reused: cards repeat on listing, JarPUK, producer,
  print and product pages (a fresh cache each build).
- ``puk_shared``: Material's blocks around the content, once per folder
  (:mod:`.shared`, ``shared_blocks``).
- ``puk_page``: the whole page, from the skeleton of its kind and folder
  (:mod:`.skeleton`, ``skeleton_checks``) or in full; nothing for a page
  the helper process builds (:mod:`.parallel`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from jinja2 import pass_context
from markupsafe import Markup

from asppuk.catalog.pages import PageSpec

from .shared import SharedBlocks, folder_of, render_block
from .skeleton import FILLS, Skeletons

MACROS = "asppuk/catalog/_macros.html"
CARD_CACHE_MAX = 50_000  # cards kept at once: 100,000 products would not fit


class CatalogRendering:
    def __init__(self, specs: dict[str, PageSpec], *, skeleton_checks: int, shared_blocks: bool,
                 built_elsewhere: Callable[[str], bool]):
        self.specs = specs
        self.skeleton_checks, self.shared_blocks = skeleton_checks, shared_blocks
        self.built_elsewhere = built_elsewhere
        self.nav_urls: list[str] = []
        self.kind_folders: Counter[tuple[str, str | None]] = Counter()
        self.skeletons: Skeletons | None = None

    def folder(self, url: str) -> str | None:
        return folder_of(url, self.nav_urls)

    def count_pages(self, nav, files) -> None:
        """How many pages each kind and folder has: one with no more pages
        than its skeleton's checks is rendered in full without learning one."""
        self.nav_urls = [page.url for page in nav.pages]
        self.kind_folders = Counter()
        for src_uri, spec in self.specs.items():
            file = files.get_file_from_path(src_uri)
            if file is not None and file.page is not None:
                self.kind_folders[spec.template, self.folder(file.page.url)] += 1

    def install(self, env) -> None:
        cache: dict[tuple[int, str], str] = {}
        macros = None

        def puk_card(card, base):
            key = (id(card), base)
            html = cache.get(key)
            if html is None:
                if len(cache) > CARD_CACHE_MAX:
                    cache.clear()
                html = cache[key] = macros.card(card, base)
            return html

        env.globals["puk_card"] = puk_card
        env.globals["puk_shared"] = SharedBlocks(self.folder).function() if self.shared_blocks else render_block
        self.skeletons = skeletons = Skeletons(env, self.skeleton_checks)
        env.globals["puk_part"] = Skeletons.part
        env.globals["puk_header_fills"] = FILLS  # the header's per-page values: one list for both

        @pass_context
        def puk_page(context):
            page = context["page"]
            if self.built_elsewhere(page.file.src_uri):
                return Markup("")  # the helper process builds it: MkDocs writes nothing
            template = self.specs[page.file.src_uri].template
            folder = self.folder(page.url)
            if self.kind_folders[template, folder] <= skeletons.checks:
                folder = None  # too few pages to learn a skeleton from
            return Markup(skeletons.render(context.get_all(), page, template, folder))

        env.globals["puk_page"] = puk_page
        # after the globals are set: templates importing the macros share this module
        macros = env.get_template(MACROS).module
