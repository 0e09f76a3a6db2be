"""What buyers get: structured data, open exports, printable catalogue, inquiry list."""

from __future__ import annotations

import csv
import io
import json
import re
from urllib.parse import parse_qs, unquote, urlparse

import jsonschema
import pytest
from test_build import read

from asppuk.datafiles.schema import schema
from conftest import ARTIFACTS, MINI

MINI_PRODUCT = MINI["desa/kain.yml"]

SITE = "https://www.asppuk.or.id/"


def jsonld(html: str) -> list[dict]:
    """The page's structured data, but its breadcrumb (tests/test_seo.py checks that)."""
    found = [json.loads(m) for m in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)]
    return [data for data in found if data.get("@type") != "BreadcrumbList"]


def test_product_jsonld_has_what_search_engines_require(site):
    [data] = jsonld(read(site, "produk/sintang/kain-kebat"))
    assert data["@context"] == "https://schema.org" and data["@type"] == "Product"
    assert data["name"] == "Kain kebat tenun ikat Dayak"
    assert data["url"] == SITE + "produk/sintang/kain-kebat/"
    assert data["brand"] == {"@type": "Brand", "name": "JarPUK Sintang"}
    offer = data["offers"]
    assert offer["@type"] == "AggregateOffer"
    assert (offer["lowPrice"], offer["highPrice"], offer["priceCurrency"]) == (750000, 1500000, "IDR")
    assert offer["availability"] == "https://schema.org/MadeToOrder"
    assert data["image"][0].startswith(SITE + "assets/kartu/")

    [single] = jsonld(read(site, "produk/kupang/abon-tuna-manis-ee"))
    assert single["offers"]["@type"] == "Offer" and single["offers"]["price"] == 35000
    assert single["offers"]["availability"] == "https://schema.org/PreOrder"
    assert single["offers"]["eligibleQuantity"] == {"@type": "QuantitativeValue", "minValue": 10, "unitText": "toples"}


def test_jarpuk_jsonld_is_an_organization(site):
    [data] = jsonld(read(site, "jarpuk/lombok-tengah"))
    assert data["@type"] == "Organization" and data["name"] == "JarPUK Lombok Tengah"
    assert data["address"]["addressRegion"] == "Nusa Tenggara Barat"
    assert data["parentOrganization"]["name"] == "ASPPUK"


def test_open_graph_tags(site):
    html = read(site, "produk/sintang/kain-kebat")
    for prop in ("og:title", "og:description", "og:image", "og:url"):
        assert f'<meta property="{prop}" content="' in html, prop


def test_catalogue_json_export_follows_its_schema(site):
    document = json.loads((site / "produk/katalog.json").read_text("utf-8"))
    export_schema = json.loads((site / "produk/katalog.schema.json").read_text("utf-8"))
    assert export_schema == schema("export")
    jsonschema.Draft202012Validator(export_schema, format_checker=jsonschema.FormatChecker()).validate(document)
    assert document["version"] == "1.0" and document["count"] == len(document["products"]) == 15
    kebat = next(p for p in document["products"] if p["id"] == "sintang/kain-kebat")
    assert kebat["contact"] == {"name": "Sekretariat JarPUK Sintang", "phone": "+6281200000101",
                                "whatsapp": True, "email": None, "is_producer": False}
    assert kebat["producer"]["village"] is None  # Rupina did not consent


