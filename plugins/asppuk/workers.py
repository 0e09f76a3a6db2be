"""Worker processes for parallel work (parsing, photos, QR codes).

Workers start from a small server process ("forkserver"), not as forks of
the build: a fork shares the build's memory only until Python's garbage
collector touches it, so at 100,000 products each forked worker grew to the
size of the whole build (1.1 GB). A forkserver worker holds only what it
imports.
"""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor


def process_pool(max_workers: int | None = None, *, nice: int = 0) -> ProcessPoolExecutor:
    """Workers on every core (or ``max_workers``); with ``nice``, at a lower
    priority than the process that asks, so its own work is not slowed."""
    return ProcessPoolExecutor(max_workers=max_workers, mp_context=multiprocessing.get_context("forkserver"),
                               initializer=os.nice if nice else None, initargs=(nice,) if nice else ())
