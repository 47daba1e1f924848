"""Bad input gives one LayznerError that names the file and the line, never a bare exception."""

from __future__ import annotations

import pickle
import shutil
from pathlib import Path

import pytest

import layzner
from layzner import (
    InconsistentSeriesError,
    LayznerError,
    MissingFactError,
    SourceFormatError,
    SourceNotFoundError,
    SourceReadError,
    UnknownFormatError,
)

from .support.second_series import write_second_series

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def test_a_missing_path_is_source_not_found(tmp_path: Path) -> None:
    """A path that does not exist is named in the error."""
    missing = tmp_path / "nowhere"
    with pytest.raises(SourceNotFoundError) as caught:
        layzner.load(missing)
    assert str(caught.value) == f"{missing}: no such file or directory"


def test_an_empty_directory_is_source_not_found(tmp_path: Path) -> None:
    """A directory without documents is refused, not loaded as an empty series."""
    with pytest.raises(SourceNotFoundError, match="holds no documents"):
        layzner.load(tmp_path)


def test_a_missing_file_in_a_list_is_named(tmp_path: Path) -> None:
    """Each path of a list must exist."""
    with pytest.raises(SourceNotFoundError) as caught:
        layzner.load([SEEDS / "000_767adc7def4acde8.txt", tmp_path / "gone.md"])
    assert caught.value.path == str(tmp_path / "gone.md")


def test_bytes_that_are_not_utf8_name_the_line(tmp_path: Path) -> None:
    """A document that is not UTF-8 is unreadable, with the line of the first bad byte."""
    path = tmp_path / "latin1.md"
    path.write_bytes(
        "# Title\n\n-   **type**: tv-serie\n-   **rating**: caf\xe9\n".encode("latin-1")
    )
    with pytest.raises(SourceReadError) as caught:
        layzner.load(path)
    assert caught.value.line == 4
    assert str(caught.value).startswith(f"{path}:4: not UTF-8")


def test_a_document_of_no_known_format_is_refused(tmp_path: Path) -> None:
    """Text in none of the three formats is refused with its first line."""
    path = tmp_path / "notes.txt"
    path.write_text("\n\nShopping list:\n- eggs\n", encoding="utf-8")
    with pytest.raises(UnknownFormatError) as caught:
        layzner.load(tmp_path)
    assert (caught.value.path, caught.value.line) == (str(path), 3)


def test_documents_of_different_series_are_refused(tmp_path: Path) -> None:
    """A Layzner profile beside another series' card is an inconsistent set."""
    other = write_second_series(tmp_path / "other")
    mixed = tmp_path / "mixed"
    mixed.mkdir()
    shutil.copy(SEEDS / "000_767adc7def4acde8.txt", mixed / "profile.txt")
    shutil.copy(other["card"], mixed / "card.md")
    with pytest.raises(InconsistentSeriesError) as caught:
        layzner.load(mixed)
    error = caught.value
    assert error.path == str(mixed / "card.md")
    assert error.line == 1
    assert "Hoshiakari Haitatsunin Mirai" in str(error)
    assert "Blue Comet SPT Layzner" in str(error)


def test_an_article_alone_without_a_title_is_missing_a_fact(tmp_path: Path) -> None:
    """The title is required: an article that states none cannot make a series."""
    path = tmp_path / "article.txt"
    path.write_text(" ".join(["words without any native title or case"] * 5) + "\n", "utf-8")
    with pytest.raises(MissingFactError) as caught:
        layzner.load(path)
    assert caught.value.path == str(path)
    assert (caught.value.line, caught.value.offset) == (None, 0)
    assert str(caught.value) == f"{path}@0: no document states the series' title"


def test_a_bad_date_in_a_profile_names_its_line(tmp_path: Path) -> None:
    """A profile's date row that cannot be read is refused with its line in strict mode."""
    text = (SEEDS / "000_767adc7def4acde8.txt").read_text(encoding="utf-8")
    path = tmp_path / "profile.txt"
    path.write_text(text.replace("June 26, 1986", "Juneteenth 1986"), encoding="utf-8")
    with pytest.raises(SourceFormatError) as caught:
        layzner.load(path, strict=True)
    assert caught.value.line == 7
    assert caught.value.message == "cannot read the dates in 'October 3, 1985–Juneteenth 1986'"


