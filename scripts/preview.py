#!/usr/bin/env python3
"""Make pratinjau/, the built site to browse from the file system (`make preview`).

Links to folders name their index.html, the 404 page's links from the site's
root become relative, scripts run under file:// with a policy that still
allows only the site's own script files (a nonce of this preview on each of
them), the header search and the product finder say that they work on the
site and the online preview, and every page carries a banner and noindex.
site/ is not changed (unchanged files are hard links to it). See
asppuk/preview.py and README, Previews.

Usage: preview.py [--site site] [--out pratinjau] [--site-url URL]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from asppuk.preview import PreviewError, make_file_preview


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", type=Path, default=Path("site"), help="the built site (default: site)")
    parser.add_argument("--out", type=Path, default=Path("pratinjau"), help="where the preview goes (default: pratinjau)")
    parser.add_argument("--site-url", help="the address the site was built for (default: its home page's canonical link)")
    args = parser.parse_args(argv)
    try:
        stats = make_file_preview(args.site, args.out, args.site_url)
    except PreviewError as error:
        print(f"preview: {error}", file=sys.stderr)
        return 1
    print(f"preview: {args.out}/ made in {stats.seconds:.1f} s: {stats.pages:,} pages ({stats.links:,} addresses "
          f"rewritten, {stats.scripts:,} script tags given the preview's nonce), {stats.files:,} files. "
          f"Open {args.out}/index.html in a browser.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
