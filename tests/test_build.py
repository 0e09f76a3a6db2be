"""Integration: the sample site and small projects built with `mkdocs build --strict`."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from asppuk.catalog import load_catalog
from conftest import MINI, ROOT, build_site, write_tree

MINI_MKDOCS = """\
site_name: Uji
site_url: https://contoh.example/
docs_dir: content
theme:
  name: material
  language: id
  font: false
plugins:
  - asppuk-search
  - asppuk-catalog
nav:
  - Beranda: index.md
  - Produk: produk/index.md
"""


def read(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text("utf-8")


def all_output_text(site: Path) -> str:
    return "\n".join(
        p.read_text("utf-8", errors="replace")
        for p in site.rglob("*")
        if p.is_file() and p.suffix in {".html", ".xml", ".json", ".js", ".txt", ".csv"}
    )


@pytest.fixture
def project(tmp_path: Path) -> Path:
    write_tree(tmp_path, {"mkdocs.yml": MINI_MKDOCS, "content/index.md": "# Beranda\n"})
    write_tree(tmp_path / "products", MINI)
    return tmp_path


def test_product_page(site):
    html = read(site, "produk/sintang/kain-kebat")
    assert "<h1>Kain kebat tenun ikat Dayak</h1>" in html
    assert "Rp 750.000 – Rp 1.500.000" in html
    for fact in ("Pesanan minimum", "1 lembar", "Kapasitas per bulan", "12 lembar", "30 hari",
                 "benang katun, pewarna alam", "60 x 180 cm", "450 gram", "Dibuat sesuai pesanan"):
        assert fact in html, fact
    # Rupina gave no consent: the buyer is routed to her JarPUK, and told so
    assert "https://wa.me/6281200000101?text=" in html
    assert "Sekretariat JarPUK Sintang</strong>, yang meneruskannya kepada produsen" in html
    assert 'href="../../../produsen/sintang/rupina/"' in html
    assert 'href="../../../jarpuk/sintang/"' in html
    assert 'href="../../../produk/kategori/tenun/"' in html


def test_price_absent_reads_hubungi_kami(site):
    assert "Harga: hubungi kami" in read(site, "produk/sintang/pua-kumbu")


def test_certification_and_consenting_producer(site):
    html = read(site, "produk/kupang/abon-tuna-manis-ee")
    assert "P-IRT 2065371010123-26" in html
    assert "Rp 35.000" in html
    # KPUK Setia Kawan consented: her own WhatsApp number is used
    assert "https://wa.me/6281200000104?text=" in html
    assert "Pesan Anda langsung diterima oleh <strong>Pengurus KPUK Setia Kawan</strong>" in html


def test_every_valid_product_file_has_a_page(site):
    catalog, problems = load_catalog(ROOT / "products")
    assert problems == []
    files = [
        p for p in (ROOT / "products").glob("*/*.yml") if p.name not in ("jarpuk.yml", "producers.yml")
    ]
    pages = [p for p in (site / "produk").glob("*/*/index.html") if p.parts[-3] != "kategori"]
    assert len(files) == len(catalog.products) == len(pages) >= 12
    assert len({p.parent.parent.name for p in pages}) >= 4


def test_generated_pages_stay_out_of_the_navigation(site):
    home = read(site, "")
    assert "kain-kebat" not in home
    assert "produsen/" not in home


def test_listing_jarpuk_producer_and_region_pages(site):
    tenun = read(site, "produk/kategori/tenun")
    assert "Kain songket Sambas" in tenun and "Syal tenun ikat Dayak" in tenun
    lombok = read(site, "jarpuk/lombok-tengah")
    assert "2.633" in lombok and "234" in lombok
    assert "Anggota PUK" in lombok
    assert "Rupina" in read(site, "produsen/sintang/rupina")
    assert "Abon ikan tuna" in read(site, "wilayah/nusa-tenggara")
    home = read(site, "produk")
    assert "Produk pilihan" in home and "Terbaru" in home


def test_pagination(project, tmp_path):
    extra = {f"desa/kain-{i:02d}.yml": MINI["desa/kain.yml"].replace("Kain", f"Kain {i:02d}") for i in range(30)}
    write_tree(project / "products", extra)
    result = build_site(project, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    first = read(tmp_path / "out", "produk/kategori/tenun")
    second = read(tmp_path / "out", "produk/kategori/tenun/halaman/2")
    assert first.count('class="puk-card"') == 24
    assert second.count('class="puk-card"') == 31 - 24
    assert 'rel="next" ' not in second and 'rel="prev"' in second


def test_nothing_is_fetched_from_the_network(site):
    for page in site.rglob("*.html"):
        html = page.read_text("utf-8")
        for tag in re.findall(r"<(?:script|link|img|iframe|source)\b[^>]*>", html):
            if re.search(r'rel="(canonical|alternate ?)"', tag):
                continue  # names the page, loads nothing
            if re.search(r'(?:src|href|srcset)="(?:https?:)?//', tag):
                pytest.fail(f"{page}: loads {tag}")
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html


def test_invalid_data_fails_the_build_with_file_and_line(project, tmp_path):
    write_tree(project / "products", {"desa/kain.yml": MINI["desa/kain.yml"].replace("750000", "50.000")})
    result = build_site(project, tmp_path / "out")
    assert result.returncode != 0
    assert "products/desa/kain.yml:5: `price` ditulis `50.000`" in result.stderr
    assert not (tmp_path / "out" / "produk" / "desa" / "kain").exists()


def test_no_contact_without_consent_anywhere(project, tmp_path):
    result = build_site(project, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    text = all_output_text(tmp_path / "out")
    # Ani did not consent: nothing of hers; Sri did: her number and village show
    for secret in ("0813-0000-0177", "6281300000177", "081300000177", "ani@example.org", "Desa Rahasia"):
        assert secret not in text, secret
    assert "6281300000188" in text and "Desa Terbuka" in text


def test_markup_in_data_is_not_live(project, tmp_path):
    evil = (
        'name: Kain\ncategory: tenun\nproducer: ani\nunit: lembar\navailability: ready\n'
        'description: |\n  Bagus <script>alert(1)</script> <img src=x onerror="alert(2)">\n'
        '  [klik](javascript:alert(3)) <a href="javascript:alert(4)">a</a>\n'
    )
    write_tree(project / "products", {"desa/kain.yml": evil})
    result = build_site(project, tmp_path / "out")
    # what the page would lose is named at its line, and nothing is published
    assert result.returncode != 0 and "products/desa/kain.yml:6: `description`:" in result.stderr, result.stderr
    assert not (tmp_path / "out" / "produk/desa/kain/index.html").exists()
    # the cleaner itself (catalog/text.py) still keeps nothing live
    from asppuk.catalog.text import render_markdown

    html = str(render_markdown(evil.split("|\n", 1)[1]))
    assert "<script>alert" not in html and "onerror" not in html and "javascript:" not in html and "Bagus" in html


def pagefind_text(site: Path) -> str:
    """Everything Pagefind stored about the pages (fragments are gzip-compressed JSON)."""
    import gzip

    texts = []
    for fragment in (site / "pagefind" / "fragment").glob("*.pf_fragment"):
        raw = gzip.decompress(fragment.read_bytes())
        texts.append(raw.decode("utf-8", errors="replace"))
    return "\n".join(texts)


def test_search_index_has_no_private_contact(project, tmp_path):
    result = build_site(project, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    text = pagefind_text(tmp_path / "out")
    assert "Kain" in text  # the index is really there
    for secret in ("0813-0000-0177", "6281300000177", "ani@example.org", "Desa Rahasia"):
        assert secret not in text, secret
    # contact boxes are never indexed, not even consented ones
    assert "6281300000188" not in text and "0812-0000-0199" not in text


def test_catalogue_plugin_can_be_switched_off(tmp_path):
    config = MINI_MKDOCS.replace("  - asppuk-catalog\n", "  - asppuk-catalog:\n      enabled: false\n")
    write_tree(tmp_path, {"mkdocs.yml": config.replace("  - Produk: produk/index.md\n", ""),
                          "content/index.md": "# Beranda\n"})
    result = build_site(tmp_path, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert not (tmp_path / "site/produk").exists()


def test_catalogue_pages_drop_indentation_but_not_preformatted_text(project, tmp_path):
    code = MINI["desa/kain.yml"].replace("description: Kain tenun.\n",
                                         "description: |\n  Ukuran:\n\n      panjang   200 cm\n      lebar      60 cm\n")
    write_tree(project / "products", {"desa/kain.yml": code})
    result = build_site(project, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    html = read(tmp_path / "out", "produk/desa/kain")
    assert "<pre><code>panjang   200 cm\nlebar      60 cm\n</code></pre>" in html
    assert "\n    <" not in html.split("<pre>")[0]  # no indentation left elsewhere


def test_a_problem_on_a_page_the_helper_built_fails_the_build(tmp_path):
    """The security check runs on every page; what it finds on the helper's pages fails the build too."""
    from conftest import copy_project

    project = copy_project(tmp_path / "project")
    config = (project / "mkdocs.yml").read_text("utf-8")
    config = config.replace("      data_dir: products\n", "      data_dir: products\n      parallel_pages: 0\n")
    config = config.replace("theme:\n  name: material\n", "theme:\n  name: material\n  custom_dir: overrides\n")
    (project / "mkdocs.yml").write_text(config, "utf-8")
    original = (ROOT / "plugins/asppuk/mkdocs_catalog/templates/asppuk/catalog/producer.html").read_text("utf-8")
    write_tree(project / "overrides/asppuk/catalog", {
        "producer.html": original.replace("{% block content %}", "{% block content %}<script>alert(1)</script>", 1)})
    result = build_site(project, tmp_path / "out")
    assert result.returncode != 0
    producers = sorted(p.stem for p in (ROOT / "products").glob("*/producers.yml"))
    assert len(producers) >= 2
    named = set(re.findall(r"(produsen/[\w-]+/[\w-]+)/index\.md:1: halaman memuat 1 skrip", result.stderr))
    # every producer page is named, those the helper built and those MkDocs built
    total = sum(len(re.findall(r"^- id:", p.read_text("utf-8"), re.M)) for p in (ROOT / "products").glob("*/producers.yml"))
    assert len(named) == total, result.stderr[-3000:]


def test_dropping_indentation_fast_equals_the_regular_expression():
    """The catalogue pages' indentation is dropped by splitting lines (a
    seventh of the regular expression's time): the same text for any input."""
    import random

    from asppuk.mkdocs_catalog.whitespace import INDENT as _INDENT
    from asppuk.mkdocs_catalog.whitespace import collapse as _collapse
    from asppuk.mkdocs_catalog.whitespace import unindent as _unindent

    pieces = ["a", "<b>", " ", "\t", "\n", "\r", "\xa0", "\u2028", "\x0c", "  \n  ", "\n\n", "é"]
    rng = random.Random(7)
    for _ in range(50_000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 16)))
        assert _collapse(text) == _INDENT.sub("\n", text), repr(text)
    page = "<div>\n    <p>a</p>\n  \n</div>\n<pre>  x\n    y</pre>\n  <textarea>\n  z</textarea>  \n"
    assert _unindent(page) == "<div>\n<p>a</p>\n</div>\n<pre>  x\n    y</pre>\n<textarea>\n  z</textarea>\n"
