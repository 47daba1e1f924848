"""The Markdown card reader, against the seed card, 1,300 real cards and malformed ones."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import layzner
from layzner import (
    Credit,
    EpisodeSpan,
    LayznerError,
    Link,
    PartialDate,
    Song,
    SourceFormatError,
    Title,
)
from layzner._readers import Reading
from layzner._readers.card import looks_like_card, read_card

from .support.cards import REAL_CARDS, card_source, read_card_file, read_card_lines

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
SEED_CARD = SEEDS / "001_245de9df061e6d9f.txt"
ANIME_TYPES = {"tv-serie", "movie", "ova", "special", "ona"}
PRINT_TYPES = {"manga", "light-novel", "manhwa"}


# --- the seed card, field by field ------------------------------------------


@pytest.fixture(scope="module")
def seed() -> Reading:
    return read_card_file(SEED_CARD)


def test_seed_title_is_the_heading_with_its_line(seed: Reading) -> None:
    """The seed's title is its heading, with line 1 and the raw heading as evidence."""
    assert seed.title is not None
    assert seed.title.value == "Aoki Ryuusei SPT Layzner"
    assert seed.title.evidence.line == 1
    assert seed.title.evidence.text == "# Aoki Ryuusei SPT Layzner"
    assert seed.title.evidence.source == SEED_CARD.stem


def test_seed_titles_are_main_and_native(seed: Reading) -> None:
    """The heading is the romanised main title; original-name is the native Japanese title."""
    assert [(t.value, t.evidence.line) for t in seed.titles] == [
        (Title("Aoki Ryuusei SPT Layzner", "ja-Latn", "main"), 1),
        (Title("蒼き流星 SPT レイズナー", "ja", "native"), 7),
    ]
    assert seed.titles[1].evidence.text == "-   **original-name**: 蒼き流星 SPT レイズナー"


def test_seed_type_episodes_and_dates(seed: Reading) -> None:
    """The seed is a TV series of 38 episodes whose end date is read as written."""
    assert seed.media_type is not None
    assert (seed.media_type.value, seed.media_type.evidence.line) == ("TV", 5)
    assert seed.media_type.evidence.text == "-   **type**: tv-serie"
    assert [(e.value, e.evidence.line, e.evidence.text) for e in seed.episodes] == [
        (("tv", 38), 6, "-   **episodes**: 38")
    ]
    assert seed.start is not None
    assert seed.end is not None
    assert (seed.start.value, seed.start.evidence.line) == (PartialDate(1985, 10, 3), 8)
    # The card copies the start date into end-date; judging that is reconciliation's job.
    assert (seed.end.value, seed.end.evidence.line) == (PartialDate(1985, 10, 3), 9)
    assert seed.end.evidence.text == "-   **end-date**: 1985-10-03"
    assert seed.volumes is None
    assert seed.chapters is None


def test_seed_songs(seed: Reading) -> None:
    """The seed's opening and first ending are read with titles, artists and episodes."""
    assert [(s.value, s.evidence.line) for s in seed.songs] == [
        (
            Song(
                kind="opening",
                sequence=1,
                title="Melos no You ni —Lonely Way—",
                native_title="メロスのように —LONELY WAY—",
                artists=("Airmail from Nagasaki",),
            ),
            10,
        ),
        (
            Song(
                kind="ending",
                sequence=1,
                title="Go-Fun Dake no Wagamama",
                native_title="5 分だけのわがまま",
                translated_title="Just 5 Minutes of Selfishness",
                artists=("Seiko Tomizawa",),
                episodes=(EpisodeSpan(1, 25),),
            ),
            11,
        ),
    ]
    assert seed.songs[1].evidence.text.endswith("by Seiko Tomizawa (eps 1-25)")


