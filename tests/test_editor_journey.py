"""A staff member's week in the editor, end to end: Chromium on /admin/ of
the built site, Decap's own git backend (``decap-server``, as CONTRIBUTING
tells staff to try the editor on their computer) writing into a real git
repository of the sample site. Every save is a branch, as on GitHub every
save is a pull request; the branches are then merged as a reviewer would,
and ``make check`` and the strict build pass on the result, whose diff is
exactly what was edited."""

from __future__ import annotations

import datetime as dt
import functools
import http.server
import os
import re
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, build_site, copy_project, missing

SERVER = ROOT / "tools/cms/node_modules/decap-server/dist/index.js"
# Today, in UTC as the blog reads a post's date: the post is live in the next build
TODAY = dt.datetime.now(dt.UTC).date()
SLUG = f"{TODAY:%Y-%m-%d}-pameran-tenun-di-pontianak"
POST = f"content/berita/posts/{SLUG}.md"
PHOTO = "content/assets/unggahan/foto-pameran.jpg"
TRANSLATION = "content/berita/posts/2011-12-30-buku-katanya-menggugat-dan-aku-dalam-gerak.en.md"
PRODUCT = "products/sintang/kain-kebat.yml"


def _git(repo: Path, *args: str) -> str:
    done = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True)
    assert done.returncode == 0, f"git {' '.join(args)}: {done.stderr}"
    return done.stdout


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def repository(tmp_path):
    """The sample site as a git repository on main, like a clone of ours."""
    repo = copy_project(tmp_path / "repo")
    (repo / ".gitignore").write_text("tools\nsite/\n", "utf-8")
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "-c", "user.name=Sekretariat", "-c", "user.email=seknas@example.org", "add", "-A")
    _git(repo, "-c", "user.name=Sekretariat", "-c", "user.email=seknas@example.org", "commit", "-q", "-m", "Situs")
    return repo


