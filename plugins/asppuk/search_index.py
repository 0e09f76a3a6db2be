"""Which Pagefind indexes a built site gets, and writing them (no MkDocs).

Pagefind keeps everything it indexes in memory until it writes the index:
about 70 KB a page here, so 100,000 product pages need close to 6 GB. Past
``max_pages``, the pages of the *split folders* (one folder per JarPUK:
``produk/<jarpuk>/``) are spread over several indexes of at most
``part_pages`` pages each, written one after the other, so no indexer holds
more than that. (Parts can be smaller than the one-index limit: once a
query has to fetch several parts anyway, more of them costs little, and
smaller ones leave more memory to the MkDocs process.) The browser loads the main index and merges the others
(Pagefind's ``mergeIndex``), listed in ``pagefind/asppuk-indexes.json``.
A site under ``max_pages`` gets one index, exactly as without splitting.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import threading
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

OUTPUT = "pagefind"
MANIFEST = "asppuk-indexes.json"
# How often a running Pagefind checks whether the build was given up
CANCEL_POLL_SECONDS = 0.2


class Cancelled(Exception):
    """The build was given up while Pagefind ran: it was stopped."""


def _run(command: list[str], cancel: threading.Event | None) -> subprocess.CompletedProcess:
    """``subprocess.run`` that ends the process once ``cancel`` is set. A failed
    build must not wait for an index nobody will publish: Pagefind retries
    each page it cannot read, with growing pauses, so on a half-written site
    it can run for hours."""
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) as process:
        while True:
            try:
                # retrying communicate() after a timeout loses no output (subprocess docs)
                out, err = process.communicate(timeout=None if cancel is None else CANCEL_POLL_SECONDS)
                return subprocess.CompletedProcess(command, process.returncode, out, err)
            except subprocess.TimeoutExpired:
                if cancel.is_set():
                    process.kill()  # the binary itself: `python -m pagefind` execs it on POSIX
                    process.communicate()
                    raise Cancelled("Pagefind dihentikan: pembuatan situs gagal") from None


@dataclass
class IndexRun:
    """One Pagefind run: the pages its globs select and where it writes."""

    output: str  # relative to the site: "pagefind", "pagefind/bagian-1", ...
    patterns: list[str]
    pages: int = 0
    folders: list[str] = field(default_factory=list)

    @property
    def glob(self) -> str:
        return self.patterns[0] if len(self.patterns) == 1 else "{" + ",".join(self.patterns) + "}"


def _regex(pattern: str) -> re.Pattern:
    """Pagefind's glob meaning: ``*`` stays within a folder, ``**/`` spans any."""
    out = []
    for part in re.split(r"(\*\*/|\*)", pattern):
        out.append({"**/": "(?:[^/]+/)*", "*": "[^/]*"}.get(part, re.escape(part)))
    return re.compile("".join(out) + r"\Z")


def selector(patterns: list[str]):
    """A test for a site path (``produk/a/b/index.html``): does a pattern select it?"""
    compiled = [_regex(p) for p in patterns]
    return lambda path: any(rx.match(path) for rx in compiled)


def _html_files(site_dir: Path) -> list[str]:
    found = []
    for folder, dirs, files in os.walk(site_dir):
        rel = os.path.relpath(folder, site_dir)
        if rel == OUTPUT:
            dirs.clear()  # an earlier index
            continue
        prefix = "" if rel == "." else rel.replace(os.sep, "/") + "/"
        found.extend(prefix + name for name in files if name.endswith(".html"))
    return found


