"""Links and images of a Markdown page whose target the site does not have. No MkDocs.

MkDocs resolves every ``<a href>`` and ``<img src>`` that Markdown makes
from the page's source file (``mkdocs.structure.pages._RelativePathTreeprocessor``)
and, when the target is not among the site's files, logs an English warning
without a line, which stops a strict build. :func:`link_problems` finds the
same targets under the same rules (``validation.links`` of ``mkdocs.yml``:
``not_found``, ``unrecognized_links``, ``absolute_links``) and says in
Indonesian, at the line of the link, what to do.

Which links MkDocs sees is decided by Python-Markdown, not by a scan of the
text: :class:`LinkCollector` is a tree processor that runs in the same
conversion, right before MkDocs' own (same priority, registered earlier), so
code spans, fenced code, reference links and ``<div markdown>`` count exactly
as they do for MkDocs. The build adds it to the page's own conversion;
``make check`` converts the page with the site's extensions and it
(:func:`collect_links`).

Raw HTML (``<img src="…">`` written by hand) is never seen by MkDocs: the
browser resolves it from the page's *address* (``berita/2020/01/02/x/``),
not from its file, so a relative image there is almost always broken. Such
targets that name a file (an extension other than a page's) are checked
against the site's files from the page's address, by the build and by
``make check`` alike; links from raw HTML to pages are left to the reader.

Anchors (``#bagian``) are not judged: MkDocs only logs them (``anchors:
info``), and so does this module.
"""

from __future__ import annotations

import logging
import posixpath
import re
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from html import unescape
from html.parser import HTMLParser
from urllib.parse import quote, unquote, urlsplit

import markdown
from markdown.treeprocessors import Treeprocessor
from markdown.util import AMP_SUBSTITUTE

from asppuk.datafiles.problems import Problem
from asppuk.datafiles.yamlfile import FRONT_MATTER
from asppuk.security.content import is_markdown_file

WARNING = logging.WARNING
RELATIVE_TO_DOCS = -1  # absolute_links: relative_to_docs (MkDocs' _AbsoluteLinksValidationValue)
_LEVELS = {"warn": logging.WARNING, "info": logging.INFO, "ignore": logging.DEBUG}
UPLOADS = "assets/unggahan"  # where the editor, and staff, put photos and documents


@dataclass(frozen=True, slots=True)
class Validation:
    """MkDocs' ``validation.links`` levels (``logging`` levels); a level of
    ``WARNING`` or more stops a strict build."""

    not_found: int = logging.WARNING
    unrecognized_links: int = logging.INFO
    absolute_links: int = logging.INFO  # or RELATIVE_TO_DOCS

    @classmethod
    def from_mkdocs_yml(cls, data) -> Validation:
        """From the ``validation:`` mapping of ``mkdocs.yml`` (keys at its top
        propagate to ``links:``, which wins, as in MkDocs)."""
        found = {}
        if isinstance(data, dict):
            for scope in (data, data.get("links")):
                if not isinstance(scope, dict):
                    continue
                for key in ("not_found", "unrecognized_links", "absolute_links"):
                    value = scope.get(key)
                    if value == "relative_to_docs" and key == "absolute_links":
                        found[key] = RELATIVE_TO_DOCS
                    elif value in _LEVELS:
                        found[key] = _LEVELS[value]
        return cls(**found)


@dataclass(frozen=True, slots=True)
class Link:
    url: str  # as Python-Markdown hands it to MkDocs (escapes undone, not URL-decoded)
    tag: str  # "a" or "img"
    raw: bool = False  # written as HTML: MkDocs leaves it as it is


@dataclass(frozen=True, slots=True)
class PageSource:
    """A Markdown page as the build knows it."""

    src_uri: str  # its path among the site's files (``berita/posts/x.md``, ``cerita/buku/x/index.md``)
    url: str | None  # its address (``berita/2020/01/02/x/``); None: not known, raw HTML is not judged
    shown: str  # the file as staff see it, for messages
    source: str  # the file's whole text (front matter and all), to find the line of a link
    docs: str = "content"  # docs_dir as staff see it


