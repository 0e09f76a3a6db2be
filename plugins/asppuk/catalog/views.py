"""The small objects catalogue templates read: a photo, a contact box, a
pager, a product card, a printed address. Already formatted, so templates
stay free of logic."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from asppuk.languages import INDONESIAN, Language

from . import urls
from .labels import localized
from .model import Product
from .text import price_label

if TYPE_CHECKING:  # the image pipeline is optional: pages work without photos
    from asppuk.images.pipeline import Rendition


@dataclass(slots=True)
class PhotoView:
    """One photo as an <img> with a srcset of its WebP variants, size, alt, loading."""

    alt: str
    width: int
    height: int
    srcset: list[tuple[str, int]]  # (url, width)
    src: str  # for browsers without srcset: the largest variant
    sizes: str
    lazy: bool

    @classmethod
    def of(cls, rendition: Rendition, alt: str, sizes: str, lazy: bool, max_width: int | None = None) -> PhotoView:
        # up to max_width, but never none: a small source has only small variants
        found = rendition.of("webp")
        variants = [v for v in found if max_width is None or v.width <= max_width] or found[:1]
        # width/height (the layout box) and the plain src come from the largest
        largest = variants[-1]
        return cls(alt, largest.width, largest.height,
                   [(urls.photo(rendition.key, v.width, v.format), v.width) for v in variants],
                   urls.photo(rendition.key, largest.width, largest.format), sizes, lazy)


@dataclass(slots=True)
class ContactLink:
    kind: str  # whatsapp, tel, email
    label: str
    href: str


@dataclass(slots=True)
class ContactView:
    """Who a buyer reaches for a product, and how."""

    name: str
    own: bool  # the producer herself (with consent), or her JarPUK
    links: list[ContactLink]
    heading: str = ""
    note: tuple[str, str] | None = None  # who receives the message: the words before and after the name


@dataclass(slots=True)
class Pager:
    page: int
    pages: int
    kind: str  # "category" or "region"
    key: str
    lang: Language = INDONESIAN

    def url(self, page: int) -> str:
        if self.kind == "category":
            return urls.category(self.key, page, self.lang)
        return urls.region(self.key, page, self.lang)

    @property
    def previous(self) -> str | None:
        return self.url(self.page - 1) if self.page > 1 else None

    @property
    def next(self) -> str | None:
        return self.url(self.page + 1) if self.page < self.pages else None

    @property
    def numbers(self) -> list[tuple[int, str] | None]:
        """First, last and the pages around this one; None marks a gap (…)."""
        keep = {1, self.pages, *range(self.page - 2, self.page + 3)}
        shown: list[tuple[int, str] | None] = []
        for n in sorted(k for k in keep if 1 <= k <= self.pages):
            if shown and shown[-1] is not None and n - shown[-1][0] > 1:
                shown.append(None)
            shown.append((n, self.url(n)))
        return shown


class Card:
    """What a product tile in a listing shows, in one language."""

    # A card is kept for every product in each language for the whole build:
    # what is quick to work out again (its address, its line) is not stored
    __slots__ = ("product", "language", "name", "price", "thumb")

    def __init__(self, product: Product, thumb: PhotoView | None, language: Language, on_request: str):
        self.product = product
        self.language = language
        self.name = localized(language, product.name, product.name_en)
        self.price = price_label(product.price, product.price_max, language.locale, on_request)
        self.thumb = thumb

    @property
    def url(self) -> str:
        return urls.product(self.product.jarpuk.id, self.product.id, self.language)

    @property
    def subtitle(self) -> str:
        return f"{self.product.producer.name} · {self.product.jarpuk.name}"

    @property
    def category_id(self) -> str:
        return self.product.category.id


def url_parts(url: str) -> list[str]:
    """A URL as people type it, in parts: ``https://www.x.id/produk/a/b/`` ->
    ``["www.x.id", "produk", "a", "b"]`` (printed with a line break allowed
    only after each slash)."""
    return [part for part in url.split("://", 1)[-1].split("/") if part]