def test_seed_rating_image_and_tags(seed: Reading) -> None:
    """The rating keeps its code, the image its URL, and the tags their order and lines."""
    assert seed.rating is not None
    assert (seed.rating.value, seed.rating.evidence.line) == ("PG-13", 12)
    assert seed.image is not None
    assert seed.image.value == "https://cdn.myanimelist.net/images/anime/1106/91083.jpg"
    assert seed.image.evidence.line == 3
    assert [(t.value, t.evidence.line) for t in seed.tags] == [
        ("space", 16),
        ("mecha", 17),
        ("military", 18),
        ("sci-fi", 19),
    ]


def test_seed_synopsis_keeps_paragraphs(seed: Reading) -> None:
    """The synopsis is the section's three paragraphs, evidenced by its first line."""
    assert seed.synopsis is not None
    paragraphs = seed.synopsis.value.split("\n\n")
    assert len(paragraphs) == 3
    assert paragraphs[0].startswith("The story takes place in an alternate reality")
    assert paragraphs[2].endswith('"Earth is at stake."')
    assert seed.synopsis.evidence.line == 23
    assert seed.synopsis.evidence.text == paragraphs[0]


def test_seed_links_carry_site_ids(seed: Reading) -> None:
    """Each link keeps its label and URL, and the id the URL shows."""
    assert [(link.value, link.evidence.line) for link in seed.links] == [
        (
            Link(
                "My Anime list",
                "https://myanimelist.net/anime/3079/Aoki_Ryuusei_SPT_Layzner",
                "3079",
            ),
            31,
        ),
        (Link("Official Site", "http://www.layzner.net/", None), 32),
        (Link("AnimeDB", "http://anidb.info/perl-bin/animedb.pl?show=anime&aid=2154", "2154"), 33),
        (
            Link(
                "AnimeNewsNetwork",
                "http://www.animenewsnetwork.com/encyclopedia/anime.php?id=1161",
                "1161",
            ),
            34,
        ),
        (
            Link(
                "Wikipedia",
                "https://en.wikipedia.org/wiki/Blue_Comet_SPT_Layzner",
                "Blue_Comet_SPT_Layzner",
            ),
            35,
        ),
    ]


def test_seed_leaves_nothing_unparsed(seed: Reading) -> None:
    """Every non-blank line of the seed card is used by some rule."""
    assert seed.unparsed == []
    assert seed.authors == []


def test_only_the_card_seed_looks_like_a_card() -> None:
    """Detection says yes to the card seed and no to the profile and article seeds."""
    verdicts = {p.name: looks_like_card(p.read_text(encoding="utf-8")) for p in SEEDS.iterdir()}
    assert verdicts == {
        "000_767adc7def4acde8.txt": False,
        "001_245de9df061e6d9f.txt": True,
        "002_577a629f5a29ece7.txt": False,
    }


@pytest.mark.parametrize(
    "text",
    [
        "",
        "\n\n",
        "# Just a heading\n\nSome prose.\n",
        "Notes\n-   **colour**: blue\n",
        "#1: not a heading\n## Trivia\n",
    ],
)
def test_non_cards_are_not_detected(text: str) -> None:
    """Without a heading and a key or section, or without a card's own keys or sections, text is no card."""
    assert not looks_like_card(text)


@pytest.mark.parametrize(
    "text",
    [
        "-   **type**: tv-serie\n-   **episodes**: 12\n",
        "Title\n-   **type**: tv-serie\n",
        "## Tags\n-   a\n",
        "![x](http://x/1.jpg)\n\n-   **start-date**: 1999\n",
    ],
)
def test_a_card_without_its_heading_is_refused_at_its_first_line(text: str, tmp_path: Path) -> None:
    """A card that lost its heading is still a card, refused with the heading it needs."""
    assert looks_like_card(text)
    path = tmp_path / "card.md"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SourceFormatError) as caught:
        layzner.load(path)
    assert (caught.value.path, caught.value.line) == (str(path), 1)
    assert caught.value.message == "a card begins with `# Title`"


# --- 1,300 real cards -------------------------------------------------------


