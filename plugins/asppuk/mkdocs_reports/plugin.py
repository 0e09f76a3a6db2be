"""MkDocs plugin: report pages with charts and attachments, and the report index.

- ``on_files``: read the front matter of every page under ``reports_dir`` and
  check it (charts, attachments); a problem fails ``mkdocs build``.
- ``on_page_markdown``: put the ``<!-- lampiran -->`` attachment list into
  report pages, and the list of reports, newest first, into the index's
  ``<!-- daftar-laporan -->`` (both Markdown).
- ``on_page_content``: put each ``<!-- grafik: id -->`` chart (inline SVG
  and its table) into report pages: after asppuk-security has cleaned the
  HTML rendered from the page's Markdown (the chart is ours, drawn from
  checked data, and holds SVG that staff's Markdown may not).
"""

from __future__ import annotations

import logging
import os
import re
from pathlib import Path

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File

from asppuk.mkdocs_problems import report_problems
from asppuk.reports import ATTACHMENTS_MARKER, charts, markdown_text, read_report

log = logging.getLogger("mkdocs.plugins.asppuk.reports")
INDEX_MARKER = "<!-- daftar-laporan -->"
STYLESHEET = "assets/asppuk/charts.css"
# A chart's marker as the cleaned HTML keeps it (a comment of its own)
CHART_IN_HTML = re.compile(r"<!--\s*grafik:\s*([\w-]+)\s*-->")


class ReportsConfig(Config):
    reports_dir = opt.Type(str, default="laporan")


class ReportsPlugin(BasePlugin[ReportsConfig]):
    def on_startup(self, *, command, dirty):
        self.serving = command == "serve"

    def on_config(self, config):
        config.extra_css.append(STYLESHEET)

    def on_files(self, files, *, config):
        self.reports, problems = {}, []
        prefix = self.config.reports_dir.rstrip("/") + "/"
        for file in files.documentation_pages():
            if file.src_uri.startswith(prefix) and file.abs_src_path:
                shown = os.path.relpath(file.abs_src_path, os.path.dirname(config.config_file_path))
                report, found = read_report(Path(file.abs_src_path), file.src_uri, shown.replace(os.sep, "/"))
                problems += found
                if report is not None:
                    self.reports[file.src_uri] = report
        report_problems(problems, "Laporan", serving=self.serving, log=log)
        files.append(File.generated(config, STYLESHEET,
                                    abs_src_path=os.path.join(os.path.dirname(__file__), "charts.css")))
        return files

    def on_page_markdown(self, markdown, *, page, config, files):
        report = self.reports.get(page.file.src_uri)
        if report is not None:
            markdown = markdown.replace(ATTACHMENTS_MARKER, _attachments(report))
        if INDEX_MARKER in markdown:
            markdown = markdown.replace(INDEX_MARKER, self._index(page))
        return markdown

    def on_page_content(self, html, *, page, config, files):
        report = self.reports.get(page.file.src_uri)
        if report is None:
            return html
        return CHART_IN_HTML.sub(
            lambda m: charts.render(report.charts[m.group(1)]) if m.group(1) in report.charts else m.group(0), html)

    def _index(self, page) -> str:
        rows = ["| Tahun | Laporan | Ringkasan |", "| --- | --- | --- |"]
        here = os.path.dirname(page.file.src_uri)
        for report in sorted(self.reports.values(), key=lambda r: -r.year):
            link = os.path.relpath(report.src_uri, here).replace(os.sep, "/")
            rows.append(f"| {report.year} | [{markdown_text(report.title)}](<{link}>) | {markdown_text(report.summary)} |")
        return "\n".join(rows)


def _attachments(report) -> str:
    # Markdown, not HTML: MkDocs then rewrites the relative links for directory URLs
    return "\n".join(
        f"- [{markdown_text(a.title)}](<{a.href}>) ({a.kind}, {a.size})" for a in report.attachments
    ) + "\n"
