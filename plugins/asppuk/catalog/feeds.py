"""Product feeds for the places buyers already look: Google Merchant Center
(Google Shopping, free listings) and Meta's catalogue (WhatsApp Business,
Instagram and Facebook shops), in Indonesian and in English.

Both services fetch a file by its address on a schedule, so the build
publishes one file per service and language, at addresses that never change:

==========================  ====================================  =================================
service                     Indonesian                            English
==========================  ====================================  =================================
Google Merchant Center      ``produk/feed-google.xml``            ``en/products/feed-google.xml``
Meta (Commerce Manager)     ``produk/katalog-meta.csv``           ``en/products/catalog-meta.csv``
==========================  ====================================  =================================

**Google** takes RSS 2.0 with the ``g:`` namespace (``http://base.google.com/ns/1.0``).
Required attributes of the product data specification
(support.google.com/merchants/answer/7052112), and what we send:

- ``id`` (at most 50 characters): ``<jarpuk>/<product>``, shortened with a
  hash past 50; the same in both languages and in both services;
- ``title`` (at most 150): the product's name;
- ``description`` (at most 5,000, plain text): its description, the
  price range and the minimum order;
- ``link``: the product page's canonical address (``site_url``);
- ``image_link``: the product's first photo as the site publishes it (its
  largest WebP rendition; Google takes JPEG, WebP, PNG, GIF, BMP, TIFF);
- ``availability``: ``in_stock``, ``out_of_stock``, ``preorder`` or
  ``backorder``; ``preorder`` and ``backorder`` also require
  ``availability_date`` (ISO 8601, at most a year ahead);
- ``price``: a number and an ISO 4217 code, ``750000.00 IDR``;
- ``condition`` (required for used or refurbished goods only; we always say
  ``new``);
- ``brand`` and, for products without a GTIN or MPN (all of ours: handmade),
  ``identifier_exists`` = ``no``;
- ``google_product_category``: optional (Google assigns one), sent where our
  category maps obviously to Google's taxonomy (:data:`GOOGLE_CATEGORIES`).

Shipping and tax are set in the Merchant Center account, not in the feed.

**Meta** takes CSV (first row the field names; a field with a comma,
a quote or a line break in double quotes, a quote doubled). Required fields
(developers.facebook.com/docs/marketing-api/catalog/reference, Commerce
Manager's "data feed" fields): ``id`` (at most 100), ``title`` (at most 200),
``description`` (at most 9,999, plain text), ``availability`` (``in stock``,
``out of stock``, ``preorder``, ``available for order``, ``discontinued``),
``condition`` (``new``, ``refurbished``, ``used``), ``price`` (``750000.00 IDR``),
``link``, ``image_link`` and ``brand``; we add the optional
``google_product_category``, ``product_type`` and ``additional_image_link``.

Decisions:

- **What goes in**: a product with a price and a photo; one without either
  is listed in ``make check``'s to-do (:func:`format_feed_todo`), never a
  failure. The preview card (a drawn picture with text) is never a product
  photo: both services' image rules forbid text and overlays on the product.
- **Photos are the site's WebP files** (the largest rendition, 960 px wide
  from any larger source), no second copy: Google lists WebP among its
  formats. Meta's own pages found name no format (their examples are JPEG),
  but a WhatsApp catalogue provider's help (BusinessOnBot) gives "JPEG or
  PNG, 1:1, 500 x 500 px" for WhatsApp. If Commerce Manager reports images
  it cannot use, publish a JPEG of each product's first photo for the Meta
  feed (``urls.photo(key, width, "jpg")`` is already such an address, and
  deploys treat it as content-addressed): tens of kilobytes a product,
  hundreds of megabytes at 10,000, so it waits for that evidence.
- **Availability**: ``ready`` is Google's ``in_stock`` and Meta's ``in stock``.
  Our ``pre-order`` and ``made-to-order`` both mean "order now, it is made
  and sent after the lead time" (Indonesian marketplaces call that pre-order):
  Google's ``backorder`` ("accepting orders, shipped when available"; its
  ``preorder`` is for products not yet released) and Meta's ``available for
  order``. Google then needs ``availability_date``: the build's day (in
  WIB) plus ``lead_time_days``, so a product without a lead time, or with
  more than a year, stays out of the Google feed (Meta's is fine without).
  The site is built every morning, so the date moves with the days.
- **A price range** (``price_max``) is sent as its lower price (both
  services take one price, which must appear on the landing page), and the
  description says the range ("Harga mulai Rp 750.000 sampai Rp 1.500.000
  per lembar."). The price is a unit's, as the page shows it; the
  description adds the minimum order when it is more than one.
- **Brand**: the JarPUK's name, as the product pages' JSON-LD says.
- **No contact at all**: the link leads to the product page, where the
  consent rules decide whom a buyer reaches. No field of the producer's
  (name, village, phone, e-mail) is in a feed, consent or not; the
  description is the product's, as its page shows it.
- **Languages**: a service wants one language per feed (Google disapproves
  items in another language than the feed's), so the English feeds hold only
  products with an English name and description (``name_en``,
  ``description_en``); the others are in the to-do. The English feeds link to
  the English pages (``/en/products/…``).

Untrusted text goes through a real XML writer (:class:`xml.sax.saxutils.XMLGenerator`)
and the :mod:`csv` module, after characters XML 1.0 cannot hold are dropped.
No MkDocs.
"""

