"""When each page's content last changed: the sitemap's ``lastmod``.

A ``lastmod`` that is the build date on every page (MkDocs' default) tells a
search engine nothing, and one that changes on every build teaches it to
ignore the field. The dates here are the content's own:

- the last commit of each source file (:func:`git_dates`: one ``git log``
  for the whole project, not one per file);
- the dates the data states: a news post's ``date`` (``created`` and
  ``updated``), a product's ``added``.

A page takes the latest of the dates of what it shows; a page none of
whose sources has a date gets no ``lastmod`` (better none than a wrong one).
Outside a git checkout, or for a file never committed, git gives nothing. In a
shallow clone (CI's default checkout) every file seems to change in the
oldest commit fetched: files whose last change is in that commit get no git
date. No MkDocs.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from asppuk.catalog import urls
from asppuk.languages import Language

_MARK = "\x1e"  # starts each commit's line in the log (no path holds it)


def git_dates(root: Path, folders: Iterable[str]) -> dict[str, str]:
    """``{path relative to root: "YYYY-MM-DD"}``, the date (UTC) of each
    file's last commit under ``folders`` of ``root``; empty without git."""
    root = Path(root)
    try:
        top = subprocess.run(["git", "-C", str(root), "rev-parse", "--is-shallow-repository"],
                             capture_output=True, text=True, timeout=60)
        if top.returncode != 0:
            return {}
        shallow = top.stdout.strip() == "true"
        boundary: set[str] = set()
        if shallow:
            where = subprocess.run(["git", "-C", str(root), "rev-parse", "--git-path", "shallow"],
                                   capture_output=True, text=True, timeout=60).stdout.strip()
            path = Path(where) if Path(where).is_absolute() else root / where
            boundary = set(path.read_text().split()) if path.is_file() else set()
        log = subprocess.run(["git", "-C", str(root), "-c", "core.quotePath=false", "log", "--no-renames",
                              f"--format={_MARK}%H %cI", "--name-only", "--relative", "--", *folders],
                             capture_output=True, text=True, timeout=300)
    except (OSError, subprocess.SubprocessError):
        return {}
    if log.returncode != 0:
        return {}
    dates: dict[str, str] = {}
    seen: set[str] = set()
    commit, date = "", ""
    for line in log.stdout.split("\n"):  # not splitlines(): it splits at the mark too
        if line.startswith(_MARK):
            commit, stamp = line[1:].split(" ", 1)
            date = dt.datetime.fromisoformat(stamp).astimezone(dt.UTC).date().isoformat()
        elif line and line not in seen:
            seen.add(line)  # the newest commit comes first: the first seen is the last change
            if commit not in boundary:
                dates[line] = date
    return dates


def latest(*dates: str | None) -> str | None:
    """The latest of ``dates`` (ISO dates or datetimes; None ignored), as YYYY-MM-DD."""
    found = [str(d)[:10] for d in dates if d]
    return max(found) if found else None


def post_dates(meta: dict[str, Any]) -> list[str]:
    """The dates a news post's front matter states: ``date`` as a date, a
    datetime or ``{created, updated}``."""
    value = meta.get("date")
    values = list(value.values()) if isinstance(value, dict) else [value]
    out = []
    for item in values:
        if isinstance(item, (dt.date, dt.datetime)):
            out.append(item.isoformat()[:10])
        elif isinstance(item, str) and len(item) >= 10:
            out.append(item[:10])
    return out


def catalogue_dates(catalog, git: dict[str, str], languages: Iterable[Language]) -> dict[str, str]:
    """``{page url: date}`` for the catalogue's pages in ``languages``: a
    product's from its file and ``added``; a producer's from its JarPUK's
    ``producers.yml``; a JarPUK's, a category's and a region's from
    everything they list (paged listings: see :func:`page_date`)."""
    product_date: dict[int, str | None] = {}
    for product in catalog.products:
        product_date[id(product)] = latest(git.get(product.source), product.added)
    out: dict[str, str] = {}

    def put(url: str, date: str | None) -> None:
        if date:
            out[url] = date

    everything = latest(*product_date.values())
    for language in languages:
        put(urls.catalogue(language), everything)
        put(urls.jarpuk_index(language), everything)
        put(urls.region_index(language), everything)
        for product in catalog.products:
            put(urls.product(product.jarpuk.id, product.id, language), product_date[id(product)])
        by_category: dict[str, list[str | None]] = {}
        by_region: dict[str, list[str | None]] = {}
        for product in catalog.products:
            by_category.setdefault(product.category.id, []).append(product_date[id(product)])
            by_region.setdefault(product.jarpuk.region, []).append(product_date[id(product)])
        for category, dates in by_category.items():
            put(urls.category(category, 1, language), latest(*dates))
        for region, dates in by_region.items():
            put(urls.region(region, 1, language), latest(*dates))
        for jarpuk in catalog.jarpuks.values():
            folder = f"products/{jarpuk.id}"
            producers = git.get(f"{folder}/producers.yml")
            listed = [product_date[id(p)] for p in catalog.products if p.jarpuk is jarpuk]
            whole = latest(git.get(f"{folder}/jarpuk.yml"), producers, *listed)
            put(urls.jarpuk(jarpuk.id, language), whole)
            put(urls.jarpuk_print(jarpuk.id, language), whole)
            for producer in jarpuk.producers:
                put(urls.producer(jarpuk.id, producer.id, language), producers)
    return out


def page_date(url: str, dates: dict[str, str], languages: Iterable[Language]) -> str | None:
    """The date of ``url`` in ``dates``; page N of a paged listing
    (``…/halaman/2/``) has its listing's."""
    if url in dates:
        return dates[url]
    for language in languages:
        word = f"/{language.sections.get('halaman', 'halaman')}/"
        if word in url:
            return dates.get(url.rsplit(word, 1)[0] + "/")
    return None
