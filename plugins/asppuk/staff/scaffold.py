"""New files that start valid: a dated news post, a product of a JarPUK.

The scripts behind ``make new-post`` and ``make new-product`` ask staff for
what is missing and call these. Each value is first checked on its own with
the schemas and checks ``make check`` uses, so that a wrong one is refused
by its argument's name (and asked again, :mod:`.prompt`); the file is then
written under a temporary name, checked as ``make check`` checks that kind
of file, and only then given its name: never outside its folder, never over
another file or another post's address, never left behind when refused.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import tempfile
import unicodedata
from collections.abc import Callable
from pathlib import Path

import yaml

from asppuk.catalog.loader import DESCRIPTION_PLACEHOLDER, SLUG, parse_file
from asppuk.datafiles.problems import Problem, display_path, format_problems
from asppuk.datafiles.schema import field_messages, schema
from asppuk.datafiles.yamlfile import CONTROL, load_file
from asppuk.news import BODY_PLACEHOLDER, OPENING_PLACEHOLDER, BlogSettings, check_posts, post_problems
from asppuk.security.content import page_problems
from asppuk.security.markup import problems_in, render_markdown
from asppuk.site_config import SiteConfig

# Valid starting values for a product's required fields; optional ones are written as comments
PRODUCT_STARTERS = {"unit": "pcs", "availability": "made-to-order", "description": f"|\n  {DESCRIPTION_PLACEHOLDER}"}
RESERVED_PRODUCT_IDS = {"jarpuk", "producers"}
# Texts for staff to replace: check and the build refuse them left as they are
POST_BODY = f"{OPENING_PLACEHOLDER}\n\n<!-- more -->\n\n{BODY_PLACEHOLDER}\n"


class ScaffoldError(ValueError):
    """What is wrong with the request, in Indonesian for staff."""


def _field(argument: str, kind: str, key: str, value) -> None:
    """Refuse ``value`` as the field ``key`` of a ``kind`` file as ``make check`` would."""
    messages = field_messages(kind, key, value)
    if messages:
        raise ScaffoldError(f"{argument}: {messages[0]}")


def _line(argument: str, value: str, kind: str, key: str, empty: str) -> str:
    """A one-line text field: the characters ``make check`` refuses, then its schema."""
    value = value.strip()
    if not value:
        raise ScaffoldError(f"{argument}: {empty}")
    control = CONTROL.search(value)
    if control:
        raise ScaffoldError(f"{argument} berisi karakter tak terlihat (kode U+{ord(control.group()):04X}), biasanya "
                            "dari teks yang disalin dari Word atau PDF. Hapus bagian itu lalu ketik ulang.")
    if re.search(r"[\t\n\r]", value):
        raise ScaffoldError(f"{argument} harus satu baris, tanpa tab atau baris baru.")
    _field(argument, kind, key, value)
    return value


def slugify(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:80].strip("-") or "berita"


def parse_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ScaffoldError(f"--date: tanggal `{text}` tidak ada. Tulis TTTT-BB-HH, misalnya 2026-11-05.") from None


def authors(settings: BlogSettings) -> dict:
    """The authors of .authors.yml, read like every data file (a broken file is a message, not a traceback)."""
    if not settings.authors_file.is_file():
        return {}
    doc, problems = load_file(settings.authors_file, display_path(settings.authors_file, Path.cwd()))
    if doc is None or problems:
        raise ScaffoldError(f"{problems[0]} Perbaiki berkas itu dulu." if problems else "daftar penulis tidak terbaca.")
    data = doc.data.get("authors") if isinstance(doc.data, dict) else None
    return data if isinstance(data, dict) else {}


# -- a news post ---------------------------------------------------------------------


def check_title(site: SiteConfig, title: str) -> str:
    """The title as written, or why ``make check`` would refuse it (it is also
    rendered as Markdown: Material's blog puts it as a heading over the excerpt)."""
    title = _line("--title", title, "news", "title",
                  "judul berita kosong. Tulis judulnya, misalnya --title \"Pameran tenun di Pontianak\".")
    found = problems_in(render_markdown(f"# {title}", site.markdown_extensions, site.markdown_configs), title, "")
    if found:
        raise ScaffoldError(f"--title: {found[0].message}")
    return title


def check_region(settings: BlogSettings, category: str) -> str:
    if settings.categories and category not in settings.categories:
        raise ScaffoldError(f"--region: kategori `{category}` tidak dikenal. Pilih salah satu: "
                            f"{', '.join(settings.categories)}.")
    _field("--region", "news", "categories", [category])
    return category


def check_author(settings: BlogSettings, author: str) -> str:
    known = authors(settings)
    if author not in known:
        raise ScaffoldError(f"--author: penulis `{author}` belum ada di {settings.authors_file.name}. "
                            f"Yang ada: {', '.join(known)}.")
    _field("--author", "news", "authors", [author])
    return author


def new_post(site: SiteConfig, *, title: str, category: str, author: str, date: dt.date) -> tuple[Path, str]:
    """Write a post; returns its file and, when its address was taken, a note on the new one."""
    settings = site.blog
    title = check_title(site, title)
    category, author = check_region(settings, category), check_author(settings, author)
    taken = {post.url(settings) for post in check_posts(settings, site.root)[0]}
    taken_files = {p.name for p in settings.posts_dir.glob("*.md")} if settings.posts_dir.is_dir() else set()
    base = slugify(title)
    slug, number = base, 1
    while (f"{settings.blog_dir}/{date:%Y/%m/%d}/{slug}/" in taken
           or f"{date.isoformat()}-{slug}.md" in taken_files):
        number += 1
        slug = f"{base}-{number}"
    path = settings.posts_dir / f"{date.isoformat()}-{slug}.md"
    # The title goes into the front matter, where YAML quoting keeps every character as typed
    front = {"title": title, "date": date, "authors": [author], "categories": [category], "tags": [], "slug": slug}
    yaml_text = yaml.safe_dump(front, allow_unicode=True, sort_keys=False, width=1000, default_flow_style=None)
    text = f"---\n{yaml_text}---\n\n{POST_BODY}"
    shown = display_path(path, site.root)
    _write_checked(path, text, lambda file: page_problems(file, shown, site.markdown_extensions, site.markdown_configs,
                                                          post=True)
                   + post_problems(settings, site.root, file, shown))
    note = (f"Alamat /{settings.blog_dir}/{date:%Y/%m/%d}/{base}/ sudah dipakai berita lain; berita ini memakai "
            f"slug `{slug}`." if slug != base else "")
    return path, note


# -- a product -----------------------------------------------------------------------


def check_jarpuk(catalog, jarpuk: str) -> str:
    if jarpuk not in catalog.jarpuks:
        raise ScaffoldError(f"--jarpuk: JarPUK `{jarpuk}` tidak ada. Yang ada: {', '.join(sorted(catalog.jarpuks))}.")
    return jarpuk


def check_producer(catalog, jarpuk: str, producer: str) -> str:
    known = [p.id for p in catalog.jarpuks[jarpuk].producers]
    if producer not in known:
        raise ScaffoldError(f"--producer: produsen `{producer}` tidak ada di {jarpuk}. Yang ada: {', '.join(known)}.")
    _field("--producer", "product", "producer", producer)
    return producer


def check_product_id(products: Path, jarpuk: str, product_id: str) -> str:
    if not SLUG.match(product_id) or len(product_id) > 60 or product_id in RESERVED_PRODUCT_IDS:
        raise ScaffoldError(f"--id: `{product_id}` tidak bisa menjadi id produk: gunakan huruf kecil, angka dan tanda "
                            "hubung, misalnya kain-tenun-baru.")
    path = products / jarpuk / f"{product_id}.yml"
    if os.path.lexists(path):
        raise ScaffoldError(f"--id: {display_path(path, products.parent)} sudah ada (mungkin sebagai tautan "
                            "simbolik). Pilih id lain, atau sunting berkas itu.")
    return product_id


def check_product_name(name: str) -> str:
    return _line("--name", name, "product", "name", "nama produk kosong. Tulis namanya, misalnya --name \"Kain ikat\".")


def check_category(catalog, category: str) -> str:
    if category not in catalog.categories:
        raise ScaffoldError(f"--category: kategori `{category}` tidak ada. Pilih: {', '.join(catalog.categories)}.")
    _field("--category", "product", "category", category)
    return category


def new_product(products: Path, catalog, *, jarpuk: str, producer: str, product_id: str, name: str,
                category: str) -> Path:
    """Write a product file with every field commented in Indonesian from the schema."""
    jarpuk = check_jarpuk(catalog, jarpuk)
    producer = check_producer(catalog, jarpuk, producer)
    product_id = check_product_id(products, jarpuk, product_id)
    name, category = check_product_name(name), check_category(catalog, category)
    values = {"name": json.dumps(name, ensure_ascii=False), "category": category, "producer": producer,
              **PRODUCT_STARTERS}
    lines = ["# yaml-language-server: $schema=../../plugins/asppuk/datafiles/schemas/product.schema.json"]
    for key, spec in schema("product")["properties"].items():
        help_text = spec.get("description", "")
        if key in values:
            lines.append(f"# {help_text}")
            lines.append(f"{key}: {values[key]}")
        else:
            lines.append(f"# {key}: …  # {help_text}")
    path = products / jarpuk / f"{product_id}.yml"
    shown = display_path(path, products.parent)
    _write_checked(path, "\n".join(lines) + "\n", lambda file: parse_file(file, shown, "product").problems)
    return path


def _write_checked(path: Path, text: str, problems_of: Callable[[Path], list[Problem]]) -> None:
    """Write ``text`` under a temporary name beside ``path``, check that file
    with ``problems_of`` (``make check``'s code for its kind), and only then
    give it its name: never over another file or through a link left there."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".baru", dir=path.parent)
    temporary = Path(name)
    try:
        os.fchmod(handle, 0o644)
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
        problems = problems_of(temporary)
        if problems:
            raise ScaffoldError("berkas tidak ditulis, karena `make check` akan menolaknya:\n"
                                + format_problems(sorted(set(problems))))
        try:
            os.link(temporary, path)  # refused when anything has the name, even a link to nowhere
        except FileExistsError:
            raise ScaffoldError(f"{path} sudah ada (mungkin sebagai tautan simbolik): tidak ditimpa.") from None
        except OSError:  # a file system without hard links: the same test, then the move
            if os.path.lexists(path):
                raise ScaffoldError(f"{path} sudah ada. Hapus atau ganti namanya.") from None
            os.rename(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
