"""A Content-Security-Policy ``<meta>`` for each page.

A ``<meta http-equiv>`` policy works on every static host (no header
configuration needed). Scripts may come only from the script files the site
ships, each named by its full address (a CSP source can carry a path: never
the whole origin, which would let any file of the site run, an upload
included), plus the inline scripts of the *theme* (Material's small
bootstrap scripts), each allowed by its SHA-256 hash. The allowed hashes are
worked out from the theme's templates, never from the finished page, so a
script that slipped into a page through data is not allowed, and
:func:`with_policy` names it, as it names a ``<script src>`` that is not one
of the site's files. Inline *styles* stay allowed (Material sets a few
``style`` attributes; a style cannot run code). ``'wasm-unsafe-eval'`` lets
Pagefind compile its WebAssembly search code; it does not allow ``eval``.
"""

from __future__ import annotations

import base64
import hashlib
import re
from functools import lru_cache
from typing import Protocol, runtime_checkable
from urllib.parse import urljoin, urlsplit

# <script> elements (the pages are our templates' output, with content that
# the allowlist cleaner has already rid of every script)
_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
_SCRIPT_OPEN = re.compile(r"<script\b", re.IGNORECASE)
# An attribute as HTML reads it: a name, and a value in double, single or no quotes
_ATTRIBUTE = re.compile(r"""([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?""")
_JS_TYPES = {"", "text/javascript", "application/javascript", "module"}


@runtime_checkable
class ShipsScripts(Protocol):
    """A plugin whose pages load script files that neither the theme nor
    ``extra_javascript`` names (asppuk-search: Pagefind's files)."""

    def script_paths(self) -> list[str]:
        """Paths of the script files, relative to the site's root."""
        ...


@lru_cache(maxsize=4096)  # the same few script tags on every page (read-only: never change what it returns)
def attributes(tag_inside: str) -> dict[str, str]:
    """The attributes of a start tag (what follows ``<script``), the first of each name, as HTML reads them."""
    found: dict[str, str] = {}
    for match in _ATTRIBUTE.finditer(tag_inside):
        name = match.group(1).lower()
        value = next((v for v in match.groups()[1:] if v is not None), "")
        found.setdefault(name, value.replace("&amp;", "&"))
    return found


def script_sources(site_url: str, paths: list[str]) -> list[str]:
    """The CSP sources naming each of ``paths`` at ``site_url``."""
    base = site_url if site_url.endswith("/") else site_url + "/"
    return [urljoin(base, path.lstrip("/")).replace(";", "%3B").replace(",", "%2C") for path in paths]
_CHARSET = re.compile(r"<meta charset=[^>]*>", re.IGNORECASE)
_HEAD = re.compile(r"<head\b[^>]*>", re.IGNORECASE)

BASE_POLICY = (
    ("default-src", "'self'"),
    ("script-src", "'wasm-unsafe-eval'"),  # and the site's script files, by address
    ("style-src", "'self' 'unsafe-inline'"),
    ("img-src", "'self' data:"),
    ("font-src", "'self' data:"),
    ("connect-src", "'self'"),
    ("object-src", "'none'"),
    ("base-uri", "'self'"),
    ("form-action", "'self'"),
)


def _runs(attrs: dict[str, str]) -> bool:
    return attrs.get("type", "").strip().lower() in _JS_TYPES


def scripts_in(html: str) -> list[tuple[dict[str, str], str] | None]:
    """Each ``<script>`` of ``html``: its attributes and body; None for an
    opening ``<script`` that is never closed (read once, for both checks)."""
    found: list[tuple[dict[str, str], str] | None] = [(attributes(m.group(1)), m.group(2))
                                                       for m in _SCRIPT.finditer(html)]
    found += [None] * (len(_SCRIPT_OPEN.findall(html)) - len(found))
    return found


