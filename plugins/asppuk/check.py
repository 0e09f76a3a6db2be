"""``make check``: validate all site data (catalogue, stories, members) without building.

Prints every problem as ``path:line: message`` (Indonesian, for staff) and
exits 1 when there is any, 0 when all data is fit to publish.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from asppuk.catalog import format_problems, load_catalog
from asppuk.network import load_members
from asppuk.stories import check_references, load_books


def github_annotation(problem) -> str:
    """One problem as a GitHub Actions annotation on its file and line."""
    def escape(text: str) -> str:  # the workflow-command escaping GitHub documents
        return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")

    path = escape(problem.path).replace(",", "%2C").replace(":", "%3A")
    return f"::error file={path},line={problem.line},title=Data perlu diperbaiki::{escape(problem.message)}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Periksa data katalog dan cerita tanpa membangun situs.")
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="folder proyek (berisi products/ dan stories/)")
    parser.add_argument("--github", action="store_true", default=os.environ.get("GITHUB_ACTIONS") == "true",
                        help="juga tulis anotasi GitHub Actions (::error file=…,line=…::), otomatis di GitHub")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    catalog, problems = load_catalog(args.root / "products")
    books, story_problems = load_books(args.root / "stories")
    _, member_problems = load_members(args.root / "data" / "members.yml", args.root)
    problems = problems + story_problems + check_references(books, catalog) + member_problems
    elapsed = time.perf_counter() - started
    if problems:
        print(format_problems(problems), file=sys.stderr)
        if args.github:
            for problem in sorted(problems):
                print(github_annotation(problem))
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
