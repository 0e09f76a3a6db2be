"""Staff tools: spreadsheet round trip and bad cells, scaffolded post and product."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from asppuk.catalog import load_catalog
from asppuk.staff.sheets import export_workbook, import_workbook
from conftest import ROOT, build_site, copy_project

CATEGORIES = {"tenun", "batik", "makanan", "kue", "kerajinan"}


@pytest.fixture
def products(tmp_path) -> Path:
    shutil.copytree(ROOT / "products", tmp_path / "products")
    return tmp_path / "products"


def cells(path: Path) -> dict:
    book = load_workbook(path)
    return {name: [[c.value for c in row] for row in book[name].iter_rows()] for name in ("produk", "produsen")}


def test_round_trip_keeps_every_value_and_every_byte(products, tmp_path):
    for jarpuk in ("kupang", "sintang", "padang", "sambas", "lombok-tengah"):
        folder = products / jarpuk
        before = {p.name: p.read_bytes() for p in folder.glob("*.yml")}
        export_workbook(folder, tmp_path / "a.xlsx")
        assert import_workbook(tmp_path / "a.xlsx", folder, CATEGORIES) == []
        assert {p.name: p.read_bytes() for p in folder.glob("*.yml")} == before, jarpuk
        export_workbook(folder, tmp_path / "b.xlsx")
        assert cells(tmp_path / "a.xlsx") == cells(tmp_path / "b.xlsx")
    sheet = cells(tmp_path / "a.xlsx")
    header = sheet["produsen"][0]
    assert header[header.index("contact.phone")] == "contact.phone"


def test_edits_from_the_sheet_land_in_yaml(products, tmp_path):
    folder = products / "kupang"
    export_workbook(folder, tmp_path / "k.xlsx")
    book = load_workbook(tmp_path / "k.xlsx")
    sheet, people = book["produk"], book["produsen"]
    head = [c.value for c in sheet[1]]
    col = {h: i + 1 for i, h in enumerate(head)}
    sheet.cell(2, col["price"]).value = 37500
    sheet.append({col["id"]: "sambal-ikan-kenari", col["name"]: "Sambal ikan — pedas manis khas Kupang",
                  col["category"]: "makanan", col["producer"]: "setia-kawan", col["unit"]: "botol",
                  col["availability"]: "ready", col["description"]: "Sambal ikan buatan KPUK.\n\nTahan dua minggu.",
                  col["materials"]: "ikan; cabai; bawang"})
    pcol = {c.value: i + 1 for i, c in enumerate(people[1])}
    people.cell(2, pcol["contact.phone"]).value = "0813-0000-0999"
    book.save(tmp_path / "k.xlsx")
    assert import_workbook(tmp_path / "k.xlsx", folder, CATEGORIES) == []
    catalog, problems = load_catalog(products)
    assert problems == []
    product = next(p for p in catalog.products if p.id == "sambal-ikan-kenari")
    assert product.name == "Sambal ikan — pedas manis khas Kupang"
    assert product.materials == ["ikan", "cabai", "bawang"]
    assert next(p for p in catalog.products if p.id == "abon-tuna-manis-ee").price == 37500
    assert catalog.jarpuks["kupang"].producers[0].contact.phone == "+6281300000999"
    text = (folder / "abon-tuna-manis-ee.yml").read_text("utf-8")
    assert "certifications:" in text and "# yaml-language-server" in text  # fields and comments the sheet lacks survive
    export_workbook(folder, tmp_path / "again.xlsx")
    people_again = cells(tmp_path / "again.xlsx")["produsen"]
    assert people_again[1][pcol["contact.phone"] - 1] == "0813-0000-0999"  # leading 0 kept


def test_every_bad_cell_is_reported_and_nothing_written(products, tmp_path):
    folder = products / "kupang"
    before = {p.name: p.read_bytes() for p in folder.glob("*.yml")}
    export_workbook(folder, tmp_path / "k.xlsx")
    book = load_workbook(tmp_path / "k.xlsx")
    sheet, people = book["produk"], book["produsen"]
    col = {c.value: i + 1 for i, c in enumerate(sheet[1])}
    sheet.cell(2, col["price"]).value = "50.000"
    sheet.cell(2, col["availability"]).value = "siap"
    sheet.cell(3, col["category"]).value = "minuman"
    sheet.cell(3, col["producer"]).value = "setia"
    sheet.cell(3, col["featured"]).value = "mungkin"
    pcol = {c.value: i + 1 for i, c in enumerate(people[1])}
    people.cell(2, pcol["contact.phone"]).value = 81300000999  # typed as a number: the 0 is gone
    book.save(tmp_path / "k.xlsx")
    found = [str(p) for p in import_workbook(tmp_path / "k.xlsx", folder, CATEGORIES)]
    letter = lambda h: "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[col[h] - 1]  # noqa: E731
    assert f"k.xlsx!produk!{letter('price')}2 (kolom price): `50.000` memakai titik atau koma. Tulis angkanya saja: 50000." in found
    # a schema error in a cell is told in the words of the same error in a file (datafiles.schema.explain)
    assert any(p.startswith(f"k.xlsx!produk!{letter('availability')}2 (kolom availability): "
                            "`availability` berisi `siap`, yang tidak dikenal.") for p in found)
    assert any(p.startswith(f"k.xlsx!produk!{letter('category')}3 (kolom category): kategori `minuman` tidak ada") for p in found)
    assert any(p.startswith(f"k.xlsx!produk!{letter('producer')}3 (kolom producer): produsen `setia`") for p in found)
    assert any(p.startswith(f"k.xlsx!produk!{letter('featured')}3 (kolom featured): `mungkin` tidak dikenal") for p in found)
    phone = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[pcol["contact.phone"] - 1]
    assert any(p.startswith(f"k.xlsx!produsen!{phone}2 (kolom contact.phone): nomor ditulis sebagai angka") for p in found)
    assert len(found) == 6
    assert {p.name: p.read_bytes() for p in folder.glob("*.yml")} == before


@pytest.mark.parametrize("column, value", [
    ("availability", "siap"),  # enum
    ("name", "x" * 151),  # maxLength
    ("price", 2_000_000_000),  # maximum
    ("description", "[a] " * 61),  # the schema's own words (x-message)
])
def test_a_schema_error_has_the_same_words_in_a_file_and_in_a_cell(products, tmp_path, column, value):
    """One translator (datafiles.schema.explain): only where the value stands differs."""
    import yaml

    from asppuk.datafiles import schema
    from asppuk.datafiles.yamlfile import load_text

    folder = products / "kupang"
    product = sorted(p for p in folder.glob("*.yml") if p.name not in ("jarpuk.yml", "producers.yml"))[0]
    data = yaml.safe_load(product.read_text("utf-8"))
    doc, read = load_text(yaml.safe_dump({**data, column: value}, allow_unicode=True), "products/kupang/x.yml")
    assert not read
    in_file = [p.message for p in schema.validate(doc, "product")]

    export_workbook(folder, tmp_path / "k.xlsx")
    book = load_workbook(tmp_path / "k.xlsx")
    sheet = book["produk"]
    col = {c.value: i + 1 for i, c in enumerate(sheet[1])}
    row = next(r for r in range(2, sheet.max_row + 1) if sheet.cell(r, col["id"]).value == product.stem)
    sheet.cell(row, col[column]).value = value
    book.save(tmp_path / "k.xlsx")
    in_sheet = [p.message for p in import_workbook(tmp_path / "k.xlsx", folder, CATEGORIES) if p.header == column]
    assert in_file and in_file == in_sheet, (in_file, in_sheet)


def test_csv_import_and_unknown_header(products, tmp_path):
    folder = products / "kupang"
    (tmp_path / "p.csv").write_text(
        "\ufeffid;name;category;producer;unit;availability;description;harga\n"
        "abon-baru;Abon tongkol;makanan;setia-kawan;toples;ready;Abon tongkol.;10\n", "utf-8")
    found = [str(p) for p in import_workbook(tmp_path / "p.csv", folder, CATEGORIES)]
    assert found == ["p.csv!produk!H1 (kolom harga): judul kolom tidak dikenal. Gunakan judul dari lembar petunjuk."]
    (tmp_path / "p.csv").write_text(
        "id;name;category;producer;unit;availability;description\n"
        "abon-baru;Abon tongkol;makanan;setia-kawan;toples;ready;Abon tongkol.\n", "utf-8")
    assert import_workbook(tmp_path / "p.csv", folder, CATEGORIES) == []
    assert (folder / "abon-baru.yml").exists()


def test_template_has_the_guide():
    import tempfile

    from asppuk.staff.sheets import template_workbook

    with tempfile.TemporaryDirectory() as tmp:
        template_workbook(Path(tmp) / "t.xlsx")
        book = load_workbook(Path(tmp) / "t.xlsx")
        assert book.sheetnames == ["produk", "produsen", "petunjuk"]
        assert book["petunjuk"].max_row > 20


def test_scaffolded_post_and_product_pass_validation_and_build(tmp_path):
    copy_project(tmp_path)
    run = lambda *a: subprocess.run([sys.executable, *a], cwd=tmp_path, capture_output=True, text=True)  # noqa: E731
    post = run(str(ROOT / "scripts/new_post.py"), "--title", "Pameran tenun di Pontianak", "--region", "Kalimantan",
               "--author", "seknas", "--date", "2013-07-01")
    assert post.returncode == 0, post.stderr
    product = run(str(ROOT / "scripts/new_product.py"), "--jarpuk", "sintang", "--producer", "rupina",
                  "--id", "tikar-rotan", "--name", "Tikar rotan", "--category", "kerajinan")
    assert product.returncode == 0, product.stderr
    text = (tmp_path / "products/sintang/tikar-rotan.yml").read_text("utf-8")
    assert "# price: …  # Harga dalam rupiah" in text
    # left as written, the example texts would be published: check and the build name each
    post_file = tmp_path / "content/berita/posts/2013-07-01-pameran-tenun-di-pontianak.md"
    check, build = run(str(ROOT / "scripts/check.py")), build_site(tmp_path, tmp_path / "draft")
    assert check.returncode == 1 and build.returncode != 0
    for output in (check.stderr, build.stderr):
        assert "2013-07-01-pameran-tenun-di-pontianak.md:10: teks contoh dari `make new-post` belum diganti" in output
        assert "2013-07-01-pameran-tenun-di-pontianak.md:14: teks contoh" in output
    product_said = "products/sintang/tikar-rotan.yml:10: `description` masih berisi teks contoh"
    assert product_said in check.stderr  # check says all at once; the build stops at the news first
    # as staff then write them
    post_file.write_text(post_file.read_text("utf-8")
                         .replace("Paragraf pembuka: satu atau dua kalimat yang tampil di daftar berita.",
                                  "JarPUK Sintang memamerkan kain kebat di Pontianak.")
                         .replace("Isi berita.", "Pameran berlangsung tiga hari."), "utf-8")
    build = build_site(tmp_path, tmp_path / "draft")
    assert build.returncode != 0 and product_said in build.stderr, build.stderr
    product_file = tmp_path / "products/sintang/tikar-rotan.yml"
    product_file.write_text(product_file.read_text("utf-8").replace("Tulis uraian produk di sini.",
                                                                    "Tikar anyaman rotan, 120 x 180 cm."), "utf-8")
    check = run(str(ROOT / "scripts/check.py"))
    assert check.returncode == 0, check.stderr
    assert build_site(tmp_path, tmp_path / "site").returncode == 0
    assert (tmp_path / "site/produk/sintang/tikar-rotan/index.html").exists()
    assert (tmp_path / "site/berita/2013/07/01/pameran-tenun-di-pontianak/index.html").exists()


def test_template_is_downloadable_from_the_site(site):
    book = load_workbook(site / "produk/template-produk.xlsx")
    assert [c.value for c in book["produk"][1]][:3] == ["id", "name", "name_en"]


# -- hostile and careless spreadsheets -------------------------------------------------


def workbook_with(tmp_path: Path, folder: Path, edit) -> Path:
    """The JarPUK's export, changed by ``edit(products_sheet, producers_sheet, column_numbers)``."""
    export_workbook(folder, tmp_path / "k.xlsx")
    book = load_workbook(tmp_path / "k.xlsx")
    col = {c.value: i + 1 for i, c in enumerate(book["produk"][1])}
    edit(book["produk"], book["produsen"], col)
    book.save(tmp_path / "k.xlsx")
    return tmp_path / "k.xlsx"


def snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()}


@pytest.mark.parametrize("bad_id, says", [
    ("../sambas/kain-songket-sambas", "tidak bisa menjadi id"),
    ("/tmp/kain", "tidak bisa menjadi id"),
    ("../../content/index", "tidak bisa menjadi id"),
    ("Kain Baru", "tidak bisa menjadi id"),
    ("producers", "nama berkas yang dipakai situs"),
    ("jarpuk", "nama berkas yang dipakai situs"),
])
def test_ids_that_point_elsewhere_are_refused_at_their_cell(products, tmp_path, bad_id, says):
    folder = products / "kupang"
    before = snapshot(products)
    outside = [tmp_path / "content/index.yml", Path("/tmp/kain.yml")]
    existed = [p.exists() for p in outside]
    (tmp_path / "sheets").mkdir()

    def edit(sheet, people, col):
        sheet.cell(2, col["id"]).value = bad_id

    book = workbook_with(tmp_path / "sheets", folder, edit)
    found = [str(p) for p in import_workbook(book, folder, CATEGORIES)]
    assert len(found) == 1 and found[0].startswith("k.xlsx!produk!A2 (kolom id): ") and says in found[0], found
    assert snapshot(products) == before  # nothing written, anywhere
    assert [p.exists() for p in outside] == existed


