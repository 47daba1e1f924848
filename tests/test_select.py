"""where(): the filter users type after --where, as a plain Python function."""

from __future__ import annotations

import pytest

import layzner
from layzner import PartialDate
from layzner.testing import sample_series


def _series(
    media_type: str | None = "TV",
    year: int | None = 1985,
    tags: tuple[str, ...] = ("mecha",),
    genres: tuple[str, ...] = ("Sci-Fi",),
    title: str = "Blue Comet",
) -> layzner.Series:
    start = None if year is None else PartialDate(year, 10)
    return sample_series(
        id=layzner.slugify(title),
        title=title,
        media_type=media_type,
        aired=layzner.DateRange(start, None),
        tags=tags,
        genres=genres,
    )


@pytest.mark.parametrize(
    ("condition", "expected"),
    [
        ("type=TV", True),
        ("type=tv", True),
        ("type=tv-serie", True),
        ("type=anime", True),
        ("type=print", False),
        ("type=Movie", False),
        ("type=OVA,TV", True),
        ("tag=mecha", True),
        ("tag=MECHA", True),
        ("genre=sci-fi", True),
        ("tag=Sci-Fi", True),
        ("tag=comedy", False),
        ("year=1985", True),
        ("year=1980..1989", True),
        ("year=1985..1985", True),
        ("year=1986..", False),
        ("year=..1985", True),
        ("year=1990..1999,1980..1989", True),
        ("id=blue-comet", True),
        ("title=comet", True),
        ("title=gundam", False),
    ],
)
def test_one_condition_matches_as_documented(condition: str, expected: bool) -> None:
    """Each key compares as the docs say: types in any spelling, tags as slugs, years inclusive."""
    assert layzner.where(condition)(_series()) is expected


def test_every_condition_must_hold() -> None:
    """Conditions combine with "and": one that fails rejects the series."""
    keep = layzner.where("type=TV", "tag=mecha", "year=1980..1989")
    assert keep(_series())
    assert not keep(_series(year=1991))
    assert not keep(_series(media_type="OVA"))
    assert not keep(_series(tags=("comedy",), genres=()))


def test_print_types_and_unknown_facts() -> None:
    """``print`` takes manga and novels; a series without a type or start date never matches them."""
    manga = _series(media_type="Manga")
    assert layzner.where("type=print")(manga)
    assert layzner.where("type=manga")(manga)
    assert not layzner.where("type=anime")(manga)
    assert layzner.where("type=light-novel")(_series(media_type="Light Novel"))
    assert not layzner.where("type=TV")(_series(media_type=None))
    assert not layzner.where("year=1900..")(_series(year=None))


def test_no_condition_keeps_everything() -> None:
    """A filter without conditions keeps every series, and works with the built-in filter()."""
    works = [_series(), _series(media_type="Manga", title="Other")]
    assert list(filter(layzner.where(), works)) == works
    assert list(filter(layzner.where("type=manga"), works)) == works[1:]


@pytest.mark.parametrize(
    ("condition", "message"),
    [
        ("type", "key=value"),
        ("=TV", "key=value"),
        ("typ=TV", "did you mean 'type'"),
        ("tags=mecha", "did you mean 'tag'"),
        ("type=", "no value"),
        ("type=TVV", "did you mean 'TV'"),
        ("year=80s", "1980..1989"),
        ("year=1989..1980", "ends before it starts"),
        ("year=1980-1989", "1980..1989"),
        ("year=..", "1980..1989"),
    ],
)
def test_a_malformed_condition_is_one_clear_error(condition: str, message: str) -> None:
    """A condition that cannot be read raises FilterError, saying what is wrong."""
    with pytest.raises(layzner.FilterError, match=message):
        layzner.where(condition)
