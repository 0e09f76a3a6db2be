"""UI behaviour in real Chromium (Debian's package), driven by Playwright."""

from __future__ import annotations

import pytest

from conftest import ARTIFACTS

pytestmark = pytest.mark.browser

TABS = ["Beranda", "Produk", "Cerita", "Berita", "Laporan", "Tentang"]


def test_home_page_loads_without_outside_requests(page):
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    response = page.goto("/")
    assert response.status == 200
    assert page.title() == "Beranda - ASPPUK"
    assert page.locator("h1").first.inner_text().rstrip("¶") == "Perempuan usaha kecil, kuat dan mandiri"
    page.wait_for_load_state("networkidle")
    assert page.external_requests == []
    assert errors == []


def test_every_top_tab_opens(page):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto("/")
    tabs = page.locator(".md-tabs__link")
    assert [t.strip() for t in tabs.all_inner_texts()] == TABS
    for name in TABS:
        page.goto("/")
        page.locator(".md-tabs__link", has_text=name).click()
        page.wait_for_load_state("domcontentloaded")
        active = page.locator(".md-tabs__item--active .md-tabs__link")
        assert active.inner_text().strip() == name, page.url
        assert page.locator("h1").count() >= 1


def test_mobile_screenshots(page):
    ARTIFACTS.mkdir(exist_ok=True)
    for name, url in [("home", "/"), ("catalogue", "/produk/"), ("product", "/produk/sintang/kain-kebat/")]:
        page.goto(url)
        assert page.viewport_size == {"width": 360, "height": 740}
        # Nothing wider than the phone screen: no sideways scrolling
        assert page.evaluate("document.documentElement.scrollWidth") <= 360, url
        path = ARTIFACTS / f"mobile-{name}.png"
        page.screenshot(path=str(path), full_page=True)
        assert path.stat().st_size > 10_000


def test_catalogue_to_category_to_product(page):
    page.goto("/produk/")
    page.get_by_role("link", name="Tenun").first.click()
    assert page.url.endswith("/produk/kategori/tenun/")
    assert page.locator("h1").inner_text() == "Tenun"
    page.get_by_role("link", name="Kain kebat tenun ikat Dayak").click()
    assert page.url.endswith("/produk/sintang/kain-kebat/")
    whatsapp = page.locator("a.puk-contact__whatsapp")
    assert whatsapp.get_attribute("href").startswith("https://wa.me/6281200000101?text=")
    # The catalogue tab is lit while a product is shown
    page.set_viewport_size({"width": 1280, "height": 800})
    assert page.locator(".md-tabs__item--active").inner_text().strip() == "Produk"


def test_story_book_walks_by_next_links(page):
    page.goto("/cerita/pada-kerja-kami-percaya/")
    page.locator("ol.asppuk-stories a").first.click()
    titles = [page.locator("h1").inner_text()]
    while page.locator('a[rel="next"]').count():
        page.locator('a[rel="next"]').click()
        titles.append(page.locator("h1").inner_text())
    assert len(titles) == 4
    assert titles[0].startswith("Rupina")
