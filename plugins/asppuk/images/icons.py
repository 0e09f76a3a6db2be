"""The site's icons as raster images, drawn from the SVG logo with Pillow.

Browsers take the SVG logo as a favicon, but some clients do not: older
browsers and crawlers ask for ``/favicon.ico``, iOS wants a PNG
``apple-touch-icon`` (180×180, opaque: it fills transparency with black),
and RSS 2.0 allows only GIF, JPEG or PNG as a feed's image (at most 144
pixels wide). Pillow cannot read SVG, and a library that can (cairosvg,
librsvg) would be a system dependency on every machine that builds. The
logo is a few flat shapes, so this module draws the small subset of SVG it
is made of: ``rect`` (with ``rx``/``ry``), ``path`` with straight segments
(``M L H V Z``, absolute or relative), ``polygon``, ``circle``; ``fill``,
``stroke`` and ``stroke-width`` as attributes. Anything else raises
:class:`IconError`, naming it: a logo that this cannot draw faithfully
stops the build rather than giving a wrong icon.

Drawn at four times the size and scaled down (LANCZOS), for smooth edges.
"""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from PIL import Image, ImageDraw

SVG = "{http://www.w3.org/2000/svg}"
SCALE = 4  # drawn this many times larger, then scaled down
ICO_SIZES = [(16, 16), (32, 32), (48, 48)]
TOUCH_SIZE = 180  # apple-touch-icon: iPhone's 60 pt at 3x
FEED_SIZE = 144  # RSS 2.0: an image at most 144 pixels wide
_IGNORED = {"title", "desc", "metadata"}
_NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
_TOKEN = re.compile(r"[A-Za-z]|[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")


class IconError(ValueError):
    """The logo uses something this module does not draw."""


@dataclass(frozen=True)
class Icons:
    favicon_ico: bytes  # 16, 32 and 48 px, transparent corners
    touch_png: bytes  # 180×180, opaque
    feed_png: bytes  # 144×144, opaque


def _number(value: str | None, default: float = 0.0) -> float:
    if value is None:
        return default
    match = _NUMBER.fullmatch(value.strip().removesuffix("px"))
    if not match:
        raise IconError(f"the logo has a length this cannot draw: {value!r}")
    return float(value.strip().removesuffix("px"))


def _colour(value: str | None) -> str | None:
    if value is None or value == "none":
        return None if value == "none" else "#000000"
    value = value.strip()
    if re.fullmatch(r"#[0-9a-fA-F]{3}|#[0-9a-fA-F]{6}", value):
        return value
    raise IconError(f"the logo has a colour this cannot draw: {value!r} (write it as #rrggbb)")


def _subpaths(d: str) -> list[tuple[list[tuple[float, float]], bool]]:
    """The straight-line subpaths of a path's ``d``: (points, closed)."""
    tokens = _TOKEN.findall(d)
    out: list[tuple[list[tuple[float, float]], bool]] = []
    points: list[tuple[float, float]] = []
    x = y = 0.0
    command = None
    i = 0

    def take() -> float:
        nonlocal i
        if i >= len(tokens) or tokens[i].isalpha():
            raise IconError(f"the logo has a path this cannot read: {d!r}")
        i += 1
        return float(tokens[i - 1])

    while i < len(tokens):
        if tokens[i].isalpha():
            command = tokens[i]
            i += 1
            if command in "Zz":
                if points:
                    out.append((points, True))
                    x, y = points[0]
                points = []
                continue
        if command is None or command not in "MmLlHhVv":
            raise IconError(f"the logo's path uses {command!r}: only straight lines (M, L, H, V, Z) are drawn")
        relative = command.islower()
        if command in "Mm":
            if points:
                out.append((points, False))
            dx, dy = take(), take()
            x, y = (x + dx, y + dy) if relative else (dx, dy)
            points = [(x, y)]
            command = "l" if relative else "L"  # pairs after a moveto are linetos
            continue
        if command in "Ll":
            dx, dy = take(), take()
            x, y = (x + dx, y + dy) if relative else (dx, dy)
        elif command in "Hh":
            value = take()
            x = x + value if relative else value
        else:
            value = take()
            y = y + value if relative else value
        if not points:
            points = [(x, y)]
        else:
            points.append((x, y))
    if points:
        out.append((points, False))
    return out