@pytest.fixture
def decap_server(repository, node):
    if not SERVER.is_file():
        missing("decap-server is missing (make install runs npm ci --prefix tools/cms)")
    port = _free_port()
    env = {**os.environ, "PORT": str(port), "MODE": "git", "GIT_REPO_DIRECTORY": str(repository),
           "GIT_AUTHOR_NAME": "Staf", "GIT_AUTHOR_EMAIL": "staf@example.org",
           "GIT_COMMITTER_NAME": "Staf", "GIT_COMMITTER_EMAIL": "staf@example.org"}
    process = subprocess.Popen([node, str(SERVER)], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    deadline = time.monotonic() + 30
    for line in process.stdout:
        if "listening on port" in line or time.monotonic() > deadline:
            break
    yield DecapServer(f"http://localhost:{port}/api/v1", process)
    process.terminate()
    process.wait(10)


class DecapServer:
    def __init__(self, url: str, process: subprocess.Popen):
        self.url, self.process = url, process

    def stop(self) -> None:
        """Let it finish what it was writing: it works in the repository's own
        checkout, so a merge beside it would meet its index.lock."""
        self.process.terminate()
        self.process.wait(30)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture
def admin(site):
    """The built site over HTTP at 127.0.0.1, where Decap looks for decap-server."""
    handler = functools.partial(_Quiet, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def _button(page, *names: str):
    return page.get_by_role("button", name=re.compile("^(" + "|".join(map(re.escape, names)) + ")$"))


def _save(page, repo: Path, branch: str) -> None:
    _button(page, "Simpan", "Save").click()
    deadline = time.monotonic() + 30
    while branch not in _git(repo, "branch", "--list", branch):
        assert time.monotonic() < deadline, f"no branch {branch} after saving"
        time.sleep(0.3)
    page.get_by_text(re.compile("^(Sudah disimpan|Changes saved)$", re.I)).wait_for()
    page.goto("about:blank")  # the next task starts from its own address, as from a bookmark


@pytest.mark.browser
def test_a_week_of_news_a_price_and_a_translation_through_the_editor(browser, site, admin, decap_server, repository,
                                                                      tmp_path):
    config = yaml.safe_load((site / "admin/config.yml").read_text("utf-8"))
    config["local_backend"] = {"url": decap_server.url}
    context = browser.new_context(base_url=admin, viewport={"width": 1280, "height": 900})
    errors: list[str] = []
    page = context.new_page()
    page.on("pageerror", lambda error: errors.append(str(error)))
    # /admin/ has its own Content-Security-Policy: the whole journey runs under it
    page.on("console", lambda message: errors.append(message.text)
            if "Content Security Policy" in message.text else None)
    page.route("**/admin/config.yml", lambda route: route.fulfill(
        body=yaml.safe_dump(config, allow_unicode=True), content_type="text/yaml"))
    photo = tmp_path / "foto-pameran.jpg"
    from PIL import Image
    Image.new("RGB", (800, 600), (200, 80, 40)).save(photo, quality=80)
    started = time.monotonic()

    page.goto("/admin/")
    _button(page, "Masuk", "Login").click()
    # The news list: titles (a title written as the post's heading too), newest first, no translation
    items = page.locator("a[href*='/collections/berita/entries/']")
    items.first.wait_for()
    listed = items.all_inner_texts()
    assert listed[0].startswith("2013-06-03 · ASPPUK Nusa Tenggara"), listed
    assert "2011-12-30 · Dua buku refleksi JarPUK se-Jawa diluncurkan di Solo" in listed
    assert len(listed) == 3, listed  # the .en.md translation is not a post

    # 1. This week's news, with a photo
    page.goto("/admin/#/collections/berita/new")
    page.locator("input[id^='title-field']").fill("Pameran tenun di Pontianak")
    page.locator("input[id^='date-field']").fill(f"{TODAY:%Y-%m-%d}")
    page.locator("[id^='authors-field']").click()
    page.get_by_text("seknas", exact=True).click()
    page.locator("[id^='categories-field']").click()
    page.get_by_text("Kalimantan", exact=True).click()
    body = page.locator("[data-slate-editor='true']").last
    body.click()
    page.keyboard.type("Para penenun dari Sintang memamerkan kain ikat di Pontianak.")
    page.keyboard.press("Enter")
    page.get_by_title(re.compile("Add Component|Tambah komponen", re.I)).click()
    page.get_by_text("Batas ringkasan", exact=True).click()
    page.get_by_title(re.compile("Add Component|Tambah komponen", re.I)).click()
    page.get_by_role("menuitem", name=re.compile("^(Image|Gambar|Foto)$")).click()
    _button(page, "Choose an image", "Pilih gambar").click()
    page.locator("input[type=file]").set_input_files(str(photo))
    _button(page, "Choose selected", "Pilih yang dipilih", "Pakai yang dipilih").click()
    page.locator("input[id^='alt-field']").last.fill("Kain ikat di meja pameran")
    _save(page, repository, f"cms/berita/{SLUG}")

    # 2. A price changes: the product's form, one number
    page.goto("/admin/#/collections/produk-sintang/entries/kain-kebat")
    price = page.locator("input[id^='price-field']")
    price.wait_for()
    assert price.input_value() == "750000"
    price.fill("800000")
    _save(page, repository, "cms/produk-sintang/kain-kebat")

    # 3. The English side of an older post
    page.goto("/admin/#/collections/berita-en/new")
    page.locator("[id^='original-field']").click()
    page.keyboard.type("Dua buku")
    page.get_by_text(re.compile("Dua buku refleksi")).last.click()
    page.locator("input[id^='title-field']").fill("Two books of JarPUK reflections launched in Solo")
    body = page.locator("[data-slate-editor='true']").last
    body.click()
    page.keyboard.type("Two books by the JarPUK networks of Java were launched in Solo.")
    _save(page, repository, "cms/berita-en/2011-12-30-buku-katanya-menggugat-dan-aku-dalam-gerak")
    minutes = (time.monotonic() - started) / 60
    print(f"editor journey: {minutes:.1f} min of browser time for a post with a photo, a price and a translation")
    assert errors == []

    # Each save is its own branch (a pull request on GitHub), holding exactly its change
    def changed(branch: str) -> set[str]:
        return set(_git(repository, "diff", "--name-only", f"main...{branch}").split())

    assert changed(f"cms/berita/{SLUG}") == {POST, PHOTO}
    assert changed("cms/produk-sintang/kain-kebat") == {PRODUCT}
    assert changed("cms/berita-en/2011-12-30-buku-katanya-menggugat-dan-aku-dalam-gerak") == {TRANSLATION}
    price_diff = _git(repository, "diff", "-U0", "main...cms/produk-sintang/kain-kebat")
    assert [line for line in price_diff.splitlines() if line[:1] in "+-" and line[:3] not in ("+++", "---")] == [
        "-price: 750000", "+price: 800000"]

    # A reviewer merges them; then the checks and the strict build pass
    context.close()
    decap_server.stop()
    assert _git(repository, "rev-parse", "--abbrev-ref", "HEAD").strip() == "main"
    assert _git(repository, "status", "--porcelain") == ""  # the editor wrote only to its branches
    for branch in (f"cms/berita/{SLUG}", "cms/produk-sintang/kain-kebat",
                   "cms/berita-en/2011-12-30-buku-katanya-menggugat-dan-aku-dalam-gerak"):
        _git(repository, "-c", "user.name=Reviewer", "-c", "user.email=r@example.org", "merge", "-q", "--no-ff",
             "-m", f"Merge {branch}", branch)
    post = (repository / POST).read_text("utf-8")
    assert post.startswith(f"---\ntitle: Pameran tenun di Pontianak\ndate: {TODAY:%Y-%m-%d}\n"), post
    assert "\n<!-- more -->\n" in post
    assert "![Kain ikat di meja pameran](../../assets/unggahan/foto-pameran.jpg)" in post
    assert (repository / PHOTO).read_bytes() == photo.read_bytes()
    translation = (repository / TRANSLATION).read_text("utf-8")
    assert translation.startswith("---\ntitle: Two books of JarPUK reflections launched in Solo\n---\n"), translation
    assert "original" not in translation
    check = subprocess.run([sys.executable, str(ROOT / "scripts/check.py"), "--root", str(repository)],
                           capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    build = build_site(repository, tmp_path / "built")
    assert build.returncode == 0, build.stderr
    assert (tmp_path / f"built/berita/{TODAY:%Y/%m/%d}/pameran-tenun-di-pontianak/index.html").is_file()
    english = tmp_path / "built/en/news/2011-12-30-buku-katanya-menggugat-dan-aku-dalam-gerak/index.html"
    assert "Two books by the JarPUK networks of Java" in english.read_text("utf-8")
