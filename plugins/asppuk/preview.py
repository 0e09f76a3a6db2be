"""Previews of a built site: marked as such, never indexed, and one that browses from the file system.

Two kinds, both made from a finished build (no MkDocs import):

- **online** (``make build PREVIEW=1``, the per-pull-request preview at its
  own address): every page gets ``<meta name="robots" content="noindex">``
  and a banner saying it is a preview; the site gets a ``robots.txt`` that
  disallows everything (in place of the site's own, which names the sitemap). Links, scripts and the Content-Security-Policy are
  the build's (built for the preview's ``site_url``).
- **file** (``make preview``: ``pratinjau/``, the download of a pull
  request's checks, opened from the file system with ``file://``): the
  same marks, and

  * every internal link to a folder names its ``index.html`` (a browser
    shows a folder listing for ``produk/``), and the 404 page's links from
    the site's root (``/produk/``) become relative to the page; links
    written with the site's own address stay inside the preview, and a
    relative link that climbs above the root (which a web server takes as
    the root) is written from the page's folder;
  * the Content-Security-Policy names script files by their address at
    ``site_url``, which a page under ``file://`` is not at. Chromium treats
    ``'self'`` and ``file:`` there as every file on the disk, refuses a
    ``file://`` address as a source, and cannot check a hash of a script
    file (its integrity check needs CORS, which ``file://`` has not). So
    each page gets a nonce made for this preview (from a random key: what
    the page held before cannot know it), given to exactly the
    ``<script src>`` elements whose address is one of the files the build's
    policy named; any other script stays blocked, inline scripts keep their
    hashes;
  * the header search and the product finder cannot load Pagefind from
    ``file://`` (Chromium refuses ``fetch`` and module imports there): they
    are not started, and say in Indonesian that they work on the site or the
    online preview;
  * a small script of the preview (``assets/asppuk/preview.js``) gives links
    that scripts add later (the inquiry list) their ``index.html`` too.

Pages are read with the standard library's HTML tokenizer (``html.parser``):
only the start tags that change are written again, from the attributes the
tokenizer read, and text is inserted at positions it reported; everything
else is copied as it was, byte for byte (inline scripts keep their hashes).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import html
import itertools
import os
import posixpath
import secrets
import shutil
import time
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote, unquote, urljoin, urlsplit

from .filemodes import DIR_MODE, write_public

ONLINE, FILE = "online", "file"
ROBOTS_TXT = "User-agent: *\nDisallow: /\n"
NOINDEX = '<meta name="robots" content="noindex">'
BANNER_CLASS = "puk-preview"
SCRIPT = "assets/asppuk/preview.js"   # written into the file preview only
MARK_NAME = ".asppuk-build.json"      # the build's mark (asppuk.build): not part of a preview copy

BANNER_TEXT = {
    ONLINE: ("Pratinjau, belum terbit.", "Isinya dari pull request yang belum digabungkan; ini bukan situs resmi "
             "ASPPUK."),
    FILE: ("Pratinjau, belum terbit.", "Dibuka dari berkas: pencarian hanya bekerja di situs dan di pratinjau "
           "daring."),
}
SEARCH_MESSAGE = ("Pencarian tidak bekerja di pratinjau yang dibuka dari berkas. Pencarian bekerja di situs "
                  "dan di pratinjau daring (tautannya ada di halaman pemeriksaan pull request).")
FINDER_MESSAGE = ("Pencarian dan penyaring produk tidak bekerja di pratinjau yang dibuka dari berkas; keduanya "
                  "bekerja di situs dan di pratinjau daring.")
OFFLINE_LISTINGS = "Di pratinjau ini, telusuri produk menurut kategori atau wilayah:"
STYLE = ("<style>.puk-preview{background:#fff1a8;color:#1d1d1d;border-bottom:3px solid #7a5c00;"
         "padding:.4rem .8rem;font:.7rem/1.45 system-ui,-apple-system,\"Segoe UI\",Roboto,sans-serif;"
         "text-align:center}.puk-preview strong{font-weight:700}"
         "@media print{.puk-preview{display:none}}</style>")
# The preview's own script: links added by scripts after the page loaded
# (the inquiry list) get their index.html as the page's own links did
PREVIEW_JS = """\
/* Pratinjau dari berkas (asppuk.preview): a folder opened from the file
 * system is a folder listing, so links to folders that scripts add later
 * (the inquiry list) name its index.html, as the page's own links do. */
