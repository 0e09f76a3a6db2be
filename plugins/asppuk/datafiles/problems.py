"""Problems found in staff-edited data, reported as ``path:line: message``.

Messages are in Indonesian because the people who read them are JarPUK and
secretariat staff; each one names the field and says how to fix it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True, order=True)
class Problem:
    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


# A symbolic link in the data: what it points to (perhaps outside the
# repository) would be read, written or published in its place
SYMLINK_MESSAGE = ("berkas ini tautan simbolik (symlink), dan situs akan memakai isi berkas yang ditunjuknya, "
                   "bisa dari luar repositori. Ganti dengan berkas biasa (salin isinya), atau hapus.")


class DataError(Exception):
    """Raised when data has problems; carries every problem found, not the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__(format_problems(self.problems))


def format_problems(problems: list[Problem]) -> str:
    count = len(problems)
    lines = [str(p) for p in sorted(problems)]
    lines.append(f"{count} masalah ditemukan pada data. Perbaiki semuanya lalu jalankan lagi.")
    return "\n".join(lines)


def display_path(path: Path, root: Path | None) -> str:
    """Path as staff see it in the repository (relative, forward slashes)."""
    if root is not None:
        try:
            return path.relative_to(root).as_posix()
        except ValueError:
            pass
    return path.as_posix()
