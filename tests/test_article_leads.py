"""Leads of works outside the shared set, written for these tests and flattened as Wikipedia's were.

Each lead is written in the style of an English Wikipedia lead, from general
knowledge of the work; ``flatten`` applies the flattening the shared
articles went through (lowercase, ASCII punctuation dropped inside words,
words that are not then alphabetic dropped, NLTK stop words dropped).  The
expected facts were written by hand from the leads.  A name the series
takes only from the article must be a run, or part of one, of the lead's
capitalised words, as ``benchmarks/article_quality.py`` judges the shared set.
"""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

import layzner
from layzner._text import STOP_WORDS, fold_tokens

_ASCII_PUNCTUATION = re.compile(f"[{re.escape(string.punctuation)}]")
_DIRECTING = {"Director", "Chief Director", "Series Director"}


def flatten(lead: str) -> str:
    """Flatten *lead* the way the shared articles were flattened."""
    words = (_ASCII_PUNCTUATION.sub("", word) for word in lead.lower().split())
    return " ".join(w for w in words if w.isalpha() and w not in STOP_WORDS)


def capitalised_runs(lead: str) -> list[tuple[str, ...]]:
    """Return the runs of capitalised words of *lead*, folded; punctuation after a word ends its run."""
    runs: list[list[str]] = [[]]
    for token in lead.split():
        word = token.strip(string.punctuation + "“”’")
        if word[:1].isupper() or (word[:1].isdigit() and any(c.isupper() for c in word)):
            runs[-1].append(word)
            # "Chiaki J. Konaka": an initial's full stop ends no sentence.
            if token[-1:] in ",.;:)" and len(word) > 1:
                runs.append([])
        elif runs[-1]:
            runs.append([])
    return [fold_tokens(" ".join(run), drop_stop_words=False) for run in runs if run]


def _part_of_a_run(name: str, runs: list[tuple[str, ...]]) -> bool:
    target = "".join(fold_tokens(name, drop_stop_words=False))
    return any(
        "".join(run[i:j]) in {target, target + "s"}
        for run in runs
        for i in range(len(run))
        for j in range(i + 1, len(run) + 1)
    )


