"""The catalogue finder (/produk/cari/) and the header search (issue 26):
prices as the product pages write them, in both languages, and on a phone
the results one button away from any filter."""

from __future__ import annotations

import gzip
import json

import pytest
from test_accessibility import tab_to

from conftest import ARTIFACTS, ROOT, csp_violations, site_context

PHONE = {"width": 360, "height": 740}


# -- what Pagefind indexes -----------------------------------------------------


@pytest.fixture(scope="module")
def catalog():
    from asppuk.catalog import load_catalog

    catalog, problems = load_catalog(ROOT / "products")
    assert not problems
    return catalog


def index_of(catalog, language_code: str, jarpuk: str, product: str) -> tuple[dict, dict, str]:
    from asppuk.catalog.pages import CatalogPages
    from asppuk.catalog.search_filters import search_index_data
    from asppuk.languages import ENGLISH, INDONESIAN

    language = {"id": INDONESIAN, "en": ENGLISH}[language_code]
    pages = CatalogPages(catalog, language=language)
    found = next(p for p in catalog.products if p.jarpuk.id == jarpuk and p.id == product)
    data = search_index_data(pages.card(found), pages.words, pages.site_url)
    return dict(data["filters"]), dict(data["meta"]), pages.words.price(found)


def test_english_index_text_keeps_the_thousands_separators(catalog):
    filters, meta, shown = index_of(catalog, "en", "sintang", "kain-kebat")
    assert meta["harga"] == "IDR 750,000 – IDR 1,500,000" == shown  # as the product page writes it
    assert filters["harga"] == "IDR 250,000 – 1,000,000"
    filters, meta, shown = index_of(catalog, "en", "sambas", "kain-songket-sambas")
    assert meta["harga"] == "IDR 1,250,000 – IDR 3,500,000" == shown
    assert filters["harga"] == "IDR 1,000,000 and above"


def test_indonesian_index_text_is_the_product_pages(catalog):
    filters, meta, shown = index_of(catalog, "id", "sintang", "kain-kebat")
    assert meta["harga"] == "Rp 750.000 – Rp 1.500.000" == shown
    assert filters["harga"] == "Rp 250.000 – 1.000.000"
    assert meta["jarpuk"] == "Rupina · JarPUK Sintang"


def fragments(site) -> dict[str, dict]:
    """What Pagefind stored of each page, by URL (its fragments: gzip, a
    signature, then JSON)."""
    found = {}
    for path in (site / "pagefind" / "fragment").iterdir():
        data = gzip.decompress(path.read_bytes())
        fragment = json.loads(data[data.index(b"{"):])
        found[fragment["url"]] = fragment
    return found


def test_pagefind_keeps_commas_inside_a_value(site):
    # the product page writes each pair as data-pagefind-*="key:value";
    # Pagefind splits on commas only before the first colon
    stored = fragments(site)["/en/products/sambas/kain-songket-sambas/"]
    assert stored["meta"]["harga"] == "IDR 1,250,000 – IDR 3,500,000"
    assert stored["filters"]["harga"] == ["IDR 1,000,000 and above"]
    assert stored["meta"]["jarpuk"] == "Ibu Budiana · JarPUK Sambas"
    assert fragments(site)["/produk/sintang/kain-kebat/"]["meta"]["harga"] == "Rp 750.000 – Rp 1.500.000"


# -- in the browser --------------------------------------------------------------


@pytest.fixture(autouse=True)
def artifacts():
    ARTIFACTS.mkdir(exist_ok=True)


def product_price(page, path: str) -> str:
    page.goto(path)
    return " ".join(page.locator(".puk-price").first.inner_text().split()[:5])


@pytest.mark.browser
def test_english_finder_and_header_search_write_prices_as_the_product_page(page):
    on_page = product_price(page, "en/products/sintang/kain-kebat/")
    assert on_page.startswith("IDR 750,000 – IDR 1,500,000")
    page.goto("en/products/search/?q=kebat")
    page.wait_for_selector(".puk-finder__results .puk-card__price")
    assert page.locator(".puk-finder__results .puk-card__price").all_inner_texts() == ["IDR 750,000 – IDR 1,500,000"]
    page.get_by_role("button", name="Filter").click()
    prices = page.locator('[data-filter="harga"] input').evaluate_all("boxes => boxes.map(b => b.value)")
    assert "IDR 1,000,000 and above" in prices and "IDR 250,000 – 1,000,000" in prices, prices
    assert not [p for p in prices if "·" in p]
    page.goto("en/products/")
    page.locator("label.md-header__button[for=__search]").click()
    page.fill("input.md-search__input", "kebat")
    page.wait_for_selector(".md-search-result__item .puk-result__meta")
    line = page.locator(".md-search-result__item .puk-result__meta").first.inner_text()
    assert line == "IDR 750,000 – IDR 1,500,000 · Rupina · JarPUK Sintang"
    page.screenshot(path=str(ARTIFACTS / "finder-header-search-en-360.png"))


@pytest.mark.browser
def test_indonesian_finder_prices_as_the_product_page(page):
    assert product_price(page, "produk/sintang/kain-kebat/").startswith("Rp 750.000 – Rp 1.500.000")
    page.goto("produk/cari/?q=kebat")
    page.wait_for_selector(".puk-finder__results .puk-card__price")
    assert page.locator(".puk-finder__results .puk-card__price").all_inner_texts() == ["Rp 750.000 – Rp 1.500.000"]


