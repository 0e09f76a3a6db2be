"""Product sheets handed in by pull request (lembar/, scripts/sheet_pr.py, .github/workflows/sheet.yml)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import yaml
from openpyxl import load_workbook

from asppuk.staff.handin import find_sheets
from asppuk.staff.sheets import export_workbook, import_workbook, template_workbook
from conftest import ROOT, copy_project

CATEGORIES = {"tenun", "batik", "makanan", "kue", "kerajinan"}
GIT_ENV = {"GIT_AUTHOR_NAME": "github-actions[bot]", "GIT_COMMITTER_NAME": "github-actions[bot]",
           "GIT_AUTHOR_EMAIL": "bot@example.org", "GIT_COMMITTER_EMAIL": "bot@example.org",
           "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}


def git(repo: Path, *args: str) -> str:
    env = {**os.environ, **GIT_ENV}
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, text=True, env=env).stdout


@pytest.fixture
def repo(tmp_path) -> Path:
    """The sample project in a git repository of its own, with lembar/ as on main."""
    project = copy_project(tmp_path / "repo")
    (project / "lembar").mkdir()
    shutil.copy(ROOT / "lembar" / "README.md", project / "lembar")
    (project / "tools").unlink()  # a link to this checkout's tools/: not part of the data
    git(project, "init", "--quiet", "--initial-branch", "sheet")
    git(project, "add", "--all")
    git(project, "commit", "--quiet", "-m", "main")
    return project


def run_script(repo: Path, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"} | GIT_ENV
    return subprocess.run([sys.executable, str(ROOT / "scripts" / "sheet_pr.py"), "--root", str(repo), *args],
                          capture_output=True, text=True, env=env)


def filled_sheet(folder: Path, out: Path, jarpuk: str | None, **cells) -> Path:
    """``folder``'s export with the first product's cells changed and a new product added."""
    export_workbook(folder, out, jarpuk)
    book = load_workbook(out)
    sheet = book["produk"]
    col = {c.value: i + 1 for i, c in enumerate(sheet[1])}
    sheet.cell(2, col["price"]).value = cells.get("price", 812500)
    sheet.append({col["id"]: "selendang-baru", col["name"]: "Selendang baru", col["category"]: "tenun",
                  col["producer"]: sheet.cell(2, col["producer"]).value, col["price"]: 250000,
                  col["unit"]: "lembar", col["availability"]: "pre-order",
                  col["description"]: "Selendang tenun ikat.\n\nDipesan dua minggu sebelumnya."})
    book.save(out)
    return out


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted(root.rglob("*")) if p.is_file() and ".git" not in p.relative_to(root).parts}


def test_handed_in_sheet_is_imported_as_make_sheet_import_does(repo, tmp_path):
    sheet = filled_sheet(repo / "products/sintang", repo / "lembar/produk-sintang.xlsx", "sintang")
    git(repo, "add", "--all")
    git(repo, "commit", "--quiet", "-m", "Upload produk-sintang.xlsx")
    uploaded = git(repo, "rev-parse", "HEAD").strip()

    # What `make sheet-import JARPUK=sintang FILE=…` makes of the same sheet, in a copy
    direct = tmp_path / "direct"
    shutil.copytree(repo / "products", direct / "products")
    shutil.copy(sheet, tmp_path / "produk-sintang.xlsx")
    made = subprocess.run([sys.executable, str(ROOT / "scripts/sheet.py"), "--products", str(direct / "products"),
                           "import", "sintang", str(tmp_path / "produk-sintang.xlsx")], capture_output=True, text=True)
    assert made.returncode == 0, made.stderr
    assert tree(direct / "products") != tree(repo / "products")

    result = run_script(repo, "--commit", "--github")
    assert result.returncode == 0, result.stderr
    assert "Impor selesai: lembar/produk-sintang.xlsx" in result.stdout and "::error" not in result.stdout
    assert tree(repo / "products") == tree(direct / "products")  # byte for byte
    assert sorted(p.name for p in (repo / "lembar").iterdir()) == ["README.md"]
    assert git(repo, "status", "--porcelain") == ""
    assert git(repo, "rev-list", "--count", f"{uploaded}..HEAD").strip() == "1"
    assert git(repo, "log", "-1", "--format=%s|%an").strip() == (
        "Impor lembar JarPUK sintang (dari lembar/produk-sintang.xlsx)|github-actions[bot]")
    changed = git(repo, "show", "--name-status", "--format=", "HEAD").split("\n")
    assert "D\tlembar/produk-sintang.xlsx" in changed and "A\tproducts/sintang/selendang-baru.yml" in changed
    assert all(line.split("\t")[1].startswith(("products/sintang/", "lembar/")) for line in changed if line)

    checked = subprocess.run([sys.executable, str(ROOT / "scripts/check.py"), "--root", str(repo),
                              "--no-translations"], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr
    assert "name: Selendang baru" in (repo / "products/sintang/selendang-baru.yml").read_text("utf-8")


def test_bad_sheet_is_reported_at_its_cell_and_nothing_changes(repo, tmp_path):
    filled_sheet(repo / "products/sintang", repo / "lembar/produk-sintang.xlsx", "sintang", price="Rp 800.000 nego")
    # A good sheet of another JarPUK in the same pull request is not imported either
    filled_sheet(repo / "products/kupang", repo / "lembar/produk-kupang.xlsx", "kupang")
    git(repo, "add", "--all")
    git(repo, "commit", "--quiet", "-m", "Upload")
    head, before = git(repo, "rev-parse", "HEAD"), tree(repo)

    result = run_script(repo, "--commit", "--github")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert ("lembar/produk-sintang.xlsx: produk!F2 (kolom price): `Rp 800.000 nego` bukan angka"
            in result.stderr), result.stderr
    assert "tidak ada berkas yang diubah" in result.stderr
    annotations = [line for line in result.stdout.splitlines() if line.startswith("::error")]
    assert annotations == [
        "::error file=lembar/produk-sintang.xlsx,line=1,title=Lembar perlu diperbaiki::produk!F2 (kolom price): "
        "`Rp 800.000 nego` bukan angka. Tulis angkanya saja, tanpa 'Rp' dan titik, misalnya 750000."]
    assert tree(repo) == before and git(repo, "rev-parse", "HEAD") == head
    assert git(repo, "status", "--porcelain") == ""

    # Until it is imported, `make check` refuses the sheet: the pull request cannot pass
    checked = subprocess.run([sys.executable, str(ROOT / "scripts/check.py"), "--root", str(repo),
                              "--no-translations", "--github"], capture_output=True, text=True)
    assert checked.returncode == 1
    assert "lembar/produk-sintang.xlsx:1: lembar ini belum diimpor" in checked.stderr
    assert "::error file=lembar/produk-kupang.xlsx,line=1," in checked.stdout


def test_messages_for_every_file_at_once(repo):
    """A file that is no sheet does not hide the cell messages of the sheets beside it."""
    filled_sheet(repo / "products/sintang", repo / "lembar/produk-sintang.xlsx", "sintang", price="dua ratus")
    (repo / "lembar/catatan.txt").write_text("harga baru\n", "utf-8")
    before = tree(repo)
    result = run_script(repo, "--github")
    assert result.returncode == 1
    assert "lembar/catatan.txt: hanya lembar .xlsx" in result.stderr
    assert "produk!F2 (kolom price): `dua ratus` bukan angka" in result.stderr
    assert tree(repo) == before


def test_no_sheet_is_nothing_to_do(repo):
    result = run_script(repo, "--commit")
    assert result.returncode == 0 and "Tidak ada lembar" in result.stdout
    assert git(repo, "rev-list", "--count", "HEAD").strip() == "1"


def test_a_sheet_of_another_jarpuk_is_refused(repo, tmp_path):
    """Named for sambas, exported from sintang: refused here and by `make sheet-import`."""
    sheet = filled_sheet(repo / "products/sintang", repo / "lembar/produk-sambas.xlsx", "sintang")
    before = tree(repo)
    result = run_script(repo)
    assert result.returncode == 1
    assert "diekspor dari JarPUK `sintang`, bukan `sambas`" in result.stderr
    assert tree(repo) == before
    made = subprocess.run([sys.executable, str(ROOT / "scripts/sheet.py"), "--products", str(repo / "products"),
                           "import", "sambas", str(sheet)], capture_output=True, text=True)
    assert made.returncode == 1 and "bukan `sambas`" in made.stderr
    assert tree(repo) == before


def test_template_and_older_exports_record_no_jarpuk_and_are_accepted(repo, tmp_path):
    template_workbook(tmp_path / "templat.xlsx")
    assert not load_workbook(tmp_path / "templat.xlsx").properties.keywords
    filled_sheet(repo / "products/sambas", repo / "lembar/sambas.xlsx", None)
    assert run_script(repo).returncode == 0
    assert (repo / "products/sambas/selendang-baru.yml").is_file()


@pytest.mark.parametrize("name, jarpuk", [
    ("produk-sintang.xlsx", "sintang"),
    ("sintang.xlsx", "sintang"),
    ("produk-lombok-tengah (1).xlsx", "lombok-tengah"),  # a second download of the same file
    ("Produk-Sintang.XLSX", "sintang"),
    ("produk-kupang.csv", "kupang"),
])
def test_the_file_name_names_the_jarpuk(repo, name, jarpuk):
    (repo / "lembar" / name).write_bytes(b"x")
    sheets, problems = find_sheets(repo)
    assert problems == [] and [(s.shown, s.jarpuk) for s in sheets] == [(f"lembar/{name}", jarpuk)]


@pytest.mark.parametrize("files, says", [
    ({"lembar/produk-lombok.xlsx": b"x"}, "JarPUK `lombok` tidak ada"),
    ({"lembar/lembar saya.xlsx": b"x"}, "tidak menyebut JarPUK"),
    ({"lembar/produk-sintang.ods": b"x"}, "hanya lembar .xlsx"),
    ({"lembar/sintang/produk-sintang.xlsx": b"x"}, "bukan ke subfolder"),
    ({"lembar/produk-sintang.xlsx": b"x", "lembar/sintang.xlsx": b"x"}, "sudah punya lembar"),
])
def test_files_that_are_no_sheet_are_named(repo, files, says):
    for name, content in files.items():
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        (repo / name).write_bytes(content)
    problems = find_sheets(repo)[1]
    assert problems and all(p.line == 1 and p.path.startswith("lembar/") for p in problems)
    assert any(says in p.message for p in problems), problems


def test_a_link_in_the_folder_is_never_read(repo, tmp_path):
    (tmp_path / "rahasia.xlsx").write_bytes(b"x")
    (repo / "lembar/produk-sintang.xlsx").symlink_to(tmp_path / "rahasia.xlsx")
    sheets, problems = find_sheets(repo)
    assert sheets == [] and "tautan simbolik" in problems[0].message


def test_only_deflate_entries_are_read(tmp_path):
    """zipfile inflates a bzip2 or LZMA entry a whole block at a time: such a workbook is refused."""
    folder = tmp_path / "products"
    shutil.copytree(ROOT / "products", folder)
    export_workbook(folder / "kupang", tmp_path / "k.xlsx", "kupang")
    with zipfile.ZipFile(tmp_path / "k.xlsx") as source, \
            zipfile.ZipFile(tmp_path / "bz.xlsx", "w", zipfile.ZIP_BZIP2) as target:
        for info in source.infolist():
            target.writestr(info.filename, source.read(info))
    found = [str(p) for p in import_workbook(tmp_path / "bz.xlsx", folder / "kupang", CATEGORIES, "kupang")]
    assert found and "bukan lembar kerja Excel (.xlsx) yang utuh" in found[0]


# -- the workflow ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def workflow() -> dict:
    return yaml.safe_load((ROOT / ".github/workflows/sheet.yml").read_text("utf-8"))


def test_workflow_trigger_and_permissions(workflow):
    on = workflow[True]  # YAML 1.1 reads the key `on` as true
    assert on["pull_request"]["paths"] == ["lembar/**"]
    assert "pull_request_target" not in on  # it would run with a write token for forks
    assert workflow["permissions"] == {"contents": "read"}
    jobs = workflow["jobs"]
    writers = {name for name, job in jobs.items() if "write" in (job.get("permissions") or {}).values()}
    assert writers == {"push"}
    assert jobs["push"]["permissions"] == {"contents": "write", "actions": "write"}
    assert jobs["import"]["permissions"] == {"contents": "read"}


def test_workflow_guards_forks(workflow):
    jobs = workflow["jobs"]
    same = "github.event.pull_request.head.repo.full_name == github.repository"
    assert same in jobs["import"]["if"]
    assert jobs["push"]["needs"] == "import"  # so the push job inherits the guard
    fork = jobs["fork"]
    assert "github.event.pull_request.head.repo.full_name != github.repository" in fork["if"]
    message = fork["steps"][0]["run"]
    assert "::error" in message and "cabang baru repositori ini" in message and "exit 1" in message


def test_workflow_runs_no_pull_request_code_with_the_write_token(workflow):
    jobs = workflow["jobs"]
    pushed = jobs["push"]["steps"]
    runs = "\n".join(step.get("run", "") for step in pushed)
    for code in (".venv", "make ", "python", "scripts/", "pip "):
        assert code not in runs
    assert "refs/heads/$BRANCH" in runs and "gh workflow run site.yml" in runs
    assert "[AM]:100644:products/*/*.yml" in runs and "D:000000:lembar/*" in runs
    imported = jobs["import"]["steps"]
    assert imported[0]["with"]["persist-credentials"] is False
    assert any("scripts/sheet_pr.py --commit" in step.get("run", "") for step in imported)
    assert any(step.get("run") == "make check" for step in imported)
    # Values from the event reach scripts through the environment, never pasted into them
    for job in jobs.values():
        for step in job["steps"]:
            assert "${{" not in step.get("run", ""), step
    site = yaml.safe_load((ROOT / ".github/workflows/site.yml").read_text("utf-8"))
    assert "workflow_dispatch" in site[True]  # what the push job starts for the bot's commit
