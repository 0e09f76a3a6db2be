"""Careless and hostile data files: `make check` refuses whatever the build would refuse.

Each case is a file a staff member or an attacker could send by pull request:
it must become a problem with file, line and fix, in Indonesian, never a
traceback, a hang or a page published wrong. Tests never fail on a timing:
where speed is the point (an alias bomb), what is asserted is the work done
(memory), and the worst inputs within the bounds are asserted to be accepted
and rendered; their seconds are printed (pytest -s) for people to read.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from asppuk.catalog import load_catalog
from conftest import MINI, ROOT, build_site, copy_project, write_tree

PRODUCT = MINI["desa/kain.yml"]


def problems_for(products: Path) -> list[str]:
    return [str(p) for p in load_catalog(products)[1]]


def only(products: Path) -> str:
    found = problems_for(products)
    assert len(found) == 1, found
    return found[0]


def run_check(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "scripts/check.py"), "--root", str(root)],
                          capture_output=True, text=True, timeout=120)


def alias_bomb(depth: int) -> str:
    lines = ['name: &a0 ["x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    for i in range(1, depth + 1):
        lines.append(f"f{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("depth", [7, 9])
def test_billion_laughs_is_refused_at_its_line_without_expanding(mini, depth):
    import tracemalloc

    write_tree(mini, {"desa/kain.yml": alias_bomb(depth)})
    tracemalloc.start()
    started = time.perf_counter()
    message = only(mini)
    seconds = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    print(f"alias bomb depth {depth}: refused in {seconds:.3f} s, {peak / 2**20:.1f} MB")
    assert peak < 20 * 2**20  # expanded, depth 7 alone would take 1.6 GB
    assert message.startswith("products/desa/kain.yml:1: anchor atau alias YAML")


def test_deep_nesting_is_refused_without_a_crash(mini):
    write_tree(mini, {"desa/kain.yml": PRODUCT + "tags: " + "[" * 100_000 + "]" * 100_000 + "\n"})
    assert "susunan data terlalu dalam" in only(mini)
    write_tree(mini, {"desa/kain.yml": PRODUCT + "tags:\n" + "".join("  " * i + "-\n" for i in range(1, 1000))})
    assert "susunan data terlalu dalam" in only(mini)


def test_huge_file_is_refused_before_it_is_read(mini):
    write_tree(mini, {"desa/kain.yml": PRODUCT + "# " + "x" * 3_000_000 + "\n"})
    assert "berkas terlalu besar" in only(mini)


@pytest.mark.parametrize("description, says", [
    ("[" * 60_000, "tanda kurung siku"),
    ("x" * 6000, "terlalu panjang (6.000 huruf; paling banyak 5.000)"),
    ("- " * 1000 + "x", "bersarang lebih dari 8 tingkat"),
    ("> " * 30 + "kutipan", "bersarang lebih dari 8 tingkat"),
])
def test_markdown_fields_are_bounded(mini, description, says):
    write_tree(mini, {"desa/kain.yml": PRODUCT.replace("description: Kain tenun.", f"description: {description!r}")})
    found = problems_for(mini)
    assert any(m.startswith("products/desa/kain.yml:4: `description` ") and says in m for m in found), found


def test_bounded_markdown_fields_render():
    """The worst Markdown fields the schema accepts render (seconds printed)."""
    from asppuk.catalog.text import render_markdown
    from asppuk.datafiles import schema

    rules = schema.validator("product")
    for worst in ("![" * 30 + "x" * 4900, "[*_`" * 15 + "x" * 4900, "- " * 8 + "x", "<" * 5000, "*a" * 2500):
        data = {"name": "x", "category": "x", "producer": "x", "unit": "x", "availability": "ready", "description": worst}
        assert list(rules.iter_errors(data)) == [], worst[:10]
        started = time.perf_counter()
        render_markdown(worst)
        print(f"{worst[:8]!r}…: {time.perf_counter() - started:.3f} s")


@pytest.mark.parametrize("price, says", [("1000000000000000", "paling banyak 1.000.000.000"),
                                          ("10000000000000000000000000000", "paling banyak 1.000.000.000")])
def test_prices_within_sane_range(mini, price, says):
    write_tree(mini, {"desa/kain.yml": PRODUCT.replace("750000", price)})
    assert says in only(mini)


def test_years_and_dates_not_in_the_future(mini):
    producers = MINI["desa/producers.yml"].replace("  kind: puk\n  village: Desa Rahasia", "  kind: puk\n  since: 2099\n  village: Desa Rahasia")
    write_tree(mini, {"desa/producers.yml": producers, "desa/kain.yml": PRODUCT + "added: 2099-01-01\n"})
    found = problems_for(mini)
    assert any("products/desa/producers.yml:4: `since` berisi 2099, tahun yang belum datang" in p for p in found), found
    assert any("products/desa/kain.yml:8: `added` berisi 2099-01-01, tanggal yang belum datang" in p for p in found), found


def test_impossible_date_is_a_problem_not_a_traceback(mini):
    write_tree(mini, {"desa/kain.yml": PRODUCT + "added: 2026-13-45\n"})
    assert "products/desa/kain.yml:8: `2026-13-45` bukan tanggal yang ada" in only(mini)


def test_phone_with_letters_is_refused(mini):
    write_tree(mini, {"desa/jarpuk.yml": MINI["desa/jarpuk.yml"].replace("0812-0000-0199", "0812-ABCD-7890")})
    found = problems_for(mini)
    assert any(p.startswith("products/desa/jarpuk.yml:7: `contact.phone` hanya boleh berisi angka") for p in found), found
    from asppuk.catalog.contact import normalise_phone

    with pytest.raises(ValueError):
        normalise_phone("0812-ABCD-7890")  # libphonenumber alone would read a keypad: 0812-2223-7890


def test_landline_with_whatsapp_is_reported(mini):
    write_tree(mini, {"desa/jarpuk.yml": MINI["desa/jarpuk.yml"].replace("0812-0000-0199", "0380-821234")})
    message = only(mini)
    assert message.startswith("products/desa/jarpuk.yml:8: `whatsapp: true`, tetapi `0380-821234` adalah nomor telepon rumah/kantor")


@pytest.mark.parametrize("folder", ["kategori", "cari", "daftar-tanya", "images"])
def test_reserved_folder_name_says_why(mini, folder):
    write_tree(mini, {f"{folder}/jarpuk.yml": MINI["desa/jarpuk.yml"]})
    message = only(mini)
    assert f"nama folder `{folder}` sudah dipakai situs" in message


def test_one_bad_producer_gives_no_follow_on_errors(tmp_path):
    project = copy_project(tmp_path)
    producers = project / "products/sintang/producers.yml"
    producers.write_text(producers.read_text("utf-8").replace("kind: puk", "kind: perorangan", 1), "utf-8")
    result = run_check(project)
    assert result.returncode == 1
    lines = [ln for ln in result.stderr.splitlines() if ".yml:" in ln or ".md:" in ln]
    assert len(lines) == 1 and "products/sintang/producers.yml" in lines[0] and "`kind`" in lines[0], lines
    assert "Produsen yang terdaftar: ." not in result.stderr


def test_photo_that_is_not_an_image_fails_make_check(tmp_path):
    project = copy_project(tmp_path)
    write_tree(project, {"products/sintang/images/bukan-foto.jpg": b"<html>bukan foto</html>"})
    product = project / "products/sintang/kain-kebat.yml"
    product.write_text(product.read_text("utf-8") + "images:\n  - images/bukan-foto.jpg\n", "utf-8")
    result = run_check(project)
    assert result.returncode == 1
    assert "products/sintang/kain-kebat.yml:" in result.stderr and "bukan foto yang bisa dibaca" in result.stderr


# -- news ---------------------------------------------------------------------------------


def post(date: str = "2020-01-02", extra: str = "", categories: str = "[Jawa]", body: str = "# Judul\n\nIsi.\n") -> str:
    return f"---\ndate: {date}\nauthors: [seknas]\ncategories: {categories}\n{extra}---\n\n{body}"


@pytest.mark.parametrize("text, line, says", [
    (post(categories="[Papua]"), 4, "`categories[1]` berisi `Papua`, yang tidak dikenal"),
    (post().replace("date: 2020-01-02\n", ""), 2, "kolom wajib `date` belum ada"),
    (post(date="2026-13-45"), 2, "`2026-13-45` bukan tanggal yang ada"),
    (post(extra="title: '<script>x</script>'\n"), 5, "`title` tidak boleh memuat tanda < atau >"),
    (post(extra="judul: Salah\n"), 5, "kolom `judul` tidak dikenal"),
    (post().replace("authors: [seknas]", "authors: [siapa]"), 3, "penulis `siapa` belum ada"),
    (post(body="Isi tanpa judul.\n"), 6, "berita belum punya judul"),
    ("---\ndate: &d 2020-01-02\nupdated: *d\n---\n", 2, "anchor atau alias YAML"),
])
def test_news_front_matter_is_checked_in_indonesian(tmp_path, text, line, says):
    project = copy_project(tmp_path)
    write_tree(project, {"content/berita/posts/2020-01-02-uji.md": text})
    result = run_check(project)
    assert result.returncode == 1
    assert f"content/berita/posts/2020-01-02-uji.md:{line}: " in result.stderr and says in result.stderr, result.stderr
    build = build_site(project, tmp_path / "site")
    assert build.returncode != 0 and says in build.stderr and "Traceback" not in build.stderr


def test_two_posts_at_one_address_fail_naming_both(tmp_path):
    project = copy_project(tmp_path)
    same = post(date="2013-06-03", extra="slug: asppuk-nusa-tenggara-dan-jarpuk-lombok-tengah\n")
    write_tree(project, {"content/berita/posts/2013-06-03-salinan.md": same})
    result = run_check(project)
    assert result.returncode == 1
    for file, other in (("2013-06-03-salinan.md", "2013-06-03-asppuk-nusa-tenggara.md"),
                        ("2013-06-03-asppuk-nusa-tenggara.md", "2013-06-03-salinan.md")):
        assert any(f"content/berita/posts/{file}:" in ln and other in ln and "sama-sama beralamat" in ln
                   for ln in result.stderr.splitlines()), result.stderr
    assert build_site(project, tmp_path / "site").returncode != 0


def test_news_categories_are_the_same_everywhere():
    from asppuk.datafiles.schema import schema
    from asppuk.site_config import read_site_config

    enum = schema("news")["properties"]["categories"]["items"]["enum"]
    assert list(read_site_config(ROOT).blog.categories) == enum


def test_new_post_with_a_taken_title_gets_its_own_address(tmp_path):
    project = copy_project(tmp_path)
    run = lambda *a: subprocess.run([sys.executable, str(ROOT / "scripts/new_post.py"), *a], cwd=project,  # noqa: E731
                                    capture_output=True, text=True)
    first = run("--title", "ASPPUK Nusa Tenggara dan JarPUK Lombok Tengah", "--region", "Jawa", "--author", "seknas",
                "--date", "2013-06-03")
    assert first.returncode == 0, first.stderr
    assert "sudah dipakai berita lain" in first.stdout
    created = project / "content/berita/posts/2013-06-03-asppuk-nusa-tenggara-dan-jarpuk-lombok-tengah-2.md"
    assert created.exists()
    # no two posts at one address: what check has left to say is the example text to replace
    said = [line for line in run_check(project).stderr.splitlines() if ".md:" in line]
    assert said and all("teks contoh dari `make new-post`" in line for line in said), said
    bad = run("--title", "Judul", "--region", "Jawa", "--author", "seknas", "--date", "2026-13-45")
    assert bad.returncode == 2 and "tanggal `2026-13-45` tidak ada" in bad.stderr and "Traceback" not in bad.stderr


def test_new_product_cannot_write_outside_its_folder(tmp_path):
    project = copy_project(tmp_path)
    result = subprocess.run([sys.executable, str(ROOT / "scripts/new_product.py"), "--jarpuk", "sintang",
                             "--producer", "rupina", "--id", "../../content/index", "--name", "X"],
                            cwd=project, capture_output=True, text=True)
    assert result.returncode == 2 and "tidak bisa menjadi id produk" in result.stderr
    assert not (project / "content/index.yml").exists()


def test_every_markdown_file_is_checked_before_mkdocs_reads_it(tmp_path):
    project = copy_project(tmp_path)
    page = project / "content/tentang/mitra.md"
    page.write_text(page.read_text("utf-8") + "\n\n" + "![" * 3000 + "\n", "utf-8")
    bomb = "---\n" + alias_bomb(8).replace("name:", "title:") + "---\n\n# Bom\n"
    write_tree(project, {"content/tentang/bom.md": bomb})
    result = run_check(project)
    assert "content/tentang/mitra.md:" in result.stderr and "tanda kurung siku" in result.stderr
    assert "content/tentang/bom.md:2: anchor atau alias YAML" in result.stderr
    build = build_site(project, tmp_path / "site")
    assert build.returncode != 0 and "content/tentang/bom.md:2" in build.stderr


def test_yaml_loader_matches_pyyaml_on_the_sample_data():
    """The event-based loader builds exactly what PyYAML's safe loader builds."""
    from asppuk.datafiles.yamlfile import load_file

    files = [p for p in (ROOT / "products").rglob("*.yml")] + [ROOT / "data/members.yml"]
    for file in files:
        doc, problems = load_file(file, str(file))
        assert problems == []
        expected = yaml.safe_load(file.read_text("utf-8"))
        assert doc.data == _iso(expected), file


