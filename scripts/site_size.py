#!/usr/bin/env python3
"""Check a built site against the host's size limit before it is uploaded.

Usage: site_size.py SITE_DIR [--limit-mb N] [--warn-only]

Prints the size by kind of file. Over the limit (GitHub Pages: 1 GB) it
prints what to do, as a GitHub Actions error annotation too when run there,
and exits 1 (with --warn-only: a warning, exit 0, for pull-request previews).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "plugins"))

from asppuk.sitesize import GITHUB_PAGES_LIMIT, human, measure, over_limit_message, report  # noqa: E402

ALTERNATIVE = (
    "publish to object storage instead of GitHub Pages: set the repository variable ASPPUK_S3_BUCKET "
    "(with the endpoint, region and the two AWS secrets; README, Deployment) and the workflow deploys with "
    "`make deploy`, which uploads only what changed to that S3-compatible bucket; or make the site smaller "
    "(photos and preview cards are usually most of it: `make bench` prints the size by kind)."
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("site", type=Path)
    parser.add_argument("--limit-mb", type=float, default=GITHUB_PAGES_LIMIT / 2**20)
    parser.add_argument("--warn-only", action="store_true")
    args = parser.parse_args()
    if not args.site.is_dir():
        print(f"{args.site}: no built site here (run `make build` first)", file=sys.stderr)
        return 2
    limit = int(args.limit_mb * 2**20)
    size = measure(args.site)
    print(f"site {args.site}: " + "\n".join(report(size)) + f"\nlimit {human(limit)}")
    if size.total <= limit:
        return 0
    message = over_limit_message(size, limit, ALTERNATIVE)
    level = "warning" if args.warn_only else "error"
    print(("WARNING: " if args.warn_only else "ERROR: ") + message, file=sys.stderr)
    if os.environ.get("GITHUB_ACTIONS"):
        # one annotation on the run's summary page (newlines encoded as the runner wants them)
        print(f"::{level} title=Situs terlalu besar untuk GitHub Pages::" + message.replace("%", "%25").replace("\n", "%0A"))
    return 0 if args.warn_only else 1


if __name__ == "__main__":
    sys.exit(main())
