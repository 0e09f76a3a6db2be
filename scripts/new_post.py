#!/usr/bin/env python3
"""`make new-post`: write a dated news post with correct front matter and slug.

Asks for what is not given: new_post.py --title "…" --region Jawa --author seknas [--date YYYY-MM-DD]
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
import unicodedata
from pathlib import Path

import yaml

ROOT = Path.cwd()
POSTS = ROOT / "content" / "berita" / "posts"
CATEGORIES = ["Sumatera", "Jawa", "Kalimantan", "Sulawesi", "Nusa Tenggara", "Advokasi", "Pelatihan", "Pameran", "Publikasi"]


def slugify(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:80] or "berita"


def ask(label: str, default: str | None = None) -> str:
    if not sys.stdin.isatty():
        sys.exit(f"{label} belum diisi (jalankan dengan --help untuk pilihannya).")
    answer = input(f"{label}{f' [{default}]' if default else ''}: ").strip()
    return answer or (default or "")


def authors() -> dict:
    data = yaml.safe_load((ROOT / "content" / "berita" / ".authors.yml").read_text("utf-8"))
    return data.get("authors", {})


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--title")
    parser.add_argument("--region", help=", ".join(CATEGORIES))
    parser.add_argument("--author", help="id dari content/berita/.authors.yml")
    parser.add_argument("--date", default=dt.date.today().isoformat())
    args = parser.parse_args(argv)
    known = authors()
    title = args.title or ask("Judul berita")
    region = args.region or ask(f"Wilayah atau tema ({', '.join(CATEGORIES)})")
    author = args.author or ask(f"Penulis ({', '.join(known)})", next(iter(known), None))
    if region not in CATEGORIES:
        print(f"Kategori `{region}` tidak dikenal. Pilih salah satu: {', '.join(CATEGORIES)}.", file=sys.stderr)
        return 2
    if author not in known:
        print(f"Penulis `{author}` belum ada di content/berita/.authors.yml. Yang ada: {', '.join(known)}.", file=sys.stderr)
        return 2
    date = dt.date.fromisoformat(args.date)
    slug = slugify(title)
    path = POSTS / f"{date.isoformat()}-{slug}.md"
    if path.exists():
        print(f"{path} sudah ada.", file=sys.stderr)
        return 2
    front = {"date": date, "authors": [author], "categories": [region], "tags": [], "slug": slug}
    path.write_text(
        "---\n" + yaml.safe_dump(front, allow_unicode=True, sort_keys=False) + "---\n\n"
        f"# {title}\n\nParagraf pembuka: satu atau dua kalimat yang tampil di daftar berita.\n\n"
        "<!-- more -->\n\nIsi berita.\n",
        "utf-8",
    )
    print(f"Berita baru: {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
