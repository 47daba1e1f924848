"""An article and a card of one work load as one series, through Wikipedia's lead; other works are refused."""

from __future__ import annotations

from pathlib import Path

import pytest

import layzner
from layzner import Credit, InconsistentSeriesError, Title
from layzner._text import title_keys

from .support.second_series import ARTICLE, PROFILE

FILLER = "story follows crew ship lost deep space years war ended long ago"


def _card(heading: str, native: str | None = None, synopsis: str = "A crew is lost.") -> str:
    native_line = f"-   **original-name**: {native}\n" if native else ""
    return (
        f"# {heading}\n\n-   **type**: tv-serie\n-   **episodes**: 24\n{native_line}"
        f"-   **start-date**: 1977-06-04\n\n## Tags\n\n-   mecha\n\n## Sinopse\n\n{synopsis}\n"
    )


def _load(tmp_path: Path, card: str, article: str) -> layzner.Series:
    (tmp_path / "card.md").write_text(card, encoding="utf-8")
    (tmp_path / "article.txt").write_text(article, encoding="utf-8")
    return layzner.load(tmp_path)


def test_a_native_title_followed_by_its_reading(tmp_path: Path) -> None:
    """``超電磁マシーン ボルテスv ファイブ`` is the card's ``超電磁マシーン ボルテス V``: ファイブ reads the V."""
    article = (
        "chōdenji machine voltes v japanese 超電磁マシーン ボルテスv ファイブ hepburn chōdenji "
        "mashīn borutesu faibu lit super electromagnetic machine voltes v japanese anime "
        f"television series directed tadao nagahama aired tv asahi {FILLER}"
    )
    series = _load(tmp_path, _card("Voltes V", "超電磁マシーン ボルテス V"), article)
    assert series.title == "Voltes V"
    assert [t for t in series.titles if t.kind == "native"] == [
        Title("超電磁マシーン ボルテス V", "ja", "native")
    ]
    assert Credit("Tadao Nagahama", "Director") in series.staff


def test_a_native_title_with_latin_words_and_the_label_before_it(tmp_path: Path) -> None:
    """``psychopass japanese psychopass サイコパス``: the label is no title, the Latin word is the native's."""
    article = (
        "psychopass japanese psychopass サイコパス hepburn saikopasu japanese anime television "
        f"series produced production ig directed naoyoshi shiotani {FILLER}"
    )
    series = _load(tmp_path, _card("Psycho-Pass", "PSYCHO-PASS サイコパス"), article)
    assert [t.text for t in series.titles] == ["Psycho-Pass", "PSYCHO-PASS サイコパス"]
    evidence = series.provenance("titles[ja:native:psycho-pass-サイコパス]")
    assert [e.text for e in evidence if e.source == "article"] == ["psychopass サイコパス"]


def test_a_title_that_lost_its_stop_words(tmp_path: Path) -> None:
    """The card's ``Tower of God`` is the article's ``tower god``."""
    article = f"tower god japanese 神之塔 hepburn kami tō japanese anime television series {FILLER}"
    series = _load(tmp_path, _card("Tower of God"), article)
    assert series.title == "Tower of God"
    assert Title("神之塔", "ja", "native") in series.titles


def test_the_romanisation_links_and_is_no_title_of_its_own(tmp_path: Path) -> None:
    """``hepburn ano hi mita hana namae o`` is the card's ``... Hana no Namae wo ...``; it adds no title."""
    article = (
        "anohana flower saw day japanese あの日見た花の名前を僕達はまだ知らない hepburn ano hi mita "
        f"hana namae bokutachi wa mada shiranai japanese anime television series {FILLER}"
    )
    card = _card("Ano Hi Mita Hana no Namae wo Bokutachi wa Mada Shiranai.", "あの花")
    series = _load(tmp_path, card, article)
    assert series.title == "Ano Hi Mita Hana no Namae wo Bokutachi wa Mada Shiranai."
    assert not any(
        t.language == "ja-Latn" and t.text.startswith("Ano Hi Mita Hana Namae")
        for t in series.titles
    )


def test_documents_of_two_works_are_still_refused(tmp_path: Path) -> None:
    """An article about another work is an InconsistentSeriesError naming the article."""
    article = (
        f"macross plus japanese マクロスプラス hepburn makurosu purasu japanese anime {FILLER}"
    )
    with pytest.raises(InconsistentSeriesError) as caught:
        _load(tmp_path, _card("Super Dimension Fortress Macross", "超時空要塞マクロス"), article)
    assert caught.value.path is not None
    assert caught.value.path.endswith("article.txt")


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Chōdenji Machine Voltes V", "Chou Denji Machine Voltes V"),
        ("Dennou Coil", "Dennoh Coil"),
        ("Ryuusei Sentai", "Ryūsei Sentai"),
        ("Angel Beats!（エンジェルビーツ）", "Angel Beats!"),
        ("ＤＡＲＫＥＲ ＴＨＡＮ ＢＬＡＣＫ －黒の契約者－", "Darker than Black -黒の契約者-"),
    ],
)
def test_spellings_of_one_title_share_a_key(first: str, second: str) -> None:
    """ō, ou and o; split and joined words; width, case and a trailing reading make no difference."""
    assert title_keys(first) & title_keys(second)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Macross", "Macross Plus"),
        ("機動戦士ガンダム", "機動戦士ガンダム 逆襲のシャア"),
        ("Kaze no Stigma", "Kaze no Yojimbo"),
    ],
)
def test_different_titles_do_not(first: str, second: str) -> None:
    """A shortened title or another subtitle is another work."""
    assert not title_keys(first, lossy=True) & title_keys(second, lossy=True)


