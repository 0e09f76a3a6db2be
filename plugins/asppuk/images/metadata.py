"""Photos that staff upload into ``content/``, published without their metadata.

Product photos are drawn anew (:mod:`.convert`), but a photo uploaded into
``content/`` (a news post's, a report's) is published as it is, and a phone
writes where it was taken into it (EXIF GPS), with the phone's name and
often the owner's. The build publishes a copy without that metadata, made
without decoding the image (no loss): JPEG keeps its JFIF, ICC and Adobe
segments and an orientation-only EXIF (a photo taken sideways still shows
upright), PNG drops its text, time and EXIF chunks, WebP its EXIF and XMP
chunks. GIF and AVIF are not rewritten: one that carries EXIF or XMP is
refused (:func:`metadata_problem`). No MkDocs.
"""

from __future__ import annotations

import struct

from PIL import Image, UnidentifiedImageError

_JPEG_KEEP = {0xE0, 0xE2, 0xEE}  # APP0 JFIF, APP2 ICC profile, APP14 Adobe (colour transform)
_PNG_DROP = {b"tEXt", b"zTXt", b"iTXt", b"eXIf", b"tIME"}
_WEBP_DROP = {b"EXIF", b"XMP "}
_MARKERS = (b"Exif\x00\x00", b"<x:xmpmeta", b"http://ns.adobe.com/xap/")
MAX_SCAN = 50_000_000


class NotAnImage(ValueError):
    pass


def _orientation_segment(orientation: int) -> bytes:
    """An APP1 segment holding an EXIF with the orientation tag only."""
    tiff = b"MM\x00\x2a\x00\x00\x00\x08" + struct.pack(">HHHIHHI", 1, 0x0112, 3, 1, orientation, 0, 0)
    payload = b"Exif\x00\x00" + tiff
    return b"\xff\xe1" + struct.pack(">H", len(payload) + 2) + payload


def _orientation(data: bytes) -> int:
    from io import BytesIO

    try:
        with Image.open(BytesIO(data)) as image:
            value = image.getexif().get(0x0112)
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        return 1
    return value if isinstance(value, int) and 1 <= value <= 8 else 1


def _strip_jpeg(data: bytes) -> bytes:
    if not data.startswith(b"\xff\xd8"):
        raise NotAnImage("not a JPEG")
    out, at = [b"\xff\xd8"], 2
    orientation = _orientation(data)
    added = orientation == 1
    while at + 4 <= len(data):
        if data[at] != 0xFF:
            raise NotAnImage("damaged JPEG")
        marker = data[at + 1]
        if marker == 0xFF:  # fill byte
            at += 1
            continue
        if marker == 0xDA or not 0xC0 <= marker <= 0xFE:  # start of scan (or no length): the rest is image data
            break
        length = struct.unpack(">H", data[at + 2:at + 4])[0]
        segment = data[at:at + 2 + length]
        if len(segment) != 2 + length or length < 2:
            raise NotAnImage("damaged JPEG")
        keep = not (0xE0 <= marker <= 0xEF or marker == 0xFE) or marker in _JPEG_KEEP
        if keep:
            out.append(segment)
            if not added and marker == 0xE0:  # the orientation right after JFIF
                out.append(_orientation_segment(orientation))
                added = True
        at += 2 + length
    if not added:
        out.insert(1, _orientation_segment(orientation))
    out.append(data[at:])
    return b"".join(out)


def _strip_png(data: bytes) -> bytes:
    if not data.startswith(b"\x89PNG\r\n\x1a\n"):
        raise NotAnImage("not a PNG")
    out, at = [data[:8]], 8
    while at + 12 <= len(data):
        length = struct.unpack(">I", data[at:at + 4])[0]
        kind = data[at + 4:at + 8]
        end = at + 12 + length
        if end > len(data):
            raise NotAnImage("damaged PNG")
        if kind not in _PNG_DROP:
            out.append(data[at:end])
        at = end
        if kind == b"IEND":
            break
    return b"".join(out)


def _strip_webp(data: bytes) -> bytes:
    if data[:4] != b"RIFF" or data[8:12] != b"WEBP":
        raise NotAnImage("not a WebP")
    chunks, at = [], 12
    while at + 8 <= len(data):
        kind, length = data[at:at + 4], struct.unpack("<I", data[at + 4:at + 8])[0]
        end = at + 8 + length + (length & 1)
        if at + 8 + length > len(data):
            raise NotAnImage("damaged WebP")
        chunk = data[at:min(end, len(data))]
        if kind == b"VP8X":  # the flags say which chunks follow: no EXIF (0x08), no XMP (0x04)
            chunk = chunk[:8] + bytes([chunk[8] & ~0x0C]) + chunk[9:]
        if kind not in _WEBP_DROP:
            chunks.append(chunk)
        at = end
    body = b"WEBP" + b"".join(chunks)
    return b"RIFF" + struct.pack("<I", len(body)) + body


STRIP = {"jpeg": _strip_jpeg, "png": _strip_png, "webp": _strip_webp}


def without_metadata(data: bytes, kind: str) -> bytes:
    """``data`` (an image of ``kind``, from :mod:`asppuk.security.uploads`) without
    its metadata; unchanged for kinds that are not photos. Raises
    :class:`NotAnImage` for a file too damaged to rewrite."""
    strip = STRIP.get(kind)
    return strip(data) if strip is not None else data


def metadata_problem(data: bytes, kind: str) -> str | None:
    """Why an upload of ``kind`` cannot be published (Indonesian), or None."""
    if kind in STRIP:
        try:
            without_metadata(data, kind)
        except NotAnImage:
            return ("berkas foto ini rusak (bagian-bagiannya tidak terbaca), sehingga data lokasi dan kamera di "
                    "dalamnya tidak dapat dihapus. Simpan ulang fotonya (misalnya dibuka lalu disimpan ulang di "
                    "aplikasi foto) dan unggah lagi.")
    elif kind in ("gif", "avif") and any(marker in data[:MAX_SCAN] for marker in _MARKERS):
        return ("gambar ini menyimpan data EXIF atau XMP (bisa berisi lokasi dan nama pemilik kamera), yang tidak "
                "dapat dihapus otomatis dari berkas GIF atau AVIF. Unggah gambarnya sebagai JPEG atau PNG.")
    return None
