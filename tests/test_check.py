"""`make check`: every problem at once, exit codes, GitHub annotations."""

from __future__ import annotations

import subprocess
import sys

from conftest import MINI, ROOT, write_tree


def run_check(root, *extra):
    return subprocess.run([sys.executable, str(ROOT / "scripts/check.py"), "--root", str(root), *extra],
                          capture_output=True, text=True)


def test_sample_data_is_fine():
    result = run_check(ROOT)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Data baik: 15 produk")
    # the product feeds' to-do, after the verdict (the sample has no photos yet)
    assert "produk belum masuk semua feed produk (Google Merchant Center" in result.stdout
    assert "belum ada harga (`price`), tidak masuk feed mana pun: pua-kumbu.yml" in result.stdout
    assert "Catatan (bukan kesalahan)" not in run_check(ROOT, "--no-feeds", "--no-translations").stdout


def test_problems_exit_1_with_annotations(tmp_path):
    write_tree(tmp_path / "products", {**MINI, "desa/kain.yml": MINI["desa/kain.yml"].replace("750000", "50.000")})
    write_tree(tmp_path / "data", {"members.yml": "- id: jawa\n  name: Jawa\n  members: 12\n",
                                   "figures.yml": "ngos: 58\nprovinces: 22\nregions: 5\njarpuk: 64\n"})
    result = run_check(tmp_path, "--github")
    assert result.returncode == 1
    assert "products/desa/kain.yml:5: `price` ditulis `50.000`" in result.stderr
    assert result.stdout.startswith("::error file=products/desa/kain.yml,line=5,title=Data perlu diperbaiki::`price` ditulis")
