"""MkDocs plugin ``asppuk-theme``: Material, as the site needs it, in two languages.

Hooks, in the order MkDocs calls them:

- ``on_config``: put our templates in front of Material's (``main.html``,
  the header, the logo, the navigation, Material's strings per language),
  and load the site-wide style and script (keyboard and screen-reader fixes).
- ``on_files`` (first of all plugins): ship that style and script; move
  every translation file (``x.en.md`` beside ``x.md`` in ``content/``) to
  its English address (:func:`asppuk.languages.translation_path`), before
  Material's blog takes the posts of ``berita/posts/``.
- ``on_page_markdown``: note which English pages translate which
  Indonesian ones (``translation_of`` in their front matter, or the file
  beside them).
- ``on_page_content``: a translation file's page links to its original
  under its heading.
- ``on_env``: pair every page with its counterpart in the other language
  (before the sitemap is written, which lists both); our templates escape
  what they print (:func:`escape_by_default`).
- ``on_page_context``: the page's language (Material's interface follows it,
  through ``partials/language.html``), the way to its counterpart (language
  switch, ``hreflang``), and on English pages the English navigation.
- ``on_template_context`` (``sitemap.xml``): each page's ``lastmod``, the
  date its content last changed (:mod:`asppuk.sitedates`).
- ``on_post_build`` (last of all plugins): the news feeds made valid
  (:mod:`asppuk.feeds`); every file of the site 0644, every folder 0755,
  whatever the umask (:func:`asppuk.filemodes.make_public`).

For search engines and feed readers (issue 26), ``on_files`` also adds
``robots.txt`` (naming the sitemap; a preview build replaces it with one
that disallows all, :mod:`asppuk.preview`), ``favicon.ico``,
``apple-touch-icon.png`` and the feed's PNG logo, drawn from the SVG logo
(:mod:`asppuk.images.icons`). An English page without a description of its
own gets one in English (``on_page_context``): never the Indonesian
``site_description``.

The page's language is ``meta["language"]`` when a plugin sets it (the
catalogue does), else the address: pages under ``en/`` are English. A page
without a counterpart switches to the other language's home.

What the templates and assets fix on every page: a skip link as the first
thing a keyboard reaches, header buttons (menu, search) that a keyboard can
reach and use, no focus on things off-screen, focus back where it was after
Escape, visible focus on every control, and the logo drawn inline. Copies of
Material's ``base.html``, ``partials/nav-item.html`` and ``partials/toc.html``
make every page valid HTML (W3C Nu checker, tests/test_html_valid.py), each
with its differences named at its top.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
from html import escape, unescape
from pathlib import Path

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, InclusionLevel
from mkdocs.utils import get_relative_url

from asppuk import feeds, sitedates
from asppuk.catalog import urls
from asppuk.contracts import CatalogSource, at, offer
from asppuk.datafiles.problems import Problem, display_path
from asppuk.filemodes import make_public
from asppuk.images.icons import IconError, make_icons
from asppuk.languages import (
    ENGLISH,
    INDONESIAN,
    LANGUAGES,
    language_of,
    pairing_problems,
    plan_translations,
    translation_original,
)
from asppuk.mkdocs_problems import report_problems

from . import SHARED, add_templates, escape_by_default

log = logging.getLogger("mkdocs.plugins.asppuk.theme")
ASSETS = os.path.join(os.path.dirname(__file__), "assets")
STYLESHEET = "assets/asppuk/site.css"
SCRIPT = "assets/asppuk/site.js"
FEED_LOGO = "assets/asppuk/feed-logo.png"
# the folders whose files' last commits date the pages (asppuk.sitedates)
DATED = ("content", "products", "stories", "data")
DESCRIPTION_LENGTH = 160  # a description made from a page's first paragraph is cut at a word near this


class ThemeConfig(Config):
    # The English pages' navigation: [{title, url, children: [...], also: [url prefixes]}]
    nav_en = opt.ListOfItems(opt.Type(dict), default=[])
    # The site's description in English: English pages with no description of their own or first paragraph
    site_description_en = opt.Type(str, default="")


class ThemePlugin(BasePlugin[ThemeConfig]):
    supports_multiple_instances = False

    def __init__(self):
        self.serving = False
        self._translations: list[tuple[object, str]] = []
        self._beside: dict[str, str] = {}  # English src_uri -> the original's, for x.en.md files
        self._git: dict[str, str] = {}  # file (relative to the project) -> date of its last commit
        self._root = Path(".")

    def on_startup(self, *, command, dirty):
        self.serving = command == "serve"

    def on_config(self, config):
        add_templates(config, SHARED, override=True)
        config.extra_css.append(STYLESHEET)
        config.extra_javascript.append(SCRIPT)

    @event_priority(at("asppuk-theme", "on_files"))  # contracts.ORDER
    def on_files(self, files, *, config):
        self._translations = []
        self._beside = {}
        problems = []
        for uri in (STYLESHEET, SCRIPT):
            files.append(File.generated(config, uri, abs_src_path=os.path.join(ASSETS, os.path.basename(uri))))
        root = Path(os.path.dirname(config.config_file_path))  # paths in messages are as staff see them
        self._root = root
        self._git = sitedates.git_dates(root, DATED)  # one git call for the whole project
        self._add_robots_and_icons(files, config)
        pages = {file.src_uri: file for file in files.documentation_pages()}
        docs = display_path(Path(config.docs_dir), root)
        plan = plan_translations(list(pages), docs)  # make check follows the same plan
        problems = [Problem(display_path(Path(pages[path].abs_src_path), root), 1, message)
                    for path, message in plan.problems]
        for path in pages:
            if translation_original(path) is None:
                continue
            file = pages[path]
            # out of the Indonesian tree either way (never a second post with the same address)
            files.remove(file)
            target = plan.moves.get(path)
            if target is not None:
                self._beside[target] = plan.originals[target]
                _ = file.abs_src_path  # read from where it is, published where English pages live
                for derived in ("dest_uri", "url", "abs_dest_path", "name"):
                    file.__dict__.pop(derived, None)  # cached from the old address
                file.src_uri = target
                file.inclusion = InclusionLevel.NOT_IN_NAV  # as every English page (not_in_nav: /en/)
                files.append(file)
        report_problems(problems, "Terjemahan", serving=self.serving, log=log)
        return files

    def _add_robots_and_icons(self, files, config) -> None:
        if files.get_file_from_path("robots.txt") is None:  # content/robots.txt, if ever written, wins
            sitemap = f"Sitemap: {config.site_url}sitemap.xml\n" if config.site_url else ""
            files.append(File.generated(config, "robots.txt", content=f"User-agent: *\nAllow: /\n{sitemap}"))
        logo = config.theme.get("logo")
        path = os.path.join(config.docs_dir, logo) if logo else None
        if not path or not os.path.isfile(path):  # a site without a logo file of its own: no icons
            log.info(f"no logo file ({logo}): favicon.ico, apple-touch-icon.png and the feed's logo are not made")
            return
        try:
            with open(path, "rb") as f:
                icons = make_icons(f.read())
        except IconError as error:
            log.warning(f"{logo}: {error}; favicon.ico, apple-touch-icon.png and the feed's logo are not made")
            return
        for uri, data in (("favicon.ico", icons.favicon_ico), ("apple-touch-icon.png", icons.touch_png),
                          (FEED_LOGO, icons.feed_png)):
            if files.get_file_from_path(uri) is None:
                files.append(File.generated(config, uri, content=data))

    def on_page_markdown(self, markdown, *, page, config, files):
        if _is_post(page, config):
            # the "updated" feed's date for the post (mkdocs.yml: rss date_from_meta as_update): the
            # latest of its front matter's dates and its file's last commit, never the build's time
            source = self._relative(page.file.abs_src_path)
            updated = sitedates.latest(*sitedates.post_dates(page.meta), self._git.get(source))
            if updated:
                page.meta["asppuk_updated"] = dt.date.fromisoformat(updated)
        original = page.meta.get("translation_of")
        if not isinstance(original, str):
            original = self._beside.get(page.file.src_uri)
        if isinstance(original, str):
            self._translations.append((page, original))
        return markdown

    def on_page_content(self, html_text, *, page, config, files):
        """A translation file's page says, under its heading, that it is one
        and where the original is (its address is final by now: the blog
        has given posts theirs)."""
        original = self._beside.get(page.file.src_uri)
        file = files.get_file_from_path(original) if original else None
        if file is None:
            return html_text
        href = escape(get_relative_url(file.url, page.file.url))
        note = (f'<p class="asppuk-translation-note">Translated from the '
                f'<a href="{href}" hreflang="id">Indonesian original</a>.</p>')
        end = html_text.find("</h1>")
        return html_text[: end + 5] + note + html_text[end + 5:] if end >= 0 else note + html_text

    def on_env(self, env, *, config, files):
        escape_by_default(env, config)
        root = Path(os.path.dirname(config.config_file_path))

        def shown(page) -> str:  # the file as staff see it (a translation file is published elsewhere)
            return display_path(Path(page.file.abs_src_path), root) if page.file.abs_src_path else page.file.src_uri

        pages = {file.src_uri: file.page for file in files.documentation_pages() if file.page is not None}
        by_shown = {shown(page): (page, original) for page, original in self._translations}
        problems = [Problem(path, 1, message) for path, message
                    in pairing_problems([(path, original) for path, (_, original) in by_shown.items()], set(pages))]
        refused = {problem.path for problem in problems}
        for path, (page, original) in by_shown.items():
            if path not in refused:
                page.meta["alternate"] = pages[original].url
                pages[original].meta.setdefault("alternate", page.url)
        report_problems(problems, "Terjemahan", serving=self.serving, log=log)
        return env

    @event_priority(at("asppuk-theme", "on_page_context"))  # contracts.ORDER
    def on_page_context(self, context, *, page, config, nav):
        language = LANGUAGES.get(page.meta.get("language")) or language_of(page.url)
        other = ENGLISH if language is INDONESIAN else INDONESIAN
        target = page.meta.get("alternate")
        exact = target is not None
        if target is None:  # no counterpart: the other language's home
            target = other.prefix
        href = get_relative_url(target, page.url)
        # in page.meta: a catalogue page's skeleton fills it into the header
        page.meta["alternate_href"] = href
        context["page_language"] = language.code
        context["alternate"] = {"lang": other.code, "name": other.name, "exact": exact,
                                "url": _absolute(config.site_url, target)}
        context["canonical_url"] = _absolute(config.site_url, page.url)
        context["english_nav"] = _nav(self.config.nav_en, page.url) if language is ENGLISH else None
        context["finder_url"] = urls.finder(language)  # where the header search goes without JavaScript
        if language is ENGLISH and not page.meta.get("description"):
            # never the Indonesian site_description: the page's first paragraph, or the English one
            description = first_paragraph(page.content or "") or self.config.site_description_en
            if description:
                page.meta["description"] = description
        return context

    def on_template_context(self, context, *, template_name, config):
        context.setdefault("page_language", INDONESIAN.code)
        context.setdefault("finder_url", urls.finder(INDONESIAN))
        if template_name == "sitemap.xml":
            context["lastmod"] = self._lastmod(config)
        return context

    def _relative(self, path: str | None) -> str | None:
        if not path:
            return None
        try:
            return Path(path).resolve().relative_to(self._root.resolve()).as_posix()
        except ValueError:
            return None

    def _lastmod(self, config):
        """``lastmod(page)``: the date the page's content last changed, or None."""
        source = offer(config, CatalogSource)
        catalog = source.catalog if source is not None else None
        languages = list(LANGUAGES.values())
        generated = sitedates.catalogue_dates(catalog, self._git, languages) if catalog is not None else {}

        def lastmod(page) -> str | None:
            found = sitedates.page_date(page.url, generated, languages)
            if found:
                return found
            dates = [self._git.get(self._relative(page.file.abs_src_path))] if page.file.abs_src_path else []
            if _is_post(page, config):
                dates += sitedates.post_dates(page.meta)
            # a page a plugin makes from data names its sources (files or folders of the project)
            for source in page.meta.get("asppuk_sources") or ():
                folder = source.rstrip("/") + "/"
                dates += [date for path, date in self._git.items() if path == source or path.startswith(folder)]
            # the blog's index, archive and category pages: the latest of the posts they list
            dates += [lastmod(post) for post in getattr(page, "posts", None) or ()]
            return sitedates.latest(*dates)
        return lastmod

    @event_priority(at("asppuk-theme", "on_post_build"))  # contracts.ORDER
    def on_post_build(self, *, config):
        rss = config.plugins.get("rss")
        if rss is not None:
            feeds.fix_feeds(Path(config.site_dir), config.site_url or "", FEED_LOGO, config.site_name)
        # a web server running as another user must read every file
        changed = make_public(config.site_dir)
        log.debug(f"file modes: {changed:,} set to 0644 (files) or 0755 (folders)")


