"""What every ASPPUK plugin does with data problems.

``mkdocs build`` refuses to publish anything wrong: it stops with every
problem listed. ``mkdocs serve`` logs them and keeps serving the rest, so
staff can fix them while looking at the site.
"""

from __future__ import annotations

import logging

from mkdocs.exceptions import PluginError

from asppuk.catalog.problems import Problem, format_problems


def report_problems(problems: list[Problem], what: str, *, serving: bool, log: logging.Logger) -> None:
    """``what`` names the data in Indonesian, e.g. "Katalog produk"."""
    if not problems:
        return
    report = format_problems(problems)
    if not serving:
        raise PluginError(f"{what} tidak diterbitkan:\n{report}")
    for line in report.splitlines():
        log.error(line)