from __future__ import annotations

import csv
import hashlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, TextIO
from xml.sax.saxutils import XMLGenerator

from asppuk.languages import ENGLISH, INDONESIAN, Language

from . import urls
from .model import Catalog, Product
from .text import plain_text, rupiah

if TYPE_CHECKING:
    from asppuk.images.publish import PhotoSet

GOOGLE_NS = "http://base.google.com/ns/1.0"
WIB = timezone(timedelta(hours=7), "WIB")  # the build's day, as staff count it

ID_MAX = 50  # Google's limit (Meta's is 100)
TITLE_MAX = 150  # Google's limit (Meta's is 200)
DESCRIPTION_MAX = 5000  # Google's limit (Meta's is 9,999)
MAX_LEAD_DAYS = 365  # Google: availability_date at most a year ahead
EXTRA_IMAGES = 10  # Google takes 10 additional images, Meta 20

GOOGLE_AVAILABILITY = {"ready": "in_stock", "pre-order": "backorder", "made-to-order": "backorder"}
META_AVAILABILITY = {"ready": "in stock", "pre-order": "available for order", "made-to-order": "available for order"}

# Our category -> Google's product taxonomy (its full path, which Google takes
# as well as the number), only where the match is obvious; the others are
# left to Google. Kain tenun and batik are sold by the piece, as fabric.
FABRIC = "Arts & Entertainment > Hobbies & Creative Arts > Arts & Crafts > Art & Crafting Materials > Textiles > Fabric"
GOOGLE_CATEGORIES = {
    "tenun": FABRIC,
    "batik": FABRIC,
    "makanan": "Food, Beverages & Tobacco > Food Items",
    "kue": "Food, Beverages & Tobacco > Food Items",
}

META_COLUMNS = [
    "id", "title", "description", "availability", "condition", "price", "link", "image_link", "brand",
    "google_product_category", "product_type", "additional_image_link",
]

# XML 1.0 cannot hold C0 controls other than tab, newline and return, lone
# surrogates, U+FFFE and U+FFFF: a feed with one is refused as a whole
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def google_feed(language: Language = INDONESIAN) -> str:
    """Site path of the Google Merchant Center feed in ``language``."""
    return f"{language.path('produk')}/feed-google.xml"


def meta_feed(language: Language = INDONESIAN) -> str:
    """Site path of the Meta catalogue feed (CSV) in ``language``."""
    return f"{language.path('produk')}/{'katalog' if language is INDONESIAN else 'catalog'}-meta.csv"


def feed_paths(languages: Iterable[Language]) -> list[str]:
    return [path for language in languages for path in (google_feed(language), meta_feed(language))]


# -- what goes in ----------------------------------------------------------

