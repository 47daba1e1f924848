"""Which lines of a card or profile page a Series accounts for, judged without the readers.

A line is accounted for when the evidence of a fact, a conflict candidate or
an unparsed line cites it.  Structure is not a fact and needs no citation:
blank lines, a card's known ``## `` section headers and its synopsis, a
profile page's column headers, its ``Characters:`` and ``Description:``
lines and its description.  The definitions here are written from the
format pages (docs/formats), not taken from the readers.
"""

from __future__ import annotations

import re
from pathlib import Path

import layzner

_CARD_SECTION = re.compile(r"##\s+(tags|authors|sinopse|synopsis|links)\s*", re.IGNORECASE)
_CARD_SYNOPSIS = re.compile(r"##\s+(sinopse|synopsis)\s*", re.IGNORECASE)
_PROFILE_HEADERS = {"USA Info", "Japanese Info", "English Name", "Japanese Name"}


def lines_to_account_for(text: str, format_: str) -> list[int]:
    """Return the numbers of the lines of *text* that must be cited, for a card or profile page."""
    numbers = []
    in_prose = False
    for number, line in enumerate(text.removeprefix("\ufeff").split("\n"), start=1):
        stripped = line.strip()
        if format_ == "card" and stripped.startswith("## "):
            in_prose = bool(_CARD_SYNOPSIS.fullmatch(stripped))
            if _CARD_SECTION.fullmatch(stripped):
                continue
        if format_ == "profile":
            if stripped.startswith(("Characters:", "Description:")):
                in_prose = stripped.startswith("Description:")
                continue
            if stripped in _PROFILE_HEADERS:
                continue
        if stripped and not in_prose:
            numbers.append(number)
    return numbers


def cited_lines(series: layzner.Series) -> set[tuple[str, int]]:
    """Return every (source id, line) that evidence, a conflict candidate or an unparsed line cites."""
    evidence = [e for _field, items in series.evidence for e in items]
    evidence += [
        e for c in series.conflicts for candidate in c.candidates for e in candidate.evidence
    ]
    cited = {(e.source, e.line) for e in evidence if e.line is not None}
    return cited | {(u.source, u.line) for u in series.unparsed}


def unaccounted_lines(series: layzner.Series) -> list[str]:
    """Return ``source:line: text`` for each line of the series' cards and profiles no one cites."""
    cited = cited_lines(series)
    missing = []
    for source in series.sources:
        if source.format not in {"card", "profile"}:
            continue
        text = Path(source.path).read_text(encoding="utf-8")
        lines = text.removeprefix("\ufeff").split("\n")
        for number in lines_to_account_for(text, source.format):
            if (source.id, number) not in cited:
                missing.append(f"{source.path}:{number}: {lines[number - 1]}")
    return missing
