#!/usr/bin/env python3
"""`make bench`: the catalogue as shipped, at scale (prints figures, never fails on time).

In a temporary copy of the project (``mkdocs.yml`` exactly as it is: preview
cards, photos, QR codes, search, exports all on) it generates N synthetic
products (default 10,000; producers and JarPUK in proportion; with
``--photos K``, K photo-like JPEGs each), then measures, R times in turn
(``--repeat``, default 3; medians are compared, as this VM's speed drifts):

- a cold build: every cache (``.cache/``) emptied first;
- a warm build: caches kept from the build before, as CI keeps them
  (the last site and emptied caches are moved aside, not deleted, until the
  end: see ``Aside``);
- the baseline: MkDocs + Material with their defaults (Material's search on)
  building N plain Markdown pages kept out of the navigation.

It prints seconds and ratios to the baseline (whole build against whole
build), peak memory of all build processes together (PSS), output size by
kind (HTML, preview cards, photos, search index, other) against GitHub
Pages' 1 GB, preview-card weights and cards/s on all cores (from the cold
build), Pagefind's indexes, and the bytes of a first search in Chromium.

And for product photos (``--images K``, default 16; 0 to skip): K generated
12-megapixel phone JPEGs (sideways, with GPS EXIF), the cold rate in source
photos per second on all cores, the warm run's image work (must be zero),
and the bytes each source photo becomes in the site.

Usage: bench.py [-n N] [--photos K] [--repeat R] [--images K] [--skip-baseline] [--no-warm] [--skip-search]
                [--root DIR] [--code DIR] [--keep DIR] [--serve] [--delete-between]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from generate_catalog import generate_beside  # noqa: E402
from photos import photo_like  # noqa: E402

# Runs one build in a fresh interpreter as `mkdocs build` does, with the
# plugins' log lines on stderr (the bench reads the cards' figures there)
_BUILD = """
import json, logging, resource, sys, time
logging.basicConfig(level=logging.WARNING, stream=sys.stderr, format="%(name)s: %(message)s")
logging.getLogger("mkdocs.plugins.asppuk").setLevel(logging.INFO)
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
print(json.dumps({"seconds": seconds, "own_mb": own / 1024, "child_mb": children / 1024}))
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


_TICK = os.sysconf("SC_CLK_TCK")


def _tree_pss_mb(root: int, cpu: dict[int, float] | None = None) -> float:
    """Memory of a process and all its descendants, shared pages split
    between their sharers (PSS), from /proc (Linux); and into ``cpu``, the
    CPU seconds each of them has used so far."""
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
            if cpu is not None:
                with open(f"/proc/{pid}/stat") as f:
                    fields = f.read().rsplit(")", 1)[1].split()
                cpu[pid] = (int(fields[11]) + int(fields[12])) / _TICK  # utime + stime
        except (OSError, StopIteration, ValueError, IndexError):
            pass
    return total / 1024


CODE_ENV: dict[str, str] = {}  # --code: PYTHONPATH for the builds


class Aside:
    """Where the last site and the emptied caches go between builds.

    Deleting them is not part of a build, and neither is its after-effect:
    ext4 without a journal (this VM's disk) does not reuse an inode freed in
    the last minutes, and scans past each of them for every file it creates.
    A build started right after deleting the last site (62,000 files at
    10,000 products) spent a quarter of its CPU time in that scan, the plain
    baseline (10,000 files) far less. So they are moved aside (a rename)
    and deleted when the bench ends; ``--delete-between`` deletes them
    before each build instead, as the bench did until 2026-11-25."""

    def __init__(self):
        self.folder: Path | None = None
        self.delete = False
        self._count = 0

    def clear(self, path: Path) -> None:
        if self.delete or self.folder is None:
            shutil.rmtree(path, ignore_errors=True)
        elif path.exists():
            self.folder.mkdir(exist_ok=True)
            self._count += 1
            path.rename(self.folder / str(self._count))

    def empty(self) -> None:
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)


ASIDE = Aside()


