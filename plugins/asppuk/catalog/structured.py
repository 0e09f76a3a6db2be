"""schema.org JSON-LD for search engines, and the open catalogue exports.

Everything here is built from *public* fields only: a producer's own phone,
email and village appear only when she consented (``Producer.public_contact``
and ``public_village`` decide that), exactly as on the pages.
"""

from __future__ import annotations

import csv
import json
from typing import TYPE_CHECKING, Any, TextIO

from asppuk.languages import ENGLISH, INDONESIAN, Language

from . import urls
from .model import REGIONS, Catalog, JarPuk, Product
from .text import plain_text, price_label

if TYPE_CHECKING:
    from asppuk.images.publish import PhotoSet

EXPORT_VERSION = "1.0"
AVAILABILITY = {
    "ready": "https://schema.org/InStock",
    "pre-order": "https://schema.org/PreOrder",
    "made-to-order": "https://schema.org/MadeToOrder",
}


def _photo_urls(product: Product, photos: PhotoSet | None, site_url: str) -> list[str]:
    if photos is None:
        return []
    return [
        urls.absolute(site_url, urls.photo(r.key, r.largest.width, r.largest.format)) for r, _ in photos.photos_of(product)
    ]


def product_jsonld(product: Product, site_url: str, photos: PhotoSet | None = None, card: str | None = None,
                   language: Language = INDONESIAN) -> dict[str, Any]:
    """The product in ``language``: its name, description, category and
    materials translated where the data has them (``inLanguage`` says which)."""
    jarpuk = product.jarpuk
    page = urls.absolute(site_url, urls.product(jarpuk.id, product.id, language))
    seller = {"@type": "Organization", "name": jarpuk.name,
              "url": urls.absolute(site_url, urls.jarpuk(jarpuk.id, language))}
    english = language is ENGLISH
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Product",
        "@id": page + "#produk",
        "inLanguage": language.code,
        "name": (english and product.name_en) or product.name,
        "description": plain_text((english and product.description_en) or product.description),
        "url": page,
        "sku": product.key,
        "category": (english and product.category.name_en) or product.category.name,
        "brand": {"@type": "Brand", "name": jarpuk.name},
        "manufacturer": seller,
    }
    images = _photo_urls(product, photos, site_url) or ([card] if card else [])
    if images:
        data["image"] = images
    materials = (english and product.materials_en) or product.materials
    if materials:
        data["material"] = ", ".join(materials)
    if product.weight_g:
        data["weight"] = {"@type": "QuantitativeValue", "value": product.weight_g, "unitCode": "GRM"}
    if product.price is not None:
        offer: dict[str, Any] = {
            "@type": "Offer",
            "url": page,
            "priceCurrency": "IDR",
            "availability": AVAILABILITY[product.availability],
            "seller": seller,
        }
        if product.price_max and product.price_max > product.price:
            offer.update({"@type": "AggregateOffer", "lowPrice": product.price, "highPrice": product.price_max,
                          "offerCount": 1})
        else:
            offer["price"] = product.price
        if product.min_order:
            offer["eligibleQuantity"] = {"@type": "QuantitativeValue", "minValue": product.min_order,
                                         "unitText": (english and product.unit_en) or product.unit}
        data["offers"] = offer
    return data


def jarpuk_jsonld(jarpuk: JarPuk, site_url: str, language: Language = INDONESIAN) -> dict[str, Any]:
    english = language is ENGLISH
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Organization",
        "@id": urls.absolute(site_url, urls.jarpuk(jarpuk.id, language)) + "#organisasi",
        "name": jarpuk.name,
        "url": urls.absolute(site_url, urls.jarpuk(jarpuk.id, language)),
        "description": plain_text((english and jarpuk.description_en) or jarpuk.description),
        "address": {"@type": "PostalAddress", "addressLocality": jarpuk.district,
                    "addressRegion": jarpuk.province, "addressCountry": "ID"},
        "parentOrganization": {"@type": "Organization", "name": "ASPPUK",
                               "alternateName": "Asosiasi Pendamping Perempuan Usaha Kecil",
                               "url": urls.absolute(site_url, "")},
    }
    if jarpuk.contact.phone:
        data["telephone"] = jarpuk.contact.phone
    if jarpuk.contact.email:
        data["email"] = jarpuk.contact.email
    if jarpuk.members is not None:
        data["numberOfEmployees"] = {"@type": "QuantitativeValue", "value": jarpuk.members,
                                     "description": "members (PUK)" if english else "anggota PUK"}
    return data


# -- exports -----------------------------------------------------------------

CSV_COLUMNS = [
    "id", "url", "name", "name_en", "category", "price", "price_max", "price_label", "unit", "min_order",
    "capacity_per_month", "lead_time_days", "availability", "materials", "size", "weight_g",
    "certifications", "tags", "producer", "producer_kind", "jarpuk", "jarpuk_name", "district", "province",
    "region", "contact_name", "contact_phone", "contact_whatsapp", "contact_email", "contact_is_producer",
    "photos", "added",
]


