"""A JarPUK's products and producers as a spreadsheet, and back (openpyxl, csv).

Staff keep product lists in Excel, LibreOffice or Google Sheets. Export writes
one workbook per JarPUK (sheets ``produk``, ``produsen`` and ``petunjuk``);
import reads it (or a CSV of the ``produk`` sheet), checks every cell, and
only when all are fine updates the YAML files in place with ruamel.yaml, so
comments, key order and fields the sheet does not have (photos,
certifications, English texts…) survive. No MkDocs.

A spreadsheet is untrusted input:

- every row's ``id`` must be a valid, unreserved, unrepeated id, and the
  file it names is resolved and kept inside the JarPUK's folder;
- the import is all or nothing: every file is written to a temporary file
  first, and only when all are written do they replace the originals;
- a formula cell is read by the value the spreadsheet saved with it, or
  refused at its cell; a date cell becomes a date; CSV is read with the
  ``csv`` module (quotes round-trip), in UTF-8 or UTF-16, or refused;
- exported text that begins with ``=``, ``+``, ``-``, ``@``, a tab or a
  carriage return is written as text (never a live formula), and an
  export re-imports byte-identically;
- an .xlsx is bounded before it is read: its size, what it unpacks to (the
  sizes its zip declares, which Python's zipfile never reads past), deflate
  or stored entries only (what Excel, LibreOffice and Google Sheets write),
  rows and cells;
- an export records its JarPUK in the workbook's keywords, and an import
  into another JarPUK is refused (a sheet handed in under the wrong name).

Every problem is reported as ``file!SHEET!C5 (kolom price): message``.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import re
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException
from ruamel.yaml import YAML
from ruamel.yaml.scalarstring import LiteralScalarString

from asppuk.catalog.contact import normalise_phone
from asppuk.catalog.loader import SLUG
from asppuk.datafiles import schema
from asppuk.datafiles.yamlfile import CONTROL

LIST_SEPARATOR = ";"
TRUE_WORDS = {"ya", "yes", "true", "1", "y"}
FALSE_WORDS = {"tidak", "no", "false", "0", "n", ""}
# Product ids that would name the JarPUK's own files
RESERVED_PRODUCT_IDS = {"jarpuk", "producers"}
# What a spreadsheet program would read as a formula (OWASP's list)
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
MAX_BYTES = 20 * 2**20  # a JarPUK's sheet is a few hundred KB
# An .xlsx is a zip: refuse one that unpacks to more. openpyxl reads a sheet
# without a declared size through once just to measure it (~0.4 s a MB, and
# the workbook is read twice); 1,000 products with long texts unpack to ~6 MB
MAX_UNPACKED = 12 * 2**20
MAX_ROWS = 10_000
# Cells read in all (each costs ~20 µs, twice): a JarPUK's sheet has a few
# thousand; a 300 KB file can hold millions, or declare 16,384 columns
MAX_CELLS = 400_000
# The workbook's keywords name the JarPUK an export came from (Excel and
# LibreOffice keep them as "Tags"/"Keywords" when the file is saved again)
JARPUK_KEYWORD = "asppuk-jarpuk:"
PRODUCT_SCHEMA_LINE = "# yaml-language-server: $schema=../../plugins/asppuk/datafiles/schemas/product.schema.json\n"
PRODUCERS_SCHEMA_LINE = "# yaml-language-server: $schema=../../plugins/asppuk/datafiles/schemas/producers.schema.json\n"


@dataclass(frozen=True)
class Column:
    header: str  # as in the sheet; the YAML path joined with "."
    kind: str  # text, int, list, bool, phone, date
    help: str

    @property
    def path(self) -> tuple[str, ...]:
        return tuple(self.header.split("."))


PRODUCT_COLUMNS = [
    Column("id", "text", "Nama berkas produk (huruf kecil dan tanda hubung), misalnya kain-kebat. Jangan diubah untuk produk lama."),
    Column("name", "text", "Nama produk."),
    Column("name_en", "text", "Nama dalam bahasa Inggris (boleh kosong)."),
    Column("category", "text", "Id kategori: tenun, batik, makanan, kue, kerajinan."),
    Column("producer", "text", "Id produsen dari lembar produsen."),
    Column("price", "int", "Harga dalam rupiah, angka saja: 750000. Kosong = harga hubungi kami."),
    Column("price_max", "int", "Harga tertinggi bila rentang (boleh kosong)."),
    Column("unit", "text", "Satuan: lembar, toples, pcs…"),
    Column("unit_en", "text", "Satuan dalam bahasa Inggris: piece, jar, pack… (boleh kosong)."),
    Column("min_order", "int", "Pesanan minimum."),
    Column("capacity", "int", "Kapasitas per bulan."),
    Column("lead_time_days", "int", "Lama pengerjaan (hari)."),
    Column("availability", "text", "ready, pre-order atau made-to-order."),
    Column("materials", "list", "Bahan, dipisah titik koma: benang katun; pewarna alam."),
    Column("materials_en", "list", "Bahan dalam bahasa Inggris, urutan sama: cotton yarn; natural dyes (boleh kosong)."),
    Column("size", "text", "Ukuran."),
    Column("weight_g", "int", "Berat dalam gram."),
    Column("tags", "list", "Kata kunci, dipisah titik koma."),
    Column("featured", "bool", "ya bila tampil di halaman depan katalog."),
    Column("added", "date", "Tanggal masuk katalog, TTTT-BB-HH (sel tanggal juga boleh)."),
    Column("description", "text", "Uraian produk (boleh beberapa paragraf)."),
    Column("description_en", "text", "Uraian dalam bahasa Inggris (boleh kosong)."),
]
PRODUCER_COLUMNS = [
    Column("id", "text", "Id produsen (huruf kecil dan tanda hubung)."),
    Column("name", "text", "Nama produsen."),
    Column("kind", "text", "puk (perorangan) atau kpuk (kelompok)."),
    Column("group", "text", "Nama KPUK (boleh kosong)."),
    Column("village", "text", "Desa; hanya tampil bila contact.consent = ya."),
    Column("scale", "text", "rintisan, berkembang atau akumulasi-modal."),
    Column("since", "int", "Tahun mulai usaha."),
    Column("contact.name", "text", "Nama yang dihubungi."),
    Column("contact.phone", "phone", "Nomor telepon; sel berformat Teks agar angka 0 di depan tidak hilang."),
    Column("contact.whatsapp", "bool", "ya bila bisa dihubungi lewat WhatsApp."),
    Column("contact.email", "text", "Email."),
    Column("contact.consent", "bool", "ya HANYA bila produsen setuju nomor, email dan desanya tampil."),
    Column("bio", "text", "Profil singkat."),
    Column("bio_en", "text", "Profil singkat dalam bahasa Inggris (boleh kosong)."),
]
SHEETS = {"produk": PRODUCT_COLUMNS, "produsen": PRODUCER_COLUMNS}


@dataclass(frozen=True, order=True)
class CellProblem:
    file: str
    sheet: str = ""  # empty for a problem with the whole file
    row: int = 0
    column: str = ""  # letter
    header: str = ""
    message: str = ""

    def __str__(self) -> str:
        return f"{self.file}!{self.where()}" if self.sheet else f"{self.file}: {self.message}"

    def where(self) -> str:
        """The message with its sheet, column and row, without the file: ``produk!F5 (kolom price): …``."""
        if not self.sheet:
            return self.message
        if not self.column:
            return f"{self.sheet}: {self.message}"
        return f"{self.sheet}!{self.column}{self.row} (kolom {self.header}): {self.message}"


class _Refused(Exception):
    """The whole file cannot be read; carries the message for staff."""


def _yaml(top_level_list: bool = False) -> YAML:
    """Round-trip YAML in the layout staff files use, so a re-import changes only what changed."""
    y = YAML()  # keeps comments, key order and quotes
    if top_level_list:  # producers.yml: "- id: ..." at the margin
        y.indent(mapping=2, sequence=2, offset=0)
    else:  # product files: nested lists indented under their key
        y.indent(mapping=2, sequence=4, offset=2)
    y.width = 4096  # never fold long lines
    y.preserve_quotes = True
    return y


def _get(data: dict, path: tuple[str, ...]) -> Any:
    for key in path:
        if not isinstance(data, dict) or key not in data:
            return None
        data = data[key]
    return data


# -- export ------------------------------------------------------------------------


def _cell(value: Any, column: Column) -> Any:
    if value is None:
        return None
    if column.kind == "list":
        return f"{LIST_SEPARATOR} ".join(str(v) for v in value)
    if column.kind == "bool":
        return "ya" if value else "tidak"
    if column.kind in ("text", "phone", "date"):
        return str(value).rstrip("\n")
    return value


def _product_files(folder: Path) -> list[Path]:
    return [f for f in sorted(folder.glob("*.yml")) if f.name not in ("jarpuk.yml", "producers.yml")]


def export_workbook(folder: Path, out: Path, jarpuk: str | None = None) -> None:
    """Write ``folder``'s (one JarPUK's) products and producers to ``out`` (.xlsx),
    recording ``jarpuk`` (its id) in the workbook's keywords when given."""
    yaml = _yaml()
    products = [{"id": file.stem, **(yaml.load(file.read_text("utf-8")) or {})} for file in _product_files(folder)]
    producers_file = folder / "producers.yml"
    producers = yaml.load(producers_file.read_text("utf-8")) if producers_file.exists() else []
    workbook = Workbook()
    workbook.remove(workbook.active)
    for name, rows in (("produk", products), ("produsen", producers or [])):
        sheet = workbook.create_sheet(name)
        columns = SHEETS[name]
        sheet.append([c.header for c in columns])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
            cell.fill = PatternFill("solid", fgColor="F3E6D8")
        for index, column in enumerate(columns, start=1):
            letter = get_column_letter(index)
            sheet.column_dimensions[letter].width = 40 if column.header in ("description", "bio") else 18
        for row in rows:
            sheet.append([_cell(_get(row, c.path), c) for c in columns])
        for index, column in enumerate(columns, start=1):
            for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                if column.kind in ("phone", "text", "list", "date"):
                    cell.number_format = "@"  # text: Excel keeps the leading 0 of phone numbers
                if isinstance(cell.value, str) and cell.value.startswith(FORMULA_START):
                    # openpyxl made it a formula: keep it text, and keep it text when edited
                    cell.data_type = "s"
                    cell.quotePrefix = True
        sheet.freeze_panes = "B2"
    guide = workbook.create_sheet("petunjuk")
    guide.append(["lembar", "kolom", "isi"])
    for name, columns in SHEETS.items():
        for column in columns:
            guide.append([name, column.header, column.help])
    if jarpuk is not None:
        workbook.properties.title = f"Produk dan produsen JarPUK {jarpuk}"
        workbook.properties.keywords = JARPUK_KEYWORD + jarpuk
    workbook.save(out)


