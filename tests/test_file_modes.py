"""Every file of the built site can be served by a web server running as
another user: files 0644, folders 0755, whatever the build's umask or the
0600 that tempfile.mkstemp gives (the site hard-links cached files, so a
cached file's mode is the published one's)."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from images import photo

from conftest import copy_project

FILE, FOLDER = 0o644, 0o755


def wrong_modes(root: Path) -> list[str]:
    """Every file and folder under root (root too) whose mode is not 0644 or 0755."""
    wrong = []
    for folder, dirs, files in os.walk(root):
        for path in [Path(folder, name) for name in dirs + files] + ([root] if folder == str(root) else []):
            mode = path.lstat().st_mode
            expected = FOLDER if stat.S_ISDIR(mode) else FILE
            if not stat.S_ISLNK(mode) and stat.S_IMODE(mode) != expected:
                wrong.append(f"{path.relative_to(root)} {oct(stat.S_IMODE(mode))}")
    return wrong


@pytest.fixture
def umask():
    """Sets this process's umask for the test, and restores it."""
    previous = os.umask(0o022)
    yield os.umask
    os.umask(previous)


def test_the_site_built_under_umask_077_is_readable_by_everyone(tmp_path):
    project = copy_project(tmp_path / "project")
    # a photo too: the photo pipeline writes its own files
    product = project / "products/sintang/kain-kebat.yml"
    product.write_text(product.read_text("utf-8") + "images:\n  - images/depan.jpg\n", "utf-8")
    (project / "products/sintang/images").mkdir()
    (project / "products/sintang/images/depan.jpg").write_bytes(photo(1600, 1200))
    assert not (project / ".cache").exists()  # a cold cache of its own (caches live beside mkdocs.yml and the cwd)
    site = tmp_path / "site"
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(project / "mkdocs.yml"),
         "-d", str(site)],
        capture_output=True, text=True, cwd=project, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        preexec_fn=lambda: os.umask(0o077),
    )
    assert result.returncode == 0, result.stderr
    # what a web server has to read: pages, cards, photos, exports, the xlsx template, Pagefind, the editor
    for part in ("produk/sintang/kain-kebat/index.html", "produk/katalog.json", "produk/katalog.csv",
                 "produk/template-produk.xlsx", "pagefind", "admin/index.html", "admin/config.yml"):
        assert (site / part).exists(), part
    assert list(site.rglob("*.webp")) and list(site.rglob("*.jpg"))
    assert wrong_modes(site) == []


def test_a_preview_card_is_cached_readable_by_everyone(tmp_path, umask):
    from asppuk.images.card import CardText, cached_card

    umask(0o022)
    path, drawn = cached_card(tmp_path, CardText("Kain", "Rp 1", "Ani · JarPUK Desa"), None, None)
    assert drawn and stat.S_IMODE(path.stat().st_mode) == FILE


def test_a_cached_photo_is_readable_by_everyone_whatever_the_umask(tmp_path, umask):
    from asppuk.images.pipeline import ImageCache

    umask(0o077)
    cache = ImageCache(tmp_path)
    data = photo(1000, 800)
    rendition = cache.store(cache.key(data), data)
    assert [stat.S_IMODE(os.stat(v.path).st_mode) for v in rendition.variants] == [FILE, FILE]


def test_qr_codes_are_cached_readable_by_everyone(tmp_path, umask):
    from asppuk.catalog import qr

    umask(0o022)
    cache_file = tmp_path / "qr" / "codes.json"
    qr.qr_codes(["https://www.asppuk.or.id/produk/"], cache_file)
    assert stat.S_IMODE(cache_file.stat().st_mode) == FILE


def test_a_site_built_before_keeps_no_private_file(tmp_path, umask):
    """A cache written by an older build (cards 0600) or a site folder left
    from one: the build makes every file public again."""
    from asppuk.filemodes import make_public

    umask(0o022)
    tmp_path.chmod(0o700)  # the site folder
    (tmp_path / "produk").mkdir(mode=0o700)
    card = tmp_path / "card.jpg"
    card.write_bytes(b"x")
    card.chmod(0o600)
    os.link(card, tmp_path / "produk/card.jpg")  # the site's hard link to the cached card
    (tmp_path / "produk/index.html").write_text("<p>")
    (tmp_path / "produk/index.html").chmod(0o640)
    assert make_public(tmp_path) == 4
    assert wrong_modes(tmp_path) == []
    assert stat.S_IMODE(card.stat().st_mode) == FILE  # the cached card too: one file
    assert make_public(tmp_path) == 0
