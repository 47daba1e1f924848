"""A second series, written by hand in the three seed formats, to keep the readers honest.

Nothing here comes from layzner: the documents were written for these
tests, with their own defects (mojibake read as Windows-1252 rather than
1253, a card end date *before* the start rather than a copy of it, a
lowercase article with its own stop words removed).  The expected facts
below were written by hand from the documents.
"""

from __future__ import annotations

from pathlib import Path

# The native title, corrupted the way a UTF-8 page read as Windows-1252 is.
NATIVE_TITLE = "星明かり配達人ミライ"
_MOJIBAKE = NATIVE_TITLE.encode("utf-8").decode("cp1252", errors="replace").replace("\ufffd", "")

PROFILE = f"""Anime Profile: Starlight Courier Mirai

USA Info
Japanese Info
Starlight Courier Mirai (Courier Mirai) | Hoshiakari Haitatsunin Mirai ({_MOJIBAKE})
26 TV Episodes, 2 OVA Episodes
April 7, 1994–September 29, 1994
Studio Kumo, TV Asahi, Kumo Video
Kenji Oumura
Kenji Oumura (series director), Various (Mika Sato, Hiro Tanabe)
Adventure, Comedy, Sci-Fi
Mirai Hoshino
Toma Kuroda
Characters: Starlight Courier Mirai

English Name
Japanese Name
English Name
Japanese Name
Aiko Tanabe | Mirai Hoshino
Captain Dolan Reyes | Nabe
Dr. Sena Ibuki | Professor Otis Crane
Gorou Hatta | Rin Mori
Kirika Sone/Night Owl | Toma Kuroda
Lune | Zed

Description: Starlight Courier Mirai

In the year 2150, letters still travel between the stars, carried by couriers.

Mirai Hoshino, a rookie courier, must deliver a letter nobody wants delivered.
"""

CARD = f"""# Hoshiakari Haitatsunin Mirai

![hoshiakari-haitatsunin-mirai](https://cdn.myanimelist.net/images/anime/5/12345.jpg)

-   **type**: tv-serie
-   **episodes**: 26
-   **original-name**: {NATIVE_TITLE}
-   **start-date**: 1994-04-07
-   **end-date**: 1994-03-01
-   **opening-song**: "Hoshi no Michi (星の道)" by Yuna Aoki (eps 1-26)
-   **ending-song**: #1: "Ashita e (明日へ, Toward Tomorrow)" by The Couriers (eps 1-13)
-   **rating**: PG - Children

## Tags

-   adventure
-   comedy
-   space

## Sinopse

Mirai Hoshino joins the Starlight Courier Service on her sixteenth birthday, and her first letter is addressed to a ship that vanished ten years ago.

## Links

-   [My Anime list](https://myanimelist.net/anime/99999/Hoshiakari_Haitatsunin_Mirai)
-   [Official Site](https://example.org/mirai/)
"""

# Hand-flattened from: 'Starlight Courier Mirai (星明かり配達人ミライ, Hoshiakari
# Haitatsunin Mirai) is a Japanese science fiction anime series produced by
# Studio Kumo, originally created by Noriko Tamura and Kenji Ōmura, with the
# latter directing. [...] The opening theme "Hoshi no Michi" (Road of Stars)
# was composed by Daichi Mori and performed by Yuna Aoki. The first ending
# theme "Ashita e" (Toward Tomorrow) was also composed by Daichi Mori and
# performed by The Couriers. The second ending theme "Yoru no Hikari" was
# composed by Emi Sakura and performed by Yuna Aoki. The mechanical designs
# were done by Shinji Kawa. In 2003, Funimation announced plans to release
# the series in North America. The series appears in Stellar Raiders Arena
# for the PlayStation and Stellar Raiders Arena 2 for the PlayStation 2,
# where Mirai is a playable unit.'
ARTICLE = (
    "starlight courier mirai 星明かり配達人ミライ hoshiakari haitatsunin mirai japanese science "
    "fiction anime series produced studio kumo originally created noriko tamura kenji ōmura "
    "latter directing story follows young courier named mirai delivers letters across "
    "colonies galaxy war ended decades ago series aired tv asahi april september opening "
    "theme hoshi michi road stars composed daichi mori performed yuna aoki first ending "
    "theme ashita e toward tomorrow also composed daichi mori performed couriers second "
    "ending theme yoru hikari composed emi sakura performed yuna aoki mechanical designs "
    "done shinji kawa funimation announced plans release series north america never "
    "released series appears stellar raiders arena playstation stellar raiders arena "
    "playstation mirai playable unit\n"
)


def write_second_series(directory: Path) -> dict[str, Path]:
    """Write the three documents into *directory*, under names that say nothing of their format."""
    directory.mkdir(parents=True, exist_ok=True)
    paths = {
        "profile": directory / "a.txt",
        "card": directory / "b.txt",
        "article": directory / "c.txt",
    }
    paths["profile"].write_text(PROFILE, encoding="utf-8")
    paths["card"].write_text(CARD, encoding="utf-8")
    paths["article"].write_text(ARTICLE, encoding="utf-8")
    return paths