def template_workbook(out: Path) -> None:
    """An empty workbook with the column layout and the guide sheet."""
    import tempfile

    with tempfile.TemporaryDirectory() as empty:
        export_workbook(Path(empty), out)


# -- reading -------------------------------------------------------------------------


@dataclass
class _Sheet:
    rows: list[list[Any]]  # values, formulas replaced by their saved values
    formulas: set[tuple[int, int]]  # (row, column), 1-based, of formula cells without a saved value


class _Sheets(dict):
    """The sheets of a file by name, and the JarPUK its keywords record (None: none recorded)."""

    jarpuk: str | None = None


def _read(source: Path, shown: str) -> _Sheets:
    """The sheets of ``source`` by name; raises _Refused with a message for staff."""
    if not source.exists():
        raise _Refused("berkas tidak ditemukan. Periksa nama dan foldernya (FILE=…).")
    if not source.is_file():
        raise _Refused("ini folder, bukan berkas lembar kerja.")
    size = source.stat().st_size
    if size == 0:
        raise _Refused("berkas kosong (0 byte). Simpan ulang lembar kerjanya, lalu coba lagi.")
    if size > MAX_BYTES:
        raise _Refused(f"berkas terlalu besar ({size // 2**20} MB; paling besar {MAX_BYTES // 2**20} MB). "
                       "Satu berkas berisi produk satu JarPUK saja.")
    suffix = source.suffix.lower()
    if suffix == ".csv":
        return _Sheets(produk=_read_csv(source.read_bytes()))
    if suffix == ".xlsx":
        return _read_xlsx(source)
    if suffix in (".xls", ".ods", ".numbers"):
        raise _Refused(f"berkas {suffix} tidak dapat dibaca. Di program lembar kerja Anda pilih Simpan Sebagai → "
                       "'Excel Workbook (.xlsx)', lalu impor berkas .xlsx itu.")
    raise _Refused("hanya berkas .xlsx (Excel) atau .csv yang dapat diimpor.")


