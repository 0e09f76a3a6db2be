"""What a catalogue page costs in memory while the site builds.

MkDocs keeps every page and its file until the build ends: 317,000 of them
at 100,000 products. These tests build the sample site in this process and
look at the objects themselves.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from mkdocs import utils as mkdocs_utils
from mkdocs.commands.build import build
from mkdocs.config import load_config

from asppuk.mkdocs_catalog import plugin as catalog_plugin
from asppuk.mkdocs_catalog.structure import CatalogFile, CatalogPage
from conftest import copy_project

REMEMBERED: dict = {}  # what MkDocs' URL cache held when the pages were written


@pytest.fixture(scope="module")
def built_pages(tmp_path_factory) -> list[CatalogPage]:
    root = tmp_path_factory.mktemp("memory")
    project = copy_project(root / "project")
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(root / "site"))
    config.plugins.on_startup(command="build", dirty=False)
    pages: list[CatalogPage] = []
    catalog = config.plugins["asppuk-catalog"]
    post_build = config.plugins.on_post_build

    def keep_pages(**kwargs):  # the pages as MkDocs holds them at the end of the build
        pages.extend(f.page for f in catalog._files.documentation_pages() if isinstance(f.page, CatalogPage))
        REMEMBERED["pages"] = len(catalog._files.documentation_pages())
        REMEMBERED["skeletons"] = catalog._skeletons
        return post_build(**kwargs)

    config.plugins.on_post_build = keep_pages
    post_page = config.plugins.on_post_page
    sizes = REMEMBERED.setdefault("sizes", [])

    def sample_cache(output, **kwargs):
        sizes.append(mkdocs_utils._norm_parts.cache_info().currsize)
        return post_page(output, **kwargs)

    config.plugins.on_post_page = sample_cache
    every, catalog_plugin.FORGET_URLS_EVERY = catalog_plugin.FORGET_URLS_EVERY, 10  # the sample has ~100 catalogue pages
    mkdocs_utils._norm_parts.cache_clear()
    try:
        build(config)
    finally:
        catalog_plugin.FORGET_URLS_EVERY = every
    config.plugins.on_shutdown()
    return pages


def test_catalogue_pages_and_files_set_one_attribute_order(built_pages):
    # including the pages the navigation holds (it gives them a parent)
    assert len(built_pages) > 50
    assert any(page.parent is not None for page in built_pages)
    assert len({tuple(vars(page)) for page in built_pages}) == 1
    assert all(type(page.file) is CatalogFile for page in built_pages)
    assert len({tuple(vars(page.file)) for page in built_pages}) == 1


@pytest.mark.skipif(sys.implementation.name != "cpython", reason="key-sharing dictionaries are CPython's")
def test_catalogue_pages_and_files_share_their_attribute_names(built_pages):
    """A split dict (names shared by the class) is smaller than the same
    items in a dict of their own: about 900 bytes a page less."""
    for page in built_pages:
        assert sys.getsizeof(vars(page)) < sys.getsizeof(dict(vars(page))), page.url
        assert sys.getsizeof(vars(page.file)) < sys.getsizeof(dict(vars(page.file))), page.url
        # and page.meta did not keep the larger table it grew while rendering
        assert sys.getsizeof(page.meta) == sys.getsizeof(dict(page.meta)), page.url


def test_what_catalogue_pages_share_is_empty(built_pages):
    """Shared by every page, so nothing may have added to them."""
    first = built_pages[0]
    assert all(page.toc is first.toc for page in built_pages) and list(first.toc) == []
    assert all(page.present_anchor_ids is first.present_anchor_ids for page in built_pages)
    assert not first.present_anchor_ids
    assert all(page.meta["hide"] == ["toc"] for page in built_pages)
    assert all(page.update_date is first.update_date for page in built_pages)


def test_mkdocs_forgets_the_relative_urls_it_has_worked_out(built_pages):
    """MkDocs caches the parts of every URL it makes relative, without limit
    (an entry per page at least): the catalogue empties that cache as it goes."""
    sizes = REMEMBERED["sizes"]
    assert len(sizes) == REMEMBERED["pages"]
    # it grows with every page, and is emptied every 10 catalogue pages here
    assert sum(1 for before, after in zip(sizes, sizes[1:]) if after < before) >= len(built_pages) // 10 - 1
    # without it, it would end with an entry for every page at least
    assert max(sizes) < len(sizes), sizes


def test_what_a_page_needs_only_while_it_renders_is_not_kept(built_pages):
    """Descriptions of product and producer pages are made with their view
    data, and the language switch's link with the page; neither stays."""
    kinds = {page.spec.template for page in built_pages}
    assert {"asppuk/catalog/product.html", "asppuk/catalog/producer.html"} <= kinds
    for page in built_pages:
        assert "alternate_href" not in page.meta, page.url
        if page.spec.template in ("asppuk/catalog/product.html", "asppuk/catalog/producer.html"):
            assert "description" not in page.meta, page.url
            assert page.spec.description is None
        else:
            assert page.meta["description"], page.url


