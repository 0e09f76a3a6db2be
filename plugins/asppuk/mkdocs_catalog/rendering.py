"""How catalogue pages render: the template globals the catalogue's templates call.

- ``puk_page``: the whole page, from the skeleton of its kind and folder
  (:mod:`.skeleton`, ``skeleton_checks``) or in full; nothing for a page
  the helper process builds (:mod:`.parallel`).
"""

from __future__ import annotations

import posixpath
from collections import Counter
from collections.abc import Callable

from jinja2 import pass_context
from markupsafe import Markup

from asppuk.catalog.pages import PageSpec
from asppuk.languages import ENGLISH

from .skeleton import Skeletons


def folder_of(url: str, nav_urls: list[str]) -> str | None:
    """The folder whose catalogue pages of one kind share a skeleton, or
    None for a page that is rendered in full.

    Material's page around the content depends on the page only through the
    relative links from its URL, which navigation item is active and the
    header's title and language switch (the skeleton's fills). Links from
    a/b/c/ and a/b/d/ differ only for targets under c/ or d/; Material's
    blocks link to the navigation, the finder and assets, at most two
    folders deep: pages three deep (products, producers, print catalogues,
    listing pages) share a skeleton, unless they are in the navigation or
    under one of its pages (a URL equal or below); English pages count from
    below their en/ folder (en/products/search/ is linked from every header)."""
    if url.count("/") - url.startswith(ENGLISH.prefix) < 3 \
            or any(nav_url.startswith(url) for nav_url in nav_urls):
        return None
    return posixpath.dirname(url.rstrip("/"))


class CatalogRendering:
    def __init__(self, specs: dict[str, PageSpec], *, skeleton_checks: int, built_elsewhere: Callable[[str], bool]):
        self.specs = specs
        self.skeleton_checks = skeleton_checks
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
        self.skeletons = skeletons = Skeletons(env, self.skeleton_checks)
        env.globals["puk_part"] = Skeletons.part

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