LEADS = {
    "bebop": (
        "Cowboy Bebop (Japanese: カウボーイビバップ, Hepburn: Kaubōi Bibappu) is a 1998 Japanese "
        "neo-noir science fiction anime television series created and animated by Sunrise, led "
        "by a production team of director Shinichirō Watanabe, screenwriter Keiko Nobumoto, "
        "character designer Toshihiro Kawamoto, mechanical designer Kimitoshi Yamane, and "
        "composer Yoko Kanno. The series aired on TV Tokyo from April to June 1998, and later in "
        "full on WOWOW. It was licensed in North America by Bandai Entertainment.",
        "Cowboy Bebop",
        "カウボーイビバップ",
        {
            "directors": ["Shinichirō Watanabe"],
            "studios": ["Sunrise"],
            "networks": ["TV Tokyo", "WOWOW"],
            "licensors": ["Bandai Entertainment"],
        },
    ),
    "gundam": (
        "Mobile Suit Gundam (Japanese: 機動戦士ガンダム, Hepburn: Kidō Senshi Gandamu) is a "
        "Japanese anime television series, produced by Nippon Sunrise. Created and directed by "
        "Yoshiyuki Tomino, it premiered in Japan on Nagoya TV and its affiliated ANN stations "
        "on April 7, 1979.",
        "Kidou Senshi Gundam",
        "機動戦士ガンダム",
        {
            "directors": ["Yoshiyuki Tomino"],
            "studios": ["Nippon Sunrise"],
            "networks": ["Nagoya TV", "ANN"],
            "licensors": [],
        },
    ),
    "moon": (
        "Sailor Moon, originally released in Japan as Pretty Soldier Sailor Moon "
        "(美少女戦士セーラームーン, Bishōjo Senshi Sērā Mūn), is a Japanese anime television series "
        "produced by Toei Animation using Super Sentai motifs. It is based on Naoko Takeuchi's "
        "manga of the same name. It was broadcast on TV Asahi from March 1992 to February 1997, "
        "and was directed by Junichi Sato, Kunihiko Ikuhara and Takuya Igarashi.",
        "Bishoujo Senshi Sailor Moon",
        "美少女戦士セーラームーン",
        {
            "directors": ["Junichi Sato", "Kunihiko Ikuhara", "Takuya Igarashi"],
            "studios": ["Toei Animation"],
            "networks": ["TV Asahi"],
            "licensors": [],
        },
    ),
    "lain": (
        "Serial Experiments Lain (Japanese: シリアルエクスペリメンツレイン) is a 1998 Japanese anime "
        "television series directed by Ryūtarō Nakamura, with original character design by "
        "Yoshitoshi ABe, screenplay written by Chiaki J. Konaka, and produced by Yasuyuki Ueda "
        "for Triangle Staff. It was broadcast on TV Tokyo from July to September 1998.",
        "Serial Experiments Lain",
        "シリアルエクスペリメンツレイン",
        {
            "directors": ["Ryūtarō Nakamura"],
            "studios": [],
            "networks": ["TV Tokyo"],
            "licensors": [],
        },
    ),
    "akira": (
        "Akira (Japanese: アキラ) is a 1988 Japanese animated cyberpunk action film directed by "
        "Katsuhiro Otomo, produced by Ryōhei Suzuki and Shunzō Katō, and written by Otomo and "
        "Izō Hashimoto, based on Otomo's 1982 manga of the same name. The film was animated by "
        "Tokyo Movie Shinsha and released by Toho.",
        "Akira",
        "アキラ",
        {
            "directors": ["Katsuhiro Otomo"],
            "studios": ["Tokyo Movie Shinsha"],
            "networks": [],
            "licensors": [],
        },
    ),
    "ghost": (
        "Ghost in the Shell: Stand Alone Complex (Japanese: 攻殻機動隊 STAND ALONE COMPLEX, "
        "Hepburn: Kōkaku Kidōtai Sutando Arōn Konpurekkusu) is a Japanese anime television series "
        "produced by Production I.G and directed by Kenji Kamiyama, with music by Yoko Kanno. It "
        "aired on Animax and Nippon TV, and the series was licensed in North America by Manga "
        "Entertainment and later by Funimation.",
        "Koukaku Kidoutai: Stand Alone Complex",
        "攻殻機動隊 STAND ALONE COMPLEX",
        {
            "directors": ["Kenji Kamiyama"],
            "studios": ["Production Ig"],
            "networks": ["Animax", "Nippon TV"],
            "licensors": ["Manga Entertainment", "Funimation"],
        },
    ),
}


def _card(heading: str, native: str) -> str:
    return (
        f"# {heading}\n\n-   **type**: tv-serie\n-   **episodes**: 26\n"
        f"-   **original-name**: {native}\n-   **start-date**: 1998-04-03\n\n"
        "## Tags\n\n-   action\n\n## Sinopse\n\nA story.\n"
    )


@pytest.fixture(scope="module", params=sorted(LEADS))
def loaded(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple:
    """Load one lead with a card of the same work, as a user would."""
    lead, heading, native, expected = LEADS[request.param]
    folder: Path = tmp_path_factory.mktemp(request.param)
    (folder / "card.md").write_text(_card(heading, native), encoding="utf-8")
    (folder / "article.txt").write_text(flatten(lead) + "\n", encoding="utf-8")
    return lead, layzner.load(folder), expected | {"heading": heading, "native": native}


def test_the_card_and_the_article_are_one_series(loaded: tuple) -> None:
    """The flattened lead links to its card: the card's title and native title stand."""
    _, series, expected = loaded
    assert series.title == expected["heading"]
    assert [t.text for t in series.titles if t.kind == "native"] == [expected["native"]]


@pytest.mark.parametrize("kind", ["directors", "studios", "networks", "licensors"])
def test_credits_and_companies_are_read(loaded: tuple, kind: str) -> None:
    """The directors, studios, broadcasters and licensors the lead names are the series' own."""
    _, series, expected = loaded
    if kind == "directors":
        got = [c.person for c in series.staff if c.role in _DIRECTING]
    else:
        role = {"studios": "studio", "networks": "broadcaster", "licensors": "licensor"}[kind]
        got = [c.name for c in series.companies if role in c.roles]
    assert got == expected[kind]


def test_no_name_is_invented(loaded: tuple) -> None:
    """Every person and company the article gives is a run, or part of one, of the lead's capitalised words."""
    lead, series, _ = loaded
    runs = capitalised_runs(lead)
    names = [c.person for c in series.staff] + [c.name for c in series.companies]
    assert [n for n in names if not _part_of_a_run(n, runs)] == []
