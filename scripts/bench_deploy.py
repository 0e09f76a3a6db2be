#!/usr/bin/env python3
"""`make bench-deploy`: what a deploy sends at scale (prints figures, never fails on them).

In a copy of the project with N synthetic products (default 10,000) beside
the sample ones, built with the shipped mkdocs.yml (preview cards included):

1. build the site and deploy it to a local S3 server (moto, on 127.0.0.1):
   the first deploy;
2. deploy again with nothing changed: what a deploy costs when there is
   nothing to send (listing and comparing only);
3. change one product's price, rebuild, deploy: the weekly case;
4. remove one product, rebuild, deploy.

Each deploy prints files and bytes uploaded and deleted, and seconds.
Usage: bench_deploy.py [-n N] [--work DIR] [--workers W]
With --work DIR the project and its builds are kept there and reused by the
next run (the builds take minutes; the deploys are what is measured).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from generate_catalog import generate_beside  # noqa: E402


def make_project(project: Path, count: int) -> None:
    """The real project (shipped mkdocs.yml) with N generated products."""
    for name in ("content", "stories", "data", "products"):
        shutil.copytree(ROOT / name, project / name)
    shutil.copy(ROOT / "mkdocs.yml", project)
    (project / "tools").symlink_to(ROOT / "tools")  # the editor's npm files
    generate_beside(project, count)  # beside the sample JarPUK


def build(project: Path, site: Path) -> float:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    started = time.perf_counter()
    # as `make build` does: the deploy takes only a site with the mark of a finished strict build
    out = subprocess.run([sys.executable, str(ROOT / "scripts/build.py"), "-f", str(project / "mkdocs.yml"),
                          "--site-dir", str(site)], capture_output=True, text=True, env=env)
    if out.returncode != 0:
        sys.exit(f"build failed:\n{out.stderr[-4000:]}")
    return time.perf_counter() - started


def site_figures(site: Path) -> tuple[int, int]:
    files = [p for p in site.rglob("*") if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files)


def built(project: Path, site: Path, label: str) -> Path:
    """Build once; later runs with the same --work reuse the result."""
    done = site.with_name(site.name + ".done")
    if not done.exists():
        shutil.rmtree(site, ignore_errors=True)
        seconds = build(project, site)
        done.write_text(f"{seconds:.1f}\n")
        note = f"built in {seconds:.0f} s"
    else:
        note = "reused"
    files, size = site_figures(site)
    print(f"{label}: {files:,} files, {size / 2**20:.0f} MB ({note})", flush=True)
    return site


def change_price(project: Path) -> Path:
    """Raise the price of one generated product (the weekly edit)."""
    path = next((project / "products").glob("*/produk-1207.yml"))
    text = path.read_text("utf-8")
    new = re.sub(r"^price: (\d+)$", lambda m: f"price: {int(m[1]) + 5000}", text, count=1, flags=re.M)
    assert new != text
    path.write_text(new, "utf-8")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-n", "--products", type=int, default=10_000)
    parser.add_argument("--work", type=Path, help="keep the project and builds here and reuse them")
    parser.add_argument("--workers", type=int, default=None, help="parallel requests (default: the deploy's own)")
    parser.add_argument("--build-only", action="store_true", help="build the three sites and stop")
    args = parser.parse_args()

    tmp = None
    if args.work is None:
        tmp = tempfile.TemporaryDirectory(prefix="asppuk-bench-deploy-")
        args.work = Path(tmp.name)
    work = args.work.resolve()
    work.mkdir(parents=True, exist_ok=True)
    project = work / "project"
    if not (project / "mkdocs.yml").exists():
        started = time.perf_counter()
        make_project(project, args.products)
        print(f"generated {args.products:,} synthetic products in {time.perf_counter() - started:.1f} s", flush=True)

    # Three builds of the same project: as generated, one price changed, one product removed
    first = built(project, work / "site-1", "site as generated")
    marker = work / "edited"
    if not marker.exists():
        change_price(project)
        marker.write_text("")
    second = built(project, work / "site-2", "one price changed")
    for removed in (project / "products").glob("*/produk-1271.yml"):
        removed.unlink()
    third = built(project, work / "site-3", "one product removed")
    if args.build_only:
        return

    from asppuk.deploy.localserver import local_s3

    with local_s3() as server:
        os.environ.update(server.environ)
        target = server.target("bench-site", prefix="")
        server.create_bucket(target.bucket)
        runs = [("first deploy", first), ("nothing changed", first), ("one price changed", second),
                ("one product removed", third)]
        for label, site in runs:
            report, result = run_deploy(site, target, args.workers)
            print(f"{label}: {report}", flush=True)
            if 0 < result.uploaded <= 60:
                print("  uploaded: " + ", ".join(sorted(result.uploaded_paths)))
            if 0 < result.deleted <= 60:
                print("  deleted: " + ", ".join(result.deleted_paths))
    if tmp is not None:
        tmp.cleanup()


def run_deploy(site: Path, target, workers: int | None):
    from asppuk.deploy import DeployOptions, deploy

    options = DeployOptions()   # as deploy.toml ships
    if workers:
        options.workers = workers
    started = time.perf_counter()
    result = deploy(site, target, options, out=lambda line: None)
    seconds = time.perf_counter() - started
    kinds = ", ".join(f"{n} {kind}" for kind, n in sorted(result.uploaded_kinds().items()))
    kept = f", {len(result.plan.kept):,} old content-addressed files kept" if result.plan.kept else ""
    return (f"{result.uploaded:,} files uploaded ({result.uploaded_bytes / 2**20:.2f} MB{': ' + kinds if kinds else ''}), "
            f"{result.deleted:,} deleted{kept}, {result.unchanged:,} unchanged, {seconds:.1f} s "
            f"(planning {result.plan_seconds:.1f} s: "
            + ", ".join(f"{name} {seconds:.1f}" for name, seconds in result.timings.items()) + ")"), result


if __name__ == "__main__":
    main()
