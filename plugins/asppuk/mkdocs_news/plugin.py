"""MkDocs plugin ``asppuk-news``: news posts checked before Material's blog reads them.

- ``on_startup``: remember whether we serve (show problems, keep serving)
  or build (refuse to publish).
- ``on_page_content``, just before mkdocs-rss-plugin's (-75): a post's title
  is the text of its ``# `` heading, which MkDocs keeps as HTML
  (``Tenun &amp; Batik``); the feed escapes it once more, so readers showed
  ``&amp;``. The feed gets the plain text; ``on_page_context`` gives the
  HTML back before any template prints it (Material's blog templates print
  the title unescaped).
- ``on_files`` (before the blog plugin): check every post with
  :func:`asppuk.news.check_posts`: front matter (safe YAML, its schema,
  authors, categories), size and Markdown limits, and addresses shared by
  two posts. A build stops with every problem in Indonesian; ``mkdocs
  serve`` logs them and leaves the broken posts out, so that the blog
  (whose own messages are in English, and which stops at the first) builds
  the rest.
"""

from __future__ import annotations

import html
import logging
import os
from pathlib import Path

from mkdocs.plugins import BasePlugin, event_priority

from asppuk.contracts import at
from asppuk.languages import translation_original
from asppuk.mkdocs_problems import report_problems
from asppuk.news import BlogSettings, check_posts

log = logging.getLogger("mkdocs.plugins.asppuk.news")


class NewsPlugin(BasePlugin):
    supports_multiple_instances = False

    def __init__(self):
        self.serving = False
        # BlogSettingsSource (asppuk.contracts): the blog's settings once
        # on_files has run, None without the blog (asppuk-admin offers the authors)
        self.settings: BlogSettings | None = None
        self._titles: dict[int, str] = {}  # id(page) -> its title as HTML, while the feed reads it

    def on_startup(self, *, command, dirty):
        self.serving = command == "serve"

    @event_priority(at("asppuk-news", "on_files"))  # contracts.ORDER
    def on_files(self, files, *, config):
        blog = config.plugins.get("material/blog")
        if blog is None:
            return files
        docs = Path(config.docs_dir)
        settings = BlogSettings(
            posts_dir=docs / blog.config.post_dir.format(blog=blog.config.blog_dir),
            authors_file=docs / blog.config.authors_file.format(blog=blog.config.blog_dir),
            blog_dir=blog.config.blog_dir.strip("/"),
            categories=tuple(blog.config.categories_allowed or ()),
            url_format=blog.config.post_url_format,
        )
        self.settings = settings
        posts, problems = check_posts(settings, Path(os.path.dirname(config.config_file_path)))
        report_problems(problems, "Berita", serving=self.serving, log=log)
        if problems:  # serving: build the rest of the site without the broken posts
            good = {str(post.file) for post in posts}
            for file in list(files.documentation_pages()):
                path = file.abs_src_path or ""
                if Path(path).is_relative_to(settings.posts_dir) and path not in good and not translation_original(path):
                    files.remove(file)
        return files

    @event_priority(at("asppuk-news", "on_page_content"))  # contracts.ORDER
    def on_page_content(self, html_text, *, page, config, files):
        title = getattr(page, "_title_from_render", None)  # MkDocs 1.6: the heading's text, as HTML
        if title and is_post(page, config) and html.unescape(title) != title:
            self._titles[id(page)] = title
            page._title_from_render = html.unescape(title)
        return html_text

    @event_priority(at("asppuk-news", "on_page_context"))  # contracts.ORDER
    def on_page_context(self, context, *, page, config, nav):
        title = self._titles.pop(id(page), None)
        if title is not None:
            page._title_from_render = title
        return context


def is_post(page, config) -> bool:
    """A news post of Material's blog (its translations are published elsewhere, as pages)."""
    blog = config.plugins.get("material/blog")
    if blog is None:
        return False
    posts = blog.config.post_dir.format(blog=blog.config.blog_dir).strip("/") + "/"
    return page.file.src_uri.startswith(posts)