def _is_post(page, config) -> bool:
    """Whether ``page`` is a news post of Material's blog (not its English translation)."""
    blog = config.plugins.get("material/blog")
    if blog is None or not page.file.src_uri.endswith(".md"):
        return False
    return page.file.src_uri.startswith(f"{blog.config.blog_dir}/{blog.config.post_dir.split('/')[-1]}/")


_PARAGRAPH = re.compile(r"<p\b(?![^>]*class=\"asppuk-translation-note\")[^>]*>(.*?)</p>", re.DOTALL | re.IGNORECASE)
_TAG = re.compile(r"<[^>]+>")


def first_paragraph(html: str, limit: int = DESCRIPTION_LENGTH) -> str:
    """The plain text of the first paragraph of ``html`` with words in it,
    cut at a word boundary near ``limit`` (with an ellipsis)."""
    for match in _PARAGRAPH.finditer(html):
        text = " ".join(unescape(_TAG.sub("", match.group(1))).split())
        if len(text.split()) < 3:  # a button row or a lone link is no description
            continue
        if len(text) <= limit:
            return text
        cut = text[:limit].rsplit(" ", 1)[0].rstrip(",;:.")
        return cut + "…"
    return ""


def _absolute(site_url: str | None, url: str) -> str:
    return f"{(site_url or '/').rstrip('/')}/{url}"


def _nav(items: list[dict], url: str) -> list[dict]:
    """The English navigation with ``active`` set where ``url`` belongs
    (the longest matching address wins)."""
    def prefixes(item):
        found = [item.get("url", "")] + list(item.get("also", []))
        for child in item.get("children", []):
            found += prefixes(child)
        return [p for p in found if p is not None]

    best = max((len(p), i) for i, item in enumerate(items) for p in prefixes(item)
               if url.startswith(p) and (p or url == "")) if items else None
    out = []
    for index, item in enumerate(items):
        children = [{**child, "active": url == child.get("url")} for child in item.get("children", [])]
        # a link to pages in another language says so where it is seen, not only in hreflang
        note = NAV_LANGUAGE_NOTES.get(item.get("lang"), "") if item.get("lang") else ""
        out.append({**item, "children": children, "active": best is not None and best[1] == index, "lang_note": note})
    return out


# On the English navigation, what a link to pages in another language says after its title
NAV_LANGUAGE_NOTES = {"id": "(in Indonesian)"}
