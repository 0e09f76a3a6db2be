"""The deploy refuses what GitHub Pages would refuse: size, biggest folders, where to go next."""

from __future__ import annotations

import subprocess
import sys

from asppuk.sitesize import measure
from conftest import ROOT

SCRIPT = ROOT / "scripts" / "site_size.py"


def _site(root):
    (root / "assets" / "kartu").mkdir(parents=True)
    (root / "assets" / "foto" / "ab").mkdir(parents=True)
    (root / "produk" / "sintang" / "kain").mkdir(parents=True)
    (root / "pagefind").mkdir()
    (root / "assets" / "kartu" / "a.jpg").write_bytes(b"k" * 600_000)
    (root / "assets" / "foto" / "ab" / "480.webp").write_bytes(b"f" * 300_000)
    (root / "produk" / "sintang" / "kain" / "index.html").write_text("h" * 200_000)
    (root / "pagefind" / "x.pf_index").write_bytes(b"p" * 100_000)
    (root / "sitemap.xml").write_text("s" * 1000)
    return root


def test_size_by_kind(tmp_path):
    size = measure(_site(tmp_path))
    assert size.by_kind == {"preview cards": 600_000, "photos": 300_000, "HTML": 200_000,
                            "search index": 100_000, "other": 1000}
    assert size.total == 1_201_000 and size.files == 5
    assert size.biggest_folders()[0] == ("assets", 900_000)


def test_a_site_over_the_limit_fails_with_what_to_do(tmp_path):
    site = _site(tmp_path / "site")
    result = subprocess.run([sys.executable, str(SCRIPT), str(site), "--limit-mb", "1"],
                            capture_output=True, text=True, env={"GITHUB_ACTIONS": "true", "PATH": "/usr/bin:/bin"})
    assert result.returncode == 1
    assert "The built site is 1.1 MB (1,201,000 bytes), over the host's limit of 1.0 MB" in result.stderr
    assert "assets/" in result.stderr and "assets/kartu/" in result.stderr  # the biggest folders
    assert "make deploy" in result.stderr  # where to go next
    assert result.stdout.count("::error title=") == 1  # an annotation on the run's page
    warn = subprocess.run([sys.executable, str(SCRIPT), str(site), "--limit-mb", "1", "--warn-only"],
                          capture_output=True, text=True)
    assert warn.returncode == 0 and "WARNING" in warn.stderr
    fits = subprocess.run([sys.executable, str(SCRIPT), str(site)], capture_output=True, text=True)
    assert fits.returncode == 0 and "preview cards" in fits.stdout


def test_the_deploy_job_checks_the_size_before_uploading():
    workflow = (ROOT / ".github" / "workflows" / "site.yml").read_text("utf-8")
    deploy = workflow[workflow.index("  deploy-pages:"):]
    assert deploy.index("make size") < deploy.index("upload-pages-artifact")
