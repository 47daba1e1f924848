"""Companies and broadcasters in the flattened article: one name after another, without commas.

``produced mappa avex pictures cygames`` is three companies.  Read forwards,
a company is, in order of preference:

* a name the cased documents know, or a broadcaster (``_data/broadcasters.txt``);
* one name word and the company words that follow it (``avex pictures``,
  ``toei animation``, ``hal film maker``); a company word that can also
  begin a name (``media``, ``production``) begins the next company when
  another word follows it (``bones media factory`` is Bones and Media
  Factory);
* a place and the words up to a company word (``tokyo movie shinsha``,
  ``kyoto animation``), or common words ended by a company word
  (``central park media``, ``fabulous films``);
* a lone name word (``gainax``, ``madhouse``).

A name word is one that is not English, not a role, month, nationality or
place, and not common words a flattened hyphen joined (``spinoff``).  Where
the sentence says a studio comes (``series produced``, ``animated studio``),
a rarer English word may be the name (``bones``, ``sunrise``), but never an
everyday one (``well``, ``several``).  A bare company word (``pictures``,
once ``A-1 Pictures`` lost its digit) is never a company.
"""

from __future__ import annotations

from .._text import has_cjk, is_romanised_japanese
from ._flat import FlatText, Span
from ._lexicon import common_words
from ._words import (
    COMPANY_HEADS,
    COMPANY_SUFFIXES,
    DEMONYMS,
    MONTHS,
    PLACES,
    ROLE_WORDS,
    broadcasters,
    is_address,
    is_compound,
    is_everyday,
    name_kinds,
)

__all__ = ["company_before", "read_broadcaster", "read_companies"]

# Words that join two companies of one list: "in partnership with".
_CONNECTORS = frozenset(
    {"partnership", "collaboration", "cooperation", "association", "coproduction", "along"}
)
_MAX_WORDS = 4


def _name_word(text: FlatText, index: int, *, strong: bool = False) -> bool:
    """Return whether word *index* can be a company's name word (see the module docstring).

    Before a company word, words a hyphen could have joined are a name too
    (``northwind pictures``).
    """
    word = text.word(index)
    if (
        len(word) < 2
        or not word.isalpha()
        or is_address(word)
        or has_cjk(word)
        or word in ROLE_WORDS
        or word in MONTHS
        or word in DEMONYMS
        or word in PLACES
        or word in COMPANY_SUFFIXES
        or word in _CONNECTORS
        or index in text.consumed
        or text.is_title_word(index)
    ):
        return False
    if strong:
        # "series produced sequels" is no company: a plural of an everyday word.
        stems = [
            word,
            word[:-1] if word.endswith("s") else "",
            word[:-2] if word.endswith("es") else "",
        ]
        return not any(is_everyday(stem) for stem in stems if stem)
    suffixed = text.word(index + 1) in COMPANY_SUFFIXES
    return word not in common_words() and (
        suffixed or is_romanised_japanese(word) or not is_compound(word)
    )


def read_broadcaster(text: FlatText, index: int) -> tuple[int, str] | None:
    """Return ``(length, name)`` of the broadcaster named at *index* (``fuji tvs`` is Fuji TV)."""
    names = broadcasters()
    for length in range(4, 0, -1):
        joined = "".join(text.folded[index : index + length])
        if index + length > len(text) or not joined:
            continue
        name = names.get(joined) or (names.get(joined[:-1]) if joined.endswith("s") else None)
        if name is not None:
            return length, name
    return None


def _company_at(text: FlatText, index: int, *, strong: bool, english: bool) -> int:
    """Return where the company beginning at word *index* ends (*index* if none begins there)."""
    first = text.word(index)
    if _names_a_person(text, index):
        return index  # "produced yasuyuki ueda": a producer, not a company
    # A place, or (with *english*) common words, up to a company word:
    # "tokyo movie shinsha", "central park media".
    if first in PLACES or (english and _common_name_word(text, index, everyday=True)):
        for end in range(index + 1, min(index + _MAX_WORDS, len(text))):
            word = text.word(end)
            if word in COMPANY_SUFFIXES:
                return _suffixes(text, end)
            if end in text.consumed or word in ROLE_WORDS | MONTHS | DEMONYMS | PLACES:
                break
    if first in PLACES and _name_word(text, index + 1):
        return _suffixes(text, index + 2)  # "nippon sunrise"
    if first in COMPANY_HEADS and _begins_after(text, index):
        return _suffixes(text, index + 1, name=True)  # "production ig", "media factory"
    if _name_word(text, index, strong=strong):
        # "comix wave films": a rarer common word between a name word and a
        # company word ("sunrise led production team" is a sentence).
        after = index + 1
        if text.word(after + 1) in COMPANY_SUFFIXES and _common_name_word(text, after):
            return _suffixes(text, after + 1)
        return _suffixes(text, index + 1)
    return index


