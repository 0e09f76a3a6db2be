"""What a build of the catalogue holds in memory.

MkDocs keeps every page and its file until the build ends: 317,000 of them
at 100,000 products. These tests build the sample site in this process and
check what the pages keep (nothing of their render) and what MkDocs and the
skeletons keep; and a build of a generated catalogue in a process of its
own stays within its memory budget. They assert behaviour, never how the
interpreter lays objects out.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs import utils as mkdocs_utils
from mkdocs.commands.build import build
from mkdocs.config import load_config

from asppuk.mkdocs_catalog import plugin as catalog_plugin
from asppuk.mkdocs_catalog.structure import CatalogPage
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
        REMEMBERED["skeletons"] = catalog._rendering.skeletons
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


def test_what_catalogue_pages_share_is_empty(built_pages):
    """Shared by every page, so nothing may have added to them."""
    first = built_pages[0]
    assert all(page.toc is first.toc for page in built_pages) and list(first.toc) == []
    assert all(page.present_anchor_ids is first.present_anchor_ids for page in built_pages)
    assert not first.present_anchor_ids
    assert all(page.meta["hide"] == ["toc"] for page in built_pages)


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


# A build of the sample with this many generated products, in a process of
# its own: MkDocs' peak and the largest other process's (the helper that
# builds catalogue pages beside it, or a worker drawing cards)
BUDGET_PRODUCTS = 2_000
_PEAK = """
import json, logging, resource, sys
logging.basicConfig(level=logging.INFO, format="%(name)s: %(message)s")
from mkdocs.commands.build import build
from mkdocs.config import load_config
cfg = load_config(sys.argv[1], site_dir=sys.argv[2])
cfg.plugins.on_startup(command="build", dirty=False)
build(cfg)
cfg.plugins.on_shutdown()
# this process's own peak (VmHWM): ru_maxrss would count the test runner it was forked from
with open("/proc/self/status") as status:
    own = next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
print(json.dumps({"own": own / 1024,
                  "child": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))
"""
# Peak memory (MB, resident) a build of BUDGET_PRODUCTS may reach: measured
# 143 (MkDocs) and 222 (the helper, which counts the pages it shares with
# MkDocs) on 2026-12-02, with half as much again for differences between
# machines. A regression that keeps each page's view data would pass them.
OWN_BUDGET, CHILD_BUDGET = 215, 335


def test_a_build_stays_within_its_memory_budget(tmp_path):
    """The peak memory of a build, as shipped (the helper process on: a
    catalogue of this size has more catalogue pages than parallel_pages)."""
    import json
    import os
    import subprocess
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
    from generate_catalog import generate_beside

    project = copy_project(tmp_path / "project")
    generate_beside(project, BUDGET_PRODUCTS)  # beside the sample JarPUK
    result = subprocess.run([sys.executable, "-c", _PEAK, str(project / "mkdocs.yml"), str(tmp_path / "site")],
                            capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 0, result.stderr[-3000:]
    peak = json.loads(result.stdout.strip().splitlines()[-1])
    assert "built by a second process" in result.stderr
    print(f"peak memory: MkDocs {peak['own']:.0f} MB, largest other process {peak['child']:.0f} MB")
    assert peak["own"] < OWN_BUDGET, peak
    assert peak["child"] < CHILD_BUDGET, peak
