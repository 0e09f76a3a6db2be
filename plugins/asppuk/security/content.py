"""Markdown files of the site (``content/``, ``stories/``) that are safe to build.

MkDocs reads a page's front matter with its own YAML loader (which expands
aliases) and hands the body to Python-Markdown. Before either sees a file,
it is checked here: bounded in size, UTF-8, front matter readable by the
site's safe loader (no aliases, bounded nesting), and Markdown within
:func:`asppuk.security.markup.markdown_limits`. Whether the rendered HTML
holds script is checked on the rendered page (:mod:`.markup`). No MkDocs.
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path

from asppuk.datafiles.problems import SYMLINK_MESSAGE, Problem, display_path
from asppuk.datafiles.schema import schema
from asppuk.datafiles.yamlfile import CONTROL, CONTROL_MESSAGE, FRONT_MATTER, load_text
from asppuk.images.metadata import metadata_problem

from .markup import markdown_limits, problems_in, render_markdown
from .svg import svg_problem
from .uploads import kind_of, upload_problem

# What MkDocs reads as a Markdown page (mkdocs.utils.markdown_extensions): by suffix, as written
MARKDOWN_SUFFIXES = (".markdown", ".mdown", ".mkdn", ".mkd", ".md")


def is_markdown_file(name: str) -> bool:
    return name.endswith(MARKDOWN_SUFFIXES)


MAX_BYTES = 250_000  # a long report page is 30 KB; Markdown slows with size (see markdown_limits)


# Front-matter keys a page of ours may have. MkDocs and Material read others
# and act on them unescaped: `template` picks any theme template (a crash, or
# redirect.html with `location`), `subtitle` and `status` are printed as raw
# HTML in the navigation of every page, `icon` is a template include. News
# posts and stories are checked against their own schemas as well.
PAGE_KEYS = frozenset({"title", "description", "hide", "search", "report", "translation_of"}
                      | set(schema("news")["properties"]) | set(schema("story")["properties"]))
_TEXT_KEYS = ("title", "description", "author", "summary", "translation_of")


def front_matter_problems(data, doc, shown: str) -> list[Problem]:
    """Keys of a page's front matter that the site does not use, and titles that are not text."""
    if not isinstance(data, dict):
        return [Problem(shown, 2, "front matter harus berisi kolom-kolom (`title: …`), bukan daftar atau teks.")]
    problems = []
    for key, value in data.items():
        line = doc.line((key,)) + 1  # the front matter starts after the opening ---
        if key not in PAGE_KEYS:
            close = difflib.get_close_matches(str(key), sorted(PAGE_KEYS), 1, 0.8)
            hint = f" Mungkin maksud Anda `{close[0]}`?" if close else ""
            problems.append(Problem(shown, line, f"kolom `{key}` tidak dikenal di front matter halaman.{hint} Yang "
                                    "dipakai: title, description, hide (untuk berita dan cerita lihat panduannya). "
                                    "Hapus kolom itu: tema membaca kolom lain tanpa pemeriksaan dan bisa merusak situs."))
        elif key in _TEXT_KEYS and not isinstance(value, str):
            problems.append(Problem(shown, line, f"`{key}` harus berupa teks satu baris. Beri tanda kutip bila perlu."))
    return problems


def read_markdown(file: Path, shown: str) -> tuple[str | None, list[Problem]]:
    """The text of ``file`` when it is safe to hand to MkDocs, and its problems."""
    size = file.stat().st_size
    if size > MAX_BYTES:
        return None, [Problem(shown, 1, f"berkas terlalu besar ({size // 1000:,} KB; paling besar ".replace(",", ".")
                              + f"{MAX_BYTES // 1000:,} KB). Periksa isinya, atau bagi menjadi beberapa halaman."
                              .replace(",", "."))]
    try:
        text = file.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = file.read_bytes()[: exc.start].count(b"\n") + 1
        return None, [Problem(shown, line, "berkas bukan teks UTF-8 (ada huruf yang tersimpan dengan pengodean "
                                           "lain). Simpan ulang berkas dengan pengodean UTF-8.")]
    text = text.replace("\r\n", "\n").replace("\r", "\n")  # as MkDocs reads it (universal newlines)
    control = CONTROL.search(text)
    if control:
        return None, [Problem(shown, text.count("\n", 0, control.start()) + 1,
                              CONTROL_MESSAGE.format(code=ord(control.group())))]
    problems: list[Problem] = []
    body_line = 1
    match = FRONT_MATTER.match(text)
    if match:
        doc, found = load_text(match.group(1), shown)
        problems += [Problem(p.path, p.line + 1, p.message) for p in found]
        if doc is not None:
            problems += front_matter_problems(doc.data, doc, shown)
        body_line = text[: match.end()].count("\n") + 1
        text_body = text[match.end():]
    else:
        text_body = text
    problems += markdown_limits(text_body, shown, body_line)
    return (None if problems else text), problems


