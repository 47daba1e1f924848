"""Text helpers shared by readers and reconciliation: folding names for comparison, splitting lists."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = [
    "STOP_WORDS",
    "ascii_words",
    "drop_joiners",
    "fold",
    "fold_tokens",
    "has_cjk",
    "has_hangul",
    "has_kana",
    "is_romanised_japanese",
    "long_vowel_marks",
    "split_top_level",
    "title_key",
    "title_keys",
]

# NLTK's English stop-word list: the flattened article was made by removing
# exactly these words, so names and titles must lose them too before they are
# compared with the article's text ("Airmail from Nagasaki" -> "airmail nagasaki").
STOP_WORDS: frozenset[str] = frozenset(
    """
    i me my myself we our ours ourselves you you're you've you'll you'd your yours yourself
    yourselves he him his himself she she's her hers herself it it's its itself they them
    their theirs themselves what which who whom this that that'll these those am is are was
    were be been being have has had having do does did doing a an the and but if or because
    as until while of at by for with about against between into through during before after
    above below to from up down in out on off over under again further then once here there
    when where why how all any both each few more most other some such no nor not only own
    same so than too very s t can will just don don't should should've now d ll m o re ve y
    ain aren aren't couldn couldn't didn didn't doesn doesn't hadn hadn't hasn hasn't haven
    haven't isn isn't ma mightn mightn't mustn mustn't needn needn't shan shan't shouldn
    shouldn't wasn wasn't weren weren't won won't wouldn wouldn't
    """.split()  # noqa: SIM905 - a word list reads best as text
)

_MACRONS = str.maketrans(
    {
        "ā": "a",
        "ī": "i",
        "ū": "u",
        "ē": "e",
        "ō": "o",
        "â": "a",
        "î": "i",
        "û": "u",
        "ê": "e",
        "ô": "o",
    }
)
_CJK = re.compile("[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uff66-\uff9f]")
_KANA = re.compile("[\u3040-\u30ff\uff66-\uff9f]")
_HANGUL = re.compile("[\uac00-\ud7af]")
_LONG_VOWELS = re.compile(r"(ou|oo|uu|aa|ii|ee)")
_WORD = re.compile(r"[^\W_]+")
# Apostrophes and hyphens inside a word, which the flattened article drops.
# The character comes first and the word before it is looked behind, so
# that a search skips ahead to the few apostrophes and hyphens quickly.
_JOINER = re.compile(r"['’\-‐](?<=\w.)(?=\w)")
# Every byte but an ASCII letter or digit becomes a space: what ``_WORD``
# (a letter or digit of any script) keeps of ASCII text.
_NOT_ALPHANUMERIC_TO_SPACE = bytes(
    c if chr(c).isascii() and chr(c).isalnum() else ord(" ") for c in range(256)
)
# One mora of Hepburn-style romanisation: an optional doubled consonant, an
# optional consonant or glide, and a vowel (with the "oh" of "Satoh"); or a
# syllabic n, written m before b, p and m ("Sampei").
_ROMAJI = re.compile(
    r"(?:(?:kk|ss|tt|pp|cch|tch|ssh)?"
    r"(?:ky|gy|sh|ch|ts|ny|hy|my|ry|by|py|j|f|k|g|s|z|t|d|n|h|b|p|m|y|r|w)?"
    r"[aiueo](?:h(?![aiueoy]))?|n|m(?=[bpm]))+"
)


@lru_cache(maxsize=65536)
def _fold_word(word: str) -> str:
    word = word.lower().translate(_MACRONS)
    word = unicodedata.normalize("NFKD", word)
    word = "".join(c for c in word if not unicodedata.combining(c))
    # Hepburn variants: Ryōsuke, Ryousuke and Ryosuke are one name.
    return _LONG_VOWELS.sub(_first_letter, word)


def _first_letter(match: re.Match[str]) -> str:
    return match[0][0]


def fold_tokens(text: str, *, drop_stop_words: bool = True) -> tuple[str, ...]:
    """Return the words of *text* folded for comparison across documents.

    Case, macrons and doubled long vowels are folded (``Ryōsuke`` and
    ``Ryousuke`` give ``ryosuke``); apostrophes and hyphens inside words are
    dropped (``Century's`` -> ``centurys``, ``Go-Fun`` -> ``gofun``), as the
    flattened article drops them; stop words are dropped unless asked not to.
    """
    joined = drop_joiners(text)
    if joined.isascii():
        # Most text: lowercasing and the long vowels fold the whole text at
        # once, word for word as _fold_word would, with no call per word.
        lowered = joined.lower()
        words = _split_ascii(lowered)
        folded = words
        if _LONG_VOWELS.search(lowered):
            folded = _split_ascii(_LONG_VOWELS.sub(_first_letter, lowered))
        if drop_stop_words:
            return tuple(f for w, f in zip(words, folded, strict=True) if w not in STOP_WORDS)
        return tuple(folded)
    words = _WORD.findall(joined)
    if drop_stop_words:
        # Stop words are dropped as written, before folding: "you" is one,
        # but "yo", what folding makes of it, is not.
        words = [w for w in words if w.lower() not in STOP_WORDS]
    # Only the words that need decomposing are cached: a long line of prose
    # with one accent would otherwise fill the cache with its plain words.
    return tuple(
        _LONG_VOWELS.sub(_first_letter, w.lower()) if w.isascii() else _fold_word(w) for w in words
    )


def _split_ascii(text: str) -> list[str]:
    """Return the words of ASCII *text* as ``_WORD`` finds them, by C-speed translation."""
    return text.encode("ascii").translate(_NOT_ALPHANUMERIC_TO_SPACE).decode("ascii").split()


def ascii_words(text: str) -> list[str]:
    """Return the words of ASCII *text* as :func:`fold_tokens` reads them before folding.

    They are lowercased, and joined over apostrophes and hyphens inside a
    word; stop words are kept.
    """
    return _split_ascii(drop_joiners(text).lower())


def drop_joiners(text: str) -> str:
    """Return *text* without the apostrophes and hyphens inside words, as the flattened article drops them."""
    return _JOINER.sub("", text)


# Names, tags and roles repeat from document to document, and each is
# folded several times in one load.
@lru_cache(maxsize=4096)
def fold(text: str) -> str:
    """Return *text* folded to one comparison key: see :func:`fold_tokens`."""
    return " ".join(fold_tokens(text))


def is_romanised_japanese(word: str) -> bool:
    """Return whether *word* could be romanised Japanese: ``okamura`` could, ``collectively`` could not.

    The word is folded first (``Ryōsuke`` -> ``ryosuke``).  English shares
    many short words with romanised Japanese (``made``, ``tokyo`` is both),
    so this only ever rules a word out.
    """
    folded = _fold_word(word)
    return bool(folded) and _ROMAJI.fullmatch(folded) is not None


def long_vowel_marks(text: str) -> int:
    """Return how many long vowels *text* marks (ō, ou, uu): more marks carry more information."""
    lowered = text.lower()
    return sum(lowered.count(c) for c in "āīūēō") + len(re.findall(r"ou|uu|oo|aa|ii", lowered))


def has_cjk(text: str) -> bool:
    """Return whether *text* contains kana, Han ideographs or Hangul."""
    return not text.isascii() and _CJK.search(text) is not None


def has_kana(text: str) -> bool:
    """Return whether *text* contains hiragana or katakana."""
    return not text.isascii() and _KANA.search(text) is not None


def has_hangul(text: str) -> bool:
    """Return whether *text* contains Hangul syllables."""
    return not text.isascii() and _HANGUL.search(text) is not None


def split_top_level(text: str, separator: str = ",") -> list[str]:
    """Split *text* on *separator* outside parentheses, stripping each part.

    ``"A (x, y), B"`` gives ``["A (x, y)", "B"]``.
    """
    parts: list[str] = []
    depth = 0
    current: list[str] = []
    for char in text:
        if char in "([":
            depth += 1
        elif char in ")]":
            depth = max(depth - 1, 0)
        if char == separator and depth == 0:
            parts.append("".join(current).strip())
            current = []
        else:
            current.append(char)
    parts.append("".join(current).strip())
    return [p for p in parts if p]


# Particles that romanisations write differently or drop ("Hana no Namae wo"
# and Hepburn's "Hana no Namae o"), left out of one comparison key.
_PARTICLES = frozenset({"no", "wo", "o", "wa", "ha", "e", "he", "ni", "de", "to", "ga", "mo"})
# A reading given after a title in parentheses: "Angel Beats!（エンジェルビーツ）".
# It starts where a run of spaces does, and no quantifier gives back: a
# title with a long run of spaces is read once, not once per space.
_TRAILING_READING = re.compile(r"(?<!\s)\s*+[(（][^()（）]*+[)）]\s*+$")
# Dashes that open and close a subtitle in Japanese script ("-黒の契約者-", "ー黒の契約者ー").
_EDGE_DASHES = "ー－-〜~―"


def title_key(text: str, *, lossy: bool = False) -> str:
    """Return the key two spellings of one title share.

    Titles in Japanese script compare without spaces, width or case; others
    compare folded (:func:`fold`).  With *lossy*, the key is the title as
    the flattened article could write it: without digits, punctuation and
    English stop words (``メガロイド2090`` is ``メガロイド``,
    ``ユーリ!!! on ICE`` is ``ユーリice``).
    """
    if has_cjk(text):
        normal = unicodedata.normalize("NFKC", text).casefold()
        if not lossy:
            return "".join(normal.split())
        parts = (re.sub(r"[\W\d_]+", "", word) for word in normal.split())
        return "".join(
            part.strip(_EDGE_DASHES) for part in parts if part and part not in STOP_WORDS
        )
    if lossy:
        return " ".join(w for w in fold_tokens(text) if not w.isdigit())
    # A title of stop words only ("All Out!!") folds to nothing: compare its spelling.
    return fold(text) or "".join(unicodedata.normalize("NFKC", text).casefold().split())


# One load asks for the keys of each title several times; a catalog of
# loads kept in memory should not keep every title's keys as well.
@lru_cache(maxsize=1024)
def title_keys(text: str, *, lossy: bool = False) -> frozenset[str]:
    """Return every key under which *text* matches another spelling of the same title.

    Besides :func:`title_key`: the title without a trailing reading in
    parentheses, and for romanised titles the words run together
    (``Chōdenji`` and ``Chou Denji``), without particles (``wo`` and ``o``)
    and with ``oh`` for a long o (``Dennoh``, ``Dennou``).
    """
    keys = {title_key(text, lossy=lossy)}
    without_reading = _TRAILING_READING.sub("", text)
    if without_reading and without_reading != text:
        keys.add(title_key(without_reading, lossy=lossy))
    for key in list(keys):
        if key and not has_cjk(key):
            words = key.split()
            keys.add("".join(words))
            bare = "".join(w for w in words if w not in _PARTICLES)
            keys.add(re.sub(r"oh(?![aiueo])", "o", bare))
    keys.discard("")
    return frozenset(keys)
