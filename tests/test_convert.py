"""The JSON form: to_json / from_json round trips, the shipped schema, and bad input."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import attrs
import jsonschema
import orjson
import pytest
from hypothesis import given

import layzner
from layzner import _model
from layzner._convert import KEYED_CLASSES
from layzner.testing import sample_series

from .support import strategies


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
    if cls in KEYED_CLASSES:
        expected.add("key")
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
        (b'{"id": "x", "title": "X"}', "schema_version must be the integer 1"),
        (b'{"schema_version": 2, "id": "x", "title": "X"}', "schema_version must be the integer 1"),
        (b'{"schema_version": true, "id": "x", "title": "X"}', "got True"),
        (b'{"schema_version": 1.0, "id": "x", "title": "X"}', "got 1.0"),
        (b'{"schema_version": "1", "id": "x", "title": "X"}', "got '1'"),
        (b'{"schema_version": 1, "id": "x", "title": 5}', "$.title"),
        (b'{"schema_version": 1, "id": "x", "title": "X", "genres": "Action"}', "$.genres"),
        (b'{"schema_version": 1, "id": "x", "title": "X", "tags": {"a": 1}}', "got an object"),
        (b'{"schema_version": 1, "id": "x", "title": "X", "songs": "op"}', "expected an array"),
        (b'{"schema_version": 1, "id": "../../etc/passwd", "title": "X"}', "id must be a slug"),
        (b'{"schema_version": 1, "id": "Blue Comet", "title": "X"}', "'blue-comet'"),
        (b'{"schema_version": 1, "id": "", "title": "X"}', "id must be a slug"),
        (
            b'{"schema_version": 1, "id": "x", "title": "X", '
            b'"titles": [{"text": "X", "language": "en", "kind": "bogus"}]}',
            "$.titles[0]",
        ),
        (
            b'{"schema_version": 1, "id": "x", "title": "X", '
            b'"songs": [{"kind": "insert", "sequence": 1, "title": "T"}]}',
            "'insert'",
        ),
        (b'{"schema_version": 1, "id": "x", "title": "X", "titles": ["X"]}', "expected an object"),
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


def test_a_string_is_never_split_into_a_list() -> None:
    """A string where a list belongs is refused, never read as its characters."""
    with pytest.raises(layzner.SourceFormatError, match="expected an array, got a string"):
        layzner.from_json(b'{"schema_version": 1, "id": "x", "title": "X", "genres": "Action"}')


def test_from_json_accepts_text_and_fills_defaults() -> None:
    """A str with only the required fields loads, other fields taking their defaults."""
    series = layzner.from_json('{"schema_version": 1, "id": "x", "title": "Ｘ"}')
    assert series == layzner.Series(id="x", title="Ｘ")


def test_an_unparsed_line_written_without_a_reason_still_loads() -> None:
    """JSON from before unparsed lines had reasons loads, with an empty reason, and validates."""
    document = (
        b'{"schema_version": 1, "id": "x", "title": "X",'
        b' "unparsed": [{"source": "card", "line": 9, "text": "-   **studio**: A"}]}'
    )
    jsonschema.Draft202012Validator(layzner.json_schema()).validate(orjson.loads(document))
    series = layzner.from_json(document)
    assert series.unparsed == (layzner.UnparsedLine("card", 9, "-   **studio**: A"),)
    assert series.unparsed[0].reason == ""
    data = orjson.loads(layzner.to_json(series))
    assert data["unparsed"] == [
        {"source": "card", "line": 9, "text": "-   **studio**: A", "reason": ""}
    ]


# -- the JSON contract: keys, pointers, vocabularies, defaults, compatibility ---------


def _resolve(document: object, pointer: str) -> object:
    """Return the value an RFC 6901 JSON Pointer names in *document*."""
    node: Any = document
    for escaped in pointer.split("/")[1:]:
        token = escaped.replace("~1", "/").replace("~0", "~")
        node = node[int(token)] if isinstance(node, list) else node[token]
    return node


@pytest.fixture(scope="module")
def bundled() -> layzner.Series:
    """The bundled series, whose JSON form has evidence for every kind of field."""
    return layzner.load()


def test_every_item_evidence_can_name_carries_its_key(bundled: layzner.Series) -> None:
    """Titles, companies, credits, characters, songs, links and synopses carry the model's key."""
    data = orjson.loads(layzner.to_json(bundled))
    lists = ("titles", "companies", "staff", "authors", "characters", "songs", "links", "synopses")
    checked = 0
    for name in lists:
        for item, value in zip(data[name], getattr(bundled, name), strict=True):
            assert next(iter(item)) == "key"
            assert item["key"] == value.key
            checked += 1
    assert checked > 30


