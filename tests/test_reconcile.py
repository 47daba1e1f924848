"""Reconciliation rules that the seeds do not exercise, on readings built by hand."""

from __future__ import annotations

import pytest

from layzner import PartialDate, Song, SourceDocument
from layzner._readers import Reading, Stated
from layzner._reconcile import reconcile


def _reading(source_id: str, format_: str, title: str) -> Reading:
    reading = Reading(source=SourceDocument(source_id, f"{source_id}.txt", format_, ""))
    reading.title = Stated(title, reading.at_line(1, title))
    return reading


def test_songs_whose_titles_differ_record_a_conflict() -> None:
    """Two documents naming one song differently keep the higher rank's title, with a Conflict."""
    profile = _reading("p", "profile", "Iron Lantern")
    card = _reading("c", "card", "Iron Lantern")
    profile.songs.append(Stated(Song("opening", 1, "Kaze no Uta"), profile.at_line(9, "x")))
    card.songs.append(Stated(Song("opening", 1, "Hikari no Michi"), card.at_line(4, "y")))
    series = reconcile([card, profile])
    assert [s.title for s in series.songs] == ["Kaze no Uta"]
    (conflict,) = series.conflicts
    assert conflict.field == "songs[opening-1].title"
    assert [c.value for c in conflict.candidates] == ["Kaze no Uta", "Hikari no Michi"]
    assert conflict.chosen == "Kaze no Uta"


def test_same_song_spelt_two_ways_is_no_conflict() -> None:
    """Romanisation variants of one title are the same title."""
    card = _reading("c", "card", "Iron Lantern")
    article = _reading("a", "article", "Iron Lantern")
    card.songs.append(Stated(Song("ending", 1, "Yōkoso"), card.at_line(4, "y")))
    article.songs.append(Stated(Song("ending", 1, "yokoso"), article.at_offset(40, "yokoso")))
    series = reconcile([card, article])
    assert series.conflicts == ()
    assert series.songs[0].title == "Yōkoso"


@pytest.mark.parametrize(
    ("start", "end", "kept"),
    [
        (PartialDate(2001, 4, 1), PartialDate(2001, 9, 30), True),
        (PartialDate(2001, 4, 1), PartialDate(2001, 3, 1), False),  # before the start
        (PartialDate(2001, 4, 1), PartialDate(2001), True),  # not certainly before
        (PartialDate(2001, 4, 1), PartialDate(2001, 4, 1), False),  # a copy, for 12 TV episodes
    ],
)
def test_end_dates_are_checked_against_the_start(
    start: PartialDate, end: PartialDate, kept: bool
) -> None:
    """An end certainly before the start, or equal to it for a TV run, is rejected."""
    card = _reading("c", "card", "Iron Lantern")
    card.media_type = Stated("TV", card.at_line(2, "tv"))
    card.episodes.append(Stated(("tv", 12), card.at_line(3, "12")))
    card.start = Stated(start, card.at_line(4, str(start)))
    card.end = Stated(end, card.at_line(5, str(end)))
    series = reconcile([card])
    assert series.aired.end == (end if kept else None)
    assert bool(series.conflicts) is not kept


def test_a_one_day_special_keeps_its_end_date() -> None:
    """A single-episode release that starts and ends on one day is no copy."""
    card = _reading("c", "card", "Iron Lantern Special")
    card.media_type = Stated("Special", card.at_line(2, "special"))
    card.episodes.append(Stated(("special", 1), card.at_line(3, "1")))
    card.start = Stated(PartialDate(2001, 4, 1), card.at_line(4, "2001-04-01"))
    card.end = Stated(PartialDate(2001, 4, 1), card.at_line(5, "2001-04-01"))
    assert reconcile([card]).aired.end == PartialDate(2001, 4, 1)


def test_impossible_days_are_not_dates() -> None:
    """February has no 31st, and only leap years have a 29th."""
    with pytest.raises(ValueError, match=r"1\.\.28"):
        PartialDate(1985, 2, 31)
    assert PartialDate(2000, 2, 29).isoformat() == "2000-02-29"


def test_an_english_title_and_the_same_card_heading_are_one_title() -> None:
    """The card's heading (labelled ja-Latn) equal to the profile's English title is one title."""
    from layzner import Title

    profile = _reading("p", "profile", "Golden Lantern")
    profile.titles.append(Stated(Title("Golden Lantern", "en", "official"), profile.at_line(5, "")))
    card = _reading("c", "card", "Golden Lantern")
    card.titles.append(Stated(Title("Golden Lantern", "ja-Latn", "main"), card.at_line(1, "")))
    series = reconcile([card, profile])
    assert series.titles == (Title("Golden Lantern", "en", "main"),)
    assert {e.source for e in series.provenance("titles[en:main:golden-lantern]")} == {"p", "c"}


def _with_native(reading: Reading, text: str) -> Reading:
    from layzner import Title

    reading.titles.append(Stated(Title(text, "ja", "native"), reading.at_line(2, text)))
    return reading


