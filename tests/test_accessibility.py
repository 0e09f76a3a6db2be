"""Every kind of page works for a phone, a keyboard and a screen reader (Chromium).

axe-core (bundled in axe-playwright-python, no network) finds no serious or
critical violation on one page of every kind at 360 and 1280 px; the first
Tab reaches a visible skip link; nothing off-screen takes focus; the paths a
buyer takes are walked with the keyboard alone.
"""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from test_security import PAGE_KINDS

from conftest import ARTIFACTS

pytestmark = pytest.mark.browser


def serious(page) -> list[str]:
    results = Axe().run(page).response["violations"]
    return [f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}"
            for v in results if v["impact"] in ("serious", "critical")]


@pytest.mark.parametrize("width", [360, 1280])
def test_no_serious_violation_and_a_skip_link_first_on_every_page_kind(page, width):
    page.set_viewport_size({"width": width, "height": 740})
    found: dict[str, list[str]] = {}
    for url in PAGE_KINDS:
        page.goto(url)
        page.wait_for_load_state("networkidle")
        problems = serious(page)
        page.keyboard.press("Tab")
        first = page.evaluate("""() => { const e = document.activeElement, r = e.getBoundingClientRect();
            return {skip: e.matches('a.md-skip'), visible: r.width > 0 && r.height > 0 && r.top >= 0 && r.left >= 0,
                    target: e.getAttribute('href')} }""")
        if not (first["skip"] and first["visible"]):
            problems.append(f"first Tab: {first}")
        elif not page.evaluate(f"!!document.getElementById(decodeURIComponent({first['target'][1:]!r}))"):
            problems.append(f"skip link leads nowhere: {first['target']}")
        if problems:
            found[url] = problems
    assert found == {}


def test_nothing_off_screen_takes_focus_on_a_phone(page):
    for url in ("produk/sintang/kain-kebat/", "tentang/", "produk/cari/", "berita/"):
        page.goto(url)
        page.wait_for_load_state("networkidle")
        for _ in range(25):
            page.keyboard.press("Tab")
            where = page.evaluate("""() => { const e = document.activeElement, r = e.getBoundingClientRect();
                return [e.outerHTML.slice(0, 80), r.left, r.right, r.width, r.height,
                        getComputedStyle(e).visibility] }""")
            html, left, right, w, h, visibility = where
            assert w > 0 and h > 0 and visibility == "visible", (url, html)
            assert left >= -1 and right <= 361, (url, html, left, right)


def test_menu_and_search_open_from_the_keyboard_and_escape_returns_focus(page):
    page.goto("produk/sintang/kain-kebat/")
    menu = page.get_by_role("button", name="Menu")
    menu.focus()
    page.keyboard.press("Enter")
    assert menu.get_attribute("aria-expanded") == "true"
    page.wait_for_function("() => document.activeElement.closest('.md-sidebar--primary') !== null")
    page.keyboard.press("Escape")
    assert menu.get_attribute("aria-expanded") == "false"
    assert page.evaluate("document.activeElement.getAttribute('data-puk-opens')") == "drawer"
    search = page.get_by_role("button", name="Cari")
    search.focus()
    page.keyboard.press(" ")
    page.wait_for_function("() => document.activeElement.matches('.md-search__input')")
    page.keyboard.press("Escape")
    assert page.evaluate("document.activeElement.getAttribute('data-puk-opens')") == "search"
    assert not page.evaluate("document.getElementById('__search').checked")


def tab_to(page, matches: str, limit: int = 40) -> int:
    """Press Tab until the focused element matches the CSS selector; returns the count."""
    for count in range(1, limit + 1):
        page.keyboard.press("Tab")
        if page.evaluate(f"document.activeElement.matches({matches!r})"):
            return count
    raise AssertionError(f"{matches} not reached in {limit} Tabs")


def test_keyboard_search_to_a_result(page):
    page.goto("/")
    tab_to(page, "[data-puk-opens=search]")
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.activeElement.matches('.md-search__input')")
    page.keyboard.type("songket")
    page.wait_for_selector(".md-search-result__item a")
    tab_to(page, ".md-search-result__item a", limit=5)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/produk/" in page.url and "songket" in page.locator("h1").inner_text().lower()


def test_keyboard_finder_filter_keeps_focus(page):
    page.goto("produk/cari/")
    page.wait_for_selector(".puk-finder__results > li")
    tab_to(page, ".puk-finder__toggle")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.matches('.puk-finder__filters input')")
    tab_to(page, 'input[value="Tenun"]', limit=10)
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"  # visible focus
    page.keyboard.press("Space")
    page.wait_for_function("() => document.querySelectorAll('.puk-finder__results > li').length === 6")
    assert page.evaluate("document.activeElement.value") == "Tenun"
    assert page.locator(".puk-finder__toggle").inner_text().strip() == "Saring (1 dipilih)"


