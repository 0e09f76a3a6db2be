"""Which catalogue pages exist, and what each one shows, in each language.

Turns a :class:`Catalog` into :class:`PageSpec` objects: a URL, a title, the
template that lays it out, and the view data it needs, already formatted
(prices, facts, contact links, the interface's words), so templates stay
free of logic. One :class:`CatalogPages` makes the pages of one language;
each page knows its counterpart in the other (``alternate``). Any site
generator can render these; the MkDocs plugin is one.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from asppuk.languages import ENGLISH, INDONESIAN, Language

from . import urls
from .contact import international_phone, mailto_link, whatsapp_link
from .inquiry import inquiry_item, inquiry_labels
from .labels import AVAILABILITY, KINDS, SCALES, Text
from .model import Catalog, Contact, JarPuk, Producer, Product
from .qr import page_codes
from .search_filters import finder_labels, search_index_data
from .structured import jarpuk_jsonld, product_jsonld
from .text import price_label, render_markdown
from .views import Card, ContactLink, ContactView, Pager, PhotoView, url_parts
from .wording import Wording

if TYPE_CHECKING:  # the image pipeline is optional: pages work without photos
    from asppuk.images.publish import PhotoSet

# How wide a product photo is shown: the whole phone screen, half of a
# wide layout. Browsers pick the smallest variant that is sharp enough.
PRODUCT_SIZES = "(min-width: 45em) 50vw, 100vw"
CARD_SIZES = "(min-width: 45em) 12rem, 50vw"
HOME_CARDS = 4  # cards in each row of the catalogue home (chosen, newest)
PRINT_FACTS = 4  # facts under each product of the A4 catalogue: six products fit a page
THUMB_WIDTH = 480  # a listing tile: half a phone's width at 2 device px per CSS px, 12rem at 2x

DESCRIPTION = "page_description"  # the key of a page's description in view data that brings one


@dataclass(slots=True)
class PageSpec:
    """A page to generate. Its view data is made only when the page renders
    (``view()``): holding it for 100,000 pages at once costs gigabytes."""

    url: str
    title: str
    template: str
    context: dict[str, Any] | Callable[[], dict[str, Any]]
    # None: the view data has it, under DESCRIPTION (product and producer
    # pages, most of a large site: it is made only when the page renders)
    description: str | None = ""
    lang: str = INDONESIAN.code
    alternate: str | None = None  # the same page in the other language
    # What the page's preview card says (kicker, title, second line, place),
    # plain text; None: a product page, whose card is the product's
    share: tuple[str, str, str, str] | None = None

    @property
    def src_uri(self) -> str:
        return urls.source_uri(self.url)

    def view(self) -> dict[str, Any]:
        return self.context() if callable(self.context) else self.context


@dataclass
class CatalogPages:
    catalog: Catalog
    site_url: str = ""
    per_page: int = 24
    related_count: int = 4
    photos: PhotoSet | None = None
    qr_cache: Path | None = None  # folder of QR code caches, per JarPUK, language and site address (see .qr)
    # stories that name a producer: (jarpuk id, producer id) -> [(title, url)]
    mentions: dict[tuple[str, str], list[tuple[str, str]]] = field(default_factory=dict)
    cards: dict[int, Card] = field(default_factory=dict)
    language: Language = INDONESIAN
    other: Language | None = None  # the language of the alternates (None: one language)

    def __post_init__(self):
        self.words = Wording(self.language)
        self.t = self.words.t  # short: every view reads the interface's words

    def alternate(self, make: Callable[[Language], str]) -> str | None:
        return make(self.other) if self.other else None

    # -- shared pieces -------------------------------------------------------------

    def card(self, product: Product) -> Card:
        found = self.cards.get(id(product))
        if found is None:
            photos = self.photos.photos_of(product) if self.photos else []
            # listings are lazy and small: the smallest variant (480 px) suffices
            thumb = PhotoView.of(photos[0][0], photos[0][1], CARD_SIZES, lazy=True, max_width=THUMB_WIDTH) if photos else None
            found = self.cards[id(product)] = Card(product, thumb, self.language, self.t["price_on_request"])
        return found

    def product_photos(self, product: Product) -> list[PhotoView]:
        found = self.photos.photos_of(product) if self.photos else []
        # the first photo is what a buyer came for: load it at once
        return [PhotoView.of(r, alt, PRODUCT_SIZES, lazy=index > 0) for index, (r, alt) in enumerate(found)]

    def finder(self) -> PageSpec:
        """Search and filters over the whole catalogue (Pagefind, in the browser)."""
        t = self.t
        listings = [(str(self.words.category_name(c)), urls.category(c.id, lang=self.language))
                    for c in self.catalog.categories.values() if c.products]
        listings += [(t["region_title"].format(region=self.words.regions[r]), urls.region(r, lang=self.language))
                     for r in self.catalog.regions_present()]
        return PageSpec(urls.finder(self.language), t["finder"], "asppuk/catalog/finder.html",
                        {"listings": listings, "t": t, "script_labels": finder_labels(t),
                         "catalogue_url": urls.catalogue(self.language)}, t["finder_description"],
                        self.language.code, self.alternate(urls.finder), share=(t["catalogue"], t["finder"], "", ""))

    def card_image(self, product: Product) -> str | None:
        """The product's preview card in this page's language (absolute address)."""
        path = self.photos.cards.get((product.key, self.language.code)) if self.photos else None
        return self.absolute(urls.card(path.stem)) if path else None

    def card_alt(self, product: Product) -> str:
        """What the product's card shows, in this page's language, for people who do not see it."""
        name = product.name_en if self.language is ENGLISH and product.name_en else product.name
        price = self.words.price(product)
        if self.language is INDONESIAN:  # the Indonesian card's price, as it draws it
            price = price_label(product.price, product.price_max)
        return f"{name}: {price}, {product.producer.name} · {product.jarpuk.name}, {product.jarpuk.province}"

    def cards_for(self, products: list[Product]) -> list[Card]:
        return [self.card(p) for p in products]

    # -- every page ----------------------------------------------------------

    def __iter__(self) -> Iterator[PageSpec]:
        t = self.t
        yield self.home()
        yield PageSpec(urls.inquiry(self.language), t["inquiry"], "asppuk/catalog/inquiry.html",
                       {"t": t, "script_labels": inquiry_labels(t), "catalogue_url": urls.catalogue(self.language)},
                       t["inquiry_description"],
                       self.language.code, self.alternate(urls.inquiry), share=(t["catalogue"], t["inquiry"], "", ""))
        yield self.finder()
        yield self.jarpuk_index()
        yield self.region_index()
        # a category without products is not published: an empty page that nothing links to
        # (make check lists it in its to-do: catalog.translations.empty_categories)
        for category in (c for c in self.catalog.categories.values() if c.products):
            description = self.words.text(category.description, category.description_en)
            yield from self.listing("category", category.id, str(self.words.category_name(category)),
                                    category.products, description)
        for region in self.catalog.regions_present():
            yield from self.listing("region", region, t["region_title"].format(region=self.words.regions[region]),
                                    self.catalog.products_in_region(region), Text("", self.language.code))
        for jarpuk in self.catalog.jarpuks.values():
            yield self.jarpuk_page(jarpuk)
            yield self.print_page(jarpuk)
            for producer in jarpuk.producers:
                yield self.producer_page(producer)
        for product in self.catalog.products:
            yield self.product_page(product)

    # -- kinds ---------------------------------------------------------------

    def home(self) -> PageSpec:
        t, lang = self.t, self.language
        # A category without products would lead to an empty page
        categories = [
            {"id": c.id, "url": urls.category(c.id, lang=lang), "name": self.words.category_name(c),
             "name_en": c.name_en if lang is INDONESIAN else None,
             "count": self.words.count("n_products", len(c.products))}
            for c in self.catalog.categories.values() if c.products
        ]
        # Four chosen and four newest, none twice: a short page on a phone
        featured = sorted(self.catalog.featured(), key=lambda p: (p.added or "", p.key), reverse=True)[:HOME_CARDS]
        shown = set(map(id, featured))
        newest = [p for p in self.catalog.newest(HOME_CARDS + len(featured)) if id(p) not in shown][:HOME_CARDS]
        regions = [
            {"url": urls.region(r, lang=lang), "name": self.words.regions[r],
             "count": self.words.number(len(self.catalog.products_in_region(r)))}
            for r in self.catalog.regions_present()
        ]
        return PageSpec(
            urls.catalogue(lang), t["catalogue"], "asppuk/catalog/home.html",
            {
                "t": t,
                "lead": t["home_lead"].format(products=self.words.number(len(self.catalog.products)),
                                              producers=self.words.number(len(self.catalog.producers)),
                                              jarpuks=self.words.number(len(self.catalog.jarpuks))),
                "finder_url": urls.finder(lang), "networks_url": urls.jarpuk_index(lang),
                "categories": categories,
                "regions": regions,
                "featured": self.cards_for(featured),
                "newest": self.cards_for(newest),
                "downloads": [(t["download_csv"], urls.EXPORT_CSV), (t["download_json"], urls.EXPORT_JSON),
                              (t["download_schema"], urls.EXPORT_SCHEMA)],
            },
            t["catalogue_description"], lang.code, self.alternate(urls.catalogue),
            share=("ASPPUK", t["catalogue"], "", t["catalogue_description"]),
        )

    def listing(self, kind: str, key: str, title: str, products: list[Product], intro: Text) -> Iterator[PageSpec]:
        t, lang = self.t, self.language
        products = sorted(products, key=lambda p: (not p.featured, str(self.card(p).name).lower()))
        pages = max(1, math.ceil(len(products) / self.per_page))
        share = (t["catalogue"], title, "", "")
        for page in range(1, pages + 1):
            pager = Pager(page, pages, kind, key, lang)
            chunk = products[(page - 1) * self.per_page : page * self.per_page]
            shown_title = title if page == 1 else t["listing_page"].format(title=title, page=page)
            yield PageSpec(
                pager.url(page), shown_title, "asppuk/catalog/listing.html",
                lambda chunk=chunk, pager=pager: {
                    "t": t, "catalogue_url": urls.catalogue(lang),
                    "cards": self.cards_for(chunk), "pager": pager, "intro": intro,
                    "total": self.words.count("n_products", len(products)), "heading": title},
                str(intro) or t["listing_description"].format(title=title), lang.code,
                self.alternate(lambda other, pager=pager: Pager(pager.page, pager.pages, kind, key, other).url(pager.page)),
                share=share,  # every page of a listing shares its first page's card
            )

    def jarpuk_index(self) -> PageSpec:
        t, lang = self.t, self.language
        groups = []
        for region in self.catalog.regions_present():
            networks = [j for j in self.catalog.jarpuks.values() if j.region == region]
            groups.append({
                "region": self.words.regions[region], "url": urls.region(region, lang=lang),
                "jarpuks": [
                    {"url": urls.jarpuk(j.id, lang), "name": j.name, "place": f"{j.district}, {j.province}",
                     "products": self.words.count("n_products", len(j.products))}
                    for j in sorted(networks, key=lambda j: j.name)
                ],
            })
        return PageSpec(urls.jarpuk_index(lang), t["networks"], "asppuk/catalog/jarpuk_index.html",
                        {"groups": groups, "t": t}, t["networks_description"], lang.code,
                        self.alternate(urls.jarpuk_index), share=(t["catalogue"], t["networks"], "", ""))

    def region_index(self) -> PageSpec:
        t, lang = self.t, self.language
        regions = [
            {"url": urls.region(r, lang=lang), "name": self.words.regions[r],
             "count": f"{t['n_networks'].format(n=sum(1 for j in self.catalog.jarpuks.values() if j.region == r))} · "
                      f"{self.words.count('n_products', len(self.catalog.products_in_region(r)))}"}
            for r in self.catalog.regions_present()
        ]
        return PageSpec(urls.region_index(lang), t["regions"], "asppuk/catalog/region_index.html",
                        {"regions": regions, "t": t}, t["regions_description"], lang.code,
                        self.alternate(urls.region_index), share=(t["catalogue"], t["regions"], "", ""))

    def jarpuk_page(self, jarpuk: JarPuk) -> PageSpec:
        t, lang = self.t, self.language
        facts = [
            (t[label], self.words.number(value))
            for label, value in (("members", jarpuk.members), ("kpuk", jarpuk.kpuk),
                                 ("villages", jarpuk.villages), ("subdistricts", jarpuk.subdistricts))
            if value is not None
        ]
        producers = [
            {"url": urls.producer(jarpuk.id, p.id, lang), "name": p.name,
             "line": self.words.count("maker_line", len(p.products), kind=KINDS[lang.code][p.kind])}
            for p in jarpuk.producers
        ]
        place = f"{jarpuk.district}, {jarpuk.province}"
        url = urls.jarpuk(jarpuk.id, lang)

        def view():
            description = self.words.text(jarpuk.description, jarpuk.description_en)
            return {"t": t, "jarpuk": jarpuk, "place": place, "region_name": self.words.regions[jarpuk.region],
                    "supported_by": t["supported_by"].format(ornop=jarpuk.ornop) if jarpuk.ornop else "",
                    "networks_url": urls.jarpuk_index(lang), "region_url": urls.region(jarpuk.region, lang=lang),
                    "facts": facts, "description": description, "description_html": render_markdown(description.value),
                    "contact": self.contact_view(jarpuk.contact, own=False, subject=jarpuk.name, heading_name=jarpuk.name,
                                                 message=t["ask_network"].format(name=jarpuk.name, url=self.absolute(url))),
                    "producers": producers, "cards": self.cards_for(jarpuk.products),
                    "jsonld": jarpuk_jsonld(jarpuk, self.site_url, lang),
                    "print_url": urls.jarpuk_print(jarpuk.id, lang)}

        return PageSpec(url, jarpuk.name, "asppuk/catalog/jarpuk.html", view,
                        t["jarpuk_description"].format(name=jarpuk.name, place=place), lang.code,
                        self.alternate(lambda other: urls.jarpuk(jarpuk.id, other)),
                        share=("JarPUK", jarpuk.name, place, self.words.regions[jarpuk.region]))

    def print_items(self, jarpuk: JarPuk) -> list[dict[str, Any]]:
        products = sorted(jarpuk.products, key=lambda p: (str(self.words.category_name(p.category)), str(self.card(p).name)))
        links = [self.absolute(urls.product(jarpuk.id, p.id, self.language)) for p in products]
        codes = page_codes(links, self.qr_cache, f"{jarpuk.id}-{self.language.code}", self.site_url)
        return [
            {"card": self.card(product), "unit": self.words.unit(product),
             "facts": self.product_facts(product)[:PRINT_FACTS], "url": url,
             "url_parts": url_parts(url), "qr": codes[url]}
            for product, url in zip(products, links)
        ]

    def print_page(self, jarpuk: JarPuk) -> PageSpec:
        """A4 catalogue of one JarPUK for trade fairs: photo, price, terms, QR to the page."""
        t, lang = self.t, self.language
        contact = jarpuk.contact
        return PageSpec(
            urls.jarpuk_print(jarpuk.id, lang), t["print_title"].format(name=jarpuk.name), "asppuk/catalog/print.html",
            lambda: {"t": t, "jarpuk": jarpuk, "items": self.print_items(jarpuk), "region_name": self.words.regions[jarpuk.region],
                     "place": f"{jarpuk.district}, {jarpuk.province}", "contact": contact,
                     # on paper in both languages: a printed catalogue travels (trade fairs, buyers abroad)
                     "contact_phone": t["phone_whatsapp"].format(phone=international_phone(contact.phone)) if contact.phone else None,
                     "page_url": self.absolute(urls.jarpuk(jarpuk.id, lang))},
            t["print_description"].format(name=jarpuk.name), lang.code,
            self.alternate(lambda other: urls.jarpuk_print(jarpuk.id, other)),
            share=(t["catalogue"], t["print_title"].format(name=jarpuk.name), "", f"{jarpuk.district}, {jarpuk.province}"),
        )

    def producer_page(self, producer: Producer) -> PageSpec:
        lang = self.language
        jarpuk = producer.jarpuk
        url = urls.producer(jarpuk.id, producer.id, lang)
        # partial, not a closure: a spec is kept for every page of the build
        # the card: her name, kind and JarPUK only (never her village or phone, consent or not)
        return PageSpec(url, producer.name, "asppuk/catalog/producer.html", partial(self.producer_view, producer, url),
                        None, lang.code, self.alternate(lambda other: urls.producer(jarpuk.id, producer.id, other)),
                        share=(KINDS[lang.code][producer.kind], producer.name, jarpuk.name, jarpuk.province))

    def producer_view(self, producer: Producer, url: str) -> dict[str, Any]:
        t, lang, code = self.t, self.language, self.language.code
        jarpuk = producer.jarpuk
        facts = [(t["kind"], KINDS[code][producer.kind])]
        if producer.group:
            facts.append((t["group"], producer.group))
        if producer.public_village:
            facts.append((t["village"], producer.public_village))
        if producer.scale:
            facts.append((t["scale"], SCALES[code][producer.scale]))
        if producer.since:
            facts.append((t["since"], str(producer.since)))
        bio = self.words.text(producer.bio, producer.bio_en)
        return {"t": t, "producer": producer, "jarpuk_url": urls.jarpuk(jarpuk.id, lang), "facts": facts,
                DESCRIPTION: t["producer_description"].format(name=producer.name, jarpuk=jarpuk.name),
                # stories are in Indonesian: on an English page their titles say so
                "stories": [(Text(title, INDONESIAN.code, fallback=lang is not INDONESIAN), story_url)
                            for title, story_url in self.mentions.get((jarpuk.id, producer.id), [])],
                "stories_heading": t["stories_about"].format(name=producer.name),
                "bio": bio, "bio_html": render_markdown(bio.value),
                "contact": self.contact_view(producer.public_contact, own=producer.contact_is_own,
                                             subject=producer.name, heading_name=producer.name,
                                             message=t["ask_producer"].format(name=producer.name, jarpuk=jarpuk.name,
                                                                              url=self.absolute(url))),
                "cards": self.cards_for(producer.products)}

    def product_page(self, product: Product) -> PageSpec:
        jarpuk = product.jarpuk
        url = urls.product(jarpuk.id, product.id, self.language)
        return PageSpec(
            url, str(self.card(product).name), "asppuk/catalog/product.html",
            partial(self.product_view, product, url), None, self.language.code,
            self.alternate(lambda other: urls.product(jarpuk.id, product.id, other)),
        )

    def product_view(self, product: Product, url: str) -> dict[str, Any]:
        t, lang = self.t, self.language
        jarpuk, producer = product.jarpuk, product.producer
        name = self.card(product).name
        price = self.words.price(product)
        message = t["ask_product"].format(name=name, producer=producer.name, jarpuk=jarpuk.name, url=self.absolute(url))
        social_image = self.card_image(product)
        description = self.words.text(product.description, product.description_en)
        return {
            DESCRIPTION: t["product_description"].format(name=name, producer=producer.name, jarpuk=jarpuk.name,
                                                         price=price, unit=self.words.unit(product)),
            "t": t,
            "product": product,
            "name": name,
            # on Indonesian pages the English name stays as a line for buyers abroad
            "name_en": product.name_en if lang is INDONESIAN else None,
            "category_name": self.words.category_name(product.category),
            "price": price,
            "unit": self.words.unit(product),
            "facts": self.product_facts(product),
            "description": description,
            "description_html": render_markdown(description.value),
            "catalogue_url": urls.catalogue(lang),
            "inquiry_url": urls.inquiry(lang),
            "producer_url": urls.producer(jarpuk.id, producer.id, lang),
            "jarpuk_url": urls.jarpuk(jarpuk.id, lang),
            "category_url": urls.category(product.category.id, lang=lang),
            "contact": self.contact_view(producer.public_contact, own=producer.contact_is_own,
                                         subject=t["ask_subject"].format(name=name), message=message,
                                         heading=t["order_or_ask"]),
            "photos": self.product_photos(product),
            "photos_label": t["photos_region"].format(n=len(product.images)),
            "no_photo_label": t["no_photo"].format(name=name),
            "inquiry_item": inquiry_item(self.card(product), self.words, self.site_url),
            "index": search_index_data(self.card(product), self.words, self.site_url),
            # the preview card's tags (asppuk-share's partial): this language's card, and what it shows
            "share_image": social_image,
            "share_alt": self.card_alt(product),
            "share_type": "product",
            "jsonld": product_jsonld(product, self.site_url, self.photos, social_image, lang),
            "canonical": self.absolute(url),
            "related": self.cards_for(self.related(product)),
        }

    # -- helpers -------------------------------------------------------------

    def absolute(self, url: str) -> str:
        return urls.absolute(self.site_url, url)

    def product_facts(self, product: Product) -> list[tuple[str, Any]]:
        t, code = self.t, self.language.code
        unit = self.words.unit(product)
        materials = (product.materials_en if self.language is ENGLISH and product.materials_en else product.materials)
        facts: list[tuple[str, Any]] = [
            (t["availability"], AVAILABILITY[code][product.availability]),
            (t["unit"], unit),
            (t["min_order"], self.words.quantity(product.min_order, unit) if product.min_order else None),
            (t["capacity"], self.words.quantity(product.capacity, unit) if product.capacity else None),
            (t["lead_time"], t["days"].format(n=self.words.number(product.lead_time_days))
             if product.lead_time_days is not None else None),
            (t["materials"], self.words.text(", ".join(product.materials), ", ".join(product.materials_en))
             if materials else None),
            (t["size"], product.size),
            (t["weight"], t["grams"].format(n=self.words.number(product.weight_g)) if product.weight_g else None),
            (t["certifications"], ", ".join(
                f"{self.words.certification(c)} {c.number}" if c.number else self.words.certification(c)
                for c in product.certifications) or None),
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

    def contact_view(self, contact: Contact, *, own: bool, subject: str, message: str,
                     heading: str | None = None, heading_name: str | None = None) -> ContactView:
        t = self.t
        links: list[ContactLink] = []
        if contact.phone and contact.whatsapp:
            links.append(ContactLink("whatsapp", t["whatsapp"], whatsapp_link(contact.phone, message)))
        if contact.phone:
            links.append(ContactLink("tel", t["call"].format(phone=self.words.phone(contact.phone)), f"tel:{contact.phone}"))
        if contact.email:
            links.append(ContactLink("email", t["email"].format(email=contact.email),
                                     mailto_link(contact.email, subject, message)))
        name = contact.name or ""
        note = t["via_network"] if not own else (t["direct"] if name else "")
        return ContactView(name, own, links, heading or t["contact"].format(name=heading_name or name),
                           tuple(note.split("{name}", 1)) if note else None)

