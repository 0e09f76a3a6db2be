"""HTML rendered from Markdown, cleaned by an allowlist, and what was dropped.

News posts, stories, reports and the about pages (and their translations)
are Markdown, and Markdown lets raw HTML through. What a page shows of them
is :func:`sanitise`'s output: nh3 (ammonia, on html5ever, the HTML5 parser
of a browser engine) keeps exactly what the site's Markdown features
produce (see :data:`POLICY`) and drops the rest. Nothing is dropped
silently: :func:`dropped` names each thing that would go, found on a tree
that html5lib (another parser that follows the WHATWG specification) builds
from the same HTML, and, should the two parsers ever disagree, the
difference between the tree before and after cleaning. ``make check`` and
the build call the same two functions on the same HTML, so they agree.

:class:`SanitiseExtension` runs :func:`sanitise` as the last step of every
Markdown conversion of the build (pages, translations, and the excerpts
Material's blog renders for its listings on its own), and hands what was
dropped to whoever asked. No MkDocs.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache

import markdown
import nh3
from markdown.postprocessors import Postprocessor
from pygments.token import STANDARD_TYPES

# --- the allowlist: what the site's Markdown features produce --------------

_ADMONITIONS = {"note", "abstract", "summary", "tldr", "info", "todo", "tip", "hint", "important", "success",
                "check", "done", "question", "help", "faq", "warning", "caution", "attention", "failure", "fail",
                "missing", "danger", "error", "bug", "example", "quote", "cite", "inline", "end"}
_PYGMENTS = {name for name in STANDARD_TYPES.values() if name}
TAGS = frozenset({
    # text (Markdown, and the few tags staff write by hand: <span lang>, <div markdown>)
    "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "strong", "em", "b", "i", "u", "s", "del", "ins", "mark",
    "small", "sub", "sup", "abbr", "cite", "q", "code", "kbd", "samp", "var", "pre", "blockquote",
    "ul", "ol", "li", "dl", "dt", "dd", "a", "img", "figure", "figcaption", "div", "span",
    # tables, admonitions and details (pymdownx.details)
    "table", "caption", "colgroup", "col", "thead", "tbody", "tfoot", "tr", "th", "td", "details", "summary",
})
# Removed with their content (the others are unwrapped: their text stays)
CONTENT_TAGS = frozenset({"script", "style", "template", "noscript", "iframe", "object", "embed", "svg", "math",
                          "textarea", "select", "title", "xmp", "noembed", "noframes", "plaintext"})
ATTRIBUTES = {
    "*": {"id", "lang", "title"},
    "a": {"href", "hreflang"},
    "img": {"src", "alt", "width", "height", "loading"},
    "th": {"style", "colspan", "rowspan"},
    "td": {"style", "colspan", "rowspan"},
    "col": {"span"},
    "colgroup": {"span"},
    "ol": {"start", "reversed"},
    "li": {"value"},
    "details": {"open"},
    "abbr": set(),
}
CLASSES = {
    "div": {"admonition", "highlight", "toc", "asppuk-hero", "asppuk-note"} | _ADMONITIONS,
    "details": _ADMONITIONS,
    "p": {"admonition-title", "asppuk-lead"},
    "a": {"headerlink", "md-button", "md-button--primary"},
    "ul": {"asppuk-figures"},
    "span": _PYGMENTS | {"toctitle"},
    "table": {"highlighttable"},
    "td": {"linenos", "code"},
}
URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
STYLE_PROPERTIES = frozenset({"text-align"})  # table column alignment (tables extension)
# Ids of headings and attr_list, never one of the theme's or the site's own
# (an element with the id of Material's `__config` or of a control the
# site's scripts look up would take its place)
_ID = re.compile(r"(?!__|md-|puk-|isi\Z)[a-z0-9][a-z0-9_.-]*\Z", re.IGNORECASE)
_URL_ATTRIBUTES = {"href", "src"}
_CONTROL = re.compile(r"[\x00-\x20\x7f]+")


def _keep_attribute(tag: str, name: str, value: str) -> str | None:
    """ammonia's attribute filter: ids of our pattern, images from the site only."""
    if name == "id" and not _ID.match(value):
        return None
    if tag == "img" and name == "src" and not _local(value):
        return None
    return value


def _local(url: str) -> bool:
    """A relative address on the site (images: nothing is fetched from other hosts)."""
    url = _CONTROL.sub("", url)
    return not (url.startswith(("//", "\\", "/\\")) or re.match(r"[a-z][a-z0-9+.-]*:", url, re.IGNORECASE))


