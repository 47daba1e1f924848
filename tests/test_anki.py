"""The Anki exporter, checked by importing its packages into real Anki collections.

The official ``anki`` package (AGPL, a test-only dependency) does the imports
exactly as File → Import does, with its default options.
"""

from __future__ import annotations

import html
import io
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import attrs
import ftfy.badness
import html5lib
import pytest

import layzner

from .support.anki import (
    HAND_BUILT_NOTES,
    collection,
    export_bytes,
    import_package,
    package_notes,
)
from .support.series import SERIES_ID, make_series

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.fixture(autouse=True)
def _fixed_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")


def _cards(col: Any) -> list[Any]:
    return [col.get_card(card_id) for card_id in col.find_cards("")]


def _note_by_question(col: Any, fragment: str) -> Any:
    matches = [
        col.get_note(n) for n in col.find_notes("") if fragment in col.get_note(n)["Question"]
    ]
    assert len(matches) == 1, fragment
    return matches[0]


def test_fresh_import_gives_expected_note_and_card_counts(tmp_path: Path) -> None:
    """Importing into an empty collection adds one note and one card per fact."""
    with collection(tmp_path) as col:
        result = import_package(col, export_bytes(make_series()), tmp_path, "deck.apkg")
        assert (result.found, result.new, result.conflicting) == (HAND_BUILT_NOTES,) * 2 + (0,)
        assert col.note_count() == HAND_BUILT_NOTES
        assert col.card_count() == HAND_BUILT_NOTES


def test_reimporting_the_same_file_adds_nothing(tmp_path: Path) -> None:
    """A second import of the same package finds every note a duplicate."""
    data = export_bytes(make_series())
    with collection(tmp_path) as col:
        import_package(col, data, tmp_path, "first.apkg")
        again = import_package(col, data, tmp_path, "second.apkg")
        assert (again.new, again.updated, again.conflicting) == (0, 0, 0)
        assert again.duplicate == HAND_BUILT_NOTES
        assert col.note_count() == HAND_BUILT_NOTES


def _review(col: Any, note: Any) -> tuple[int, int, int, int]:
    """Give the note's card a review history, as studying it would."""
    card = note.cards()[0]
    card.type = card.queue = 2  # a review card
    card.ivl, card.due, card.reps, card.factor = 12, 400, 3, 2500
    col.update_card(card)
    return _schedule(col.get_card(card.id))


def _schedule(card: Any) -> tuple[int, int, int, int]:
    return (card.ivl, card.due, card.reps, card.factor)


@pytest.mark.parametrize("later_epoch", [None, "1800000000"])
def test_a_changed_fact_updates_only_its_note_in_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, later_epoch: str | None
) -> None:
    """With -O previous, one changed fact updates one note, keeping its id and schedule."""
    first = export_bytes(make_series())
    (tmp_path / "old.apkg").write_bytes(first)
    series = make_series()
    characters = tuple(
        layzner.Character("Vargas", rank="Commodore") if c.name == "Vargas" else c
        for c in series.characters
    )
    if later_epoch is not None:
        monkeypatch.setenv("SOURCE_DATE_EPOCH", later_epoch)
    second = export_bytes(make_series(characters=characters), previous=str(tmp_path / "old.apkg"))
    with collection(tmp_path) as col:
        import_package(col, first, tmp_path, "first.apkg")
        before = _note_by_question(col, "title does Vargas hold")
        schedule = _review(col, before)
        result = import_package(col, second, tmp_path, "second.apkg")
        assert (result.new, result.updated, result.conflicting) == (0, 1, 0)
        assert result.duplicate == HAND_BUILT_NOTES - 1
        after = _note_by_question(col, "title does Vargas hold")
        assert after.id == before.id
        assert after["Answer"] == "Commodore"
        assert _schedule(after.cards()[0]) == schedule
        assert col.note_count() == HAND_BUILT_NOTES


