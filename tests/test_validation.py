"""Every validation message staff can meet: file, line, and the fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from asppuk.catalog import load_catalog
from conftest import MINI, write_tree

PRODUCT = MINI["desa/kain.yml"]


def problems_for(products: Path) -> list[str]:
    catalog, problems = load_catalog(products)
    return [str(p) for p in problems]


def only(products: Path) -> str:
    found = problems_for(products)
    assert len(found) == 1, found
    return found[0]


def test_valid_catalogue_has_no_problems(mini):
    catalog, problems = load_catalog(mini)
    assert problems == []
    assert [p.id for p in catalog.products] == ["kain"]
    assert catalog.jarpuks["desa"].contact.phone == "+6281200000199"


def test_price_with_thousands_dot(mini):
    write_tree(mini, {"desa/kain.yml": PRODUCT.replace("750000", "50.000")})
    message = only(mini)
    assert message.startswith("products/desa/kain.yml:5: `price` ditulis `50.000`")
    assert "50.0" in message and "`50000`" in message


def test_price_with_rupiah(mini):
    write_tree(mini, {"desa/kain.yml": PRODUCT.replace("750000", "Rp 750.000")})
    message = only(mini)
    assert message.startswith("products/desa/kain.yml:5:")
    assert "tanpa 'Rp'" in message and "`750000`" in message


def test_price_with_two_dots_read_as_text(mini):
    write_tree(mini, {"desa/kain.yml": PRODUCT.replace("750000", "1.500.000")})
    assert "`1500000`" in only(mini)


def test_phone_as_bare_number_octal(mini):
    jarpuk = MINI["desa/jarpuk.yml"].replace('"0812-0000-0199"', "0214567123")
    write_tree(mini, {"desa/jarpuk.yml": jarpuk})
    message = only(mini)
    assert message.startswith("products/desa/jarpuk.yml:7: nomor telepon `contact.phone`")
    assert "oktal" in message and '"0214567123"' in message


def test_phone_as_bare_international_number(mini):
    jarpuk = MINI["desa/jarpuk.yml"].replace('"0812-0000-0199"', "6281200000199")
    write_tree(mini, {"desa/jarpuk.yml": jarpuk})
    assert '"+6281200000199"' in only(mini)


def test_invalid_phone_number(mini):
    jarpuk = MINI["desa/jarpuk.yml"].replace('"0812-0000-0199"', '"12345"')
    write_tree(mini, {"desa/jarpuk.yml": jarpuk})
    message = only(mini)
    assert message.startswith("products/desa/jarpuk.yml:7: nomor telepon `12345` tidak sah")


def test_duplicate_key(mini):
    write_tree(mini, {"desa/kain.yml": PRODUCT + "name: Kain lagi\n"})
    message = only(mini)
    assert message.startswith("products/desa/kain.yml:8: kolom `name` ditulis dua kali (pertama di baris 1)")


def test_unknown_key_suggests_nearest(mini):
    write_tree(mini, {"desa/kain.yml": PRODUCT + "prise: 5\nmin_ordr: 2\n"})
    found = problems_for(mini)
    assert len(found) == 2
    assert found[0].startswith("products/desa/kain.yml:8: kolom `prise` tidak dikenal. Mungkin maksud Anda `price`?")
    assert found[1].startswith("products/desa/kain.yml:9: kolom `min_ordr` tidak dikenal. Mungkin maksud Anda `min_order`?")


@pytest.mark.parametrize("word", ["no", "yes", "on", "off", "Off"])
def test_yaml_boolean_where_text_is_meant(mini, word):
    write_tree(mini, {"desa/kain.yml": PRODUCT + f"size: {word}\n"})
    message = only(mini)
    assert message.startswith(f"products/desa/kain.yml:8: `size` ditulis `{word}` tanpa tanda kutip")
    assert f'`"{word}"`' in message


def test_tab_indentation(mini):
    write_tree(mini, {"desa/kain.yml": PRODUCT + "materials:\n\t- benang\n"})
    assert only(mini) == (
        "products/desa/kain.yml:9: ada karakter tab. YAML hanya menerima spasi: ganti setiap tab dengan dua spasi."
    )


def test_byte_order_mark(mini):
    write_tree(mini, {"desa/kain.yml": b"\xef\xbb\xbf" + PRODUCT.encode()})
    assert "byte-order mark (BOM)" in only(mini)


def test_not_utf8(mini):
    write_tree(mini, {"desa/kain.yml": PRODUCT.encode().replace(b"Kain tenun.", b"Kain caf\xe9.")})
    message = only(mini)
    assert message.startswith("products/desa/kain.yml:4: berkas bukan teks UTF-8")


@pytest.mark.parametrize("content", ["", "\n\n", "# hanya komentar\n"])
def test_empty_file(mini, content):
    write_tree(mini, {"desa/kain.yml": content})
    assert only(mini).startswith("products/desa/kain.yml:1: berkas kosong")


def test_broken_yaml_syntax(mini):
    write_tree(mini, {"desa/kain.yml": PRODUCT + 'size: "60 x 180\n'})
    message = only(mini)
    assert message.startswith("products/desa/kain.yml:")
    assert "YAML tidak dapat dibaca" in message


def test_missing_required_field(mini):
    write_tree(mini, {"desa/kain.yml": PRODUCT.replace("unit: lembar\n", "")})
    assert only(mini) == "products/desa/kain.yml:1: kolom wajib `unit` belum ada. Tambahkan baris `unit: ...`."


def test_enum_suggests(mini):
    write_tree(mini, {"desa/kain.yml": PRODUCT.replace("availability: ready", "availability: redy")})
    message = only(mini)
    assert message.startswith("products/desa/kain.yml:7: `availability` berisi `redy`")
    assert "Mungkin maksud Anda `ready`?" in message


def test_unknown_category(mini):
    write_tree(mini, {"desa/kain.yml": PRODUCT.replace("category: tenun", "category: batik")})
    assert only(mini) == (
        "products/desa/kain.yml:2: kategori `batik` tidak ada di products/categories.yml. Pilih salah satu: kue, tenun."
    )


def test_unknown_producer(mini):
    write_tree(mini, {"desa/kain.yml": PRODUCT.replace("producer: ani", "producer: anni")})
    assert only(mini) == (
        "products/desa/kain.yml:3: produsen `anni` tidak terdaftar di JarPUK desa. Produsen yang terdaftar: ani, sri."
    )


def test_duplicate_producer_id(mini):
    write_tree(mini, {"desa/producers.yml": MINI["desa/producers.yml"] + "- id: ani\n  name: Ani dua\n  kind: puk\n"})
    assert only(mini) == "products/desa/producers.yml:17: id produsen `ani` dipakai dua kali (pertama di baris 1). Beri id lain."


def test_duplicate_category_id(mini):
    write_tree(mini, {"categories.yml": MINI["categories.yml"] + "- id: kue\n  name: Kue lagi\n"})
    assert only(mini) == "products/categories.yml:5: id kategori `kue` dipakai dua kali. Setiap kategori perlu id sendiri."


def test_missing_image(mini):
    write_tree(mini, {"desa/kain.yml": PRODUCT + "images:\n  - images/kain.jpg\n"})
    assert only(mini).startswith("products/desa/kain.yml:9: foto `images/kain.jpg` tidak ditemukan")


@pytest.mark.parametrize("src", ["../sintang/images/kain.jpg", "/etc/passwd", "images/../../x.jpg"])
def test_image_outside_jarpuk_folder(mini, src):
    write_tree(mini, {"x/images/kain.jpg": b"", "desa/kain.yml": PRODUCT + f"images:\n  - {src}\n"})
    found = [p for p in problems_for(mini) if "kain.yml" in p]
    assert len(found) == 1
    assert found[0].startswith(f"products/desa/kain.yml:9: foto `{src}` berada di luar folder JarPUK ini")


def test_image_that_exists_is_accepted(mini):
    write_tree(mini, {"desa/images/kain.jpg": b"\xff\xd8", "desa/kain.yml": PRODUCT + "images:\n  - src: images/kain.jpg\n    alt: Kain merah\n"})
    catalog, problems = load_catalog(mini)
    assert problems == []
    assert catalog.products[0].images[0].alt == "Kain merah"


def test_price_max_below_price(mini):
    write_tree(mini, {"desa/kain.yml": PRODUCT + "price_max: 500000\n"})
    assert only(mini).startswith("products/desa/kain.yml:8: `price_max` harus lebih besar dari `price`")


def test_jarpuk_without_any_contact(mini):
    jarpuk = MINI["desa/jarpuk.yml"].replace('  phone: "0812-0000-0199"\n  whatsapp: true\n', "")
    write_tree(mini, {"desa/jarpuk.yml": jarpuk})
    assert only(mini).startswith("products/desa/jarpuk.yml:5: kontak JarPUK belum punya `phone` atau `email`")


def test_whatsapp_without_phone(mini):
    producers = MINI["desa/producers.yml"].replace('    phone: "0813-0000-0188"\n', "")
    write_tree(mini, {"desa/producers.yml": producers})
    assert only(mini).startswith("products/desa/producers.yml:")
    assert "`whatsapp: true` tetapi `phone` kosong" in only(mini)


def test_folder_without_jarpuk_yml(mini):
    write_tree(mini, {"baru/kain.yml": PRODUCT})
    assert only(mini) == "products/baru:1: folder JarPUK ini belum punya `jarpuk.yml`. Tambahkan profil JarPUK-nya."


def test_yaml_extension_is_not_silently_ignored(mini):
    write_tree(mini, {"desa/selendang.yaml": PRODUCT})
    assert "akhiran `.yaml` tidak dibaca" in only(mini)


def test_bad_product_file_name(mini):
    write_tree(mini, {"desa/Kain Merah.yml": PRODUCT})
    assert "nama berkas `Kain Merah.yml` menjadi id produk" in only(mini)


def test_all_problems_reported_at_once(mini):
    write_tree(mini, {
        "desa/kain.yml": PRODUCT.replace("750000", "50.000").replace("category: tenun", "category: x") + "prise: 1\n",
        "desa/syal.yml": "",
    })
    found = problems_for(mini)
    assert len(found) == 4, found
    assert any("kategori `x`" in p for p in found)


def test_email_format(mini):
    producers = MINI["desa/producers.yml"].replace("ani@example.org", "ani-at-example")
    write_tree(mini, {"desa/producers.yml": producers})
    assert "bukan alamat email yang sah" in only(mini)
