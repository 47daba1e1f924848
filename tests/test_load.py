"""The bundled seeds load into the Series the documents describe, field by field.

Expected values here were read off the three seed files by hand (see
``seeds/``): the profile page (000_...), the Markdown card (001_...) and the
flattened encyclopedia article (002_...).
"""

from __future__ import annotations

from pathlib import Path

import pytest

import layzner
from layzner import (
    Character,
    Company,
    Credit,
    DateRange,
    Episodes,
    EpisodeSpan,
    Link,
    PartialDate,
    Title,
)

from .support.accounting import unaccounted_lines

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
PROFILE = "000_767adc7def4acde8"
CARD = "001_245de9df061e6d9f"
ARTICLE = "002_577a629f5a29ece7"


@pytest.fixture(scope="module")
def series() -> layzner.Series:
    """Load the seed directory of the repository (not the cached bundled copy)."""
    return layzner.load(SEEDS)


# The sha256 of each shared seed document, taken from ../shared/seeds when
# the seeds were copied, so the check also runs where ../shared is absent.
SHARED_SEED_DIGESTS = {
    "000_767adc7def4acde8.txt": "3d64285a35c886a097e6b327d7c5740c8de724842f8904b094ca3c459980740b",
    "001_245de9df061e6d9f.txt": "37c80f0dbe849eb2188eef33ef98e5798da9c4177d5d3732e0da0c4b8da95a8c",
    "002_577a629f5a29ece7.txt": "134145d3ad5783740072cedb7751f1539b66f8286310bad44c683c60eeba0ea7",
}


def test_seeds_are_the_shared_documents_byte_for_byte() -> None:
    """The repository's seeds are the shared seed documents, unmodified."""
    import hashlib

    assert sorted(p.name for p in SEEDS.iterdir()) == sorted(SHARED_SEED_DIGESTS)
    for name, digest in SHARED_SEED_DIGESTS.items():
        assert hashlib.sha256((SEEDS / name).read_bytes()).hexdigest() == digest
    shared = ROOT.parent / "shared" / "seeds"
    # Where ../shared sits beside the checkout (as in CI), compare the bytes too.
    for original in shared.glob("*") if shared.is_dir() else ():
        assert (SEEDS / original.name).read_bytes() == original.read_bytes()


def test_identity(series: layzner.Series) -> None:
    """The series is named by the profile's English title, and its id is that title's slug."""
    assert series.title == "Blue Comet SPT Layzner"
    assert series.id == "blue-comet-spt-layzner"


def test_titles(series: layzner.Series) -> None:
    """Every distinct title is kept once, with language and kind; variant spellings are synonyms."""
    assert series.titles == (
        Title("Blue Comet SPT Layzner", "en", "main"),
        Title("SPT Layzner", "en", "synonym"),
        Title("Aoki Ryuusei SPT Layzner", "ja-Latn", "official"),
        # The profile spells the romanisation without the long vowel.
        Title("Aoki Ryusei SPT Layzner", "ja-Latn", "synonym"),
        Title("蒼き流星 SPT レイズナー", "ja", "native"),
        # Only the article gives this translation.
        Title("Blue Meteor SPT Layzner", "en", "synonym"),
    )


def test_media_type_and_episodes(series: layzner.Series) -> None:
    """The card's type and the profile's per-kind counts are both carried."""
    assert series.media_type == "TV"
    assert series.episodes == Episodes(tv=38, ova=3)
    assert series.episodes.total == 41


def test_aired(series: layzner.Series) -> None:
    """The series ran from 1985-10-03 to 1986-06-26, as the profile says."""
    assert series.aired == DateRange(PartialDate(1985, 10, 3), PartialDate(1986, 6, 26))


def test_end_date_copied_from_start_is_rejected_with_a_conflict(series: layzner.Series) -> None:
    """The card's end date (a copy of the start date) is rejected, and the Conflict says why."""
    (conflict,) = [c for c in series.conflicts if c.field == "aired.end"]
    assert conflict.chosen == "1986-06-26"
    rejected = conflict.candidates[0]
    assert rejected.value == "1985-10-03"
    assert [(e.source, e.line) for e in rejected.evidence] == [(CARD, 9)]
    assert rejected.evidence[0].text == "-   **end-date**: 1985-10-03"
    assert CARD in conflict.reason
    assert "start date" in conflict.reason
    assert [(e.source, e.line) for e in series.provenance("aired.end")] == [(PROFILE, 7)]


