"""load_many: both layouts, the order, related works, ids, failures and identical results across workers."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest

import layzner

from .support.catalog import REAL_CARDS, card, stated, write_tree

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def _summary(results: list[layzner.LoadResult]) -> list[tuple[str, object, str]]:
    """Return what identifies each result: its path, its series, and its error as text."""
    return [
        (r.path, r.series, "" if r.error is None else f"{type(r.error).__name__}: {r.error}")
        for r in results
    ]


def test_a_card_catalog_yields_one_result_per_card_in_name_order(catalog_sample: Path) -> None:
    """Every card of the sample gives one result, in the order of folder and file names."""
    results = list(layzner.load_many(catalog_sample))
    cards = sorted(
        (p for p in (catalog_sample / "catalog").glob("*/*.md") if not p.name.startswith(".")),
        key=lambda p: (p.parent.name, p.name),
    )
    assert [r.path for r in results] == [str(p) for p in cards]
    assert len(results) > 100
    assert sum(r.ok for r in results) >= 0.98 * len(results)


def test_the_catalog_folder_itself_loads_the_same(catalog_sample: Path) -> None:
    """Naming the ``catalog`` folder, or the folder that holds it, loads the same works."""
    inner = list(itertools.islice(layzner.load_many(catalog_sample / "catalog"), 20))
    outer = list(itertools.islice(layzner.load_many(catalog_sample), 20))
    assert _summary(inner) == _summary(outer)


def test_each_work_of_a_franchise_lists_the_others_as_related(catalog_sample: Path) -> None:
    """A work's related entries are the other cards of its folder: their titles and media types."""
    results = [r for r in layzner.load_many(catalog_sample) if r.series is not None]
    by_folder: dict[Path, list[layzner.LoadResult]] = {}
    for result in results:
        by_folder.setdefault(Path(result.path).parent, []).append(result)
    assert any(len(works) >= 3 for works in by_folder.values())
    types = {"tv-serie": "TV", "manga": "Manga", "movie": "Movie", "light-novel": "Light Novel"}
    for works in by_folder.values():
        for result in works:
            assert result.series is not None
            others = [w for w in works if w is not result]
            related = result.series.related
            assert [r.id for r in related] == [w.series.id for w in others if w.series]
            for entry, other in zip(related, others, strict=True):
                title, type_ = stated(Path(other.path))
                assert entry.title == title
                assert entry.media_type == types.get(type_, entry.media_type)


def test_catalog_ids_are_unique_and_name_the_franchise_only_when_needed(tmp_path: Path) -> None:
    """A work's id is its card's name, with its folder's in front unless already there."""
    write_tree(
        tmp_path,
        {
            "dear/en-US_dear.md": card("Dear"),
            "dear/en-US_dear-tv-serie.md": card("Dear"),
            "ookami-san/en-US_dear.md": card("Dear", "manga"),
        },
    )
    ids = [r.series.id for r in layzner.load_many(tmp_path) if r.series]
    assert ids == ["dear-tv-serie", "dear", "ookami-san-dear"]


def test_a_folder_holding_x_and_franchise_x_gives_two_ids(tmp_path: Path) -> None:
    """``atom/x`` and ``atom/atom-x`` would share ``atom-x``; the first puts the franchise last."""
    write_tree(
        tmp_path,
        {
            "atom/en-US_atom-tetsuwan-tv-serie.md": card("Atom 1980"),
            "atom/en-US_tetsuwan-tv-serie.md": card("Atom 1963"),
        },
    )
    ids = [r.series.id for r in layzner.load_many(tmp_path) if r.series]
    assert ids == ["atom-tetsuwan-tv-serie", "tetsuwan-tv-serie-atom"]


