"""Charts as inline SVG, drawn at build time, each with its data table.

Plain SVG (no library, no script, nothing fetched): horizontal bars, one
group of bars per category, values printed at the bar ends so the chart is
readable without the table. The table is the text alternative for screen
readers and for copying figures; it sits under the chart in a disclosure
("Lihat angkanya dalam tabel") with a caption, and the SVG is hidden from
screen readers.

Drawn for a phone: the SVG's 360 units fill the content width (300 px on a
360 px screen), and text is 15 units, so labels render at 12.5 px or more.
Labels too long for their column wrap onto a second line; a value that
would run past the right edge is printed inside its bar.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from babel.numbers import format_decimal
from markupsafe import Markup

PALETTE = ["#7a2e1d", "#c9802a", "#33415c", "#6b7d3a", "#a35f00"]
WIDTH = 360  # SVG units: the chart's width on a phone
FONT = 15  # SVG units: 12.5 px on a 360 px screen (the chart is 300 px wide there)
CHAR = 0.62 * FONT  # average width of a character at that size, wide fonts (DejaVu Sans) included
BAR, GAP = 20, 12
TABLE_LINK = {"id": "Lihat angkanya dalam tabel", "en": "See the figures in a table"}


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
    unit: str = ""  # e.g. "%", " juta"
    caption: str = ""
    label_heading: str = "Kategori"  # heading of the labels' column in the table
    locale: str = "id_ID"  # how numbers are written

    def formatted(self, value: float) -> str:
        text = format_decimal(value, locale=self.locale)
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


def text_width(text: str) -> float:
    return len(text) * CHAR


def _lines(label: str, width: float) -> list[str]:
    """``label`` in at most two lines of ``width``; a longer one is cut with an ellipsis."""
    if text_width(label) <= width:
        return [label]
    words, first = label.split(), ""
    while words and text_width((first + " " + words[0]).strip()) <= width:
        first = (first + " " + words.pop(0)).strip()
    if not first:  # one long word
        first, rest = _cut(label, width), ""
    else:
        rest = " ".join(words)
    second = rest if text_width(rest) <= width else _cut(rest, width)
    return [first, second] if second else [first]


def _cut(text: str, width: float) -> str:
    keep = max(1, int(width / CHAR) - 1)
    return text[:keep].rstrip() + "…"


def svg(chart: Chart) -> str:
    values = [v for s in chart.series for v in s.values]
    peak = max(values, default=0) or 1
    value_w = max((text_width(chart.formatted(v)) for v in values), default=0) + 8
    # the label column takes what its longest label needs, at most 40 % of the width
    label_w = min(max((text_width(label) for label in chart.labels), default=0), WIDTH * 0.4) + 8
    plot_w = WIDTH - label_w - min(value_w, WIDTH * 0.25)
    rows: list[str] = []
    y = 4
    for index, label in enumerate(chart.labels):
        lines = _lines(label, label_w - 8)
        group_h = max(BAR * len(chart.series), len(lines) * (FONT + 2))
        top = y + (group_h - len(lines) * (FONT + 2)) / 2 + FONT - 2
        spans = "".join(
            f'<tspan x="{label_w - 8:.0f}" y="{top + i * (FONT + 2):.0f}">{escape(line)}</tspan>'
            for i, line in enumerate(lines)
        )
        rows.append(f'<text text-anchor="end">{spans}</text>')
        bar_y = y + (group_h - BAR * len(chart.series)) / 2
        for s_index, series in enumerate(chart.series):
            value = series.values[index]
            w = max(1.0, plot_w * value / peak)
            colour = PALETTE[s_index % len(PALETTE)]
            text = escape(chart.formatted(value))
            rows.append(f'<rect x="{label_w:.0f}" y="{bar_y:.0f}" width="{w:.1f}" height="{BAR - 3}" fill="{colour}" rx="2"/>')
            baseline = bar_y + BAR - 7
            if label_w + w + 4 + text_width(chart.formatted(value)) <= WIDTH:
                rows.append(f'<text x="{label_w + w + 4:.1f}" y="{baseline:.0f}">{text}</text>')
            else:  # no room after the bar: inside it, at its end
                rows.append(f'<text x="{label_w + w - 4:.1f}" y="{baseline:.0f}" text-anchor="end" fill="#fff">{text}</text>')
            bar_y += BAR
        y += group_h + GAP
    height = y
    return (
        f'<svg class="asppuk-chart__svg" viewBox="0 0 {WIDTH} {height:.0f}" width="100%" aria-hidden="true" '
        f'focusable="false" xmlns="http://www.w3.org/2000/svg" font-size="{FONT}" '
        f'font-family="system-ui, -apple-system, Segoe UI, Roboto, sans-serif" fill="currentColor">{"".join(rows)}</svg>'
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
    """The chart's figures as a table, in a disclosure under the chart."""
    head = "".join(f"<th scope=\"col\">{escape(s.name)}</th>" for s in chart.series)
    body = "".join(
        f"<tr><th scope=\"row\">{escape(label)}</th>"
        + "".join(f"<td>{escape(chart.formatted(s.values[i]))}</td>" for s in chart.series)
        + "</tr>"
        for i, label in enumerate(chart.labels)
    )
    return (
        f'<details class="asppuk-chart__data"><summary>{TABLE_LINK.get(chart.locale[:2], TABLE_LINK["id"])}</summary>'
        f'<table class="asppuk-chart__table"><caption>{escape(chart.title)}</caption>'
        f"<thead><tr><th scope=\"col\">{escape(chart.label_heading)}</th>{head}</tr></thead>"
        f"<tbody>{body}</tbody></table></details>"
    )
