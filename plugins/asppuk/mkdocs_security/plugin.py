"""MkDocs plugin ``asppuk-security``: no script from content, a CSP on every page.

Hooks, in the order MkDocs calls them:

- ``on_startup``: remember whether we serve (show problems, keep serving)
  or build (refuse to publish).
- ``on_page_content``: the HTML MkDocs rendered from a Markdown page (news,
  stories, reports, the about pages) may hold no script, event handler,
  ``javascript:`` link or frame (:mod:`asppuk.security.markup`). A build
  stops with the file and line; ``mkdocs serve`` shows the problem in place
  of the page's content and keeps serving.
- ``on_post_page`` / ``on_post_template``: put the page's
  Content-Security-Policy in its ``<head>`` (:mod:`asppuk.security.csp`),
  computed from the finished HTML, so every inline script the theme wrote
  is allowed by its hash and nothing else inline runs.
"""

from __future__ import annotations

import logging
import os

from markupsafe import escape
from mkdocs.plugins import BasePlugin, event_priority

from asppuk.catalog.problems import display_path
from asppuk.mkdocs_problems import report_problems
from asppuk.security.csp import with_policy
from asppuk.security.markup import problems_in

log = logging.getLogger("mkdocs.plugins.asppuk.security")


class SecurityPlugin(BasePlugin):
    supports_multiple_instances = False

    def __init__(self):
        self.serving = False

    def on_startup(self, *, command, dirty):
        self.serving = command == "serve"

    def on_page_content(self, html, *, page, config, files):
        file = page.file
        if file.abs_src_path and os.path.isfile(file.abs_src_path):
            source = file.content_string
            shown = display_path_of(file.abs_src_path, config)
        else:  # generated from data that has no Markdown of its own
            source, shown = page.markdown or "", file.src_uri
        problems = problems_in(html, source, shown)
        if not problems:
            return html
        report_problems(problems, "Halaman", serving=self.serving, log=log)
        items = "".join(f"<li><code>{escape(p.path)}:{p.line}</code> {escape(p.message)}</li>" for p in problems)
        return f'<div class="admonition danger"><p class="admonition-title">Halaman ini tidak ditampilkan</p><ul>{items}</ul></div>'

    @event_priority(-100)  # last: the policy hashes the page's final inline scripts
    def on_post_page(self, output, *, page, config):
        return with_policy(output)

    @event_priority(-100)
    def on_post_template(self, output_content, *, template_name, config):
        return with_policy(output_content) if template_name.endswith(".html") else output_content


def display_path_of(path: str, config) -> str:
    from pathlib import Path

    return display_path(Path(path), Path(os.path.dirname(config.config_file_path)))
