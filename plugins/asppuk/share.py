"""Share previews of every page: what Open Graph and Twitter tags say, and the
card (og:image) of pages that are not the catalogue's (no MkDocs import).

The catalogue plans its own pages' cards (products, listings, JarPUK,
producers: :mod:`asppuk.images.publish`). Every other page (home, about
pages, news posts and the blog's lists, stories and books, reports, the
member directory, figures) gets a card here, drawn with the same drawer
(:func:`asppuk.images.card.draw_card`): a kicker naming the kind of page
(``Berita``, ``Cerita``...), the title, a second line (a post's date, a
story's author) and a third (a post's categories, a book's name). Without a
photo the art panel shows the ASPPUK mark; a news post shows its first image
when it has one (a JPEG, PNG or WebP of the site itself).

Cards are content-addressed (a hash of what they show and of the photo's
bytes) in their own cache folder, drawn in a worker pool beside the build,
and hard-linked into the site: a warm build draws none. Cards no page asked
for in a build are deleted from the cache at its end.

Everything on a card and in the tags is plain text from front matter, data
files and titles: the card drawer draws text, and the template escapes it.
"""

from __future__ import annotations

import hashlib
import html
import posixpath
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from asppuk.images.card import CardText, cached_card, card_key
from asppuk.languages import ENGLISH, INDONESIAN, Language
from asppuk.workers import process_pool

# Under the kicker: the ASPPUK's full name (a name, the same in both languages)
SITE_LINE = "ASPPUK · Asosiasi Pendamping Perempuan Usaha Kecil"
# The kind of page, by the first folder of its address (English pages: under en/)
KICKERS = {
    INDONESIAN.code: {"berita": "Berita", "cerita": "Cerita", "laporan": "Laporan", "tentang": "Tentang ASPPUK",
                      "angka": "Angka jaringan", "": "ASPPUK"},
    ENGLISH.code: {"news": "News", "stories": "Story", "reports": "Report", "about": "About ASPPUK",
                   "figures": "ASPPUK in figures", "": "ASPPUK"},
}
PHOTO_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp")
MAX_PHOTO_BYTES = 25 * 2**20  # a post's image larger than this is not read for its card
DESCRIPTION_CHARS = 200

_PARAGRAPH = re.compile(r"<p\b[^>]*>(.*?)</p>", re.S | re.I)
_TAG = re.compile(r"<[^>]*>")
_IMG = re.compile(r"<img\b[^>]*?\bsrc\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s>]+)", re.I)


def kicker(url: str, language: Language) -> str:
    """The kind of page a card names above its title, from its address."""
    path = url[len(ENGLISH.prefix):] if language is ENGLISH and url.startswith(ENGLISH.prefix) else url
    section = path.split("/", 1)[0] if "/" in path else ""
    words = KICKERS[language.code]
    return words.get(section, words[""])


def plain(text: str) -> str:
    """``text`` without markup, entities decoded, whitespace collapsed."""
    return " ".join(html.unescape(_TAG.sub(" ", text)).split())


def first_paragraph(content: str | None, limit: int = DESCRIPTION_CHARS) -> str:
    """The first paragraph of a page's HTML with text in it, as plain text, cut at a word."""
    for match in _PARAGRAPH.finditer(content or ""):
        text = plain(match.group(1))
        if len(text) >= 20:
            return shorten(text, limit)
    return ""


