"""Load ``products/`` into a :class:`Catalog`, collecting every problem at once.

The folder layout is the contract::

    products/categories.yml
    products/<jarpuk-id>/jarpuk.yml
    products/<jarpuk-id>/producers.yml
    products/<jarpuk-id>/<product-id>.yml
    products/<jarpuk-id>/images/...

Nothing is dropped quietly: a file that cannot become part of the catalogue
is a problem with its path and line, and callers refuse to publish while
there are any.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Collection
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from asppuk.datafiles import schema
from asppuk.datafiles.problems import SYMLINK_MESSAGE, Problem, display_path
from asppuk.datafiles.yamlfile import YamlDoc, load_file

from .contact import is_landline, normalise_phone
from .model import Catalog, Category, Certification, Contact, Image, JarPuk, Producer, Product
from .text import text_problem

# The description `make new-product` writes for staff to replace (staff.scaffold)
DESCRIPTION_PLACEHOLDER = "Tulis uraian produk di sini."

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
# Folder names that would clash with the site's own addresses under produk/
RESERVED = {
    "images": "untuk foto",
    "kategori": "untuk halaman kategori, produk/kategori/",
    "cari": "untuk halaman pencarian, produk/cari/",
    "daftar-tanya": "untuk daftar tanya, produk/daftar-tanya/",
}
IGNORED_FILES = {"README.md", ".gitkeep"}
# Files are parsed and schema-checked in worker processes once there are
# enough of them to pay for starting the pool.
PARALLEL_THRESHOLD = 2000


@dataclass(slots=True)
class _Parsed:
    doc: YamlDoc | None
    problems: list[Problem]


def _parse(args: tuple[Path, str, str]) -> _Parsed:
    return parse_file(*args)


def parse_file(file: Path, shown: str, kind: str) -> _Parsed:
    """One data file as ``make check`` reads it: safe YAML, then its schema."""
    doc, problems = load_file(file, shown)
    if doc is not None:  # e.g. a duplicate key: still report schema problems too
        problems += schema.validate(doc, kind, besides=problems)
    return _Parsed(doc, problems)


def load_catalog(root: Path, *, workers: int | None = None,
                 only: Collection[str] | None = None) -> tuple[Catalog, list[Problem]]:
    """Read the catalogue under ``root`` (the ``products/`` folder).

    Returns the catalogue of everything valid and the list of problems; the
    catalogue is only fit to publish when that list is empty. With ``only``
    (JarPUK ids), the other JarPUK folders are not read: a partial catalogue
    for previewing one network's data quickly (``Catalog.partial``), never
    for publishing.
    """
    # Loading makes hundreds of thousands of small acyclic objects; the cyclic
    # garbage collector would walk them all again and again for nothing.
    enabled = gc.isenabled()
    gc.disable()
    try:
        loader = _Loader(root, workers)
        loader.only = set(only) if only is not None else None
        return loader.run()
    finally:
        if enabled:
            gc.enable()


class _Loader:
    def __init__(self, root: Path, workers: int | None):
        self.root = root
        self.base = root.parent
        self.workers = workers
        self.problems: list[Problem] = []
        # JarPUK whose producers.yml is broken: its products are not also
        # blamed for naming producers that could not be read
        self.broken_producers: set[str] = set()
        self.producer_index: dict[tuple[str, str], Producer] = {}
        self.only: set[str] | None = None

    def shown(self, path: Path) -> str:
        return display_path(path, self.base)

    def problem(self, path: Path | str, line: int, message: str) -> None:
        shown = path if isinstance(path, str) else self.shown(path)
        self.problems.append(Problem(shown, line, message))

    # -- top level ---------------------------------------------------------

    def run(self) -> tuple[Catalog, list[Problem]]:
        catalog = Catalog(categories={}, jarpuks={}, products=[])
        if not self.root.is_dir():
            self.problem(self.root, 1, "folder katalog tidak ditemukan. Buat folder `products/`.")
            return catalog, self.problems

        catalog.categories = self.load_categories()
        folders, product_files = self.scan()
        if self.only is not None:
            catalog.partial = True
            for missing in sorted(self.only - {f.name for f in folders}):
                self.problem(self.root / missing, 1, f"JarPUK `{missing}` tidak ada di folder `products/`.")
        parsed = self.parse_all(
            [(f / "jarpuk.yml", "jarpuk") for f in folders]
            + [(f / "producers.yml", "producers") for f in folders]
            + [(f, "product") for f in product_files]
        )
        # A JarPUK with problems is still built, so that its products are
        # checked too, but it is never published.
        checked_only: dict[str, JarPuk] = {}
        for folder in folders:
            before = len(self.problems)
            jarpuk = self.build_jarpuk(folder, parsed[folder / "jarpuk.yml"])
            if jarpuk is None:
                continue
            fine = not parsed[folder / "jarpuk.yml"].problems and len(self.problems) == before
            (catalog.jarpuks if fine else checked_only)[jarpuk.id] = jarpuk
            self.build_producers(jarpuk, folder, parsed.get(folder / "producers.yml"))
        catalog.refused |= {("jarpuk", f.name) for f in folders if f.name not in catalog.jarpuks}
        catalog.refused |= {("producers", j) for j in self.broken_producers}
        for file in product_files:
            name = file.parent.name
            jarpuk = catalog.jarpuks.get(name) or checked_only.get(name)
            if jarpuk is None:
                continue  # its jarpuk.yml cannot be read; that is reported
            product = self.build_product(catalog, jarpuk, file, parsed[file])
            if product is None:
                catalog.refused.add(("product", name, file.stem))
            elif name in catalog.jarpuks:
                catalog.products.append(product)
                product.jarpuk.products.append(product)
                product.producer.products.append(product)
                product.category.products.append(product)
        return catalog, self.problems

    def scan(self) -> tuple[list[Path], list[Path]]:
        folders: list[Path] = []
        products: list[Path] = []
        for entry in sorted(self.root.iterdir()):
            if entry.is_file():
                if entry.name not in ("categories.yml", *IGNORED_FILES):
                    self.problem(
                        entry, 1,
                        "berkas ini tidak dikenal di folder `products/`. Pindahkan ke folder JarPUK-nya, "
                        "misalnya `products/sintang/`.",
                    )
                continue
            if entry.name.startswith("."):
                continue
            if entry.name in RESERVED:
                self.problem(
                    entry, 1,
                    f"nama folder `{entry.name}` sudah dipakai situs ({RESERVED[entry.name]}), jadi tidak bisa "
                    "menjadi id JarPUK. Beri folder ini nama JarPUK-nya, misalnya `lombok-tengah`.",
                )
                continue
            if not SLUG.match(entry.name):
                self.problem(
                    entry, 1,
                    f"nama folder `{entry.name}` tidak bisa dipakai sebagai id JarPUK. Gunakan huruf kecil, "
                    "angka dan tanda hubung, misalnya `lombok-tengah`.",
                )
                continue
            if self.only is not None and entry.name not in self.only:
                continue  # a preview of other JarPUK only
            if not (entry / "jarpuk.yml").is_file():
                self.problem(entry, 1, "folder JarPUK ini belum punya `jarpuk.yml`. Tambahkan profil JarPUK-nya.")
                continue
            folders.append(entry)
            for file in sorted(entry.iterdir()):
                if file.is_symlink():
                    self.problem(file, 1, SYMLINK_MESSAGE)
                    continue
                if file.is_dir() or file.name in ("jarpuk.yml", "producers.yml", *IGNORED_FILES):
                    continue
                if file.suffix == ".yaml":
                    self.problem(file, 1, f"akhiran `.yaml` tidak dibaca. Ganti nama berkas menjadi `{file.stem}.yml`.")
                elif file.suffix != ".yml":
                    self.problem(
                        file, 1,
                        "berkas ini bukan data produk (.yml). Foto disimpan di folder `images/`; berkas lain dihapus.",
                    )
                elif not SLUG.match(file.stem):
                    self.problem(
                        file, 1,
                        f"nama berkas `{file.name}` menjadi id produk, jadi hanya boleh huruf kecil, angka dan "
                        "tanda hubung, misalnya `kain-tenun-ikat.yml`.",
                    )
                else:
                    products.append(file)
        return folders, products

    def parse_all(self, jobs: list[tuple[Path, str]]) -> dict[Path, _Parsed]:
        args = [(f, self.shown(f), kind) for f, kind in jobs if f.is_file()]
        if self.workers != 1 and len(args) >= PARALLEL_THRESHOLD:
            with ProcessPoolExecutor(self.workers) as pool:
                results = list(pool.map(_parse, args, chunksize=256))
        else:
            results = [_parse(a) for a in args]
        out: dict[Path, _Parsed] = {}
        for (file, _, _), result in zip(args, results):
            self.problems.extend(result.problems)
            out[file] = result
        return out

    # -- kinds ---------------------------------------------------------------

    def load_categories(self) -> dict[str, Category]:
        file = self.root / "categories.yml"
        if not file.is_file():
            self.problem(file, 1, "daftar kategori belum ada. Buat `products/categories.yml`.")
            return {}
        result = _parse((file, self.shown(file), "categories"))
        self.problems.extend(result.problems)
        if result.doc is None or result.problems:
            return {}
        categories: dict[str, Category] = {}
        for index, item in enumerate(result.doc.data):
            cid = item["id"]
            if cid in categories:
                self.problem(file, result.doc.line((index, "id")), f"id kategori `{cid}` dipakai dua kali. Setiap kategori perlu id sendiri.")
                continue
            categories[cid] = Category(cid, item["name"], item.get("name_en"), item.get("description"),
                                       item.get("description_en"))
        return categories

    def contact(self, doc: YamlDoc, at: tuple, data: dict[str, Any] | None) -> Contact | None:
        if data is None:
            return None
        phone = data.get("phone")
        e164 = None
        if isinstance(phone, str):
            try:
                e164 = normalise_phone(phone)
            except ValueError:
                self.problem(
                    doc.path, doc.line(at + ("phone",)),
                    f"nomor telepon `{phone}` tidak sah. Tulis nomor Indonesia lengkap dengan kode wilayah atau "
                    "awalan 08, dalam tanda kutip, misalnya `\"0812-3456-7890\"` atau `\"0380-821234\"`.",
                )
        if data.get("whatsapp") is True and phone is None:
            self.problem(doc.path, doc.line(at + ("whatsapp",)), "`whatsapp: true` tetapi `phone` kosong. Tambahkan nomor teleponnya.")
        elif data.get("whatsapp") is True and e164 is not None and is_landline(e164):
            self.problem(
                doc.path, doc.line(at + ("whatsapp",)),
                f"`whatsapp: true`, tetapi `{phone}` adalah nomor telepon rumah/kantor, dan tautan WhatsApp "
                "ke nomor itu tidak akan sampai. Tulis nomor ponsel yang memakai WhatsApp, atau hapus baris "
                "`whatsapp: true`.")
        return Contact(data.get("name"), e164, bool(data.get("whatsapp")) and e164 is not None, data.get("email"))

    def build_jarpuk(self, folder: Path, parsed: _Parsed) -> JarPuk | None:
        """The JarPUK of ``folder``; built even with problems, so its products still get checked."""
        if parsed.doc is None or not isinstance(parsed.doc.data, dict):
            return None
        doc, data = parsed.doc, parsed.doc.data
        contact_data = data.get("contact") if isinstance(data.get("contact"), dict) else {}
        contact = self.contact(doc, ("contact",), contact_data)
        # Products whose producer gave no consent fall back to this contact,
        # so without it they would lead nowhere. (A phone that is written
        # wrongly has its own message.)
        if "contact" in data and "phone" not in contact_data and "email" not in contact_data:
            self.problem(
                doc.path, doc.line(("contact",)),
                "kontak JarPUK belum punya `phone` atau `email`. Pembeli yang produsennya tidak ingin "
                "dihubungi langsung diarahkan ke kontak ini, jadi isi salah satunya.",
            )
        self.markdown_fields(doc, (), data, ("description", "description_en"))
        fields = {k: data.get(k) for k in ("ornop", "members", "kpuk", "villages", "subdistricts", "description_en")}
        return JarPuk(
            id=folder.name, name=str(data.get("name", folder.name)), district=str(data.get("district", "")),
            province=str(data.get("province", "")), region=str(data.get("region", "")), contact=contact,
            description=str(data.get("description", "")), **fields,
        )

    def markdown_fields(self, doc, at: tuple, data, keys: tuple[str, ...]) -> None:
        """Markdown texts that would lose something on the page (an image, raw HTML): said, never dropped
        silently; and the example text of `make new-product`, left as it is."""
        for key in keys:
            value = data.get(key) if isinstance(data, dict) else None
            if isinstance(value, str) and value.strip() == DESCRIPTION_PLACEHOLDER:
                self.problem(doc.path, doc.line(at + (key,)), f"`{key}` masih berisi teks contoh dari `make "
                             f"new-product` (\"{DESCRIPTION_PLACEHOLDER}\"). Tulis uraian produknya: bahan, cara "
                             "membuat, ukuran, kegunaan.")
                continue
            message = text_problem(value) if isinstance(value, str) else None
            if message:
                self.problem(doc.path, doc.line(at + (key,)), f"`{key}`: {message}")

    def build_producers(self, jarpuk: JarPuk, folder: Path, parsed: _Parsed | None) -> None:
        if parsed is None:
            return  # a product naming a producer will say producers.yml is missing
        if parsed.doc is None or parsed.problems:
            self.broken_producers.add(jarpuk.id)
        if parsed.doc is None or not isinstance(parsed.doc.data, list):
            return
        doc = parsed.doc
        seen: dict[str, int] = {}  # id -> index of its first entry
        for index, item in enumerate(doc.data):
            pid = item.get("id") if isinstance(item, dict) else None
            if not isinstance(pid, str):
                continue  # the schema reports it
            if pid in seen:
                first = doc.line((seen[pid], "id"))
                self.problem(doc.path, doc.line((index, "id")), f"id produsen `{pid}` dipakai dua kali (pertama di baris {first}). Beri id lain.")
                continue
            seen[pid] = index
            self.markdown_fields(doc, (index,), item, ("bio", "bio_en"))
            since = item.get("since")
            if isinstance(since, int) and since > date.today().year:
                self.problem(doc.path, doc.line((index, "since")),
                             f"`since` berisi {since}, tahun yang belum datang. Tulis tahun usaha dimulai, "
                             f"paling lambat {date.today().year}.")
            if jarpuk.id in self.broken_producers:
                continue
            contact_data = item.get("contact")
            producer = Producer(
                id=pid, jarpuk=jarpuk, name=item["name"], kind=item["kind"], bio=item.get("bio"), bio_en=item.get("bio_en"),
                group=item.get("group"), village=item.get("village"), scale=item.get("scale"),
                since=item.get("since"), contact=self.contact(doc, (index, "contact"), contact_data),
                consent=bool(contact_data and contact_data.get("consent")),
            )
            jarpuk.producers.append(producer)
            self.producer_index[jarpuk.id, pid] = producer

    def build_product(self, catalog: Catalog, jarpuk: JarPuk, file: Path, parsed: _Parsed) -> Product | None:
        if parsed.doc is None or not isinstance(parsed.doc.data, dict):
            return None
        # Cross-references are checked even when the schema found problems,
        # so staff see every mistake in one run; each check guards its shape.
        doc, data = parsed.doc, parsed.doc.data
        before = len(self.problems)

        category = catalog.categories.get(data.get("category"))
        if category is None and catalog.categories and isinstance(data.get("category"), str):
            known = ", ".join(sorted(catalog.categories))
            self.problem(doc.path, doc.line(("category",)), f"kategori `{data['category']}` tidak ada di products/categories.yml. Pilih salah satu: {known}.")

        producer = self.producer_index.get((jarpuk.id, data.get("producer")))
        if producer is None and isinstance(data.get("producer"), str) and jarpuk.id not in self.broken_producers:
            if not (file.parent / "producers.yml").is_file():
                hint = f"Folder ini belum punya producers.yml: buat `products/{jarpuk.id}/producers.yml`."
            else:
                ids = ", ".join(p.id for p in jarpuk.producers) or "(belum ada)"
                hint = f"Produsen yang terdaftar: {ids}."
            self.problem(doc.path, doc.line(("producer",)), f"produsen `{data['producer']}` tidak terdaftar di JarPUK {jarpuk.id}. {hint}")

        price, price_max = data.get("price"), data.get("price_max")
        if isinstance(price_max, int) and (not isinstance(price, int) or price_max < price):
            self.problem(doc.path, doc.line(("price_max",)), "`price_max` harus lebih besar dari `price`, dan `price` harus diisi bila ada `price_max`.")

        images = self.images(doc, file.parent, data.get("images"), data.get("name") or file.stem)

        materials, materials_en = data.get("materials"), data.get("materials_en")
        if isinstance(materials_en, list) and materials_en and len(materials_en) != len(materials or []):
            self.problem(doc.path, doc.line(("materials_en",)),
                         f"`materials_en` berisi {len(materials_en)} bahan, `materials` {len(materials or [])}. "
                         "Tulis terjemahan setiap bahan, dalam urutan yang sama dengan `materials`.")

        added = data.get("added")
        if isinstance(added, str) and _future(added):
            self.problem(doc.path, doc.line(("added",)), f"`added` berisi {added}, tanggal yang belum datang. "
                         "Tulis tanggal produk dimasukkan ke katalog (TTTT-BB-HH), paling lambat hari ini.")

        self.markdown_fields(doc, (), data, ("description", "description_en"))
        if parsed.problems or len(self.problems) > before or producer is None or category is None:
            return None
        certifications = [
            Certification(c["type"], c.get("number"), c.get("name")) for c in data.get("certifications", [])
        ]
        return Product(
            id=file.stem, jarpuk=jarpuk, producer=producer, category=category, name=data["name"],
            description=data["description"], unit=data["unit"], availability=data["availability"],
            name_en=data.get("name_en"), description_en=data.get("description_en"), unit_en=data.get("unit_en"),
            materials_en=data.get("materials_en", []), price=price,
            price_max=price_max, min_order=data.get("min_order"), capacity=data.get("capacity"),
            lead_time_days=data.get("lead_time_days"), materials=data.get("materials", []),
            size=data.get("size"), weight_g=data.get("weight_g"), images=images,
            certifications=certifications, tags=data.get("tags", []), featured=bool(data.get("featured")),
            added=data.get("added"), source=doc.path,
        )

    def images(self, doc: YamlDoc, folder: Path, items: Any, name: str) -> list[Image]:
        images: list[Image] = []
        for index, item in enumerate(items if isinstance(items, list) else []):
            src = item if isinstance(item, str) else item.get("src") if isinstance(item, dict) else None
            if not isinstance(src, str) or not src:
                continue  # the schema reports it
            alt = item.get("alt", name) if isinstance(item, dict) else name
            line = doc.line(("images", index))
            candidate = (folder / src).resolve()
            if src.startswith("/") or ".." in Path(src).parts or not candidate.is_relative_to(folder.resolve()):
                self.problem(doc.path, line, f"foto `{src}` berada di luar folder JarPUK ini. Simpan foto di `images/` dan tulis `images/nama-foto.jpg`.")
            elif not candidate.is_file():
                self.problem(doc.path, line, f"foto `{src}` tidak ditemukan. Periksa nama berkasnya (huruf besar/kecil berpengaruh) atau unggah fotonya ke folder `images/`.")
            else:
                images.append(Image(candidate, src, alt, line))
        return images


def _future(iso: str) -> bool:
    try:
        return date.fromisoformat(iso[:10]) > date.today()
    except ValueError:
        return False  # the schema reports a date that is not one
