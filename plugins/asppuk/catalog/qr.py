"""QR codes that lead from a printed catalogue to the product page (segno).

Choosing the best mask is most of the cost of a QR code (~3 ms), so codes
are cached on disk by their text: a warm build makes none.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

import segno


def qr_svg(text: str, cache: Path | None = None) -> str:
    path = None
    if cache is not None:
        digest = hashlib.sha256(text.encode()).hexdigest()
        path = cache / digest[:2] / f"{digest}.svg"
        try:
            return path.read_text("utf-8")
        except OSError:
            pass
    svg = segno.make_qr(text, error="m").svg_inline(scale=3, border=2, title=text, omitsize=True)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(svg)
        os.replace(tmp, path)
    return svg
