#!/usr/bin/env python3
"""`make new-product`: write a product file for a JarPUK and producer, every field
commented in Indonesian from the JSON Schema (so the two never disagree).

new_product.py --jarpuk sintang --producer rupina --id kain-baru --name "Kain baru" [--category tenun]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from asppuk.catalog import load_catalog
from asppuk.catalog.schema import schema

ROOT = Path.cwd()
# Valid starting values for the required fields; optional ones are written as comments
STARTERS = {"unit": "pcs", "availability": "made-to-order", "description": "|\n  Tulis uraian produk di sini."}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--jarpuk", required=True)
    parser.add_argument("--producer", required=True)
    parser.add_argument("--id", required=True, help="nama berkas: huruf kecil dan tanda hubung")
    parser.add_argument("--name", required=True)
    parser.add_argument("--category")
    parser.add_argument("--products", type=Path, default=ROOT / "products")
    args = parser.parse_args(argv)
    catalog, _ = load_catalog(args.products)
    jarpuk = catalog.jarpuks.get(args.jarpuk)
    if jarpuk is None:
        print(f"JarPUK `{args.jarpuk}` tidak ada. Yang ada: {', '.join(sorted(catalog.jarpuks))}.", file=sys.stderr)
        return 2
    if args.producer not in {p.id for p in jarpuk.producers}:
        print(f"Produsen `{args.producer}` tidak ada di {args.jarpuk}. Yang ada: "
              f"{', '.join(p.id for p in jarpuk.producers)}.", file=sys.stderr)
        return 2
    category = args.category or next(iter(catalog.categories))
    path = args.products / args.jarpuk / f"{args.id}.yml"
    if path.exists():
        print(f"{path} sudah ada.", file=sys.stderr)
        return 2
    product = schema("product")
    values = {"name": json.dumps(args.name, ensure_ascii=False), "category": category, "producer": args.producer,
              **STARTERS}
    lines = ["# yaml-language-server: $schema=../../plugins/asppuk/catalog/schemas/product.schema.json"]
    for key, spec in product["properties"].items():
        help_text = spec.get("description", "")
        if key in values:
            lines.append(f"# {help_text}")
            lines.append(f"{key}: {values[key]}")
        else:
            lines.append(f"# {key}: …  # {help_text}")
    path.write_text("\n".join(lines) + "\n", "utf-8")
    print(f"Produk baru: {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}. Lengkapi isinya lalu jalankan `make check`.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