def test_unchanged_notes_keep_the_users_edits(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A later export with -O previous leaves notes the user edited, and whose facts held, alone."""
    first = export_bytes(make_series())
    (tmp_path / "old.apkg").write_bytes(first)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1800000000")
    second = export_bytes(make_series(), previous=str(tmp_path / "old.apkg"))
    with collection(tmp_path) as col:
        import_package(col, first, tmp_path, "first.apkg")
        note = _note_by_question(col, "title does Vargas hold")
        note["Notes"] = "my mnemonic: Vargas = vast armada"
        col.update_note(note)
        result = import_package(col, second, tmp_path, "second.apkg")
        assert (result.new, result.updated, result.duplicate) == (0, 0, HAND_BUILT_NOTES)
        assert col.get_note(note.id)["Notes"] == "my mnemonic: Vargas = vast armada"


def test_without_previous_a_later_export_would_overwrite_edits(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without -O previous every note of a later export looks newer: why the option exists."""
    first = export_bytes(make_series())
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1800000000")
    second = export_bytes(make_series())
    with collection(tmp_path) as col:
        import_package(col, first, tmp_path, "first.apkg")
        result = import_package(col, second, tmp_path, "second.apkg")
        assert result.updated == HAND_BUILT_NOTES


def _text_problems(text: str) -> list[str]:
    problems = []
    if not text.strip():
        problems.append("empty")
    if "<script" in text.lower():
        problems.append("script")
    if ftfy.badness.is_bad(text) or "\ufffd" in text:
        problems.append("mojibake")
    return problems


def test_every_card_renders_non_empty_clean_text(tmp_path: Path) -> None:
    """Every card's question and answer are non-empty, script-free and free of mojibake."""
    with collection(tmp_path) as col:
        import_package(col, export_bytes(make_series()), tmp_path, "deck.apkg")
        for card in _cards(col):
            for side in (card.question(), card.answer()):
                assert _text_problems(side) == [], side


HOSTILE = '<script>alert(1)</script> & "quotes"'


def _elements(fragment: str) -> list[tuple[str, list[str]]]:
    tree = html5lib.parseFragment(fragment, namespaceHTMLElements=False)
    return [(element.tag, list(element.attrib)) for element in tree.iter() if element is not tree]


def test_seed_markup_is_escaped_on_every_card(tmp_path: Path) -> None:
    """Markup in seed text shows as text: no element or attribute from a seed reaches a card."""
    series = make_series(
        title='Vesper <img src=x onerror="alert(2)">',
        synopses=(layzner.Synopsis(HOSTILE, "100_profile"),),
        characters=(
            layzner.Character('<b onmouseover="alert(3)">Evil</b>', rank="<i>Admiral</i>"),
        ),
    )
    with collection(tmp_path) as col:
        import_package(col, export_bytes(series), tmp_path, "deck.apkg")
        answers = [card.answer() for card in _cards(col)]
    synopsis = next(a for a in answers if "alert(1)" in a)
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;" in synopsis
    for answer in answers:
        assert "<script" not in answer
        body = answer.split("</style>", 1)[1]
        for tag, attributes in _elements(body):
            assert tag in {"div", "hr", "i", "p", "ul", "li", "br"}, tag
            assert set(attributes) <= {"class", "id"}, attributes


def test_deck_is_named_after_the_series_and_notes_are_tagged(tmp_path: Path) -> None:
    """The deck is Anime::<title>, and tags are hierarchical and free of spaces."""
    with collection(tmp_path) as col:
        import_package(col, export_bytes(make_series()), tmp_path, "deck.apkg")
        decks = {col.decks.name(card.did) for card in _cards(col)}
        tags = {tag for note_id in col.find_notes("") for tag in col.get_note(note_id).tags}
    assert decks == {"Anime::Star Harbor Vesper"}
    assert {"layzner::character", "layzner::song", "layzner::title", "layzner::staff"} <= tags
    assert f"layzner::series::{SERIES_ID}" in tags
    assert all(" " not in tag and tag.startswith("layzner::") for tag in tags)


def test_subdecks_option_files_each_category_under_the_series_deck(tmp_path: Path) -> None:
    """With -O subdecks=true, cards land in one subdeck per category."""
    with collection(tmp_path) as col:
        import_package(col, export_bytes(make_series(), subdecks=True), tmp_path, "deck.apkg")
        decks = {col.decks.name(card.did) for card in _cards(col)}
        character_cards = [c for c in _cards(col) if "layzner::character" in c.note().tags]
        assert {col.decks.name(c.did) for c in character_cards} == {
            "Anime::Star Harbor Vesper::Characters"
        }
    assert all(name.startswith("Anime::Star Harbor Vesper::") for name in decks)
    assert len(decks) == 6


def test_two_exports_are_byte_identical(monkeypatch: pytest.MonkeyPatch) -> None:
    """The same input gives the same bytes, with and without SOURCE_DATE_EPOCH."""
    assert export_bytes(make_series()) == export_bytes(make_series())
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert export_bytes(make_series()) == export_bytes(make_series())


def test_package_is_deflated_and_dated_by_source_date_epoch(tmp_path: Path) -> None:
    """Every zip entry is deflated, and every time in the package is SOURCE_DATE_EPOCH."""
    data = export_bytes(make_series())
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        infos = archive.infolist()
        assert [i.filename for i in infos] == ["collection.anki2", "media"]
        assert all(i.compress_type == zipfile.ZIP_DEFLATED for i in infos)
        assert all(i.date_time == (2023, 11, 14, 22, 13, 20) for i in infos)
        assert infos[0].compress_size < infos[0].file_size / 4
    assert {mod for _guid, mod, _flds, _tags in package_notes(data, tmp_path)} == {1_700_000_000}


def test_guid_follows_the_fact_not_its_text(tmp_path: Path) -> None:
    """Fixing a typo keeps each note's GUID; another series id gives other GUIDs."""
    original = package_notes(export_bytes(make_series()), tmp_path)
    songs = make_series().songs
    fixed = tuple(attrs.evolve(s, title="Red Harbour") if s.key == "ending-2" else s for s in songs)
    retyped = package_notes(export_bytes(make_series(songs=fixed)), tmp_path)
    other = package_notes(export_bytes(make_series(id="another-series")), tmp_path)
    assert [n[0] for n in retyped] == [n[0] for n in original]
    assert [n[2] for n in retyped] != [n[2] for n in original]
    assert not {n[0] for n in other} & {n[0] for n in original}
    assert len({n[0] for n in original}) == len(original)


def test_facts_sharing_a_guid_fail_before_anything_is_written(tmp_path: Path) -> None:
    """Two facts with one key are an ExportError, and no file is left behind."""
    twins = (layzner.Character("Vargas"), layzner.Character("VARGAS", rank="Admiral"))
    target = tmp_path / "deck.apkg"
    with pytest.raises(layzner.ExportError, match="would share the note GUID"):
        layzner.export(make_series(characters=twins), "anki", target)
    assert not target.exists()


def test_cards_state_only_what_the_model_holds(tmp_path: Path) -> None:
    """A character's note names no other character, and a song's note no other song."""
    series = make_series()
    notes = {
        fields.split("\x1f")[0]: fields
        for _g, _m, fields, _t in package_notes(export_bytes(series), tmp_path)
    }
    for character in series.characters:
        text = notes[f"{SERIES_ID}/character:{character.key}"]
        assert character.name in text
        for other in series.characters:
            if other != character:
                assert other.name not in text
    for song in series.songs:
        text = notes[f"{SERIES_ID}/song:{song.key}"]
        assert all(other.title not in text for other in series.songs if other != song)
    assert "Admiral" in notes[f"{SERIES_ID}/character:vargas"]
    assert "Toma Zero" in notes[f"{SERIES_ID}/character:toma-kirishima"]
    assert "Aya Mori" in notes[f"{SERIES_ID}/song:ending-2"]
    assert "14–26" in notes[f"{SERIES_ID}/song:ending-2"]


def test_partial_dates_are_stated_no_more_precisely_than_known(tmp_path: Path) -> None:
    """A year-and-month end date is asked and answered as a month, never a made-up day."""
    notes = {
        f.split("\x1f")[0]: f.split("\x1f")
        for _g, _m, f, _t in package_notes(export_bytes(make_series()), tmp_path)
    }
    assert notes[f"{SERIES_ID}/aired.end"][2] == "September 1999"
    assert notes[f"{SERIES_ID}/aired.start"][2] == "2 April 1999"


def test_source_field_names_the_document_and_line(tmp_path: Path) -> None:
    """The Source field gives the format, file name and line of each fact's evidence."""
    notes = {
        f.split("\x1f")[0]: f.split("\x1f")
        for _g, _m, f, _t in package_notes(export_bytes(make_series()), tmp_path)
    }
    assert (
        notes[f"{SERIES_ID}/aired.start"][3]
        == "profile 100_profile.txt, line 5; card 101_card.md, line 8"
    )
    assert notes[f"{SERIES_ID}/games"][3] == "article 102_article.txt, character 812"


# Fingerprints of the note type schema (fields and their ids, templates, CSS,
# sort field), one per released version.  Written by hand when a version is
# released and never edited afterwards: a change to the note type without a
# new VERSION (and a new line here) fails test_note_type_schema_changes_bump_the_version.
NOTE_TYPE_FINGERPRINTS = {
    1: "75b8002f351d1950d93fb5afd5abc48e7d98ef0d11309db4414b38373fb4047f",
}


def test_note_type_schema_changes_bump_the_version() -> None:
    """The note type matches the fingerprint recorded for its version, so edits need a new one."""
    from layzner_anki import _notetype

    assert f"Layzner Fact v{_notetype.VERSION}" == _notetype.NAME
    assert NOTE_TYPE_FINGERPRINTS[_notetype.VERSION] == _notetype.fingerprint()
    # Fixed forever: derived once from the family name, which carries no version.
    assert _notetype.MODEL_ID == 133210162775953 == _notetype.stable_id("Layzner Fact")


def test_note_type_is_written_with_pinned_ids(tmp_path: Path) -> None:
    """Anki keeps the fixed model id, the pinned field and template ids, and sorts by Question."""
    with collection(tmp_path) as col:
        import_package(col, export_bytes(make_series()), tmp_path, "deck.apkg")
        model = col.models.by_name("Layzner Fact v1")
    assert model["id"] == 133210162775953
    assert [f["name"] for f in model["flds"]] == ["FactID", "Question", "Answer", "Source", "Notes"]
    assert [f["id"] for f in model["flds"]] == [
        132128772960730,
        152770441062227,
        57080505387424,
        170062388850583,
        88218753388797,
    ]
    assert [t["id"] for t in model["tmpls"]] == [159902243216197]
    assert model["sortf"] == 1
    assert "{{FactID}}" not in model["tmpls"][0]["qfmt"] + model["tmpls"][0]["afmt"]


def _version_two(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the next note type version: new CSS, a renamed field and template, same ids."""
    from layzner_anki import _notetype

    monkeypatch.setattr(_notetype, "NAME", "Layzner Fact v2")
    monkeypatch.setattr(
        _notetype, "CSS", _notetype.CSS + "\n.layzner-source { font-style: italic; }\n"
    )
    fields = tuple(("Extra" if name == "Notes" else name, id_) for name, id_ in _notetype.FIELDS)
    monkeypatch.setattr(_notetype, "FIELDS", fields)
    ((_, template_id, qfmt, afmt),) = _notetype.TEMPLATES
    monkeypatch.setattr(
        _notetype, "TEMPLATES", (("Fact card", template_id, qfmt, afmt.replace("Notes", "Extra")),)
    )


def test_a_new_note_type_version_updates_in_place_without_conflicts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A later note type version replaces the old one in Anki; no note becomes conflicting."""
    first = export_bytes(make_series())
    (tmp_path / "old.apkg").write_bytes(first)
    _version_two(monkeypatch)
    second = export_bytes(make_series(), previous=str(tmp_path / "old.apkg"))
    with collection(tmp_path) as col:
        import_package(col, first, tmp_path, "first.apkg")
        note_id = _note_by_question(col, "title does Vargas hold").id
        result = import_package(col, second, tmp_path, "second.apkg")
        assert (result.new, result.conflicting, result.duplicate) == (0, 0, HAND_BUILT_NOTES)
    with collection(tmp_path, reopen=True) as col:
        names = [entry.name for entry in col.models.all_names_and_ids()]
        model = col.models.get(col.get_note(note_id).mid)
    assert "Layzner Fact v1" not in names
    assert model["name"] == "Layzner Fact v2"
    assert "font-style: italic" in model["css"]
    assert [f["name"] for f in model["flds"]][-1] == "Extra"
    assert [t["name"] for t in model["tmpls"]] == ["Fact card"]


def test_a_model_id_that_followed_the_version_would_strand_every_note(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Anki strands notes as conflicting when the note type id changes, so the id has no version."""
    from layzner_anki import _notetype

    first = export_bytes(make_series())
    monkeypatch.setattr(_notetype, "MODEL_ID", _notetype.stable_id("Layzner Fact v2"))
    second = export_bytes(make_series())
    with collection(tmp_path) as col:
        import_package(col, first, tmp_path, "first.apkg")
        monkeypatch.setenv("SOURCE_DATE_EPOCH", "1800000000")
        assert import_package(col, second, tmp_path, "second.apkg").conflicting == HAND_BUILT_NOTES


def test_previous_option_rejects_what_it_cannot_read(tmp_path: Path) -> None:
    """A missing or non-package -O previous is one OptionError naming the file."""
    with pytest.raises(layzner.OptionError, match="no such file") as missing:
        export_bytes(make_series(), previous=str(tmp_path / "absent.apkg"))
    assert missing.value.path == str(tmp_path / "absent.apkg")
    (tmp_path / "notes.txt").write_text("not a zip", encoding="utf-8")
    with pytest.raises(layzner.OptionError, match=r"cannot read it as an \.apkg"):
        export_bytes(make_series(), previous=str(tmp_path / "notes.txt"))


def test_malformed_source_date_epoch_is_an_export_error(monkeypatch: pytest.MonkeyPatch) -> None:
    """SOURCE_DATE_EPOCH that is not whole seconds is an ExportError naming the variable."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    with pytest.raises(layzner.ExportError, match="SOURCE_DATE_EPOCH"):
        export_bytes(make_series())


def test_genanki_is_imported_only_when_exporting_anki() -> None:
    """Listing formats and exporting JSON never import genanki; exporting Anki does."""
    script = (
        "import sys, layzner\n"
        "from tests.support.series import make_series\n"
        "layzner.formats()\n"
        "layzner.export(make_series(), 'json')\n"
        "print('genanki' in sys.modules)\n"
        "layzner.export(make_series(), 'anki')\n"
        "print('genanki' in sys.modules)\n"
    )
    root = Path(__file__).resolve().parent.parent
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=root, capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == ["False", "True"]


# The bundled seeds, through layzner.load(), the CLI and real Anki.


def _copy_seeds(tmp_path: Path, name: str) -> Path:
    target = tmp_path / name
    shutil.copytree(SEEDS, target)
    return target


def test_seeds_yield_at_least_forty_clean_notes(tmp_path: Path) -> None:
    """The bundled seeds give at least 40 notes, all imported, rendering clean text."""
    series = layzner.load(SEEDS)
    with collection(tmp_path) as col:
        result = import_package(col, export_bytes(series), tmp_path, "seeds.apkg")
        assert result.new >= 40
        assert result.new == result.found == col.card_count()
        for card in _cards(col):
            assert col.decks.name(card.did) == f"Anime::{series.title}"
            for side in (card.question(), card.answer()):
                assert _text_problems(side) == [], side


def test_seed_character_notes_name_no_other_character(tmp_path: Path) -> None:
    """No card pairs a seed character with another character's name or aliases."""
    series = layzner.load(SEEDS)
    rows = package_notes(export_bytes(series), tmp_path)
    notes = {fields.split("\x1f")[0]: fields.split("\x1f") for _g, _m, fields, _t in rows}
    for character in series.characters:
        question, answer = notes[f"{series.id}/character:{character.key}"][1:3]
        own = " ".join((character.name, *character.aliases))
        for other in series.characters:
            if other.key == character.key:
                continue
            for name in (other.name, *other.aliases):
                if name not in own:  # a name inside this character's own is no pairing
                    assert html.escape(name) not in question + answer, (character, other)
        assert html.escape(character.name) in question + answer


def test_one_changed_seed_fact_updates_exactly_one_note(tmp_path: Path) -> None:
    """Changing one fact in one seed updates that note only, keeping its id and schedule."""
    seeds = _copy_seeds(tmp_path, "seeds")
    old = export_bytes(layzner.load(seeds))
    (tmp_path / "old.apkg").write_bytes(old)
    profile = next(p for p in sorted(seeds.iterdir()) if "Characters:" in p.read_text("utf-8"))
    text = profile.read_text("utf-8")
    line = next(row for row in text.splitlines() if row.startswith("Admiral "))
    profile.write_text(text.replace(line, line.replace("Admiral ", "Commander ", 1)), "utf-8")
    changed = layzner.load(seeds)
    new = export_bytes(changed, previous=str(tmp_path / "old.apkg"))
    (character,) = [c for c in changed.characters if c.rank == "Commander" and c.name in line]
    with collection(tmp_path) as col:
        found = import_package(col, old, tmp_path, "first.apkg").found
        before = _note_by_question(col, f"does {character.name} hold")
        schedule = _review(col, before)
        result = import_package(col, new, tmp_path, "second.apkg")
        assert (result.new, result.updated, result.conflicting) == (0, 1, 0)
        assert result.duplicate == found - 1
        after = _note_by_question(col, f"does {character.name} hold")
        assert after.id == before.id
        assert after["Answer"] == "Commander"
        assert _schedule(after.cards()[0]) == schedule


def _cli(*arguments: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    script = Path(sys.executable).parent / "layzner-export"
    return subprocess.run(
        [str(script), *arguments], cwd=cwd, capture_output=True, text=True, check=False
    )


def test_cli_writes_the_deck_and_reports_it_on_stderr(tmp_path: Path) -> None:
    """layzner-export --format anki writes the package and reports notes, cards, deck and path."""
    out = tmp_path / "layzner.apkg"
    result = _cli("--format", "anki", "--seeds", str(SEEDS), "-o", str(out), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    series = layzner.load(SEEDS)
    notes = len(package_notes(out.read_bytes(), tmp_path))
    assert str(out) in result.stderr
    assert f"{notes} notes, {notes} cards in deck 'Anime::{series.title}'" in result.stderr
    assert out.read_bytes() == export_bytes(series)


def test_cli_update_workflow_with_previous_and_subdecks(tmp_path: Path) -> None:
    """The documented workflow: export, import, re-export with -O previous, re-import."""
    first = tmp_path / "v1.apkg"
    second = tmp_path / "v2.apkg"
    base = ("--format", "anki", "--seeds", str(SEEDS), "-O", "subdecks=true")
    assert _cli(*base, "-o", str(first), cwd=tmp_path).returncode == 0
    result = _cli(*base, "-O", f"previous={first}", "-o", str(second), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "(0 new or changed since the previous package)" in result.stderr
    with collection(tmp_path) as col:
        added = import_package(col, first.read_bytes(), tmp_path, "a.apkg")
        again = import_package(col, second.read_bytes(), tmp_path, "b.apkg")
        assert (again.new, again.updated, again.duplicate) == (0, 0, added.new)


def test_cli_reports_an_unreadable_previous_package_in_one_line(tmp_path: Path) -> None:
    """A bad -O previous is a usage error (exit 2) with one error line naming the file, and writes nothing."""
    out = tmp_path / "deck.apkg"
    missing = tmp_path / "missing.apkg"
    result = _cli("--format", "anki", "-O", f"previous={missing}", "-o", str(out), cwd=tmp_path)
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert str(missing) in result.stderr
    assert "Traceback" not in result.stderr
    assert not out.exists()


def test_a_series_with_nothing_but_its_title_is_one_clear_export_error(tmp_path: Path) -> None:
    """A deck needs facts: a title alone gives an ExportError, and no file is written."""
    bare = layzner.Series(id="bare", title="Bare")
    target = tmp_path / "bare.apkg"
    with pytest.raises(layzner.ExportError, match="no fact beyond its title"):
        layzner.export(bare, "anki", target)
    assert not target.exists()


def test_a_film_premieres_rather_than_airs(tmp_path: Path) -> None:
    """A one-episode film's date cards ask when it premiered, and its type is a card."""
    film = layzner.Series(
        id="lantern",
        title="Lantern",
        media_type="Movie",
        episodes=layzner.Episodes(movie=1),
        aired=layzner.DateRange(layzner.PartialDate(1990, 7, 14)),
    )
    with collection(tmp_path) as col:
        import_package(col, export_bytes(film), tmp_path, "film.apkg")
        questions = sorted(
            re.sub(r"<[^>]+>", "", col.get_note(n)["Question"]) for n in col.find_notes("")
        )
    assert questions == ["What kind of release is Lantern?", "When did Lantern premiere?"]


def test_the_source_material_is_a_card(tmp_path: Path) -> None:
    """A series adapted from a manga has a card asking what it was adapted from."""
    film = layzner.Series(
        id="lantern",
        title="Lantern",
        media_type="Movie",
        source_material="Manga",
        episodes=layzner.Episodes(movie=1),
    )
    with collection(tmp_path) as col:
        import_package(col, export_bytes(film), tmp_path, "film.apkg")
        notes = {
            re.sub(r"<[^>]+>", "", col.get_note(n)["Question"]): col.get_note(n)["Answer"]
            for n in col.find_notes("")
        }
    assert notes["What is the source material of Lantern?"] == "Manga"
