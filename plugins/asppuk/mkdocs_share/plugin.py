"""MkDocs plugin ``asppuk-share``: a share preview for every page, in its language.

WhatsApp, Facebook and X show a shared link by its Open Graph tags (X by
its own ``twitter:`` tags). Every page gets them (the partial
``partials/asppuk-share.html``, included by our ``main.html`` in the block
``asppuk_share`` at the end of ``site_meta``), from the ``share`` this
plugin puts in the page's context:

- ``og:title``, ``og:description`` (the page's description, else its first
  paragraph, else the site's), ``og:url`` (the canonical address at
  ``site_url``), ``og:type`` (``product`` for a product, ``article`` for a
  news post, a story or a report, else ``website``), ``og:locale`` and
  ``og:locale:alternate`` (``asppuk.languages``), ``og:site_name``;
- ``og:image`` (absolute, 1200×630 JPEG, with its width, height, type and
  alt) and the same for X, with ``twitter:card`` ``summary_large_image``.

The catalogue's pages bring their ``share`` (``asppuk-catalog`` makes it
with :func:`asppuk.share.share_context` and plans their cards; they may be
rendered by its helper process, which must not draw). Every other page's card is drawn
here (:class:`asppuk.share.PageCards`) as the page renders, in a worker
pool beside the build, and linked into ``assets/kartu/`` when the build
ends.

Hooks: ``on_config`` (the cache folder), ``on_pre_build`` (a new set of
cards), ``on_env`` (the file list, to find a post's image),
``on_page_context`` (after asppuk-theme, which sets the page's language and
canonical address), ``on_post_build`` (wait for the cards, link them, prune
the cache), ``on_build_error`` (stop the pool).
"""

from __future__ import annotations

import logging
import os
from datetime import date, datetime
from pathlib import Path

from babel.dates import format_date
from mkdocs.config import config_options as opt
from mkdocs.config.base import Config
from mkdocs.plugins import BasePlugin, event_priority

from asppuk.catalog import urls
from asppuk.contracts import at
from asppuk.languages import ENGLISH, LANGUAGES, language_of
from asppuk.linkfiles import link_or_copy
from asppuk.mkdocs_catalog.structure import CatalogPage
from asppuk.share import (
    SITE_LINE,
    PageCards,
    absolute,
    card_alt,
    first_image,
    first_paragraph,
    kicker,
    page_card_text,
    plain,
    share_context,
)

log = logging.getLogger("mkdocs.plugins.asppuk.share")
ARCHIVE_WORDS = {"Archive": {"id": "Arsip", "en": "Archive"}, "Category": {"id": "Kategori", "en": "Category"}}


class ShareConfig(Config):
    enabled = opt.Type(bool, default=True)
    cache_dir = opt.Type(str, default=".cache/asppuk/page-cards")
    workers = opt.Optional(opt.Type(int))


