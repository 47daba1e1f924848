"""Readers: one module per document format, and detection by content."""

from __future__ import annotations

from collections.abc import Callable

from .._model import SourceDocument
from ..errors import UnknownFormatError
from ._reading import Reading, Stated
from .article import looks_like_article, read_article
from .card import looks_like_card, read_card
from .profile import looks_like_profile, read_profile

__all__ = ["FORMATS", "Reading", "Stated", "detect_format", "read_text"]

# Order matters only for documents that could pass two tests; the article
# test is the loosest (one line of words), so it comes last.
FORMATS: tuple[tuple[str, Callable[[str], bool], Callable[[str, SourceDocument], Reading]], ...] = (
    ("profile", looks_like_profile, read_profile),
    ("card", looks_like_card, read_card),
    ("article", looks_like_article, read_article),
)


def detect_format(text: str) -> str | None:
    """Return the name of the format *text* is written in, judged by content alone, or ``None``."""
    for name, looks_like, _read in FORMATS:
        if looks_like(text):
            return name
    return None


def read_text(text: str, source: SourceDocument) -> Reading:
    """Read *text*, a document in the format ``source.format``."""
    for name, _looks_like, read in FORMATS:
        if name == source.format:
            return read(text, source)
    raise UnknownFormatError(f"no reader for format {source.format!r}", path=source.path)
