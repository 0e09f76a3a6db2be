#!/usr/bin/env python3
"""`make new-post`: write a dated news post with correct front matter and slug.

Asks for what is not given: new_post.py --title "…" --region Jawa --author seknas [--date YYYY-MM-DD]
(`make new-post ARGS='…'` hands ARGS over in the environment, see asppuk.staff.prompt).
A wrong value is asked again in a terminal; otherwise it stops the command.
A title whose address another post already has gets a numbered slug (…-2).
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from asppuk.site_config import read_site_config
from asppuk.staff.prompt import Parser, arguments, ask
from asppuk.staff.scaffold import ScaffoldError, authors, check_author, check_region, check_title, new_post, parse_date

ROOT = Path.cwd()


def main(argv: list[str] | None = None) -> int:
    site = read_site_config(ROOT)
    blog = site.blog
    if blog is None:
        print("mkdocs.yml tidak memakai plugin blog: tidak ada tempat untuk berita.", file=sys.stderr)
        return 2
    parser = Parser(description=__doc__)
    parser.add_argument("--title")
    parser.add_argument("--region", help=", ".join(blog.categories))
    parser.add_argument("--author", help="id dari .authors.yml")
    parser.add_argument("--date", default=dt.date.today().isoformat())
    try:
        args = parser.parse_args(arguments(argv))
        known = authors(blog)
        date = ask("Tanggal terbit (--date)", args.date, parse_date)
        title = ask("Judul berita (--title)", args.title, lambda text: check_title(site, text))
        region = ask(f"Wilayah atau tema (--region: {', '.join(blog.categories)})", args.region,
                     lambda text: check_region(blog, text))
        author = ask(f"Penulis (--author: {', '.join(known)})", args.author, lambda text: check_author(blog, text),
                     next(iter(known), None))
        path, note = new_post(site, title=title, category=region, author=author, date=date)
    except ScaffoldError as error:
        print(f"Berita tidak dibuat: {error}", file=sys.stderr)
        return 2
    except (EOFError, KeyboardInterrupt):
        print("\nDibatalkan: berita tidak dibuat.", file=sys.stderr)
        return 2
    if note:
        print(note)
    print(f"Berita baru: {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
