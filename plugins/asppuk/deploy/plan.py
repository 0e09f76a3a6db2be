"""What a deploy has to do, decided before anything is sent.

Inputs: the built site (every file hashed: a build rewrites every page, so
times say nothing), the bucket's listing (key, ETag, size) and the manifest
the previous deploy left in the bucket (key -> MD5, size, headers and the
ETag the store gave back). An object counts as up to date only when the
manifest says it has the bytes and headers wanted *and* the listing still
shows the ETag the manifest recorded, so a file changed or removed by hand
in the bucket is noticed. ETags are compared with what the store returned,
never taken for an MD5 (multipart uploads and some encryption settings make
them something else). An object the manifest does not vouch for is checked
with one HEAD request (MD5 kept in its metadata, and its headers), so a lost
manifest or an interrupted deploy costs requests, not uploads.

No boto3 here: the plan is plain data, tested without a server.
"""

from __future__ import annotations

import hashlib
import os
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from ..build import MARK_NAME as BUILD_MARK
from . import kinds

MANIFEST_NAME = ".asppuk-deploy-manifest.json.gz"


@dataclass(frozen=True)
class LocalFile:
    path: str       # site-relative, with "/" (the key without the bucket prefix)
    source: Path
    md5: str
    size: int


@dataclass(frozen=True)
class Headers:
    content_type: str
    cache_control: str


@dataclass
class Entry:
    """What the manifest knows about one object in the bucket."""
    md5: str
    size: int
    content_type: str
    cache_control: str
    etag: str
    retired: float = 0.0   # when the site stopped having it (content-addressed files kept a while)

    def to_json(self) -> list:
        return [self.md5, self.size, self.content_type, self.cache_control, self.etag, self.retired]

    @classmethod
    def from_json(cls, row: list) -> Entry:
        return cls(*row)


@dataclass(frozen=True)
class Listed:
    etag: str
    size: int


@dataclass(frozen=True)
class Head:
    """What a HEAD request says about an object the manifest does not vouch for."""
    md5: str | None
    content_type: str
    cache_control: str
    etag: str
    size: int


@dataclass
class Upload:
    file: LocalFile
    headers: Headers
    phase: int
    reason: str   # new, changed, headers, missing (from the bucket), unverified


@dataclass
class Plan:
    uploads: list[Upload] = field(default_factory=list)
    deletions: list[str] = field(default_factory=list)          # site-relative paths
    kept: dict[str, Entry] = field(default_factory=dict)         # retired files not yet old enough to delete
    unchanged: dict[str, Entry] = field(default_factory=dict)    # manifest entries that stay as they are
    remote_count: int = 0                                        # objects in the bucket before the deploy
    remote_pages: int = 0                                        # HTML pages among them
    warnings: list[str] = field(default_factory=list)

    @property
    def upload_bytes(self) -> int:
        return sum(u.file.size for u in self.uploads)

    def by_phase(self) -> list[list[Upload]]:
        phases: list[list[Upload]] = [[] for _ in kinds.PHASES]
        for upload in self.uploads:
            phases[upload.phase].append(upload)
        return phases

    @property
    def delete_share(self) -> float:
        return len(self.deletions) / self.remote_count if self.remote_count else 0.0

    @property
    def deleted_pages(self) -> list[str]:
        return [path for path in self.deletions if kinds.is_page(path)]

    @property
    def page_delete_share(self) -> float:
        return len(self.deleted_pages) / self.remote_pages if self.remote_pages else 0.0


@dataclass
class Rules:
    cache_short: str = kinds.CACHE_SHORT
    cache_immutable: str = kinds.CACHE_IMMUTABLE
    keep_days: float = 7.0          # content-addressed files the site dropped stay this long
    directory_keys: bool = False    # also store dir/index.html under the key "dir/"

    def headers(self, path: str) -> Headers:
        return Headers(kinds.content_type(path), kinds.cache_control(path, self.cache_short, self.cache_immutable))


