"""The Anki package as the exporter writes it, and a real Anki collection to import it into."""

from __future__ import annotations

import dataclasses
import sqlite3
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import layzner

# Counted by hand from make_series(): 2 English titles asked towards Japanese,
# 1 native and 1 romanised title asked towards English, the media type, 2 air
# dates, TV and OVA counts, 4 company roles (studio, broadcaster, licensor,
# producer), 4 credits, 4 characters, 4 songs, genres, games, synopsis.
HAND_BUILT_NOTES = 28


def export_bytes(series: layzner.Series, **options: object) -> bytes:
    """Return the package ``layzner.export`` writes for *series*."""
    data = layzner.export(series, "anki", None, **options)
    assert data is not None
    return data


def package_notes(data: bytes, tmp_path: Path) -> list[tuple[str, int, str, str]]:
    """Return ``(guid, mod, flds, tags)`` of every note inside the package *data*."""
    path = tmp_path / "inspect.anki2"
    with zipfile.ZipFile(_bytes_file(data, tmp_path)) as archive:
        path.write_bytes(archive.read("collection.anki2"))
    connection = sqlite3.connect(path)
    try:
        rows = connection.execute("SELECT guid, mod, flds, tags FROM notes ORDER BY id").fetchall()
    finally:
        connection.close()
    path.unlink()
    return [(str(g), int(m), str(f), str(t)) for g, m, f, t in rows]


def _bytes_file(data: bytes, tmp_path: Path) -> Path:
    path = tmp_path / "inspect.apkg"
    path.write_bytes(data)
    return path


@dataclasses.dataclass
class ImportResult:
    """The counts of one import, from Anki's own log."""

    found: int
    new: int
    updated: int
    duplicate: int
    conflicting: int


@contextmanager
def collection(tmp_path: Path, name: str = "user", *, reopen: bool = False) -> Iterator[Any]:
    """Yield a real Anki collection in *tmp_path*, fresh unless *reopen*, closed afterwards.

    Reopening gives an object with nothing cached, as Anki has after a restart.
    """
    from anki.collection import Collection

    directory = tmp_path / name
    directory.mkdir(exist_ok=reopen)
    col = Collection(str(directory / "collection.anki2"))
    try:
        yield col
    finally:
        col.close()


def import_package(col: Any, data: bytes, tmp_path: Path, name: str) -> ImportResult:
    """Import *data* into *col* with Anki's default options, as File → Import does."""
    from anki.collection import ImportAnkiPackageRequest
    from anki.import_export_pb2 import ImportAnkiPackageOptions

    path = tmp_path / name
    path.write_bytes(data)
    # A default-constructed options message is Anki's defaults: update notes
    # and note types "if newer", do not merge note types.
    request = ImportAnkiPackageRequest(
        package_path=str(path), options=ImportAnkiPackageOptions(with_scheduling=False)
    )
    log = col.import_anki_package(request).log
    return ImportResult(
        found=log.found_notes,
        new=len(log.new),
        updated=len(log.updated),
        duplicate=len(log.duplicate),
        conflicting=len(log.conflicting),
    )
