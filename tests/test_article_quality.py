"""Real Wikipedia leads read with their cards: the floors ``benchmarks/article_quality.py`` reports hold.

Two sets: the 33 works of ``../shared/real-articles`` the reader was built
with, and the 52 works of ``tests/data/unseen-articles``, written after it
without reading its code (see that folder's README).
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

from .support.benchmarks import load_benchmark

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "real-articles"
UNSEEN = ROOT / "tests" / "data" / "unseen-articles"
# Per set: how many works, how many may fail to load with their card, and the
# recall floors for directors, studios and networks.
SETS = {
    "shared": (SHARED, 33, 0, {"directors": 0.9, "studios": 0.9, "networks": 0.8}),
    # Kino's Journey's article gives the light novels' native title, and the
    # anime's card that title with its subtitle: a shorter title links nothing.
    "unseen": (UNSEEN, 52, 1, {"directors": 0.9, "studios": 0.85, "networks": 0.9}),
}


def _benchmark() -> ModuleType:
    return load_benchmark("article_quality")


@pytest.fixture(scope="module")
def benchmark() -> ModuleType:
    """The quality benchmark, imported from its file."""
    return _benchmark()


@pytest.fixture(scope="module", params=sorted(SETS))
def measured(request: pytest.FixtureRequest, benchmark: ModuleType) -> tuple[str, list[object]]:
    """Every work of one set, measured once."""
    name: str = request.param
    folder = SETS[name][0]
    assert folder.is_dir(), f"the {name} real articles are missing: {folder}"
    reports: list[object] = benchmark.measure(folder)
    return name, reports


def test_every_work_loads_with_its_cards_facts(measured: tuple[str, list[object]]) -> None:
    """The works load, card and article together, with the card's title, start date and episode count."""
    name, reports = measured
    _, works, may_fail, _ = SETS[name]
    assert len(reports) == works
    failed = [r.name for r in reports if r.error or not r.card_facts_kept]
    assert len(failed) <= may_fail, failed


@pytest.mark.parametrize("kind", ["directors", "studios", "networks"])
def test_recall_of_what_the_leads_mention(
    benchmark: ModuleType, measured: tuple[str, list[object]], kind: str
) -> None:
    """The share of directors, studios and networks the flattened leads mention that is read holds its floor."""
    name, reports = measured
    floor = SETS[name][3][kind]
    read, mentioned = benchmark.totals(reports)[kind]
    assert mentioned >= 6, "the set changed: too few names to measure"
    assert read / mentioned >= floor, (name, kind, read, mentioned)


def test_no_name_is_invented(measured: tuple[str, list[object]]) -> None:
    """Every person or company only an article states is a run of the original's capitalised words."""
    _, reports = measured
    invented = {r.name: r.invented for r in reports if r.invented}
    assert invented == {}
    assert sum(len(r.article_names) for r in reports) >= 100


def test_the_unseen_articles_are_flattened_as_their_script_says() -> None:
    """Each unseen ``article.txt`` and ``name_runs`` is what ``flatten.py`` makes of its ``lead.txt``."""
    spec = importlib.util.spec_from_file_location("flatten", UNSEEN / "flatten.py")
    assert spec is not None
    assert spec.loader is not None
    flatten = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(flatten)
    folders = sorted(p for p in UNSEEN.iterdir() if (p / "lead.txt").is_file())
    assert len(folders) == SETS["unseen"][1]
    for folder in folders:
        article, expected = flatten.outputs(folder)
        assert (folder / "article.txt").read_text(encoding="utf-8") == article, folder.name
        assert (folder / "expected.json").read_text(encoding="utf-8") == expected, folder.name


def test_the_flattening_follows_the_shared_rules() -> None:
    """Punctuation goes inside words, stop words and digits go, Japanese and macrons stay."""
    spec = importlib.util.spec_from_file_location("flatten", UNSEEN / "flatten.py")
    assert spec is not None
    assert spec.loader is not None
    flatten = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(flatten)
    lead = (
        "Brain's Base (Japanese: 響け!ユーフォニアム, Hepburn: Hibike! Yūfoniamu) is a 2007 "
        "co-production of the studio, and it's P.A. Works' 13-episode ヴィンランド・サガ."
    )
    assert flatten.flatten("https://en.wikipedia.org/wiki/Redline_(2009_film)", lead) == (
        "brains base japanese 響けユーフォニアム hepburn hibike yūfoniamu coproduction studio pa "
        "works httpsenwikipediaorgwikiredline\n"
    )
    assert flatten.name_runs(lead) == [
        "brains base japanese 響けユーフォニアム hepburn hibike yufoniamu",
        "pa works",
        "ウィンラントサカ",  # a digit ends a run; the marks are folded away
    ]
