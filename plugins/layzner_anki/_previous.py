"""Read the package exported last time (``-O previous=PATH``), trusting nothing in it.

The path may name anything at all, so every step is bounded:

* only a regular file is read (never a FIFO, a device such as ``/dev/zero``,
  or a directory), and at most :data:`MAX_PACKAGE_BYTES` of it;
* its ``collection.anki2`` is read only if it declares at most
  :data:`MAX_COLLECTION_BYTES`, and never past that, whatever it declares;
* the SQLite database is opened in memory and query-only; ``notes`` and
  ``col`` must be plain tables (not views, virtual tables or tables with
  generated columns); an authorizer lets the two queries read those two
  tables and nothing else; and a progress handler stops any query that works
  longer than the database's size can justify;
* every value read is checked for its type.

Whatever fails is an :class:`layzner.OptionError` naming the file and the
reason, which the command line reports as a usage error (exit code 2).
"""

from __future__ import annotations

import dataclasses
import io
import json
import os
import re
import sqlite3
import stat
import zipfile
import zlib
from collections.abc import Mapping
from pathlib import Path
from typing import Any, NoReturn

import layzner

from . import _notetype

__all__ = [
    "MAX_COLLECTION_BYTES",
    "MAX_PACKAGE_BYTES",
    "OldNote",
    "Previous",
    "previous_from_option",
    "read_previous",
]

MAX_PACKAGE_BYTES = 32 * 2**20
"""The largest ``.apkg`` read as a previous package (a series' deck is well under 1 MiB)."""

MAX_COLLECTION_BYTES = 128 * 2**20
"""The largest uncompressed collection read from a previous package."""

_COLLECTION = "collection.anki2"
_TABLES = ("notes", "col")
_PLAIN_TABLE = re.compile(r"\s*CREATE\s+TABLE\b", re.IGNORECASE)
# SQLite's virtual machine runs a few instructions per byte of a table it
# scans; this allows a hundredfold more, and a floor for tiny databases.
_INSTRUCTIONS_PER_BYTE = 20
_BASE_INSTRUCTIONS = 10_000_000
_PROGRESS_STEP = 1_000
# Errors the zip and deflate code raises for a file that is not what it says.
_ARCHIVE_ERRORS = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    NotImplementedError,  # a compression method Python lacks
    RuntimeError,  # an encrypted entry
    EOFError,
    zlib.error,
    ValueError,
)


@dataclasses.dataclass(frozen=True)
class OldNote:
    """One note of the previous package, as the exporter compares it."""

    mod: int
    model_id: int
    fields: str
    tags: str


@dataclasses.dataclass(frozen=True)
class Previous:
    """What an earlier package held: its notes by GUID, and its note type."""

    notes: Mapping[str, OldNote]
    notetype_mod: int | None
    notetype: Mapping[str, Any] | None


def previous_from_option(value: object) -> Previous | None:
    """Return the previous package named by the ``previous`` option, if any."""
    if value is None or value == "":
        return None
    return read_previous(os.fspath(Path(str(value)).expanduser()))


def read_previous(path: str) -> Previous:
    """Read the notes and note type of an ``.apkg`` this exporter wrote earlier.

    Raises:
        OptionError: *path* is missing, not a regular file, too large, or not
            such a package; the message says which.
    """
    reader = _Reader(path)
    return reader.read()


