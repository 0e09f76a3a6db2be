"""JSON Schema validation of data files, with messages staff can act on.

The schemas in ``schemas/`` are the published contract (editors that speak
``yaml-language-server`` use them for completion). jsonschema finds what is
wrong; this module says it in Indonesian, at the right line, and recognises
what YAML did to values such as ``50.000``, ``Rp 50.000``, ``no`` or
``081234567``.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Callable
from functools import cache
from importlib import resources
from typing import Any

import jsonschema
import yaml
from jsonschema import Draft202012Validator

from .problems import Problem
from .yamlfile import PathKey, Spot, YamlDoc

KINDS = ("categories", "jarpuk", "producers", "product")

_THOUSANDS = re.compile(r"^\d{1,3}([.,]\d{3})+([.,]\d+)?$")
_RUPIAH = re.compile(r"^\s*rp\.?\s*", re.IGNORECASE)
_YAML_BOOLEANS = {"yes", "no", "on", "off", "true", "false", "y", "n"}
_FORMATS = {"date": "tanggal (TTTT-BB-HH)", "email": "alamat email"}
_TYPE_NAMES = {
    "string": "teks",
    "integer": "angka bulat",
    "number": "angka",
    "boolean": "true atau false",
    "array": "daftar (baris-baris berawalan '- ')",
    "object": "kumpulan kolom",
    "null": "kosong",
}


def schema_text(kind: str) -> str:
    return resources.files(__package__).joinpath(f"schemas/{kind}.schema.json").read_text("utf-8")


@cache
def schema(kind: str) -> dict[str, Any]:
    return json.loads(schema_text(kind))


# JSON Schema counts 50.0 as an integer; YAML reads a price written `50.000`
# as exactly that float, so here only a real int is an integer.
_Validator = jsonschema.validators.extend(
    Draft202012Validator,
    type_checker=Draft202012Validator.TYPE_CHECKER.redefine(
        "integer", lambda _, value: isinstance(value, int) and not isinstance(value, bool)
    ),
)


@cache
def validator(kind: str) -> Draft202012Validator:
    return _Validator(schema(kind), format_checker=jsonschema.FormatChecker())


def validate(doc: YamlDoc, kind: str, besides: list[Problem] = ()) -> list[Problem]:
    """Problems with ``doc`` against its schema; none on a line that one of
    ``besides`` (what reading the file found) already explains."""
    explained = {p.line for p in besides}
    return [
        problem
        for error in validator(kind).iter_errors(doc.data)
        for problem in _explain(error, doc)
        if problem.line not in explained
    ]


def field_messages(kind: str, key: str, value: Any) -> list[str]:
    """What :func:`validate` says of ``value`` as the field ``key`` of a
    ``kind`` file, that field alone (a value staff give before the file exists)."""
    data = {key: value}
    doc = YamlDoc("", data, yaml.safe_dump(data, allow_unicode=True))
    part = {"type": "object", "properties": {key: schema(kind)["properties"][key]}}
    checker = _Validator(part, format_checker=jsonschema.FormatChecker())
    return [problem.message for error in checker.iter_errors(data) for problem in _explain(error, doc)]


def field_name(at: PathKey) -> str:
    """``('contact', 'phone')`` -> ``contact.phone``; list items as ``images[2]``.

    In a file that is a list (producers.yml, categories.yml) the item's
    number is left out: the line says which item it is."""
    if at and isinstance(at[0], int) and len(at) > 1:
        at = at[1:]
    text = ""
    for part in at:
        if isinstance(part, int):
            text += f"[{part + 1}]"
        else:
            text += f".{part}" if text else str(part)
    return text or "berkas"


# Where a value was written, for the one part of a message that differs: how
# to fill in or clear a value is said differently for a file and a sheet.
FILE = "file"
SHEET = "sheet"
_CLEAR = {FILE: "hapus barisnya", SHEET: "kosongkan selnya"}


def _explain(error: jsonschema.ValidationError, doc: YamlDoc) -> list[Problem]:
    """:func:`explain` at the lines of ``doc``: an unknown key at its own line."""
    at: PathKey = tuple(error.absolute_path)
    problems = []
    for where, message in explain(error, doc.spot):
        spot = doc.spot(where) if where != at else None
        line = spot.key_line if spot else doc.line(at)
        problems.append(Problem(doc.path, line, message))
    return problems


def explain(error: jsonschema.ValidationError, spot_of: Callable[[PathKey], Spot | None] = lambda at: None,
            medium: str = FILE) -> list[tuple[PathKey, str]]:
    """What is wrong, in Indonesian, as ``(where, message)`` pairs: the one
    translator of schema errors, for files (``spot_of`` says how a value was
    written, so YAML's traps are recognised) and sheet cells (no spots).

    ``where`` is the error's path, or an unknown key's own path; the caller
    turns it into a line of a file or a cell of a sheet."""
    at: PathKey = tuple(error.absolute_path)
    spot = spot_of(at)
    field = field_name(at)
    value = error.instance
    validator = error.validator

    if validator == "additionalProperties":
        allowed = sorted(error.schema.get("properties", {}))
        unknown = [k for k in value if k not in error.schema.get("properties", {})]
        # jsonschema reports all unknown keys of a map in one error; staff get
        # one message per key, each at the key's own place
        messages = []
        for key in unknown:
            near = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
            hint = f" Mungkin maksud Anda `{near[0]}`?" if near else ""
            messages.append((at + (key,), f"kolom `{_join(at, key)}` tidak dikenal.{hint} "
                                          f"Kolom yang dikenal: {', '.join(allowed)}."))
        return messages

    if validator == "required":
        missing = re.search(r"'([^']+)' is a required property", error.message)
        name = missing.group(1) if missing else "?"
        if medium == SHEET:
            return [(at, f"kolom wajib `{_join(at, name)}` belum diisi. Isi selnya.")]
        return [(at, f"kolom wajib `{_join(at, name)}` belum ada. Tambahkan baris `{name}: ...`"
                     + (f" di bawah `{field}`." if at else "."))]

    if validator == "type":
        return [(at, _type_message(field, value, error.validator_value, spot, medium))]

    if validator == "enum":
        options = [str(o) for o in error.validator_value]
        near = difflib.get_close_matches(str(value), options, n=1, cutoff=0.5)
        hint = f" Mungkin maksud Anda `{near[0]}`?" if near else ""
        shown = spot.raw if spot and spot.raw is not None else value
        return [(at, f"`{field}` berisi `{shown}`, yang tidak dikenal.{hint} Pilih salah satu: {', '.join(options)}.")]

    custom = error.schema.get("x-message") if isinstance(error.schema, dict) else None
    if custom and validator in ("pattern", "not"):  # the schema says what is wrong in its own words
        return [(at, f"`{field}` {custom}")]

    if validator == "pattern":
        return [(at, f"`{field}` berisi `{value}`. Gunakan huruf kecil, angka dan tanda hubung saja, "
                     f"tanpa spasi, misalnya `{_slug_hint(str(value))}`.")]

    if validator in ("minimum", "maximum"):
        bound = "paling sedikit" if validator == "minimum" else "paling banyak"
        return [(at, f"`{field}` berisi {_number(value)}; nilainya harus {bound} "
                     f"{_number(error.validator_value)}. Periksa angkanya (jumlah nol).")]

    if validator == "maxLength":
        return [(at, f"`{field}` terlalu panjang ({len(value):,} huruf; paling banyak {error.validator_value:,}). "
                     .replace(",", ".") + "Persingkat teksnya.")]

    if validator == "maxItems":
        return [(at, f"`{field}` berisi {len(value)} butir; paling banyak {error.validator_value}. Kurangi isinya.")]

    if validator in ("minLength", "minItems"):
        return [(at, f"`{field}` kosong. Isi nilainya, atau {_CLEAR[medium]} bila tidak wajib.")]

    if validator == "format":
        what = _FORMATS.get(error.validator_value, error.validator_value)
        return [(at, f"`{field}` berisi `{value}`, yang bukan {what} yang sah.")]

    return [(at, f"`{field}`: {error.message}")]  # pragma: no cover - schema kinds we do not use


def _type_message(field: str, value: Any, expected: Any, spot: Spot | None, medium: str) -> str:
    expected = expected if isinstance(expected, list) else [expected]
    want = " atau ".join(_TYPE_NAMES.get(t, t) for t in expected)
    raw = spot.raw if spot else None
    plain = spot.plain if spot else False

    if "integer" in expected:
        if isinstance(value, float) and raw and _THOUSANDS.match(raw):
            digits = re.sub(r"[.,]", "", raw)
            return (
                f"`{field}` ditulis `{raw}`, yang terbaca sebagai {value!r} karena titik dianggap koma desimal. "
                f"Tulis angka bulat tanpa titik: `{digits}`."
            )
        if isinstance(value, str) and _RUPIAH.match(value):
            digits = re.sub(r"\D", "", _RUPIAH.sub("", value).split(",")[0])
            return f"`{field}` ditulis `{value}`. Tulis angkanya saja tanpa 'Rp' dan tanpa titik: `{digits or '50000'}`."
        if isinstance(value, str) and _THOUSANDS.match(value.strip()):
            digits = re.sub(r"[.,]\d{1,2}$", "", value.strip())  # drop ",00" sen
            return f"`{field}` ditulis `{value}`. Tulis angka bulat tanpa titik dan tanpa tanda kutip: `{re.sub(r'[.,]', '', digits)}`."
    if "string" in expected:
        if isinstance(value, bool) and plain and raw and raw.lower() in _YAML_BOOLEANS:
            return (
                f"`{field}` ditulis `{raw}` tanpa tanda kutip, sehingga YAML membacanya sebagai ya/tidak. "
                f"Beri tanda kutip: `\"{raw}\"`."
            )
        if isinstance(value, (int, float)) and not isinstance(value, bool) and "phone" in field:
            written = raw or str(value)
            octal = " dan bisa terbaca sebagai bilangan oktal" if written.startswith("0") else ""
            return (
                f"nomor telepon `{field}` ditulis sebagai angka `{written}`: angka 0 di depan bisa hilang{octal}. "
                f"Tulis dalam tanda kutip, misalnya `\"{_phone_hint(written)}\"`."
            )
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return f"`{field}` ditulis sebagai angka `{raw or value}`. Beri tanda kutip agar terbaca sebagai teks: `\"{raw or value}\"`."
    if value is None:
        return f"`{field}` kosong. Isi nilainya ({want}), atau {_CLEAR[medium]} bila tidak wajib."
    return f"`{field}` harus berupa {want}, tetapi berisi `{raw if raw is not None else value}`."


def _number(value: Any) -> str:
    """``1000000000`` -> ``1.000.000.000`` (Indonesian grouping, for messages)."""
    return f"{value:,}".replace(",", ".") if isinstance(value, int) else str(value)


def _phone_hint(written: str) -> str:
    digits = re.sub(r"\D", "", written)
    if digits.startswith("62"):
        return "+" + digits
    return digits if digits.startswith("0") else "0" + digits


def _slug_hint(value: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-")
    return slug or "nama-id"


def _join(at: PathKey, key: str) -> str:
    return f"{field_name(at)}.{key}" if at else key
