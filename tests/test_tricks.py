"""The catalogue's speed tricks change how pages are made, never what they are.

Every page of the sample site plus a generated catalogue, built as shipped
(the helper process forced on: this site is below its threshold) and with
every trick off by its option, compared byte for byte, with what a keyboard
and a screen reader use checked on each kind of page; then each trick made
to fail: the build falls back to the plain path, says so once, and writes
the same site. (``make bench-tricks`` measures what each trick saves.)
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, copy_project

sys.path.insert(0, str(ROOT / "scripts"))
from bench_tricks import TRICKS, compared, variant  # noqa: E402
from generate_catalog import generate_beside  # noqa: E402

GENERATED = 40  # products beside the sample's: folders with many pages of each kind

# A build as `mkdocs build --strict` runs it, after `PATCH` (Python) has run
_BUILD = """
import sys
{patch}
from mkdocs.__main__ import cli
sys.argv = ["mkdocs", "build", "--strict", "-f", sys.argv[1], "-d", sys.argv[2]]
cli()
"""


def _project(root: Path) -> Path:
    project = copy_project(root)
    generate_beside(project, GENERATED)  # beside the sample JarPUK
    return project


def _build(config: Path, site: Path, patch: str = "") -> str:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([sys.executable, "-c", _BUILD.format(patch=patch), str(config), str(site)],
                            capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stderr


def _files(site: Path) -> dict[str, bytes]:
    """Every file the bench compares (Pagefind's index and the time-stamped RSS feeds aside)."""
    return {str(p.relative_to(site)): p.read_bytes() for p in site.rglob("*") if compared(p, site)}


def _same(site: Path, plain: dict[str, bytes]) -> None:
    built = _files(site)
    assert sorted(built) == sorted(plain)
    different = [name for name in plain if built[name] != plain[name]]
    assert different == [], different[:10]


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    root = tmp_path_factory.mktemp("tricks")
    project = _project(root / "project")
    shipped = variant(project, "shipped", ["parallel_pages: 0"])
    plain = variant(project, "plain", list(TRICKS.values()))
    logs = {"plain": _build(plain, root / "plain"), "shipped": _build(shipped, root / "shipped")}
    return root, project, shipped, logs


def test_every_page_is_the_same_with_every_trick_off(sites):
    root, _project_dir, _config_path, logs = sites
    plain = _files(root / "plain")
    _same(root / "shipped", plain)
    # the tricks did run in the shipped build, and none in the plain one
    assert re.search(r"catalogue pages: [\d,]+ of [\d,]+ built by a second process", logs["shipped"])
    counts = dict(re.findall(r"(\w+) ([\d,]+)", re.search(
        r"rendered into the skeleton of their kind and folder \(([^)]*)\)", logs["shipped"])[1]))
    assert {"producer", "product"} <= set(counts)
    assert "second process" not in logs["plain"] and "skeleton" not in logs["plain"]
    # every kind of catalogue page, in both languages, and what a keyboard
    # and a screen reader use on each: one skip link to the content, the
    # landmarks, a labelled search and language switch
    kinds = {"produk/jarpuk-00", "produsen/jarpuk-00", "produk/kategori", "jarpuk", "wilayah",
             "en/products/jarpuk-00", "en/makers/jarpuk-00", "en/products/category", "en/networks", "en/regions"}
    seen = set()
    for name, data in plain.items():
        parts = name.split("/")
        folder = "/".join(parts[:-2])
        if name.endswith("index.html") and folder in kinds:
            seen.add(folder)
            html = data.decode("utf-8")
            assert html.count('class="md-skip"') == 1 and 'href="#isi"' in html, name
            assert 'id="isi"' in html and '<main class="md-main"' in html and "<footer" in html, name
            assert 'role="search"' in html or "md-search" in html or "puk-search" in html, name
    assert seen == kinds


FAILING_HELPER = """
from asppuk.mkdocs_catalog import parallel
start = parallel.Helper.start
def failing_start(self):
    build = self.build
    def build_then_fail(page, count=[0]):
        count[0] += 1
        if count[0] > 3:
            raise RuntimeError("a page the helper could not build")
        build(page)
    self.build = build_then_fail
    start(self)
parallel.Helper.start = failing_start
"""

DIFFERENT_HELPER = """
from asppuk.mkdocs_catalog import parallel
start = parallel.Helper.start
def different_start(self):
    build = self.build
    def build_differently(page):
        build(page)
        with open(page.file.abs_dest_path, "a", encoding="utf-8") as out:
            out.write("<!-- not what this process writes -->")
    self.build = build_differently
    start(self)
parallel.Helper.start = different_start
"""

FAILING_SKELETON = """
from asppuk.mkdocs_catalog import skeleton
def fail(*args, **kwargs):
    raise KeyError("a block the skeleton could not find")
skeleton.Skeletons._learn = fail
"""


def _helper_falls_back(sites, site: Path, patch: str, reason: str) -> None:
    """The helper, changed by ``patch``, fails for ``reason``: said once, and
    the build writes the site a build without tricks writes."""
    root, _project_dir, shipped, _logs = sites
    log = _build(shipped, site, patch)
    said = re.findall(r"the second process failed \((.*)\); its ([\d,]+) pages are built in this process", log)
    assert len(said) == 1 and reason in said[0][0], log[-2000:]
    _same(site, _files(root / "plain"))


def test_a_helper_process_that_fails_leaves_its_pages_to_the_build(sites, tmp_path):
    _helper_falls_back(sites, tmp_path / "site", FAILING_HELPER, "a page the helper could not build")


def test_a_helper_process_whose_pages_differ_leaves_them_to_the_build(sites, tmp_path):
    """Checked live: the helper's first page of each kind and folder against
    what this process gives for it."""
    _helper_falls_back(sites, tmp_path / "site", DIFFERENT_HELPER, "came out different from a build in this process")


def test_a_skeleton_that_fails_leaves_its_pages_to_a_full_render(sites, tmp_path):
    root, _project_dir, shipped, _logs = sites
    log = _build(shipped, tmp_path / "site", FAILING_SKELETON)
    assert len(re.findall(r"learning its skeleton failed: KeyError", log)) == 1, log[-2000:]
    assert "rendered into the skeleton" not in log
    _same(tmp_path / "site", _files(root / "plain"))
