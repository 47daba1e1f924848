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
    is_person_word,
    name_kinds,
)

__all__ = [
    "company_before",
    "names_a_person",
    "person_at",
    "read_broadcaster",
    "read_companies",
]

# Words that join two companies of one list: "in partnership with".
_CONNECTORS = frozenset(
    {"partnership", "collaboration", "cooperation", "association", "coproduction", "along"}
)
_MAX_WORDS = 4
# Words of a broadcaster's name, and those of them that say it broadcasts.
_BROADCASTING = frozenset({"broadcasting", "telecasting", "television", "tv"})
_BROADCASTER_WORDS = _BROADCASTING | {"network", "corporation", "system", "company"}
# Places that begin a broadcaster's name ("Nagoya Broadcasting Network"); a
# country or a region does not ("aired across Japan on TV Asahi").
_CITIES = frozenset(
    {"tokyo", "osaka", "kyoto", "nagoya", "yokohama", "kobe", "sapporo", "fukuoka", "hiroshima",
     "sendai", "nippon", "nihon"}
)  # fmt: skip
# Words after "music" that say it credits a composer ("music composed ...").
_MUSIC_CREDITS = frozenset(
    {"composed", "composer", "composers", "score", "scored", "arranged", "performed", "written"}
)


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
    # "comix wave films": a rarer common word may come before the company word.
    suffix_at = index + 2 if _common_name_word(text, index + 1) else index + 1
    suffixed = text.word(suffix_at) in COMPANY_SUFFIXES and not _begins_a_sentence(text, suffix_at)
    return word not in common_words() and (
        suffixed or is_romanised_japanese(word) or not is_compound(word)
    )


def read_broadcaster(text: FlatText, index: int) -> tuple[int, str] | None:
    """Return ``(length, name)`` of the broadcaster named at *index* (``fuji tvs`` is Fuji TV)."""
    return _listed_broadcaster(text, index) or _broadcaster_by_shape(text, index)


def _listed_broadcaster(text: FlatText, index: int) -> tuple[int, str] | None:
    names = broadcasters()
    for length in range(4, 0, -1):
        joined = "".join(text.folded[index : index + length])
        if index + length > len(text) or not joined:
            continue
        name = names.get(joined) or (names.get(joined[:-1]) if joined.endswith("s") else None)
        if name is not None:
            return length, name
    return None


def _broadcaster_by_shape(text: FlatText, index: int) -> tuple[int, str] | None:
    """Return a broadcaster the list lacks, by the shape of its name: ``nagoya broadcasting network``.

    One or two words that can begin a name (a city or a name word, not a
    country: ``japan tv asahi`` is TV Asahi), then broadcasting words, one
    of which says it broadcasts (``kansai telecasting corporation``,
    ``tokyo broadcasting system``).  A broadcaster the list knows is never
    the head of a longer name (``wowow television``, ``aniplex nippon
    television``).
    """
    if not _BROADCASTER_WORDS.intersection(text.words[index + 1 : index + 5]):
        return None
    head = index
    while (
        head < index + 2
        and (
            text.word(head) in _CITIES or (_name_word(text, head) and text.word(head) not in PLACES)
        )
        and text.word(head) not in _BROADCASTER_WORDS
    ):
        head += 1
    end = head
    while end < head + 3 and text.word(end) in _BROADCASTER_WORDS:
        end += 1
    if head == index or not _BROADCASTING & set(text.words[head:end]):
        return None
    if any(_listed_broadcaster(text, i) for i in range(index, head)):
        return None
    return end - index, text.restore(index, end)


def _company_at(text: FlatText, index: int, *, strong: bool, english: bool) -> int:
    """Return where the company beginning at word *index* ends (*index* if none begins there)."""
    first = text.word(index)
    named = person_at(text, index) and text.word(index + 1) not in COMPANY_SUFFIXES
    if names_a_person(text, index) or named:
        # "produced yasuyuki ueda": a producer, not a company; so is
        # "produced nishizaki" after "yoshinobu nishizaki", but not "tezuka
        # productions" after "osamu tezuka".
        return index
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


def person_at(text: FlatText, index: int) -> int:
    """Return how many words from *index* name a person this article or another document named."""
    known = text.known_person(index)
    if known is not None:
        return known[0]
    if text.people.get(text.folded[index]) is not None if index < len(text) else False:
        return 1
    return 0


def names_a_person(text: FlatText, index: int) -> bool:
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
        if _begins_a_sentence(text, end):
            break
        end += 1
    return end


def _begins_a_sentence(text: FlatText, index: int) -> bool:
    """Return whether the company word at *index* is prose after the name, not part of it.

    ``produced madhouse film follows trio``: a lone ``film`` is the work
    (``hal film maker`` ends with a company word); ``studio deen music
    kenji kawai`` and ``tezuka productions music composed``: ``music``
    credits the composer who follows.
    """
    word, after = text.word(index), text.word(index + 1)
    if word == "film":
        return after not in COMPANY_SUFFIXES
    if word == "music":
        return after in _MUSIC_CREDITS or (
            is_person_word(after) and is_person_word(text.word(index + 2))
        )
    return False


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
            if text.word(end) == "america" and end + 1 < len(text):
                end += 1  # "nis america", "aniplex america": where would say "north america"
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
    if text.word(first - 1) in COMPANY_HEADS and first - 1 not in text.consumed:
        first -= 1  # "media blasters licensed": Media Blasters, not Blasters
    elif _name_word(text, first - 1) and is_person_word(text.word(first - 1)):
        return None  # where the name begins is not in the text
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
