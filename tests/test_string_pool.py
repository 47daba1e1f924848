"""The string pool: one copy of the short strings many series hold alike, in a table that stops growing."""

from __future__ import annotations

from pathlib import Path

import pytest

import layzner
from layzner import _string_pool

CARD = """# {title}

-   **type**: TV

## Tags

-   Mecha
-   Space Opera
"""


def test_series_loaded_apart_share_one_copy_of_a_common_tag_and_its_path(tmp_path: Path) -> None:
    """Two cards with the tag ``Mecha`` give two series holding the same string objects for it."""
    first, second = tmp_path / "a" / "card.md", tmp_path / "b" / "card.md"
    for path, title in ((first, "Iron Lantern"), (second, "Glass Harbor")):
        path.parent.mkdir()
        path.write_text(CARD.format(title=title), encoding="utf-8")
    one, two = layzner.load(first), layzner.load(second)
    assert one.tags[0] == "Mecha"
    assert one.tags[0] is two.tags[0]
    path_one = next(path for path, _ in one.evidence if path == "tags[mecha]")
    path_two = next(path for path, _ in two.evidence if path == "tags[mecha]")
    assert path_one is path_two


def test_a_full_pool_returns_new_strings_as_they_are(monkeypatch: pytest.MonkeyPatch) -> None:
    """Past its size the pool adds nothing, and a string it lacks comes back unchanged."""
    monkeypatch.setattr(_string_pool, "_pool", {})
    monkeypatch.setattr(_string_pool, "POOL_SIZE", 3)
    kept = [_string_pool.pooled("".join(("word", str(n)))) for n in range(5)]
    assert len(_string_pool._pool) == 3
    late = "".join(("word", "4"))
    assert _string_pool.pooled(late) is late
    assert _string_pool.pooled("".join(("word", "0"))) is kept[0]


def test_a_long_string_is_never_pooled(monkeypatch: pytest.MonkeyPatch) -> None:
    """A line longer than LONGEST_POOLED is one document's own: the pool does not keep it."""
    monkeypatch.setattr(_string_pool, "_pool", {})
    long_line = "-   " + "x" * _string_pool.LONGEST_POOLED
    assert _string_pool.pooled(long_line) is long_line
    assert _string_pool._pool == {}
