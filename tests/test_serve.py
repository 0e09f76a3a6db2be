"""`make serve`, and plain `mkdocs serve`, show data problems and keep serving, with the shipped mkdocs.yml."""

from __future__ import annotations

import os
import re
import shlex
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest
from test_build import MINI_MKDOCS

from conftest import MINI, ROOT, copy_project, write_tree


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str, deadline: float) -> str:
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.read().decode("utf-8")
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


def wait_for(url: str, condition, deadline: float) -> str:
    """The page at ``url`` once ``condition(page)`` holds (each request must answer)."""
    while True:
        page = fetch(url, time.monotonic() + 15)  # a stuck server fails here
        if condition(page):
            return page
        assert time.monotonic() < deadline, f"{url} never changed as expected"
        time.sleep(0.5)


def serve_command() -> list[str]:
    """`make serve`'s mkdocs command, from the Makefile itself: plain `mkdocs serve`."""
    recipe = re.search(r"^serve: install\n\t\$\(BIN\)/mkdocs (.+)$", (ROOT / "Makefile").read_text(), re.M)
    args = [a for a in shlex.split(recipe.group(1)) if "$(" not in a]
    assert args == ["serve", "--dev-addr", "--livereload"]   # nothing that only make serve would have
    return [sys.executable, "-m", "mkdocs", "serve"]


def start(project, port: int) -> subprocess.Popen:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.Popen(
        [*serve_command(), "--livereload", "-a", f"127.0.0.1:{port}", "-f", str(project / "mkdocs.yml")],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env,
    )


def test_plain_serve_with_the_shipped_config_starts_broken_keeps_answering_and_recovers(tmp_path):
    """`mkdocs serve`, as every MkDocs user types it (no --no-strict): strictness
    is on the command lines that publish (make build, CI, make deploy), not in
    mkdocs.yml, where it would stop the preview at the first data problem."""
    project = copy_project(tmp_path / "p")
    assert not re.search(r"^strict:", (project / "mkdocs.yml").read_text(), re.M)
    product = project / "products/sintang/kain-kebat.yml"
    good = product.read_text("utf-8")
    post = project / "content/berita/posts/2013-06-03-asppuk-nusa-tenggara.md"
    good_post = post.read_text("utf-8")
    product.write_text(good.replace("price: 750000", "price: 750.000"), "utf-8")
    post.write_text(good_post.replace("categories: [Nusa Tenggara]", "categories: [Papua]"), "utf-8")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = start(project, port)
    try:
        deadline = time.monotonic() + 120
        home = wait_for(f"{base}/produk/", lambda page: "masalah pada data situs" in page, deadline)
        assert "products/sintang/kain-kebat.yml:" in home and "`price` ditulis `750.000`" in home
        assert "content/berita/posts/2013-06-03-asppuk-nusa-tenggara.md:" in home and "Papua" in home
        # the rest of the site is there to preview
        assert "Abon ikan tuna" in fetch(f"{base}/produk/kupang/abon-tuna-pedas/", deadline)
        assert "<h1" in fetch(f"{base}/", deadline)
        # a file broken while serving: every request still answers, the new problem shows
        product.write_text("name: [tidak ditutup\n", "utf-8")
        home = wait_for(f"{base}/produk/", lambda page: "YAML tidak dapat dibaca" in page, time.monotonic() + 90)
        assert "<h1" in fetch(f"{base}/", time.monotonic() + 15)
        # fixed: the problems are gone and the product is back
        product.write_text(good, "utf-8")
        post.write_text(good_post, "utf-8")
        wait_for(f"{base}/produk/", lambda page: "masalah pada data situs" not in page, time.monotonic() + 90)
        assert "Kain kebat" in fetch(f"{base}/produk/sintang/kain-kebat/", time.monotonic() + 15)
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=30)
    assert "products/sintang/kain-kebat.yml:" in output
    assert "Traceback" not in output and "appear stuck" not in output


