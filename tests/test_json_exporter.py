"""The first-party JSON exporter, checked with the jsonschema library against the shipped schema."""

from __future__ import annotations

import jsonschema
import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import layzner
from layzner.testing import sample_series

from .support import strategies

VALIDATOR = jsonschema.Draft202012Validator(layzner.json_schema())


@settings(max_examples=50)
@given(strategies.series, st.sampled_from([0, 2]), st.booleans())
def test_export_validates_and_round_trips(
    series: layzner.Series, indent: int, provenance: bool
) -> None:
    """Every export validates and loads back with from_json, losing nothing but control characters."""
    data = layzner.export(series, "json", indent=indent, provenance=provenance)
    assert data is not None
    VALIDATOR.validate(orjson.loads(data))
    loaded = layzner.from_json(data)
    if provenance:
        # Exporting what was read back gives the same bytes: cleaning is all that changed.
        assert layzner.export(loaded, "json", indent=indent, provenance=True) == data
        if _is_clean(series):
            assert loaded == series
    else:
        assert (loaded.sources, loaded.evidence, loaded.conflicts, loaded.unparsed) == (
            (),
            (),
            (),
            (),
        )
        assert loaded.title == layzner.clean_text(series.title)


def _is_clean(series: layzner.Series) -> bool:
    """Return whether every string of *series* is already as layzner.clean_text leaves it."""
    strings: list[str] = []

    def walk(value: object) -> None:
        if isinstance(value, str):
            strings.append(value)
        elif isinstance(value, list):
            for item in value:
                walk(item)
        elif isinstance(value, dict):
            for key, item in value.items():
                strings.append(key)
                walk(item)

    walk(orjson.loads(layzner.to_json(series)))
    return all(layzner.clean_text(text, multiline=True) == text for text in strings)


def test_output_is_deterministic_and_newline_terminated() -> None:
    """The same series gives the same bytes, ending in one newline."""
    first = layzner.export(sample_series(), "json", provenance=True)
    second = layzner.export(sample_series(), "json", provenance=True)
    assert first == second
    assert first is not None
    assert first.endswith(b"}\n")


def test_indent_zero_is_one_line_equal_to_to_json() -> None:
    """indent=0 with provenance is exactly to_json plus a newline."""
    series = sample_series()
    assert (
        layzner.export(series, "json", indent=0, provenance=True) == layzner.to_json(series) + b"\n"
    )


def test_provenance_option_controls_sources_evidence_and_conflicts() -> None:
    """Without provenance the output has no sources, evidence, conflicts or unparsed lines."""
    plain = orjson.loads(layzner.export(sample_series(), "json") or b"")
    full = orjson.loads(layzner.export(sample_series(), "json", provenance=True) or b"")
    provenance = {"sources", "evidence", "conflicts", "unparsed"}
    assert not provenance & set(plain)
    assert provenance <= set(full)
    assert next(iter(plain)) == "schema_version"
    assert full["evidence"][0]["field"] == "title"


def test_markup_in_text_is_kept_as_data() -> None:
    """Text that looks like markup is an ordinary JSON string, escaped by orjson where needed."""
    series = sample_series(title='<script>alert("x")</script>')
    data = orjson.loads(layzner.export(series, "json") or b"")
    assert data["title"] == '<script>alert("x")</script>'


@pytest.mark.parametrize("provenance", [False, True])
def test_bundled_seeds_export_validates(provenance: bool) -> None:
    """The bundled series exports to JSON valid under the schema and loads back."""
    series = layzner.load()
    data = layzner.export(series, "json", provenance=provenance)
    assert data is not None
    VALIDATOR.validate(orjson.loads(data))
    if provenance:
        assert layzner.from_json(data) == series
