"""Song lines (``_readers/_songs.py``): real lines parsed by hand, refused lines, and cards that hold them."""

from __future__ import annotations

from pathlib import Path

import pytest

import layzner
from layzner import EpisodeSpan, PartialDate, Song, SourceFormatError
from layzner._readers._songs import parse_song

from .support.cards import REAL_CARDS, read_card_file, read_card_lines

_RUN = 20_000  # long enough that a quadratic pattern would take minutes

# --- song lines from real cards ---------------------------------------------

_SONG_CASES: list[tuple[str, str, Song]] = [
    (
        "ending",
        '"Poplar Douri no Ie\'" (ポプラ通りの家) by Peek-A-Boo',
        Song(
            kind="ending",
            sequence=7,
            title="Poplar Douri no Ie'",
            native_title="ポプラ通りの家",
            artists=("Peek-A-Boo",),
        ),
    ),
    (
        "ending",
        '#1: "キライになれない (Kirai ni Narenai)" by Ayumi Nakamura (eps 1-22)',
        Song(
            kind="ending",
            sequence=1,
            title="Kirai ni Narenai",
            native_title="キライになれない",
            artists=("Ayumi Nakamura",),
            episodes=(EpisodeSpan(1, 22),),
        ),
    ),
    (
        "opening",
        '#01: "Paradox (パラドクス)" by Ayaka Suwa as Tokaku Azuma (ep 1)',
        Song(
            kind="opening",
            sequence=1,
            title="Paradox",
            native_title="パラドクス",
            artists=("Ayaka Suwa as Tokaku Azuma",),
            episodes=(EpisodeSpan(1, 1),),
        ),
    ),
    (
        "ending",
        '#1: "Hachimitsu Doki (ハチミツ時間)" by Lucy Yamagami (CV: Ai Kayano) (eps 1-4, BD 13)',
        Song(
            kind="ending",
            sequence=1,
            title="Hachimitsu Doki",
            native_title="ハチミツ時間",
            artists=("Lucy Yamagami (CV: Ai Kayano)",),
            episodes=(EpisodeSpan(1, 4),),
        ),
    ),
    (
        "opening",
        '"Be star" by Hibiki Tenshou (Yoko Hikasa ) from BEST FRIENDS (eps 1-)',
        Song(
            kind="opening",
            sequence=7,
            title="Be star",
            artists=("Hibiki Tenshou (Yoko Hikasa ) from BEST FRIENDS",),
            episodes=(EpisodeSpan(1, None),),
        ),
    ),
    (
        "ending",
        '#1: "Nanananananana (ナナナナナナナ)" by YouthK Saeki (eps 1-25, 27-??)',
        Song(
            kind="ending",
            sequence=1,
            title="Nanananananana",
            native_title="ナナナナナナナ",
            artists=("YouthK Saeki",),
            episodes=(EpisodeSpan(1, 25), EpisodeSpan(27, None)),
        ),
    ),
    (
        "ending",
        '#1: "Kaze Sagashi (風さがし)" by Natsumi Kiyoura (eps 01-11, 13)',
        Song(
            kind="ending",
            sequence=1,
            title="Kaze Sagashi",
            native_title="風さがし",
            artists=("Natsumi Kiyoura",),
            episodes=(EpisodeSpan(1, 11), EpisodeSpan(13, 13)),
        ),
    ),
    (
        "ending",
        '"My beloved friend (なつかしき友よ)" by Yamamoto Koutaro (山本コウタロー)',
        Song(
            kind="ending",
            sequence=7,
            title="My beloved friend",
            native_title="なつかしき友よ",
            artists=("Yamamoto Koutaro",),
        ),
    ),
    (
        "opening",
        '"Smile☆Peace (スマイル ☆ ピース)" by Kanae Ito, Haruka Tomatsu, and Kana Hanazawa',
        Song(
            kind="opening",
            sequence=7,
            title="Smile☆Peace",
            native_title="スマイル ☆ ピース",
            artists=("Kanae Ito", "Haruka Tomatsu", "Kana Hanazawa"),
        ),
    ),
    (
        "opening",
        '"Rock River e (ロックリバーへ)" by Columbia Yurikago Kai, Kumiko Oosugi, '
        "St. Mary's Children's Chorus",
        Song(
            kind="opening",
            sequence=7,
            title="Rock River e",
            native_title="ロックリバーへ",
            artists=("Columbia Yurikago Kai", "Kumiko Oosugi", "St. Mary's Children's Chorus"),
        ),
    ),
    (
        "opening",
        '#1: "Let\'s Beyblade" by Sick Kid featuring Lukas Rossi',
        Song(
            kind="opening",
            sequence=1,
            title="Let's Beyblade",
            artists=("Sick Kid featuring Lukas Rossi",),
        ),
    ),
    (
        "opening",
        '"Black★Rock Shooter (ブラック ★ ロックシューター)" by supercell feat. Hatsune Miku',
        Song(
            kind="opening",
            sequence=7,
            title="Black★Rock Shooter",
            native_title="ブラック ★ ロックシューター",
            artists=("supercell feat. Hatsune Miku",),
        ),
    ),
    (
        "opening",
        '"Ugoku, Ugoku (動く、動く)" by Chito (Inori Minase) & Yuuri (Yurika Kubo)',
        Song(
            kind="opening",
            sequence=7,
            title="Ugoku, Ugoku",
            native_title="動く、動く",
            artists=("Chito (Inori Minase) & Yuuri (Yurika Kubo)",),
        ),
    ),
    (
        "ending",
        '#1: "Fuyu no Lion (冬のライオン; Lion of Winter)" by Hiroyuki Okita (eps 1-49)',
        Song(
            kind="ending",
            sequence=1,
            title="Fuyu no Lion",
            native_title="冬のライオン",
            translated_title="Lion of Winter",
            artists=("Hiroyuki Okita",),
            episodes=(EpisodeSpan(1, 49),),
        ),
    ),
    (
        "ending",
        '"Hizamazuite Ashi o Oname (跪いて足をお嘗め/Kneel down and Lick my Feet)" by ALI PROJECT',
        Song(
            kind="ending",
            sequence=7,
            title="Hizamazuite Ashi o Oname",
            native_title="跪いて足をお嘗め",
            translated_title="Kneel down and Lick my Feet",
            artists=("ALI PROJECT",),
        ),
    ),
    (
        "opening",
        '#1: "サイクロン" ("Cyclone") by 12012 (eps 1-14)',
        Song(
            kind="opening",
            sequence=1,
            title="Cyclone",
            native_title="サイクロン",
            artists=("12012",),
            episodes=(EpisodeSpan(1, 14),),
        ),
    ),
    (
        "opening",
        '#1: "Onegai Rosie (Rilu Rilu Fairilu Ver.) (お願いロジー (リルリルフェアリル Ver.))" '
        'by Q-pitch "(eps 1-26)"',
        Song(
            kind="opening",
            sequence=1,
            title="Onegai Rosie (Rilu Rilu Fairilu Ver.)",
            native_title="お願いロジー (リルリルフェアリル Ver.)",
            artists=("Q-pitch",),
            episodes=(EpisodeSpan(1, 26),),
        ),
    ),
    (
        "ending",
        "#1: \"Step'' by Beni Arashiro (eps 1-16)",
        Song(
            kind="ending",
            sequence=1,
            title="Step",
            artists=("Beni Arashiro",),
            episodes=(EpisodeSpan(1, 16),),
        ),
    ),
    (
        "ending",
        "''Hoshi wo Motomete (星を求めて)'' by Yuuki Aira",
        Song(
            kind="ending",
            sequence=7,
            title="Hoshi wo Motomete",
            native_title="星を求めて",
            artists=("Yuuki Aira",),
        ),
    ),
    (
        "ending",
        '"Hihamukage" (日蝕む翳) - Toshio Masuda',
        Song(
            kind="ending",
            sequence=7,
            title="Hihamukage",
            native_title="日蝕む翳",
            artists=("Toshio Masuda",),
        ),
    ),
    (
        "opening",
        '"I Wanna Do More" Ami Ozaki',
        Song(kind="opening", sequence=7, title="I Wanna Do More", artists=("Ami Ozaki",)),
    ),
    (
        "ending",
        '"Theme Song of 009-1 (Closing Mix)" by ???',
        Song(kind="ending", sequence=7, title="Theme Song of 009-1 (Closing Mix)"),
    ),
    (
        "opening",
        '"POPPY PAPPY DAY" by',
        Song(kind="opening", sequence=7, title="POPPY PAPPY DAY"),
    ),
    (
        "opening",
        '"C"LR"OWN" by Toshiyuki Toyonaga',
        Song(kind="opening", sequence=7, title='C"LR"OWN', artists=("Toshiyuki Toyonaga",)),
    ),
    (
        "opening",
        '“Chiisana Hibi (ちいさな日々)" by flumpool (eps 1-12)',
        Song(
            kind="opening",
            sequence=7,
            title="Chiisana Hibi",
            native_title="ちいさな日々",
            artists=("flumpool",),
            episodes=(EpisodeSpan(1, 12),),
        ),
    ),
    (
        "opening",
        '#1:"Natsu no mirage" by Kanako Wada (eps 1- 19)',
        Song(
            kind="opening",
            sequence=1,
            title="Natsu no mirage",
            artists=("Kanako Wada",),
            episodes=(EpisodeSpan(1, 19),),
        ),
    ),
    (
        "opening",
        '"Красно Солнце (Krasno Solntse)" by Origa',
        Song(
            kind="opening",
            sequence=7,
            title="Krasno Solntse",
            native_title="Красно Солнце",
            artists=("Origa",),
        ),
    ),
    (
        "ending",
        '"Dong Liu (東流)" by Fei Cun Ke Bei (緋村柯北) and BossGrey (灰老闆)',
        Song(
            kind="ending",
            sequence=7,
            title="Dong Liu",
            native_title="東流",
            artists=("Fei Cun Ke Bei", "BossGrey"),
        ),
    ),
    (
        "opening",
        '#1: "Ray of bullet" by Iris Freyja (Rina Hidaka) & Mitsuki Mononobe (Manami Numakura) '
        "(ep1-11)",
        Song(
            kind="opening",
            sequence=1,
            title="Ray of bullet",
            artists=("Iris Freyja (Rina Hidaka) & Mitsuki Mononobe (Manami Numakura)",),
            episodes=(EpisodeSpan(1, 11),),
        ),
    ),
]


