"""People's names in the flattened article: where one ends and the next begins.

After a cue (``directed``, ``music composed``) come names, written one after
another with nothing between them: ``written chiaki j konaka ikuko takahashi
michiko yokote``.  A name the cased documents know is read whole.  Otherwise
a run of words that can be part of a name (``_words.is_person_word``) is cut
into names of two words, a given name and a family name, in either order,
with a one-letter middle initial allowed between them:

* two words are one name;
* a longer run is cut into pairs from the left, each pair made of words
  romanised Japanese can spell and, but for the first pair after the cue,
  at least one of them a given or family name of the real catalog's
  authors; the first pair that is not ends the list, since the text no
  longer shows where a name ends;
* one word alone is a name only if it is the first after the cue and
  romanised Japanese could spell it (``mech designs done kunio summer``
  gives ``Kunio``), or a word of a name this article already gave in full
  (``director izubuchi`` after ``yutaka izubuchi``).
"""

from __future__ import annotations

from .._text import has_cjk, is_romanised_japanese
from ._flat import FlatText, Span
from ._lexicon import common_words
from ._words import DEMONYMS, MONTHS, PLACES, ROLE_WORDS, is_person_word, name_kinds

__all__ = ["ends_names", "read_people"]

# Words of the article's other cues, which end a name as a role word does.
_CUES = frozenset(
    {
        "performed", "sung", "arranged", "lyrics", "op", "ed", "song", "songs", "theme",
        "themes", "opening", "ending", "done", "announced", "planned", "handled", "provided",
    }
)  # fmt: skip


def read_people(
    text: FlatText, index: int, *, limit: int = 8, remember: bool = True
) -> tuple[list[Span], int]:
    """Read up to *limit* people named from word *index*; return them and the index after them.

    With *remember*, the names become the article's people, whose family
    names stand for them later; a reading that may come to nothing (a song
    without a kind) does not remember.
    """
    names: list[Span] = []
    while index < len(text) and len(names) < limit:
        known = text.known_person(index)
        if known is not None:
            length, name = known
            names.append((index, index + length, name))
            index += length
            continue
        end = _run_end(text, index)
        found = _cut(text, index, end, first=not names)
        if not found and _vouched_pair(text, index):
            found = [(index, index + 2, text.restore(index, index + 2))]
        if not found:
            break
        names.extend(found)
        index = found[-1][1]
        if index < end:
            break  # words left over: where the next name starts is not in the text
    for start, end, name in names if remember else ():
        if end - start >= 2:
            for folded in text.folded[start:end]:
                seen = text.people.setdefault(folded, (start, end, name))
                if seen is not None and seen[2] != name:
                    text.people[folded] = None
    return names, index


def _vouched_pair(text: FlatText, index: int) -> bool:
    """Return whether words *index* and *index+1* are a name whose given name is an English word.

    Only when a name the other documents know follows, so the pair is a
    name in a list of names and not the start of a sentence: ``created go
    nagai toshihiro hirano``.
    """
    return (
        text.word(index).isalpha()
        and text.word(index) not in _CUES
        and _person_word(text, index + 1)
        and text.known_person(index + 2) is not None
    )


def _person_word(text: FlatText, index: int) -> bool:
    word = text.word(index)
    return word not in _CUES and is_person_word(word) and not text.is_title_word(index)


def _run_end(text: FlatText, start: int) -> int:
    """Return where the run of name words from *start* ends (before a known name, if one starts)."""
    end = start
    while end < len(text) and (end == start or text.known_person(end) is None):
        if _person_word(text, end):
            end += 1
        elif (
            end > start
            and len(text.word(end)) == 1
            and text.word(end).isalpha()
            and _person_word(text, end + 1)
        ):
            end += 1  # a middle initial: "chiaki j konaka"
        else:
            break
    return end


