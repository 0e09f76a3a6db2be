"""What staff type reaches the scaffolds untouched (no shell, no make expansion),
and a value `make check` would refuse is refused before anything is written,
asked again in a terminal."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest

from asppuk.datafiles.yamlfile import FRONT_MATTER, load_text
from conftest import ROOT, copy_project, write_tree

# A title with everything a shell or make would take for its own, and Indonesian text
TRICKY_TITLE = ("Harga $5 naik `touch tanda-1` $(touch tanda-2) $(shell touch tanda-3) ; 'kutip' & \"dua\": #1 "
                "— Ibu Ni Luh")


def project_with_make(tmp_path: Path) -> Path:
    """A copy of the project that the real Makefile runs in, with this test's Python."""
    project = copy_project(tmp_path / "proyek")
    (project / "scripts").symlink_to(ROOT / "scripts")
    return project


def make(project: Path, *args: str) -> subprocess.CompletedProcess:
    """`make` as staff run it, each argument as their shell hands it over (no shell here)."""
    return subprocess.run(["make", "--no-print-directory", "-C", str(project), "-f", str(ROOT / "Makefile"),
                           f"BIN={Path(sys.executable).parent}", "STAMP=", *args],
                          capture_output=True, text=True, timeout=120)


def posts(project: Path) -> set[str]:
    return {p.name for p in (project / "content/berita/posts").iterdir()}


def front_matter(file: Path) -> dict:
    doc, problems = load_text(FRONT_MATTER.match(file.read_text("utf-8")).group(1), file.name)
    assert problems == []
    return doc.data


def run_script(project: Path, script: str, *args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "scripts" / script), *args], cwd=project,
                          capture_output=True, text=True, **kwargs)


# -- make hands the values over untouched -------------------------------------------


def test_make_new_post_hands_the_title_over_exactly(tmp_path):
    project = project_with_make(tmp_path)
    before = posts(project)
    quoted = TRICKY_TITLE.replace('"', '\\"')
    result = make(project, "new-post", f'ARGS=--title "{quoted}" --region Jawa --author seknas --date 2013-07-02')
    assert result.returncode == 0, result.stderr
    [name] = posts(project) - before
    assert front_matter(project / "content/berita/posts" / name)["title"] == TRICKY_TITLE
    assert not any((project / f"tanda-{n}").exists() for n in (1, 2, 3))  # nothing was run
    assert not any(Path.cwd().joinpath(f"tanda-{n}").exists() for n in (1, 2, 3))
    # the title passes check; what is left is the example text staff replace
    said = [line for line in run_script(project, "check.py").stderr.splitlines() if ".md:" in line]
    assert said and all("teks contoh dari `make new-post`" in line for line in said), said


def test_make_with_an_unclosed_quote_says_so_in_indonesian(tmp_path):
    project = project_with_make(tmp_path)
    before = posts(project)
    result = make(project, "new-post", 'ARGS=--title "Harga naik --region Jawa')
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "ARGS" in result.stderr and "tanda kutip" in result.stderr, result.stderr
    assert posts(project) == before


def test_make_new_product_and_sheets_hand_values_over_exactly(tmp_path):
    project = project_with_make(tmp_path)
    name = 'Kain "ikat" $5 `touch tanda-1` & tenun; #1'
    result = make(project, "new-product",
                  f"ARGS=--jarpuk sintang --producer rupina --id kain-ikat --name '{name}' --category tenun")
    assert result.returncode == 0, result.stderr
    text = (project / "products/sintang/kain-ikat.yml").read_text("utf-8")
    doc, problems = load_text(text, "kain-ikat.yml")
    assert problems == [] and doc.data["name"] == name
    result = make(project, "sheet-export", "JARPUK=sintang", "FILE=produk $1 `touch tanda-2`.xlsx")
    assert result.returncode == 0, result.stderr
    assert (project / "produk $1 `touch tanda-2`.xlsx").is_file()
    result = make(project, "sheet-import", "JARPUK=sintang", "FILE=produk $1 `touch tanda-2`.xlsx")
    assert result.returncode == 0, result.stderr
    result = make(project, "sheet-template", "FILE=templat $(touch tanda-3).xlsx")
    assert result.returncode == 0, result.stderr
    assert (project / "templat $(touch tanda-3).xlsx").is_file()
    result = make(project, "sheet-export", "JARPUK=sintang")  # the default file name
    assert result.returncode == 0 and (project / "produk-sintang.xlsx").is_file(), result.stderr
    assert not any((project / f"tanda-{n}").exists() for n in (1, 2, 3))


