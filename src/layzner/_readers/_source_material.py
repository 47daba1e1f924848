"""The work a series was adapted from, as an article or a card's synopsis says it: ``based manga``.

MyAnimeList's names for source material are the values: ``Original``,
``Manga``, ``Light novel``, ``Visual novel``, ``Novel``, ``Web novel``,
``Web manga``, ``Game``, ``Card game``, ``Book``, ``Picture book``.  They are
read from three phrasings, on words folded the way the article was flattened
(stop words gone, so the card's "Based on the manga" reads as the article's
``based manga``):

* ``based`` and, within four words, the medium: ``based manga``, ``loosely
  based small part italian novel``;
* a work adapted from it: ``anime adaptation light novel series``;
* ``original`` before ``anime`` (``original japanese anime television
  series``), but not ``original video animation``, a release format.

``manga adaptation`` says the reverse (a manga made from the series), and
``adapted manga`` could be either ("adapted from" or "adapted into"), so
neither is read.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from functools import cache

from .._text import ascii_words, fold_tokens

__all__ = ["SOURCE_MATERIALS", "find_source_material", "source_material_in"]

SOURCE_MATERIALS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("light", "novel"), "Light novel"),
    (("light", "novels"), "Light novel"),
    (("visual", "novel"), "Visual novel"),
    (("web", "novel"), "Web novel"),
    (("web", "manga"), "Web manga"),
    (("webcomic",), "Web manga"),
    (("video", "game"), "Game"),
    (("card", "game"), "Card game"),
    (("picture", "book"), "Picture book"),
    (("manga",), "Manga"),
    (("novel",), "Novel"),
    (("novels",), "Novel"),
    (("game",), "Game"),
    (("book",), "Book"),
    (("books",), "Book"),
)
"""Medium words, longest first, and the source material they name."""

_ADAPTING = frozenset({"anime", "television", "film", "series", "animated", "tv"})
_WINDOW = 4


def _medium_at(words: Sequence[str], index: int) -> tuple[int, str] | None:
    for medium, label in SOURCE_MATERIALS:
        if tuple(words[index : index + len(medium)]) == medium:
            return len(medium), label
    return None


def find_source_material(words: Sequence[str]) -> tuple[int, int, str] | None:
    """Return ``(start, end, source)`` of the first phrase in *words* that names the source material."""
    for index, word in enumerate(words):
        if word == "based" or (
            word == "adaptation" and words[index - 1 : index] and words[index - 1] in _ADAPTING
        ):
            reach = _WINDOW if word == "based" else 2
            for after in range(index + 1, min(index + 1 + reach, len(words))):
                found = _medium_at(words, after)
                if found is not None:
                    return index, after + found[0], found[1]
        elif (
            word == "original"
            and index + 1 < len(words)
            and (
                words[index + 1] == "anime" or words[index + 1 : index + 3] == ["japanese", "anime"]
            )
        ):
            return index, index + 1, "Original"
    return None


# A phrase starts with "based", "adaptation" or "original", which folding
# may have made of "baased", "adaaptation" or "ouriginal": each holds one of
# these.  Most lines of a synopsis hold none, and need no folding.
_MARKS_OF_A_START = ("bas", "baas", "dap", "daap", "rig", "riig")
_STARTS = ("based", "adaptation", "original")
_SPELLINGS = {
    "a": ("a", "aa"),
    "e": ("e", "ee"),
    "i": ("i", "ii"),
    "o": ("o", "oo", "ou"),
    "u": ("u", "uu"),
}


@cache
def _start_spellings() -> frozenset[str]:
    """Return every lowercase word that folds to a word a phrase starts with (``baased``...)."""
    found = set()
    for start in _STARTS:
        for letters in itertools.product(*(_SPELLINGS.get(c, (c,)) for c in start)):
            word = "".join(letters)
            if fold_tokens(word, drop_stop_words=False) == (start,):
                found.add(word)
    return frozenset(found)


def source_material_in(text: str) -> str | None:
    """Return the source material that English prose *text* names, if any (``"Based on the manga"``)."""
    if text.isascii():
        # Most lines of a synopsis start no phrase.  Removing every
        # apostrophe and hyphen joins at least what folding joins, so a
        # word that folds to a start still shows one of its marks.
        joined = text.lower().replace("'", "").replace("-", "")
        if not any(mark in joined for mark in _MARKS_OF_A_START):
            return None
        if _start_spellings().isdisjoint(ascii_words(text)):
            return None
    found = find_source_material(list(fold_tokens(text)))
    return found[2] if found else None