def test_serve_minimal_project_reports_problems(tmp_path):
    write_tree(tmp_path, {"mkdocs.yml": MINI_MKDOCS, "content/index.md": "# Beranda\n"})
    write_tree(tmp_path / "products", MINI)
    write_tree(tmp_path / "products", {"desa/rusak.yml": "name: Rusak\nprice: 50.000\n"})
    port = free_port()
    server = start(tmp_path, port)
    try:
        deadline = time.monotonic() + 60
        catalogue = fetch(f"http://127.0.0.1:{port}/produk/", deadline)
        assert "masalah pada data situs" in catalogue
        assert "products/desa/rusak.yml:2" in catalogue
        assert "Kain" in fetch(f"http://127.0.0.1:{port}/produk/desa/kain/", deadline)
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=20)
    assert "products/desa/rusak.yml:2: `price` ditulis `50.000`" in output


def test_serve_one_jarpuk_previews_its_edits(tmp_path):
    """`make serve JARPUK=sintang`: that network's products with the rest of
    the site, nothing from the others (and no problem for stories that name
    them), and an edit to one of its files shows after the rebuild."""
    assert "serve: export ASPPUK_JARPUK = $(value JARPUK)" in (ROOT / "Makefile").read_text()  # make serve JARPUK=...
    project = copy_project(tmp_path / "site")
    port = free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "ASPPUK_JARPUK": "sintang"}
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--livereload", "-a", f"127.0.0.1:{port}",
         "-f", str(project / "mkdocs.yml")],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env,
    )
    try:
        deadline = time.monotonic() + 90
        base = f"http://127.0.0.1:{port}"
        assert "Kain kebat tenun ikat Dayak" in fetch(f"{base}/produk/sintang/kain-kebat/", deadline)
        home = fetch(f"{base}/produk/", deadline)
        assert "masalah pada data katalog" not in home
        assert "Wajik" not in fetch(f"{base}/produk/kategori/kue/", deadline) if "kategori/kue" in home else True
        try:
            urllib.request.urlopen(f"{base}/produk/padang/wajik/", timeout=5)
            raise AssertionError("another JarPUK's product is served")
        except urllib.error.HTTPError as error:
            assert error.code == 404
        assert "Tentang" in fetch(f"{base}/tentang/", deadline)  # the rest of the site is there
        product = project / "products" / "sintang" / "kain-kebat.yml"
        product.write_text(product.read_text("utf-8").replace("Kain kebat tenun ikat Dayak", "Kain kebat baru"), "utf-8")
        while "Kain kebat baru" not in fetch(f"{base}/produk/sintang/kain-kebat/", deadline):
            assert time.monotonic() < deadline, "the edit never showed"
            time.sleep(0.3)
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=20)
    assert "previewing JarPUK sintang only" in output


@pytest.mark.browser
def test_a_page_open_in_the_browser_reloads_itself_after_an_edit(tmp_path, browser):
    """Live reload runs under the preview's Content-Security-Policy (the build's allows no inline script)."""
    project = copy_project(tmp_path / "p")
    product = project / "products/sintang/kain-kebat.yml"
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = start(project, port)
    context = browser.new_context(viewport={"width": 360, "height": 740})
    try:
        fetch(f"{base}/produk/sintang/kain-kebat/", time.monotonic() + 120)
        page = context.new_page()
        page.goto(f"{base}/produk/sintang/kain-kebat/")
        assert page.locator("h1").inner_text() == "Kain kebat tenun ikat Dayak"
        product.write_text(product.read_text("utf-8").replace("name: Kain kebat tenun ikat Dayak",
                                                              "name: Kain kebat baru"), "utf-8")
        # the page reloads by itself (nothing here navigates)
        page.wait_for_function("() => document.querySelector('h1').textContent === 'Kain kebat baru'", timeout=90_000)
        csp = page.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute("content")
        assert "'unsafe-inline'" in csp.split("script-src", 1)[1].split(";")[0]  # the preview only
    finally:
        context.close()
        server.terminate()
        server.communicate(timeout=30)
