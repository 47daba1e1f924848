"""The ``mal-md`` Markdown card: the card format, read back through layzner's own card reader."""

from __future__ import annotations

import hashlib
import re
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest

import layzner
import layzner_mal
from layzner import (
    Credit,
    DateRange,
    Episodes,
    Link,
    Series,
    Song,
    SourceDocument,
    Synopsis,
    Title,
)
from layzner._model import slugify
from layzner._readers import Reading
from layzner._readers.card import read_card

from .support.second_series import write_second_series
from .support.series import make_series

ROOT = Path(__file__).resolve().parents[1]
SEED_CARD = ROOT / "seeds" / "001_245de9df061e6d9f.txt"
REAL_CARDS = sorted((Path(__file__).parent / "data" / "real-cards").glob("*/card.md"))


def _exporter() -> layzner.Exporter:
    found: list[layzner.Exporter] = []
    layzner_mal.layzner_register_exporters(found.append)
    return next(e for e in found if e.name == "mal-md")


def _export(series: Series) -> str:
    exporter = _exporter()
    output = BytesIO()
    context = layzner.ExportContext(
        series=series, options=exporter.parse_options({}), output=output, version="0"
    )
    exporter.export(context)
    return output.getvalue().decode("utf-8")


def _source(name: str, text: str) -> SourceDocument:
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return SourceDocument(id=name, path=f"{name}.md", format="card", sha256=digest)


def _read(text: str, name: str = "exported") -> Reading:
    return read_card(text, _source(name, text))


def _series_from_reading(reading: Reading) -> Series:
    """Build the Series a card alone describes, the way reconciliation of one card would."""
    episodes = dict(s.value for s in reading.episodes)
    start = reading.start.value if reading.start else None
    end = reading.end.value if reading.end else None
    assert reading.title is not None
    return Series(
        id=slugify(reading.title.value),
        title=reading.title.value,
        titles=tuple(s.value for s in reading.titles),
        media_type=reading.media_type.value if reading.media_type else None,
        episodes=Episodes(**episodes),
        volumes=reading.volumes.value if reading.volumes else None,
        chapters=reading.chapters.value if reading.chapters else None,
        aired=DateRange(start, end),
        authors=tuple(s.value for s in reading.authors),
        tags=tuple(s.value for s in reading.tags),
        songs=tuple(s.value for s in reading.songs),
        rating=reading.rating.value if reading.rating else None,
        links=tuple(s.value for s in reading.links),
        image=reading.image.value if reading.image else None,
        synopses=(Synopsis(reading.synopsis.value, reading.source.id),) if reading.synopsis else (),
    )


def _paragraphs(text: str | None) -> list[str]:
    """Return *text*'s paragraphs with their inner whitespace collapsed, as the card carries them."""
    if not text:
        return []
    return [" ".join(p.split()) for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]


def _rating_code(rating: str | None) -> str | None:
    return None if rating is None else rating.split(" - ", 1)[0].strip()


def _song_facts(song: Song) -> tuple[Any, ...]:
    """Return what a card's song line carries: no composers, and a translation only beside a native title.

    The line writes ``"Title (native, translation)"``; with no native title,
    ``"Title (translation)"`` reads back as one title, which is what it says.
    """
    title, translated = song.title, song.translated_title
    if song.native_title is None and translated is not None:
        title, translated = f"{title} ({translated})", None
    return (
        song.kind,
        song.sequence,
        title,
        song.native_title,
        translated,
        song.artists,
        song.episodes,
    )


def _facts_of_series(series: Series) -> dict[str, Any]:
    """Return the facts of *series* that the card format carries."""
    # Written out here rather than taken from the exporter, so that a wrong
    # choice in the exporter cannot also be the expected value.
    native = next((t for t in series.titles if t.kind == "native"), None) or next(
        (t for t in series.titles if t.language == "ja"), None
    )
    kind = {"tv": "tv", "ova": "ova", "ona": "ona", "movie": "movie", "special": "special"}.get(
        (series.media_type or "").lower()
    )
    printed = (series.media_type or "").lower() in {"manga", "light novel", "manhwa", "novel"}
    return {
        "title": series.title,
        # A real card's C1 control (U+0090 before a native title) is not exported.
        "native": None if native is None else layzner.clean_text(native.text).strip(),
        "media_type": series.media_type,
        "episodes": None if printed or kind is None else getattr(series.episodes, kind),
        "volumes": series.volumes,
        "chapters": series.chapters,
        "start": series.aired.start,
        "end": series.aired.end,
        "songs": sorted(_song_facts(song) for song in series.songs),
        "rating": _rating_code(series.rating),
        "tags": list(series.tags),
        "authors": list(series.authors),
        "synopsis": _paragraphs(series.synopsis),
        "links": [(link.site, link.url) for link in series.links],
        "image": series.image,
    }


