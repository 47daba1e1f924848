"""The flattened article as words: their folded forms, where each occurs, and evidence for spans of them."""

from __future__ import annotations

import re
from array import array
from bisect import bisect_left
from typing import Self

import attrs

from ._lexicon import Lexicon, fold_for_article
from ._reading import Reading, Stated

__all__ = ["FlatText", "Marks", "Span"]

Span = tuple[int, int, str]
"""Words ``start`` to ``end`` (exclusive) of the article, and the name they give."""


class Marks:
    """Word indexes already read: one byte a word, so that marking a long article stays small.

    Supports ``index in marks``, ``marks.update(range(...))`` and ``{a, b} & marks``.
    """

    __slots__ = ("_marked",)

    def __init__(self, size: int) -> None:
        self._marked = bytearray(size)

    def __contains__(self, index: object) -> bool:
        return (
            isinstance(index, int) and 0 <= index < len(self._marked) and bool(self._marked[index])
        )

    def __rand__(self, other: set[int]) -> set[int]:
        return {index for index in other if index in self}

    def update(self, indexes: range) -> None:
        """Mark every index of *indexes*."""
        for index in indexes:
            if 0 <= index < len(self._marked):
                self._marked[index] = 1


@attrs.define
class FlatText:
    """The article's words, the lexicon of what the cased documents know, and the reading being filled.

    Cues are matched on the article's own words (``words``); the folded
    words (long vowels and macrons collapsed) are only for matching names.
    Memory stays a small multiple of the text: a word written twice is one
    string, offsets are an array, and read words are one byte each.
    """

    reading: Reading
    lexicon: Lexicon
    words: list[str]
    folded: list[str]
    # Where each word begins in the text, in characters.
    offsets: array[int]
    # Words already read as part of a fact, so that a later cue reading
    # backwards (a licensor before "announced") does not take them again.
    consumed: Marks = attrs.field(init=False)
    # Where each word occurs, for the few words looked up with find(): built
    # on the first look-up of each, so that no index of every word is kept.
    positions: dict[str, list[int]] = attrs.field(init=False, factory=dict)
    # People this article named in full, by each word of their name, so that
    # "director izubuchi" later is the "yutaka izubuchi" read before; None
    # where two people share the word ("jun maeda", "naga maeda").
    people: dict[str, Span | None] = attrs.field(init=False, factory=dict)

    @classmethod
    def of(cls, text: str, reading: Reading, lexicon: Lexicon) -> Self:
        """Split *text* into words."""
        words: list[str] = []
        folded: list[str] = []
        offsets = array("q")
        spellings: dict[str, str] = {}
        folds: dict[str, str] = {}
        for match in re.finditer(r"\S+", text):
            raw = spellings.setdefault(match.group(0), match.group(0))
            if raw not in folds:
                folds[raw] = (fold_for_article(raw) or ("",))[0]
            words.append(raw)
            folded.append(folds[raw])
            offsets.append(match.start())
        return cls(reading, lexicon, words, folded, offsets)

    def __attrs_post_init__(self) -> None:
        self.consumed = Marks(len(self.words))

    def __len__(self) -> int:
        return len(self.words)

    def word(self, index: int) -> str:
        """Return word *index*, or ``""`` past either end."""
        return self.words[index] if 0 <= index < len(self.words) else ""

    def evidence(self, start: int, end: int) -> Stated[None]:
        """Return evidence for words *start* to *end*, and mark them as read."""
        self.consumed.update(range(start, end))
        start, end = max(start, 0), min(end, len(self.words))
        if start >= end:
            return Stated(None, self.reading.at_offset(0, ""))
        # The text exactly as the document has it, whatever spaces it holds,
        # so that a consumer can find it at its offset.
        first, last = self.offsets[start], self.offsets[end - 1] + len(self.words[end - 1])
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
        if words[0] not in self.positions:
            self.positions[words[0]] = [i for i, word in enumerate(self.words) if word == words[0]]
        positions = self.positions[words[0]]
        return [
            i
            for i in positions[bisect_left(positions, start) :]
            if tuple(self.words[i : i + n]) == words
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