@pytest.mark.parametrize(("kind", "text", "expected"), _SONG_CASES, ids=lambda v: str(v)[:40])
def test_real_song_lines_parse(kind: str, text: str, expected: Song) -> None:
    """A real song line gives the title, native title, artists and episodes written by hand."""
    assert parse_song(kind, text, 7) == expected


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "no quoted title"),
        ("   ", "no quoted title"),
        ("Kung Fu Boy by Saori Yagi", "no quoted title"),
        ("#2: by Someone", "no quoted title"),
        ('#1: "" by Someone', "the quoted title is empty"),
        # Real lines: a title without quotes and no native parenthesis, and a
        # label between the number and the title.
        ("Yell by Kawasumi Ayako", "no quoted title"),
        ("Ordinary Sunday (Futsuu no nichiyoubi ni) by Kikuta Tomohiko", "no quoted title"),
        ('#1A: "Fuusen Hikou" by Aya Uchida & Yuka Ozaki (ep 1)', "text before the quoted title"),
    ],
)
def test_a_value_whose_title_cannot_be_delimited_is_refused(text: str, reason: str) -> None:
    """A song value whose title has no clear end raises ValueError with a short reason."""
    with pytest.raises(ValueError, match=f"^{reason}$"):
        parse_song("opening", text, 1)


