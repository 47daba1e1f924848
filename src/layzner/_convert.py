"""The JSON form of a series: a cattrs converter (``cattrs.preconf.orjson``) and its JSON Schema.

The JSON form is an object with ``schema_version`` first and then every field
of :class:`layzner.Series` in declaration order.  Dates are ISO 8601 strings
as precise as they are known (``"1985"``, ``"1985-10"``, ``"1985-10-03"``).
Every item that evidence can name (a title, a character, a song...) carries
its ``key`` first, and :attr:`Series.evidence` is a list of ``{"field",
"pointer", "evidence"}`` objects, ``pointer`` being the RFC 6901 JSON Pointer
of the value the field path names.  ``key`` and ``pointer`` are derived, so
reading ignores them.

Reading is forward compatible: unknown fields are ignored unless
``strict=True``.  The schema (JSON Schema draft 2020-12) ships as
``layzner/schema/series.schema.json``; ``docs/json.md`` is the contract.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Mapping
from typing import Any, TypeVar, get_args, get_origin

import attrs
import cattrs
import orjson
from cattrs.cols import homogenous_tuple_structure_factory
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn
from cattrs.preconf.orjson import OrjsonConverter, make_converter
from cattrs.v import format_exception

from ._model import (
    Character,
    Company,
    Credit,
    Evidence,
    Link,
    PartialDate,
    Series,
    Song,
    Synopsis,
    Title,
    slugify,
)
from .errors import SourceFormatError

__all__ = [
    "PROVENANCE_FIELDS",
    "SCHEMA_VERSION",
    "dumps",
    "from_json",
    "json_schema",
    "to_json",
    "unstructure",
]

SCHEMA_VERSION = 1
"""The version of the JSON form; it changes only when a reader would misread the old form."""

PROVENANCE_FIELDS = ("sources", "evidence", "conflicts", "unparsed")
"""The top-level fields that say where facts came from, rather than what they are."""

KEYED_CLASSES: tuple[type, ...] = (Title, Company, Credit, Character, Song, Link, Synopsis)
"""The model classes whose JSON objects carry their ``key``, which evidence paths name."""

_EVIDENCE_ENTRY = frozenset({"field", "pointer", "evidence"})
# The model allows any integer year, so the year takes a sign and any width.
_DATE = re.compile(r"(-?\d+)(?:-(\d{2})(?:-(\d{2}))?)?")
# One step of a field path: a name, and the key of a list item in brackets.
_PATH_STEP = re.compile(r"([^.\[\]]+)(?:\[([^\]]*)\])?")
_T = TypeVar("_T")


def _json_type(value: object) -> str:
    """Return the JSON type of a parsed value, in words, for messages."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    return "an array" if isinstance(value, list) else "an object"


def _strict(type_: type[_T]) -> Callable[[object, type[_T]], _T]:
    # cattrs would turn 5 into "5" or "5" into 5; a JSON document with the
    # wrong type is malformed, not something to repair silently.
    def structure(value: object, _type: type[_T]) -> _T:
        if type(value) is not type_:
            msg = f"expected {type_.__name__}, got {type(value).__name__} {value!r}"
            raise TypeError(msg)
        return value

    return structure


def _structure_date(value: object, _type: type[PartialDate]) -> PartialDate:
    if not isinstance(value, str) or not (match := _DATE.fullmatch(value)):
        msg = f"expected a date as YYYY, YYYY-MM or YYYY-MM-DD, got {value!r}"
        raise ValueError(msg)
    year, month, day = (int(part) if part else None for part in match.groups())
    assert year is not None  # the pattern requires it
    return PartialDate(year, month, day)


def _is_array_type(type_: object) -> bool:
    args = get_args(type_)
    return get_origin(type_) is tuple and len(args) == 2 and args[1] is Ellipsis


def _arrays_only(type_: Any, converter: cattrs.Converter) -> Callable[[object, Any], Any]:
    # cattrs makes a tuple of any iterable: "Action" would become its letters
    # and an object its keys.  A list field takes a JSON array and nothing else.
    structure_items = homogenous_tuple_structure_factory(type_, converter)

    def structure(value: object, type_: Any) -> Any:
        if not isinstance(value, list):
            msg = f"expected an array, got {_json_type(value)}"
            raise TypeError(msg)
        return structure_items(value, type_)

    return structure


