"""Placeholder: the cattrs/orjson converter is built in issue 3."""

from __future__ import annotations

from typing import Any

from ._model import Series

__all__ = ["from_json", "json_schema", "to_json"]


def to_json(series: Series) -> bytes:
    """Serialise *series* to JSON."""
    raise NotImplementedError


def from_json(data: bytes | str) -> Series:
    """Build a Series from JSON."""
    raise NotImplementedError


def json_schema() -> dict[str, Any]:
    """Return the JSON Schema of the JSON form."""
    raise NotImplementedError
