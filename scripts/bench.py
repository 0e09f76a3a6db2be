#!/usr/bin/env python3
"""`make bench`: build-scale figures for the catalogue (prints, never fails on time).

In a temporary copy of the project it generates N synthetic products (default
10,000; producers and JarPUK in proportion), then measures:

- validation seconds (the core alone, as `make check` runs it);
- `mkdocs build` seconds, peak memory and output size of the real site;
- the same for plain MkDocs + Material building N plain Markdown pages kept
  out of the navigation (the baseline: this very site with the catalogue
  plugin off, so theme, navigation and other plugins are equal), and the
  ratio of the two, in total and per page; and the same ratio to a vanilla
  MkDocs + Material site (their defaults, Material's search plugin on) with
  N plain pages out of the navigation. Warm and baseline builds run R
  times, alternating (``--repeat``, default 3), and medians are compared;
- Pagefind: seconds, peak memory, how many indexes (parts past 20,000
  pages), size, and the bytes of a first query in Chromium.

And for product photos (``--images K``, default 32; 0 to skip): K generated
12-megapixel JPEG sources (sideways, with GPS EXIF, like phone photos), the
cold rate in source photos per second on all cores (each to every width in
WebP and JPEG), the warm run's image work (must be zero), and preview cards.

Usage: bench.py [-n N] [--skip-baseline] [--no-warm] [--repeat R] [--images K] [--skip-search]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from generate_catalog import generate  # noqa: E402

# Runs one build in a fresh interpreter and reports its own peak memory
# (and that of any worker processes it waited for).
_BUILD = """
import json, resource, sys, time
from mkdocs.commands.build import build
from mkdocs.config import load_config
t = time.perf_counter()
cfg = load_config(sys.argv[1], site_dir=sys.argv[2], strict=False)
cfg.plugins.on_startup(command="build", dirty=False)  # as `mkdocs build` does
build(cfg)
cfg.plugins.on_shutdown()
seconds = time.perf_counter() - t
own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"seconds": seconds, "peak_mb": max(own, children) / 1024, "own_mb": own / 1024, "child_mb": children / 1024}))
"""

PLAIN_PAGE = """# Produk contoh {i}

Kain tenun ikat dengan motif tradisional, ditenun tangan dengan benang katun dan
pewarna alam. **Bahan pilihan**, dikerjakan tangan oleh perempuan penenun.

