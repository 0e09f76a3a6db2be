"""What a merged pull request can put into content/ (second review, issue 24).

Markdown is cleaned by an allowlist on an HTML5 parser, never by a scan that
reads HTML another way than the browser; pages load scripts only from the
site's own script files, named one by one in their policy; files copied as
they are must be images, PDF or office documents by their bytes; and
``make check`` refuses everything the build refuses, at the same file and
line.
"""

from __future__ import annotations

import re
import struct
import subprocess
import sys
import zipfile
import zlib
from io import BytesIO
from pathlib import Path

import pytest

from asppuk.security.csp import foreign_scripts, script_sources
from asppuk.security.markup import problems_in, render_markdown
from asppuk.security.sanitise import sanitise
from asppuk.site_config import read_site_config
from conftest import ROOT, SITE, _QuietHandler, build_site, copy_project, site_context, write_tree

# A <noscript> is raw text to a browser with scripting on, and markup to
# Python's html.parser: the <script> hides in an attribute for the one and
# is real for the other
NOSCRIPT = '<noscript><p title="</noscript><script src=/assets/unggahan/catatan.txt></script>"></noscript>'
PAYLOAD_JS = "document.documentElement.dataset.pwned = location.pathname;\n"
PAYLOADS = {
    "noscript": NOSCRIPT,
    "comment breakout": "<!--><img src=x onerror=alert(1)>-->",
    "svg style": '<svg><style>@import url("https://contoh.example/x.css");</style></svg>',
    "external image": '<img src="https://contoh.example/piksel.gif" alt="">',
    "protocol-relative image": "![x](//contoh.example/piksel.gif)",
    "style url": '<p style="background:url(//contoh.example/x.png)">teks</p>',
    "style import": '<style>@import "https://contoh.example/x.css";</style>',
    "theme id": '<div id="__config" markdown>teks</div>',
    "form": '<form action="https://contoh.example/"><input name="q"></form>',
}
SITE_CONFIG = read_site_config(ROOT)


def _render(markdown: str) -> str:
    return render_markdown(markdown, SITE_CONFIG.markdown_extensions, SITE_CONFIG.markdown_configs)


@pytest.mark.parametrize("name", list(PAYLOADS))
def test_each_payload_is_dropped_and_named_at_its_line(name):
    markdown = f"# Judul\n\nTeks biasa.\n\n{PAYLOADS[name]}\n"
    html = _render(markdown)
    problems = problems_in(html, markdown, "content/tentang/x.md")
    assert problems and problems[0].line == 5, (name, html, problems)
    assert all("tidak boleh ada di halaman" in p.message for p in problems)
    cleaned = sanitise(html)
    for left in ("<script", "onerror", "contoh.example", "<style", "__config", "<form", "<svg", "<noscript"):
        assert left not in cleaned.lower(), (name, cleaned)
    assert "Teks biasa." in cleaned


def test_what_markdown_makes_is_kept_as_it_is():
    """Every Markdown feature of the site passes the cleaner unchanged."""
    markdown = (ROOT / "tests/data/markdown-features.md").read_text("utf-8")
    html = _render(markdown)
    assert problems_in(html, markdown, "x.md") == []
    for kept in ('class="admonition note"', "<details", 'class="headerlink"', 'class="md-button md-button--primary"',
                 "text-align:center", 'lang="id"', 'class="asppuk-hero"', "<table>", 'src="foto.jpg"',
                 'href="mailto:', 'href="tel:', "<!-- more -->"):
        assert kept in sanitise(html), kept


def test_the_policy_names_script_files_never_the_origin(site):
    pages = [p for p in site.rglob("*.html") if p.parts[-2:] != ("admin", "index.html")]
    assert len(pages) > 100
    for path in pages:
        html = path.read_text("utf-8")
        policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html).group(1)
        scripts = policy.split("script-src ", 1)[1].split(";")[0].split()
        assert "'self'" not in scripts and "*" not in scripts, path
        files = [s for s in scripts if s.startswith(SITE)]
        assert files and all(not s.endswith("/") for s in files), (path, scripts)  # files, not folders
        url = path.relative_to(site).as_posix()
        assert foreign_scripts(html, url, SITE + "/", files) == [], path
    assert f"{SITE}/pagefind/pagefind.js" in scripts and f"{SITE}/pagefind/pagefind-worker.js" in scripts


