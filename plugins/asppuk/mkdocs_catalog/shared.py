"""Material's blocks around the content, rendered once per folder of catalogue pages (``shared_blocks``).

Material's header, tabs, drawer, footer, styles, scripts and config depend on
the page only through the relative links from its URL, which navigation item
is active and (the header) its title and language switch. Catalogue pages are
not in the navigation and all light the same "Produk" tab, so the pages of one
folder (``produk/sintang/*/``) get the same blocks: each is rendered once per
folder and reused, like Hugo's ``partialCached``. The values that differ from
page to page (``fill``: ``page.meta`` keys) are rendered as slots and filled
in per page, escaped as the block escapes them.

Trust is checked live: the first ``checks`` pages of each block and folder are
also rendered in full and compared; one difference, or any error of the
reuse, and that block renders in full in that folder from then on (logged
once). ``tests/test_tricks.py`` compares every page with a build without it.
"""

from __future__ import annotations

import logging
import posixpath
from collections.abc import Callable

from jinja2 import pass_context
from markupsafe import Markup, escape

from asppuk.languages import ENGLISH

from .whitespace import collapse

log = logging.getLogger("mkdocs.plugins.asppuk.catalog")
_SLOT = "\x00puk-slot-{}\x00"  # stands for a per-page value in a reused block


def folder_of(url: str, nav_urls: list[str]) -> str | None:
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
            or any(nav_url.startswith(url) for nav_url in nav_urls):
        return None
    return posixpath.dirname(url.rstrip("/"))


def render_block(name: str, render: Callable[[], str], fill=None):
    """``puk_shared`` with ``shared_blocks: false``: every page renders its own."""
    return render()


class SharedBlocks:
    """``puk_shared(name, render, fill=())`` for the catalogue's base template."""

    def __init__(self, folder: Callable[[str], str | None], checks: int = 2):
        self.folder, self.checks = folder, checks
        self._cache: dict[tuple[str, str], str | None] = {}  # None: refused, rendered in full
        self._checked: dict[tuple[str, str], int] = {}

    def function(self):
        """The template global."""
        @pass_context
        def puk_shared(context, name: str, render: Callable[[], str], fill=None):
            return self._shared(context, name, render, fill)

        return puk_shared

    def _shared(self, context, name: str, render: Callable[[], str], fill=None):
        page = context.get("page")
        folder = self.folder(page.url) if page is not None else None
        key = (name, folder)
        if folder is None or self._cache.get(key, "") is None:
            return render()
        fills = (fill,) if isinstance(fill, str) else tuple(fill or ())
        try:
            html = self._cache.get(key)
            if html is None:
                html = self._cache[key] = self._with_slots(render, page.meta, fills)
            out = html
            for index, f in enumerate(fills):  # the page's own values, escaped as the block would have
                out = out.replace(_SLOT.format(index), escape(page.meta.get(f, "")))
        except Exception as error:  # noqa: BLE001 - any failure of the trick: the plain path
            return self._refuse(key, render, f"reusing it failed: {error!r}")
        if self._checked.get(key, 0) < self.checks:
            self._checked[key] = self._checked.get(key, 0) + 1
            plain = collapse(str(render()))
            if plain != out:
                return self._refuse(key, render, f"the reused block differs from a full render on {page.url}")
        return Markup(out)

    @staticmethod
    def _with_slots(render, meta: dict, fills: tuple[str, ...]) -> str:
        values = {f: meta.get(f) for f in fills}
        for index, f in enumerate(fills):
            meta[f] = _SLOT.format(index)
        try:
            # Material's indentation is a third of these blocks' bytes; they
            # hold no <pre>, so a newline renders as the spaces did
            return collapse(str(render()))
        finally:
            meta.update(values)

    def _refuse(self, key: tuple[str, str], render, why: str):
        self._cache[key] = None
        log.info(f"catalogue pages: the {key[0]} block in {key[1]}/ is rendered in full on every page ({why})")
        return render()