def test_real_card_set_is_complete() -> None:
    """The copied real-card set holds 1,300 cards with its licence and README."""
    folder = Path(__file__).parent / "data" / "real-cards"
    assert len(REAL_CARDS) == 1300
    assert (folder / "LICENSE").is_file()
    assert (folder / "README.md").is_file()


def test_every_real_card_reads_or_raises_a_layzner_error() -> None:
    """No real card crashes the reader: each reads, or raises a LayznerError."""
    crashes: list[str] = []
    read = 0
    for path in REAL_CARDS:
        text = path.read_text(encoding="utf-8")
        assert looks_like_card(text), path
        try:
            read_card(text, card_source(path, text))
        except LayznerError:
            continue
        except Exception as error:  # the point is to catch any crash, whatever its type
            crashes.append(f"{path}: {type(error).__name__}: {error}")
        else:
            read += 1
    assert crashes == []
    assert read >= 1287  # 99% of the set


_RAW_TITLE = re.compile(r"\A# (.+)$", re.MULTILINE)
_RAW_TYPE = re.compile(r"^-   \*\*type\*\*: (\S+)$", re.MULTILINE)
_RAW_START = re.compile(r"^-   \*\*start-date\*\*: (\d{4})-(\d\d)-(\d\d)$", re.MULTILINE)
_RAW_EPISODES = re.compile(r"^-   \*\*episodes\*\*: (\d+)$", re.MULTILINE)
_RAW_KIND = {"tv-serie": "tv", "movie": "movie", "ova": "ova", "special": "special", "ona": "ona"}


def test_anime_cards_read_title_start_and_episodes_as_stated() -> None:
    """At least 99% of the 1,000 anime cards give exactly the title, start and count they state."""
    checked = 0
    wrong: list[str] = []
    for path in REAL_CARDS:
        text = path.read_text(encoding="utf-8")
        type_ = _RAW_TYPE.search(text)
        assert type_ is not None, path
        if type_[1] not in ANIME_TYPES:
            continue
        checked += 1
        title = _RAW_TITLE.search(text)
        start = _RAW_START.search(text)
        episodes = _RAW_EPISODES.search(text)
        try:
            reading = read_card(text, card_source(path, text))
        except LayznerError as error:
            wrong.append(f"{path}: {error}")
            continue
        got = (
            reading.title.value if reading.title else None,
            reading.start.value if reading.start else None,
            [e.value for e in reading.episodes],
        )
        expected = (
            title[1].strip() if title else None,
            PartialDate(int(start[1]), int(start[2]), int(start[3])) if start else None,
            [(_RAW_KIND[type_[1]], int(episodes[1]))] if episodes else [],
        )
        if got != expected:
            wrong.append(f"{path}: {got} != {expected}")
    assert checked == 1000
    assert len(wrong) <= 10, wrong  # 99% of 1,000


_RAW_VOLUMES = re.compile(r"^-   \*\*volumes\*\*: (\d+)$", re.MULTILINE)
_RAW_CHAPTERS = re.compile(r"^-   \*\*chapters\*\*: (\d+)$", re.MULTILINE)
_RAW_AUTHORS = re.compile(r"^## Authors\n\n((?:-   .*\n)+)", re.MULTILINE)
_RAW_ROLE = re.compile(r"^-   (.+) \(([^()]+)\)$")


def test_print_works_carry_volumes_chapters_and_authors() -> None:
    """Each of the 300 print works carries the volumes, chapters and authors its card states."""
    checked = 0
    for path in REAL_CARDS:
        text = path.read_text(encoding="utf-8")
        type_ = _RAW_TYPE.search(text)
        assert type_ is not None
        if type_[1] not in PRINT_TYPES:
            continue
        checked += 1
        reading = read_card(text, card_source(path, text))
        volumes = _RAW_VOLUMES.search(text)
        chapters = _RAW_CHAPTERS.search(text)
        assert (reading.volumes.value if reading.volumes else None) == (
            int(volumes[1]) if volumes else None
        ), path
        assert (reading.chapters.value if reading.chapters else None) == (
            int(chapters[1]) if chapters else None
        ), path
        block = _RAW_AUTHORS.search(text)
        assert block is not None, path
        bullets = block[1].splitlines()
        # Every role-bearing bullet ends one credit, whose person ends with that bullet's name.
        with_role = [m for m in map(_RAW_ROLE.fullmatch, bullets) if m]
        credits = [a.value for a in reading.authors if a.value.role != "Author"]
        assert [(c.person.split()[-1], c.role) for c in credits] == [
            (m[1].split()[-1], m[2]) for m in with_role
        ], path
        assert all(a.evidence.text.startswith("-   ") for a in reading.authors)
    assert checked == 300