class _Reader:
    """Read one previous package, failing with an OptionError that names it."""

    def __init__(self, path: str) -> None:
        self.path = path

    def fail(self, why: str) -> NoReturn:
        raise layzner.OptionError(f"option 'previous': {why}", path=self.path)

    def read(self) -> Previous:
        database = self._collection(self._package())
        notes, models_json = self._query(database)
        return self._previous(notes, models_json)

    def _package(self) -> bytes:
        flags = os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC
        try:
            # Non-blocking, so that opening a FIFO returns at once and is refused below.
            descriptor = os.open(self.path, flags)
        except FileNotFoundError:
            self.fail("no such file")
        except OSError as error:
            self.fail(f"cannot open it: {error.strerror or error}")
        try:
            status = os.fstat(descriptor)
            if not stat.S_ISREG(status.st_mode):
                self.fail(f"not a regular file ({_kind(status.st_mode)}); give the .apkg itself")
            if status.st_size > MAX_PACKAGE_BYTES:
                self.fail(f"larger than the {_mib(MAX_PACKAGE_BYTES)} a previous package may be")
            data = _read_up_to(descriptor, MAX_PACKAGE_BYTES + 1)
        except OSError as error:
            self.fail(f"cannot read it: {error.strerror or error}")
        finally:
            os.close(descriptor)
        if len(data) > MAX_PACKAGE_BYTES:  # it grew while being read
            self.fail(f"larger than the {_mib(MAX_PACKAGE_BYTES)} a previous package may be")
        return data

    def _collection(self, package: bytes) -> bytes:
        try:
            with zipfile.ZipFile(io.BytesIO(package)) as archive:
                try:
                    info = archive.getinfo(_COLLECTION)
                except KeyError:
                    self.fail(f"not a package written by layzner (no {_COLLECTION})")
                if info.file_size > MAX_COLLECTION_BYTES:
                    self.fail(
                        f"its collection unpacks to more than {_mib(MAX_COLLECTION_BYTES)}, "
                        "the most layzner reads"
                    )
                with archive.open(info) as member:
                    # Never past the limit, whatever the header declared.
                    database = member.read(MAX_COLLECTION_BYTES + 1)
        except _ARCHIVE_ERRORS as error:
            self.fail(f"cannot read it as an .apkg: {error}")
        if len(database) > MAX_COLLECTION_BYTES:
            self.fail(f"its collection unpacks to more than {_mib(MAX_COLLECTION_BYTES)}")
        return database

    def _query(self, database: bytes) -> tuple[list[tuple[Any, ...]], Any]:
        connection = sqlite3.connect(":memory:")
        try:
            connection.deserialize(database)
            _confine(connection, len(database))
            self._check_tables(connection)
            connection.set_authorizer(_authorize)
            budget = _BASE_INSTRUCTIONS + _INSTRUCTIONS_PER_BYTE * len(database)
            connection.set_progress_handler(_Budget(budget), _PROGRESS_STEP)
            notes = connection.execute("SELECT guid, mod, mid, flds, tags FROM main.notes")
            rows = notes.fetchall()
            models = connection.execute("SELECT models FROM main.col").fetchone()
        except sqlite3.OperationalError as error:
            if str(error) == "interrupted":
                self.fail("reading its collection takes more work than its size allows")
            self.fail(f"not an Anki collection inside: {error}")
        except sqlite3.Error as error:
            self.fail(f"not an Anki collection inside: {error}")
        finally:
            connection.close()
        if models is None:
            self.fail("its collection has no 'col' row")
        return rows, models[0]

    def _check_tables(self, connection: sqlite3.Connection) -> None:
        for table in _TABLES:
            found = connection.execute(
                "SELECT type, sql FROM main.sqlite_master WHERE name = ?", (table,)
            ).fetchone()
            if found is None:
                self.fail(f"not an Anki collection inside: no table {table!r}")
            kind, sql = found
            if kind != "table" or not _PLAIN_TABLE.match(str(sql)):
                self.fail(
                    f"its {table!r} is a {kind} other than a plain table; layzner reads tables only"
                )
            # "hidden" is 2 or 3 for a generated column, whose expression would
            # run for every row read.
            hidden = connection.execute(
                "SELECT count(*) FROM pragma_table_xinfo(?, 'main') WHERE hidden != 0", (table,)
            ).fetchone()
            if hidden != (0,):
                self.fail(f"its {table!r} table has generated or hidden columns")

    def _previous(self, rows: list[tuple[Any, ...]], models_json: Any) -> Previous:
        notes: dict[str, OldNote] = {}
        for number, (guid, mod, mid, flds, tags) in enumerate(rows, start=1):
            if not (isinstance(guid, str) and isinstance(flds, str) and isinstance(tags, str)):
                self.fail(f"its note {number} has a guid, fields or tags that are not text")
            if not (isinstance(mod, int) and isinstance(mid, int)):
                self.fail(
                    f"its note {number} has a modification time or note type that is not a whole number"
                )
            notes[guid] = OldNote(mod=mod, model_id=mid, fields=flds, tags=tags)
        model = self._notetype(models_json)
        if model is None:
            return Previous(notes=notes, notetype_mod=None, notetype=None)
        return Previous(notes=notes, notetype_mod=model["mod"], notetype=model)

    def _notetype(self, models_json: Any) -> dict[str, Any] | None:
        if not isinstance(models_json, str):
            self.fail("its note types are not text")
        try:
            models = json.loads(models_json)
        except (ValueError, RecursionError):
            self.fail("its note types are not valid JSON")
        if not isinstance(models, dict):
            self.fail("its note types are not a JSON object")
        model = models.get(str(_notetype.MODEL_ID))
        if model is None:
            return None
        if not isinstance(model, dict):
            self.fail("its layzner note type is not a JSON object")
        mod = model.setdefault("mod", 0)
        if not isinstance(mod, int) or isinstance(mod, bool):
            self.fail("its layzner note type's modification time is not a whole number")
        for key in ("flds", "tmpls"):
            items = model.setdefault(key, [])
            if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
                self.fail(f"its layzner note type's {key!r} is not a list of objects")
        return model


def _confine(connection: sqlite3.Connection, size: int) -> None:
    """Make *connection* read-only, and bound what any one value or statement may be."""
    connection.execute("PRAGMA query_only = ON")
    connection.execute("PRAGMA trusted_schema = OFF")
    connection.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, max(size, 1))
    connection.setlimit(sqlite3.SQLITE_LIMIT_SQL_LENGTH, 10_000)
    connection.setlimit(sqlite3.SQLITE_LIMIT_ATTACHED, 0)


def _authorize(
    action: int, arg1: str | None, _arg2: str | None, _db: str | None, source: str | None
) -> int:
    """Allow the two queries to read the two tables directly, and nothing else."""
    if action == sqlite3.SQLITE_SELECT and source is None:
        return sqlite3.SQLITE_OK
    if action == sqlite3.SQLITE_READ and arg1 in _TABLES and source is None:
        return sqlite3.SQLITE_OK
    return sqlite3.SQLITE_DENY


class _Budget:
    """A progress handler that interrupts SQLite once it has run *instructions* instructions."""

    def __init__(self, instructions: int) -> None:
        self.left = instructions

    def __call__(self) -> int:
        self.left -= _PROGRESS_STEP
        return 1 if self.left < 0 else 0


def _read_up_to(descriptor: int, limit: int) -> bytes:
    """Return the bytes of *descriptor* up to its end or *limit*, whichever comes first."""
    chunks: list[bytes] = []
    left = limit
    while left > 0 and (chunk := os.read(descriptor, min(left, 2**20))):
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def _kind(mode: int) -> str:
    kinds = (
        (stat.S_ISDIR, "a directory"),
        (stat.S_ISFIFO, "a FIFO"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
    )
    return next((name for test, name in kinds if test(mode)), "not a file")


def _mib(size: int) -> str:
    return f"{size // 2**20} MiB"
