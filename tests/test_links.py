"""Links and images whose target the site does not have (asppuk.links): the
same targets MkDocs warns about, at the line of the link, in Indonesian."""

from __future__ import annotations

import logging

import pytest

from asppuk.links import (
    RELATIVE_TO_DOCS,
    PageSource,
    Validation,
    body_line,
    built_elsewhere,
    collect_links,
    link_problems,
    page_url,
)
from asppuk.site_config import read_site_config
from conftest import ROOT

SITE = read_site_config(ROOT)
PUBLISHED = frozenset({
    "index.md", "tentang/index.md", "tentang/mitra.md", "laporan/2011.md", "laporan/lampiran/keuangan.csv",
    "assets/unggahan/foto-pameran.jpg", "assets/unggahan/foto pameran.jpg", "assets/logo.svg",
    "berita/index.md", "berita/posts/2020-01-02-pameran.md", "produk/sintang/kain/index.md",
    "cerita/buku/rupina/index.md",
})
POST = "berita/posts/2020-01-02-pameran.md"


def problems(markdown: str, src_uri: str = POST, url: str | None = "berita/2020/01/02/pameran/",
             validation: Validation = Validation(), **options):
    source = f"---\ndate: 2020-01-02\n---\n\n{markdown}"
    first = body_line(source)
    links = collect_links(source.split("\n", first - 1)[-1], SITE.markdown_extensions, SITE.markdown_configs)
    page = PageSource(src_uri, url, "content/" + src_uri, source)
    return link_problems(links, page, PUBLISHED, validation, first_line=first, **options)


def test_a_missing_image_is_named_at_its_line_with_the_upload_path():
    found = problems("# Pameran\n\nTeks.\n\n![Suasana pameran](foto-baru.jpg)\n")
    assert [p.line for p in found] == [9]
    message = found[0].message
    assert message.startswith("gambar `foto-baru.jpg` tidak ditemukan")
    assert "`content/berita/posts/foto-baru.jpg`" in message
    assert "`content/assets/unggahan/`" in message and "`../../assets/unggahan/foto-baru.jpg`" in message


def test_a_file_of_that_name_elsewhere_is_suggested():
    (found,) = problems("![Pameran](foto-pameran.jpg)\n")
    assert "Berkas dengan nama itu ada: tulis `../../assets/unggahan/foto-pameran.jpg`." in found.message
    (found,) = problems("![Pameran](Foto-Pameran.JPG)\n")  # case: the file's own name
    assert "`../../assets/unggahan/foto-pameran.jpg`" in found.message


@pytest.mark.parametrize("markdown", [
    "[Tentang](../../tentang/index.md) dan [mitra](../../tentang/mitra.md#jaringan)",
    "![Foto](../../assets/unggahan/foto-pameran.jpg) ![Foto](../../assets/unggahan/foto%20pameran.jpg)",
    "[Keuangan](../../laporan/lampiran/keuangan.csv?v=2#baris)",
    "[Kain](../../produk/sintang/kain/index.md), [cerita](../../cerita/buku/rupina/index.md), [berita](../index.md)",
    "[bagian](#bagian), [kueri](?x=1), [surel](mailto:a@b.org), [telepon](tel:+6221), [luar](https://x.org/a.pdf)",
    "<https://x.org/> <a@b.org>",
    "`[kode](tidak-ada.jpg)` dan `<img src=\"tidak-ada.png\">`",
    "```\n![kode](tidak-ada.jpg)\n```",
    "    ![kode menjorok](tidak-ada.jpg)",
    "[folder](../../tentang/) [tanpa akhiran](../../tentang/visi-misi)",  # unrecognized_links: info
    "[akar](/assets/tidak-ada.jpg)",  # absolute_links: info
    '<img src="../../../../../assets/unggahan/foto-pameran.jpg" alt="">',  # raw HTML, from the page's address
    '<a href="https://x.org/">x</a> <a href="../../tentang/">halaman</a> <img src="data:image/png;base64,AAAA">',
])
def test_what_the_site_has_or_mkdocs_only_logs_passes(markdown):
    assert problems(markdown + "\n") == []


def test_links_mkdocs_resolves_are_all_judged():
    markdown = (
        "Teks [halaman](../tidak-ada.md) dan [berkas](berkas.pdf).\n\n"  # line 5
        "[ref]: rujukan.png\n\n"  # line 7
        "![r][ref] [spasi](foto%20lain.jpg) [kueri](berkas.pdf?x=1#y)\n\n"  # line 9
        "<div markdown>\n![di dalam div](di-div.jpg)\n</div>\n"  # line 12
    )
    found = problems(markdown)
    assert [(p.line, p.message.split(":")[0]) for p in found] == [
        (5, "halaman `../tidak-ada.md` tidak ditemukan"), (5, "berkas `berkas.pdf` tidak ditemukan"),
        (7, "gambar `rujukan.png` tidak ditemukan"), (9, "berkas `foto%20lain.jpg` tidak ditemukan"),
        (9, "berkas `berkas.pdf?x=1#y` tidak ditemukan"), (12, "gambar `di-div.jpg` tidak ditemukan")]
    assert "`content/berita/posts/foto lain.jpg`" in found[3].message
    assert "`../../assets/unggahan/foto%20lain.jpg`" in found[3].message  # a Markdown link ends at a space


def test_a_page_is_never_suggested_by_its_name_alone():
    (found,) = problems("[Jaringan](../../jarpuk/tidak-ada/index.md)\n")
    assert "Berkas dengan nama itu" not in found.message and "Perbaiki nama atau jalurnya" in found.message


def test_the_same_address_twice_is_named_at_each_line():
    found = problems("![a](hilang.jpg)\n\n`hilang.jpg` saja\n\n![b](hilang.jpg)\n")
    assert [p.line for p in found] == [5, 9]


