"""Annual reports: front-matter data of ``content/laporan/<year>.md`` pages.

A report page says in its front matter (key ``report``) which figures to
draw and which files to offer; this module reads and checks that data and
turns it into charts (:mod:`asppuk.reports.charts`) and an attachment list. No MkDocs.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from pathlib import Path

from babel.numbers import format_decimal

from asppuk.datafiles.problems import Problem
from asppuk.datafiles.yamlfile import FRONT_MATTER, YamlDoc, load_text
from asppuk.security.content import read_markdown

from .charts import Chart, Series

CHART_MARKER = re.compile(r"^<!--\s*grafik:\s*([\w-]+)\s*-->\s*$", re.MULTILINE)
ATTACHMENTS_MARKER = "<!-- lampiran -->"


@dataclass
class Attachment:
    title: str
    href: str  # relative to the report page's source
    size: str
    kind: str


@dataclass
class Report:
    year: int
    title: str
    src_uri: str
    summary: str = ""
    charts: dict[str, Chart] = field(default_factory=dict)
    attachments: list[Attachment] = field(default_factory=list)


_MARKDOWN_PUNCTUATION = re.compile(r"([\\`*_{}\[\]()#+\-.!|])")


def markdown_text(text: str) -> str:
    """``text`` from front matter as literal text inside generated Markdown:
    HTML escaped, Markdown's punctuation backslash-escaped."""
    return _MARKDOWN_PUNCTUATION.sub(r"\\\1", html.escape(text, quote=False))


def human_size(size: int) -> str:
    if size < 1024:
        return f"{size} B"
    if size < 1024**2:
        return f"{format_decimal(round(size / 1024, 1), locale='id_ID')} KB"
    return f"{format_decimal(round(size / 1024**2, 1), locale='id_ID')} MB"


def read_report(path: Path, src_uri: str, shown: str) -> tuple[Report | None, list[Problem]]:
    """The report a page declares, or None when the page has no ``report`` key."""
    text, found = read_markdown(path, shown)  # bounded, UTF-8, safe front matter
    if text is None:
        return None, found
    match = FRONT_MATTER.match(text)
    if not match:
        return None, []
    doc, problems = load_text(match.group(1), shown)
    if doc is None or problems or not isinstance(doc.data, dict) or "report" not in doc.data:
        return None, [Problem(p.path, p.line + 1, p.message) for p in problems]
    return _build(doc, path, src_uri, shown, text[match.end():])


def _line(doc: YamlDoc, at: tuple) -> int:
    return doc.line(at) + 1  # the front matter starts after the opening ---


def _build(doc: YamlDoc, path: Path, src_uri: str, shown: str, body: str) -> tuple[Report | None, list[Problem]]:
    data, problems = doc.data["report"], []
    if not isinstance(data, dict) or not isinstance(data.get("year"), int):
        return None, [Problem(shown, _line(doc, ("report",)), "`report.year` harus berupa tahun, misalnya `year: 2011`.")]
    report = Report(data["year"], str(doc.data.get("title", data["year"])), src_uri, str(data.get("summary", "")))
    for index, item in enumerate(data.get("charts") or []):
        at = ("report", "charts", index)
        try:
            labels = [str(x) for x in item["labels"]]
            series = [Series(str(s["name"]), [float(v) for v in s["values"]]) for s in item["series"]]
            if any(len(s.values) != len(labels) for s in series):
                raise ValueError("jumlah `values` harus sama dengan jumlah `labels`")
            report.charts[str(item["id"])] = Chart(str(item["id"]), str(item["title"]), labels, series,
                                                   str(item.get("unit", "")), str(item.get("caption", "")),
                                                   str(item.get("label_heading", "Kategori")))
        except (KeyError, TypeError, ValueError) as exc:
            problems.append(Problem(shown, _line(doc, at), f"grafik ke-{index + 1} tidak lengkap ({exc}). "
                                    "Setiap grafik perlu `id`, `title`, `labels` dan `series` (dengan `name` dan `values`)."))
    for marker in CHART_MARKER.finditer(body):
        if marker.group(1) not in report.charts:
            line = doc.text.count("\n") + 2 + body[: marker.start()].count("\n") + 1
            problems.append(Problem(shown, line, f"grafik `{marker.group(1)}` tidak ada di `report.charts`. "
                                    f"Yang ada: {', '.join(report.charts) or '(belum ada)'}."))
    for index, item in enumerate(data.get("attachments") or []):
        at = ("report", "attachments", index)
        href = item.get("file") if isinstance(item, dict) else None
        file = (path.parent / href).resolve() if isinstance(href, str) else None
        if file is not None and not file.is_relative_to(path.parent.resolve()):
            problems.append(Problem(shown, _line(doc, at), f"lampiran `{href}` berada di luar folder laporan. Simpan "
                                    "berkasnya di `content/laporan/lampiran/` dan tulis `lampiran/nama-berkas`."))
            continue
        if file is None or not file.is_file():
            problems.append(Problem(shown, _line(doc, at), f"lampiran `{href}` tidak ditemukan. Simpan berkasnya di "
                                    f"samping halaman laporan (misalnya `content/laporan/lampiran/`) lalu periksa namanya."))
            continue
        report.attachments.append(Attachment(str(item.get("title", file.name)), href, human_size(file.stat().st_size),
                                             file.suffix.lstrip(".").upper()))
    return report, problems