def plan_indexes(site_dir: Path, patterns: list[str], split: str | list[str] | None, max_pages: int,
                 part_pages: int | None = None, unindexed: list[str] | tuple[str, ...] = ()) -> list[IndexRun]:
    """The Pagefind runs for this site: one, or a main index and parts.

    ``split`` is a folder pattern such as ``produk/*`` (or several: one per
    language, ``en/products/*``); a pattern that starts with one
    (``produk/*/*/index.html``) may be spread over several indexes, a folder
    at a time (``produk/sintang/*/index.html``). Folders in ``unindexed``
    match a pattern but hold no page Pagefind indexes (the catalogue's
    listings, whose content is ``data-pagefind-ignore``): once split, they
    go to no index, as a part of them alone would be an index of nothing,
    which Pagefind refuses."""
    heads = [s.strip("/").split("/") for s in ([split] if isinstance(split, str) else split or [])]

    def head_of(pattern: str) -> list[str] | None:
        parts = pattern.split("/")
        return next((h for h in heads if parts[: len(h)] == h and pattern.count("/") > len(h)), None)

    skipped = {u.strip("/") for u in unindexed}
    splittable = [p for p in patterns if head_of(p)]
    fixed = [p for p in patterns if p not in splittable]
    files = _html_files(site_dir)
    in_main = selector(fixed)
    main_pages = sum(1 for f in files if in_main(f))
    folders: Counter[str] = Counter()
    for pattern in splittable:
        selects, depth = selector([pattern]), len(head_of(pattern))
        for f in files:
            if selects(f):
                if in_main(f):
                    raise ValueError(f"{f} cocok dengan dua pola indeks ({pattern} dan yang lain): pisahkan polanya")
                folder = "/".join(f.split("/")[:depth])
                if folder not in skipped:
                    folders[folder] += 1
    if main_pages + sum(folders.values()) <= max_pages:
        return [IndexRun(OUTPUT, list(patterns), main_pages + sum(folders.values()), sorted(folders))]

    def specialised(folder: str) -> list[str]:
        depth = folder.count("/") + 1
        return [folder + "/" + "/".join(p.split("/")[depth:]) for p in splittable
                if selector(["/".join(p.split("/")[:depth])])(folder)]

    # First fit, largest folders first: few indexes, each within part_pages
    limit = part_pages or max_pages
    runs = [IndexRun(OUTPUT, list(fixed), main_pages)]
    for folder, count in sorted(folders.items(), key=lambda item: (-item[1], item[0])):
        run = next((r for r in runs if r.pages + count <= limit), None)
        if run is None:  # none has room (a folder over the limit alone gets one)
            run = IndexRun("", [])
            runs.append(run)
        run.folders.append(folder)
        run.patterns.extend(specialised(folder))
        run.pages += count
    runs = [r for r in runs if r.patterns]
    for number, run in enumerate(runs):
        run.output = f"{OUTPUT}/bagian-{number}" if number else OUTPUT
    return runs


def write_indexes(site_dir: Path, runs: list[IndexRun], *, language: str | None, root_selector: str,
                  exclude_selectors: list[str], cancel: threading.Event | None = None) -> None:
    """Run Pagefind once per index (main first: it replaces ``pagefind/``),
    then list the parts for the browser."""
    shutil.rmtree(site_dir / OUTPUT, ignore_errors=True)  # no part of an earlier build lingers
    for run in runs:
        # No --force-language: Pagefind reads each page's <html lang> and keeps
        # an index per language (English stemming for English pages)
        command = [
            sys.executable, "-m", "pagefind", "--site", str(site_dir), "--silent",
            "--output-subdir", run.output, "--root-selector", root_selector, "--glob", run.glob,
        ]
        if language:
            command += ["--force-language", language]
        for css in exclude_selectors:
            command += ["--exclude-selectors", css]
        result = _run(command, cancel)
        if result.returncode != 0:
            raise RuntimeError(f"Pagefind gagal membuat indeks pencarian {run.output}:\n{result.stdout}\n{result.stderr}")
    parts = [run.output[len(OUTPUT) + 1:] + "/" for run in runs if run.output != OUTPUT]
    (site_dir / OUTPUT / MANIFEST).write_text(json.dumps({"merge": parts}), "utf-8")


def index_site(site_dir: Path, options, cancel: threading.Event | None = None) -> list[IndexRun]:
    """Plan and write the indexes of a built site. ``options`` carries the
    settings by name (the ``asppuk-search`` plugin's config): ``glob``,
    ``split``, ``max_pages``, ``part_pages``, ``language``,
    ``root_selector`` and ``exclude_selectors``. Setting ``cancel`` stops
    Pagefind and raises :class:`Cancelled`."""
    runs = plan_indexes(site_dir, options.glob, options.split, options.max_pages, options.part_pages,
                        options.unindexed)
    write_indexes(site_dir, runs, language=options.language, root_selector=options.root_selector,
                  exclude_selectors=options.exclude_selectors, cancel=cancel)
    return runs