def page_problems(file: Path, shown: str, extensions: list, configs: dict, *, post: bool = False) -> list[Problem]:
    """What ``make check`` finds in one Markdown file: :func:`read_markdown`'s
    problems, then what the cleaner drops from what it renders to. A news
    ``post``'s front-matter ``title`` is rendered too, as the heading
    Material's blog puts above the post's excerpt (the build does the same)."""
    text, problems = read_markdown(file, shown)
    if text is None:
        return problems
    match = FRONT_MATTER.match(text)
    body = text[match.end():] if match else text
    meta = load_text(match.group(1), shown)[0] if match and post else None
    title = meta.data.get("title") if meta is not None and isinstance(meta.data, dict) else None
    if isinstance(title, str):
        body = f"# {title}\n\n{body}"
    return problems + problems_in(render_markdown(body, extensions, configs), text, shown)


# Files that run script when a visitor opens them from the site: a page of
# their own, with no Content-Security-Policy, on the origin of /admin/ (where
# the editor keeps the staff's GitHub sign-in). MkDocs copies every file of
# content/ as it is, so an upload such as `assets/unggahan/foto.html` would
# be published. Every such file must be an image, a PDF or an office
# document by its bytes (:mod:`.uploads`); SVG is an image format that can
# hold script too: an SVG is accepted only when it holds none.
ACTIVE_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".xht", ".shtml", ".js", ".mjs", ".xml", ".xsl", ".xslt",
                             ".svgz", ".swf"})
MAX_SVG_BYTES = 2_000_000
_LINK = SYMLINK_MESSAGE


def static_file_problems(file: Path, shown: str, *, linked: bool = False, own: bool = False) -> list[Problem]:
    """Problems with a file of the site that is copied as it is (``linked``:
    the file is reached through a symbolic link, itself or a folder above it;
    ``own``: ``mkdocs.yml`` names it, as the site's stylesheet or logo)."""
    if linked or file.is_symlink():
        return [Problem(shown, 1, _LINK)]
    if own:
        return []
    suffix = file.suffix.lower()
    if suffix in ACTIVE_SUFFIXES:
        return [Problem(shown, 1, f"berkas {suffix} tidak boleh ada di folder situs: bila dibuka dari situs, "
                                  "isinya bisa menjalankan kode di peramban pengunjung. Hapus berkas ini; untuk foto "
                                  "unggah JPEG atau PNG, untuk dokumen unggah PDF.")]
    if file.stat().st_size > MAX_SVG_BYTES and suffix == ".svg":
        return [Problem(shown, 1, "gambar SVG terlalu besar (paling besar 2 MB). Unggah sebagai PNG.")]
    message = upload_problem(file)
    if message:
        return [Problem(shown, 1, message)]
    message = metadata_problem(file.read_bytes(), kind_of(file) or "")
    if message:
        return [Problem(shown, 1, message)]
    if suffix == ".svg":
        found = svg_problem(file.read_bytes().decode("utf-8", errors="replace"))
        if found:
            what, line = found
            return [Problem(shown, line, f"gambar SVG ini berisi {what}: gambar SVG yang dibuka dari situs bisa "
                                         "menjalankan kode di peramban pengunjung, jadi hanya gambar murni yang "
                                         "diterbitkan. Unggah gambarnya sebagai PNG atau JPEG, atau simpan ulang "
                                         "SVG-nya sebagai SVG biasa tanpa skrip, tautan atau gaya dari luar.")]
    return []


def tree_problems(folder: Path, root: Path, *, web: bool, own: frozenset[str] = frozenset()) -> list[Problem]:
    """Symbolic links anywhere under ``folder``; with ``web`` (a folder the site
    copies as it is) also files that are no image, PDF or office document
    (but for ``own``, the paths under ``folder`` that ``mkdocs.yml`` names)."""
    problems: list[Problem] = []
    if not folder.is_dir():
        return problems
    for parent, dirs, names in os.walk(folder):
        for name in sorted(dirs):
            path = Path(parent, name)
            if path.is_symlink():
                problems.append(Problem(display_path(path, root), 1, _LINK.replace("berkas ini", "folder ini")))
        for name in sorted(names):
            path = Path(parent, name)
            if path.is_symlink():
                problems.append(Problem(display_path(path, root), 1, _LINK))
            elif web and not is_markdown_file(name) and not name.startswith("."):
                problems += static_file_problems(path, display_path(path, root),
                                                 own=path.relative_to(folder).as_posix() in own)
    return problems
