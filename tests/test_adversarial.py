"""The pathological inputs of ``benchmarks/adversarial.py``, at small sizes: what layzner reads of them.

The benchmark times these generators up to 1.28 MB; here the same
generators write a few kilobytes and only the output is checked, never the
time.  Each expectation is worked out from the generated text itself.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

import layzner

from .support.benchmarks import load_benchmark

ROOT = Path(__file__).resolve().parent.parent
SIZES = (2_000, 8_000)


def _benchmark() -> ModuleType:
    return load_benchmark("adversarial")


ADVERSARIAL = _benchmark()
GENERATORS = {generator.name: generator for generator in ADVERSARIAL.GENERATORS}


def _load(name: str, size: int, folder: Path) -> tuple[layzner.Series, list[str]]:
    """Write generator *name*'s documents of about *size* bytes; return the series and the one document's lines."""
    paths = GENERATORS[name].write(folder, size)
    lines = paths[0].read_text(encoding="utf-8").splitlines()
    return layzner.load(paths), lines


def _bullets(lines: list[str]) -> list[str]:
    """Return the text of a card's ``-   `` bullets after its ``## `` heading."""
    start = next(i for i, line in enumerate(lines) if line.startswith("## "))
    return [line.removeprefix("-   ") for line in lines[start + 1 :]]


def _outcome(paths: list[Path]) -> layzner.Series | layzner.LayznerError:
    try:
        return layzner.load(paths)
    except layzner.LayznerError as error:
        return error


@pytest.mark.parametrize("name", sorted(GENERATORS))
def test_every_generator_loads_to_a_series_at_small_sizes(name: str, tmp_path: Path) -> None:
    """Every pathological input loads leniently to a titled series whose unparsed lines are lines of its documents."""
    for size in SIZES:
        folder = tmp_path / str(size)
        folder.mkdir()
        paths = GENERATORS[name].write(folder, size)
        outcome = _outcome(paths)
        if isinstance(outcome, layzner.LayznerError):
            # Refusing is an answer too (random words state no title), if it names the file.
            assert outcome.path is not None
            assert Path(outcome.path).name in {p.name for p in paths}
            continue
        series = outcome
        assert series.title
        line_counts = {p.name: len(p.read_text(encoding="utf-8").splitlines()) for p in paths}
        for unparsed in series.unparsed:
            assert 1 <= unparsed.line <= max(line_counts.values())


@pytest.mark.parametrize("size", SIZES)
def test_distinct_tags_are_each_read_once_in_order(size: int, tmp_path: Path) -> None:
    """A card of one distinct tag per bullet reads every tag, in the card's order."""
    series, lines = _load("card-tags", size, tmp_path)
    assert series.tags == tuple(_bullets(lines))
    assert len(series.tags) > 50


@pytest.mark.parametrize("size", SIZES)
def test_identical_tags_merge_into_one(size: int, tmp_path: Path) -> None:
    """A card repeating one tag on every bullet reads that tag once."""
    series, lines = _load("card-tags-identical", size, tmp_path)
    assert len(_bullets(lines)) > 50
    assert series.tags == ("Action",)


@pytest.mark.parametrize("size", SIZES)
def test_distinct_authors_are_each_credited(size: int, tmp_path: Path) -> None:
    """A card of one 'Name (Story)' author per bullet credits each person with that role."""
    series, lines = _load("card-authors", size, tmp_path)
    people = [bullet.removesuffix(" (Story)") for bullet in _bullets(lines)]
    assert [(c.person, c.role) for c in series.authors] == [(p, "Story") for p in people]


@pytest.mark.parametrize("size", SIZES)
def test_one_person_in_many_roles_keeps_every_role(size: int, tmp_path: Path) -> None:
    """A card crediting one person in a new role per bullet keeps one credit per role."""
    series, lines = _load("card-authors-one-person", size, tmp_path)
    roles = [re.fullmatch(r"Kenji Mori \((\w+)\)", bullet)[1] for bullet in _bullets(lines)]  # type: ignore[index]
    assert [(c.person, c.role) for c in series.authors] == [("Kenji Mori", r) for r in roles]


@pytest.mark.parametrize("size", SIZES)
def test_authors_split_over_two_bullets_are_joined(size: int, tmp_path: Path) -> None:
    """Authors written as a given name and a 'family (Art)' bullet read as one person each."""
    series, lines = _load("card-authors-split", size, tmp_path)
    bullets = _bullets(lines)
    pairs = [
        f"{given} {family.removesuffix(' (Art)')}"
        for given, family in zip(bullets[::2], bullets[1::2], strict=False)
    ]
    # An odd last bullet is a name alone: an author with no role given.
    alone = [(bullets[-1], "Author")] if len(bullets) % 2 else []
    assert [(c.person, c.role) for c in series.authors] == [(p, "Art") for p in pairs] + alone


@pytest.mark.parametrize("size", SIZES)
def test_numbered_songs_are_each_read(size: int, tmp_path: Path) -> None:
    """A card of one numbered opening per line reads each song's number, title and artist."""
    series, lines = _load("card-songs", size, tmp_path)
    expected = [
        re.fullmatch(r'-   \*\*opening-song\*\*: #(\d+): "(\w+)" by (\w+ \w+)', line).groups()  # type: ignore[union-attr]
        for line in lines
        if "opening-song" in line
    ]
    read = [(str(s.sequence), s.title, *s.artists) for s in series.songs]
    assert read == [tuple(e) for e in expected]
    assert {s.kind for s in series.songs} == {"opening"}


