"""Where the ASPPUK plugins' templates are found, and why they escape by default.

MkDocs' Jinja environment does not autoescape, and Material's templates are
written for that: ``page.title`` or ``page.meta.description`` are printed as
they are. Our pages print names, prices and places that arrive by pull
request, spreadsheet or editor, so every template of ours autoescapes: a
value is escaped unless code marks it as safe HTML (``markupsafe.Markup``:
sanitised Markdown, SVG we draw, HTML rendered by MkDocs). Material's own
templates keep their behaviour.

``main.html`` here overrides Material's: it repeats Material's ``site_meta``
and ``htmltitle`` blocks in an escaping template, so the title and
description of every page (catalogue pages, news, stories, reports) reach
``<title>`` and ``<meta>`` escaped.
"""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent  # plugins/asppuk
SHARED = os.path.join(os.path.dirname(__file__), "templates")


def add_templates(config, folder: str, *, override: bool = False) -> None:
    """Put ``folder`` on the theme's search path.

    Folders that only add templates of their own (``asppuk/...``) go after
    Material's; folders that ``override`` Material's templates go before them
    (after the site's ``custom_dir``). The shared ``main.html`` is always put
    in front."""
    dirs = config.theme.dirs
    front = 1 if config.theme.custom_dir else 0
    for path, first in ((SHARED, True), (folder, override)):
        if path in dirs:
            continue
        if first:
            dirs.insert(front, path)
        else:
            dirs.append(path)


def escape_by_default(env, config) -> None:
    """Autoescape the templates that come from our folders (``on_env``), and
    let ours include the Material template they override as ``material/<name>``.

    A name counts as ours only when our folder is the first on the search
    path to hold it, i.e. when it is our file that Jinja loads."""
    ours: set[str] = set()
    for folder in config.theme.dirs:
        if not Path(folder).resolve().is_relative_to(PACKAGE):
            continue
        for path in Path(folder).rglob("*.html"):
            name = path.relative_to(folder).as_posix()
            winner = next(d for d in config.theme.dirs if os.path.isfile(os.path.join(d, name)))
            if winner == folder:
                ours.add(name)
    frozen = frozenset(ours)
    env.autoescape = lambda name: name in frozen
    if not getattr(env.loader, "asppuk", False):
        import material
        from jinja2 import ChoiceLoader, FileSystemLoader, PrefixLoader

        originals = FileSystemLoader(os.path.join(os.path.dirname(material.__file__), "templates"))
        env.loader = ChoiceLoader([env.loader, PrefixLoader({"material": originals})])
        env.loader.asppuk = True
