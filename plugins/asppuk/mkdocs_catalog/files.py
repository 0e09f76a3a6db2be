"""The files the catalogue adds to the site (``on_files``).

Besides one generated page per catalogue page: the exports (JSON, CSV and
the JSON schema), the product feeds for Google Merchant Center and Meta's
catalogue, the spreadsheet template staff fill in, the catalogue's own
stylesheet and script, and every photo variant and preview card, from the
build cache.
"""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.structure.files import File

from asppuk.catalog import urls
from asppuk.catalog.feeds import write_feeds
from asppuk.catalog.pages import PageSpec
from asppuk.catalog.structured import write_catalog_csv, write_catalog_json
from asppuk.datafiles.schema import schema_text
from asppuk.images.publish import PhotoSet, page_card_text
from asppuk.languages import LANGUAGES
from asppuk.staff.sheets import template_workbook

from .structure import CachedFile, CatalogPage

STYLESHEET = "assets/asppuk/catalog.css"
SCRIPT = "assets/asppuk/inquiry.js"
ASSETS = os.path.join(os.path.dirname(__file__), "assets")


def add_exports(files, config, catalog, photos: PhotoSet, languages: list, cache_dir: Path) -> None:
    """The catalogue as JSON and CSV (with the JSON's schema), the product
    feeds, and the spreadsheet template staff download to prepare a JarPUK's
    product list."""
    exports = cache_dir / "exports"
    exports.mkdir(parents=True, exist_ok=True)
    site_url = config.site_url or ""
    for uri, write in ((urls.EXPORT_JSON, write_catalog_json), (urls.EXPORT_CSV, write_catalog_csv)):
        path = exports / os.path.basename(uri)
        with open(path, "w", encoding="utf-8", newline="") as out:
            write(out, catalog, site_url, photos)
        files.append(File.generated(config, uri, abs_src_path=str(path)))
    files.append(File.generated(config, urls.EXPORT_SCHEMA, content=schema_text("export")))
    for uri, path in write_feeds(cache_dir / "feeds", catalog, site_url, photos, languages).items():
        files.append(File.generated(config, uri, abs_src_path=str(path)))
    template = exports / os.path.basename(urls.SHEET_TEMPLATE)
    if not template.exists():
        template_workbook(template)
    files.append(File.generated(config, urls.SHEET_TEMPLATE, abs_src_path=str(template)))


def add_assets(files, config) -> None:
    for uri in (STYLESHEET, SCRIPT):
        files.append(File.generated(config, uri, abs_src_path=os.path.join(ASSETS, os.path.basename(uri))))


def add_pages(files, config, specs: dict[str, PageSpec], titles: dict[str, str]) -> None:
    """One generated file and page for each spec (kept out of the navigation)."""
    for src_uri, spec in specs.items():
        file = CatalogPage.file_for(config, src_uri)
        CatalogPage(spec, file, config, nav_title=titles.get(src_uri))  # sets file.page
        files.append(file)


def plan_page_cards(specs: dict[str, PageSpec], photos: PhotoSet) -> None:
    """Every other catalogue page's card (listings, JarPUK, producers...):
    one per text, so the pages of one listing share their first page's card."""
    for spec in specs.values():
        if spec.share is not None:
            path = photos.plan_card(page_card_text(spec.share, LANGUAGES[spec.lang]), None, None)
            if path is not None:
                photos.page_cards[spec.url] = path


def add_photos_and_cards(files, config, photos: PhotoSet) -> list[CachedFile]:
    """Identical photos (or cards) share one content-addressed file,
    hard-linked from the cache into the site. Returns the cards still being
    drawn: linked once drawn (``on_post_build``)."""
    assets = {
        urls.photo(r.key, v.width, v.format): v.path for r in photos.renditions.values() for v in r.variants
    }
    assets.update({urls.card(card.stem): str(card) for card in photos.cards.values()})
    assets.update({urls.card(card.stem): str(card) for card in photos.page_cards.values()})
    pending = []
    for uri, path in assets.items():
        file = CachedFile.generated(config, uri, abs_src_path=path)
        if photos.drawing and not os.path.exists(path):
            file.pending = True
            pending.append(file)
        files.append(file)
    return pending
