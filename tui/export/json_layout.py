"""JSON text for exports of any size: one record a line, written in chunks.

``json.dumps(..., indent=1)`` runs the pure-Python encoder and puts every
field on a line of its own: the export of two million sentences took 40 s
and a dict per sentence (600 MB) held at once. Here the long lists of the
contract are :class:`Records`, made a chunk at a time; each chunk's fields
are encoded column by column (C functions for strings and integers), a
record a line. The text means exactly what ``json.dumps`` of the same data
means (``json.loads`` gives equal values); small exports stay readable: the
outer structure is indented one space a level, as before.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import chain, islice
from json.encoder import encode_basestring
from math import isfinite
from operator import itemgetter
from typing import Any

CHUNK = 20_000
"""Records made and encoded at once: bounds the dicts alive at any time."""

_BOOLEANS = {True: "true", False: "false"}
_ENCODE = json.JSONEncoder(ensure_ascii=False).encode
"""The encoder ``json.dumps(..., ensure_ascii=False)`` uses, for anything else."""


@dataclass(frozen=True)
class Records:
    """A JSON list of small objects, each made from one item when written."""

    items: Sequence[Any]
    make: Callable[[Any], Any]

    def __iter__(self) -> Iterator[Any]:
        return map(self.make, self.items)

    @classmethod
    def of_fields(cls, items: Sequence[Any], fields: dict[str, Callable[[Any], Any]]) -> Records:
        """Objects with these keys, each value read from the item by its function:
        written column by column without making a dict per item."""
        return _FieldRecords(
            items, lambda item: {key: get(item) for key, get in fields.items()}, fields
        )


@dataclass(frozen=True)
class _FieldRecords(Records):
    fields: dict[str, Callable[[Any], Any]]


def plain(value: Any) -> Any:
    """``value`` with every :class:`Records` made into a list (the contract as data)."""
    if isinstance(value, Records):
        return list(value)
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [plain(item) for item in value]
    return value


_UNSAFE = re.compile("[\x80-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
"""What ``ensure_ascii=False`` leaves raw but a terminal or an editor acts on:
C1 controls (U+009B is CSI, an escape sequence's start) and the bidi marks,
embeddings, overrides and isolates that reorder what is shown (and the line
and paragraph separators). C0 controls are escaped by ``json`` already."""


def _escape(found: re.Match[str]) -> str:
    return f"\\u{ord(found.group()):04x}"


def dumps(value: Any) -> str:
    """``value`` as JSON text: containers indented, each record on one line;
    every control and bidi character written as a ``\\uXXXX`` escape, so
    printing the export shows it and never lets it act (issue 18)."""
    parts: list[str] = []
    _write(value, 0, parts)
    parts.append("\n")
    text = "".join(parts)
    if text.isascii() or _UNSAFE.search(text) is None:  # isascii: one fast C pass
        return text
    # Such characters only ever stand inside JSON strings, where an escape means the same.
    return _UNSAFE.sub(_escape, text)


def _write(value: Any, depth: int, out: list[str]) -> None:
    inner = "\n" + " " * (depth + 1)
    if isinstance(value, Records):
        first = True
        iterator = iter(value.items)
        while chunk := list(islice(iterator, CHUNK)):
            out.append("[" + inner if first else "," + inner)
            if isinstance(value, _FieldRecords):
                lines = _field_lines(chunk, value.fields)
            else:
                lines = _lines([value.make(item) for item in chunk])
            out.append(("," + inner).join(lines))
            first = False
        out.append("[]" if first else "\n" + " " * depth + "]")
    elif isinstance(value, dict) and value:
        for number, (key, item) in enumerate(value.items()):
            out.append(("{" if number == 0 else ",") + inner + encode_basestring(key) + ": ")
            _write(item, depth + 1, out)
        out.append("\n" + " " * depth + "}")
    elif isinstance(value, list) and value:
        for number, item in enumerate(value):
            out.append(("[" if number == 0 else ",") + inner)
            _write(item, depth + 1, out)
        out.append("\n" + " " * depth + "]")
    else:
        out.append(_ENCODE(value))


def _field_lines(items: list[Any], fields: dict[str, Callable[[Any], Any]]) -> list[str]:
    """One line of JSON per item, its fields read column by column."""
    if not fields:
        return ["{}"] * len(items)
    return _rows(list(fields), [list(map(get, items)) for get in fields.values()])


def _rows(keys: list[str], values: list[list[Any]]) -> list[str]:
    """One line of JSON per row of these columns of values.

    Integers and finite floats are left to ``%d`` and ``%r`` in the line's
    template (what ``json`` writes for them), other columns are made text
    first: a million links are then one C formatting call each. A column
    with one value all along (``manual``, mostly; the score of copies) is
    written into the template instead.
    """
    formats: list[str] = []
    columns: list[list[Any]] = []
    for spec, column in map(_column, values):
        if _constant(spec, column):
            formats.append((spec % column[0]).replace("%", "%%"))
        else:
            formats.append(spec)
            columns.append(column)
    template = _template(keys, formats)
    if not columns:
        return [template % ()] * len(values[0])
    return [template % row for row in zip(*columns, strict=True)]


def _constant(spec: str, column: list[Any]) -> bool:
    """Whether every value of the column is written as its first is (0.0 and
    -0.0 are equal but written apart: such floats are never taken as one)."""
    first = column[0]
    return column.count(first) == len(column) and not (spec == "%r" and first == 0.0)


def _template(keys: Iterable[str], formats: Iterable[str]) -> str:
    """``{"key": %s, ...}``: a record's line with its values left out."""
    return (
        "{"
        + ", ".join(
            encode_basestring(key).replace("%", "%%") + ": " + spec
            for key, spec in zip(keys, formats, strict=True)
        )
        + "}"
    )


def _lines(records: list[Any]) -> list[str]:
    """One line of JSON per record; dicts with the same keys go column by column."""
    kinds = set(map(type, records))
    if kinds == {list} and set(map(type, chain.from_iterable(records))) == {int}:
        # [source, sentence] pairs
        return ["[" + ", ".join(map(int.__repr__, record)) + "]" for record in records]
    first = records[0]
    if kinds != {dict} or not first:
        return [_ENCODE(record) for record in records]
    keys = first.keys()
    if not all(map(keys.__eq__, map(dict.keys, records))):
        return [_ENCODE(record) for record in records]
    return _rows(list(keys), [list(map(itemgetter(key), records)) for key in keys])


def _column(values: list[Any]) -> tuple[str, list[Any]]:
    """The format of a column in a line's template and the values it takes:
    integers (``%d``) and finite floats (``%r``, what json writes for them)
    as they are, anything else as JSON text (``%s``), with one C call each
    where the whole column allows it."""
    kinds = set(map(type, values))
    if kinds == {int}:
        return "%d", values
    if kinds == {float} and all(map(isfinite, values)):
        return "%r", values
    if kinds == {str}:
        return "%s", list(map(encode_basestring, values))
    if kinds == {bool}:
        return "%s", list(map(_BOOLEANS.__getitem__, values))
    if kinds == {type(None)}:
        return "%s", ["null"] * len(values)
    if kinds == {list}:
        return "%s", _lists(values)
    return "%s", [_ENCODE(value) for value in values]


def _lists(values: list[Any]) -> list[str]:
    """Lists as JSON text, each distinct list encoded once: a column such as the
    links' ``why`` repeats a few lists over a million lines."""
    cache: dict[tuple[str, ...], str] = {}
    encoded = []
    for value in values:
        # Only lists of strings: 1, 1.0 and True are equal keys but not equal JSON.
        if not all(type(item) is str for item in value):
            encoded.append(_ENCODE(value))
            continue
        key = tuple(value)
        text = cache.get(key)
        if text is None:
            text = cache[key] = _ENCODE(value)
        encoded.append(text)
    return encoded
