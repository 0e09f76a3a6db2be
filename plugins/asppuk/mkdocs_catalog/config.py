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
