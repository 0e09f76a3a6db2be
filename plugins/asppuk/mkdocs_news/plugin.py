"""MkDocs plugin ``asppuk-news``: news posts checked before Material's blog reads them.

- ``on_startup``: remember whether we serve (show problems, keep serving)
  or build (refuse to publish).
- ``on_files`` (before the blog plugin): check every post with
  :func:`asppuk.news.check_posts`: front matter (safe YAML, its schema,
  authors, categories), size and Markdown limits, and addresses shared by
  two posts. A build stops with every problem in Indonesian; ``mkdocs
  serve`` logs them and leaves the broken posts out, so that the blog
  (whose own messages are in English, and which stops at the first) builds
  the rest.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from mkdocs.plugins import BasePlugin, event_priority

from asppuk.languages import translation_original
from asppuk.mkdocs_problems import report_problems
from asppuk.news import BlogSettings, check_posts

log = logging.getLogger("mkdocs.plugins.asppuk.news")


class NewsPlugin(BasePlugin):
    supports_multiple_instances = False

    def __init__(self):
        self.serving = False

    def on_startup(self, *, command, dirty):
        self.serving = command == "serve"

    @event_priority(60)  # before the blog plugin (-50) reads the posts
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
        posts, problems = check_posts(settings, Path(os.path.dirname(config.config_file_path)))
        report_problems(problems, "Berita", serving=self.serving, log=log)
        if problems:  # serving: build the rest of the site without the broken posts
            good = {str(post.file) for post in posts}
            for file in list(files.documentation_pages()):
                path = file.abs_src_path or ""
                if Path(path).is_relative_to(settings.posts_dir) and path not in good and not translation_original(path):
                    files.remove(file)
        return files
