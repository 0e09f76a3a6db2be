"""The house rules that keep the core portable."""

import subprocess
import sys

from asppuk.catalog.pages import Pager


def test_cores_do_not_import_mkdocs():
    code = (
        "import sys, asppuk.catalog, asppuk.catalog.pages, asppuk.catalog.feeds, asppuk.stories, asppuk.check, asppuk.build, asppuk.deploy,"
        " asppuk.deploy.config, asppuk.links, asppuk.preview;"
        "print([m for m in sys.modules if m.split('.')[0] in ('mkdocs', 'material')])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


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