def test_addresses_are_worked_out_as_mkdocs_would(built_pages):
    from mkdocs.structure.files import File
    from mkdocs.structure.pages import Page

    for page in built_pages:
        assert "canonical_url" not in vars(page) and "abs_url" not in vars(page)
        plain = Page.__new__(Page)
        plain.file = page.file
        Page._set_canonical_url(plain, "https://www.asppuk.or.id")
        assert (page.canonical_url, page.abs_url) == (plain.canonical_url, plain.abs_url)
        assert page.canonical_url.startswith("https://www.asppuk.or.id/")
        # the file's name and destination on disk, by MkDocs' own File
        file = page.file
        assert "name" not in vars(file) and "abs_dest_path" not in vars(file)
        plain_file = File(file.src_uri, src_dir=None, dest_dir=file.dest_dir, use_directory_urls=True)
        assert (file.name, file.dest_uri, file.url, file.abs_dest_path) == (
            plain_file.name, plain_file.dest_uri, plain_file.url, plain_file.abs_dest_path)
        assert Path(file.abs_dest_path).is_file()


def _made_from_a_page(module) -> bool:
    """Whether a template module was imported ``with context``: its macros
    close over a context whose variables are a page's."""
    from jinja2.runtime import Context, Macro

    for value in vars(module).values():
        if isinstance(value, Macro):
            for cell in value._func.__closure__ or ():
                if isinstance(cell.cell_contents, Context) and "page" in cell.cell_contents.parent:
                    return True
    return False


def test_a_skeleton_keeps_nothing_of_the_page_it_was_learned_from(built_pages):
    """A skeleton lives until the build ends (one per kind and folder, a few
    hundred): it must not hold a page's view data. A module a template
    imports with context (Material's ``lang``) would hold all of it, a whole
    print catalogue of QR codes, so it is made again for each page."""
    from jinja2.environment import TemplateModule

    skeletons = REMEMBERED["skeletons"]
    known = [s for s in skeletons._known.values() if s is not None]
    assert known and sum(skeletons.from_skeleton.values()) > 0
    modules = 0
    for skeleton in known:
        for _stack, _depth, names in skeleton.parts.values():
            assert names.get("lang", None) is None
            for value in names.values():
                assert not isinstance(value, CatalogPage) and not (isinstance(value, dict) and "page" in value), value
                if isinstance(value, TemplateModule):
                    modules += 1
                    assert not _made_from_a_page(value), value
        assert all(isinstance(piece, (str, tuple)) for piece in skeleton.pieces)
    assert modules  # the catalogue's macros are there, imported without context
    # (and the check itself sees a module imported with context)
    page = built_pages[0]
    language = skeletons.env.get_template("partials/language.html").make_module(
        {"page": page, "page_language": "id", "config": {"theme": {"language": "id"}}}, True)
    assert _made_from_a_page(language)
