"""Issue 26: the home page's figures and the network pages.

The network's figures (member NGOs, provinces, regions, JarPUK) have one
source, data/figures.yml: the home page (both languages), the figures page
and the member directory show the same numbers, and follow the file. What
the data does not record yet is `make check`'s to-do, never a public page.
The figures form a grid: two per row on a phone, four in a row on a
desktop, with gaps (Material's `display: flow-root` for lists must not win).
"""

from __future__ import annotations

import html
import re
import subprocess
import sys

import pytest
import yaml

from conftest import ARTIFACTS, ROOT, build_site, copy_project

HOMES = ["index.html", "en/index.html"]
FIGURE_PAGES = ["angka/index.html", "en/figures/index.html"]
MEMBER_PAGES = ["tentang/anggota/index.html", "en/about/members/index.html"]
NETWORK_PAGES = HOMES + FIGURE_PAGES + MEMBER_PAGES
KEYS = ("ngos", "provinces", "regions", "jarpuk")


def shown_figures(text: str) -> list[str]:
    """The numbers of the page's figures block, in order."""
    blocks = re.findall(r'<ul class="asppuk-figures">(.*?)</ul>', text, re.S)
    assert len(blocks) == 1, "one figures block on the page"
    return re.findall(r"<li><strong>([\d.,]+)</strong>", blocks[0])


def read(site, path: str) -> str:
    return (site / path).read_text("utf-8")


def test_home_and_figures_page_show_the_same_numbers_from_one_file(site):
    declared = yaml.safe_load((ROOT / "data/figures.yml").read_text("utf-8"))
    expected = [str(declared[key]) for key in KEYS]
    assert expected == ["58", "22", "5", "64"]  # as ASPPUK states them (seeds: profil ASPPUK 2013)
    for path in HOMES + FIGURE_PAGES:
        assert shown_figures(read(site, path)) == expected, path
    # the member directory names the same totals, never a sum of its own
    for path in MEMBER_PAGES:
        lead = html.unescape(re.search(r'<p class="puk-lead">(.*?)</p>', read(site, path), re.S).group(1))
        assert re.findall(r"\d+", lead) == expected, (path, lead)
    # the home page's source holds no figure: only the marker the plugin fills
    for source in ("content/index.md", "content/en/index.md"):
        text = (ROOT / source).read_text("utf-8")
        assert "<!-- angka-jaringan -->" in text and "asppuk-figures" not in text, source


# What belongs in `make check`'s to-do list, not on a public page
STAFF_NOTES = ["data/", ".yml", "belum tercatat", "tercatat di data", "sudah tercatat", "sudah mencatat",
               "not recorded", "recorded so far", "have recorded", "tanpa catatan", "without records"]


def test_public_pages_show_no_data_gaps_or_file_names(site):
    for path in NETWORK_PAGES + ["tentang/wilayah/index.html", "en/about/regions/index.html"]:
        article = re.search(r"<article.*?</article>", read(site, path), re.S).group(0)
        text = re.sub(r"<[^>]+>", " ", article)
        for note in STAFF_NOTES:
            assert note not in text, (path, note)
        assert not re.search(r"\d+ (dari|of) \d+", text), path