(function () {
  "use strict";
  if (location.protocol !== "file:") return;
  function fix(a) {
    var href = a.getAttribute("href");
    if (!href || href.charAt(0) === "#") return;
    var url;
    try { url = new URL(href, document.baseURI); } catch (e) { return; }
    if (url.protocol === "file:" && url.pathname.slice(-1) === "/") {
      url.pathname += "index.html";
      a.setAttribute("href", url.href);
    }
  }
  function fixAll(node) {
    if (node.nodeType !== 1) return;
    if (node.tagName === "A") fix(node);
    node.querySelectorAll("a[href]").forEach(fix);
  }
  new MutationObserver(function (records) {
    records.forEach(function (record) {
      if (record.type === "attributes") fix(record.target);
      else record.addedNodes.forEach(fixAll);
    });
  }).observe(document.documentElement, { childList: true, subtree: true, attributes: true, attributeFilter: ["href"] });
})();
"""

# Attributes that hold an address, by element
_URL_ATTRIBUTES = {
    "a": ("href",), "area": ("href",), "form": ("action",), "link": ("href",),
    "script": ("src",), "img": ("src", "srcset"), "source": ("src", "srcset"), "iframe": ("src",),
    "video": ("src", "poster"), "audio": ("src",), "track": ("src",), "embed": ("src",), "object": ("data",),
    "input": ("src",),
}
_NAVIGATION = {"a", "area", "form", "iframe", "link"}   # a page, not a resource: a folder means its index.html


class PreviewError(Exception):
    """A preview that cannot be made, with a message for the person who asked."""


@dataclass
class Stats:
    pages: int = 0
    links: int = 0          # addresses rewritten
    scripts: int = 0        # <script src> given the nonce
    seconds: float = 0.0
    files: int = 0          # files in the preview (file kind)


def _nonce(key: bytes, path: str) -> str:
    return base64.b64encode(hmac.new(key, path.encode("utf-8"), hashlib.sha256).digest()[:18]).decode("ascii")


def _start_tag(tag: str, attrs: list[tuple[str, str | None]]) -> str:
    parts = [tag]
    for name, value in attrs:
        # in double quotes only `&` and `"` need escaping (a `'` in the policy stays readable)
        parts.append(name if value is None else f'{name}="{value.replace("&", "&amp;").replace(chr(34), "&quot;")}"')
    return "<" + " ".join(parts) + ">"


class _Tokens(HTMLParser):
    """Start tags (with their place in the text), end tags and where text goes in."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.text = text
        self.lines = [0, *itertools.accumulate(len(line) + 1 for line in text.split("\n"))]
        self.events: list[tuple] = []   # ("start", tag, attrs, start, end) / ("end", tag, start)

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.lines[line - 1] + column

    def handle_starttag(self, tag, attrs):
        start = self._offset()
        raw = self.get_starttag_text() or ""
        if not self.text.startswith(raw, start):
            raise PreviewError(f"<{tag}> at line {self.getpos()[0]} could not be located in the page")
        self.events.append(("start", tag, attrs, start, start + len(raw)))

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag):
        self.events.append(("end", tag, self._offset()))


