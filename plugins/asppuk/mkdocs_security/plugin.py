"""MkDocs plugin ``asppuk-security``: no script from content, a CSP on every page.

Hooks, in the order MkDocs calls them:

- ``on_startup``: remember whether we serve (show problems, keep serving)
  or build (refuse to publish).
- ``on_pre_build``: start a build with no problems.
- ``on_files``: every Markdown page (content, stories) is bounded in size,
  its front matter is safe YAML with keys of ours only, and its Markdown
  within the limits that keep Python-Markdown fast
  (:mod:`asppuk.security.content`), before MkDocs reads it; no other file
  of ``content/`` is HTML, JavaScript or a scripted SVG, and none is a
  symbolic link: a build stops, ``mkdocs serve`` leaves the file out.
- ``on_config``: every Markdown conversion of the build ends with the
  allowlist cleaner (:mod:`asppuk.security.sanitise`): pages, translations,
  and the excerpts Material's blog renders for its listings.
- ``on_page_markdown`` / ``on_page_content``: what the cleaner dropped from
  a page (news, stories, reports, the about pages) becomes a problem at its
  file and line, shown above the cleaned content; ``mkdocs build`` then
  fails (``on_post_build``) listing every problem, and ``mkdocs serve``
  keeps serving.
- ``on_page_markdown`` also marks the page's own conversion for
  :class:`asppuk.links.LinkCollector`: a link or image whose target the
  site does not have (MkDocs' ``validation.links`` rules, and files named
  by raw HTML) becomes a problem at its file and line in Indonesian,
  logged before MkDocs' own English warning; ``mkdocs build`` then fails
  (``on_post_build``), as ``make check`` does.
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

import hashlib
import logging
import os
import re
from pathlib import Path

from markdown import Markdown
from markupsafe import escape
from mkdocs.plugins import BasePlugin, event_priority

from asppuk.contracts import at
from asppuk.datafiles.problems import Problem, display_path
from asppuk.filemodes import write_public
from asppuk.images.metadata import STRIP, without_metadata
from asppuk.links import LinkCollector, PageSource, Validation, body_line, built_elsewhere, link_problems
from asppuk.mkdocs_news.plugin import is_post
from asppuk.mkdocs_problems import report_problems
from asppuk.news import FeedSettings, feed_problems
from asppuk.security.content import read_markdown, static_file_problems
from asppuk.security.csp import (
    ShipsScripts,
    foreign_scripts,
    inline_script_hashes,
    script_sources,
    scripts_in,
    with_policy,
)
from asppuk.security.markup import locate
from asppuk.security.sanitise import SanitiseExtension
from asppuk.security.uploads import kind_of

log = logging.getLogger("mkdocs.plugins.asppuk.security")
# Material's partials that write inline scripts (its small bootstrap code)
THEME_SCRIPTS = tuple(f"partials/javascripts/{name}.html"
                      for name in ("base", "palette", "content", "announce", "outdated", "consent"))
# Material's one script file (base.html names it with its hash)
THEME_BUNDLE = re.compile(r"assets/javascripts/bundle\.[0-9a-f]+\.min\.js")


class SecurityPlugin(BasePlugin):
    supports_multiple_instances = False

    def __init__(self):
        self.serving = False
        self._env = None
        self._context: dict = {}
        self._allowed: dict[str, list[str]] = {}
        self._scripts: list[str] = []  # full addresses of the site's script files
        self._problems: list[Problem] = []
        self._rendering = None  # the page whose Markdown is being converted
        self._dropped: list = []  # what the cleaner dropped from it
        self._linking = None  # (page, config, files) until the page's own conversion hands over its links

    def on_startup(self, *, command, dirty):
        self.serving = command == "serve"

    # -- PageProblemCollector (asppuk.contracts) --
    def page_problems(self) -> list[Problem]:
        return list(self._problems)

    def add_page_problems(self, problems: list[Problem]) -> None:
        self._problems += problems

    def on_config(self, config):
        config.markdown_extensions.append(SanitiseExtension(sink=self._heard))
        # last of the extensions: its tree processor runs right before MkDocs' (same priority)
        config.markdown_extensions.append(LinkCollector(sink=self._links))

    def _heard(self, html, findings) -> None:
        if self._rendering is not None:  # a page's own conversion (an excerpt repeats its post's)
            self._dropped += findings

    @event_priority(at("asppuk-security", "on_page_markdown"))  # contracts.ORDER
    def on_page_markdown(self, markdown, *, page, config, files):
        self._rendering, self._dropped = page, []
        title = page.meta.get("title")
        if isinstance(title, str) and is_post(page, config):
            # Material's blog shows a post's title as a Markdown heading above its
            # excerpt: the title is checked as that heading (make check does the same)
            Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs).convert(f"# {title}")
        # the next conversion is the page's own (MkDocs converts right after this hook)
        self._linking = (page, config, files) if not page.file.inclusion.is_excluded() else None
        return markdown

    def _links(self, links) -> None:
        """The links of a conversion: judged for the page's own, not for an
        excerpt or a title; a missing target is said in Indonesian at its
        line, before MkDocs' English warning, and fails the build."""
        if self._linking is None:
            return
        (page, config, files), self._linking = self._linking, None
        file = page.file
        if file.abs_src_path and os.path.isfile(file.abs_src_path):
            source, shown = file.content_string, display_path_of(file.abs_src_path, config)
        else:  # generated from data that has no Markdown of its own
            source, shown = page.markdown or "", file.src_uri
        levels = config.validation.links
        blog = config.plugins.get("material/blog")
        problems = link_problems(
            links, PageSource(file.src_uri, page.url, shown, source, display_path_of(config.docs_dir, config)),
            files.src_uris, Validation(levels.not_found, levels.unrecognized_links, levels.absolute_links),
            unknown=built_elsewhere(blog.config.blog_dir if blog is not None else None),
            first_line=body_line(source) if file.abs_src_path else 1)
        if not problems:
            return
        self._problems += problems
        if self.serving:
            report_problems(problems, "Halaman", serving=True, log=log)
        else:  # listed again when the build fails (on_post_build), with every other problem
            for problem in problems:
                log.error(str(problem))

    @event_priority(at("asppuk-security", "on_page_content"))  # contracts.ORDER
    def on_page_content(self, html, *, page, config, files):
        found, self._rendering, self._dropped, self._linking = self._dropped, None, [], None
        feed = config.plugins.get("rss")
        feed_post = feed is not None and is_post(page, config)  # mkdocs-rss-plugin writes its own summary
        if not found and not feed_post:
            return html
        file = page.file
        if file.abs_src_path and os.path.isfile(file.abs_src_path):
            source = file.content_string
            shown = display_path_of(file.abs_src_path, config)
        else:  # generated from data that has no Markdown of its own
            source, shown = page.markdown or "", file.src_uri
        problems = sorted({Problem(shown, locate(source, f.needle), f.message) for f in found})
        if feed_post:
            settings = FeedSettings(feed.config.abstract_chars_count, feed.config.abstract_delimiter)
            problems += feed_problems(page.markdown or "", page.meta.get("description"), source, shown, settings)
        if not problems:
            return html
        # What is shown is the cleaned HTML, even by a build that is about to
        # fail; the build fails once every page is checked, with all problems
        self._problems += problems
        if self.serving:
            report_problems(problems, "Halaman", serving=True, log=log)
        items = "".join(f"<li><code>{escape(p.path)}:{p.line}</code> {escape(p.message)}</li>" for p in problems)
        return (f'<div class="admonition danger"><p class="admonition-title">Bagian halaman ini dihapus</p>'
                f'<ul>{items}</ul></div>{html}')

    def on_pre_build(self, *, config):
        self._problems = []

    @event_priority(at("asppuk-security", "on_files"))  # contracts.ORDER
    def on_files(self, files, *, config):
        problems, unsafe = [], []
        docs = os.path.realpath(config.docs_dir)
        own = {str(getattr(x, "path", x)) for x in [*config.extra_css, *config.extra_javascript]}
        own |= {str(config.theme[key]) for key in ("logo", "favicon") if config.theme.get(key)}
        for file in files:
            if not file.abs_src_path:
                continue  # generated by a plugin
            in_docs = Path(file.abs_src_path).is_relative_to(config.docs_dir)
            page = file.is_documentation_page()
            if not (page or in_docs):
                continue  # the theme's and the plugins' own files (10,000 cards from the cache)
            if not os.path.isfile(file.abs_src_path):
                continue  # generated by a plugin
            if not page and file.inclusion.is_excluded():
                continue  # never copied to the site (MkDocs' exclude_docs: dotfiles such as .authors.yml)
            shown = display_path_of(file.abs_src_path, config)
            # content/ as it is in the repository: a symbolic link (to the file or a folder above it)
            # would publish whatever it points to
            # (measured from where the file is: a translation, x.en.md, is published elsewhere)
            linked = (file.src_path and in_docs
                      and os.path.realpath(file.abs_src_path)
                      != os.path.join(docs, os.path.relpath(file.abs_src_path, config.docs_dir)))
            if page:
                _, found = read_markdown(Path(file.abs_src_path), shown)
                found = static_file_problems(Path(file.abs_src_path), shown, linked=True) if linked else found
            else:
                found = static_file_problems(Path(file.abs_src_path), shown, linked=linked,
                                             own=in_docs and file.src_uri in own)
            if found:
                problems += found
                unsafe.append(file)
            elif not page and in_docs:
                self._publish_without_metadata(file, config)
        report_problems(problems, "Halaman", serving=self.serving, log=log)
        for file in unsafe:  # serving: left out, the rest is built
            files.remove(file)
        return files

    @staticmethod
    def _publish_without_metadata(file, config) -> None:
        """A photo uploaded into content/ is published from a copy without its
        EXIF (where it was taken, the camera), kept in the cache by content."""
        kind = kind_of(Path(file.abs_src_path))
        if kind not in STRIP:
            return
        data = Path(file.abs_src_path).read_bytes()
        clean = without_metadata(data, kind)  # checked readable by static_file_problems
        if clean == data:
            return
        folder = Path(os.path.dirname(config.config_file_path), ".cache", "asppuk", "uploads")
        copy = folder / f"{hashlib.sha256(clean).hexdigest()[:32]}{Path(file.abs_src_path).suffix.lower()}"
        if not copy.is_file():
            folder.mkdir(parents=True, exist_ok=True)
            write_public(copy, clean)
        file.abs_src_path = str(copy)

    def on_env(self, env, *, config, files):  # after every page's Markdown is rendered
        self._env, self._allowed = env, {}
        if config.site_url:
            self._scripts = script_sources(config.site_url, self._site_scripts(config, files))
        else:  # a CSP source names a file by its full address: without one, the site's own origin
            self._scripts = ["'self'"]
            if not self.serving:
                log.warning("site_url is not set in mkdocs.yml: the Content-Security-Policy cannot name the "
                            "site's script files and allows every file of the site's address instead")
        return env

    @staticmethod
    def _site_scripts(config, files) -> list[str]:
        """The script files pages may load: Material's bundle, ``extra_javascript``,
        and what the plugins that ship scripts declare (:class:`ShipsScripts`)."""
        docs = Path(config.docs_dir)
        paths = [f.src_uri for f in files
                 if THEME_BUNDLE.fullmatch(f.src_uri) and not Path(f.abs_src_path or docs).is_relative_to(docs)]
        paths += [str(getattr(script, "path", script)) for script in config.extra_javascript]
        for plugin in config.plugins.values():
            if isinstance(plugin, ShipsScripts):
                paths += plugin.script_paths()
        return sorted(set(paths))

    def on_post_build(self, *, config):
        if not self.serving:  # serve has shown each problem as it was found
            report_problems(self._problems, "Halaman", serving=False, log=log)

    @event_priority(at("asppuk-security", "on_page_context"))  # contracts.ORDER
    def on_page_context(self, context, *, page, config, nav):
        self._context = context
        return context

    @event_priority(at("asppuk-security", "on_template_context"))  # contracts.ORDER
    def on_template_context(self, context, *, template_name, config):
        self._context = context
        return context

    @event_priority(at("asppuk-security", "on_post_page"))  # contracts.ORDER
    def on_post_page(self, output, *, page, config):
        if not output.strip():  # MkDocs writes no empty page (the catalogue's helper process builds it)
            return output
        return self._protect(output, page.file.src_uri, config, page.url)

    @event_priority(at("asppuk-security", "on_post_template"))  # contracts.ORDER
    def on_post_template(self, output_content, *, template_name, config):
        if not template_name.endswith(".html"):
            return output_content
        return self._protect(output_content, template_name, config, template_name)

    def _protect(self, html: str, name: str, config, url: str) -> str:
        # serving: live reload's own inline script must run (see csp.PREVIEW)
        found = scripts_in(html)
        html, blocked = with_policy(html, self._theme_scripts(config), self._scripts, self.serving, found)
        problems = []
        if blocked:
            problems.append(Problem(
                name, 1, f"halaman memuat {len(blocked)} skrip yang bukan dari tema (diblokir oleh "
                "Content-Security-Policy). Periksa data yang tampil di halaman ini."))
        foreign = foreign_scripts(html, url, config.site_url, self._scripts, found) if config.site_url else []
        if foreign:
            shown = ", ".join(f"`{src[:80]}`" for src in foreign[:3])
            problems.append(Problem(
                name, 1, f"halaman memuat skrip dari luar berkas skrip situs ({shown}); "
                "Content-Security-Policy memblokirnya. Periksa data dan templat halaman ini."))
        if problems:
            self._problems += problems
            if self.serving:
                report_problems(problems, "Halaman", serving=True, log=log)
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
