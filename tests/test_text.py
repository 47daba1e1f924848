"""Folding names for comparison, slugs, and the mojibake diagnosis."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from layzner._model import slugify
from layzner._mojibake import diagnose_mojibake
from layzner._text import fold, split_top_level


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Ryōsuke Takahashi", "Ryousuke Takahashi"),
        ("Ryousuke Takahashi", "ryosuke takahashi"),
        ("Aoki Ryuusei SPT Layzner", "Aoki Ryusei SPT Layzner"),
        ("Airmail from Nagasaki", "airmail nagasaki"),
        ("Another Century's Episode", "another centurys episode"),
        ("Go-Fun Dake no Wagamama", "gofun dake wagamama"),
    ],
)
def test_spelling_variants_fold_to_one_key(first: str, second: str) -> None:
    """Case, macrons, long vowels, apostrophes, hyphens and stop words do not tell names apart."""
    assert fold(first) == fold(second)


def test_different_names_stay_different() -> None:
    """Folding never makes two different names equal."""
    assert fold("Yuki Sato") != fold("Yoko Sato")
    assert fold("Kenji Oumura") != fold("Kenji Murata")


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Blue Comet SPT Layzner", "blue-comet-spt-layzner"),
        ("Tsunehisa Itō", "tsunehisa-ito"),
        ("蒼き流星 SPT レイズナー", "蒼き流星-spt-レイズナー"),
        ("  Arthur Cummings Jr. ", "arthur-cummings-jr"),
        ("Café", "cafe"),
        ("Cafe\u0301", "cafe"),  # the same word, its accent as a combining mark
        ("ＳＰＴ", "spt"),
        ("ｶﾞﾝﾀﾞﾑ", "ガンダム"),  # half-width kana and voicing marks recomposed
        ("हिन्दी", "हिन्दी"),  # vowel signs are marks of a non-Latin script: kept
        ("Σίσυφος", "σίσυφος"),
        ("Major Kusanagi / Section 9", "major-kusanagi-section-9"),
    ],
)
def test_slugs(text: str, slug: str) -> None:
    """Slugs fold Latin accents and keep other scripts, so CJK titles never collapse."""
    assert slugify(text) == slug


@given(st.text())
def test_a_slug_is_its_own_slug(text: str) -> None:
    """slugify is idempotent, so a slug passes the check every Series id must pass."""
    slug = slugify(text)
    assert slugify(slug) == slug
    assert not slug.startswith("-")
    assert not slug.endswith("-")
    assert "--" not in slug
    assert not set(slug) & set("/\\. \t\n")


def test_split_top_level_respects_parentheses() -> None:
    """Commas inside parentheses do not split."""
    assert split_top_level("A (x, y), B, C (z)") == ["A (x, y)", "B", "C (z)"]


CLEAN_TITLES = ["蒼き流星 SPT レイズナー", "機動戦士ガンダム", "星明かり配達人ミライ", "進撃の巨人"]


@pytest.mark.parametrize("title", CLEAN_TITLES)
@pytest.mark.parametrize("code_page", ["cp1252", "cp1253", "cp1251", "cp1250"])
def test_mojibake_is_diagnosed_and_consistent_with_its_source(title: str, code_page: str) -> None:
    """UTF-8 read with a Windows code page is recognised, and matches the title it came from."""
    corrupted = title.encode("utf-8").decode(code_page, errors="replace").replace("\ufffd", "")
    diagnosis = diagnose_mojibake(corrupted)
    assert diagnosis is not None
    assert diagnosis.consistent_with(title)
    others = [t for t in CLEAN_TITLES if t != title]
    assert not any(diagnosis.consistent_with(other) for other in others)


@pytest.mark.parametrize(
    "text", ["Blue Comet", "Café crème brûlée", "Ryōsuke Itō", "Ελληνικά λέξεις", "Москва", ""]
)
def test_clean_text_is_not_mojibake(text: str) -> None:
    """Accented Latin, Greek and Cyrillic text are not mistaken for mojibake."""
    assert diagnose_mojibake(text) is None


@given(
    st.text(
        alphabet=st.characters(categories=["Lo"], min_codepoint=0x4E00, max_codepoint=0x9FFF),
        min_size=3,
        max_size=12,
    )
)
def test_clean_cjk_text_is_never_mojibake(text: str) -> None:
    """Text already in Japanese script is taken to be clean."""
    assert diagnose_mojibake(text) is None
