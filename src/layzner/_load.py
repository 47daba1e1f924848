"""Placeholder: load() is being built."""

from __future__ import annotations

from ._model import Series

__all__ = ["load"]


def load(path: object = None) -> Series:
    """Load a series."""
    raise NotImplementedError
