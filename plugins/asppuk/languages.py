"""The site's languages: Indonesian, the original, and English for buyers abroad.

One build writes both. Indonesian pages keep their addresses; English pages
live under ``en/``, with English words in their paths. What differs between
the two is declared here (codes, Babel locales, address prefixes, the
section names of the paths); words of the interface live with the pages
that print them (:mod:`asppuk.catalog.labels`). No MkDocs.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Language:
    code: str  # BCP 47, as in <html lang>: "id", "en"
    locale: str  # Babel's: numbers, money and dates
    og_locale: str  # Open Graph's: id_ID, en_GB
    prefix: str  # where its pages live: "" or "en/"
    name: str  # in itself, for the language switch
    sections: dict[str, str]  # Indonesian path section -> this language's

    def path(self, section: str) -> str:
        """``path("produk")`` -> ``"en/products"`` (a section of the site in this language)."""
        return self.prefix + self.sections.get(section, section)


INDONESIAN = Language("id", "id_ID", "id_ID", "", "Bahasa Indonesia", {})
ENGLISH = Language("en", "en_GB", "en_GB", "en/", "English", {
    "produk": "products",
    "kategori": "category",
    "cari": "search",
    "daftar-tanya": "inquiry-list",
    "halaman": "page",
    "wilayah": "regions",
    "jarpuk": "networks",
    "katalog": "catalogue",
    "produsen": "makers",
    "tentang": "about",
    "anggota": "members",
    "angka": "figures",
    "cerita": "stories",
    "berita": "news",
    "laporan": "reports",
})
LANGUAGES = {language.code: language for language in (INDONESIAN, ENGLISH)}
DEFAULT = INDONESIAN


def language_of(url: str) -> Language:
    """The language of a page from its address (``en/...`` is English)."""
    return ENGLISH if url.startswith(ENGLISH.prefix) else INDONESIAN
