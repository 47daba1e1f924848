"""Reader for the article format (work in progress)."""

from __future__ import annotations

from .._model import SourceDocument
from ._reading import Reading

__all__ = ["looks_like_article", "read_article"]


def looks_like_article(text: str) -> bool:
    """Return whether *text* is a article document."""
    return False


def read_article(text: str, source: SourceDocument) -> Reading:
    """Read a article document."""
    raise NotImplementedError
