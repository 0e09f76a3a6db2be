#!/usr/bin/env python3
"""Spreadsheet export, import and template for a JarPUK's products (`make sheet-*`).

  sheet.py export JARPUK FILE.xlsx      products and producers of products/JARPUK/
  sheet.py import JARPUK FILE.xlsx|csv  check every cell; update the YAML files only if all are fine
  sheet.py template FILE.xlsx           empty workbook with the column layout and a guide sheet
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from asppuk.catalog import load_catalog
from asppuk.catalog.loader import SLUG
from asppuk.staff.sheets import export_workbook, import_workbook, template_workbook

ROOT = Path.cwd()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--products", type=Path, default=ROOT / "products")
    sub = parser.add_subparsers(dest="command", required=True)
    for name in ("export", "import"):
        command = sub.add_parser(name)
        command.add_argument("jarpuk")
        command.add_argument("file", type=Path)
    sub.add_parser("template").add_argument("file", type=Path)
    args = parser.parse_args(argv)

    try:
        if args.command == "template":
            template_workbook(args.file)
            print(f"Templat ditulis ke {args.file}")
            return 0
        if not SLUG.match(args.jarpuk or ""):
            print(f"`{args.jarpuk}` bukan id JarPUK (huruf kecil dan tanda hubung, misalnya sintang).", file=sys.stderr)
            return 2
        folder = args.products / args.jarpuk
        if not (folder / "jarpuk.yml").is_file():
            print(f"JarPUK `{args.jarpuk}` tidak ada: folder {folder} belum punya jarpuk.yml.", file=sys.stderr)
            return 2
        if args.command == "export":
            export_workbook(folder, args.file)
            print(f"Lembar produk dan produsen {args.jarpuk} ditulis ke {args.file}")
            return 0
    except OSError as exc:  # e.g. the folder to write into does not exist
        print(f"{args.file}: tidak dapat ditulis ({exc.strerror or exc}).", file=sys.stderr)
        return 2
    catalog, _ = load_catalog(args.products)
    problems = import_workbook(args.file, folder, set(catalog.categories))
    if problems:
        for problem in problems:
            print(problem, file=sys.stderr)
        print(f"{len(problems)} masalah perlu diperbaiki; tidak ada berkas yang diubah.", file=sys.stderr)
        return 1
    print(f"Impor selesai: berkas di {folder} diperbarui. Jalankan `make check` lalu buat pull request.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
