"""Pathological flattened articles, at small sizes: what the reader makes of them.

``benchmarks/adversarial.py`` times the same shapes at up to 1.28 MB; here
only the output is checked, never the time.
"""

from __future__ import annotations

import random

from hypothesis import given
from hypothesis import strategies as st

from layzner import SourceDocument
from layzner._readers import Reading
from layzner._readers._flat import Marks
from layzner._readers._lexicon import Lexicon
from layzner._readers._words import is_everyday
from layzner._readers.article import _ArticleReader, read_article

SOURCE = SourceDocument("a", "article.txt", "article", "")
LEAD = "iron lantern japanese 鉄の灯 hepburn tetsu tōrō japanese anime television series"


def _reader(words: list[str]) -> _ArticleReader:
    text = " ".join(words)
    return _ArticleReader.of(text, Reading(source=SOURCE, document_text=text), Lexicon())


def _split_by_definition(words: list[str], start: int, end: int) -> int:
    """The rendering's split as its docstring defines it, tried at every word."""
    best, best_distance = end, None
    middle = (start + end) / 2
    for split in range(start + 1, end - 1):
        title, rendering = set(words[start:split]), words[split:end]
        if is_everyday(rendering[0]) and title & set(rendering):
            distance = abs(split - middle)
            if best_distance is None or distance < best_distance:
                best, best_distance = split, distance
    return best


@given(
    st.lists(st.sampled_from(["la", "rose", "rouge", "red", "the", "night", "white"]), max_size=14)
)
def test_the_translation_split_is_the_defined_one(words: list[str]) -> None:
    """The split found in one pass is the one the definition gives, for any title."""
    reader = _reader(words)
    assert reader.translation_split(0, len(words)) == _split_by_definition(words, 0, len(words))


def test_a_long_song_title_keeps_its_rendering() -> None:
    """A title of thousands of words still splits where its rendering begins."""
    filler = " ".join(["zorbax"] * 3000)
    text = f"{LEAD} opening theme la rose {filler} red rose performed yuna aoki {LEAD}"
    (song,) = read_article(text, SOURCE).songs
    assert song.value.translated_title == "Red Rose"


def test_a_family_name_repeated_thousands_of_times_is_one_person() -> None:
    """``directed nishizaki nishizaki ...`` after ``yoshinobu nishizaki`` credits him, without recursion."""
    text = f"{LEAD} created yoshinobu nishizaki directed {'nishizaki ' * 5000}aired tv tokyo"
    credits = {(s.value.person, s.value.role) for s in read_article(text, SOURCE).staff}
    assert credits == {
        ("Yoshinobu Nishizaki", "Original Creator"),
        ("Yoshinobu Nishizaki", "Director"),
    }


def test_japanese_prose_is_no_native_title() -> None:
    """A run of Japanese words longer than any title gives no native title, rather than one of 1,000 words."""
    prose = " ".join(["日本語の文章"] * 1000)
    text = f"iron lantern japanese {prose} hepburn tetsu tōrō japanese anime television series"
    assert read_article(text, SOURCE).titles == []


def test_repeated_phrases_are_the_same_games_however_often() -> None:
    """A passage repeated a thousand times gives the games it gives repeated three times."""
    block = "super robot wars alpha gaiden game boy advance appears shin super robot wars gc"

    def games(times: int) -> list[str]:
        text = f"{LEAD} {' '.join([block] * times)} crew ship lost deep space"
        return [s.value for s in read_article(text, SOURCE).games]

    assert games(1000) == games(3)
    assert "Shin Super Robot Wars GC" in games(3)


def test_random_words_give_no_invented_games() -> None:
    """Tens of thousands of random common words repeat phrases by chance, but no game word is near."""
    chooser = random.Random(8)
    words = [chooser.choice(["crew", "ship", "lost", "deep", "space", "war"]) for _ in range(30000)]
    assert read_article(f"{LEAD} {' '.join(words)}", SOURCE).games == []


def test_marks_answer_like_a_set_of_indexes() -> None:
    """Read words answer ``in``, ``{a, b} & marks`` and ignore indexes past either end."""
    marks = Marks(5)
    marks.update(range(3, 9))
    assert [i in marks for i in (-1, 0, 3, 4, 5)] == [False, False, True, True, False]
    assert {2, 3, -1} & marks == {3}
