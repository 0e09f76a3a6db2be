"""Which English texts the catalogue still lacks: a to-do list, never a failure.

The English edition shows the Indonesian text, marked as such, wherever a
translation is missing; ``make check`` lists what is missing per JarPUK so
that staff (or volunteers) can fill it in. No MkDocs.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .model import Catalog


@dataclass
class Missing:
    """Missing English texts of one JarPUK (or of the categories, ``jarpuk`` None)."""

    jarpuk: str | None
    name: str
    items: dict[str, list[str]] = field(default_factory=dict)  # field -> files or ids lacking it

    def add(self, what: str, where: str) -> None:
        self.items.setdefault(what, []).append(where)

    @property
    def count(self) -> int:
        return sum(len(v) for v in self.items.values())


def missing_translations(catalog: Catalog) -> list[Missing]:
    found: list[Missing] = []
    categories = Missing(None, "Kategori")
    for category in catalog.categories.values():
        if not category.name_en:
            categories.add("name_en", category.id)
        if category.description and not category.description_en:
            categories.add("description_en", category.id)
    if categories.items:
        found.append(categories)
    for jarpuk in catalog.jarpuks.values():
        missing = Missing(jarpuk.id, jarpuk.name)
        if not jarpuk.description_en:
            missing.add("description_en", "jarpuk.yml")
        for producer in jarpuk.producers:
            if producer.bio and not producer.bio_en:
                missing.add("bio_en", f"producers.yml: {producer.id}")
        for product in jarpuk.products:
            for what, lacking in (("name_en", not product.name_en), ("description_en", not product.description_en),
                                  ("unit_en", not product.unit_en),
                                  ("materials_en", bool(product.materials) and not product.materials_en)):
                if lacking:
                    missing.add(what, f"{product.id}.yml")
        if missing.items:
            found.append(missing)
    return found


def format_missing(found: list[Missing], limit: int = 6) -> str:
    """The to-do list as staff read it (Indonesian)."""
    if not found:
        return "Semua teks bahasa Inggris sudah ada."
    total = sum(m.count for m in found)
    lines = [f"Catatan (bukan kesalahan): {total} teks bahasa Inggris belum ada. Halaman bahasa Inggris "
             "menampilkan teks bahasa Indonesia di tempatnya, dengan keterangan."]
    for missing in found:
        where = f"products/{missing.jarpuk}/" if missing.jarpuk else "products/categories.yml"
        lines.append(f"  {missing.name} ({where}): {missing.count}")
        for what, items in missing.items.items():
            shown = ", ".join(items[:limit]) + (f", dan {len(items) - limit} lagi" if len(items) > limit else "")
            lines.append(f"    {what}: {shown}")
    return "\n".join(lines)


def empty_categories(catalog: Catalog) -> list[str]:
    """Ids of the categories with no product: not published (no page, not in
    the sitemap) until a product names them; a to-do, never a failure."""
    return sorted(c.id for c in catalog.categories.values() if not c.products)


def format_empty_categories(ids: list[str]) -> str:
    if not ids:
        return ""
    return ("Kategori tanpa produk (belum diterbitkan sampai ada produk di dalamnya; products/categories.yml): "
            + ", ".join(ids) + ".")
