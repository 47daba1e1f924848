"""The JSON form: to_json / from_json round trips, the shipped schema, and bad input."""

from __future__ import annotations

import attrs
import jsonschema
import orjson
import pytest
from hypothesis import given

import layzner
import strategies
from layzner.testing import sample_series


@given(strategies.series)
def test_round_trip_returns_an_equal_series(series: layzner.Series) -> None:
    """from_json(to_json(s)) equals s for every generated series."""
    assert layzner.from_json(layzner.to_json(series)) == series


@given(strategies.series)
def test_to_json_validates_against_the_shipped_schema(series: layzner.Series) -> None:
    """Every generated series' JSON form is valid under the shipped JSON Schema."""
    jsonschema.Draft202012Validator(layzner.json_schema()).validate(
        orjson.loads(layzner.to_json(series))
    )


def test_schema_is_a_valid_draft_2020_12_schema() -> None:
    """The shipped schema passes the draft 2020-12 metaschema."""
    schema = layzner.json_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)


_API_CLASSES = (
    layzner.ExportContext,
    layzner.ExportManyContext,
    layzner.Exporter,
    layzner.FormatInfo,
    layzner.LoadResult,
    layzner.Option,
    layzner.Where,
)
_MODEL_CLASSES = [c for c in vars(layzner).values() if attrs.has(c) and c not in _API_CLASSES]


@pytest.mark.parametrize("cls", _MODEL_CLASSES, ids=lambda c: c.__name__)
def test_schema_lists_every_model_field(cls: type) -> None:
    """Each model class's schema definition has exactly the class's fields, so they cannot drift."""
    schema = layzner.json_schema()
    definition = schema if cls is layzner.Series else schema["$defs"][cls.__name__]
    if cls is layzner.PartialDate:
        assert definition["type"] == "string"
        return
    expected = {f.name for f in attrs.fields(cls)}
    if cls is layzner.Series:
        expected.add("schema_version")
    assert set(definition["properties"]) == expected


def test_dates_keep_their_precision() -> None:
    """A year-only and a month-only date are written and read back as they are."""
    series = sample_series(
        aired=layzner.DateRange(layzner.PartialDate(1985), layzner.PartialDate(1986, 6))
    )
    data = orjson.loads(layzner.to_json(series))
    assert data["aired"] == {"start": "1985", "end": "1986-06"}
    assert data["schema_version"] == 1
    assert layzner.from_json(layzner.to_json(series)).aired == series.aired


@pytest.mark.parametrize(
    ("document", "message"),
    [
        (b"{", "not JSON"),
        (b"[]", "expected a JSON object"),
        (b'{"id": "x", "title": "X"}', "schema_version must be 1"),
        (b'{"schema_version": 2, "id": "x", "title": "X"}', "schema_version must be 1"),
        (b'{"schema_version": 1, "id": "x", "title": 5}', "$.title"),
        (b'{"schema_version": 1, "id": "x", "title": "X", "colour": "blue"}', "colour"),
        (
            b'{"schema_version": 1, "id": "x", "title": "X", "episodes": {"tv": "12"}}',
            "$.episodes.tv",
        ),
        (
            b'{"schema_version": 1, "id": "x", "title": "X", "episodes": {"tv": -1}}',
            "between 0 and 100000",
        ),
        (b'{"schema_version": 1, "id": "x", "title": "X", "aired": {"start": "1985-13"}}', "month"),
        (b'{"schema_version": 1, "id": "x", "title": "X", "aired": {"start": "Oct 1985"}}', "YYYY"),
        (
            b'{"schema_version": 1, "id": "x", "title": "X", "evidence": [["title", []]]}',
            "evidence",
        ),
    ],
)
def test_bad_json_raises_one_source_format_error(document: bytes, message: str) -> None:
    """Malformed JSON is one SourceFormatError whose message says what is wrong and where."""
    with pytest.raises(layzner.SourceFormatError) as caught:
        layzner.from_json(document)
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)


def test_from_json_accepts_text_and_fills_defaults() -> None:
    """A str with only the required fields loads, other fields taking their defaults."""
    series = layzner.from_json('{"schema_version": 1, "id": "x", "title": "Ｘ"}')
    assert series == layzner.Series(id="x", title="Ｘ")