def test_check_lists_the_data_gaps_and_passes():
    result = subprocess.run([sys.executable, str(ROOT / "scripts/check.py"), "--root", str(ROOT)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    todo = result.stdout.split("Catatan (bukan kesalahan): data jaringan yang belum lengkap.", 1)[1]
    assert ("data/members.yml: jumlah Ornop per wilayah 55, sedangkan data/figures.yml menyebut 58 Ornop anggota: "
            "3 Ornop belum tercatat wilayahnya.") in todo
    assert "data/members.yml: 21 dari 55 nama Ornop tercatat." in todo
    assert "    Jawa: 1 dari 12" in todo and "Nusa Tenggara" not in todo  # all 17 named
    assert "products/: 5 dari 64 JarPUK punya katalog." in todo
    quiet = subprocess.run([sys.executable, str(ROOT / "scripts/check.py"), "--root", str(ROOT), "--no-todo"],
                           capture_output=True, text=True)
    assert quiet.returncode == 0 and "Catatan" not in quiet.stdout


def test_pages_follow_the_figures_file(tmp_path):
    project = copy_project(tmp_path / "project")
    figures = project / "data/figures.yml"
    figures.write_text(figures.read_text("utf-8").replace("ngos: 58", "ngos: 1234"), "utf-8")
    result = build_site(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    site = tmp_path / "site"
    assert shown_figures(read(site, "index.html")) == ["1.234", "22", "5", "64"]
    assert shown_figures(read(site, "angka/index.html")) == ["1.234", "22", "5", "64"]
    assert shown_figures(read(site, "en/index.html")) == ["1,234", "22", "5", "64"]
    assert "ASPPUK beranggotakan 1.234 Ornop" in read(site, "tentang/anggota/index.html")


def test_figures_the_data_contradicts_are_refused(tmp_path):
    project = copy_project(tmp_path / "project")
    figures = project / "data/figures.yml"
    figures.write_text(figures.read_text("utf-8").replace("ngos: 58", "ngos: 50").replace("jarpuk: 64", "jarpuk: 4"),
                       "utf-8")
    check = subprocess.run([sys.executable, str(ROOT / "scripts/check.py"), "--root", str(project)],
                           capture_output=True, text=True)
    assert check.returncode == 1
    assert ("data/members.yml:1: jumlah Ornop per wilayah (55) lebih besar dari jumlah Ornop anggota di "
            "`data/figures.yml` (50).") in check.stderr
    assert "data/figures.yml:1: katalog memuat 5 JarPUK, lebih banyak dari `jarpuk: 4`." in check.stderr
    build = build_site(project, tmp_path / "site")
    assert build.returncode != 0 and "data/members.yml:1: jumlah Ornop per wilayah (55)" in build.stderr


def test_a_missing_figures_file_is_named(tmp_path):
    from asppuk.network import load_totals

    totals, problems = load_totals(tmp_path / "data/figures.yml", tmp_path)
    assert totals is None
    assert [str(p) for p in problems] == ["data/figures.yml:1: angka jaringan belum ada. Buat `data/figures.yml` "
                                          "(lihat README)."]
    (tmp_path / "data").mkdir()
    (tmp_path / "data/figures.yml").write_text("ngos: 58\nprovinces: dua puluh dua\nregions: 5\njarpuk: 64\n", "utf-8")
    _, problems = load_totals(tmp_path / "data/figures.yml", tmp_path)
    assert [str(p) for p in problems] == ["data/figures.yml:2: `provinces` harus berupa angka bulat, tetapi berisi "
                                          "`dua puluh dua`."]


def _boxes(page) -> list[dict]:
    boxes = [item.bounding_box() for item in page.locator("ul.asppuk-figures > li").all()]
    assert len(boxes) == 4 and all(boxes)
    return boxes


def _overlap(a: dict, b: dict) -> bool:
    return (a["x"] < b["x"] + b["width"] and b["x"] < a["x"] + a["width"]
            and a["y"] < b["y"] + b["height"] and b["y"] < a["y"] + a["height"])


@pytest.mark.browser
@pytest.mark.parametrize("width,per_row", [(360, 2), (1280, 4)])
@pytest.mark.parametrize("url,name", [("/", "beranda"), ("/en/", "home-en"), ("/angka/", "angka")])
def test_figures_form_a_grid_with_gaps(page, width, per_row, url, name):
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(url)
    boxes = _boxes(page)
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert not _overlap(a, b), (a, b)
    rows: dict[int, list[dict]] = {}
    for box in boxes:
        rows.setdefault(round(box["y"]), []).append(box)
    assert [len(r) for r in rows.values()] == [per_row] * (4 // per_row), rows
    for row in rows.values():
        row.sort(key=lambda b: b["x"])
        widths = {round(b["width"]) for b in row}
        assert max(widths) - min(widths) <= 1, row  # equal columns
        for left, right in zip(row, row[1:]):
            assert right["x"] - (left["x"] + left["width"]) >= 8, (left, right)  # a gap, not touching
    if per_row == 2:  # a gap between the rows too
        top, bottom = sorted(rows)
        assert bottom - (top + rows[top][0]["height"]) >= 8
    # side by side, the boxes fill the content column: not one full-width box per line
    column = page.locator("article.md-content__inner").bounding_box()
    assert sum(b["width"] for b in rows[min(rows)]) > 0.8 * column["width"]
    assert all(b["width"] < 0.55 * column["width"] for b in boxes)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    ARTIFACTS.mkdir(exist_ok=True)
    page.locator("ul.asppuk-figures").scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / f"figures-{name}-{width}.png"), full_page=True)
