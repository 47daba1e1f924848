"""The bundled series parsed at build time is served only for the very seeds it was parsed from."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import layzner
from layzner import _bundled, _load

ROOT = Path(__file__).resolve().parent.parent
CARD = "001_245de9df061e6d9f.txt"


@pytest.fixture
def packaged(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Path, Path]]:
    """Lay out the seeds and their cache as a wheel installs them, and point load() at them."""
    seeds = tmp_path / "_seeds"
    shutil.copytree(ROOT / "seeds", seeds)
    cache = tmp_path / "_bundled.json"
    paths = _load._documents(seeds)
    cache.write_bytes(_bundled.build(paths, _load._load_paths(paths, strict=False)))
    monkeypatch.setattr(_load, "bundled_seeds", lambda: seeds)
    monkeypatch.setattr(_bundled, "CACHE", cache)
    _load._bundled.clear()
    yield seeds, cache
    _load._bundled.clear()


def _refuse_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    def parse(paths: list[Path], *, strict: bool) -> layzner.Series:
        raise AssertionError("the seeds were parsed")

    monkeypatch.setattr(_load, "_load_paths", parse)


def test_unchanged_seeds_are_served_from_the_cache_byte_for_byte(
    packaged: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """With every seed as it was built, load() parses nothing and gives the series a parse gives."""
    seeds, _ = packaged
    fresh = layzner.load(seeds)
    _refuse_parsing(monkeypatch)
    cached = layzner.load()
    assert layzner.to_json(cached) == layzner.to_json(fresh)
    assert cached == fresh
    assert [s.path for s in cached.sources] == [str(p) for p in sorted(seeds.iterdir())]


def test_a_changed_seed_is_read_again(packaged: tuple[Path, Path]) -> None:
    """A seed whose bytes changed since the build is parsed anew; the cache is not served."""
    seeds, _ = packaged
    card = seeds / CARD
    before = layzner.load()
    text = card.read_text(encoding="utf-8")
    assert "38" in text
    card.write_text(text.replace("38", "39", 1), encoding="utf-8")
    _load._bundled.clear()
    after = layzner.load()
    assert after != before
    assert layzner.to_json(after) == layzner.to_json(layzner.load(seeds))
    assert after.source(Path(CARD).stem).sha256 != before.source(Path(CARD).stem).sha256


@pytest.mark.parametrize("change", ["added", "removed", "version", "damaged"])
def test_any_other_difference_reads_the_seeds_again(
    packaged: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch, change: str
) -> None:
    """One seed more or fewer, another layzner version, or a damaged cache: the seeds are parsed."""
    seeds, cache = packaged
    if change == "added":
        shutil.copy(seeds / CARD, seeds / "003_copy.txt")
    elif change == "removed":
        (seeds / CARD).unlink()
    elif change == "version":
        monkeypatch.setattr(_bundled, "__version__", "99.0")
    else:
        cache.write_bytes(cache.read_bytes()[:-40])
    parsed: list[int] = []
    real = _load._load_paths

    def parse(paths: list[Path], *, strict: bool) -> layzner.Series:
        parsed.append(len(paths))
        return real(paths, strict=strict)

    monkeypatch.setattr(_load, "_load_paths", parse)
    layzner.load()
    assert parsed == [len(list(seeds.iterdir()))]


def test_strict_loading_always_parses(
    packaged: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """load(strict=True) must see each line, so it never takes the cache."""
    parsed: list[bool] = []
    real = _load._load_paths

    def parse(paths: list[Path], *, strict: bool) -> layzner.Series:
        parsed.append(strict)
        return real(paths, strict=strict)

    monkeypatch.setattr(_load, "_load_paths", parse)
    layzner.load(strict=True)
    assert parsed == [True]


def test_a_source_checkout_has_no_cache() -> None:
    """The checkout's package holds no _bundled.json: only a built wheel does, so code and cache agree."""
    assert not (ROOT / "src" / "layzner" / "_bundled.json").exists()


@given(st.binary())
def test_seeds_are_hashed_as_hashlib_hashes_them(data: bytes) -> None:
    """The digest that keys the cache and fills SourceDocument.sha256 is hashlib's SHA-256."""
    import hashlib

    assert _load.sha256_hex(data) == hashlib.sha256(data).hexdigest()