def test_every_list_item_path_has_a_pointer_to_its_item(bundled: layzner.Series) -> None:
    """Each evidence path naming a list item points at the item whose key is in the brackets."""
    data = orjson.loads(layzner.to_json(bundled))
    item_paths = [entry for entry in data["evidence"] if "[" in entry["field"]]
    assert len(item_paths) > 40
    for entry in item_paths:
        name, _, rest = entry["field"].partition("[")
        key = rest.partition("]")[0]
        assert entry["pointer"] is not None, entry["field"]
        item_pointer = "/".join(entry["pointer"].split("/")[:3])  # "/songs/1" of "/songs/1/title"
        assert item_pointer.startswith(f"/{name}/")
        item = _resolve(data, item_pointer)
        assert (item["key"] if isinstance(item, dict) else layzner.slugify(str(item))) == key


@given(strategies.series)
def test_every_pointer_resolves(series: layzner.Series) -> None:
    """A non-null pointer always names a value of the document itself."""
    data = orjson.loads(layzner.to_json(series))
    for entry in data["evidence"]:
        if entry["pointer"] is not None:
            _resolve(data, entry["pointer"])


def test_views_and_scalars_point_as_documented(bundled: layzner.Series) -> None:
    """Scalar paths point at their value; views over a list (titles.ja, synopsis) point nowhere."""
    pointers = {
        e["field"]: e["pointer"] for e in orjson.loads(layzner.to_json(bundled))["evidence"]
    }
    assert pointers["aired.end"] == "/aired/end"
    assert pointers["episodes.tv"] == "/episodes/tv"
    assert pointers["titles.ja"] is None
    assert pointers["synopsis"] is None
    song = next(path for path in pointers if path.startswith("songs[") and path.endswith(".title"))
    assert pointers[song].endswith("/title")


def test_key_and_pointer_are_derived_and_never_read(bundled: layzner.Series) -> None:
    """Changing a key or a pointer in the JSON changes nothing that is read back."""
    data = orjson.loads(layzner.to_json(bundled))
    data["characters"][0]["key"] = "someone-else"
    data["evidence"][0]["pointer"] = "/nowhere"
    assert layzner.from_json(data) == bundled
    assert layzner.from_json(data, strict=True) == bundled


@pytest.mark.parametrize(
    ("location", "enum"),
    [
        (("Title", "kind"), _model.TITLE_KINDS),
        (("Song", "kind"), _model.SONG_KINDS),
        (("SourceDocument", "format"), _model.SOURCE_FORMATS),
    ],
)
def test_closed_vocabularies_are_enums_of_the_model_values(
    location: tuple[str, str], enum: tuple[str, ...]
) -> None:
    """Each closed vocabulary is an enum listing exactly the values the model accepts."""
    definition, field = location
    assert layzner.json_schema()["$defs"][definition]["properties"][field]["enum"] == list(enum)


def test_the_values_that_occur_are_in_the_vocabularies(bundled: layzner.Series) -> None:
    """The bundled series uses every title kind it can, and no value outside the enums."""
    assert {t.kind for t in bundled.titles} <= set(_model.TITLE_KINDS)
    assert {s.kind for s in bundled.songs} == set(_model.SONG_KINDS)
    assert {s.format for s in bundled.sources} == set(_model.SOURCE_FORMATS)


@pytest.mark.parametrize("cls", _MODEL_CLASSES, ids=lambda c: c.__name__)
def test_schema_gives_every_default(cls: type) -> None:
    """Every field with a default has that default, as JSON, in the schema."""
    schema = layzner.json_schema()
    if cls is layzner.PartialDate:
        return  # a string in JSON: its parts have no defaults of their own
    properties = (schema if cls is layzner.Series else schema["$defs"][cls.__name__])["properties"]
    for field in attrs.fields(cls):
        if field.default is attrs.NOTHING:
            assert "default" not in properties[field.name], field.name
            continue
        default = field.default
        as_json = attrs.asdict(default) if attrs.has(type(default)) else default
        assert properties[field.name]["default"] == orjson.loads(orjson.dumps(as_json)), field.name


