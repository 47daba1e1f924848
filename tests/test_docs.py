"""The documentation's Python examples run, and print what the pages say they print."""

from __future__ import annotations

import doctest
import re
from pathlib import Path

import pytest

DOCS = Path(__file__).resolve().parent.parent / "docs"
PAGES = sorted(p for p in DOCS.rglob("*.md") if "```pycon" in p.read_text(encoding="utf-8"))
BLOCK = re.compile(r"^```pycon\n(.*?)^```", re.DOTALL | re.MULTILINE)


def test_the_pages_with_examples_are_found() -> None:
    """The model, reconciliation and format pages carry runnable examples."""
    names = {p.relative_to(DOCS).as_posix() for p in PAGES}
    assert {"index.md", "model.md", "reconciliation.md", "formats/profile.md"} <= names


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.relative_to(DOCS).as_posix())
def test_examples_print_what_the_page_shows(page: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every ``pycon`` block of the page runs as a doctest, in one namespace per page."""
    # The pages load small example documents by relative path (kaze.txt, mix/).
    monkeypatch.chdir(DOCS / "examples")
    source = "\n".join(BLOCK.findall(page.read_text(encoding="utf-8")))
    test = doctest.DocTestParser().get_doctest(source, {}, page.name, str(page), 0)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    output: list[str] = []
    runner.run(test, out=output.append)
    assert runner.failures == 0, "".join(output)
