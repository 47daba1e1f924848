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
from ._facts import SUBDECKS, Fact
from ._previous import Previous

__all__ = ["PackageWriter", "Summary", "deck_name", "resolve_timestamp", "write_package"]

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
    decks: int = 1

    def __str__(self) -> str:
        where = f"deck {self.deck!r}" if self.decks == 1 else f"{self.decks} decks"
        text = f"{_count(self.notes, 'note')}, {_count(self.cards, 'card')} in {where}"
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


# The top deck of each kind of work; anime is the default for a series
# whose media type is unknown, as it always was.
_PRINT_DECKS = {"manga": "Manga", "light novel": "Light Novels", "manhwa": "Manhwa"}


def deck_name(series_title: str, media_type: str | None = None) -> str:
    """Return ``Anime::<title>`` (``Manga::<title>`` and so on for print works).

    ``::`` in the title is kept from making subdecks.
    """
    title = " ".join(layzner.clean_text(series_title).replace("::", ":").split())
    kind = (media_type or "").replace("-", " ").strip().lower()
    return f"{_PRINT_DECKS.get(kind, 'Anime')}::{title}"


class PackageWriter:
    """Write the facts of one or more series into one ``.apkg``, a series at a time.

    Exporting one series and exporting many write each series' notes the same
    way, so a note's GUID, deck and content never depend on what else is in
    the package.  Notes go straight into the package's SQLite database;
    nothing else is kept per note.
    """

    def __init__(self, *, subdecks: bool, timestamp: int, previous: Previous | None) -> None:
        # genanki is imported here, not at module level, so that listing
        # formats or exporting JSON never pays for it.
        import genanki  # noqa: PLC0415

        self._genanki = genanki
        self._subdecks = subdecks
        self._timestamp = timestamp
        self._previous = previous
        self._model = genanki.Model(
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
        self._connection = sqlite3.connect(":memory:")
        self._cursor = self._connection.cursor()
        self._ids = itertools.count(timestamp * 1000)
        genanki.Package([]).write_to_db(self._cursor, timestamp, self._ids)
        self._decks: dict[str, int] = {}
        self._last_deck: int | None = None
        self._notes = 0
        self._roots: list[str] = []

    def add(
        self, facts: Sequence[Fact], *, series_id: str, title: str, media_type: str | None
    ) -> str:
        """Write the notes of one series; return its deck's name.

        Raises:
            ExportError: two facts would share a GUID.
        """
        genanki = self._genanki
        guids: dict[str, str] = {}
        for fact in facts:
            guid = genanki.guid_for("layzner", series_id, fact.key)
            if guid in guids:
                msg = f"facts {guids[guid]!r} and {fact.key!r} would share the note GUID {guid!r}"
                raise layzner.ExportError(msg)
            guids[guid] = fact.key
        root = deck_name(title, media_type)
        self._deck(root)
        by_deck: dict[str, list[Any]] = {root: []}
        series_tag = "layzner::series::" + "_".join(layzner.clean_text(series_id).split())
        for position, (guid, fact) in enumerate(zip(guids, facts, strict=True)):
            name = f"{root}::{SUBDECKS[fact.category]}" if self._subdecks else root
            self._deck(name)
            note = genanki.Note(
                model=self._model,
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
            by_deck.setdefault(name, []).append(note)
        # Deck by deck, as genanki writes a package, so note and card ids
        # follow the same order whether the series is alone or not.
        for name, notes in by_deck.items():
            for note in notes:
                note.write_to_db(self._cursor, self._timestamp, self._decks[name], self._ids)
            if notes:
                self._last_deck = self._decks[name]
        self._notes += len(facts)
        self._roots.append(root)
        return root

    def _deck(self, name: str) -> None:
        if name not in self._decks:
            self._decks[name] = _notetype.stable_id(f"deck:{name}")

    def finish(self) -> tuple[bytes, Summary]:
        """Return the package's bytes and a summary; the writer is closed afterwards."""
        cursor = self._cursor
        try:
            decks = json.loads(cursor.execute("SELECT decks FROM col").fetchone()[0])
            for name, deck_id in self._decks.items():
                decks[str(deck_id)] = self._genanki.Deck(deck_id, name).to_json()
            models = json.loads(cursor.execute("SELECT models FROM col").fetchone()[0])
            if self._last_deck is not None:
                models[str(_notetype.MODEL_ID)] = self._model.to_json(
                    self._timestamp, self._last_deck
                )
            cursor.execute(
                "UPDATE col SET decks = ?, models = ?", (json.dumps(decks), json.dumps(models))
            )
            changed = _set_modification_times(cursor, self._timestamp, self._previous)
            cards = cursor.execute("SELECT count(*) FROM cards").fetchone()[0]
            self._connection.commit()
            database = self._connection.serialize()
        finally:
            self._connection.close()
        summary = Summary(
            notes=self._notes,
            cards=int(cards),
            deck=self._roots[0] if self._roots else "",
            changed=changed,
            decks=len(self._roots),
        )
        return _zip({"collection.anki2": database, "media": b"{}"}, self._timestamp), summary


def write_package(
    facts: Sequence[Fact],
    *,
    series_id: str,
    series_title: str,
    subdecks: bool,
    timestamp: int,
    previous: Previous | None,
    media_type: str | None = None,
) -> tuple[bytes, Summary]:
    """Return the ``.apkg`` bytes for the *facts* of one series and a summary of what they hold.

    Raises:
        ExportError: two facts would share a GUID.
    """
    writer = PackageWriter(subdecks=subdecks, timestamp=timestamp, previous=previous)
    writer.add(facts, series_id=series_id, title=series_title, media_type=media_type)
    return writer.finish()


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