def ends_names(text: FlatText, index: int) -> bool:
    """Return whether word *index* plainly ends a name: English, a role or a cue, not a rarer word.

    ``kunio summer`` ends at ``summer``; in ``yasuhiro nightow`` the second
    word is no name word either, but it may be the family name, so
    ``yasuhiro`` alone would be half a name.
    """
    word = text.word(index)
    return (
        not word
        or not word.isalpha()
        or has_cjk(word)
        or word in common_words()
        or word in _CUES
        or word in ROLE_WORDS | MONTHS | PLACES | DEMONYMS
        or text.known_person(index) is not None
    )


def _repeats(text: FlatText, index: int, seen: Span) -> bool:
    """Return whether the name *seen* is written again in full at *index*."""
    length = seen[1] - seen[0]
    return text.folded[index : index + length] == text.folded[seen[0] : seen[1]]


def _same_kind(text: FlatText, index: int) -> bool:
    """Return whether words *index* and *index+1* are two given names, or two family names."""
    kinds = name_kinds()
    first, second = kinds.get(text.folded[index]), kinds.get(text.folded[index + 1])
    return first in {"g", "f"} and first == second


def _strong(text: FlatText, first: int, second: int, *, known: bool = True) -> bool:
    """Return whether words *first* and *second* make a romanised Japanese name.

    With *known*, one of them must be a given or family name of the catalog's
    authors.  Two words only ever seen as given names (``masayuki kazuya``,
    where "and" was lost between two people) are no name either way.
    """
    words = (text.folded[first], text.folded[second])
    kinds = name_kinds()
    # A given name in its own romanisation before a known family name:
    # "leiji matsumoto" (Hepburn has no "l").
    own_spelling = "f" in kinds.get(words[1], "") and _person_word(text, first)
    return (
        (all(is_romanised_japanese(w) for w in words) or own_spelling)
        and (not known or any(w in kinds for w in words))
        and not _same_kind(text, first)
    )


def _cut(text: FlatText, start: int, end: int, *, first: bool) -> list[Span]:
    """Cut words *start* to *end* into names (see the module docstring)."""
    names: list[Span] = []
    # "written otomo izō hashimoto" after "katsuhiro otomo": Otomo, then a new name.
    while end - start > 1 and (seen := text.people.get(text.folded[start])) is not None:
        if _repeats(text, start, seen):
            break
        names.append((start, start + 1, seen[2]))
        start, first = start + 1, False
    return names + _cut_run(text, start, end, first=first)


def _cut_run(text: FlatText, start: int, end: int, *, first: bool) -> list[Span]:
    """Cut words *start* to *end*, which begin with no family name named before, into names."""
    count = end - start
    seen = text.people.get(text.folded[start])
    if count == 1:
        if seen is not None:
            return [(start, end, seen[2])]
        if text.folded[start] in text.people:
            return []  # the family name of two people named before
        if first and is_romanised_japanese(text.folded[start]) and ends_names(text, end):
            return [(start, end, text.restore(start, end))]
        return []
    if count == 2:
        if _same_kind(text, start):
            return []
        return [(start, end, text.restore(start, end))]
    names: list[Span] = []
    index = start
    while index + 1 < end:
        # Right after the cue a name begins for certain, so the first pair
        # only has to be romanised Japanese; later pairs need a known name word.
        known = not (first and index == start)
        if (
            index + 2 < end
            and len(text.word(index + 1)) == 1
            and _strong(text, index, index + 2, known=known)
        ):
            length = 3
        elif len(text.word(index + 1)) > 1 and (
            _strong(text, index, index + 1, known=known)
            # The last two words of the run, which then splits into pairs
            # exactly: "directed keiichi satō shūhei yabuta aired".
            or (
                index + 2 == end
                and _strong(text, index, index + 1, known=False)
                and ends_names(text, end)
            )
        ):
            length = 2
        else:
            break
        names.append((index, index + length, text.restore(index, index + length)))
        index += length
    return names
