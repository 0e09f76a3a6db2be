"""The photo pipeline: privacy, conversions, bad sources, cache."""

from __future__ import annotations

import io
import struct
import zlib

import pytest
from images import photo
from PIL import Image

from asppuk.images import ImageCache, ImageProblem, ImageSettings, process
from asppuk.images.card import CardText, draw_card
from asppuk.images.convert import open_source, prepare, render

SETTINGS = ImageSettings()


def decoded(variant):
    return Image.open(io.BytesIO(variant.data))


def test_widths_and_formats():
    variants = render(photo(1600, 1200), SETTINGS)
    # WebP only, at the two widths a phone needs (listing tile, product photo)
    assert sorted((v.format, v.width, v.height) for v in variants) == [("webp", 480, 360), ("webp", 960, 720)]
    for v in variants:
        assert decoded(v).size == (v.width, v.height)
        assert decoded(v).format == "WEBP"


def test_small_source_is_not_enlarged():
    variants = render(photo(500, 400), SETTINGS)
    assert sorted({v.width for v in variants}) == [480, 500]


def test_gps_exif_and_comment_never_reach_the_output():
    source = photo(gps=True, orientation=1, comment=b"rumah Ibu Ani")
    assert Image.open(io.BytesIO(source)).getexif().get_ifd(0x8825)  # the source really has GPS
    for v in render(source, SETTINGS):
        out = decoded(v)
        assert not out.getexif(), v
        assert "exif" not in out.info and "xmp" not in out.info and "comment" not in out.info
        assert "icc_profile" not in out.info
        assert b"rumah" not in v.data and b"GPS" not in v.data and b"Exif" not in v.data


def test_orientation_is_applied():
    # stored landscape, shown portrait (phone held upright): orientation 6
    variants = render(photo(1600, 1200, orientation=6), SETTINGS)
    largest = max(variants, key=lambda v: v.width)
    assert (largest.width, largest.height) == (1200, 1600) or largest.width < largest.height
    image = decoded(largest).convert("RGB")
    # the blue corner was top-left when stored; rotated 90° clockwise it is top-right
    assert image.getpixel((image.width - 5, 5))[2] > 150
    assert image.getpixel((5, 5))[2] < 100


@pytest.mark.parametrize("mode", ["CMYK", "P", "L", "LA", "RGBA", "I;16"])
def test_modes_are_converted(mode):
    fmt = "JPEG" if mode in ("CMYK", "L") else "PNG"
    if mode == "I;16":
        image = Image.frombytes("I;16", (800, 600), struct.pack("<H", 40000) * (800 * 600))
        out = io.BytesIO()
        image.save(out, "PNG")
        source = out.getvalue()
    else:
        source = photo(800, 600, mode=mode, fmt=fmt)
    variants = render(source, SETTINGS)
    for v in variants:
        assert decoded(v).mode in ("RGB",), (mode, v.format)
    if mode == "I;16":  # 40000/65535 of full scale: mid grey, not clipped to white
        assert 140 < decoded(variants[0]).convert("L").getpixel((10, 10)) < 170


def test_transparent_png_gets_a_white_background():
    image = Image.new("RGBA", (800, 600), (0, 0, 0, 0))
    out = io.BytesIO()
    image.save(out, "PNG")
    variant = render(out.getvalue(), SETTINGS)[0]
    assert min(decoded(variant).convert("RGB").getpixel((10, 10))) >= 250


def test_jpeg_is_decoded_at_reduced_scale():
    image = prepare(open_source(photo(4000, 3000), SETTINGS), 1280)
    assert image.size == (2000, 1500)  # libjpeg's 1/2 scale, not the full 12 MP
    sideways = prepare(open_source(photo(4000, 3000, orientation=6), SETTINGS), 1280)
    assert sideways.width >= 1280


def test_not_an_image():
    with pytest.raises(ImageProblem, match="bukan foto yang bisa dibaca"):
        render(b"%PDF-1.4 bukan foto", SETTINGS)


def test_format_outside_the_allow_list_is_refused():
    out = io.BytesIO()
    Image.new("RGB", (50, 50)).save(out, "BMP")
    with pytest.raises(ImageProblem, match="bukan foto"):
        render(out.getvalue(), SETTINGS)


def test_truncated_image():
    data = photo(1600, 1200)
    with pytest.raises(ImageProblem, match="rusak atau terpotong"):
        render(data[: len(data) // 2], SETTINGS)


def _png_header_only(width, height) -> bytes:
    def chunk(kind, body):
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0" * 10)) + chunk(b"IEND", b"")


@pytest.mark.parametrize("size", [(9000, 9000), (20000, 20000)])
def test_decompression_bomb(size):
    # both above the limit and above twice the limit (Pillow warns, then errors)
    with pytest.raises(ImageProblem, match="megapiksel"):
        render(_png_header_only(*size), ImageSettings(max_pixels=50_000_000))


def test_source_over_the_size_limit():
    with pytest.raises(ImageProblem, match="lebih besar dari batas 1 MB"):
        render(b"\xff\xd8" + b"0" * (2 * 2**20), ImageSettings(max_bytes=2**20))


def test_cache_warm_run_does_no_image_work_and_prunes(tmp_path):
    first, second = tmp_path / "a.jpg", tmp_path / "b.jpg"
    first.write_bytes(photo(1000, 800))
    second.write_bytes(photo(900, 700, gps=True))
    cache = ImageCache(tmp_path / "cache")
    renditions, failures, stats = process([first, second], cache, workers=1)
    assert (stats.rendered, stats.cached, failures) == (2, 0, {})
    renditions, failures, stats = process([first, second], cache, workers=1)
    assert (stats.rendered, stats.cached) == (0, 2)
    old_key = renditions[second].key
    second.write_bytes(photo(900, 700))  # the photo was replaced
    _, _, stats = process([first, second], cache, workers=1)
    assert (stats.rendered, stats.cached, stats.pruned) == (1, 1, 1)
    assert not cache.entry(old_key).exists()


def test_bad_source_is_reported_not_raised(tmp_path):
    bad = tmp_path / "bad.jpg"
    bad.write_bytes(b"not a photo")
    renditions, failures, stats = process([bad], ImageCache(tmp_path / "cache"), workers=1)
    assert renditions == {} and "bukan foto" in failures[bad] and stats.failed == 1


def test_social_card():
    data = draw_card(CardText("Kain kebat tenun ikat Dayak", "Rp 750.000", "Rupina · JarPUK Sintang"), None)
    card = Image.open(io.BytesIO(data))
    assert card.size == (1200, 630) and card.format == "JPEG"
    assert not card.getexif()
