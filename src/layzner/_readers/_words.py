"""What one word of the flattened article can be: part of a person's name, of a company's, or neither.

The article lost its capitals, so nothing marks a name.  These closed
vocabularies, all general knowledge and none about any one series, tell a
name from prose:

* English: the common words real synopses write in lowercase
  (``_lexicon.common_words``), words a flattened hyphen joined
  (``spinoff``, ``twentyfive``), and words English morphology makes
  (``collectively``, ``coproduced``);
* what a credit says about a name rather than the name: role words
  (``composer``, ``producer``), months, nationalities and places;
* romanised Japanese: a word Hepburn can spell (``_text.is_romanised_japanese``)
  and the given and family name words of the real catalog's authors
  (``_data/name_words.txt``, built by ``scripts/build_name_words.py``);
* companies: the words that end a company's name (``pictures``,
  ``entertainment``, ``shoten``) and the broadcasters that air anime
  (``_data/broadcasters.txt``).
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files

from .._text import fold_tokens, has_cjk, is_romanised_japanese
from .._vocabulary import RANKS
from ._lexicon import common_word_counts, common_words

__all__ = [
    "COMPANY_HEADS",
    "COMPANY_SUFFIXES",
    "DEMONYMS",
    "EVERYDAY",
    "HONORIFICS",
    "MONTHS",
    "PLACES",
    "ROLE_WORDS",
    "broadcasters",
    "is_address",
    "is_compound",
    "is_everyday",
    "is_person_word",
    "name_kinds",
]

EVERYDAY = 40
"""Lowercase uses in the real synopses from which a common word is everyday English.

