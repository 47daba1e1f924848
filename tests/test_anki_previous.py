"""-O previous= reads only a regular file, a bounded amount of it, plain tables and checked values.

Each hostile package here once exhausted memory, hung, or ended in a
traceback; now each is one OptionError naming the file and the reason, which
the command line reports as a usage error (exit code 2).
"""

from __future__ import annotations

import io
import os
import sqlite3
import subprocess
import zipfile
from pathlib import Path

import pytest

import layzner
from layzner_anki import _notetype, _package, _previous

from .support.anki import HAND_BUILT_NOTES, export_bytes
from .support.processes import CLI
from .support.series import make_series


@pytest.fixture(scope="module")
def package() -> bytes:
    """A real package, as the exporter writes it."""
    return export_bytes(make_series())


def _collection(data: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read("collection.anki2")


def _zipped(collection: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("collection.anki2", collection)
        archive.writestr("media", b"{}")
    return buffer.getvalue()


def _rewritten(data: bytes, tmp_path: Path, *statements: str) -> bytes:
    """Return package *data* with SQL *statements* run on its collection."""
    path = tmp_path / "edit.anki2"
    path.write_bytes(_collection(data))
    connection = sqlite3.connect(path)
    try:
        for statement in statements:
            connection.execute(statement)
        connection.commit()
    finally:
        connection.close()
    edited = path.read_bytes()
    path.unlink()
    return _zipped(edited)


def _refused(previous: Path | str, match: str) -> None:
    with pytest.raises(layzner.OptionError, match=match) as caught:
        export_bytes(make_series(), previous=str(previous))
    assert str(caught.value).startswith(f"{previous}: option 'previous': ")


def test_a_package_this_exporter_wrote_is_read(package: bytes, tmp_path: Path) -> None:
    """The guard rails let a real package through: all its notes, and its note type."""
    path = tmp_path / "old.apkg"
    path.write_bytes(package)
    previous = _previous.read_previous(str(path))
    assert len(previous.notes) == HAND_BUILT_NOTES
    assert previous.notetype is not None
    assert previous.notetype_mod == _package.DEFAULT_EPOCH


# -- only a regular file, and only so much of it ---------------------------------


def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    """previous=FIFO is a usage error at once; it does not wait for someone to write."""
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    result = subprocess.run(
        [str(CLI), "--format", "anki", "-O", f"previous={fifo}", "-o", str(tmp_path / "out.apkg")],
        capture_output=True,
        text=True,
        timeout=120,  # a guard against hanging for ever, not a measurement
        check=False,
    )
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        f"layzner-export: error: {fifo}: option 'previous': not a regular file (a FIFO); "
        "give the .apkg itself"
    ]
    assert not (tmp_path / "out.apkg").exists()


@pytest.mark.parametrize(
    ("path", "kind"), [("/dev/zero", "a character device"), ("/dev/null", "a character device")]
)
def test_a_device_is_refused(path: str, kind: str) -> None:
    """previous=/dev/zero is refused before a byte is read."""
    _refused(path, f"not a regular file \\({kind}\\)")


def test_a_directory_is_refused(tmp_path: Path) -> None:
    """previous=DIR is refused."""
    _refused(tmp_path, r"not a regular file \(a directory\)")


def test_a_file_larger_than_any_deck_is_refused(tmp_path: Path) -> None:
    """A file over the package limit is refused without being read (here a sparse one)."""
    path = tmp_path / "huge.apkg"
    with path.open("wb") as stream:
        stream.truncate(_previous.MAX_PACKAGE_BYTES + 1)
    _refused(path, "larger than the 32 MiB a previous package may be")


def test_a_zip_bomb_is_refused_before_it_unpacks(tmp_path: Path) -> None:
    """A collection declaring more than the limit is refused from its header alone."""
    buffer = io.BytesIO()
    block = bytes(2**20)
    with (
        zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive,
        archive.open("collection.anki2", "w", force_zip64=True) as member,
    ):
        for _ in range(_previous.MAX_COLLECTION_BYTES // len(block) + 1):
            member.write(block)
    path = tmp_path / "bomb.apkg"
    path.write_bytes(buffer.getvalue())
    assert path.stat().st_size < 2**20
    _refused(path, "its collection unpacks to more than 128 MiB, the most layzner reads")


def test_a_collection_whose_header_lies_is_read_no_further_than_it_says(tmp_path: Path) -> None:
    """A collection that unpacks to more than its header declares fails its checksum instead."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("collection.anki2", bytes(4 * 2**20))
    data = bytearray(buffer.getvalue())
    declared = (4 * 2**20).to_bytes(4, "little")
    # Rewrite the uncompressed size in the local header and the central directory.
    for start in (22, data.rindex(b"PK\x01\x02") + 24):
        assert data[start : start + 4] == declared
        data[start : start + 4] = (1024).to_bytes(4, "little")
    path = tmp_path / "liar.apkg"
    path.write_bytes(bytes(data))
    _refused(path, "cannot read it as an .apkg")


# -- SQLite: plain tables only, read-only, bounded ---------------------------------


@pytest.mark.parametrize(
    ("statements", "match"),
    [
        (
            # Once 7.4 GB in 60 s: a recursive view standing in for the notes.
            [
                "DROP TABLE notes",
                "CREATE VIEW notes AS WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r)"
                " SELECT 'g' || n AS guid, n AS mod, 1 AS mid, hex(zeroblob(1000)) AS flds,"
                " '' AS tags FROM r",
            ],
            "its 'notes' is a view other than a plain table",
        ),
        (
            ["DROP TABLE col", "CREATE VIEW col AS SELECT zeroblob(1000000000) AS models"],
            "its 'col' is a view other than a plain table",
        ),
        (
            [
                "DROP TABLE notes",
                "CREATE TABLE notes (guid TEXT, mod INTEGER, mid INTEGER, tags TEXT,"
                " flds BLOB GENERATED ALWAYS AS (zeroblob(1000000000)) VIRTUAL)",
                "INSERT INTO notes (guid, mod, mid, tags) VALUES ('g', 1, 1, '')",
            ],
            "its 'notes' table has generated or hidden columns",
        ),
        (
            [
                "DROP TABLE notes",
                "CREATE VIRTUAL TABLE notes USING fts5(guid, mod, mid, flds, tags)",
            ],
            "its 'notes' is a table other than a plain table",
        ),
        (["DROP TABLE notes"], "no table 'notes'"),
        (["DELETE FROM col"], "its collection has no 'col' row"),
    ],
    ids=[
        "recursive-view",
        "zeroblob-view",
        "generated-column",
        "virtual-table",
        "no-notes",
        "no-col",
    ],
)
def test_only_plain_tables_are_read(
    package: bytes, tmp_path: Path, statements: list[str], match: str
) -> None:
    """Views, generated columns and virtual tables are refused before any of them is read."""
    path = tmp_path / "old.apkg"
    path.write_bytes(_rewritten(package, tmp_path, *statements))
    _refused(path, match)


def test_garbage_instead_of_a_database_is_refused(tmp_path: Path) -> None:
    """A collection that is not SQLite at all is refused with SQLite's reason."""
    path = tmp_path / "old.apkg"
    path.write_bytes(_zipped(b"not a database " * 100))
    _refused(path, "not an Anki collection inside: file is not a database")


def test_sqlite_work_is_bounded() -> None:
    """A query that runs past its budget of instructions is interrupted."""
    connection = sqlite3.connect(":memory:")
    try:
        connection.set_progress_handler(_previous._Budget(100_000), 1_000)
        with pytest.raises(sqlite3.OperationalError, match="interrupted"):
            connection.execute(
                "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) "
                "SELECT count(*) FROM r"
            ).fetchone()
    finally:
        connection.close()


def test_the_authorizer_lets_only_the_two_tables_be_read() -> None:
    """Reading another table, calling a function or writing is denied."""
    connection = sqlite3.connect(":memory:")
    try:
        connection.execute("CREATE TABLE notes (guid TEXT)")
        connection.execute("CREATE TABLE other (x)")
        connection.set_authorizer(_previous._authorize)
        assert connection.execute("SELECT guid FROM main.notes").fetchall() == []
        for statement in (
            "SELECT x FROM other",
            "SELECT zeroblob(10)",
            "INSERT INTO notes VALUES ('g')",
            "DROP TABLE other",
        ):
            with pytest.raises(sqlite3.DatabaseError, match=r"not authorized|prohibited"):
                connection.execute(statement)
    finally:
        connection.close()


# -- values of the wrong kind -------------------------------------------------


@pytest.mark.parametrize(
    ("statements", "match"),
    [
        (
            ["UPDATE notes SET mod = 'abc'"],
            "its note 1 has a modification time or note type that is not a whole number",
        ),
        (["UPDATE notes SET mod = 1.5"], "not a whole number"),
        (
            ["UPDATE notes SET flds = x'00ff'"],
            "its note 1 has a guid, fields or tags that are not text",
        ),
        (["UPDATE notes SET guid = x'00'"], "not text"),
        (["UPDATE col SET models = '{'"], "its note types are not valid JSON"),
        (["UPDATE col SET models = '" + "[" * 100_000 + "'"], "its note types are not valid JSON"),
        (["UPDATE col SET models = '[]'"], "its note types are not a JSON object"),
        (["UPDATE col SET models = x'7b7d'"], "its note types are not text"),
    ],
    ids=[
        "text-mod",
        "real-mod",
        "blob-fields",
        "blob-guid",
        "bad-json",
        "deep-json",
        "json-list",
        "blob-json",
    ],
)
def test_values_of_the_wrong_type_are_refused(
    package: bytes, tmp_path: Path, statements: list[str], match: str
) -> None:
    """A value the exporter would trip over is refused, naming what is wrong."""
    path = tmp_path / "old.apkg"
    path.write_bytes(_rewritten(package, tmp_path, *statements))
    _refused(path, match)


@pytest.mark.parametrize(
    ("change", "match"),
    [
        ("json_set(models, '$.\"{id}\"', 'text')", "note type is not a JSON object"),
        ("json_set(models, '$.\"{id}\".mod', 'soon')", "modification time is not a whole number"),
        ("json_set(models, '$.\"{id}\".flds', json('[1, 2]'))", "'flds' is not a list of objects"),
        ("json_set(models, '$.\"{id}\".tmpls', json('{{}}'))", "'tmpls' is not a list of objects"),
    ],
)
def test_a_malformed_note_type_is_refused(
    package: bytes, tmp_path: Path, change: str, match: str
) -> None:
    """The layzner note type in the previous package must have the shape the exporter compares."""
    update = "UPDATE col SET models = " + change.format(id=_notetype.MODEL_ID)
    path = tmp_path / "old.apkg"
    path.write_bytes(_rewritten(package, tmp_path, update))
    _refused(path, match)


def test_bad_values_inside_a_previous_package_are_a_usage_error(
    package: bytes, tmp_path: Path
) -> None:
    """Through the CLI, a previous package with bad values exits 2 with one line, writing nothing."""
    previous = tmp_path / "old.apkg"
    previous.write_bytes(_rewritten(package, tmp_path, "UPDATE notes SET mod = 'abc'"))
    out = tmp_path / "new.apkg"
    result = subprocess.run(
        [str(CLI), "--format", "anki", "-O", f"previous={previous}", "-o", str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"layzner-export: error: {previous}: option 'previous': its note 1 ")
    assert not out.exists()