def test_mojibake_title_is_never_a_value(series: layzner.Series) -> None:
    """The profile's corrupted Japanese title is nowhere in the titles; a Conflict records it."""
    corrupted = "θ'Όγζ΅ζ˜Ÿγ€€οΌ³οΌ°οΌ΄γƒ¬γ‚€γ‚ΊγƒŠγƒΌ"
    assert all(corrupted not in t.text for t in series.titles)
    (conflict,) = [c for c in series.conflicts if c.field == "titles.ja"]
    assert conflict.candidates[0].value == corrupted
    assert [(e.source, e.line) for e in conflict.candidates[0].evidence] == [(PROFILE, 5)]
    assert conflict.chosen == "蒼き流星 SPT レイズナー"
    assert conflict.reason.startswith("mojibake")
    # Re-encoding the corrupted text the broken way must agree with the clean title;
    # the text is mostly Greek, so the code page named is Windows-1253.  The reason
    # says so in words, and shows the corrupted value escaped, never its glyphs.
    assert "decoded as Windows-1253 (Greek) by mistake" in conflict.reason
    assert "and those agree with '蒼き流星 SPT レイズナー'" in conflict.reason
    assert ascii(corrupted) in conflict.reason
    assert "\ufffd" not in conflict.reason
    assert not any(char in conflict.reason for char in corrupted if not char.isascii())
    sources = {e.source for e in series.provenance("titles.ja")}
    assert sources == {CARD, ARTICLE}


def test_companies(series: layzner.Series) -> None:
    """The profile's companies come first; the article adds the licensors the others lack."""
    assert series.companies == (
        Company("SUNRISE", ("studio",)),
        Company("Nippon TV", ("broadcaster",)),
        Company("Bandai Channel", ("distributor",)),
        Company("Bandai Entertainment", ("licensor",)),
        Company("Discotek Media", ("licensor",)),
    )
    # "produced sunrise" in the article supports the profile's studio.
    assert {e.source for e in series.provenance("companies[sunrise]")} == {PROFILE, ARTICLE}


def test_staff(series: layzner.Series) -> None:
    """Credits merge romanisation variants of one person and keep the variant as an alias."""
    assert series.staff == (
        Credit("Ryousuke Takahashi", "Chief Director", ("Ryōsuke Takahashi",)),
        Credit("Ryousuke Takahashi", "Original Creator", ("Ryōsuke Takahashi",)),
        Credit("Tetsuro Amino", "Director"),
        Credit("Takashi Imanishi", "Director"),
        Credit("Toshifumi Takizawa", "Director"),
        Credit("Yoshitaka Fujimoto", "Director"),
        Credit("Tsunehisa Itō", "Original Creator"),
        # "mech designs done kunio summer": the text supports the given name only.
        Credit("Kunio", "Mechanical Design"),
    )
    # Aliases take no part in a credit's equality: check them on their own.
    assert [c.aliases for c in series.staff] == [
        ("Ryōsuke Takahashi",),
        ("Ryōsuke Takahashi",),
        (),
        (),
        (),
        (),
        (),
        (),
    ]


def test_a_credit_equals_the_same_person_in_the_same_role() -> None:
    """``Credit(person, role)`` matches a credit whatever other spellings it records."""
    assert Credit("Ryousuke Takahashi", "Chief Director") == Credit(
        "Ryousuke Takahashi", "Chief Director", ("Ryōsuke Takahashi",)
    )
    assert Credit("Ryousuke Takahashi", "Chief Director") != Credit(
        "Ryousuke Takahashi", "Original Creator"
    )


def test_chief_director_evidence_spans_both_profile_rows(series: layzner.Series) -> None:
    """The lone director row and the detailed credits row are both evidence for one credit."""
    evidence = series.provenance("staff[ryousuke-takahashi:chief-director]")
    assert [(e.source, e.line) for e in evidence] == [(PROFILE, 10), (PROFILE, 9)]


