#!/usr/bin/env python3
"""Spreadsheet export, import and template for a JarPUK's products (`make sheet-*`).

  sheet.py export JARPUK FILE.xlsx      products and producers of products/JARPUK/
  sheet.py import JARPUK FILE.xlsx|csv  check every cell; update the YAML files only if all are fine
  sheet.py template FILE.xlsx           empty workbook with the column layout and a guide sheet

`make sheet-*` hands JARPUK and FILE over in the environment (ASPPUK_SHEET_JARPUK,
ASPPUK_SHEET_FILE), never through a shell. Without FILE, export writes
produk-JARPUK.xlsx and template template-produk.xlsx.
"""

from __future__ import annotations

import argparse
import os
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
    jarpuk, file = os.environ.get("ASPPUK_SHEET_JARPUK") or None, os.environ.get("ASPPUK_SHEET_FILE") or None
    for name in ("export", "import"):
        command = sub.add_parser(name)
        command.add_argument("jarpuk", nargs="?", default=jarpuk)
        command.add_argument("file", type=Path, nargs="?", default=file)
    sub.add_parser("template").add_argument("file", type=Path, nargs="?", default=file)
    args = parser.parse_args(argv)
    if args.command != "template" and not args.jarpuk:
        print("JARPUK belum diisi, misalnya: make sheet-export JARPUK=sintang", file=sys.stderr)
        return 2
    if args.file is None:
        if args.command == "import":
            print("FILE belum diisi, misalnya: make sheet-import JARPUK=sintang FILE=produk-sintang.xlsx",
                  file=sys.stderr)
            return 2
        args.file = Path(f"produk-{args.jarpuk}.xlsx" if args.command == "export" else "template-produk.xlsx")

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
            export_workbook(folder, args.file, args.jarpuk)
            print(f"Lembar produk dan produsen {args.jarpuk} ditulis ke {args.file}")
            return 0
    except OSError as exc:  # e.g. the folder to write into does not exist
        print(f"{args.file}: tidak dapat ditulis ({exc.strerror or exc}).", file=sys.stderr)
        return 2
    catalog, _ = load_catalog(args.products)
    problems = import_workbook(args.file, folder, set(catalog.categories), args.jarpuk)
    if problems:
        for problem in problems:
            print(problem, file=sys.stderr)
        print(f"{len(problems)} masalah perlu diperbaiki; tidak ada berkas yang diubah.", file=sys.stderr)
        return 1
    print(f"Impor selesai: berkas di {folder} diperbarui. Jalankan `make check` lalu buat pull request.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
