"""Render every product photo once, in parallel, and remember the results.

Outputs live in a content-addressed cache (``.cache/asppuk/images/``), keyed
by a hash of the source bytes and the settings: a warm build reads the
sources, hashes them, finds every entry and does no image work at all.
Entries that no build asked for are pruned. Cold renders run in a process
pool across all cores; workers write their files into the cache themselves,
so only small metadata crosses between processes.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path

from asppuk.filemodes import make_public
from asppuk.workers import process_pool

from .convert import WEBP_METHOD, ImageProblem, ImageSettings, render

PIPELINE_VERSION = "2"


@dataclass(frozen=True)
class VariantFile:
    format: str  # webp
    width: int
    height: int
    path: str  # absolute path of the cached file

    @property
    def mime(self) -> str:
        return "image/webp" if self.format == "webp" else "image/jpeg"


@dataclass
class Rendition:
    """One source photo, ready for a page: every variant and its size."""

    key: str
    variants: list[VariantFile]

    def of(self, fmt: str) -> list[VariantFile]:
        return sorted((v for v in self.variants if v.format == fmt), key=lambda v: v.width)

    @property
    def largest(self) -> VariantFile:
        return self.of("webp")[-1]

    def at_least(self, width: int) -> VariantFile:
        """The smallest variant at least ``width`` px wide (or the largest there is)."""
        return next((v for v in self.of("webp") if v.width >= width), self.largest)


@dataclass
class RunStats:
    sources: int = 0
    rendered: int = 0  # cold: image work done in this run
    cached: int = 0  # warm: found in the cache
    pruned: int = 0
    failed: int = 0
    seconds_rendering: float = 0.0


@dataclass
class ImageCache:
    root: Path
    settings: ImageSettings = field(default_factory=ImageSettings)

    def key(self, data: bytes) -> str:
        digest = hashlib.sha256()
        digest.update(f"{PIPELINE_VERSION};{self.settings.key()};webp-method={WEBP_METHOD}\n".encode())
        digest.update(data)
        return digest.hexdigest()

    def entry(self, key: str) -> Path:
        return self.root / key[:2] / key

    def lookup(self, key: str) -> Rendition | None:
        meta = self.entry(key) / "meta.json"
        try:
            variants = json.loads(meta.read_text("utf-8"))
        except (OSError, ValueError):
            return None
        files = [VariantFile(path=str(self.entry(key) / v.pop("name")), **v) for v in variants]
        if not all(os.path.exists(f.path) for f in files):
            return None
        return Rendition(key, files)

    def store(self, key: str, data: bytes) -> Rendition:
        """Render ``data`` into the cache (atomically: a half-written entry never counts)."""
        variants = render(data, self.settings)
        final = self.entry(key)
        final.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{key[:8]}-", dir=final.parent))
        meta = []
        for v in variants:
            name = f"{v.width}{v.suffix}"
            (staging / name).write_bytes(v.data)
            meta.append({"name": name, "format": v.format, "width": v.width, "height": v.height})
        (staging / "meta.json").write_text(json.dumps(meta), "utf-8")
        make_public(staging)  # the site links these files: their modes are the photos'
        try:
            os.rename(staging, final)
        except OSError:  # another process won the race: theirs is as good
            shutil.rmtree(staging, ignore_errors=True)
        found = self.lookup(key)
        assert found is not None
        return found

    def prune(self, keep: set[str]) -> int:
        removed = 0
        if not self.root.is_dir():
            return 0
        for bucket in self.root.iterdir():
            if not bucket.is_dir():
                continue
            for entry in bucket.iterdir():
                if entry.name not in keep:
                    shutil.rmtree(entry, ignore_errors=True)
                    removed += 1
        return removed


def _render_job(args: tuple[Path, str, str, ImageSettings]) -> tuple[str, dict | str]:
    source, key, root, settings = args
    cache = ImageCache(Path(root), settings)
    try:
        rendition = cache.store(key, source.read_bytes())
    except ImageProblem as problem:
        return str(source), str(problem)
    return str(source), asdict(rendition)


def process(
    sources: list[Path], cache: ImageCache, *, workers: int | None = None, prune: bool = True
) -> tuple[dict[Path, Rendition], dict[Path, str], RunStats]:
    """Renditions for ``sources`` and, separately, the sources that failed with why."""
    import time

    stats = RunStats(sources=len(sources))
    renditions: dict[Path, Rendition] = {}
    failures: dict[Path, str] = {}
    keys: dict[Path, str] = {}
    todo: list[tuple[Path, str, str, ImageSettings]] = []
    for source in dict.fromkeys(sources):  # same photo used twice: one job
        key = cache.key(source.read_bytes())
        keys[source] = key
        found = cache.lookup(key)
        if found is not None:
            renditions[source] = found
            stats.cached += 1
        else:
            todo.append((source, key, str(cache.root), cache.settings))
    if todo:
        started = time.perf_counter()
        if len(todo) == 1 or workers == 1:
            results = [_render_job(job) for job in todo]
        else:
            with process_pool(workers) as pool:
                results = list(pool.map(_render_job, todo))
        stats.seconds_rendering = time.perf_counter() - started
        for source_name, result in results:
            source = Path(source_name)
            if isinstance(result, str):
                failures[source] = result
                stats.failed += 1
            else:
                renditions[source] = Rendition(result["key"], [VariantFile(**v) for v in result["variants"]])
                stats.rendered += 1
    if prune:
        stats.pruned = cache.prune(set(keys.values()))
    return renditions, failures, stats
