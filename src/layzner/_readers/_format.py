"""What layzner knows of a document format: one descriptor per format.

Loading and reconciliation never name a format; they ask its descriptor
what they need (how to detect and read it, how far to trust it, what its
text lost), so that a new format is one more descriptor in the readers'
registry (``layzner._readers.FORMATS``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

import attrs

if TYPE_CHECKING:
    from .._model import SourceDocument
    from ._lexicon import Lexicon
    from ._reading import Reading


@attrs.frozen
class DocumentFormat:
    """One document format: how to recognise and read it, and how far to trust it.

    Attributes:
        name: the value of :attr:`SourceDocument.format <layzner.SourceDocument.format>`.
        label: how a conflict's reason names a document of this format
            ("the profile page (000_...)").
        looks_like: whether a text is in this format, judged by content alone.
        read: read a text in this format; the lexicon is ``None`` unless
            *needs_lexicon*.
        rank: where documents disagree, the lowest rank wins; the same rank
            orders the statements of a list, the best-trusted first.
        field_ranks: a rank for the fields (by :class:`~layzner.Series`
            attribute) where this format is trusted more or less than *rank*.
        lossy: the text lost its case, digits and punctuation: its names
            compare by lossy keys, and its spelling of a name is a damaged
            copy, never a variant worth keeping.
        needs_lexicon: the reader restores what the text lost from the names
            the other documents wrote, so it reads after them, with their
            :class:`~layzner._readers._lexicon.Lexicon`.
        cites_offsets: the reader cites character offsets, not lines (a
            document of one line).
        partial_romanisations: its romanised titles may lack words (the
            particles): they link documents and support another document's
            title, but are no title of their own.
        headline_language: the language of the headline, where the format
            writes its headline apart from its titles; such a headline that
            no other document gives becomes an official title.  ``None``
            when the headline is one of the document's titles.
    """

    name: str
    label: str
    looks_like: Callable[[str], bool]
    read: Callable[[str, SourceDocument, Lexicon | None], Reading]
    rank: int
    field_ranks: Mapping[str, int] = attrs.field(factory=dict)
    lossy: bool = False
    needs_lexicon: bool = False
    cites_offsets: bool = False
    partial_romanisations: bool = False
    headline_language: str | None = None

    def rank_for(self, field: str) -> int:
        """Return this format's rank for the :class:`~layzner.Series` attribute *field*."""
        return self.field_ranks.get(field, self.rank)