@pytest.mark.parametrize("tag", [
    '<script src="/assets/unggahan/catatan.txt"></script>',
    "<script src=../../assets/unggahan/catatan.txt></script>",
    '<script data-src="/assets/asppuk/site.js" src="/assets/unggahan/catatan.txt"></script>',
    '<SCRIPT SRC="//contoh.example/x.js"></SCRIPT>',
    '<script src="/assets/asppuk/site.js"',  # never closed
])
def test_a_script_from_anywhere_else_is_named(tag):
    allowed = script_sources(SITE + "/", ["assets/asppuk/site.js"])
    html = f'<html><head><meta charset="utf-8"></head><body><script src="../../assets/asppuk/site.js"></script>{tag}'
    assert foreign_scripts(html, "berita/x/", SITE + "/", allowed) != []
    assert foreign_scripts(html.replace(tag, ""), "berita/x/", SITE + "/", allowed) == []


# -- files copied as they are -------------------------------------------------------------


def _png() -> bytes:
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00\x00")) + chunk(b"IEND", b""))


def _docx() -> bytes:
    out = BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    return out.getvalue()


def _photo(kind: str, orientation: int = 6) -> bytes:
    """A photo as a phone writes it: where it was taken (GPS), the camera, a comment."""
    from PIL import Image

    image = Image.new("RGB", (64, 48), (180, 120, 60))
    for x in range(0, 64, 8):
        image.paste((20, 40, 200), (x, 0, x + 4, 48))
    exif = Image.Exif()
    exif[0x010F], exif[0x0112] = "Ponsel Contoh", orientation
    exif[0x8825] = {1: "S", 2: (0.0, 7.0, 30.0), 3: "E", 4: (110.0, 25.0, 0.0)}
    out = BytesIO()
    if kind == "png":
        from PIL.PngImagePlugin import PngInfo

        info = PngInfo()
        info.add_text("Comment", "Rumah Ibu Ani, Desa Rahasia")
        image.save(out, "PNG", pnginfo=info, exif=exif)
    else:
        image.save(out, {"jpeg": "JPEG", "webp": "WEBP"}[kind], exif=exif, quality=90,
                   **({"comment": b"Rumah Ibu Ani"} if kind == "jpeg" else {}))
    return out.getvalue()


@pytest.mark.parametrize("kind", ["jpeg", "png", "webp"])
def test_a_photo_loses_its_metadata_and_nothing_else(kind):
    from PIL import Image

    from asppuk.images.metadata import without_metadata

    data = _photo(kind)
    clean = without_metadata(data, kind)
    assert b"Ponsel Contoh" in data
    for secret in (b"Ponsel Contoh", b"Rumah Ibu Ani", b"Desa Rahasia"):
        assert secret not in clean, (kind, secret)
    before, after = Image.open(BytesIO(data)), Image.open(BytesIO(clean))
    assert after.getexif().get_ifd(0x8825) == {} and before.getexif().get_ifd(0x8825) != {}
    assert before.tobytes() == after.tobytes()  # not decoded and encoded again: no pixel changes
    if kind == "jpeg":  # taken sideways, still shown upright
        assert dict(after.getexif()) == {0x0112: 6}
    assert without_metadata(clean, kind) == clean


UPLOADS = {  # name -> (bytes, refused?)
    "catatan.txt": (PAYLOAD_JS.encode(), True),
    "foto.jpg": (PAYLOAD_JS.encode(), True),  # the name says photo, the bytes say script
    "skrip.csv": (b"alert(document.domain)\n", True),
    "data.json": (b'{"a": 1}', True),
    "arsip.zip": (b"PK\x03\x04" + b"\x00" * 40, True),
    "gambar.txt": (_png(), True),  # a PNG named .txt
    "gambar.png": (_png(), False),
    "laporan.pdf": (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n", False),
    "tabel.csv": (b"Pos;Rp\nPenerimaan;1000\nIuran;20\n", False),
    "surat.docx": (_docx(), False),
    "animasi.gif": (b"GIF89a\x01\x00\x01\x00\x00\x00\x00!\xff\x0bXMP DataXMP<x:xmpmeta>lokasi</x:xmpmeta>;", True),
    "rusak.jpg": (b"\xff\xd8\xff\xe1\xff\xffExif", True),  # cannot be read, so its metadata cannot go
}


def _check(project: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "scripts/check.py"), "--root", str(project), "--no-translations"],
                          capture_output=True, text=True)


def _located(output: str) -> set[str]:
    """``file:line`` of each problem in ``output``."""
    return set(re.findall(r"^(\S+?:\d+): ", output, re.MULTILINE))


