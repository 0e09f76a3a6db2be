"""Charts as inline SVG, drawn at build time, each with a table beside it.

Plain SVG (no library, no script, nothing fetched): horizontal bars, one
group of bars per category, values printed at the bar ends so the chart is
readable without the table. The table is the text alternative for screen
readers and for copying figures; the SVG is hidden from them.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from babel.numbers import format_decimal
from markupsafe import Markup

PALETTE = ["#7a2e1d", "#c9802a", "#33415c", "#6b7d3a", "#a35f00"]


@dataclass
class Series:
    name: str
    values: list[float]


@dataclass
class Chart:
    id: str
    title: str
    labels: list[str]  # one per category (row)
    series: list[Series]  # one bar per series in each row
    unit: str = ""  # e.g. "%", " Rp"
    caption: str = ""

    def formatted(self, value: float) -> str:
        text = format_decimal(value, locale="id_ID")
        return f"{text} %" if self.unit == "%" else f"{text}{self.unit}"


def render(chart: Chart) -> Markup:
    """<figure> with the SVG, a legend, and the data table (every text escaped here)."""
    return Markup(
        f'<figure class="asppuk-chart" id="grafik-{escape(chart.id)}">'
        f"<figcaption><strong>{escape(chart.title)}</strong>"
        + (f"<br>{escape(chart.caption)}" if chart.caption else "")
        + "</figcaption>"
        + svg(chart)
        + legend(chart)
        + table(chart)
        + "</figure>"
    )


def svg(chart: Chart) -> str:
    # drawn at phone width: on a 360 px screen the text stays at its real size
    bar, gap, label_w, width = 18, 10, 112, 360
    plot_w = width - label_w - 56
    peak = max((v for s in chart.series for v in s.values), default=0) or 1
    rows = []
    y = 8
    for index, label in enumerate(chart.labels):
        rows.append(f'<text x="{label_w - 8}" y="{y + bar * len(chart.series) / 2 + 4:.0f}" text-anchor="end">{escape(label)}</text>')
        for s_index, series in enumerate(chart.series):
            value = series.values[index]
            w = max(1.0, plot_w * value / peak)
            colour = PALETTE[s_index % len(PALETTE)]
            rows.append(f'<rect x="{label_w}" y="{y}" width="{w:.1f}" height="{bar - 2}" fill="{colour}" rx="2"/>')
            rows.append(f'<text x="{label_w + w + 6:.1f}" y="{y + bar - 4}">{escape(chart.formatted(value))}</text>')
            y += bar
        y += gap
    height = y + 4
    return (
        f'<svg class="asppuk-chart__svg" viewBox="0 0 {width} {height}" width="100%" aria-hidden="true" '
        f'focusable="false" xmlns="http://www.w3.org/2000/svg" font-size="11" font-family="system-ui, sans-serif" '
        f'fill="currentColor">{"".join(rows)}</svg>'
    )


def legend(chart: Chart) -> str:
    if len(chart.series) < 2:
        return ""
    items = "".join(
        f'<li><span style="background:{PALETTE[i % len(PALETTE)]}"></span>{escape(s.name)}</li>'
        for i, s in enumerate(chart.series)
    )
    return f'<ul class="asppuk-chart__legend" aria-hidden="true">{items}</ul>'


def table(chart: Chart) -> str:
    head = "".join(f"<th scope=\"col\">{escape(s.name)}</th>" for s in chart.series)
    body = "".join(
        f"<tr><th scope=\"row\">{escape(label)}</th>"
        + "".join(f"<td>{escape(chart.formatted(s.values[i]))}</td>" for s in chart.series)
        + "</tr>"
        for i, label in enumerate(chart.labels)
    )
    return (
        f'<table class="asppuk-chart__table"><caption>{escape(chart.title)} (tabel)</caption>'
        f"<thead><tr><th scope=\"col\"></th>{head}</tr></thead><tbody>{body}</tbody></table>"
    )
