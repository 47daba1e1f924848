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

import re
from collections.abc import Sequence

from .._text import drop_joiners, fold_tokens

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


# What a word must look like, lowercased, to fold to one of the words that
# start a phrase: each vowel may be doubled ("baased"), as folding undoes.
_MAY_START_A_PHRASE = re.compile(
    r"(?<![a-z0-9])(?:ba{1,2}se{1,2}d|a{1,2}da{1,2}pta{1,2}ti{1,2}o[ou]?n|o[ou]?ri{1,2}gi{1,2}na{1,2}l)"
    r"(?![a-z0-9])"
)


def source_material_in(text: str) -> str | None:
    """Return the source material that English prose *text* names, if any (``"Based on the manga"``)."""
    if text.isascii() and not _MAY_START_A_PHRASE.search(drop_joiners(text).lower()):
        return None  # most lines of a synopsis: no phrase can start in them
    found = find_source_material(list(fold_tokens(text)))
    return found[2] if found else None
