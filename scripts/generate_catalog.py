#!/usr/bin/env python3
"""Write a synthetic catalogue of N products for benchmarks and scale tests.

Proportions follow the network: 64 JarPUK at most, one producer for every two
products. Files look like what staff write (same fields, quoted phones).
Usage: generate_catalog.py N OUT_DIR   (OUT_DIR becomes a products/ folder)
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

REGIONS = ["sumatera", "jawa", "kalimantan", "sulawesi", "nusa-tenggara"]
CATEGORIES = [("tenun", "Tenun"), ("batik", "Batik"), ("makanan", "Makanan olahan"),
              ("kue", "Kue dan camilan"), ("kerajinan", "Kerajinan")]
WORDS = ("kain tenun ikat songket batik tulis abon tuna rakik wajik anyaman rotan pandan "
         "pewarna alam motif benang katun sutra emas kue kering keripik pisang dodol").split()
AVAILABILITY = ["ready", "pre-order", "made-to-order"]


def generate(out: Path, count: int, seed: int = 1, max_jarpuk: int = 64) -> Path:
    rnd = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    (out / "categories.yml").write_text(
        "".join(f"- id: {cid}\n  name: {name}\n" for cid, name in CATEGORIES), "utf-8")
    jarpuks = max(1, min(max_jarpuk, count // 150))
    producers = max(1, count // 2)
    per_jarpuk = [[] for _ in range(jarpuks)]
    for p in range(producers):
        per_jarpuk[p % jarpuks].append(p)
    for j in range(jarpuks):
        folder = out / f"jarpuk-{j:02d}"
        folder.mkdir(exist_ok=True)
        (folder / "jarpuk.yml").write_text(
            f"name: JarPUK Contoh {j}\ndistrict: Kabupaten Contoh {j}\nprovince: Provinsi {j % 22}\n"
            f"region: {REGIONS[j % 5]}\nmembers: {rnd.randint(100, 2700)}\nkpuk: {rnd.randint(5, 240)}\n"
            f"contact:\n  name: Sekretariat {j}\n  phone: \"0812-0000-{j:04d}\"\n  whatsapp: true\n"
            f"description: |\n  Jaringan contoh nomor {j} untuk uji skala.\n", "utf-8")
        lines = []
        for p in per_jarpuk[j]:
            consent = "true" if p % 3 == 0 else "false"
            lines.append(
                f"- id: produsen-{p}\n  name: Ibu Contoh {p}\n  kind: puk\n  village: Desa {p % 97}\n"
                f"  scale: rintisan\n  since: {2000 + p % 25}\n  contact:\n    phone: \"0813-{p % 10000:04d}-{p // 10000:04d}\"\n"
                f"    whatsapp: true\n    consent: {consent}\n  bio: Produsen contoh {p}.\n")
        (folder / "producers.yml").write_text("".join(lines), "utf-8")
    for i in range(count):
        p = i % producers
        j = p % jarpuks
        words = " ".join(rnd.choice(WORDS) for _ in range(40))
        price = rnd.randrange(10, 2000) * 1000
        (out / f"jarpuk-{j:02d}" / f"produk-{i}.yml").write_text(
            f"name: {rnd.choice(WORDS).capitalize()} {rnd.choice(WORDS)} {i}\n"
            f"category: {CATEGORIES[i % len(CATEGORIES)][0]}\nproducer: produsen-{p}\n"
            f"description: |\n  {words.capitalize()}.\n\n  **Bahan pilihan**, dikerjakan tangan.\n"
            f"price: {price}\nunit: pcs\nmin_order: {1 + i % 10}\ncapacity: {10 + i % 200}\n"
            f"lead_time_days: {i % 30}\navailability: {AVAILABILITY[i % 3]}\n"
            f"materials: [{rnd.choice(WORDS)}, {rnd.choice(WORDS)}]\nweight_g: {100 + i % 900}\n"
            f"tags: [{rnd.choice(WORDS)}]\nfeatured: {'true' if i % 500 == 0 else 'false'}\n"
            # in the past: validation refuses a date in the future
            f"added: 2025-{1 + i % 12:02d}-{1 + i % 28:02d}\n", "utf-8")
    return out


def generate_beside(project: Path, count: int, seed: int = 1) -> None:
    """N products in JarPUK folders beside the project's own, in
    ``project/products``, no more JarPUK in all than the network has
    (``data/figures.yml``: a catalogue with more fails the build)."""
    import shutil

    products = project / "products"
    own = sum(1 for folder in products.iterdir() if (folder / "jarpuk.yml").is_file())
    figures = (project / "data" / "figures.yml").read_text("utf-8")
    total = next((int(line.split(":")[1].split("#")[0]) for line in figures.splitlines()
                  if line.startswith("jarpuk:")), 64)
    generate(products / "_gen", count, seed, max_jarpuk=max(1, total - own))
    for folder in (products / "_gen").iterdir():
        if folder.is_dir():
            folder.rename(products / folder.name)
    shutil.rmtree(products / "_gen")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    generate(Path(sys.argv[2]), int(sys.argv[1]))