def run_build(config: Path, site: Path) -> dict:
    ASIDE.clear(site)  # the last site: not part of a build
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **CODE_ENV}
    load = os.getloadavg()[0]
    proc = subprocess.Popen([sys.executable, "-c", _BUILD, str(config), str(site)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    peak_total = 0.0
    cpu: dict[int, float] = {}
    while proc.poll() is None:  # all processes of the build together, four times a second
        peak_total = max(peak_total, _tree_pss_mb(proc.pid, cpu))
        time.sleep(0.25)
    stdout, stderr = proc.communicate()
    if proc.returncode != 0:
        sys.exit(f"build failed:\n{stderr[-4000:]}")
    result = json.loads(stdout.strip().splitlines()[-1])
    # CPU seconds of all processes (from samples: the last quarter second of
    # a short-lived one is missed): far steadier than wall time on a busy machine
    result.update(total_mb=peak_total, load=load, log=stderr, cpu=sum(cpu.values()))
    return result


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


def _photo_job(args: tuple[int, str]) -> int:
    seed, path = args
    data = photo_like(seed, sideways=seed % 4 == 0)
    Path(path).write_bytes(data)
    return len(data)


def project_copy(tmp: Path, count: int, photos: int = 0, root: Path = ROOT) -> Path:
    """The project as shipped (mkdocs.yml untouched), with N generated products
    beside the sample ones, each with ``photos`` photo-like JPEGs."""
    project = tmp / "asppuk"
    for name in ("content", "stories", "data", "overrides", "mkdocs.yml"):
        src = root / name
        if not src.exists():
            continue
        (shutil.copytree if src.is_dir() else shutil.copy)(src, project / name if src.is_dir() else project)
    (project / "tools").symlink_to(root / "tools")  # the editor's npm files, as the real site has them
    shutil.copytree(root / "products", project / "products")
    generate_beside(project, count)  # beside the sample JarPUK
    if photos:
        add_photos(project / "products", photos)
    return project


def add_photos(products: Path, per_product: int) -> None:
    """K photo-like JPEGs for every generated product (1600x1200, as photos
    forwarded over WhatsApp arrive), named in its file."""
    from asppuk.workers import process_pool

    jobs, files = [], []
    for folder in sorted(products.glob("jarpuk-*")):
        (folder / "images").mkdir(exist_ok=True)
        for product in sorted(folder.glob("produk-*.yml")):
            names = []
            for k in range(per_product):
                name = f"images/{product.stem}-{k}.jpg"
                jobs.append((len(jobs), str(folder / name)))
                names.append(name)
            files.append((product, names))
    t = time.perf_counter()
    with process_pool() as pool:
        total = sum(pool.map(_photo_job, jobs, chunksize=16))
    for product, names in files:
        with open(product, "a", encoding="utf-8") as f:
            f.write("images:\n" + "".join(f"  - {n}\n" for n in names))
    print(f"generated {len(jobs):,} photo-like JPEGs (1600x1200, {total / len(jobs) / 1024:.0f} KB each) "
          f"in {time.perf_counter() - t:.0f} s")


def bench_images(tmp: Path, count: int) -> None:
    """The photo pipeline on its own: 12 MP phone photos, cold and warm."""
    from asppuk.images import ImageCache, process

    sources = []
    for i in range(count):
        path = tmp / "photos" / f"{i}.jpg"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(photo_like(i, (4000, 3000), quality=90, sideways=True))
        sources.append(path)
    size = sum(p.stat().st_size for p in sources) / count
    cache = ImageCache(tmp / "image-cache")
    t = time.perf_counter()
    renditions, failures, cold = process(sources, cache)
    cold_s = time.perf_counter() - t
    assert not failures, failures
    t = time.perf_counter()
    _, _, warm = process(sources, cache)
    warm_s = time.perf_counter() - t
    files = [v for r in renditions.values() for v in r.variants]
    out = sum(os.path.getsize(v.path) for v in files) / count
    kinds = sorted({f"{v.format} {v.width}" for v in files}, key=lambda k: (k.split()[0], int(k.split()[1])))
    print(f"photos cold: {count} phone photos of 12 MP ({size / 2**20:.1f} MB each), "
          f"{cold_s:.1f} s = {count / cold_s:.1f} photos/s on {os.cpu_count()} cores")
    print(f"photos warm: {warm.rendered} rendered, {warm.cached} from cache in {warm_s:.2f} s (image work: {warm.rendered})")
    print(f"photo bytes: {out / 1024:.0f} KB in the site per source photo, {len(files) // count} files "
          f"({', '.join(kinds)})")
    bench_cards(tmp, [r.at_least(592).path for r in renditions.values()])


def bench_cards(tmp: Path, photos: list[str], count: int = 400) -> None:
    """Preview cards alone: drawn in the worker pool on every core (cards/s), and their weight."""
    from asppuk.images.card import CardText
    from asppuk.images.publish import _card_batch
    from asppuk.workers import process_pool

    for label, sources in (("without photo", [None]), ("with photo", photos)):
        root = tmp / "cards" / label.replace(" ", "-")
        jobs = [(str(root), CardText(f"Kain tenun ikat motif {i}", "Rp 750.000", f"Ibu Contoh {i} · JarPUK Contoh, Kalimantan Barat"),
                 sources[i % len(sources)], f"k{i % len(sources)}" if sources[0] else None) for i in range(count)]
        t = time.perf_counter()
        with process_pool() as pool:
            drawn = sum(pool.map(_card_batch, [jobs[i:i + 25] for i in range(0, count, 25)]))
        seconds = time.perf_counter() - t
        sizes = sorted(p.stat().st_size for p in root.rglob("*.jpg"))
        print(f"cards {label}: {drawn} drawn in {seconds:.1f} s = {drawn / seconds:.0f} cards/s on {os.cpu_count()} cores "
              f"(pool start included; load {os.getloadavg()[0]:.1f}), median {statistics.median(sizes) / 1024:.1f} KB, "
              f"max {sizes[-1] / 1024:.1f} KB")


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
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **CODE_ENV}
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
    print(f"search index: Pagefind {index['seconds']:.1f} s on its own, peak {index['peak_mb']:.0f} MB, "
          f"{len(index['pages'])} index(es) of {', '.join(f'{n:,}' for n in index['pages'])} pages, "
          f"{index_mb:.1f} MB on disk")
    handler = functools.partial(GzipHandler, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    from playwright.sync_api import sync_playwright

    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=[
                "--no-sandbox", "--disable-gpu", "--disable-background-networking"])
            # the site at its own address (its pages' policy names the script files
            # there), answered from the local server
            from mkdocs.config import load_config

            address = load_config(str(config)).site_url.rstrip("/")
            local = f"http://127.0.0.1:{httpd.server_address[1]}"
            context = browser.new_context(viewport={"width": 360, "height": 740})
            context.route(f"{address}/**", lambda route: route.fulfill(
                response=route.fetch(url=local + route.request.url[len(address):], max_redirects=0)))
            page = context.new_page()
            page.goto(f"{address}/produk/")
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


def bench_serve(project: Path, jarpuk: str | None) -> None:
    """`make serve` (with JARPUK=...): seconds from saving a product file to the
    browser showing the change (MkDocs' live reload, in Chromium)."""
    import socket
    import urllib.request

    from playwright.sync_api import sync_playwright

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **CODE_ENV}
    if jarpuk:
        env["ASPPUK_JARPUK"] = jarpuk
    product = sorted((project / "products" / (jarpuk or "jarpuk-03")).glob("produk-*.yml"))[0]
    url = f"http://127.0.0.1:{port}/produk/{product.parent.name}/{product.stem}/"
    started = time.perf_counter()
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--livereload", "-a", f"127.0.0.1:{port}",
                               "-f", str(project / "mkdocs.yml")], stdout=subprocess.DEVNULL, stderr=open(project.parent / "serve.log", "w"),
                              env=env)
    original = product.read_text("utf-8")
    try:
        while True:
            try:
                urllib.request.urlopen(url, timeout=5).read()
                break
            except OSError:
                if time.perf_counter() - started > 900:
                    raise
                time.sleep(0.5)
        first = time.perf_counter() - started
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=["--no-sandbox", "--disable-gpu"])
            page = browser.new_page()
            page.goto(url)
            marker = f"Diubah {int(time.time())}"
            t = time.perf_counter()
            product.write_text(original.replace("name: ", f"name: {marker} ", 1), "utf-8")
            # the rebuilt page as the server hands it out (what a reload shows)
            while marker not in urllib.request.urlopen(url, timeout=30).read().decode("utf-8"):
                if time.perf_counter() - t > 900:
                    raise TimeoutError("the edit never showed")
                time.sleep(0.2)
            reload_s = time.perf_counter() - t
            # and whether the open page reloaded by itself (MkDocs' live reload)
            time.sleep(3)
            live = marker in (page.locator("h1").first.text_content() or "")
            browser.close()
        label = f"make serve JARPUK={jarpuk}" if jarpuk else "make serve (whole catalogue)"
        print(f"{label}: first page after {first:.1f} s; an edit to {product.parent.name}/{product.name} "
              f"is served after {reload_s:.1f} s (load {os.getloadavg()[0]:.1f}); the open page "
              f"{'reloaded by itself' if live else 'did NOT reload by itself (live reload blocked?)'}")
    finally:
        product.write_text(original, "utf-8")
        server.terminate()
        server.wait(timeout=60)


