"""A search index in parts (asppuk.search_index): planned so no Pagefind run
holds more than ``max_pages`` pages, and merged again in the browser."""

from __future__ import annotations

import functools
import http.server
import json
import threading
from pathlib import Path

import pytest

from asppuk.search_index import plan_indexes, selector
from conftest import _QuietHandler, build_site, copy_project, write_tree

PATTERNS = ["index.html", "produk/*/*/index.html", "cerita/**/*.html"]


def fake_site(root: Path) -> Path:
    files = {"index.html": "", "tentang/index.html": "", "cerita/buku/a/index.html": "",
             "produk/index.html": "", "produk/kategori/tenun/index.html": "",
             "produk/kategori/tenun/2/index.html": ""}
    for jarpuk, count in (("sintang", 7), ("sambas", 5), ("kupang", 4), ("besar", 12)):
        files.update({f"produk/{jarpuk}/p{i}/index.html": "" for i in range(count)})
    return write_tree(root, files)


def selected(site: Path, patterns: list[str]) -> set[str]:
    selects = selector(patterns)
    return {p.relative_to(site).as_posix() for p in site.rglob("*.html") if selects(p.relative_to(site).as_posix())}


def test_a_site_under_the_limit_gets_one_index_with_the_configured_globs(tmp_path):
    site = fake_site(tmp_path)
    runs = plan_indexes(site, PATTERNS, "produk/*", max_pages=1000)
    assert len(runs) == 1
    assert runs[0].output == "pagefind" and runs[0].patterns == PATTERNS
    assert runs[0].pages == len(selected(site, PATTERNS)) == 1 + 1 + (7 + 5 + 4 + 12) + 1  # home, story, products, kategori/tenun


def test_a_large_site_is_split_by_folder_and_every_page_indexed_once(tmp_path):
    site = fake_site(tmp_path)
    runs = plan_indexes(site, PATTERNS, "produk/*", max_pages=12)
    assert [r.output for r in runs] == ["pagefind"] + [f"pagefind/bagian-{i}" for i in range(1, len(runs))]
    assert all(r.pages <= 12 for r in runs)
    everything = selected(site, PATTERNS)
    seen: list[str] = []
    for run in runs:
        pages = selected(site, run.patterns)
        assert len(pages) == run.pages, run
        seen.extend(pages)
    assert sorted(seen) == sorted(everything)  # none lost, none twice
    # a JarPUK's products stay together, and page 2 of a listing is never indexed
    assert any(r.folders == ["produk/besar"] for r in runs)
    assert "produk/kategori/tenun/2/index.html" not in everything
    # the main index keeps the pages outside produk/
    assert {"index.html", "cerita/buku/a/index.html"} <= selected(site, runs[0].patterns)


def test_once_split_the_parts_keep_to_their_own_size(tmp_path):
    site = fake_site(tmp_path)
    one = plan_indexes(site, PATTERNS, "produk/*", max_pages=40, part_pages=8)
    assert len(one) == 1  # under the one-index limit, nothing is split
    runs = plan_indexes(site, PATTERNS, "produk/*", max_pages=20, part_pages=8)
    assert all(r.pages <= 8 for r in runs if r.folders != ["produk/besar"])
    assert sum(r.pages for r in runs) == len(selected(site, PATTERNS))


def test_overlapping_globs_are_refused(tmp_path):
    site = fake_site(tmp_path)
    with pytest.raises(ValueError, match="produk/sintang/p0/index.html"):
        plan_indexes(site, PATTERNS + ["produk/sintang/**/*.html"], "produk/*", max_pages=12)


