"""The house rules that keep the core portable."""

import ast
import subprocess
import sys
from pathlib import Path

import asppuk
from asppuk.catalog.views import Pager

PACKAGE = Path(asppuk.__file__).parent
ROOT = PACKAGE.parent.parent
# The foundation for data files: every domain (catalog, news, stories, network, staff...) builds on it
FOUNDATION = ("asppuk.datafiles.yamlfile", "asppuk.datafiles.problems", "asppuk.datafiles.schema")


def test_cores_do_not_import_mkdocs():
    code = (
        "import sys, asppuk.catalog, asppuk.catalog.pages, asppuk.catalog.feeds, asppuk.stories, asppuk.check, asppuk.build, asppuk.deploy,"
        " asppuk.deploy.config, asppuk.links, asppuk.preview;"
        "print([m for m in sys.modules if m.split('.')[0] in ('mkdocs', 'material')])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_the_data_files_foundation_imports_no_domain():
    """asppuk.datafiles stands under the domains: importing it loads nothing of asppuk
    but itself (not the catalogue nor any other domain), and no MkDocs."""
    code = f"import sys, {', '.join(FOUNDATION)}; print(sorted(m for m in sys.modules if m.split('.')[0] in ('asppuk', 'mkdocs', 'material')))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = eval(out.stdout)  # a printed list of names
    assert loaded and all(m == "asppuk" or m.startswith("asppuk.datafiles") for m in loaded), loaded


def _imports(file: Path) -> set[str]:
    """Modules ``file`` imports, relative imports made absolute (``from x import y`` gives x and x.y)."""
    package = file.relative_to(PACKAGE.parent).parts[:-1] if file.is_relative_to(PACKAGE) else ()
    names = set()
    for node in ast.walk(ast.parse(file.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = ".".join(package[: len(package) - node.level + 1] + ((node.module,) if node.module else ())) \
                if node.level else node.module
            names.add(base)
            names.update(f"{base}.{alias.name}" for alias in node.names)
    return names


def test_data_files_have_one_home():
    """YAML with lines, problems and schemas live in asppuk.datafiles only: the catalogue's
    old modules are gone, and nothing (plugins, scripts, tests) imports them."""
    for name in ("yamlfile", "problems", "schema"):
        assert not (PACKAGE / "catalog" / f"{name}.py").exists()
    assert not (PACKAGE / "catalog" / "schemas").exists()
    gone = {f"asppuk.catalog.{name}" for name in ("yamlfile", "problems", "schema")}
    files = [*PACKAGE.rglob("*.py"), *(ROOT / "scripts").rglob("*.py"), *(ROOT / "tests").rglob("*.py")]
    found = {str(f.relative_to(ROOT)): sorted(_imports(f) & gone) for f in files}
    assert {f: names for f, names in found.items() if names} == {}


def test_deploy_plan_needs_no_storage_library():
    """The plan and the file kinds are plain data: they are tested without a server."""
    code = "import sys, asppuk.deploy.plan, asppuk.deploy.kinds; print([m for m in sys.modules if m.startswith(('boto', 'mkdocs'))])"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_pager_keeps_first_last_and_neighbours():
    pager = Pager(page=10, pages=40, kind="category", key="tenun")
    numbers = [item[0] if item else None for item in pager.numbers]
    assert numbers == [1, None, 8, 9, 10, 11, 12, None, 40]
    assert pager.previous == "produk/kategori/tenun/halaman/9/"
    assert Pager(1, 1, "region", "jawa").numbers == [(1, "wilayah/jawa/")]


def _plugin_classes() -> dict:
    from importlib.metadata import entry_points
    return {ep.name: ep.load() for ep in entry_points(group="mkdocs.plugins") if ep.name.startswith("asppuk-")}


def test_plugins_ask_each_other_through_declared_contracts():
    """A plugin asks for what another offers by contract (asppuk.contracts),
    not by name and attribute. The one exception left: the catalogue hands
    its pages to the search plugin's indexer (issue 27, next step)."""
    import re as _re
    asked_by_name = set()
    for path in sorted((ROOT / "plugins/asppuk").glob("mkdocs_*/**/*.py")):
        for name in _re.findall(r'config\.plugins\.get\("(asppuk-[a-z]+)"\)', path.read_text("utf-8")):
            asked_by_name.add((path.parent.name, name))
    assert asked_by_name == {("mkdocs_catalog", "asppuk-search")}


def test_each_contract_is_kept_and_ready_before_it_is_read():
    from asppuk.contracts import READERS, READY
    classes = _plugin_classes()
    ready_at = {}
    for contract, name, hook, priority in READY:
        plugin = classes[name]()
        assert isinstance(plugin, contract), (name, contract)
        assert getattr(getattr(classes[name], hook), "mkdocs_priority", 0) == priority, (name, hook)
        ready_at[contract] = priority
    for name, priority, contracts in READERS:
        assert getattr(classes[name].on_files, "mkdocs_priority", 0) == priority, name
        for contract in contracts:
            assert priority < ready_at[contract], (name, contract)
