"""Facts both MyAnimeList-style cards derive from a series: kinds, counts, dates, status, URLs.

Nothing here knows any particular series; every rule is about the model's
shapes (media type strings, partial dates, title languages).
"""

from __future__ import annotations

import datetime
import os
import re
from collections.abc import Mapping

import layzner

__all__ = [
    "PRINT_TYPES",
    "episode_kind",
    "format_date",
    "format_span",
    "main_episodes",
    "native_title",
    "rating",
    "resolve_today",
    "safe_url",
    "season",
    "status",
]

PRINT_TYPES = frozenset(
    {"manga", "light novel", "light-novel", "novel", "manhwa", "manhua", "one-shot"}
)
"""Media types (lowercased) of print works, which have volumes and are published, not aired."""

_EPISODE_KINDS: Mapping[str, str] = {
    "tv": "tv",
    "tv-serie": "tv",
    "tv series": "tv",
    "ova": "ova",
    "oav": "ova",
    "ona": "ona",
    "movie": "movie",
    "film": "movie",
    "special": "special",
    "tv special": "special",
}

# MyAnimeList's age ratings: the code a source may give alone, and the full label.
_RATINGS: Mapping[str, str] = {
    "G": "G - All Ages",
    "PG": "PG - Children",
    "PG-13": "PG-13 - Teens 13 or older",
    "R": "R - 17+ (violence & profanity)",
    "R+": "R+ - Mild Nudity",
    "RX": "Rx - Hentai",
}
_MONTH_ABBR = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
# The season a month premieres in, as MyAnimeList names them.
_SEASONS = ("Winter",) * 3 + ("Spring",) * 3 + ("Summer",) * 3 + ("Fall",) * 3
_TODAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
# Browsers ignore these inside a scheme ("java\tscript:"), so a URL holding any
# of them is refused rather than trusted to mean what it seems to; a bidi
# override would make the URL read differently from where it leads.
_UNSAFE_URL_CHARS = re.compile(r"[\x00-\x20\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def rating(code: str | None) -> str | None:
    """Return a rating as MyAnimeList writes it, code and meaning: ``PG-13 - Teens 13 or older``.

    A rating that already carries its meaning, or one MyAnimeList does not
    use, is returned as given.
    """
    if code is None or not code.strip():
        return None
    return _RATINGS.get(code.strip().upper(), code)


def is_print(series: layzner.Series) -> bool:
    """Return whether the series is a print work (published, counted in volumes)."""
    return series.media_type is not None and series.media_type.lower() in PRINT_TYPES


def episode_kind(media_type: str | None) -> str | None:
    """Return the :class:`layzner.Episodes` field that counts episodes of *media_type*, if any."""
    if media_type is None:
        return None
    return _EPISODE_KINDS.get(media_type.strip().lower())


def main_episodes(series: layzner.Series) -> int | None:
    """Return the episode count of the series' own media type, else the total of all kinds."""
    kind = episode_kind(series.media_type)
    if kind is not None:
        count: int | None = getattr(series.episodes, kind)
        if count is not None:
            return count
    return series.episodes.total


def native_title(series: layzner.Series) -> layzner.Title | None:
    """Return the first title in the original script (kind ``native`` or language ``ja``)."""
    for title in series.titles:
        if title.kind == "native":
            return title
    for title in series.titles:
        if title.language == "ja":
            return title
    return None


def safe_url(url: str | None) -> str | None:
    """Return *url* if it is an absolute ``http`` or ``https`` URL with a host, else ``None``."""
    if url is None or _UNSAFE_URL_CHARS.search(url):
        return None
    scheme, sep, rest = url.partition("://")
    if not sep or scheme.lower() not in {"http", "https"}:
        return None
    host = rest.split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]
    return url if host else None


def format_date(date: layzner.PartialDate) -> str:
    """Return *date* as MyAnimeList writes it: ``Oct 3, 1985``, ``Oct 1985`` or ``1985``."""
    if date.month is None:
        return str(date.year)
    month = _MONTH_ABBR[date.month - 1]
    if date.day is None:
        return f"{month} {date.year}"
    return f"{month} {date.day}, {date.year}"


def format_span(spans: tuple[layzner.EpisodeSpan, ...]) -> str | None:
    """Return ``ep 1``, ``eps 1-25`` or ``eps 1-6, 10-13`` for *spans*, or ``None`` if empty."""
    if not spans:
        return None
    single = len(spans) == 1 and spans[0].last == spans[0].first
    return ("ep " if single else "eps ") + ", ".join(str(span) for span in spans)


def season(date: layzner.PartialDate | None) -> str | None:
    """Return the season a run starting on *date* premiered in (``Fall 1985``), if known."""
    if date is None or date.month is None:
        return None
    return f"{_SEASONS[date.month - 1]} {date.year}"


def resolve_today(option: object, environ: Mapping[str, str] = os.environ) -> layzner.PartialDate:
    """Return the date the status is judged against.

    The ``today`` option wins; then ``SOURCE_DATE_EPOCH`` (the reproducible
    builds convention), read as a UTC date; then the current UTC date.

    Raises:
        layzner.OptionError: the option or the variable is not a date.
    """
    if isinstance(option, str) and option:
        match = _TODAY.fullmatch(option.strip())
        try:
            if match is None:
                raise ValueError(option)
            day = datetime.date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            msg = f"option 'today' takes a date written YYYY-MM-DD, got {option!r}"
            raise layzner.OptionError(msg) from None
    elif epoch := environ.get("SOURCE_DATE_EPOCH", "").strip():
        try:
            day = datetime.datetime.fromtimestamp(int(epoch), tz=datetime.UTC).date()
        except (ValueError, OverflowError, OSError):
            msg = f"SOURCE_DATE_EPOCH must be a number of seconds, got {epoch!r}"
            raise layzner.OptionError(msg) from None
    else:
        day = datetime.datetime.now(tz=datetime.UTC).date()
    return layzner.PartialDate(day.year, day.month, day.day)


def status(series: layzner.Series, today: layzner.PartialDate) -> str:
    """Return the airing (or publishing) status of the series on *today*.

    A run is finished only when its end date is certainly past: an end of
    ``1986`` is not past until 1987, because its month is unknown.
    """
    start, end = series.aired.start, series.aired.end
    published = is_print(series)
    if end is not None and end.precedes(today):
        return "Finished" if published else "Finished Airing"
    if start is not None and today.precedes(start):
        return "Not yet published" if published else "Not yet aired"
    if start is not None:
        return "Publishing" if published else "Currently Airing"
    return "Unknown"
