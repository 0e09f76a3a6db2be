"""Markdown files of the site (``content/``, ``stories/``) that are safe to build.

MkDocs reads a page's front matter with its own YAML loader (which expands
aliases) and hands the body to Python-Markdown. Before either sees a file,
it is checked here: bounded in size, UTF-8, front matter readable by the
site's safe loader (no aliases, bounded nesting), and Markdown within
:func:`asppuk.security.markup.markdown_limits`. Whether the rendered HTML
holds script is checked on the rendered page (:mod:`.markup`). No MkDocs.
"""

from __future__ import annotations

from pathlib import Path

from asppuk.catalog.problems import Problem
from asppuk.catalog.yamlfile import FRONT_MATTER, load_text

from .markup import markdown_limits

MAX_BYTES = 1_000_000  # a long report page is 30 KB


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
    problems: list[Problem] = []
    body_line = 1
    match = FRONT_MATTER.match(text)
    if match:
        _, found = load_text(match.group(1), shown)
        problems += [Problem(p.path, p.line + 1, p.message) for p in found]
        body_line = text[: match.end()].count("\n") + 1
        text_body = text[match.end():]
    else:
        text_body = text
    problems += markdown_limits(text_body, shown, body_line)
    return (None if problems else text), problems