def card_figures(site: Path) -> str:
    """Preview-card weights in the built site, for products with and without a photo."""
    with_photo, without = [], []
    for page in (site / "produk").glob("*/*/index.html"):
        html = page.read_text("utf-8")
        found = re.search(r'<meta property="og:image" content="[^"]*?/(assets/kartu/[^"]+)"', html)
        if found:
            size = (site / found.group(1)).stat().st_size
            (with_photo if ".webp" in html.split("puk-product__photos", 1)[-1][:3000] else without).append(size)
    parts = []
    for label, sizes in (("without photo", without), ("with photo", with_photo)):
        if sizes:
            parts.append(f"{label}: median {statistics.median(sizes) / 1024:.1f} KB, max {max(sizes) / 1024:.1f} KB "
                         f"({len(sizes):,} products)")
    # every card in the site (products in both languages, listings, JarPUK, producers, news, stories...)
    cards = list((site / "assets" / "kartu").glob("*.jpg"))
    if cards:
        total = sum(card.stat().st_size for card in cards)
        parts.append(f"all cards in the site: {len(cards):,} files, {total / 2**20:.1f} MB")
    return "; ".join(parts) or "no cards"


def _card_counts(log: str) -> str:
    """How many cards a build drew: the catalogue's (products, listings...) and the other pages'."""
    catalogue = re.search(r"catalogue cards: (\d+) drawn in ([\d.]+) s", log)
    pages = re.search(r"page cards: (\d+) drawn in ([\d.]+) s", log)
    return (f"catalogue cards drawn {int(catalogue.group(1)) if catalogue else 0:,}"
            + (f" ({float(catalogue.group(2)):.1f} s beside the build)" if catalogue else "")
            + f", page cards drawn {int(pages.group(1)) if pages else 0:,}"
            + (f" ({float(pages.group(2)):.1f} s)" if pages else ""))