def test_raw_html_is_read_from_the_page_address():
    (found,) = problems('<img src="../../assets/unggahan/foto-pameran.jpg" alt="">\n')  # right from the file
    assert found.line == 5 and found.message.startswith("gambar `../../assets/unggahan/foto-pameran.jpg` pada tag `<img>`")
    assert "berkasnya ada (`content/assets/unggahan/foto-pameran.jpg`)" in found.message
    assert "menuju `/berita/2020/01/assets/unggahan/foto-pameran.jpg`" in found.message
    assert "`![keterangan foto](../../assets/unggahan/foto-pameran.jpg)`" in found.message
    (found,) = problems('Unduh <a href="laporan.pdf">laporannya</a>.\n')
    assert "Unggah berkasnya ke `content/assets/unggahan/`" in found.message
    assert problems('<img src="tidak-ada.jpg" alt="">\n', url=None) == []  # no known address: not judged


def test_an_address_python_cannot_split_is_a_problem_not_a_traceback():
    (found,) = problems("[x](http://[contoh.org/)\n")
    assert found.line == 5 and "tidak bisa dibaca" in found.message


def test_an_email_address_without_mailto_is_told():
    (found,) = problems("[Surel](asppuk@example.org)\n")
    assert "`mailto:asppuk@example.org`" in found.message


def test_validation_levels_are_mkdocs_yml_s():
    assert Validation.from_mkdocs_yml(None) == Validation(logging.WARNING, logging.INFO, logging.INFO)
    levels = Validation.from_mkdocs_yml({"unrecognized_links": "warn", "links": {"not_found": "info",
                                                                                  "absolute_links": "relative_to_docs"}})
    assert levels == Validation(logging.INFO, logging.WARNING, RELATIVE_TO_DOCS)
    assert problems("![x](hilang.jpg)\n", validation=levels) == []
    (found,) = problems("[x](../../tentang/tidak-ada)\n", validation=levels)
    assert found.message.startswith("tautan `../../tentang/tidak-ada` tidak menuju halaman")
    strict = Validation(absolute_links=RELATIVE_TO_DOCS)
    assert problems("[x](/tentang/index.md)\n", validation=strict) == []
    assert len(problems("[x](/tentang/hilang.md)\n", validation=strict)) == 1
    (found,) = problems("[x](/tentang/index.md)\n", validation=Validation(absolute_links=logging.WARNING))
    assert "ditulis dari akar situs" in found.message and "`../../tentang/index.md`" in found.message


def test_files_built_elsewhere_are_left_to_the_build():
    unknown = built_elsewhere("berita")
    assert unknown("berita/archive/2020.md") and unknown("assets/javascripts/bundle.js") and unknown("admin/x.js")
    assert not unknown("berita/posts/x.md") and not unknown("assets/unggahan/x.jpg")
    assert problems("[arsip](../archive/2020.md)\n", unknown=unknown) == []


def test_page_addresses_are_mkdocs_s():
    assert page_url("index.md") == "./" and page_url("tentang/index.md") == "tentang/"
    assert page_url("tentang/mitra.md") == "tentang/mitra/" and page_url("tentang/mitra.md", False) == "tentang/mitra.html"
    assert page_url("tentang/index.md", False) == "tentang/index.html"


def test_the_targets_are_exactly_those_mkdocs_warns_about(tmp_path, caplog):
    """MkDocs' own relative-path processor, on the same page and files."""
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import File, Files
    from mkdocs.structure.pages import Page

    markdown = (
        "# Judul\n\n![a](foto-pameran.jpg) ![b](../../assets/unggahan/foto-pameran.jpg) [c](../tidak-ada.md)\n"
        "[d](berkas.pdf?x=1#y) [e](foto%20lain.jpg) [f](../../tentang/) [g](../../tentang/hilang) [h](/x.jpg)\n"
        "[i](#bagian) [j](a@b.org) [k](../../laporan/2011.md#x) `[l](kode.jpg)` [m](../index.md)\n\n"
        "[n]: rujukan.png\n\n![o][n] <img src=\"mentah.jpg\"> [p](..\\\\x.pdf) [q](<dengan spasi.pdf>)\n"
        "[r](.) [s](./) [t](../posts/2020-01-02-pameran.md) [u](berkas.pdf \"judul\")\n"
    )
    (tmp_path / "docs").mkdir()
    config = MkDocsConfig()
    config.load_dict({"site_name": "x", "docs_dir": str(tmp_path / "docs"), "site_dir": str(tmp_path / "site"),
                      "markdown_extensions": [{name: SITE.markdown_configs[name]} if name in SITE.markdown_configs
                                              else name for name in SITE.markdown_extensions]})
    assert config.validate() == ([], [])
    def file(uri, content=""):
        made = File(uri, src_dir=None, dest_dir=config.site_dir, use_directory_urls=True)
        made.content_string = content
        return made

    page_file = file(POST, markdown)
    files = Files([file(uri) for uri in PUBLISHED if uri != POST] + [page_file])
    page = Page(None, page_file, config)
    page.read_source(config)
    with caplog.at_level(logging.WARNING, logger="mkdocs.structure.pages"):
        page.render(config, files)
    warned = sorted(r.getMessage().split("contains a link '", 1)[1].split("'", 1)[0]
                    for r in caplog.records if r.levelno >= logging.WARNING)
    found = problems(markdown)
    ours = sorted(p.message.split("`", 2)[1] for p in found if "pada tag" not in p.message)
    assert ours == warned
    assert len(warned) == 9, warned
    assert [p for p in found if "pada tag `<img>`" in p.message]  # raw HTML: ours alone
