"""Review, round 2: inputs from a pull request that get past the new defences.

Each test holds the smallest input found, and fails until it is dealt with
(refused with a message by both ``make check`` and the build, or published
harmlessly and in full).
"""

from __future__ import annotations

import functools
import http.server
import io
import json
import subprocess
import sys
import threading
import tracemalloc
import zipfile
from pathlib import Path

import html5lib
import pytest

from asppuk.security.content import static_file_problems
from asppuk.security.sanitise import dropped
from asppuk.security.uploads import kind_of
from conftest import ROOT, _QuietHandler, build_site, copy_project, site_context, write_tree

POST = "---\ndate: {date}\nauthors: [seknas]\ncategories: [Jawa]\n{extra}---\n\n"
PWN = "document.documentElement.dataset.pwned='1'"


def _check(project: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "scripts/check.py"), "--root", str(project), "--no-translations"],
                          capture_output=True, text=True)


def _project(tmp_path: Path, files: dict[str, str | bytes]) -> Path:
    project = copy_project(tmp_path / "p")
    for name, content in files.items():
        if name.startswith("+"):  # appended to (or, with a (old, new) pair, changed in) a file of the sample
            path = project / name[1:]
            old = path.read_text("utf-8")
            path.write_text(old.replace(*content, 1) if isinstance(content, tuple) else old + content, "utf-8")
        else:
            write_tree(project, {name: content})
    return project


def _elements(html: str, tag: str, cls: str | None = None) -> list:
    root = html5lib.parse(html, treebuilder="etree", namespaceHTMLElements=False)
    return [e for e in root.iter(tag) if cls is None or cls in (e.get("class") or "").split()]


# -- (a) script runs: an uploaded SVG, opened from the site --------------------------------

# html.parser (unsafe_html) sees the tag `h:script`, or nothing inside <style>
# (raw text to it); the XML parser of a browser sees an XHTML / SVG <script>
SVGS = {
    "prefixed.svg": ('<svg xmlns="http://www.w3.org/2000/svg" xmlns:h="http://www.w3.org/1999/xhtml">'
                     f'<h:script>{PWN}</h:script></svg>\n'),
    "in-style.svg": f'<svg xmlns="http://www.w3.org/2000/svg"><style><script>{PWN}</script></style></svg>\n',
}


def test_svg_upload_with_script_that_html_parser_misses_is_refused(tmp_path, browser):
    """uploads.py/content.py check an SVG with html.parser; Chromium opens it
    as XML, on the site's origin (that of /admin/), with no policy at all."""
    folder = write_tree(tmp_path / "site", {f"assets/unggahan/{name}": text for name, text in SVGS.items()})
    passed = [name for name in SVGS if not static_file_problems(folder / "assets/unggahan" / name, name)]
    if not passed:
        return
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(folder)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    context = site_context(browser, f"http://127.0.0.1:{httpd.server_address[1]}")
    ran = []
    try:
        page = context.new_page()
        for name in passed:
            page.goto(f"assets/unggahan/{name}")
            page.wait_for_load_state("load")
            if page.evaluate("document.documentElement.dataset.pwned"):
                ran.append(name)
    finally:
        context.close()
        httpd.shutdown()
    assert not passed, f"accepted as uploads: {passed}; their script ran in Chromium: {ran}"


# -- (a) feeds: HTML that the cleaner never saw ----------------------------------------------

FEED_POSTS = {
    # mkdocs-rss-plugin cuts the *Markdown* at `<!-- more -->` (here inside a
    # code span) and renders it with plain Markdown: the code span is gone,
    # the tag is raw HTML in the feed; the page and the blog's excerpt show code
    "code span cut": POST.format(date="2024-05-01", extra="") + (
        "# Kabar\n\nTeks `<img src=x onerror=alert(1)> <!-- more -->` selesai.\n"),
    # a post's description is the feed's content_html as it is
    "description": POST.format(date="2024-05-01", extra='description: "<img src=x onerror=alert(1)>"\n') + (
        "# Kabar\n\nTeks.\n"),
}


@pytest.mark.parametrize("case", list(FEED_POSTS))
def test_feed_html_is_what_the_cleaner_lets_through(tmp_path, case):
    project = _project(tmp_path, {"content/berita/posts/2024-05-01-kabar.md": FEED_POSTS[case]})
    site = tmp_path / "site"
    build = build_site(project, site)
    if build.returncode != 0:
        assert _check(project).returncode == 1
        return
    for name in ("feed_json_created.json", "feed_json_updated.json"):
        for item in json.loads((site / name).read_text("utf-8"))["items"]:
            assert not dropped(item["content_html"]), (name, item["content_html"])


# -- (d) content hidden: the cleaner keeps comments, and later steps cut or replace in them --

