#!/usr/bin/env python3
"""Build the site strictly into a temporary folder and put it in place only on success (`make build`).

A failed build leaves site/ as it was and no half-written folder behind;
a finished one carries the mark the deploy requires (.asppuk-build.json).
Other options go to `mkdocs build` (e.g. -f mkdocs.yml); -q is refused (MkDocs would
then drop its warnings before --strict counts them).

--preview marks every page as a preview not to be indexed (a banner,
<meta name="robots" content="noindex">) and writes a robots.txt that
disallows all: the per-pull-request preview (`make build PREVIEW=1`).

Usage: build.py [--site-dir site] [--preview] [mkdocs build options]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from asppuk.build import build


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-d", "--site-dir", type=Path, default=Path("site"), help="where the site goes (default: site)")
    parser.add_argument("--preview", action="store_true",
                        help="mark the site as a preview: banner, noindex on every page, robots.txt disallowing all")
    args, mkdocs_args = parser.parse_known_args(argv)
    try:
        return build(args.site_dir, mkdocs_args, preview=args.preview)
    except ValueError as error:
        print(f"build: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"build: interrupted; {args.site_dir} is as it was before.", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