def test_creators_come_from_the_article_with_offsets(series: layzner.Series) -> None:
    """The original creators are found in the article, each with its character offset."""
    text = (SEEDS / f"{ARTICLE}.txt").read_text(encoding="utf-8")
    evidence = series.provenance("staff[tsunehisa-ito:original-creator]")
    assert [(e.source, e.line) for e in evidence] == [(ARTICLE, None)]
    offset = evidence[0].offset
    assert offset is not None
    assert text[offset:].startswith("tsunehisa itō")


def test_characters_are_twenty_separate_people(series: layzner.Series) -> None:
    """The flattened two-column table gives 20 characters, never English/Japanese pairs."""
    assert len(series.characters) == 20
    names = [c.display_name for c in series.characters]
    assert "Admiral Gresco" in names
    assert "Gosterro" in names
    assert not any("|" in n for n in names)
    by_name = {c.name: c for c in series.characters}
    assert by_name["Gresco"] == Character("Gresco", (), "Admiral", False)
    assert by_name["Eiji Asuka"] == Character("Eiji Asuka", ("Albatro Null",))
    assert by_name["Julia Asuka"].aliases == ("Albatro Mill",)
    assert by_name["Ahmos Gale"].rank == "Lieutenant"
    assert by_name["Elizabeth Clabery"].rank == "Dr."
    # The profile's info rows name the two main characters.
    assert {c.name for c in series.characters if c.main} == {
        "Anna Stephanie",
        "Arthur Cummings Jr.",
    }
    # The list reads down the left column first: alphabetical order.
    assert [c.display_name for c in series.characters][:3] == [
        "Admiral Gresco",
        "Anna Stephanie",
        "Arthur Cummings Jr.",
    ]
    assert [(e.line) for e in series.provenance("characters[gosterro]")] == [20]


def test_songs(series: layzner.Series) -> None:
    """Songs merge the card's details with the article's composers and its second ending."""
    opening, ending, second_ending = series.songs
    assert opening == layzner.Song(
        kind="opening",
        sequence=1,
        title="Melos no You ni —Lonely Way—",
        native_title="メロスのように —LONELY WAY—",
        artists=("Airmail from Nagasaki",),
        composers=("Hideya Nakazaki",),
    )
    assert ending == layzner.Song(
        kind="ending",
        sequence=1,
        title="Go-Fun Dake no Wagamama",
        native_title="5 分だけのわがまま",
        translated_title="Just 5 Minutes of Selfishness",
        artists=("Seiko Tomizawa",),
        composers=("Hideya Nakazaki",),
        episodes=(EpisodeSpan(1, 25),),
    )
    # Only the article knows the second ending; its digits (the episodes) are gone.
    assert second_ending == layzner.Song(
        kind="ending",
        sequence=2,
        title="La Rose Rouge",
        translated_title="Red Rose",
        artists=("Seiko Tomizawa",),
        composers=("Tetsuji Hayashi",),
    )
    assert {e.source for e in series.provenance("songs[ending-1]")} == {CARD, ARTICLE}


def test_article_performer_disagreement_is_a_conflict(series: layzner.Series) -> None:
    """The article's extra performer for the first ending is recorded, not silently merged."""
    (conflict,) = [c for c in series.conflicts if c.field == "songs[ending-1].artists"]
    # The conflict's field is a provenance path: the card's line supports the choice.
    assert [(e.source, e.line) for e in series.provenance(conflict.field)] == [(CARD, 11)]
    assert conflict.chosen == "Seiko Tomizawa"
    assert [c.value for c in conflict.candidates] == [
        "Seiko Tomizawa",
        "Seiko Tomizawa, Airmail from Nagasaki",
    ]


def test_genres_tags_games(series: layzner.Series) -> None:
    """Genres come from the profile, tags from the card, games from the article."""
    assert series.genres == ("Action", "Drama", "Mecha", "Sci-Fi", "Military")
    assert series.tags == ("space", "mecha", "military", "sci-fi")
    assert series.games == (
        "Super Robot Wars J",
        "Super Robot Wars GC",
        "Shin Super Robot Wars",
        "Super Robot Wars",
        "Another Centurys Episode",
        "Harobots",
    )