# Files the theme, Material's blog and the site's tools add at build time and
# ``make check`` does not read: a link to a path under these is not judged,
# by the check or by the build in Indonesian (MkDocs' own warning still stops
# a strict build). Content never needs to link there.
_BUILT_ELSEWHERE = ("assets/javascripts/", "assets/stylesheets/", "assets/images/favicon.png", "assets/asppuk/",
                    "assets/foto/", "assets/kartu/", "admin/")
_BLOG_VIEWS = ("archive/", "category/", "page/")


def built_elsewhere(blog_dir: str | None) -> Callable[[str], bool]:
    """Whether a path is one of those files (``blog_dir``: the blog's, for its archive and category pages)."""
    prefixes = _BUILT_ELSEWHERE + tuple(f"{blog_dir}/{view}" for view in _BLOG_VIEWS if blog_dir)
    return lambda uri: uri.startswith(prefixes)


def page_url(src_uri: str, directory_urls: bool = True) -> str:
    """The address MkDocs gives a page of ``src_uri`` (``mkdocs.structure.files.File.url``;
    news posts get theirs from the blog)."""
    stem = posixpath.splitext(src_uri)[0]
    folder, name = posixpath.split(stem)
    if name in ("index", "README"):
        if not directory_urls:
            return f"{folder}/index.html" if folder else "index.html"
        return f"{folder}/" if folder else "./"
    return f"{stem}/" if directory_urls else f"{stem}.html"


# --- which links MkDocs sees -------------------------------------------------------------