# Why a product stays out, and of which feeds ("all", "google", "english")
NO_PHOTO = ("all", "belum ada foto (`images`)")
NO_PRICE = ("all", "belum ada harga (`price`)")
NO_LEAD_TIME = ("google", "belum ada lama pengerjaan (`lead_time_days`), yang wajib di Google untuk pre-order "
                          "dan made-to-order")
LONG_LEAD_TIME = ("google", f"lama pengerjaan lebih dari {MAX_LEAD_DAYS} hari (Google menerima paling lama setahun)")
NO_ENGLISH = ("english", "belum ada nama atau deskripsi bahasa Inggris (`name_en`, `description_en`)")


def exclusions(product: Product, has_photo: bool) -> list[tuple[str, str]]:
    """Why ``product`` is left out of some feeds: an empty list when it is in all."""
    reasons = []
    if not has_photo:
        reasons.append(NO_PHOTO)
    if product.price is None:
        reasons.append(NO_PRICE)
    if product.availability != "ready":
        if product.lead_time_days is None:
            reasons.append(NO_LEAD_TIME)
        elif product.lead_time_days > MAX_LEAD_DAYS:
            reasons.append(LONG_LEAD_TIME)
    if not (product.name_en and product.description_en):
        reasons.append(NO_ENGLISH)
    return reasons


def _included(reasons: list[tuple[str, str]], google: bool, language: Language) -> bool:
    scopes = {scope for scope, _ in reasons}
    return not ("all" in scopes or (google and "google" in scopes) or (language is ENGLISH and "english" in scopes))


# -- the items -------------------------------------------------------------


@dataclass(frozen=True)
class FeedItem:
    """One product as both services take it (every text already plain)."""

    id: str
    title: str
    description: str
    link: str
    image_link: str
    price: int  # rupiah; the lower price of a range
    availability: str  # ours: ready, pre-order, made-to-order
    brand: str
    product_type: str
    google_category: str | None = None
    availability_date: str | None = None  # Google's form, for backorder
    additional_image_links: list[str] = field(default_factory=list)
    in_google: bool = True  # False: what Google requires is missing (a lead time)

    @property
    def price_text(self) -> str:
        """``750000.00 IDR``: number, decimal point, no grouping, ISO 4217 code (both services)."""
        return f"{self.price}.00 IDR"


def feed_id(product: Product) -> str:
    """``sintang/kain-kebat``; a key longer than Google's 50 characters keeps
    its start and gets a hash of the whole, so it stays unique and stable."""
    key = product.key
    if len(key) <= ID_MAX:
        return key
    return f"{key[:ID_MAX - 9]}-{hashlib.sha1(key.encode()).hexdigest()[:8]}"


def clean(text: str) -> str:
    """Text an XML 1.0 document (and a CSV cell) can hold."""
    return _NOT_XML.sub("", text)


def _plain(markdown: str, limit: int) -> str:
    """Plain text of Markdown, one paragraph to a line pair (both services take line breaks)."""
    paragraphs = [plain_text(part, limit) for part in re.split(r"\n\s*\n", markdown or "")]
    return "\n\n".join(p for p in paragraphs if p)


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def _facts(product: Product, language: Language) -> str:
    """The sentences a feed adds to the description: the range of a price
    given as its lower end, and the minimum order."""
    english = language is ENGLISH
    unit = product.unit_en if english else product.unit
    per = f" per {unit}" if unit else ""
    facts = []
    if product.price is not None and product.price_max and product.price_max > product.price:
        low, high = rupiah(product.price, language.locale), rupiah(product.price_max, language.locale)
        facts.append(f"Price from {low} to {high}{per}." if english else f"Harga mulai {low} sampai {high}{per}.")
    if product.min_order and product.min_order > 1:
        if english:  # units are written as the data has them, singular: "10 × jar"
            facts.append(f"Minimum order: {product.min_order}{f' × {unit}' if unit else ''}.")
        else:
            facts.append(f"Pesanan minimum {product.min_order}{f' {unit}' if unit else ''}.")
    return " ".join(facts)