# Broken inputs, grouped so that each group's problems are found by the same
# stage of the build (a build stops at the first stage that finds any)
CORPUS = {
    "markdown": {
        "content/berita/posts/2020-01-02-catatan.md": (
            "---\ndate: 2020-01-02\nauthors: [seknas]\ncategories: [Jawa]\n---\n\n# Catatan\n\nTeks.\n\n"
            f"{NOSCRIPT}\n"),
        "content/berita/posts/2020-01-02-catatan.en.md": f"# Note\n\nText.\n\n{NOSCRIPT}\n",
        "+content/laporan/2011.md": f"\n{NOSCRIPT}\n",
        "+content/tentang/mitra.md": f"\n{PAYLOADS['comment breakout']}\n",
        "+content/en/about/partners.md": f"\n{PAYLOADS['external image']}\n",
        "+stories/pada-kerja-kami-percaya/budiana.md": f"\n{PAYLOADS['style url']}\n",
        "+content/tentang/visi-misi.md": f"\n{PAYLOADS['style import']}\n",
        "content/assets/unggahan/foto-pameran.jpg": _photo("jpeg"),  # published without where it was taken
    },
    # a post's title is shown as a Markdown heading above its excerpt
    "post title": {
        "content/berita/posts/2020-01-03-judul.md": (
            '---\ntitle: "Judul <img src=x onerror=alert(1)>"\ndate: 2020-01-03\nauthors: [seknas]\n'
            "categories: [Jawa]\n---\n\nTeks.\n"),
    },
    "uploads": {f"content/assets/unggahan/{name}": data for name, (data, refused) in UPLOADS.items()}
    | {"content/tentang/titik.md": "---\nsubtitle: x\n---\n\n# Titik\n"},
    "translation files": {
        "content/tentang/visi-misi.en.en.md": "# Vision\n",
        "content/tentang/index.en.md": "# About\n",  # content/en/about/index.md is there already
        "content/tentang/hilang.en.md": "# Missing\n",
    },
    "translation pairs": {
        "content/en/about/dua.md": "---\ntranslation_of: tentang/mitra.md\n---\n# Partners again\n",
        "content/en/about/tiga.md": "---\ntranslation_of: tentang/tidak-ada.md\n---\n# Nothing\n",
    },
    # targets the site does not have: MkDocs warns (no line, in English) for
    # what Markdown links; raw HTML it never looks at, and the browser reads
    # it from the page's address
    "link targets": {
        "content/berita/posts/2020-01-04-pameran.md": (
            "---\ndate: 2020-01-04\nauthors: [seknas]\ncategories: [Pameran]\n---\n\n# Pameran\n\nTeks.\n\n"
            "![Suasana pameran](foto-pameran.jpg)\n"),
        "+content/tentang/mitra.md": "\nLihat juga [halaman lain](../tidak-ada.md).\n",
        "+content/laporan/2011.md": "\n[Unduh laporan lengkap](lampiran/laporan-2011.pdf)\n",
        "+content/tentang/visi-misi.md": '\n<img src="tidak-ada.png" alt="Bagan">\n',
        # written from the file's folder, where the logo is; the page's address is one folder deeper
        "+content/en/about/partners.md": '\n<p><img src="../../assets/logo.svg" alt="Logo"></p>\n',
        "+stories/pada-kerja-kami-percaya/budiana.md": "\n![Tenun](tenun-budiana.jpg)\n",
        # a translation is read from its English address, en/news/
        "+content/berita/posts/2013-06-03-asppuk-nusa-tenggara.en.md": "\n[The network](../networks/tidak-ada/index.md)\n",
    },
}


@pytest.mark.parametrize("group", list(CORPUS))
def test_check_refuses_what_the_build_refuses(tmp_path, group):
    project = copy_project(tmp_path / "p")
    for name, content in CORPUS[group].items():
        if name.startswith("+"):  # appended to a file of the sample
            path = project / name[1:]
            path.write_text(path.read_text("utf-8") + content, "utf-8")
        else:
            write_tree(project, {name: content})
    check, build = _check(project), build_site(project, tmp_path / "site")
    assert check.returncode == 1 and build.returncode != 0, (check.stdout, build.stderr)
    assert "Traceback" not in check.stderr + build.stderr
    refused_by_build = _located(build.stderr)
    assert refused_by_build, build.stderr  # every refusal names a file and line
    assert refused_by_build <= _located(check.stderr), (build.stderr, check.stderr)
    if group == "uploads":
        for name, (_data, refused) in UPLOADS.items():
            where = f"content/assets/unggahan/{name}:1"
            assert (where in refused_by_build) == refused, (name, build.stderr)
    else:  # every file of the group is refused
        files = {name.lstrip("+") for name in CORPUS[group] if not name.endswith(".jpg")}
        if group == "translation pairs":
            files.add("content/en/about/partners.md")  # both translations of tentang/mitra.md are named
        assert {where.split(":")[0] for where in refused_by_build} == files, build.stderr
    if group == "link targets":  # at the line of each link, in Indonesian, before MkDocs' English warning
        assert {"content/berita/posts/2020-01-04-pameran.md:11", "content/tentang/visi-misi.md:" + str(
            (project / "content/tentang/visi-misi.md").read_text("utf-8").count("\n"))} <= refused_by_build
        first_warning = build.stderr.index("is not found among documentation files")
        assert build.stderr.index("content/berita/posts/2020-01-04-pameran.md:11: gambar") < first_warning
        assert "../../assets/unggahan/foto-pameran.jpg" in check.stderr
        assert "berkasnya ada (`content/assets/logo.svg`)" in check.stderr


