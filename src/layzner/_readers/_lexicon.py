"""What the cased documents already know, used to read the lowercase article.

The flattened article lost case, punctuation, digits and stop words.  The
names it shares with the profile page and the card are found again by
comparing folded words (``fold_tokens``), and take back the case and the
stop words those documents wrote (``airmail nagasaki`` -> ``Airmail from
Nagasaki``).  A word no document wrote is title-cased.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import cache, lru_cache
from importlib.resources import files

import attrs

from .._model import Song
from .._text import STOP_WORDS, fold_tokens, has_cjk, title_keys
from ._reading import Reading

__all__ = ["Lexicon", "common_word_counts", "common_words", "fold_for_article"]


@cache
def common_word_counts() -> dict[str, int]:
    """Return each common English word and how often real synopses write it in lowercase.

    See ``scripts/build_common_words.py``.
    """
    text = files("layzner").joinpath("_data", "common_words.txt").read_text(encoding="utf-8")
    counts: dict[str, int] = {}
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            word, count = line.split()
            counts[word] = int(count)
    return counts


@cache
def common_words() -> frozenset[str]:
    """Return the common English words (see ``scripts/build_common_words.py``)."""
    return frozenset(common_word_counts())


@lru_cache(maxsize=65536)
def fold_for_article(text: str) -> tuple[str, ...]:
    """Fold *text* the way the article was flattened: no stop words, no digits."""
    return tuple(w for w in fold_tokens(text) if not w.isdigit())


def _title_case(word: str) -> str:
    # Short letter codes such as "gc" or "j" are abbreviations or sequels.
    if len(word) <= 3 and not re.search(r"[aeiouyāīūēō]", word):
        return word.upper()
    return word[:1].upper() + word[1:]


@attrs.frozen
class Lexicon:
    """Cased phrases and words from the other documents, keyed by their folded form.

    Attributes:
        phrases: folded words of a phrase -> the phrase as a document wrote it.
        words: one folded word -> the word as a document wrote it.
        title_words: folded words of every known title of the series.
        songs: songs the other documents know, to match the article's against.
        people: folded names of the people and characters the documents know.
        native_keys: the lossy keys (``_text.title_keys``) of every title in
            Japanese script, to find where the article's native title ends.
        companies: folded names of the companies the documents know.
    """

    phrases: dict[tuple[str, ...], str] = attrs.Factory(dict)
    words: dict[str, str] = attrs.Factory(dict)
    title_words: frozenset[str] = frozenset()
    songs: tuple[Song, ...] = ()
    people: frozenset[tuple[str, ...]] = frozenset()
    native_keys: frozenset[str] = frozenset()
    companies: frozenset[tuple[str, ...]] = frozenset()
    # The first word of every phrase, so that most words are ruled out at once.
    first_words: frozenset[str] = attrs.field(init=False)

    @first_words.default
    def _first_words(self) -> frozenset[str]:
        return frozenset(key[0] for key in self.phrases)

    @classmethod
    def from_readings(cls, readings: Iterable[Reading]) -> Lexicon:
        """Build a lexicon from everything the cased *readings* state."""
        found = _Found()
        for reading in readings:
            found.read(reading)
        return cls(
            found.phrases,
            found.words,
            frozenset(found.title_words),
            tuple(found.songs),
            frozenset(found.people),
            frozenset(found.native_keys),
            frozenset(found.companies),
        )

    def names_someone(self, folded: Sequence[str]) -> bool:
        """Return whether the folded words *folded* hold the name of a person or character."""
        return any(
            tuple(folded[i : i + len(person)]) == person
            for person in self.people
            for i in range(len(folded) - len(person) + 1)
        )

    def match(
        self,
        folded: Sequence[str],
        start: int,
        among: frozenset[tuple[str, ...]] | None = None,
    ) -> tuple[int, str] | None:
        """Return ``(length, cased)`` of the longest known phrase at *start* of *folded*.

        With *among* (``people`` or ``companies``), only a phrase naming one of those.
        """
        if start >= len(folded) or folded[start] not in self.first_words:
            return None
        for length in range(min(6, len(folded) - start), 0, -1):
            key = tuple(folded[start : start + length])
            cased = self.phrases.get(key)
            if cased is not None and (among is None or key in among):
                return length, cased
        return None

    def restore(self, folded_words: Sequence[str], raw_words: Sequence[str]) -> str:
        """Return the words with case restored: known phrases whole, else word by word.

        *raw_words* are the article's own words (with their macrons); they are
        title-cased where no document wrote the word.
        """
        parts: list[str] = []
        index = 0
        while index < len(folded_words):
            found = self.match(folded_words, index)
            if found is not None:
                length, cased = found
                parts.append(cased)
                index += length
                continue
            folded = folded_words[index]
            parts.append(self.words.get(folded) or _title_case(raw_words[index]))
            index += 1
        return " ".join(parts)


@attrs.define
class _Found:
    """What the cased readings state, gathered for a :class:`Lexicon`; the first spelling wins."""

    phrases: dict[tuple[str, ...], str] = attrs.Factory(dict)
    words: dict[str, str] = attrs.Factory(dict)
    title_words: set[str] = attrs.Factory(set)
    songs: list[Song] = attrs.Factory(list)
    people: set[tuple[str, ...]] = attrs.Factory(set)
    native_keys: set[str] = attrs.Factory(set)
    companies: set[tuple[str, ...]] = attrs.Factory(set)

    def read(self, reading: Reading) -> None:
        """Gather the titles, people, companies and songs of *reading*, in that order."""
        if reading.title:
            self.add(reading.title.value)
        for title in reading.titles:
            self.add(title.value.text)
            self.title_words.update(fold_for_article(title.value.text))
            if has_cjk(title.value.text):
                self.native_keys.update(title_keys(title.value.text, lossy=True))
        for stated_c in reading.characters:
            self.add_person(stated_c.value.name)
            for alias in stated_c.value.aliases:
                self.add_person(alias)
        for stated_credit in (*reading.staff, *reading.authors):
            self.add_person(stated_credit.value.person)
        for stated_company in reading.companies:
            self.add(stated_company.value.name)
            if folded := fold_for_article(stated_company.value.name):
                self.companies.add(folded)
        for stated_song in reading.songs:
            song = stated_song.value
            self.songs.append(song)
            for artist in (*song.artists, *song.composers):
                self.add_person(artist)

    def add_person(self, name: str) -> None:
        """Add the name of a person or character."""
        self.add(name)
        if folded := fold_for_article(name):
            self.people.add(folded)

    def add(self, text: str | None) -> None:
        """Add a phrase, and each of its words that a document capitalised."""
        if not text:
            return
        key = fold_for_article(text)
        if key:
            self.phrases.setdefault(key, text)
        for word in re.findall(r"[^\W\d_][\w'’-]*", text):
            if word.lower() in STOP_WORDS or word.islower():
                continue
            folded = fold_for_article(word)
            if len(folded) == 1:
                self.words.setdefault(folded[0], word)