def _read_xlsx(source: Path) -> _Sheets:
    broken = _Refused("berkas ini bukan lembar kerja Excel (.xlsx) yang utuh, walaupun namanya berakhiran .xlsx. "
                      "Buka di Excel atau LibreOffice lalu Simpan Sebagai 'Excel Workbook (.xlsx)'.")
    try:
        with zipfile.ZipFile(source) as archive:
            if sum(info.file_size for info in archive.infolist()) > MAX_UNPACKED:
                raise _Refused("isi berkas .xlsx terlalu besar setelah dibuka. Satu berkas berisi produk satu JarPUK saja.")
            # zipfile bounds a deflate entry's output by the size it declares as it goes; a bzip2
            # or LZMA entry is inflated a whole block at a time. Spreadsheet programs write deflate.
            if any(info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)
                   for info in archive.infolist()):
                raise broken
        # Twice: once for formulas, once for the values saved with them
        formulas = load_workbook(source, read_only=True, data_only=False)
        values = load_workbook(source, read_only=True, data_only=True)
    except _Refused:
        raise
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError, TypeError):
        raise broken from None
    sheets = _Sheets()
    counted = 0
    try:
        recorded = re.search(re.escape(JARPUK_KEYWORD) + r"([a-z0-9-]+)", str(formulas.properties.keywords or ""))
        sheets.jarpuk = recorded.group(1) if recorded else None
        for name in SHEETS:
            if name not in formulas.sheetnames:
                continue
            sheet = _Sheet([], set())
            # The size a sheet declares is not trusted (A1:XFD10000 pads every row to 16,384 cells)
            formulas[name].reset_dimensions()
            values[name].reset_dimensions()
            cells = formulas[name].iter_rows()
            saved = values[name].iter_rows(values_only=True)
            for number, (row, row_values) in enumerate(zip(cells, saved), start=1):
                if number > MAX_ROWS + 1:
                    raise _Refused(f"lembar {name} berisi lebih dari {MAX_ROWS:,} baris. ".replace(",", ".")
                                   + "Satu berkas berisi produk satu JarPUK saja.")
                counted += len(row)
                if counted > MAX_CELLS:
                    raise _Refused(f"berkas berisi lebih dari {MAX_CELLS:,} sel terisi. ".replace(",", ".")
                                   + "Hapus kolom dan baris yang tidak dipakai (hanya kolom dari lembar petunjuk), "
                                   "atau salin data produk ke templat kosong.")
                out = []
                for index, (cell, value) in enumerate(zip(row, row_values), start=1):
                    if getattr(cell, "data_type", None) == "f":
                        if value is None:
                            sheet.formulas.add((number, index))
                        out.append(value)
                    else:
                        out.append(cell.value)
                sheet.rows.append(out)
            sheets[name] = sheet
    except _Refused:
        raise
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError):
        raise broken from None
    finally:
        formulas.close()
        values.close()
    return sheets


