"""The profile reader classifies unlabelled info rows by what they contain."""

from __future__ import annotations

import pytest

from layzner import Character, Company, Credit, PartialDate, SourceDocument, Title
from layzner._readers.profile import looks_like_profile, read_profile

MOVIE = """Anime Profile: Night Train Galaxy

USA Info
Japanese Info
Night Train Galaxy | Ginga Yakou Ressha (銀河夜行列車)
1 Movie
July 14, 1990
Studio Hoshi
Akira Mori
Akira Mori (director)
Fantasy, Drama
Characters: Night Train Galaxy

English Name
Japanese Name
Kaito | Conductor Rhee
Major Ilsa Varn/The Widow | Tomo

Description: Night Train Galaxy

A boy boards a train.

It never stops.
"""


def _read(text: str):  # type: ignore[no-untyped-def]
    return read_profile(text, SourceDocument("p", "profile.txt", "profile", ""))


def test_a_movie_profile_reads_every_row() -> None:
    """A one-date, one-studio movie profile gives each fact from its own row."""
    reading = _read(MOVIE)
    assert reading.title is not None
    assert reading.title.value == "Night Train Galaxy"
    assert [t.value for t in reading.titles] == [
        Title("Night Train Galaxy", "en", "official"),
        Title("Ginga Yakou Ressha", "ja-Latn", "official"),
        Title("銀河夜行列車", "ja", "native"),
    ]
    assert [e.value for e in reading.episodes] == [("movie", 1)]
    assert reading.start is not None
    assert reading.start.value == PartialDate(1990, 7, 14)
    assert reading.end is None
    assert [c.value for c in reading.companies] == [Company("Studio Hoshi", ("studio",))]
    assert {c.value for c in reading.staff} == {Credit("Akira Mori", "Director")}
    assert [g.value for g in reading.genres] == ["Fantasy", "Drama"]
    assert reading.unparsed == []


def test_the_character_table_reads_down_the_left_column_first() -> None:
    """Each cell is its own character; ranks are split off and slashes give aliases."""
    reading = _read(MOVIE)
    assert [c.value for c in reading.characters] == [
        Character("Kaito"),
        Character("Ilsa Varn", ("The Widow",), "Major"),
        Character("Conductor Rhee"),
        Character("Tomo"),
    ]
    assert [c.evidence.line for c in reading.characters] == [16, 17, 16, 17]


@pytest.mark.parametrize("last_row", ["Tomo", "Tomo |", "Tomo|"])
def test_a_list_of_odd_length_ends_with_a_single_cell(last_row: str) -> None:
    """The last row of an odd-length list holds one character, with or without its bar."""
    reading = _read(MOVIE.replace("Major Ilsa Varn/The Widow | Tomo", last_row))
    assert [c.value.name for c in reading.characters] == ["Kaito", "Tomo", "Conductor Rhee"]
    assert reading.unparsed == []


def test_the_description_keeps_its_paragraphs() -> None:
    """The description's paragraphs are one synopsis, evidenced by its first line."""
    reading = _read(MOVIE)
    assert reading.synopsis is not None
    assert reading.synopsis.value == "A boy boards a train.\n\nIt never stops."
    assert reading.synopsis.evidence.line == 21


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        ("26 TV Episodes", [("tv", 26)]),
        ("12 Episodes", [("tv", 12)]),
        ("13 TV Episodes, 2 OVA Episodes, 1 Movie", [("tv", 13), ("ova", 2), ("movie", 1)]),
        ("6 OAV Episodes", [("ova", 6)]),
        ("3 Specials", [("special", 3)]),
        ("50 TV Episodes, 1 TV Special", [("tv", 50), ("special", 1)]),
        ("2 TV Movies", [("movie", 2)]),
        ("3 Films, 4 ONA Episodes", [("movie", 3), ("ona", 4)]),
        ("1 Film", [("movie", 1)]),
    ],
)
def test_episode_rows(row: str, expected: list[tuple[str, int]]) -> None:
    """Episode counts are read per kind, whatever the row lists."""
    text = MOVIE.replace("1 Movie", row)
    assert [e.value for e in _read(text).episodes] == expected


