"""`make build`: a strict MkDocs build that replaces ``site/`` only once it has succeeded.

MkDocs builds in place: a build that fails (a warning under ``--strict``, a
crash, Ctrl-C) leaves ``site/`` half old, half new, with pages a finished
build would have refused. Here MkDocs builds into a sibling folder
(``site.tmp-<pid>``); only a build that finished is moved into place (the old
site moved aside first, then deleted), with a mark, ``MARK_NAME``, that the
deploy requires. On failure the temporary folder is removed and ``site/``
stays as it was.

The mark names the number of files and a digest of every path and size, so a
site changed after the build (an in-place ``mkdocs build``, files lost or
edited) no longer matches it; the catalogue plugin also deletes it when MkDocs
starts building into that folder, since MkDocs' clean keeps dotfiles.

MkDocs runs as a child process: nothing here imports MkDocs (the deploy reads
the mark).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path

MARK_NAME = ".asppuk-build.json"   # a dotfile: MkDocs never writes one into the site
COMMAND = ["mkdocs", "build", "--strict"]


def fingerprint(site: Path) -> tuple[int, str]:
    """How many files the site has, and a digest of their paths and sizes (no
    reading: a size check costs a stat, and a changed page changes in size)."""
    entries = []
    for folder, _, files in os.walk(site):
        for name in files:
            path = Path(folder, name)
            relative = path.relative_to(site).as_posix()
            if relative != MARK_NAME:
                entries.append(f"{relative}\0{path.stat().st_size}")
    entries.sort()
    return len(entries), hashlib.sha256("\n".join(entries).encode("utf-8", "surrogateescape")).hexdigest()


def write_mark(site: Path, preview: bool = False) -> None:
    files, digest = fingerprint(site)
    mark = {"built_at": datetime.now(UTC).isoformat(timespec="seconds"), "command": " ".join(COMMAND),
            "strict": True, "mkdocs": version("mkdocs"), "files": files, "fingerprint": digest}
    if preview:   # marked not to be indexed: the deploy refuses it as the site, and a site as a preview
        mark["preview"] = True
    (site / MARK_NAME).write_text(json.dumps(mark, indent=1) + "\n", "utf-8")


def mark_problem(site: Path) -> str | None:
    """Why ``site`` is not the untouched result of a finished strict build, or None."""
    try:
        mark = json.loads((site / MARK_NAME).read_text("utf-8"))
    except FileNotFoundError:
        return (f"{site} has no {MARK_NAME}, the mark of a finished `make build`: it may be left by a build "
                "that failed or by a plain `mkdocs build`")
    except (OSError, ValueError):
        return f"{site / MARK_NAME} cannot be read"
    if not isinstance(mark, dict) or mark.get("strict") is not True:
        return f"{site / MARK_NAME} does not describe a strict build"
    files, digest = fingerprint(site)
    if (files, digest) != (mark.get("files"), mark.get("fingerprint")):
        return (f"{site} changed after `make build` finished ({files:,} files now, {mark.get('files')} then, "
                "or files changed in size)")
    return None


def is_preview(site: Path) -> bool:
    """Whether the finished build in ``site`` was made as a preview (``make build PREVIEW=1``)."""
    try:
        mark = json.loads((site / MARK_NAME).read_text("utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(mark, dict) and mark.get("preview") is True


def build(site: Path, mkdocs_args: list[str], preview: bool = False) -> int:
    """Build into a sibling folder and move it into place only on success.
    Returns MkDocs' exit code; its output goes straight to the terminal.
    ``preview``: every page marked as a preview and not to be indexed, and a
    robots.txt that disallows all (:mod:`asppuk.preview`); without it
    nothing of that runs."""
    if {"-q", "--quiet"} & set(mkdocs_args):
        # MkDocs then drops its warnings before --strict counts them: the build would not be strict
        raise ValueError("-q (--quiet) hides MkDocs' warnings, and a strict build refuses only the warnings it "
                         "sees: build without it.")
    site = Path(site).absolute()
    temporary = site.with_name(f"{site.name}.tmp-{os.getpid()}")
    shutil.rmtree(temporary, ignore_errors=True)
    try:
        # --strict last: a --no-strict among the arguments cannot undo it
        code = subprocess.run([sys.executable, "-m", *COMMAND[:2], *mkdocs_args, "--site-dir", str(temporary),
                               COMMAND[2]]).returncode
        if code == 0:
            if preview:
                from .preview import mark_online

                stats = mark_online(temporary)
                print(f"preview: {stats.pages:,} pages marked as a preview (noindex, banner) and robots.txt "
                      f"written in {stats.seconds:.1f} s", file=sys.stderr)
            write_mark(temporary, preview)
            old = site.with_name(f"{site.name}.old-{os.getpid()}")
            if site.exists():
                os.rename(site, old)
            os.rename(temporary, site)
            shutil.rmtree(old, ignore_errors=True)
        return code
    finally:
        shutil.rmtree(temporary, ignore_errors=True)   # a failed or interrupted build leaves nothing behind