@dataclass
class Site:
    """What every page of one site needs: where it is, its address, the files it has."""

    root: Path
    site_url: str
    kind: str
    key: bytes = field(default_factory=lambda: secrets.token_bytes(32))

    def __post_init__(self):
        base = self.site_url if self.site_url.endswith("/") else self.site_url + "/"
        self.site_url = base
        parts = urlsplit(base)
        self._origin, self._base_path = (parts.scheme, parts.netloc), parts.path
        # Every file and folder of the site, listed once (pages name the same
        # few dozen addresses from every page of a folder: each is worked out once)
        self._files: set[str] = set()
        self._folders: set[str] = {""}
        for folder, folders, names in os.walk(self.root):
            relative = os.path.relpath(folder, self.root).replace(os.sep, "/")
            prefix = "" if relative == "." else relative + "/"
            self._files.update(prefix + name for name in names)
            self._folders.update(prefix + name for name in folders)
        self.addresses: dict[tuple, str | None] = {}

    def exists(self, path: str) -> bool:
        return path in self._files

    def is_folder(self, path: str) -> bool:
        return path.strip("/") in self._folders

    def inside(self, absolute: str) -> tuple[str, str, str] | None:
        """The site path (quoted), query and fragment of an address on this site, or None."""
        parts = urlsplit(absolute)
        if (parts.scheme, parts.netloc) != self._origin or not parts.path.startswith(self._base_path):
            return None
        return parts.path[len(self._base_path):], parts.query, parts.fragment


def _local(site: Site, page: str, value: str, navigation: bool, absolute_too: bool) -> str | None:
    """``value`` (an address on ``page``) as a path from the page's folder,
    a folder naming its index.html; None when it stays as it is."""
    key = (posixpath.dirname(page), value, navigation, absolute_too)
    try:
        return site.addresses[key]
    except KeyError:
        found = site.addresses[key] = _local_uncached(site, page, value, navigation, absolute_too)
        return found


def _local_uncached(site: Site, page: str, value: str, navigation: bool, absolute_too: bool) -> str | None:
    stripped = value.strip()
    if not stripped or stripped.startswith("#"):
        return None
    parts = urlsplit(stripped)
    if parts.scheme and parts.scheme not in ("http", "https"):
        return None   # mailto:, tel:, data:
    if (parts.scheme or stripped.startswith("//")) and not absolute_too:
        return None
    found = site.inside(urljoin(site.site_url + page, stripped))
    if found is None:
        return None   # another site (wa.me), or above the site's folder
    path, query, fragment = found
    plain = unquote(path)
    if navigation and (plain == "" or plain.endswith("/") or (site.is_folder(plain) and "." not in plain.rsplit("/", 1)[-1])):
        index = plain.rstrip("/") + "/index.html" if plain.strip("/") else "index.html"
        if not site.exists(index):
            return None   # a folder without a page: left as the build wrote it
        path = quote(index, safe="/~!$&'()*+,;=:@-._")
    # Every other address is written as the path from the page's folder: one
    # from the site's root (the 404 page) or with the site's address, and one
    # that climbs above the root, which a web server takes as the root
    # (Material's blog avatars: `../` once too often) but the file system does not
    folder = posixpath.dirname(page)
    relative = posixpath.relpath(path, folder or ".") if path else "index.html"
    rewritten = relative + (f"?{query}" if query else "") + (f"#{fragment}" if fragment else "")
    return None if rewritten == stripped else rewritten


def _srcset(site: Site, page: str, value: str) -> str | None:
    changed, candidates = False, []
    for candidate in value.split(","):
        bits = candidate.strip().split(None, 1)
        if not bits:
            continue
        new = _local(site, page, bits[0], navigation=False, absolute_too=True)
        if new is not None:
            changed = True
            bits[0] = new
        candidates.append(" ".join(bits))
    return ", ".join(candidates) if changed else None


def _csp_for_file(content: str, nonce: str) -> tuple[str, set[str]]:
    """The policy for a page under file://, and the script addresses it named."""
    directives, addresses = [], set()
    for directive in content.split(";"):
        words = directive.split()
        if words and words[0].lower() == "script-src":
            # 'self' under file: allows every file on the disk (only /admin/'s policy has it)
            kept = [w for w in words[1:] if w.startswith("'") and w.lower() != "'self'"]
            addresses |= {w for w in words[1:] if not w.startswith("'")}
            words = [words[0], *kept[:1], f"'nonce-{nonce}'", *kept[1:]]
        if words:
            directives.append(" ".join(words))
    return "; ".join(directives), addresses


