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

from asppuk.catalog.model import Catalog, Product
from asppuk.catalog.problems import Problem
from asppuk.catalog.text import price_label
from asppuk.workers import process_pool

from .card import SPLIT, CardText, cached_card, card_key
from .convert import ImageSettings
from .pipeline import ImageCache, Rendition, RunStats, process


@dataclass
class PhotoSet:
    renditions: dict[Path, Rendition] = field(default_factory=dict)
    cards: dict[str, Path] = field(default_factory=dict)  # product key -> card file
    problems: list[Problem] = field(default_factory=list)
    stats: RunStats = field(default_factory=RunStats)
    cards_drawn: int = 0
    cards_cached: int = 0
    cards_seconds: float = 0.0  # drawing them, on every core
    _drawing: tuple | None = field(default=None, repr=False)  # (pool, futures, started) while cards are drawn

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


def card_text(product: Product) -> CardText:
    return CardText(
        title=product.name,
        price=price_label(product.price, product.price_max),
        place=f"{product.producer.name} · {product.jarpuk.name}, {product.jarpuk.province}",
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
) -> PhotoSet:
    """Photos rendered (or found in the cache) and a card for every product.
    With ``background``, missing cards are still being drawn on return:
    their paths are known, and ``PhotoSet.finish()`` waits for them."""
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
        _cards(catalog, cache_root / "cards", result, workers, background)
    result.seconds = time.perf_counter() - started
    return result


def _card_batch(jobs: list[tuple[str, CardText, str | None, str | None]]) -> int:
    return sum(_card_job(job)[2] for job in jobs)


def _cards(catalog: Catalog, root: Path, result: PhotoSet, workers: int | None, background: bool) -> None:
    """Every product's card path (known from what it shows, before it is drawn),
    and the drawing of the missing ones: now, or in the background."""
    jobs = []
    wanted: set[str] = set()
    for product in catalog.products:
        photos = result.photos_of(product)
        rendition = photos[0][0] if photos else None
        # the card's photo panel is 592 px wide: the smallest variant that covers it
        photo = rendition.at_least(SPLIT).path if rendition else None
        text = card_text(product)
        key = card_key(text, rendition.key if rendition else None)
        wanted.add(f"{key}.jpg")
        path = root / key[:2] / f"{key}.jpg"
        result.cards[product.key] = path
        if path.exists():
            result.cards_cached += 1
        else:
            jobs.append((str(root), text, photo, rendition.key if rendition else None))
    # prune cards no product asks for any more
    if root.is_dir():
        for bucket in root.iterdir():
            for card in bucket.iterdir() if bucket.is_dir() else ():
                if card.name not in wanted:
                    card.unlink(missing_ok=True)
    if not jobs:
        return
    started = time.perf_counter()
    if len(jobs) < 8 or workers == 1:
        result.cards_drawn = sum(_card_job(job)[2] for job in jobs)
        result.cards_seconds = time.perf_counter() - started
        return
    # On every core, at low priority: the build that renders pages meanwhile
    # keeps its core, and the cards take whatever is left
    pool = process_pool(workers, nice=10)
    size = max(16, min(256, len(jobs) // (4 * (os.cpu_count() or 1))))
    futures = [pool.submit(_card_batch, jobs[i:i + size]) for i in range(0, len(jobs), size)]
    result._drawing = (pool, futures, started)
    if not background:
        result.finish()
