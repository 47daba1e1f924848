"""Read a series from its parsed JSON form: one generated function per model class.

This is the fast path of :func:`layzner.from_json`.  It accepts exactly what
the cattrs converter in ``_json_converter`` accepts and builds the same
objects, but it does not say what is wrong: any document it refuses (it
raises any exception) is read again by the converter, whose detailed
validation names the JSON path.  So the rules here only need to be at least
as strict:

* a string, integer or boolean field takes a value of exactly that type
  (``True`` is no integer, ``5`` no string); an optional one also ``null``;
* a list field takes an array, never a string or an object;
* an object takes a JSON object; its ``key`` is derived, so never read;
  unknown members are ignored, or refused when *strict*;
* a field left out takes the model's default; the model's own validators
  (a slug id, a known title kind...) run as the objects are built.

Each class's reader is generated once, at first use, from the class's
``attrs`` fields and their types, as attrs generates ``__init__``: the checks
are written out in it, not called, because a series holds many small
objects and a call per field would cost more than the object itself.  A
list of objects is read by one loop with the checks inside.
``tests/test_convert.py`` checks, on generated and on damaged documents,
that this path and the converter agree.
"""

from __future__ import annotations

import functools
import re
import typing
from collections.abc import Callable
from typing import Any

import attrs

from ._json_writer import KEYED_CLASSES, MODEL_CLASSES, compile_functions, field_types
from ._model import Evidence, PartialDate, Series

__all__ = ["read_series"]

# The model allows any integer year, so the year takes a sign and any width.
_DATE = re.compile(r"(-?\d+)(?:-(\d{2})(?:-(\d{2}))?)?")


class _RefusedError(Exception):
    """The document is not one the fast path reads; the converter says why."""


_ABSENT: Any = object()  # a list left out, which takes its default ()

# A field of one of these types is checked in place: "{}" is its value.
_CHECKS: dict[object, str] = {
    str: "type({}) is not str",
    int: "type({}) is not int",
    bool: "type({}) is not bool",
    str | None: "type({}) not in TEXT_OR_NULL",
    int | None: "type({}) not in INT_OR_NULL",
}
# A field of one of these types is read by a function of the namespace.
_EVIDENCE_ENTRIES = tuple[tuple[str, tuple[Evidence, ...]], ...]
_READ_BY: dict[object, str] = {
    PartialDate | None: "date",
    tuple[str, ...]: "texts",
    _EVIDENCE_ENTRIES: "evidence_entries",  # rewritten into {field, pointer, evidence} objects
}


def _texts(value: object) -> tuple[str, ...]:
    if value is _ABSENT:
        return ()
    if not isinstance(value, list):
        raise _RefusedError
    for item in value:  # a loop: most lists are empty or short
        if type(item) is not str:
            raise _RefusedError
    return tuple(value)


def _date(value: object) -> PartialDate | None:
    if value is None:
        return None
    if type(value) is not str or not (match := _DATE.fullmatch(value)):
        raise _RefusedError
    year, month, day = match.groups()
    return PartialDate(
        int(year), None if month is None else int(month), None if day is None else int(day)
    )


def _evidence_entries(
    read_evidence: Callable[[object], tuple[Evidence, ...]], *, strict: bool
) -> Callable[[object], tuple[tuple[str, tuple[Evidence, ...]], ...]]:
    known = frozenset({"field", "pointer", "evidence"})

    def read_entry(value: object) -> tuple[str, tuple[Evidence, ...]]:
        if not isinstance(value, dict) or (strict and not value.keys() <= known):
            raise _RefusedError
        field = value["field"]
        if type(field) is not str:
            raise _RefusedError
        return field, read_evidence(value["evidence"])

    def read_entries(value: object) -> tuple[tuple[str, tuple[Evidence, ...]], ...]:
        if value is _ABSENT:
            return ()
        if not isinstance(value, list):
            raise _RefusedError
        return tuple(map(read_entry, value))

    return read_entries


def _reader_name(hint: Any) -> str | None:
    """Return the name of the function that reads a field of type *hint*, or ``None`` if checked."""
    if hint in _READ_BY:
        return _READ_BY[hint]
    if attrs.has(hint):
        return f"read_{hint.__name__}"
    args = typing.get_args(hint)
    if typing.get_origin(hint) is tuple and len(args) == 2 and attrs.has(args[0]):
        return f"read_list_{args[0].__name__}"
    if hint in _CHECKS:
        return None
    msg = f"the JSON reader cannot read a field of type {hint!r}"
    raise TypeError(msg)


