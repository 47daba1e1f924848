"""The article reader finds facts in one lowercase line by cue words and known names."""

from __future__ import annotations

import pytest

from layzner import Character, Company, Credit, Song, SourceDocument, Title
from layzner._readers import Reading, Stated
from layzner._readers._lexicon import Lexicon
from layzner._readers.article import looks_like_article, read_article

SOURCE = SourceDocument("a", "article.txt", "article", "")
FILLER = "story follows crew ship lost deep space years war ended long ago"


def _lexicon(*names: str, songs: tuple[Song, ...] = ()) -> Lexicon:
    """Build a lexicon as if a cased document had stated *names* as staff and *songs*."""
    cased = Reading(source=SourceDocument("c", "card.md", "card", ""))
    evidence = cased.at_line(1, "")
    cased.staff.extend(Stated(Credit(name, "Staff"), evidence) for name in names)
    cased.songs.extend(Stated(song, evidence) for song in songs)
    cased.titles.append(Stated(Title("Iron Lantern", "en", "official"), evidence))
    return Lexicon.from_readings([cased])


def _read(text: str, lexicon: Lexicon | None = None) -> Reading:
    return read_article(text, SOURCE, lexicon)


def test_creators_stop_at_the_first_common_word() -> None:
    """Two unknown names after ``created`` are read, and an ordinary word ends the list; the latter directed."""
    text = (
        f"iron lantern 鉄の灯 anime originally created mika oda ren ito latter directing {FILLER}"
    )
    reading = _read(text, _lexicon())
    assert [s.value for s in reading.staff] == [
        Credit("Mika Oda", "Original Creator"),
        Credit("Ren Ito", "Original Creator"),
        Credit("Ren Ito", "Director"),
    ]
    offset = reading.staff[0].evidence.offset
    assert offset is not None
    assert text[offset:].startswith("mika oda")


def test_a_known_name_takes_its_written_form_and_keeps_the_variant() -> None:
    """``ryōsuke`` in the article is the cased document's ``Ryousuke``; the macron spelling is an alias."""
    text = f"iron lantern 鉄の灯 anime created ryōsuke kimura latter {FILLER}"
    reading = _read(text, _lexicon("Ryousuke Kimura"))
    assert [s.value for s in reading.staff] == [
        Credit("Ryousuke Kimura", "Original Creator", ("Ryōsuke Kimura",))
    ]


def test_created_followed_by_an_organisation_is_no_creator() -> None:
    """``program created united nations`` names no person: a lone unknown word is not a creator."""
    reading = _read(f"iron lantern 鉄の灯 exchange program created united nations {FILLER}")
    assert reading.staff == []


def test_songs_take_composer_performer_and_sequence() -> None:
    """Each ``composed ... performed ...`` span is a song of the kind and number before it."""
    text = (
        f"iron lantern 鉄の灯 {FILLER} first ed song episodes kaze yume composed daichi mori "
        "performed yuna aoki second ed song episodes le petit prince little prince composed "
        "emi sakura performed yuna aoki mechanical designs done kunio summer came"
    )
    reading = _read(text, _lexicon())
    assert [s.value for s in reading.songs] == [
        Song("ending", 1, "Kaze Yume", artists=("Yuna Aoki",), composers=("Daichi Mori",)),
        Song(
            "ending",
            2,
            "Le Petit Prince",
            translated_title="Little Prince",
            artists=("Yuna Aoki",),
            composers=("Emi Sakura",),
        ),
    ]
    # "kunio summer": the designer's family name is not in the text.
    assert [s.value for s in reading.staff] == [Credit("Kunio", "Mechanical Design")]


def test_an_unknown_title_is_not_split_without_evidence() -> None:
    """Without a word shared with its rendering, a title keeps every word: nothing is guessed."""
    text = (
        f"iron lantern 鉄の灯 {FILLER} second ed song episodes la nuit blanche white night "
        "composed emi sakura performed yuna aoki"
    )
    (song,) = [s.value for s in _read(text, _lexicon()).songs]
    assert (song.title, song.translated_title) == ("La Nuit Blanche White Night", None)


def test_a_song_the_card_knows_keeps_the_cards_title() -> None:
    """A song matching a known title takes the known spelling and its sequence."""
    known = Song("opening", 1, "Hoshi no Michi", artists=("Yuna Aoki",))
    text = f"iron lantern 鉄の灯 {FILLER} op hoshi michi road stars composed daichi mori performed yuna aoki"
    reading = _read(text, _lexicon("Yuna Aoki", songs=(known,)))
    (song,) = [s.value for s in reading.songs]
    assert song == Song(
        "opening", 1, "Hoshi no Michi", artists=("Yuna Aoki",), composers=("Daichi Mori",)
    )


def test_licensors_and_games() -> None:
    """A company before ``announced plans release`` licenses; a repeated phrase by game words is a game."""
    text = (
        f"iron lantern 鉄の灯 {FILLER} summer northwind pictures announced plans release series "
        "west series appears star rally playstation later star rally ds"
    )
    reading = _read(text, _lexicon())
    assert [s.value for s in reading.companies] == [Company("Northwind Pictures", ("licensor",))]
    assert [s.value for s in reading.games] == ["Star Rally"]


