"""The catalogue's page kind: a page whose template renders everything.

A catalogue page has no Markdown source, so MkDocs' reading and rendering
steps have nothing to do: left to itself, MkDocs would still build a fresh
Markdown parser with every configured extension for each of them (a quarter
of a millisecond a page, seconds at 10,000 products). Material's blog plugin
does the same for its views (``read_source`` that reads nothing).
"""

from __future__ import annotations

import sys
from urllib.parse import urljoin, urlsplit

from mkdocs.structure.files import File, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from asppuk.catalog.pages import PageSpec
from asppuk.linkfiles import link_or_copy


class CachedFile(File):
    """A photo or preview card from the build cache: hard-linked into the
    site rather than copied (see :mod:`asppuk.linkfiles`), so a warm build
    writes none of their bytes. A card still being drawn is ``pending``:
    the plugin links it once it is there."""

    pending = False

    def copy_file(self, dirty: bool = False) -> None:
        if self.pending or (dirty and not self.is_modified()):
            return
        link_or_copy(self.abs_src_path, self.abs_dest_path)


# What every catalogue page has in common, shared rather than made per page
# (nothing changes them: catalogue pages have no Markdown, headings or anchors)
_NO_TOC = get_toc([])
_NO_ANCHORS: frozenset[str] = frozenset()
_HIDE = ["toc"]
# Every catalogue page renders through this template: its kind's own
# (spec.template) in full, or into a skeleton (see skeleton.py)
SKELETON = "asppuk/catalog/skeleton.html"


class CatalogFile(File):
    """The file of a catalogue page.

    Memory, not behaviour: Python shares one table of attribute names among
    the ``__dict__`` of all instances of a class while each sets the same
    attributes in the same order; one instance that differs (MkDocs' own
    files are read, looked at and linked in many orders) gives every later
    one a table of its own. Catalogue files are a class of their own, made
    and filled in one order (:meth:`settle`): about 300 bytes less for each
    of the 317,000 pages of 100,000 products.

    MkDocs caches ``name`` and ``abs_dest_path`` in every file; a catalogue
    file works them out, by MkDocs' own methods, when asked: once or twice
    a build (``url`` and ``dest_uri`` are asked for all the time: cached)."""

    name = property(File._get_stem)
    abs_dest_path = property(File.__dict__["abs_dest_path"].func)

    @classmethod
    def for_page(cls, config, src_uri: str) -> CatalogFile:
        return cls.generated(config, src_uri, content="", inclusion=InclusionLevel.NOT_IN_NAV)

    def settle(self) -> None:
        """Work out the destination now, in the same order for every file."""
        self.dest_uri, self.url  # noqa: B018 - cached properties, filled in this order


class CatalogPage(Page):
    """A catalogue page: its template renders everything (no Markdown)."""

    def __init__(self, spec: PageSpec, file: File, config, nav_title: str | None = None):
        super().__init__(nav_title or spec.title, file, config)
        self.spec = spec
        # No source file to edit: Material would link "edit this page" to nothing
        self.edit_url = None

    @staticmethod
    def file_for(config, src_uri: str) -> File:
        return File.generated(config, src_uri, content="", inclusion=InclusionLevel.NOT_IN_NAV)

    def read_source(self, config):
        self.markdown = ""
        self.meta = {"title": self.spec.title, "template": SKELETON, "hide": _HIDE,
                     "language": self.spec.lang}
        # product and producer pages: their view data brings it (see the plugin)
        if self.spec.description is not None:
            self.meta["description"] = self.spec.description
        if self.spec.alternate:
            self.meta["alternate"] = self.spec.alternate

    def render(self, config, files):
        self.content = ""
        self.toc = _NO_TOC
        self.present_anchor_ids = _NO_ANCHORS


class LeanCatalogPage(CatalogPage):
    """A catalogue page made lean for memory (``lean_pages``), with a
    :class:`CatalogFile`."""

    def __init__(self, spec: PageSpec, file: CatalogFile, config, nav_title: str | None = None):
        super().__init__(spec, file, config, nav_title)
        # Set now for every page (the navigation sets parent on its own
        # pages), so that all of them share one table of attribute names
        # (see CatalogFile): 500 bytes less a page
        self.parent = None
        self.present_anchor_ids = _NO_ANCHORS
        self.update_date = sys.intern(self.update_date)  # the build's date: one string, not one a page
        file.settle()

    file_for = CatalogFile.for_page

    # The page's full address and path, worked out when asked (a page's
    # render asks a few times) by MkDocs' own rule (Page._set_canonical_url)
    # rather than kept, two strings a page, for every page of the build
    def _set_canonical_url(self, base: str | None) -> None:
        if base and not base.endswith("/"):
            base += "/"
        self._base = sys.intern(base) if base else None  # one string for all pages

    @property
    def canonical_url(self) -> str | None:
        return urljoin(self._base, self.url) if self._base else None

    @property
    def abs_url(self) -> str | None:
        return urlsplit(self.canonical_url).path if self._base else None
