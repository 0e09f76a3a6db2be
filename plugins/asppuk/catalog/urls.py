"""Where each catalogue page lives. One place, so links never disagree.

All URLs are site-relative with a trailing slash (directory URLs); the source
URI of a generated page is its URL plus ``index.md``.
"""

from __future__ import annotations

CATALOGUE = "produk/"
INQUIRY = "produk/daftar-tanya/"
FINDER = "produk/cari/"
EXPORT_JSON = "produk/katalog.json"
EXPORT_CSV = "produk/katalog.csv"
EXPORT_SCHEMA = "produk/katalog.schema.json"
SHEET_TEMPLATE = "produk/template-produk.xlsx"
PAGE_SEGMENT = "halaman"


def product(jarpuk_id: str, product_id: str) -> str:
    return f"produk/{jarpuk_id}/{product_id}/"


def jarpuk(jarpuk_id: str) -> str:
    return f"jarpuk/{jarpuk_id}/"


def jarpuk_print(jarpuk_id: str) -> str:
    """The printable catalogue of one JarPUK, for trade fairs."""
    return f"jarpuk/{jarpuk_id}/katalog/"


def jarpuk_index() -> str:
    return "jarpuk/"


def producer(jarpuk_id: str, producer_id: str) -> str:
    return f"produsen/{jarpuk_id}/{producer_id}/"


def category(category_id: str, page: int = 1) -> str:
    return _paged(f"produk/kategori/{category_id}/", page)


def region(region_id: str, page: int = 1) -> str:
    return _paged(f"wilayah/{region_id}/", page)


def region_index() -> str:
    return "wilayah/"


def absolute(site_url: str, url: str) -> str:
    """Full address of a site URL (for feeds, exports, WhatsApp messages)."""
    return f"{site_url.rstrip('/')}/{url}" if site_url else f"/{url}"


def source_uri(url: str) -> str:
    return f"{url}index.md"


def _paged(base: str, page: int) -> str:
    return base if page <= 1 else f"{base}{PAGE_SEGMENT}/{page}/"


def photo(key: str, width: int, fmt: str) -> str:
    """A rendered product photo; content-addressed, so it can be cached forever."""
    return f"assets/foto/{key[:20]}/{width}.{'webp' if fmt == 'webp' else 'jpg'}"


def card(key: str) -> str:
    """A social preview card (og:image)."""
    return f"assets/kartu/{key[:20]}.jpg"
