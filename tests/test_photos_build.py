"""Built product pages: WebP <img> with srcset, real files, privacy, preview cards, and lazy loading in Chromium."""

from __future__ import annotations

import functools
import http.server
import re
import threading
from pathlib import Path

import pytest
from images import photo
from PIL import Image
from test_build import MINI_MKDOCS, read

from conftest import MINI, build_site, write_tree

PHOTO_PRODUCT = MINI["desa/kain.yml"] + (
    "images:\n"
    "  - src: images/depan.jpg\n    alt: Kain merah dilihat dari depan\n"
    "  - images/belakang.jpg\n"
    "  - images/detail.png\n"
)


@pytest.fixture(scope="module")
def photo_site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("photos")
    write_tree(root, {"mkdocs.yml": MINI_MKDOCS, "content/index.md": "# Beranda\n"})
    write_tree(root / "products", {**MINI, "desa/kain.yml": PHOTO_PRODUCT})
    write_tree(root / "products/desa/images", {
        "depan.jpg": photo(3000, 2000, gps=True, orientation=6, comment=b"rumah"),
        "belakang.jpg": photo(1600, 1200, gps=True),
        "detail.png": photo(700, 500, mode="RGBA", fmt="PNG"),
    })
    result = build_site(root, root / "site")
    assert result.returncode == 0, result.stderr
    return root / "site"


def test_photos_point_at_real_files(photo_site):
    html = read(photo_site, "produk/desa/kain")
    pictures = re.findall(r'<img class="puk-product__image"[^>]*>', html)
    assert len(pictures) == 3
    first = pictures[0]
    assert 'alt="Kain merah dilihat dari depan"' in first
    assert 'fetchpriority="high"' in first and 'loading="lazy"' not in first
    assert all('loading="lazy"' in p for p in pictures[1:])
    assert 'alt="Kain"' in pictures[1]  # no alt given: the product name
    page_dir = photo_site / "produk/desa/kain"
    for picture in pictures:
        assert ".jpg" not in picture  # WebP only
        width, height = map(int, re.search(r'width="(\d+)" height="(\d+)"', picture).groups())
        src = re.search(r' src="([^"]+)"', picture).group(1)
        assert Image.open(page_dir / src).size == (width, height)
        for url, w in re.findall(r"([^\s,\"]+) (\d+)w", picture):
            assert Image.open(page_dir / url).width == int(w), url
    # sideways phone photo is upright: portrait
    width, height = map(int, re.search(r'width="(\d+)" height="(\d+)"', first).groups())
    assert width < height


def test_no_photo_metadata_anywhere(photo_site):
    images = [p for p in photo_site.rglob("*") if p.suffix.lower() in (".jpg", ".jpeg", ".webp", ".png")]
    assert len(images) >= 7  # three photos at two widths, and the card
    for path in images:
        with Image.open(path) as im:
            assert not im.getexif(), path
            assert not set(im.info) & {"exif", "xmp", "comment", "icc_profile"}, path
        assert b"rumah" not in path.read_bytes()
    # the sources themselves are never copied into the site
    assert not list(photo_site.rglob("depan.jpg"))


def test_social_preview_card(photo_site):
    html = read(photo_site, "produk/desa/kain")
    image = re.search(r'<meta property="og:image" content="https://contoh.example/([^"]+)"', html).group(1)
    with Image.open(photo_site / image) as card:
        assert card.size == (1200, 630) and card.format == "JPEG"
    for meta in ('<meta property="og:image:width" content="1200">', '<meta property="og:image:height" content="630">',
                 '<meta property="og:image:type" content="image/jpeg">',
                 '<meta property="og:image:alt" content="Kain: Rp 750.000, Ani · JarPUK Desa, Jawa Tengah">'):
        assert meta in html, meta
    assert '<meta name="twitter:card" content="summary_large_image">' in html
    assert '<meta name="twitter:image:alt" content="Kain: Rp 750.000, Ani · JarPUK Desa, Jawa Tengah">' in html
    # X's own tags too (issue 26 asks for them: some clients read only those), said once each
    for name in ("title", "description", "image"):
        assert len(re.findall(f'name="twitter:{name}"', html)) == 1, name
    assert f'<meta name="twitter:image" content="https://contoh.example/{image}">' in html
    assert '<meta property="og:url" content="https://contoh.example/produk/desa/kain/">' in html


def test_listing_uses_small_thumbnails(photo_site):
    html = read(photo_site, "produk/kategori/tenun")
    card = re.search(r'<li class="puk-card">.*?</li>', html, re.S).group(0)
    assert 'loading="lazy"' in card
    assert "960" not in card  # thumbnails stop at 480 px


