"""Which catalogue pages exist, and what each one shows.

Turns a :class:`Catalog` into :class:`PageSpec` objects: a URL, a title, the
template that lays it out, and the view data it needs, already formatted
(prices, facts, contact links), so templates stay free of logic. Any site
generator can render these; the MkDocs plugin is one.
"""

from __future__ import annotations

import math
from pathlib import Path
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable, Iterator

from markupsafe import Markup

from . import urls
from .contact import display_phone, mailto_link, whatsapp_link
from .model import KINDS, REGIONS, SCALES, Catalog, Contact, JarPuk, Producer, Product
from .qr import qr_codes
from .structured import jarpuk_jsonld, product_jsonld
from .text import number, price_label, render_markdown

if TYPE_CHECKING:  # the image pipeline is optional: pages work without photos
    from asppuk.images.pipeline import Rendition
    from asppuk.images.publish import PhotoSet

SITE_NAME = "ASPPUK"
# How wide a product photo is shown: the whole phone screen, half of a
# wide layout. Browsers pick the smallest variant that is sharp enough.
PRODUCT_SIZES = "(min-width: 45em) 50vw, 100vw"
CARD_SIZES = "(min-width: 45em) 12rem, 50vw"
HOME_CARDS = 4  # cards in each row of the catalogue home (chosen, newest)
PRINT_FACTS = 4  # facts under each product of the A4 catalogue: six products fit a page
THUMB_WIDTH = 480  # a listing tile: half a phone's width at 2 device px per CSS px, 12rem at 2x


@dataclass(slots=True)
class PhotoView:
    """One photo as an <img> with a srcset of its WebP variants, size, alt, loading."""

    alt: str
    width: int
    height: int
    srcset: list[tuple[str, int]]  # (url, width)
    src: str  # for browsers without srcset: the largest variant
    sizes: str
    lazy: bool

    @classmethod
    def of(cls, rendition: Rendition, alt: str, sizes: str, lazy: bool, max_width: int | None = None) -> PhotoView:
        # up to max_width, but never none: a small source has only small variants
        found = rendition.of("webp")
        variants = [v for v in found if max_width is None or v.width <= max_width] or found[:1]
        # width/height (the layout box) and the plain src come from the largest
        largest = variants[-1]
        return cls(alt, largest.width, largest.height,
                   [(urls.photo(rendition.key, v.width, v.format), v.width) for v in variants],
                   urls.photo(rendition.key, largest.width, largest.format), sizes, lazy)


@dataclass(slots=True)
class PageSpec:
    """A page to generate. Its view data is made only when the page renders
    (``view()``): holding it for 100,000 pages at once costs gigabytes."""

    url: str
    title: str
    template: str
    context: dict[str, Any] | Callable[[], dict[str, Any]]
    description: str = ""

    @property
    def src_uri(self) -> str:
        return urls.source_uri(self.url)

    def view(self) -> dict[str, Any]:
        return self.context() if callable(self.context) else self.context


@dataclass(slots=True)
class ContactLink:
    kind: str  # whatsapp, tel, email
    label: str
    href: str


@dataclass(slots=True)
class ContactView:
    """Who a buyer reaches for a product, and how."""

    name: str
    own: bool  # the producer herself (with consent), or her JarPUK
    links: list[ContactLink]


@dataclass(slots=True)
class Pager:
    page: int
    pages: int
    kind: str  # "category" or "region"
    key: str

    def url(self, page: int) -> str:
        return urls.category(self.key, page) if self.kind == "category" else urls.region(self.key, page)

    @property
    def previous(self) -> str | None:
        return self.url(self.page - 1) if self.page > 1 else None

    @property
    def next(self) -> str | None:
        return self.url(self.page + 1) if self.page < self.pages else None

    @property
    def numbers(self) -> list[tuple[int, str] | None]:
        """First, last and the pages around this one; None marks a gap (…)."""
        keep = {1, self.pages, *range(self.page - 2, self.page + 3)}
        shown: list[tuple[int, str] | None] = []
        for n in sorted(k for k in keep if 1 <= k <= self.pages):
            if shown and shown[-1] is not None and n - shown[-1][0] > 1:
                shown.append(None)
            shown.append((n, self.url(n)))
        return shown


class Card:
    """What a product tile in a listing shows."""

    __slots__ = ("product", "url", "price", "subtitle", "thumb")

    def __init__(self, product: Product, thumb: PhotoView | None):
        self.product = product
        self.url = urls.product(product.jarpuk.id, product.id)
        self.price = price_label(product.price, product.price_max)
        self.subtitle = f"{product.producer.name} · {product.jarpuk.name}"
        self.thumb = thumb


