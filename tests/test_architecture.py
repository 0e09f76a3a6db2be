"""The house rules that keep the core portable."""

import ast
import re
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
    never by name, and reads no other plugin's private attributes."""
    for path in sorted((ROOT / "plugins/asppuk").glob("mkdocs_*/**/*.py")):
        text = path.read_text("utf-8")
        assert not re.findall(r'config\.plugins\.get\("asppuk-', text), path
        # another object's private attribute, other than our own (self._x, cls._x)
        foreign = [m for m in re.findall(r"\b(\w+)\._(?!_)[a-z]\w*\b", text)
                   if m not in {"self", "cls", "os", "sys"}]
        allowed = {"internals.py"}  # the speed tricks' one door to MkDocs', Jinja's and Python's internals
        assert path.name in allowed or not [m for m in foreign if m in {"plugin", "collector", "search", "source"}], \
            (path, foreign)


def _plugin_classes() -> dict:
    from importlib.metadata import entry_points
    return {ep.name: ep.load() for ep in entry_points(group="mkdocs.plugins") if ep.name.startswith("asppuk-")}


HOOKS = ("on_startup", "on_shutdown", "on_serve", "on_config", "on_pre_build", "on_files", "on_nav", "on_env",
         "on_post_build", "on_build_error", "on_pre_template", "on_template_context", "on_post_template",
         "on_pre_page", "on_page_read_source", "on_page_markdown", "on_page_content", "on_page_context",
         "on_post_page")


def _priority(cls, hook: str) -> int:
    method = getattr(cls, hook, None)
    if method is None:
        return 0
    methods = getattr(method, "methods", None)  # CombinedEvent: the one with a priority of its own
    if methods is not None:
        return next((m.mkdocs_priority for m in methods if hasattr(m, "mkdocs_priority")), 0)
    return getattr(method, "mkdocs_priority", 0)


def test_every_hook_priority_is_stated_once_in_the_order_table():
    """No plugin sets a priority of its own: each hook of ours that has one
    takes it from contracts.ORDER, and every entry there is a real hook."""
    from asppuk.contracts import ORDER
    classes = _plugin_classes()
    for name, cls in classes.items():
        for hook in HOOKS:
            if (name, hook) in ORDER:
                assert getattr(cls, hook, None) is not None, (name, hook)
                assert _priority(cls, hook) == ORDER[name, hook][0], (name, hook)
            else:
                assert _priority(cls, hook) == 0, f"{name}.{hook}: its priority belongs in contracts.ORDER"
    for path in sorted((ROOT / "plugins/asppuk").rglob("*.py")):
        assert "event_priority(-" not in path.read_text("utf-8") and not re.search(
            r"event_priority\(\d", path.read_text("utf-8")), path


def test_each_contract_is_kept_and_ready_before_it_is_read():
    from asppuk.contracts import ORDER, READERS, READY, PageIndexer, PageProblemCollector
    classes = _plugin_classes()
    ready_at = {}
    for contract, name, hook in READY:
        assert isinstance(classes[name](), contract), (name, contract)
        ready_at[contract] = (hook, ORDER[name, hook][0])
    for name, hook, contracts in READERS:
        for contract in contracts:
            assert ready_at[contract][0] == hook and ORDER[name, hook][0] < ready_at[contract][1], (name, contract)
    # read by the catalogue's helper process: offered by the search and security plugins
    assert isinstance(classes["asppuk-search"](), PageIndexer)
    assert isinstance(classes["asppuk-security"](), PageProblemCollector)