def test_real_song_lines_all_parse() -> None:
    """Every opening and ending line on the 1,300 real cards is a song with a title."""
    count = 0
    for path in REAL_CARDS:
        for song in read_card_file(path).songs:
            count += 1
            assert song.value.title.strip(), song.evidence
            assert song.value.kind in {"opening", "ending"}
    assert count == 835


def test_songs_without_a_number_count_in_order_of_their_kind() -> None:
    """Unnumbered songs take their place among songs of the same kind; #N wins when written."""
    reading = read_card_lines(
        "# A Show",
        '-   **ending-song**: "First" by A',
        '-   **opening-song**: "Only" by B',
        '-   **ending-song**: "Second" by C',
        '-   **ending-song**: #5: "Fifth" by D',
    )
    assert [(s.value.kind, s.value.sequence, s.value.title) for s in reading.songs] == [
        ("ending", 1, "First"),
        ("opening", 1, "Only"),
        ("ending", 2, "Second"),
        ("ending", 5, "Fifth"),
    ]


# --- lines real cards were refused for, or lost --------------------------------

# Exact copies of song lines that made whole real cards fail to load.
_REAL_REFUSED_SONGS: list[tuple[str, Song]] = [
    (
        "Sayonara no Okurimono (さよならの贈り物) by Bread & Butter",
        Song("opening", 1, "Sayonara no Okurimono", "さよならの贈り物", ("Bread & Butter",)),
    ),
    (
        '#01. "Sakura Uta (桜唄)" by Rythem (eps ...)',
        Song("opening", 1, "Sakura Uta", "桜唄", ("Rythem",)),
    ),
    (
        "Suite 'Blood and Guts' by Shiro Sagisu",
        Song("opening", 1, "Suite 'Blood and Guts'", None, ("Shiro Sagisu",)),
    ),
    ('HEAVEN" by GRANRODEO', Song("opening", 1, "HEAVEN", None, ("GRANRODEO",))),
    (
        "Tarou no Yuusha, Tetsujin 28-gou (太陽の使者・鉄人 28 号) - Gimmick",
        Song(
            "opening", 1, "Tarou no Yuusha, Tetsujin 28-gou", "太陽の使者・鉄人 28 号", ("Gimmick",)
        ),
    ),
    (
        '1. "Marionette" by ROLLY and Zetsubou Girls (Ep. 1)',
        Song("opening", 1, "Marionette", None, ("ROLLY", "Zetsubou Girls"), (EpisodeSpan(1, 1),)),
    ),
]