| Keterangan | Nilai |
| --- | --- |
| Harga | Rp 750.000 |
| Pesanan minimum | 2 pcs |
| Kapasitas per bulan | 120 pcs |
| Lama pengerjaan | 14 hari |
"""


def _tree_pss_mb(root: int) -> float:
    """Memory of a process and all its descendants, shared pages split
    between their sharers (PSS), from /proc (Linux)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    ppid = int(f.read().rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
            children.setdefault(ppid, []).append(int(entry))
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        todo.extend(children.get(pid, []))
        try:
            with open(f"/proc/{pid}/smaps_rollup") as f:
                total += next(int(line.split()[1]) for line in f if line.startswith("Pss:"))
        except (OSError, StopIteration):
            pass
    return total / 1024


def run_build(config: Path, site: Path) -> dict:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    proc = subprocess.Popen([sys.executable, "-c", _BUILD, str(config), str(site)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    peak_total = 0.0
    while proc.poll() is None:  # all processes of the build together, twice a second
        peak_total = max(peak_total, _tree_pss_mb(proc.pid))
        time.sleep(0.5)
    stdout, stderr = proc.communicate()
    if proc.returncode != 0:
        sys.exit(f"build failed:\n{stderr[-4000:]}")
    result = json.loads(stdout.strip().splitlines()[-1])
    result["total_mb"] = peak_total
    result["pages"] = sum(1 for _ in site.rglob("index.html"))
    result["size_mb"] = sum(p.stat().st_size for p in site.rglob("*") if p.is_file()) / 2**20
    return result


def baseline_project(tmp: Path, count: int) -> Path:
    """The same site (theme, navigation, blog, stories) with the catalogue
    plugin switched off and N plain Markdown pages, kept out of the
    navigation, in place of the product pages."""
    project = tmp / "plain"
    for name in ("content", "stories", "data", "overrides"):
        if (ROOT / name).exists():
            shutil.copytree(ROOT / name, project / name)
    config = (ROOT / "mkdocs.yml").read_text("utf-8").replace(
        "  - asppuk-catalog:\n", "  - asppuk-catalog:\n      enabled: false\n")
    assert "enabled: false" in config
    # the plain pages are searchable too, as the product pages are in our build
    config = config.replace("      glob:\n        - index.html\n", "      glob:\n        - p/*/index.html\n        - index.html\n")
    assert "p/*/index.html" in config
    (project / "mkdocs.yml").write_text(config, "utf-8")
    (project / "products").mkdir()
    docs = project / "content" / "p"
    docs.mkdir()
    for i in range(count):
        (docs / f"{i}.md").write_text(PLAIN_PAGE.format(i=i), "utf-8")
    return project


def vanilla_project(tmp: Path, count: int) -> Path:
    """Plain MkDocs + Material with their defaults (Material's own search
    plugin on, as a new Material site has it): a home page and N plain
    Markdown pages kept out of the navigation."""
    project = tmp / "vanilla"
    docs = project / "docs" / "p"
    docs.mkdir(parents=True)
    (project / "mkdocs.yml").write_text(
        "site_name: Contoh\nsite_url: https://example.org/\ntheme:\n  name: material\n  language: id\n"
        "nav:\n  - index.md\nvalidation:\n  nav:\n    omitted_files: ignore\n", "utf-8")
    (project / "docs" / "index.md").write_text("# Beranda\n", "utf-8")
    for i in range(count):
        (docs / f"{i}.md").write_text(PLAIN_PAGE.format(i=i), "utf-8")
    return project


def project_copy(tmp: Path, count: int) -> Path:
    project = tmp / "asppuk"
    for name in ("content", "stories", "data", "overrides", "mkdocs.yml"):
        src = ROOT / name
        if not src.exists():
            continue
        (shutil.copytree if src.is_dir() else shutil.copy)(src, project / name if src.is_dir() else project)
    # Preview cards are drawn once per product and then cached; the cold cost
    # is measured on its own (cards/s), so the page-building figures here
    # are not dominated by a one-off drawing of N cards.
    config = (project / "mkdocs.yml").read_text("utf-8")
    config = config.replace("      data_dir: products\n", "      data_dir: products\n      social_cards: false\n", 1)
    assert "social_cards: false" in config
    (project / "mkdocs.yml").write_text(config, "utf-8")
    shutil.copytree(ROOT / "products", project / "products")
    generate(project / "products" / "_gen", count)
    # generated JarPUK folders sit beside the sample ones
    for folder in (project / "products" / "_gen").iterdir():
        if folder.is_dir():
            folder.rename(project / "products" / folder.name)
    shutil.rmtree(project / "products" / "_gen")
    return project


def phone_photo(seed: int) -> bytes:
    """A 12 MP JPEG with photo-like detail, sideways, with GPS EXIF."""
    import io
    import random

    from PIL import Image, ImageDraw, ImageFilter

    rnd = random.Random(seed)
    image = Image.new("RGB", (4000, 3000), (rnd.randrange(256), 120, 60))
    draw = ImageDraw.Draw(image)
    for _ in range(300):
        x, y = rnd.randrange(4000), rnd.randrange(3000)
        draw.rectangle([x, y, x + rnd.randrange(40, 500), y + rnd.randrange(40, 500)],
                       fill=(rnd.randrange(256), rnd.randrange(256), rnd.randrange(256)))
    image = Image.blend(image.filter(ImageFilter.GaussianBlur(2)), Image.effect_noise((4000, 3000), 40).convert("RGB"), 0.2)
    exif = Image.Exif()
    exif[0x0112] = 6
    exif[0x8825] = {1: "S", 2: (8.0, 30.0, 0.0), 3: "E", 4: (116.0, 20.0, 0.0)}
    out = io.BytesIO()
    image.save(out, "JPEG", quality=90, exif=exif.tobytes())
    return out.getvalue()


def bench_images(tmp: Path, count: int) -> None:
    from asppuk.images import ImageCache, process
    from asppuk.images.card import CardText, cached_card

    sources = []
    for i in range(count):
        path = tmp / "photos" / f"{i}.jpg"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(phone_photo(i))
        sources.append(path)
    size = sum(p.stat().st_size for p in sources) / count / 2**20
    cache = ImageCache(tmp / "image-cache")
    t = time.perf_counter()
    renditions, failures, cold = process(sources, cache)
    cold_s = time.perf_counter() - t
    assert not failures, failures
    t = time.perf_counter()
    _, _, warm = process(sources, cache)
    warm_s = time.perf_counter() - t
    variants = len(next(iter(renditions.values())).variants)
    out_kb = sum(os.path.getsize(v.path) for r in renditions.values() for v in r.variants if v.format == "webp") / count / 1024
    print(f"photos cold: {count} sources of 12 MP ({size:.1f} MB each), {variants} files each, "
          f"{cold_s:.1f} s = {count / cold_s:.1f} photos/s on {os.cpu_count()} cores")
    print(f"photos warm: {warm.rendered} rendered, {warm.cached} from cache in {warm_s:.2f} s (image work: {warm.rendered})")
    print(f"photo bytes: {out_kb:.0f} KB of WebP per source (all widths together)")
    t = time.perf_counter()
    photo = renditions[sources[0]].largest.path
    for i in range(count):
        cached_card(tmp / "cards", CardText(f"Produk {i}", "Rp 750.000", "JarPUK Contoh"), Path(photo), "k")
    print(f"preview cards: {count / (time.perf_counter() - t):.1f} cards/s on one core")


# Writes the site's Pagefind indexes as its build does, and reports the
# indexer's peak memory (Pagefind runs as child processes)
_INDEX = """
import json, resource, sys, time
from pathlib import Path
from mkdocs.config import load_config
from asppuk.search_index import index_site
search = load_config(sys.argv[1]).plugins["asppuk-search"].config
t = time.perf_counter()
runs = index_site(Path(sys.argv[2]), search)
print(json.dumps({"seconds": time.perf_counter() - t, "pages": [r.pages for r in runs],
                  "peak_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))
"""


def bench_index(config: Path, site: Path) -> dict:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    out = subprocess.run([sys.executable, "-c", _INDEX, str(config), str(site)], capture_output=True, text=True, env=env)
    if out.returncode != 0:
        sys.exit(f"indexing failed:\n{out.stderr[-4000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def bench_search(config: Path, site: Path) -> None:
    """Pagefind on the built site: indexing time, memory, index size, bytes of a first query."""
    import functools
    import http.server
    import threading

    from lighthouse import GzipHandler

    index = bench_index(config, site)
    index_mb = sum(p.stat().st_size for p in (site / "pagefind").rglob("*") if p.is_file()) / 2**20
    print(f"search index: Pagefind {index['seconds']:.1f} s, peak {index['peak_mb']:.0f} MB, "
          f"{len(index['pages'])} index(es) of {', '.join(f'{n:,}' for n in index['pages'])} pages, "
          f"{index_mb:.1f} MB on disk "
          f"(Material's built-in index for 10,000 plain pages: 7.8 MB, loaded by every page)")
    handler = functools.partial(GzipHandler, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    from playwright.sync_api import sync_playwright

    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=[
                "--no-sandbox", "--disable-gpu", "--disable-background-networking"])
            page = browser.new_page(viewport={"width": 360, "height": 740})
            page.goto(f"http://127.0.0.1:{httpd.server_address[1]}/produk/")
            page.wait_for_load_state("networkidle")
            sizes: list[int] = []
            page.on("requestfinished", lambda r: sizes.append(r.sizes()["responseBodySize"] + r.sizes()["responseHeadersSize"]))
            page.locator("label.md-header__button[for=__search]").click()
            page.locator(".md-search__input").fill("tenun")
            page.wait_for_selector(".md-search-result__item")
            page.wait_for_load_state("networkidle")
            print(f"first query: {sum(sizes) / 1024:.0f} KB over {len(sizes)} requests "
                  f"(search library, WebAssembly, index chunks, 10 result fragments)")
            browser.close()
    finally:
        httpd.shutdown()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-n", "--products", type=int, default=10_000)
    parser.add_argument("--skip-baseline", action="store_true")
    parser.add_argument("--images", type=int, default=32, metavar="K")
    parser.add_argument("--skip-search", action="store_true")
    parser.add_argument("--no-warm", dest="warm", action="store_false", help="skip the warm builds")
    parser.add_argument("--repeat", type=int, default=3, metavar="R",
                        help="warm and baseline builds, alternating (medians are compared)")
    args = parser.parse_args()
    n = args.products

    from asppuk.catalog import load_catalog

    with tempfile.TemporaryDirectory(prefix="asppuk-bench-") as name:
        tmp = Path(name)
        if args.images:
            bench_images(tmp, args.images)
        if not n:
            return
        t = time.perf_counter()
        project = project_copy(tmp, n)
        print(f"generated {n:,} synthetic products in {time.perf_counter() - t:.1f} s")

        t = time.perf_counter()
        catalog, problems = load_catalog(project / "products")
        validate_s = time.perf_counter() - t
        assert not problems, problems[:5]
        print(f"validation: {len(catalog.products):,} products, {len(catalog.producers):,} producers, "
              f"{len(catalog.jarpuks)} JarPUK in {validate_s:.2f} s")

        ours = run_build(project / "mkdocs.yml", tmp / "site")
        print(f"site build:  {ours['seconds']:.1f} s cold, peak {ours['total_mb']:.0f} MB for all its processes together "
              f"(MkDocs {ours['own_mb']:.0f} MB, largest helper process {ours['child_mb']:.0f} MB: Pagefind or a worker), "
              f"{ours['pages']:,} pages, {ours['size_mb']:.0f} MB on disk (search index included)")
        plain_project = None if args.skip_baseline else baseline_project(tmp, n)
        vanilla = None if args.skip_baseline else vanilla_project(tmp, n)
        # Warm builds and baseline builds alternate, so that the machine's
        # drift (this VM's speed varies by 20 % from minute to minute) falls
        # on both alike; medians are compared
        warm, plain, bare = [], [], []
        for _ in range(args.repeat if (args.warm or plain_project) else 0):
            if args.warm:
                shutil.rmtree(tmp / "site")
                warm.append(run_build(project / "mkdocs.yml", tmp / "site"))
            if plain_project:
                shutil.rmtree(tmp / "plain-site", ignore_errors=True)
                plain.append(run_build(plain_project / "mkdocs.yml", tmp / "plain-site"))
                shutil.rmtree(tmp / "vanilla-site", ignore_errors=True)
                bare.append(run_build(vanilla / "mkdocs.yml", tmp / "vanilla-site"))
        if warm:
            print(f"site build:  {_seconds(warm)} warm (photo, card and QR caches kept, as CI keeps them), "
                  f"peak {max(r['total_mb'] for r in warm):.0f} MB (all processes)")
        if plain:
            print(f"baseline:    {_seconds(plain)}, peak {plain[0]['total_mb']:.0f} MB, "
                  f"{plain[0]['pages']:,} pages, {plain[0]['size_mb']:.0f} MB on disk "
                  f"(same site, catalogue off, {n:,} plain Markdown pages not in nav)")
            print(f"vanilla:     {_seconds(bare)}, peak {bare[0]['total_mb']:.0f} MB, "
                  f"{bare[0]['pages']:,} pages, {bare[0]['size_mb']:.0f} MB on disk "
                  f"(MkDocs + Material defaults, Material's search on, {n:,} plain pages not in nav)")
            for name, base in (("same site", plain), ("vanilla", bare)):
                per_plain = statistics.median(r["seconds"] for r in base) / base[0]["pages"]
                for label, runs in [("cold", [ours])] + ([("warm", warm)] if warm else []):
                    seconds = statistics.median(r["seconds"] for r in runs)
                    per_ours = seconds / ours["pages"]
                    print(f"ratio to {name}, {label}: per page {per_ours / per_plain:.2f} "
                          f"({per_ours * 1000:.2f} ms vs {per_plain * 1000:.2f} ms); total {seconds / (per_plain * base[0]['pages']):.2f} "
                          f"(our site has {ours['pages'] / base[0]['pages']:.2f}x the pages: products, producers, listings, "
                          f"print catalogues)")
        if not args.skip_search:  # on the last build's site
            bench_search(project / "mkdocs.yml", tmp / "site")


def _seconds(runs: list[dict]) -> str:
    values = sorted(r["seconds"] for r in runs)
    if len(values) == 1:
        return f"{values[0]:.1f} s"
    return f"{statistics.median(values):.1f} s median of {len(values)} ({', '.join(f'{v:.1f}' for v in values)})"


if __name__ == "__main__":
    main()
