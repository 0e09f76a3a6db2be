"""A JarPUK's products and producers as a spreadsheet, and back (openpyxl).

Staff keep product lists in Excel, LibreOffice or Google Sheets. Export writes
one workbook per JarPUK (sheets ``produk``, ``produsen`` and ``petunjuk``);
import reads it (or a CSV of the ``produk`` sheet), checks every cell, and
only when all are fine updates the YAML files in place with ruamel.yaml, so
comments, key order and fields the sheet does not have (photos,
certifications, English texts…) survive. Every bad cell is reported as
``file!SHEET!C5 (kolom price): message``. No MkDocs.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from ruamel.yaml import YAML
from ruamel.yaml.scalarstring import LiteralScalarString

from .catalog import schema
from .catalog.contact import normalise_phone

LIST_SEPARATOR = ";"
TRUE_WORDS = {"ya", "yes", "true", "1", "y"}
FALSE_WORDS = {"tidak", "no", "false", "0", "n", ""}


@dataclass(frozen=True)
class Column:
    header: str  # as in the sheet; the YAML path joined with "."
    kind: str  # text, int, list, bool, phone
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
    Column("min_order", "int", "Pesanan minimum."),
    Column("capacity", "int", "Kapasitas per bulan."),
    Column("lead_time_days", "int", "Lama pengerjaan (hari)."),
    Column("availability", "text", "ready, pre-order atau made-to-order."),
    Column("materials", "list", "Bahan, dipisah titik koma: benang katun; pewarna alam."),
    Column("size", "text", "Ukuran."),
    Column("weight_g", "int", "Berat dalam gram."),
    Column("tags", "list", "Kata kunci, dipisah titik koma."),
    Column("featured", "bool", "ya bila tampil di halaman depan katalog."),
    Column("added", "text", "Tanggal masuk katalog, TTTT-BB-HH."),
    Column("description", "text", "Uraian produk (boleh beberapa paragraf)."),
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
]
SHEETS = {"produk": PRODUCT_COLUMNS, "produsen": PRODUCER_COLUMNS}


@dataclass(frozen=True, order=True)
class CellProblem:
    file: str
    sheet: str
    row: int
    column: str  # letter
    header: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}!{self.sheet}!{self.column}{self.row} (kolom {self.header}): {self.message}"


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
    if column.kind in ("text", "phone"):
        return str(value).rstrip("\n")
    return value


def export_workbook(folder: Path, out: Path) -> None:
    """Write ``folder``'s (one JarPUK's) products and producers to ``out`` (.xlsx)."""
    yaml = _yaml()
    products = []
    for file in sorted(folder.glob("*.yml")):
        if file.name in ("jarpuk.yml", "producers.yml"):
            continue
        data = yaml.load(file.read_text("utf-8")) or {}
        products.append({"id": file.stem, **data})
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
            if column.kind in ("phone", "text", "list"):
                for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                    cell.number_format = "@"  # text: Excel keeps the leading 0 of phone numbers
        sheet.freeze_panes = "B2"
    guide = workbook.create_sheet("petunjuk")
    guide.append(["lembar", "kolom", "isi"])
    for name, columns in SHEETS.items():
        for column in columns:
            guide.append([name, column.header, column.help])
    workbook.save(out)


def template_workbook(out: Path) -> None:
    """An empty workbook with the column layout and the guide sheet."""
    import tempfile

    with tempfile.TemporaryDirectory() as empty:
        export_workbook(Path(empty), out)


# -- import --------------------------------------------------------------------------


def _read_rows(source: Path) -> dict[str, list[list[Any]]]:
    if source.suffix.lower() == ".csv":
        text = source.read_bytes().decode("utf-8-sig")
        dialect = csv.Sniffer().sniff(text.splitlines()[0], delimiters=",;\t")
        return {"produk": [row for row in csv.reader(io.StringIO(text), dialect)]}
    workbook = load_workbook(source, read_only=True, data_only=True)
    return {
        name: [list(row) for row in workbook[name].iter_rows(values_only=True)]
        for name in SHEETS
        if name in workbook.sheetnames
    }


def _convert(value: Any, column: Column) -> tuple[Any, str | None]:
    """The YAML value of a cell, or an Indonesian message about it."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, None
    if column.kind == "int":
        if isinstance(value, bool):
            return None, "isi dengan angka."
        if isinstance(value, (int, float)):
            if float(value).is_integer():
                return int(value), None
            return None, f"`{value}` bukan angka bulat. Tulis tanpa koma atau titik, misalnya 750000."
        text = str(value).strip()
        digits = text.replace(".", "").replace(",", "").replace(" ", "")
        if digits.isdigit() and text.lower().startswith("rp") is False:
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
            return None, f"nomor `{value}` tidak sah. Tulis nomor lengkap, misalnya 0812-3456-7890."
        return str(value).strip(), None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip(), None


