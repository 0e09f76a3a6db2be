"""Photo-like JPEGs for benchmarks and tests: smooth gradients, soft shapes,
texture and sensor noise, so they compress like real phone photos (flat
colour would not), each one different (the photo cache shares identical
files), with the EXIF a phone writes (orientation, GPS) that the pipeline
must strip."""

from __future__ import annotations

import io
import random
from functools import lru_cache

from PIL import Image, ImageChops, ImageDraw, ImageFilter

GPS = {1: "S", 2: (8.0, 30.0, 0.0), 3: "E", 4: (116.0, 20.0, 0.0)}


@lru_cache(maxsize=4)
def _noise(size: tuple[int, int], sigma: int) -> Image.Image:
    """One noise field per process, larger than a photo: each photo takes its own window of it."""
    return Image.effect_noise((size[0] + 256, size[1] + 256), sigma)


def photo_like(seed: int, size: tuple[int, int] = (1600, 1200), *, quality: int = 88, sideways: bool = False) -> bytes:
    rnd = random.Random(seed)
    w, h = size
    sw, sh = max(8, w // 4), max(8, h // 4)  # the scene is made small, then enlarged (soft, like optics)
    channels = []
    for _ in range(3):  # light falling across the scene: a gradient per channel, at a random angle
        gradient = Image.linear_gradient("L").rotate(rnd.uniform(0, 360), resample=Image.Resampling.BILINEAR,
                                                      fillcolor=rnd.randrange(60, 200))
        low, high = sorted((rnd.randrange(20, 140), rnd.randrange(120, 250)))
        channels.append(gradient.point(lambda v, lo=low, hi=high: lo + v * (hi - lo) // 255).resize((sw, sh)))
    scene = Image.merge("RGB", channels)
    layer, mask = Image.new("RGB", (sw, sh)), Image.new("L", (sw, sh), 0)
    draw, draw_mask = ImageDraw.Draw(layer), ImageDraw.Draw(mask)
    for _ in range(rnd.randrange(6, 14)):  # objects: soft-edged shapes with their own shading
        x, y = rnd.randrange(sw), rnd.randrange(sh)
        rx, ry = rnd.randrange(3, sw // 2), rnd.randrange(3, sh // 2)
        box = [x - rx, y - ry, x + rx, y + ry]
        shape = draw.ellipse if rnd.random() < 0.6 else draw.rectangle
        shape(box, fill=tuple(rnd.randrange(256) for _ in range(3)))
        (draw_mask.ellipse if shape == draw.ellipse else draw_mask.rectangle)(box, fill=rnd.randrange(120, 255))
    scene = Image.composite(layer.filter(ImageFilter.GaussianBlur(1.5)), scene, mask.filter(ImageFilter.GaussianBlur(1)))
    # texture (woven cloth, food): detail at the small scale, softened by the enlargement
    detail = _noise((sw, sh), 30).crop((x0 := rnd.randrange(256), y0 := rnd.randrange(256), x0 + sw, y0 + sh))
    scene = Image.blend(scene, ImageChops.overlay(scene, Image.merge("RGB", [detail] * 3)), 0.35)
    image = scene.resize(size, Image.Resampling.BICUBIC)
    # sensor noise at full size
    noise = _noise(size, 12).crop((x0 := rnd.randrange(256), y0 := rnd.randrange(256), x0 + w, y0 + h))
    image = Image.blend(image, Image.merge("RGB", [noise] * 3), 0.04)
    exif = Image.Exif()
    exif[0x0112] = 6 if sideways else 1
    exif[0x8825] = GPS
    out = io.BytesIO()
    image.save(out, "JPEG", quality=quality, exif=exif.tobytes())
    return out.getvalue()
