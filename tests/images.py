"""Helpers that make test photos the way phones and editors do."""

from __future__ import annotations

import io

from PIL import Image, ImageDraw

GPS = {1: "S", 2: (8.0, 30.0, 0.0), 3: "E", 4: (116.0, 20.0, 0.0)}


def photo(width=1600, height=1200, *, mode="RGB", fmt="JPEG", orientation=None, gps=False, comment=None) -> bytes:
    image = Image.new("RGB", (width, height), (180, 90, 40))
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, 0, width // 4, height // 4], fill=(20, 40, 200))  # marks the top-left corner
    if mode != "RGB":
        image = image.convert(mode)
    exif = Image.Exif()
    if orientation:
        exif[0x0112] = orientation
    if gps:
        exif[0x8825] = GPS
    out = io.BytesIO()
    options = {}
    if fmt == "JPEG":
        options["quality"] = 90
        if comment:
            options["comment"] = comment
    if len(exif):
        options["exif"] = exif.tobytes()
    image.save(out, fmt, **options)
    return out.getvalue()
