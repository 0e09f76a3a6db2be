"""The network in figures: the network's own totals (``data/figures.yml``),
member NGOs by region (``data/members.yml``) and what the catalogue says
about producers and products. No MkDocs.

Every figure has one source, so that pages agree: the totals (member NGOs,
provinces, regions, JarPUK) are read from ``data/figures.yml`` by the home
page's figures block, the figures page and the member directory alike. What
the data does not record yet (NGOs without a region, names not written down,
JarPUK without a catalogue) is never said on a public page: ``make check``
lists it after its verdict (:func:`data_gaps`, :func:`format_gaps`).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

from markupsafe import Markup

from asppuk.catalog.labels import REGIONS as REGION_NAMES
from asppuk.catalog.labels import SCALES as SCALE_NAMES
from asppuk.catalog.model import REGIONS, SCALES, Catalog
from asppuk.catalog.text import number
from asppuk.datafiles import schema
from asppuk.datafiles.problems import Problem, display_path
from asppuk.datafiles.yamlfile import load_file
from asppuk.languages import ENGLISH, INDONESIAN, Language
from asppuk.reports.charts import Chart, Series

# The pages in each language (their paths among the site's files; make check needs them too)
MEMBERS = {"id": "tentang/anggota/index.md", "en": "en/about/members/index.md"}
FIGURES = {"id": "angka/index.md", "en": "en/figures/index.md"}
MEMBERS_FILE = "data/members.yml"
TOTALS_FILE = "data/figures.yml"
# Where a page shows the network's figures (content/index.md, content/en/index.md)
TOTALS_MARKER = "<!-- angka-jaringan -->"


@dataclass(frozen=True)
class Totals:
    """The network as ASPPUK states it (``data/figures.yml``)."""
    ngos: int
    provinces: int
    regions: int
    jarpuk: int


def load_totals(file: Path, base: Path) -> tuple[Totals | None, list[Problem]]:
    shown = display_path(file, base)
    if not file.is_file():
        return None, [Problem(shown, 1, "angka jaringan belum ada. Buat `data/figures.yml` (lihat README).")]
    doc, problems = load_file(file, shown)
    if doc is None:
        return None, problems
    problems += schema.validate(doc, "figures")
    if problems:
        return None, problems
    return Totals(**{key: doc.data[key] for key in ("ngos", "provinces", "regions", "jarpuk")}), []


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
        "members_lead": "ASPPUK beranggotakan {ngos} Ornop di {provinces} provinsi, dalam {regions} wilayah. "
                        "Perempuan usaha kecil yang mereka dampingi bergabung dalam {jarpuk} JarPUK.",
        "figures_lead": "Angka-angka jaringan ASPPUK dan katalog produknya: bahan untuk advokasi, donor dan "
                        "pembuat kebijakan. Setiap grafik disertai tabelnya.",
        "members_by_region": "Ornop anggota menurut wilayah",
        "n_ngos": "{n} Ornop",
        "totals": "Sekilas jaringan",
        "total_ngos": "Ornop anggota", "total_provinces": "provinsi", "total_regions": "wilayah",
        "total_jarpuk": "JarPUK",
        "networks_with_catalogue": "JarPUK dengan katalog produk",
        "ngos_chart": "Ornop anggota per wilayah", "ngos": "Ornop anggota", "region": "Wilayah",
        "scale_chart": "Produsen menurut skala usaha", "makers": "Produsen", "scale": "Skala usaha",
        "scale_caption": "Produsen di katalog yang skala usahanya tercatat.",
        "category_chart": "Produk menurut kategori", "products": "Produk", "category": "Kategori",
        "region_chart": "Produk menurut wilayah",
        "jarpuk_chart": "JarPUK dengan katalog, per wilayah", "jarpuks": "JarPUK",
        "jarpuk_caption": "JarPUK yang produknya ada di katalog situs ini.",
        "members_chart": "Anggota PUK menurut profil JarPUK, per wilayah", "members": "Anggota PUK",
        "members_caption": "Anggota PUK menurut profil JarPUK di katalog situs ini.",
    },
    "en": {
        "members_title": "Members and JarPUK networks",
        "figures_title": "ASPPUK in figures",
        "members_lead": "ASPPUK's members are {ngos} NGOs in {provinces} provinces, in {regions} regions. The women "
                        "in small business they support have joined {jarpuk} JarPUK networks.",
        "figures_lead": "Figures of the ASPPUK network and its product catalogue: for advocacy, donors and "
                        "policy makers. Each chart comes with its table.",
        "members_by_region": "Member NGOs by region",
        "n_ngos": "{n} NGOs",
        "totals": "The network at a glance",
        "total_ngos": "member NGOs", "total_provinces": "provinces", "total_regions": "regions",
        "total_jarpuk": "JarPUK networks",
        "networks_with_catalogue": "JarPUK networks with a product catalogue",
        "ngos_chart": "Member NGOs by region", "ngos": "Member NGOs", "region": "Region",
        "scale_chart": "Makers by business scale", "makers": "Makers", "scale": "Business scale",
        "scale_caption": "Makers in the catalogue whose business scale is recorded.",
        "category_chart": "Products by category", "products": "Products", "category": "Category",
        "region_chart": "Products by region",
        "jarpuk_chart": "JarPUK networks with a catalogue, by region", "jarpuks": "JarPUK",
        "jarpuk_caption": "Networks whose products are in this site's catalogue.",
        "members_chart": "Members (PUK) by the JarPUK profiles, by region", "members": "Members",
        "members_caption": "Members (PUK) as the profiles of the networks in this site's catalogue give them.",
    },
}


def totals_html(totals: Totals, language: Language = INDONESIAN) -> Markup:
    """The network's four figures as the home page and the figures page show
    them (a list the Markdown cleaner allows: ``ul.asppuk-figures``)."""
    w = WORDS[language.code]
    items = [(totals.ngos, w["total_ngos"]), (totals.provinces, w["total_provinces"]),
             (totals.regions, w["total_regions"]), (totals.jarpuk, w["total_jarpuk"])]
    return Markup(
        '<ul class="asppuk-figures">\n'
        + "".join(f"  <li><strong>{escape(number(value, language.locale))}</strong> {escape(label)}</li>\n"
                  for value, label in items)
        + "</ul>"
    )


def totals_problems(totals: Totals | None, regions: list[Region], catalog: Catalog | None) -> list[Problem]:
    """Data that contradicts the totals: more than the network has cannot be right."""
    if totals is None:
        return []
    problems = []
    counted = sum(r.members for r in regions)
    if counted > totals.ngos:
        problems.append(Problem(MEMBERS_FILE, 1, f"jumlah Ornop per wilayah ({counted}) lebih besar dari jumlah "
                                                 f"Ornop anggota di `{TOTALS_FILE}` ({totals.ngos}). "
                                                 "Perbaiki salah satunya."))
    if len(regions) > totals.regions:
        problems.append(Problem(MEMBERS_FILE, 1, f"ada {len(regions)} wilayah, padahal `{TOTALS_FILE}` menyebut "
                                                 f"{totals.regions} wilayah. Perbaiki salah satunya."))
    if catalog is not None and len(catalog.jarpuks) > totals.jarpuk:
        problems.append(Problem(TOTALS_FILE, 1, f"katalog memuat {len(catalog.jarpuks)} JarPUK, lebih banyak dari "
                                                f"`jarpuk: {totals.jarpuk}`. Perbarui angkanya."))
    return problems


def data_gaps(totals: Totals | None, regions: list[Region], catalog: Catalog | None) -> list[str]:
    """What the data does not record yet, for staff (Indonesian): never shown on a page."""
    if totals is None:
        return []
    gaps = []
    counted = sum(r.members for r in regions)
    if counted < totals.ngos:
        gaps.append(f"{MEMBERS_FILE}: jumlah Ornop per wilayah {counted}, sedangkan {TOTALS_FILE} menyebut "
                    f"{totals.ngos} Ornop anggota: {totals.ngos - counted} Ornop belum tercatat wilayahnya.")
    if len(regions) < totals.regions:
        gaps.append(f"{MEMBERS_FILE}: {len(regions)} dari {totals.regions} wilayah tercatat.")
    named = sum(r.named for r in regions)
    if named < counted:
        gaps.append(f"{MEMBERS_FILE}: {named} dari {counted} nama Ornop tercatat.")
        for region in regions:
            if region.named < region.members:
                gaps.append(f"  {region.name}: {region.named} dari {region.members}")
    if catalog is not None:
        if len(catalog.jarpuks) < totals.jarpuk:
            gaps.append(f"products/: {len(catalog.jarpuks)} dari {totals.jarpuk} JarPUK punya katalog.")
        unscaled = [p for p in catalog.producers if not p.scale]
        if unscaled:
            gaps.append(f"products/*/producers.yml: skala usaha (`scale`) belum diisi untuk {len(unscaled)} dari "
                        f"{len(catalog.producers)} produsen.")
        unrecorded = sorted(j.id for j in catalog.jarpuks.values() if j.members is None)
        if unrecorded:
            gaps.append(f"products/*/jarpuk.yml: jumlah anggota PUK (`members`) belum diisi untuk "
                        f"{len(unrecorded)} dari {len(catalog.jarpuks)} JarPUK: {', '.join(unrecorded)}.")
    return gaps


def format_gaps(gaps: list[str]) -> str:
    """The data to-do list as ``make check`` prints it after its verdict."""
    if not gaps:
        return "Data jaringan sudah lengkap."
    return "\n".join(["Catatan (bukan kesalahan): data jaringan yang belum lengkap. Situs tidak menampilkannya; "
                      "angka jaringan di situs diambil dari data/figures.yml."] + [f"  {gap}" for gap in gaps])


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
            caption=w["members_caption"],
            label_heading=w["region"]))
    return charts