def test_split_author_bullets_join_on_a_real_card() -> None:
    """A real card's "Okano" / "Fumika (Story & Art)" bullets are one author, citing both lines."""
    path = Path(__file__).parent / "data/real-cards/37-c-boku-no-ichiban-suki-na-mono/card.md"
    reading = read_card_file(path)
    assert [a.value for a in reading.authors] == [Credit("Okano Fumika", "Story & Art")]
    first = reading.authors[0].evidence
    assert (first.line, first.text) == (19, "-   Okano")
    assert [(e.line, e.text) for e in reading.more_lines[first]] == [
        (20, "-   Fumika (Story & Art)")
    ]
    series = layzner.load(path)
    assert [e.line for e in series.provenance("authors[okano-fumika:story-art]")] == [19, 20]
    assert reading.volumes is not None
    assert reading.volumes.value == 4
    assert reading.media_type is not None
    assert reading.media_type.value == "Manga"
    assert reading.episodes == []


# --- the rules, on small cards ----------------------------------------------


@pytest.mark.parametrize(
    ("original", "expected"),
    [
        ("헝그리 베스트5", [Title("헝그리 베스트5", "ko", "native")]),
        ("ぱぴぷぺ", [Title("ぱぴぷぺ", "ja", "native")]),
        ("東流", [Title("東流", "ja", "native")]),
        ("ALL THAT GUNDAM", [Title("ALL THAT GUNDAM", "ja-Latn", "synonym")]),
        ("a show", [Title("a show", "ja-Latn", "synonym")]),
    ],
)
def test_original_name_becomes_a_title_by_script(original: str, expected: list[Title]) -> None:
    """original-name is native Korean or Japanese by script, else a Latin synonym (never the title)."""
    reading = read_card_lines("# A Show", f"-   **original-name**: {original}")
    assert [t.value for t in reading.titles[1:]] == expected
    assert reading.unparsed == []


@pytest.mark.parametrize(
    ("type_", "media_type", "kind"),
    [
        ("tv-serie", "TV", "tv"),
        ("movie", "Movie", "movie"),
        ("ova", "OVA", "ova"),
        ("ona", "ONA", "ona"),
        ("special", "Special", "special"),
        ("manga", "Manga", "tv"),
        ("light-novel", "Light Novel", "tv"),
        ("manhwa", "Manhwa", "tv"),
        ("music", "Music", "tv"),
    ],
)
def test_type_names_the_media_type_and_the_episode_kind(
    type_: str, media_type: str, kind: str
) -> None:
    """The type maps to a media type; episodes count in its field even when stated first."""
    reading = read_card_lines("# A Show", "-   **episodes**: 3", f"-   **type**: {type_}")
    assert reading.media_type is not None
    assert reading.media_type.value == media_type
    assert [e.value for e in reading.episodes] == [(kind, 3)]
    assert reading.episodes[0].evidence.line == 2


