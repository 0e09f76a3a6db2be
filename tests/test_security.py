"""Content-Security-Policy on every page, and no script from Markdown content."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from asppuk.security.csp import inline_script_hashes, with_policy
from asppuk.security.markup import locate, problems_in, render_markdown
from conftest import ROOT, build_site, copy_project, write_tree

# One page of every kind on the sample site
PAGE_KINDS = [
    "", "produk/", "produk/sintang/kain-kebat/", "produk/kategori/tenun/", "wilayah/kalimantan/",
    "produk/cari/?q=tenun", "produk/daftar-tanya/", "jarpuk/", "jarpuk/sintang/", "jarpuk/sintang/katalog/",
    "produsen/sintang/rupina/", "wilayah/", "cerita/", "cerita/pada-kerja-kami-percaya/",
    "cerita/pada-kerja-kami-percaya/rupina/", "berita/", "berita/archive/2013/", "berita/category/jawa/",
    "berita/2013/06/03/asppuk-nusa-tenggara-dan-jarpuk-lombok-tengah/", "laporan/", "laporan/2011/",
    "tentang/", "tentang/anggota/", "angka/", "404.html",
    # the English edition's kinds
    "en/", "en/products/", "en/products/sintang/kain-kebat/", "en/products/search/?q=weaving",
    "en/networks/sintang/catalogue/", "en/makers/sintang/rupina/", "en/about/", "en/figures/",
    "en/stories/pada-kerja-kami-percaya/rupina/", "en/news/2013-06-03-asppuk-nusa-tenggara/",
]
POLICY = re.compile(r'<meta charset="utf-8">\s*<meta http-equiv="Content-Security-Policy" content="([^"]+)">')


def test_every_page_has_the_policy_first_in_its_head(site):
    pages = [p for p in site.rglob("*.html") if p.parts[-2:] != ("admin", "index.html")]
    for path in pages:
        html = path.read_text("utf-8")
        match = POLICY.search(html[:2000])
        assert match, path
        policy = match.group(1)
        assert "'unsafe-inline'" not in policy.split("script-src", 1)[1].split(";")[0], path
        assert "object-src 'none'" in policy and "base-uri 'self'" in policy
        # every inline script on the page is allowed by its hash, and only those of the theme
        allowed = set(re.findall(r"'sha256-[^']+'", policy))
        assert set(inline_script_hashes(html)) <= allowed, path
    for url in PAGE_KINDS:
        assert (site / (url.split("?")[0] or "index.html")).exists() or (site / url.split("?")[0] / "index.html").exists(), url


@pytest.mark.browser
def test_every_page_kind_runs_under_its_policy(page):
    """No violation on any page kind (the page fixture fails on any), and
    the scripts that need the policy's allowances still work."""
    for url in PAGE_KINDS:
        page.goto(url)
        page.wait_for_load_state("networkidle")
        assert page.locator("a.md-skip").count() <= 1
    # search (Pagefind compiles WebAssembly), the finder and the inquiry list
    page.goto("produk/cari/?q=songket")
    page.wait_for_selector(".puk-finder__results > li")
    page.goto("produk/sintang/kain-kebat/")
    page.get_by_role("button", name="Tambah ke daftar tanya").click()
    page.goto("produk/daftar-tanya/")
    assert page.locator(".puk-inquiry__group").count() == 1
    page.goto("jarpuk/sintang/katalog/")
    assert page.get_by_role("button", name="Cetak katalog ini").is_visible()
    assert page.csp_violations == []


def test_a_script_that_is_not_the_themes_is_named(tmp_path):
    html = "<html><head><meta charset=\"utf-8\"><title>x</title></head><body><script>alert(1)</script></body></html>"
    out, blocked = with_policy(html, [], [])
    assert blocked == inline_script_hashes(html) and len(blocked) == 1
    assert out.index("Content-Security-Policy") < out.index("<title>")
    # data blocks are not scripts
    data = '<head><meta charset="utf-8"></head><script type="application/ld+json">{"a": 1}</script>'
    assert with_policy(data, [], [])[1] == []


@pytest.mark.parametrize("markdown, what, line", [
    ("Teks\n\n<script>alert(1)</script>\n", "<script>", 3),
    ("Teks\n\n<img src=x onerror=alert(1)>\n", "onerror", 3),
    ("Judul\n\n[klik](javascript:alert(1))\n", "javascript:", 3),
    ("Judul\n\n[klik](jav&#x61;script:alert(1))\n", "javascript:", 3),
    ("Judul\n\n[klik][x]\n\n[x]: JaVaScRiPt:alert(1)\n", "javascript:", 5),
    ("# Judul {: onclick=\"alert(1)\" }\n", "onclick", 1),
    ("Video:\n\n<iframe src=\"https://example.org\"></iframe>\n", "<iframe>", 3),
    # a tab inside the scheme (a browser drops it); Markdown's own tabs become spaces, which make no scheme
    ("<a href=\"  java&#9;script:alert(1)\">x</a>\n", "javascript:", 1),
])
def test_script_in_markdown_is_found_at_its_line(markdown, what, line):
    extensions = ["attr_list", "md_in_html", "tables"]
    html = render_markdown(markdown, extensions, {})
    problems = problems_in(html, markdown, "content/berita/posts/x.md")
    assert problems, html
    assert problems[0].line == line
    assert what.strip("<>") in problems[0].message
    assert any(fix in problems[0].message for fix in ("Hapus", "Perbaiki", "Tulis", "Unggah"))  # says what to do


