"""Real Wikipedia leads of 33 works, read with their cards: the floors ``benchmarks/article_quality.py`` reports hold."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent
WORKS = ROOT.parent / "shared" / "real-articles"


def _benchmark() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "article_quality", ROOT / "benchmarks" / "article_quality.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def benchmark() -> ModuleType:
    """The quality benchmark, imported from its file."""
    return _benchmark()


@pytest.fixture(scope="module")
def reports(benchmark: ModuleType) -> list[object]:
    """Every shared work, measured once."""
    assert WORKS.is_dir(), f"the shared real articles are missing: {WORKS}"
    reports: list[object] = benchmark.measure(WORKS)
    return reports


def test_every_work_loads_with_its_cards_facts(reports: list[object]) -> None:
    """All 33 works load, card and article together, with the card's title, start date and episode count."""
    assert len(reports) == 33
    assert [(r.name, r.error) for r in reports if r.error] == []
    assert [r.name for r in reports if not r.card_facts_kept] == []


@pytest.mark.parametrize(
    ("kind", "floor"), [("directors", 0.9), ("studios", 0.9), ("networks", 0.8)]
)
def test_recall_of_what_the_leads_mention(
    benchmark: ModuleType, reports: list[object], kind: str, floor: float
) -> None:
    """At least 90% of directors and studios and 80% of networks the flattened leads mention are read."""
    read, mentioned = benchmark.totals(reports)[kind]
    assert mentioned >= 6, "the shared set changed: too few names to measure"
    assert read / mentioned >= floor, (kind, read, mentioned)


def test_no_name_is_invented(reports: list[object]) -> None:
    """Every person or company only an article states is a run of the original's capitalised words."""
    invented = {r.name: r.invented for r in reports if r.invented}
    assert invented == {}
    assert sum(len(r.article_names) for r in reports) >= 100