def test_duplicate_ids_are_refused(products, tmp_path):
    folder = products / "kupang"

    def edit(sheet, people, col):
        sheet.cell(3, col["id"]).value = sheet.cell(2, col["id"]).value

    found = [str(p) for p in import_workbook(workbook_with(tmp_path, folder, edit), folder, CATEGORIES)]
    assert len(found) == 1 and "sudah dipakai di baris 2" in found[0] and "!A3 " in found[0]


def test_formula_cells_use_their_saved_value_or_are_refused(products, tmp_path):
    folder = products / "kupang"
    before = snapshot(folder)

    def edit(sheet, people, col):
        sheet.cell(2, col["price"]).value = "=30000+5000"  # no saved value: openpyxl writes none

    found = [str(p) for p in import_workbook(workbook_with(tmp_path, folder, edit), folder, CATEGORIES)]
    assert len(found) == 1 and "rumus tanpa nilai tersimpan" in found[0] and "(kolom price)" in found[0]
    assert snapshot(folder) == before
    # the same formula with the value a spreadsheet program saves beside it: that value is used
    book = tmp_path / "k.xlsx"
    _set_cached_value(book, "produk", "=30000+5000", "36000")
    assert import_workbook(book, folder, CATEGORIES) == []
    assert "price: 36000" in (folder / "abon-tuna-manis-ee.yml").read_text("utf-8")


