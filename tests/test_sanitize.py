"""Control characters and bidi overrides never reach an export: layzner.clean_text and every first-party exporter.

Each exporter gets a series whose every string holds every C0 control, DEL,
U+202E and U+2066 to U+2069, and its output is read back by a real consumer:
jsonschema for JSON, the official ``anki`` package for the deck, html5lib for
the HTML card, and layzner's own card reader for the Markdown card.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Any

import attrs
import html5lib
import jsonschema
import orjson
import pytest
from hypothesis import given
from hypothesis import strategies as st

import layzner

from .support.anki import collection, export_bytes, import_package
from .support.series import make_series

HOSTILE = "".join(map(chr, range(0x20))) + "\x7f\u202e\u2066\u2067\u2068\u2069"
# What no exported text may hold; a newline is allowed only where noted.
FORBIDDEN = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
# HOSTILE once cleaned: the tab, LF, VT, FF, CR and the separators U+001C to
# U+001E become spaces (newlines in a synopsis); every other character goes.
SPACED = " " * 8
TITLE = "S" + SPACED + "tar Harbor Vesper"
SYNOPSIS = (
    "A "
    + "\n" * 7
    + " harbor on Mars.\nIts docks never sleep.\n\nA pilot who will not fight.\n\n火星の港は眠らない。"
)
# Fields whose values a validator or a lookup constrains, left as they are.
_KEPT = {
    (layzner.Song, "kind"),
    (layzner.Title, "kind"),
    (layzner.Title, "language"),
    (layzner.SourceDocument, "format"),
    (layzner.Series, "id"),
}


def _poison(value: Any) -> Any:
    """Return *value* with HOSTILE inserted after the first character of every string in it."""
    if isinstance(value, str):
        return value[:1] + HOSTILE + value[1:]
    if isinstance(value, tuple):
        return tuple(_poison(item) for item in value)
    if attrs.has(type(value)):
        changes = {
            field.name: _poison(getattr(value, field.name))
            for field in attrs.fields(type(value))
            if field.init and (type(value), field.name) not in _KEPT
        }
        return attrs.evolve(value, **changes)
    return value


def _strings(value: Any) -> list[str]:
    """Return every string in parsed JSON *value*, keys included."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [text for item in value for text in _strings(item)]
    if isinstance(value, dict):
        return [text for k, v in value.items() for text in (k, *_strings(v))]
    return []


SERIES = _poison(make_series(image="https://example.org/poster.jpg"))


def test_the_hostile_series_is_hostile() -> None:
    """The test series really carries every hostile character in its text (a guard on the test)."""
    assert HOSTILE in SERIES.title
    assert HOSTILE in SERIES.characters[0].name
    assert HOSTILE in SERIES.synopses[0].text
    assert HOSTILE in SERIES.evidence[0][1][0].text


# -- layzner.clean_text ------------------------------------------------------------


@given(st.text())
def test_clean_text_leaves_nothing_forbidden(text: str) -> None:
    """Any text comes out without controls, overrides, line breaks or lone surrogates."""
    cleaned = layzner.clean_text(text)
    assert not FORBIDDEN.search(cleaned)
    assert "\n" not in cleaned
    cleaned.encode("utf-8")  # raises on a lone surrogate


@given(st.text())
def test_clean_text_keeps_newlines_only_when_asked(text: str) -> None:
    """With multiline, line breaks are newlines where the one-line form has spaces; nothing else differs."""
    cleaned = layzner.clean_text(text, multiline=True)
    assert not FORBIDDEN.search(cleaned)
    assert cleaned.replace("\n", " ") == layzner.clean_text(text)


@given(st.text())
def test_clean_text_is_idempotent(text: str) -> None:
    """Cleaning clean text changes nothing."""
    once = layzner.clean_text(text)
    assert layzner.clean_text(once) == once


@given(st.text(st.characters(exclude_categories=["Cc", "Cs", "Zl", "Zp"])))
def test_clean_text_keeps_text_without_controls(text: str) -> None:
    """Text without controls, overrides or line breaks is returned unchanged."""
    if not re.search("[\u202a-\u202e\u2066-\u2069]", text):
        assert layzner.clean_text(text) == text


