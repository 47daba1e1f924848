"""The one hand-built series that every exporter test starts from.

The series is fictional on purpose: the exporters must know nothing about the
bundled one.  Every field an anime's page shows holds a value, in more than
one shape where the exporters treat shapes differently (one company and two
in a role, a song with a native title and a translation, one with a native
title only, one with neither and two artists over two spans of episodes), so
that a test changes only the field it is about.  Its evidence points at lines
of three made-up documents, the way :func:`layzner.load` records them.

Left empty on purpose, since each one changes what the exporters write:
``source_material``, ``volumes``, ``chapters`` and ``authors`` (a print
work's), ``related``, ``conflicts`` and ``unparsed``.
"""

from __future__ import annotations

from typing import Any

import attrs

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
    """Return the hand-built TV series, with *changes* replacing its fields (``attrs.evolve``)."""
    return attrs.evolve(_SERIES, **changes)


def _build() -> layzner.Series:
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
        layzner.Company("Orbit Sound", ("producer",)),
        layzner.Company("Blue Anchor Records", ("producer",)),
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
            "opening",
            2,
            "Harbor Lights",
            artists=("Blue Harbor", "Aya Mori"),
            episodes=(layzner.EpisodeSpan(14, 25), layzner.EpisodeSpan(26, 26)),
        ),
        layzner.Song(
            "ending",
            1,
            "Yoru o Koete",
            native_title="夜を越えて",
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
        "media_type": "TV",
        "episodes": layzner.Episodes(tv=26, ova=2),
        "aired": layzner.DateRange(layzner.PartialDate(1999, 4, 2), layzner.PartialDate(1999, 9)),
        "companies": companies,
        "staff": staff,
        "genres": ("Mecha", "Drama"),
        "tags": ("space", "mars"),
        "characters": characters,
        "songs": songs,
        "games": ("Star Robot Battle",),
        "rating": "PG-13",
        "links": (
            layzner.Link("Official Site", "https://vesper.example.jp/"),
            layzner.Link("Encyclopedia", "http://encyclopedia.example.org/vesper?id=7&x=1"),
        ),
        "image": "https://cdn.example.net/images/anime/3/777.jpg",
        "synopses": (
            layzner.Synopsis(
                "A harbor on Mars.\nIts docks never sleep.\n\nA pilot who will not fight.\n\n"
                "火星の港は眠らない。",
                _PROFILE.id,
            ),
        ),
        "sources": (_PROFILE, _CARD, _ARTICLE),
        "evidence": tuple(evidence),
    }
    return layzner.Series(**fields)


_SERIES = _build()
