"""Every real card, alone in a folder, loads through ``layzner.load`` as a Series or a clear error."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

import layzner
from layzner import LayznerError, PartialDate

from .support.accounting import unaccounted_lines

CARDS = sorted((Path(__file__).parent / "data" / "real-cards").glob("*/card.md"))
_TITLE = re.compile(r"^# (.+)$", re.MULTILINE)
_TYPE = re.compile(r"^-   \*\*type\*\*: (\S+)$", re.MULTILINE)
_START = re.compile(r"^-   \*\*start-date\*\*: (\d{4})-(\d{2})-(\d{2})$", re.MULTILINE)
_EPISODES = re.compile(r"^-   \*\*episodes\*\*: (\d+)$", re.MULTILINE)
_ANIME = {"tv-serie", "movie", "ova", "special", "ona"}


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> dict[Path, layzner.Series | LayznerError]:
    """Load each card from a folder of its own, keeping the Series or the LayznerError."""
    results: dict[Path, layzner.Series | LayznerError] = {}
    shelf = tmp_path_factory.mktemp("shelf")
    for card in CARDS:
        folder = shelf / card.parent.name
        folder.mkdir()
        shutil.copyfile(card, folder / "card.md")
        try:
            results[card] = layzner.load(folder)
        except LayznerError as error:  # anything else fails the test: a crash
            results[card] = error
    return results


def test_all_cards_are_tried(loaded: dict[Path, object]) -> None:
    """The 1,300 real cards are all there and all tried."""
    assert len(loaded) == 1300


def test_errors_name_the_file_and_line(loaded: dict[Path, layzner.Series | LayznerError]) -> None:
    """A refused card's error names its file and a line."""
    for card, result in loaded.items():
        if isinstance(result, LayznerError):
            assert result.path is not None, card
            assert result.path.endswith("card.md"), card
            assert result.line is not None, card


def test_anime_cards_load_with_the_facts_they_state(
    loaded: dict[Path, layzner.Series | LayznerError],
) -> None:
    """At least 99% of the anime cards load with the title, start date and episode count they state."""
    anime = 0
    wrong = []
    for card, result in loaded.items():
        text = card.read_text(encoding="utf-8")
        type_ = _TYPE.search(text)
        if type_ is None or type_[1] not in _ANIME:
            continue
        anime += 1
        title, start, episodes = _TITLE.search(text), _START.search(text), _EPISODES.search(text)
        if isinstance(result, LayznerError):
            wrong.append((card.parent.name, str(result)))
            continue
        expected_start = PartialDate(*map(int, start.groups())) if start else None
        expected_count = int(episodes[1]) if episodes else None
        got = (result.title, result.aired.start, result.episodes.total)
        if got != (title[1].strip() if title else None, expected_start, expected_count):
            wrong.append((card.parent.name, str(got)))
    assert anime == 1000
    assert len(wrong) <= 10, wrong[:20]


def test_print_works_carry_volumes_chapters_and_authors(
    loaded: dict[Path, layzner.Series | LayznerError],
) -> None:
    """Manga and novels load with the volumes and chapters their cards state, and authors."""
    for card, result in loaded.items():
        text = card.read_text(encoding="utf-8")
        if "**volumes**" not in text and "**chapters**" not in text:
            continue
        assert isinstance(result, layzner.Series), card
        volumes = re.search(r"\*\*volumes\*\*: (\d+)", text)
        chapters = re.search(r"\*\*chapters\*\*: (\d+)", text)
        assert result.volumes == (int(volumes[1]) if volumes else None), card
        assert result.chapters == (int(chapters[1]) if chapters else None), card
        if "## Authors\n\n-" in text:
            assert result.authors, card


def test_every_card_loads_leniently(loaded: dict[Path, layzner.Series | LayznerError]) -> None:
    """No real card is refused whole: an unreadable line costs that line only."""
    refused = {
        card.parent.name: str(r) for card, r in loaded.items() if not isinstance(r, layzner.Series)
    }
    assert refused == {}


def test_every_line_outside_the_synopsis_is_accounted_for(
    loaded: dict[Path, layzner.Series | LayznerError],
) -> None:
    """Each non-blank line of each card is evidence, a conflict candidate, or unparsed with a reason."""
    missing: list[str] = []
    for result in loaded.values():
        assert isinstance(result, layzner.Series)
        missing += unaccounted_lines(result)
        assert all(u.reason for u in result.unparsed), result.unparsed
    assert missing == []