def _read_csv(raw: bytes) -> _Sheet:
    if raw.startswith(b"\xef\xbb\xbf"):
        encoding = "utf-8-sig"
    elif raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = "utf-16"  # Excel's "Unicode Text"
    else:
        encoding = "utf-8"
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise _Refused(f"baris {line}: berkas CSV tidak tersimpan sebagai UTF-8 (misalnya 'CSV (Comma delimited)' "
                       "dari Excel, yang merusak huruf seperti é). Simpan ulang sebagai 'CSV UTF-8 (Comma "
                       "delimited)', atau impor berkas .xlsx-nya.") from None
    if "\x00" in text:
        raise _Refused("berkas CSV berisi karakter kosong (NUL): ini bukan berkas CSV teks. Simpan ulang sebagai "
                       "'CSV UTF-8'.")
    header = text.split("\n", 1)[0]
    counts = {d: header.count(d) for d in (",", ";", "\t")}
    delimiter = max(counts, key=counts.get)
    if not text.strip():
        raise _Refused("berkas CSV kosong: tidak ada judul kolom dan tidak ada baris produk.")
    if counts[delimiter] == 0:
        raise _Refused("pemisah kolom di baris judul tidak dikenali (koma, titik koma atau tab). Simpan ulang "
                       "sebagai 'CSV UTF-8', dengan judul kolom dari lembar petunjuk di baris pertama.")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)  # the excel dialect: "" is a quote
    rows: list[list[Any]] = []
    try:
        for row in reader:
            if len(rows) > MAX_ROWS:
                raise _Refused(f"berkas CSV berisi lebih dari {MAX_ROWS:,} baris. ".replace(",", ".")
                               + "Satu berkas berisi produk satu JarPUK saja.")
            rows.append([value if value != "" else None for value in row])
    except csv.Error as exc:
        raise _Refused(f"baris {reader.line_num}: CSV tidak dapat dibaca ({exc}). Periksa tanda kutip di baris itu, "
                       "atau impor berkas .xlsx-nya.") from None
    return _Sheet(rows, set())


