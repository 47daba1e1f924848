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

from collections.abc import Sequence

from .._text import fold_tokens

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


def source_material_in(text: str) -> str | None:
    """Return the source material that English prose *text* names, if any (``"Based on the manga"``)."""
    found = find_source_material(list(fold_tokens(text)))
    return found[2] if found else None
