"""What staff give the ``make new-*`` commands: arguments as the Makefile hands
them over, and answers asked again until they are fit.

The Makefile never puts ``ARGS`` on a command line (the shell would run
backticks and ``$(…)`` in a title, and expand ``$5``): it passes the text in
the environment variable ``ASPPUK_ARGS``, split here as a shell would split
it, quotes and all, but without running or expanding anything.
"""

from __future__ import annotations

import argparse
import os
import shlex
import sys
from collections.abc import Callable
from typing import TypeVar

from .scaffold import ScaffoldError

T = TypeVar("T")


def arguments(argv: list[str] | None = None) -> list[str]:
    """``argv``, else the script's own arguments, else ``ASPPUK_ARGS`` from make."""
    if argv is not None:
        return argv
    if len(sys.argv) > 1:
        return sys.argv[1:]
    try:
        return shlex.split(os.environ.get("ASPPUK_ARGS", ""))
    except ValueError:  # "No closing quotation", or a lone backslash at the end
        raise ScaffoldError("ARGS tidak dapat dibaca: ada tanda kutip yang tidak ditutup (atau \\ di akhir). Tutup "
                            "setiap tanda kutip, misalnya ARGS='--title \"Harga cabai naik\"', atau jalankan tanpa "
                            "ARGS: pertanyaannya akan diajukan satu per satu.") from None


class Parser(argparse.ArgumentParser):
    """argparse with its complaint in Indonesian, raised as a ScaffoldError."""

    def error(self, message):
        options = ", ".join(a.option_strings[0] for a in self._actions if a.option_strings and a.dest != "help")
        raise ScaffoldError(f"perintah tidak dapat dibaca ({message}). Pilihan yang ada: {options}.")


def interactive() -> bool:
    """Whether someone can answer questions (a terminal, not a pipe or CI)."""
    return sys.stdin.isatty()


def ask(label: str, given: str | None, check: Callable[[str], T], default: str | None = None) -> T:
    """``given`` (from the command line) or the answer to ``label``, checked by
    ``check``, which raises ScaffoldError for what ``make check`` would refuse.

    In a terminal a wrong value gets its message and the question again;
    otherwise the ScaffoldError stops the command."""
    value = given
    while True:
        if value is None:
            if not interactive():
                raise ScaffoldError(f"{label} belum diisi (jalankan dengan --help untuk pilihannya).")
            value = input(f"{label}{f' [{default}]' if default else ''}: ").strip() or (default or "")
        try:
            return check(value)
        except ScaffoldError as error:
            if not interactive():
                raise
            print(f"{error}", file=sys.stderr)
            value = None