def _set_cached_value(book: Path, sheet_name: str, formula: str, value: str) -> None:
    """Write ``value`` as the saved result of ``formula`` (as Excel and LibreOffice do)."""
    import zipfile

    with zipfile.ZipFile(book) as archive:
        files = {name: archive.read(name) for name in archive.namelist()}
    sheet = next(n for n in files if n.startswith("xl/worksheets/") and formula[1:].encode() in files[n])
    files[sheet] = files[sheet].replace(f"<f>{formula[1:]}</f><v></v>".encode(), f"<f>{formula[1:]}</f><v>{value}</v>".encode())
    files[sheet] = files[sheet].replace(f"<f>{formula[1:]}</f><v />".encode(), f"<f>{formula[1:]}</f><v>{value}</v>".encode())
    assert f"<v>{value}</v>".encode() in files[sheet]
    with zipfile.ZipFile(book, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)


def test_text_that_looks_like_a_formula_is_exported_as_text_and_round_trips(products, tmp_path):
    folder = products / "kupang"
    product = folder / "abon-tuna-pedas.yml"
    text = re.sub(r"(?m)^unit: .*$", 'unit: "=HYPERLINK(\\"http://x\\")"', product.read_text("utf-8"))
    product.write_text(text, "utf-8")
    before = snapshot(folder)
    export_workbook(folder, tmp_path / "k.xlsx")
    book = load_workbook(tmp_path / "k.xlsx")
    col = {c.value: i + 1 for i, c in enumerate(book["produk"][1])}
    row = next(r for r in range(2, book["produk"].max_row + 1) if book["produk"].cell(r, 1).value == "abon-tuna-pedas")
    cell = book["produk"].cell(row, col["unit"])
    assert cell.data_type == "s" and cell.quotePrefix and cell.value == '=HYPERLINK("http://x")'
    assert import_workbook(tmp_path / "k.xlsx", folder, CATEGORIES) == []
    assert snapshot(folder) == before


def test_excel_date_cell_becomes_a_date(products, tmp_path):
    import datetime

    folder = products / "kupang"

    def edit(sheet, people, col):
        sheet.cell(2, col["added"]).value = datetime.datetime(2026, 11, 5)
        sheet.cell(3, col["size"]).value = datetime.datetime(2026, 1, 2)  # Excel turned "1-2" into a date

    found = [str(p) for p in import_workbook(workbook_with(tmp_path, folder, edit), folder, CATEGORIES)]
    assert len(found) == 1 and "(kolom size): sel ini terbaca sebagai tanggal" in found[0]

    def edit_date_only(sheet, people, col):
        sheet.cell(2, col["added"]).value = datetime.datetime(2026, 11, 5)

    assert import_workbook(workbook_with(tmp_path, folder, edit_date_only), folder, CATEGORIES) == []
    assert "added: 2026-11-05" in (folder / "abon-tuna-manis-ee.yml").read_text("utf-8") or \
        "added: '2026-11-05'" in (folder / "abon-tuna-manis-ee.yml").read_text("utf-8")