def _cards_rate(log: str) -> str:
    found = re.search(r"cards: (\d+) drawn.*?\(([\d.]+) s", log)
    drawn = re.search(r"cards: (\d+) drawn in ([\d.]+) s", log)
    if drawn and int(drawn.group(1)):
        n, s = int(drawn.group(1)), float(drawn.group(2))
        return f"{n:,} cards drawn in {s:.1f} s = {n / s:.0f} cards/s on {os.cpu_count()} cores, beside the build"
    if found:
        return f"{int(found.group(1)):,} cards drawn (photos and cards took {float(found.group(2)):.1f} s)"
    return "no card figures in the build log"


def _seconds(runs: list[dict]) -> str:
    values = [r["seconds"] for r in runs]
    loads = [r["load"] for r in runs]
    cpu = statistics.median(r["cpu"] for r in runs)
    if len(values) == 1:
        return f"{values[0]:.1f} s (CPU {cpu:.0f} s, load before {loads[0]:.1f})"
    return (f"{statistics.median(values):.1f} s median of {len(values)} "
            f"({', '.join(f'{v:.1f}' for v in values)}; load before each: {', '.join(f'{load:.1f}' for load in loads)}; "
            f"CPU {cpu:.0f} s, all processes)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-n", "--products", type=int, default=10_000)
    parser.add_argument("--photos", type=int, default=0, metavar="K", help="photo-like JPEGs per generated product")
    parser.add_argument("--skip-baseline", action="store_true")
    parser.add_argument("--images", type=int, default=16, metavar="K", help="12 MP phone photos for the photo pipeline alone")
    parser.add_argument("--skip-search", action="store_true")
    parser.add_argument("--no-warm", dest="warm", action="store_false", help="skip the warm builds")
    parser.add_argument("--repeat", type=int, default=3, metavar="R",
                        help="cold, warm and baseline builds in turn, R times (medians are compared)")
    parser.add_argument("--root", type=Path, default=ROOT, help="the project to measure (default: this one)")
    parser.add_argument("--keep", type=Path, help="leave the project and its last site here (a new folder)")
    parser.add_argument("--serve", action="store_true",
                        help="also time an edit to reload under `make serve`, with JARPUK=jarpuk-03 and without")
    parser.add_argument("--delete-between", action="store_true",
                        help="delete the last site and caches right before each build (see Aside: slower on a disk "
                        "without a journal) instead of moving them aside until the bench ends")
    parser.add_argument("--code", type=Path, help="build with the asppuk package of another checkout (DIR/plugins), "
                        "e.g. to measure an earlier commit with this bench")
    args = parser.parse_args()
    if args.code:
        CODE_ENV["PYTHONPATH"] = str(args.code.resolve() / "plugins")
    n = args.products

    from asppuk.catalog import load_catalog
    from asppuk.sitesize import GITHUB_PAGES_LIMIT, human, measure, report

    print(f"machine: {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f} at the start")
    with tempfile.TemporaryDirectory(prefix="asppuk-bench-") as name:
        tmp = args.keep or Path(name)
        ASIDE.folder, ASIDE.delete = tmp / "aside", args.delete_between
        if args.images:
            bench_images(tmp, args.images)
        if not n:
            return
        t = time.perf_counter()
        project = project_copy(tmp, n, args.photos, args.root)
        print(f"generated {n:,} synthetic products in {time.perf_counter() - t:.1f} s")

        t = time.perf_counter()
        catalog, problems = load_catalog(project / "products")
        validate_s = time.perf_counter() - t
        assert not problems, problems[:5]
        print(f"validation: {len(catalog.products):,} products, {len(catalog.producers):,} producers, "
              f"{len(catalog.jarpuks)} JarPUK in {validate_s:.2f} s")
        del catalog

        vanilla = None if args.skip_baseline else vanilla_project(tmp, n)
        cache = project / ".cache"
        cold, warm, bare = [], [], []
        # Cold, warm and baseline builds in turn, so that the machine's drift
        # (this VM's speed varies by 20 % and more) falls on all alike
        for _ in range(args.repeat):
            ASIDE.clear(cache)  # cold: every cache empty
            cold.append(run_build(project / "mkdocs.yml", tmp / "site"))
            if args.warm:
                warm.append(run_build(project / "mkdocs.yml", tmp / "site"))
            if vanilla:
                bare.append(run_build(vanilla / "mkdocs.yml", tmp / "vanilla-site"))
        if cold:
            pages = sum(1 for _ in (tmp / "site").rglob("index.html"))
            print(f"site build:  {_seconds(cold)} cold (caches emptied), peak {max(r['total_mb'] for r in cold):.0f} MB "
                  f"for all its processes together (MkDocs {cold[0]['own_mb']:.0f} MB, largest helper "
                  f"{cold[0]['child_mb']:.0f} MB), {pages:,} pages")
            print(f"             {_cards_rate(cold[-1]['log'])}")
            print(f"             cold: {_card_counts(cold[-1]['log'])}")
            if warm:
                print(f"site build:  {_seconds(warm)} warm (caches kept, as CI keeps them), "
                      f"peak {max(r['total_mb'] for r in warm):.0f} MB (all processes)")
                print(f"             warm: {_card_counts(warm[-1]['log'])}")
            size = measure(tmp / "site")
            print("output:      " + "\n             ".join(report(size)))
            verdict = "fits" if size.total <= GITHUB_PAGES_LIMIT else "DOES NOT FIT"
            print(f"             {verdict} GitHub Pages' {human(GITHUB_PAGES_LIMIT)}")
            print(f"cards:       {card_figures(tmp / 'site')}")
            if bare:
                base_pages = sum(1 for _ in (tmp / "vanilla-site").rglob("index.html"))
                print(f"baseline:    {_seconds(bare)}, peak {bare[0]['total_mb']:.0f} MB, {base_pages:,} pages, "
                      f"{human(measure(tmp / 'vanilla-site').total)} on disk "
                      f"(MkDocs + Material defaults, Material's search on, {n:,} plain pages not in nav)")
                base = statistics.median(r["seconds"] for r in bare)
                for label, runs in (("cold", cold), ("warm", warm)):
                    if runs:
                        ours = statistics.median(r["seconds"] for r in runs)
                        cpu = statistics.median(r["cpu"] for r in runs) / statistics.median(r["cpu"] for r in bare)
                        print(f"ratio {label}:  {ours / base:.2f} (whole build {ours:.1f} s against {base:.1f} s; "
                              f"CPU time {cpu:.2f}x; our site writes {pages / base_pages:.2f}x the pages)")
                        # per page written: what one page of the site costs against a plain page
                        print(f"             per page {ours / pages * 1000:.2f} ms against {base / base_pages * 1000:.2f} ms"
                              f" = {ours / pages / (base / base_pages):.2f}x")
        if cold and not args.skip_search:  # on the last build's site
            bench_search(project / "mkdocs.yml", tmp / "site")
        if args.serve:
            bench_serve(project, "jarpuk-03")
            bench_serve(project, None)
        ASIDE.empty()


if __name__ == "__main__":
    main()
