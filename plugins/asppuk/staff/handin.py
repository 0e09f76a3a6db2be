"""Product sheets handed in through a pull request, without a terminal.

A JarPUK's staff upload their filled sheet (.xlsx, or a CSV of the ``produk``
sheet) into ``lembar/`` with GitHub's web interface ("Add file → Upload
files"), in a branch of this repository with a pull request. The sheet
workflow (``.github/workflows/sheet.yml``) runs ``scripts/sheet_pr.py``,
which calls :func:`find_sheets` and :func:`import_sheets`: each sheet is
imported into ``products/<jarpuk>/`` exactly as ``make sheet-import`` does
(:func:`asppuk.staff.sheets.import_workbook`), then removed, so it is never
published nor kept in the repository. No MkDocs.

The JarPUK is read from the file's name, as an export names it
(``produk-sintang.xlsx``) or bare (``sintang.xlsx``); a browser's " (1)" for a
second download of the same file is allowed. A sheet exported by
``make sheet-export`` or the workflow also records its JarPUK inside
(:data:`asppuk.staff.sheets.JARPUK_KEYWORD`), and a sheet whose name and
record disagree is refused.

All sheets or none: when any sheet has a problem, the product files already
written for the others are put back as they were, and no sheet is removed.
``make check`` refuses a sheet still in ``lembar/`` (:func:`pending_problems`),
so a pull request whose sheet was never imported cannot pass its checks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from asppuk.catalog import load_catalog
from asppuk.datafiles.problems import SYMLINK_MESSAGE, Problem, display_path

FOLDER = "lembar"
# Files of the folder itself, never taken for a sheet
OWN_FILES = {"README.md"}
SUFFIXES = (".xlsx", ".csv")
# produk-sintang.xlsx, sintang.xlsx, "produk-sintang (1).xlsx" (a second download)
_NAME = re.compile(r"^(?P<stem>[a-z0-9]+(?:-[a-z0-9]+)*)(?: ?\(\d{1,3}\))?$")
PENDING_MESSAGE = (
    "lembar ini belum diimpor ke products/, dan berkas di folder lembar/ tidak pernah terbit. Di pull request, "
    "tunggu commit bot \"Impor lembar JarPUK …\" (pemeriksaan `lembar`); bila pemeriksaan itu merah, baca "
    "pesannya, perbaiki lembarnya, lalu unggah lagi dengan nama yang sama."
)


@dataclass(frozen=True)
class Sheet:
    path: Path  # the file
    shown: str  # its path in the repository, e.g. lembar/produk-sintang.xlsx
    jarpuk: str


@dataclass
class Imported:
    sheet: Sheet
    changed: list[str] = field(default_factory=list)  # product files written or created, as shown


def pending_problems(root: Path) -> list[Problem]:
    """A problem for every file in ``lembar/`` but the folder's own: a sheet not imported yet."""
    folder = root / FOLDER
    if not folder.is_dir():
        return []
    return [Problem(display_path(path, root), 1, PENDING_MESSAGE)
            for path in sorted(folder.rglob("*")) if _handed_in(path, folder)]


def _handed_in(path: Path, folder: Path) -> bool:
    if path.is_dir() and not path.is_symlink():
        return False
    return path.relative_to(folder).as_posix() not in OWN_FILES


def find_sheets(root: Path) -> tuple[list[Sheet], list[Problem]]:
    """The sheets handed in under ``root/lembar/``, each with its JarPUK, and a
    problem for every file that cannot be one (at line 1 of that file)."""
    folder = root / FOLDER
    if not folder.is_dir():
        return [], []
    sheets: list[Sheet] = []
    problems: list[Problem] = []
    jarpuks = _jarpuks(root / "products")
    for path in sorted(folder.rglob("*")):
        if not _handed_in(path, folder):
            continue
        shown = display_path(path, root)
        if path.is_symlink():
            problems.append(Problem(shown, 1, SYMLINK_MESSAGE))
        elif path.parent != folder:
            problems.append(Problem(shown, 1, f"unggah lembar langsung ke folder {FOLDER}/, bukan ke subfolder."))
        elif path.suffix.lower() not in SUFFIXES:
            problems.append(Problem(shown, 1, f"hanya lembar .xlsx (Excel) atau .csv yang dapat diimpor dari folder "
                                              f"{FOLDER}/. Simpan lembarnya sebagai 'Excel Workbook (.xlsx)'."))
        else:
            jarpuk, message = _jarpuk_of(path.name, jarpuks)
            if message:
                problems.append(Problem(shown, 1, message))
            else:
                sheets.append(Sheet(path, shown, jarpuk))
    first: dict[str, Sheet] = {}
    for sheet in sheets:
        if sheet.jarpuk in first:
            problems.append(Problem(sheet.shown, 1, f"JarPUK `{sheet.jarpuk}` sudah punya lembar di pull request ini "
                                                    f"({first[sheet.jarpuk].shown}). Kirim satu lembar per JarPUK: "
                                                    "hapus salah satunya."))
        else:
            first[sheet.jarpuk] = sheet
    return sheets, sorted(problems)