# A comment is kept for the markers that later steps look for (`<!-- more -->`,
# `<!-- grafik: id -->`), and for staff's notes to each other; one that holds
# `<` or `>` could hold a marker inside it, and a step that cuts or replaces
# at the marker would leave a comment open that hides the rest of the page
_COMMENT = re.compile(r"<!--(.*?)-->", re.DOTALL)


def _comment(match: re.Match) -> str:
    return "" if "<" in match.group(1) or ">" in match.group(1) else match.group(0)


def sanitise(html: str) -> str:
    """``html`` with only what :data:`TAGS`, :data:`ATTRIBUTES` and the rest allow."""
    if not html:
        return html
    # in ammonia's output `<` stands only in tags and comments (text and values are escaped)
    return _COMMENT.sub(_comment, _clean(html))


def _clean(html: str) -> str:
    return nh3.clean(
        html,
        tags=set(TAGS),
        clean_content_tags=set(CONTENT_TAGS),
        attributes={tag: set(names) for tag, names in ATTRIBUTES.items()},
        attribute_filter=_keep_attribute,
        strip_comments=False,  # `<!-- more -->` ends a post's excerpt, `<!-- grafik: x -->` places a chart
        link_rel=None,
        url_schemes=set(URL_SCHEMES),
        allowed_classes={tag: set(names) for tag, names in CLASSES.items()},
        filter_style_properties=set(STYLE_PROPERTIES),
    )


# --- what was dropped, for the message --------------------------------------

@dataclass(frozen=True, slots=True)
class Finding:
    what: str  # in Indonesian, for the message
    needle: str  # text to look for in the source, lower case
    fix: str = ""  # what to do instead (Indonesian); ADVICE when empty

    @property
    def message(self) -> str:
        return f"{self.what} tidak boleh ada di halaman dan tidak akan ditampilkan. {self.fix or ADVICE}"


ADVICE = ("Situs hanya menerbitkan apa yang dibuat oleh Markdown (teks, judul, tautan, gambar dari folder situs, "
          "tabel, kotak catatan). Hapus bagian itu, atau tulis isinya dengan Markdown biasa.")
_EMBED = ("Video, peta atau halaman dari situs lain tidak dimuat di situs ini (pengunjung dengan sambungan lambat, "
          "dan keamanan). Tulis tautannya saja, misalnya `[Tonton videonya](https://www.youtube.com/watch?v=…)`.")
_ATTRIBUTE = ("Hapus atribut itu: tampilan halaman diatur oleh tema situs. Tebal, miring, tautan dan judul ditulis "
              "dengan Markdown biasa.")
_EMBEDS = {"iframe", "frame", "frameset", "object", "embed", "video", "audio", "source", "track", "picture", "portal"}


def _parse(html: str):
    import html5lib

    return html5lib.parseFragment(html, container="div", treebuilder="etree", namespaceHTMLElements=False)


def _local_name(tag) -> str:
    return tag.rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""


def _walk(element) -> Iterator:
    for child in element:
        yield child
        if _local_name(child.tag) not in CONTENT_TAGS:
            yield from _walk(child)