def test_catalogue_csv_opens_in_excel(site):
    raw = (site / "produk/katalog.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 byte-order mark for Excel
    # every field quoted: Excel in Indonesian splits on ";", which lists of materials contain
    assert b'"benang katun; pewarna alam"' in raw
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert len(rows) == 15
    abon = next(r for r in rows if r["id"] == "kupang/abon-tuna-manis-ee")
    assert abon["name"] == 'Abon ikan tuna "Manis ee"'
    assert abon["price"] == "35000"
    # a cell that starts with + (or = - @) is marked as text: no spreadsheet sums or runs it
    assert abon["contact_phone"] == "'+6281200000104"


def test_printable_catalogue(site):
    html = read(site, "jarpuk/padang/katalog")
    assert html.count('class="puk-print__item"') == 6
    assert html.count("<svg") >= 6  # a QR code per product
    assert "https://www.asppuk.or.id/produk/padang/rakik-maco/" in html
    assert "Rp 15.000" in html and "Pesanan minimum" in html
    css = (site / "assets/asppuk/catalog.css").read_text("utf-8")
    assert "@page { size: A4" in css and "@media print" in css


def test_qr_code_encodes_the_product_url():
    from asppuk.catalog.qr import qr_codes

    url = "https://www.asppuk.or.id/produk/padang/rakik-maco/"
    svg = qr_codes([url])[url]
    assert svg.startswith("<svg") and url in svg


def test_qr_codes_for_the_preview_do_not_replace_those_of_the_real_site(tmp_path, monkeypatch):
    from asppuk.catalog import qr

    real, local = "https://www.asppuk.or.id/", "http://127.0.0.1:8000/"
    build_file, serve_file = (qr.cache_for_site(tmp_path, "padang-id", site) for site in (real, local))
    assert build_file != serve_file and build_file == qr.cache_for_site(tmp_path, "padang-id", real)
    qr.qr_codes([real + "produk/padang/rakik-maco/"], build_file)  # `make build`
    qr.qr_codes([local + "produk/padang/rakik-maco/"], serve_file)  # then `make serve`
    made = []
    monkeypatch.setattr(qr, "qr_svg", lambda text: made.append(text) or "<svg></svg>")
    codes = qr.qr_codes([real + "produk/padang/rakik-maco/"], build_file)  # `make build` again
    assert made == [] and codes[real + "produk/padang/rakik-maco/"].startswith("<svg")


@pytest.mark.browser
def test_inquiry_list_adds_changes_persists_composes_and_clears(page):
    page.goto("/produk/sintang/kain-kebat/")
    add = page.locator(".puk-inquiry-add")
    assert add.inner_text() == "Tambah ke daftar tanya"
    add.click()
    assert add.inner_text() == "Sudah di daftar tanya"
    page.goto("/produk/kupang/abon-tuna-manis-ee/")
    page.locator(".puk-inquiry-add").click()
    assert page.locator("[data-puk-inquiry-count]").inner_text() == "2"
    page.locator("[data-puk-inquiry-link]").click()
    assert page.url.endswith("/produk/daftar-tanya/")

    qty = page.locator('tr[data-key="sintang/kain-kebat"] input')
    assert qty.input_value() == "1"
    assert page.locator('tr[data-key="kupang/abon-tuna-manis-ee"] input').input_value() == "10"  # minimum order
    qty.fill("3")
    qty.dispatch_event("change")
    page.reload()
    assert page.locator('tr[data-key="sintang/kain-kebat"] input').input_value() == "3"

    groups = page.locator(".puk-inquiry__group")
    assert groups.count() == 2
    wa = page.locator('[data-jarpuk="sintang"] .puk-inquiry__send-wa').get_attribute("href")
    parsed = urlparse(wa)
    assert (parsed.netloc, parsed.path) == ("wa.me", "/6281200000101")
    assert parse_qs(parsed.query)["text"][0] == (
        "Halo JarPUK Sintang, saya ingin menanyakan produk berikut dari katalog ASPPUK:\n"
        "1. Kain kebat tenun ikat Dayak — 3 lembar\n"
        "   https://www.asppuk.or.id/produk/sintang/kain-kebat/\n"
        "Mohon informasi harga, ketersediaan dan ongkos kirim. Terima kasih."
    )
    # the list links to the product on the site being looked at (here a local server), and says
    # which product each remove button removes
    link = page.locator('tr[data-key="sintang/kain-kebat"] a')
    assert link.get_attribute("href") == page.url.split("/produk/")[0] + "/produk/sintang/kain-kebat/"
    assert page.get_by_role("button", name="Hapus Kain kebat tenun ikat Dayak dari daftar tanya").count() == 1
    kupang_wa = page.locator('[data-jarpuk="kupang"] .puk-inquiry__send-wa').get_attribute("href")
    assert "abon-tuna-manis-ee" in unquote(kupang_wa) and "10 toples" in unquote(kupang_wa)
    email = page.locator('[data-jarpuk="kupang"] .puk-inquiry__send-email').get_attribute("href")
    assert email.startswith("mailto:jarpuk.kupang@example.org?subject=")

    page.locator(".puk-inquiry__clear").click()
    assert "masih kosong" in page.locator("[data-puk-inquiry]").inner_text()
    page.reload()
    assert "masih kosong" in page.locator("[data-puk-inquiry]").inner_text()


@pytest.mark.browser
def test_whatsapp_link_of_a_product_is_exactly_right(page):
    page.goto("/produk/kupang/abon-tuna-manis-ee/")
    href = page.locator("a.puk-contact__whatsapp").get_attribute("href")
    parsed = urlparse(href)
    assert (parsed.scheme, parsed.netloc, parsed.path) == ("https", "wa.me", "/6281200000104")
    assert parse_qs(parsed.query)["text"][0] == (
        'Halo, saya tertarik dengan produk Abon ikan tuna "Manis ee" dari KPUK Setia Kawan '
        "(JarPUK Kota Kupang) di katalog ASPPUK: https://www.asppuk.or.id/produk/kupang/abon-tuna-manis-ee/"
    )


def test_catalogue_csv_never_holds_a_live_formula(mini):
    from asppuk.catalog import load_catalog
    from asppuk.catalog.structured import write_catalog_csv
    from conftest import write_tree

    product = MINI_PRODUCT.replace("name: Kain", 'name: "=HYPERLINK(\\"http://x.example\\",\\"klik\\")"')
    product = product.replace("unit: lembar", 'unit: "@SUM(1)"') + 'size: "+cmd|\' /C calc\'!A0"\nmaterials: ["-2+3"]\n'
    write_tree(mini, {"desa/kain.yml": product})
    catalog, problems = load_catalog(mini)
    assert problems == []
    out = io.StringIO()
    write_catalog_csv(out, catalog, "https://contoh.example/")
    row = next(csv.DictReader(io.StringIO(out.getvalue().lstrip("\ufeff"))))
    assert row["name"] == "'=HYPERLINK(\"http://x.example\",\"klik\")"
    assert row["unit"] == "'@SUM(1)" and row["size"] == "'+cmd|' /C calc'!A0" and row["materials"] == "'-2+3"
    for value in row.values():
        assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), value