def inline_script_hashes(html: str, scripts: list | None = None) -> list[str]:
    """``'sha256-…'`` sources for each distinct inline script of ``html`` (read as ``scripts``)."""
    hashes: list[str] = []
    for script in scripts_in(html) if scripts is None else scripts:
        if script is None or "src" in script[0] or not _runs(script[0]):
            continue  # external, or data such as JSON-LD and Material's config
        digest = base64.b64encode(hashlib.sha256(script[1].encode("utf-8")).digest()).decode("ascii")
        source = f"'sha256-{digest}'"
        if source not in hashes:
            hashes.append(source)
    return hashes


def foreign_scripts(html: str, page_url: str, site_url: str, allowed: list[str],
                    scripts: list | None = None) -> list[str]:
    """The ``src`` of each ``<script>`` in ``html`` (at ``page_url`` on the
    site, read as ``scripts``) that is none of ``allowed`` (full addresses),
    and ``<script`` tags that could not be read."""
    site = site_url if site_url.endswith("/") else site_url + "/"
    addresses = _addresses(tuple(allowed))
    found = []
    for script in scripts_in(html) if scripts is None else scripts:
        if script is None:
            found.append("<script> yang tidak ditutup")
        elif "src" in script[0] and _runs(script[0]) and _resolve(site, page_url, script[0]["src"].strip()) not in addresses:
            found.append(script[0]["src"])
    return found


@lru_cache(maxsize=16)
def _addresses(scripts: tuple[str, ...]) -> frozenset[str]:
    return frozenset(urlsplit(url)._replace(query="", fragment="").geturl() for url in scripts)


# `../../assets/x.js`: a page's own script links, resolved without urljoin
# (32,000 pages, a few scripts each); anything else takes urljoin's way
_PLAIN = re.compile(r"((?:\.\./)*)([A-Za-z0-9_-][A-Za-z0-9_.-]*(?:/[A-Za-z0-9_-][A-Za-z0-9_.-]*)*)\Z")


def _resolve(site: str, page_url: str, src: str) -> str:
    """The full address of ``src`` on the page at ``page_url``, without query or fragment."""
    plain = _PLAIN.match(src)
    if plain:
        up, folder = len(plain.group(1)) // 3, page_url.split("/")[:-1]
        if up <= len(folder) and ".." not in plain.group(2).split("/"):
            return site + "/".join([*folder[:len(folder) - up], plain.group(2)])
    return urlsplit(urljoin(urljoin(site, page_url), src))._replace(query="", fragment="").geturl()


# `mkdocs serve` puts its live-reload script into every page it answers, a
# different one each time: the local preview (never a build) allows inline
# scripts, and scripts from its own address. A browser ignores
# 'unsafe-inline' next to hashes, so none are given.
PREVIEW = "'self' 'unsafe-inline'"


def policy(hashes: list[str], scripts: list[str], preview: bool = False) -> str:
    parts = []
    for directive, sources in BASE_POLICY:
        if directive == "script-src":
            sources = " ".join([sources, PREVIEW] if preview else [sources, *scripts, *hashes])
        parts.append(f"{directive} {sources}")
    return "; ".join(parts)


def with_policy(html: str, allowed: list[str], scripts: list[str], preview: bool = False,
                found: list | None = None) -> tuple[str, list[str]]:
    """``html`` with the policy that allows the ``allowed`` inline scripts and
    the ``scripts`` files (full addresses), as the first element after
    ``<meta charset>`` (a policy only governs what follows it); and the
    hashes of inline scripts in ``html`` (read as ``found``) that it blocks
    (found also for the ``preview``, which allows them)."""
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(allowed, scripts, preview)}">'
    anchor = _CHARSET.search(html, 0, 1024) or _HEAD.search(html)
    if anchor is None:
        raise ValueError("page has no <head>")
    blocked = [h for h in inline_script_hashes(html, found) if h not in allowed]
    return html[: anchor.end()] + meta + html[anchor.end():], blocked