def _field_source(
    cls: type, field: attrs.Attribute[Any], hint: object, namespace: dict[str, Any]
) -> str:
    """Return the expression of *field*'s JSON value in ``data``, its default when left out."""
    name = field.name
    reader = _reader_name(hint)
    wrap = (lambda raw: raw) if reader is None else (lambda raw: f"{reader}({raw})")
    if field.default is attrs.NOTHING:
        return wrap(f'data["{name}"]')
    if field.default == ():
        return wrap(f'get("{name}", ABSENT)')  # a list reader returns () for it
    if field.default is None or type(field.default) in {bool, int, str}:
        return wrap(f'get("{name}", {field.default!r})')
    # An object, such as Episodes(): read only when given, else the very default.
    namespace[default := f"DEFAULT_{cls.__name__}_{name}"] = field.default
    return f'{wrap(f"data[{name!r}]")} if "{name}" in data else {default}'


def _object_body(cls: type, namespace: dict[str, Any], indent: str, make: str) -> str:
    """Return the lines that check and build one *cls* from ``data``, then *make* it."""
    hints = field_types(cls)
    lines, checks, arguments = [], [], []
    for field in attrs.fields(cls):
        value = _field_source(cls, field, hints[field.name], namespace)
        if hints[field.name] in _CHECKS:
            lines.append(f"{indent}f_{field.name} = {value}")
            checks.append(_CHECKS[hints[field.name]].format(f"f_{field.name}"))
            value = f"f_{field.name}"
        arguments.append(value)
    if checks:
        lines.append(f"{indent}if {' or '.join(checks)}:\n{indent}    raise RefusedError")
    lines.append(f"{indent}{make}({cls.__name__}({', '.join(arguments)}))")
    if any("get(" in line for line in (*lines, *arguments)):
        lines.insert(0, f"{indent}get = data.get")
    return "\n".join(lines) + "\n"


def _readers_source(cls: type, namespace: dict[str, Any], *, strict: bool) -> str:
    """Return the source of ``read_<cls>`` (one object) and, but for Series, ``read_list_<cls>`` (an array)."""
    name = cls.__name__
    namespace[f"KNOWN_{name}"] = frozenset(
        {field.name for field in attrs.fields(cls)} | ({"key"} if cls in KEYED_CLASSES else set())
    )
    refuse = (
        f"not isinstance(data, dict) or not data.keys() <= KNOWN_{name}"
        if strict
        else "not isinstance(data, dict)"
    )
    return (
        f"def read_{name}(data):\n"
        f"    if {refuse}:\n"
        "        raise RefusedError\n" + _object_body(cls, namespace, "    ", "return ")
    ) + ("" if cls is Series else _list_reader_source(cls, namespace, refuse))


def _list_reader_source(cls: type, namespace: dict[str, Any], refuse: str) -> str:
    # One loop for a list, with the checks inside: a call per item would cost more than them.
    return (
        f"def read_list_{cls.__name__}(value):\n"
        "    if value is ABSENT:\n"
        "        return ()\n"
        "    if not isinstance(value, list):\n"
        "        raise RefusedError\n"
        "    read = []\n"
        "    append = read.append\n"
        "    for data in value:\n"
        f"        if {refuse}:\n"
        "            raise RefusedError\n"
        + _object_body(cls, namespace, "        ", "append")
        + "    return tuple(read)\n"
    )


@functools.cache
def _series_reader(*, strict: bool) -> Callable[[dict[str, Any]], Series]:
    """Generate the readers of every model class, once for each strictness, and return Series'."""
    classes = [
        cls for cls in (*MODEL_CLASSES, Series) if cls is not PartialDate
    ]  # a date is a string
    namespace: dict[str, Any] = {
        "RefusedError": _RefusedError,
        "ABSENT": _ABSENT,
        "TEXT_OR_NULL": frozenset({str, type(None)}),
        "INT_OR_NULL": frozenset({int, type(None)}),
        "texts": _texts,
        "date": _date,
        **{cls.__name__: cls for cls in classes},
    }
    source = "".join(_readers_source(cls, namespace, strict=strict) for cls in classes)
    compile_functions(source, namespace, f"{__name__} (strict={strict})")
    namespace["evidence_entries"] = _evidence_entries(
        namespace["read_list_Evidence"], strict=strict
    )
    return typing.cast(Callable[[dict[str, Any]], Series], namespace["read_Series"])


def read_series(data: dict[str, Any], *, strict: bool) -> Series:
    """Return the series *data* describes (``schema_version`` removed).

    Raises:
        Exception: any exception, when the document is not one this path reads;
            the converter then says what is wrong.
    """
    return _series_reader(strict=strict)(data)
