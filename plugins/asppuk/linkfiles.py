"""Put a cached file into the built site without copying its bytes (no MkDocs import).

Photos, preview cards and exports are made once into ``.cache/`` and only
ever replaced whole (written to a temporary name, then renamed), never
rewritten in place. So the site can hold a hard link to the cached file: a
warm build then writes no image bytes at all, and the site takes no extra
disk space. Where a hard link cannot be made (another file system, a file
system without them) the file is copied.
"""

from __future__ import annotations

import os
import shutil


def link_or_copy(source: str, target: str) -> bool:
    """Hard-link ``target`` to ``source`` (True), or copy it (False)."""
    try:
        os.unlink(target)  # never write through an older link into the cache
    except FileNotFoundError:
        pass
    for attempt in range(2):
        try:
            os.link(source, target)
            return True
        except FileNotFoundError:
            if attempt or not os.path.exists(source):
                break
            os.makedirs(os.path.dirname(target), exist_ok=True)  # the first file of its folder
        except OSError:  # no hard links here (another file system, or none at all)
            break
    os.makedirs(os.path.dirname(target), exist_ok=True)
    shutil.copyfile(source, target)
    return False
