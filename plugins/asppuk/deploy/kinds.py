"""What each file of the built site is, for a host that serves files as stored.

An object store sends back the ``Content-Type`` and ``Cache-Control`` it was
given at upload, so both are decided here, from the path alone:

- ``content_type``: an explicit table for every kind the site has (no guess
  from the machine's ``/etc/mime.types``, which differs between machines);
- ``is_immutable``: files whose name changes whenever their bytes change
  (photos and cards named by a hash of their source, Material's hashed
  bundles, Pagefind's hashed index files). They are cached for a year and
  never uploaded twice. Everything else (pages, feeds, exports, unhashed
  scripts) keeps its name across builds and is cached briefly;
- ``phase``: the order of a deploy, so that a visitor never meets a page
  whose assets are not there yet, nor a list (sitemap, feed, search entry)
  that points at a page or index not uploaded yet.
"""

from __future__ import annotations

import posixpath
import re

# Content-addressed files: the name changes with the content. Keep this list
# exact: a file that matches but can change under the same name would be
# served stale for a year (tests build twice and compare).
IMMUTABLE = [
    re.compile(r"assets/foto/[0-9a-f]{20}/\d+\.(?:webp|jpg)"),          # product photos (asppuk.images)
    re.compile(r"assets/kartu/[0-9a-f]{20}\.jpg"),                     # preview cards
    re.compile(r"assets/(?:javascripts|stylesheets)/(?:.+/)?[^/]+\.[0-9a-f]{8}\.min\.(?:js|css)(?:\.map)?"),  # Material
    re.compile(r"pagefind/(?:.+/)?(?:fragment/[^/]+\.pf_fragment|index/[^/]+\.pf_index"
               r"|filter/[^/]+\.pf_filter|pagefind\.[^/]+\.pf_meta)"),  # Pagefind's hashed files
]

# Files that list pages or other files by name: uploaded after what they
# point to (pages, Pagefind's hashed index), so they never point at nothing.
LISTS = [
    re.compile(r"sitemap\.xml(?:\.gz)?"),
    re.compile(r"feed_(?:rss|json)_(?:created|updated)\.(?:xml|json)"),  # mkdocs-rss-plugin
    re.compile(r"pagefind/(?:.+/)?pagefind-entry\.json"),
    re.compile(r"pagefind/asppuk-indexes\.json"),                      # asppuk.search_index: the parts
    re.compile(r"produk/katalog\.(?:json|csv)"),                       # exports name pages and photos
    re.compile(r"(?:produk|en/products)/(?:feed-google\.xml|katalog-meta\.csv|catalog-meta\.csv)"),  # product feeds
]

UTF8 = "; charset=utf-8"
TYPES = {
    ".html": "text/html" + UTF8,
    ".css": "text/css" + UTF8,
    ".js": "text/javascript" + UTF8,
    ".mjs": "text/javascript" + UTF8,
    ".json": "application/json",
    ".map": "application/json",
    ".webmanifest": "application/manifest+json",
    ".xml": "application/xml" + UTF8,
    ".xsl": "text/xsl" + UTF8,
    ".csv": "text/csv" + UTF8,
    ".txt": "text/plain" + UTF8,
    ".md": "text/markdown" + UTF8,
    ".yml": "text/yaml" + UTF8,   # Decap CMS reads admin/config.yml only if the type says yaml
    ".yaml": "text/yaml" + UTF8,
    ".svg": "image/svg+xml",
    ".webp": "image/webp",
    ".avif": "image/avif",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".gif": "image/gif",
    ".ico": "image/x-icon",
    ".woff2": "font/woff2",
    ".woff": "font/woff",
    ".ttf": "font/ttf",
    ".otf": "font/otf",
    ".pdf": "application/pdf",
    ".zip": "application/zip",
    ".gz": "application/gzip",    # sitemap.xml.gz is a gzip file, not gzip-encoded XML
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".ods": "application/vnd.oasis.opendocument.spreadsheet",
    ".wasm": "application/wasm",
    # Pagefind's own files are gzip data that its script inflates itself:
    # served as bytes, never with Content-Encoding (the browser would inflate
    # them first) and never recompressed by a CDN (octet-stream is not)
    ".pagefind": "application/octet-stream",
    ".pf_fragment": "application/octet-stream",
    ".pf_index": "application/octet-stream",
    ".pf_meta": "application/octet-stream",
    ".pf_filter": "application/octet-stream",
}
# Feeds by name: a reader, or a browser with an extension, recognises them by type
NAMED_TYPES = {
    re.compile(r"feed_rss_[^/]+\.xml"): "application/rss+xml" + UTF8,
    re.compile(r"feed_json_[^/]+\.json"): "application/feed+json",
}
UNKNOWN = "application/octet-stream"

CACHE_IMMUTABLE = "public, max-age=31536000, immutable"
CACHE_SHORT = "public, max-age=300"

# Upload order of a deploy; deletions come after the last
PHASES = ("content-addressed files", "other assets", "pages", "lists of pages")
PHASE_IMMUTABLE, PHASE_ASSETS, PHASE_PAGES, PHASE_LISTS = range(4)


def _matches(patterns, path: str) -> bool:
    return any(p.fullmatch(path) for p in patterns)


def is_immutable(path: str) -> bool:
    return _matches(IMMUTABLE, path)


def extension(path: str) -> str:
    name = posixpath.basename(path)
    return name[name.rfind("."):].lower() if "." in name else ""


def content_type(path: str) -> str:
    for pattern, kind in NAMED_TYPES.items():
        if pattern.fullmatch(path):
            return kind
    return TYPES.get(extension(path), UNKNOWN)


def known_type(path: str) -> bool:
    return extension(path) in TYPES or any(p.fullmatch(path) for p in NAMED_TYPES)


def cache_control(path: str, short: str = CACHE_SHORT, immutable: str = CACHE_IMMUTABLE) -> str:
    return immutable if is_immutable(path) else short


def phase(path: str) -> int:
    if is_immutable(path):
        return PHASE_IMMUTABLE
    if _matches(LISTS, path):
        return PHASE_LISTS
    if extension(path) == ".html":
        return PHASE_PAGES
    return PHASE_ASSETS


def is_page(path: str) -> bool:
    """An HTML page, as the mass-deletion guard counts them (a directory key "a/b/" is its page's alias)."""
    return extension(path) == ".html"


def kind_label(path: str) -> str:
    """A short name of the file's kind for reports: 'html', 'webp', 'pf_fragment'..."""
    return extension(path).lstrip(".") or "(none)"