def feed_item(product: Product, language: Language, site_url: str, images: list[str],
              today: date, in_google: bool = True) -> FeedItem:
    """``product`` in ``language`` (its English texts for English), with the
    absolute addresses of its photos (``images``, first the main one)."""
    english = language is ENGLISH
    name = clean((english and product.name_en) or product.name)
    description = clean(_plain((english and product.description_en) or product.description, DESCRIPTION_MAX))
    facts = _facts(product, language)
    if facts:
        description = f"{description}\n\n{facts}" if description else facts
    category = product.category
    lead = product.lead_time_days
    return FeedItem(
        id=feed_id(product),
        title=_shorten(name, TITLE_MAX),
        description=_shorten(description or name, DESCRIPTION_MAX),
        link=urls.absolute(site_url, urls.product(product.jarpuk.id, product.id, language)),
        image_link=images[0],
        additional_image_links=images[1:1 + EXTRA_IMAGES],
        price=product.price,
        availability=product.availability,
        availability_date=(None if product.availability == "ready" or lead is None
                           else f"{(today + timedelta(days=lead)).isoformat()}T00:00+0700"),
        brand=clean(product.jarpuk.name),
        product_type=clean((english and category.name_en) or category.name),
        google_category=GOOGLE_CATEGORIES.get(category.id),
        in_google=in_google,
    )


def photo_urls(product: Product, photos: PhotoSet | None, site_url: str) -> list[str]:
    """The product's rendered photos (largest WebP of each), as the pages show them."""
    if photos is None:
        return []
    return [urls.absolute(site_url, urls.photo(r.key, r.largest.width, r.largest.format))
            for r, _ in photos.photos_of(product)]


def feed_items(catalog: Catalog, site_url: str, photos: PhotoSet | None, language: Language, *,
               google: bool, today: date) -> Iterator[FeedItem]:
    """The items of ``language``'s Google feed (``google``) or Meta feed."""
    for product in catalog.products:
        images = photo_urls(product, photos, site_url)
        reasons = exclusions(product, bool(images))
        if _included(reasons, google, language):
            yield feed_item(product, language, site_url, images, today,
                            in_google=_included(reasons, True, language))


# -- writers ---------------------------------------------------------------


def write_google_feed(out: BinaryIO, items: Iterable[FeedItem], *, title: str, link: str,
                      description: str, language: Language = INDONESIAN) -> int:
    """RSS 2.0 with Google's ``g:`` namespace, written item by item; returns the count."""
    xml = XMLGenerator(out, encoding="utf-8", short_empty_elements=True)
    xml.startDocument()
    xml.startElement("rss", {"version": "2.0", "xmlns:g": GOOGLE_NS})
    xml.startElement("channel", {})
    for name, value in (("title", title), ("link", link), ("description", description),
                        ("language", language.code)):
        _element(xml, name, value)
    count = 0
    for item in items:
        xml.characters("\n")
        xml.startElement("item", {})
        for name, value in _google_fields(item):
            _element(xml, f"g:{name}", value)
        xml.endElement("item")
        count += 1
    xml.characters("\n")
    xml.endElement("channel")
    xml.endElement("rss")
    xml.endDocument()
    out.write(b"\n")
    return count


def _google_fields(item: FeedItem) -> Iterator[tuple[str, str]]:
    yield "id", item.id
    yield "title", item.title
    yield "description", item.description
    yield "link", item.link
    yield "image_link", item.image_link
    for extra in item.additional_image_links:
        yield "additional_image_link", extra
    yield "availability", GOOGLE_AVAILABILITY[item.availability]
    if item.availability_date:
        yield "availability_date", item.availability_date
    yield "price", item.price_text
    yield "condition", "new"
    yield "brand", item.brand
    yield "identifier_exists", "no"  # handmade: no GTIN, no MPN
    if item.google_category:
        yield "google_product_category", item.google_category
    yield "product_type", item.product_type


def _element(xml: XMLGenerator, name: str, value: str) -> None:
    xml.startElement(name, {})
    xml.characters(clean(value))
    xml.endElement(name)