def test_placeholders_and_empty_values_state_nothing_and_are_kept() -> None:
    """A "None" rating, "None" song or empty value states nothing; each line is kept with why."""
    reading = read_card_lines(
        "# A Show",
        "-   **rating**: None",
        "-   **end-date**: ",
        "-   **episodes**:",
        "-   **opening-song**: none",
        "-   **start-date**: ?",
    )
    assert (reading.rating, reading.end, reading.start) == (None, None, None)
    assert (reading.episodes, reading.songs) == ([], [])
    assert [(u.line, u.reason) for u in reading.unparsed] == [
        (2, "rating: 'None' is a placeholder, no value"),
        (3, "end-date: no value"),
        (4, "episodes: no value"),
        (5, "opening-song: 'none' is a placeholder, no value"),
        (6, "start-date: '?' is a placeholder, no value"),
    ]
    # A placeholder is understood: strict loading does not refuse it.
    assert reading.refusals == []


def test_end_before_start_is_read_as_written() -> None:
    """An end date before the start date is not judged by the reader."""
    reading = read_card_lines(
        "# A Show", "-   **start-date**: 2001-05-01", "-   **end-date**: 1999"
    )
    assert reading.start is not None
    assert reading.end is not None
    assert (reading.start.value, reading.end.value) == (PartialDate(2001, 5, 1), PartialDate(1999))


def test_a_repeated_key_with_the_same_value_is_read_once_and_cites_both_lines() -> None:
    """Stating a key twice with the same value keeps the first statement; the repeat cites it."""
    reading = read_card_lines("# A Show", "-   **episodes**: 12", "-   **episodes**: 12")
    assert [(e.value, e.evidence.line) for e in reading.episodes] == [(("tv", 12), 2)]
    assert [e.line for e in reading.more_lines[reading.episodes[0].evidence]] == [3]
    assert reading.unparsed == []


def test_authors_join_split_bullets_and_default_the_role() -> None:
    """A role-less bullet joins the next role-bearing one; a lone one is an "Author"."""
    reading = read_card_lines(
        "# A Work",
        "",
        "## Authors",
        "",
        "-   Takemiya",
        "-   Yuyuko (Story)",
        "-   Yamucha (Art)",
        "-   Ozaki",
        "-   Kaori (Story & Art)",
        "-   Lonely",
        "",
        "## Tags",
    )
    assert [(a.value, a.evidence.line) for a in reading.authors] == [
        (Credit("Takemiya Yuyuko", "Story"), 5),
        (Credit("Yamucha", "Art"), 7),
        (Credit("Ozaki Kaori", "Story & Art"), 8),
        (Credit("Lonely", "Author"), 10),
    ]


def test_unused_lines_are_kept_with_their_line_numbers() -> None:
    """Unknown keys, stray text and unknown sections are kept as unparsed lines."""
    reading = read_card_lines(
        "# A Show",
        "-   **studio**: Somewhere",
        "stray text",
        "",
        "## Tags",
        "",
        "-   mecha",
        "not a bullet",
        "",
        "## Trivia",
        "",
        "-   a fact",
        "",
        "## Links",
        "",
        "-   broken link",
        "-   [Site](https://example.org/x)",
    )
    assert [(u.line, u.text, u.reason) for u in reading.unparsed] == [
        (2, "-   **studio**: Somewhere", "unknown key 'studio'"),
        (3, "stray text", "not a `-   **key**: value` line"),
        (8, "not a bullet", "Tags: not a `-   tag` bullet"),
        (10, "## Trivia", "unknown section 'Trivia'"),
        (12, "-   a fact", "in the unknown section 'trivia'"),
        (16, "-   broken link", "Links: not a `-   [Site](url)` bullet"),
    ]
    assert reading.refusals == []
    assert [t.value for t in reading.tags] == ["mecha"]
    assert [link.value for link in reading.links] == [Link("Site", "https://example.org/x", None)]


