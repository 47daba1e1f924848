"""The flattened article as words: their folded forms, where each occurs, and evidence for spans of them."""

from __future__ import annotations

import re
from typing import Self

import attrs

from ._lexicon import Lexicon, fold_for_article
from ._reading import Reading, Stated

__all__ = ["FlatText", "Span"]

Span = tuple[int, int, str]
"""Words ``start`` to ``end`` (exclusive) of the article, and the name they give."""


@attrs.frozen
class _Token:
    raw: str
    folded: str
    offset: int


@attrs.define
class FlatText:
    """The article's words, the lexicon of what the cased documents know, and the reading being filled.

    Cues are matched on the article's own words (``words``); the folded
    words (long vowels and macrons collapsed) are only for matching names.
    """

    reading: Reading
    lexicon: Lexicon
    tokens: list[_Token]
    words: list[str] = attrs.field(init=False)
    folded: list[str] = attrs.field(init=False)
    # Words already read as part of a fact, so that a later cue reading
    # backwards (a licensor before "announced") does not take them again.
    consumed: set[int] = attrs.field(init=False, factory=set)
    # Where each word occurs, so that looking for a cue is not a scan.
    positions: dict[str, list[int]] = attrs.field(init=False, factory=dict)
    # People this article named in full, by each word of their name, so that
    # "director izubuchi" later is the "yutaka izubuchi" read before; None
    # where two people share the word ("jun maeda", "naga maeda").
    people: dict[str, Span | None] = attrs.field(init=False, factory=dict)

    @classmethod
    def of(cls, text: str, reading: Reading, lexicon: Lexicon) -> Self:
        """Split *text* into words."""
        tokens = [
            _Token(m.group(0), (fold_for_article(m.group(0)) or ("",))[0], m.start())
            for m in re.finditer(r"\S+", text)
        ]
        return cls(reading, lexicon, tokens)

    def __attrs_post_init__(self) -> None:
        self.words = [t.raw for t in self.tokens]
        self.folded = [t.folded for t in self.tokens]
        for index, word in enumerate(self.words):
            self.positions.setdefault(word, []).append(index)

    def __len__(self) -> int:
        return len(self.words)

    def word(self, index: int) -> str:
        """Return word *index*, or ``""`` past either end."""
        return self.words[index] if 0 <= index < len(self.words) else ""

    def evidence(self, start: int, end: int) -> Stated[None]:
        """Return evidence for words *start* to *end*, and mark them as read."""
        self.consumed.update(range(start, end))
        span = self.tokens[start:end]
        if not span:
            return Stated(None, self.reading.at_offset(0, ""))
        # The text exactly as the document has it, whatever spaces it holds,
        # so that a consumer can find it at its offset.
        first, last = span[0].offset, span[-1].offset + len(span[-1].raw)
        assert self.reading.document_text is not None  # read_article sets it
        return Stated(None, self.reading.at_offset(first, self.reading.document_text[first:last]))

    def restore(self, start: int, end: int) -> str:
        """Return words *start* to *end* with the case and stop words the cased documents wrote."""
        return self.lexicon.restore(self.folded[start:end], self.words[start:end])

    def variants(self, start: int, end: int, name: str) -> tuple[str, ...]:
        """Return the article's own spelling of *name* when it differs (``Ryōsuke``).

        A family name standing for a name given in full before is no spelling of it.
        """
        own = " ".join(word[:1].upper() + word[1:] for word in self.words[start:end])
        if own.casefold() == name.casefold() or len(own.split()) != len(name.split()):
            return ()
        return (own,)

    def find(self, *words: str, start: int = 0) -> list[int]:
        """Return every index where *words* occur in sequence."""
        n = len(words)
        return [
            i
            for i in self.positions.get(words[0], ())
            if i >= start and tuple(self.words[i : i + n]) == words
        ]

    def known_person(self, index: int) -> tuple[int, str] | None:
        """Return ``(length, cased)`` of a person the cased documents name, starting at *index*."""
        return self._known(index, self.lexicon.people)

    def known_company(self, index: int) -> tuple[int, str] | None:
        """Return ``(length, cased)`` of a company the cased documents name, starting at *index*."""
        return self._known(index, self.lexicon.companies)

    def _known(self, index: int, among: frozenset[tuple[str, ...]]) -> tuple[int, str] | None:
        found = self.lexicon.match(self.folded, index, among)
        return found if found is not None and found[1][:1].isupper() else None

    def is_title_word(self, index: int) -> bool:
        """Return whether word *index* belongs to a title the cased documents give."""
        return self.folded[index] in self.lexicon.title_words