def _closed(schema: object) -> object:
    """Return a copy of *schema* in which no object allows a property it does not declare."""
    if isinstance(schema, dict):
        closed = {key: _closed(value) for key, value in schema.items()}
        if "properties" in closed:
            closed["additionalProperties"] = False
        return closed
    if isinstance(schema, list):
        return [_closed(item) for item in schema]
    return schema


@given(strategies.series)
def test_to_json_writes_only_declared_properties(series: layzner.Series) -> None:
    """The schema is open for forward compatibility, but to_json writes nothing it does not declare."""
    jsonschema.Draft202012Validator(_closed(layzner.json_schema())).validate(
        orjson.loads(layzner.to_json(series))
    )


def test_the_schema_tells_readers_to_ignore_unknown_properties() -> None:
    """No object of the schema forbids additional properties, and the schema says why."""
    schema = layzner.json_schema()
    assert b"additionalProperties" not in orjson.dumps(schema)
    assert "must ignore properties they do not know" in schema["description"]


CLEAN: dict[str, Any] = {
    "schema_version": 1,
    "id": "x",
    "title": "X",
    "titles": [{"text": "X", "language": "en", "kind": "main"}],
    "aired": {"start": "1999"},
    "evidence": [
        {
            "field": "title",
            "pointer": "/title",
            "evidence": [{"source": "a", "line": 1, "offset": None, "text": "X"}],
        }
    ],
}
# Where a newer writer might add a field: (a path to an object of CLEAN, the new field).
NEW_FIELDS = [
    ((), "colour"),
    (("titles", 0), "script"),
    (("aired",), "calendar"),
    (("evidence", 0), "confidence"),
    (("evidence", 0, "evidence", 0), "column"),
]


def _newer() -> dict[str, Any]:
    """Return CLEAN with every new field of NEW_FIELDS added, as a newer layzner might write it."""
    document = copy.deepcopy(CLEAN)
    for path, field in NEW_FIELDS:
        _at(document, path)[field] = "new"
    return document


def _at(document: Any, path: tuple[str | int, ...]) -> Any:
    for step in path:
        document = document[step]
    return document


def test_a_file_from_a_newer_writer_loads(tmp_path: Path) -> None:
    """A file with fields this version does not know loads, and validates against the schema."""
    path = tmp_path / "newer.json"
    path.write_bytes(orjson.dumps(_newer()))
    series = layzner.from_json(path.read_bytes())
    assert series == layzner.from_json(orjson.dumps(CLEAN))
    assert series.titles == (layzner.Title("X", "en", "main"),)
    assert series.provenance("title") == (layzner.Evidence("a", 1, None, "X"),)
    jsonschema.Draft202012Validator(layzner.json_schema()).validate(_newer())


@pytest.mark.parametrize(("path", "field"), NEW_FIELDS, ids=[field for _, field in NEW_FIELDS])
def test_strict_reading_refuses_each_unknown_field(path: tuple[str | int, ...], field: str) -> None:
    """from_json(strict=True) names an unknown field, at any depth."""
    document = copy.deepcopy(CLEAN)
    _at(document, path)[field] = "new"
    with pytest.raises(layzner.SourceFormatError, match=field):
        layzner.from_json(document, strict=True)
    assert layzner.from_json(CLEAN, strict=True) == layzner.from_json(document)


def test_from_json_accepts_a_parsed_dict_and_leaves_it_alone() -> None:
    """A dict from json.loads is read as the text would be, and is not changed."""
    document = orjson.loads(layzner.to_json(sample_series()))
    before = orjson.dumps(document)
    assert layzner.from_json(document) == sample_series()
    assert orjson.dumps(document) == before


@pytest.mark.parametrize("data", [[], 5, None], ids=["list", "int", "none"])
def test_from_json_refuses_what_is_neither_json_text_nor_an_object(data: object) -> None:
    """Anything but bytes, str or a mapping is one SourceFormatError saying what it takes."""
    with pytest.raises(layzner.SourceFormatError, match="bytes or str"):
        layzner.from_json(data)  # type: ignore[arg-type]  # deliberately wrong
