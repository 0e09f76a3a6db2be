"""A Content-Security-Policy ``<meta>`` for each page.

A ``<meta http-equiv>`` policy works on every static host (no header
configuration needed). Scripts may come from the site itself, plus the
inline scripts of the *theme* (Material's small bootstrap scripts), each
allowed by its SHA-256 hash. The allowed hashes are worked out from the
theme's templates, never from the finished page, so a script that slipped
into a page through data is not allowed, and :func:`with_policy` names it. Inline
*styles* stay allowed (Material sets a few ``style`` attributes; a style
cannot run code). ``'wasm-unsafe-eval'`` lets Pagefind compile its
WebAssembly search code; it does not allow ``eval``.
"""

from __future__ import annotations

import base64
import hashlib
import re

# <script> elements without src whose type runs as JavaScript
_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.IGNORECASE)
_SRC = re.compile(r"\bsrc\s*=", re.IGNORECASE)
_JS_TYPES = {"", "text/javascript", "application/javascript", "module"}
_CHARSET = re.compile(r"<meta charset=[^>]*>", re.IGNORECASE)
_HEAD = re.compile(r"<head\b[^>]*>", re.IGNORECASE)

BASE_POLICY = (
    ("default-src", "'self'"),
    ("script-src", "'self' 'wasm-unsafe-eval'"),
    ("style-src", "'self' 'unsafe-inline'"),
    ("img-src", "'self' data:"),
    ("font-src", "'self' data:"),
    ("connect-src", "'self'"),
    ("object-src", "'none'"),
    ("base-uri", "'self'"),
    ("form-action", "'self'"),
)


def inline_script_hashes(html: str) -> list[str]:
    """``'sha256-…'`` sources for each distinct inline script of ``html``."""
    hashes: list[str] = []
    for match in _SCRIPT.finditer(html):
        attrs, body = match.groups()
        kind = _TYPE.search(attrs)
        if _SRC.search(attrs) or (kind and kind.group(1).lower() not in _JS_TYPES):
            continue  # external, or data such as JSON-LD and Material's config
        digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii")
        source = f"'sha256-{digest}'"
        if source not in hashes:
            hashes.append(source)
    return hashes


# `mkdocs serve` puts its live-reload script into every page it answers, a
# different one each time: the local preview (never a build) allows inline
# scripts. A browser ignores 'unsafe-inline' next to hashes, so none are given.
PREVIEW = "'unsafe-inline'"


def policy(hashes: list[str], preview: bool = False) -> str:
    parts = []
    for directive, sources in BASE_POLICY:
        if directive == "script-src" and preview:
            sources = f"{sources} {PREVIEW}"
        elif directive == "script-src" and hashes:
            sources = f"{sources} {' '.join(hashes)}"
        parts.append(f"{directive} {sources}")
    return "; ".join(parts)


def with_policy(html: str, allowed: list[str], preview: bool = False) -> tuple[str, list[str]]:
    """``html`` with the policy that allows the ``allowed`` inline scripts, as
    the first element after ``<meta charset>`` (a policy only governs what
    follows it); and the hashes of inline scripts in ``html`` that it blocks
    (found also for the ``preview``, which allows them)."""
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(allowed, preview)}">'
    anchor = _CHARSET.search(html, 0, 1024) or _HEAD.search(html)
    if anchor is None:
        raise ValueError("page has no <head>")
    blocked = [h for h in inline_script_hashes(html) if h not in allowed]
    return html[: anchor.end()] + meta + html[anchor.end():], blocked