def test_names_that_one_slug_would_merge_keep_apart_and_the_plain_name_keeps_its_id(
    tmp_path: Path,
) -> None:
    """``boy-skirt/`` and ``boy☆-skirt/``, ``family/family-complex`` and ``family-complex/``, ``x♡`` and ``x♥`` in one folder: each has its own id."""
    write_tree(
        tmp_path,
        {
            "boy-skirt/en-US_boy-skirt.md": card("Boy Skirt", "manga"),
            "boy☆-skirt/en-US_boy☆-skirt.md": card("Boy☆Skirt", "manga"),
            "family/en-US_family-complex.md": card("Family Complex", "manga"),
            "family-complex/en-US_family-complex.md": card("Family Complex", "manga"),
            "minna♥/en-US_minna♡.md": card("Minna♡", "manga"),
            "minna♥/en-US_minna♥.md": card("Minna♥", "manga"),
        },
    )
    results = list(layzner.load_many(tmp_path))
    assert [r.error for r in results] == [None] * 6
    ids = [r.series.id for r in results if r.series]
    assert ids[0] == "boy-skirt"
    assert re.fullmatch(r"boy-skirt-[0-9a-f]{6}", ids[1])
    assert ids[2:4] == ["family-family-complex", "family-complex"]
    assert re.fullmatch(r"minna-[0-9a-f]{6}", ids[4])
    assert re.fullmatch(r"minna-[0-9a-f]{6}", ids[5])
    assert len(set(ids)) == 6
    assert all(layzner.slugify(id_) == id_ for id_ in ids)


def test_cards_of_one_work_in_several_locales_load_as_one_series(tmp_path: Path) -> None:
    """``en-US_x.md`` and ``pt-BR_x.md`` in one folder are two documents of one work."""
    write_tree(
        tmp_path,
        {
            "kaze/en-US_kaze.md": card("Kaze", start="1990-04-05"),
            "kaze/pt-BR_kaze.md": card("Kaze", episodes=26),
        },
    )
    (result,) = layzner.load_many(tmp_path)
    assert result.series is not None
    assert [s.id for s in result.series.sources] == ["en-US_kaze", "pt-BR_kaze"]
    assert result.series.related == ()


def test_files_that_are_not_cards_are_passed_over(tmp_path: Path) -> None:
    """A cover image beside the cards and a README beside the folders are not works."""
    write_tree(
        tmp_path,
        {
            "README.md": "# Not a work\n",
            "kaze/en-US_kaze.md": card("Kaze"),
            "kaze/cover.jpg": b"\xff\xd8\xff\xe0",
            "kaze/.en-US_hidden.md": card("Hidden"),
        },
    )
    assert [r.path for r in layzner.load_many(tmp_path)] == [str(tmp_path / "kaze/en-US_kaze.md")]


def test_a_shelf_loads_each_folder_as_load_does() -> None:
    """Every real-card folder loads as ``load(folder)`` loads it; the README and LICENSE are no works."""
    results = list(layzner.load_many(REAL_CARDS))
    folders = sorted(p for p in REAL_CARDS.iterdir() if p.is_dir())
    assert [r.path for r in results] == [str(p) for p in folders]
    for result in results[::97]:
        try:
            expected: object = layzner.load(result.path)
        except layzner.LayznerError as error:
            expected = str(error)
        assert (result.series or str(result.error)) == expected
    assert all(r.series is None or r.series.related == () for r in results)


def test_a_folder_of_documents_alone_is_one_series() -> None:
    """The seeds folder, holding documents and no folders, is one work, loaded as load() loads it."""
    (result,) = layzner.load_many(SEEDS)
    assert result.series == layzner.load(SEEDS)
    assert result.path == str(SEEDS)


@pytest.mark.parametrize("workers", [2, 3])
def test_workers_yield_what_one_process_yields_in_the_same_order(
    catalog_sample: Path, workers: int
) -> None:
    """Loading in several processes gives the same results, failures included, in the same order."""
    alone = list(layzner.load_many(catalog_sample))
    together = list(layzner.load_many(catalog_sample, workers=workers))
    assert _summary(together) == _summary(alone)


def test_a_failing_work_is_reported_with_its_path_and_line_and_the_run_goes_on(
    tmp_path: Path,
) -> None:
    """A card that cannot be read is a result with an error naming file and line; the next loads."""
    write_tree(
        tmp_path,
        {
            "a/en-US_a.md": "# A\n\n-   **type**: tv-serie\n-   **episodes**: 1\xe9\n".encode(
                "latin-1"
            ),
            "b/en-US_b.md": card("B"),
        },
    )
    first, second = layzner.load_many(tmp_path)
    assert first.series is None
    assert isinstance(first.error, layzner.SourceReadError)
    assert first.error.path == str(tmp_path / "a/en-US_a.md")
    assert first.error.line == 4
    assert second.series is not None
    assert second.series.title == "B"


