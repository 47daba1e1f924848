"""Helpers for tests/test_anki.py: a hand-built series and a real Anki collection.

The series is fictional on purpose: the exporter must know nothing about the
bundled one.  Its evidence points at lines of three made-up documents, the
way :func:`layzner.load` records them.
"""

from __future__ import annotations

import dataclasses
import sqlite3
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import layzner

SERIES_ID = "star-harbor-vesper"

_PROFILE = layzner.SourceDocument(
    id="100_profile", path="docs/100_profile.txt", format="profile", sha256="0" * 64
)
_CARD = layzner.SourceDocument(
    id="101_card", path="docs/101_card.md", format="card", sha256="1" * 64
)
_ARTICLE = layzner.SourceDocument(
    id="102_article", path="docs/102_article.txt", format="article", sha256="2" * 64
)


def _at(document: layzner.SourceDocument, line: int, text: str) -> layzner.Evidence:
    return layzner.Evidence(source=document.id, line=line, offset=None, text=text)


def make_series(**changes: Any) -> layzner.Series:
    """Return a realistic hand-built series; *changes* replace its fields."""
    titles = (
        layzner.Title("Star Harbor Vesper", "en", "main"),
        layzner.Title("Vesper of the Star Harbor", "en", "synonym"),
        layzner.Title("星港のヴェスパー", "ja", "native"),
        layzner.Title("Hoshiminato no Vesper", "ja-Latn", "official"),
    )
    companies = (
        layzner.Company("Studio Kairo", ("studio",)),
        layzner.Company("Hikari TV", ("broadcaster",)),
        layzner.Company("Wavefront Media", ("broadcaster", "licensor")),
    )
    staff = (
        layzner.Credit("Mina Okabe", "Director"),
        layzner.Credit("Jun Sato", "Episode Director"),
        layzner.Credit("Ryo Tanabe", "Episode Director"),
        layzner.Credit("Keiko Arai", "Music", aliases=("K. Arai",)),
    )
    characters = (
        layzner.Character("Lena Marsh", main=True),
        layzner.Character("Toma Kirishima", aliases=("Toma Zero",), main=True),
        layzner.Character("Vargas", rank="Admiral"),
        layzner.Character("Oswin Hale"),
    )
    songs = (
        layzner.Song(
            "opening",
            1,
            "Hoshi no Kaze",
            native_title="星の風",
            translated_title="Wind of the Stars",
            artists=("Blue Harbor",),
            composers=("Keiko Arai",),
            episodes=(layzner.EpisodeSpan(1, 26),),
        ),
        layzner.Song(
            "ending",
            1,
            "Yoru o Koete",
            artists=("Aya Mori",),
            episodes=(layzner.EpisodeSpan(1, 13),),
        ),
        layzner.Song(
            "ending",
            2,
            "Red Harbor",
            artists=("Aya Mori",),
            episodes=(layzner.EpisodeSpan(14, 26),),
        ),
    )
    evidence: list[tuple[str, tuple[layzner.Evidence, ...]]] = [
        *((f"titles[{t.key}]", (_at(_PROFILE, 3, t.text),)) for t in titles),
        ("aired.start", (_at(_PROFILE, 5, "April 2, 1999"), _at(_CARD, 8, "1999-04-02"))),
        ("aired.end", (_at(_PROFILE, 5, "September 24, 1999"),)),
        ("episodes.tv", (_at(_PROFILE, 4, "26 TV Episodes"), _at(_CARD, 6, "26"))),
        ("episodes.ova", (_at(_PROFILE, 4, "2 OVA Episodes"),)),
        *((f"companies[{c.key}]", (_at(_PROFILE, 6, c.name),)) for c in companies),
        *((f"staff[{c.key}]", (_at(_PROFILE, 7 + i, c.person),)) for i, c in enumerate(staff)),
        *(
            (f"characters[{c.key}]", (_at(_PROFILE, 14 + i, c.name),))
            for i, c in enumerate(characters)
        ),
        *((f"songs[{s.key}]", (_at(_CARD, 10 + i, s.title),)) for i, s in enumerate(songs)),
        ("genres[mecha]", (_at(_PROFILE, 11, "Mecha"),)),
        ("genres[drama]", (_at(_PROFILE, 11, "Drama"),)),
        (
            "games[star-robot-battle]",
            (layzner.Evidence(_ARTICLE.id, None, 812, "star robot battle"),),
        ),
    ]
    fields: dict[str, Any] = {
        "id": SERIES_ID,
        "title": "Star Harbor Vesper",
        "titles": titles,
        "media_type": "tv",
        "episodes": layzner.Episodes(tv=26, ova=2),
        "aired": layzner.DateRange(layzner.PartialDate(1999, 4, 2), layzner.PartialDate(1999, 9)),
        "companies": companies,
        "staff": staff,
        "genres": ("Mecha", "Drama"),
        "tags": ("space",),
        "characters": characters,
        "songs": songs,
        "games": ("Star Robot Battle",),
        "synopses": (
            layzner.Synopsis("A harbor on Mars.\n\nA pilot who will not fight.", _PROFILE.id),
        ),
        "sources": (_PROFILE, _CARD, _ARTICLE),
        "evidence": tuple(evidence),
    }
    fields.update(changes)
    return layzner.Series(**fields)


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