@pytest.mark.parametrize("size", SIZES)
def test_links_are_each_read(size: int, tmp_path: Path) -> None:
    """A card of one link per bullet reads every site and URL."""
    series, lines = _load("card-links", size, tmp_path)
    expected = [re.fullmatch(r"\[(.+)\]\((.+)\)", bullet).groups() for bullet in _bullets(lines)]  # type: ignore[union-attr]
    assert [(link.site, link.url) for link in series.links] == expected


@pytest.mark.parametrize("size", SIZES)
def test_unknown_keys_are_each_recorded_unparsed(size: int, tmp_path: Path) -> None:
    """A card of unknown keys records every such line as unparsed, with its line number."""
    series, lines = _load("card-unknown-keys", size, tmp_path)
    unknown = [
        number
        for number, line in enumerate(lines, 1)
        if line.startswith("-   **") and "type" not in line
    ]
    assert [u.line for u in series.unparsed] == unknown
    assert all("unknown key" in u.reason for u in series.unparsed)


@pytest.mark.parametrize("size", SIZES)
def test_a_repeated_key_agrees_with_itself(size: int, tmp_path: Path) -> None:
    """A card repeating '**episodes**: 12' reads 12 episodes and no conflict."""
    series, _ = _load("card-repeated-key", size, tmp_path)
    assert series.episodes.tv == 12
    assert series.conflicts == ()


@pytest.mark.parametrize("size", SIZES)
def test_a_long_credits_row_credits_everyone(size: int, tmp_path: Path) -> None:
    """A profile row of 'Name (director), ' repeated credits each name as director."""
    series, lines = _load("profile-credits-row", size, tmp_path)
    people = [part.removesuffix(" (director)") for part in lines[-1].split(", ")]
    assert [(c.person, c.role) for c in series.staff] == [(p, "Director") for p in people]


@pytest.mark.parametrize("size", SIZES)
def test_a_long_companies_row_names_every_studio(size: int, tmp_path: Path) -> None:
    """A profile companies row of distinct studio names reads each of them."""
    series, lines = _load("profile-companies-row", size, tmp_path)
    row = next(line for line in lines if line.startswith("Studio "))
    assert [c.name for c in series.companies] == row.split(", ")


@pytest.mark.parametrize("size", SIZES)
def test_a_long_genres_row_reads_each_genre_once(size: int, tmp_path: Path) -> None:
    """A profile genres row of 'Action, ' repeated then 'Drama' reads the two genres."""
    series, _ = _load("profile-genres-row", size, tmp_path)
    assert series.genres == ("Action", "Drama")


@pytest.mark.parametrize("size", SIZES)
def test_lone_names_are_each_recorded_unparsed(size: int, tmp_path: Path) -> None:
    """A profile of unlabelled lone names credits none of them and records each as unparsed."""
    series, lines = _load("profile-lone-names", size, tmp_path)
    names = lines[lines.index("Studio Hoshi, Fuji TV") + 1 :]
    assert [u.text for u in series.unparsed] == names
    assert series.staff == ()


@pytest.mark.parametrize("size", SIZES)
def test_identical_cards_agree_into_one_series(size: int, tmp_path: Path) -> None:
    """A folder of identical cards reads what one of them says, with no conflict."""
    series, _ = _load("cards-identical-folder", size, tmp_path)
    assert (series.title, series.episodes.tv, series.tags) == ("A Show", 12, ("drama",))
    assert str(series.aired.start) == "2001-04-06"
    assert series.conflicts == ()


def test_long_runs_inside_lines_still_read_their_facts(tmp_path: Path) -> None:
    """Lines padded with long runs of spaces still give the facts around the run."""
    found: dict[str, Any] = {}
    for name in ("card-date-spaces", "song-spaces-before-episodes", "profile-credit-spaces"):
        folder = tmp_path / name
        folder.mkdir()
        found[name], _ = _load(name, 8_000, folder)
    assert str(found["card-date-spaces"].aired.start) == "1985-10-03"
    song = found["song-spaces-before-episodes"].songs[0]
    assert (song.title, song.artists, [(e.first, e.last) for e in song.episodes]) == (
        "T",
        ("A",),
        [(1, 2)],
    )
    assert [(c.person, c.role) for c in found["profile-credit-spaces"].staff] == [
        ("Akira Mori", "Director")
    ]


def test_the_memory_measure_takes_each_sizes_peak_in_a_traced_child() -> None:
    """``measure_memory`` runs the generator in a process traced from its start and returns a peak per size.

    Only that each size gets a plausible ratio is checked: a load raises
    the traced memory above its baseline, by less than a thousand times
    the input.  The limit itself is the benchmark's to judge, not a test's.
    """
    generator = dataclasses.replace(GENERATORS["card-tags"], sizes=SIZES)
    peaks = ADVERSARIAL.measure_memory(generator)
    assert sorted(peaks) == list(SIZES)
    assert all(0 < peak < 1000 for peak in peaks.values())