def _card_around(line: str) -> str:
    return "\n".join(
        [
            "# Kaze no Tabibito",
            "",
            "-   **type**: tv-serie",
            "-   **start-date**: 1990-04-05",
            line,
            "",
            "## Tags",
            "",
            "-   adventure",
            "",
        ]
    )


@pytest.mark.parametrize(("value", "song"), _REAL_REFUSED_SONGS, ids=lambda v: str(v)[:24])
def test_a_real_song_line_once_refused_is_read_honestly(
    value: str, song: Song, tmp_path: Path
) -> None:
    """Unquoted, numbered and single-quoted titles of real cards are songs; the card loads whole."""
    path = tmp_path / "card.md"
    path.write_text(_card_around(f"-   **opening-song**: {value}"), encoding="utf-8")
    for strict in (False, True):
        series = layzner.load(path, strict=strict)
        assert series.songs == (song,)
        assert series.unparsed == ()
        assert (series.title, series.aired.start, series.tags) == (
            "Kaze no Tabibito",
            PartialDate(1990, 4, 5),
            ("adventure",),
        )
        assert [e.line for e in series.provenance("songs[opening-1]")] == [5]


def test_a_none_song_is_recorded_never_a_song(tmp_path: Path) -> None:
    """``opening-song: None`` (a real line) is an unparsed placeholder, and the rest loads."""
    path = tmp_path / "card.md"
    path.write_text(_card_around("-   **opening-song**: None"), encoding="utf-8")
    series = layzner.load(path, strict=True)
    assert series.songs == ()
    assert [(u.line, u.reason) for u in series.unparsed] == [
        (5, "opening-song: 'None' is a placeholder, no value")
    ]
    assert series.aired.start == PartialDate(1990, 4, 5)


def test_an_unreadable_song_costs_its_line_only(tmp_path: Path) -> None:
    """A real song line without a delimitable title is unparsed with its reason; strict refuses it."""
    path = tmp_path / "card.md"
    path.write_text(_card_around("-   **opening-song**: Yell by Kawasumi Ayako"), encoding="utf-8")
    series = layzner.load(path)
    assert [(u.line, u.reason) for u in series.unparsed] == [(5, "opening-song: no quoted title")]
    assert series.tags == ("adventure",)
    with pytest.raises(SourceFormatError, match="opening-song: no quoted title") as caught:
        layzner.load(path, strict=True)
    assert caught.value.line == 5


# --- long runs of spaces and quotes ---------------------------------------------


@pytest.mark.parametrize(
    ("text", "title", "artists"),
    [
        ('"T" ' + " " * _RUN + "x", "T", ("x",)),
        ('"T" by A' + " " * _RUN + "x", "T", ("A" + " " * _RUN + "x",)),
        ('"T' + '"' * _RUN + ' (x)" by A', "T (x)", ("A",)),
        ("T" + " " * _RUN + "(テ) by A", "T", ("A",)),
    ],
    ids=["spaces-before-artist", "spaces-in-artist", "quotes-before-paren", "spaces-before-native"],
)
def test_song_lines_with_long_runs_read_in_one_pass(
    text: str, title: str, artists: tuple[str, ...]
) -> None:
    """Song lines with long runs of spaces or quotes give their title and artists."""
    song = parse_song("opening", text, 1)
    assert (song.title, song.artists) == (title, artists)
