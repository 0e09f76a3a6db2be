"""Social preview cards: the 1200×630 image WhatsApp and Facebook show for a link.

Drawn with Pillow from the product's own (already private) photo rendition,
its name, price and JarPUK. The font is the one Pillow itself ships
(``ImageFont.load_default``: Aileron, CC0), so nothing is downloaded.
Cards are cached by a hash of everything drawn on them.
"""

from __future__ import annotations

import hashlib
import io
import os
import tempfile
import textwrap
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont, ImageOps

SIZE = (1200, 630)
CARD_VERSION = "1"
INK = (59, 20, 9)
PAPER = (255, 250, 242)
BRAND = (122, 46, 29)
GOLD = (242, 177, 52)


@dataclass(frozen=True)
class CardText:
    title: str
    price: str
    place: str  # e.g. "JarPUK Sintang · Kalimantan Barat"
    site: str = "ASPPUK · Katalog produk perempuan usaha kecil"


def card_key(text: CardText, photo_key: str | None) -> str:
    digest = hashlib.sha256(f"{CARD_VERSION}|{photo_key}|{text}".encode())
    return digest.hexdigest()


def draw_card(text: CardText, photo: Path | None) -> bytes:
    card = Image.new("RGB", SIZE, PAPER)
    split = 600
    if photo is not None:
        with Image.open(photo, formats=("JPEG",)) as im:
            card.paste(ImageOps.fit(im.convert("RGB"), (split, SIZE[1]), Image.Resampling.LANCZOS), (0, 0))
    else:
        # a woven band stands in for a photo
        band = ImageDraw.Draw(card)
        band.rectangle([0, 0, split, SIZE[1]], fill=BRAND)
        for x in range(-SIZE[1], split, 48):
            band.line([(x, SIZE[1]), (x + SIZE[1], 0)], fill=GOLD, width=14)
    draw = ImageDraw.Draw(card)
    left = split + 48
    width_chars = 22
    title_font = ImageFont.load_default(size=52)
    body_font = ImageFont.load_default(size=34)
    small_font = ImageFont.load_default(size=26)
    y = 64
    for line in textwrap.wrap(text.title, width_chars)[:4]:
        draw.text((left, y), line, font=title_font, fill=INK)
        y += 64
    y += 24
    draw.text((left, y), text.price, font=body_font, fill=BRAND)
    y += 56
    for line in textwrap.wrap(text.place, 30)[:2]:
        draw.text((left, y), line, font=small_font, fill=INK)
        y += 36
    draw.rectangle([split, SIZE[1] - 70, SIZE[0], SIZE[1]], fill=BRAND)
    draw.text((left, SIZE[1] - 52), text.site, font=small_font, fill=PAPER)
    out = io.BytesIO()
    card.save(out, "JPEG", quality=82, optimize=True, progressive=True)
    return out.getvalue()


def cached_card(root: Path, text: CardText, photo: Path | None, photo_key: str | None) -> tuple[Path, bool]:
    """The card's cached path, and whether it had to be drawn now."""
    key = card_key(text, photo_key)
    path = root / key[:2] / f"{key}.jpg"
    if path.exists():
        return path, False
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    with os.fdopen(fd, "wb") as f:
        f.write(draw_card(text, photo))
    os.replace(tmp, path)
    return path, True
