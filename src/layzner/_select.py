"""Select works with conditions a user can type: ``type=TV``, ``tag=mecha``, ``year=1980..1989``.

The same strings serve ``layzner-export --where`` and :func:`where` in Python,
so a filter written once works in both.
"""

from __future__ import annotations

import re

import attrs

from ._messages import did_you_mean
from ._model import Series, slugify
from ._vocabulary import EPISODE_FIELDS, MEDIA_TYPES
from .errors import FilterError

__all__ = ["KEYS", "Where", "where"]

ANIME = "anime"
PRINT = "print"

# Every media type the readers give, by its slug; "anime" and "print" name groups.
_TYPES: dict[str, str] = {
    **{slugify(kind.name): kind.name for kind in MEDIA_TYPES},
    **{slugify(kind.card_type): kind.name for kind in MEDIA_TYPES},
}
_ANIME_TYPES = frozenset(slugify(name) for name in EPISODE_FIELDS)
_YEARS = re.compile(r"(?P<start>-?\d{1,6})?(?P<range>\.\.)?(?P<end>-?\d{1,6})?")


@attrs.frozen
class _Condition:
    """One ``key=value`` condition: true when the series matches any of its values."""

    key: str
    values: tuple[str, ...]
    years: tuple[tuple[int | None, int | None], ...] = ()

    def __call__(self, series: Series) -> bool:
        return _MATCHERS[self.key](self, series)


def _match_type(condition: _Condition, series: Series) -> bool:
    if series.media_type is None:
        return False
    kind = slugify(series.media_type)
    anime = kind in _ANIME_TYPES
    return any(
        (value == ANIME and anime) or (value == PRINT and not anime) or value == kind
        for value in condition.values
    )


def _match_tag(condition: _Condition, series: Series) -> bool:
    words = {slugify(word) for word in (*series.tags, *series.genres)}
    return any(value in words for value in condition.values)


def _match_year(condition: _Condition, series: Series) -> bool:
    start = series.aired.start
    if start is None:
        return False
    return any(
        (low is None or start.year >= low) and (high is None or start.year <= high)
        for low, high in condition.years
    )


def _match_id(condition: _Condition, series: Series) -> bool:
    return series.id in condition.values


def _match_title(condition: _Condition, series: Series) -> bool:
    texts = [series.title.casefold(), *(title.text.casefold() for title in series.titles)]
    return any(value in text for value in condition.values for text in texts)


_MATCHERS = {
    "type": _match_type,
    "tag": _match_tag,
    "genre": _match_tag,
    "year": _match_year,
    "id": _match_id,
    "title": _match_title,
}

KEYS: tuple[str, ...] = tuple(sorted(_MATCHERS))
"""The keys a condition may use."""


@attrs.frozen
class Where:
    """A filter over series: true when every condition holds.

    Call it with a series (``where("type=TV")(series)``), or pass it to the
    built-in ``filter``.  Build one with :func:`where`.

    Attributes:
        conditions: the parsed conditions, each a callable that takes a
            series; every one must hold.

    .. versionadded:: 0.1
    """

    conditions: tuple[_Condition, ...] = ()

    def __call__(self, series: Series) -> bool:
        """Return whether *series* meets every condition."""
        return all(condition(series) for condition in self.conditions)


def where(*conditions: str) -> Where:
    """Return a filter that keeps the series meeting every one of *conditions*.

    Each condition is ``key=value``; a value may list alternatives separated
    by commas, any of which will do (``type=TV,OVA``).  The keys:

    - ``type``: the media type, in any case and in the model's or the card's
      spelling (``TV``, ``tv-serie``, ``light-novel``); ``anime`` means every
      anime type (TV, OVA, ONA, Movie, Special) and ``print`` every other.
    - ``tag`` or ``genre``: a tag or a genre of the series, compared as slugs
      (``slice-of-life`` matches "Slice of Life").
    - ``year``: the year the series started: ``1985``, ``1980..1989``
      (both included), ``1980..`` or ``..1989``.
    - ``id``: the series' id.
    - ``title``: text any of its titles contains, ignoring case.

    Raises:
        FilterError: a condition is not ``key=value``, names an unknown key or
            media type, or has a malformed year range.

    .. versionadded:: 0.1
    """
    return Where(tuple(_parse(condition) for condition in conditions))


def _parse(text: str) -> _Condition:
    key, sep, value = text.partition("=")
    key = key.strip().lower()
    if not sep or not key:
        raise FilterError(f"a condition is written key=value, got {text!r}")
    if key not in _MATCHERS:
        raise FilterError(f"unknown key {key!r} in {text!r}{did_you_mean(key, KEYS, cutoff=0.5)}")
    values = [part.strip() for part in value.split(",") if part.strip()]
    if not values:
        raise FilterError(f"condition {text!r} has no value")
    if key == "type":
        return _Condition(key, tuple(_parse_type(v) for v in values))
    if key == "year":
        return _Condition(key, tuple(values), tuple(_parse_years(v) for v in values))
    if key == "title":
        return _Condition(key, tuple(v.casefold() for v in values))
    return _Condition(key, tuple(slugify(v) for v in values))


def _parse_type(value: str) -> str:
    slug = slugify(value)
    if slug in {ANIME, PRINT}:
        return slug
    if slug in _TYPES:
        return slugify(_TYPES[slug])
    known = sorted({*_TYPES.values(), ANIME, PRINT})
    raise FilterError(
        f"unknown media type {value!r}{did_you_mean(value, known, cutoff=0.5)} (known: {', '.join(known)})"
    )


def _parse_years(value: str) -> tuple[int | None, int | None]:
    match = _YEARS.fullmatch(value)
    if match is None or not (match["start"] or match["end"]):
        raise FilterError(f"a year is written 1985, 1980..1989, 1980.. or ..1989, got {value!r}")
    start = int(match["start"]) if match["start"] else None
    end = int(match["end"]) if match["end"] else None
    if not match["range"]:
        if start is None or end is not None:
            raise FilterError(
                f"a year is written 1985, 1980..1989, 1980.. or ..1989, got {value!r}"
            )
        return start, start
    if start is not None and end is not None and start > end:
        raise FilterError(f"the year range {value!r} ends before it starts")
    return start, end