# -- refused before anything is written ----------------------------------------------


@pytest.mark.parametrize("title, says", [
    ("Harga \u202enaik", "U+202E"),
    ("Harga \u2066naik", "U+2066"),
    ("Lihat [x](javascript:alert(1))", "tautan `javascript:`"),
    ("Judul {: onclick=alert(1) }", "atribut `onclick`"),
    ("Harga <b>naik</b>", "tidak boleh memuat tanda < atau >"),
    ("x" * 151, "terlalu panjang"),
    ("Baris satu\tdan tab", "satu baris"),
])
def test_new_post_refuses_a_title_check_would_refuse(tmp_path, title, says):
    project = copy_project(tmp_path)
    before = posts(project)
    result = run_script(project, "new_post.py", "--title", title, "--region", "Jawa", "--author", "seknas",
                        "--date", "2013-07-02")
    assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr
    assert "--title" in result.stderr and says in result.stderr, result.stderr
    assert posts(project) == before
    assert not any(name.startswith(".") for name in posts(project))  # no temporary file left


def test_check_refuses_a_script_link_in_a_front_matter_title(tmp_path):
    """Material's blog renders a post's front-matter title as a Markdown heading in its excerpt."""
    project = copy_project(tmp_path)
    write_tree(project, {"content/berita/posts/2013-07-02-uji.md":
                         "---\ntitle: '[x](javascript:alert(1))'\ndate: 2013-07-02\nauthors: [seknas]\n"
                         "categories: [Jawa]\nslug: uji\n---\n\nIsi.\n"})
    result = run_script(project, "check.py")
    assert result.returncode == 1
    assert "content/berita/posts/2013-07-02-uji.md:2: tautan `javascript:`" in result.stderr, result.stderr


@pytest.mark.parametrize("args, says", [
    (["--region", "Mars"], "--region"),
    (["--author", "Seknas Baru"], "--author"),
    (["--date", "2013-02-30"], "tanggal `2013-02-30` tidak ada"),
])
def test_new_post_names_the_argument_that_is_wrong(tmp_path, args, says):
    project = copy_project(tmp_path)
    before = posts(project)
    given = {"--title": "Uji", "--region": "Jawa", "--author": "seknas", "--date": "2013-07-02"}
    given.update(dict(zip(args[::2], args[1::2])))
    result = run_script(project, "new_post.py", *[x for pair in given.items() for x in pair])
    assert result.returncode == 2 and says in result.stderr and "Traceback" not in result.stderr, result.stderr
    assert posts(project) == before


@pytest.mark.parametrize("args, says", [
    (["--name", "Kain \u202eikat"], "U+202E"),
    (["--name", "x" * 151], "terlalu panjang"),
    (["--name", "   "], "--name"),
    (["--category", "Tenun Ikat"], "--category"),
    (["--jarpuk", "../sintang"], "--jarpuk"),
    (["--producer", "tidak-ada"], "--producer"),
    (["--id", "Kain Ikat"], "--id"),
])
def test_new_product_refuses_what_check_would_refuse(tmp_path, args, says):
    project = copy_project(tmp_path)
    before = sorted(p.name for p in (project / "products/sintang").iterdir())
    given = {"--jarpuk": "sintang", "--producer": "rupina", "--id": "kain-ikat", "--name": "Kain ikat"}
    given.update(dict(zip(args[::2], args[1::2])))
    result = run_script(project, "new_product.py", *[x for pair in given.items() for x in pair])
    assert result.returncode == 2 and says in result.stderr and "Traceback" not in result.stderr, result.stderr
    assert sorted(p.name for p in (project / "products/sintang").iterdir()) == before