def _iso(value):
    import datetime

    if isinstance(value, dict):
        return {k: _iso(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_iso(v) for v in value]
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    return value


# -- Markdown pages: every pattern that makes Python-Markdown slow or recursive ------------


@pytest.mark.parametrize("body, says", [
    ("".join("    " * i + "- a\n" for i in range(300)), "menjorok"),  # lists nested by indentation: RecursionError
    ("<div markdown>\n" * 500 + "x\n" + "</div>\n" * 500, "tanda `<`"),  # md_in_html: RecursionError
    (("<http://\n\n" + "kata " * 100 + "\n\n") * 250, "tanda `<`"),  # each unclosed `<` re-reads the rest
    ("<a" * 50_000, "tanda `<`"),
    ("```\n\n" * 40_000, "petik terbalik"),  # fences: 20 s
    ("`a" * 50_000, "petik terbalik"),
    (">" * 3000 + " kutipan\n", "bersarang lebih dari 8 tingkat"),  # `>>>` nests without spaces
])
def test_markdown_pages_are_bounded_for_every_slow_pattern(tmp_path, body, says):
    from asppuk.security.content import read_markdown

    page = tmp_path / "halaman.md"
    page.write_text("---\ntitle: Uji\n---\n\n" + body, "utf-8")
    text, problems = read_markdown(page, "content/halaman.md")
    assert text is None and any(says in p.message for p in problems), problems


def test_bounded_markdown_pages_render():
    """The worst pages within the bounds (a page is at most 250 KB)."""
    from asppuk.security.content import MAX_BYTES
    from asppuk.security.markup import markdown_limits, render_markdown
    from asppuk.site_config import read_site_config

    site = read_site_config(ROOT)
    for worst in (("x <a\n\n" + "kata " * 100 + "\n\n") * 199, ("- " * 8 + "x\n") * 10_000,
                  ("```\n" + "`" * 190 + "\n\n") * 9, "<div markdown>\n\n" * 99 + "x\n\n" + "</div>\n\n" * 99, "".join("    " * i + "- a\n" for i in range(11)) * 1000):
        worst = (worst + "kata " * 50_000)[:MAX_BYTES]
        assert markdown_limits(worst, "x") == []
        started = time.perf_counter()
        render_markdown(worst, site.markdown_extensions, site.markdown_configs)
        print(f"{worst[:12]!r}…: {time.perf_counter() - started:.2f} s")


def test_the_sample_pages_are_within_the_bounds():
    from asppuk.security.content import read_markdown

    for page in [*(ROOT / "content").rglob("*.md"), *(ROOT / "stories").rglob("*.md")]:
        assert read_markdown(page, str(page))[1] == [], page


def test_report_page_not_in_utf8_is_a_problem_not_a_traceback(tmp_path):
    project = copy_project(tmp_path)
    write_tree(project, {"content/laporan/2012.md": b"---\ntitle: Laporan 2012\nreport:\n  year: 2012\n---\n\n"
                                                    b"# Laporan caf\xe9\n"})
    result = run_check(project)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "content/laporan/2012.md:7: berkas bukan teks UTF-8" in result.stderr, result.stderr
    build = build_site(project, tmp_path / "site")
    assert build.returncode != 0 and "Traceback" not in build.stderr and "content/laporan/2012.md:7" in build.stderr


def test_news_post_with_windows_line_ends_is_read(tmp_path):
    project = copy_project(tmp_path)
    post_file = project / "content/berita/posts/2013-06-03-asppuk-nusa-tenggara.md"
    post_file.write_bytes(post_file.read_bytes().replace(b"\n", b"\r\n"))
    result = run_check(project)
    assert result.returncode == 0, result.stderr


def test_news_text_that_the_feed_prints_as_it_is_cannot_break_it(tmp_path):
    """mkdocs-rss-plugin writes tags and author names into the RSS feed without
    escaping: `Tenun & Batik` made feed_rss_created.xml unreadable."""
    project = copy_project(tmp_path)
    write_tree(project, {"content/berita/posts/2020-01-02-uji.md": post(extra="tags: [Tenun & Batik, </category>]\n")})
    authors = project / "content/berita/.authors.yml"
    authors.write_text(authors.read_text("utf-8").replace("name: Sekretariat Nasional ASPPUK", "name: Seknas & Sekwil"),
                       "utf-8")
    result = run_check(project)
    assert result.returncode == 1
    for where, says in (("content/berita/posts/2020-01-02-uji.md:5: `tags[1]`", "tanda <, > atau &"),
                        ("content/berita/posts/2020-01-02-uji.md:5: `tags[2]`", "tanda <, > atau &"),
                        ("content/berita/.authors.yml:3: `authors.seknas.name`", "atau &")):
        assert any(ln.startswith(where) and says in ln for ln in result.stderr.splitlines()), (where, result.stderr)


def test_the_feeds_are_well_formed(site):
    import xml.dom.minidom

    for feed in ("feed_rss_created.xml", "feed_rss_updated.xml"):
        xml.dom.minidom.parse(str(site / feed))


def test_invisible_control_characters_are_refused_at_their_line(tmp_path):
    """Word's manual line break (\\x0b) pasted into a post made the RSS feed unreadable."""
    project = copy_project(tmp_path)
    news = project / "content/berita/posts/2013-06-03-asppuk-nusa-tenggara.md"
    news.write_text(news.read_text("utf-8").replace("ASPPUK Wilayah Nusa", "ASPPUK Wilayah\x0bNusa", 1), "utf-8")
    product = project / "products/sintang/kain-kebat.yml"
    product.write_text(product.read_text("utf-8").replace('name_en: Dayak ikat "kebat" cloth',
                                                          'name_en: "Kebat\\u0000cloth"'), "utf-8")
    result = run_check(project)
    assert result.returncode == 1
    assert "content/berita/posts/2013-06-03-asppuk-nusa-tenggara.md:11: ada karakter tak terlihat (kode U+000B)" \
        in result.stderr, result.stderr
    assert "products/sintang/kain-kebat.yml:3: ada karakter tak terlihat (kode U+0000)" in result.stderr


def test_new_post_with_a_broken_authors_file_says_where(tmp_path):
    project = copy_project(tmp_path)
    write_tree(project, {"content/berita/.authors.yml": "authors:\n  seknas:\n\tname: Seknas\n"})
    result = subprocess.run([sys.executable, str(ROOT / "scripts/new_post.py"), "--title", "Uji", "--region", "Jawa",
                             "--author", "seknas"], cwd=project, capture_output=True, text=True)
    assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr
    assert "content/berita/.authors.yml:3: ada karakter tab" in result.stderr
    write_tree(project, {"content/berita/.authors.yml": "authors: seknas-abc\n"})  # text, not a list of authors
    result = subprocess.run([sys.executable, str(ROOT / "scripts/new_post.py"), "--title", "Uji", "--region", "Jawa",
                             "--author", "abc"], cwd=project, capture_output=True, text=True)
    assert result.returncode == 2 and "penulis `abc` belum ada" in result.stderr


@pytest.mark.parametrize("name, fmt", [("potong.jpg", "JPEG"), ("potong.png", "PNG")])
def test_truncated_photo_fails_make_check_as_it_fails_the_build(tmp_path, name, fmt):
    from images import photo

    project = copy_project(tmp_path)
    whole = photo(1200, 800, fmt=fmt)
    write_tree(project, {f"products/sintang/images/{name}": whole[: len(whole) * 2 // 3]})
    product = project / "products/sintang/kain-kebat.yml"
    product.write_text(product.read_text("utf-8") + f"images:\n  - images/{name}\n", "utf-8")
    result = run_check(project)
    assert result.returncode == 1
    assert f"foto `images/{name}`: foto rusak atau terpotong" in result.stderr, result.stderr


@pytest.mark.parametrize("char", ["\u202e", "\u2066", "\u202a"])
def test_bidirectional_overrides_are_refused_at_their_line(char):
    """A right-to-left override reorders what the page shows (a price, a name)."""
    from asppuk.datafiles.yamlfile import load_text

    doc, problems = load_text(f"name: Kain tenun\nprice: 750000\nsize: 'kecil {char}000057 Rp'\n", "x.yml")
    assert [p.line for p in problems] == [3]
    assert problems[0].message.startswith(f"ada karakter tak terlihat (kode U+{ord(char):04X}) di baris ini")