def _records(name: str, rows: list[list[Any]], shown: str, problems: list[CellProblem]) -> list[tuple[int, dict]]:
    """(row number, {header: value}) for each filled row; unknown headers are problems."""
    if not rows:
        return []
    headers = [str(h).strip() if h is not None else "" for h in rows[0]]
    known = {c.header: c for c in SHEETS[name]}
    for index, header in enumerate(headers):
        if header and header not in known:
            problems.append(CellProblem(shown, name, 1, get_column_letter(index + 1), header,
                                        "judul kolom tidak dikenal. Gunakan judul dari lembar petunjuk."))
    records = []
    for number, row in enumerate(rows[1:], start=2):
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in row):
            continue
        record: dict[str, Any] = {}
        for index, header in enumerate(headers):
            column = known.get(header)
            if column is None:
                continue
            value, message = _convert(row[index] if index < len(row) else None, column)
            if message:
                problems.append(CellProblem(shown, name, number, get_column_letter(index + 1), header, message))
            record[header] = value
        records.append((number, record))
    return records


def _apply(target: dict, record: dict, columns: list[Column]) -> None:
    """Put the sheet's values into the YAML mapping; an empty cell removes the field."""
    for column in columns:
        if column.header == "id" and "id" not in target:
            continue
        if column.header not in record:
            continue  # the sheet lacks this column: keep what the file has
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
        if error.validator == "required":
            message = "kolom wajib ini kosong."
        elif error.validator == "enum":
            message = f"`{error.instance}` tidak dikenal. Pilih salah satu: {', '.join(map(str, error.validator_value))}."
        elif error.validator == "pattern":
            message = f"`{error.instance}` hanya boleh huruf kecil, angka dan tanda hubung."
        else:
            message = f"isi tidak sah ({error.message})."
        problems.append(CellProblem(shown, name, number, letter, header, message))


def import_workbook(source: Path, folder: Path, categories: set[str]) -> list[CellProblem]:
    """Check ``source`` and, when every cell is fine, update ``folder``'s YAML files."""
    shown = source.name
    problems: list[CellProblem] = []
    sheets = _read_rows(source)
    yaml = _yaml()
    producers_file = folder / "producers.yml"
    producers = yaml.load(producers_file.read_text("utf-8")) if producers_file.exists() else None
    if producers is None:
        producers = []
    by_id = {p["id"]: p for p in producers if isinstance(p, dict) and "id" in p}

    producer_rows = _records("produsen", sheets.get("produsen", []), shown, problems)
    producer_headers = [str(h) for h in (sheets.get("produsen") or [[]])[0]]
    for number, record in producer_rows:
        pid = record.get("id")
        target = by_id.get(pid)
        if target is None:
            target = {"id": pid}
        merged = {**_plain(target)}
        _apply(merged, record, PRODUCER_COLUMNS)
        _check_schema("producers", [merged], number, "produsen", shown, producer_headers, problems)
        if pid and pid not in by_id:
            by_id[pid] = None  # new producer, written below
    product_rows = _records("produk", sheets.get("produk", []), shown, problems)
    product_headers = [str(h) for h in (sheets.get("produk") or [[]])[0]]
    planned: list[tuple[Path, Any]] = []
    for number, record in product_rows:
        pid = record.get("id")
        if not pid:
            problems.append(CellProblem(shown, "produk", number, "A", "id", "kolom wajib ini kosong."))
            continue
        file = folder / f"{pid}.yml"
        target = yaml.load(file.read_text("utf-8")) if file.exists() else None
        if target is None:
            target = yaml.load("# yaml-language-server: $schema=../../plugins/asppuk/catalog/schemas/product.schema.json\n{}\n")
        fields = {k: v for k, v in record.items() if k != "id"}
        merged = _plain(target)
        _apply(merged, fields, PRODUCT_COLUMNS)
        _check_schema("product", merged, number, "produk", shown, product_headers, problems)
        letter = lambda h: get_column_letter(product_headers.index(h) + 1) if h in product_headers else "?"  # noqa: E731
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

    # Everything is fine: write producers, then products
    if producer_rows:
        new_file = not producers_file.exists()
        for number, record in producer_rows:
            existing = next((p for p in producers if isinstance(p, dict) and p.get("id") == record["id"]), None)
            if existing is None:
                existing = {"id": record["id"]}
                producers.append(existing)
            _apply(existing, record, PRODUCER_COLUMNS)
        with open(producers_file, "w", encoding="utf-8") as out:
            if new_file:
                out.write("# yaml-language-server: $schema=../../plugins/asppuk/catalog/schemas/producers.schema.json\n")
            _yaml(top_level_list=True).dump(producers, out)
    for file, data in planned:
        with open(file, "w", encoding="utf-8") as out:
            yaml.dump(data, out)
    return []


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
