"""Text that data files bring to pages: safe Markdown and Indonesian numbers.

Descriptions and bios come from staff-edited YAML. They are rendered as
Markdown and then cleaned by nh3 (the Rust ammonia sanitiser), so raw HTML,
event handlers and ``javascript:`` links never reach a page as live markup.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import markdown
import nh3
from babel.numbers import format_currency, format_decimal
from markupsafe import Markup

from .textstore import TextStore

LOCALE = "id_ID"

_ALLOWED_TAGS = {
    "p", "br", "strong", "em", "b", "i", "ul", "ol", "li", "blockquote",
    "a", "code", "pre", "h3", "h4", "h5", "hr", "table", "thead", "tbody",
    "tr", "th", "td",
}
_ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
_URL_SCHEMES = {"http", "https", "mailto", "tel"}

_EXTENSIONS = ["tables", "sane_lists"]
_md = markdown.Markdown(extensions=_EXTENSIONS, output_format="html")
# What shapes Markdown's HTML for a text: converted text is kept under it
SIGNATURE = f"markdown {markdown.__version__}; {', '.join(_EXTENSIONS)}; html"
_store: TextStore | None = None


def keep_converted_text(path: Path | None) -> TextStore | None:
    """Keep what Markdown gives in a store at ``path`` between builds (None: no store)."""
    global _store
    if _store is not None:
        _store.close()
    _store = TextStore(path, SIGNATURE) if path is not None else None
    render_markdown.cache_clear()
    return _store


@lru_cache(maxsize=2048)  # a page asks for the same text as HTML and as plain text
def render_markdown(text: str | None) -> Markup:
    """Markdown as sanitised HTML, marked safe for the (escaping) templates.

    Markdown's HTML may come from the store of converted text (a warm build
    converts nothing); it is sanitised here either way."""
    if not text:
        return Markup("")
    store = _store
    html = None
    if store is not None:
        key = store.key(text)
        html = store.get(key)
    if html is None:
        html = _md.reset().convert(text)
        if store is not None:
            store.put(key, html)
    return Markup(nh3.clean(
        html,
        tags=_ALLOWED_TAGS,
        attributes=_ALLOWED_ATTRIBUTES,
        url_schemes=_URL_SCHEMES,
        link_rel="noopener nofollow",
    ))


# What could make the cleaner drop something: raw HTML, an image, a link (its address)
_MAY_DROP = ("<", "![", "](", "]:")


def text_problem(text: str | None) -> str | None:
    """What :func:`render_markdown` would drop from the Markdown ``text`` (a
    description, a bio), in Indonesian; None when nothing is dropped. Raw
    HTML, images and links to other than http, https, mailto and tel lose
    content there; a text without any of them is let through unread."""
    if not text or not any(mark in text for mark in _MAY_DROP):
        return None
    import html5lib

    html = _md.reset().convert(text)
    cleaned = str(render_markdown(text))

    def content(markup: str) -> tuple[str, list[str], list[str]]:
        root = html5lib.parseFragment(markup, treebuilder="etree", namespaceHTMLElements=False)
        words = " ".join("".join(root.itertext()).split())
        tags = [str(e.tag).rsplit("}", 1)[-1] for e in root.iter() if isinstance(e.tag, str)]
        links = [e.get("href") for e in root.iter() if e.get("href") is not None]
        return words, tags, links

    words, tags, links = content(html)
    kept_words, kept_tags, kept_links = content(cleaned)
    gone = [tag for tag in dict.fromkeys(tags) if tag not in kept_tags and tag in ("img", "script", "style",
                                                                                    "iframe", "video", "object")]
    if gone:
        return (f"teks ini berisi {', '.join(f'<{t}>' for t in gone)} yang tidak ditampilkan di halaman (gambar, "
                "skrip dan sematan tidak dipakai dalam deskripsi). Hapus bagian itu; foto produk dicantumkan di "
                "`images:`.")
    if words != kept_words or len(links) != len(kept_links):
        return ("sebagian teks ini tidak akan ditampilkan (tag HTML, atau tautan yang bukan ke alamat https://, "
                "http://, mailto: atau tel:). Tulis teks biasa dengan Markdown: **tebal**, *miring*, daftar, "
                "dan tautan `[teks](https://…)`.")
    return None


def plain_text(text: str | None, limit: int = 500) -> str:
    """Plain text of a Markdown field, from its *sanitised* HTML (for meta tags and JSON-LD)."""
    import html as _html
    import re

    stripped = re.sub(r"<[^>]+>", " ", render_markdown(text))
    return " ".join(_html.unescape(stripped).split())[:limit]


@lru_cache(maxsize=8192)  # prices repeat across cards, facts and JSON-LD
def rupiah(amount: int, locale: str = LOCALE) -> str:
    """``750000`` -> ``Rp 750.000`` (Indonesian), ``IDR 750,000`` (English:
    the currency's code, which buyers abroad know, and their own grouping)."""
    if locale == LOCALE:
        return format_currency(amount, "IDR", locale=LOCALE, format="¤ #,##0", currency_digits=False)
    return f"IDR {format_decimal(amount, locale=locale)}"


@lru_cache(maxsize=4096)  # Babel takes ~50 µs a call; quantities repeat on every page
def number(value: int, locale: str = LOCALE) -> str:
    """``2633`` -> ``2.633`` (Indonesian), ``2,633`` (English)."""
    return format_decimal(value, locale=locale)


def price_label(price: int | None, price_max: int | None, locale: str = LOCALE,
                on_request: str = "Harga: hubungi kami") -> str:
    if price is None:
        return on_request
    if price_max and price_max > price:
        return f"{rupiah(price, locale)} – {rupiah(price_max, locale)}"
    return rupiah(price, locale)
