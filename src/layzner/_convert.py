"""The JSON form of a series: writing, reading, and its JSON Schema.

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

Both directions have a fast path made for this model, one function per class
generated from its fields (``_json_writer``, ``_json_reader``): orjson serialises tuples, strings
and numbers itself, so writing only turns each model object into a dict, and
reading builds each object straight from its dict.  A document the fast
reader refuses is read again by a cattrs converter
(``cattrs.preconf.orjson``), whose detailed validation names the JSON path
of what is wrong; cattrs is imported only then.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import orjson

from ._json_reader import read_series
from ._json_writer import KEYED_CLASSES, SCHEMA_VERSION, series_data, write
from ._model import Series
from .errors import SourceFormatError

__all__ = [
    "KEYED_CLASSES",
    "PROVENANCE_FIELDS",
    "SCHEMA_VERSION",
    "from_json",
    "json_schema",
    "json_type",
    "to_json",
]

PROVENANCE_FIELDS = ("sources", "evidence", "conflicts", "unparsed")
"""The top-level fields that say where facts came from, rather than what they are."""


def json_type(value: object) -> str:
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


def to_json(series: Series) -> bytes:
    """Return *series* as compact JSON (UTF-8), with every field including provenance.

    The same series always gives the same bytes, and
    ``from_json(to_json(s)) == s`` for every series.

    .. versionadded:: 0.1
    """
    return write(series_data(series))


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
        return read_series(document, strict=strict)
    except Exception:  # the fast path refuses it: the converter says why
        from ._json_converter import structure  # noqa: PLC0415 - imports cattrs, only for this

        return structure(document, strict=strict)


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
        raise SourceFormatError(f"expected a JSON object, got {json_type(document)}")
    return dict(document)  # a copy: the caller's dict is never changed


def json_schema() -> dict[str, Any]:
    """Return the JSON Schema (draft 2020-12) of the JSON form, as shipped in the package.

    .. versionadded:: 0.1
    """
    # Read the schema file only when asked: importing layzner reads no file.
    from importlib.resources import files  # noqa: PLC0415

    text = files("layzner").joinpath("schema", "series.schema.json").read_bytes()
    schema: dict[str, Any] = orjson.loads(text)
    return schema
