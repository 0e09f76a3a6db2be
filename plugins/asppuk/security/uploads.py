"""What a file that the site copies as it is may be, told by its bytes.

Everything under ``content/`` that is not a Markdown page is published as it
is: photos and documents that staff upload (the editor puts them in
``content/assets/unggahan/``), the report attachments. A browser may run a
file as script whatever its name says (a "text" file named by a
``<script src>``, a page opened from the site), so such files are limited to
images, PDF and office documents, and the kind is read from the first bytes
(and, for the zip-based formats and CSV, from the structure), never from the
name alone; the name's suffix must then agree with it. The site's own files
that ``mkdocs.yml`` names (its stylesheet, the logo) are not uploads. No
MkDocs.
"""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

# kind -> (suffixes it may have, how staff call it)
KINDS = {
    "jpeg": ({".jpg", ".jpeg"}, "foto JPEG"),
    "png": ({".png"}, "gambar PNG"),
    "gif": ({".gif"}, "gambar GIF"),
    "webp": ({".webp"}, "gambar WebP"),
    "avif": ({".avif"}, "gambar AVIF"),
    "svg": ({".svg"}, "gambar SVG"),
    "pdf": ({".pdf"}, "dokumen PDF"),
    "ooxml": ({".docx", ".xlsx", ".pptx"}, "dokumen Word, Excel atau PowerPoint"),
    "odf": ({".odt", ".ods", ".odp"}, "dokumen OpenDocument"),
    "ole": ({".doc", ".xls", ".ppt"}, "dokumen Word, Excel atau PowerPoint lama"),
    "csv": ({".csv"}, "tabel CSV"),
}
ALLOWED = "foto atau gambar (JPEG, PNG, GIF, WebP, AVIF, SVG), PDF, atau dokumen kantor (Word, Excel, PowerPoint, OpenDocument, CSV)"
MAX_CSV_BYTES = 5_000_000


def _zip_kind(path: Path) -> str | None:
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            if "[Content_Types].xml" in names and any(n.startswith(("word/", "xl/", "ppt/")) for n in names):
                return "ooxml"
            if "mimetype" in names:
                with archive.open("mimetype") as member:  # 80 bytes, never the whole member (a zip bomb)
                    if member.read(80).startswith(b"application/vnd.oasis.opendocument."):
                        return "odf"
    except (zipfile.BadZipFile, OSError, KeyError, RuntimeError, ValueError):
        return None
    return None


def _is_csv(path: Path) -> bool:
    """UTF-8 text of rows with two or more cells, each row as wide as the first."""
    if path.stat().st_size > MAX_CSV_BYTES:
        return False
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        return False
    if any(ch < " " and ch not in "\t\r\n" for ch in text):
        return False
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines:
        return False
    delimiter = max(",;\t", key=lines[0].count)
    try:
        rows = list(csv.reader(io.StringIO("\n".join(lines)), delimiter=delimiter))
    except csv.Error:  # a cell past the csv module's limit, a stray quote: no table a spreadsheet makes
        return False
    return len(rows[0]) >= 2 and all(len(row) == len(rows[0]) for row in rows)


def _is_svg(head: bytes) -> bool:
    text = head.decode("utf-8", errors="replace").lstrip("\ufeff \t\r\n")
    while text.startswith(("<?xml", "<!--", "<!DOCTYPE", "<!doctype")):  # prolog, comments, doctype
        end = text.find("-->" if text.startswith("<!--") else ">")
        if end < 0:
            return False
        text = text[end + (3 if text.startswith("<!--") else 1):].lstrip()
    return text.startswith("<svg") and text[4:5] in (" ", ">", "\t", "\r", "\n", "/")


def kind_of(path: Path) -> str | None:
    """The kind of ``path`` by its bytes (a key of :data:`KINDS`), or None."""
    with path.open("rb") as file:
        head = file.read(4096)
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith((b"GIF87a", b"GIF89a")):
        return "gif"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    if head[4:8] == b"ftyp" and head[8:12] in (b"avif", b"avis"):
        return "avif"
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return _zip_kind(path)
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "ole"
    if _is_svg(head):
        return "svg"
    if path.suffix.lower() == ".csv" and _is_csv(path):
        return "csv"
    return None


def upload_problem(path: Path) -> str | None:
    """Why ``path`` may not be published as it is (Indonesian), or None."""
    kind = kind_of(path)
    suffix = path.suffix.lower() or "(tanpa akhiran)"
    if kind is None:
        return (f"berkas ini ({suffix}) bukan {ALLOWED}, menurut isinya. Hanya berkas seperti itu yang boleh "
                "ada di folder situs: berkas lain bisa dijalankan sebagai kode oleh peramban pengunjung. "
                "Hapus berkas ini, atau simpan ulang sebagai salah satu jenis itu.")
    suffixes, name = KINDS[kind]
    if suffix not in suffixes:
        return (f"isi berkas ini adalah {name}, tetapi namanya berakhiran {suffix}. Ganti nama berkas menjadi "
                f"…{sorted(suffixes)[0]} (dan tautan yang menunjuknya).")
    return None
