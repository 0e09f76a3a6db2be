"""Where the catalogue's generated pages meet the site's navigation.

They are not in it (a navigation of thousands of pages makes MkDocs
quadratic), so the "Produk" tab is lit by hand while one renders, and a
page the ``nav`` setting names keeps its title there.
"""

from __future__ import annotations

CATALOGUE_HOME = "produk/index.md"


def catalogue_tab(nav):
    """The top-level navigation item that holds the catalogue home."""
    for item in nav.items:
        for page_item in _pages(item):
            if page_item.file.src_uri == CATALOGUE_HOME:
                return item
    return None


def nav_titles(items):
    """(path, title) for each page the ``nav`` setting names with a title:
    MkDocs keeps a page object that exists before the navigation is built,
    title included, so the catalogue's own pages take the nav title here."""
    for item in items:
        if isinstance(item, dict):
            for title, value in item.items():
                if isinstance(value, str):
                    yield value, title
                else:
                    yield from nav_titles(value)
        elif isinstance(item, list):
            yield from nav_titles(item)


def _pages(item):
    if getattr(item, "is_page", False):
        yield item
    for child in getattr(item, "children", None) or []:
        yield from _pages(child)
