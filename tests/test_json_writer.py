"""The JSON writer: every field of every model class, keys first, and pointers as documented."""

from __future__ import annotations

import re
from typing import Any

import attrs
import orjson
import pytest
from hypothesis import given
from hypothesis import strategies as st

import layzner
from layzner import _json_writer
from layzner.testing import sample_series

from .support import strategies

_BUNDLED = layzner.load()


def _objects(value: object) -> list[object]:
    """Return every model object inside *value*, itself included."""
    if attrs.has(type(value)):
        return [
            value,
            *(o for f in attrs.fields(type(value)) for o in _objects(getattr(value, f.name))),
        ]
    if isinstance(value, tuple):
        return [o for item in value for o in _objects(item)]
    return []


_MORE = sample_series(
    unparsed=(layzner.UnparsedLine("sample", 9, "-   **studio**: A", "no value"),),
    related=(layzner.RelatedWork("sample-manga", "Sample Manga", "Manga"),),
)
_EXAMPLES = {type(o): o for s in (_BUNDLED, _MORE) for o in _objects(s)}


@pytest.mark.parametrize(
    "cls",
    [c for c in _json_writer.WRITERS if c is not layzner.PartialDate],
    ids=lambda c: c.__name__,
)
def test_each_writer_writes_its_class_fields_in_order(cls: type) -> None:
    """A writer writes the class's fields in declaration order, after the key where evidence names items."""
    written = _json_writer.WRITERS[cls](_EXAMPLES[cls])
    fields = [f.name for f in attrs.fields(cls)]
    keyed = cls in _json_writer.KEYED_CLASSES
    assert isinstance(written, dict)
    assert list(written) == (["key", *fields] if keyed else fields)


def test_every_model_class_has_a_writer() -> None:
    """Each attrs class of the model but Series has a writer, so no object reaches orjson unwritten."""
    public = [getattr(layzner, name) for name in layzner.__all__]
    model = {c for c in public if isinstance(c, type) and c.__module__ == "layzner._model"}
    assert model - {layzner.Series} == set(_json_writer.WRITERS)


def test_series_fields_are_written_in_order() -> None:
    """The series object is schema_version, then every Series field in declaration order."""
    written = _json_writer.series_data(_BUNDLED)
    assert list(written) == ["schema_version", *(f.name for f in attrs.fields(layzner.Series))]


# -- pointers, against the rule of docs/json.md walked over the written document ----

_STEP = re.compile(r"([^.\[\]]+)(?:\[([^\]]*)\])?")


def _documented_pointer(document: dict[str, Any], field: str) -> str | None:
    """Return the pointer docs/json.md gives *field* in *document*, found by walking the JSON itself."""
    node: Any = {k: v for k, v in document.items() if k != "schema_version"}
    pointer = ""
    for step in field.split("."):
        match = _STEP.fullmatch(step)
        if match is None or not isinstance(node, dict) or match[1] not in node:
            return None
        node, pointer = node[match[1]], f"{pointer}/{match[1]}"
        if match[2] is None:
            continue
        if not isinstance(node, list) or pointer == "/evidence":  # evidence items have no key
            return None
        keys = [str(i.get("key")) if isinstance(i, dict) else layzner.slugify(str(i)) for i in node]
        if match[2] not in keys:
            return None
        node, pointer = node[keys.index(match[2])], f"{pointer}/{keys.index(match[2])}"
    return pointer


def _paths(series: layzner.Series) -> list[str]:
    """Return field paths to try on *series*: every item by its key, inside items, views and junk."""
    document = orjson.loads(layzner.to_json(series))
    paths = ["title", "aired.start", "episodes.tv", "titles.ja", "synopsis", "evidence", "x.y"]
    for name, value in document.items():
        if not isinstance(value, list):
            continue
        for item in value:
            key = item.get("key") if isinstance(item, dict) else layzner.slugify(str(item))
            paths += [f"{name}[{key}]", f"{name}[{key}].title", f"{name}[{key}].episodes[None]"]
    return paths


@given(strategies.series, st.lists(strategies.text, max_size=3))
def test_pointers_follow_the_documented_rule(series: layzner.Series, junk: list[str]) -> None:
    """Every pointer written is the one the documented rule gives, for real keys and for junk paths."""
    paths = _paths(series) + junk
    series = attrs.evolve(series, evidence=tuple((path, ()) for path in paths))
    document = orjson.loads(layzner.to_json(series))
    for entry in document["evidence"]:
        assert entry["pointer"] == _documented_pointer(document, entry["field"]), entry["field"]


def test_the_bundled_series_pointers_follow_the_documented_rule() -> None:
    """The bundled series' evidence, which names every kind of field, points as documented."""
    document = orjson.loads(layzner.to_json(_BUNDLED))
    assert len(document["evidence"]) > 50
    for entry in document["evidence"]:
        assert entry["pointer"] == _documented_pointer(document, entry["field"]), entry["field"]
