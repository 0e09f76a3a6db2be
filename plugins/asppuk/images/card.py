"""Social preview cards: the 1200×630 image WhatsApp and Facebook show for a link.

Drawn with Pillow from the product's own (already private) photo rendition,
its name, price and place. The font is the one Pillow itself ships
(``ImageFont.load_default``: Aileron, CC0), so nothing is downloaded.

Layout: an art panel on the left (the photo, or a woven pattern when there
is none) and a text panel on the right, with a footer band under the text.
Nothing is drawn across panels: the pattern and photo are made at the
panel's size and pasted, and every line of text is measured (``textlength``)
and wrapped, broken inside over-long words, and cut with an ellipsis so that
it lies inside its panel (:func:`layout` says where each line goes; the tests
check each box with ``textbbox``).

Weight: the card is a baseline JPEG with 4:2:0 chroma. The pattern is drawn
on the 16-pixel grid of JPEG's colour blocks, so each block is one flat
colour and costs a few bytes; without a photo a card weighs about 24 KB
(quality 60: text stays crisp at the sizes messengers show cards).
Cards are cached by a hash of everything drawn on them, and drawn in the
worker pool (:mod:`asppuk.images.publish`).
"""

from __future__ import annotations

import hashlib
import io
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont, ImageOps

from asppuk.filemodes import write_public

SIZE = (1200, 630)
CARD_VERSION = "2"
INK = (59, 20, 9)
PAPER = (255, 250, 242)
BRAND = (122, 46, 29)
GOLD = (242, 177, 52)
CREAM = (233, 211, 184)

GRID = 16  # JPEG's colour block with 4:2:0 chroma: flat blocks cost nearly nothing
SPLIT = 592  # art panel | text panel, on the grid
FOOTER_TOP = 560  # the footer band under the text panel, on the grid
PAD = 44
# The three panels (left, top, right, bottom): nothing is drawn across them
ART_PANEL = (0, 0, SPLIT, SIZE[1])
TEXT_PANEL = (SPLIT, 0, SIZE[0], FOOTER_TOP)
FOOTER_PANEL = (SPLIT, FOOTER_TOP, SIZE[0], SIZE[1])
# where text is set inside them
TEXT = (SPLIT + PAD, PAD, SIZE[0] - PAD, FOOTER_TOP - 20)
FOOTER = (SPLIT + PAD, FOOTER_TOP + 10, SIZE[0] - PAD, SIZE[1] - 10)

JPEG_QUALITY = 60
ELLIPSIS = "..."  # Aileron has no "…"
# Aileron covers ASCII and a little punctuation; everything else is folded
# (é -> e, – -> -) or dropped, so no glyph is ever a missing-glyph box
_FOLD = {"\u2013": "-", "\u2014": "-", "\u2212": "-", "\u2026": "...", "\u00d7": "x", "\u2022": "\u00b7",
         "\u00a0": " ", "\u202f": " ", "\u2009": " "}
_KEEP = set("\u00b7\u2018\u2019\u201c\u201d")


SITE_ID = "ASPPUK · Katalog produk perempuan usaha kecil"
SITE_EN = "ASPPUK · Products of women's small businesses"
ART = ("pattern", "brand")  # without a photo: the woven pattern (catalogue) or the ASPPUK mark (other pages)


@dataclass(frozen=True)
class CardText:
    """Everything a card shows, as plain text (drawn as text, never read as markup).

    A product card: ``title`` (name), ``price``, ``place``. Other pages use
    the same three lines (a news post: its title, its date, its region) with a
    ``kicker`` above the title (``Berita``, ``Laporan``...) and, without a
    photo, ``art="brand"``: the ASPPUK mark instead of the woven pattern."""

    title: str
    price: str  # the second, bold line: a price, a date, a book's name
    place: str  # e.g. "Rupina · JarPUK Sintang, Kalimantan Barat"
    site: str = SITE_ID
    kicker: str = ""
    art: str = "pattern"

    def key_text(self) -> str:
        """What the cache key hashes: a product card's text as it always was
        (so no product card is drawn, or sent to the bucket, again), then
        what is new only when it is used."""
        text = f"CardText(title={self.title!r}, price={self.price!r}, place={self.place!r}, site={self.site!r})"
        if self.kicker:
            text += f"|kicker={self.kicker!r}"
        if self.art != "pattern":
            text += f"|art={self.art!r}"
        return text


@dataclass(frozen=True)
class Line:
    """One line of text on a card: what, at which size, where, and the panel it must stay in."""

    text: str
    size: int
    xy: tuple[int, int]
    panel: tuple[int, int, int, int]
    fill: tuple[int, int, int]
    bold: bool = False

    @property
    def font(self) -> ImageFont.FreeTypeFont:
        return font(self.size)

    @property
    def stroke(self) -> int:
        # Aileron has one weight: a hairline stroke in the text's own colour sets headings apart
        return 1 if self.bold else 0

    def bbox(self, draw: ImageDraw.ImageDraw) -> tuple[float, float, float, float]:
        return draw.textbbox(self.xy, self.text, font=self.font, stroke_width=self.stroke)


