#!/usr/bin/env python3
"""Import the product sheets handed in under lembar/ (the sheet workflow, on a pull request).

  sheet_pr.py [--root DIR] [--github] [--commit]

Every file in lembar/ (but its README.md) is a JarPUK's filled sheet, named
after its JarPUK (produk-sintang.xlsx). Each is imported into
products/<jarpuk>/ exactly as `make sheet-import JARPUK=<jarpuk> FILE=…` does,
then removed. Any problem: every message (sheet, row and column) on stderr,
with --github also as a GitHub annotation at line 1 of the sheet, nothing
changed, exit 1. With --commit, one commit per sheet ("Impor lembar JarPUK
<id> (dari <file>)") with its product files and the sheet's removal, by the
identity git is configured with. No sheet: exit 0, nothing done.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

from asppuk.check import github_annotation
from asppuk.staff.handin import FOLDER, Imported, find_sheets, import_sheets

TITLE = "Lembar perlu diperbaiki"


def commit(root: Path, done: Imported) -> None:
    """One commit: the sheet's product files and the sheet's removal."""
    sheet = done.sheet
    def git(*args: str) -> None:
        subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, text=True)

    git("add", "--all", "--", f"products/{sheet.jarpuk}")
    git("rm", "--cached", "--quiet", "--ignore-unmatch", "--", sheet.shown)
    body = "\n".join(f"- {path}" for path in done.changed) or "(tidak ada data yang berubah)"
    git("commit", "--quiet", "--no-verify", "-m", f"Impor lembar JarPUK {sheet.jarpuk} (dari {sheet.shown})",
        "-m", f"Berkas yang diubah:\n{body}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="folder proyek (berisi products/ dan lembar/)")
    parser.add_argument("--github", action="store_true", default=os.environ.get("GITHUB_ACTIONS") == "true",
                        help="juga tulis anotasi GitHub Actions, otomatis di GitHub")
    parser.add_argument("--commit", action="store_true", help="satu commit git per lembar yang diimpor")
    args = parser.parse_args(argv)
    root = args.root.resolve()

    sheets, problems = find_sheets(root)
    imported = []
    if sheets:  # with other files refused, the sheets are still read for their messages, and nothing is kept
        imported, found = import_sheets(root, sheets, check_only=bool(problems))
        problems = sorted(problems + found)
    if problems:
        for problem in problems:  # as `make sheet-import` prints them, after the sheet's path
            print(f"{problem.path}: {problem.message}", file=sys.stderr)
        print(f"{len(problems)} masalah perlu diperbaiki; tidak ada berkas yang diubah. Perbaiki lembarnya, lalu "
              f"unggah lagi ke {FOLDER}/ dengan nama yang sama.", file=sys.stderr)
        if args.github:
            for problem in problems:
                print(github_annotation(problem, TITLE))
        return 1
    if not sheets:
        print(f"Tidak ada lembar di {FOLDER}/: tidak ada yang diimpor.")
        return 0
    for done in imported:
        changed = ", ".join(done.changed) if done.changed else "tidak ada data yang berubah"
        print(f"Impor selesai: {done.sheet.shown} → products/{done.sheet.jarpuk}/ ({changed}); "
              f"{done.sheet.shown} dihapus.")
    if args.commit:
        try:
            for done in imported:
                commit(root, done)
        except (subprocess.CalledProcessError, OSError) as exc:
            detail = getattr(exc, "stderr", None) or str(exc)
            print(f"Impor berhasil, tetapi commit gagal: {detail.strip()}", file=sys.stderr)
            return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