@pytest.mark.parametrize(
    ("url", "id_"),
    [
        ("https://myanimelist.net/manga/10755/37%C2%BAC__Boku", "10755"),
        ("http://anidb.info/perl-bin/animedb.pl?show=anime&aid=4637", "4637"),
        ("http://www.animenewsnetwork.com/encyclopedia/anime.php?id=6862", "6862"),
        ("https://en.wikipedia.org/wiki/Kiratto_Pri_Chan#Anime", "Kiratto_Pri_Chan"),
        ("http://ja.wikipedia.org/wiki/%E3%82%A8%E3%83%AA%E3%82%A2", "エリア"),
        ("https://en.wikipedia.org/wiki/Foo_(TV_series)", "Foo_(TV_series)"),
        ("https://baike.baidu.com/item/x/23293809", None),
    ],
)
def test_link_ids_come_from_the_url(url: str, id_: str | None) -> None:
    """A link's id is read from the URL's shape for MAL, AniDB, ANN and Wikipedia."""
    reading = read_card_lines("# A Show", "## Links", f"-   [Some Site]({url})")
    assert [link.value for link in reading.links] == [Link("Some Site", url, id_)]


def test_an_empty_synopsis_section_is_no_synopsis() -> None:
    """A Sinopse section with no text gives no synopsis."""
    reading = read_card_lines("# A Show", "", "## Sinopse", "", "## Links")
    assert reading.synopsis is None


def test_synopsis_lines_that_look_like_markup_are_text() -> None:
    """Within the synopsis, "#1:" lines and bullets are paragraph text, not structure."""
    reading = read_card_lines(
        "# A Show", "## Sinopse", "#1: Part one.", "", "-   not a tag", "## Tags"
    )
    assert reading.synopsis is not None
    assert reading.synopsis.value == "#1: Part one.\n\n-   not a tag"
    assert reading.tags == []


# --- malformed cards ---------------------------------------------------------

_STRUCTURE: list[tuple[list[str], int, str]] = [
    (["", "A Show", "-   **type**: tv-serie"], 2, "a card begins with `# Title`"),
    (["", "", ""], 1, "no '# ' title heading"),
    (["#   ", "-   **type**: tv-serie"], 1, "title heading is empty"),
]


@pytest.mark.parametrize(("lines", "line", "message"), _STRUCTURE)
def test_a_card_without_its_title_is_refused_whole(
    lines: list[str], line: int, message: str
) -> None:
    """A card without its title heading raises SourceFormatError naming the file and the line."""
    with pytest.raises(SourceFormatError) as caught:
        read_card_lines(*lines)
    assert caught.value.line == line
    assert caught.value.path == "cards/test.md"
    assert str(caught.value).startswith(f"cards/test.md:{line}: ")
    assert message in str(caught.value)


# A card line whose value cannot be read, the line, and the reason (which is
# also the strict mode's error message).
_UNREADABLE: list[tuple[list[str], int, str]] = [
    (["# A Show", "-   **episodes**: twelve"], 2, "episodes must be a non-negative integer"),
    (["# A Show", "", "-   **volumes**: -1"], 3, "volumes must be a non-negative integer"),
    (["# A Show", "-   **chapters**: 1.5"], 2, "chapters must be a non-negative integer"),
    (["# A Show", "-   **start-date**: 1985-13-40"], 2, "start-date is not a date: '1985-13-40'"),
    (["# A Show", "-   **end-date**: soon"], 2, "end-date is not a date: 'soon'"),
    (
        ["# A Show", "-   **start-date**: April 24th, 1999"],
        2,
        "start-date is not a date: 'April 24th, 1999' (accepted forms: '2001-04-24', "
        "'2001-04', '2001', 'April 24, 2001', '24 April 2001', 'April 2001')",
    ),
    (["# A Show", "-   **type**: ova", "-   **type**: movie"], 3, "type is stated twice"),
    (["# A Show", "-   **opening-song**: Kung Fu Boy by X"], 2, "opening-song: no quoted title"),
    (["# A Show", "## Tags", "# Another Show"], 3, "one title heading"),
    (["# A Show", "![a](http://x/1.jpg)", "![b](http://x/2.jpg)"], 3, "second, different image"),
]