def card_key(text: CardText, photo_key: str | None) -> str:
    digest = hashlib.sha256(f"{CARD_VERSION}|{photo_key}|{text.key_text()}".encode())
    return digest.hexdigest()


@lru_cache(maxsize=16)
def font(size: int) -> ImageFont.FreeTypeFont:
    # BASIC layout: the same widths on every machine, with or without libraqm
    return ImageFont.load_default(size=size).font_variant(layout_engine=ImageFont.Layout.BASIC)


def printable(text: str) -> str:
    """``text`` in characters the card's font has."""
    out = []
    for ch in " ".join(text.split()):
        if " " <= ch <= "~" or ch in _KEEP:
            out.append(ch)
        elif ch in _FOLD:
            out.append(_FOLD[ch])
        else:
            out.append("".join(c for c in unicodedata.normalize("NFKD", ch) if " " <= c <= "~"))
    return "".join(out)


def wrap(text: str, size: int, width: int, max_lines: int) -> list[str]:
    """Lines of ``text`` no wider than ``width`` px; a word too long for a line
    is broken inside; past ``max_lines`` the last line ends with an ellipsis."""
    f = font(size)
    fits = lambda s: f.getlength(s) <= width  # noqa: E731
    words: list[str] = []
    for number, part in enumerate(text[: 60 * max_lines].split("\n")):  # no more than the lines can hold
        words += (["\n"] if number else []) + [w for w in printable(part).split(" ") if w]
    lines: list[str] = []
    current = ""
    for word in words:
        if word == "\n":  # a break the caller asked for
            if current:
                lines.append(current)
            current = ""
            continue
        candidate = f"{current} {word}" if current else word
        if fits(candidate):
            current = candidate
            continue
        if current:
            lines.append(current)
            current = ""
        while not fits(word):  # break an over-long word where it must
            cut = _longest_prefix(word, fits)
            lines.append(word[:cut])
            word = word[cut:]
        current = word
        if len(lines) > max_lines:
            break
    if current:
        lines.append(current)
    if len(lines) > max_lines:
        last = lines[max_lines - 1]
        while last and not fits(last.rstrip(" ,.;:·-") + ELLIPSIS):
            last = last[:-1]
        lines = lines[: max_lines - 1] + [last.rstrip(" ,.;:·-") + ELLIPSIS]
    return lines


def _longest_prefix(word: str, fits) -> int:
    low, high = 1, len(word)  # at least one character, so wrapping always advances
    while low < high:
        middle = (low + high + 1) // 2
        if fits(word[:middle]):
            low = middle
        else:
            high = middle - 1
    return low


