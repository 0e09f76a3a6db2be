from mkdocs.config import config_options as opt
from mkdocs.config.base import Config


class CatalogConfig(Config):
    enabled = opt.Type(bool, default=True)
    # Folder with the catalogue data, relative to mkdocs.yml
    data_dir = opt.Type(str, default="products")
    # Products per listing page (category and region pages)
    per_page = opt.Type(int, default=24)
    # Related products on a product page
    related = opt.Type(int, default=4)
    # Rendered photos and preview cards, relative to mkdocs.yml (git-ignored)
    cache_dir = opt.Type(str, default=".cache/asppuk")
    # Widths (px) of the WebP variants of every product photo (see asppuk.images.convert)
    image_widths = opt.ListOfItems(opt.Type(int), default=[480, 960])
    # Larger source photos are refused with a message
    max_image_mb = opt.Type(int, default=25)
    # A 1200x630 og:image card for every product
    social_cards = opt.Type(bool, default=True)
    # The languages the catalogue is published in: Indonesian (the data's own)
    # and English (under en/, from the *_en fields; see asppuk.languages)
    languages = opt.ListOfItems(opt.Choice(["id", "en"]), default=["id", "en"])
    # From this many catalogue pages on, a second process builds half of them
    # beside MkDocs (see mkdocs_catalog/parallel.py); 0: always, -1: never
    parallel_pages = opt.Type(int, default=1000)
    # ... and up to this many: the helper shares the build's memory only until
    # it touches it, so it costs about as much again (100,000 products: 1.2 GB
    # each, over the 2 GB budget with Pagefind); larger sites build in one process
    parallel_max_pages = opt.Type(int, default=40_000)
    # Catalogue pages of one kind in one folder are rendered into a skeleton
    # of Material's page made once (see mkdocs_catalog/skeleton.py), after the
    # first this many of them, rendered in full, came out the same; 0: never
    skeleton_checks = opt.Type(int, default=2)