def in_viewport(page, selector: str) -> bool:
    """The element's box lies wholly on the screen, below Material's header."""
    return page.evaluate("""selector => {
        const r = document.querySelector(selector).getBoundingClientRect();
        const header = document.querySelector('.md-header').getBoundingClientRect().bottom;
        return r.height > 0 && r.top >= header && r.bottom <= innerHeight }""", selector)


FIRST = ".puk-finder__results > li"


@pytest.mark.browser
@pytest.mark.parametrize("group, value, n", [("kategori", "Tenun", 6), ("ketersediaan", "Pre-order", 3)])
def test_on_a_phone_one_button_after_a_filter_leads_to_the_results(page, group, value, n):
    page.goto("produk/cari/")
    page.wait_for_selector(FIRST)
    page.get_by_role("button", name="Saring").click()
    box = page.locator(f'[data-filter="{group}"] input[value="{value}"]')
    box.check()  # Playwright scrolls to it first, as a visitor would
    # the count line, a live region, says how many; the button says it too
    status = page.get_by_role("status")
    page.wait_for_function(f"() => document.querySelector('.puk-finder__count').textContent === '{n} produk'")
    assert status.inner_text() == f"{n} produk"
    show = page.get_by_role("button", name=f"Lihat {n} hasil")
    show.wait_for()
    assert page.evaluate("document.activeElement.value") == value  # ticking keeps focus on the box
    assert not in_viewport(page, FIRST)  # the results are under the open filters...
    assert in_viewport(page, ".puk-finder__show")  # ...and the button is on the screen
    page.screenshot(path=str(ARTIFACTS / f"finder-360-filter-{group}.png"))
    show.click()
    page.wait_for_function("() => document.activeElement.matches('.puk-finder__results')")
    assert in_viewport(page, FIRST)
    assert page.get_by_role("button", name="Saring (1 dipilih)").get_attribute("aria-expanded") == "false"
    assert page.locator(FIRST).count() == n
    page.screenshot(path=str(ARTIFACTS / f"finder-360-results-{group}.png"))


@pytest.mark.browser
def test_on_a_phone_the_keyboard_reaches_the_results_through_the_button(page):
    page.goto("produk/cari/")
    page.wait_for_selector(FIRST)
    tab_to(page, ".puk-finder__toggle")
    page.keyboard.press("Enter")
    tab_to(page, 'input[value="Kalimantan"]', limit=10)
    page.keyboard.press("Space")
    page.wait_for_function("() => document.querySelector('.puk-finder__count').textContent === '5 produk'")
    tab_to(page, ".puk-finder__show")
    assert in_viewport(page, ".puk-finder__show")
    assert page.evaluate("document.activeElement.textContent") == "Lihat 5 hasil"
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.activeElement.matches('.puk-finder__results')")
    assert in_viewport(page, FIRST)
    # the list is named and described by the count; the next Tab is the first result
    assert page.evaluate("document.activeElement.getAttribute('aria-describedby')") == "puk-finder-count"
    page.keyboard.press("Tab")
    assert page.evaluate(f"document.activeElement === document.querySelector('{FIRST} a')")


@pytest.mark.browser
def test_english_button_says_see_n_results(page):
    page.goto("en/products/search/")
    page.wait_for_selector(FIRST)
    page.get_by_role("button", name="Filter").click()
    page.locator('[data-filter="harga"] input[value="IDR 1,000,000 and above"]').check()
    page.get_by_role("button", name="See 1 result").click()
    page.wait_for_function("() => document.activeElement.matches('.puk-finder__results')")
    assert in_viewport(page, FIRST)
    assert page.locator(".puk-finder__results .puk-card__price").all_inner_texts() == ["IDR 1,250,000 – IDR 3,500,000"]


@pytest.mark.browser
def test_on_a_wide_screen_filters_stay_beside_the_results(browser, server):
    context = site_context(browser, server, viewport={"width": 1280, "height": 740})
    violations = csp_violations(context)
    page = context.new_page()
    try:
        page.goto("produk/cari/")
        page.wait_for_selector(FIRST)
        assert not page.locator(".puk-finder__toggle").is_visible()
        filters = page.locator(".puk-finder__filters").bounding_box()
        first = page.locator(FIRST).first.bounding_box()
        assert filters["x"] + filters["width"] <= first["x"]  # a column to the left
        assert in_viewport(page, FIRST)
        # a box at the foot of the column (taller than the screen, it scrolls
        # on its own): the results stay beside it, most of the first card in
        # view (before, the page scrolled them all away)
        page.locator(".puk-finder__filters input").first.focus()  # from the column's first box on
        tab_to(page, '[data-filter="ketersediaan"] input[value="Pre-order"]', limit=30)
        page.keyboard.press("Space")
        page.wait_for_function("() => document.querySelector('.puk-finder__count').textContent === '3 produk'")
        assert not page.locator(".puk-finder__show").is_visible()  # nothing to lead back to
        assert page.evaluate("document.activeElement.value") == "Pre-order"
        seen = page.evaluate("""selector => {
            const r = document.querySelector(selector).getBoundingClientRect();
            const header = document.querySelector('.md-header').getBoundingClientRect().bottom;
            return (Math.min(r.bottom, innerHeight) - Math.max(r.top, header)) / r.height }""", FIRST)
        assert seen > 0.5, seen
        page.screenshot(path=str(ARTIFACTS / "finder-1280-filter.png"))
        assert not violations
    finally:
        context.close()


@pytest.mark.browser
def test_without_javascript_the_button_never_shows(browser, server):
    context = site_context(browser, server, viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto("produk/cari/")
        assert not page.locator(".puk-finder__show").is_visible()
        assert page.locator(".puk-finder__listings a").count() > 0  # the listings stand in
    finally:
        context.close()