# Links that are fine: both the build and make check let them through
VALID_LINKS = {
    "content/assets/unggahan/foto pameran.jpg": _photo("jpeg"),
    "content/berita/posts/2020-01-05-tautan.md": (
        "---\ndate: 2020-01-05\nauthors: [seknas]\ncategories: [Pameran]\n---\n\n# Tautan\n\nTeks.\n\n"
        "![Suasana pameran](../../assets/unggahan/foto%20pameran.jpg)\n\n"
        "[Songket](../../produk/lombok-tengah/songket-lombok/index.md),\n"
        "[JarPUK](../../jarpuk/lombok-tengah/index.md), [in English](../../en/networks/sambas/index.md),\n"
        "[cerita](../../cerita/pada-kerja-kami-percaya/rupina/index.md), [anggota](../../tentang/anggota/index.md),\n"
        "[katalog](../../produk/katalog.csv), [laporan](../../laporan/2011.md#ringkasan),\n"
        "[lampiran](../../laporan/lampiran/laporan-keuangan-2011.csv?v=2), [bagian ini](#tautan),\n"
        "[surel](mailto:asppuk@example.org), [situs lain](https://contoh.example/berkas.pdf),\n"
        "[berita](../index.md), `[kode](tidak-ada.jpg)` and <https://contoh.example/>.\n\n"
        "```markdown\n![Contoh](tidak-ada.png)\n```\n\n"
        '<img src="../../../../../assets/unggahan/foto%20pameran.jpg" alt="Dari alamat halaman">\n\n'
        "[foto]: ../../assets/logo.svg\n\n![Logo][foto]\n"),
    "+stories/pada-kerja-kami-percaya/budiana.md": "\n[Rupina](../rupina/index.md) ![Logo](../../../assets/logo.svg)\n",
}


def test_links_the_site_has_pass_check_and_build(tmp_path):
    project = copy_project(tmp_path / "p")
    for name, content in VALID_LINKS.items():
        if name.startswith("+"):
            path = project / name[1:]
            path.write_text(path.read_text("utf-8") + content, "utf-8")
        else:
            write_tree(project, {name: content})
    check, build = _check(project), build_site(project, tmp_path / "site")
    assert check.returncode == 0, check.stderr
    assert build.returncode == 0, build.stderr


@pytest.mark.browser
def test_the_parser_differential_runs_no_script_in_chromium(tmp_path, browser):
    """Even published by a build that was not stopped, and with the script
    file in place, the payload runs nowhere: not in the post, its
    translation, a report, an about page or the blog's listings."""
    import functools
    import http.server
    import threading

    project = copy_project(tmp_path / "p")
    for name, content in CORPUS["markdown"].items():
        if name.startswith("+"):
            path = project / name[1:]
            path.write_text(path.read_text("utf-8") + content, "utf-8")
        else:
            write_tree(project, {name: content})
    site = tmp_path / "site"
    build = build_site(project, site)
    assert build.returncode != 0  # refused; but every page was written before the refusal
    published = (site / "assets/unggahan/foto-pameran.jpg").read_bytes()
    assert b"Ponsel Contoh" not in published and b"Rumah Ibu Ani" not in published  # no metadata...
    assert (project / "content/assets/unggahan/foto-pameran.jpg").read_bytes() == _photo("jpeg")  # ...and the source as it was
    write_tree(site, {"assets/unggahan/catatan.txt": PAYLOAD_JS})
    handler = functools.partial(_QuietHandler, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    context = site_context(browser, f"http://127.0.0.1:{httpd.server_address[1]}", viewport={"width": 360, "height": 740})
    requested: list[str] = []
    context.on("request", lambda request: requested.append(request.url))
    page = context.new_page()
    try:
        for url in ("berita/2020/01/02/catatan/", "en/news/2020-01-02-catatan/", "berita/", "berita/archive/2020/",
                    "berita/category/jawa/", "laporan/2011/", "tentang/mitra/", "en/about/partners/",
                    "cerita/pada-kerja-kami-percaya/budiana/"):
            response = page.goto(url)
            assert response.ok, url
            page.wait_for_load_state("networkidle")
            assert page.evaluate("document.documentElement.dataset.pwned") is None, url
            assert page.locator("noscript, img[onerror], style:not(head style)").count() == 0, url
    finally:
        context.close()
        httpd.shutdown()
    assert not [url for url in requested if "catatan.txt" in url or "contoh.example" in url]
