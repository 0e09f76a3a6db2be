"""Report archive: charts with tables, attachments with sizes, problems with file and line."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from asppuk.reports.charts import Chart, Series, render
from conftest import build_site, write_tree

REPORT = """---
title: Laporan Tahunan 2012
report:
  year: 2012
  summary: Contoh
  charts:
    - id: skala
      title: Skala usaha
      unit: "%"
      labels: [Rintisan, Berkembang]
      series:
        - name: Awal
          values: [51, 39]
  attachments:
    - file: lampiran/ringkas.csv
      title: Ringkasan
---

# Laporan 2012

<!-- grafik: skala -->

<!-- lampiran -->
"""
MKDOCS = """site_name: Uji
docs_dir: content
theme:
  name: material
  font: false
plugins:
  - asppuk-reports
"""


def test_chart_is_svg_with_a_table():
    html = render(Chart("s", "Skala usaha", ["Rintisan", "Berkembang"],
                        [Series("Awal", [51, 39]), Series("Akhir", [41, 45])], unit="%"))
    svg = re.search(r"<svg.*?</svg>", html, re.S).group(0)
    ET.fromstring(svg)  # well-formed
    assert 'aria-hidden="true"' in svg and svg.count("<rect") == 4
    # the table is the text alternative: under the chart, in a disclosure, with a caption and headers
    assert '<details class="asppuk-chart__data"><summary>Lihat angkanya dalam tabel</summary>' in html
    assert "<caption>Skala usaha</caption>" in html and '<th scope="col">Kategori</th>' in html
    assert "<td>51 %</td>" in html and "<td>45 %</td>" in html


def test_long_labels_wrap_and_values_stay_inside_the_chart():
    from asppuk.reports.charts import CHAR, WIDTH

    chart = Chart("p", "Panjang", ["Jumlah penerimaan dari seluruh sumber dana", "Satuperkataanyangsangatpanjangsekali"],
                  [Series("2011", [3319.9, 10])], unit=" juta")
    svg = re.search(r"<svg.*?</svg>", render(chart), re.S).group(0)
    root = ET.fromstring(svg)
    ns = "{http://www.w3.org/2000/svg}"
    spans = [t.text for t in root.iter(f"{ns}tspan")]
    assert len(spans) >= 3 and any(s.endswith("…") for s in spans)  # wrapped, and a too-long word cut
    for text in root.iter(f"{ns}text"):
        anchor = text.get("text-anchor", "start")
        for part in list(text.iter(f"{ns}tspan")) or [text]:  # each line of a label, or a value
            x, words = float(part.get("x")), part.text
            left = x - len(words) * CHAR if anchor == "end" else x
            right = x if anchor == "end" else x + len(words) * CHAR
            assert 0 <= left and right <= WIDTH, words


def test_sample_report_2011(site):
    html = (site / "laporan/2011/index.html").read_text("utf-8")
    assert html.count('class="asppuk-chart"') == 2
    assert "<td>51 %</td>" in html and "<td>41 %</td>" in html and "<td>14 %</td>" in html
    assert "Pergeseran skala usaha PUK" in html
    assert "2,468,585,753" in html and "312,662.55" in html  # the source's figures, exactly
    link = re.search(r'<a href="([^"]+[.]csv)">', html).group(1)
    assert (site / "laporan/2011" / link).resolve().is_file()
    assert re.search(r"\(CSV, [\d,]+ KB\)", html)
    index = (site / "laporan/index.html").read_text("utf-8")
    assert 'href="2011/"' in index


def test_missing_attachment_and_unknown_chart_fail_the_build(tmp_path):
    bad = REPORT.replace("<!-- grafik: skala -->", "<!-- grafik: keuangan -->")
    write_tree(tmp_path, {"mkdocs.yml": MKDOCS, "content/index.md": "# Beranda\n", "content/laporan/2012.md": bad})
    result = build_site(tmp_path, tmp_path / "site")
    assert result.returncode != 0
    assert "content/laporan/2012.md:15: lampiran `lampiran/ringkas.csv` tidak ditemukan" in result.stderr
    assert "content/laporan/2012.md:21: grafik `keuangan` tidak ada di `report.charts`" in result.stderr


def test_report_with_its_attachment_builds(tmp_path):
    write_tree(tmp_path, {"mkdocs.yml": MKDOCS, "content/index.md": "# Beranda\n", "content/laporan/2012.md": REPORT,
                          "content/laporan/lampiran/ringkas.csv": "a;b\n1;2\n"})
    result = build_site(tmp_path, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "site/laporan/2012/index.html").read_text("utf-8")
    assert "(CSV, 8 B)" in html and 'class="asppuk-chart"' in html


def test_members_directory_and_figures_from_data(site):
    members = (site / "tentang/anggota/index.html").read_text("utf-8")
    assert "Maha Boga Marga" in members and "Bengkel APEC" in members and "Gemawan" in members
    assert 'href="../../jarpuk/lombok-tengah/"' in members
    figures = (site / "angka/index.html").read_text("utf-8")
    assert figures.count('class="asppuk-chart"') == 6
    # producers by scale, computed from producers.yml: 3 rintisan, 3 berkembang, 1 akumulasi modal
    scale = re.search(r'id="grafik-skala".*?</figure>', figures, re.S).group(0)
    assert re.findall(r"<td>(\d+)</td>", scale) == ["3", "3", "1"]
    members_chart = re.search(r'id="grafik-anggota".*?</figure>', figures, re.S).group(0)
    assert "<td>2.633</td>" in members_chart


def test_members_data_problems(tmp_path):
    from asppuk.network import load_members

    (tmp_path / "data").mkdir()
    (tmp_path / "data/members.yml").write_text("- id: jawa\n  name: Jawa\n  members: dua belas\n", "utf-8")
    _, problems = load_members(tmp_path / "data/members.yml", tmp_path)
    assert [str(p) for p in problems] == ["data/members.yml:3: `members` harus berupa angka bulat, tetapi berisi `dua belas`."]
