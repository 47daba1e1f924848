"""Write facts as a deterministic, deflated ``.apkg`` that updates cleanly on re-import.

Anki decides what to do with an imported note by its GUID: a new GUID adds a
note; a known GUID updates the note only when the incoming modification time
is newer ("update if newer", the default) and is otherwise a duplicate.  So:

* GUIDs come from the series id and each fact's stable key, never from text;
* every time in the package comes from one timestamp (``SOURCE_DATE_EPOCH``,
  or a fixed default), so the same input gives the same bytes;
* with a previous package, an unchanged note keeps its old modification time
  (re-importing it changes nothing, not even a user's own edits), and a
  changed note gets a newer one, so it updates in place.
"""

from __future__ import annotations

import dataclasses
import html
import io
import itertools
import json
import sqlite3
import time
import zipfile
from collections.abc import Mapping, Sequence
from typing import Any

import layzner

from . import _notetype
from ._facts import CATEGORIES, Fact
from ._previous import Previous

__all__ = ["Summary", "resolve_timestamp", "write_package"]

DEFAULT_EPOCH = 946_684_800
"""The timestamp used when ``SOURCE_DATE_EPOCH`` is unset: 2000-01-01T00:00:00Z."""

_ZIP_EPOCH = 315_532_800  # 1980-01-01, the earliest time a zip entry can carry
_FIELD_SEPARATOR = "\x1f"  # how Anki joins a note's fields in the notes table


@dataclasses.dataclass(frozen=True)
class Summary:
    """What one export wrote, for the command line's report."""

    notes: int
    cards: int
    deck: str
    changed: int | None

    def __str__(self) -> str:
        text = f"{_count(self.notes, 'note')}, {_count(self.cards, 'card')} in deck {self.deck!r}"
        if self.changed is not None:
            text += f" ({self.changed} new or changed since the previous package)"
        return text


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def resolve_timestamp(environ: Mapping[str, str]) -> int:
    """Return ``SOURCE_DATE_EPOCH`` from *environ*, or :data:`DEFAULT_EPOCH`.

    Raises:
        ExportError: the variable is set but is not a whole number of seconds.
    """
    text = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not text:
        return DEFAULT_EPOCH
    if not text.isdigit():
        msg = f"SOURCE_DATE_EPOCH must be a whole number of seconds, got {text!r}"
        raise layzner.ExportError(msg)
    return int(text)


def _schema_of(model: Mapping[str, Any]) -> tuple[object, ...]:
    """Return the parts of a note type's JSON that Anki would update on import."""
    fields = tuple((f.get("name"), f.get("id"), f.get("ord")) for f in model.get("flds", ()))
    templates = tuple(
        (t.get("name"), t.get("id"), t.get("ord"), t.get("qfmt"), t.get("afmt"))
        for t in model.get("tmpls", ())
    )
    return (model.get("name"), fields, templates, model.get("css"), model.get("sortf"))


def _newer(timestamp: int, old: int) -> int:
    # A changed note must be strictly newer than the copy in the user's
    # collection, even when no later SOURCE_DATE_EPOCH was given.
    return max(timestamp, old + 1)


def deck_name(series_title: str) -> str:
    """Return ``Anime::<title>``, with ``::`` in the title kept from making subdecks."""
    title = " ".join(layzner.clean_text(series_title).replace("::", ":").split())
    return f"Anime::{title}"


