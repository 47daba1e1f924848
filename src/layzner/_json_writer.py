"""Write a series in its JSON form: one generated function per model class, and orjson for the rest.

orjson serialises strings, numbers, ``None`` and tuples itself, in C; it
calls :func:`_default` only for a model object, which becomes a dict of its
fields in declaration order (its ``key`` first, where evidence can name it).
A tuple of strings or of objects is therefore never copied into a list, and
no type is looked up per field: that is what makes writing cheap.

Each class's function is generated once, from its ``attrs`` fields, as
attrs generates ``__init__``: a function that loops over the fields at call
time was 1.85 times slower, and one written by hand per class says every
field name twice.  So a field added to the model is written with no change
here, and ``tests/test_json_writer.py`` checks that each writes its class.
"""

from __future__ import annotations

import functools
import typing
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

import attrs
import orjson

from ._model import Evidence, PartialDate, Series, slugify

__all__ = [
    "KEYED_CLASSES",
    "MODEL_CLASSES",
    "SCHEMA_VERSION",
    "WRITERS",
    "compile_functions",
    "field_types",
    "series_data",
    "write",
]

SCHEMA_VERSION = 1
"""The version of the JSON form; it changes only when a reader would misread the old form."""


_Item = TypeVar("_Item")


@functools.cache
def field_types(cls: type) -> dict[str, Any]:
    """Return the type of each of *cls*'s fields, by name (its annotations, evaluated once)."""
    return typing.get_type_hints(cls)


def _classes_in(hint: Any) -> Iterator[type]:
    """Yield the model classes a field's type names (``tuple[Song, ...]`` -> ``Song``)."""
    if attrs.has(hint):
        yield hint
    for arg in typing.get_args(hint):
        yield from _classes_in(arg)


def _reachable(cls: type, found: dict[type, None]) -> dict[type, None]:
    for hint in field_types(cls).values():
        for inner in _classes_in(hint):
            if inner not in found:
                found[inner] = None
                _reachable(inner, found)
    return found


MODEL_CLASSES: tuple[type, ...] = tuple(_reachable(Series, {}))
"""Every model class a series holds, :class:`Series` itself aside, in the order first met."""

KEYED_CLASSES: tuple[type, ...] = tuple(c for c in MODEL_CLASSES if hasattr(c, "key"))
"""The model classes whose JSON objects carry their ``key``, which evidence paths name."""


def compile_functions(source: str, namespace: dict[str, Any]) -> dict[str, Any]:
    """Run generated *source* in *namespace* and return the namespace, now holding its functions."""
    exec(compile(source, f"<layzner generated: {source.partition('(')[0]}>", "exec"), namespace)  # noqa: S102 - the source is made from the model's own field names
    return namespace


def _fields_dict(cls: type, obj: str) -> str:
    """Return the dict display of *cls*'s fields read from *obj* (``{"id": o.id, ...}``)."""
    return ", ".join(f'"{field.name}": {obj}.{field.name}' for field in attrs.fields(cls))


def _writer_source(cls: type) -> str:
    if cls in KEYED_CLASSES:
        # The series computes each key once, for the object and for the pointers to it.
        return f'def write_{cls.__name__}(o, key):\n    return {{"key": key, {_fields_dict(cls, "o")}}}\n'
    return f"def write_{cls.__name__}(o):\n    return {{{_fields_dict(cls, 'o')}}}\n"


def _series_item(field: attrs.Attribute[Any], hint: object) -> str:
    """Return the JSON value of one Series field, as an expression on ``series``."""
    name = field.name
    if name == "evidence":
        # Rewritten into objects; after the keyed lists, whose keys the pointers use.
        # A top-level field, half the paths, needs no call.
        return (
            '[{"field": field, "pointer": top(field) or find(field), "evidence": evidence}'
            " for field, evidence in series.evidence]"
        )
    keyed = [c for c in _classes_in(hint) if c in KEYED_CLASSES]
    if keyed:
        return f'keyed("{name}", series.{name}, write_{keyed[0].__name__})'
    return f"series.{name}"


def _series_source() -> str:
    hints = field_types(Series)
    items = ", ".join(
        f'"{field.name}": {_series_item(field, hints[field.name])}'
        for field in attrs.fields(Series)
    )
    return (
        "def series_data(series):\n"
        "    pointers = Pointers(series)\n"
        "    keyed, find, top = pointers.keyed, pointers.find, TOP.get\n"
        f'    return {{"schema_version": {SCHEMA_VERSION}, {items}}}\n'
    )


def _default_source() -> str:
    # Four objects in five are evidence: written here, without a second call.
    return (
        "def default(value):\n"
        "    if type(value) is Evidence:\n"
        f"        return {{{_fields_dict(Evidence, 'value')}}}\n"
        "    try:\n"
        "        writer = WRITERS[type(value)]\n"
        "    except KeyError:\n"
        '        msg = f"Type is not JSON serializable: {type(value).__name__}"\n'
        "        raise TypeError(msg) from None\n"
        "    return writer(value)\n"
    )


def _with_key(write: Callable[[Any, str], dict[str, Any]]) -> Callable[[Any], dict[str, Any]]:
    return lambda item: write(item, item.key)


# A date is a string in JSON, never an object of its fields.
_AS_STRING: dict[type, Callable[[Any], str]] = {PartialDate: PartialDate.isoformat}

_GENERATED = compile_functions(
    "".join(_writer_source(c) for c in MODEL_CLASSES if c not in _AS_STRING)
    + _default_source()
    + _series_source(),
    {"Evidence": Evidence},
)

WRITERS: dict[type, Callable[[Any], object]] = {
    cls: _AS_STRING.get(cls)
    or (_with_key if cls in KEYED_CLASSES else lambda w: w)(_GENERATED[f"write_{cls.__name__}"])
    for cls in MODEL_CLASSES
}
"""The JSON value of each model class but :class:`Series`, by class."""
_GENERATED["WRITERS"] = WRITERS
_default: Callable[[object], object] = _GENERATED["default"]
_series_data: Callable[[Series], dict[str, Any]] = _GENERATED["series_data"]


def series_data(series: Series) -> dict[str, Any]:
    """Return the JSON object of *series*, ``schema_version`` first; model objects stay inside."""
    return _series_data(series)


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
    cls: _json_names(cls) for cls in (Series, *MODEL_CLASSES) if cls not in _AS_STRING
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


# The generated series_data makes the pointers as it writes the keyed lists.
_GENERATED.update(Pointers=_Pointers, TOP=_TOP)
