"""Pagefind search in real Chromium: words, Indonesian inflections, filters in the URL, stories."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def header_search(page, query: str) -> list[str]:
    page.goto("/")
    page.locator("label.md-header__button[for=__search]").click()
    page.locator(".md-search__input").fill(query)
    page.wait_for_selector(".md-search-result__item")
    return [a.get_attribute("href") for a in page.locator(".md-search-result__item a").all()]


def test_no_search_index_is_loaded_until_a_visitor_searches(page):
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    page.goto("/produk/sintang/kain-kebat/")
    page.wait_for_load_state("networkidle")
    assert not [u for u in requested if "pagefind" in u or "search_index" in u]


def test_product_word_finds_the_product(page):
    urls = header_search(page, "songket")
    assert "/produk/sambas/kain-songket-sambas/" in urls
    first = page.locator(".md-search-result__item").first
    assert "Rp" in page.locator(".md-search-result").inner_text()
    assert first.is_visible()


def finder_search(page, query: str) -> list[str]:
    page.goto(f"/produk/cari/?q={query}")
    page.wait_for_selector(".puk-finder__results li")
    return [a.get_attribute("href") for a in page.locator(".puk-finder__results a").all()]


@pytest.mark.parametrize("query", ["menenun", "tenunan"])
def test_inflected_indonesian_form_finds_the_product(page, query):
    # me- prefix and -an suffix both reduce to "tenun"; the page only says "tenun"
    assert "/produk/sintang/kain-kebat/" in finder_search(page, query)


def test_story_found_by_producer_name(page):
    assert "/cerita/pada-kerja-kami-percaya/budiana/" in header_search(page, "Budiana")


def test_two_filters_narrow_the_list_and_the_url_reproduces_it(page):
    page.goto("/produk/cari/")
    page.wait_for_selector(".puk-finder__results li")
    count = lambda: page.locator(".puk-finder__results > li").count()  # noqa: E731
    assert count() == 15
    toggle = page.get_by_role("button", name="Saring")
    assert toggle.get_attribute("aria-expanded") == "false"  # filters collapsed on a phone
    assert not page.locator('[data-filter="kategori"] input[value="Tenun"]').is_visible()
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true"
    page.locator('[data-filter="kategori"] input[value="Tenun"]').check()
    page.wait_for_function("() => document.querySelectorAll('.puk-finder__results > li').length === 6")
    page.locator('[data-filter="wilayah"] input[value="Kalimantan"]').check()
    page.wait_for_function("() => document.querySelectorAll('.puk-finder__results > li').length === 5")
    url = page.url
    assert "kategori=Tenun" in url and "wilayah=Kalimantan" in url
    page.goto(url)
    page.wait_for_function("() => document.querySelectorAll('.puk-finder__results > li').length === 5")
    assert page.locator('[data-filter="wilayah"] input[value="Kalimantan"]').is_checked()
    assert page.locator(".puk-finder__count").inner_text() == "5 produk"
    assert page.get_by_role("button", name="Saring (2 dipilih)").count() == 1  # the button says how many
    page.get_by_role("button", name="Saring (2 dipilih)").click()
    # works on a 360 px screen without sideways scrolling, and by keyboard
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.locator('[data-filter="wilayah"] input[value="Kalimantan"]').focus()
    page.keyboard.press("Space")
    page.wait_for_function("() => document.querySelectorAll('.puk-finder__results > li').length === 6")
    # focus stays on the filter just toggled, and the counts are those of the new list
    assert page.evaluate("document.activeElement.value") == "Kalimantan"
    label = page.locator('[data-filter="wilayah"] label', has_text="Kalimantan").inner_text()
    assert " ".join(label.split()) == "Kalimantan (5)"


def test_keyword_and_filter_together(page):
    page.goto("/produk/cari/?q=abon&harga=Di+bawah+Rp+50.000")
    page.wait_for_function("() => document.querySelectorAll('.puk-finder__results > li').length === 2")
    names = page.locator(".puk-finder__results .puk-card__name").all_inner_texts()
    assert sorted(names) == ['Abon ikan tuna "Manis ee"', 'Abon ikan tuna pedas']
