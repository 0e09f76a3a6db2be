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
# Front matter of a Markdown file: between a first `---` line and a second
# `---` (or `...`, which MkDocs accepts as well). Group 1 is the YAML; it
# starts on line 2 of the file.
FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)(?:---|\.\.\.)[ \t]*\n", re.DOTALL)


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


# Bounds on what one data file may hold. A product file is about 1 KB and
# three levels deep; a JarPUK's producers.yml with a thousand producers is a
# few hundred KB. Past these, a file is a mistake or an attack (a 1 KB file
# of nested aliases expands to gigabytes; 100,000 nested brackets crash
# libyaml's composer), and it is refused before anything is built from it.
MAX_BYTES = 2_000_000
MAX_DEPTH = 10
MAX_NODES = 200_000
_EMPTY = "berkas kosong. Isi berkas ini dengan data, atau hapus berkasnya."
_resolver = yaml.resolver.Resolver()
# Characters no text of ours needs and XML forbids (the RSS feed stops being
# readable): they arrive invisibly in text pasted from word processors (\x0b
# is Word's manual line break) or through escapes such as "\u0000". Also the
# bidirectional overrides and isolates (U+202A-202E, U+2066-2069): neither
# Indonesian nor English needs them, and they reorder what a page shows
# ("Trojan Source"), e.g. digits of a price or a name beside a phone number
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\u202a-\u202e\u2066-\u2069\ufffe\uffff]")
CONTROL_MESSAGE = ("ada karakter tak terlihat (kode U+{code:04X}) di baris ini, biasanya dari teks yang disalin dari "
                   "Word atau PDF. Hapus bagian itu lalu ketik ulang.")


def load_text(text: str, path: str) -> tuple[YamlDoc | None, list[Problem]]:
    """Parse ``text``; return the document or the problems that stop it."""
    problems: list[Problem] = []
    if not text.strip() or all(
        not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()
    ):
        return None, [Problem(path, 1, _EMPTY)]
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
        data, found = _Builder(path).run(text)
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
    if data is _Builder.REFUSED:
        return None, found
    return YamlDoc(path, data, text), found


def load_file(file: Path, shown_as: str) -> tuple[YamlDoc | None, list[Problem]]:
    """Read ``file`` as UTF-8 YAML; ``shown_as`` is the path used in messages."""
    size = file.stat().st_size
    if size > MAX_BYTES:
        return None, [
            Problem(
                shown_as,
                1,
                f"berkas terlalu besar ({size // 1000:,} KB; paling besar {MAX_BYTES // 1000:,} KB). ".replace(",", ".")
                + "Berkas data sebesar ini hampir pasti keliru: periksa isinya, atau bagi menjadi beberapa berkas.",
            )
        ]
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


_SCALAR, _SEQ, _MAP = yaml.ScalarEvent, yaml.SequenceStartEvent, yaml.MappingStartEvent
_ENDS = (yaml.SequenceEndEvent, yaml.MappingEndEvent)


