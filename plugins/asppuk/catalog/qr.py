"""QR codes that lead from a printed catalogue to the product page (segno).

Scoring all eight masks to pick the "best" one is 80 % of the cost of a code
(3.7 ms against 0.6 ms with a fixed mask). Every reader decodes any mask,
and these are short URLs printed large, so one fixed mask is used. Codes are
kept in one cache file by their text, and missing ones are made in parallel,
so a warm build makes none and a cold one uses every core. Each site address
has its own cache files: ``mkdocs serve`` (links to its local address) and
``mkdocs build`` (links to the real site) keep each other's codes.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import segno
from markupsafe import Markup

from asppuk.filemodes import write_public
from asppuk.workers import shared_pool

FIXED_MASK = 0
PARALLEL_THRESHOLD = 64


def qr_svg(text: str) -> str:
    return segno.make_qr(text, error="m", mask=FIXED_MASK).svg_inline(scale=3, border=2, title=text, omitsize=True)


def cache_for_site(folder: Path, name: str, site_url: str) -> Path:
    """The cache of ``name``'s codes (a JarPUK and language) for links to ``site_url``."""
    address = hashlib.sha256(site_url.encode("utf-8")).hexdigest()[:12]
    return folder / f"{name}-{address}.json"


def qr_codes(texts: list[str], cache_file: Path | None = None) -> dict[str, str]:
    """SVG QR code for each text, from the cache where possible."""
    cached: dict[str, str] = {}
    if cache_file is not None:
        try:
            cached = json.loads(cache_file.read_text("utf-8"))
        except (OSError, ValueError):
            cached = {}
    wanted = list(dict.fromkeys(texts))
    missing = [t for t in wanted if t not in cached]
    if len(missing) >= PARALLEL_THRESHOLD:
        made = list(shared_pool("qr").map(qr_svg, missing, chunksize=32))
    else:
        made = [qr_svg(t) for t in missing]
    codes = {t: cached[t] for t in wanted if t in cached}
    codes.update(zip(missing, made))
    if cache_file is not None and (missing or len(codes) != len(cached)):
        # keep only what this build asked for: the cache never grows stale
        cache_file.parent.mkdir(parents=True, exist_ok=True)
        write_public(cache_file, json.dumps(codes).encode())
    return codes


def page_codes(links: list[str], folder: Path | None, name: str, site_url: str) -> dict[str, Markup]:
    """The codes a printed page shows, one per link (to ``site_url``), as
    SVG to put in the page as it is (we drew it); cached in ``folder`` under
    ``name`` (a JarPUK and language), or not at all without a folder."""
    codes = qr_codes(links, cache_for_site(folder, name, site_url) if folder else None)
    return {link: Markup(svg) for link, svg in codes.items()}