@pytest.fixture(scope="module")
def split_site(tmp_path_factory) -> Path:
    """The sample site with its search index in parts of at most 8 pages."""
    project = copy_project(tmp_path_factory.mktemp("split"))
    config = (project / "mkdocs.yml").read_text("utf-8")
    assert "      max_pages: 12000\n" in config
    assert "      part_pages: 9000\n" in config
    config = config.replace("      max_pages: 12000\n", "      max_pages: 8\n").replace("part_pages: 9000", "part_pages: 8")
    (project / "mkdocs.yml").write_text(config, "utf-8")
    out = project / "site"
    result = build_site(project, out)
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="module")
def server(split_site: Path):  # the browser tests below visit the split site
    handler = functools.partial(_QuietHandler, directory=str(split_site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def test_the_build_writes_the_parts_and_lists_them(split_site):
    parts = json.loads((split_site / "pagefind/asppuk-indexes.json").read_text("utf-8"))["merge"]
    assert len(parts) >= 2
    for part in parts:
        assert (split_site / "pagefind" / part / "pagefind-entry.json").exists()


@pytest.mark.browser
def test_search_and_filters_span_every_part(page, split_site):
    page.goto("/")
    page.locator("label.md-header__button[for=__search]").click()
    page.locator(".md-search__input").fill("songket")
    page.wait_for_selector(".md-search-result__item")
    urls = [a.get_attribute("href") for a in page.locator(".md-search-result__item a").all()]
    assert "/produk/sambas/kain-songket-sambas/" in urls
    # the finder lists all 15 products from the merged parts, and filters count across them
    page.goto("/produk/cari/")
    page.wait_for_function("() => document.querySelectorAll('.puk-finder__results > li').length === 15")
    page.get_by_role("button", name="Saring").click()
    page.locator('[data-filter="kategori"] input[value="Tenun"]').check()
    page.wait_for_function("() => document.querySelectorAll('.puk-finder__results > li').length === 6")
    assert page.external_requests == []


def test_a_failed_build_stops_pagefind_at_once():
    """Pagefind on a half-written site retries each missing page with growing
    pauses (hours at 10,000 products): a failed build ends it rather than waiting."""
    import subprocess
    import sys
    import time

    from asppuk.search_index import Cancelled, _run

    cancel = threading.Event()
    threading.Timer(0.3, cancel.set).start()
    started = time.monotonic()
    with pytest.raises(Cancelled):
        _run([sys.executable, "-c", "import time; time.sleep(300)"], cancel)
    assert time.monotonic() - started < 60  # not the 300 s the process would have run
    done = _run([sys.executable, "-c", "print('ok')"], threading.Event())
    assert (done.returncode, done.stdout) == (0, "ok\n")
    assert isinstance(done, subprocess.CompletedProcess)


def test_pages_to_index_left_unwritten_are_not_indexed(tmp_path, monkeypatch):
    """The helper process died before writing its pages to index: Pagefind
    never runs on the half-written site, and the build fails."""
    from types import SimpleNamespace

    from mkdocs.exceptions import PluginError

    from asppuk.mkdocs_search import plugin as search

    monkeypatch.setattr(search, "index_site", lambda *a, **k: pytest.fail("Pagefind ran on a half-written site"))
    indexer = search.SearchPlugin()
    indexer.load_config({})
    ended = threading.Event()
    ended.set()
    indexer.wait_for(ended, lambda: False)
    indexer._index(SimpleNamespace(site_dir=str(tmp_path)))
    indexer.serving = False
    with pytest.raises(PluginError, match="tidak semuanya ditulis"):
        indexer.on_post_build(config=SimpleNamespace(site_dir=str(tmp_path)))


def test_once_split_a_listing_folder_goes_to_no_part(tmp_path):
    """Category listings match produk/*/*/ but hold nothing Pagefind indexes:
    a part made of them alone would be an index of nothing, which Pagefind
    refuses (it failed the build when the sample's counts put them alone)."""
    site = fake_site(tmp_path)
    runs = plan_indexes(site, PATTERNS, "produk/*", max_pages=12, part_pages=8, unindexed=["produk/kategori"])
    assert all("produk/kategori" not in r.folders for r in runs)
    assert sum(r.pages for r in runs) == len(selected(site, PATTERNS)) - 1  # kategori/tenun
