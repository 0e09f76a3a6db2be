"""Catalogue pages rendered into the skeleton of their kind and folder
(asppuk/mkdocs_catalog/skeleton.py) are the pages a full render gives."""

from __future__ import annotations

import logging
import os
import re
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

from jinja2 import DictLoader, Environment

from asppuk.mkdocs_catalog.skeleton import Skeletons
from conftest import copy_project


def _build(project: Path, site: Path, checks: int) -> str:
    config = (project / "mkdocs.yml").read_text("utf-8")
    config = re.sub(r"\n      skeleton_checks: -?\d+", "", config)
    config = config.replace("      data_dir: products\n", f"      data_dir: products\n      skeleton_checks: {checks}\n")
    (project / "mkdocs.yml").write_text(config, "utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"),
                             "-d", str(site)], capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stderr


def test_every_page_rendered_into_a_skeleton_equals_a_full_render(tmp_path):
    """The sample site with skeletons trusted after one page per kind and
    folder, against one that renders every catalogue page in full: the same
    files, and every page byte for byte the same (head, title, header with
    its skip link and language switch, landmarks, labels, content)."""
    project = copy_project(tmp_path / "project")
    quick, full = tmp_path / "quick", tmp_path / "full"
    log = _build(project, quick, checks=1)
    assert "rendered in full (the skeleton did not give" not in log
    counts = dict(re.findall(r"(\w+) (\d+)", re.search(r"rendered into the skeleton of their kind and folder "
                                                        r"\(([^)]*)\)", log)[1]))
    # every kind with more than one page in a folder: products, producers,
    # listing pages (category, region), in both languages
    assert set(counts) == {"listing", "producer", "product"} and all(int(n) > 0 for n in counts.values()), log
    assert "rendered into the skeleton" not in _build(project, full, checks=0)

    files = lambda root: sorted(str(p.relative_to(root)) for p in root.rglob("*")  # noqa: E731
                                if p.is_file() and p.parts[len(root.parts)] != "pagefind")
    assert files(quick) == files(full)
    pages = [p.relative_to(quick) for p in quick.rglob("*.html")]
    assert len(pages) > 100
    for page in pages:
        assert (quick / page).read_bytes() == (full / page).read_bytes(), page
    # what a keyboard and a screen reader use is there, on the pages of
    # every kind that were rendered into a skeleton
    for url in ("produk/padang", "en/products/padang", "produsen/lombok-tengah", "produk/kategori"):
        for html in (p.read_text("utf-8") for p in (quick / url).glob("*/index.html")):
            assert html.count('class="md-skip"') == 1 and 'href="#isi"' in html
            assert 'id="isi"' in html and '<main class="md-main"' in html and "<footer" in html
            assert re.search(r'<nav class="md-header__inner md-grid" aria-label="[^"]+"', html)
            assert re.search(r'<nav class="md-nav md-nav--primary[^"]*" aria-label="[^"]+"', html)
            assert html.count("<title>") == 1 and html.count("<h1") == 1


# A kind of page built like ours: a base with Material's blocks, the
# catalogue's page.html (puk_part around the four blocks of a page), a kind
TEMPLATES = {
    "base.html": "<html>{% block site_meta %}<meta d='{{ page.meta.description }}'>{% endblock %}"
                 "{% block htmltitle %}<title>{{ page.meta.title }}</title>{% endblock %}"
                 "{% block extrahead %}{% endblock %}{% set features = ['a'] %}"
                 "<header>{{ page.meta.title }}|{{ page.meta.alternate_href }}|{{ outer }}</header>"
                 "{% block container %}<main>{% block content %}{% endblock %}</main>{% endblock %}</html>",
    "page.html": '{% extends "base.html" %}'
                 '{% block site_meta %}{{ puk_part("site_meta", super) }}{% endblock %}'
                 '{% block htmltitle %}{{ puk_part("htmltitle", super) }}{% endblock %}'
                 '{% block extrahead %}{{ puk_part("extrahead", self.puk_head) }}{% endblock %}'
                 "{% block puk_head %}{% endblock %}"
                 '{% block container %}{{ puk_part("container", super) }}{% endblock %}',
    "macros.html": "{% macro b(x) %}<b>{{ x }}</b>{% endmacro %}",
    "kind.html": '{% extends "page.html" %}{% import "macros.html" as m %}'
                 "{% block puk_head %}{{ super() }}<meta og='{{ name }}'>{% endblock %}"
                 "{% block content %}{{ m.b(name) }}{{ features | join }}{% endblock %}",
}


def _env() -> Environment:
    env = Environment(loader=DictLoader(TEMPLATES), autoescape=True)
    env.globals["puk_part"] = Skeletons.part
    return env


def _page(n: int) -> SimpleNamespace:
    meta = {"title": f"Kain <{n}>", "description": f"d{n} & co", "alternate_href": f"../en/{n}/"}
    return SimpleNamespace(meta=meta, url=f"produk/j/{n}/")


def test_a_skeleton_is_trusted_only_after_its_checks_and_gives_what_a_full_render_gives():
    env = _env()
    skeletons = Skeletons(env, checks=2)
    plain = env.get_template("kind.html")
    for n in range(6):
        page = _page(n)
        variables = {"page": page, "name": f"Nama '{n}'", "outer": "same"}
        expected = plain.render(variables)
        assert skeletons.render(variables, page, "kind.html", "produk/j") == expected
        assert page.meta == _page(n).meta  # the markers are gone from the page's meta
    assert skeletons.from_skeleton["kind.html"] == 4 and skeletons.in_full == 2
    assert "Kain &lt;5&gt;|../en/5/|same" in expected and "<b>Nama &#39;5&#39;</b>a" in expected
    # a page outside the folders that share Material's blocks is rendered in full
    page = _page(9)
    variables = {"page": page, "name": "x", "outer": "same"}
    assert skeletons.render(variables, page, "kind.html", None) == plain.render(variables)
    assert skeletons.from_skeleton["kind.html"] == 4 and skeletons.in_full == 3
    # and checks = 0: every page in full
    never = Skeletons(env, checks=0)
    for n in range(3):
        variables = {"page": _page(n), "name": "x", "outer": "same"}
        assert never.render(variables, variables["page"], "kind.html", "produk/j") == plain.render(variables)
    assert not never.from_skeleton


def test_a_page_that_differs_outside_its_four_blocks_keeps_its_folder_in_full(caplog):
    """A kind and folder whose pages differ outside the four blocks (here in
    the header) is refused at its checks, and rendered in full from then on."""
    caplog.set_level(logging.INFO)
    env = _env()
    skeletons = Skeletons(env, checks=2)
    plain = env.get_template("kind.html")
    for n in range(5):
        page = _page(n)
        variables = {"page": page, "name": "x", "outer": f"not the same {n}"}
        assert skeletons.render(variables, page, "kind.html", "produk/j") == plain.render(variables)
    assert not skeletons.from_skeleton and skeletons.in_full == 5
    assert "kind.html in produk/j/ are rendered in full" in caplog.text
