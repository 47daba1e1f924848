"""The JSON form of a series: a cattrs converter (``cattrs.preconf.orjson``) and its JSON Schema.

The JSON form is an object with ``schema_version`` first and then every field
of :class:`layzner.Series` in declaration order.  Dates are ISO 8601 strings
as precise as they are known (``"1985"``, ``"1985-10"``, ``"1985-10-03"``),
and :attr:`Series.evidence` is a list of ``{"field", "evidence"}`` objects.
The schema (JSON Schema draft 2020-12) ships as ``layzner/schema/series.schema.json``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import Any, TypeVar

import cattrs
import orjson
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn
from cattrs.preconf.orjson import OrjsonConverter, make_converter
from cattrs.v import format_exception

from ._model import Evidence, PartialDate, Series
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

# The model allows any integer year, so the year takes a sign and any width.
_DATE = re.compile(r"(-?\d+)(?:-(\d{2})(?:-(\d{2}))?)?")
_T = TypeVar("_T")


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


@functools.cache
def _converter() -> OrjsonConverter:
    converter = make_converter(forbid_extra_keys=True, detailed_validation=True)
    for type_ in (str, int, bool):
        converter.register_structure_hook(type_, _strict(type_))
    converter.register_unstructure_hook(PartialDate, PartialDate.isoformat)
    converter.register_structure_hook(PartialDate, _structure_date)

    unstructure_series = make_dict_unstructure_fn(Series, converter)
    structure_series = make_dict_structure_fn(Series, converter, _cattrs_forbid_extra_keys=True)

    def unstructure(series: Series) -> dict[str, Any]:
        data = unstructure_series(series)
        data["evidence"] = [
            {"field": field, "evidence": converter.unstructure(evidence, tuple[Evidence, ...])}
            for field, evidence in series.evidence
        ]
        return data

    def structure(data: object, _type: type[Series]) -> Series:
        if not isinstance(data, dict):
            msg = f"expected an object, got {type(data).__name__}"
            raise TypeError(msg)
        data = dict(data)
        pairs = data.get("evidence", [])
        if not isinstance(pairs, list):
            msg = "evidence: expected a list of {field, evidence} objects"
            raise TypeError(msg)
        evidence = []
        for pair in pairs:
            if not isinstance(pair, dict) or set(pair) != {"field", "evidence"}:
                msg = f"evidence: expected a {{field, evidence}} object, got {pair!r}"
                raise TypeError(msg)
            evidence.append([pair["field"], pair["evidence"]])
        data["evidence"] = evidence
        return structure_series(data, Series)

    converter.register_unstructure_hook(Series, unstructure)
    converter.register_structure_hook(Series, structure)
    return converter


def unstructure(series: Series) -> dict[str, Any]:
    """Return the JSON form of *series* as plain Python data, ``schema_version`` first."""
    data: dict[str, Any] = {"schema_version": SCHEMA_VERSION}
    data.update(_converter().unstructure(series, Series))
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


def from_json(data: bytes | str) -> Series:
    """Build a :class:`layzner.Series` from its JSON form, as :func:`to_json` or ``--format json`` writes it.

    Fields left out take their defaults, so the output of ``--format json``
    without provenance loads too; unknown fields are rejected.

    Raises:
        SourceFormatError: *data* is not JSON, has another ``schema_version``,
            or does not describe a series (the message names the JSON path).

    .. versionadded:: 0.1
    """
    try:
        document = orjson.loads(data)
    except orjson.JSONDecodeError as error:
        raise SourceFormatError(f"not JSON: {error}") from None
    if not isinstance(document, dict):
        raise SourceFormatError(f"expected a JSON object, got {type(document).__name__}")
    version = document.pop("schema_version", None)
    if version != SCHEMA_VERSION:
        msg = f"schema_version must be {SCHEMA_VERSION}, got {version!r}"
        raise SourceFormatError(msg)
    try:
        return _converter().structure(document, Series)
    except (cattrs.BaseValidationError, TypeError, ValueError) as error:
        if isinstance(error, cattrs.BaseValidationError):
            detail = "; ".join(cattrs.transform_error(error, path="$", format_exception=_describe))
        else:
            detail = str(error)
        raise SourceFormatError(f"not a layzner series: {detail}") from None


def _describe(error: BaseException, type_: type | None) -> str:
    described = format_exception(error, type_)
    # The model's own validators say precisely what is wrong ("must not be negative").
    if isinstance(error, ValueError | TypeError) and str(error) and str(error) not in described:
        described += f" ({error})"
    return described


def json_schema() -> dict[str, Any]:
    """Return the JSON Schema (draft 2020-12) of the JSON form, as shipped in the package.

    .. versionadded:: 0.1
    """
    # Read the schema file only when asked: importing layzner reads no file.
    from importlib.resources import files  # noqa: PLC0415

    text = files("layzner").joinpath("schema", "series.schema.json").read_bytes()
    schema: dict[str, Any] = orjson.loads(text)
    return schema
