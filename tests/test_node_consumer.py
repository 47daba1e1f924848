"""The JSON form read from JavaScript: a Node consumer slices every document at every offset."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from .support.processes import ROOT, cli, run

CONSUMER = ROOT / "tests" / "node" / "check_evidence.mjs"
ARTICLE = next((ROOT / "seeds").glob("002_*.txt"))


def _node() -> str:
    node = shutil.which("node")
    # Not a skip: scripts/test installs Node.js when it is missing.
    assert node is not None, "Node.js is needed for this test; scripts/test installs it"
    return node


def _consume(series_json: Path) -> dict[str, dict[str, int] | list[str]]:
    result = run([_node(), str(CONSUMER), str(series_json)])
    assert result.returncode == 0, result.stderr
    report: dict[str, dict[str, int] | list[str]] = json.loads(result.stdout)
    return report


@pytest.fixture(scope="module")
def emoji_documents(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds, the article given a byte-order mark, emoji, a tab and a double space."""
    folder = tmp_path_factory.mktemp("emoji")
    for seed in (ROOT / "seeds").glob("*.txt"):
        if seed != ARTICLE:
            shutil.copy(seed, folder)
    text = ARTICLE.read_text(encoding="utf-8")
    assert " science fiction " in text
    assert " sunrise " in text
    text = "\ufeff🛸 🌠 " + text.replace(" science fiction ", " science  fiction 🚀 ", 1)
    (folder / ARTICLE.name).write_text(text.replace(" sunrise ", "\tsunrise ", 1), "utf-8")
    return folder


def _export(tmp_path: Path, *seeds: str) -> Path:
    target = tmp_path / "series.json"
    result = cli("--format", "json", "-O", "provenance=true", *seeds, "-o", str(target))
    assert result.returncode == 0, result.stderr
    return target


def test_node_finds_every_evidence_text_after_emoji(tmp_path: Path, emoji_documents: Path) -> None:
    """After astral characters, offset_utf16 (not offset) slices each JavaScript string exactly."""
    report = _consume(_export(tmp_path, "--seeds", str(emoji_documents)))
    assert report["failures"] == []
    counts = report["counts"]
    assert isinstance(counts, dict)
    assert counts["offsets"] >= 20
    # Nearly every offset follows an emoji, and the code-point offset would miss each of those.
    assert counts["shifted"] == counts["codePointSlicesWrong"] >= counts["offsets"] - 1
    assert counts["lines"] >= 50
    assert counts["pointers"] >= 50


def test_node_reads_the_bundled_series(tmp_path: Path) -> None:
    """The bundled series' evidence and pointers all check out in JavaScript."""
    report = _consume(_export(tmp_path))
    assert report["failures"] == []
    counts = report["counts"]
    assert isinstance(counts, dict)
    assert counts["offsets"] >= 20
    assert counts["shifted"] == 0  # no astral character in the bundled article
    assert counts["lines"] >= 50