def test_a_lone_name_row_becomes_the_director_the_article_names(tmp_path: Path) -> None:
    """The profile row ``Kenji Oumura``, unread alone, is the director once the article says he directed."""
    profile = PROFILE.replace(
        "Kenji Oumura (series director), Various (Mika Sato, Hiro Tanabe)",
        "Various (Mika Sato, Hiro Tanabe)",
    )
    (tmp_path / "a.txt").write_text(profile, encoding="utf-8")
    alone = layzner.load(tmp_path / "a.txt")
    assert [u.text for u in alone.unparsed] == ["Kenji Oumura"]
    (tmp_path / "c.txt").write_text(ARTICLE, encoding="utf-8")
    series = layzner.load([tmp_path / "a.txt", tmp_path / "c.txt"])
    assert series.unparsed == ()
    assert Credit("Kenji Oumura", "Director") in series.staff
    evidence = series.provenance("staff[kenji-oumura:director]")
    assert [(e.source, e.line, e.text) for e in evidence] == [
        ("a", 9, "Kenji Oumura"),
        ("c", None, "kenji ōmura latter directing"),
    ]


def test_a_lone_name_nobody_says_directed_stays_unparsed(tmp_path: Path) -> None:
    """Without a document saying so, the lone row is still not guessed to be the director."""
    profile = PROFILE.replace(
        "Kenji Oumura (series director), Various (Mika Sato, Hiro Tanabe)",
        "Various (Mika Sato, Hiro Tanabe)",
    )
    (tmp_path / "a.txt").write_text(profile, encoding="utf-8")
    (tmp_path / "c.txt").write_text(ARTICLE.replace("latter directing", "latter"), encoding="utf-8")
    series = layzner.load(tmp_path)
    assert [u.text for u in series.unparsed] == ["Kenji Oumura"]
    assert not any(c.role == "Director" and c.person == "Kenji Oumura" for c in series.staff)


@pytest.mark.parametrize(
    ("sentence", "source"),
    [
        ("japanese anime television series based manga name kōta hirano", "Manga"),
        ("loosely based small part italian novel", "Novel"),
        ("japanese anime television series adaptation light novel series", "Light novel"),
        ("anime adaptation visual novel name", "Visual novel"),
        ("original japanese anime television series produced", "Original"),
        ("based video game name", "Game"),
        # The series was adapted into these, not from them.
        ("manga adaptation serialized", None),
        ("series adapted two manga series", None),
        ("original video animation ova series", None),
        ("original series directed", None),
        ("critical response positive based cyberpunk setting", None),
    ],
)
def test_source_material_from_the_article(
    tmp_path: Path, sentence: str, source: str | None
) -> None:
    """``based manga``, ``adaptation light novel`` and ``original anime`` give the source; derived works do not."""
    article = f"voltes v japanese ボルテスv hepburn borutesu faibu {sentence} {FILLER}"
    series = _load(tmp_path, _card("Voltes V"), article)
    assert series.source_material == source
    if source is not None:
        assert [e.source for e in series.provenance("source_material")] == ["article"]


def test_source_material_from_a_cards_synopsis(tmp_path: Path) -> None:
    """A card whose synopsis says ``Based on the light novel`` gives the source, with its line."""
    card = _card("Voltes V", synopsis="Based on the light novel by Ren Ito, a crew is lost.")
    (tmp_path / "card.md").write_text(card, encoding="utf-8")
    series = layzner.load(tmp_path)
    assert series.source_material == "Light novel"
    (evidence,) = series.provenance("source_material")
    assert evidence.text == "Based on the light novel by Ren Ito, a crew is lost."


def test_a_print_works_article_links_its_anime_by_the_adaptations_native_title(
    tmp_path: Path,
) -> None:
    """A novel's article that names its anime ``titled ... (獣の奏者エリン)`` loads with the anime's card."""
    article = (
        "beast player japanese 獣の奏者 hepburn kemono sōja series japanese fantasy novels "
        "written nahoko uehashi story follows erin girl raised beekeeper anime television "
        "series adaptation titled kemono sōja erin 獣の奏者エリン produced production ig "
        f"directed takayuki hamana aired nhk educational tv {FILLER}"
    )
    series = _load(tmp_path, _card("Kemono no Souja Erin", "獣の奏者エリン"), article)
    assert series.title == "Kemono no Souja Erin"
    assert Credit("Takayuki Hamana", "Director") in series.staff


def test_an_anime_articles_later_adaptation_links_nothing(tmp_path: Path) -> None:
    """An anime's own article naming a sequel's native title is still refused with the sequel's card."""
    article = (
        "iron lantern japanese 鉄の灯 hepburn tetsu tōrō japanese anime television series "
        "directed rie matsumoto sequel anime adaptation titled iron lantern zero 鉄の灯ゼロ "
        f"aired tokyo mx {FILLER}"
    )
    with pytest.raises(InconsistentSeriesError):
        _load(tmp_path, _card("Iron Lantern Zero", "鉄の灯ゼロ"), article)
