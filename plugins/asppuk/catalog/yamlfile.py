"""Line-aware YAML loading that catches the traps staff fall into.

PyYAML silently keeps the last of two duplicate keys, loses nothing it can
tell us about, and forgets where each value stood. We compose the node tree
with the fast C parser and build plain Python values ourselves, remembering
for every value its line and how it was written, so that later checks can say
``products/x/kain.yml:7: ...`` and explain what YAML did with ``50.000``.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

try:  # the C parser is ~10x faster; fall back for Pythons built without libyaml
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover
    _Loader = yaml.SafeLoader

from .problems import Problem

PathKey = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class Spot:
    """Where a value stood in the file and how it was written."""

    line: int
    raw: str | None = None  # the scalar's source text; None for maps and lists
    plain: bool = False  # written without quotes, so YAML guessed its type
    key_line: int = 0  # line of the key that holds this value (0 at the top)


@dataclass(slots=True)
class YamlDoc:
    path: str
    data: Any
    spots: dict[PathKey, Spot]

    def line(self, at: PathKey) -> int:
        """Line of the key holding the value at ``at`` (or of its nearest ancestor)."""
        while at not in self.spots and at:
            at = at[:-1]
        spot = self.spots.get(at)
        return (spot.key_line or spot.line) if spot else 1

    def spot(self, at: PathKey) -> Spot | None:
        return self.spots.get(at)


class _Constructor(yaml.constructor.SafeConstructor):
    pass


_constructor = _Constructor()


def _scalar_value(node: yaml.ScalarNode) -> Any:
    value = _constructor.construct_object(node, deep=True)
    # JSON Schema knows no dates: keep them as ISO text (front matter, `since`)
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()
    return value


def load_text(text: str, path: str) -> tuple[YamlDoc | None, list[Problem]]:
    """Parse ``text``; return the document or the problems that stop it."""
    problems: list[Problem] = []
    if not text.strip() or all(
        not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()
    ):
        return None, [Problem(path, 1, "berkas kosong. Isi berkas ini dengan data, atau hapus berkasnya.")]
    for number, ln in enumerate(text.splitlines(), start=1):
        if "\t" in ln:
            problems.append(
                Problem(
                    path,
                    number,
                    "ada karakter tab. YAML hanya menerima spasi: ganti setiap tab dengan dua spasi.",
                )
            )
    if problems:
        return None, problems
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        what = exc.problem or "susunan tidak dapat dibaca"
        return None, [
            Problem(
                path,
                line,
                f"YAML tidak dapat dibaca ({what}). Periksa indentasi (spasi di awal baris), "
                "tanda titik dua setelah nama kolom, dan tanda kutip yang belum ditutup.",
            )
        ]
    except yaml.YAMLError as exc:  # pragma: no cover - reader errors without marks
        return None, [Problem(path, 1, f"YAML tidak dapat dibaca: {exc}")]
    if node is None:
        return None, [Problem(path, 1, "berkas kosong. Isi berkas ini dengan data, atau hapus berkasnya.")]
    spots: dict[PathKey, Spot] = {}
    data = _build(node, (), spots, problems, path, 0)
    return YamlDoc(path, data, spots), problems


def load_file(file: Path, shown_as: str) -> tuple[YamlDoc | None, list[Problem]]:
    """Read ``file`` as UTF-8 YAML; ``shown_as`` is the path used in messages."""
    raw = file.read_bytes()
    if raw.startswith(b"\xef\xbb\xbf"):
        return None, [
            Problem(
                shown_as,
                1,
                "berkas diawali byte-order mark (BOM). Simpan ulang sebagai 'UTF-8' "
                "(bukan 'UTF-8 with BOM') di penyunting teks Anda.",
            )
        ]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, [
            Problem(
                shown_as,
                line,
                "berkas bukan teks UTF-8 (ada huruf yang tersimpan dengan pengodean lain). "
                "Simpan ulang berkas dengan pengodean UTF-8.",
            )
        ]
    return load_text(text, shown_as)


def _build(
    node: yaml.Node,
    at: PathKey,
    spots: dict[PathKey, Spot],
    problems: list[Problem],
    path: str,
    key_line: int,
) -> Any:
    line = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        spots[at] = Spot(line, key_line=key_line)
        result: dict[str, Any] = {}
        first_line: dict[str, int] = {}
        for key_node, value_node in node.value:
            kline = key_node.start_mark.line + 1
            if not isinstance(key_node, yaml.ScalarNode):
                problems.append(Problem(path, kline, "nama kolom harus berupa teks biasa."))
                continue
            key = str(key_node.value)
            if key in first_line:
                problems.append(
                    Problem(
                        path,
                        kline,
                        f"kolom `{key}` ditulis dua kali (pertama di baris {first_line[key]}). "
                        "Hapus salah satunya: kalau tidak, isian pertama hilang tanpa pemberitahuan.",
                    )
                )
                continue
            first_line[key] = kline
            result[key] = _build(value_node, at + (key,), spots, problems, path, kline)
        return result
    if isinstance(node, yaml.SequenceNode):
        spots[at] = Spot(line, key_line=key_line)
        return [
            _build(item, at + (index,), spots, problems, path, item.start_mark.line + 1)
            for index, item in enumerate(node.value)
        ]
    spots[at] = Spot(line, raw=node.value, plain=not node.style, key_line=key_line)
    try:
        return _scalar_value(node)
    except yaml.constructor.ConstructorError as exc:
        problems.append(Problem(path, line, f"nilai `{node.value}` tidak dapat dibaca ({exc.problem})."))
        return None
