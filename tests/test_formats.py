"""Document formats are data: a toy fourth format loads beside the seeds through its descriptor alone."""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest

import layzner
from layzner import SourceDocument, _model, _readers
from layzner._readers import DocumentFormat, Reading, Stated
from layzner._readers._lexicon import Lexicon

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
# What the toy reader was handed as the lexicon, by document id.
_lexicons: dict[str, Lexicon | None] = {}


def _read_toy(text: str, source: SourceDocument, lexicon: Lexicon | None) -> Reading:
    """Read a toy sheet: a ``%toy`` line, then ``title``, ``type`` and ``genre`` lines."""
    _lexicons[source.id] = lexicon
    reading = Reading(source=source)
    for number, line in enumerate(text.splitlines()[1:], start=2):
        key, _, value = line.partition(": ")
        stated = Stated(value, reading.at_line(number, line))
        if key == "title":
            reading.title = stated
        elif key == "type":
            reading.media_type = stated
        elif key == "genre":
            reading.genres.append(stated)
        else:
            reading.keep_unparsed(number, line, "not a toy key")
    return reading


TOY = DocumentFormat(
    name="toy",
    label="toy sheet",
    looks_like=lambda text: text.startswith("%toy\n"),
    read=_read_toy,
    rank=3,
)


@pytest.fixture(scope="module")
def seeds() -> layzner.Series:
    """Load the seeds alone."""
    return layzner.load(SEEDS)


@pytest.fixture
def toy_sheet(seeds: layzner.Series, tmp_path: Path) -> Path:
    """Write a toy sheet that names the seeds' series."""
    path = tmp_path / "sheet.txt"
    path.write_text(f"%toy\ntitle: {seeds.title}\ntype: Toy Film\ngenre: Toy Genre\n")
    return path


def _load_with(
    monkeypatch: pytest.MonkeyPatch, format_: DocumentFormat, sheet: Path
) -> layzner.Series:
    # First in the registry: the article's test, the loosest, would take any line of words.
    monkeypatch.setattr(_readers, "FORMATS", (format_, *_readers.FORMATS))
    return layzner.load([*sorted(SEEDS.iterdir()), sheet])


def test_a_toy_format_loads_beside_the_seeds(
    monkeypatch: pytest.MonkeyPatch, toy_sheet: Path, seeds: layzner.Series
) -> None:
    """A format registered as one descriptor is detected, read and merged with the seeds."""
    series = _load_with(monkeypatch, TOY, toy_sheet)
    assert [(s.id, s.format) for s in series.sources] == [
        *((s.id, s.format) for s in seeds.sources),
        ("sheet", "toy"),
    ]
    assert series.genres == (*seeds.genres, "Toy Genre")
    assert [e.source for e in series.provenance("genres[toy-genre]")] == ["sheet"]
    assert series.title == seeds.title


def test_the_toy_formats_rank_settles_a_disagreement(
    monkeypatch: pytest.MonkeyPatch, toy_sheet: Path, seeds: layzner.Series
) -> None:
    """Ranked below the seeds, the toy loses a disagreement; ranked above them, it wins it."""
    below = _load_with(monkeypatch, TOY, toy_sheet)
    assert below.media_type == seeds.media_type
    (conflict,) = [c for c in below.conflicts if c.field == "media_type"]
    assert conflict.candidates[-1].value == "Toy Film"
    above = _load_with(monkeypatch, attrs.evolve(TOY, rank=-1), toy_sheet)
    assert above.media_type == "Toy Film"
    (conflict,) = [c for c in above.conflicts if c.field == "media_type"]
    assert conflict.reason.endswith("the toy sheet (sheet) ranks highest for this field")


@pytest.mark.parametrize("needs_lexicon", [False, True])
def test_only_a_format_that_needs_the_lexicon_gets_it(
    monkeypatch: pytest.MonkeyPatch, toy_sheet: Path, needs_lexicon: bool
) -> None:
    """A format that needs the other documents' names is read after them, with their lexicon."""
    _load_with(monkeypatch, attrs.evolve(TOY, needs_lexicon=needs_lexicon), toy_sheet)
    assert (_lexicons.pop("sheet") is not None) is needs_lexicon


def test_a_source_document_takes_a_registered_format_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """SourceDocument accepts the shipped formats and a registered one, and refuses any other."""
    with pytest.raises(ValueError, match="'format' must be one of"):
        SourceDocument("sheet", "sheet.txt", "toy", "")
    monkeypatch.setattr(_readers, "FORMATS", (TOY, *_readers.FORMATS))
    assert SourceDocument("sheet", "sheet.txt", "toy", "").format == "toy"


def test_the_shipped_formats_are_the_models_and_the_schemas() -> None:
    """The registry's formats are SOURCE_FORMATS, which the JSON Schema's enum lists in turn."""
    assert tuple(f.name for f in _readers.FORMATS) == _model.SOURCE_FORMATS
    schema = layzner.json_schema()["$defs"]["SourceDocument"]["properties"]["format"]
    assert schema["enum"] == list(_model.SOURCE_FORMATS)
