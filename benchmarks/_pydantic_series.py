"""The peer of layzner's JSON form: the same series as pydantic v2 models, for ``json_peers.py``.

Written as a pydantic user would write the model of ``series.schema.json``:
frozen models with tuples (layzner's classes are frozen, with tuples), the
schema's enums as ``Literal``, its bounds as ``Field`` constraints and its
date pattern as a string constraint, which pydantic checks in Rust.  Field
order follows the JSON form, so ``model_dump_json()`` writes the very bytes
``layzner.to_json`` writes; ``key`` and ``pointer`` are plain fields here,
read and written as they are, where layzner derives them.

pydantic is a benchmark-only dependency group: ``pip install --group bench``.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="ignore")


Count = Annotated[int, Field(ge=0, le=100_000)] | None
Date = Annotated[
    str,
    StringConstraints(pattern=r"^-?[0-9]{3,}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$"),
]


class Title(_Model):
    key: str
    text: str
    language: str
    kind: Literal["main", "official", "synonym", "native"]


class Episodes(_Model):
    tv: Count = None
    ova: Count = None
    ona: Count = None
    movie: Count = None
    special: Count = None


class DateRange(_Model):
    start: Date | None = None
    end: Date | None = None


class Company(_Model):
    key: str
    name: str
    roles: tuple[str, ...] = ()


class Credit(_Model):
    key: str
    person: str
    role: str
    aliases: tuple[str, ...] = ()


class Character(_Model):
    key: str
    name: str
    aliases: tuple[str, ...] = ()
    rank: str | None = None
    main: bool = False


class EpisodeSpan(_Model):
    first: Annotated[int, Field(ge=0, le=100_000)]
    last: Annotated[int, Field(ge=0, le=100_000)] | None


class Song(_Model):
    key: str
    kind: Literal["opening", "ending"]
    sequence: Annotated[int, Field(ge=1, le=100_000)]
    title: str
    native_title: str | None = None
    artists: tuple[str, ...] = ()
    episodes: tuple[EpisodeSpan, ...] = ()
    translated_title: str | None = None
    composers: tuple[str, ...] = ()


class Link(_Model):
    key: str
    site: str
    url: str
    id: str | None = None


class Synopsis(_Model):
    key: str
    text: str
    source: str


class RelatedWork(_Model):
    id: str
    title: str
    media_type: str | None = None


class SourceDocument(_Model):
    id: str
    path: str
    format: Literal["profile", "card", "article"]
    sha256: str


class Evidence(_Model):
    source: str
    line: int | None
    offset: int | None
    text: str
    offset_utf16: int | None = None


class EvidenceEntry(_Model):
    field: str
    pointer: str | None = None
    evidence: tuple[Evidence, ...]


class Candidate(_Model):
    value: str
    evidence: tuple[Evidence, ...]


class Conflict(_Model):
    field: str
    candidates: tuple[Candidate, ...]
    chosen: str | None
    reason: str


class UnparsedLine(_Model):
    source: str
    line: int
    text: str
    reason: str = ""


class Series(_Model):
    schema_version: Literal[1]
    id: str
    title: str
    titles: tuple[Title, ...] = ()
    media_type: str | None = None
    source_material: str | None = None
    episodes: Episodes = Episodes()
    volumes: Count = None
    chapters: Count = None
    aired: DateRange = DateRange()
    companies: tuple[Company, ...] = ()
    staff: tuple[Credit, ...] = ()
    authors: tuple[Credit, ...] = ()
    genres: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    characters: tuple[Character, ...] = ()
    songs: tuple[Song, ...] = ()
    games: tuple[str, ...] = ()
    rating: str | None = None
    links: tuple[Link, ...] = ()
    image: str | None = None
    synopses: tuple[Synopsis, ...] = ()
    related: tuple[RelatedWork, ...] = ()
    sources: tuple[SourceDocument, ...] = ()
    evidence: tuple[EvidenceEntry, ...] = ()
    conflicts: tuple[Conflict, ...] = ()
    unparsed: tuple[UnparsedLine, ...] = ()
