"""``make check``: validate all site data (catalogue, stories, members) without building.

Prints every problem as ``path:line: message`` (Indonesian, for staff) and
exits 1 when there is any, 0 when all data is fit to publish.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from asppuk.catalog import format_problems, load_catalog
from asppuk.network import load_members
from asppuk.stories import check_references, load_books


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Periksa data katalog dan cerita tanpa membangun situs.")
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="folder proyek (berisi products/ dan stories/)")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    catalog, problems = load_catalog(args.root / "products")
    books, story_problems = load_books(args.root / "stories")
    _, member_problems = load_members(args.root / "data" / "members.yml", args.root)
    problems = problems + story_problems + check_references(books, catalog) + member_problems
    elapsed = time.perf_counter() - started
    if problems:
        print(format_problems(problems), file=sys.stderr)
        return 1
    stories = sum(len(b.stories) for b in books)
    print(
        f"Data baik: {len(catalog.products)} produk, {len(catalog.producers)} produsen, "
        f"{len(catalog.jarpuks)} JarPUK, {len(books)} buku dengan {stories} cerita "
        f"({elapsed:.2f} detik)."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
