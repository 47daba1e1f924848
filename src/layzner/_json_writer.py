"""Write a series in its JSON form: one function per model class, and orjson for the rest.

orjson serialises strings, numbers, ``None`` and tuples itself, in C; it
calls :func:`_default` only for a model object, which becomes a dict of its
fields in declaration order (its ``key`` first, where evidence can name it).
A tuple of strings or of objects is therefore never copied into a list, and
no type is looked up per field: that is what makes writing cheap.

``tests/test_convert.py`` checks that each function here writes exactly the
fields of its class, so a field added to the model cannot be left out.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import attrs
import orjson

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
    slugify,
)

__all__ = ["KEYED_CLASSES", "SCHEMA_VERSION", "WRITERS", "series_data", "write"]

SCHEMA_VERSION = 1
"""The version of the JSON form; it changes only when a reader would misread the old form."""


_Item = TypeVar("_Item")


def _title(title: Title, key: str) -> dict[str, Any]:
    return {"key": key, "text": title.text, "language": title.language, "kind": title.kind}


def _company(company: Company, key: str) -> dict[str, Any]:
    return {"key": key, "name": company.name, "roles": company.roles}


def _credit(credit: Credit, key: str) -> dict[str, Any]:
    return {
        "key": key,
        "person": credit.person,
        "role": credit.role,
        "aliases": credit.aliases,
    }


def _character(character: Character, key: str) -> dict[str, Any]:
    return {
        "key": key,
        "name": character.name,
        "aliases": character.aliases,
        "rank": character.rank,
        "main": character.main,
    }


def _song(song: Song, key: str) -> dict[str, Any]:
    return {
        "key": key,
        "kind": song.kind,
        "sequence": song.sequence,
        "title": song.title,
        "native_title": song.native_title,
        "artists": song.artists,
        "episodes": song.episodes,
        "translated_title": song.translated_title,
        "composers": song.composers,
    }


def _link(link: Link, key: str) -> dict[str, Any]:
    return {"key": key, "site": link.site, "url": link.url, "id": link.id}


def _synopsis(synopsis: Synopsis, key: str) -> dict[str, Any]:
    return {"key": key, "text": synopsis.text, "source": synopsis.source}


def _episodes(episodes: Episodes) -> dict[str, Any]:
    return {
        "tv": episodes.tv,
        "ova": episodes.ova,
        "ona": episodes.ona,
        "movie": episodes.movie,
        "special": episodes.special,
    }


def _date_range(aired: DateRange) -> dict[str, Any]:
    # orjson calls back for each PartialDate.
    return {"start": aired.start, "end": aired.end}


def _episode_span(span: EpisodeSpan) -> dict[str, Any]:
    return {"first": span.first, "last": span.last}


def _related_work(related: RelatedWork) -> dict[str, Any]:
    return {"id": related.id, "title": related.title, "media_type": related.media_type}


def _source_document(source: SourceDocument) -> dict[str, Any]:
    return {"id": source.id, "path": source.path, "format": source.format, "sha256": source.sha256}


def _candidate(candidate: Candidate) -> dict[str, Any]:
    return {"value": candidate.value, "evidence": candidate.evidence}


def _conflict(conflict: Conflict) -> dict[str, Any]:
    return {
        "field": conflict.field,
        "candidates": conflict.candidates,
        "chosen": conflict.chosen,
        "reason": conflict.reason,
    }


def _unparsed_line(unparsed: UnparsedLine) -> dict[str, Any]:
    return {
        "source": unparsed.source,
        "line": unparsed.line,
        "text": unparsed.text,
        "reason": unparsed.reason,
    }


def _default(value: object) -> object:
    if type(value) is Evidence:
        # Four objects in five are evidence: written here, without a second call.
        return {
            "source": value.source,
            "line": value.line,
            "offset": value.offset,
            "text": value.text,
            "offset_utf16": value.offset_utf16,
        }
    try:
        writer = WRITERS[type(value)]
    except KeyError:
        msg = f"Type is not JSON serializable: {type(value).__name__}"
        raise TypeError(msg) from None
    return writer(value)


# Where evidence can name an object, its writer is also given its key, which
# the series computes once for the object and for the pointers to it.
_KEYED_WRITERS: dict[type, Callable[[Any, str], dict[str, Any]]] = {
    Title: _title,
    Company: _company,
    Credit: _credit,
    Character: _character,
    Song: _song,
    Link: _link,
    Synopsis: _synopsis,
}
KEYED_CLASSES: tuple[type, ...] = tuple(_KEYED_WRITERS)
"""The model classes whose JSON objects carry their ``key``, which evidence paths name."""


def _with_key(write: Callable[[Any, str], dict[str, Any]]) -> Callable[[Any], dict[str, Any]]:
    return lambda item: write(item, item.key)


WRITERS: dict[type, Callable[[Any], object]] = {
    **{cls: _with_key(write) for cls, write in _KEYED_WRITERS.items()},
    Episodes: _episodes,
    DateRange: _date_range,
    EpisodeSpan: _episode_span,
    RelatedWork: _related_work,
    SourceDocument: _source_document,
    Evidence: _default,  # written by _default itself, the commonest object
    Candidate: _candidate,
    Conflict: _conflict,
    UnparsedLine: _unparsed_line,
    PartialDate: PartialDate.isoformat,
}
"""The JSON value of each model class but :class:`Series`, by class."""


def series_data(series: Series) -> dict[str, Any]:
    """Return the JSON object of *series*, ``schema_version`` first; model objects stay inside."""
    pointers = _Pointers(series)
    keyed, find, top = pointers.keyed, pointers.find, _TOP.get
    return {
        "schema_version": SCHEMA_VERSION,
        "id": series.id,
        "title": series.title,
        "titles": keyed("titles", series.titles, _title),
        "media_type": series.media_type,
        "source_material": series.source_material,
        "episodes": series.episodes,
        "volumes": series.volumes,
        "chapters": series.chapters,
        "aired": series.aired,
        "companies": keyed("companies", series.companies, _company),
        "staff": keyed("staff", series.staff, _credit),
        "authors": keyed("authors", series.authors, _credit),
        "genres": series.genres,
        "tags": series.tags,
        "characters": keyed("characters", series.characters, _character),
        "songs": keyed("songs", series.songs, _song),
        "games": series.games,
        "rating": series.rating,
        "links": keyed("links", series.links, _link),
        "image": series.image,
        "synopses": keyed("synopses", series.synopses, _synopsis),
        "related": series.related,
        "sources": series.sources,
        # After the keyed lists, whose keys the pointers use.
        "evidence": [
            # A top-level field, half the paths, needs no call.
            {"field": field, "pointer": top(field) or find(field), "evidence": evidence}
            for field, evidence in series.evidence
        ],
        "conflicts": series.conflicts,
        "unparsed": series.unparsed,
    }


def write(data: object, option: int | None = None) -> bytes:
    """Serialise *data*, which may hold model objects, with orjson."""
    return orjson.dumps(data, default=_default, option=option)


# -- pointers -------------------------------------------------------------------


def _json_names(cls: type) -> frozenset[str]:
    names = {field.name for field in attrs.fields(cls)}
    return frozenset(names | {"key"} if cls in KEYED_CLASSES else names)


# The names each object has in JSON.  A PartialDate is a string in JSON, so a
# path never steps into it; Series.evidence is rewritten into objects, so its
# pairs are never list items a path can name.
_NAMES: dict[type, frozenset[str]] = {
    cls: _json_names(cls) for cls in (Series, *WRITERS) if cls is not PartialDate
}
# A top-level field's pointer, the commonest path by far ("title" -> "/title").
_TOP: dict[str, str] = {name: f"/{name}" for name in _NAMES[Series]}


class _Pointers:
    """Find the JSON Pointer of the value a field path names, in one series' JSON form.

    A path is names joined by dots, each name perhaps followed by the key of
    a list item in brackets (``songs[ending-1].title``).  The commonest paths
    take one lookup: a field (``title``), a field of an object (``aired.end``)
    and an item of a list (``links[anidb]``), whose paths are made for all of
    the list's items at once; the rest are walked step by step.
    """

    def __init__(self, series: Series) -> None:
        self._series = series
        self._keys: dict[str, list[str]] = {}  # the item keys of top-level lists, by name
        self._paths: dict[str, str] = {}  # "links[anidb]" -> "/links/0", for the lists listed
        self._listed: set[str] = set()

    def keyed(
        self, name: str, items: tuple[_Item, ...], write: Callable[[_Item, str], dict[str, Any]]
    ) -> tuple[_Item, ...] | list[dict[str, Any]]:
        """Return the JSON array of the keyed objects of list *name*, remembering their keys."""
        if not items:
            return items
        keys = self._keys[name] = [item.key for item in items]  # type: ignore[attr-defined]  # keyed classes have a key
        return list(map(write, items, keys))

    def find(self, field: str) -> str | None:
        """Return the pointer for *field* (``"songs[ending-1].title"`` -> ``"/songs/1/title"``), or ``None``."""
        pointer = _TOP.get(field) or self._paths.get(field)
        if pointer is not None:
            return pointer
        first, dot, rest = field.partition(".")
        if dot and first in _TOP:
            names = _NAMES.get(type(getattr(self._series, first)))
            if names is None:
                return None  # a list or a value has no named parts: a view such as titles.ja
            if "." in rest or "[" in rest:
                return self._walk(field)
            return f"/{first}/{rest}" if rest in names else None
        if dot:
            return self._walk(field)
        name, bracket, _ = field.partition("[")
        if not bracket or name not in _TOP or name in self._listed:
            return None
        self._list(name)
        return self._paths.get(field)

    def _list(self, name: str) -> None:
        """Make the path of every item of the top-level list *name*."""
        self._listed.add(name)
        items = getattr(self._series, name)
        if not isinstance(items, tuple | list) or items is self._series.evidence:
            return  # not a list, or one rewritten into objects that have no key
        paths = self._paths
        for position, key in enumerate(self._keys.get(name) or _item_keys(items)):
            if "]" not in key and "." not in key:  # a path cannot hold these in brackets
                paths.setdefault(f"{name}[{key}]", f"/{name}/{position}")

    def _walk(self, field: str) -> str | None:
        """Return the pointer for any *field*, step by step."""
        node: Any = self._series
        pointer = ""
        for step in field.split("."):
            name, bracket, rest = step.partition("[")
            names = _NAMES.get(type(node))
            # Model field names are identifiers, so this also refuses a
            # malformed step ("", "a]").
            if names is None or name not in names:
                return None  # a view such as titles.ja, or no JSON value
            node = getattr(node, name)
            pointer += f"/{name}"
            if not bracket:
                continue
            key = rest[:-1]
            if rest[-1:] != "]" or "]" in key or not isinstance(node, tuple | list):
                return None
            if node is self._series.evidence:
                return None  # rewritten into objects that have no key
            keys = self._keys.get(name) if pointer == f"/{name}" else None
            try:
                position = (keys or _item_keys(node)).index(key)
            except ValueError:
                return None
            node = node[position]
            pointer += f"/{position}"
        return pointer


def _item_keys(items: tuple[Any, ...] | list[Any]) -> list[str]:
    """Return the key a field path gives each of *items* in brackets."""
    return [slugify(item) if type(item) is str else _item_key(item) for item in items]


def _item_key(item: object) -> str:
    """Return the key a field path gives a list item in brackets: its ``key``, or a string's slug."""
    if type(item) in _NAMES:
        # An object without a key of its own (an EpisodeSpan) answers to "None".
        return str(getattr(item, "key", None))
    return slugify(str(item))