def test_csv_quotes_round_trip_exactly(products, tmp_path):
    folder = products / "kupang"
    header = "id,name,category,producer,unit,availability,description\n"
    row = 'abon-kutip,"Abon ""Manis, ee"" asli",makanan,setia-kawan,toples,ready,"Baris satu.\n\nBaris ""dua""."\n'
    (tmp_path / "p.csv").write_text(header + row, "utf-8")
    assert import_workbook(tmp_path / "p.csv", folder, CATEGORIES) == []
    catalog, problems = load_catalog(products)
    product = next(p for p in catalog.products if p.id == "abon-kutip")
    assert product.name == 'Abon "Manis, ee" asli'
    assert product.description.rstrip("\n") == 'Baris satu.\n\nBaris "dua".'


@pytest.mark.parametrize("content, says", [
    (b"", "berkas kosong (0 byte)"),
    ("id;name\nkain;Kain caf\u00e9\n".encode("latin-1"), "tidak tersimpan sebagai UTF-8"),
    (b"\n\n", "berkas CSV kosong"),
    (b"id,name,category,producer,unit,availability,description\n", "tidak ada baris data"),
    (b"idnamecategory\nx\n", "pemisah kolom"),
])
def test_bad_csv_files_get_a_message(products, tmp_path, content, says):
    (tmp_path / "p.csv").write_bytes(content)
    found = [str(p) for p in import_workbook(tmp_path / "p.csv", products / "kupang", CATEGORIES)]
    assert len(found) == 1 and found[0].startswith("p.csv: ") and says in found[0], found


@pytest.mark.parametrize("name, content, says", [
    ("k.xlsx", b"this is not a zip file", "bukan lembar kerja Excel"),
    ("k.xlsx", b"", "berkas kosong"),
    ("k.xls", b"\xd0\xcf\x11\xe0", "Excel Workbook (.xlsx)"),
    ("k.txt", b"x", "hanya berkas .xlsx"),
])
def test_bad_workbooks_get_a_message(products, tmp_path, name, content, says):
    (tmp_path / name).write_bytes(content)
    found = [str(p) for p in import_workbook(tmp_path / name, products / "kupang", CATEGORIES)]
    assert len(found) == 1 and says in found[0], found


def test_workbook_without_the_sheets_or_rows_says_so(products, tmp_path):
    book = Workbook()
    book.active.title = "Sheet1"
    book.save(tmp_path / "kosong.xlsx")
    found = [str(p) for p in import_workbook(tmp_path / "kosong.xlsx", products / "kupang", CATEGORIES)]
    assert found and "tidak punya lembar `produk`" in found[0]
    from asppuk.staff.sheets import template_workbook

    template_workbook(tmp_path / "templat.xlsx")
    found = [str(p) for p in import_workbook(tmp_path / "templat.xlsx", products / "kupang", CATEGORIES)]
    assert found and "tidak ada baris data" in found[0]


def test_sheet_command_never_shows_a_traceback(products, tmp_path):
    run = lambda *a: subprocess.run([sys.executable, str(ROOT / "scripts/sheet.py"), "--products", str(products), *a],  # noqa: E731
                                    capture_output=True, text=True)
    for args in (("import", "kupang", str(tmp_path / "hilang.xlsx")), ("import", "../etc", str(tmp_path / "x.csv")),
                 ("export", "kupang", str(tmp_path / "tidak/ada/k.xlsx"))):
        result = run(*args)
        assert result.returncode != 0 and "Traceback" not in result.stderr and result.stderr.strip(), args