Rarer common words (``bones``, ``trigger``) can still be a studio's name
where the sentence says a studio comes; an everyday one (``well``,
``several``) never is.
"""

MONTHS = frozenset(
    {
        "january", "february", "march", "april", "may", "june", "july", "august",
        "september", "october", "november", "december", "monday", "tuesday", "wednesday",
        "thursday", "friday", "saturday", "sunday",
    }
)  # fmt: skip
# What a person or company did, or who they are: never part of their name.
ROLE_WORDS = frozenset(
    {
        "director", "directors", "directed", "directing", "direction", "composer", "composers",
        "composed", "producer", "producers", "produced", "coproduced", "coproducer",
        "screenwriter", "screenwriters", "screenplay", "writer", "writers", "written", "wrote",
        "designer", "designers", "designs", "design", "designed", "artist", "artists",
        "illustrator", "illustrated", "author", "authors", "creator", "creators", "created",
        "animator", "animators", "animated", "animation", "music", "musician", "storyboard",
        "storyboards", "scripts", "script", "scenario", "supervisor", "supervised", "editor",
        "novelist", "mangaka", "voice", "voices", "actor", "actress", "cast", "staff",
        "licensed", "licensor", "aired", "broadcast", "premiered", "released", "published",
        "serialized", "serialised", "adapted", "adaptation", "based", "conceived",
        "conceptualized", "character", "characters", "mechanical", "mecha", "chief", "series",
        "anime", "film", "episode", "episodes", "studio", "studios", "hepburn", "lit",
        "literally", "stylized", "stylised", "romanized", "japanese", "english", "also", "latter",
        "former", "respectively", "collective", "group", "team", "duo", "band", "unit", "cg",
        "cgi", "dvd", "bluray", "cd", "vhs", "ost", "pv", "ova", "ona", "oav", "tv", "hd",
    }
)  # fmt: skip
# Titles written before a character's name ("dr tenma"): never part of a staff member's name.
HONORIFICS = frozenset(word.lower().rstrip(".") for rank in RANKS for word in rank.split()) | {
    "dr",
    "mr",
    "mrs",
    "ms",
    "prof",
    "san",
    "kun",
    "chan",
    "sama",
    "sensei",
}
DEMONYMS = frozenset(
    {
        "japanese", "american", "english", "british", "french", "italian", "german",
        "spanish", "chinese", "korean", "russian", "canadian", "australian", "european",
        "asian", "swiss", "dutch", "swedish", "taiwanese", "filipino", "brazilian", "mexican",
        "indian", "italianjapanese", "frenchjapanese", "japaneseamerican", "americanjapanese",
    }
)  # fmt: skip
# Where something aired or was licensed: never part of a person's name, and
# the first word of a company's only before a company word ("tokyo movie shinsha").
PLACES = frozenset(
    {
        "japan", "japans", "america", "americas", "north", "south", "east", "west", "united",
        "states", "kingdom", "uk", "us", "usa", "europe", "asia", "australia", "australasia",
        "australasian", "canada", "france", "italy", "germany", "spain", "korea", "china",
        "taiwan", "philippines", "brazil", "mexico", "india", "worldwide", "international",
        "overseas", "abroad", "region", "regions", "territories", "tokyo", "osaka", "kyoto",
        "nagoya", "yokohama", "kobe", "sapporo", "fukuoka", "hiroshima", "sendai", "nippon",
        "nihon",
    }
)  # fmt: skip
# Words that end a company's name ("Streamline Pictures", "Tokuma Shoten",
# "Zuiyo Eizo"): part of the name even where English prose also uses them.
COMPANY_SUFFIXES = frozenset(
    {
        "pictures", "media", "entertainment", "films", "film", "video", "animation",
        "studio", "studios", "productions", "production", "inc", "company", "corporation", "corp",
        "co", "ltd", "limited", "records", "music", "channel", "network", "distribution",
        "international", "filmworks", "works", "releasing", "visual", "group",
        "games", "press", "publishing", "maker", "makers", "factory", "enterprises",
        "shoten", "shobo", "eizo", "shinsha", "kikaku", "doga", "douga", "sha", "software",
    }
)  # fmt: skip
# Company words that can also begin a name ("Media Factory", "Production I.G"):
# after another company's name they begin the next one.
COMPANY_HEADS = frozenset({"media", "production"})
# English morphology that a person's name does not have ("collectively",
# "coproduced"); only checked for words romanised Japanese could not spell.
_ENGLISH_ENDINGS = (
    "ly", "ed", "ing", "tion", "sion", "ment", "ness", "ity", "ous", "ive", "ful", "less",
    "able", "ible", "ism", "ists", "ical",
)  # fmt: skip
# Prefixes that a flattened hyphen joins to a common word ("coproduction").
_PREFIXES = ("co", "re", "non", "pre", "anti", "semi", "sub", "multi", "self", "post", "ex")


@cache
def name_kinds() -> dict[str, str]:
    """Return romanised Japanese name words: folded word -> ``g``, ``f`` or ``gf``."""
    text = files("layzner").joinpath("_data", "name_words.txt").read_text(encoding="utf-8")
    kinds: dict[str, str] = {}
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            word, kind = line.split()
            kinds[word] = kind
    return kinds


@cache
def broadcasters() -> dict[str, str]:
    """Return broadcaster names keyed by their folded words run together (``"fujitv"``)."""
    text = files("layzner").joinpath("_data", "broadcasters.txt").read_text(encoding="utf-8")
    names: dict[str, str] = {}
    for line in text.splitlines():
        name = line.strip()
        if name and not name.startswith("#"):
            names.setdefault("".join(fold_tokens(name, drop_stop_words=False)), name)
    return names


def is_everyday(word: str) -> bool:
    """Return whether *word* is everyday English (see :data:`EVERYDAY`)."""
    return common_word_counts().get(word, 0) >= EVERYDAY


def is_address(word: str) -> bool:
    """Return whether *word* is a web address the flattening ran together (``httpsenwikipediaorgwiki...``)."""
    return word.startswith(("http", "www"))


@cache
def is_compound(word: str) -> bool:
    """Return whether *word* is words a flattened hyphen joined: ``spinoff``, ``englishlanguage``."""
    for split in range(2, len(word) - 2):
        head, tail = word[:split], word[split:]
        if _is_part(tail) and (
            (len(head) >= 3 and _is_part(head)) or head in _PREFIXES or is_compound(head)
        ):
            return True
    return False


def _is_part(word: str) -> bool:
    return word in common_words() or word in DEMONYMS or word in PLACES or word in ROLE_WORDS


@cache
def is_person_word(word: str) -> bool:
    """Return whether *word* can be part of a person's name as the flattened article writes it."""
    if (
        len(word) < 2
        or not word.isalpha()
        or is_address(word)
        or has_cjk(word)
        or word in common_words()
        or word in ROLE_WORDS
        or word in HONORIFICS
        or word in MONTHS
        or word in DEMONYMS
        or word in PLACES
        or word in COMPANY_SUFFIXES
    ):
        return False
    # Romanised Japanese splits into English words by chance ("tan" + "aka"),
    # so only a word Hepburn cannot spell is judged by its English shape.
    return is_romanised_japanese(word) or not (word.endswith(_ENGLISH_ENDINGS) or is_compound(word))