def write_package(
    facts: Sequence[Fact],
    *,
    series_id: str,
    series_title: str,
    subdecks: bool,
    timestamp: int,
    previous: Previous | None,
) -> tuple[bytes, Summary]:
    """Return the ``.apkg`` bytes for *facts* and a summary of what they hold.

    Raises:
        ExportError: two facts would share a GUID.
    """
    # genanki is imported here, not at module level, so that listing formats
    # or exporting JSON never pays for it.
    import genanki  # noqa: PLC0415

    guids: dict[str, str] = {}
    for fact in facts:
        guid = genanki.guid_for("layzner", series_id, fact.key)
        if guid in guids:
            msg = f"facts {guids[guid]!r} and {fact.key!r} would share the note GUID {guid!r}"
            raise layzner.ExportError(msg)
        guids[guid] = fact.key

    model = genanki.Model(
        _notetype.MODEL_ID,
        _notetype.NAME,
        fields=[{"name": name, "id": id_} for name, id_ in _notetype.FIELDS],
        templates=[
            {"name": name, "id": id_, "qfmt": qfmt, "afmt": afmt}
            for name, id_, qfmt, afmt in _notetype.TEMPLATES
        ],
        css=_notetype.CSS,
        sort_field_index=_notetype.SORT_FIELD,
    )
    root = deck_name(series_title)
    decks: dict[str, Any] = {root: genanki.Deck(_notetype.stable_id(f"deck:{root}"), root)}
    series_tag = "layzner::series::" + "_".join(layzner.clean_text(series_id).split())
    for position, (guid, fact) in enumerate(zip(guids, facts, strict=True)):
        name = f"{root}::{CATEGORIES[fact.category][1]}" if subdecks else root
        if name not in decks:
            decks[name] = genanki.Deck(_notetype.stable_id(f"deck:{name}"), name)
        note = genanki.Note(
            model=model,
            fields=[
                html.escape(layzner.clean_text(f"{series_id}/{fact.key}"), quote=True),
                fact.question,
                fact.answer,
                fact.source,
                fact.notes,
            ],
            tags=[*fact.tags, series_tag],
            guid=guid,
            due=position,
        )
        decks[name].add_note(note)

    connection = sqlite3.connect(":memory:")
    try:
        cursor = connection.cursor()
        package = genanki.Package(list(decks.values()))
        package.write_to_db(cursor, timestamp, itertools.count(timestamp * 1000))
        changed = _set_modification_times(cursor, timestamp, previous)
        cards = cursor.execute("SELECT count(*) FROM cards").fetchone()[0]
        connection.commit()
        database = connection.serialize()
    finally:
        connection.close()
    summary = Summary(notes=len(facts), cards=int(cards), deck=root, changed=changed)
    return _zip({"collection.anki2": database, "media": b"{}"}, timestamp), summary


def _set_modification_times(
    cursor: sqlite3.Cursor, timestamp: int, previous: Previous | None
) -> int | None:
    """Give unchanged notes their previous time and changed ones a newer time.

    Returns:
        How many notes are new or changed, or ``None`` without a previous package.
    """
    models = json.loads(cursor.execute("SELECT models FROM col").fetchone()[0])
    model = models[str(_notetype.MODEL_ID)]
    if previous is not None and previous.notetype is not None:
        old_mod = previous.notetype_mod or 0
        if _schema_of(previous.notetype) == _schema_of(model):
            model["mod"] = old_mod
        else:
            model["mod"] = _newer(timestamp, old_mod)
        cursor.execute("UPDATE col SET models = ?", (json.dumps(models),))
    if previous is None:
        return None
    changed = 0
    rows = cursor.execute("SELECT id, guid, mid, flds, tags FROM notes ORDER BY id").fetchall()
    for note_id, guid, mid, flds, tags in rows:
        old = previous.notes.get(guid)
        if old is None:
            changed += 1
            continue
        if (old.model_id, old.fields, old.tags) == (mid, flds, tags):
            mod = old.mod
        else:
            mod = _newer(timestamp, old.mod)
            changed += 1
        cursor.execute("UPDATE notes SET mod = ? WHERE id = ?", (mod, note_id))
    return changed


def _zip(entries: Mapping[str, bytes], timestamp: int) -> bytes:
    """Return a deflated zip of *entries*, sorted, with fixed times and permissions."""
    date_time = time.gmtime(max(timestamp, _ZIP_EPOCH))[:6]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(entries):
            info = zipfile.ZipInfo(name, date_time=date_time)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # Unix, whatever the host, for identical bytes
            info.external_attr = 0o644 << 16
            archive.writestr(info, entries[name], compresslevel=9)
    return buffer.getvalue()
