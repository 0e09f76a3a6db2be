"""Every page of the built sample site is valid HTML by the W3C Nu checker.

The checker is vnu.jar from the npm package ``vnu-jar`` (pinned in
``tools/validators/package.json``, installed by ``make install`` when npm is
present), run with the system's Java (17 or newer). All pages are checked in
one Java run. In CI a missing Java or jar is a failure, not a skip.

Material's own templates write invalid HTML; the three we override to fix it
(``base.html``, ``partials/nav-item.html``, ``partials/toc.html`` in
``asppuk/mkdocs_theme/templates``) must stay Material's but for the fixes:
the last test compares them with the installed Material.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import time
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

from conftest import ROOT
from conftest import missing as tool_missing

VNU_JAR = ROOT / "tools" / "validators" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
OURS = ROOT / "plugins" / "asppuk" / "mkdocs_theme" / "templates"

# A page the checker must refuse, checked in the same run as the site: proof
# that the run really validates what it is given.
KNOWN_BAD = ('<!doctype html><html lang="id"><head><meta charset="utf-8"><title>x</title></head>'
             '<body><label tabindex="">x</label></body></html>\n')


def _java_and_jar() -> str:
    java = shutil.which("java")
    missing = []
    if java is None:
        missing.append("java is not installed (Debian: apt-get install default-jre-headless)")
    if not VNU_JAR.is_file():
        missing.append(f"{VNU_JAR.relative_to(ROOT)} is missing (make install, with npm present)")
    if missing:
        tool_missing("the W3C Nu checker cannot run: " + "; ".join(missing))
    return java


def run_vnu(java: str, paths: list[Path]) -> tuple[list[dict], float]:
    """The checker's errors for ``paths`` (files or folders; HTML files only), in one run."""
    command = [java, "-Xss4m", "-jar", str(VNU_JAR), "--format", "json", "--errors-only", "--skip-non-html",
               *map(str, paths)]
    started = time.monotonic()
    result = subprocess.run(command, capture_output=True, text=True, timeout=600)
    elapsed = time.monotonic() - started
    try:
        report = json.loads(result.stderr)  # vnu writes its report to stderr
    except json.JSONDecodeError:
        pytest.fail(f"the checker failed (exit {result.returncode}):\n{result.stderr[-3000:]}{result.stdout[-1000:]}")
    return [m for m in report["messages"] if m.get("type") in ("error", "non-document-error")], elapsed


def where(message: dict, site: Path) -> str:
    path = Path(unquote(urlparse(message.get("url", "")).path))
    try:
        shown = path.relative_to(site).as_posix()
    except ValueError:
        shown = str(path)
    return f"{shown}:{message.get('lastLine', message.get('firstLine', '?'))}"


def test_every_page_is_valid_html(site: Path, tmp_path: Path):
    java = _java_and_jar()
    bad = tmp_path / "known-bad.html"
    bad.write_text(KNOWN_BAD, encoding="utf-8")
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 100, "the sample site should have every page kind in both languages"

    errors, elapsed = run_vnu(java, [site, bad])
    print(f"\nW3C Nu checker: {len(pages)} pages in {elapsed:.1f} s")

    on_bad = [m for m in errors if m.get("url", "").endswith("/known-bad.html")]
    assert on_bad, "the checker did not refuse a page with tabindex=\"\": is it checking anything?"
    on_site = [m for m in errors if m not in on_bad]
    assert not on_site, f"{len(on_site)} HTML errors:\n" + "\n".join(
        f"{where(m, site)}: {m.get('message')}" for m in on_site)


# Material's template -> the replacements our copy makes (and nothing else)
OVERRIDES = {
    "base.html": [
        ('    <input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">\n'
         '    <input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search" autocomplete="off">\n',
         '    {% set toc_toggle = namespace(rendered=false) %}\n'
         '    <form id="__toggles" autocomplete="off" hidden></form>\n'
         '    <input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" form="__toggles">\n'
         '    <input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search" form="__toggles">\n'),
    ],
    "partials/nav-item.html": [
        ('        {% if not index %}\n'
         '          {% set tabindex = "0" if not is_section %}\n'
         '          <label class="md-nav__link" for="{{ path }}" id="{{ path }}_label" tabindex="{{ tabindex }}">',
         '        {% if not index %}\n'
         '          <label class="md-nav__link" for="{{ path }}" id="{{ path }}_label"'
         '{% if not is_section %} tabindex="0"{% endif %}>'),
        ('            {% if nav_item.children | length > 1 %}\n'
         '              {% set tabindex = "0" if not is_section %}\n'
         '              <label class="md-nav__link {{ class }}" for="{{ path }}" id="{{ path }}_label" '
         'tabindex="{{ tabindex }}">',
         '            {% if nav_item.children | length > 1 %}\n'
         '              <label class="md-nav__link {{ class }}" for="{{ path }}" id="{{ path }}_label"'
         '{% if not is_section %} tabindex="0"{% endif %}>'),
        ('      <input class="md-nav__toggle md-toggle" type="checkbox" id="__toc">\n',
         '      <input class="md-nav__toggle md-toggle" type="checkbox" id="__toc">\n'
         '      {% set toc_toggle.rendered = true %}\n'),
    ],
    "partials/toc.html": [
        ('    <label class="md-nav__title" for="__toc">',
         '    <label class="md-nav__title"{% if toc_toggle.rendered %} for="__toc"{% endif %}>'),
    ],
}


