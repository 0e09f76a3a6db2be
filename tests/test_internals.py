"""The private internals the speed tricks use are in one module, verified
against the versions installed (asppuk/mkdocs_catalog/internals.py)."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

from jinja2 import DictLoader, Environment

from asppuk.mkdocs_catalog import internals

ROOT = Path(__file__).resolve().parents[1]
PRIVATE = re.compile(r"_build_page|forkserver\._|\._stack\b|\._depth\b|context\.blocks\b|_norm_parts|\.new_context\(|environment\.concat")


def test_the_installed_versions_are_the_verified_ones():
    """A new MkDocs, Material, Jinja or Python: run tests/test_tricks.py,
    read the internals below in the new version, then update VERIFIED."""
    assert internals.installed() == internals.VERIFIED


def test_no_other_module_reaches_an_internal():
    for path in sorted((ROOT / "plugins/asppuk").rglob("*.py")):
        if path.name != "internals.py":
            text = path.read_text("utf-8")
            assert not PRIVATE.search(text), (path, PRIVATE.search(text)[0])


def test_mkdocs_page_builder_and_url_cache_are_there():
    from mkdocs import utils
    from mkdocs.commands import build

    parameters = list(inspect.signature(build._build_page).parameters)
    assert parameters[:5] == ["page", "config", "doc_files", "nav", "env"]
    assert callable(utils._norm_parts.cache_clear)


def test_forkserver_is_one_server_whose_methods_are_the_module_functions():
    import multiprocessing.forkserver as forkserver

    assert hasattr(forkserver, "_forkserver") and isinstance(forkserver._forkserver, forkserver.ForkServer)
    for name in ("ensure_running", "get_inherited_fds", "connect_to_new_process", "set_forkserver_preload"):
        assert getattr(forkserver, name).__self__ is forkserver._forkserver, name


def test_a_block_rendered_alone_gives_what_the_page_gives():
    env = Environment(loader=DictLoader({
        "base.html": "<h1>{% block title %}{{ name }}{% endblock %}</h1>",
        "page.html": '{% extends "base.html" %}{% block title %}[{{ keep(super) }}]{% endblock %}',
    }))
    kept = {}

    def keep(block):
        kept["chain"], kept["depth"] = internals.block_chain(block)
        return block()

    template = env.get_template("page.html")
    assert template.render(name="Kain", keep=keep) == "<h1>[Kain]</h1>"
    context = template.new_context({"name": "Tenun", "keep": keep})
    blocks = internals.blocks_of(context)
    again = internals.new_context(template, {"name": "Tenun", "keep": keep}, blocks)
    assert internals.render_block(template, again, kept["chain"], kept["depth"]) == "Tenun"


def test_material_imports_with_context_only_what_internals_names():
    """A block rendered on its own makes these per page (skeleton.py)."""
    import material

    base = (Path(material.__file__).parent / "templates" / "base.html").read_text("utf-8")
    ours = (ROOT / "plugins/asppuk/mkdocs_theme/templates/main.html")
    found = {}
    for text in (base, ours.read_text("utf-8") if ours.exists() else ""):
        for source, name in re.findall(r'{%-?\s*import\s+"([^"]+)"\s+as\s+(\w+)\s+with context', text):
            found[name] = source
    assert found == internals.WITH_CONTEXT