def _findings(root) -> list[Finding]:
    found: list[Finding] = []
    for element in _walk(root):
        if not isinstance(element.tag, str):  # a comment: kept, unless it could hide a marker
            text = element.text or ""
            if "<" in text or ">" in text:
                found.append(Finding("komentar HTML (`<!-- … -->`) yang berisi tanda `<` atau `>`",
                                     (text.strip()[:30] or "<!--").lower(),
                                     "Komentar lain boleh, tetapi tanpa `<` dan `>` di dalamnya: tanda seperti "
                                     "`<!-- more -->` tidak boleh berada di dalam komentar lain. Hapus komentar "
                                     "itu, atau tulis `<!-- more -->` di barisnya sendiri."))
            continue
        tag = _local_name(element.tag)
        if tag not in TAGS:
            what = f"tag <{tag}>" + (" beserta isinya" if tag in CONTENT_TAGS else "")
            found.append(Finding(what, f"<{tag}", _EMBED if tag in _EMBEDS else ""))
        for name, value in element.attrib.items():
            name = _local_name(name)
            allowed = ATTRIBUTES["*"] | ATTRIBUTES.get(tag, set())
            if tag not in TAGS:
                continue  # the tag goes, and its attributes with it
            if name == "class":
                for cls in value.split():
                    if cls not in CLASSES.get(tag, ()):
                        found.append(Finding(f"kelas `{cls}` pada <{tag}>", cls.lower(), _ATTRIBUTE))
            elif name.startswith("on"):
                found.append(Finding(f"atribut `{name}` (menjalankan skrip)", name, _ATTRIBUTE))
            elif name not in allowed:
                found.append(Finding(f"atribut `{name}` pada <{tag}>", name, _ATTRIBUTE))
            elif name in _URL_ATTRIBUTES:
                url = _CONTROL.sub("", value)
                scheme = re.match(r"([a-z][a-z0-9+.-]*):", url, re.IGNORECASE)
                if scheme and scheme.group(1).lower() not in URL_SCHEMES:
                    found.append(Finding(f"tautan `{scheme.group(1).lower()}:`", scheme.group(1).lower() + ":",
                                         "Tautan hanya boleh menuju alamat https://, http://, mailto: atau tel:, "
                                         "atau halaman lain situs ini. Perbaiki alamatnya."))
                elif tag == "img" and not _local(value):
                    found.append(Finding(f"gambar dari situs lain (`{value[:60]}`)", value[:40].lower(),
                                         "Halaman situs tidak memuat apa pun dari situs lain. Unggah fotonya ke "
                                         "folder `content/assets/unggahan/` dan tulis jalurnya, misalnya "
                                         "`![Keterangan foto](../../assets/unggahan/nama-foto.jpg)` dari sebuah berita."))
            elif name == "style":
                for declaration in value.split(";"):
                    prop = declaration.split(":", 1)[0].strip().lower()
                    if prop and prop not in STYLE_PROPERTIES:
                        found.append(Finding(f"gaya `{prop}` pada <{tag}>", prop, _ATTRIBUTE))
            elif name == "id" and not _ID.match(value):
                found.append(Finding(f"id `{value[:60]}`", value[:40].lower(),
                                     "Id itu dipakai oleh tema situs, atau berisi tanda selain huruf, angka dan `-`. "
                                     "Beri judul bagian ini id lain dengan `{ #nama-lain }`."))
    return found


def _style(value: str) -> str:
    """A style attribute as ammonia writes it back (``text-align:left``)."""
    return ";".join(":".join(part.strip() for part in d.split(":", 1)) for d in value.split(";") if d.strip())


def _events(root) -> list[tuple]:
    """The tree as a list of events, to compare two parses of the same HTML."""
    events: list[tuple] = []

    def text(value):
        if value:
            if events and events[-1][0] == "text":
                events[-1] = ("text", events[-1][1] + value)
            else:
                events.append(("text", value))

    def visit(element):
        for child in element:
            if isinstance(child.tag, str):
                attrs = {_local_name(k): (_style(v) if _local_name(k) == "style" else v) for k, v in child.attrib.items()}
                events.append(("start", _local_name(child.tag), tuple(sorted(attrs.items()))))
                text(child.text)
                visit(child)
                events.append(("end", _local_name(child.tag)))
            else:
                events.append(("comment", child.text))
            text(child.tail)

    text(root.text)
    visit(root)
    return events


@lru_cache(maxsize=256)  # a post's excerpt is rendered again for each listing that shows it
def dropped(html: str) -> tuple[Finding, ...]:
    """What :func:`sanitise` drops from ``html`` (nothing: an empty tuple)."""
    cleaned = sanitise(html)
    if cleaned == html:
        return ()
    before = _parse(html)
    found = _findings(before)
    if not found:
        old, new = _events(before), _events(_parse(cleaned))
        if old != new:  # the two parsers disagree: say where, never change it silently
            at = next((i for i, (a, b) in enumerate(zip(old, new)) if a != b), min(len(old), len(new)))
            event = old[at] if at < len(old) else ("end", "")
            shown = event[1] if event[0] != "text" else event[1].strip()[:40]
            found = [Finding(f"bagian HTML yang tidak dikenal dekat `{shown}`", str(shown).lower()[:40])]
    return tuple(dict.fromkeys(found))  # each once, in order


# --- every Markdown conversion of the build ---------------------------------

class _Sanitise(Postprocessor):
    def __init__(self, md, sink):
        super().__init__(md)
        self.sink = sink

    def run(self, text: str) -> str:
        cleaned = sanitise(text)
        if self.sink is not None and cleaned != text and "<" in text:  # without a tag, nothing can be dropped
            found = dropped(text)
            if found:
                self.sink(text, found)
        return cleaned


class SanitiseExtension(markdown.Extension):
    """Cleans the HTML of every conversion last, after raw HTML is put back
    (Python-Markdown's ``raw_html`` postprocessor); ``sink(html, findings)``
    hears of what was dropped."""

    def __init__(self, sink: Callable[[str, tuple[Finding, ...]], None] | None = None):
        super().__init__()
        self.sink = sink

    def extendMarkdown(self, md):
        md.postprocessors.register(_Sanitise(md, self.sink), "asppuk_sanitise", -1000)
