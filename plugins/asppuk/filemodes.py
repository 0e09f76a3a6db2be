"""The modes of what the site publishes (no MkDocs import).

A web server often runs as another user than the build: every file of the
site must be readable by others (0644) and every folder searchable (0755).
The umask of whoever builds decides the modes of what MkDocs and Pagefind
write, and ``tempfile.mkstemp`` always makes 0600. The site hard-links
cached photos and cards (``asppuk.linkfiles``), so a cached file's mode is
the published file's: the cache writes them 0644 itself, and the build ends
by setting every mode of the site (a chmod through a hard link sets the
cached file's too, which is what it should be).
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

FILE_MODE = 0o644
DIR_MODE = 0o755


def write_public(path: Path, data: bytes) -> None:
    """Write ``path`` whole or not at all (a temporary file renamed), mode 0644."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            os.fchmod(f.fileno(), FILE_MODE)
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise


def make_public(root: str | os.PathLike) -> int:
    """Give ``root`` and every folder under it mode 0755, every file 0644
    (symbolic links are left alone); returns how many modes were changed."""
    changed = 0
    if stat.S_IMODE(os.stat(root).st_mode) != DIR_MODE:
        os.chmod(root, DIR_MODE)
        changed += 1
    folders = [os.fspath(root)]
    while folders:
        with os.scandir(folders.pop()) as entries:
            for entry in entries:
                mode = entry.stat(follow_symlinks=False).st_mode
                if stat.S_ISDIR(mode):
                    folders.append(entry.path)
                    wanted = DIR_MODE
                elif stat.S_ISREG(mode):
                    wanted = FILE_MODE
                else:
                    continue
                if stat.S_IMODE(mode) != wanted:
                    os.chmod(entry.path, wanted)
                    changed += 1
    return changed
