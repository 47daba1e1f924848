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
    RelatedWork,
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
    RelatedWork: _known(RelatedWork),
    SourceDocument: _known(SourceDocument),
    Evidence: _known(Evidence),
    Candidate: _known(Candidate),
    Conflict: _known(Conflict),
    UnparsedLine: _known(UnparsedLine),
    Series: _known(Series),
}
_EVIDENCE_ENTRY = frozenset({"field", "pointer", "evidence"})
_ABSENT: Any = object()  # a field left out, which takes its default
_TEXT_OR_NULL = frozenset({str, type(None)})
_INT_OR_NULL = frozenset({int, type(None)})
_T = TypeVar("_T")


class _Reader:
    """Build model objects from parsed JSON, refusing anything the converter would refuse.

    Checks are written out in each method, not called, because a series
    holds many small objects: a call per field would cost more than the
    object itself.
    """

    def __init__(self, *, strict: bool) -> None:
        self.strict = strict

    def obj(self, value: object, cls: type) -> dict[str, Any]:
        if not isinstance(value, dict) or (self.strict and not value.keys() <= _KNOWN[cls]):
            raise _RefusedError
        return value

    def series(self, value: object) -> Series:
        data = self.obj(value, Series)
        get = data.get
        id_, title = data["id"], data["title"]
        media_type, source_material = get("media_type"), get("source_material")
        volumes, chapters = get("volumes"), get("chapters")
        rating, image = get("rating"), get("image")
        if (
            type(id_) is not str
            or type(title) is not str
            or type(media_type) not in _TEXT_OR_NULL
            or type(source_material) not in _TEXT_OR_NULL
            or type(volumes) not in _INT_OR_NULL
            or type(chapters) not in _INT_OR_NULL
            or type(rating) not in _TEXT_OR_NULL
            or type(image) not in _TEXT_OR_NULL
        ):
            raise _RefusedError
        items, texts = self.items, self.texts
        return Series(
            id=id_,
            title=title,
            titles=items(get("titles", _ABSENT), self.title),
            media_type=media_type,
            source_material=source_material,
            episodes=self.episodes(data["episodes"]) if "episodes" in data else Episodes(),
            volumes=volumes,
            chapters=chapters,
            aired=self.date_range(data["aired"]) if "aired" in data else DateRange(),
            companies=items(get("companies", _ABSENT), self.company),
            staff=items(get("staff", _ABSENT), self.credit),
            authors=items(get("authors", _ABSENT), self.credit),
            genres=texts(get("genres", _ABSENT)),
            tags=texts(get("tags", _ABSENT)),
            characters=items(get("characters", _ABSENT), self.character),
            songs=items(get("songs", _ABSENT), self.song),
            games=texts(get("games", _ABSENT)),
            rating=rating,
            links=items(get("links", _ABSENT), self.link),
            image=image,
            synopses=items(get("synopses", _ABSENT), self.synopsis),
            related=items(get("related", _ABSENT), self.related_work),
            sources=items(get("sources", _ABSENT), self.source_document),
            evidence=items(get("evidence", _ABSENT), self.evidence_entry),
            conflicts=items(get("conflicts", _ABSENT), self.conflict),
            unparsed=items(get("unparsed", _ABSENT), self.unparsed_line),
        )

    # -- lists and dates ---------------------------------------------------------

    @staticmethod
    def texts(value: object) -> tuple[str, ...]:
        if value is _ABSENT:
            return ()
        if not isinstance(value, list):
            raise _RefusedError
        for item in value:  # a loop: most lists are empty or short
            if type(item) is not str:
                raise _RefusedError
        return tuple(value)

    @staticmethod
    def items(value: object, read: Callable[[object], _T]) -> tuple[_T, ...]:
        if value is _ABSENT:
            return ()
        if isinstance(value, list):
            return tuple(map(read, value))
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
        text, language, kind = data["text"], data["language"], data["kind"]
        if type(text) is not str or type(language) is not str or type(kind) is not str:
            raise _RefusedError
        return Title(text, language, kind)

    def company(self, value: object) -> Company:
        data = self.obj(value, Company)
        name = data["name"]
        if type(name) is not str:
            raise _RefusedError
        return Company(name, self.texts(data.get("roles", _ABSENT)))

    def credit(self, value: object) -> Credit:
        data = self.obj(value, Credit)
        person, role = data["person"], data["role"]
        if type(person) is not str or type(role) is not str:
            raise _RefusedError
        return Credit(person, role, self.texts(data.get("aliases", _ABSENT)))

    def character(self, value: object) -> Character:
        data = self.obj(value, Character)
        name, rank, main = data["name"], data.get("rank"), data.get("main", False)
        if type(name) is not str or type(rank) not in _TEXT_OR_NULL or type(main) is not bool:
            raise _RefusedError
        return Character(name, self.texts(data.get("aliases", _ABSENT)), rank, main)

    def song(self, value: object) -> Song:
        data = self.obj(value, Song)
        get = data.get
        kind, sequence, title = data["kind"], data["sequence"], data["title"]
        native_title, translated_title = get("native_title"), get("translated_title")
        if (
            type(kind) is not str
            or type(sequence) is not int
            or type(title) is not str
            or type(native_title) not in _TEXT_OR_NULL
            or type(translated_title) not in _TEXT_OR_NULL
        ):
            raise _RefusedError
        return Song(
            kind=kind,
            sequence=sequence,
            title=title,
            native_title=native_title,
            artists=self.texts(get("artists", _ABSENT)),
            episodes=self.items(get("episodes", _ABSENT), self.episode_span),
            translated_title=translated_title,
            composers=self.texts(get("composers", _ABSENT)),
        )

    def episode_span(self, value: object) -> EpisodeSpan:
        data = self.obj(value, EpisodeSpan)
        first, last = data["first"], data["last"]
        if type(first) is not int or type(last) not in _INT_OR_NULL:
            raise _RefusedError
        return EpisodeSpan(first, last)

    def link(self, value: object) -> Link:
        data = self.obj(value, Link)
        site, url, id_ = data["site"], data["url"], data.get("id")
        if type(site) is not str or type(url) is not str or type(id_) not in _TEXT_OR_NULL:
            raise _RefusedError
        return Link(site, url, id_)

    def synopsis(self, value: object) -> Synopsis:
        data = self.obj(value, Synopsis)
        text, source = data["text"], data["source"]
        if type(text) is not str or type(source) is not str:
            raise _RefusedError
        return Synopsis(text, source)

    def related_work(self, value: object) -> RelatedWork:
        data = self.obj(value, RelatedWork)
        id_, title, media_type = data["id"], data["title"], data.get("media_type")
        if type(id_) is not str or type(title) is not str or type(media_type) not in _TEXT_OR_NULL:
            raise _RefusedError
        return RelatedWork(id_, title, media_type)

    def episodes(self, value: object) -> Episodes:
        data = self.obj(value, Episodes)
        get = data.get
        counts = (get("tv"), get("ova"), get("ona"), get("movie"), get("special"))
        if any(type(count) not in _INT_OR_NULL for count in counts):
            raise _RefusedError
        return Episodes(*counts)

    def date_range(self, value: object) -> DateRange:
        data = self.obj(value, DateRange)
        return DateRange(self.date(data.get("start")), self.date(data.get("end")))

    def source_document(self, value: object) -> SourceDocument:
        data = self.obj(value, SourceDocument)
        fields = (data["id"], data["path"], data["format"], data["sha256"])
        if any(type(field) is not str for field in fields):
            raise _RefusedError
        return SourceDocument(*fields)

    def evidence(self, value: object) -> tuple[Evidence, ...]:
        # One loop for the commonest objects: a call for each would cost more than the checks.
        if not isinstance(value, list):
            raise _RefusedError
        strict = self.strict
        read: list[Evidence] = []
        for data in value:
            if not isinstance(data, dict) or (strict and not data.keys() <= _KNOWN[Evidence]):
                raise _RefusedError
            source, line, offset, text = data["source"], data["line"], data["offset"], data["text"]
            offset_utf16 = data.get("offset_utf16")
            if (
                type(source) is not str
                or type(text) is not str
                or type(line) not in _INT_OR_NULL
                or type(offset) not in _INT_OR_NULL
                or type(offset_utf16) not in _INT_OR_NULL
            ):
                raise _RefusedError
            read.append(Evidence(source, line, offset, text, offset_utf16))
        return tuple(read)

    def evidence_entry(self, value: object) -> tuple[str, tuple[Evidence, ...]]:
        if not isinstance(value, dict) or (self.strict and not value.keys() <= _EVIDENCE_ENTRY):
            raise _RefusedError
        field = value["field"]
        if type(field) is not str:
            raise _RefusedError
        return field, self.evidence(value["evidence"])

    def candidate(self, value: object) -> Candidate:
        data = self.obj(value, Candidate)
        text = data["value"]
        if type(text) is not str:
            raise _RefusedError
        return Candidate(text, self.evidence(data["evidence"]))

    def conflict(self, value: object) -> Conflict:
        data = self.obj(value, Conflict)
        field, chosen, reason = data["field"], data["chosen"], data["reason"]
        if type(field) is not str or type(chosen) not in _TEXT_OR_NULL or type(reason) is not str:
            raise _RefusedError
        return Conflict(field, self.items(data["candidates"], self.candidate), chosen, reason)

    def unparsed_line(self, value: object) -> UnparsedLine:
        data = self.obj(value, UnparsedLine)
        source, line, text = data["source"], data["line"], data["text"]
        reason = data.get("reason", "")
        if (
            type(source) is not str
            or type(line) is not int
            or type(text) is not str
            or type(reason) is not str
        ):
            raise _RefusedError
        return UnparsedLine(source, line, text, reason)


_READERS = {True: _Reader(strict=True), False: _Reader(strict=False)}


def read_series(data: dict[str, Any], *, strict: bool) -> Series:
    """Return the series *data* describes (``schema_version`` removed).

    Raises:
        Exception: any exception, when the document is not one this path reads;
            the converter then says what is wrong.
    """
    return _READERS[strict].series(data)