def test_keyboard_product_page_to_whatsapp_and_the_inquiry_list(page):
    page.goto("produk/sintang/kain-kebat/")
    steps = tab_to(page, "a.puk-contact__whatsapp")
    assert steps <= 10  # the first thing a buyer wants, near the top of the Tab order
    assert page.evaluate("document.activeElement.getAttribute('href')").startswith("https://wa.me/")
    tab_to(page, "button.puk-inquiry-add", limit=5)
    page.keyboard.press("Enter")
    tab_to(page, "[data-puk-inquiry-link]", limit=3)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/produk/daftar-tanya/")
    assert page.locator(".puk-inquiry__group").count() == 1


def test_finder_shows_results_in_the_first_screen_and_a_half_without_shifting(page):
    page.add_init_script("""window.__shift = 0; new PerformanceObserver(list => { for (const e of list.getEntries())
        if (!e.hadRecentInput) window.__shift += e.value }).observe({type: 'layout-shift', buffered: true});""")
    page.goto("produk/cari/")
    page.wait_for_selector(".puk-finder__results > li")
    page.wait_for_load_state("networkidle")
    first = page.locator(".puk-finder__results > li").first.bounding_box()
    assert first["y"] < 740 * 1.5
    assert page.evaluate("window.__shift") < 0.1
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "mobile-finder.png"))


def test_chart_text_is_legible_and_unclipped_on_a_phone(page):
    for url in ("angka/", "laporan/2011/"):
        page.goto(url)
        texts = page.evaluate("""() => [...document.querySelectorAll('.asppuk-chart__svg')].flatMap(svg => {
            const box = svg.getBoundingClientRect(), scale = box.width / svg.viewBox.baseVal.width;
            return [...svg.querySelectorAll('text')].map(t => { const b = t.getBBox();
                return {text: t.textContent, px: parseFloat(getComputedStyle(t).fontSize) * scale,
                        left: b.x, right: b.x + b.width, width: svg.viewBox.baseVal.width} }) })""")
        assert texts
        for t in texts:
            assert t["px"] >= 12, (url, t)
            assert t["left"] >= 0 and t["right"] <= t["width"] + 0.5, (url, t)
        # the table is there for screen readers and for the figures, behind one click
        page.locator(".asppuk-chart__data summary").first.click()
        assert page.locator(".asppuk-chart__table").first.is_visible()


def test_print_catalogue_fills_a4_pages(page):
    page.goto("jarpuk/padang/katalog/")  # six products
    pdf = page.pdf(prefer_css_page_size=True, print_background=True)
    assert len(re.findall(rb"/Type\s*/Page(?!s)", pdf)) == 1  # one A4 page, not three
    captions = page.locator(".puk-print__qr figcaption").all_inner_texts()
    assert len(captions) == 6 and all("www.asppuk.or.id/produk/padang/" in " ".join(c.split()).replace("/ ", "/")
                                      for c in captions)


def test_logo_is_drawn_inline_like_the_favicon():
    from conftest import ROOT

    inline = (ROOT / "plugins/asppuk/mkdocs_theme/templates/partials/logo.html").read_text("utf-8")
    favicon = (ROOT / "content/assets/logo.svg").read_text("utf-8")
    shapes = lambda text: re.findall(r"<(?:rect|path)[^>]*/>", text)  # noqa: E731
    assert shapes(inline) == shapes(favicon) and len(shapes(inline)) == 5


def test_the_interface_speaks_the_pages_language(site):
    """Indonesian pages in Indonesian, English pages (under en/) in English, Material's words included."""
    english = ["Made with", "Permanent link", 'aria-label="Header"', 'aria-label="Footer"', "404 - Not found",
               "Skip to content", "Back to top", "Copy to clipboard", "Table of contents"]
    indonesian = ["Lewati ke isi", "Kembali ke atas", "Kepala halaman", "Daftar isi", "Remah roti", "Pesan atau tanya",
                  "Keterangan untuk pembeli", "Tambah ke daftar tanya", "Kirim pesan WhatsApp"]
    english_pages = 0
    for path in site.rglob("*.html"):
        if path.parts[-2:] == ("admin", "index.html"):
            continue
        html = path.read_text("utf-8")
        is_english = path.relative_to(site).parts[0] == "en"
        english_pages += is_english
        assert f'<html lang="{"en" if is_english else "id"}"' in html, path.relative_to(site)
        found = [phrase for phrase in (indonesian if is_english else english) if phrase in html]
        assert not found, (path.relative_to(site), found)
    assert english_pages > 30
    assert "Halaman tidak ditemukan" in (site / "404.html").read_text("utf-8")