def test_excerpt_separator_inside_a_comment_hides_the_rest_of_the_listing(tmp_path):
    """Material's blog splits the cleaned HTML at the first `<!-- more -->`,
    here inside a comment: the listing gets an unclosed `<!--` and every later
    post, the footer and the theme's scripts disappear, without a message."""
    project = _project(tmp_path, {"content/berita/posts/2024-05-02-a.md": POST.format(date="2024-05-02", extra="")
                                  + "# Kabar A\n\nTeks A.\n\n<!-- catatan <!-- more -->\n\nIsi.\n"})
    site = tmp_path / "site"
    build, check = build_site(project, site), _check(project)
    assert (build.returncode == 0) == (check.returncode == 0), (build.stderr[-2000:], check.stderr)
    if build.returncode == 0:
        posts = len([f for f in (project / "content/berita/posts").glob("*.md") if not f.name.endswith(".en.md")])
        html = (site / "berita/index.html").read_text("utf-8")
        assert len(_elements(html, "article", "md-post")) == posts
        assert _elements(html, "footer")


def test_chart_marker_inside_a_comment_hides_the_rest_of_the_report(tmp_path):
    """asppuk-reports replaces `<!-- grafik: id -->` in the cleaned HTML,
    here the end of a longer comment: what is left opens a comment that
    never closes, and the rest of the report disappears, without a message."""
    project = _project(tmp_path, {"+content/laporan/2011.md": ("## Ringkasan", "<!-- x <!-- grafik: keuangan -->\n\n## Ringkasan")})
    site = tmp_path / "site"
    build, check = build_site(project, site), _check(project)
    assert (build.returncode == 0) == (check.returncode == 0), (build.stderr[-2000:], check.stderr)
    if build.returncode == 0:
        html = (site / "laporan/2011/index.html").read_text("utf-8")
        headings = ["".join(h.itertext()) for h in _elements(html, "h2")]
        assert any("Ringkasan" in h for h in headings), headings
        assert _elements(html, "footer")


def test_product_description_markup_is_not_dropped_silently(tmp_path):
    """Product descriptions (catalog/text.py) go through a second nh3 cleaner
    that reports nothing: a Markdown image and a <script> vanish from the page
    while check and build pass."""
    project = _project(tmp_path, {"+products/sambas/kain-songket-sambas.yml": (
        "  pilihan.\n", "  pilihan.\n\n  ![Motif](https://www.asppuk.or.id/assets/motif.jpg)\n\n"
                        "  Catatan <script>rahasia</script> akhir.\n")})
    site = tmp_path / "site"
    build, check = build_site(project, site), _check(project)
    assert (build.returncode == 0) == (check.returncode == 0), (build.stderr[-2000:], check.stderr)
    if build.returncode == 0:
        html = (site / "produk/sambas/kain-songket-sambas/index.html").read_text("utf-8")
        assert "motif.jpg" in html and "rahasia" in html, "dropped without a message"


# -- (b) make check and the build disagree ------------------------------------------------

@pytest.mark.parametrize("files", [
    # MkDocs publishes `x.MD` as a file (refused as an upload); check skips every `.md` suffix in any case
    {"content/tentang/catatan.MD": "# Catatan\n"},
    # check skips a `templates` folder under stories/ (as MkDocs' exclude_docs does under content/);
    # asppuk-stories builds it as a book
    {"stories/templates/book.yml": (ROOT / "stories/pada-kerja-kami-percaya/book.yml").read_text("utf-8"),
     "stories/templates/budiana.md": (ROOT / "stories/pada-kerja-kami-percaya/budiana.md").read_text("utf-8")
     + "\n<script>alert(1)</script>\n"},
], ids=["uppercase suffix", "templates book"])
def test_check_and_build_agree(tmp_path, files):
    project = _project(tmp_path, files)
    build, check = build_site(project, tmp_path / "site"), _check(project)
    assert (build.returncode == 0) == (check.returncode == 0), (build.stderr[-2000:], check.stdout, check.stderr)


# -- (c) crashes ---------------------------------------------------------------------------

def test_csv_with_a_long_cell_is_refused_without_a_traceback(tmp_path):
    """uploads._is_csv: csv.reader raises _csv.Error past 131,072 characters a cell."""
    project = _project(tmp_path, {"content/assets/unggahan/tabel.csv": "a,b\n" + "x" * 200_000 + ",c\n"})
    check = _check(project)
    assert "Traceback" not in check.stderr, check.stderr[-1500:]


def test_office_document_is_told_without_inflating_it(tmp_path):
    """uploads._zip_kind reads the whole `mimetype` member to look at 80 bytes:
    a 100 KB .odt inflates to 100 MB in memory (5 MB of upload: 5 GB)."""
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        with archive.open("mimetype", "w", force_zip64=True) as member:
            member.write(b"application/vnd.oasis.opendocument.text")
            for _ in range(50):
                member.write(b"\0" * (1 << 20))
    path = tmp_path / "laporan.odt"
    path.write_bytes(data.getvalue())
    assert path.stat().st_size < 200_000
    tracemalloc.start()
    try:
        kind_of(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 10_000_000, f"{peak / 1e6:.0f} MB to tell the kind of a {path.stat().st_size // 1000} KB file"