@pytest.mark.parametrize(("lines", "line", "reason"), _UNREADABLE)
def test_an_unreadable_value_costs_its_line_only(lines: list[str], line: int, reason: str) -> None:
    """A value that cannot be read is an unparsed, refused line with its reason; the title still loads."""
    reading = read_card_lines(*lines)
    assert [u.line for u in reading.refusals] == [line]
    (refused,) = [u for u in reading.unparsed if u.line == line]
    assert reason in refused.reason
    assert refused.text == lines[line - 1]
    assert reading.title is not None
    assert reading.title.value == "A Show"


@pytest.mark.parametrize(("lines", "line", "reason"), _UNREADABLE)
def test_strict_loading_raises_an_unreadable_value_with_its_line(
    lines: list[str], line: int, reason: str, tmp_path: Path
) -> None:
    """load(strict=True) raises SourceFormatError for the line, as before leniency."""
    path = tmp_path / "test.md"
    # A key after the lines makes every case a card; it is never the first error.
    path.write_text("\n".join([*lines, "-   **type**: tv"]) + "\n", encoding="utf-8")
    with pytest.raises(SourceFormatError) as caught:
        layzner.load(path, strict=True)
    assert (caught.value.path, caught.value.line) == (str(path), line)
    assert str(caught.value).startswith(f"{path}:{line}: ")
    assert reason in str(caught.value)


def test_strict_loading_raises_the_first_unreadable_line() -> None:
    """Of several unreadable lines, strict loading names the first, whatever kind each is."""
    reading = read_card_lines(
        "# A Show", "-   **type**: ova", "-   **end-date**: soon", "-   **type**: movie"
    )
    assert [u.line for u in reading.refusals] == [3, 4]


def test_a_key_stated_twice_differently_reads_neither_value() -> None:
    """Nothing says which of two different values is right: neither is read, both lines are kept."""
    reading = read_card_lines(
        "# A Show",
        "-   **type**: ova",
        "-   **type**: movie",
        "-   **type**: ova",
        "-   **episodes**: 2",
    )
    assert reading.media_type is None
    assert [(u.line, u.reason) for u in reading.unparsed] == [
        (2, "type is stated again with another value; neither is read"),
        (3, "type is stated twice: 'ova' (line 2) and 'movie'"),
        (4, "type is stated again with another value; neither is read"),
    ]
    assert [u.line for u in reading.refusals] == [3]
    assert [e.value for e in reading.episodes] == [("tv", 2)]


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("Girls &amp; Panzer", "Girls & Panzer"),
        ("Wakaba\\*Girl", "Wakaba*Girl"),
        ("x &#38; y &#x26; z", "x & y & z"),
        ("R&D and AT&T", "R&D and AT&T"),
        ("?a=1&copy=2", "?a=1&copy=2"),
        ("a \\&amp; b", "a &amp; b"),
        ("back\\\\slash", "back\\slash"),
    ],
)
def test_values_are_read_as_markdown_means_them(written: str, meant: str) -> None:
    """Backslash escapes and character references resolve; a bare ampersand stays."""
    reading = read_card_lines(
        f"# {written}", "", "-   **type**: tv-serie", "", "## Tags", "", f"-   {written}"
    )
    assert reading.title is not None
    assert reading.title.value == meant
    assert [t.value for t in reading.tags] == [meant]


def test_urls_keep_their_ampersands() -> None:
    """A link's URL is kept exactly as written, character references and all."""
    reading = read_card_lines(
        "# T", "", "## Links", "", "-   [A&amp;B](http://example.org/?a=1&amp;b=2&copy=3)"
    )
    assert [(link.value.site, link.value.url) for link in reading.links] == [
        ("A&B", "http://example.org/?a=1&amp;b=2&copy=3")
    ]


# --- lines real cards were refused for, or lost --------------------------------