def product_record(product: Product, site_url: str, photos: PhotoSet | None = None) -> dict[str, Any]:
    jarpuk, producer = product.jarpuk, product.producer
    contact = producer.public_contact
    return {
        "id": product.key,
        "url": urls.absolute(site_url, urls.product(jarpuk.id, product.id)),
        "name": product.name,
        "name_en": product.name_en,
        "category": {"id": product.category.id, "name": product.category.name, "name_en": product.category.name_en},
        "price": product.price,
        "price_max": product.price_max,
        "price_label": price_label(product.price, product.price_max),
        "currency": "IDR",
        "unit": product.unit,
        "min_order": product.min_order,
        "capacity_per_month": product.capacity,
        "lead_time_days": product.lead_time_days,
        "availability": product.availability,
        "materials": product.materials,
        "size": product.size,
        "weight_g": product.weight_g,
        "certifications": [{"type": c.type, "number": c.number, "label": c.label} for c in product.certifications],
        "tags": product.tags,
        "description": product.description,
        "producer": {"id": producer.id, "name": producer.name, "kind": producer.kind,
                     "village": producer.public_village,
                     "url": urls.absolute(site_url, urls.producer(jarpuk.id, producer.id))},
        "jarpuk": {"id": jarpuk.id, "name": jarpuk.name, "district": jarpuk.district,
                   "province": jarpuk.province, "region": jarpuk.region, "region_name": REGIONS[jarpuk.region]},
        "contact": {"name": contact.name, "phone": contact.phone, "whatsapp": contact.whatsapp,
                    "email": contact.email, "is_producer": producer.contact_is_own},
        "photos": _photo_urls(product, photos, site_url),
        "added": product.added,
    }


def write_catalog_json(out: TextIO, catalog: Catalog, site_url: str, photos: PhotoSet | None = None) -> None:
    """The JSON export, written record by record (100,000 products never sit in memory at once)."""
    head = {
        "version": EXPORT_VERSION,
        "schema": urls.absolute(site_url, "produk/katalog.schema.json"),
        "source": "ASPPUK — Asosiasi Pendamping Perempuan Usaha Kecil",
        "count": len(catalog.products),
    }
    out.write(json.dumps(head, ensure_ascii=False)[:-1] + ', "products": [\n')
    for index, product in enumerate(catalog.products):
        if index:
            out.write(",\n")
        out.write(json.dumps(product_record(product, site_url, photos), ensure_ascii=False))
    out.write("\n]}\n")


# A cell a spreadsheet would read as a formula (OWASP's list): =HYPERLINK(…),
# @SUM(…), +cmd|… from data would run when a buyer opens the file
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _text(value: str) -> str:
    """``value`` as a spreadsheet shows it: as text. A leading apostrophe is the
    spreadsheet's own "this is text" mark (so ``+6281…`` is not read as a sum
    either); ``katalog.json`` has every value unchanged."""
    return f"'{value}" if value.startswith(_FORMULA_START) else value


def write_catalog_csv(out: TextIO, catalog: Catalog, site_url: str, photos: PhotoSet | None = None) -> None:
    out.write("\ufeff")  # byte-order mark: Excel then reads UTF-8 correctly
    # Every field quoted: Excel set to Indonesian splits CSV on ";", and only
    # quotes keep "benang katun; pewarna alam" (or a planted "; =cmd") in one cell
    writer = csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_ALL)
    writer.writerow(CSV_COLUMNS)
    for product in catalog.products:
        r = product_record(product, site_url, photos)
        writer.writerow(_text(cell) for cell in [
            r["id"], r["url"], r["name"], r["name_en"] or "", r["category"]["id"], _cell(r["price"]),
            _cell(r["price_max"]), r["price_label"], r["unit"], _cell(r["min_order"]),
            _cell(r["capacity_per_month"]), _cell(r["lead_time_days"]), r["availability"],
            "; ".join(r["materials"]), r["size"] or "", _cell(r["weight_g"]),
            "; ".join(c["label"] + (f" {c['number']}" if c["number"] else "") for c in r["certifications"]),
            "; ".join(r["tags"]), r["producer"]["name"], r["producer"]["kind"], r["jarpuk"]["id"],
            r["jarpuk"]["name"], r["jarpuk"]["district"], r["jarpuk"]["province"], r["jarpuk"]["region"],
            r["contact"]["name"] or "", _phone_cell(r["contact"]["phone"]), "ya" if r["contact"]["whatsapp"] else "tidak",
            r["contact"]["email"] or "", "ya" if r["contact"]["is_producer"] else "tidak",
            " ".join(r["photos"]), r["added"] or "",
        ])


def _cell(value: int | None) -> str:
    return "" if value is None else str(value)


def _phone_cell(e164: str | None) -> str:
    return e164 or ""  # E.164; _text keeps its "+" as text