@pytest.mark.parametrize(
    ("row", "start", "end"),
    [
        ("October 3, 1985–June 26, 1986", PartialDate(1985, 10, 3), PartialDate(1986, 6, 26)),
        ("Oct 3, 1985 - Jun 26, 1986", PartialDate(1985, 10, 3), PartialDate(1986, 6, 26)),
        ("April 1999 to March 2000", PartialDate(1999, 4), PartialDate(2000, 3)),
        ("1988", PartialDate(1988), None),
        ("January 9, 2001–?", PartialDate(2001, 1, 9), None),
        ("1985-10-03", PartialDate(1985, 10, 3), None),
        ("1985-10-03 - 1986-06-26", PartialDate(1985, 10, 3), PartialDate(1986, 6, 26)),
        ("1985-1986", PartialDate(1985), PartialDate(1986)),
    ],
)
def test_date_rows_keep_their_precision(
    row: str, start: PartialDate, end: PartialDate | None
) -> None:
    """A date row gives dates exactly as precise as written."""
    reading = _read(MOVIE.replace("July 14, 1990", row))
    assert reading.start is not None
    assert reading.start.value == start
    assert (reading.end.value if reading.end else None) == end


@pytest.mark.parametrize(
    ("cell", "rank", "name"),
    [
        ("Lt. Commander Yuri Tal", "Lt. Commander", "Yuri Tal"),
        ("Chief Inspector Goto", "Chief Inspector", "Goto"),
        ("Sgt. Ren Oda", "Sgt.", "Ren Oda"),
        ("Lieutenant Colonel Ran Hoshi", "Lieutenant Colonel", "Ran Hoshi"),
        ("Kaito", None, "Kaito"),
    ],
)
def test_compound_ranks_are_split_off_whole(cell: str, rank: str | None, name: str) -> None:
    """The longest rank written before a name is the rank: ``Lt. Commander``, not ``Lt.``."""
    reading = _read(MOVIE.replace("Kaito | Conductor Rhee", f"{cell} | Conductor Rhee"))
    first = reading.characters[0].value
    assert (first.rank, first.name) == (rank, name)


def test_names_with_a_non_ascii_capital_are_names() -> None:
    """``Ōhashi Manabu`` in a credits row is a person like any other."""
    text = MOVIE.replace(
        "Akira Mori (director)", "Akira Mori (chief director), Various (Ōhashi Manabu, Mai Oda)"
    )
    assert Credit("Ōhashi Manabu", "Director") in [c.value for c in _read(text).staff]


def test_a_main_character_row_may_carry_the_rank() -> None:
    """``Major Ilsa Varn`` in the info rows is the table's Ilsa Varn, flagged as main."""
    reading = _read(MOVIE.replace("Akira Mori\n", "Major Ilsa Varn\n", 1))
    assert [c.value for c in reading.characters if c.value.main] == [
        Character("Ilsa Varn", ("The Widow",), "Major", main=True)
    ]
    assert {c.value for c in reading.staff} == {Credit("Akira Mori", "Director")}


def test_a_table_that_opens_with_its_dates_has_no_title_row() -> None:
    """Without a titles row, the first info row is read for what it is (here, dates)."""
    text = MOVIE.replace("Night Train Galaxy | Ginga Yakou Ressha (銀河夜行列車)\n", "")
    reading = _read(text)
    assert reading.titles == []
    assert reading.start is not None
    assert reading.start.value == PartialDate(1990, 7, 14)


def test_credits_row_with_various_people() -> None:
    """``Various (A, B)`` credits each person with the row's role."""
    text = MOVIE.replace(
        "Akira Mori (director)", "Akira Mori (chief director), Various (Ren Ito, Mai Oda)"
    )
    assert [c.value for c in _read(text).staff] == [
        Credit("Akira Mori", "Chief Director"),
        Credit("Ren Ito", "Director"),
        Credit("Mai Oda", "Director"),
        Credit("Akira Mori", "Director"),
    ]


def test_a_lone_name_the_credits_row_does_not_confirm_is_not_guessed() -> None:
    """A lone name whose row label was lost is kept unread unless the credits row names it."""
    reading = _read(MOVIE.replace("Akira Mori\n", "Kenji Nakamura\n", 1))
    assert {c.value for c in reading.staff} == {Credit("Akira Mori", "Director")}
    assert [(u.line, u.text, u.reason) for u in reading.unparsed] == [
        (9, "Kenji Nakamura", "a lone name that no credits row confirms (its row lost its label)")
    ]


def test_a_cell_that_names_nobody_is_kept_as_unparsed() -> None:
    """A character cell of only ``/`` or only a rank is no character: the row is kept unread."""
    reading = _read(MOVIE.replace("Kaito | Conductor Rhee", "Kaito | /"))
    assert [c.value.name for c in reading.characters] == ["Ilsa Varn", "Tomo"]
    assert [(u.line, u.text, u.reason) for u in reading.unparsed] == [
        (16, "Kaito | /", "a character cell names nobody")
    ]


