"""Read the JSON form with cattrs (``cattrs.preconf.orjson``), to say what is wrong with a document.

:func:`layzner.from_json` reads through the fast path in ``_json_reader``;
only a document that path refuses comes here, so that the error names the
JSON path and the rule broken (``$.episodes.tv``, ``expected an array, got a
string``), and so that a document the fast path is stricter about than
need be still loads.  cattrs is imported with this module, only then.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import Any, TypeVar, get_args, get_origin

import attrs
import cattrs
from cattrs.cols import homogenous_tuple_structure_factory
from cattrs.gen import make_dict_structure_fn
from cattrs.preconf.orjson import OrjsonConverter, make_converter
from cattrs.v import format_exception

from ._convert import json_type as _json_type
from ._json_writer import KEYED_CLASSES
from ._model import PartialDate, Series
from .errors import SourceFormatError

__all__ = ["structure"]

_EVIDENCE_ENTRY = frozenset({"field", "pointer", "evidence"})
# The model allows any integer year, so the year takes a sign and any width.
_DATE = re.compile(r"(-?\d+)(?:-(\d{2})(?:-(\d{2}))?)?")
_T = TypeVar("_T")


def structure(document: dict[str, Any], *, strict: bool) -> Series:
    """Return the series *document* describes, or raise the error that says what is wrong with it.

    Raises:
        SourceFormatError: the document does not describe a series; the
            message names the JSON path.
    """
    try:
        return _converter(strict=strict).structure(document, Series)
    except (cattrs.BaseValidationError, TypeError, ValueError) as error:
        if isinstance(error, cattrs.BaseValidationError):
            detail = "; ".join(cattrs.transform_error(error, path="$", format_exception=_describe))
        else:
            detail = str(error)
        raise SourceFormatError(f"not a layzner series: {detail}") from None


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


@functools.cache
def _converter(*, strict: bool) -> OrjsonConverter:
    converter = make_converter(forbid_extra_keys=strict, detailed_validation=True)
    for type_ in (str, int, bool):
        converter.register_structure_hook(type_, _strict(type_))
    converter.register_structure_hook(PartialDate, _structure_date)
    converter.register_structure_hook_factory(_is_array_type, _arrays_only)
    converter.register_structure_hook_factory(
        attrs.has, functools.partial(_objects_only, strict=strict)
    )
    structure_series = make_dict_structure_fn(Series, converter, _cattrs_forbid_extra_keys=strict)

    def structure(data: object, _type: type[Series]) -> Series:
        if not isinstance(data, dict):
            msg = f"expected an object, got {_json_type(data)}"
            raise TypeError(msg)
        data = dict(data)
        data["evidence"] = _evidence_pairs(data.get("evidence", []), strict=strict)
        return structure_series(data, Series)

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
