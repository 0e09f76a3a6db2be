"""Where each catalogue page lives, in each language. One place, so links never disagree.

All URLs are site-relative with a trailing slash (directory URLs); the source
URI of a generated page is its URL plus ``index.md``. Indonesian pages keep
the addresses they always had; English pages live under ``en/`` with English
words (``en/products/sintang/kain-kebat/``): ids stay as they are, so a page
and its translation differ only by their prefix and section names.
"""

from __future__ import annotations

from asppuk.languages import DEFAULT, Language

EXPORT_JSON = "produk/katalog.json"
EXPORT_CSV = "produk/katalog.csv"
EXPORT_SCHEMA = "produk/katalog.schema.json"
SHEET_TEMPLATE = "produk/template-produk.xlsx"
L = Language  # short, for the signatures below


def catalogue(lang: L = DEFAULT) -> str:
    return f"{lang.path('produk')}/"


def inquiry(lang: L = DEFAULT) -> str:
    return f"{lang.path('produk')}/{lang.sections.get('daftar-tanya', 'daftar-tanya')}/"


def finder(lang: L = DEFAULT) -> str:
    return f"{lang.path('produk')}/{lang.sections.get('cari', 'cari')}/"


def product(jarpuk_id: str, product_id: str, lang: L = DEFAULT) -> str:
    return f"{lang.path('produk')}/{jarpuk_id}/{product_id}/"


def jarpuk(jarpuk_id: str, lang: L = DEFAULT) -> str:
    return f"{lang.path('jarpuk')}/{jarpuk_id}/"


def jarpuk_print(jarpuk_id: str, lang: L = DEFAULT) -> str:
    """The printable catalogue of one JarPUK, for trade fairs."""
    return f"{lang.path('jarpuk')}/{jarpuk_id}/{lang.sections.get('katalog', 'katalog')}/"


def jarpuk_index(lang: L = DEFAULT) -> str:
    return f"{lang.path('jarpuk')}/"


def producer(jarpuk_id: str, producer_id: str, lang: L = DEFAULT) -> str:
    return f"{lang.path('produsen')}/{jarpuk_id}/{producer_id}/"


def category(category_id: str, page: int = 1, lang: L = DEFAULT) -> str:
    return _paged(f"{lang.path('produk')}/{lang.sections.get('kategori', 'kategori')}/{category_id}/", page, lang)


def region(region_id: str, page: int = 1, lang: L = DEFAULT) -> str:
    return _paged(f"{lang.path('wilayah')}/{region_id}/", page, lang)


def region_index(lang: L = DEFAULT) -> str:
    return f"{lang.path('wilayah')}/"


def absolute(site_url: str, url: str) -> str:
    """Full address of a site URL (for feeds, exports, WhatsApp messages)."""
    return f"{site_url.rstrip('/')}/{url}" if site_url else f"/{url}"


def source_uri(url: str) -> str:
    return f"{url}index.md"


def _paged(base: str, page: int, lang: L) -> str:
    return base if page <= 1 else f"{base}{lang.sections.get('halaman', 'halaman')}/{page}/"


def photo(key: str, width: int, fmt: str) -> str:
    """A rendered product photo; content-addressed, so it can be cached forever."""
    return f"assets/foto/{key[:20]}/{width}.{'webp' if fmt == 'webp' else 'jpg'}"


def card(key: str) -> str:
    """A social preview card (og:image)."""
    return f"assets/kartu/{key[:20]}.jpg"
