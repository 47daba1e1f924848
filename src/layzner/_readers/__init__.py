"""Readers: one module per document format, and the registry of formats."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from ..errors import UnknownFormatError
from ._format import DocumentFormat
from ._reading import Reading, Stated
from .article import looks_like_article, read_article
from .card import looks_like_card, read_card
from .profile import looks_like_profile, read_profile

if TYPE_CHECKING:
    from .._model import SourceDocument
    from ._lexicon import Lexicon

__all__ = [
    "FORMATS",
    "DocumentFormat",
    "Reading",
    "Stated",
    "detect",
    "detect_format",
    "format_named",
    "read_text",
]


def _without_lexicon(
    read: Callable[[str, SourceDocument], Reading],
) -> Callable[[str, SourceDocument, Lexicon | None], Reading]:
    """Return *read* taking the lexicon that a reader of a cased format has no use for."""

    def read_alone(text: str, source: SourceDocument, lexicon: Lexicon | None) -> Reading:
        return read(text, source)

    return read_alone


# The order is detection's: it matters only for a document that could pass
# two tests; the article's test is the loosest (one line of words), so it
# comes last.
FORMATS: tuple[DocumentFormat, ...] = (
    DocumentFormat(
        name="profile",
        label="profile page",
        looks_like=looks_like_profile,
        read=_without_lexicon(read_profile),
        # Its info table is edited by hand; its description is promotional,
        # where the card's synopsis is written to summarise.
        rank=0,
        field_ranks={"synopses": 1},
    ),
    DocumentFormat(
        name="card",
        label="card",
        looks_like=looks_like_card,
        read=_without_lexicon(read_card),
        # Generated from a database: below the profile, save for the synopsis.
        rank=1,
        field_ranks={"synopses": 0},
    ),
    DocumentFormat(
        name="article",
        label="article",
        looks_like=looks_like_article,
        read=read_article,
        # The encyclopedia article lost its case, digits and punctuation.
        rank=2,
        lossy=True,
        needs_lexicon=True,
        cites_offsets=True,
        partial_romanisations=True,
        headline_language="en",
    ),
)


def detect(text: str) -> DocumentFormat | None:
    """Return the format *text* is written in, judged by content alone, or ``None``."""
    return next((format_ for format_ in FORMATS if format_.looks_like(text)), None)


def detect_format(text: str) -> str | None:
    """Return the name of the format *text* is written in, judged by content alone, or ``None``."""
    format_ = detect(text)
    return None if format_ is None else format_.name


def format_named(name: str) -> DocumentFormat | None:
    """Return the format called *name*, or ``None`` if no reader reads it."""
    return next((format_ for format_ in FORMATS if format_.name == name), None)


def read_text(text: str, source: SourceDocument, lexicon: Lexicon | None = None) -> Reading:
    """Read *text*, a document in the format ``source.format``; *lexicon* serves a lossy format."""
    format_ = format_named(source.format)
    if format_ is None:
        raise UnknownFormatError(f"no reader for format {source.format!r}", path=source.path)
    return format_.read(text, source, lexicon)