def test_on_error_raise_stops_at_the_first_failure(tmp_path: Path) -> None:
    """With on_error="raise", the first failing work's error is raised, after the works before it."""
    write_tree(
        tmp_path, {"a/en-US_a.md": card("A"), "b/en-US_b.md": b"\xff", "c/en-US_c.md": card("C")}
    )
    seen = []
    with pytest.raises(layzner.SourceReadError, match=r"en-US_b\.md"):
        seen.extend(r.path for r in layzner.load_many(tmp_path, on_error="raise"))
    assert seen == [str(tmp_path / "a/en-US_a.md")]


def test_a_second_work_with_an_id_already_seen_fails(tmp_path: Path) -> None:
    """Two shelf folders of one title would share an id; the later one fails and names it."""
    write_tree(tmp_path, {"one/card.md": card("Kaze"), "two/card.md": card("Kaze", "movie")})
    first, second = layzner.load_many(tmp_path)
    assert first.series is not None
    assert second.series is None
    assert isinstance(second.error, layzner.DuplicateSeriesError)
    assert "'kaze'" in str(second.error)


def test_works_load_as_they_are_asked_for(tmp_path: Path) -> None:
    """The second work is read only after the first result is taken: a change in between shows."""
    write_tree(tmp_path, {"a/en-US_a.md": card("A"), "b/en-US_b.md": card("B")})
    results = layzner.load_many(tmp_path)
    assert next(results).ok
    (tmp_path / "b/en-US_b.md").write_bytes(b"\xff")
    assert isinstance(next(results).error, layzner.SourceReadError)


def test_the_layout_can_be_named(tmp_path: Path) -> None:
    """layout="catalog" reads cards not named after a locale as works of a franchise."""
    write_tree(tmp_path, {"kaze/first.md": card("Kaze"), "kaze/second.md": card("Kaze 2")})
    as_catalog = [r.series.title for r in layzner.load_many(tmp_path, layout="catalog") if r.series]
    assert as_catalog == ["Kaze", "Kaze 2"]
    (as_shelf,) = layzner.load_many(tmp_path, layout="shelf")
    assert isinstance(as_shelf.error, layzner.InconsistentSeriesError)


def test_a_missing_root_or_bad_argument_fails_at_once(tmp_path: Path) -> None:
    """A missing root, a file as root, or a bad argument fails when load_many is called."""
    with pytest.raises(layzner.SourceNotFoundError):
        layzner.load_many(tmp_path / "missing")
    (tmp_path / "file.md").write_text(card("A"), encoding="utf-8")
    with pytest.raises(layzner.SourceReadError, match="not a directory"):
        layzner.load_many(tmp_path / "file.md")
    for bad in ({"workers": 0}, {"workers": True}, {"on_error": "skip"}, {"layout": "tree"}):
        with pytest.raises(ValueError, match="must be"):
            layzner.load_many(tmp_path, **bad)  # type: ignore[arg-type]


def test_an_empty_root_yields_nothing(tmp_path: Path) -> None:
    """A folder with nothing in it holds no work."""
    assert list(layzner.load_many(tmp_path)) == []


def test_strict_fails_a_work_with_an_unreadable_value(tmp_path: Path) -> None:
    """A date that is no date costs its line by default, and the work with strict=True."""
    bad = card("Kaze").replace("-   **episodes**: 12", "-   **start-date**: 1985-13-40")
    write_tree(tmp_path, {"kaze/en-US_kaze.md": bad, "sora/en-US_sora.md": card("Sora")})
    lenient = list(layzner.load_many(tmp_path))
    assert all(r.ok for r in lenient)
    kaze, sora = layzner.load_many(tmp_path, strict=True, workers=2)
    assert isinstance(kaze.error, layzner.SourceFormatError)
    assert (kaze.error.path, kaze.error.line) == (str(tmp_path / "kaze/en-US_kaze.md"), 4)
    assert sora.ok


def _franchise(tmp_path: Path, **cards: str) -> dict[str, layzner.Series]:
    """Write one franchise folder of *cards* (work name to text) and load it, by work name."""
    write_tree(tmp_path, {f"kaze/en-US_{name}.md": text for name, text in cards.items()})
    results = list(layzner.load_many(tmp_path))
    return {Path(r.path).stem.removeprefix("en-US_"): r.series for r in results if r.series}


