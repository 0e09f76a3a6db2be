"""Product feeds for Google Merchant Center (RSS 2.0 + g:) and Meta's catalogue (CSV):
every required field well-formed, nothing private, escaping, languages, the build's files."""

from __future__ import annotations

import csv
import io
import re
import xml.etree.ElementTree as ET
from datetime import date, datetime, timedelta
from urllib.parse import urlsplit

import pytest
from images import photo
from PIL import Image
from test_build import MINI_MKDOCS

from asppuk.catalog import load_catalog
from asppuk.catalog.contact import display_phone
from asppuk.catalog.feeds import (
    GOOGLE_NS,
    META_COLUMNS,
    feed_items,
    feed_todo,
    format_feed_todo,
    google_feed,
    meta_feed,
    write_feeds,
    write_google_feed,
    write_meta_feed,
)
from asppuk.images.pipeline import Rendition, VariantFile
from asppuk.languages import ENGLISH, INDONESIAN
from conftest import MINI, ROOT, build_site, write_tree

SITE_URL = "https://www.asppuk.or.id/"
TODAY = date(2026, 12, 2)
G = f"{{{GOOGLE_NS}}}"
GOOGLE_AVAILABILITY = {"in_stock", "out_of_stock", "preorder", "backorder"}
META_AVAILABILITY = {"in stock", "out of stock", "preorder", "available for order", "discontinued"}
PRICE = re.compile(r"^[1-9][0-9]*\.00 IDR$")
PHOTO_URL = re.compile(r"^https://www\.asppuk\.or\.id/assets/foto/[0-9a-f]{20}/\d+\.webp$")


class FakePhotos:
    """Every product has two rendered photos (as PhotoSet.photos_of gives them)."""

    def photos_of(self, product):
        out = []
        for n in range(2):
            key = f"{abs(hash((product.key, n))):020x}"[:20]
            out.append((Rendition(key, [VariantFile("webp", 960, 720, "/x")]), product.name))
        return out


@pytest.fixture(scope="module")
def sample():
    catalog, problems = load_catalog(ROOT / "products")
    assert not problems
    return catalog


def feeds(catalog, language, photos=None):
    photos = photos or FakePhotos()
    google = io.BytesIO()
    write_google_feed(google, feed_items(catalog, SITE_URL, photos, language, google=True, today=TODAY),
                      title="t", link=SITE_URL, description="d", language=language)
    meta = io.StringIO(newline="")
    write_meta_feed(meta, feed_items(catalog, SITE_URL, photos, language, google=False, today=TODAY))
    return google.getvalue(), meta.getvalue()


def google_items(data: bytes) -> list[dict[str, list[str]]]:
    root = ET.fromstring(data)
    assert root.tag == "rss" and root.get("version") == "2.0"
    channel = root.find("channel")
    for name in ("title", "link", "description"):
        assert channel.findtext(name), name
    items = []
    for item in channel.findall("item"):
        fields: dict[str, list[str]] = {}
        for child in item:
            assert child.tag.startswith(G), child.tag  # every attribute in Google's namespace
            fields.setdefault(child.tag[len(G):], []).append(child.text or "")
        items.append(fields)
    return items


def meta_rows(text: str) -> list[dict[str, str]]:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    assert reader.fieldnames == META_COLUMNS
    return list(reader)


def check_url(url: str, prefix: str) -> None:
    parts = urlsplit(url)
    assert parts.scheme == "https" and url.isascii() and " " not in url, url
    assert url.startswith(prefix), url


@pytest.mark.parametrize("language", [INDONESIAN, ENGLISH], ids=["id", "en"])
def test_google_feed_has_every_required_field(sample, language):
    items = google_items(feeds(sample, language)[0])
    priced = [p for p in sample.products if p.price is not None
              and (language is INDONESIAN or (p.name_en and p.description_en))
              and (p.availability == "ready" or p.lead_time_days is not None)]
    assert len(items) == len(priced) > 0
    assert len({item["id"][0] for item in items}) == len(items)
    prefix = SITE_URL + ("en/products/" if language is ENGLISH else "produk/")
    for item in items:
        for name in ("id", "title", "description", "link", "image_link", "availability", "price", "condition",
                     "brand", "identifier_exists"):
            assert len(item.get(name, [])) == 1 and item[name][0].strip(), (name, item)
        assert len(item["id"][0]) <= 50 and len(item["title"][0]) <= 150 and len(item["description"][0]) <= 5000
        check_url(item["link"][0], prefix)
        assert re.fullmatch(re.escape(prefix) + r"[a-z0-9-]+/[a-z0-9-]+/", item["link"][0])
        assert PHOTO_URL.match(item["image_link"][0])
        assert all(PHOTO_URL.match(u) for u in item["additional_image_link"])
        assert item["availability"][0] in GOOGLE_AVAILABILITY
        if item["availability"][0] in ("preorder", "backorder"):  # then Google requires the date
            when = datetime.strptime(item["availability_date"][0], "%Y-%m-%dT%H:%M%z")
            assert 0 <= (when.date() - TODAY).days <= 365
        assert PRICE.match(item["price"][0])
        assert item["condition"] == ["new"] and item["identifier_exists"] == ["no"]
        assert "<" not in item["description"][0]  # plain text, no HTML


