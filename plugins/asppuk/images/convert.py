"""Turn one staff photo into small, private, web-ready files (Pillow).

Phone photos arrive as 12-megapixel JPEGs, sideways, often with the GPS
position of the producer's home in their EXIF data. Every output here is a
fresh image: orientation applied, colours converted to sRGB, alpha flattened,
and no EXIF, GPS, XMP, ICC or comment data written.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass, field

from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

# Only these decoders are ever tried: a file that claims another format is
# refused instead of reaching a rarely used (and rarely hardened) decoder.
FORMATS = ("JPEG", "PNG", "WEBP")
BACKGROUND = (255, 255, 255)  # behind transparent PNGs: product photos sit on white
# libwebp effort: 2 is three times faster than the default 4 for ~2 % more bytes
WEBP_METHOD = 2
# Every browser the site's visitors use shows WebP (Android's Chrome and
# WebView, Safari since 14, Firefox, Samsung Internet), so photos are WebP
# only; the one image that must be JPEG, the preview card (og:image: some
# messengers' crawlers read nothing else), is drawn by .card.
#
# Widths: a listing tile is half a phone's width (180-206 CSS px at 2-3
# device pixels per CSS px: 360-620 px) and the product photo is its whole
# width (720-1240 px), or half a desktop window. 480 and 960 cover both on
# the phones the visitors use; a 3x phone gets the 960 one, a little soft,
# rather than a 1280 px file that costs twice the bytes.
_SRGB = ImageCms.createProfile("sRGB")


class ImageProblem(Exception):
    """A source photo that cannot be published; the message is for staff (Indonesian)."""


@dataclass(frozen=True)
class ImageSettings:
    widths: tuple[int, ...] = (480, 960)
    webp_quality: int = 75
    max_bytes: int = 25 * 2**20  # larger sources are refused, not slowly decoded
    max_pixels: int = 60_000_000  # decompression-bomb guard (Pillow's MAX_IMAGE_PIXELS)

    def key(self) -> str:
        return f"w={','.join(map(str, self.widths))};webp={self.webp_quality}"


@dataclass
class Variant:
    width: int
    height: int
    format: str  # "webp"
    data: bytes = field(repr=False)

    @property
    def suffix(self) -> str:
        return ".webp"


def open_source(data: bytes, settings: ImageSettings) -> Image.Image:
    """Decode ``data`` safely, refusing what is not a photo we accept."""
    _check_size(len(data), settings)
    previous = Image.MAX_IMAGE_PIXELS
    Image.MAX_IMAGE_PIXELS = settings.max_pixels
    try:
        with warnings.catch_warnings():
            # Pillow only warns between 1x and 2x the limit; we refuse both
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data), formats=FORMATS)
            return image
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ImageProblem(
            f"ukuran foto terlalu besar (lebih dari {settings.max_pixels / 1e6:.0f} megapiksel), atau berkasnya rusak. "
            "Perkecil fotonya lalu unggah ulang."
        ) from None
    except UnidentifiedImageError:
        raise ImageProblem(
            "berkas ini bukan foto yang bisa dibaca (yang diterima: JPEG, PNG, WebP). "
            "Foto HEIC dari iPhone perlu diubah dulu ke JPEG."
        ) from None
    finally:
        Image.MAX_IMAGE_PIXELS = previous


def check_source(path, settings: ImageSettings) -> None:
    """What ``make check`` can tell of a photo cheaply: its size, format and
    dimensions from the header, and that it is whole (a JPEG decoded at an
    eighth of its size, a PNG's chunks and checksums verified: milliseconds).
    Raises ImageProblem, with the build's own messages."""
    _check_size(path.stat().st_size, settings)
    image = open_source(path.read_bytes(), settings)
    try:
        if image.format == "PNG":
            image.verify()
        else:
            if image.format == "JPEG":
                image.draft(image.mode, (max(1, image.width // 8), max(1, image.height // 8)))
            image.load()
    except (OSError, SyntaxError, Image.DecompressionBombError):
        raise ImageProblem("foto rusak atau terpotong. Unggah ulang berkas aslinya.") from None
    finally:
        image.close()


def _check_size(size: int, settings: ImageSettings) -> None:
    if size > settings.max_bytes:
        raise ImageProblem(
            f"berkas foto {size / 2**20:.0f} MB, lebih besar dari batas {settings.max_bytes / 2**20:.0f} MB. "
            "Perkecil fotonya (misalnya lebar 2000 piksel) lalu unggah ulang."
        )


def prepare(image: Image.Image, target_width: int) -> Image.Image:
    """Decoded, upright, sRGB, 8-bit RGB, with no metadata attached."""
    if image.format == "JPEG" and image.mode in ("RGB", "L", "CMYK"):
        # Decode at a reduced scale when the largest output is much smaller
        # (libjpeg scales by 1/2, 1/4 or 1/8 while decoding: far less work).
        # A sideways photo is stored rotated: its stored height becomes the width.
        sideways = image.getexif().get(0x0112) in (5, 6, 7, 8)
        stored_w, stored_h = image.size
        if sideways:
            requested = (max(1, target_width * stored_w // stored_h), target_width)
        else:
            requested = (target_width, max(1, target_width * stored_h // stored_w))
        image.draft(image.mode, requested)
    try:
        image.load()
    except OSError as exc:
        raise ImageProblem(f"foto rusak atau terpotong ({exc}). Unggah ulang berkas aslinya.") from None
    except Image.DecompressionBombError:
        raise ImageProblem("ukuran foto terlalu besar. Perkecil fotonya lalu unggah ulang.") from None
    icc = image.info.get("icc_profile")
    image = ImageOps.exif_transpose(image)
    image = _to_rgb(image, icc)
    image.info = {}  # drop EXIF, XMP, comments and the rest
    return image


def _to_rgb(image: Image.Image, icc: bytes | None) -> Image.Image:
    if image.mode in ("I;16", "I;16B", "I;16L", "I"):
        # 16-bit greyscale: scale to 8 bits rather than clipping to white
        image = image.convert("I").point(lambda v: v / 256).convert("L")
    if image.mode == "P":
        image = image.convert("RGBA")
    if image.mode in ("RGBA", "LA", "PA", "RGBa", "La"):
        rgba = image.convert("RGBA")
        flat = Image.new("RGB", rgba.size, BACKGROUND)
        flat.paste(rgba, mask=rgba.getchannel("A"))
        return flat
    if icc and image.mode in ("RGB", "CMYK"):
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            return ImageCms.profileToProfile(image, source, _SRGB, outputMode="RGB")
        except (ImageCms.PyCMSError, OSError):
            pass  # a broken profile: fall back to a plain conversion
    return image.convert("RGB")


def render(data: bytes, settings: ImageSettings) -> list[Variant]:
    """All variants of one source: WebP at each width the source allows."""
    source = open_source(data, settings)
    image = prepare(source, max(settings.widths))
    widths = sorted({min(w, image.width) for w in settings.widths}, reverse=True)
    variants: list[Variant] = []
    current = image
    for width in widths:
        height = max(1, round(image.height * width / image.width))
        if current.width != width:
            # step down from the previous size with bicubic: a third cheaper
            # than Lanczos, and no visible difference when shrinking photos
            current = current.resize((width, height), Image.Resampling.BICUBIC, reducing_gap=2.0)
            current.info = {}
        variants.append(Variant(width, height, "webp", _encode(current, "WEBP", quality=settings.webp_quality, method=WEBP_METHOD)))
    variants.sort(key=lambda v: v.width)
    return variants


def _encode(image: Image.Image, fmt: str, **options) -> bytes:
    out = io.BytesIO()
    image.save(out, fmt, **options)
    return out.getvalue()
