"""Placeholder: the export API (formats, export) is built in issue 3."""

from __future__ import annotations

from typing import IO

import attrs

from ._model import Series

__all__ = ["FormatInfo", "export", "formats"]


@attrs.frozen
class FormatInfo:
    """An available export format, as :func:`formats` lists it."""

    name: str
    description: str
    extension: str
    distribution: str
    version: str
    status: str


def formats() -> tuple[FormatInfo, ...]:
    """Return the available export formats."""
    raise NotImplementedError


def export(series: Series, format_: str, dest: str | IO[bytes] | None = None, **options: object) -> bytes | None:
    """Export *series*."""
    raise NotImplementedError