# -- converting ------------------------------------------------------------------------


def _convert(value: Any, column: Column) -> tuple[Any, str | None]:
    """The YAML value of a cell, or an Indonesian message about it."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, None
    if isinstance(value, str) and CONTROL.search(value):
        code = ord(CONTROL.search(value).group())
        return None, (f"sel berisi karakter tak terlihat (kode U+{code:04X}), biasanya dari teks yang disalin dari Word "
                      "atau PDF. Hapus isi sel lalu ketik ulang.")
    if column.kind == "date":
        if isinstance(value, dt.datetime):
            if value.time() != dt.time(0):
                return None, f"sel berisi tanggal dengan jam ({value:%Y-%m-%d %H:%M}). Tulis tanggalnya saja: {value:%Y-%m-%d}."
            return value.date().isoformat(), None
        if isinstance(value, dt.date):
            return value.isoformat(), None
        text = str(value).strip()
        try:
            return dt.date.fromisoformat(text).isoformat(), None
        except ValueError:
            return None, f"`{text}` bukan tanggal. Tulis TTTT-BB-HH, misalnya 2026-11-05, atau gunakan sel tanggal."
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        return None, ("sel ini terbaca sebagai tanggal atau jam oleh program lembar kerja. Format selnya sebagai "
                      "Teks, lalu ketik ulang isinya.")
    if column.kind == "int":
        if isinstance(value, bool):
            return None, "isi dengan angka."
        if isinstance(value, (int, float)):
            if float(value).is_integer():
                return int(value), None
            return None, f"`{value}` bukan angka bulat. Tulis tanpa koma atau titik, misalnya 750000."
        text = str(value).strip()
        digits = text.replace(".", "").replace(",", "").replace(" ", "")
        if digits.isdigit() and not text.lower().startswith("rp"):
            if digits != text:
                return None, f"`{text}` memakai titik atau koma. Tulis angkanya saja: {digits}."
            return int(digits), None
        return None, f"`{text}` bukan angka. Tulis angkanya saja, tanpa 'Rp' dan titik, misalnya 750000."
    if column.kind == "bool":
        word = str(value).strip().lower()
        if word in TRUE_WORDS:
            return True, None
        if word in FALSE_WORDS:
            return False, None
        return None, f"`{value}` tidak dikenal. Tulis ya atau tidak."
    if column.kind == "list":
        return [part.strip() for part in str(value).split(LIST_SEPARATOR) if part.strip()], None
    if column.kind == "phone":
        if isinstance(value, (int, float)):
            return None, (f"nomor ditulis sebagai angka ({value:.0f}), sehingga angka 0 di depan hilang. "
                          "Format sel sebagai Teks lalu ketik ulang nomornya, misalnya 0812-3456-7890.")
        try:
            normalise_phone(str(value))
        except ValueError:
            return None, (f"nomor `{value}` tidak sah. Tulis nomor lengkap dengan angka saja, "
                          "misalnya 0812-3456-7890.")
        return str(value).strip(), None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip(), None


def _records(name: str, sheet: _Sheet, shown: str, problems: list[CellProblem]) -> tuple[list[tuple[int, dict]], list[str]]:
    """(row number, {header: value}) for each filled row, and the headers."""
    rows = sheet.rows
    if not rows:
        return [], []
    headers = [str(h).strip() if h is not None else "" for h in rows[0]]
    known = {c.header: c for c in SHEETS[name]}
    seen: dict[str, str] = {}
    for index, header in enumerate(headers):
        letter = get_column_letter(index + 1)
        if header and header not in known:
            problems.append(CellProblem(shown, name, 1, letter, header,
                                        "judul kolom tidak dikenal. Gunakan judul dari lembar petunjuk."))
        elif header in seen:
            problems.append(CellProblem(shown, name, 1, letter, header,
                                        f"judul kolom ini sudah ada di kolom {seen[header]}. Hapus salah satunya."))
        elif header:
            seen[header] = letter
    if "id" not in seen:
        problems.append(CellProblem(shown, name, 1, "A", "id", "kolom `id` tidak ada di baris judul. Salin baris "
                                                              "judul dari lembar petunjuk atau dari hasil ekspor."))
        return [], headers
    records = []
    for number, row in enumerate(rows[1:], start=2):
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in row):
            continue
        record: dict[str, Any] = {}
        for index, header in enumerate(headers):
            column = known.get(header)
            if column is None or seen.get(header) != get_column_letter(index + 1):
                continue
            if (number, index + 1) in sheet.formulas:
                problems.append(CellProblem(shown, name, number, get_column_letter(index + 1), header,
                                            "sel berisi rumus tanpa nilai tersimpan. Ganti rumusnya dengan nilainya "
                                            "(salin sel, lalu Tempel Khusus → Nilai), simpan, lalu impor lagi."))
                record[header] = _KEEP
                continue
            value, message = _convert(row[index] if index < len(row) else None, column)
            if message:
                problems.append(CellProblem(shown, name, number, get_column_letter(index + 1), header, message))
            record[header] = value
        records.append((number, record))
    return records, headers


_KEEP = object()  # a cell that could not be read: never taken as empty


def _check_ids(name: str, records: list[tuple[int, dict]], headers: list[str], shown: str,
               problems: list[CellProblem], reserved: set[str]) -> None:
    """Every row names a valid, unreserved id that no other row names."""
    letter = get_column_letter(headers.index("id") + 1) if "id" in headers else "A"
    first: dict[str, int] = {}
    for number, record in records:
        rid = record.get("id")
        if rid is None:
            problems.append(CellProblem(shown, name, number, letter, "id", "kolom wajib ini kosong. Isi dengan id "
                                        "(huruf kecil, angka dan tanda hubung), misalnya kain-kebat."))
        elif rid is _KEEP:
            continue
        elif not isinstance(rid, str) or not SLUG.match(rid) or len(rid) > 60:
            problems.append(CellProblem(shown, name, number, letter, "id",
                                        f"`{rid}` tidak bisa menjadi id: gunakan huruf kecil, angka dan tanda hubung "
                                        "saja (tanpa spasi, garis miring atau titik), paling banyak 60 huruf, "
                                        "misalnya kain-tenun-baru."))
        elif rid in reserved:
            problems.append(CellProblem(shown, name, number, letter, "id",
                                        f"`{rid}` adalah nama berkas yang dipakai situs ({rid}.yml). Beri produk ini "
                                        "id lain, misalnya nama produknya."))
        elif rid in first:
            problems.append(CellProblem(shown, name, number, letter, "id",
                                        f"id `{rid}` sudah dipakai di baris {first[rid]}. Setiap baris perlu id "
                                        "sendiri: ubah salah satunya, atau gabungkan kedua baris."))
        else:
            first[rid] = number


def _apply(target: dict, record: dict, columns: list[Column]) -> None:
    """Put the sheet's values into the YAML mapping; an empty cell removes the field."""
    for column in columns:
        if column.header == "id" and "id" not in target:
            continue
        if column.header not in record or record[column.header] is _KEEP:
            continue  # the sheet lacks this column, or the cell is refused: keep what the file has
        value = record[column.header]
        *parents, key = column.path
        node = target
        for part in parents:
            if value is None and not isinstance(node.get(part), dict):
                node = None
                break
            node = node.setdefault(part, {})
        if node is None:
            continue
        if value is None:
            node.pop(key, None)
        elif _same(node.get(key), value):
            continue  # unchanged: keep the file's own formatting (quotes, dates, blocks)
        elif isinstance(value, str) and "\n" in value:
            node[key] = LiteralScalarString(value.rstrip("\n") + "\n")  # keep a readable `|` block
        else:
            node[key] = value


