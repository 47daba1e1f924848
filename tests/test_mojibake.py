"""ftfy is tried only where layzner's own code-page diagnosis cannot account for a title."""

from __future__ import annotations

import pytest

from .support.processes import ROOT, python

TITLE = "蒼き流星 SPT レイズナー"

# Runs diagnose_mojibake on argv[1] in a fresh process and prints the codec
# named, or None, and whether ftfy was imported.
DIAGNOSE = """
    import sys
    from layzner._mojibake import diagnose_mojibake
    diagnosis = diagnose_mojibake(sys.argv[1])
    print(diagnosis and diagnosis.codec, "ftfy" in sys.modules)
"""


def _diagnose(text: str) -> tuple[str, bool]:
    result = python(DIAGNOSE.replace("sys.argv[1]", repr(text)))
    assert result.returncode == 0, result.stderr
    codec, imported = result.stdout.split()
    return codec, imported == "True"


@pytest.mark.parametrize("code_page", ["cp1252", "cp1253", "cp1251"])
def test_mojibake_the_code_pages_recover_never_imports_ftfy(code_page: str) -> None:
    """UTF-8 read with a Windows code page is diagnosed by the code page, without ftfy."""
    corrupted = TITLE.encode("utf-8").decode(code_page, errors="replace").replace("\ufffd", "")
    assert _diagnose(corrupted) == (code_page, False)


@pytest.mark.parametrize("text", ["Pokémon", "Καλημέρα κόσμε", "Привет мир", "Łódź"])
def test_text_in_its_own_script_never_imports_ftfy(text: str) -> None:
    """Text that re-encodes to no UTF-8 at all is clean, and ftfy is not asked."""
    assert _diagnose(text) == ("None", False)


def test_what_no_code_page_holds_is_tried_with_ftfy() -> None:
    """UTF-8 read as Latin-1 holds C1 controls no Windows code page has: ftfy is tried, and repairs it."""
    pytest.importorskip("ftfy")  # the test extra installs it
    corrupted = TITLE.encode("utf-8").decode("latin-1")
    assert _diagnose(corrupted) == ("ftfy", True)


def test_loading_the_seeds_never_imports_ftfy() -> None:
    """The seeds' mojibake is diagnosed by the code pages: loading them imports no ftfy."""
    result = python(
        f"""
        import sys, layzner
        series = layzner.load({str(ROOT / "seeds")!r})
        print(any("decoded as Windows-1253" in c.reason for c in series.conflicts))
        print("ftfy" in sys.modules)
        """
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "False"]
