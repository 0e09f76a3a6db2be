"""The network in figures: member NGOs by region (``data/members.yml``) and
what the catalogue says about producers and products. No MkDocs.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from asppuk.catalog import schema
from asppuk.catalog.model import REGIONS, SCALES, Catalog
from asppuk.catalog.problems import Problem, display_path
from asppuk.catalog.yamlfile import load_file
from asppuk.reports.charts import Chart, Series


@dataclass
class Region:
    id: str
    name: str
    members: int
    provinces: list[tuple[str, list[str]]] = field(default_factory=list)

    @property
    def named(self) -> int:
        return sum(len(ngos) for _, ngos in self.provinces)


def load_members(file: Path, base: Path) -> tuple[list[Region], list[Problem]]:
    shown = display_path(file, base)
    if not file.is_file():
        return [], [Problem(shown, 1, "daftar anggota belum ada. Buat `data/members.yml`.")]
    doc, problems = load_file(file, shown)
    if doc is None:
        return [], problems
    problems += schema.validate(doc, "members")
    if problems:
        return [], problems
    regions = [
        Region(r["id"], r["name"], r["members"], [(p["name"], p["ngos"]) for p in r.get("provinces", [])])
        for r in doc.data
    ]
    return regions, []


def figures(catalog: Catalog, regions: list[Region]) -> list[Chart]:
    """The charts of /angka/, computed from the data at every build.

    A figure nobody recorded is left out, never drawn as 0: members per
    region counts only the JarPUK that wrote down their members, and says
    how many those are."""
    scales = Counter(p.scale for p in catalog.producers if p.scale)
    categories = Counter(p.category.name for p in catalog.products)
    by_region = Counter(p.jarpuk.region for p in catalog.products)
    jarpuk_by_region = Counter(j.region for j in catalog.jarpuks.values())
    recorded = [j for j in catalog.jarpuks.values() if j.members is not None]
    members_by_region = Counter()
    for jarpuk in recorded:
        members_by_region[jarpuk.region] += jarpuk.members
    region_ids = list(REGIONS)
    charts = [
        Chart("ornop", "Ornop anggota per wilayah", [REGIONS[r] for r in region_ids],
              [Series("Ornop anggota", [next((x.members for x in regions if x.id == r), 0) for r in region_ids])],
              label_heading="Wilayah"),
        Chart("skala", "Produsen menurut skala usaha", [SCALES[s] for s in SCALES],
              [Series("Produsen", [scales.get(s, 0) for s in SCALES])],
              caption="Produsen di katalog yang skala usahanya tercatat.", label_heading="Skala usaha"),
        Chart("kategori", "Produk menurut kategori", sorted(categories),
              [Series("Produk", [categories[c] for c in sorted(categories)])], label_heading="Kategori"),
        Chart("wilayah", "Produk menurut wilayah", [REGIONS[r] for r in region_ids],
              [Series("Produk", [by_region.get(r, 0) for r in region_ids])], label_heading="Wilayah"),
        Chart("jarpuk", "JarPUK dengan katalog, per wilayah", [REGIONS[r] for r in region_ids],
              [Series("JarPUK", [jarpuk_by_region.get(r, 0) for r in region_ids])],
              caption="Hanya JarPUK yang sudah punya data di katalog.", label_heading="Wilayah"),
    ]
    with_members = [r for r in region_ids if r in members_by_region]
    if with_members:
        charts.append(Chart(
            "anggota", "Anggota PUK tercatat, per wilayah", [REGIONS[r] for r in with_members],
            [Series("Anggota PUK", [members_by_region[r] for r in with_members])],
            caption=f"Jumlah anggota yang dicatat di profil JarPUK (jarpuk.yml): {len(recorded)} dari "
                    f"{len(catalog.jarpuks)} JarPUK sudah mencatatnya. Wilayah tanpa catatan tidak ditampilkan.",
            label_heading="Wilayah"))
    return charts