def test_rating_links_image(series: layzner.Series) -> None:
    """The card's rating code, links (with site ids) and poster are carried."""
    assert series.rating == "PG-13"
    assert series.links[0] == Link(
        "My Anime list", "https://myanimelist.net/anime/3079/Aoki_Ryuusei_SPT_Layzner", "3079"
    )
    assert [link.id for link in series.links] == [
        "3079",
        None,
        "2154",
        "1161",
        "Blue_Comet_SPT_Layzner",
    ]
    assert series.image == "https://cdn.myanimelist.net/images/anime/1106/91083.jpg"


def test_synopses_are_all_kept_with_their_source(series: layzner.Series) -> None:
    """Every document's synopsis is kept; the card's is the best."""
    assert [s.source for s in series.synopses] == [CARD, PROFILE, ARTICLE]
    assert series.synopsis is not None
    assert series.synopsis.startswith("The story takes place in an alternate reality")
    assert series.synopses[1].text.startswith("From the creator of Armored Trooper Votoms")


def test_sources(series: layzner.Series) -> None:
    """Each document is a source with its detected format and the sha256 of its bytes."""
    import hashlib

    assert [(s.id, s.format) for s in series.sources] == [
        (PROFILE, "profile"),
        (CARD, "card"),
        (ARTICLE, "article"),
    ]
    for source in series.sources:
        digest = hashlib.sha256(Path(source.path).read_bytes()).hexdigest()
        assert source.sha256 == digest


def test_every_line_of_profile_and_card_is_used(series: layzner.Series) -> None:
    """No non-blank line of the seed profile or card is left unread."""
    assert series.unparsed == ()


def test_every_line_of_profile_and_card_is_cited(series: layzner.Series) -> None:
    """Each non-blank line of the seed profile and card outside structure and synopses is cited."""
    assert unaccounted_lines(series) == []


def test_strict_loading_gives_the_same_seed_series(series: layzner.Series) -> None:
    """The seeds have no unreadable line: strict loading gives the very same series."""
    assert layzner.load(SEEDS, strict=True) == series
    assert layzner.load(strict=True) == layzner.load()


def test_every_conflict_field_has_provenance(series: layzner.Series) -> None:
    """Each conflict names a field whose chosen value has evidence."""
    for conflict in series.conflicts:
        assert series.provenance(conflict.field), conflict.field


def test_provenance_of_a_list_field_gathers_its_items(series: layzner.Series) -> None:
    """Asking for ``characters`` returns every character's evidence, each line once."""
    lines = sorted({e.line for e in series.provenance("characters") if e.line})
    assert lines == [12, 13, *range(20, 30)]
    assert series.provenance("no-such-field") == ()


def test_provenance_of_a_list_field_follows_the_items_order(series: layzner.Series) -> None:
    """The evidence of ``games`` comes in the order of ``series.games``."""
    offsets = [e.offset for e in series.provenance("games")]
    assert offsets == sorted(offsets)  # the article names the games in this order
    firsts = [series.provenance(f"games[{layzner.slugify(g)}]")[0].offset for g in series.games]
    assert firsts == offsets


def test_bundled_load_is_cached_and_equal_to_the_repository_seeds(
    series: layzner.Series,
) -> None:
    """``load()`` parses the bundled seeds once and returns the same object afterwards."""
    first = layzner.load()
    assert layzner.load() is first
    assert first.title == series.title
    assert first.characters == series.characters


@pytest.mark.parametrize(
    ("names", "title", "native"),
    [
        ((PROFILE, ARTICLE), "Blue Comet SPT Layzner", "蒼き流星sptレイズナー"),
        ((CARD, ARTICLE), "Aoki Ryuusei SPT Layzner", "蒼き流星 SPT レイズナー"),
        ((PROFILE, CARD), "Blue Comet SPT Layzner", "蒼き流星 SPT レイズナー"),
    ],
)
def test_any_two_seeds_load_as_one_series(names: tuple[str, ...], title: str, native: str) -> None:
    """Two of the three documents are enough, the mojibake linking profile and article."""
    series = layzner.load([SEEDS / f"{name}.txt" for name in names])
    assert series.title == title
    assert [t.text for t in series.titles if t.language == "ja"] == [native]