def _banner(kind: str) -> str:
    title, text = BANNER_TEXT[kind]
    return (f'<aside class="{BANNER_CLASS}" lang="id" aria-label="Pratinjau">'
            f"<strong>{html.escape(title)}</strong> {html.escape(text)}</aside>")


class _Open:
    """An element whose text or end tag the preview replaces, while its end is looked for."""

    def __init__(self, tag: str, content_start: int, text: str | None = None, end_tag: str | None = None):
        self.tag, self.depth, self.content_start, self.text, self.end_tag = tag, 1, content_start, text, end_tag


def mark_page(text: str, page: str, site: Site, stats: Stats | None = None) -> str:
    """One page (``page``: its path in the site, e.g. ``produk/index.html``) as the preview shows it."""
    tokens = _Tokens(text)
    tokens.feed(text)
    tokens.close()
    stats = stats if stats is not None else Stats()
    to_file = site.kind == FILE
    nonce = _nonce(site.key, page)
    edits: list[tuple[int, int, str]] = []   # (start, end, replacement)
    head_after, head_weight = None, 0        # the head's additions go after the policy (3), charset (2), <head> (1)
    body_after = None
    robots = finder = offline = False
    addresses: set[str] = set()
    open_elements: list[_Open] = []
    for event in tokens.events:
        if event[0] == "end":
            _, tag, start = event
            for element in [e for e in open_elements if e.tag == tag]:
                element.depth -= 1
                if element.depth == 0:
                    open_elements.remove(element)
                    if element.text is not None:
                        edits.append((element.content_start, start, element.text))
                    if element.end_tag is not None:
                        edits.append((start, text.index(">", start) + 1, element.end_tag))
            continue
        _, tag, attrs, start, end = event
        for element in open_elements:
            if element.tag == tag:
                element.depth += 1
        values = dict(reversed(attrs))   # the first of each name, as HTML reads them
        new_attrs = list(attrs)
        changed = False
        if tag == "head" and head_weight < 1:
            head_after, head_weight = end, 1
        elif tag == "meta" and "charset" in values and head_weight < 2:
            head_after, head_weight = end, 2
        elif tag == "meta" and (values.get("http-equiv") or "").lower() == "content-security-policy":
            head_after, head_weight = end, 3
            if to_file:
                policy, addresses = _csp_for_file(values.get("content") or "", nonce)
                new_attrs = [(n, policy if n == "content" else v) for n, v in attrs]
                changed = True
        elif tag == "meta" and (values.get("name") or "").lower() == "robots":
            robots = True
            if "noindex" not in (values.get("content") or "").lower():
                new_attrs = [(n, "noindex" if n == "content" else v) for n, v in attrs]
                changed = True
        elif tag == "body" and body_after is None:
            body_after = end
        if to_file:
            changed |= _for_file(site, page, tag, values, new_attrs, stats)
            if tag == "script" and values.get("src") and addresses:
                address = urlsplit(urljoin(site.site_url + page, values["src"].strip()))._replace(
                    query="", fragment="").geturl()
                if address in addresses:   # one of the site's script files, as the build's policy named them
                    new_attrs.append(("nonce", nonce))
                    changed = True
                    stats.scripts += 1
            # The header search and the finder are not started (search.js looks
            # for these attributes) and say where they work instead
            for name in ("data-puk-search", "data-puk-finder"):
                if name in values:
                    new_attrs[:] = [(n, v) for n, v in new_attrs if n != name]
                    changed = True
                    finder |= name == "data-puk-finder"
            classes = (values.get("class") or "").split()
            if "md-search-result__meta" in classes:
                open_elements.append(_Open(tag, end, text=f'<span lang="id">{html.escape(SEARCH_MESSAGE)}</span>'))
            elif "puk-finder__count" in classes:
                open_elements.append(_Open(tag, end, text=f'<span lang="id">{html.escape(FINDER_MESSAGE)}</span>'))
            elif ("puk-finder__toggle" in classes or "puk-finder__form" in classes) and "hidden" not in values:
                new_attrs.append(("hidden", None))
                changed = True
            elif tag == "noscript" and finder and not offline:
                # the finder's list of categories and regions, for browsers
                # without scripts: shown, since the finder is not started
                offline = True
                edits.append((start, end, '<div class="puk-finder__offline">'))
                open_elements.append(_Open(tag, end, end_tag="</div>"))
                continue
            elif tag == "p" and offline is True:
                offline = "done"
                open_elements.append(_Open(tag, end, text=f'<span lang="id">{html.escape(OFFLINE_LISTINGS)}</span>'))
        if changed:
            edits.append((start, end, _start_tag(tag, new_attrs)))
    if head_after is None or body_after is None:
        return text   # not a page (an HTML fragment): left as it is
    additions = ("" if robots else NOINDEX) + STYLE
    if to_file and addresses:
        script = posixpath.relpath(SCRIPT, posixpath.dirname(page) or ".")
        additions += f'<script src="{html.escape(script)}" nonce="{nonce}"></script>'
    edits.append((head_after, head_after, additions))
    edits.append((body_after, body_after, _banner(site.kind)))
    edits.sort(key=lambda e: (e[0], e[1]))
    out, last = [], 0
    for start, end, replacement in edits:
        if start < last:
            raise PreviewError(f"{page}: overlapping changes at {start}")
        out += [text[last:start], replacement]
        last = end
    out.append(text[last:])
    stats.pages += 1
    return "".join(out)