def render(svg: bytes, size: int, background: str | None = None) -> Image.Image:
    """The logo as an RGBA image of ``size``×``size`` (``background``: opaque, on that colour)."""
    try:
        root = ET.fromstring(svg)
    except ET.ParseError as error:
        raise IconError(f"the logo is not readable XML: {error}") from None
    if root.tag != SVG + "svg":
        raise IconError("the logo is not an SVG image")
    box = [float(v) for v in _NUMBER.findall(root.get("viewBox", ""))]
    if len(box) != 4 or box[2] <= 0 or box[3] <= 0:
        raise IconError("the logo needs a viewBox (four numbers) to be drawn at any size")
    big = size * SCALE
    scale = big / max(box[2], box[3])
    ox = box[0] - (max(box[2], box[3]) - box[2]) / 2
    oy = box[1] - (max(box[2], box[3]) - box[3]) / 2

    def at(px: float, py: float) -> tuple[float, float]:
        return ((px - ox) * scale, (py - oy) * scale)

    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    for element in root.iter():
        if element is root or not isinstance(element.tag, str):
            continue
        name = element.tag.removeprefix(SVG)
        if name in _IGNORED:
            continue
        if element.get("transform") or element.get("style") or element.get("opacity"):
            raise IconError(f"the logo's <{name}> has transform, style or opacity: this draws plain attributes only")
        if name == "g" and not (element.get("fill") or element.get("stroke")):
            continue  # a plain group: its children are drawn as they come (no inherited paint)
        fill = _colour(element.get("fill"))
        stroke = _colour(element.get("stroke")) if element.get("stroke") else None
        width = _number(element.get("stroke-width"), 1.0) * scale
        if name == "rect":
            x, y = at(_number(element.get("x")), _number(element.get("y")))
            w, h = _number(element.get("width")) * scale, _number(element.get("height")) * scale
            rx = element.get("rx") or element.get("ry")
            radius = _number(rx) * scale if rx else 0
            shape = [x, y, x + w - 1, y + h - 1]
            if radius:
                draw.rounded_rectangle(shape, radius, fill=fill, outline=stroke, width=round(width) if stroke else 1)
            else:
                draw.rectangle(shape, fill=fill, outline=stroke, width=round(width) if stroke else 1)
        elif name == "circle":
            cx, cy = at(_number(element.get("cx")), _number(element.get("cy")))
            r = _number(element.get("r")) * scale
            draw.ellipse([cx - r, cy - r, cx + r, cy + r], fill=fill, outline=stroke,
                         width=round(width) if stroke else 1)
        elif name in ("path", "polygon"):
            if name == "polygon":
                numbers = [float(n) for n in _NUMBER.findall(element.get("points", ""))]
                subpaths = [(list(zip(numbers[::2], numbers[1::2])), True)]
            else:
                subpaths = _subpaths(element.get("d", ""))
            for points, closed in subpaths:
                scaled = [at(px, py) for px, py in points]
                if fill and len(scaled) > 2:
                    draw.polygon(scaled, fill=fill)
                if stroke and len(scaled) > 1:
                    line = scaled + scaled[:1] if closed else scaled
                    draw.line(line, fill=stroke, width=max(1, round(width)))
        else:
            raise IconError(f"the logo has a <{name}> element: this draws rect, circle, polygon and straight "
                            "paths only")
    small = image.resize((size, size), Image.Resampling.LANCZOS)
    if background is not None:
        flat = Image.new("RGBA", small.size, background)
        flat.alpha_composite(small)
        return flat
    return small


def background_of(svg: bytes) -> str:
    """The colour an opaque icon is laid on: the fill of a rect that covers the
    whole viewBox (the logo's own ground, so that iOS's rounded mask shows no
    other colour), or white."""
    root = ET.fromstring(svg)
    box = [float(v) for v in _NUMBER.findall(root.get("viewBox", ""))]
    for element in root.iter(SVG + "rect"):
        try:
            x, y = _number(element.get("x")), _number(element.get("y"))
            w, h = _number(element.get("width")), _number(element.get("height"))
        except IconError:
            continue
        if len(box) == 4 and (x, y, w, h) == tuple(box) and element.get("fill") not in (None, "none"):
            return _colour(element.get("fill")) or "#ffffff"
    return "#ffffff"


def _png(image: Image.Image, opaque: bool) -> bytes:
    out = io.BytesIO()
    (image.convert("RGB") if opaque else image).save(out, "PNG", optimize=True)
    return out.getvalue()


def make_icons(svg: bytes) -> Icons:
    """Every raster icon the site publishes, from the logo's bytes."""
    ground = background_of(svg)
    ico = io.BytesIO()
    render(svg, 48).save(ico, "ICO", sizes=ICO_SIZES)
    return Icons(favicon_ico=ico.getvalue(),
                 touch_png=_png(render(svg, TOUCH_SIZE, ground), opaque=True),
                 feed_png=_png(render(svg, FEED_SIZE, ground), opaque=True))