class _RawLinks(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[Link] = []

    def handle_starttag(self, tag, attrs):
        key = {"a": "href", "img": "src"}.get(tag)
        for name, value in attrs:
            if name == key and value is not None:
                self.links.append(Link(value, tag, raw=True))

    handle_startendtag = handle_starttag


class _Collect(Treeprocessor):
    def __init__(self, md, sink):
        super().__init__(md)
        self.sink = sink

    def run(self, root):
        links = []
        for element in root.iter():  # as MkDocs' relpath processor walks it
            key = {"a": "href", "img": "src"}.get(element.tag)
            if key is not None and element.get(key) is not None:
                links.append(Link(element.get(key), element.tag))
        for block in self.md.htmlStash.rawHtmlBlocks:  # raw HTML, put back after the tree
            if isinstance(block, str) and "<" in block:
                parser = _RawLinks()
                parser.feed(block)
                parser.close()
                links += parser.links
        self.sink(links)
        return None


class LinkCollector(markdown.Extension):
    """Hands ``sink`` the links of each conversion, as MkDocs' relpath
    processor will see them. Registered at MkDocs' priority (0) when
    Markdown loads its extensions, so before MkDocs adds its own."""

    def __init__(self, sink: Callable[[list[Link]], None]):
        super().__init__()
        self.sink = sink

    def extendMarkdown(self, md):
        md.treeprocessors.register(_Collect(md, self.sink), "asppuk_links", 0)


def collect_links(body: str, extensions: list, configs: dict) -> list[Link]:
    """The links of ``body`` (Markdown without front matter) as the build sees them."""
    found: list[Link] = []
    markdown.Markdown(extensions=[*extensions, LinkCollector(found.extend)], extension_configs=configs).convert(body)
    return found


# --- which targets are missing --------------------------------------------------------------

def _target_uri(base: str, path: str) -> str:
    """MkDocs' ``_RelativePathTreeprocessor._target_uri``."""
    return posixpath.normpath(posixpath.join(posixpath.dirname(base), path).lstrip("/"))


def _relative(target: str, src_uri: str) -> str:
    """``target`` written from the folder of ``src_uri`` as a link in that file
    says it (a space as `%20`: a Markdown link ends at a space)."""
    return quote(posixpath.relpath(target, posixpath.dirname(src_uri) or "."), safe="/<>")


def link_problems(links: Iterable[Link], page: PageSource, published: Collection[str],
                  validation: Validation = Validation(), *, unknown: Callable[[str], bool] = lambda uri: False,
                  first_line: int = 1) -> list[Problem]:
    """Each link of ``page`` whose target would stop a strict build, as a
    problem at its line. ``published``: the paths (``src_uri``) of every file
    of the site; ``unknown(uri)``: a path whose existence the caller cannot
    know (it is not judged); ``first_line``: the line the body starts at."""
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for link in links:
        try:
            message = (_raw_problem(link, page, published, unknown) if link.raw
                       else _markdown_problem(link, page, published, validation, unknown))
        except ValueError:  # urlsplit: a `[` in the host part; MkDocs stops there with a traceback
            message = (f"alamat `{link.url}` tidak bisa dibaca (tanda `[` atau `]` sesudah `//`). "
                       "Perbaiki alamatnya, misalnya `https://contoh.org/halaman`.")
        if message is None:
            continue
        count = seen[link.url] = seen.get(link.url, 0) + 1
        problems.append(Problem(page.shown, locate_link(page.source, link, count, first_line), message))
    return problems


def _markdown_problem(link: Link, page: PageSource, published, validation: Validation, unknown) -> str | None:
    """MkDocs 1.6's ``path_to_url``, as far as it decides whether to warn."""
    url = link.url
    scheme, netloc, path, _query, _anchor = urlsplit(url)
    absolute = None
    if scheme or netloc:
        return None  # another site, mailto:, tel:
    if url.startswith(("/", "\\")):
        absolute = validation.absolute_links
        if absolute != RELATIVE_TO_DOCS:
            return _absolute_message(link, page) if absolute >= WARNING else None
    elif AMP_SUBSTITUTE in url:
        return None  # an e-mail address Markdown obfuscated
    elif not path:
        return None  # `#bagian` or `?x` on this page (anchors are only logged)
    path = unquote(path)
    target = _target_uri(page.src_uri, path)
    if target in published or unknown(target):
        return None
    if not posixpath.splitext(path)[-1] and absolute is None:
        level, kind = validation.unrecognized_links, "unrecognized"
    else:
        level, kind = validation.not_found, "not_found"
    if level < WARNING:
        return None
    return _missing_message(link, path, target, page, published, kind)


def _raw_problem(link: Link, page: PageSource, published, unknown) -> str | None:
    """A file named by raw HTML, as the browser resolves it from the page's address."""
    scheme, netloc, path, _query, _anchor = urlsplit(link.url.strip())
    if scheme or netloc or not path or path.startswith(("/", "\\")) or page.url is None:
        return None  # another site, the site's root (MkDocs leaves those alone too), or no known address
    path = unquote(path)
    suffix = posixpath.splitext(path)[-1].lower()
    if not suffix or is_markdown_file(path) or suffix in (".html", ".htm"):
        return None  # a page: its address depends on its kind; not judged here
    base = page.url if page.url.endswith("/") else posixpath.dirname(page.url) + "/"
    target = posixpath.normpath(posixpath.join(base, path))
    if target in published or unknown(target) or target.startswith("../"):
        return None
    name = posixpath.basename(path)
    written = _target_uri(page.src_uri, path)  # the path as staff meant it: from the file's folder
    address = f"`/{target}`" if target != "." else "alamat halaman itu sendiri"
    if written in published:
        better = _relative(written, page.src_uri)
        fix = (f"berkasnya ada (`{page.docs}/{written}`), tetapi alamat di tag HTML dibaca dari alamat halaman "
               f"(`/{page.url.lstrip('./')}`), bukan dari folder berkas ini, jadi menuju {address}.")
    else:
        better = _suggestion(name, page, published)
        fix = f"di halaman ini alamat itu menuju {address}, dan situs tidak punya berkas itu."
    upload = "fotonya" if link.tag == "img" else "berkasnya"
    if better is None:
        better = _relative(f"{UPLOADS}/{name}", page.src_uri)
        fix += f" Unggah {upload} ke `{page.docs}/{UPLOADS}/`."
    if link.tag == "img":
        what, markdown_form = f"gambar `{link.url}` pada tag `<img>` tidak akan tampil", f"![keterangan foto]({better})"
    else:
        what, markdown_form = f"tautan `{link.url}` pada tag `<a>` menuju berkas yang tidak ada", f"[teks]({better})"
    return (f"{what}: {fix} Tulis dengan Markdown, `{markdown_form}`: jalurnya ditulis dari folder berkas ini, "
            "dan situs membuat alamatnya.")


def _suggestion(name: str, page: PageSource, published) -> str | None:
    """The path, from ``page``'s file, of a published file with this name
    (case ignored; the nearest first), if there is one."""
    lowered = name.lower()
    found = [uri for uri in published if posixpath.basename(uri).lower() == lowered]
    if not found:
        return None
    best = min(found, key=lambda uri: (posixpath.basename(uri) != name, _relative(uri, page.src_uri).count("../"),
                                       uri))
    return _relative(best, page.src_uri)


def _missing_message(link: Link, path: str, target: str, page: PageSource, published, kind: str) -> str:
    name = posixpath.basename(path.rstrip("/")) or path
    # by name for files only: pages share names (`index.md`), so a page of that name says nothing
    suggestion = _suggestion(name, page, published) if name and not is_markdown_file(name) else None
    where = f"situs mencarinya di `{page.docs}/{target}` (jalur ditulis dari folder berkas ini; `../` naik satu folder)"
    if kind == "unrecognized":
        return (f"tautan `{link.url}` tidak menuju halaman atau berkas situs: {where}. Tulis jalur ke berkas "
                f"Markdown halamannya (misalnya `{_relative('tentang/index.md', page.src_uri)}`) atau ke berkasnya.")
    if "@" in link.url and "." in link.url and "/" not in link.url:
        fix = f"Untuk alamat email tulis `mailto:{link.url}`."
    elif suggestion:
        fix = f"Berkas dengan nama itu ada: tulis `{suggestion}`."
    elif is_markdown_file(path):
        fix = ("Perbaiki nama atau jalurnya, misalnya "
               f"`{_relative('tentang/index.md', page.src_uri)}` untuk halaman Tentang, "
               f"`{_relative('produk', page.src_uri)}/<jarpuk>/<produk>/index.md` untuk sebuah produk; "
               "atau hapus tautannya.")
    elif link.tag == "img":
        fix = (f"Unggah fotonya ke `{page.docs}/{UPLOADS}/` dan tulis "
               f"`{_relative(f'{UPLOADS}/{name}', page.src_uri)}`, atau perbaiki nama berkasnya.")
    else:
        fix = (f"Unggah berkasnya ke `{page.docs}/{UPLOADS}/` dan tautkan "
               f"`{_relative(f'{UPLOADS}/{name}', page.src_uri)}`, atau perbaiki nama berkasnya.")
    what = "gambar" if link.tag == "img" else "halaman" if is_markdown_file(path) else "berkas"
    return f"{what} `{link.url}` tidak ditemukan: {where}. {fix}"


def _absolute_message(link: Link, page: PageSource) -> str:
    return (f"tautan `{link.url}` ditulis dari akar situs (diawali `/`), dan situs tidak memeriksanya. Tulis "
            "jalurnya dari folder berkas ini, misalnya "
            f"`{_relative(link.url.lstrip('/') or 'index.md', page.src_uri)}`.")


# --- where the link is written ----------------------------------------------------------------

_ESCAPE = re.compile(r"\\(.)")


def body_line(source: str) -> int:
    """The line of ``source`` where the Markdown after its front matter starts."""
    match = FRONT_MATTER.match(source)
    return source[: match.end()].count("\n") + 1 if match else 1


def locate_link(source: str, link: Link, count: int = 1, first_line: int = 1) -> int:
    """The line of ``source`` that writes the ``count``-th link to ``link.url``:
    lines where the address follows `(`, `<`, `: ` or `=` first (a link, a
    reference definition, an attribute), then any line that holds it; else
    ``first_line``. Backslash escapes and character references are undone
    as Markdown undoes them."""
    url = link.url
    leads = ("(", "<", ": ", ":", "=\"", "='", "=")
    lines = source.splitlines()[first_line - 1:]
    texts = [(number, {line, _ESCAPE.sub(r"\1", line), unescape(line)})
             for number, line in enumerate(lines, start=first_line)]
    for wanted in (lambda text: any(lead + url in text for lead in leads), lambda text: url in text):
        matches = [number for number, variants in texts if any(wanted(text) for text in variants)]
        if matches:
            return matches[min(count, len(matches)) - 1]
    return first_line
