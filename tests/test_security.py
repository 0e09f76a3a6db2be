"""Content-Security-Policy on every page, and no script from Markdown content."""

from __future__ import annotations

import re

import pytest

from asppuk.security.csp import inline_script_hashes, with_policy
from asppuk.security.markup import locate, problems_in, render_markdown, unsafe_html
from conftest import ROOT, build_site, copy_project, write_tree

# One page of every kind on the sample site
PAGE_KINDS = [
    "", "produk/", "produk/sintang/kain-kebat/", "produk/kategori/tenun/", "wilayah/kalimantan/",
    "produk/cari/?q=tenun", "produk/daftar-tanya/", "jarpuk/", "jarpuk/sintang/", "jarpuk/sintang/katalog/",
    "produsen/sintang/rupina/", "wilayah/", "cerita/", "cerita/pada-kerja-kami-percaya/",
    "cerita/pada-kerja-kami-percaya/rupina/", "berita/", "berita/archive/2013/", "berita/category/jawa/",
    "berita/2013/06/03/asppuk-nusa-tenggara-dan-jarpuk-lombok-tengah/", "laporan/", "laporan/2011/",
    "tentang/", "tentang/anggota/", "angka/", "404.html",
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
    out, blocked = with_policy(html, [])
    assert blocked == inline_script_hashes(html) and len(blocked) == 1
    assert out.index("Content-Security-Policy") < out.index("<title>")
    # data blocks are not scripts
    data = '<head><meta charset="utf-8"></head><script type="application/ld+json">{"a": 1}</script>'
    assert with_policy(data, [])[1] == []


@pytest.mark.parametrize("markdown, what, line", [
    ("Teks\n\n<script>alert(1)</script>\n", "<script>", 3),
    ("Teks\n\n<img src=x onerror=alert(1)>\n", "onerror", 3),
    ("Judul\n\n[klik](javascript:alert(1))\n", "javascript:", 3),
    ("Judul\n\n[klik](jav&#x61;script:alert(1))\n", "javascript:", 3),
    ("Judul\n\n[klik][x]\n\n[x]: JaVaScRiPt:alert(1)\n", "javascript:", 5),
    ("# Judul {: onclick=\"alert(1)\" }\n", "onclick", 1),
    ("Video:\n\n<iframe src=\"https://example.org\"></iframe>\n", "<iframe>", 3),
    ("<a href=\"  java\tscript:alert(1)\">x</a>\n", "javascript:", 1),
])
def test_script_in_markdown_is_found_at_its_line(markdown, what, line):
    extensions = ["attr_list", "md_in_html", "tables"]
    html = render_markdown(markdown, extensions, {})
    problems = problems_in(html, markdown, "content/berita/posts/x.md")
    assert problems, html
    assert problems[0].line == line
    assert what.strip("<>") in problems[0].message
    assert "Hapus" in problems[0].message


def test_ordinary_markdown_passes():
    text = "# Judul\n\nTeks [tautan](https://asppuk.or.id) dan ![foto](gambar.jpg) <span class=\"x\">ok</span>.\n"
    assert unsafe_html(render_markdown(text, ["attr_list", "md_in_html"], {})) == []
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