def _facts_of_reading(reading: Reading, media_type: str | None) -> dict[str, Any]:
    """Return the same facts as :func:`_facts_of_series`, as the card reader gives them back."""
    natives = [s.value.text for s in reading.titles if s.value.kind == "native"]
    kind = layzner_mal._facts.episode_kind(media_type)
    counts = dict(s.value for s in reading.episodes)
    return {
        "title": reading.title.value if reading.title else None,
        "native": natives[0] if natives else None,
        "media_type": reading.media_type.value if reading.media_type else None,
        "episodes": None if kind is None else counts.get(kind),
        "volumes": reading.volumes.value if reading.volumes else None,
        "chapters": reading.chapters.value if reading.chapters else None,
        "start": reading.start.value if reading.start else None,
        "end": reading.end.value if reading.end else None,
        "songs": sorted(_song_facts(stated.value) for stated in reading.songs),
        "rating": _rating_code(reading.rating.value if reading.rating else None),
        "tags": [s.value for s in reading.tags],
        "authors": [s.value for s in reading.authors],
        "synopsis": _paragraphs(reading.synopsis.value if reading.synopsis else None),
        "links": [(s.value.site, s.value.url) for s in reading.links],
        "image": reading.image.value if reading.image else None,
    }


def _seed_card_series() -> Series:
    """Return Layzner as the seed card alone describes it, read by the card reader."""
    text = SEED_CARD.read_text(encoding="utf-8")
    return _series_from_reading(read_card(text, _source(SEED_CARD.stem, text)))


@pytest.fixture(scope="module")
def second_series(tmp_path_factory: pytest.TempPathFactory) -> Series:
    """Load the second test series from its three hand-written documents."""
    directory = tmp_path_factory.mktemp("second-series")
    write_second_series(directory)
    return layzner.load(directory)


# The hand-built series, and the same as an OVA with a special: the card's
# type and episode count follow the media type.
_HAND_BUILT = {
    "hand-built": make_series,
    "hand-built-ova": lambda: make_series(media_type="OVA", episodes=Episodes(ova=6, special=1)),
}


@pytest.mark.parametrize("which", ["layzner", "second-series", *_HAND_BUILT])
def test_card_reads_back_as_the_same_facts(which: str, second_series: Series) -> None:
    """An exported card read back through the card reader gives the series' card facts."""
    series = {"layzner": layzner.load, "second-series": lambda: second_series, **_HAND_BUILT}[
        which
    ]()
    text = _export(series)
    reading = _read(text)
    assert reading.unparsed == []
    assert _facts_of_reading(reading, series.media_type) == _facts_of_series(series)


def test_second_series_card_is_written_in_the_card_format() -> None:
    """The card has the title, image, key bullets, tags, synopsis and links in the card's order."""
    text = _export(make_series(rating="R"))
    assert text == (
        "# Star Harbor Vesper\n"
        "\n"
        "![star-harbor-vesper](https://cdn.example.net/images/anime/3/777.jpg)\n"
        "\n"
        "-   **type**: tv-serie\n"
        "-   **episodes**: 26\n"
        "-   **original-name**: 星港のヴェスパー\n"
        "-   **start-date**: 1999-04-02\n"
        "-   **end-date**: 1999-09\n"
        '-   **opening-song**: #1: "Hoshi no Kaze (星の風, Wind of the Stars)"'
        " by Blue Harbor (eps 1-26)\n"
        '-   **opening-song**: #2: "Harbor Lights" by Blue Harbor, Aya Mori (eps 14-25, 26)\n'
        '-   **ending-song**: #1: "Yoru o Koete (夜を越えて)" by Aya Mori (eps 1-13)\n'
        '-   **ending-song**: #2: "Red Harbor" by Aya Mori (eps 14-26)\n'
        "-   **rating**: R - 17+ (violence & profanity)\n"
        "\n"
        "## Tags\n"
        "\n"
        "-   space\n"
        "-   mars\n"
        "\n"
        "## Sinopse\n"
        "\n"
        "A harbor on Mars.\n"
        "Its docks never sleep.\n"
        "\n"
        "A pilot who will not fight.\n"
        "\n"
        "火星の港は眠らない。\n"
        "\n"
        "## Links\n"
        "\n"
        "-   [Official Site](https://vesper.example.jp/)\n"
        "-   [Encyclopedia](http://encyclopedia.example.org/vesper?id=7&x=1)\n"
    )