def _objects_only(cls: type, converter: cattrs.Converter, *, strict: bool) -> Any:
    structure_fields: Callable[..., Any] = make_dict_structure_fn(
        cls, converter, _cattrs_forbid_extra_keys=strict
    )
    keyed = cls in KEYED_CLASSES

    def structure(value: object, type_: Any) -> Any:
        if not isinstance(value, dict):
            msg = f"expected an object, got {_json_type(value)}"
            raise TypeError(msg)
        if keyed and "key" in value:  # derived from the other fields: never read
            value = {name: item for name, item in value.items() if name != "key"}
        return structure_fields(value, type_)

    return structure


def _keyed_unstructure(cls: type, converter: cattrs.Converter) -> Callable[[Any], dict[str, Any]]:
    unstructure_fields: Callable[[Any], dict[str, Any]] = make_dict_unstructure_fn(cls, converter)

    def unstructure(item: Any) -> dict[str, Any]:
        return {"key": item.key, **unstructure_fields(item)}

    return unstructure


@functools.cache
def _converter(*, strict: bool) -> OrjsonConverter:
    converter = make_converter(forbid_extra_keys=strict, detailed_validation=True)
    for type_ in (str, int, bool):
        converter.register_structure_hook(type_, _strict(type_))
    converter.register_unstructure_hook(PartialDate, PartialDate.isoformat)
    converter.register_structure_hook(PartialDate, _structure_date)
    converter.register_structure_hook_factory(_is_array_type, _arrays_only)
    converter.register_structure_hook_factory(
        attrs.has, functools.partial(_objects_only, strict=strict)
    )
    for cls in KEYED_CLASSES:
        converter.register_unstructure_hook(cls, _keyed_unstructure(cls, converter))

    unstructure_series = make_dict_unstructure_fn(Series, converter)
    structure_series = make_dict_structure_fn(Series, converter, _cattrs_forbid_extra_keys=strict)

    def unstructure(series: Series) -> dict[str, Any]:
        data = unstructure_series(series)
        pointers = _Pointers(data)
        data["evidence"] = [
            {
                "field": field,
                "pointer": pointers.find(field),
                "evidence": converter.unstructure(evidence, tuple[Evidence, ...]),
            }
            for field, evidence in series.evidence
        ]
        return data

    def structure(data: object, _type: type[Series]) -> Series:
        if not isinstance(data, dict):
            msg = f"expected an object, got {_json_type(data)}"
            raise TypeError(msg)
        data = dict(data)
        data["evidence"] = _evidence_pairs(data.get("evidence", []), strict=strict)
        return structure_series(data, Series)

    converter.register_unstructure_hook(Series, unstructure)
    converter.register_structure_hook(Series, structure)
    return converter


def _evidence_pairs(entries: object, *, strict: bool) -> list[list[object]]:
    """Return the ``[field, evidence]`` pairs of the JSON ``evidence`` array, for cattrs."""
    if not isinstance(entries, list):
        msg = (
            f"evidence: expected an array of {{field, evidence}} objects, got {_json_type(entries)}"
        )
        raise TypeError(msg)
    pairs: list[list[object]] = []
    for entry in entries:
        if not isinstance(entry, dict) or not {"field", "evidence"} <= set(entry):
            msg = f"evidence: expected a {{field, evidence}} object, got {entry!r}"
            raise TypeError(msg)
        if strict and set(entry) - _EVIDENCE_ENTRY:
            unknown = ", ".join(sorted(set(entry) - _EVIDENCE_ENTRY))
            msg = f"evidence: unknown keys in {{field, evidence}} object: {unknown}"
            raise TypeError(msg)
        pairs.append([entry["field"], entry["evidence"]])
    return pairs


class _Pointers:
    """Find the JSON Pointer of the value a field path names, in one series' JSON form.

    Each list is indexed by key once, so a series with many evidenced items
    costs linear time, not quadratic.
    """

    def __init__(self, data: dict[str, Any]) -> None:
        self._data = data
        self._indexes: dict[str, dict[str, int]] = {}

    def find(self, field: str) -> str | None:
        """Return the pointer for *field* (``"songs[ending-1].title"`` -> ``"/songs/1/title"``), or ``None``."""
        node: Any = self._data
        pointer = ""
        for step in field.split("."):
            match = _PATH_STEP.fullmatch(step)
            if match is None or not isinstance(node, dict) or match[1] not in node:
                return None  # a view such as titles.ja, or no JSON value
            name, key = match[1], match[2]
            node = node[name]
            pointer += f"/{name}"
            if key is None:
                continue
            if not isinstance(node, list):
                return None
            index = self._index(pointer, node).get(key)
            if index is None:
                return None
            node = node[index]
            pointer += f"/{index}"
        return pointer

    def _index(self, pointer: str, items: list[Any]) -> dict[str, int]:
        if pointer not in self._indexes:
            index: dict[str, int] = {}
            for position, item in enumerate(items):
                key = item.get("key") if isinstance(item, dict) else slugify(str(item))
                index.setdefault(str(key), position)
            self._indexes[pointer] = index
        return self._indexes[pointer]


