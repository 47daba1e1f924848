"""Read a series from its parsed JSON form, one function per model class.

This is the fast path of :func:`layzner.from_json`.  It accepts exactly what
the cattrs converter in ``_convert`` accepts and builds the same objects,
but it does not say what is wrong: any document it refuses (it raises any
exception) is read again by the converter, whose detailed validation names
the JSON path.  So the rules here only need to be at least as strict:

* a string, integer or boolean field takes a value of exactly that type
  (``True`` is no integer, ``5`` no string); an optional one also ``null``;
* a list field takes an array, never a string or an object;
* an object takes a JSON object; its ``key`` is derived, so never read;
  unknown members are ignored, or refused when *strict*;
* a field left out takes the model's default; the model's own validators
  (a slug id, a known title kind...) run as the objects are built.

``tests/test_convert.py`` checks, on generated and on damaged documents,
that this path and the converter agree.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, TypeVar

import attrs

from ._model import (
    Candidate,
    Character,
    Company,
    Conflict,
    Credit,
    DateRange,
    Episodes,
    EpisodeSpan,
    Evidence,
    Link,
    PartialDate,
    Series,
    Song,
    SourceDocument,
    Synopsis,
    Title,
    UnparsedLine,
)

__all__ = ["read_series"]

# The model allows any integer year, so the year takes a sign and any width.
_DATE = re.compile(r"(-?\d+)(?:-(\d{2})(?:-(\d{2}))?)?")


class _RefusedError(Exception):
    """The document is not one the fast path reads; the converter says why."""


def _known(cls: type, *extra: str) -> frozenset[str]:
    return frozenset({field.name for field in attrs.fields(cls)} | set(extra))


_KNOWN: dict[type, frozenset[str]] = {
    Title: _known(Title, "key"),
    Company: _known(Company, "key"),
    Credit: _known(Credit, "key"),
    Character: _known(Character, "key"),
    Song: _known(Song, "key"),
    Link: _known(Link, "key"),
    Synopsis: _known(Synopsis, "key"),
    Episodes: _known(Episodes),
    DateRange: _known(DateRange),
    EpisodeSpan: _known(EpisodeSpan),
    SourceDocument: _known(SourceDocument),
    Evidence: _known(Evidence),
    Candidate: _known(Candidate),
    Conflict: _known(Conflict),
    UnparsedLine: _known(UnparsedLine),
    Series: _known(Series),
}
_EVIDENCE_ENTRY = frozenset({"field", "pointer", "evidence"})
_ABSENT: Any = object()  # a field left out, which takes its default
_T = TypeVar("_T")


class _Reader:
    """Build model objects from parsed JSON, refusing anything the converter would refuse."""

    def __init__(self, *, strict: bool) -> None:
        self.strict = strict

    def obj(self, value: object, cls: type) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise _RefusedError
        if self.strict and not value.keys() <= _KNOWN[cls]:
            raise _RefusedError
        return value

    def series(self, value: object) -> Series:
        data = self.obj(value, Series)
        get = data.get
        texts, text, optional_text, count = self.texts, self.text, self.optional_text, self.count
        return Series(
            id=text(data["id"]),
            title=text(data["title"]),
            titles=self.items(get("titles", _ABSENT), self.title),
            media_type=optional_text(get("media_type")),
            source_material=optional_text(get("source_material")),
            episodes=self.episodes(data["episodes"]) if "episodes" in data else Episodes(),
            volumes=count(get("volumes")),
            chapters=count(get("chapters")),
            aired=self.date_range(data["aired"]) if "aired" in data else DateRange(),
            companies=self.items(get("companies", _ABSENT), self.company),
            staff=self.items(get("staff", _ABSENT), self.credit),
            authors=self.items(get("authors", _ABSENT), self.credit),
            genres=texts(get("genres", _ABSENT)),
            tags=texts(get("tags", _ABSENT)),
            characters=self.items(get("characters", _ABSENT), self.character),
            songs=self.items(get("songs", _ABSENT), self.song),
            games=texts(get("games", _ABSENT)),
            rating=optional_text(get("rating")),
            links=self.items(get("links", _ABSENT), self.link),
            image=optional_text(get("image")),
            synopses=self.items(get("synopses", _ABSENT), self.synopsis),
            sources=self.items(get("sources", _ABSENT), self.source_document),
            evidence=self.items(get("evidence", _ABSENT), self.evidence_entry),
            conflicts=self.items(get("conflicts", _ABSENT), self.conflict),
            unparsed=self.items(get("unparsed", _ABSENT), self.unparsed_line),
        )

    # -- values ------------------------------------------------------------------

    @staticmethod
    def text(value: object) -> str:
        if type(value) is str:
            return value
        raise _RefusedError

    @staticmethod
    def optional_text(value: object) -> str | None:
        if value is None or type(value) is str:
            return value
        raise _RefusedError

    @staticmethod
    def integer(value: object) -> int:
        if type(value) is int:
            return value
        raise _RefusedError

    @staticmethod
    def count(value: object) -> int | None:
        if value is None or type(value) is int:
            return value
        raise _RefusedError

    @staticmethod
    def texts(value: object) -> tuple[str, ...]:
        if value is _ABSENT:
            return ()
        if isinstance(value, list) and all(type(item) is str for item in value):
            return tuple(value)
        raise _RefusedError

    @staticmethod
    def items(value: object, read: Callable[[object], _T]) -> tuple[_T, ...]:
        if value is _ABSENT:
            return ()
        if isinstance(value, list):
            return tuple([read(item) for item in value])
        raise _RefusedError

    @staticmethod
    def date(value: object) -> PartialDate | None:
        if value is None:
            return None
        if type(value) is not str or not (match := _DATE.fullmatch(value)):
            raise _RefusedError
        year, month, day = match.groups()
        return PartialDate(
            int(year), None if month is None else int(month), None if day is None else int(day)
        )

    # -- objects -----------------------------------------------------------------

    def title(self, value: object) -> Title:
        data = self.obj(value, Title)
        return Title(self.text(data["text"]), self.text(data["language"]), self.text(data["kind"]))

    def company(self, value: object) -> Company:
        data = self.obj(value, Company)
        return Company(self.text(data["name"]), self.texts(data.get("roles", _ABSENT)))

    def credit(self, value: object) -> Credit:
        data = self.obj(value, Credit)
        return Credit(
            self.text(data["person"]),
            self.text(data["role"]),
            self.texts(data.get("aliases", _ABSENT)),
        )

    def character(self, value: object) -> Character:
        data = self.obj(value, Character)
        main = data.get("main", False)
        if type(main) is not bool:
            raise _RefusedError
        return Character(
            self.text(data["name"]),
            self.texts(data.get("aliases", _ABSENT)),
            self.optional_text(data.get("rank")),
            main,
        )

    def song(self, value: object) -> Song:
        data = self.obj(value, Song)
        get = data.get
        return Song(
            kind=self.text(data["kind"]),
            sequence=self.integer(data["sequence"]),
            title=self.text(data["title"]),
            native_title=self.optional_text(get("native_title")),
            artists=self.texts(get("artists", _ABSENT)),
            episodes=self.items(get("episodes", _ABSENT), self.episode_span),
            translated_title=self.optional_text(get("translated_title")),
            composers=self.texts(get("composers", _ABSENT)),
        )

    def episode_span(self, value: object) -> EpisodeSpan:
        data = self.obj(value, EpisodeSpan)
        return EpisodeSpan(self.integer(data["first"]), self.count(data["last"]))

    def link(self, value: object) -> Link:
        data = self.obj(value, Link)
        return Link(
            self.text(data["site"]), self.text(data["url"]), self.optional_text(data.get("id"))
        )

    def synopsis(self, value: object) -> Synopsis:
        data = self.obj(value, Synopsis)
        return Synopsis(self.text(data["text"]), self.text(data["source"]))

    def episodes(self, value: object) -> Episodes:
        data = self.obj(value, Episodes)
        get, count = data.get, self.count
        return Episodes(
            count(get("tv")),
            count(get("ova")),
            count(get("ona")),
            count(get("movie")),
            count(get("special")),
        )

    def date_range(self, value: object) -> DateRange:
        data = self.obj(value, DateRange)
        return DateRange(self.date(data.get("start")), self.date(data.get("end")))

    def source_document(self, value: object) -> SourceDocument:
        data = self.obj(value, SourceDocument)
        text = self.text
        return SourceDocument(
            text(data["id"]), text(data["path"]), text(data["format"]), text(data["sha256"])
        )

    def evidence(self, value: object) -> Evidence:
        data = self.obj(value, Evidence)
        count = self.count
        return Evidence(
            self.text(data["source"]),
            count(data["line"]),
            count(data["offset"]),
            self.text(data["text"]),
            count(data.get("offset_utf16")),
        )

    def evidence_entry(self, value: object) -> tuple[str, tuple[Evidence, ...]]:
        if not isinstance(value, dict):
            raise _RefusedError
        if self.strict and not value.keys() <= _EVIDENCE_ENTRY:
            raise _RefusedError
        return self.text(value["field"]), self.items(value["evidence"], self.evidence)

    def candidate(self, value: object) -> Candidate:
        data = self.obj(value, Candidate)
        return Candidate(self.text(data["value"]), self.items(data["evidence"], self.evidence))

    def conflict(self, value: object) -> Conflict:
        data = self.obj(value, Conflict)
        return Conflict(
            self.text(data["field"]),
            self.items(data["candidates"], self.candidate),
            self.optional_text(data["chosen"]),
            self.text(data["reason"]),
        )

    def unparsed_line(self, value: object) -> UnparsedLine:
        data = self.obj(value, UnparsedLine)
        return UnparsedLine(
            self.text(data["source"]),
            self.integer(data["line"]),
            self.text(data["text"]),
            self.text(data.get("reason", "")),
        )


_READERS = {True: _Reader(strict=True), False: _Reader(strict=False)}


def read_series(data: dict[str, Any], *, strict: bool) -> Series:
    """Return the series *data* describes (``schema_version`` removed).

    Raises:
        Exception: any exception, when the document is not one this path reads;
            the converter then says what is wrong.
    """
    return _READERS[strict].series(data)
