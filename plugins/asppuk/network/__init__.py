"""The network in figures: member NGOs by region (``data/members.yml``) and
what the catalogue says about producers and products. No MkDocs.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from asppuk.catalog import schema
from asppuk.catalog.labels import REGIONS as REGION_NAMES, SCALES as SCALE_NAMES
from asppuk.catalog.model import REGIONS, SCALES, Catalog
from asppuk.languages import ENGLISH, INDONESIAN, Language
from asppuk.catalog.problems import Problem, display_path
from asppuk.catalog.yamlfile import load_file
from asppuk.reports.charts import Chart, Series

# The pages in each language (their paths among the site's files; make check needs them too)
MEMBERS = {"id": "tentang/anggota/index.md", "en": "en/about/members/index.md"}
FIGURES = {"id": "angka/index.md", "en": "en/figures/index.md"}


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


# The words of the network pages, per language
WORDS = {
    "id": {
        "members_title": "Anggota dan JarPUK",
        "figures_title": "Angka jaringan",
        "members_lead": "ASPPUK beranggotakan Ornop di lima wilayah ({total} tercatat per wilayah). Daftar ini "
                        "dibuat dari data/members.yml dan katalog produk.",
        "figures_lead": "Angka-angka jaringan yang dihitung ulang dari data setiap kali situs dibangun: bahan untuk "
                        "advokasi, donor dan pembuat kebijakan. Setiap grafik disertai tabelnya.",
        "members_by_region": "Ornop anggota menurut wilayah",
        "n_ngos": "{n} Ornop",
        "named": "{named} dari {members} nama Ornop sudah tercatat.",
        "none_named": "Nama-nama Ornop di wilayah ini belum tercatat di data.",
        "networks_with_catalogue": "JarPUK dengan katalog produk",
        "ngos_chart": "Ornop anggota per wilayah", "ngos": "Ornop anggota", "region": "Wilayah",
        "scale_chart": "Produsen menurut skala usaha", "makers": "Produsen", "scale": "Skala usaha",
        "scale_caption": "Produsen di katalog yang skala usahanya tercatat.",
        "category_chart": "Produk menurut kategori", "products": "Produk", "category": "Kategori",
        "region_chart": "Produk menurut wilayah",
        "jarpuk_chart": "JarPUK dengan katalog, per wilayah", "jarpuks": "JarPUK",
        "jarpuk_caption": "Hanya JarPUK yang sudah punya data di katalog.",
        "members_chart": "Anggota PUK tercatat, per wilayah", "members": "Anggota PUK",
        "members_caption": "Jumlah anggota yang dicatat di profil JarPUK (jarpuk.yml): {recorded} dari {all} JarPUK "
                           "sudah mencatatnya. Wilayah tanpa catatan tidak ditampilkan.",
    },
    "en": {
        "members_title": "Members and JarPUK networks",
        "figures_title": "ASPPUK in figures",
        "members_lead": "ASPPUK's members are NGOs in five regions ({total} recorded by region). This directory is "
                        "made from data/members.yml and the product catalogue.",
        "figures_lead": "Figures of the network, recomputed from the data every time the site is built: for "
                        "advocacy, donors and policy makers. Each chart comes with its table.",
        "members_by_region": "Member NGOs by region",
        "n_ngos": "{n} NGOs",
        "named": "{named} of {members} NGO names recorded so far.",
        "none_named": "The names of this region's NGOs are not recorded yet.",
        "networks_with_catalogue": "JarPUK networks with a product catalogue",
        "ngos_chart": "Member NGOs by region", "ngos": "Member NGOs", "region": "Region",
        "scale_chart": "Makers by business scale", "makers": "Makers", "scale": "Business scale",
        "scale_caption": "Makers in the catalogue whose business scale is recorded.",
        "category_chart": "Products by category", "products": "Products", "category": "Category",
        "region_chart": "Products by region",
        "jarpuk_chart": "JarPUK networks with a catalogue, by region", "jarpuks": "JarPUK",
        "jarpuk_caption": "Only networks that already have data in the catalogue.",
        "members_chart": "Recorded members (PUK), by region", "members": "Members",
        "members_caption": "Members recorded in the JarPUK profiles (jarpuk.yml): {recorded} of {all} networks "
                           "have recorded them. Regions without records are left out.",
    },
}


def figures(catalog: Catalog, regions: list[Region], language: Language = INDONESIAN) -> list[Chart]:
    """The charts of the figures page, computed from the data at every build.

    A figure nobody recorded is left out, never drawn as 0: members per
    region counts only the JarPUK that wrote down their members, and says
    how many those are."""
    w, code, locale = WORDS[language.code], language.code, language.locale
    names = REGION_NAMES[code]
    scales = Counter(p.scale for p in catalog.producers if p.scale)
    english = language is ENGLISH
    categories = Counter((english and p.category.name_en) or p.category.name for p in catalog.products)
    by_region = Counter(p.jarpuk.region for p in catalog.products)
    jarpuk_by_region = Counter(j.region for j in catalog.jarpuks.values())
    recorded = [j for j in catalog.jarpuks.values() if j.members is not None]
    members_by_region = Counter()
    for jarpuk in recorded:
        members_by_region[jarpuk.region] += jarpuk.members
    region_ids = list(REGIONS)
    chart = lambda *args, **kwargs: Chart(*args, locale=locale, **kwargs)  # noqa: E731
    charts = [
        chart("ornop", w["ngos_chart"], [names[r] for r in region_ids],
              [Series(w["ngos"], [next((x.members for x in regions if x.id == r), 0) for r in region_ids])],
              label_heading=w["region"]),
        chart("skala", w["scale_chart"], [SCALE_NAMES[code][s] for s in SCALES],
              [Series(w["makers"], [scales.get(s, 0) for s in SCALES])],
              caption=w["scale_caption"], label_heading=w["scale"]),
        chart("kategori", w["category_chart"], sorted(categories),
              [Series(w["products"], [categories[c] for c in sorted(categories)])], label_heading=w["category"]),
        chart("wilayah", w["region_chart"], [names[r] for r in region_ids],
              [Series(w["products"], [by_region.get(r, 0) for r in region_ids])], label_heading=w["region"]),
        chart("jarpuk", w["jarpuk_chart"], [names[r] for r in region_ids],
              [Series(w["jarpuks"], [jarpuk_by_region.get(r, 0) for r in region_ids])],
              caption=w["jarpuk_caption"], label_heading=w["region"]),
    ]
    with_members = [r for r in region_ids if r in members_by_region]
    if with_members:
        charts.append(chart(
            "anggota", w["members_chart"], [names[r] for r in with_members],
            [Series(w["members"], [members_by_region[r] for r in with_members])],
            caption=w["members_caption"].format(recorded=len(recorded), all=len(catalog.jarpuks)),
            label_heading=w["region"]))
    return charts