@pytest.mark.parametrize("language", [INDONESIAN, ENGLISH], ids=["id", "en"])
def test_meta_feed_has_every_required_field(sample, language):
    rows = meta_rows(feeds(sample, language)[1])
    priced = [p for p in sample.products if p.price is not None
              and (language is INDONESIAN or (p.name_en and p.description_en))]
    assert len(rows) == len(priced) > 0  # no lead time needed: "available for order" takes no date
    prefix = SITE_URL + ("en/products/" if language is ENGLISH else "produk/")
    for row in rows:
        for name in ("id", "title", "description", "availability", "condition", "price", "link", "image_link",
                     "brand"):
            assert row[name].strip(), (name, row)
        assert len(row["id"]) <= 100 and len(row["title"]) <= 200 and len(row["description"]) <= 9999
        assert row["availability"] in META_AVAILABILITY
        assert row["condition"] == "new"
        assert PRICE.match(row["price"])
        check_url(row["link"], prefix)
        assert PHOTO_URL.match(row["image_link"])
        assert all(PHOTO_URL.match(u) for u in row["additional_image_link"].split(","))


def test_price_range_availability_and_brand(sample):
    google = {item["id"][0]: item for item in google_items(feeds(sample, INDONESIAN)[0])}
    meta = {row["id"]: row for row in meta_rows(feeds(sample, INDONESIAN)[1])}
    kain = google["sintang/kain-kebat"]  # Rp 750.000 – Rp 1.500.000, made to order in 30 days
    assert kain["price"] == ["750000.00 IDR"] and meta["sintang/kain-kebat"]["price"] == "750000.00 IDR"
    assert kain["description"][0].endswith("\n\nHarga mulai Rp 750.000 sampai Rp 1.500.000 per lembar.")
    assert kain["availability"] == ["backorder"] and meta["sintang/kain-kebat"]["availability"] == "available for order"
    assert kain["availability_date"] == [f"{TODAY + timedelta(days=30)}T00:00+0700"]
    assert kain["brand"] == ["JarPUK Sintang"]
    assert kain["google_product_category"][0].endswith("> Textiles > Fabric")
    syal = google["sintang/syal-tenun-ikat"]
    assert syal["availability"] == ["in_stock"] and "availability_date" not in syal
    assert meta["sintang/syal-tenun-ikat"]["availability"] == "in stock"
    assert "Pesanan minimum 5 lembar." in syal["description"][0]
    assert "sintang/pua-kumbu" not in google and "sintang/pua-kumbu" not in meta  # no price


def test_english_feeds_are_english(sample):
    google, meta = feeds(sample, ENGLISH)
    items = {item["id"][0]: item for item in google_items(google)}
    rows = {row["id"]: row for row in meta_rows(meta)}
    for product in sample.products:
        if product.key in items:
            assert items[product.key]["title"] == [product.name_en]
            assert rows[product.key]["title"] == product.name_en
            assert items[product.key]["link"][0].startswith(SITE_URL + "en/products/")
    assert items["kupang/abon-tuna-pedas"]["description"][0].endswith("\n\nMinimum order: 10 × pack.")
    kain = items["sintang/kain-kebat"]["description"][0]
    assert kain.startswith("Kebat cloth is woven") and "Price from IDR 750,000 to IDR 1,500,000 per piece." in kain
    # no English name or description: left out of the English feeds, never shown in Indonesian there
    assert "padang/rakik-udang" not in items and "padang/rakik-udang" not in rows
    assert "padang/rakik-udang" in {i["id"][0] for i in google_items(feeds(sample, INDONESIAN)[0])}