def test_a_tv_series_after_the_franchise_manga_has_manga_as_its_likely_source(
    tmp_path: Path,
) -> None:
    """With no document stating it, a TV series whose franchise's manga came first is from a manga."""
    works = _franchise(
        tmp_path,
        **{
            "kaze-manga": card("Kaze", "manga", start="1998-02-01"),
            "kaze-tv-serie": card("Kaze", start="2001-04-05"),
        },
    )
    tv = works["kaze-tv-serie"]
    assert tv.source_material == "Manga"
    assert works["kaze-manga"].source_material is None
    cited = [(e.source, e.text) for e in tv.provenance("source_material")]
    assert cited == [
        ("en-US_kaze-manga", "-   **type**: manga"),
        ("en-US_kaze-manga", "-   **start-date**: 1998-02-01"),
        ("en-US_kaze-tv-serie", "-   **start-date**: 2001-04-05"),
    ]
    assert tv.source("en-US_kaze-manga").format == "card"
    page = layzner.export(tv, "mal")
    assert page is not None
    assert b'data-row="source"><span class="dark">Source:</span> Manga<' in page


@pytest.mark.parametrize(
    ("cards", "expected"),
    [
        ({"kaze-manga": card("Kaze", "manga", start="2003-01-01")}, None),
        ({"kaze-manga": card("Kaze", "manga", start="2001")}, None),
        ({"kaze-light-novel": card("Kaze", "light-novel", start="1999-01-01")}, "Light novel"),
        (
            {
                "kaze-manga": card("Kaze", "manga", start="1999-01-01"),
                "kaze-light-novel": card("Kaze", "light-novel", start="1999-01-01"),
            },
            None,
        ),
        (
            {
                "kaze-manga": card("Kaze", "manga", start="2000-01-01"),
                "kaze-movie": card("Kaze Movie", "movie", start="1999-01-01"),
            },
            None,
        ),
        ({"kaze-ova": card("Kaze OVA", "ova", start="1990-01-01")}, None),
    ],
    ids=[
        "manga-later",
        "manga-same-year",
        "light-novel",
        "two-kinds-at-once",
        "anime-first",
        "no-print",
    ],
)
def test_the_likely_source_needs_a_print_work_before_every_anime(
    tmp_path: Path, cards: dict[str, str], expected: str | None
) -> None:
    """Only a manga or light novel certainly older than all the franchise's anime makes a source."""
    works = _franchise(tmp_path, **cards, **{"kaze-tv-serie": card("Kaze", start="2001-04-05")})
    assert works["kaze-tv-serie"].source_material == expected


def test_a_stated_source_is_never_replaced(tmp_path: Path) -> None:
    """A source a document states stays, even beside an older manga."""
    stated_card = (
        card("Kaze", start="2001-04-05") + "\n## Sinopse\n\nBased on the light novel by Someone.\n"
    )
    works = _franchise(
        tmp_path,
        **{"kaze-manga": card("Kaze", "manga", start="1998-02-01"), "kaze-tv-serie": stated_card},
    )
    tv = works["kaze-tv-serie"]
    assert tv.source_material is not None
    assert tv.source_material != "Manga"
    assert all(e.source == "en-US_kaze-tv-serie" for e in tv.provenance("source_material"))


def test_every_likely_source_in_the_sample_rests_on_an_older_print_card(
    catalog_sample: Path,
) -> None:
    """Each TV series given a source from its franchise has a print card there dated before all its anime."""
    start = re.compile(r"^-   \*\*start-date\*\*: (\d{4}-\d{2}-\d{2})$", re.MULTILINE)
    given = 0
    for result in layzner.load_many(catalog_sample):
        series = result.series
        cited = series.provenance("source_material") if series else ()
        own = Path(result.path).stem
        if series is None or all(e.source == own for e in cited):
            continue  # no source, or one its own card states
        given += 1
        folder = Path(result.path).parent
        dated = {}
        for path in folder.glob("*.md"):
            match = start.search(path.read_text(encoding="utf-8"))
            if match:
                dated[path] = (stated(path)[1], match[1])
        anime = [
            day for kind, day in dated.values() if kind not in {"manga", "light-novel", "manhwa"}
        ]
        kind = {"Manga": "manga", "Light novel": "light-novel"}[series.source_material or ""]
        assert any(k == kind and all(day < a for a in anime) for k, day in dated.values()), (
            result.path
        )
    assert given >= 5
