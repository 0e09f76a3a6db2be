"""The catalogue as the site sees it: categories, JarPUK, producers, products.

Plain data classes built by :mod:`.loader` from validated YAML. Everything a
page needs to decide what is public (consent, contact routing) lives here, so
templates only print what they are given.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

REGIONS = {
    "sumatera": "Sumatera",
    "jawa": "Jawa",
    "kalimantan": "Kalimantan",
    "sulawesi": "Sulawesi",
    "nusa-tenggara": "Nusa Tenggara",
}
SCALES = {"rintisan": "Rintisan", "berkembang": "Berkembang", "akumulasi-modal": "Akumulasi modal"}
KINDS = {"puk": "Perempuan usaha kecil (PUK)", "kpuk": "Kelompok PUK (KPUK)"}
AVAILABILITY = {
    "ready": "Stok tersedia",
    "pre-order": "Pre-order",
    "made-to-order": "Dibuat sesuai pesanan",
}
CERTIFICATIONS = {"pirt": "P-IRT", "halal": "Halal", "bpom": "BPOM", "sni": "SNI", "other": "Lainnya"}


@dataclass(slots=True)
class Contact:
    name: str | None
    phone: str | None  # E.164, e.g. +6281234567890
    whatsapp: bool
    email: str | None

    @property
    def reachable(self) -> bool:
        return bool(self.phone or self.email)


@dataclass(slots=True, eq=False)
class Category:
    id: str
    name: str
    name_en: str | None = None
    description: str | None = None
    description_en: str | None = None
    products: list[Product] = field(default_factory=list)


@dataclass(slots=True, eq=False)
class JarPuk:
    id: str
    name: str
    district: str
    province: str
    region: str
    contact: Contact
    description: str
    ornop: str | None = None
    members: int | None = None
    kpuk: int | None = None
    villages: int | None = None
    subdistricts: int | None = None
    description_en: str | None = None
    producers: list[Producer] = field(default_factory=list)
    products: list[Product] = field(default_factory=list)

    @property
    def region_name(self) -> str:
        return REGIONS[self.region]


@dataclass(slots=True, eq=False)
class Producer:
    id: str
    jarpuk: JarPuk
    name: str
    kind: str
    bio: str | None = None
    bio_en: str | None = None
    group: str | None = None
    village: str | None = None
    scale: str | None = None
    since: int | None = None
    contact: Contact | None = None
    consent: bool = False
    products: list[Product] = field(default_factory=list)

    @property
    def public_contact(self) -> Contact:
        """Her own contact only with her consent; otherwise her JarPUK's."""
        if self.consent and self.contact is not None and self.contact.reachable:
            return self.contact
        return self.jarpuk.contact

    @property
    def contact_is_own(self) -> bool:
        return self.public_contact is self.contact

    @property
    def public_village(self) -> str | None:
        # A village and a name can lead to a woman's home: consent covers both
        return self.village if self.consent else None


@dataclass(slots=True)
class Image:
    path: Path  # absolute source path
    src: str  # as written, relative to the JarPUK folder
    alt: str
    line: int = 1  # where the product file names it, for messages


@dataclass(slots=True)
class Certification:
    type: str
    number: str | None = None
    name: str | None = None

    @property
    def label(self) -> str:
        return self.name if self.type == "other" and self.name else CERTIFICATIONS[self.type]


@dataclass(slots=True, eq=False)
class Product:
    id: str
    jarpuk: JarPuk
    producer: Producer
    category: Category
    name: str
    description: str
    unit: str
    availability: str
    name_en: str | None = None
    description_en: str | None = None
    unit_en: str | None = None
    materials_en: list[str] = field(default_factory=list)
    price: int | None = None
    price_max: int | None = None
    min_order: int | None = None
    capacity: int | None = None
    lead_time_days: int | None = None
    materials: list[str] = field(default_factory=list)
    size: str | None = None
    weight_g: int | None = None
    images: list[Image] = field(default_factory=list)
    certifications: list[Certification] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    featured: bool = False
    added: str | None = None  # ISO date the product was listed, for "newest"
    source: str = ""  # the product file as staff see it, for messages

    @property
    def key(self) -> str:
        return f"{self.jarpuk.id}/{self.id}"

    @property
    def availability_label(self) -> str:
        return AVAILABILITY[self.availability]


@dataclass(slots=True)
class Catalog:
    categories: dict[str, Category]
    jarpuks: dict[str, JarPuk]
    products: list[Product]
    # What exists but was refused for its own problems (already reported):
    # checks of references to it stay quiet instead of adding follow-on errors
    refused: set[tuple[str, ...]] = field(default_factory=set)  # ("jarpuk", id), ("producers", id), ("product", jarpuk, id)
    # Only some JarPUK were read (a preview: ``make serve JARPUK=...``):
    # what names the others is not an error, and nothing is published
    partial: bool = False

    @property
    def producers(self) -> list[Producer]:
        return [p for j in self.jarpuks.values() for p in j.producers]

    def products_in_region(self, region: str) -> list[Product]:
        return [p for p in self.products if p.jarpuk.region == region]

    def regions_present(self) -> list[str]:
        present = {j.region for j in self.jarpuks.values()}
        return [r for r in REGIONS if r in present]

    def featured(self) -> list[Product]:
        return [p for p in self.products if p.featured]

    def newest(self, count: int) -> list[Product]:
        dated = sorted(
            self.products, key=lambda p: (p.added or "", p.key), reverse=True
        )
        return dated[:count]