def test_nothing_private_reaches_a_feed(sample):
    texts = [data.decode("utf-8") if isinstance(data, bytes) else data
             for language in (INDONESIAN, ENGLISH) for data in feeds(sample, language)]
    everything = "\n".join(texts)
    private = []
    for producer in sample.producers:
        contact = producer.contact
        if contact is not None:  # feeds carry no contact at all, consent or not
            if contact.phone:
                private += [contact.phone, contact.phone.lstrip("+"), display_phone(contact.phone)]
            if contact.email:
                private.append(contact.email)
        if producer.village and not producer.consent:
            public = " ".join([producer.jarpuk.name, producer.jarpuk.district, producer.jarpuk.description] +
                              [t for p in producer.products for t in (p.name, p.description, p.name_en or "",
                                                                        p.description_en or "")])
            if producer.village not in public:  # a village named like its district is no secret
                private.append(producer.village)
    assert private
    for value in private:
        assert value not in everything, value
    for jarpuk in sample.jarpuks.values():  # not even a JarPUK's number: the link leads to the page
        assert jarpuk.contact.phone not in everything


def test_mini_private_values_absent(tmp_path):
    catalog, problems = load_catalog(write_tree(tmp_path / "products", MINI))
    assert not problems
    text = "".join(d.decode() if isinstance(d, bytes) else d for d in feeds(catalog, INDONESIAN))
    assert "desa/kain" in text
    for value in ("Desa Rahasia", "0813-0000-0177", "+6281300000177", "6281300000177", "ani@example.org", "Ani"):
        assert value not in text, value


HOSTILE_NAME = 'Kain <b>"merah"</b> & biru, 1,5 m'


def test_escaping_round_trips(tmp_path):
    product = (
        f"name: '{HOSTILE_NAME}'\nname_en: '{HOSTILE_NAME} (en)'\ncategory: tenun\nproducer: ani\n"
        "description: |\n  Baris satu, dengan koma; \"kutip\" & 2 < 3 > 1.\n\n  Paragraf dua.\n"
        "description_en: Line one, \"quoted\".\n"
        "price: 750000\nunit: lembar\navailability: ready\n"
    )
    catalog, problems = load_catalog(write_tree(tmp_path / "products", {**MINI, "desa/kain.yml": product}))
    assert not problems, problems
    google, meta = feeds(catalog, INDONESIAN)
    assert b"<b>" not in google and b"&lt;b&gt;" in google  # escaped by the writer, not dropped
    item = google_items(google)[0]
    row = meta_rows(meta)[0]
    assert item["title"] == [HOSTILE_NAME] and row["title"] == HOSTILE_NAME
    description = 'Baris satu, dengan koma; "kutip" & 2 < 3 > 1.\n\nParagraf dua.'
    assert item["description"] == [description] and row["description"] == description
    assert len(meta.splitlines()) > 2  # the line break sits inside a quoted field...
    assert len(list(csv.reader(io.StringIO(meta, newline="")))) == 2  # ...and the CSV still has 2 records


def test_characters_xml_cannot_hold_are_dropped(tmp_path):
    catalog, _ = load_catalog(write_tree(tmp_path / "products", MINI))
    catalog.products[0].name = "Kain\x0bmerah\x00"
    google, meta = feeds(catalog, INDONESIAN)
    assert google_items(google)[0]["title"] == ["Kainmerah"]
    assert meta_rows(meta)[0]["title"] == "Kainmerah"


def test_long_keys_are_shortened_for_google(tmp_path):
    long_id = "kain-" + "panjang-" * 8 + "sekali"
    catalog, problems = load_catalog(write_tree(tmp_path / "products", {
        **{k: v for k, v in MINI.items() if k != "desa/kain.yml"}, f"desa/{long_id}.yml": MINI["desa/kain.yml"]}))
    assert not problems
    (item,) = google_items(feeds(catalog, INDONESIAN)[0])
    assert len(item["id"][0]) == 50 and item["id"][0].startswith("desa/kain-panjang")


def test_todo_names_each_file_and_feed(sample):
    text = format_feed_todo(sample, feed_todo(sample, has_photo=lambda p: p.id != "abon-tuna-pedas"))
    assert text.startswith("Catatan (bukan kesalahan):")
    assert "JarPUK Sintang (products/sintang/)" in text
    assert "belum ada harga (`price`), tidak masuk feed mana pun: pua-kumbu.yml" in text
    assert "belum ada foto (`images`), tidak masuk feed mana pun: abon-tuna-pedas.yml" in text
    assert "tidak masuk feed bahasa Inggris: rakik-udang.yml" in text
    assert "abon-tuna-manis-ee.yml" not in text  # photo, price, English, in stock: in every feed