def _md5(path: Path) -> str:
    digest = hashlib.md5(usedforsecurity=False)
    with open(path, "rb") as f:
        while chunk := f.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def scan_site(site: Path, workers: int = 8, directory_keys: bool = False) -> dict[str, LocalFile]:
    """Every file of the built site, hashed on several threads (hashlib lets
    go of the GIL on large buffers, and reading is I/O)."""
    paths: list[Path] = []
    for folder, dirs, files in os.walk(site):
        dirs.sort()
        paths.extend(Path(folder, name) for name in sorted(files))
    paths = [path for path in paths if path != Path(site, BUILD_MARK)]   # the build's mark stays local

    def one(path: Path) -> LocalFile:
        return LocalFile(path.relative_to(site).as_posix(), path, _md5(path), path.stat().st_size)

    with ThreadPoolExecutor(max_workers=workers) as pool:
        files = {f.path: f for f in pool.map(one, paths, chunksize=64)}
    if directory_keys:
        # For stores that serve keys as they are (no index document): the
        # page of a directory URL "a/b/" is also stored under the key "a/b/"
        for path, file in list(files.items()):
            if path.endswith("/index.html") and path != "index.html":
                alias = path[: -len("index.html")]
                files[alias] = LocalFile(alias, file.source, file.md5, file.size)
    return files


def headers_for(path: str, rules: Rules) -> Headers:
    if path.endswith("/"):   # a directory key: the page it stands for
        return rules.headers(path + "index.html")
    return rules.headers(path)


def phase_for(path: str) -> int:
    return kinds.phase(path + "index.html" if path.endswith("/") else path)


def needs_head(local: dict[str, LocalFile], listing: dict[str, Listed], manifest: dict[str, Entry]) -> list[str]:
    """Objects present in both, that the manifest does not vouch for."""
    return [path for path in local if path in listing and not _vouched(manifest.get(path), listing[path])]


def _vouched(entry: Entry | None, listed: Listed) -> bool:
    return entry is not None and not entry.retired and entry.etag == listed.etag and entry.size == listed.size


def make_plan(
    local: dict[str, LocalFile],
    listing: dict[str, Listed],
    manifest: dict[str, Entry],
    rules: Rules,
    heads: dict[str, Head] | None = None,
    now: float | None = None,
) -> Plan:
    now = time.time() if now is None else now
    heads = heads or {}
    plan = Plan(remote_count=len(listing), remote_pages=sum(1 for path in listing if kinds.is_page(path)))
    for path, file in local.items():
        want = headers_for(path, rules)
        listed = listing.get(path)
        entry = manifest.get(path)
        reason = None
        if listed is None:
            reason = "new" if entry is None or entry.retired else "missing"
        elif _vouched(entry, listed):
            if entry.md5 != file.md5:
                reason = "changed"
                if kinds.is_immutable(path):
                    plan.warnings.append(
                        f"{path} is treated as content-addressed (cached for a year) but its content changed: "
                        "browsers and the CDN may keep the old one. Its name should change with its content "
                        "(asppuk/deploy/kinds.py, IMMUTABLE).")
            elif (entry.content_type, entry.cache_control) != (want.content_type, want.cache_control):
                reason = "headers"
            else:
                plan.unchanged[path] = entry
        else:
            head = heads.get(path)
            if (head is not None and head.md5 == file.md5 and head.size == file.size
                    and (head.content_type, head.cache_control) == (want.content_type, want.cache_control)):
                # the bucket already has it (an interrupted deploy, a lost manifest): adopt it
                plan.unchanged[path] = Entry(file.md5, file.size, want.content_type, want.cache_control, head.etag)
            else:
                reason = "unverified" if head is None else "changed"
        if reason:
            plan.uploads.append(Upload(file, want, phase_for(path), reason))

    keep_seconds = rules.keep_days * 86400
    for path, listed in listing.items():
        if path in local:
            continue
        entry = manifest.get(path)
        if keep_seconds > 0 and kinds.is_immutable(path) and entry is not None and entry.etag == listed.etag:
            # Pages cached before this deploy (browsers, the CDN, a tab left
            # open) may still ask for the photos and index files they name
            retired = entry.retired or now
            if now - retired < keep_seconds:
                plan.kept[path] = Entry(entry.md5, entry.size, entry.content_type, entry.cache_control,
                                        entry.etag, retired)
                continue
        plan.deletions.append(path)
    plan.deletions.sort()
    plan.uploads.sort(key=lambda u: (u.phase, u.file.path))
    return plan