def test_titles_from_the_lead() -> None:
    """The words before the native title are its headline; ``sometimes translated`` adds a synonym."""
    text = f"iron lantern 鉄の灯 tetsu hi sometimes translated blazing iron lantern anime {FILLER}"
    reading = _read(text, _lexicon())
    assert reading.title is not None
    assert reading.title.value == "Iron Lantern"
    assert [s.value for s in reading.titles] == [
        Title("鉄の灯", "ja", "native"),
        Title("Blazing Iron Lantern", "en", "synonym"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (f"iron lantern anime {FILLER} {FILLER}", True),
        (f"Iron lantern anime {FILLER} {FILLER}", False),
        (f"iron lantern anime {FILLER}.", False),
        (f"iron lantern {FILLER}\nsecond line {FILLER}", False),
        ("too short to be an article", False),
        (f"iron lantern aired {FILLER} 1985", False),
    ],
)
def test_detection(text: str, expected: bool) -> None:
    """An article is one long lowercase line without punctuation or digits."""
    assert looks_like_article(text) is expected


def test_a_licensor_after_licensed_and_its_region() -> None:
    """``licensed north america streamline pictures`` names the licensor after the region."""
    text = (
        f"iron lantern 鉄の灯 {FILLER} series licensed north america streamline pictures released"
    )
    reading = _read(text, _lexicon())
    assert [s.value for s in reading.companies] == [Company("Streamline Pictures", ("licensor",))]


def test_a_company_name_cut_to_its_suffix_is_not_taken() -> None:
    """When common words hide a company's name, no fragment such as ``Media`` is taken."""
    text = f"iron lantern 鉄の灯 {FILLER} central park media acquired rights release series"
    assert _read(text, _lexicon()).companies == []


def test_original_story_names_the_creators() -> None:
    """``original story`` is a creator cue like ``created``."""
    text = f"iron lantern 鉄の灯 {FILLER} original story haruka mori kenji sato latter directing"
    assert [s.value for s in _read(text, _lexicon()).staff] == [
        Credit("Haruka Mori", "Original Creator"),
        Credit("Kenji Sato", "Original Creator"),
        Credit("Kenji Sato", "Director"),
    ]


def test_also_called_gives_a_synonym() -> None:
    """``also called`` introduces another title, up to its last known title word."""
    text = f"iron lantern 鉄の灯 also called lamp iron lantern {FILLER}"
    reading = _read(text, _lexicon())
    assert Title("Lamp Iron Lantern", "en", "synonym") in [s.value for s in reading.titles]


def test_overlapping_repeated_phrases_make_one_game() -> None:
    """A long game title repeated in the article is one game, not its overlapping pieces."""
    text = (
        f"iron lantern 鉄の灯 {FILLER} series appears comet raiders delta zero playstation "
        "iron lantern playable also appears comet raiders delta zero"
    )
    assert [s.value for s in _read(text, _lexicon()).games] == ["Comet Raiders Delta Zero"]


@pytest.mark.parametrize(
    "credits",
    [
        "composed daichi mori performed yuna aoki",
        "performed yuna aoki composed daichi mori",
        "written composed daichi mori performed yuna aoki",
        "composed arranged daichi mori sung yuna aoki",
        "lyrics emi sakura composed daichi mori performed yuna aoki",
    ],
)
def test_song_credits_read_in_any_order(credits: str) -> None:
    """Composer and performer are found whatever order and extra credits the sentence has."""
    text = f"iron lantern 鉄の灯 {FILLER} opening theme kaze yume {credits} story"
    (song,) = [s.value for s in _read(text, _lexicon()).songs]
    assert (song.title, song.composers, song.artists) == (
        "Kaze Yume",
        ("Daichi Mori",),
        ("Yuna Aoki",),
    )


@pytest.mark.parametrize(
    ("sentence", "licensor"),
    [
        ("northwind media licensed series", "Northwind Media"),
        ("series licensed north american release sentai filmworks", "Sentai Filmworks"),
        ("series licensed north america central park media", "Central Park Media"),
        ("aired tbs discotek media licensed series", "Discotek Media"),
    ],
)
def test_licensors_in_active_and_passive_sentences(sentence: str, licensor: str) -> None:
    """The licensor is read before an active ``licensed`` and after a passive one."""
    text = f"iron lantern 鉄の灯 {FILLER} {sentence} story"
    companies = [s.value for s in _read(text, _lexicon()).companies]
    assert [c.name for c in companies if "licensor" in c.roles] == [licensor]


def test_a_second_designer_needs_a_full_name_and_companies_are_no_designers() -> None:
    """Two designers are read; a company or a lone word after them is not a third."""
    text = (
        f"iron lantern 鉄の灯 {FILLER} mechanical designs done shoji kawamori kazutaka miyatake "
        "discotek media licensed series"
    )
    reading = _read(text, _lexicon())
    assert [s.value.person for s in reading.staff] == ["Shoji Kawamori", "Kazutaka Miyatake"]
    assert [s.value.name for s in reading.companies] == ["Discotek Media"]


def test_a_creator_whose_given_name_is_a_common_word() -> None:
    """``created go nagai`` reads "Go Nagai" when a known name follows in the list."""
    text = f"iron lantern 鉄の灯 {FILLER} created go nagai toshihiro hirano latter"
    reading = _read(text, _lexicon("Toshihiro Hirano"))
    assert [s.value.person for s in reading.staff] == ["Go Nagai", "Toshihiro Hirano"]


def test_known_characters_are_not_games() -> None:
    """A character the other documents name is not a game because it sits among games."""
    cased = Reading(source=SourceDocument("c", "card.md", "card", ""))
    cased.characters.append(Stated(Character("Sho Amagiri"), cased.at_line(1, "")))
    lexicon = Lexicon.from_readings([cased])
    text = (
        f"iron lantern 鉄の灯 {FILLER} video games sho amagiri playable playstation "
        "later sho amagiri playable units"
    )
    assert _read(text, lexicon).games == []
