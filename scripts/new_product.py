#!/usr/bin/env python3
"""`make new-product`: write a product file for a JarPUK and producer, every field
commented in Indonesian from the JSON Schema (so the two never disagree).

new_product.py --jarpuk sintang --producer rupina --id kain-baru --name "Kain baru" --category tenun
Asks for what is not given, and again for a wrong value, in a terminal; otherwise
a missing or wrong value stops the command. (`make new-product ARGS='…'` hands
ARGS over in the environment, see asppuk.staff.prompt.)
"""

from __future__ import annotations

import sys
from pathlib import Path

from asppuk.catalog import load_catalog
from asppuk.staff.prompt import Parser, arguments, ask
from asppuk.staff.scaffold import (
    ScaffoldError,
    check_category,
    check_jarpuk,
    check_producer,
    check_product_id,
    check_product_name,
    new_product,
)

ROOT = Path.cwd()


def main(argv: list[str] | None = None) -> int:
    parser = Parser(description=__doc__)
    parser.add_argument("--jarpuk")
    parser.add_argument("--producer")
    parser.add_argument("--id", help="nama berkas: huruf kecil dan tanda hubung")
    parser.add_argument("--name")
    parser.add_argument("--category")
    parser.add_argument("--products", type=Path, default=ROOT / "products")
    try:
        args = parser.parse_args(arguments(argv))
        catalog, _ = load_catalog(args.products)
        jarpuk = ask(f"JarPUK (--jarpuk: {', '.join(sorted(catalog.jarpuks))})", args.jarpuk,
                     lambda text: check_jarpuk(catalog, text))
        producers = ", ".join(p.id for p in catalog.jarpuks[jarpuk].producers)
        producer = ask(f"Produsen (--producer: {producers})", args.producer,
                       lambda text: check_producer(catalog, jarpuk, text))
        product_id = ask("Id produk, nama berkasnya (--id, misalnya kain-tenun-baru)", args.id,
                         lambda text: check_product_id(args.products, jarpuk, text))
        name = ask("Nama produk (--name)", args.name, check_product_name)
        category = ask(f"Kategori (--category: {', '.join(catalog.categories)})", args.category,
                       lambda text: check_category(catalog, text), next(iter(catalog.categories), None))
        path = new_product(args.products, catalog, jarpuk=jarpuk, producer=producer, product_id=product_id,
                           name=name, category=category)
    except ScaffoldError as error:
        print(f"Produk tidak dibuat: {error}", file=sys.stderr)
        return 2
    except (EOFError, KeyboardInterrupt):
        print("\nDibatalkan: produk tidak dibuat.", file=sys.stderr)
        return 2
    print(f"Produk baru: {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}. "
          "Lengkapi isinya lalu jalankan `make check`.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
