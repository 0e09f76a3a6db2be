"""`mkdocs serve` shows data problems and keeps serving the rest of the site."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request

from conftest import MINI, write_tree
from test_build import MINI_MKDOCS


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str, deadline: float) -> str:
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.read().decode("utf-8")
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


def test_serve_reports_problems_and_keeps_serving(tmp_path):
    write_tree(tmp_path, {"mkdocs.yml": MINI_MKDOCS, "content/index.md": "# Beranda\n"})
    write_tree(tmp_path / "products", MINI)
    write_tree(tmp_path / "products", {"desa/rusak.yml": "name: Rusak\nprice: 50.000\n"})
    port = free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--no-livereload", "-a", f"127.0.0.1:{port}",
         "-f", str(tmp_path / "mkdocs.yml")],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env,
    )
    try:
        deadline = time.monotonic() + 60
        catalogue = fetch(f"http://127.0.0.1:{port}/produk/", deadline)
        assert "masalah pada data katalog" in catalogue
        assert "products/desa/rusak.yml:2" in catalogue
        # the valid product is still there to preview
        assert "Kain" in fetch(f"http://127.0.0.1:{port}/produk/desa/kain/", deadline)
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=20)
    assert "products/desa/rusak.yml:2: `price` ditulis `50.000`" in output