class SharePlugin(BasePlugin[ShareConfig]):
    supports_multiple_instances = False

    def __init__(self):
        self.cards: PageCards | None = None
        self.links: dict[str, Path] = {}  # site path -> cached card
        self._files = None

    def on_config(self, config):
        self._site_description = config.site_description
        self.root = Path(os.path.dirname(config.config_file_path), self.config.cache_dir)

    def on_pre_build(self, *, config):
        self.cards = PageCards(self.root, self.config.workers)
        self.links = {}

    def on_env(self, env, *, config, files):
        self._files = files
        return env

    @event_priority(at("asppuk-share", "on_page_context"))  # contracts.ORDER
    def on_page_context(self, context, *, page, config, nav):
        if not self.config.enabled or page is None:
            return context
        if context.get("share") or isinstance(page, CatalogPage):
            # a catalogue page: asppuk-catalog makes its tags and plans its card (in this
            # process, or in its helper process, which renders it instead: nothing to do here)
            return context
        language = LANGUAGES.get(context.get("page_language")) or language_of(page.url)
        site_url = config.site_url or ""
        home = page.url in ("", ENGLISH.prefix)
        title = plain(str(page.meta.get("title") or page.title or config.site_name))
        if home:
            title = SITE_LINE
        description = plain(str(page.meta.get("description") or "")) or first_paragraph(page.content) \
            or plain(config.site_description or "")
        image = alt = None
        if self.cards is not None:
            text, photo = self._card(page, context, language, title, description, home)
            path = self.cards.request(text, photo)
            site_path = urls.card(path.stem)
            self.links[site_path] = path
            image, alt = absolute(site_url, site_path), card_alt(text)
        share = share_context(kind=self._kind(page, context), title=title, description=description,
                              url=context.get("canonical_url") or absolute(site_url, page.url),
                              site_name=config.site_name, language=language, image=image, alt=alt)
        context["share"] = share
        return context

    @staticmethod
    def _kind(page, context) -> str:
        if _is_post(page) or "story" in context or page.meta.get("report"):
            return "article"
        url = page.url
        for section in ("en/news/", "en/reports/"):  # translations of posts and reports
            if url.startswith(section) and url != section:
                return "article"
        return "website"

    def _card(self, page, context, language, title, description, home):
        """What this page's card shows, and the photo on it (a post's first image)."""
        kind = kicker(page.url, language)
        second = place = ""
        photo = None
        if home:  # the name once, large; then what ASPPUK is (the site's description after its name)
            name, _, rest = SITE_LINE.partition(" · ")
            about = description
            site = plain(self._site_description or "")
            if language is not ENGLISH and site.lower().startswith(rest.lower()):
                about = site[len(rest):].lstrip(" :,")  # "jaringan 58 Ornop di 22 provinsi ..."
            return page_card_text(language=language, kicker=name, title=rest, place=about), None
        if _is_post(page):
            created = _post_date(page)
            if created is not None:
                second = format_date(created, "long", locale=language.locale)
            categories = [getattr(c, "title", c) for c in getattr(page, "categories", [])] or page.meta.get("categories")
            if isinstance(categories, list):
                place = ", ".join(plain(str(c)) for c in categories)
            photo = self._photo(page)
        elif "story" in context:
            story = context["story"]
            second = plain(story.author or "")
            place = plain(story.book.title)
        elif isinstance(context.get("book"), dict):
            book = context["book"]
            second = " · ".join(plain(str(v)) for v in (book.get("publisher"), book.get("year")) if v)
        elif type(page).__name__ in ("Archive", "Category"):  # the blog's lists: "Berita · Arsip"
            kind = f"{kind} · {ARCHIVE_WORDS[type(page).__name__][language.code]}"
        elif page.url.startswith(("en/news/", "berita/")):
            photo = self._photo(page)
        return page_card_text(language=language, kicker=kind, title=title, second=second, place=place), photo

    def _photo(self, page) -> Path | None:
        path = first_image(page.content, page.url)
        file = self._files.get_file_from_path(path) if path and self._files is not None else None
        source = getattr(file, "abs_src_path", None) if file is not None else None
        return Path(source) if source and os.path.isfile(source) else None

    @event_priority(at("asppuk-share", "on_post_build"))  # contracts.ORDER
    def on_post_build(self, *, config):
        cards = self.cards
        if cards is None:
            return
        cards.finish()
        for site_path, cached in self.links.items():
            if cached.exists():
                link_or_copy(str(cached), os.path.join(config.site_dir, site_path))
        pruned = cards.prune()
        log.info(f"page cards: {cards.drawn} drawn in {cards.seconds:.1f} s beside the build, "
                 f"{cards.cached} from cache, {len(self.links)} linked, {pruned} pruned")
        self.cards = None

    def on_build_error(self, *, error):
        if self.cards is not None:
            self.cards.finish(cancel=True)
            self.cards = None


def _is_post(page) -> bool:
    try:
        from material.plugins.blog.structure import Post
    except ImportError:  # Material without its blog
        return False
    return isinstance(page, Post)


def _post_date(page) -> date | None:
    created = getattr(getattr(getattr(page, "config", None), "date", None), "created", None)
    if isinstance(created, datetime):
        return created.date()
    return created if isinstance(created, date) else None
