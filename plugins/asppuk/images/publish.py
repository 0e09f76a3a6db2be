"""Photos and preview cards for a whole catalogue, with problems for staff.

Joins the catalogue model and the image pipeline: every photo a product
names is rendered (or found in the cache), every product gets a preview
card, and a photo that cannot be used becomes a problem at the line of the
product file that names it.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from pathlib import Path

from asppuk.catalog.labels import labels
from asppuk.catalog.model import Catalog, Product
from asppuk.catalog.text import price_label
from asppuk.datafiles.problems import Problem
from asppuk.languages import ENGLISH, INDONESIAN, LANGUAGES, Language
from asppuk.workers import process_pool

from .card import SITE_EN, SITE_ID, SPLIT, CardText, cached_card, card_key
from .convert import ImageSettings
from .pipeline import ImageCache, Rendition, RunStats, process


@dataclass
class PhotoSet:
    renditions: dict[Path, Rendition] = field(default_factory=dict)
    # (product key, language code) -> card file; and more cards (listings) by page address
    cards: dict[tuple[str, str], Path] = field(default_factory=dict)
    page_cards: dict[str, Path] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    stats: RunStats = field(default_factory=RunStats)
    cards_drawn: int = 0
    cards_cached: int = 0
    cards_seconds: float = 0.0  # drawing them, on every core
    _drawing: tuple | None = field(default=None, repr=False)  # (pool, futures, started) while cards are drawn
    _card_jobs: dict[str, tuple] = field(default_factory=dict, repr=False)  # key -> job, planned, not drawn yet
    _card_root: Path | None = field(default=None, repr=False)

    @property
    def drawing(self) -> bool:
        """Are cards still being drawn (``publish_photos(background=True)``)?"""
        return self._drawing is not None

    def finish(self, cancel: bool = False) -> None:
        """Wait for the cards being drawn (or drop them: ``cancel``)."""
        if self._drawing is None:
            return
        pool, futures, started = self._drawing
        self._drawing = None
        try:
            if cancel:
                for future in futures:
                    future.cancel()
            else:
                self.cards_drawn = sum(future.result() for future in futures)
                self.cards_seconds = time.perf_counter() - started
        finally:
            pool.shutdown(wait=True, cancel_futures=cancel)
    seconds: float = 0.0

    def photos_of(self, product: Product) -> list[tuple[Rendition, str]]:
        """(rendition, alt) for each photo of ``product`` that could be rendered."""
        return [(self.renditions[i.path], i.alt) for i in product.images if i.path in self.renditions]

    def plan_card(self, text: CardText, photo: Path | None, photo_key: str | None) -> Path | None:
        """The path of the card that shows ``text`` (and the photo), known before
        it is drawn; it is drawn by ``draw_cards`` unless the cache has it
        (None: this set makes no cards)."""
        root = self._card_root
        if root is None:
            return None
        key = card_key(text, photo_key)
        path = root / key[:2] / f"{key}.jpg"
        if key not in self._card_jobs:
            self._card_jobs[key] = (str(root), text, str(photo) if photo else None, photo_key)
        return path

    def draw_cards(self, workers: int | None = None, background: bool = False) -> None:
        """Every planned card that the cache lacks, drawn now or in the background;
        cards no page asks for any more are deleted from the cache."""
        root, planned = self._card_root, self._card_jobs
        self._card_jobs = {}
        if root is None:
            return
        jobs = []
        wanted = {f"{key}.jpg" for key in planned}
        for key, job in planned.items():
            if (root / key[:2] / f"{key}.jpg").exists():
                self.cards_cached += 1
            else:
                jobs.append(job)
        # prune cards no page asks for any more
        if root.is_dir():
            for bucket in root.iterdir():
                for card in bucket.iterdir() if bucket.is_dir() else ():
                    if card.name not in wanted:
                        card.unlink(missing_ok=True)
        if not jobs:
            return
        started = time.perf_counter()
        if len(jobs) < 8 or workers == 1:
            self.cards_drawn = sum(_card_job(job)[2] for job in jobs)
            self.cards_seconds = time.perf_counter() - started
            return
        # On every core, at low priority: the build that renders pages meanwhile
        # keeps its core, and the cards take whatever is left
        pool = process_pool(workers, nice=10)
        size = max(16, min(256, len(jobs) // (4 * (os.cpu_count() or 1))))
        futures = [pool.submit(_card_batch, jobs[i:i + size]) for i in range(0, len(jobs), size)]
        self._drawing = (pool, futures, started)
        if not background:
            self.finish()


def card_text(product: Product, language: Language = INDONESIAN) -> CardText:
    """What a product's card says, in the language of the page that shows it
    (an English page: the English name when there is one, the price as
    ``IDR 750,000``)."""
    place = f"{product.producer.name} · {product.jarpuk.name}, {product.jarpuk.province}"
    if language is INDONESIAN:  # exactly as before: the Indonesian cards keep their names
        return CardText(title=product.name, price=price_label(product.price, product.price_max), place=place)
    return CardText(
        title=product.name_en or product.name,
        price=price_label(product.price, product.price_max, language.locale, labels(language)["price_on_request"]),
        place=place,
        site=SITE_EN,
    )


def _card_job(args: tuple[str, CardText, str | None, str | None]) -> tuple[str, str, bool]:
    root, text, photo, photo_key = args
    path, drawn = cached_card(Path(root), text, Path(photo) if photo else None, photo_key)
    return text.title, str(path), drawn


def publish_photos(
    catalog: Catalog,
    cache_root: Path,
    settings: ImageSettings | None = None,
    *,
    cards: bool = True,
    workers: int | None = None,
    background: bool = False,
    languages: tuple[str, ...] = (INDONESIAN.code,),
    draw: bool = True,
) -> PhotoSet:
    """Photos rendered (or found in the cache) and a card for every product
    in every language. With ``background``, missing cards are still being
    drawn on return: their paths are known, and ``PhotoSet.finish()`` waits
    for them. With ``draw=False`` the cards are only planned: more can be
    planned (``plan_card``) before ``draw_cards`` draws them all."""
    started = time.perf_counter()
    settings = settings or ImageSettings()
    result = PhotoSet()
    sources = [image.path for product in catalog.products for image in product.images]
    result.renditions, failures, result.stats = process(
        sources, ImageCache(cache_root / "images", settings), workers=workers
    )
    for product in catalog.products:
        for image in product.images:
            if image.path in failures:
                result.problems.append(Problem(product.source, image.line, f"foto `{image.src}`: {failures[image.path]}"))
    if cards:
        result._card_root = cache_root / "cards"
        _plan_product_cards(catalog, result, [LANGUAGES[code] for code in languages])
        if draw:
            result.draw_cards(workers, background)
    result.seconds = time.perf_counter() - started
    return result


def _card_batch(jobs: list[tuple[str, CardText, str | None, str | None]]) -> int:
    return sum(_card_job(job)[2] for job in jobs)


def _plan_product_cards(catalog: Catalog, result: PhotoSet, languages: list[Language]) -> None:
    for product in catalog.products:
        photos = result.photos_of(product)
        rendition = photos[0][0] if photos else None
        # the card's photo panel is 592 px wide: the smallest variant that covers it
        photo = rendition.at_least(SPLIT).path if rendition else None
        for language in languages:
            path = result.plan_card(card_text(product, language), photo, rendition.key if rendition else None)
            result.cards[product.key, language.code] = path


def page_card_text(share: tuple[str, str, str, str], language: Language) -> CardText:
    """The card of a catalogue page that is not a product's (``PageSpec.share``): the woven pattern."""
    kicker, title, second, place = share
    return CardText(title=title, price=second, place=place, site=SITE_EN if language is ENGLISH else SITE_ID,
                    kicker=kicker)


def card_alt(text: CardText) -> str:
    """What a card shows, in words, for its ``og:image:alt``."""
    head = f"{text.kicker}: {text.title}" if text.kicker else text.title
    rest = ", ".join(part for part in (text.price, text.place) if part)
    return f"{head} ({rest})" if rest else head