def test_quotes_in_a_name_stay_whole_in_meta_tags(site):
    html = read(site, "produk/kupang/abon-tuna-manis-ee")
    assert '<meta property="og:title" content="Abon ikan tuna &#34;Manis ee&#34;">' in html


# -- issue 26: what buyers see ---------------------------------------------------------------

def catalogue_pages(site) -> list[str]:
    """Every product and maker page of the sample, in both languages."""
    found = []
    for pattern in ("produk/*/*/index.html", "en/products/*/*/index.html",
                    "produsen/*/*/index.html", "en/makers/*/*/index.html"):
        for path in sorted(site.glob(pattern)):
            folder = path.parent.relative_to(site).as_posix()
            if folder.split("/")[-2] not in ("kategori", "category"):
                found.append(folder + "/")
    return found


# The way to order: the first contact link of the page, what it is and where it stands
CONTACT = """() => {
  const a = document.querySelector('.puk-contact__links a');
  if (!a) return null;
  const r = a.getBoundingClientRect(), photos = document.querySelector('.puk-product__photos');
  return {tag: a.tagName, href: a.getAttribute('href'), text: a.innerText.trim(),
          label: a.getAttribute('aria-label'), bottom: r.bottom, top: r.top, width: r.width, height: r.height,
          // on a product page the photos come after it, so no photo can push it down
          before_photos: !photos || !!(a.compareDocumentPosition(photos) & Node.DOCUMENT_POSITION_FOLLOWING)};
}"""