def test_a_second_author_bullet_is_cited_with_the_first(tmp_path: Path) -> None:
    """A family name and "-   Furumachi (Art)" make one credit whose evidence is both lines."""
    path = tmp_path / "card.md"
    path.write_text(
        "# A Work\n\n-   **type**: manga\n\n## Authors\n\n-   Hoshino\n-   Furumachi (Art)\n",
        encoding="utf-8",
    )
    series = layzner.load(path)
    assert series.authors == (Credit("Hoshino Furumachi", "Art"),)
    assert [(e.line, e.text) for e in series.provenance("authors")] == [
        (7, "-   Hoshino"),
        (8, "-   Furumachi (Art)"),
    ]


def test_an_original_name_equal_to_the_heading_cites_the_title() -> None:
    """A real card's Latin original-name that repeats the heading is evidence of the title."""
    path = Path(__file__).parent / "data/real-cards/adamas/card.md"
    lines = path.read_text(encoding="utf-8").split("\n")
    assert (lines[0], lines[7]) == ("# Adamas", "-   **original-name**: ADAMAS")
    series = layzner.load(path)
    assert series.title == "Adamas"
    assert [e.line for e in series.provenance("title")] == [1, 8]
    assert [t.text for t in series.titles] == ["Adamas"]


@pytest.mark.parametrize(
    ("heading", "original", "synonym"),
    [
        ("Mahoko", "MAHOUKO", "MAHOUKO"),
        ("All Out!!", "ALL OUT!!", None),
        ("Against", "AGAINST", None),
    ],
)
def test_a_latin_original_name_never_replaces_the_heading(
    heading: str, original: str, synonym: str | None, tmp_path: Path
) -> None:
    """The heading is the card's title; a Latin original-name spelt otherwise is a synonym."""
    path = tmp_path / "card.md"
    path.write_text(
        f"# {heading}\n\n-   **type**: tv-serie\n-   **original-name**: {original}\n",
        encoding="utf-8",
    )
    series = layzner.load(path)
    assert series.title == heading
    assert series.titles[0] == Title(heading, "ja-Latn", "main")
    expected = [Title(synonym, "ja-Latn", "synonym")] if synonym else []
    assert list(series.titles[1:]) == expected
    assert [e.line for e in series.provenance("title")] == [1, 4]


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("-   **end_date**: 2001-03-30", "unknown key 'end_date'; did you mean 'end-date'?"),
        ("-   **start_date**: 2001", "unknown key 'start_date'; did you mean 'start-date'?"),
        ("-   **epsiodes**: 12", "unknown key 'epsiodes'; did you mean 'episodes'?"),
        ("-   **Volume**: 3", "unknown key 'volume'; did you mean 'volumes'?"),
        ("-   **studio**: Sunrise", "unknown key 'studio'"),
    ],
)
def test_a_near_miss_key_is_named(line: str, reason: str) -> None:
    """An unknown key is unparsed; within a small edit distance of a known key, the reason names it."""
    reading = read_card_lines("# A Show", "-   **type**: tv-serie", line)
    assert [(u.line, u.text, u.reason) for u in reading.unparsed] == [(3, line, reason)]
    assert (reading.start, reading.end, reading.episodes, reading.volumes) == (None, None, [], None)
    assert reading.refusals == []


# --- long runs of spaces and quotes ---------------------------------------------

_RUN = 20_000  # long enough that a quadratic pattern would take minutes


def test_long_runs_of_spaces_read_as_written() -> None:
    """Headings, keys, bullets and author lines with long inner runs of spaces read in one pass."""
    spaces = " " * _RUN
    reading = read_card_lines(
        f"# A{spaces}B",
        f"-   **rating**: G{spaces}x",
        "## Tags",
        f"-   a{spaces}b",
        "## Authors",
        f"-   Other{spaces}(Art)",
        f"-   Name{spaces}x",
    )
    assert reading.title is not None
    assert reading.title.value == f"A{spaces}B"
    assert reading.rating is not None
    assert reading.rating.value == f"G{spaces}x"
    assert [t.value for t in reading.tags] == [f"a{spaces}b"]
    assert [a.value for a in reading.authors] == [
        Credit("Other", "Art"),
        Credit(f"Name{spaces}x", "Author"),
    ]
