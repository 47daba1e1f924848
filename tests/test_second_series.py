"""A series nobody coded for loads through the same readers: a guard against Layzner-only code.

The documents are written in ``tests/second_series.py``; the values expected
here were read off those documents by hand.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import layzner
from layzner import Company, Credit, DateRange, Episodes, PartialDate, Title

from .support.accounting import unaccounted_lines
from .support.second_series import NATIVE_TITLE, write_second_series


@pytest.fixture(scope="module")
def series(tmp_path_factory: pytest.TempPathFactory) -> layzner.Series:
    """Load the second series from three files whose names say nothing of their format."""
    directory = tmp_path_factory.mktemp("mirai")
    write_second_series(directory)
    return layzner.load(directory)


def test_formats_are_detected_by_content(series: layzner.Series) -> None:
    """Each file's format comes from what it contains."""
    assert [(s.id, s.format) for s in series.sources] == [
        ("a", "profile"),
        ("b", "card"),
        ("c", "article"),
    ]


def test_every_line_is_cited_and_none_unparsed(series: layzner.Series) -> None:
    """Each non-blank line of the hand-written profile and card is cited; none is left unread."""
    assert unaccounted_lines(series) == []
    assert series.unparsed == ()


def test_core_facts(series: layzner.Series) -> None:
    """Title, counts and dates are this series' own."""
    assert series.id == "starlight-courier-mirai"
    assert series.title == "Starlight Courier Mirai"
    assert series.media_type == "TV"
    assert series.episodes == Episodes(tv=26, ova=2)
    assert series.aired == DateRange(PartialDate(1994, 4, 7), PartialDate(1994, 9, 29))
    assert series.rating == "PG"


def test_titles_without_mojibake(series: layzner.Series) -> None:
    """The cp1252 mojibake is rejected for the card's clean native title."""
    assert Title(NATIVE_TITLE, "ja", "native") in series.titles
    assert Title("Hoshiakari Haitatsunin Mirai", "ja-Latn", "official") in series.titles
    assert Title("Courier Mirai", "en", "synonym") in series.titles
    (conflict,) = [c for c in series.conflicts if c.field == "titles.ja"]
    assert conflict.chosen == NATIVE_TITLE
    assert conflict.reason.startswith("mojibake")
    assert f"and those agree with {NATIVE_TITLE!r}" in conflict.reason
    assert "\ufffd" not in conflict.reason


def test_end_before_start_is_rejected(series: layzner.Series) -> None:
    """The card's end date precedes the start; it is rejected and the profile's end is kept."""
    (conflict,) = [c for c in series.conflicts if c.field == "aired.end"]
    assert conflict.candidates[0].value == "1994-03-01"
    assert conflict.candidates[0].evidence[0].source == "b"
    assert "before the start date 1994-04-07" in conflict.reason
    assert conflict.chosen == "1994-09-29"


def test_people_and_companies(series: layzner.Series) -> None:
    """Credits and companies come from the profile and the article, variants merged."""
    assert Credit("Kenji Oumura", "Series Director", ("Kenji Ōmura",)) in series.staff
    assert {c.aliases for c in series.staff if c.person == "Kenji Oumura"} == {("Kenji Ōmura",)}
    assert Credit("Kenji Oumura", "Original Creator", ("Kenji Ōmura",)) in series.staff
    assert Credit("Noriko Tamura", "Original Creator") in series.staff
    assert Credit("Shinji Kawa", "Mechanical Design") in series.staff
    assert Credit("Mika Sato", "Director") in series.staff
    assert series.companies == (
        Company("Studio Kumo", ("studio",)),
        Company("TV Asahi", ("broadcaster",)),
        Company("Kumo Video", ("distributor",)),
        Company("Funimation", ("licensor",)),
    )


def test_characters(series: layzner.Series) -> None:
    """Twelve characters, ranks split off, aliases kept, main characters flagged."""
    assert len(series.characters) == 12
    by_name = {c.name: c for c in series.characters}
    assert by_name["Dolan Reyes"].rank == "Captain"
    assert by_name["Otis Crane"].rank == "Professor"
    assert by_name["Kirika Sone"].aliases == ("Night Owl",)
    assert {c.name for c in series.characters if c.main} == {"Mirai Hoshino", "Toma Kuroda"}


def test_songs_and_games(series: layzner.Series) -> None:
    """The article adds composers, a second ending and the game the series appears in."""
    opening, ending, second = series.songs
    assert (opening.title, opening.artists, opening.composers) == (
        "Hoshi no Michi",
        ("Yuna Aoki",),
        ("Daichi Mori",),
    )
    assert (ending.title, ending.artists, ending.composers) == (
        "Ashita e",
        ("The Couriers",),
        ("Daichi Mori",),
    )
    # "Yoru no Hikari" lost its stop word in the article; the text supports no more.
    assert (second.kind, second.sequence, second.title, second.artists, second.composers) == (
        "ending",
        2,
        "Yoru Hikari",
        ("Yuna Aoki",),
        ("Emi Sakura",),
    )
    assert series.games == ("Stellar Raiders Arena",)


def test_loading_a_list_of_files(tmp_path: Path) -> None:
    """``load`` takes a list of files as well as a directory."""
    paths = write_second_series(tmp_path)
    series = layzner.load([paths["card"], paths["profile"]])
    assert series.title == "Starlight Courier Mirai"
    assert [s.format for s in series.sources] == ["profile", "card"]
