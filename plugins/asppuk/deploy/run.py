"""A deploy from start to end: plan, check, upload in order, delete, record.

1. hash the built site; read the manifest; list the bucket (in parallel);
   HEAD the objects the manifest does not vouch for;
2. refuse, before anything is sent, a deploy that would delete more than
   ``max_delete_share`` of the bucket's objects or ``max_delete_page_share``
   of its HTML pages (unless forced): a site that lost most of its pages
   still has most of its assets, so objects alone do not show it;
3. upload in phases, each finished before the next starts: content-addressed
   files, other assets, pages, then the files that list pages (sitemap,
   feeds, Pagefind's entry, exports). A visitor meets either the old page
   or the new page with everything it needs;
4. delete what the site no longer has (content-addressed files only once
   they have been out of the site for ``keep_days``: pages cached before the
   deploy still name them);
5. write the manifest, also after a failure, so that the next run sends
   only what is still missing.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import FIRST_EXCEPTION, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from botocore.exceptions import BotoCoreError, ClientError

from ..build import is_preview, mark_problem
from . import kinds
from .plan import MANIFEST_NAME, Entry, Plan, Rules, Upload, make_plan, needs_head, scan_site
from .store import DeployError, Store, Target


@dataclass
class DeployOptions:
    workers: int = 16
    max_delete_share: float = 0.25   # refuse to delete more than this share of the bucket...
    max_delete_page_share: float = 0.10   # ...or of its HTML pages...
    force: bool = False              # ...unless forced
    dry_run: bool = False
    keep_days: float = 7.0
    cache_short: str = kinds.CACHE_SHORT
    cache_immutable: str = kinds.CACHE_IMMUTABLE
    directory_keys: bool = False
    retries: int = 5                 # attempts per request (botocore's standard retry mode)
    preview: bool = False            # publishing a preview (make build PREVIEW=1), not the site

    def rules(self) -> Rules:
        return Rules(self.cache_short, self.cache_immutable, self.keep_days, self.directory_keys)


@dataclass
class DeployResult:
    plan: Plan
    uploaded_paths: list[str] = field(default_factory=list)
    deleted_paths: list[str] = field(default_factory=list)
    plan_seconds: float = 0.0
    seconds: float = 0.0
    timings: dict[str, float] = field(default_factory=dict)   # seconds of each step of the plan

    @property
    def uploaded(self) -> int:
        return len(self.uploaded_paths)

    @property
    def uploaded_bytes(self) -> int:
        done = set(self.uploaded_paths)
        return sum(u.file.size for u in self.plan.uploads if u.file.path in done)

    @property
    def deleted(self) -> int:
        return len(self.deleted_paths)

    @property
    def unchanged(self) -> int:
        return len(self.plan.unchanged)

    def uploaded_kinds(self) -> Counter:
        return Counter(kinds.kind_label(p) if not p.endswith("/") else "dir" for p in self.uploaded_paths)


def _size(n: int) -> str:
    for unit in ("bytes", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:,} {unit}" if unit == "bytes" else f"{n:,.1f} {unit}"
        n /= 1024
    return str(n)


def check_site(site: Path, preview: bool = False) -> None:
    if not site.is_dir():
        raise DeployError(f"There is no built site at {site}: run `make build` first (`make deploy` does it).")
    if not (site / "index.html").is_file():
        raise DeployError(f"{site} has no index.html, so it is not a built site: run `make build` first.")
    if not (site / "404.html").is_file():
        raise DeployError(f"{site} has no 404.html: was it built by `make build`? Hosts serve it for missing pages.")
    problem = mark_problem(site)
    if problem:
        raise DeployError(f"{problem}. Nothing was sent: run `make build` (`make deploy` does it first); only a "
                          "site a strict build finished is published.")
    # A preview carries noindex on every page: published as the site, search
    # engines would drop the whole site; the site published as a preview
    # would be indexed at the preview's address
    if is_preview(site) and not preview:
        raise DeployError(f"{site} was built as a preview (`make build PREVIEW=1`: noindex on every page, a "
                          "banner): it is never published as the site. Nothing was sent: run `make build`, or "
                          "deploy it as a preview (`make deploy PREVIEW=1`).")
    if preview and not is_preview(site):
        raise DeployError(f"{site} is not a preview build: a preview is built with `make build PREVIEW=1` (noindex "
                          "on every page). Nothing was sent.")


def deploy(site: Path, target: Target, options: DeployOptions | None = None, *,
           out: Callable[[str], None] = print, store: Store | None = None, now: float | None = None) -> DeployResult:
    options = options or DeployOptions()
    rules = options.rules()
    site = Path(site)
    check_site(site, options.preview)
    started = time.perf_counter()
    store = store or Store(target, workers=options.workers, retries=options.retries)
    store.check_bucket()

    timings: dict[str, float] = {}

    def timed(name, function, *args):
        t = time.perf_counter()
        value = function(*args)
        timings[name] = time.perf_counter() - t
        return value

    local = timed("hashing", scan_site, site, min(8, options.workers), options.directory_keys)
    manifest = timed("manifest", store.read_manifest)
    if manifest is None:
        manifest = {}
        out(f"No deploy manifest in {target.where}: this is a first deploy, or every object already there "
            "is checked once (one HEAD request each).")
    listing = timed("listing", store.list, sorted(set(local) | set(manifest)))
    unvouched = needs_head(local, listing, manifest)
    heads = timed("HEAD", store.heads, unvouched)
    plan = make_plan(local, listing, manifest, rules, heads, now=now)
    result = DeployResult(plan, plan_seconds=time.perf_counter() - started, timings=timings)

    out(f"Site: {len(local):,} files, {_size(sum(f.size for f in local.values()))}. "
        f"Bucket {target.where}: {len(listing):,} objects"
        + (f", {len(unvouched):,} checked by HEAD" if unvouched else "") + ". "
        f"Planned in {result.plan_seconds:.1f} s ("
        + ", ".join(f"{name} {seconds:.1f} s" for name, seconds in timings.items()) + ").")
    out(f"Plan: upload {len(plan.uploads):,} files ({_size(plan.upload_bytes)}), "
        f"delete {len(plan.deletions):,}, {len(plan.unchanged):,} unchanged"
        + (f", {len(plan.kept):,} old content-addressed files kept for pages cached before this deploy"
           if plan.kept else "") + ".")
    reasons = Counter(u.reason for u in plan.uploads)
    if reasons:
        out("  uploads: " + ", ".join(f"{n:,} {reason}" for reason, n in sorted(reasons.items())))
    for warning in plan.warnings:
        out(f"WARNING: {warning}")

    too_many, first = [], plan.deletions
    if plan.deletions and plan.delete_share > options.max_delete_share:
        too_many.append(f"{len(plan.deletions):,} of the {plan.remote_count:,} files in {target.where} "
                        f"({plan.delete_share:.0%}; the limit, max_delete_share, is {options.max_delete_share:.0%})")
    if plan.deleted_pages and plan.page_delete_share > options.max_delete_page_share:
        first = plan.deleted_pages
        too_many.append(f"{len(first):,} of the {plan.remote_pages:,} published HTML pages "
                        f"({plan.page_delete_share:.0%}; the limit, max_delete_page_share, is "
                        f"{options.max_delete_page_share:.0%})")
    if too_many:
        message = f"This deploy would delete {' and '.join(too_many)}. First of them: {', '.join(first[:5])}. "
        if not options.force:
            raise DeployError(message + "Nothing was changed. If the site really lost that much (a JarPUK "
                              "removed, the prefix changed), run `make deploy FORCE=1`; otherwise check that "
                              "site/ is the complete build and that bucket and prefix are right.")
        out("WARNING: " + message + "Going ahead: forced.")

    if options.dry_run:
        shown = 200
        for upload in plan.uploads[:shown]:
            out(f"  would upload {upload.file.path} ({upload.reason}, {upload.headers.content_type}, "
                f"{upload.headers.cache_control})")
        if len(plan.uploads) > shown:
            out(f"  ... and {len(plan.uploads) - shown:,} more uploads")
        for path in plan.deletions[:shown]:
            out(f"  would delete {path}")
        if len(plan.deletions) > shown:
            out(f"  ... and {len(plan.deletions) - shown:,} more deletions")
        out("Dry run: nothing was changed.")
        result.seconds = time.perf_counter() - started
        return result

    entries: dict[str, Entry] = dict(plan.unchanged)
    entries.update(plan.kept)
    # until a file is uploaded, the bucket still has the version the manifest describes
    entries.update({u.file.path: manifest[u.file.path] for u in plan.uploads
                    if u.file.path in manifest and u.file.path in listing and not manifest[u.file.path].retired})
    # objects the plan leaves alone keep their manifest rows until deleted
    pending_deletions = {p: manifest[p] for p in plan.deletions if p in manifest}
    stamp = datetime.now(UTC).isoformat(timespec="seconds")
    finished = False
    try:
        for number, uploads in enumerate(plan.by_phase()):
            if not uploads:
                continue
            t = time.perf_counter()
            _upload_all(store, uploads, entries, result, options.workers)
            out(f"{number + 1}/{len(kinds.PHASES)} {kinds.PHASES[number]}: {len(uploads):,} uploaded "
                f"({_size(sum(u.file.size for u in uploads))}, {time.perf_counter() - t:.1f} s)")
        if plan.deletions:
            failed = set(store.delete(plan.deletions))
            result.deleted_paths = [p for p in plan.deletions if p not in failed]
            out(f"deleted {len(result.deleted_paths):,} files the site no longer has"
                + (f"; {len(failed):,} could not be deleted (first: {min(failed)}), tried again next time"
                   if failed else ""))
        finished = True
    except _UploadFailed as failure:
        raise DeployError(
            f"{failure.count:,} of {failure.total:,} uploads of the phase `{failure.phase}` failed "
            f"(first: {failure.path}: {failure.reason}). {result.uploaded:,} files were uploaded, nothing "
            "was deleted, and the pages not uploaded yet are still the previous version. Run `make deploy` "
            "again: what is already in the bucket is not sent twice.") from None
    finally:
        # Also after a failure or an interruption: the manifest records what
        # did arrive, so that the next deploy sends only the rest
        deleted = set(result.deleted_paths)
        entries.update({p: e for p, e in pending_deletions.items() if p not in deleted})
        try:
            store.write_manifest(entries, stamp)
        except DeployError:
            if finished:
                raise
    result.seconds = time.perf_counter() - started
    out(f"Done in {result.seconds:.1f} s: {result.uploaded:,} files uploaded ({_size(result.uploaded_bytes)}), "
        f"{result.deleted:,} deleted.")
    return result


def remove_prefix(target: Target, options: DeployOptions | None = None, *, out: Callable[[str], None] = print,
                  store: Store | None = None) -> int:
    """Delete every object under ``target.prefix`` (a preview whose pull
    request closed); returns how many. ``make deploy`` cannot do this: it
    deletes only what a built site lacks, and never most of a bucket.

    Refused: an empty prefix (the whole bucket), and a prefix holding objects
    but no deploy manifest (not a site ``make deploy`` published) unless
    ``force``. The listing is of ``prefix`` with its closing slash, so
    ``pratinjau/pr-1/`` never reaches ``pratinjau/pr-10/``. The manifest is
    deleted last: a removal cut off halfway can be run again."""
    options = options or DeployOptions()
    if not target.prefix:
        raise DeployError("No prefix to remove: removing the bucket's root would delete the whole bucket, which "
                          "this command never does. Name the folder, e.g. `--remove-prefix pratinjau/pr-12/`.")
    store = store or Store(target, workers=options.workers, retries=options.retries)
    store.check_bucket()
    listing = store.list([])   # every object under the prefix but the manifest
    try:
        manifest = store.head(MANIFEST_NAME) is not None
    except (BotoCoreError, ClientError) as error:
        raise store.explain(error) from None
    if not listing and not manifest:
        out(f"Nothing to remove: there is no object under {target.where}.")
        return 0
    size = sum(item.size for item in listing.values())
    if not manifest and not options.force:
        raise DeployError(f"{target.where} holds {len(listing):,} objects but no deploy manifest ({MANIFEST_NAME}): "
                          "it is not a site `make deploy` published there. Nothing was deleted. Check the prefix; "
                          "if everything under it must go, add --force.")
    paths = sorted(listing)
    if options.dry_run:
        for path in paths[:200]:
            out(f"  would delete {path}")
        if len(paths) > 200:
            out(f"  ... and {len(paths) - 200:,} more")
        out(f"Dry run: {len(paths):,} objects ({_size(size)}) under {target.where} would be deleted; nothing was "
            "changed.")
        return 0
    started = time.perf_counter()
    failed = store.delete(paths)
    if failed:
        raise DeployError(f"{len(failed):,} of {len(paths):,} objects under {target.where} could not be deleted "
                          f"(first: {min(failed)}); the manifest is kept. Run the removal again.")
    if manifest:
        failed = store.delete([MANIFEST_NAME])
        if failed:
            raise DeployError(f"The deploy manifest under {target.where} could not be deleted: run the removal "
                              "again.")
    out(f"Removed {len(paths) + manifest:,} objects ({_size(size)}) from {target.where} in "
        f"{time.perf_counter() - started:.1f} s.")
    return len(paths) + manifest


class _UploadFailed(Exception):
    def __init__(self, phase: str, path: str, reason: str, count: int, total: int):
        super().__init__(f"{path}: {reason}")
        self.phase, self.path, self.reason, self.count, self.total = phase, path, reason, count, total


def _upload_all(store: Store, uploads: list[Upload], entries: dict[str, Entry], result: DeployResult,
                workers: int) -> None:
    """Upload one phase on a thread pool; every file is tried, then a failure stops the deploy."""
    failures: list[tuple[str, str]] = []

    def one(upload: Upload) -> None:
        try:
            etag = store.put(upload.file, upload.headers)
        except (BotoCoreError, ClientError, OSError) as error:
            reason = str(store.explain(error)) if isinstance(error, (BotoCoreError, ClientError)) else str(error)
            failures.append((upload.file.path, reason))
            return
        entries[upload.file.path] = Entry(upload.file.md5, upload.file.size, upload.headers.content_type,
                                          upload.headers.cache_control, etag)
        result.uploaded_paths.append(upload.file.path)

    with ThreadPoolExecutor(max_workers=workers) as pool:
        done, _ = wait([pool.submit(one, u) for u in uploads], return_when=FIRST_EXCEPTION)
        for future in done:
            future.result()
    if failures:
        path, reason = failures[0]
        raise _UploadFailed(kinds.PHASES[uploads[0].phase], path, reason, len(failures), len(uploads))