def shorten(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,.;:")
    return cut + "…"


def first_image(content: str | None, page_url: str) -> str | None:
    """The site path (``berita/foto.jpg``) of the first ``<img>`` of a page's
    HTML that is a photo of the site itself (not an address elsewhere)."""
    for match in _IMG.finditer(content or ""):
        src = html.unescape(match.group(1).strip("\"'"))
        parts = urlsplit(src)
        if parts.scheme or parts.netloc or not parts.path or parts.path.startswith("/"):
            continue  # another site, or an absolute path: not ours to read
        path = posixpath.normpath(posixpath.join(posixpath.dirname(page_url.rstrip("/") + "/x"), unquote(parts.path)))
        if path.startswith("..") or not path.lower().endswith(PHOTO_SUFFIXES):
            continue
        return path
    return None


def photo_key(path: Path) -> str | None:
    """A hash of a photo's bytes (the card is redrawn when the photo changes);
    None when it cannot be read or is too large to be a card's."""
    try:
        if path.stat().st_size > MAX_PHOTO_BYTES:
            return None
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def page_card_text(*, language: Language, kicker: str, title: str, second: str = "", place: str = "") -> CardText:
    """A card with the ASPPUK mark (or a photo) for a page that is not the catalogue's."""
    return CardText(title=title, price=second, place=place, site=SITE_LINE, kicker=kicker, art="brand")


def card_alt(text: CardText) -> str:
    head = f"{text.kicker}: {text.title}" if text.kicker else text.title
    rest = ", ".join(part for part in (text.price, text.place) if part)
    return f"{head} ({rest})" if rest else head


def share_context(*, kind: str, title: str, description: str, url: str, site_name: str, language: Language,
                  image: str | None, alt: str | None) -> dict:
    """What ``partials/asppuk-share.html`` prints for a page (plain text: the template escapes it)."""
    from asppuk.images.card import SIZE

    other = ENGLISH if language is INDONESIAN else INDONESIAN
    return {"type": kind, "title": title, "description": description, "url": url, "site_name": site_name,
            "locale": language.og_locale, "locale_alternate": other.og_locale,
            "image": image, "alt": alt, "width": SIZE[0], "height": SIZE[1]}


def _draw(job: tuple[str, CardText, str | None, str | None]) -> bool:
    root, text, photo, key = job
    try:
        return cached_card(Path(root), text, Path(photo) if photo else None, key)[1]
    except Exception:  # noqa: BLE001 - a photo Pillow cannot read: the card, under its name, without it
        return _draw_without_photo(Path(root), text, key)


def _draw_without_photo(root: Path, text: CardText, key: str | None) -> bool:
    from asppuk.filemodes import write_public
    from asppuk.images.card import draw_card

    name = card_key(text, key)
    path = root / name[:2] / f"{name}.jpg"
    path.parent.mkdir(parents=True, exist_ok=True)
    write_public(path, draw_card(text, None))
    return True


@dataclass
class PageCards:
    """Cards of the pages of one build: planned as pages render (the path is
    known at once), drawn in a pool beside the build, waited for at its end."""

    root: Path
    workers: int | None = None
    wanted: dict[str, Path] = field(default_factory=dict)  # key -> cached path
    drawn: int = 0
    cached: int = 0
    seconds: float = 0.0
    _pool: object = None
    _futures: list = field(default_factory=list)
    _started: float = 0.0

    def request(self, text: CardText, photo: Path | None = None) -> Path:
        """The cached path of the card showing ``text`` (and ``photo``), drawn
        in the background if the cache lacks it."""
        key_of_photo = photo_key(photo) if photo is not None else None
        if key_of_photo is None:
            photo = None
        key = card_key(text, key_of_photo)
        path = self.root / key[:2] / f"{key}.jpg"
        if key in self.wanted:
            return path
        self.wanted[key] = path
        if path.exists():
            self.cached += 1
            return path
        if self._pool is None:
            self._pool = process_pool(self.workers, nice=10)
            self._started = time.perf_counter()
        self._futures.append(self._pool.submit(_draw, (str(self.root), text, str(photo) if photo else None,
                                                       key_of_photo)))
        return path

    def finish(self, cancel: bool = False) -> None:
        pool, futures = self._pool, self._futures
        self._pool, self._futures = None, []
        if pool is None:
            return
        try:
            if cancel:
                for future in futures:
                    future.cancel()
            else:
                self.drawn += sum(bool(future.result()) for future in futures)
                self.seconds += time.perf_counter() - self._started
        finally:
            pool.shutdown(wait=True, cancel_futures=cancel)

    def prune(self) -> int:
        """Delete cached cards no page of this build asked for."""
        keep = {path.name for path in self.wanted.values()}
        removed = 0
        if self.root.is_dir():
            for bucket in self.root.iterdir():
                for card in bucket.iterdir() if bucket.is_dir() else ():
                    if card.name not in keep:
                        card.unlink(missing_ok=True)
                        removed += 1
        return removed


def absolute(site_url: str, path: str) -> str:
    return f"{(site_url or '/').rstrip('/')}/{path}"
