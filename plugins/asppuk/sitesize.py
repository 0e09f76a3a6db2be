"""How big a built site is, by kind of file and by folder (no MkDocs import).

Used by the deploy job (a site over the host's limit fails before it is
uploaded, with the biggest folders named) and by ``make bench`` (output
size by kind). Sizes are what an upload sends: every path counts its full
size, even when it is a hard link to the build cache.
"""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

# GitHub Pages refuses to publish a site larger than this
GITHUB_PAGES_LIMIT = 2**30

# (label, test on the path relative to the site) in the order they are tried
KINDS: list[tuple[str, object]] = [
    ("preview cards", lambda p: p.startswith("assets/kartu/")),
    ("photos", lambda p: p.startswith("assets/foto/")),
    ("search index", lambda p: p.startswith("pagefind/")),
    ("HTML", lambda p: p.endswith(".html")),
    ("other", lambda p: True),
]


@dataclass
class SiteSize:
    total: int = 0
    files: int = 0
    by_kind: Counter = field(default_factory=Counter)
    files_by_kind: Counter = field(default_factory=Counter)
    by_suffix: Counter = field(default_factory=Counter)
    by_top: Counter = field(default_factory=Counter)  # first level: produk, assets, pagefind
    by_folder: Counter = field(default_factory=Counter)  # two levels deep: produk/sintang, assets/kartu

    def biggest_folders(self, count: int = 4, inside: int = 3) -> list[tuple[str, int]]:
        """The biggest top-level folders, each followed by its biggest folders."""
        out = []
        for top, n in self.by_top.most_common(count):
            out.append((top, n))
            # the folders inside that matter (a tenth of it or more)
            children = [(f, m) for f, m in self.by_folder.items() if f.startswith(top + "/") and m * 10 >= n]
            out.extend(sorted(children, key=lambda item: -item[1])[:inside])
        return out


def measure(site: Path) -> SiteSize:
    size = SiteSize()
    root = str(site)
    for folder, _dirs, names in os.walk(root):
        rel = os.path.relpath(folder, root)
        prefix = "" if rel == "." else rel.replace(os.sep, "/") + "/"
        parts = prefix.split("/")
        top = parts[0] or "(files at the top)"
        second = "/".join(parts[:2]) if len(parts) > 2 else None
        for name in names:
            path = prefix + name
            try:
                n = os.stat(os.path.join(folder, name)).st_size
            except OSError:
                continue
            size.total += n
            size.files += 1
            kind = next(label for label, test in KINDS if test(path))
            size.by_kind[kind] += n
            size.files_by_kind[kind] += 1
            size.by_suffix[os.path.splitext(name)[1].lower() or "(none)"] += n
            size.by_top[top] += n
            if second:
                size.by_folder[second] += n
    return size


def human(n: float) -> str:
    if n >= 2**30:
        return f"{n / 2**30:.2f} GB"
    if n >= 2**20:
        return f"{n / 2**20:.{1 if n < 10 * 2**20 else 0}f} MB"
    if n >= 1024:
        return f"{n / 1024:.0f} KB"
    return f"{n:.0f} B"


def report(size: SiteSize) -> list[str]:
    """Lines for people: size by kind, then the biggest file kinds."""
    lines = [f"total {human(size.total)} in {size.files:,} files"]
    for label, _ in KINDS:
        if size.by_kind[label]:
            lines.append(f"  {label:<14} {human(size.by_kind[label]):>9}  ({size.files_by_kind[label]:,} files)")
    kinds = ", ".join(f"{suffix} {human(n)}" for suffix, n in size.by_suffix.most_common(5))
    lines.append(f"  largest file kinds: {kinds}")
    return lines


def over_limit_message(size: SiteSize, limit: int, alternative: str) -> str:
    folders = "\n".join(f"  {human(n):>9}  {'  ' * folder.count('/')}{folder}/" for folder, n in size.biggest_folders())
    return (
        f"The built site is {human(size.total)} ({size.total:,} bytes), over the host's limit of {human(limit)}: "
        f"GitHub Pages would refuse it.\n"
        f"Biggest folders:\n{folders}\n"
        + "\n".join(report(size)[1:]) + "\n"
        f"Where to go next: {alternative}"
    )
