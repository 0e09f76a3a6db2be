#!/usr/bin/env python3
"""`make new-product`: write a product file for a JarPUK and producer, every field
commented in Indonesian from the JSON Schema (so the two never disagree).

new_product.py --jarpuk sintang --producer rupina --id kain-baru --name "Kain baru" [--category tenun]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from asppuk.catalog import load_catalog
from asppuk.staff.scaffold import ScaffoldError, new_product

ROOT = Path.cwd()


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
    try:
        path = new_product(args.products, catalog, jarpuk=args.jarpuk, producer=args.producer,
                           product_id=args.id, name=args.name, category=args.category)
    except ScaffoldError as error:
        print(f"Produk tidak dibuat: {error}", file=sys.stderr)
        return 2
    print(f"Produk baru: {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}. "
          "Lengkapi isinya lalu jalankan `make check`.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