@pytest.mark.browser
def test_first_photo_loads_and_later_ones_are_lazy(browser, photo_site):
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(photo_site))
    handler.log_message = lambda *a: None
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        context = browser.new_context(viewport={"width": 360, "height": 740})
        page = context.new_page()
        requested: list[str] = []
        page.on("request", lambda r: requested.append(r.url))
        page.goto(f"http://127.0.0.1:{httpd.server_address[1]}/produk/desa/kain/")
        page.wait_for_load_state("load")
        first = page.locator("img.puk-product__image").first
        assert first.evaluate("img => img.complete && img.naturalWidth > 0")
        # with photos too, the way to order is on the first screen (issue 26): before the photos
        contact = page.locator(".puk-contact__links a").first.bounding_box()
        assert contact["y"] + contact["height"] <= 740, contact
        assert contact["y"] < first.bounding_box()["y"]
        # on a 360 px screen (1 device px per CSS px) the browser picks the 480 px WebP
        current = first.evaluate("img => img.currentSrc")
        assert current.endswith("/480.webp"), current
        photos = page.locator("img.puk-product__image")
        assert [photos.nth(i).evaluate("img => img.loading") for i in range(3)] == ["auto", "lazy", "lazy"]
        # and is never sent the 960 px variants
        assert not [r for r in requested if "/960." in r]
        # several photos: a scroll region a keyboard reaches and a screen reader names; axe finds
        # nothing serious in it, on a phone and on a wide screen (the whole page kinds are checked
        # on the sample site, whose palette this small project does not have)
        gallery = page.locator(".puk-product__photos--gallery")
        assert gallery.get_attribute("tabindex") == "0" and gallery.get_attribute("aria-label").startswith("Foto produk (3)")
        from axe_playwright_python.sync_playwright import Axe

        for width in (360, 1280):
            page.set_viewport_size({"width": width, "height": 800})
            violations = Axe().run(page, context=".puk-product__photos").response["violations"]
            assert [v["id"] for v in violations if v["impact"] in ("serious", "critical")] == []
        # the finder's cards show the photo as the listings do: a small WebP, in its own proportions
        page.set_viewport_size({"width": 360, "height": 740})
        page.goto(f"http://127.0.0.1:{httpd.server_address[1]}/produk/cari/")
        image = page.locator(".puk-finder__results picture img").first
        image.wait_for()
        image.scroll_into_view_if_needed()
        page.wait_for_function("() => document.querySelector('.puk-finder__results picture img').complete")
        current, natural, declared = image.evaluate(
            "img => [img.currentSrc, img.naturalWidth / img.naturalHeight, img.getAttribute('width') / img.getAttribute('height')]")
        assert current.endswith(".webp") and "/960." not in current, current
        assert abs(natural - declared) < 0.02
        context.close()
    finally:
        httpd.shutdown()


def test_unusable_photo_fails_the_build_at_its_line(tmp_path):
    write_tree(tmp_path, {"mkdocs.yml": MINI_MKDOCS, "content/index.md": "# Beranda\n"})
    write_tree(tmp_path / "products", {**MINI, "desa/kain.yml": PHOTO_PRODUCT})
    write_tree(tmp_path / "products/desa/images", {
        "depan.jpg": b"bukan foto", "belakang.jpg": photo(800, 600)[:3000], "detail.png": photo(700, 500, fmt="PNG"),
    })
    result = build_site(tmp_path, tmp_path / "site")
    assert result.returncode != 0
    assert "products/desa/kain.yml:9: foto `images/depan.jpg`: berkas ini bukan foto" in result.stderr
    assert "products/desa/kain.yml:11: foto `images/belakang.jpg`: foto rusak atau terpotong" in result.stderr


def test_photos_and_cards_are_hard_links_to_the_cache(photo_site):
    """A warm build writes no image bytes: the site's photos and cards are the cache's files."""
    cache = photo_site.parent / ".cache" / "asppuk"
    cached = {(p.stat().st_ino, p.stat().st_dev) for p in cache.rglob("*") if p.suffix in (".webp", ".jpg")}
    images = [p for p in photo_site.rglob("*") if p.suffix in (".webp", ".jpg")]
    assert images and all((p.stat().st_ino, p.stat().st_dev) in cached for p in images)


def test_link_or_copy_falls_back_to_a_copy(tmp_path, monkeypatch):
    import os

    from asppuk.linkfiles import link_or_copy

    source = tmp_path / "cache.jpg"
    source.write_bytes(b"card")
    target = tmp_path / "site" / "a" / "card.jpg"
    assert link_or_copy(str(source), str(target)) is True and os.path.samefile(source, target)
    assert link_or_copy(str(source), str(target)) is True  # again, over the old link
    def no_links(*args):
        raise OSError(18, "Invalid cross-device link")
    monkeypatch.setattr(os, "link", no_links)
    other = tmp_path / "site" / "b" / "card.jpg"
    assert link_or_copy(str(source), str(other)) is False
    assert other.read_bytes() == b"card" and not os.path.samefile(source, other)
