#!/usr/bin/env python3
"""`make lighthouse`: Lighthouse (mobile preset) on one page of every kind, in Debian's Chromium.

Builds the site, serves it on 127.0.0.1 with gzip (as any real host would),
runs Lighthouse 12 from the npm registry (installed under
scripts/lighthouse/node_modules by `npm ci`), and prints for each page the
performance and accessibility scores and the bytes transferred before
photos, then a summary against the targets (performance >= 0.95,
accessibility 1.00). A benchmark: it prints figures and never fails on them.

Usage: lighthouse.py [URL-PATH ...]   (default: one page of every kind)
"""

from __future__ import annotations

import functools
import gzip
import http.server
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TOOL = ROOT / "scripts" / "lighthouse"
# One page of every kind (the same kinds the accessibility tests walk)
DEFAULT_PAGES = [
    "/", "/produk/", "/produk/sintang/kain-kebat/", "/produk/kategori/tenun/", "/wilayah/kalimantan/",
    "/produk/cari/?q=tenun", "/produk/daftar-tanya/", "/jarpuk/", "/jarpuk/sintang/", "/jarpuk/sintang/katalog/",
    "/produsen/sintang/rupina/", "/wilayah/", "/cerita/", "/cerita/pada-kerja-kami-percaya/",
    "/cerita/pada-kerja-kami-percaya/rupina/", "/berita/", "/berita/archive/2013/", "/berita/category/jawa/",
    "/berita/2013/06/03/asppuk-nusa-tenggara-dan-jarpuk-lombok-tengah/", "/laporan/", "/laporan/2011/",
    "/tentang/", "/tentang/anggota/", "/angka/",
    # the English edition's kinds
    "/en/", "/en/products/", "/en/products/sintang/kain-kebat/", "/en/products/search/?q=weaving",
    "/en/networks/sintang/catalogue/", "/en/makers/sintang/rupina/", "/en/about/", "/en/figures/",
    "/en/stories/pada-kerja-kami-percaya/rupina/", "/en/news/2013-06-03-asppuk-nusa-tenggara/",
]
TARGETS = {"performance": 0.95, "accessibility": 1.0}
COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt")


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, gzip-compressed for text types when the client asks."""

    def log_message(self, *args):
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if (
            path.suffix in COMPRESSIBLE
            and path.is_file()
            and "gzip" in self.headers.get("Accept-Encoding", "")
        ):
            body = gzip.compress(path.read_bytes(), 6)
            self.send_response(200)
            self.send_header("Content-Type", self.guess_type(str(path)))
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            return _Body(body)
        return super().send_head()


class _Body:
    def __init__(self, data: bytes):
        self.data = data

    def read(self, *_):
        data, self.data = self.data, b""
        return data

    def close(self):
        pass


def ensure_tool() -> Path:
    binary = TOOL / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        npm = shutil.which("npm")
        if npm is None:
            sys.exit("npm is needed for Lighthouse: apt-get install npm")
        command = "ci" if (TOOL / "package-lock.json").exists() else "install"
        subprocess.run([npm, command, "--no-audit", "--no-fund"], cwd=TOOL, check=True)
    return binary


def main() -> None:
    pages = sys.argv[1:] or DEFAULT_PAGES
    chromium = shutil.which("chromium")
    if chromium is None:
        sys.exit("Debian's chromium is needed: make browser")
    binary = ensure_tool()
    with tempfile.TemporaryDirectory(prefix="asppuk-lh-") as tmp:
        site = Path(tmp) / "site"
        handler = functools.partial(GzipHandler, directory=str(site))
        httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        base = f"http://127.0.0.1:{httpd.server_address[1]}"
        # Built for the address it is served at: each page's Content-Security-Policy
        # names the site's script files by their full address (mkdocs.yml: site_url)
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "ASPPUK_SITE_URL": base + "/"}
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site)], cwd=ROOT, check=True, env=env)
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        scores: list[tuple[str, float, float]] = []
        try:
            for page in pages:
                report = Path(tmp) / "report.json"
                subprocess.run(
                    [str(binary), base + page, "--quiet", "--output=json", f"--output-path={report}",
                     "--only-categories=performance,accessibility", f"--chrome-path={chromium}",
                     "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run "
                     "--disable-background-networking --disable-component-update --disable-sync"],
                    check=True, env={**env, "CHROME_PATH": chromium},
                )
                scores.append(summarise(page, json.loads(report.read_text("utf-8"))))
        finally:
            httpd.shutdown()
        print(f"\n{len(scores)} pages. Targets: performance >= {TARGETS['performance']}, accessibility "
              f"{TARGETS['accessibility']:.2f}")
        for name, index in (("performance", 1), ("accessibility", 2)):
            values = [s[index] for s in scores]
            below = [f"{s[0]} ({s[index]:.2f})" for s in scores if s[index] < TARGETS[name]]
            print(f"  {name}: lowest {min(values):.2f}, median {sorted(values)[len(values) // 2]:.2f}; "
                  f"below target: {', '.join(below) or 'none'}")


def summarise(page: str, report: dict) -> tuple[str, float, float]:
    cats = report["categories"]
    requests = report["audits"]["network-requests"]["details"]["items"]
    before_photos = sum(r.get("transferSize", 0) for r in requests if r.get("resourceType") != "Image")
    photos = sum(r.get("transferSize", 0) for r in requests if r.get("resourceType") == "Image")
    biggest = sorted(requests, key=lambda r: -r.get("transferSize", 0))[:4]
    print(f"{page}: performance {cats['performance']['score']:.2f}, accessibility {cats['accessibility']['score']:.2f}, "
          f"{before_photos / 1024:.0f} KB transferred before photos (+{photos / 1024:.0f} KB photos), "
          f"{len(requests)} requests")
    for r in biggest:
        print(f"    {r.get('transferSize', 0) / 1024:6.1f} KB  {r['url'].split('/', 3)[-1]}")
    for ref in cats["accessibility"]["auditRefs"] + cats["performance"]["auditRefs"]:
        audit = report["audits"][ref["id"]]
        if ref.get("weight") and audit.get("score") is not None and audit["score"] < 0.9:
            print(f"    to improve: {ref['id']} ({audit['score']:.2f}): {audit['title']}")
            for item in (audit.get("details") or {}).get("items", [])[:3]:
                node = item.get("node") or {}
                if node:
                    print(f"        {node.get('selector', '')}: {node.get('explanation', '').splitlines()[-1][:160]}")
    return page, cats["performance"]["score"], cats["accessibility"]["score"]


if __name__ == "__main__":
    main()
