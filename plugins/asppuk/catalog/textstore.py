"""Markdown of descriptions and bios, converted once and kept between builds.

Python-Markdown takes about half a millisecond for a two-paragraph
description: at 10,000 products, with their producers and the English pages
that show the same text, that is some 30,000 conversions a build, most of
them of text that has not changed since the last one. :class:`TextStore`
keeps the HTML Markdown gave for each text in one SQLite file in the
catalogue's cache folder (read a row at a time: nothing is held in memory,
however large the catalogue), keyed by a hash of the text and of what shapes
Markdown's HTML (its version and extensions). What comes out of the file is
sanitised by nh3 before it is used, as a fresh conversion is (see
``text.render_markdown``): no file on disk reaches a page unsanitised.

The store is per process: the catalogue's helper process (which forks from
the build) opens its own connection. SQLite serialises the two writers.
Anything wrong with the file (another program's, damaged, a disk full) is
logged once and the build goes on converting, as it would without a store.
"""

from __future__ import annotations

import hashlib
import logging
import os
import sqlite3
from pathlib import Path

log = logging.getLogger("mkdocs.plugins.asppuk.catalog")

# Past this size the file is started afresh: texts that changed leave their
# old rows behind, and a cache is not an archive
MAX_BYTES = 256 * 2**20


class TextStore:
    def __init__(self, path: Path, signature: str):
        self.path = Path(path)
        self._seed = hashlib.blake2b(signature.encode() + b"\0", digest_size=20)
        self.hits = self.misses = 0
        self._db: sqlite3.Connection | None = None
        self._pid: int | None = None
        self._broken = False
        self._inherited: list[sqlite3.Connection] = []  # a parent's connection is never used, nor closed, after a fork

    def key(self, text: str) -> bytes:
        digest = self._seed.copy()
        digest.update(text.encode("utf-8", "surrogatepass"))
        return digest.digest()

    def get(self, key: bytes) -> str | None:
        db = self._connection()
        if db is None:
            return None
        try:
            row = db.execute("SELECT html FROM markdown WHERE key = ?", (key,)).fetchone()
        except sqlite3.Error as error:
            return self._fail(error)
        if row is None or not isinstance(row[0], str):
            self.misses += 1
            return None
        self.hits += 1
        return row[0]

    def put(self, key: bytes, html: str) -> None:
        db = self._connection()
        if db is None:
            return
        try:
            db.execute("INSERT OR REPLACE INTO markdown (key, html) VALUES (?, ?)", (key, html))
        except sqlite3.Error as error:
            self._fail(error)

    def close(self) -> None:
        if self._db is not None and self._pid == os.getpid():
            self._db.close()
        self._db = None

    def _connection(self) -> sqlite3.Connection | None:
        if self._broken:
            return None
        if self._db is not None and self._pid == os.getpid():
            return self._db
        if self._db is not None:  # forked: the parent's connection stays the parent's
            self._inherited.append(self._db)
            self._db = None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            if self.path.exists() and self.path.stat().st_size > MAX_BYTES:
                self.path.unlink()
            # autocommit, no fsync: a cache that loses its last rows in a
            # power cut only converts them again
            db = sqlite3.connect(self.path, timeout=60, isolation_level=None, check_same_thread=False)
            db.execute("PRAGMA journal_mode = WAL")
            db.execute("PRAGMA synchronous = OFF")
            db.execute("CREATE TABLE IF NOT EXISTS markdown (key BLOB PRIMARY KEY, html TEXT NOT NULL) WITHOUT ROWID")
        except (sqlite3.Error, OSError) as error:
            return self._fail(error)
        self._db, self._pid = db, os.getpid()
        return db

    def _fail(self, error: Exception) -> None:
        if not self._broken:
            # not a warning: the pages come out the same, and a strict build
            # must not fail over a cache
            log.info(f"cache of converted descriptions not used ({self.path}: {error}); they are converted "
                     "on every build until the file is deleted")
        self._broken = True
        return None
