"""The catalogue finder (/produk/cari/) and the header search (issue 26):
prices as the product pages write them, in both languages."""

from __future__ import annotations

import gzip
import json

import pytest

from conftest import ARTIFACTS, ROOT


# -- what Pagefind indexes -----------------------------------------------------


@pytest.fixture(scope="module")
def catalog():
    from asppuk.catalog import load_catalog

    catalog, problems = load_catalog(ROOT / "products")
    assert not problems
    return catalog


def index_of(catalog, language_code: str, jarpuk: str, product: str) -> tuple[dict, dict, str]:
    from asppuk.catalog.pages import CatalogPages
    from asppuk.languages import ENGLISH, INDONESIAN

    language = {"id": INDONESIAN, "en": ENGLISH}[language_code]
    pages = CatalogPages(catalog, language=language)
    found = next(p for p in catalog.products if p.jarpuk.id == jarpuk and p.id == product)
    data = pages.search_index_data(found)
    return dict(data["filters"]), dict(data["meta"]), pages.price(found)


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
