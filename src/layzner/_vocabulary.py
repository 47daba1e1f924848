"""Closed vocabularies the readers share: media types, genres, ranks, broadcaster words.

These are facts about anime in general (MyAnimeList's genre and theme names,
military and civil ranks), never about one series.
"""

from __future__ import annotations

import attrs

__all__ = [
    "BROADCASTER_WORDS",
    "CARD_TYPES",
    "COUNT_WORDS",
    "EPISODE_FIELDS",
    "GENRES",
    "MEDIA_TYPES",
    "RANKS",
    "MediaType",
]


@attrs.frozen
class MediaType:
    """A media type, and the words each document format writes it with.

    Attributes:
        name: the model's spelling, as in ``Series.media_type``.
        card_type: a card's ``type`` value for it.
        episodes_field: the :class:`layzner.Episodes` field that counts its
            episodes; ``None`` for a print work.
        count_words: the words a profile's count row names its episodes by
            (``26 OVA``, ``3 Films``).
    """

    name: str
    card_type: str
    episodes_field: str | None
    count_words: tuple[str, ...] = ()


MEDIA_TYPES: tuple[MediaType, ...] = (
    MediaType("TV", "tv-serie", "tv", ("TV",)),
    MediaType("OVA", "ova", "ova", ("OVA", "OAV")),
    MediaType("ONA", "ona", "ona", ("ONA",)),
    MediaType("Movie", "movie", "movie", ("Movie", "Movies", "Film", "Films")),
    MediaType("Special", "special", "special", ("Special", "Specials")),
    MediaType("Manga", "manga", None),
    MediaType("Light Novel", "light-novel", None),
    MediaType("Manhwa", "manhwa", None),
)
"""Every media type the readers know, the anime ones first."""

CARD_TYPES: dict[str, str] = {kind.card_type: kind.name for kind in MEDIA_TYPES}
"""Each card ``type`` value and the media type it names."""

EPISODE_FIELDS: dict[str, str] = {
    kind.name: kind.episodes_field for kind in MEDIA_TYPES if kind.episodes_field is not None
}
"""Each anime media type and the :class:`layzner.Episodes` field that counts its episodes."""

COUNT_WORDS: dict[str, str] = {
    word: kind.episodes_field
    for kind in MEDIA_TYPES
    if kind.episodes_field is not None
    for word in kind.count_words
}
"""Each word a profile's count row names episodes by, and the field that counts them."""

GENRES: frozenset[str] = frozenset(
    g.casefold()
    for g in (
        "Action", "Adventure", "Avant Garde", "Award Winning", "Boys Love", "Comedy", "Drama",
        "Fantasy", "Girls Love", "Gourmet", "Horror", "Mystery", "Romance", "Sci-Fi",
        "Science Fiction", "Slice of Life", "Sports", "Supernatural", "Suspense", "Thriller",
        "Ecchi", "Erotica", "Hentai", "Adult Cast", "Anthropomorphic", "CGDCT", "Childcare",
        "Combat Sports", "Crossdressing", "Delinquents", "Detective", "Educational",
        "Gag Humor", "Gore", "Harem", "High Stakes Game", "Historical", "Idols (Female)",
        "Idols (Male)", "Isekai", "Iyashikei", "Love Polygon", "Magical Sex Shift",
        "Mahou Shoujo", "Magical Girl", "Martial Arts", "Mecha", "Medical", "Military", "Music",
        "Mythology", "Organized Crime", "Otaku Culture", "Parody", "Performing Arts", "Pets",
        "Psychological", "Racing", "Reincarnation", "Reverse Harem", "Romantic Subtext",
        "Samurai", "School", "Showbiz", "Space", "Space Opera", "Strategy Game", "Super Power",
        "Survival", "Team Sports", "Time Travel", "Vampire", "Video Game", "Visual Arts",
        "Workplace", "Shounen", "Shoujo", "Seinen", "Josei", "Kids", "Demons", "Magic", "Game",
        "Cars", "Police", "Dementia", "Post-Apocalyptic", "Cyberpunk", "Dystopian", "War",
        "Western", "Shonen", "Shojo", "Superhero", "Robots", "Real Robot", "Super Robot",
    )
)  # fmt: skip

# Written before a character's name in cast lists ("Admiral Gresco").
RANKS: tuple[str, ...] = (
    "Admiral", "Vice Admiral", "Rear Admiral", "Fleet Admiral", "Grand Admiral", "Commodore",
    "Captain", "Capt.", "Commander", "Cmdr.", "Lieutenant Commander", "Lt. Commander",
    "Lt. Cmdr.", "Lieutenant", "Lt.", "First Lieutenant", "Second Lieutenant", "Sub-Lieutenant",
    "Ensign", "General", "Gen.", "Lieutenant General", "Lt. General", "Lt. Gen.",
    "Major General", "Maj. Gen.", "Brigadier", "Brigadier General", "Colonel", "Col.",
    "Lieutenant Colonel", "Lt. Colonel", "Lt. Col.", "Major", "Maj.", "Sergeant", "Sgt.",
    "Staff Sergeant", "Master Sergeant", "Sergeant Major", "Corporal", "Cpl.", "Lance Corporal",
    "Private", "Pvt.", "Private First Class", "Marshal", "Field Marshal", "Officer",
    "Warrant Officer", "Petty Officer", "Chief Petty Officer", "Wing Commander",
    "Squadron Leader", "Flight Lieutenant", "Chief", "Chief Engineer", "Chief Inspector",
    "Chief Officer", "Chief Medical Officer", "Dr.", "Doctor", "Professor", "Prof.", "Mr.",
    "Mrs.", "Ms.", "Miss", "Sir", "Dame", "Lady", "Lord", "King", "Queen", "Prince", "Princess",
    "Emperor", "Empress", "Count", "Countess", "Duke", "Duchess", "Baron", "Baroness",
    "Father", "Sister", "Brother", "Master", "Agent", "Inspector", "Detective", "Sheriff",
    "President", "Chancellor", "Senator", "Governor", "Mayor",
)  # fmt: skip

# Words that mark a company in a profile's company list as a broadcaster.
BROADCASTER_WORDS: frozenset[str] = frozenset(
    {
        "tv", "television", "broadcasting", "network", "hoso", "hōsō", "terebi", "nhk", "bs",
        "cs", "tbs", "mx", "wowow", "animax", "bs11",
    }
)  # fmt: skip