def unstructure(series: Series) -> dict[str, Any]:
    """Return the JSON form of *series* as plain Python data, ``schema_version`` first."""
    data: dict[str, Any] = {"schema_version": SCHEMA_VERSION}
    data.update(_converter(strict=False).unstructure(series, Series))
    return data


def dumps(data: object, *, indent: bool = False) -> bytes:
    """Serialise plain data with orjson, deterministically (key order as built)."""
    return orjson.dumps(data, option=orjson.OPT_INDENT_2 if indent else None)


def to_json(series: Series) -> bytes:
    """Return *series* as compact JSON (UTF-8), with every field including provenance.

    The same series always gives the same bytes, and
    ``from_json(to_json(s)) == s`` for every series.

    .. versionadded:: 0.1
    """
    return dumps(unstructure(series))


def from_json(data: bytes | str | Mapping[str, Any], *, strict: bool = False) -> Series:
    """Build a :class:`layzner.Series` from its JSON form, as :func:`to_json` or ``--format json`` writes it.

    Args:
        data: JSON text (``bytes`` or ``str``), or the object a JSON parser
            already made of it (a ``dict``).
        strict: reject fields this version of layzner does not know.  By
            default they are ignored, so that a file written by a newer
            layzner, with new optional fields, still loads.

    Fields left out take their defaults, so the output of ``--format json``
    without provenance loads too.  ``key`` and ``pointer`` are derived from
    the other fields and are not read.

    Raises:
        SourceFormatError: *data* is not JSON, has another ``schema_version``,
            or does not describe a series (the message names the JSON path).

    .. versionadded:: 0.1
    """
    document = _parse(data)
    version = document.pop("schema_version", None)
    # True == 1 and 1.0 == 1 in Python; neither is the integer the form writes.
    if type(version) is not int or version != SCHEMA_VERSION:
        msg = f"schema_version must be the integer {SCHEMA_VERSION}, got {version!r}"
        raise SourceFormatError(msg)
    try:
        return _converter(strict=strict).structure(document, Series)
    except (cattrs.BaseValidationError, TypeError, ValueError) as error:
        if isinstance(error, cattrs.BaseValidationError):
            detail = "; ".join(cattrs.transform_error(error, path="$", format_exception=_describe))
        else:
            detail = str(error)
        raise SourceFormatError(f"not a layzner series: {detail}") from None


def _parse(data: object) -> dict[str, Any]:
    if isinstance(data, bytes | bytearray | memoryview | str):
        try:
            document = orjson.loads(data)
        except orjson.JSONDecodeError as error:
            raise SourceFormatError(f"not JSON: {error}") from None
    elif isinstance(data, Mapping):
        document = data
    else:
        msg = f"expected JSON text (bytes or str) or a parsed JSON object (dict), got {type(data).__name__}"
        raise SourceFormatError(msg)
    if not isinstance(document, Mapping):
        raise SourceFormatError(f"expected a JSON object, got {_json_type(document)}")
    return dict(document)  # a copy: the caller's dict is never changed


def _describe(error: BaseException, type_: type | None) -> str:
    described = format_exception(error, type_)
    # The model's own validators say precisely what is wrong ("must not be negative").
    if isinstance(error, ValueError | TypeError) and str(error) and str(error) not in described:
        described += f" ({_first_line(error)})"
    return described


def _first_line(error: BaseException) -> str:
    # attrs' in_ validator puts (message, attribute, options, value) in args.
    if error.args and isinstance(error.args[0], str):
        return error.args[0]
    return str(error)


def json_schema() -> dict[str, Any]:
    """Return the JSON Schema (draft 2020-12) of the JSON form, as shipped in the package.

    .. versionadded:: 0.1
    """
    # Read the schema file only when asked: importing layzner reads no file.
    from importlib.resources import files  # noqa: PLC0415

    text = files("layzner").joinpath("schema", "series.schema.json").read_bytes()
    schema: dict[str, Any] = orjson.loads(text)
    return schema
