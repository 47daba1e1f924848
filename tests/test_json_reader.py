"""The fast JSON reader accepts exactly what the cattrs converter accepts, and builds the same series."""

from __future__ import annotations

import copy
from typing import Any

import orjson
import pytest
from hypothesis import given
from hypothesis import strategies as st

import layzner
from layzner import _json_converter, _json_reader

from .support import strategies

# Values of every JSON type, to put where another was expected.
_VALUES = [None, True, False, 0, -1, 100_001, 1.5, "", "x", "1985-13", [], ["x"], [1], {}, {"k": 1}]


def _places(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Return the path of every value inside the parsed JSON *node*."""
    places: list[tuple[Any, ...]] = []
    children = (
        node.items()
        if isinstance(node, dict)
        else enumerate(node)
        if isinstance(node, list)
        else ()
    )
    for key, child in children:
        places.append((*path, key))
        places += _places(child, (*path, key))
    return places


def _read(read: Any, document: dict[str, Any], *, strict: bool) -> layzner.Series | str:
    """Return what *read* makes of a copy of *document*, or the name of what it raised."""
    try:
        return read(copy.deepcopy(document), strict=strict)
    except Exception as error:  # any refusal counts as one
        return f"refused: {type(error).__name__}"


@st.composite
def damaged(draw: st.DrawFn) -> dict[str, Any]:
    """Draw a series' JSON form with one value replaced, one member removed or one added."""
    document: dict[str, Any] = orjson.loads(layzner.to_json(draw(strategies.series)))
    del document["schema_version"]
    places = _places(document)
    *parent_path, last = draw(st.sampled_from(places))
    parent = document
    for step in parent_path:
        parent = parent[step]
    how = draw(st.sampled_from(["replace", "remove", "add"]))
    if how == "replace":
        parent[last] = draw(st.sampled_from(_VALUES))
    elif how == "remove" and isinstance(parent, dict):
        del parent[last]
    elif isinstance(parent, dict):
        parent["unknown"] = draw(st.sampled_from(_VALUES))
    return document


def _converter(document: dict[str, Any], *, strict: bool) -> layzner.Series:
    return _json_converter.structure(document, strict=strict)


@pytest.mark.parametrize("strict", [False, True], ids=["lenient", "strict"])
@given(document=damaged())
def test_fast_reader_and_converter_agree_on_damaged_documents(
    document: dict[str, Any], strict: bool
) -> None:
    """On any document one change away from a valid one, both accept the same series or both refuse."""
    fast = _read(_json_reader.read_series, document, strict=strict)
    checked = _read(_converter, document, strict=strict)
    assert (fast if isinstance(fast, layzner.Series) else "refused") == (
        checked if isinstance(checked, layzner.Series) else "refused"
    )
    if isinstance(fast, layzner.Series):
        assert layzner.to_json(fast) == layzner.to_json(checked)  # type: ignore[arg-type]  # equal series


@given(strategies.series)
def test_fast_reader_builds_what_the_converter_builds(series: layzner.Series) -> None:
    """For a valid document, both build the same series, aliases (which equality ignores) included."""
    document = orjson.loads(layzner.to_json(series))
    del document["schema_version"]
    fast = _json_reader.read_series(copy.deepcopy(document), strict=True)
    assert layzner.to_json(fast) == layzner.to_json(_converter(document, strict=True))


def test_a_refused_document_is_explained_by_the_converter() -> None:
    """What the fast path refuses raises the converter's message, naming the JSON path."""
    with pytest.raises(layzner.SourceFormatError, match=r"\$\.episodes\.tv"):
        layzner.from_json(
            b'{"schema_version": 1, "id": "x", "title": "X", "episodes": {"tv": "12"}}'
        )