def layout(text: CardText) -> list[Line]:
    """Where every line of the card goes. Sizes and line counts are chosen so
    the whole block fits the text panel at its worst (a kicker line, four
    title lines, two price lines, two place lines)."""
    left, top, right, bottom = TEXT
    width = right - left
    lines: list[Line] = []
    y = top

    def block(value: str, size: int, leading: int, max_lines: int, fill, gap: int, bold=False):
        nonlocal y
        for line in wrap(value, size, width - 2 * int(bold), max_lines):
            lines.append(Line(line, size, (left, y), TEXT_PANEL, fill, bold))
            y += leading
        y += gap

    if text.kicker:
        block(text.kicker, 26, 34, 1, BRAND, 14)  # 34 + 14 = 48
    block(text.title, 50, 60, 4, INK, 18, bold=True)  # 4 x 60 + 18 = 258
    price = printable(text.price)
    if font(38).getlength(price) > width - 2 and " - " in price:  # a range: break at the dash
        low, high = price.split(" - ", 1)
        price = f"{low} -\n{high}"
    block(price, 38, 46, 2, BRAND, 16, bold=True)  # 2 x 46 + 16 = 108
    block(text.place, 28, 36, 2, INK, 0)  # 2 x 36 = 72: ends by 44 + 48 + 438 = 530 < 540
    assert y <= bottom, y
    # the block sits in the middle of the panel, a little above centre
    shift = (bottom - y) // 3
    lines = [Line(li.text, li.size, (li.xy[0], li.xy[1] + shift), li.panel, li.fill, li.bold) for li in lines]
    # The footer: one line, smaller type before it is ever cut
    f_left, f_top, f_right, f_bottom = FOOTER
    site = printable(text.site)
    size = next((s for s in (24, 22, 20) if font(s).getlength(site) <= f_right - f_left), 20)
    line = wrap(site, size, f_right - f_left, 1)[0]
    ascent, descent = font(size).getmetrics()
    lines.append(Line(line, size, (f_left, (f_top + f_bottom - ascent - descent) // 2), FOOTER_PANEL, PAPER))
    return lines


@lru_cache(maxsize=1)
def pattern() -> Image.Image:
    """A woven band for products without a photo: stepped ikat diamonds on the
    16-pixel grid, in the site's colours (drawn once per process)."""
    cells_x, cells_y = SPLIT // GRID, -(-SIZE[1] // GRID)
    small = Image.new("RGB", (cells_x, cells_y), BRAND)
    px = small.load()
    period = 12
    for cy in range(cells_y):
        for cx in range(cells_x):
            dx = abs((cx % period) - period // 2)
            dy = abs(((cy + period // 2 * ((cx // period) % 2)) % period) - period // 2)
            d = dx + dy
            if d in (5, 6):
                px[cx, cy] = GOLD
            elif d == 3:
                px[cx, cy] = CREAM
            elif d == 0:
                px[cx, cy] = GOLD
    band = small.resize((cells_x * GRID, cells_y * GRID), Image.Resampling.NEAREST)
    return band.crop((0, 0, SPLIT, SIZE[1]))


@lru_cache(maxsize=1)
def brand() -> Image.Image:
    """The art panel of a page without a photo: the ASPPUK mark (the woven
    diamond of assets/logo.svg, redrawn from its coordinates) and the name,
    on the brand colour. Drawn at four times the size and reduced, so the
    diagonals are smooth; once per process."""
    scale = 4
    width, height = SPLIT, SIZE[1]
    big = Image.new("RGB", (width * scale, height * scale), BRAND)
    draw = ImageDraw.Draw(big)
    unit = 7 * scale  # the logo's 48 units -> 336 px
    left = (width * scale - 48 * unit) // 2
    top = 70 * scale

    def at(x: float, y: float) -> tuple[int, int]:
        return (round(left + x * unit), round(top + y * unit))

    cream = (253, 243, 225)
    draw.polygon([at(24, 6), at(42, 24), at(24, 42), at(6, 24)], fill=GOLD)
    draw.polygon([at(24, 13), at(35, 24), at(24, 35), at(13, 24)], fill=BRAND)
    draw.polygon([at(24, 19), at(29, 24), at(24, 29), at(19, 24)], fill=cream)
    for (x1, y1), (x2, y2) in (((6, 24), (14, 24)), ((34, 24), (42, 24)), ((24, 6), (24, 13)), ((24, 35), (24, 42))):
        draw.line([at(x1, y1), at(x2, y2)], fill=cream, width=2 * unit)
    panel = big.resize((width, height), Image.Resampling.LANCZOS)
    draw = ImageDraw.Draw(panel)
    name = "ASPPUK"
    f = font(72)
    x = (width - f.getlength(name)) // 2
    draw.text((x, top // scale + 48 * unit // scale + 34), name, font=f, fill=cream, stroke_width=2, stroke_fill=cream)
    return panel


@lru_cache(maxsize=8)
def _blank(site: str, art: str | None) -> Image.Image:
    """What every card shares, drawn once per process: paper, the art
    without a photo (``pattern`` or ``brand``; None: a photo goes there),
    the footer band and its line."""
    card = Image.new("RGB", SIZE, PAPER)
    if art == "pattern":
        card.paste(pattern(), ART_PANEL[:2])
    elif art == "brand":
        card.paste(brand(), ART_PANEL[:2])
    draw = ImageDraw.Draw(card)
    draw.rectangle(FOOTER_PANEL, fill=BRAND)
    footer = layout(CardText("", "", "", site))[-1]
    draw.text(footer.xy, footer.text, font=footer.font, fill=footer.fill)
    return card


def draw_card(text: CardText, photo: Path | None) -> bytes:
    card = _blank(text.site, text.art if photo is None else None).copy()
    if photo is not None:
        with Image.open(photo, formats=("JPEG", "WEBP", "PNG")) as im:
            im.draft("RGB", (SPLIT, SIZE[1]))
            picture = ImageOps.exif_transpose(im)  # a post's own photo may be sideways by EXIF
            if picture.mode in ("RGBA", "LA", "P", "PA"):  # transparent parts on the card's paper
                picture = picture.convert("RGBA")
                backing = Image.new("RGBA", picture.size, PAPER + (255,))
                picture = Image.alpha_composite(backing, picture)
            card.paste(ImageOps.fit(picture.convert("RGB"), (SPLIT, SIZE[1]), Image.Resampling.BICUBIC), ART_PANEL[:2])
    draw = ImageDraw.Draw(card)
    for line in layout(text)[:-1]:  # the footer is on the blank card already
        draw.text(line.xy, line.text, font=line.font, fill=line.fill, stroke_width=line.stroke, stroke_fill=line.fill)
    out = io.BytesIO()
    # A fresh image: no EXIF, ICC or comment is written
    card.save(out, "JPEG", quality=JPEG_QUALITY, subsampling=2, optimize=True)
    return out.getvalue()


def cached_card(root: Path, text: CardText, photo: Path | None, photo_key: str | None) -> tuple[Path, bool]:
    """The card's cached path, and whether it had to be drawn now."""
    key = card_key(text, photo_key)
    path = root / key[:2] / f"{key}.jpg"
    if path.exists():
        return path, False
    path.parent.mkdir(parents=True, exist_ok=True)
    write_public(path, draw_card(text, photo))  # the site links this file: its mode is the card's
    return path, True