def test_a_bad_date_in_a_profile_costs_its_line_only(tmp_path: Path) -> None:
    """By default the unreadable date row is unparsed with its reason; the companies row still reads."""
    text = (SEEDS / "000_767adc7def4acde8.txt").read_text(encoding="utf-8")
    path = tmp_path / "profile.txt"
    path.write_text(text.replace("June 26, 1986", "Juneteenth 1986"), encoding="utf-8")
    series = layzner.load(path)
    assert [(u.line, u.reason) for u in series.unparsed] == [
        (7, "cannot read the dates in 'October 3, 1985–Juneteenth 1986'")
    ]
    assert series.aired == layzner.DateRange()
    assert [c.name for c in series.companies] == ["SUNRISE", "Nippon TV", "Bandai Channel"]


def test_a_bad_count_in_a_card_names_its_line(tmp_path: Path) -> None:
    """A card's episode count that is not a number is refused with its line in strict mode."""
    text = (SEEDS / "001_245de9df061e6d9f.txt").read_text(encoding="utf-8")
    path = tmp_path / "card.md"
    path.write_text(text.replace("**episodes**: 38", "**episodes**: thirty"), encoding="utf-8")
    with pytest.raises(SourceFormatError) as caught:
        layzner.load(path, strict=True)
    assert caught.value.line == 6
    assert str(caught.value) == (f"{path}:6: episodes must be a non-negative integer, not 'thirty'")
    lenient = layzner.load(path)
    assert [(u.line, u.text) for u in lenient.unparsed] == [(6, "-   **episodes**: thirty")]
    assert lenient.episodes == layzner.Episodes()
    assert lenient.title == "Aoki Ryuusei SPT Layzner"


def test_a_profile_without_its_title_line_is_refused(tmp_path: Path) -> None:
    """A profile page must start with its title line."""
    text = (SEEDS / "000_767adc7def4acde8.txt").read_text(encoding="utf-8")
    path = tmp_path / "profile.txt"
    path.write_text(text, encoding="utf-8")
    from layzner._model import SourceDocument
    from layzner._readers.profile import read_profile

    with pytest.raises(SourceFormatError) as caught:
        read_profile("Profile of nothing\n" + text, SourceDocument("p", str(path), "profile", ""))
    assert caught.value.line == 1


def test_every_error_is_a_layzner_error_and_pickles() -> None:
    """Each error class derives from LayznerError and survives pickling with its location."""
    error = SourceFormatError("bad value", path="card.md", line=3)
    assert isinstance(error, LayznerError)
    copy = pickle.loads(pickle.dumps(error))
    assert (type(copy), str(copy), copy.line) == (SourceFormatError, "card.md:3: bad value", 3)
    assert str(LayznerError("at an offset", path="a.txt", offset=12)) == "a.txt@12: at an offset"


def test_a_path_that_is_neither_file_nor_directory_is_unreadable() -> None:
    """A device such as /dev/null is refused as a document source, with its path."""
    with pytest.raises(SourceReadError) as caught:
        layzner.load("/dev/null")
    assert caught.value.path == "/dev/null"


def test_a_shortened_title_does_not_join_two_series(tmp_path: Path) -> None:
    """A profile of "Iron Lantern" and a card of "Iron Lantern Zero" are two series."""
    (tmp_path / "profile.txt").write_text(
        "Anime Profile: Iron Lantern\n\nUSA Info\nJapanese Info\n"
        "Iron Lantern | Tetsu no Tomoshibi\n36 TV Episodes\n",
        encoding="utf-8",
    )
    (tmp_path / "card.md").write_text(
        "# Iron Lantern Zero\n\n-   **type**: ova\n-   **episodes**: 4\n", encoding="utf-8"
    )
    with pytest.raises(InconsistentSeriesError):
        layzner.load(tmp_path)


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("-   **episodes**: 99999999999999999999", "episodes must be between 0 and 100000"),
        ('-   **opening-song**: #0: "Kaze" by Someone', "between 1 and 100000"),
        ('-   **ending-song**: #1: "Kaze" by Someone (eps 5-2)', "episodes 5-2 run backwards"),
    ],
)
def test_impossible_numbers_in_a_card_name_their_line(
    tmp_path: Path, line: str, message: str
) -> None:
    """Counts, song numbers and episode spans must make sense, or the line is refused."""
    path = tmp_path / "card.md"
    path.write_text(f"# Iron Lantern\n\n-   **type**: tv-serie\n{line}\n", encoding="utf-8")
    with pytest.raises(SourceFormatError, match=message) as caught:
        layzner.load(path, strict=True)
    assert caught.value.line == 4
    (unparsed,) = layzner.load(path).unparsed
    assert (unparsed.line, unparsed.text) == (4, line)
    assert message in unparsed.reason
