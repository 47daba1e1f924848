"""What one document says: the common output of every reader.

A reader turns the text of one document into a :class:`Reading`: each fact it
found, wrapped in :class:`Stated` with the evidence (line or offset, raw
text) it came from.  Readers do not judge between documents; that is
reconciliation's job (``layzner._reconcile``).
"""

from __future__ import annotations

from typing import Generic, TypeVar

import attrs

from .._model import (
    Character,
    Company,
    Credit,
    Evidence,
    Link,
    PartialDate,
    Song,
    SourceDocument,
    Title,
    UnparsedLine,
)

_T = TypeVar("_T")


@attrs.frozen
class Stated(Generic[_T]):
    """A value one document states, with where it states it."""

    value: _T
    evidence: Evidence


@attrs.define
class Reading:
    """Everything one document states about its series.

    Mutable while a reader fills it in; reconciliation only reads it.
    ``title`` is the document's headline name for the series; ``titles``
    holds every name, the headline included.  ``episodes`` holds
    ``(kind, count)`` pairs, kind being a field of :class:`Episodes`.
    """

    source: SourceDocument
    title: Stated[str] | None = None
    titles: list[Stated[Title]] = attrs.Factory(list)
    media_type: Stated[str] | None = None
    source_material: Stated[str] | None = None
    episodes: list[Stated[tuple[str, int]]] = attrs.Factory(list)
    volumes: Stated[int] | None = None
    chapters: Stated[int] | None = None
    start: Stated[PartialDate] | None = None
    end: Stated[PartialDate] | None = None
    companies: list[Stated[Company]] = attrs.Factory(list)
    staff: list[Stated[Credit]] = attrs.Factory(list)
    authors: list[Stated[Credit]] = attrs.Factory(list)
    genres: list[Stated[str]] = attrs.Factory(list)
    tags: list[Stated[str]] = attrs.Factory(list)
    characters: list[Stated[Character]] = attrs.Factory(list)
    songs: list[Stated[Song]] = attrs.Factory(list)
    games: list[Stated[str]] = attrs.Factory(list)
    rating: Stated[str] | None = None
    links: list[Stated[Link]] = attrs.Factory(list)
    image: Stated[str] | None = None
    synopsis: Stated[str] | None = None
    unparsed: list[UnparsedLine] = attrs.Factory(list)

    def at_line(self, line: int, text: str) -> Evidence:
        """Return evidence for 1-based *line* of this document, whose raw text is *text*."""
        return Evidence(source=self.source.id, line=line, offset=None, text=text)

    def at_offset(self, offset: int, text: str) -> Evidence:
        """Return evidence for character *offset* of this one-line document."""
        return Evidence(source=self.source.id, line=None, offset=offset, text=text)

    def keep_unparsed(self, line: int, text: str) -> None:
        """Record a non-blank line that no rule of the reader used."""
        if text.strip():
            self.unparsed.append(UnparsedLine(source=self.source.id, line=line, text=text))
