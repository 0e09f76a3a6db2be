#!/usr/bin/env python3
"""`make new-post`: write a dated news post with correct front matter and slug.

Asks for what is not given: new_post.py --title "…" --region Jawa --author seknas [--date YYYY-MM-DD]
A title whose address another post already has gets a numbered slug (…-2).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from asppuk.site_config import read_site_config
from asppuk.staff.scaffold import ScaffoldError, authors, new_post, parse_date

ROOT = Path.cwd()


def ask(label: str, default: str | None = None) -> str:
    if not sys.stdin.isatty():
        sys.exit(f"{label} belum diisi (jalankan dengan --help untuk pilihannya).")
    answer = input(f"{label}{f' [{default}]' if default else ''}: ").strip()
    return answer or (default or "")


def main(argv: list[str] | None = None) -> int:
    blog = read_site_config(ROOT).blog
    if blog is None:
        print("mkdocs.yml tidak memakai plugin blog: tidak ada tempat untuk berita.", file=sys.stderr)
        return 2
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--title")
    parser.add_argument("--region", help=", ".join(blog.categories))
    parser.add_argument("--author", help="id dari .authors.yml")
    parser.add_argument("--date", default=dt.date.today().isoformat())
    args = parser.parse_args(argv)
    try:
        known = authors(blog)
        date = parse_date(args.date)
        title = args.title or ask("Judul berita")
        region = args.region or ask(f"Wilayah atau tema ({', '.join(blog.categories)})")
        author = args.author or ask(f"Penulis ({', '.join(known)})", next(iter(known), None))
        path, note = new_post(blog, ROOT, title=title, category=region, author=author, date=date)
    except ScaffoldError as error:
        print(f"Berita tidak dibuat: {error}", file=sys.stderr)
        return 2
    if note:
        print(note)
    print(f"Berita baru: {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
