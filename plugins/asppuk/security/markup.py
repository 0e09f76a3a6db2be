"""Markdown that is safe to render, and what its HTML may not hold.

- :func:`problems_in`: what the allowlist cleaner (:mod:`.sanitise`) drops
  from HTML rendered from Markdown, each placed at the first source line
  that holds it. ``make check`` renders with the site's Markdown
  extensions; the build hears of it from the cleaner itself.
- :func:`markdown_limits`: Markdown that would make the build slow or crash.
"""

from __future__ import annotations

import html as _html
import re

from asppuk.datafiles.problems import Problem

_CONTROL = re.compile(r"[\x00-\x20\x7f]+")


def locate(source: str, needle: str, first_line: int = 1) -> int:
    """The first line of ``source`` that holds ``needle`` (case and character
    references ignored), counted from ``first_line``; else ``first_line``."""
    for number, line in enumerate(source.splitlines(), start=first_line):
        if needle in _CONTROL.sub("", _html.unescape(line)).lower() or needle in line.lower():
            return number
    return first_line


def problems_in(html: str, source: str, path: str, first_line: int = 1) -> list[Problem]:
    """Problems for what the allowlist cleaner drops from ``html`` (rendered
    from ``source``): the build publishes the cleaned HTML and fails on the
    same problems (:mod:`asppuk.security.sanitise`)."""
    from .sanitise import dropped

    return sorted({Problem(path, locate(source, f.needle, first_line), f.message)
                   for f in dropped(html)})


def render_markdown(text: str, extensions: list, configs: dict) -> str:
    """``text`` as the site's Markdown renders it (for checks outside a build)."""
    import markdown

    return markdown.Markdown(extensions=extensions, extension_configs=configs).convert(text)


# Python-Markdown is quadratic in runs of brackets within a paragraph (60,000
# `[` take minutes) and recursive in nested lists and quotes (a few hundred
# levels raise RecursionError). These bounds keep every Markdown text (news,
# stories, pages, and the Markdown fields of data files, whose schemas carry
# the same two patterns) far below that: at most a tenth of a second.
MAX_BRACKETS_PER_PARAGRAPH = 100
MAX_BRACKETS = 2000
# Runs of `<` (autolinks, raw HTML) and backticks (code spans, fences) are
# quadratic in the same way: 20,000 `<http://` in one paragraph take a minute
MAX_TAGS_PER_PARAGRAPH = 100
# and an unclosed `<a` costs a pass over the rest of the file (html.parser
# in Python-Markdown), so their number per file is bounded as well (which
# also bounds `<div markdown>` nesting, recursive in md_in_html, to 100)
MAX_TAGS = 200
MAX_BACKTICKS_PER_PARAGRAPH = 200
MAX_BACKTICKS = 2000  # 50,000 lines of ``` take 20 seconds
# Lists nest by indentation too: 300 levels raise RecursionError; a page
# indents a few levels (4 columns each), code in a list a few more
MAX_INDENT = 40
NESTING = re.compile(r"(^|\n)[ \t]*(([-*+]|[0-9]+[.)])[ \t]+|>[ \t]*){9}")  # `>>>` nests without spaces
NESTING_MESSAGE = ("berisi daftar atau kutipan yang bersarang lebih dari 8 tingkat (baris yang diawali banyak "
                   "tanda `-`, `*`, `+` atau `>`). Rapikan menjadi paling banyak 8 tingkat.")


def markdown_limits(text: str, path: str, first_line: int = 1) -> list[Problem]:
    """Problems for Markdown that would make the build slow or crash."""
    problems: list[Problem] = []
    nested = NESTING.search(text)
    if nested:
        line = first_line + text[: nested.end()].count("\n")
        problems.append(Problem(path, line, f"baris ini {NESTING_MESSAGE}"))
    if text.count("<") > MAX_TAGS:
        problems.append(Problem(path, first_line, f"berkas berisi {text.count('<'):,} tanda `<` ".replace(",", ".")
                                + f"(paling banyak {MAX_TAGS}). Sebanyak itu membuat situs sangat lambat dibangun: "
                                "tulis isinya sebagai Markdown biasa, tanpa tag HTML."))
        return problems
    if text.count("`") > MAX_BACKTICKS:
        problems.append(Problem(path, first_line, f"berkas berisi {text.count('`'):,} tanda petik terbalik `` ` `` ".replace(",", ".")
                                + f"(paling banyak {MAX_BACKTICKS:,}). ".replace(",", ".")
                                + "Sebanyak itu membuat situs sangat lambat dibangun: kurangi blok kode atau tandanya."))
        return problems
    if text.count("[") > MAX_BRACKETS:
        problems.append(Problem(path, first_line, f"berkas berisi {text.count('['):,} tanda kurung siku `[` ".replace(",", ".")
                                + f"(paling banyak {MAX_BRACKETS:,}). ".replace(",", ".")
                                + "Sebanyak itu membuat situs sangat lambat dibangun: kurangi tautan atau tanda kurungnya."))
        return problems
    for number, text_line in enumerate(text.splitlines(), start=first_line):
        indent = len(text_line.expandtabs(4)) - len(text_line.expandtabs(4).lstrip(" "))
        if indent > MAX_INDENT and text_line.strip():
            problems.append(Problem(path, number, f"baris ini menjorok {indent} spasi (paling banyak {MAX_INDENT}): "
                                    "daftar yang bersarang sedalam itu membuat situs gagal dibangun. Kurangi spasi "
                                    "di awal baris, paling banyak 8 tingkat daftar."))
            break
    line = first_line
    for paragraph in re.split(r"(\n[ \t]*\n)", text):
        for char, limit, what in (("[", MAX_BRACKETS_PER_PARAGRAPH, "tanda kurung siku `[`"),
                                  ("<", MAX_TAGS_PER_PARAGRAPH, "tanda `<`"),
                                  ("`", MAX_BACKTICKS_PER_PARAGRAPH, "tanda petik terbalik `` ` ``")):
            if paragraph.count(char) > limit:
                problems.append(Problem(path, line, f"paragraf ini berisi lebih dari {limit} {what}, dan membuat "
                                        "situs sangat lambat dibangun. Kurangi tautan, tag atau tandanya, atau bagi "
                                        "menjadi beberapa paragraf."))
        line += paragraph.count("\n")
    return problems