def write_meta_feed(out: TextIO, items: Iterable[FeedItem]) -> int:
    """Meta's CSV, row by row; returns the count. ``out`` opened with ``newline=""``."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(META_COLUMNS)
    count = 0
    for item in items:
        writer.writerow([
            item.id, item.title, item.description, META_AVAILABILITY[item.availability], "new", item.price_text,
            item.link, item.image_link, item.brand, item.google_category or "", item.product_type,
            ",".join(item.additional_image_links),
        ])
        count += 1
    return count


CHANNEL = {
    "id": ("ASPPUK: produk perempuan usaha kecil",
           "Produk tenun, makanan dan kerajinan dari jaringan perempuan usaha kecil ASPPUK di seluruh Indonesia."),
    "en": ("ASPPUK: products of women's small businesses",
           "Woven cloth, food and crafts from ASPPUK's network of women's small businesses across Indonesia."),
}


def today_in_wib() -> date:
    return datetime.now(WIB).date()


def write_feeds(folder: Path, catalog: Catalog, site_url: str, photos: PhotoSet | None,
                languages: Iterable[Language], today: date | None = None) -> dict[str, Path]:
    """Every feed of every language into ``folder``: ``{site path: file}``."""
    today = today or today_in_wib()
    folder.mkdir(parents=True, exist_ok=True)
    written: dict[str, Path] = {}
    for language in languages:
        # Meta's feed holds every item of Google's, and more: made once, written twice
        items = list(feed_items(catalog, site_url, photos, language, google=False, today=today))
        title, description = CHANNEL[language.code]
        path = folder / google_feed(language).replace("/", "_")
        with open(path, "wb") as out:
            write_google_feed(out, (item for item in items if item.in_google), title=title,
                              link=urls.absolute(site_url, urls.catalogue(language)), description=description,
                              language=language)
        written[google_feed(language)] = path
        path = folder / meta_feed(language).replace("/", "_")
        with open(path, "w", encoding="utf-8", newline="") as out:
            write_meta_feed(out, items)
        written[meta_feed(language)] = path
    return written


# -- the to-do list ----------------------------------------------------------

_LEFT_OUT_OF = {"all": "tidak masuk feed mana pun", "google": "tidak masuk feed Google",
                "english": "tidak masuk feed bahasa Inggris"}


def feed_todo(catalog: Catalog, has_photo=lambda product: bool(product.images)
              ) -> dict[str, list[tuple[Product, list[tuple[str, str]]]]]:
    """Products left out of some feed, by JarPUK: ``{jarpuk id: [(product, reasons)]}``.
    ``make check`` counts a photo the product names (the build refuses one it cannot render)."""
    found: dict[str, list[tuple[Product, list[tuple[str, str]]]]] = {}
    for product in catalog.products:
        reasons = exclusions(product, has_photo(product))
        if reasons:
            found.setdefault(product.jarpuk.id, []).append((product, reasons))
    return found


def format_feed_todo(catalog: Catalog, found: dict[str, list[tuple[Product, list[tuple[str, str]]]]],
                     limit: int = 6) -> str:
    """The to-do list as staff read it (Indonesian), per JarPUK and reason, naming the product files."""
    total = len(catalog.products)
    if not found:
        return f"Semua {total} produk masuk feed Google Merchant Center dan katalog Meta (WhatsApp, Instagram)."
    count = sum(len(products) for products in found.values())
    lines = [f"Catatan (bukan kesalahan): {count} dari {total} produk belum masuk semua feed produk "
             "(Google Merchant Center, katalog Meta untuk WhatsApp dan Instagram). Yang perlu diisi:"]
    for jarpuk_id, products in found.items():
        jarpuk = catalog.jarpuks[jarpuk_id]
        lines.append(f"  {jarpuk.name} (products/{jarpuk_id}/): {len(products)} produk")
        by_reason: dict[tuple[str, str], list[str]] = {}
        for product, reasons in products:
            for reason in reasons:
                by_reason.setdefault(reason, []).append(f"{product.id}.yml")
        for (scope, message), files in by_reason.items():
            shown = ", ".join(files[:limit]) + (f", dan {len(files) - limit} lagi" if len(files) > limit else "")
            lines.append(f"    {message}, {_LEFT_OUT_OF[scope]}: {shown}")
    return "\n".join(lines)