def test_the_articles_lossy_native_title_is_the_cards_title() -> None:
    """The article lost digits, punctuation and the space's meaning; it still names the same title."""
    card = _with_native(_reading("c", "card", "Megaroido 2090"), "メガロイド2090 サイレントシティ")
    article = _reading("a", "article", "Megaroid Silent City")
    article = _with_native(article, "メガロイド サイレントシティ")
    series = reconcile([card, article])
    assert [t.text for t in series.titles if t.language == "ja"] == [
        "メガロイド2090 サイレントシティ"
    ]
    # No English title came from the card, so the article's headline is one.
    assert ("Megaroid Silent City", "en", "official") in [
        (t.text, t.language, t.kind) for t in series.titles
    ]


def test_a_complete_repair_of_mojibake_beats_the_articles_lossy_copy() -> None:
    """With no card, mojibake that re-encodes without loss gives the native title, digits and all."""
    native = "メガロイド2090 サイレントシティ"
    profile = _with_native(
        _reading("p", "profile", "Megaroid 2090"), native.encode().decode("cp1251")
    )
    article = _with_native(
        _reading("a", "article", "Megaroid Silent City"), "メガロイド サイレントシティ"
    )
    series = reconcile([profile, article])
    assert [t.text for t in series.titles if t.language == "ja"] == [native]
    (conflict,) = series.conflicts
    assert conflict.field == "titles.ja"
    assert conflict.chosen == native


def test_dates_of_different_precision_agree_and_the_precise_one_is_kept() -> None:
    """``April 1991`` and ``1991-04-06`` are no conflict; a card's copied end is still caught."""
    profile = _reading("p", "profile", "Iron Lantern")
    profile.start = Stated(PartialDate(1991, 4), profile.at_line(7, "April 1991 to ?"))
    profile.episodes.append(Stated(("tv", 50), profile.at_line(6, "50 TV Episodes")))
    card = _reading("c", "card", "Iron Lantern")
    card.media_type = Stated("TV", card.at_line(3, "tv"))
    card.start = Stated(PartialDate(1991, 4, 6), card.at_line(8, "1991-04-06"))
    card.end = Stated(PartialDate(1991, 4, 6), card.at_line(9, "1991-04-06"))
    series = reconcile([card, profile])
    assert series.aired.start == PartialDate(1991, 4, 6)
    assert {e.source for e in series.provenance("aired.start")} == {"p", "c"}
    assert series.aired.end is None
    assert [c.field for c in series.conflicts] == ["aired.end"]


def test_two_characters_of_one_table_sharing_a_family_name_stay_two() -> None:
    """``Hayami`` and ``Jun Hayami`` in one document are two people; across documents, one."""
    from layzner import Character

    profile = _reading("p", "profile", "Iron Lantern")
    for line, name in ((20, "Hayami"), (21, "Jun Hayami")):
        profile.characters.append(Stated(Character(name), profile.at_line(line, name)))
    assert [c.name for c in reconcile([profile]).characters] == ["Hayami", "Jun Hayami"]
    card = _reading("c", "card", "Iron Lantern")
    card.characters.append(Stated(Character("Jun Hayami"), card.at_line(4, "Jun Hayami")))
    alone = _reading("p", "profile", "Iron Lantern")
    alone.characters.append(Stated(Character("Hayami"), alone.at_line(20, "Hayami")))
    assert [c.name for c in reconcile([alone, card]).characters] == ["Jun Hayami"]


def test_two_items_whose_paths_slug_alike_cite_both_lines_under_one_path() -> None:
    """``Space Opera`` and ``Space-Opera`` fold apart but share ``tags[space-opera]``: one path, both lines."""
    card = _reading("c", "card", "Iron Lantern")
    for line, tag in ((5, "Space Opera"), (6, "Drama"), (7, "Space-Opera")):
        card.tags.append(Stated(tag, card.at_line(line, f"-   {tag}")))
    series = reconcile([card])
    assert series.tags == ("Space Opera", "Drama", "Space-Opera")
    assert [e.line for e in series.provenance("tags[space-opera]")] == [5, 7]
    paths = [path for path, _evidence in series.evidence]
    assert paths.count("tags[space-opera]") == 1


def test_the_evidence_table_is_sorted_by_path_with_each_path_once() -> None:
    """Item fields (tags, authors) and other fields (title, dates) are merged into one sorted table."""
    from layzner import Credit

    card = _reading("c", "card", "Iron Lantern")
    card.start = Stated(PartialDate(1991, 4), card.at_line(3, "-   **start**: 1991-04"))
    card.authors.append(Stated(Credit("Kenji Mori", "Story"), card.at_line(9, "x")))
    card.tags.append(Stated("Mecha", card.at_line(12, "-   Mecha")))
    card.tags.append(Stated("Action", card.at_line(13, "-   Action")))
    paths = [path for path, _evidence in reconcile([card]).evidence]
    assert paths == sorted(set(paths))
    assert {"title", "aired.start", "tags[mecha]", "tags[action]"} <= set(paths)
    assert any(path.startswith("authors[") for path in paths)
