"""Worker processes for parallel work (parsing, photos, QR codes).

Workers start from a small server process ("forkserver"), not as forks of
the build: a fork shares the build's memory only until Python's garbage
collector touches it, so at 100,000 products each forked worker grew to the
size of the whole build (1.1 GB). A forkserver worker holds only what it
imports.
"""

from __future__ import annotations

import atexit
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor

# Pools kept for the whole process, by name (shared_pool)
_shared: dict[str, ProcessPoolExecutor] = {}


def process_pool(max_workers: int | None = None, *, nice: int = 0) -> ProcessPoolExecutor:
    """Workers on every core (or ``max_workers``); with ``nice``, at a lower
    priority than the process that asks, so its own work is not slowed."""
    return ProcessPoolExecutor(max_workers=max_workers, mp_context=multiprocessing.get_context("forkserver"),
                               initializer=os.nice if nice else None, initargs=(nice,) if nice else ())


def shared_pool(name: str) -> ProcessPoolExecutor:
    """One pool on every core for the whole process, by name: every page of a
    build, and serve's rebuilds, use the same workers."""
    pool = _shared.get(name)
    if pool is None:
        pool = _shared[name] = process_pool()
        atexit.register(pool.shutdown)
    return pool


def forget_shared_pools() -> None:
    """In a forked process: the parent's pools are the parent's (a process
    can only wait for its own children); new ones are made when asked."""
    _shared.clear()


def end_shared_pools() -> None:
    """Shut the process's pools down now (a process ending with ``os._exit``
    runs no atexit handler)."""
    for pool in _shared.values():
        pool.shutdown(wait=True)
    _shared.clear()