def _for_file(site: Site, page: str, tag: str, values: dict, new_attrs: list, stats: Stats) -> bool:
    """Addresses of one start tag made to work from the file system (``new_attrs`` changed in place)."""
    changed = False
    rel = (values.get("rel") or "").lower().split()
    for name in _URL_ATTRIBUTES.get(tag, ()):
        if values.get(name) is None or (tag == "link" and "canonical" in rel):
            continue
        if name == "srcset":
            new = _srcset(site, page, values[name])
        else:
            new = _local(site, page, values[name], navigation=tag in _NAVIGATION, absolute_too=tag != "link")
        if new is not None:
            new_attrs[:] = [(n, new if n == name and v == values[name] else v) for n, v in new_attrs]
            changed = True
            stats.links += 1
    return changed


def site_url_of(root: Path) -> str:
    """The address the site was built for: its home page's canonical link."""
    class _Canonical(HTMLParser):
        found = None

        def handle_starttag(self, tag, attrs):
            values = dict(reversed(attrs))
            if tag == "link" and "canonical" in (values.get("rel") or "").lower().split() and self.found is None:
                self.found = values.get("href")

    try:
        text = (root / "index.html").read_text("utf-8")
    except OSError:
        raise PreviewError(f"{root} has no index.html: run `make build` first.") from None
    parser = _Canonical()
    parser.feed(text)
    if not parser.found or urlsplit(parser.found).scheme not in ("http", "https"):
        raise PreviewError(f"{root / 'index.html'} has no canonical link naming the site's address (site_url): "
                           "give it with --site-url.")
    return parser.found


def _pages(root: Path) -> list[str]:
    return sorted(Path(folder, name).relative_to(root).as_posix()
                  for folder, _, names in os.walk(root) for name in names if name.endswith(".html"))


PARALLEL_PAGES = 400   # below this, starting worker processes costs more than it saves


def _mark_files(site: Site, pages: list[str], source: Path, target: Path) -> Stats:
    """Mark ``pages`` of ``source`` into ``target`` (the same folder: in place, only pages that change)."""
    stats = Stats()
    for page in pages:
        text = (source / page).read_text("utf-8")
        marked = mark_page(text, page, site, stats)
        if target != source or marked != text:
            write_public(target / page, marked.encode("utf-8"))
    return stats