def test_seed_card_exports_as_the_seed_card_says_it() -> None:
    """Layzner's seed card, read and exported, keeps every line but the song numbering."""
    seed = SEED_CARD.read_text(encoding="utf-8")
    exported = _export(_seed_card_series())
    # The exporter always numbers songs ("#1:"); the seed numbers only its ending.
    expected = seed.replace('**opening-song**: "', '**opening-song**: #1: "')
    assert exported == expected


@pytest.mark.parametrize("path", REAL_CARDS, ids=[p.parent.name for p in REAL_CARDS])
def test_real_card_survives_export_and_reading(path: Path) -> None:
    """Each real card, read, exported and read again, gives back the facts it carries."""
    text = path.read_text(encoding="utf-8")
    series = _series_from_reading(read_card(text, _source(path.parent.name, text)))
    reading = _read(_export(series))
    assert _facts_of_reading(reading, series.media_type) == _facts_of_series(series)


def test_print_work_writes_volumes_chapters_and_authors_not_episodes() -> None:
    """A manga card has volumes, chapters and an Authors section, and no episode count."""
    series = make_series(
        id="paper-moon-atlas",
        title="Paper Moon Atlas",
        media_type="Manga",
        volumes=9,
        chapters=74,
        authors=(Credit("Rie Tachibana", "Story & Art"),),
    )
    text = _export(series)
    assert "**episodes**" not in text
    assert "-   **type**: manga\n-   **volumes**: 9\n-   **chapters**: 74\n" in text
    assert "## Authors\n\n-   Rie Tachibana (Story & Art)\n" in text
    reading = _read(text)
    assert [s.value for s in reading.authors] == [Credit("Rie Tachibana", "Story & Art")]
    assert reading.media_type is not None
    assert reading.media_type.value == "Manga"


HOSTILE = "<script>alert(1)</script>"


def _hostile_series() -> Series:
    return make_series(
        id="hostile",
        title=f"Evil {HOSTILE} Title",
        titles=(Title(f"Evil {HOSTILE} Title", "en", "main"),),
        tags=(HOSTILE, "- nested list", "[x](javascript:alert(1))"),
        links=(
            Link("Bad", "javascript:alert(1)"),
            Link("Also bad", " JaVaScRiPt:alert(1)"),
            Link("Data", "data:text/html,<script>alert(1)</script>"),
            Link("Good", "https://example.org/a(b)"),
        ),
        image="javascript:alert(1)",
        synopses=(Synopsis(f"Line one {HOSTILE}\n## Links\n1. not a list\n<b>bold</b>", "x"),),
    )


def test_no_series_text_becomes_live_markup() -> None:
    """Markup in series text is escaped and unsafe URLs are dropped, so nothing in it is live."""
    text = _export(_hostile_series())
    # The one "javascript:" left is a tag's text, its bracket escaped.
    assert text.lower().count("javascript") == 1
    assert "-   [x\\](javascript:alert(1))\n" in text
    assert "data:" not in text
    # Every "<" is a character reference, and the only link ("](" unescaped) is the safe one.
    assert "<" not in text
    assert [line for line in text.splitlines() if re.search(r"(?<!\\)\]\(", line)] == [
        "-   [Good](https://example.org/a%28b%29)"
    ]
    assert "\n\\## Links\n" in text
    assert "# Evil &lt;script>alert(1)&lt;/script> Title\n" in text
    # The structure stays intact: one Links section, holding the safe link only.
    reading = _read(text)
    assert [s.value.url for s in reading.links] == ["https://example.org/a%28b%29"]
    assert reading.image is None
    assert len(reading.tags) == 3
    assert reading.unparsed == []
    assert reading.title is not None
    assert reading.title.value == f"Evil {HOSTILE} Title"


@pytest.mark.parametrize("extensions", [[], ["extra"]])
def test_python_markdown_renders_no_markup_from_series_text(extensions: list[str]) -> None:
    """A second Markdown dialect (Python-Markdown) also renders the hostile card as text."""
    import markdown

    html = markdown.markdown(_export(_hostile_series()), extensions=extensions)
    assert "<script" not in html.lower()
    assert "<b>" not in html
    assert "javascript:" not in re.findall(r'href="([^"]*)"', html.lower())
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_export_through_the_registry_matches_the_exporter() -> None:
    """``layzner.export(series, "mal-md")`` finds the plugin by entry point and writes the same card."""
    series = make_series()
    assert layzner.export(series, "mal-md") == _export(series).encode("utf-8")


def test_two_exports_are_byte_identical() -> None:
    """The same series gives the same bytes every time."""
    assert _export(make_series()) == _export(make_series())