def _jarpuks(products: Path) -> set[str]:
    if not products.is_dir():
        return set()
    return {path.parent.name for path in products.glob("*/jarpuk.yml") if path.is_file()}


def _jarpuk_of(name: str, jarpuks: set[str]) -> tuple[str, str | None]:
    """The JarPUK a file's name names, or a message for staff."""
    stem = name.rsplit(".", 1)[0].strip().lower()
    match = _NAME.match(stem)
    example = f"misalnya {FOLDER}/produk-{min(jarpuks) if jarpuks else 'sintang'}.xlsx"
    if match is None:
        return "", (f"nama berkas ini tidak menyebut JarPUK. Beri nama produk-<id-jarpuk>.xlsx, seperti nama "
                    f"lembar yang diunduh, {example}.")
    stem = match.group("stem")
    candidates = [c for c in dict.fromkeys((stem, stem.removeprefix("produk-"))) if c in jarpuks]
    if len(candidates) != 1:
        known = ", ".join(sorted(jarpuks)[:12]) + (", …" if len(jarpuks) > 12 else "")
        if not candidates:
            return "", (f"JarPUK `{stem.removeprefix('produk-')}` tidak ada di products/. Beri nama "
                        f"produk-<id-jarpuk>.xlsx, {example} (JarPUK yang ada: {known}).")
        return "", f"nama berkas ini cocok untuk dua JarPUK ({', '.join(candidates)}). Beri nama <id-jarpuk>.xlsx."
    return candidates[0], None


def import_sheets(root: Path, sheets: list[Sheet], *, check_only: bool = False) -> tuple[list[Imported], list[Problem]]:
    """Import every sheet as ``make sheet-import`` does, then remove it.

    Returns what each sheet changed, or (when any sheet has a problem) the
    problems, at line 1 of their sheet, with every product file as it was
    before and every sheet still in place. ``check_only``: only the problems,
    everything left as it was (when other files of the folder are refused,
    staff still get every message at once)."""
    from asppuk.staff.sheets import import_workbook  # openpyxl: not for `make check`, which imports this module

    catalog, _ = load_catalog(root / "products")  # as scripts/sheet.py: only its categories are used
    categories = set(catalog.categories)
    before = {sheet.jarpuk: _snapshot(root / "products" / sheet.jarpuk) for sheet in sheets}
    imported: list[Imported] = []
    problems: list[Problem] = []
    for sheet in sheets:
        folder = root / "products" / sheet.jarpuk
        found = import_workbook(sheet.path, folder, categories, sheet.jarpuk)
        problems += [Problem(sheet.shown, 1, problem.where()) for problem in found]
        if not found:
            after = _snapshot(folder)
            imported.append(Imported(sheet, [display_path(path, root) for path in sorted(after)
                                             if before[sheet.jarpuk].get(path) != after[path]]))
    if problems or check_only:
        for sheet in sheets:
            _restore(root / "products" / sheet.jarpuk, before[sheet.jarpuk])
        return [], problems
    for done in imported:
        done.sheet.path.unlink()
    return imported, []


def _snapshot(folder: Path) -> dict[Path, bytes]:
    """The YAML files an import may write (``<product>.yml``, ``producers.yml``) and their bytes."""
    return {path: path.read_bytes() for path in sorted(folder.glob("*.yml"))
            if path.is_file() and not path.is_symlink()}


def _restore(folder: Path, snapshot: dict[Path, bytes]) -> None:
    for path in folder.glob("*.yml"):
        if path.is_symlink():
            continue  # an import never writes through a link (and never made one)
        if path not in snapshot:
            path.unlink()
        elif path.read_bytes() != snapshot[path]:
            path.write_bytes(snapshot[path])