def test_a_row_that_fits_nothing_is_kept_as_unparsed() -> None:
    """An info row no rule explains is kept, with its line, rather than guessed at."""
    text = MOVIE.replace("Fantasy, Drama", "Fantasy, Drama\n(c) 1990 ???")
    reading = _read(text)
    assert [(u.line, u.text, u.reason) for u in reading.unparsed] == [
        (12, "(c) 1990 ???", "no rule reads this info row")
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (MOVIE, True),
        ("\n\nAnime Profile: X\n", True),
        ("# Anime Profile: X\n", False),
        ("anime profile x and more words", False),
        ("", False),
    ],
)
def test_detection(text: str, expected: bool) -> None:
    """A profile page is recognised by its first non-blank line alone."""
    assert looks_like_profile(text) is expected


def test_a_misspelt_episode_word_is_named() -> None:
    """A count row with a typo ("26 TV Epsiodes") is unparsed, and the reason names the known word."""
    reading = _read(MOVIE.replace("1 Movie", "26 TV Epsiodes"))
    assert reading.episodes == []
    assert [(u.line, u.text, u.reason) for u in reading.unparsed] == [
        (6, "26 TV Epsiodes", "an episode count? unknown word 'Epsiodes'; did you mean 'Episodes'?")
    ]
    assert reading.refusals == []


def test_a_misspelt_section_label_is_named_and_its_rows_are_not_misread() -> None:
    """``Character:`` for ``Characters:`` is named; the table below it is kept, not read as info."""
    reading = _read(MOVIE.replace("Characters: Night", "Character: Night"))
    assert reading.characters == []
    assert [(u.line, u.reason) for u in reading.unparsed] == [
        (12, "unknown label 'Character:'; did you mean 'Characters:'?"),
        (16, "under the unknown label 'Character:'"),
        (17, "under the unknown label 'Character:'"),
    ]
    assert reading.synopsis is not None
    assert [c.value for c in reading.companies] == [Company("Studio Hoshi", ("studio",))]


def test_a_title_row_with_a_colon_is_still_the_titles() -> None:
    """The first info row is the titles even when it opens with a label-like word and a colon."""
    reading = _read(MOVIE.replace("Night Train Galaxy | ", "Character: The Movie | "))
    assert reading.titles[0].value == Title("Character: The Movie", "en", "official")
    assert reading.unparsed == []


def test_an_impossible_episode_count_costs_its_row_only() -> None:
    """A count beyond the largest accepted is refused with its reason; the other rows still read."""
    reading = _read(MOVIE.replace("1 Movie", "999999 TV Episodes, 2 OVA"))
    assert reading.episodes == []
    assert [(u.line, u.reason) for u in reading.refusals] == [
        (6, "an episode count must be between 0 and 100000, got 999999")
    ]
    assert reading.start is not None


def test_an_unreadable_date_row_is_refused_and_the_companies_row_still_follows() -> None:
    """An unreadable dates row is refused; the row after it is still read as the companies."""
    reading = _read(MOVIE.replace("July 14, 1990", "Summer 1990"))
    assert reading.start is None
    assert [(u.line, u.reason) for u in reading.refusals] == [
        (7, "cannot read the dates in 'Summer 1990'")
    ]
    assert [c.value for c in reading.companies] == [Company("Studio Hoshi", ("studio",))]


def test_long_runs_of_spaces_read_as_written() -> None:
    """Title, date, title-pair and credit rows with long inner runs of spaces read in one pass."""
    spaces = " " * 20_000  # long enough that a quadratic pattern would take minutes
    text = (
        MOVIE.replace("Anime Profile: Night Train Galaxy", f"Anime Profile: Night{spaces}Train")
        .replace("July 14, 1990", f"July 14, 1990{spaces}x")
        .replace("Night Train Galaxy | Ginga", f"Night{spaces}Train (NT{spaces}x) | Ginga")
        .replace("Akira Mori (director)", f"Akira Mori{spaces}(director)")
    )
    reading = _read(text)
    assert reading.title is not None
    assert reading.title.value == f"Night{spaces}Train"
    assert reading.titles[1].value == Title(f"NT{spaces}x", "en", "synonym")
    assert {c.value for c in reading.staff} == {Credit("Akira Mori", "Director")}
    assert [(u.line, u.reason) for u in reading.refusals] == [
        (7, f"cannot read the dates in {'July 14, 1990' + spaces + 'x'!r}")
    ]