@dataclass
class CatalogPages:
    catalog: Catalog
    site_url: str = ""
    per_page: int = 24
    related_count: int = 4
    photos: PhotoSet | None = None
    qr_cache: Path | None = None  # folder of QR code caches, one file per JarPUK (see .qr)
    # stories that name a producer: (jarpuk id, producer id) -> [(title, url)]
    mentions: dict[tuple[str, str], list[tuple[str, str]]] = field(default_factory=dict)
    cards: dict[int, Card] = field(default_factory=dict)

    def card(self, product: Product) -> Card:
        found = self.cards.get(id(product))
        if found is None:
            photos = self.photos.photos_of(product) if self.photos else []
            # listings are lazy and small: the smallest variant (480 px) suffices
            thumb = PhotoView.of(photos[0][0], photos[0][1], CARD_SIZES, lazy=True, max_width=THUMB_WIDTH) if photos else None
            found = self.cards[id(product)] = Card(product, thumb)
        return found

    def product_photos(self, product: Product) -> list[PhotoView]:
        found = self.photos.photos_of(product) if self.photos else []
        # the first photo is what a buyer came for: load it at once
        return [PhotoView.of(r, alt, PRODUCT_SIZES, lazy=index > 0) for index, (r, alt) in enumerate(found)]

    def finder(self) -> PageSpec:
        """Search and filters over the whole catalogue (Pagefind, in the browser)."""
        listings = [(c.name, urls.category(c.id)) for c in self.catalog.categories.values() if c.products]
        listings += [(f"Wilayah {REGIONS[r]}", urls.region(r)) for r in self.catalog.regions_present()]
        return PageSpec(urls.FINDER, "Cari produk", "asppuk/catalog/finder.html", {"listings": listings},
                        "Cari produk PUK dan saring menurut kategori, wilayah, harga dan lainnya.")

    def search_index_data(self, product: Product) -> dict[str, list[tuple[str, str]]]:
        """Filters, metadata and sort keys Pagefind reads from a product page."""
        jarpuk = product.jarpuk
        filters = [
            ("jenis", "Produk"), ("kategori", product.category.name), ("wilayah", REGIONS[jarpuk.region]),
            ("provinsi", jarpuk.province), ("jarpuk", jarpuk.name), ("harga", price_band(product.price)),
            ("ketersediaan", product.availability_label),
        ] + [("sertifikasi", c.label) for c in product.certifications]
        meta = [("harga", price_label(product.price, product.price_max)),
                ("jarpuk", f"{product.producer.name} · {jarpuk.name}"), ("kategori_id", product.category.id)]
        card = self.card(product)
        if card.thumb:  # the finder shows the card's photo as the listings do: WebP by width, its real size
            thumb = card.thumb
            meta += [("image", self.site_path + thumb.src),
                     ("image_webp", " | ".join(f"{self.site_path}{u} {w}w" for u, w in thumb.srcset)),
                     ("image_size", f"{thumb.width}x{thumb.height}")]
        # Pagefind separates several pairs with commas: keep them out of values
        clean = lambda pairs: [(k, v.replace(",", " ·")) for k, v in pairs]  # noqa: E731
        return {"filters": clean(filters), "meta": clean(meta), "sort": [("nama", product.name.lower().replace(",", ""))]}

    @property
    def site_path(self) -> str:
        """The path the site is served under ("/" at a domain's root)."""
        from urllib.parse import urlparse

        path = urlparse(self.site_url).path if self.site_url else "/"
        return path if path.endswith("/") else path + "/"

    def inquiry_item(self, product: Product) -> dict[str, Any]:
        """What the inquiry list (browser script) keeps of a product; public fields only."""
        contact = product.jarpuk.contact
        return {
            "key": product.key, "name": product.name, "unit": product.unit, "min_order": product.min_order or 1,
            "url": self.absolute(urls.product(product.jarpuk.id, product.id)),  # in the message
            "path": urls.product(product.jarpuk.id, product.id),  # the link, on whatever host shows the list
            "jarpuk": {"id": product.jarpuk.id, "name": product.jarpuk.name,
                       "wa": contact.phone.lstrip("+") if contact.phone and contact.whatsapp else None,
                       "tel": contact.phone, "email": contact.email},
        }

    def card_image(self, product: Product) -> str | None:
        path = self.photos.cards.get(product.key) if self.photos else None
        return self.absolute(urls.card(path.stem)) if path else None

    def cards_for(self, products: list[Product]) -> list[Card]:
        return [self.card(p) for p in products]

    # -- every page ----------------------------------------------------------

    def __iter__(self) -> Iterator[PageSpec]:
        yield self.home()
        yield PageSpec(urls.INQUIRY, "Daftar tanya", "asppuk/catalog/inquiry.html", {},
                       "Daftar produk yang ingin Anda tanyakan kepada JarPUK.")
        yield self.finder()
        yield self.jarpuk_index()
        yield self.region_index()
        for category in self.catalog.categories.values():
            yield from self.listing("category", category.id, category.name, category.products, category.description or "")
        for region in self.catalog.regions_present():
            yield from self.listing("region", region, f"Wilayah {REGIONS[region]}", self.catalog.products_in_region(region), "")
        for jarpuk in self.catalog.jarpuks.values():
            yield self.jarpuk_page(jarpuk)
            yield self.print_page(jarpuk)
            for producer in jarpuk.producers:
                yield self.producer_page(producer)
        for product in self.catalog.products:
            yield self.product_page(product)

    # -- kinds ---------------------------------------------------------------

    def home(self) -> PageSpec:
        # A category without products would lead to an empty page
        categories = [
            {"id": c.id, "url": urls.category(c.id), "name": c.name, "name_en": c.name_en,
             "description": c.description, "count": len(c.products)}
            for c in self.catalog.categories.values() if c.products
        ]
        # Four chosen and four newest, none twice: a short page on a phone
        featured = sorted(self.catalog.featured(), key=lambda p: (p.added or "", p.key), reverse=True)[:HOME_CARDS]
        shown = set(map(id, featured))
        newest = [p for p in self.catalog.newest(HOME_CARDS + len(featured)) if id(p) not in shown][:HOME_CARDS]
        regions = [
            {"url": urls.region(r), "name": REGIONS[r], "count": len(self.catalog.products_in_region(r))}
            for r in self.catalog.regions_present()
        ]
        return PageSpec(
            urls.CATALOGUE, "Katalog produk", "asppuk/catalog/home.html",
            {
                "categories": categories,
                "regions": regions,
                "featured": self.cards_for(featured),
                "newest": self.cards_for(newest),
                "downloads": [("Katalog CSV (Excel)", urls.EXPORT_CSV), ("Katalog JSON", urls.EXPORT_JSON),
                              ("Skema JSON", urls.EXPORT_SCHEMA)],
                "counts": {
                    "products": number(len(self.catalog.products)),
                    "producers": number(len(self.catalog.producers)),
                    "jarpuks": number(len(self.catalog.jarpuks)),
                },
            },
            "Produk perempuan usaha kecil dari jaringan ASPPUK: tenun, batik, makanan dan kerajinan.",
        )

    def listing(self, kind: str, key: str, title: str, products: list[Product], intro: str) -> Iterator[PageSpec]:
        products = sorted(products, key=lambda p: (not p.featured, p.name.lower()))
        pages = max(1, math.ceil(len(products) / self.per_page))
        for page in range(1, pages + 1):
            pager = Pager(page, pages, kind, key)
            chunk = products[(page - 1) * self.per_page : page * self.per_page]
            shown_title = title if page == 1 else f"{title} (halaman {page})"
            yield PageSpec(
                pager.url(page), shown_title, "asppuk/catalog/listing.html",
                lambda chunk=chunk, pager=pager: {
                    "cards": self.cards_for(chunk), "pager": pager, "intro": intro,
                    "total": number(len(products)), "heading": title},
                intro or f"Produk PUK dari {title}.",
            )

    def jarpuk_index(self) -> PageSpec:
        groups = []
        for region in self.catalog.regions_present():
            networks = [j for j in self.catalog.jarpuks.values() if j.region == region]
            groups.append({
                "region": REGIONS[region], "url": urls.region(region),
                "jarpuks": [
                    {"url": urls.jarpuk(j.id), "name": j.name, "place": f"{j.district}, {j.province}",
                     "products": len(j.products)}
                    for j in sorted(networks, key=lambda j: j.name)
                ],
            })
        return PageSpec(urls.jarpuk_index(), "JarPUK", "asppuk/catalog/jarpuk_index.html", {"groups": groups},
                        "Jaringan perempuan usaha kecil (JarPUK) di setiap kabupaten dan kota.")

    def region_index(self) -> PageSpec:
        regions = [
            {"url": urls.region(r), "name": REGIONS[r],
             "jarpuks": sum(1 for j in self.catalog.jarpuks.values() if j.region == r),
             "products": len(self.catalog.products_in_region(r))}
            for r in self.catalog.regions_present()
        ]
        return PageSpec(urls.region_index(), "Produk menurut wilayah", "asppuk/catalog/region_index.html",
                        {"regions": regions}, "Produk PUK dari lima wilayah ASPPUK.")

    def jarpuk_page(self, jarpuk: JarPuk) -> PageSpec:
        facts = [
            (label, number(value))
            for label, value in (("Anggota PUK", jarpuk.members), ("KPUK", jarpuk.kpuk),
                                 ("Desa", jarpuk.villages), ("Kecamatan", jarpuk.subdistricts))
            if value is not None
        ]
        producers = [
            {"url": urls.producer(jarpuk.id, p.id), "name": p.name, "kind": KINDS[p.kind],
             "products": len(p.products)}
            for p in jarpuk.producers
        ]
        return PageSpec(
            urls.jarpuk(jarpuk.id), jarpuk.name, "asppuk/catalog/jarpuk.html",
            lambda: {"jarpuk": jarpuk, "place": f"{jarpuk.district}, {jarpuk.province}",
             "region_url": urls.region(jarpuk.region), "facts": facts,
             "description_html": render_markdown(jarpuk.description),
             "contact": self.contact_view(jarpuk.contact, own=False, subject=jarpuk.name,
                                          message=f"Halo {jarpuk.name}, saya ingin bertanya tentang produk anggota Anda di katalog ASPPUK: {self.absolute(urls.jarpuk(jarpuk.id))}"),
             "producers": producers, "cards": self.cards_for(jarpuk.products),
             "jsonld": jarpuk_jsonld(jarpuk, self.site_url),
             "print_url": urls.jarpuk_print(jarpuk.id)},
            f"{jarpuk.name}, {jarpuk.district}, {jarpuk.province}: produk dan produsen anggota.",
        )

    def print_items(self, jarpuk: JarPuk) -> list[dict[str, Any]]:
        products = sorted(jarpuk.products, key=lambda p: (p.category.name, p.name))
        links = [self.absolute(urls.product(jarpuk.id, p.id)) for p in products]
        cache = self.qr_cache / f"{jarpuk.id}.json" if self.qr_cache else None
        codes = qr_codes(links, cache)
        return [
            {"card": self.card(product), "facts": self.product_facts(product)[:PRINT_FACTS], "url": url,
             "url_parts": _readable(url), "qr": Markup(codes[url])}  # SVG we drew
            for product, url in zip(products, links)
        ]

    def print_page(self, jarpuk: JarPuk) -> PageSpec:
        """A4 catalogue of one JarPUK for trade fairs: photo, price, terms, QR to the page."""
        contact = jarpuk.contact
        return PageSpec(
            urls.jarpuk_print(jarpuk.id), f"Katalog {jarpuk.name}", "asppuk/catalog/print.html",
            lambda: {"jarpuk": jarpuk, "items": self.print_items(jarpuk),
                     "place": f"{jarpuk.district}, {jarpuk.province}", "contact": contact,
                     "contact_phone": display_phone(contact.phone) if contact.phone else None,
                     "page_url": self.absolute(urls.jarpuk(jarpuk.id))},
            f"Katalog cetak produk {jarpuk.name} untuk pameran.",
        )

    def producer_page(self, producer: Producer) -> PageSpec:
        facts = [("Jenis", KINDS[producer.kind])]
        if producer.group:
            facts.append(("Kelompok", producer.group))
        if producer.public_village:
            facts.append(("Desa/kelurahan", producer.public_village))
        if producer.scale:
            facts.append(("Skala usaha", SCALES[producer.scale]))
        if producer.since:
            facts.append(("Berusaha sejak", str(producer.since)))
        jarpuk = producer.jarpuk
        url = urls.producer(jarpuk.id, producer.id)
        return PageSpec(
            url, producer.name, "asppuk/catalog/producer.html",
            lambda: {"producer": producer, "stories": self.mentions.get((jarpuk.id, producer.id), []), "jarpuk_url": urls.jarpuk(jarpuk.id), "facts": facts,
             "bio_html": render_markdown(producer.bio),
             "contact": self.contact_view(producer.public_contact, own=producer.contact_is_own,
                                          subject=producer.name,
                                          message=f"Halo, saya ingin bertanya tentang produk {producer.name} ({jarpuk.name}) di katalog ASPPUK: {self.absolute(url)}"),
             "cards": self.cards_for(producer.products)},
            f"{producer.name}, anggota {jarpuk.name}.",
        )

    def product_page(self, product: Product) -> PageSpec:
        jarpuk, producer = product.jarpuk, product.producer
        url = urls.product(jarpuk.id, product.id)
        message = (
            f"Halo, saya tertarik dengan produk {product.name} dari {producer.name} ({jarpuk.name}) "
            f"di katalog ASPPUK: {self.absolute(url)}"
        )
        return PageSpec(
            url, product.name, "asppuk/catalog/product.html",
            lambda: self.product_view(product, url, message),
            _summary(product),
        )

    def product_view(self, product: Product, url: str, message: str) -> dict[str, Any]:
        jarpuk, producer = product.jarpuk, product.producer
        social_image = self.card_image(product)
        return {
            "product": product,
            "price": price_label(product.price, product.price_max),
            "facts": self.product_facts(product),
            "description_html": render_markdown(product.description),
            "producer_url": urls.producer(jarpuk.id, producer.id),
            "jarpuk_url": urls.jarpuk(jarpuk.id),
            "category_url": urls.category(product.category.id),
            "contact": self.contact_view(producer.public_contact, own=producer.contact_is_own,
                                         subject=f"Pertanyaan: {product.name}", message=message),
            "photos": self.product_photos(product),
            "inquiry_item": self.inquiry_item(product),
            "index": self.search_index_data(product),
            "social_image": social_image,
            # what the card shows, for people who do not see it
            "social_image_alt": f"{product.name}: {price_label(product.price, product.price_max)}, "
                                f"{producer.name} · {jarpuk.name}, {jarpuk.province}",
            "jsonld": product_jsonld(product, self.site_url, self.photos, social_image),
            "canonical": self.absolute(url),
            "related": self.cards_for(self.related(product)),
        }

    # -- helpers -------------------------------------------------------------

    def absolute(self, url: str) -> str:
        return urls.absolute(self.site_url, url)

    @staticmethod
    def product_facts(product: Product) -> list[tuple[str, str]]:
        unit = product.unit
        facts: list[tuple[str, str | None]] = [
            ("Ketersediaan", product.availability_label),
            ("Satuan", unit),
            ("Pesanan minimum", f"{number(product.min_order)} {unit}" if product.min_order else None),
            ("Kapasitas per bulan", f"{number(product.capacity)} {unit}" if product.capacity else None),
            ("Lama pengerjaan", f"{number(product.lead_time_days)} hari" if product.lead_time_days is not None else None),
            ("Bahan", ", ".join(product.materials) or None),
            ("Ukuran", product.size),
            ("Berat", f"{number(product.weight_g)} gram" if product.weight_g else None),
            ("Sertifikasi", ", ".join(
                f"{c.label} {c.number}" if c.number else c.label for c in product.certifications) or None),
        ]
        return [(label, value) for label, value in facts if value]

    def related(self, product: Product) -> list[Product]:
        """Same producer first, then the same category nearby, never itself."""
        picked: list[Product] = []
        for pool in (product.producer.products, product.category.products):
            for other in pool:
                if other is not product and other not in picked:
                    picked.append(other)
                    if len(picked) == self.related_count:
                        return picked
        return picked

    @staticmethod
    def contact_view(contact: Contact, *, own: bool, subject: str, message: str) -> ContactView:
        links: list[ContactLink] = []
        if contact.phone and contact.whatsapp:
            links.append(ContactLink("whatsapp", "Kirim pesan WhatsApp", whatsapp_link(contact.phone, message)))
        if contact.phone:
            links.append(ContactLink("tel", f"Telepon {display_phone(contact.phone)}", f"tel:{contact.phone}"))
        if contact.email:
            links.append(ContactLink("email", f"Email {contact.email}", mailto_link(contact.email, subject, message)))
        return ContactView(contact.name or "", own, links)


PRICE_BANDS = [
    (50_000, "Di bawah Rp 50.000"),
    (250_000, "Rp 50.000 – 250.000"),
    (1_000_000, "Rp 250.000 – 1.000.000"),
]


def price_band(price: int | None) -> str:
    if price is None:
        return "Harga hubungi kami"
    for limit, label in PRICE_BANDS:
        if price < limit:
            return label
    return "Rp 1.000.000 ke atas"


def _summary(product: Product) -> str:
    price = price_label(product.price, product.price_max)
    return f"{product.name} dari {product.producer.name}, {product.jarpuk.name}. {price} per {product.unit}."


def _readable(url: str) -> list[str]:
    """A URL as people type it, in parts: ``https://www.x.id/produk/a/b/`` ->
    ``["www.x.id", "produk", "a", "b"]`` (printed with a line break allowed
    only after each slash)."""
    return [part for part in url.split("://", 1)[-1].split("/") if part]