def _names_a_person(text: FlatText, index: int) -> bool:
    """Return whether words *index* and *index+1* are a given and a family name, or the reverse."""
    if index + 1 >= len(text):
        return False
    kinds = name_kinds()
    first = kinds.get(text.folded[index], "")
    second = kinds.get(text.folded[index + 1], "")
    return ("g" in first and "f" in second) or ("f" in first and "g" in second)


def _suffixes(text: FlatText, index: int, *, name: bool = False) -> int:
    """Return where the company words from *index* end: ``avex`` + ``pictures``.

    With *name*, a name word may come first, after a company word that
    begins a name (``production`` + ``ig``).
    """
    end = index
    if name and text.word(end) not in COMPANY_SUFFIXES and _name_word(text, end):
        end += 1
    while end < len(text) and text.word(end) in COMPANY_SUFFIXES and end - index < 3:
        if text.word(end) in COMPANY_HEADS and _begins_after(text, end):
            break  # "bones media factory": Media Factory is the next company
        end += 1
    return end


def _begins_after(text: FlatText, index: int) -> bool:
    """Return whether the company word at *index* begins a name (``media factory``, ``production ig``)."""
    after = text.word(index + 1)
    return bool(after) and (after in COMPANY_SUFFIXES or _name_word(text, index + 1))


def read_companies(
    text: FlatText,
    index: int,
    *,
    strong: bool = False,
    english: bool = False,
    between: frozenset[str] = frozenset(),
) -> list[Span]:
    """Read the companies named from word *index*, past words in *between* between them.

    With *strong*, the sentence says a company comes, so the first may be a
    rarer English word; with *english*, common words ended by a company word
    are a name (see the module docstring).
    """
    found: list[Span] = []
    while index < len(text) and len(found) < 6:
        while found and (text.word(index) in between or text.word(index) in _CONNECTORS):
            # "in partnership with topcraft": a company comes.
            strong = strong or text.word(index) in _CONNECTORS
            index += 1
        known = text.known_company(index)
        broadcaster = read_broadcaster(text, index)
        if known is not None and index not in text.consumed:
            length, name = known
        elif broadcaster is not None:
            length, name = broadcaster
        else:
            end = _company_at(text, index, strong=strong, english=english)
            words = text.words[index:end]
            # A bare company word is what is left of a name ("pictures" of "A-1
            # Pictures"); two are a name when the first can begin one ("media factory").
            if end == index or (
                all(w in COMPANY_SUFFIXES for w in words)
                and (len(words) < 2 or words[0] not in COMPANY_HEADS)
            ):
                break
            length, name = end - index, text.restore(index, end)
        found.append((index, index + length, name))
        index += length
        strong = False
    return found


def company_before(text: FlatText, index: int) -> Span | None:
    """Return the company whose name ends just before word *index* (``discotek media licensed``).

    Reading backwards, the start of the name is unknown, so it is a name word
    and the company words after it, or one name word alone.
    """
    start = index
    while start > max(index - 3, 0) and text.word(start - 1) in COMPANY_SUFFIXES:
        start -= 1
    first = start - 1
    if (
        first < 0
        or first in text.consumed
        or text.known_company(first) is not None
        or not (_name_word(text, first) or (start < index and _common_name_word(text, first)))
        or any(i in text.consumed for i in range(start, index))
    ):
        return None
    return (first, index, text.restore(first, index))


def _common_name_word(text: FlatText, index: int, *, everyday: bool = False) -> bool:
    """Return whether word *index* is a common word that can begin a company (``siren visual``).

    An everyday word only with *everyday* (``central park media``).
    """
    word = text.word(index)
    return (
        word.isalpha()
        and word in common_words()
        and (everyday or not is_everyday(word))
        and word not in ROLE_WORDS | MONTHS | DEMONYMS | PLACES | COMPANY_SUFFIXES
        and index not in text.consumed
        and not text.is_title_word(index)
    )
