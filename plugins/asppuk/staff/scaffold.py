"""New files that start valid: a dated news post, a product of a JarPUK.

The scripts behind ``make new-post`` and ``make new-product`` ask staff for
what is missing and call these; every value is checked here first, so a
file is only written when it would pass ``make check``, never outside its
folder, and never over another file or another post's address.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from pathlib import Path

import yaml

from asppuk.catalog.loader import SLUG
from asppuk.catalog.problems import display_path
from asppuk.catalog.yamlfile import load_file
from asppuk.catalog.schema import schema
from asppuk.news import BlogSettings, check_posts

# Valid starting values for a product's required fields; optional ones are written as comments
PRODUCT_STARTERS = {"unit": "pcs", "availability": "made-to-order", "description": "|\n  Tulis uraian produk di sini."}
RESERVED_PRODUCT_IDS = {"jarpuk", "producers"}


class ScaffoldError(ValueError):
    """What is wrong with the request, in Indonesian for staff."""


def slugify(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:80].strip("-") or "berita"


def parse_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ScaffoldError(f"tanggal `{text}` tidak ada. Tulis TTTT-BB-HH, misalnya 2026-11-05.") from None


def authors(settings: BlogSettings) -> dict:
    """The authors of .authors.yml, read like every data file (a broken file is a message, not a traceback)."""
    if not settings.authors_file.is_file():
        return {}
    doc, problems = load_file(settings.authors_file, display_path(settings.authors_file, Path.cwd()))
    if doc is None or problems:
        raise ScaffoldError(f"{problems[0]} Perbaiki berkas itu dulu." if problems else "daftar penulis tidak terbaca.")
    data = doc.data.get("authors") if isinstance(doc.data, dict) else None
    return data if isinstance(data, dict) else {}


def new_post(settings: BlogSettings, root: Path, *, title: str, category: str, author: str, date: dt.date) -> tuple[Path, str]:
    """Write a post; returns its file and, when its address was taken, a note on the new one."""
    title = " ".join(title.split())
    if not title:
        raise ScaffoldError("judul berita kosong. Tulis judulnya, misalnya --title \"Pameran tenun di Pontianak\".")
    if re.search(r"[<>]", title) or len(title) > 150:
        raise ScaffoldError("judul tidak boleh memuat tanda < atau > dan paling panjang 150 huruf.")
    if settings.categories and category not in settings.categories:
        raise ScaffoldError(f"kategori `{category}` tidak dikenal. Pilih salah satu: {', '.join(settings.categories)}.")
    known = authors(settings)
    if author not in known:
        raise ScaffoldError(f"penulis `{author}` belum ada di {settings.authors_file.name}. Yang ada: {', '.join(known)}.")
    taken = {post.url(settings) for post in check_posts(settings, root)[0]}
    taken_files = {p.name for p in settings.posts_dir.glob("*.md")} if settings.posts_dir.is_dir() else set()
    base = slugify(title)
    slug, number = base, 1
    while (f"{settings.blog_dir}/{date:%Y/%m/%d}/{slug}/" in taken
           or f"{date.isoformat()}-{slug}.md" in taken_files):
        number += 1
        slug = f"{base}-{number}"
    settings.posts_dir.mkdir(parents=True, exist_ok=True)
    path = settings.posts_dir / f"{date.isoformat()}-{slug}.md"
    front = {"date": date, "authors": [author], "categories": [category], "tags": [], "slug": slug}
    try:
        with open(path, "x", encoding="utf-8") as out:  # never through a link left in its place
            out.write(
                "---\n" + yaml.safe_dump(front, allow_unicode=True, sort_keys=False) + "---\n\n"
                f"# {title}\n\nParagraf pembuka: satu atau dua kalimat yang tampil di daftar berita.\n\n"
                "<!-- more -->\n\nIsi berita.\n"
            )
    except FileExistsError:
        raise ScaffoldError(f"{path} sudah ada (mungkin sebagai tautan simbolik). Hapus atau ganti namanya.") from None
    note = (f"Alamat /{settings.blog_dir}/{date:%Y/%m/%d}/{base}/ sudah dipakai berita lain; berita ini memakai "
            f"slug `{slug}`." if slug != base else "")
    return path, note


def new_product(products: Path, catalog, *, jarpuk: str, producer: str, product_id: str, name: str,
                category: str | None) -> Path:
    """Write a product file with every field commented in Indonesian from the schema."""
    found = catalog.jarpuks.get(jarpuk)
    if found is None:
        raise ScaffoldError(f"JarPUK `{jarpuk}` tidak ada. Yang ada: {', '.join(sorted(catalog.jarpuks))}.")
    if producer not in {p.id for p in found.producers}:
        raise ScaffoldError(f"produsen `{producer}` tidak ada di {jarpuk}. Yang ada: "
                            f"{', '.join(p.id for p in found.producers)}.")
    if not SLUG.match(product_id) or len(product_id) > 60 or product_id in RESERVED_PRODUCT_IDS:
        raise ScaffoldError(f"`{product_id}` tidak bisa menjadi id produk: gunakan huruf kecil, angka dan tanda "
                            "hubung, misalnya kain-tenun-baru.")
    category = category or next(iter(catalog.categories))
    if category not in catalog.categories:
        raise ScaffoldError(f"kategori `{category}` tidak ada. Pilih: {', '.join(catalog.categories)}.")
    name = " ".join(name.split())
    if not name or len(name) > 150:
        raise ScaffoldError("nama produk kosong atau lebih dari 150 huruf.")
    path = products / jarpuk / f"{product_id}.yml"
    if path.exists():
        raise ScaffoldError(f"{path} sudah ada. Pilih id lain, atau sunting berkas itu.")
    values = {"name": json.dumps(name, ensure_ascii=False), "category": category, "producer": producer,
              **PRODUCT_STARTERS}
    lines = ["# yaml-language-server: $schema=../../plugins/asppuk/catalog/schemas/product.schema.json"]
    for key, spec in schema("product")["properties"].items():
        help_text = spec.get("description", "")
        if key in values:
            lines.append(f"# {help_text}")
            lines.append(f"{key}: {values[key]}")
        else:
            lines.append(f"# {key}: …  # {help_text}")
    try:
        # "x": never through a link left where the file should be, which could point anywhere
        with open(path, "x", encoding="utf-8") as out:
            out.write("\n".join(lines) + "\n")
    except FileExistsError:
        raise ScaffoldError(f"{path} sudah ada (mungkin sebagai tautan simbolik). Pilih id lain.") from None
    return path