def test_the_sample_has_product_and_maker_pages_in_both_languages(site):
    pages = catalogue_pages(site)
    assert len([p for p in pages if p.startswith("produk/")]) == 15
    assert len([p for p in pages if p.startswith("en/products/")]) == 15
    assert len([p for p in pages if p.startswith("produsen/")]) == len([p for p in pages if p.startswith("en/makers/")]) >= 7


@pytest.mark.browser
def test_contact_is_on_the_first_screen_of_every_product_and_maker_page(page, site):
    """At 360 x 740, without scrolling: a real link whose name is its visible text."""
    assert page.viewport_size == {"width": 360, "height": 740}
    wrong = {}
    for url in catalogue_pages(site):
        page.goto(url)
        page.wait_for_load_state("networkidle")
        assert page.evaluate("scrollY") == 0
        found = page.evaluate(CONTACT)
        assert found is not None, url
        if not (found["tag"] == "A" and found["href"].startswith(("https://wa.me/", "tel:+", "mailto:"))
                and found["label"] is None and found["text"]  # its name is its visible text
                and 0 <= found["top"] and found["bottom"] <= 740 and found["height"] >= 24
                and found["before_photos"]):
            wrong[url] = found
    assert wrong == {}
    ARTIFACTS.mkdir(exist_ok=True)
    for url, name in (("produk/sintang/kain-kebat/", "product"), ("en/products/sintang/kain-kebat/", "product-en"),
                      ("produsen/sintang/rupina/", "maker"), ("en/makers/kupang/setia-kawan/", "maker-en")):
        page.goto(url)
        page.wait_for_load_state("networkidle")
        page.screenshot(path=str(ARTIFACTS / f"buyers-first-screen-{name}-360.png"))


@pytest.mark.browser
def test_on_a_wide_screen_the_photos_stay_beside_price_and_contact(page):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto("produk/sintang/kain-kebat/")
    photos = page.locator(".puk-product__photos").bounding_box()
    buy = page.locator(".puk-product__buy").bounding_box()
    assert photos["x"] + photos["width"] <= buy["x"]  # photos left, price and contact right
    assert abs(photos["y"] - buy["y"]) < 2


def test_printed_catalogue_gives_the_number_as_dialled_from_abroad(site):
    for url in ("jarpuk/sintang/katalog", "en/networks/sintang/catalogue"):
        html = read(site, url)
        assert "+62 812-0000-0101" in html, url
        assert "0812-0000-0101" not in html, url


@pytest.mark.browser
def test_contact_stays_on_the_first_screen_under_the_longest_names(page):
    """Names as long as the schema allows, in both name fields, and a price range on two lines."""
    longest = schema("product")["properties"]["name"]["maxLength"]
    assert schema("product")["properties"]["name_en"]["maxLength"] == longest
    words = "Kain tenun ikat Dayak motif pucuk rebung dengan pewarna alam dari akar mengkudu dan daun tarum "
    name = (words * 3)[:longest]
    for url in ("produk/sintang/kain-kebat/", "en/products/sintang/kain-kebat/"):
        page.goto(url)
        page.wait_for_load_state("networkidle")
        # an Indonesian page also shows the English name under the title
        assert page.locator(".puk-en").count() == (0 if url.startswith("en/") else 1)
        page.evaluate("""name => {
            document.querySelector('h1').textContent = name;
            for (const en of document.querySelectorAll('.puk-en')) en.textContent = name;
            document.querySelector('.puk-price').firstChild.textContent = 'IDR 1,250,000,000 – IDR 1,500,000,000 ';
        }""", name)
        assert page.locator(".puk-price").evaluate("p => p.getBoundingClientRect().height") > 60  # two lines
        box = page.locator(".puk-contact__links a").first.bounding_box()
        assert box["y"] + box["height"] <= 740, (url, box)