def test_import_never_writes_through_a_link_left_in_the_folder(products, tmp_path):
    """A temporary name a pull request could have planted as a symbolic link
    (to a script of the staff member's machine, say) is never written through."""
    folder = products / "kupang"
    victim = tmp_path / "skrip-staf.sh"
    victim.write_text("echo asli\n", "utf-8")
    for name in ("abon-tuna-pedas.yml", "producers.yml"):
        (folder / f".{name}.impor").symlink_to(victim)

    def edit(sheet, people, col):
        for row in range(2, sheet.max_row + 1):
            sheet.cell(row, col["unit"]).value = "$(touch /tmp/bukan-di-sini)"

    (tmp_path / "sheets").mkdir()
    assert import_workbook(workbook_with(tmp_path / "sheets", folder, edit), folder, CATEGORIES) == []
    assert victim.read_text("utf-8") == "echo asli\n"
    product = folder / "abon-tuna-pedas.yml"
    assert not product.is_symlink() and "$(touch" in product.read_text("utf-8")
    assert product.stat().st_mode & 0o777 == 0o644


def _sheet_xml(tmp_path: Path, rows: bytes, dimension: bytes = b"") -> Path:
    """A minimal .xlsx whose `produk` sheet is ``rows`` (raw sheetData XML)."""
    import zipfile

    ns = b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    rel = b'xmlns="http://schemas.openxmlformats.org/package/2006/relationships"'
    kind = b"http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    path = tmp_path / "besar.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                   b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                   b'<Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" '
                   b'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
                   b'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-'
                   b'officedocument.spreadsheetml.worksheet+xml"/></Types>')
        z.writestr("_rels/.rels", b"<Relationships " + rel + b'><Relationship Id="rId1" Type="' + kind
                   + b'/officeDocument" Target="xl/workbook.xml"/></Relationships>')
        z.writestr("xl/workbook.xml", b"<workbook " + ns + b' xmlns:r="' + kind + b'"><sheets><sheet name="produk" '
                   b'sheetId="1" r:id="rId1"/></sheets></workbook>')
        z.writestr("xl/_rels/workbook.xml.rels", b"<Relationships " + rel + b'><Relationship Id="rId1" Type="' + kind
                   + b'/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
        z.writestr("xl/worksheets/sheet1.xml", b"<worksheet " + ns + b">" + dimension + b"<sheetData>" + rows
                   + b"</sheetData></worksheet>")
    return path


@pytest.mark.parametrize("rows, dimension, says", [
    # 20 KB that declares 16,384 columns: every row padded to that (500 MB, 20 s)
    (b'<row r="1"><c r="A1" t="inlineStr"><is><t>id</t></is></c></row>'
     + b"".join(b'<row r="%d"><c r="A%d"><v>1</v></c></row>' % (i, i) for i in range(2, 4000)),
     b'<dimension ref="A1:XFD4000"/>', "belum diisi. Isi selnya."),
    # 100 KB holding 500,000 cells; 300 KB with millions (3 minutes) unpack to too much
    (b'<row><c t="inlineStr"><is><t>id</t></is></c></row>' + (b"<row>" + b"<c><v>1</v></c>" * 1000 + b"</row>") * 500,
     b"", "sel terisi"),
    (b'<row><c t="inlineStr"><is><t>id</t></is></c></row>' + (b"<row>" + b"<c><v>1</v></c>" * 1000 + b"</row>") * 3000,
     b"", "terlalu besar setelah dibuka"),
])
def test_huge_sheets_are_refused_quickly(products, tmp_path, rows, dimension, says):
    import time

    book = _sheet_xml(tmp_path, rows, dimension)
    started = time.perf_counter()
    found = [str(p) for p in import_workbook(book, products / "kupang", CATEGORIES)]
    print(f"refused in {time.perf_counter() - started:.2f} s")  # a figure to read, never a test failure
    assert found and any(says in f for f in found), found[:3]


def test_new_product_never_writes_through_a_dangling_link(tmp_path):
    project = copy_project(tmp_path)
    target = tmp_path / "di-luar.yml"
    (project / "products/sintang/kain-baru.yml").symlink_to(target)
    result = subprocess.run([sys.executable, str(ROOT / "scripts/new_product.py"), "--jarpuk", "sintang",
                             "--producer", "rupina", "--id", "kain-baru", "--name", "Kain baru"],
                            cwd=project, capture_output=True, text=True)
    assert result.returncode == 2 and "sudah ada" in result.stderr and "Traceback" not in result.stderr, result.stderr
    assert not target.exists()


def test_cell_with_an_invisible_control_character_is_refused(products, tmp_path):
    folder = products / "kupang"
    (tmp_path / "k.csv").write_text("id,size\nabon-tuna-pedas,bungkus\x0b75 g\n", "utf-8")
    found = [str(p) for p in import_workbook(tmp_path / "k.csv", folder, CATEGORIES)]
    assert len(found) == 1 and "(kolom size): sel berisi karakter tak terlihat (kode U+000B)" in found[0], found