@pytest.mark.parametrize("name", sorted(OVERRIDES))
def test_overrides_are_materials_but_for_the_fixes(name: str):
    import material

    original = (Path(material.__file__).parent / "templates" / name).read_text("utf-8")
    generated = "{#-\n  This file was automatically generated - do not edit\n-#}\n"
    assert original.startswith(generated)
    expected = original[len(generated):]
    for old, new in OVERRIDES[name]:
        assert expected.count(old) == 1, f"Material's {name} changed: copy it again and redo the fixes ({old!r})"
        expected = expected.replace(old, new)
    ours = (OURS / name).read_text("utf-8")
    assert ours.startswith("{#-"), f"{name}: our copy starts with a comment naming its differences"
    body = ours[ours.index("-#}\n") + len("-#}\n"):]
    assert body == expected, f"{name} differs from Material's by more than the fixes"


# The fixes change no behaviour: the toggles Material's script and our
# site.js bind to work as before, in Chromium on a phone (360 px)

@pytest.mark.browser
def test_drawer_and_search_open_and_close_by_their_labels(page):
    page.goto("tentang/visi-misi/")
    page.wait_for_load_state("networkidle")
    drawer = ".md-sidebar--primary"
    assert not page.is_checked("#__drawer")
    page.click("label.md-header__button[for=__drawer]")
    page.wait_for_function(f"() => document.querySelector({drawer!r}).getBoundingClientRect().left >= 0")
    assert page.is_checked("#__drawer")
    assert page.get_by_role("button", name="Menu").get_attribute("aria-expanded") == "true"
    page.mouse.click(340, 400)  # the overlay: a label for the drawer's toggle
    page.wait_for_function(f"() => document.querySelector({drawer!r}).getBoundingClientRect().right <= 0")
    assert not page.is_checked("#__drawer")
    assert page.get_by_role("button", name="Menu").get_attribute("aria-expanded") == "false"

    page.click("label.md-header__button[for=__search]")
    page.wait_for_function("() => document.activeElement.matches('.md-search__input')")
    assert page.is_checked("#__search")
    assert page.locator(".md-search__input").is_visible()


@pytest.mark.browser
def test_table_of_contents_opens_and_closes_in_the_drawer(page):
    page.goto("tentang/visi-misi/")
    page.wait_for_load_state("networkidle")
    page.click("label.md-header__button[for=__drawer]")
    page.wait_for_function("() => document.querySelector('.md-sidebar--primary').getBoundingClientRect().left >= 0")
    toc = ".md-nav--primary .md-nav--secondary"
    assert not page.is_checked("#__toc")
    page.click(".md-nav--primary label.md-nav__link--active[for=__toc]")
    page.wait_for_function(f"""() => {{ const r = document.querySelector({toc!r}).getBoundingClientRect();
        return r.left >= 0 && r.right <= 360 && r.height > 0 }}""")
    assert page.is_checked("#__toc")
    assert page.locator(f"{toc} [data-md-component=toc] a").first.is_visible()
    page.click(f"{toc} label.md-nav__title[for=__toc]")  # back
    page.wait_for_function(f"""() => document.querySelector({toc!r}).getBoundingClientRect().left >=
        document.querySelector('.md-sidebar--primary').getBoundingClientRect().right""")  # slid out again
    assert not page.is_checked("#__toc")


@pytest.mark.browser
def test_coming_back_does_not_reopen_the_drawer(browser, server):
    """A browser that keeps form state across history (Chromium and Firefox
    do, without a page cache) does not restore the toggles: Material's
    autocomplete="off" did that on the inputs, the form they belong to does it
    now. Without JavaScript, so that only the browser's restoring counts."""
    from conftest import site_context

    context = site_context(browser, server, viewport={"width": 360, "height": 740}, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto("tentang/visi-misi/")
        page.click("label.md-header__button[for=__drawer]")
        assert page.is_checked("#__drawer")
        page.click(".md-sidebar--primary a[href$='wilayah/']")
        page.wait_for_url("**/tentang/wilayah/")
        page.go_back()
        page.wait_for_url("**/tentang/visi-misi/")
        assert not page.is_checked("#__drawer")
    finally:
        context.close()