def test_clean_text_examples() -> None:
    """Tabs become spaces, line breaks spaces or newlines, and the rest of the controls go."""
    assert layzner.clean_text("a\tb\x00c\x1fd\u202ee") == "a bcde"
    assert layzner.clean_text("one\r\ntwo\rthree\u2028four") == "one two three four"
    assert layzner.clean_text("one\r\ntwo\x85three", multiline=True) == "one\ntwo\nthree"
    assert layzner.clean_text("\u200fמשהו\u200e") == "\u200fמשהו\u200e"
    assert layzner.clean_text("a\udcffb") == "a\ufffdb"
    assert layzner.clean_text("a\udcffb\n", multiline=True) == "a\ufffdb\n"


# -- every first-party exporter ------------------------------------------------------


@pytest.mark.parametrize("format_", ["json", "jsonl"])
def test_json_export_holds_no_control_character(format_: str) -> None:
    """The JSON (and each JSON Lines line) validates, and no string in it (a synopsis' newlines aside) holds a control."""
    for provenance in (False, True):
        data = layzner.export(SERIES, format_, provenance=provenance)
        assert data is not None
        if format_ == "jsonl":
            assert data.count(b"\n") == 1
            assert data.endswith(b"\n")
        parsed = orjson.loads(data)
        jsonschema.Draft202012Validator(layzner.json_schema()).validate(parsed)
        synopses = [s["text"] for s in parsed["synopses"]]
        assert synopses == [SYNOPSIS]
        for text in _strings(parsed):
            assert not FORBIDDEN.search(text), text
            assert "\n" not in text or text in synopses
        assert parsed["title"] == TITLE
        assert layzner.from_json(data).title == TITLE


def test_anki_package_imports_with_every_note_whole(tmp_path: Path) -> None:
    """Anki imports the deck: every note has its five fields, and no field, tag or deck name holds a control."""
    data = export_bytes(SERIES)
    with collection(tmp_path) as col:
        result = import_package(col, data, tmp_path, "hostile.apkg")
        notes = [col.get_note(note_id) for note_id in col.find_notes("")]
        decks = [deck.name for deck in col.decks.all_names_and_ids()]
    assert result.new == len(notes) > 20
    for note in notes:
        assert len(note.fields) == 5
        for text in (*note.fields, *note.tags):
            assert not FORBIDDEN.search(text), text
            assert "\n" not in text
    assert "Anime::S tar Harbor Vesper" in decks
    for deck in decks:
        assert not FORBIDDEN.search(deck), deck
    with zipfile.ZipFile(tmp_path / "hostile.apkg") as archive:
        assert archive.namelist() == ["collection.anki2", "media"]


def test_html_card_parses_with_no_control_character_in_text_or_attributes() -> None:
    """The HTML card parses without error, and no text node or attribute holds a control."""
    data = layzner.export(SERIES, "mal", today="2024-01-01")
    assert data is not None
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    tree = parser.parse(data.decode("utf-8"))
    for element in tree.iter():
        texts = [element.text or "", element.tail or "", *element.attrib.values()]
        for text in texts:
            assert not FORBIDDEN.search(text), text
    (heading,) = [e for e in tree.iter() if e.get("class") == "title-name"]
    # HTML reads a newline as a space; only the synopsis shows them as breaks.
    assert "".join(heading.itertext()).replace("\n", " ") == TITLE


def test_markdown_card_reads_back_without_control_characters(tmp_path: Path) -> None:
    """The Markdown card holds no control, and layzner's card reader reads it back whole."""
    data = layzner.export(SERIES, "mal-md")
    assert data is not None
    text = data.decode("utf-8")
    assert not FORBIDDEN.search(text)
    card = tmp_path / "card.md"
    card.write_bytes(data)
    series = layzner.load(card)
    assert series.title == TITLE
    assert series.synopsis is not None
    # Markdown joins a paragraph's lines, so the card reads its line break back as a space.
    assert series.synopsis.endswith(
        "harbor on Mars. Its docks never sleep.\n\nA pilot who will not fight.\n\n火星の港は眠らない。"
    )
    assert len(series.songs) == len(SERIES.songs)
    for value in _strings(orjson.loads(layzner.to_json(series))):
        assert not FORBIDDEN.search(value), value