PHOTO_PRODUCT = MINI["desa/kain.yml"] + (
    "name_en: Cloth\ndescription_en: Woven cloth.\n"
    "images:\n  - src: images/depan.jpg\n    alt: Kain merah\n  - images/belakang.png\n"
)


def test_build_publishes_the_feeds(tmp_path):
    write_tree(tmp_path, {"mkdocs.yml": MINI_MKDOCS, "content/index.md": "# Beranda\n"})
    write_tree(tmp_path / "products", {**MINI, "desa/kain.yml": PHOTO_PRODUCT,
                                       "desa/kain-polos.yml": MINI["desa/kain.yml"].replace("Kain", "Kain polos")})
    write_tree(tmp_path / "products/desa/images", {"depan.jpg": photo(1600, 1200),
                                                   "belakang.png": photo(700, 500, fmt="PNG")})
    site = tmp_path / "site"
    result = build_site(tmp_path, site)
    assert result.returncode == 0, result.stderr
    for language in (INDONESIAN, ENGLISH):
        items = google_items((site / google_feed(language)).read_bytes())
        rows = meta_rows((site / meta_feed(language)).read_text("utf-8"))
        assert [i["id"][0] for i in items] == [r["id"] for r in rows] == ["desa/kain"]  # kain-polos has no photo
        for url in [items[0]["image_link"][0], rows[0]["image_link"], *items[0]["additional_image_link"]]:
            assert url.startswith("https://contoh.example/assets/foto/")
            with Image.open(site / url.removeprefix("https://contoh.example/")) as image:
                assert image.format == "WEBP" and image.width >= 500
        page = items[0]["link"][0].removeprefix("https://contoh.example/")
        assert (site / page / "index.html").is_file()  # the link is a real page
    assert (site / "produk/feed-google.xml").is_file() and (site / "en/products/catalog-meta.csv").is_file()


def test_write_feeds_files(tmp_path, sample):
    written = write_feeds(tmp_path, sample, SITE_URL, FakePhotos(), [INDONESIAN, ENGLISH], today=TODAY)
    assert sorted(written) == ["en/products/catalog-meta.csv", "en/products/feed-google.xml",
                               "produk/feed-google.xml", "produk/katalog-meta.csv"]
    for language in (INDONESIAN, ENGLISH):  # the same items as each feed's own selection
        google, meta = feeds(sample, language)
        assert [i["id"] for i in google_items(written[google_feed(language)].read_bytes())] == \
            [i["id"] for i in google_items(google)]
        assert meta_rows(written[meta_feed(language)].read_text("utf-8")) == meta_rows(meta)
    # pua-kumbu has no price; with one, made to order in 60 days it goes to both
    ids = {row["id"] for row in meta_rows(written[meta_feed()].read_text("utf-8"))}
    assert "sintang/pua-kumbu" not in ids and "sintang/kain-kebat" in ids


def test_deploy_sends_feeds_after_pages_and_photos():
    from asppuk.deploy.kinds import PHASE_LISTS, content_type, is_immutable, phase

    for language in (INDONESIAN, ENGLISH):
        for path in (google_feed(language), meta_feed(language)):
            assert phase(path) == PHASE_LISTS and not is_immutable(path), path
    assert content_type(google_feed()) == "application/xml; charset=utf-8"
    assert content_type(meta_feed()) == "text/csv; charset=utf-8"


@pytest.mark.parametrize("lead", ["", "lead_time_days: 400\n"], ids=["no-lead-time", "over-a-year"])
def test_made_to_order_without_usable_lead_time_is_meta_only(tmp_path, lead):
    product = MINI["desa/kain.yml"].replace("availability: ready", "availability: made-to-order") + lead
    catalog, problems = load_catalog(write_tree(tmp_path / "products", {**MINI, "desa/kain.yml": product}))
    assert not problems, problems
    written = write_feeds(tmp_path / "out", catalog, SITE_URL, FakePhotos(), [INDONESIAN], today=TODAY)
    assert google_items(written[google_feed()].read_bytes()) == []
    (row,) = meta_rows(written[meta_feed()].read_text("utf-8"))
    assert row["availability"] == "available for order"
    todo = format_feed_todo(catalog, feed_todo(catalog, has_photo=lambda p: True))
    assert "tidak masuk feed Google: kain.yml" in todo
