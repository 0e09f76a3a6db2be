#!/usr/bin/env python3
"""`make bench-tricks`: what each of the catalogue's speed tricks saves, as shipped.

For each size (``-n 300 3000 10000``), in a temporary copy of the project
(``mkdocs.yml`` as it is, N generated products, as ``make bench`` makes
it): one cold build fills the caches, then R rounds (``--repeat``) of warm
builds, in turn:

- ``shipped``: ``mkdocs.yml`` exactly as it is in the repository;
- one build per trick with that trick alone switched off by its option of
  the ``asppuk-catalog`` plugin (``TRICKS`` below);
- ``plain``: every trick off at once.

It prints, for each, the median wall time and CPU seconds (all processes),
the peak memory of all build processes together, the share of the warm
build the trick saves ((off - shipped) / off), and whether the site came out
the same as shipped (every file's bytes; Pagefind's index and the RSS
feeds, stamped with the build's time, aside). A trick
stays where it saves at least 15 % at 3,000 products (issue 27). It never
fails on a time: it prints figures.

Usage: bench_tricks.py [-n N [N ...]] [--repeat R] [--code DIR] [--only NAME ...]
"""

from __future__ import annotations

import argparse
import hashlib
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

import bench  # noqa: E402

ANCHOR = "      data_dir: products\n"  # the asppuk-catalog plugin's first option in mkdocs.yml
# name -> the option that switches the trick off (see mkdocs_catalog/config.py).
# Measured on 2026-12-02 and removed, as saving under 15 % of a warm build at
# 3,000 products: Material's blocks shared per folder, lean page and file
# objects, the product-card cache, the raised GC threshold (README: "Speed tricks").
TRICKS = {
    "helper process": "parallel_pages: -1",
    "skeleton": "skeleton_checks: 0",
}
KEEP_FROM = 0.15  # a trick stays if it saves this share of a warm build at 3,000 products


def variant(project: Path, name: str, options: list[str]) -> Path:
    """A copy of mkdocs.yml beside it (its paths stay right) with ``options`` set."""
    text = (project / "mkdocs.yml").read_text("utf-8")
    if ANCHOR not in text:
        sys.exit("mkdocs.yml: the asppuk-catalog plugin's `data_dir: products` line is not where the bench expects it")
    path = project / f"mkdocs-{name.replace(' ', '-')}.yml"
    path.write_text(text.replace(ANCHOR, ANCHOR + "".join(f"      {o}\n" for o in options)), "utf-8")
    return path


def compared(path: Path, site: Path) -> bool:
    # Pagefind's index aside, and the RSS plugin's feeds, which carry the time of the build
    return path.is_file() and "pagefind" not in path.relative_to(site).parts and not path.name.startswith("feed_rss_")


def digest(site: Path) -> str:
    h = hashlib.sha256()
    for path in sorted(p for p in site.rglob("*") if compared(p, site)):
        h.update(str(path.relative_to(site)).encode())
        h.update(path.read_bytes())
    return h.hexdigest()


def measure(n: int, repeat: int, only: list[str] | None) -> None:
    with tempfile.TemporaryDirectory(prefix="asppuk-tricks-") as name:
        tmp = Path(name)
        bench.ASIDE.folder = tmp / "aside"
        t = time.perf_counter()
        project = bench.project_copy(tmp, n)
        print(f"\n== {n:,} products (generated in {time.perf_counter() - t:.0f} s)", flush=True)
        tricks = {k: v for k, v in TRICKS.items() if not only or k in only}
        variants = {"shipped": project / "mkdocs.yml"}
        variants.update({f"no {k}": variant(project, f"no {k}", [v]) for k, v in tricks.items()})
        variants["plain"] = variant(project, "plain", list(TRICKS.values()))
        site = tmp / "site"
        cold = bench.run_build(project / "mkdocs.yml", site)
        pages = sum(1 for _ in site.rglob("index.html"))
        print(f"cold build (fills the caches): {cold['seconds']:.1f} s, {pages:,} pages", flush=True)
        runs: dict[str, list[dict]] = {k: [] for k in variants}
        same: dict[str, bool] = {}
        shipped_digest = None
        for round_ in range(repeat):
            for key, config in variants.items():
                result = bench.run_build(config, site)
                runs[key].append(result)
                if round_ == 0:
                    d = digest(site)
                    shipped_digest = shipped_digest or d
                    same[key] = d == shipped_digest
                print(f"  round {round_ + 1} {key:<20} {result['seconds']:6.1f} s  CPU {result['cpu']:6.1f} s  "
                      f"peak {result['total_mb']:5.0f} MB  load before {result['load']:.1f}", flush=True)
        base = statistics.median(r["seconds"] for r in runs["shipped"])
        print(f"\n{n:,} products, warm builds, median of {repeat}:")
        print(f"  {'build':<20} {'wall s':>7} {'CPU s':>7} {'peak MB':>8} {'trick saves':>12}  same site")
        for key, results in runs.items():
            wall = statistics.median(r["seconds"] for r in results)
            cpu = statistics.median(r["cpu"] for r in results)
            peak = max(r["total_mb"] for r in results)
            saves = "" if key == "shipped" else f"{(wall - base) / wall:+.0%}"
            print(f"  {key:<20} {wall:7.1f} {cpu:7.1f} {peak:8.0f} {saves:>12}  {'yes' if same[key] else 'NO'}")
        if n == 3000:
            for key in (k for k in runs if k.startswith("no ")):
                wall = statistics.median(r["seconds"] for r in runs[key])
                verdict = "keep" if (wall - base) / wall >= KEEP_FROM else "below 15 %: remove"
                print(f"  {key[3:]}: {verdict}")
        bench.ASIDE.empty()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-n", "--products", type=int, nargs="+", default=[300, 3000, 10_000])
    parser.add_argument("--repeat", type=int, default=3, metavar="R")
    parser.add_argument("--only", nargs="+", choices=sorted(TRICKS), help="measure only these tricks")
    parser.add_argument("--code", type=Path, help="build with the asppuk package of another checkout (DIR/plugins)")
    args = parser.parse_args()
    if args.code:
        bench.CODE_ENV["PYTHONPATH"] = str(args.code.resolve() / "plugins")
    import os

    print(f"machine: {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f} at the start")
    for n in args.products:
        measure(n, args.repeat, args.only)


if __name__ == "__main__":
    main()