class _Builder:
    """Plain data straight from libyaml's event stream.

    Built with an explicit stack instead of composing a node tree (libyaml's
    composer recurses and crashes on deep nesting), refusing duplicate keys
    (PyYAML keeps the last), anchors and aliases (staff never need them, and
    a few nested aliases expand to gigabytes), nesting deeper than
    ``MAX_DEPTH`` and more than ``MAX_NODES`` values."""

    REFUSED = object()

    def __init__(self, path: str):
        self.path = path
        self.problems: list[Problem] = []

    def refuse(self, line: int, message: str) -> tuple[object, list[Problem]]:
        return self.REFUSED, self.problems + [Problem(self.path, line, message)]

    def run(self, text: str) -> tuple[Any, list[Problem]]:
        # A frame: the container; for a map, the key whose value comes next
        # (None while a key is due), the line of each key, and whether the
        # next value belongs to a refused key and is dropped.
        stack: list[_Frame] = []
        root: Any = self.REFUSED
        nodes = documents = 0
        for event in yaml.parse(text, Loader=_Loader):
            kind = type(event)
            if kind is _SCALAR:
                nodes += 1
                if event.anchor:
                    return self.refuse(event.start_mark.line + 1, _ALIAS)
                frame = stack[-1] if stack else None
                if frame is not None and frame.keys is not None and frame.key is None and not frame.skip:
                    frame.take_key(event.value, event.start_mark.line + 1, self.problems, self.path)
                    continue
                value = self.scalar(event)
                if frame is None:
                    root = value
                else:
                    frame.add(value)
            elif kind is _SEQ or kind is _MAP:
                nodes += 1
                line = event.start_mark.line + 1
                if event.anchor:
                    return self.refuse(line, _ALIAS)
                if len(stack) >= MAX_DEPTH:
                    return self.refuse(line, f"susunan data terlalu dalam (lebih dari {MAX_DEPTH} tingkat daftar "
                                             "atau kolom bersarang). Periksa tanda kurung [ ] dan { } serta indentasinya.")
                if stack and stack[-1].keys is not None and stack[-1].key is None and not stack[-1].skip:
                    # a list or map where a key belongs
                    self.problems.append(Problem(self.path, line, "nama kolom harus berupa teks biasa."))
                    stack[-1].skip = True  # the key is dropped, and its value after it
                    stack[-1].skip_key = True
                stack.append(_Frame([] if kind is _SEQ else {}, line))
            elif kind in _ENDS:
                value = stack.pop().value
                if stack:
                    stack[-1].add(value)
                else:
                    root = value
            elif kind is yaml.AliasEvent:
                return self.refuse(event.start_mark.line + 1, _ALIAS)
            elif kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    return self.refuse(event.start_mark.line + 1,
                                       "berkas berisi lebih dari satu dokumen YAML (ada baris `---` di tengah). "
                                       "Satu berkas hanya berisi satu data: hapus baris `---` itu.")
            if nodes > MAX_NODES:
                return self.refuse(event.start_mark.line + 1, f"berkas berisi lebih dari {MAX_NODES:,} nilai. "
                                   .replace(",", ".") + "Bagi datanya menjadi beberapa berkas.")
        if root is self.REFUSED:  # a document with nothing in it
            return self.refuse(1, _EMPTY)
        return root, self.problems

    def scalar(self, event: yaml.ScalarEvent) -> Any:
        control = CONTROL.search(event.value)
        if control:
            self.problems.append(Problem(self.path, event.start_mark.line + 1,
                                         CONTROL_MESSAGE.format(code=ord(control.group()))))
        tag = event.tag
        if tag is None or tag == "!":
            if not event.implicit[0]:  # quoted: always text
                return event.value
            tag = _resolver.resolve(yaml.ScalarNode, event.value, event.implicit)
        if tag == _STR_TAG:
            return event.value
        node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
        try:
            return _scalar_value(node)
        except yaml.constructor.ConstructorError as exc:
            self.problems.append(Problem(self.path, event.start_mark.line + 1,
                                         f"nilai `{event.value}` tidak dapat dibaca ({exc.problem})."))
            return None
        except (ValueError, OverflowError):  # a date such as 2026-13-45
            self.problems.append(Problem(self.path, event.start_mark.line + 1,
                                         f"`{event.value}` bukan tanggal yang ada. Tulis tanggal sebagai TTTT-BB-HH, "
                                         "misalnya 2026-11-05, atau beri tanda kutip bila maksudnya teks."))
            return event.value  # kept as written: nothing is taken as missing


_ALIAS = ("anchor atau alias YAML (`&nama` / `*nama`) tidak dipakai di data situs. "
          "Tulis nilainya langsung di setiap tempat.")


class _Frame:
    __slots__ = ("value", "keys", "key", "skip", "skip_key", "line")

    def __init__(self, value: Any, line: int):
        self.value = value
        self.keys: dict[str, int] | None = {} if isinstance(value, dict) else None  # key -> its line
        self.key: str | None = None
        self.skip = False
        self.skip_key = False  # the refused key is itself a list or map (dropped when it ends)
        self.line = line

    def take_key(self, key: str, line: int, problems: list[Problem], path: str) -> None:
        first = self.keys.get(key)
        if first is not None:
            problems.append(Problem(
                path, line, f"kolom `{key}` ditulis dua kali (pertama di baris {first}). "
                "Hapus salah satunya: kalau tidak, isian pertama hilang tanpa pemberitahuan."))
            self.skip = True
            return
        self.keys[key] = line
        self.key = key

    def add(self, value: Any) -> None:
        if self.keys is None:
            self.value.append(value)
        elif self.skip_key:  # the refused key ends; its value is next
            self.skip_key = False
        elif self.skip:
            self.skip = False
        else:
            self.value[self.key] = value
            self.key = None


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