def _same(old: Any, new: Any) -> bool:
    old = _plain(old)
    if isinstance(old, str) and isinstance(new, str):
        return old.rstrip("\n") == new.rstrip("\n")
    return old == new and type(old) is type(new)


def _check_schema(kind: str, data: Any, number: int, name: str, shown: str,
                  headers: list[str], problems: list[CellProblem]) -> None:
    for error in schema.validator(kind).iter_errors(data):
        path = [p for p in error.absolute_path if not isinstance(p, int)]
        header = ".".join(path) or (error.message.split("'")[1] if error.validator == "required" else "?")
        letter = get_column_letter(headers.index(header) + 1) if header in headers else "?"
        for _, message in schema.explain(error, medium=schema.SHEET):  # the words a file's problem has
            problems.append(CellProblem(shown, name, number, letter, header, message))


# -- importing -------------------------------------------------------------------------


def import_workbook(source: Path, folder: Path, categories: set[str], jarpuk: str | None = None) -> list[CellProblem]:
    """Check ``source`` and, when every cell is fine, update ``folder``'s YAML files.

    With ``jarpuk`` (the id of ``folder``'s JarPUK), a workbook exported from
    another JarPUK is refused."""
    shown = source.name
    problems: list[CellProblem] = []
    try:
        sheets = _read(source, shown)
    except _Refused as refused:
        return [CellProblem(shown, message=str(refused))]
    if jarpuk is not None and sheets.jarpuk is not None and sheets.jarpuk != jarpuk:
        return [CellProblem(shown, message=f"lembar ini diekspor dari JarPUK `{sheets.jarpuk}`, bukan `{jarpuk}`. "
                                           f"Impor ke JarPUK `{sheets.jarpuk}`, atau unduh lembar JarPUK `{jarpuk}` "
                                           "lalu isi lembar itu.")]
    if "produk" not in sheets and "produsen" not in sheets:
        return [CellProblem(shown, message="berkas tidak punya lembar `produk` atau `produsen`. Gunakan berkas dari "
                                           "`make sheet-export` atau templat dari situs, tanpa mengganti nama lembarnya.")]
    folder = folder.resolve()
    yaml = _yaml()
    producers_file = folder / "producers.yml"
    producers = yaml.load(producers_file.read_text("utf-8")) if producers_file.exists() else None
    if producers is None:
        producers = []
    by_id = {p["id"]: p for p in producers if isinstance(p, dict) and "id" in p}

    producer_rows, producer_headers = _records("produsen", sheets.get("produsen", _Sheet([], set())), shown, problems)
    _check_ids("produsen", producer_rows, producer_headers, shown, problems, set())
    product_rows, product_headers = _records("produk", sheets.get("produk", _Sheet([], set())), shown, problems)
    _check_ids("produk", product_rows, product_headers, shown, problems, RESERVED_PRODUCT_IDS)
    if not producer_rows and not product_rows and not problems:
        return [CellProblem(shown, message="tidak ada baris data di lembar `produk` maupun `produsen` (hanya judul "
                                           "kolom, atau kosong). Tidak ada yang diubah.")]
    id_problems = {(p.sheet, p.row) for p in problems if p.header == "id"}

    for number, record in producer_rows:
        pid = record.get("id")
        if ("produsen", number) in id_problems:
            continue
        merged = {**_plain(by_id.get(pid) or {"id": pid})}
        _apply(merged, record, PRODUCER_COLUMNS)
        _check_schema("producers", [merged], number, "produsen", shown, producer_headers, problems)
        if pid not in by_id:
            by_id[pid] = None  # new producer, written below
    planned: list[tuple[Path, Any]] = []
    letter = lambda h: get_column_letter(product_headers.index(h) + 1) if h in product_headers else "?"  # noqa: E731
    for number, record in product_rows:
        if ("produk", number) in id_problems:
            continue
        file = (folder / f"{record['id']}.yml").resolve()
        if file.parent != folder:  # the id pattern already forbids it; never write elsewhere
            problems.append(CellProblem(shown, "produk", number, letter("id"), "id", "id ini menunjuk ke luar folder JarPUK."))
            continue
        target = yaml.load(file.read_text("utf-8")) if file.exists() else None
        if target is None:
            target = yaml.load(PRODUCT_SCHEMA_LINE + "{}\n")
        fields = {k: v for k, v in record.items() if k != "id"}
        merged = _plain(target)
        _apply(merged, fields, PRODUCT_COLUMNS)
        _check_schema("product", merged, number, "produk", shown, product_headers, problems)
        if merged.get("category") and merged["category"] not in categories:
            problems.append(CellProblem(shown, "produk", number, letter("category"), "category",
                                        f"kategori `{merged['category']}` tidak ada. Pilih: {', '.join(sorted(categories))}."))
        if merged.get("producer") and merged["producer"] not in by_id:
            problems.append(CellProblem(shown, "produk", number, letter("producer"), "producer",
                                        f"produsen `{merged['producer']}` tidak ada di lembar produsen atau producers.yml."))
        _apply(target, fields, PRODUCT_COLUMNS)
        planned.append((file, target))
    if problems:
        return sorted(problems)

    # Everything is fine: render every file, then write them all or none
    texts: list[tuple[Path, str]] = []
    if producer_rows:
        new_file = not producers_file.exists()
        for _number, record in producer_rows:
            existing = next((p for p in producers if isinstance(p, dict) and p.get("id") == record["id"]), None)
            if existing is None:
                existing = {"id": record["id"]}
                producers.append(existing)
            _apply(existing, record, PRODUCER_COLUMNS)
        out = io.StringIO()
        if new_file:
            out.write(PRODUCERS_SCHEMA_LINE)
        _yaml(top_level_list=True).dump(producers, out)
        texts.append((producers_file, out.getvalue()))
    for file, data in planned:
        out = io.StringIO()
        yaml.dump(data, out)
        texts.append((file, out.getvalue()))
    try:
        _write_all(texts)
    except OSError as exc:
        return [CellProblem(shown, message=f"berkas tidak dapat ditulis ({exc.strerror or exc}); tidak ada yang diubah.")]
    return []


def _write_all(texts: list[tuple[Path, str]]) -> None:
    """Write every file or none: all to temporary files first, then each into place."""
    temporary: list[tuple[Path, Path]] = []
    try:
        for path, text in texts:
            # A new file of a random name (O_EXCL): never a file or link that is already there,
            # which could point outside the repository
            handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".impor", dir=path.parent)
            temporary.append((Path(name), path))
            os.fchmod(handle, path.stat().st_mode & 0o777 if path.is_file() and not path.is_symlink() else 0o644)
            with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
                out.write(text)
    except OSError:
        for tmp, _ in temporary:
            tmp.unlink(missing_ok=True)
        raise
    for tmp, path in temporary:
        os.replace(tmp, path)


def _plain(node: Any) -> Any:
    """ruamel's round-trip nodes as plain Python values (for validation and comparison)."""
    if isinstance(node, dict):
        return {str(k): _plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_plain(v) for v in node]
    if isinstance(node, bool) or type(node).__name__ == "ScalarBoolean":
        return bool(node)
    if isinstance(node, str):
        return str(node)
    if isinstance(node, int):
        return int(node)
    if isinstance(node, float):
        return float(node)
    if hasattr(node, "isoformat"):
        return node.isoformat()
    return node