def test_ordinary_markdown_passes():
    text = "# Judul\n\nTeks [tautan](https://asppuk.or.id) dan ![foto](gambar.jpg) <span class=\"merah\">ok</span>.\n"
    assert problems_in(render_markdown(text, ["attr_list", "md_in_html"], {}), text, "x.md") != []  # a class of no Markdown feature
    text = text.replace(' class="merah"', ' lang="id"')
    assert problems_in(render_markdown(text, ["attr_list", "md_in_html"], {}), text, "x.md") == []
    assert locate("a\nb\n", "zzz") == 1


def test_build_stops_on_a_script_in_a_news_post_and_a_story(tmp_path):
    project = copy_project(tmp_path / "p")
    write_tree(project, {
        "content/berita/posts/2020-01-02-skrip.md": (
            "---\ndate: 2020-01-02\nauthors: [seknas]\ncategories: [Jawa]\n---\n\n# Skrip\n\nTeks.\n\n"
            "<script>alert(1)</script>\n"),
    })
    story = project / "stories/pada-kerja-kami-percaya/rupina.md"
    story.write_text(story.read_text("utf-8") + "\n[x](javascript:alert(2))\n", "utf-8")
    lines = story.read_text("utf-8").count("\n")
    result = build_site(project, tmp_path / "site")
    assert result.returncode != 0
    assert "content/berita/posts/2020-01-02-skrip.md:11: tag <script>" in result.stderr
    assert f"stories/pada-kerja-kami-percaya/rupina.md:{lines}: tautan `javascript:`" in result.stderr
    assert "Traceback" not in result.stderr


# -- what a pull request can put next to the Markdown ------------------------------------


def test_front_matter_keys_the_theme_acts_on_are_refused(tmp_path):
    """Material prints `subtitle` and `status` as raw HTML in the navigation of every
    page, `template` and `icon` pick templates: none may come from a page."""
    project = copy_project(tmp_path)
    page = project / "content/tentang/visi-misi.md"
    page.write_text('---\nsubtitle: "<script src=\\"/assets/x.js\\"></script>"\nstatus: \'new" data-x="1\'\n'
                    "template: redirect.html\nlocation: https://contoh.example/\n---\n"
                    + page.read_text("utf-8"), "utf-8")
    # MkDocs also ends front matter with `...`, and reads Windows line ends
    write_tree(project, {"content/tentang/titik.md": "---\r\nicon: material/tidak-ada\r\n...\r\n\r\n# Titik\r\n"})
    result = subprocess.run([sys.executable, str(ROOT / "scripts/check.py"), "--root", str(project)],
                            capture_output=True, text=True)
    expected = [("content/tentang/visi-misi.md", 2, "subtitle"), ("content/tentang/visi-misi.md", 3, "status"),
                ("content/tentang/visi-misi.md", 4, "template"), ("content/tentang/visi-misi.md", 5, "location"),
                ("content/tentang/titik.md", 2, "icon")]
    build = build_site(project, tmp_path / "site")
    for output in (result.stderr, build.stderr):
        for path, line, key in expected:
            assert f"{path}:{line}: kolom `{key}` tidak dikenal di front matter halaman" in output, output
    assert result.returncode == 1 and build.returncode != 0 and "Traceback" not in build.stderr


def test_files_that_run_script_and_symbolic_links_are_not_published(tmp_path):
    project = copy_project(tmp_path)
    write_tree(project, {
        "content/assets/unggahan/foto.html": "<script>alert(document.domain)</script>",
        "content/assets/unggahan/foto.js": "alert(1)",
        "content/assets/unggahan/gambar.svg": '<svg xmlns="http://www.w3.org/2000/svg">\n<script>alert(1)</script></svg>',
        "content/assets/unggahan/animasi.svg": ('<svg xmlns="http://www.w3.org/2000/svg"><a>\n<animate '
                                                'attributeName="href" to="javascript:alert(1)"/></a></svg>'),
        "content/assets/unggahan/logo.svg": (ROOT / "content/assets/logo.svg").read_text("utf-8"),
        "outside.txt": "rahasia di luar folder situs",
    })
    (project / "content/assets/unggahan/rahasia.txt").symlink_to(project / "outside.txt")
    (project / "content/tautan").symlink_to(project / "data", target_is_directory=True)
    (project / "products/sintang/kain-baru.yml").symlink_to(project / "tidak-ada.yml")  # dangling
    result = subprocess.run([sys.executable, str(ROOT / "scripts/check.py"), "--root", str(project)],
                            capture_output=True, text=True)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    for path, says in (("content/assets/unggahan/foto.html:1", "berkas .html tidak boleh"),
                       ("content/assets/unggahan/foto.js:1", "berkas .js tidak boleh"),
                       ("content/assets/unggahan/gambar.svg:2", "gambar SVG ini berisi elemen <script>"),
                       ("content/assets/unggahan/animasi.svg:1", "gambar SVG ini berisi elemen <a>"),
                       ("content/assets/unggahan/rahasia.txt:1", "tautan simbolik"),
                       ("content/tautan:1", "tautan simbolik"),
                       ("products/sintang/kain-baru.yml:1", "tautan simbolik")):
        assert any(line.startswith(path) and says in line for line in result.stderr.splitlines()), (path, result.stderr)
    assert "unggahan/logo.svg" not in result.stderr
    (project / "products/sintang/kain-baru.yml").unlink()  # the build reads the catalogue first
    build = build_site(project, tmp_path / "site")
    assert build.returncode != 0 and "Traceback" not in build.stderr
    for path in ("foto.html", "foto.js", "gambar.svg", "animasi.svg", "rahasia.txt"):
        assert f"content/assets/unggahan/{path}:1" in build.stderr or f"content/assets/unggahan/{path}:2" in build.stderr
    assert "content/tautan/members.yml:1: berkas ini tautan simbolik" in build.stderr, build.stderr
