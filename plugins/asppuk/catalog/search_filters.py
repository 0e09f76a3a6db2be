"""What the finder searches by: the filters, metadata and sort key Pagefind
reads from each product page, and the words of the finder's script."""

from __future__ import annotations

from urllib.parse import urlparse

from .labels import AVAILABILITY
from .text import rupiah
from .views import Card
from .wording import Wording

PRICE_BANDS = [50_000, 250_000, 1_000_000]  # the finder's price filter, in rupiah

# What the finder's script says (search.js), a "_one" form for a count of one
FINDER_LABELS = (
    "searching", "found", "found_for", "found_one", "found_for_one", "chosen", "filter_kategori", "filter_wilayah",
    "filter_provinsi", "filter_jarpuk", "filter_harga", "filter_ketersediaan", "filter_sertifikasi", "product_kind",
    "see_results", "see_results_one", "see_results_wait",
)


def finder_labels(t: dict[str, str]) -> dict[str, str]:
    # a "_one" form falls back to the plain one (Indonesian has no plural)
    return {key: t.get(key, t[key.removesuffix("_one")]) for key in FINDER_LABELS}


def search_index_data(card: Card, words: Wording, site_url: str) -> dict[str, list[tuple[str, str]]]:
    """Filters, metadata and sort keys Pagefind reads from the page of the
    card's product (Pagefind keeps an index per language: the values are
    this page's)."""
    product, t = card.product, words.t
    jarpuk = product.jarpuk
    filters = [
        ("jenis", t["product_kind"]), ("kategori", str(words.category_name(product.category))),
        ("wilayah", words.regions[jarpuk.region]), ("provinsi", jarpuk.province), ("jarpuk", jarpuk.name),
        ("harga", price_band(product.price, words)),
        ("ketersediaan", AVAILABILITY[words.language.code][product.availability]),
    ] + [("sertifikasi", words.certification(c)) for c in product.certifications]
    meta = [("harga", words.price(product)),
            ("jarpuk", f"{product.producer.name} · {jarpuk.name}"), ("kategori_id", product.category.id)]
    if card.thumb:  # the finder shows the card's photo as the listings do: WebP by width, its real size
        thumb, path = card.thumb, site_path(site_url)
        meta += [("image", path + thumb.src),
                 ("image_webp", " | ".join(f"{path}{u} {w}w" for u, w in thumb.srcset)),
                 ("image_size", f"{thumb.width}x{thumb.height}")]
    # Values go in as they are shown: each pair has its own attribute,
    # written "key:value", and Pagefind splits an attribute on commas only
    # before its first colon (the list of keys), never in the value after
    # it (checked against Pagefind 1.5 in tests/test_finder.py). English
    # prices keep their thousands separators ("IDR 750,000"), and a name
    # with a comma stays one value.
    return {"filters": filters, "meta": meta, "sort": [("nama", str(card.name).lower())]}


def price_band(price: int | None, words: Wording) -> str:
    """The finder's price filter value of a price, in the page's language."""
    t = words.t
    if price is None:
        return t["band_on_request"]
    money = lambda amount: rupiah(amount, words.locale)  # noqa: E731
    low = 0
    for limit in PRICE_BANDS:
        if price < limit:
            return t["band_below"].format(a=money(limit)) if low == 0 else t["band_between"].format(
                a=money(low), b=money(limit).replace("IDR ", "").replace("Rp ", ""))
        low = limit
    return t["band_above"].format(a=money(low))


def site_path(site_url: str) -> str:
    """The path the site is served under ("/" at a domain's root)."""
    path = urlparse(site_url).path if site_url else "/"
    return path if path.endswith("/") else path + "/"
