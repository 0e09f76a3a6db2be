"""Line-aware YAML loading that catches the traps staff fall into.

PyYAML silently keeps the last of two duplicate keys, loses nothing it can
tell us about, and forgets where each value stood. We compose the node tree
with the fast C parser and build plain Python values ourselves, remembering
for every value its line and how it was written, so that later checks can say
``products/x/kain.yml:7: ...`` and explain what YAML did with ``50.000``.
"""

from __future__ import annotations

import datetime as _dt
import re
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
# Front matter of a Markdown file: between a first and a second `---` line.
# Group 1 is the YAML; it starts on line 2 of the file.
FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)---[ \t]*\n", re.DOTALL)


@dataclass(frozen=True, slots=True)
class Spot:
    """Where a value stood in the file and how it was written."""

    line: int
    raw: str | None = None  # the scalar's source text; None for maps and lists
    plain: bool = False  # written without quotes, so YAML guessed its type
    key_line: int = 0  # line of the key that holds this value (0 at the top)


@dataclass(slots=True)
class YamlDoc:
    """Plain data of one file; where each value stood is worked out on demand.

    Most files have no problem, and most builds never ask for a line, so the
    map of lines is only made (by composing the text again) when asked for.
    That also keeps a document cheap to send back from a worker process.
    """

    path: str
    data: Any
    text: str
    _spots: dict[PathKey, Spot] | None = None

    @property
    def spots(self) -> dict[PathKey, Spot]:
        if self._spots is None:
            self._spots = {}
            _locate(yaml.compose(self.text, Loader=_Loader), (), self._spots, 0)
        return self._spots

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
    data = _build(node, problems, path)
    return YamlDoc(path, data, text), problems


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


_STR_TAG = "tag:yaml.org,2002:str"


def _build(node: yaml.Node, problems: list[Problem], path: str) -> Any:
    """Plain data from the node tree, refusing duplicate keys (PyYAML keeps the last)."""
    if isinstance(node, yaml.MappingNode):
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
            result[key] = _build(value_node, problems, path)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, problems, path) for item in node.value]
    if node.tag == _STR_TAG:  # most values: no constructor needed
        return node.value
    try:
        return _scalar_value(node)
    except yaml.constructor.ConstructorError as exc:
        problems.append(Problem(path, node.start_mark.line + 1, f"nilai `{node.value}` tidak dapat dibaca ({exc.problem})."))
        return None


def _locate(node: yaml.Node, at: PathKey, spots: dict[PathKey, Spot], key_line: int) -> None:
    """Record where every value stands; mirrors :func:`_build` (first key wins)."""
    line = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        spots[at] = Spot(line, key_line=key_line)
        for key_node, value_node in node.value:
            key = (str(key_node.value),)
            if isinstance(key_node, yaml.ScalarNode) and at + key not in spots:
                _locate(value_node, at + key, spots, key_node.start_mark.line + 1)
    elif isinstance(node, yaml.SequenceNode):
        spots[at] = Spot(line, key_line=key_line)
        for index, item in enumerate(node.value):
            _locate(item, at + (index,), spots, item.start_mark.line + 1)
    else:
        spots[at] = Spot(line, raw=node.value, plain=not node.style, key_line=key_line)