def test_written_post_is_checked_before_it_is_moved_into_place(tmp_path, monkeypatch):
    """The file is checked with make check's own code; a problem there leaves nothing behind."""
    from asppuk.datafiles.problems import Problem
    from asppuk.site_config import read_site_config
    from asppuk.staff import scaffold
    from asppuk.staff.scaffold import ScaffoldError, new_post

    project = copy_project(tmp_path)
    site = read_site_config(project)
    before = posts(project)
    monkeypatch.setattr(scaffold, "post_problems",
                        lambda settings, base, file, shown: [Problem(shown, 2, "masalah uji")])
    import datetime as dt

    with pytest.raises(ScaffoldError, match="masalah uji"):
        new_post(site, title="Uji", category="Jawa", author="seknas", date=dt.date(2013, 7, 2))
    assert posts(project) == before


# -- asked again in a terminal -----------------------------------------------------------


def in_terminal(project: Path, script: str, answers: list[str], *args: str) -> tuple[int, str]:
    """Run ``script`` with a terminal as its input and output, typing ``answers`` (then end of input)."""
    master, slave = pty.openpty()
    process = subprocess.Popen([sys.executable, str(ROOT / "scripts" / script), *args], cwd=project,
                               stdin=slave, stdout=slave, stderr=slave, close_fds=True)
    os.close(slave)
    os.write(master, "".join(f"{a}\n" for a in answers).encode() + b"\x04")
    output, deadline = b"", time.monotonic() + 60
    while time.monotonic() < deadline:
        if select.select([master], [], [], 1)[0]:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # the program has ended
                break
            if not chunk:
                break
            output += chunk
        elif process.poll() is not None:
            break
    os.close(master)
    return process.wait(10), output.decode("utf-8", "replace")


def test_new_post_asks_again_after_a_wrong_answer(tmp_path):
    project = copy_project(tmp_path)
    before = posts(project)
    code, output = in_terminal(project, "new_post.py",
                               ["Lihat [x](javascript:alert(1))", "Pameran tenun \u202eikat", "Pameran tenun ikat",
                                "Mars", "Jawa", ""], "--date", "2013-07-02")
    assert code == 0, output
    assert output.count("Judul berita") == 3 and output.count("Wilayah atau tema") == 2, output
    assert "tautan `javascript:`" in output and "U+202E" in output and "kategori `Mars`" in output
    [name] = posts(project) - before
    data = front_matter(project / "content/berita/posts" / name)
    assert data["title"] == "Pameran tenun ikat" and data["categories"] == ["Jawa"] and data["authors"] == ["seknas"]


def test_new_product_asks_for_what_is_missing_and_again_when_wrong(tmp_path):
    project = copy_project(tmp_path)
    code, output = in_terminal(project, "new_product.py",
                               ["kain-kebat", "kain-ikat-baru", "Kain \u202eikat", "Kain ikat baru", "kerajinan"],
                               "--jarpuk", "sintang", "--producer", "rupina")
    assert code == 0, output
    assert "products/sintang/kain-kebat.yml sudah ada" in output and "U+202E" in output, output
    doc, problems = load_text((project / "products/sintang/kain-ikat-baru.yml").read_text("utf-8"), "x")
    assert problems == [] and doc.data["name"] == "Kain ikat baru" and doc.data["category"] == "kerajinan"


def test_without_a_terminal_a_wrong_or_missing_value_stops_at_once(tmp_path):
    project = copy_project(tmp_path)
    before = posts(project)
    result = run_script(project, "new_post.py", "--title", "Harga \u202enaik", "--region", "Jawa",
                        stdin=subprocess.DEVNULL)
    assert result.returncode == 2 and "U+202E" in result.stderr and "Traceback" not in result.stderr
    result = run_script(project, "new_post.py", "--region", "Jawa", stdin=subprocess.DEVNULL)
    assert result.returncode == 2 and "--title" in result.stderr and "Traceback" not in result.stderr
    assert posts(project) == before


def test_interrupting_a_question_is_no_traceback(tmp_path):
    project = copy_project(tmp_path)
    code, output = in_terminal(project, "new_post.py", [])  # end of input at the first question
    assert code == 2 and "Traceback" not in output and "tidak dibuat" in output, output
