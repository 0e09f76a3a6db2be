"""MkDocs plugin: story books from ``stories/`` as generated pages.

``/cerita/`` lists every book, ``/cerita/<book>/`` a book with its stories in
order, ``/cerita/<book>/<story>/`` one story with links to its book and to
the previous and next story; a story translated into English (``x.en.md``
beside ``x.md``) also at ``/en/stories/<book>/<story>/``, each page linked
to the other. None of them is listed in the navigation.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, InclusionLevel

from asppuk.catalog import urls as catalog_urls
from asppuk.catalog.text import render_markdown
from asppuk.contracts import CatalogSource, offer
from asppuk.languages import ENGLISH, INDONESIAN
from asppuk.mkdocs_problems import report_problems
from asppuk.mkdocs_theme import add_templates, escape_by_default
from asppuk.stories import INDEX, LABELS, check_references, load_books

log = logging.getLogger("mkdocs.plugins.asppuk.stories")


class StoriesConfig(Config):
    enabled = opt.Type(bool, default=True)
    data_dir = opt.Type(str, default="stories")


class StoriesPlugin(BasePlugin[StoriesConfig]):
    supports_multiple_instances = False

    def __init__(self):
        self.serving = False
        self.views: dict[str, dict] = {}
        self.books: list = []

    def on_startup(self, *, command, dirty):
        self.serving = command == "serve"

    def on_config(self, config):
        self.data_dir = os.path.join(os.path.dirname(config.config_file_path), self.config.data_dir)
        add_templates(config, os.path.join(os.path.dirname(__file__), "templates"))

    def on_env(self, env, *, config, files):
        escape_by_default(env, config)  # our templates escape what they print
        return env

    def on_files(self, files, *, config):
        if not self.config.enabled:
            return
        books, problems = load_books(Path(self.data_dir))
        self.books = books  # BookSource (asppuk.contracts): the editor's story collections
        source = offer(config, CatalogSource)
        catalog = source.catalog if source is not None else None
        if catalog is not None:
            problems += check_references(books, catalog)
            source.clear_mentions()
            for book in books:
                for story in book.stories:
                    for pid in story.producers:
                        source.mention(story.jarpuk, pid, story.title, story.url)
        report_problems(problems, "Cerita", serving=self.serving, log=log)
        self.views = {}
        self._add(files, config, INDEX, "", "asppuk/stories/index.html", "Cerita",
                  {"books": [_book_view(b) for b in books]}, sources=[self.config.data_dir])
        for book in books:
            self._add(files, config, book.url + "index.md", "", "asppuk/stories/book.html", book.title,
                      {"book": _book_view(book), "summary_html": render_markdown(book.summary)},
                      sources=[f"{self.config.data_dir}/{book.id}"])  # its lastmod (asppuk.sitedates)
            translated = [story.translation for story in book.stories if story.translation is not None]
            for stories in (book.stories, translated):
                for index, story in enumerate(stories):
                    neighbours = {
                        "previous": _story_link(stories[index - 1]) if index > 0 else None,
                        "next": _story_link(stories[index + 1]) if index + 1 < len(stories) else None,
                    }
                    counterpart = story.translation if story.language is INDONESIAN else _original(book, story)
                    # Read from the story's own file (MkDocs drops the front matter), so
                    # messages about its Markdown name that file
                    self._add(files, config, story.url + "index.md", None, "asppuk/stories/story.html",
                              story.title, {"story": story, "book_url": book.url, "t": LABELS[story.language.code],
                                            "products": _products(story, catalog), **neighbours,
                                            # a translation links to its original under its heading
                                            "original_url": counterpart.url if story.language is ENGLISH else None},
                              source=story.file, language=story.language.code,
                              alternate=counterpart.url if counterpart is not None else None)
        return files

    def _add(self, files, config, src_uri, content, template, title, context, source=None, language=None,
             alternate=None, sources=None):
        self.views[src_uri] = {"template": template, "title": title, "context": context,
                               "meta": {"language": language, "alternate": alternate, "asppuk_sources": sources}}
        files.append(File.generated(config, src_uri, content=content, abs_src_path=source and str(source),
                                    inclusion=InclusionLevel.NOT_IN_NAV))

    def on_page_markdown(self, markdown, *, page, config, files):
        view = self.views.get(page.file.src_uri)
        if view is not None:
            page.meta.update(title=view["title"], template=view["template"])
            page.meta.update({key: value for key, value in view.get("meta", {}).items() if value is not None})
        return markdown

    def on_page_context(self, context, *, page, config, nav):
        view = self.views.get(page.file.src_uri)
        if view is not None:
            context.update(view["context"])
        return context

    def on_serve(self, server, *, config, builder):
        server.watch(self.data_dir)
        return server


def _products(story, catalog) -> list[dict]:
    """The products a story names (or, failing that, its producers' products)."""
    jarpuk = catalog.jarpuks.get(story.jarpuk) if catalog is not None and story.jarpuk else None
    if jarpuk is None:
        return []
    named = [p for p in jarpuk.products if p.id in story.products]
    if not named:
        named = [p for p in jarpuk.products if p.producer.id in story.producers]
    language = story.language
    return [{"name": p.name_en if language is ENGLISH and p.name_en else p.name,
             "url": catalog_urls.product(jarpuk.id, p.id, language)} for p in named]


def _original(book, translation):
    return next((s for s in book.stories if s.translation is translation), None)


def _story_link(story) -> dict:
    return {"url": story.url, "title": story.title}


def _book_view(book) -> dict:
    return {
        "url": book.url, "title": book.title, "year": book.year, "publisher": book.publisher,
        "summary": book.summary, "editors": book.editors,
        "stories": [
            {"url": s.url, "title": s.title, "author": s.author, "summary": s.summary} for s in book.stories
        ],
    }
