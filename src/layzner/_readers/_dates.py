"""Dates as the documents write them: ``1985-10-03``, ``October 3, 1985``, ``Oct 1985``, ``1985``."""

from __future__ import annotations

import re

from .._model import PartialDate

__all__ = ["ACCEPTED_FORMS", "MONTHS", "parse_date"]

MONTHS: dict[str, int] = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}

ACCEPTED_FORMS = "'2001-04-24', '2001-04', '2001', 'April 24, 2001', '24 April 2001', 'April 2001'"
"""The forms :func:`parse_date` reads, for the message that refuses a date."""

_ISO = re.compile(r"(?P<y>\d{4})(?:-(?P<m>\d{1,2})(?:-(?P<d>\d{1,2}))?)?")
_MONTH_DAY_YEAR = re.compile(r"(?P<mon>[A-Za-z]+)\.?(?:\s+(?P<d>\d{1,2}))?,?\s+(?P<y>\d{4})")
_DAY_MONTH_YEAR = re.compile(r"(?P<d>\d{1,2})\s+(?P<mon>[A-Za-z]+)\.?,?\s+(?P<y>\d{4})")
_YEAR = re.compile(r"(?P<y>\d{4})")


def parse_date(text: str) -> PartialDate | None:
    """Return the date *text* writes, or ``None`` if it is not a date.

    Accepts ISO dates (``1985-10-03``, ``1985-10``, ``1985``) and English
    ones (``October 3, 1985``, ``Oct. 3 1985``, ``3 October 1985``,
    ``October 1985``).  A date that names an impossible month or day is not
    a date: the caller reports it with its line.
    """
    text = text.strip()
    year: int
    month: int | None = None
    day: int | None = None
    if match := _ISO.fullmatch(text):
        year = int(match["y"])
        month = int(match["m"]) if match["m"] else None
        day = int(match["d"]) if match["d"] else None
    elif (match := _MONTH_DAY_YEAR.fullmatch(text)) or (match := _DAY_MONTH_YEAR.fullmatch(text)):
        month = MONTHS.get(match["mon"].lower())
        if month is None:
            return None
        year = int(match["y"])
        day = int(match["d"]) if match["d"] else None
    else:
        return None
    try:
        return PartialDate(year, month, day)
    except ValueError:
        return None
