"""A second process that builds catalogue pages while MkDocs builds the rest.

MkDocs renders pages one after another on one core. Catalogue pages are
most of a large site, and each is rendered from its page spec and the
shared template environment only, so half of them can be rendered at the
same time on the second core, by MkDocs' own page builder in a forked copy
of the build: same configuration, navigation, templates and plugins, so the
same bytes (``tests/test_tricks.py`` compares every page with a build that
does not split). ``parallel_pages: -1`` switches it off.

- The helper starts once every plugin's ``on_env`` has run: all data is
  loaded and the environment is final; it builds pages while the parent
  copies the static files (10,000 cards) and writes the sitemap and the
  404 page.
- Both processes go through the catalogue pages in the same order (the
  pages to index first), and each page is built by the process that
  reaches it first (:class:`Claims`): the faster one builds more, so both
  finish together. A fixed half each left the parent, which also builds
  every other page and waits on Pagefind, 4 s behind the helper at 10,000
  products.
- The helper writes its pages to index, says so (Pagefind starts once all
  of them are there), writes the others, reports its warnings (a strict
  build counts them) and exits. In the parent, a page the helper has
  claimed renders nothing, so MkDocs writes nothing for it.
- What it needs of other plugins goes through declared contracts: the
  search index says which pages it indexes and waits for the helper's
  (``contracts.PageIndexer``); plugins that collect problems while pages
  render hand theirs over (``contracts.PageProblemCollector``).
- If the helper fails, for any reason, the parent builds every page it had
  claimed, in full, after its own (:class:`SplitBuild`; logged once): the
  same site a build without a helper writes (``tests/test_tricks.py``).
- The fork shares the build's memory until either process writes to it;
  ``gc.freeze()`` (in both, until the helper is done) keeps the garbage
  collector from writing to every object, but reference counts still copy
  what the pages touch: at 100,000 products parent and helper each held
  about 1.2 GB. So the helper is used up to ``parallel_max_pages``
  (40,000) catalogue pages; larger sites build in one process.
"""

from __future__ import annotations

import gc
import json
import logging
import multiprocessing
import os
import signal
import sys
import threading
import traceback
from collections.abc import Callable

from asppuk.workers import end_shared_pools, forget_shared_pools

from .internals import own_forkserver

log = logging.getLogger("mkdocs.plugins.asppuk.catalog")


