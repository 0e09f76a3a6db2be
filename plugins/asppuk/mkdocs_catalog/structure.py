"""The catalogue's page kind: a page whose template renders everything.

A catalogue page has no Markdown source, so MkDocs' reading and rendering
steps have nothing to do: left to itself, MkDocs would still build a fresh
Markdown parser with every configured extension for each of them (a quarter
of a millisecond a page, seconds at 10,000 products). Material's blog plugin
does the same for its views (``read_source`` that reads nothing).
"""

from __future__ import annotations

from mkdocs.structure.files import File
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


class CatalogPage(Page):
    def __init__(self, spec: PageSpec, file, config, nav_title: str | None = None):
        super().__init__(nav_title or spec.title, file, config)
        self.spec = spec
        # No source file to edit: Material would link "edit this page" to nothing
        self.edit_url = None

    def read_source(self, config):
        self.markdown = ""
        self.meta = {"title": self.spec.title, "template": self.spec.template,
                     "description": self.spec.description, "hide": ["toc"], "language": self.spec.lang}
        if self.spec.alternate:
            self.meta["alternate"] = self.spec.alternate

    def render(self, config, files):
        self.content = ""
        self.toc = get_toc([])
        self.present_anchor_ids = set()
