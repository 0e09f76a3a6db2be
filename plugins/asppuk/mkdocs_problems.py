"""What every ASPPUK plugin does with data problems.

``mkdocs build`` refuses to publish anything wrong: it stops with every
problem listed. ``mkdocs serve`` logs them and keeps serving the rest, so
staff can fix them while looking at the site; the catalogue home shows
every problem of the build being served (catalogue, stories, news, pages).
"""

from __future__ import annotations

import logging

from mkdocs.exceptions import PluginError

from asppuk.datafiles.problems import Problem, format_problems

# Problems of the build being served: one build runs at a time in a process
_served: list[Problem] = []


def report_problems(problems: list[Problem], what: str, *, serving: bool, log: logging.Logger) -> None:
    """``what`` names the data in Indonesian, e.g. "Katalog produk"."""
    if not problems:
        return
    report = format_problems(problems)
    if not serving:
        raise PluginError(f"{what} tidak diterbitkan:\n{report}")
    _served.extend(problems)
    for line in report.splitlines():
        log.error(line)


def start_build() -> None:
    """Forget the problems of the previous build (``on_pre_build``)."""
    _served.clear()


def served_problems() -> list[Problem]:
    """Every problem reported so far in this build, in file order."""
    return sorted(set(_served))