class _Collect(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[tuple[int, str]] = []

    def emit(self, record):
        self.messages.append((record.levelno, record.getMessage()))


class Claims:
    """Which process builds each page: the first to claim it.

    One byte per page in memory shared with the fork (0: nobody yet,
    1: the parent, 2: the helper), set under a lock that works across the
    fork. A page is claimed once and for all: whoever asks again gets the
    same answer. Where no such lock can be made (no ``/dev/shm``), the pages
    are dealt alternately in advance, and nothing is claimed while building."""

    PARENT, HELPER = 1, 2

    def __init__(self, keys: list[str]):
        self._index = {key: number for number, key in enumerate(keys)}
        try:
            self._owner = multiprocessing.RawArray("b", max(len(keys), 1))
            self._lock = multiprocessing.Lock()
        except (OSError, ImportError):  # a host without shared memory or POSIX semaphores
            self._owner, self._lock = bytearray(max(len(keys), 1)), None
            for number in range(len(keys)):
                self._owner[number] = self.HELPER if number % 2 else self.PARENT
        self.me = self.PARENT

    @property
    def dynamic(self) -> bool:
        return self._lock is not None

    def helpers(self) -> set[str]:
        """The keys the helper has claimed."""
        return {key for key, number in self._index.items() if self._owner[number] == self.HELPER}

    def claim(self, key: str) -> bool:
        """Does this process build ``key``? (A key that is not shared: yes.)"""
        number = self._index.get(key)
        if number is None:
            return True
        owner = self._owner[number]
        if not owner:
            with self._lock:
                owner = self._owner[number]
                if not owner:
                    owner = self._owner[number] = self.me
        return owner == self.me


class Helper:
    """A forked process that goes through ``first`` (pages to index), then
    ``then``, and builds the pages it claims before the parent does."""

    def __init__(self, first: list, then: list, build: Callable[[object], None], claims: Claims,
                 collectors: list | None = None, announce: Callable[[], None] | None = None):
        self.first, self.then, self.build = first, then, build
        self.announce = announce  # called once the helper has written its pages to index
        self.claims = claims
        self.built = 0  # pages the helper built (known once it has finished)
        # Plugins that collect problems while pages are built and report them
        # at the end of the build (contracts.PageProblemCollector): what the
        # helper's pages add is handed back to the parent's
        self.collectors = [(collector, len(collector.page_problems())) for collector in (collectors or [])]
        self.pid: int | None = None
        self.ended_indexed = threading.Event()  # the helper has written its pages to index, or has died
        self.wrote_indexed = False  # ... and it has written them all
        self._reader: threading.Thread | None = None
        self._report: dict = {}

    def start(self) -> None:
        for stream in (sys.stdout, sys.stderr):
            stream.flush()
        read, write = os.pipe()
        gc.collect()
        gc.freeze()  # the catalogue stays shared: the collector never writes to it
        pid = os.fork()
        if pid == 0:
            os.close(read)
            self._child(write)  # never returns
        os.close(write)
        self.pid = pid
        self._reader = threading.Thread(target=self._read, args=(read,), daemon=True)
        self._reader.start()

    def _child(self, fd: int) -> None:
        code = 1
        out = os.fdopen(fd, "w", buffering=1)
        try:
            own_forkserver()  # the helper's worker pools (QR codes) are its own
            forget_shared_pools()
            collect = _Collect()
            mkdocs_log = logging.getLogger("mkdocs")
            for handler in list(mkdocs_log.handlers):  # the parent prints what the helper reports
                mkdocs_log.removeHandler(handler)
            mkdocs_log.addHandler(collect)
            self.claims.me = Claims.HELPER
            built = 0
            for pages in (self.first, self.then):
                for page in pages:
                    if self.claims.claim(page.file.src_uri):
                        self.build(page)
                        built += 1
                if pages is self.first:
                    out.write("indexed\n")
            end_shared_pools()
            problems = [[[p.path, p.line, p.message] for p in collector.page_problems()[mark:]]
                        for collector, mark in self.collectors]
            out.write(json.dumps({"warnings": collect.messages, "problems": problems,
                                  "pages": built}) + "\n")
            code = 0
        except BaseException:  # noqa: BLE001 - reported to the parent, which fails the build
            try:
                out.write(json.dumps({"error": traceback.format_exc()}) + "\n")
            except BaseException:  # noqa: BLE001
                pass
            try:
                end_shared_pools()
            except BaseException:  # noqa: BLE001
                pass
        finally:
            try:
                out.flush()
            finally:
                os._exit(code)  # no atexit handlers, no inherited buffers flushed twice

    def _read(self, fd: int) -> None:
        with os.fdopen(fd, "r") as lines:
            for line in lines:
                if line == "indexed\n":
                    self.wrote_indexed = True
                    self.ended_indexed.set()
                    if self.announce is not None:
                        self.announce()
                else:
                    self._report = json.loads(line)
        self.ended_indexed.set()  # also when the helper died: the parent must not wait forever

    def finish(self) -> None:
        """Wait for the helper; re-log its warnings; raise if it failed."""
        if self.pid is None:
            return
        self._reader.join()
        _, status = os.waitpid(self.pid, 0)
        self.pid = None
        gc.unfreeze()  # frozen until now in this process too: its collector would have copied the shared pages
        if "error" in self._report:
            raise RuntimeError(f"building catalogue pages in the helper process failed:\n{self._report['error']}")
        if os.waitstatus_to_exitcode(status) != 0:
            raise RuntimeError(f"the helper process that builds catalogue pages stopped (status {status})")
        # it succeeded: its warnings and problems are this build's (on failure,
        # its pages are built again here, and say theirs again)
        self.built = self._report.get("pages", 0)
        for level, message in self._report.get("warnings", []):
            log.log(level, message)
        for (collector, _), found in zip(self.collectors, self._report.get("problems", []), strict=False):
            collector.add_page_problems([type_of_problem()(*item) for item in found])

    def stop(self) -> None:
        """The build failed: end the helper now."""
        if self.pid is None:
            return
        try:
            os.kill(self.pid, signal.SIGTERM)
            os.waitpid(self.pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass
        self.pid = None
        gc.unfreeze()
        self.ended_indexed.set()


def type_of_problem():
    from asppuk.datafiles.problems import Problem

    return Problem


def in_order(pages: list, indexed: Callable[[object], bool]) -> tuple[list, list]:
    """(pages to index, other pages), each in build order: the order in
    which both processes go through them."""
    return [p for p in pages if indexed(p)], [p for p in pages if not indexed(p)]


class SplitBuild:
    """The build's side of the helper: which pages it shares, which are the
    helper's, and the fallback. If the helper fails, for whatever reason,
    this process builds every page the helper had claimed (said once), as a
    build without a helper would: the same pages, problems and warnings."""

    def __init__(self):
        self.helper: Helper | None = None
        self.shared = 0
        self.ready = threading.Event()  # the pages to index are written, or never will be
        self.complete = False  # ... and they all are (by either process)
        self._build: Callable[[object], None] | None = None
        self._render: Callable[[object], bytes] | None = None
        self._group: Callable[[object], object] | None = None

    def start(self, pages: list, build: Callable[[object], None], indexed: Callable[[object], bool],
              collectors: list, render: Callable[[object], bytes], group: Callable[[object], object]) -> None:
        """``build`` builds and writes a page, ``render`` gives what it
        would write; the helper's first page of each ``group`` (kind and
        folder) is checked against it."""
        first, then = in_order(pages, indexed)
        claims = Claims([page.file.src_uri for page in first + then])
        self.ready, self.complete = threading.Event(), False
        helper = Helper(first, then, build, claims, collectors=collectors, announce=self._indexed)
        helper.start()
        # From here on, in this process: a page the helper claimed first renders nothing
        self.helper, self.shared, self._build = helper, len(pages), build
        self._render, self._group = render, group
        logging.getLogger("mkdocs.commands.build").addFilter(self._quiet)

    def _indexed(self) -> None:
        self.complete = True
        self.ready.set()

    def built_elsewhere(self, src_uri: str) -> bool:
        """Is this page the helper process's? The first to ask about a shared
        page claims it (:class:`Claims`); asking again gives the same answer."""
        helper = self.helper
        return helper is not None and not helper.claims.claim(src_uri)

    def _quiet(self, record) -> bool:
        """MkDocs says 'Page skipped' for each page the helper builds: it is not."""
        message = str(record.msg)
        return not (message.startswith("Page skipped: '") and self.built_elsewhere(message.split("'")[1]))

    def end(self, failed: bool) -> None:
        helper, self.helper = self.helper, None
        logging.getLogger("mkdocs.commands.build").removeFilter(self._quiet)
        if helper is None:
            return
        if failed:
            helper.stop()
            self.ready.set()
            return
        try:
            helper.finish()
            different = self._check(helper)
            if different is not None:
                raise RuntimeError(f"{different} came out different from a build in this process")
        except Exception as error:  # noqa: BLE001 - whatever failed: the plain path
            claimed = helper.claims.helpers()
            pages = [page for page in helper.first + helper.then if page.file.src_uri in claimed]
            reason = str(error).strip().splitlines()[-1]
            log.info(f"catalogue pages: the second process failed ({reason}); its {len(pages):,} pages "
                     f"are built in this process")
            for page in pages:  # the helper is gone: each renders here in full
                self._build(page)
        else:
            log.info(f"catalogue pages: {helper.built:,} of {self.shared:,} built by a second process"
                     f"{'' if helper.claims.dynamic else ' (dealt in advance)'}")
        self.complete = True
        self.ready.set()

    def _check(self, helper: Helper) -> str | None:
        """Live: the helper's first page of each kind and folder, as it wrote
        it, against what this process gives for it (not written: Pagefind
        may be reading it). The URL of the first that differs, or None."""
        claimed = helper.claims.helpers()
        seen = set()
        for page in helper.first + helper.then:
            if page.file.src_uri not in claimed:
                continue
            group = self._group(page)
            if group in seen:
                continue
            seen.add(group)
            with open(page.file.abs_dest_path, "rb") as written:
                if written.read() != self._render(page):
                    return page.url
        return None
