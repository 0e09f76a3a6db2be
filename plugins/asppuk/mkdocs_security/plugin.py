"""MkDocs plugin ``asppuk-security``: no script from content, a CSP on every page.

Hooks, in the order MkDocs calls them:

- ``on_startup``: remember whether we serve (show problems, keep serving)
  or build (refuse to publish).
- ``on_pre_build``: start a build with no problems.
- ``on_files``: every Markdown page (content, stories) is bounded in size,
  its front matter is safe YAML and its Markdown within the limits that
  keep Python-Markdown fast (:mod:`asppuk.security.content`), before MkDocs
  reads it: a build stops, ``mkdocs serve`` leaves the page out.
- ``on_page_content``: the HTML MkDocs rendered from a Markdown page (news,
  stories, reports, the about pages) may hold no script, event handler,
  ``javascript:`` link or frame (:mod:`asppuk.security.markup`). Such a
  page is written with the problem in place of its content; ``mkdocs
  build`` then fails (``on_post_build``) listing every problem with file
  and line, and ``mkdocs serve`` keeps serving.
- ``on_page_context`` / ``on_template_context``: keep the context the page
  renders with.
- ``on_post_page`` / ``on_post_template``: put the page's
  Content-Security-Policy in its ``<head>`` (:mod:`asppuk.security.csp`).
  It allows, by hash, the inline scripts that Material's script partials
  render for this page's context (they differ only by ``base_url``, so once
  per folder depth), and nothing else inline. Any other inline script in a
  page (data that slipped past escaping, a template that grew a script) is
  a problem: the build stops.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from markupsafe import escape
from mkdocs.plugins import BasePlugin, event_priority

from asppuk.catalog.problems import display_path
from asppuk.mkdocs_problems import report_problems
from asppuk.catalog.problems import Problem
from asppuk.security.content import read_markdown
from asppuk.security.csp import inline_script_hashes, with_policy
from asppuk.security.markup import problems_in

log = logging.getLogger("mkdocs.plugins.asppuk.security")
# Material's partials that write inline scripts (its small bootstrap code)
THEME_SCRIPTS = tuple(f"partials/javascripts/{name}.html"
                      for name in ("base", "palette", "content", "announce", "outdated", "consent"))


class SecurityPlugin(BasePlugin):
    supports_multiple_instances = False

    def __init__(self):
        self.serving = False
        self._env = None
        self._context: dict = {}
        self._allowed: dict[str, list[str]] = {}
        self._problems: list[Problem] = []

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
        # Nothing unsafe is written, even by a build that is about to fail;
        # the build fails once every page is checked, with all problems
        self._problems += problems
        if self.serving:
            report_problems(problems, "Halaman", serving=True, log=log)
        items = "".join(f"<li><code>{escape(p.path)}:{p.line}</code> {escape(p.message)}</li>" for p in problems)
        return f'<div class="admonition danger"><p class="admonition-title">Halaman ini tidak ditampilkan</p><ul>{items}</ul></div>'

    def on_pre_build(self, *, config):
        self._problems = []

    @event_priority(-90)  # after every plugin has added its pages, before MkDocs reads any
    def on_files(self, files, *, config):
        problems, unsafe = [], []
        for file in files.documentation_pages():
            if file.abs_src_path and os.path.isfile(file.abs_src_path):
                text, found = read_markdown(Path(file.abs_src_path), display_path_of(file.abs_src_path, config))
                if text is None:
                    problems += found
                    unsafe.append(file)
        report_problems(problems, "Halaman", serving=self.serving, log=log)
        for file in unsafe:  # serving: left out, the rest is built
            files.remove(file)
        return files

    def on_env(self, env, *, config, files):  # after every page's Markdown is rendered
        self._env, self._allowed = env, {}
        return env

    def on_post_build(self, *, config):
        if not self.serving:  # serve has shown each problem as it was found
            report_problems(self._problems, "Halaman", serving=False, log=log)

    @event_priority(-100)  # last: the context as the page renders with it
    def on_page_context(self, context, *, page, config, nav):
        self._context = context
        return context

    @event_priority(-100)
    def on_template_context(self, context, *, template_name, config):
        self._context = context
        return context

    @event_priority(-100)  # last: the page as it is written
    def on_post_page(self, output, *, page, config):
        return self._protect(output, page.file.src_uri, config)

    @event_priority(-100)
    def on_post_template(self, output_content, *, template_name, config):
        if not template_name.endswith(".html"):
            return output_content
        return self._protect(output_content, template_name, config)

    def _protect(self, html: str, name: str, config) -> str:
        html, blocked = with_policy(html, self._theme_scripts(config))
        if blocked:
            self._problems.append(Problem(
                name, 1, f"halaman memuat {len(blocked)} skrip yang bukan dari tema (diblokir oleh "
                "Content-Security-Policy). Periksa data yang tampil di halaman ini."))
            if self.serving:
                report_problems(self._problems[-1:], "Halaman", serving=True, log=log)
        return html

    def _theme_scripts(self, config) -> list[str]:
        """Hashes of the inline scripts Material's partials render in this context."""
        key = self._context.get("base_url", "")
        found = self._allowed.get(key)
        if found is None:
            context = {**self._context, "features": config.theme.get("features") or []}
            html = "".join(self._env.get_template(name).render(context) for name in THEME_SCRIPTS)
            found = self._allowed[key] = inline_script_hashes(html)
        return found


def display_path_of(path: str, config) -> str:
    return display_path(Path(path), Path(os.path.dirname(config.config_file_path)))
