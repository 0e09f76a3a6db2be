"""Staff tools: spreadsheet round trip and bad cells, scaffolded post and product."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from asppuk.catalog import load_catalog
from asppuk.sheets import export_workbook, import_workbook
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
    assert any(p.startswith(f"k.xlsx!produk!{letter('availability')}2 (kolom availability): `siap` tidak dikenal") for p in found)
    assert any(p.startswith(f"k.xlsx!produk!{letter('category')}3 (kolom category): kategori `minuman` tidak ada") for p in found)
    assert any(p.startswith(f"k.xlsx!produk!{letter('producer')}3 (kolom producer): produsen `setia`") for p in found)
    assert any(p.startswith(f"k.xlsx!produk!{letter('featured')}3 (kolom featured): `mungkin` tidak dikenal") for p in found)
    phone = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[pcol["contact.phone"] - 1]
    assert any(p.startswith(f"k.xlsx!produsen!{phone}2 (kolom contact.phone): nomor ditulis sebagai angka") for p in found)
    assert len(found) == 6
    assert {p.name: p.read_bytes() for p in folder.glob("*.yml")} == before


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
    from asppuk.sheets import template_workbook
    import tempfile

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
    check = run(str(ROOT / "scripts/check.py"))
    assert check.returncode == 0, check.stderr
    assert build_site(tmp_path, tmp_path / "site").returncode == 0
    assert (tmp_path / "site/produk/sintang/tikar-rotan/index.html").exists()
    assert (tmp_path / "site/berita/2013/07/01/pameran-tenun-di-pontianak/index.html").exists()


def test_template_is_downloadable_from_the_site(site):
    book = load_workbook(site / "produk/template-produk.xlsx")
    assert [c.value for c in book["produk"][1]][:3] == ["id", "name", "name_en"]
