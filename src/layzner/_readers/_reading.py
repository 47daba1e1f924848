"""What one document says: the common output of every reader.

A reader turns the text of one document into a :class:`Reading`: each fact it
found, wrapped in :class:`Stated` with the evidence (line or offset, raw
text) it came from.  Readers do not judge between documents; that is
reconciliation's job (``layzner._reconcile``).

Readers are lenient: a value they cannot read becomes an
:class:`~layzner.UnparsedLine` with its reason, and the rest of the document
is read.  Such a line is also listed in :attr:`Reading.refusals`, so that
strict loading can raise it as the :class:`~layzner.SourceFormatError` it is.
"""

from __future__ import annotations

import bisect
import re
from typing import Generic, NamedTuple, TypeVar

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
# Characters outside the Basic Multilingual Plane: two UTF-16 units each.
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


class Stated(NamedTuple, Generic[_T]):
    """A value one document states, with where it states it.

    A named tuple rather than an attrs class: readers make one for every
    fact of every line, and a tuple is the cheapest immutable pair to make.
    """

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
    #: The unparsed lines whose value could not be read (a bad date, a song
    #: without a title): the errors strict loading raises.
    refusals: list[UnparsedLine] = attrs.Factory(list)
    #: The other lines of a statement, keyed by its evidence: the second
    #: bullet of a split author, a line that repeats the same fact.
    more_lines: dict[Evidence, list[Evidence]] = attrs.Factory(dict)
    # The whole text, for the readers that cite offsets: their evidence also
    # gives the offset in UTF-16 units, which JavaScript consumers index by.
    document_text: str | None = attrs.field(default=None, repr=False)
    _astral: list[int] | None = attrs.field(default=None, init=False, repr=False)

    def at_line(self, line: int, text: str) -> Evidence:
        """Return evidence for 1-based *line* of this document, whose raw text is *text*."""
        return Evidence(source=self.source.id, line=line, offset=None, text=text)

    def at_offset(self, offset: int, text: str) -> Evidence:
        """Return evidence for character *offset* of this one-line document."""
        return Evidence(
            source=self.source.id,
            line=None,
            offset=offset,
            text=text,
            offset_utf16=self._utf16(offset),
        )

    def _utf16(self, offset: int) -> int | None:
        """Return *offset* in UTF-16 units: one more for each character beyond U+FFFF before it."""
        if self.document_text is None:
            return None
        if self._astral is None:
            self._astral = [m.start() for m in _ASTRAL.finditer(self.document_text)]
        return offset + bisect.bisect_left(self._astral, offset)

    def keep_unparsed(self, line: int, text: str, reason: str) -> None:
        """Record a non-blank line that no rule of the reader used, and why."""
        if text.strip():
            self.unparsed.append(UnparsedLine(self.source.id, line, text, reason))

    def refuse(self, line: int, text: str, reason: str) -> None:
        """Record a line whose value cannot be read: unparsed, and an error in strict mode."""
        unparsed = UnparsedLine(self.source.id, line, text, reason)
        self.unparsed.append(unparsed)
        self.refusals.append(unparsed)

    def cite_also(self, evidence: Evidence, line: int, text: str) -> None:
        """Record that the statement with *evidence* is also made by *line*."""
        self.more_lines.setdefault(evidence, []).append(self.at_line(line, text))
