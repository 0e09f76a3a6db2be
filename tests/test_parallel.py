"""Which process builds each catalogue page (asppuk.mkdocs_catalog.parallel.Claims).

The build itself is compared page by page with a one-process build in
tests/test_build.py (test_pages_built_by_the_helper_process_equal_a_single_process_build);
here: every page is built exactly once, whichever process gets there first.
"""

from __future__ import annotations

import json
import os

import pytest

from asppuk.mkdocs_catalog import parallel
from asppuk.mkdocs_catalog.parallel import Claims


def _claim_all(claims: Claims, keys: list[str]) -> list[str]:
    mine = []
    for key in keys:
        if claims.claim(key):
            mine.append(key)
            sum(range(300))  # a little work per page, as building one is
    return mine


def test_two_processes_claim_every_page_exactly_once(tmp_path):
    keys = [f"produk/j{i % 64}/p{i}.md" for i in range(20_000)]
    claims = Claims(keys)
    assert claims.dynamic
    ready_r, ready_w = os.pipe()
    pid = os.fork()
    if pid == 0:  # the helper
        code = 1
        try:
            claims.me = Claims.HELPER
            os.write(ready_w, b"x")
            mine = _claim_all(claims, keys)
            # asking again gives the same answer
            assert [k for k in keys if claims.claim(k)] == mine
            (tmp_path / "helper.json").write_text(json.dumps(mine))
            code = 0
        finally:
            os._exit(code)
    os.read(ready_r, 1)  # both start together
    parent = _claim_all(claims, keys)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    helper = json.loads((tmp_path / "helper.json").read_text())
    assert not set(parent) & set(helper)
    assert sorted(parent + helper) == sorted(keys)
    assert helper and parent  # both built some: the faster builds more
    assert [k for k in keys if claims.claim(k)] == parent


def test_a_page_nobody_shares_is_built_here():
    claims = Claims(["a.md"])
    assert claims.claim("index.md")
    assert claims.claim("a.md") and claims.claim("a.md")
    claims.me = Claims.HELPER
    assert not claims.claim("a.md")


def test_without_a_lock_across_processes_the_pages_are_dealt_in_advance(monkeypatch):
    def no_semaphores():
        raise OSError("no /dev/shm")

    monkeypatch.setattr(parallel.multiprocessing, "Lock", no_semaphores)
    keys = [f"p{i}.md" for i in range(10)]
    claims = Claims(keys)
    assert not claims.dynamic
    assert [k for k in keys if claims.claim(k)] == keys[0::2]
    claims.me = Claims.HELPER
    assert [k for k in keys if claims.claim(k)] == keys[1::2]


@pytest.mark.parametrize("count", [0, 1])
def test_few_pages(count):
    claims = Claims([f"p{i}.md" for i in range(count)])
    assert all(claims.claim(f"p{i}.md") for i in range(count))


class _Page:
    def __init__(self, uri: str):
        self.file = type("File", (), {"src_uri": uri})()


@pytest.mark.parametrize("how", ["raises", "killed"])
def test_a_helper_that_dies_before_its_pages_to_index_are_written_says_so(how):
    """Whoever waits for the pages to index (Pagefind) is woken, and told
    they were not all written; the build then fails with the reason."""
    first, then = [_Page(f"p{i}.md") for i in range(4)], [_Page("q.md")]

    def build(page):
        if page.file.src_uri == "p1.md":
            if how == "killed":  # as the kernel's OOM killer would
                os.kill(os.getpid(), 9)
            raise ValueError("a template failed")

    helper = parallel.Helper(first, then, build, Claims([p.file.src_uri for p in first + then]))
    helper.start()
    assert helper.ended_indexed.wait(60)
    assert not helper.wrote_indexed
    with pytest.raises(RuntimeError, match="a template failed" if how == "raises" else "stopped"):
        helper.finish()


def test_a_helper_that_writes_its_pages_to_index_says_so():
    first = [_Page(f"p{i}.md") for i in range(3)]
    helper = parallel.Helper(first, [], lambda page: None, Claims([p.file.src_uri for p in first]))
    helper.start()
    assert helper.ended_indexed.wait(60) and helper.wrote_indexed
    helper.finish()
    assert helper.built == 3  # this process claimed none first