def _mark_all(site: Site, pages: list[str], source: Path, target: Path) -> Stats:
    """Every page, on every core once there are many (html.parser is pure Python: ~3 ms a page)."""
    workers = os.cpu_count() or 1
    if len(pages) < PARALLEL_PAGES or workers < 2:
        return _mark_files(site, pages, source, target)
    from .workers import process_pool

    size = -(-len(pages) // (workers * 4))
    chunks = [pages[i:i + size] for i in range(0, len(pages), size)]
    total = Stats()
    with process_pool(workers) as pool:
        for stats in pool.map(_mark_files, [site] * len(chunks), chunks, [source] * len(chunks),
                              [target] * len(chunks)):
            total.pages, total.links, total.scripts = (total.pages + stats.pages, total.links + stats.links,
                                                       total.scripts + stats.scripts)
    return total


def mark_online(root: Path, site_url: str | None = None) -> Stats:
    """Mark a built site, in place, as an online preview (before the build's mark is written)."""
    started = time.perf_counter()
    root = Path(root)
    site = Site(root, site_url or site_url_of(root), ONLINE)
    stats = _mark_all(site, _pages(root), root, root)
    write_public(root / "robots.txt", ROBOTS_TXT.encode("ascii"))
    stats.seconds = time.perf_counter() - started
    return stats


def make_file_preview(source: Path, out: Path, site_url: str | None = None, key: bytes | None = None) -> Stats:
    """``out``: a copy of the built site ``source`` to open from the file
    system. Files that do not change are hard links to the site's (a copy
    where links cannot be made); ``source`` is never written. ``out`` is
    replaced only once the preview is complete."""
    started = time.perf_counter()
    source, out = Path(source).absolute(), Path(out).absolute()
    if not (source / "index.html").is_file():
        raise PreviewError(f"There is no built site at {source}: run `make build` first.")
    if out == source or source.is_relative_to(out) or out.is_relative_to(source):
        raise PreviewError(f"The preview ({out}) cannot be the site ({source}), inside it or around it.")
    site = Site(source, site_url or site_url_of(source), FILE, **({"key": key} if key else {}))
    temporary = out.with_name(f"{out.name}.tmp-{os.getpid()}")
    shutil.rmtree(temporary, ignore_errors=True)
    pages: list[str] = []
    files = 0
    try:
        for folder, _folders, names in os.walk(source):
            relative = Path(folder).relative_to(source)
            (temporary / relative).mkdir(parents=True, exist_ok=True)
            os.chmod(temporary / relative, DIR_MODE)
            for name in names:
                page = (relative / name).as_posix()
                if page == MARK_NAME:
                    continue   # a preview is not a site to deploy
                files += 1
                if name.endswith(".html"):
                    pages.append(page)
                    continue
                try:
                    os.link(Path(folder, name), temporary / relative / name)
                except OSError:
                    shutil.copy2(Path(folder, name), temporary / relative / name)
        stats = _mark_all(site, sorted(pages), source, temporary)
        (temporary / SCRIPT).parent.mkdir(parents=True, exist_ok=True)
        write_public(temporary / SCRIPT, PREVIEW_JS.encode("utf-8"))
        write_public(temporary / "robots.txt", ROBOTS_TXT.encode("ascii"))
        # the preview's script, and its robots.txt unless it replaced the site's (which names the sitemap)
        stats.files = files + 1 + (not (source / "robots.txt").is_file())
        old = out.with_name(f"{out.name}.old-{os.getpid()}")
        if out.exists():
            os.rename(out, old)
        os.rename(temporary, out)
        shutil.rmtree(old, ignore_errors=True)
    finally:
        shutil.rmtree(temporary, ignore_errors=True)
    stats.seconds = time.perf_counter() - started
    return stats
