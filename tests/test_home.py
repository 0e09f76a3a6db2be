"""Issue 26: the home page's figures.

The figures form a grid: two per row on a phone, four in a row on a
desktop, with gaps (Material's `display: flow-root` for lists must not win).
"""

from __future__ import annotations

import pytest

from conftest import ARTIFACTS


def _boxes(page) -> list[dict]:
    boxes = [item.bounding_box() for item in page.locator("ul.asppuk-figures > li").all()]
    assert len(boxes) == 4 and all(boxes)
    return boxes


def _overlap(a: dict, b: dict) -> bool:
    return (a["x"] < b["x"] + b["width"] and b["x"] < a["x"] + a["width"]
            and a["y"] < b["y"] + b["height"] and b["y"] < a["y"] + a["height"])


@pytest.mark.browser
@pytest.mark.parametrize("width,per_row", [(360, 2), (1280, 4)])
@pytest.mark.parametrize("url,name", [("/", "beranda"), ("/en/", "home-en")])
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
