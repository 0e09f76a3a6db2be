"""An SVG upload is published only when it is a picture and nothing else.

A browser opens an SVG of the site as an XML document on the site's address
(that of ``/admin/``, where staff sign in), with no policy: any script in it
runs. Read as HTML it can hide script (a namespace prefix, ``<script>``
inside ``<style>``, which XML does not treat as text), so it is read as the
browser reads it, by an XML parser, and every element must be one of the
drawing elements of SVG (or of a drawing program's or a metadata namespace),
every link internal (``#id``) or an embedded raster image, and every style
without addresses. No MkDocs.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from .markup import locate

SVG = "http://www.w3.org/2000/svg"
XLINK = "http://www.w3.org/1999/xlink"
# What drawing programs and metadata put in an SVG (Inkscape, Sodipodi, RDF, Dublin Core, Creative Commons)
HARMLESS_NAMESPACES = frozenset({
    "http://www.inkscape.org/namespaces/inkscape", "http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#", "http://purl.org/dc/elements/1.1/",
    "http://creativecommons.org/ns#", "http://web.resource.org/cc/",
})
ELEMENTS = frozenset({
    "svg", "g", "defs", "symbol", "use", "path", "rect", "circle", "ellipse", "line", "polyline", "polygon",
    "text", "tspan", "textPath", "title", "desc", "metadata", "linearGradient", "radialGradient", "stop",
    "clipPath", "mask", "pattern", "marker", "image", "switch", "view", "style", "filter", "feBlend",
    "feColorMatrix", "feComponentTransfer", "feComposite", "feDropShadow", "feFlood", "feFuncA", "feFuncB",
    "feFuncG", "feFuncR", "feGaussianBlur", "feMerge", "feMergeNode", "feMorphology", "feOffset", "feTile",
})
_EMBEDDED_IMAGE = re.compile(r"data:image/(png|jpeg|gif|webp);base64,[A-Za-z0-9+/=\s]*\Z", re.IGNORECASE)
# CSS that fetches or runs something: an address other than `url(#id)`, an import, old IE expressions
_CSS = re.compile(r"@import|url\s*\(\s*['\"]?\s*(?!#)|expression\s*\(|javascript:|-moz-binding|behavior\s*:",
                  re.IGNORECASE)
_ENTITY = re.compile(r"<!ENTITY|<\?xml-stylesheet", re.IGNORECASE)


def _name(qualified: str) -> tuple[str, str]:
    """``{namespace}local`` -> (namespace, local)."""
    if qualified.startswith("{"):
        namespace, _, local = qualified[1:].partition("}")
        return namespace, local
    return "", qualified


def svg_problem(text: str) -> tuple[str, int] | None:
    """What in the SVG ``text`` is more than a picture, and its line; None for a picture."""
    entity = _ENTITY.search(text)
    if entity:
        return "deklarasi `<!ENTITY` atau `<?xml-stylesheet`", text.count("\n", 0, entity.start()) + 1
    try:
        root = ET.fromstring(text)
    except ET.ParseError as error:
        return f"XML yang tidak bisa dibaca ({error})", getattr(error, "position", (1, 0))[0]
    if _name(root.tag) != (SVG, "svg"):
        return 'awal yang bukan `<svg xmlns="http://www.w3.org/2000/svg">`', 1
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        namespace, local = _name(element.tag)
        if namespace not in HARMLESS_NAMESPACES and (namespace != SVG or local not in ELEMENTS):
            return f"elemen <{local}>", locate(text, f"{local.lower()}")
        if local == "style" and _CSS.search(element.text or ""):
            return "gaya (CSS) yang memuat alamat atau kode", locate(text, "<style")
        for qualified, value in element.attrib.items():
            attribute = _name(qualified)[1]
            if attribute.lower().startswith("on"):
                return f"atribut `{attribute}`", locate(text, attribute.lower())
            if attribute == "href":
                internal = value.strip().startswith("#")
                if not internal and not (local == "image" and _EMBEDDED_IMAGE.match(value.strip())):
                    return "tautan ke luar gambar", locate(text, value.strip()[:40].lower())
            elif attribute == "style" and _CSS.search(value):
                return "gaya (CSS) yang memuat alamat atau kode", locate(text, "style")
            elif "javascript:" in re.sub(r"[\s\x00-\x1f]", "", value).lower():
                return f"atribut `{attribute}` berisi `javascript:`", locate(text, attribute.lower())
    return None
