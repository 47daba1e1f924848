"""Many works out: JSON Lines, one Anki package, a folder of pages with index.html, and the CLI."""

from __future__ import annotations

import fcntl
import os
import pty
import re
import struct
import subprocess
import termios
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import html5lib
import jsonschema
import orjson
import pytest

import layzner
from layzner.testing import registered_plugin

from .support.anki import collection, import_package
from .support.catalog import card, write_tree
from .support.chromium import run_chromium
from .support.processes import CLI, cli

# One line, and nothing a terminal would draw a bar with.
_SUMMARY = re.compile(
    r"[\d,]+ works? written to .+, [\d,]+ skipped by the filter, [\d,]+ failed.*\n"
)


@pytest.fixture(scope="module")
def works(catalog_sample: Path) -> list[layzner.Series]:
    """Load the sample catalog once for this module."""
    return [r.series for r in layzner.load_many(catalog_sample) if r.series is not None]


def _guids_by_deck(data: bytes, tmp_path: Path, name: str) -> dict[str, set[str]]:
    """Import *data* into a fresh Anki collection; return each deck's note GUIDs."""
    with collection(tmp_path, name) as col:
        result = import_package(col, data, tmp_path, f"{name}.apkg")
        assert result.conflicting == 0
        decks: dict[str, set[str]] = {}
        for note_id in col.find_notes(""):
            note = col.get_note(note_id)
            deck = col.decks.name(note.cards()[0].did)
            decks.setdefault(deck, set()).add(note.guid)
        return decks


# -- JSON Lines ----------------------------------------------------------------


def test_jsonl_lines_validate_and_read_back_one_by_one(works: list[layzner.Series]) -> None:
    """Each line of a many-work export is valid under the schema and from_json gives the series back."""
    data = layzner.export_many(works, "jsonl")
    assert data is not None
    lines = data.decode("utf-8").splitlines()
    assert len(lines) == len(works)
    validator = jsonschema.Draft202012Validator(layzner.json_schema())
    for line, series in zip(lines, works, strict=True):
        validator.validate(orjson.loads(line))
        assert layzner.from_json(line) == series


def test_jsonl_of_one_series_is_its_json_form_on_one_line() -> None:
    """Exporting one series as jsonl gives to_json's bytes and a newline."""
    series = layzner.load()
    assert layzner.export(series, "jsonl") == layzner.to_json(series) + b"\n"
    trimmed = layzner.export(series, "jsonl", provenance=False)
    assert trimmed is not None
    assert "evidence" not in orjson.loads(trimmed)


# -- Anki ------------------------------------------------------------------------


def test_an_anki_package_of_one_work_is_the_single_export(works: list[layzner.Series]) -> None:
    """A many-work package holding one work is byte for byte that work's own export."""
    for series in works[:: max(1, len(works) // 5)]:
        try:
            alone = layzner.export(series, "anki")
        except layzner.ExportError:
            continue  # a work with nothing but its title has no deck either way
        assert layzner.export_many([series], "anki") == alone


def test_a_many_work_package_imports_with_a_deck_per_work_and_the_single_guids(
    works: list[layzner.Series], tmp_path: Path
) -> None:
    """In Anki, each work has its deck under Anime:: or Manga::, holding its single export's notes."""
    chosen = [s for s in works if s.media_type in {"TV", "Manga", "Movie"}][:8]
    assert {s.media_type for s in chosen} >= {"TV", "Manga"}
    data = layzner.export_many(chosen, "anki")
    assert data is not None
    together = _guids_by_deck(data, tmp_path, "together")
    assert len(together) == len(chosen)
    for series in chosen:
        single = layzner.export(series, "anki")
        assert single is not None
        ((deck, guids),) = _guids_by_deck(single, tmp_path, f"alone-{series.id}").items()
        assert deck.startswith("Manga::" if series.media_type == "Manga" else "Anime::")
        assert together[deck] == guids


def test_the_readme_command_writes_a_mecha_deck_with_a_bar_free_summary(
    catalog_sample: Path, tmp_path: Path
) -> None:
    """The README's catalog command (on the sample) writes a package Anki imports, and one summary line."""
    result = cli(
        "--catalog", str(catalog_sample), "--where", "type=TV", "--where", "tag=action",
        "--format", "anki", "-o", "action.apkg", "-j", "2", cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert _SUMMARY.fullmatch(result.stderr), result.stderr
    written = int(result.stderr.split()[0].replace(",", ""))
    assert written > 0
    decks = _guids_by_deck((tmp_path / "action.apkg").read_bytes(), tmp_path, "readme")
    assert len(decks) == written
    assert all(deck.startswith("Anime::") for deck in decks)


# -- a folder of pages -----------------------------------------------------------


def test_mal_pages_and_their_index_open_in_chromium(catalog_sample: Path, tmp_path: Path) -> None:
    """Each work's page lands in the folder, and every index.html link opens that page in Chromium."""
    out = tmp_path / "pages"
    result = cli(
        "--catalog",
        str(catalog_sample),
        "--where",
        "type=TV,Manga",
        "--format",
        "mal",
        "-o",
        str(out),
    )
    assert result.returncode == 0, result.stderr
    pages = sorted(p.name for p in out.iterdir() if p.name != "index.html")
    assert len(pages) == int(result.stderr.split()[0])
    index = html5lib.parse(
        run_chromium(tmp_path, "--dump-dom", (out / "index.html").as_uri()).stdout,
        namespaceHTMLElements=False,
    )
    links = {a.get("href", ""): "".join(a.itertext()) for a in index.iter("a")}
    assert sorted(links) == pages
    for href, title in list(links.items())[:3]:
        page = html5lib.parse(
            run_chromium(tmp_path, "--dump-dom", (out / href).as_uri()).stdout,
            namespaceHTMLElements=False,
        )
        heading = page.find(".//h1")
        assert heading is not None
        assert " ".join("".join(heading.itertext()).split()) == " ".join(title.split())


def test_a_related_work_shows_under_related_entries(works: list[layzner.Series]) -> None:
    """The MAL page of a work with related works lists each as "Title (Type)"."""
    series = next(s for s in works if len(s.related) >= 2)
    page = layzner.export(series, "mal")
    assert page is not None
    root: ET.Element = html5lib.parse(page, namespaceHTMLElements=False)
    rows = {
        div.get("data-row"): " ".join("".join(div.itertext()).split())
        for div in root.iter("div")
        if (div.get("data-row") or "").startswith("related-")
    }
    text = " ".join(rows.values())
    for work in series.related:
        assert f"{work.title} ({work.media_type})" in text


def test_a_single_work_page_has_no_related_entries() -> None:
    """A series loaded on its own shows no Related Entries heading."""
    page = layzner.export(layzner.load(), "mal")
    assert page is not None
    assert b"Related Entries" not in page


# -- the command line ------------------------------------------------------------


def _broken_catalog(tmp_path: Path) -> Path:
    return write_tree(
        tmp_path / "shelf",
        {
            "a/en-US_a.md": card("Alpha", start="1985-04-01", tags=("mecha",)),
            "b/en-US_b.md": b"# Beta\n\xff\n",
            "c/en-US_c.md": card("Gamma", "manga", start="1986-01-01"),
            "c/en-US_c-tv-serie.md": card("Gamma", start="1987-01-01", tags=("mecha",)),
        },
    )


def test_failed_works_exit_1_and_the_others_are_written_completely(tmp_path: Path) -> None:
    """A failed work makes the exit code 1 and is named in the summary; every other work is written."""
    root = _broken_catalog(tmp_path)
    result = cli("--catalog", str(root), "--format", "jsonl")
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1
    assert "3 works written to stdout, 0 skipped by the filter, 1 failed (first: " in result.stderr
    assert "en-US_b.md:2: not UTF-8" in result.stderr
    lines = result.stdout.splitlines()
    assert [layzner.from_json(line).title for line in lines] == ["Alpha", "Gamma", "Gamma"]


def test_the_filter_counts_what_it_skips(tmp_path: Path) -> None:
    """Works the filter rejects are counted as skipped, not failed; exit 0 when none failed."""
    root = _broken_catalog(tmp_path)
    (root / "b" / "en-US_b.md").unlink()
    result = cli(
        "--catalog",
        str(root),
        "--format",
        "jsonl",
        "--where",
        "tag=mecha",
        "-o",
        str(tmp_path / "out.jsonl"),
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr.startswith("2 works written to ")
    assert ", 1 skipped by the filter, 0 failed" in result.stderr


@pytest.mark.parametrize("format_", ["jsonl", "anki"])
def test_output_is_byte_identical_for_any_number_of_jobs(
    catalog_sample: Path, tmp_path: Path, format_: str
) -> None:
    """-j 1 and -j 2 write the same bytes."""
    outputs = []
    for jobs in ("1", "2"):
        out = tmp_path / f"out-{jobs}.{format_}"
        result = cli(
            "--catalog", str(catalog_sample), "--format", format_, "-o", str(out), "-j", jobs
        )
        assert result.returncode in {0, 1}, result.stderr
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]


def test_a_terminal_gets_a_progress_bar_on_stderr(tmp_path: Path) -> None:
    """With stderr on a terminal, a bar with the count, rate and time left is drawn there."""
    root = _broken_catalog(tmp_path)
    leader, follower = pty.openpty()
    # A new pseudo-terminal is 0 columns wide, too narrow for any bar.
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))
    try:
        process = subprocess.run(
            [str(CLI), "--catalog", str(root), "--format", "jsonl", "-o", str(tmp_path / "o.jsonl")],
            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=follower,
            check=False, timeout=120,
        )  # fmt: skip
        os.close(follower)
        drawn = b""
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the terminal closed
                break
            if not chunk:
                break
            drawn += chunk
    finally:
        os.close(leader)
    assert process.returncode == 1
    text = drawn.decode("utf-8", "replace")
    # tqdm's bar: done/total [elapsed<time left, rate]
    assert re.search(r"\d/4 \[\d\d:\d\d<(\?|\d\d:\d\d), [^\]]*work/s\]", text), text
    assert "3 works written to" in text


def test_a_pipe_gets_no_bar(tmp_path: Path) -> None:
    """With stderr not a terminal, stderr holds the summary line and nothing else."""
    root = _broken_catalog(tmp_path)
    result = cli("--catalog", str(root), "--format", "jsonl", "-o", str(tmp_path / "o.jsonl"))
    assert _SUMMARY.fullmatch(result.stderr), result.stderr
    assert "\r" not in result.stderr
    assert "\x1b" not in result.stderr


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--format", "jsonl", "--where", "type=TV"], "only go with --catalog"),
        (["--format", "jsonl", "-j", "2"], "only go with --catalog"),
        (["--format", "jsonl", "--catalog", ".", "-j", "0"], "whole number >= 1"),
        (["--format", "jsonl", "--catalog", ".", "--where", "typ=TV"], "did you mean 'type'"),
        (["--format", "mal", "--catalog", "."], "writes one file per work"),
        (
            ["--format", "jsonl", "--catalog", ".", "--seeds", "."],
            "cannot be combined with --seeds",
        ),
        (["--explain", "--catalog", "."], "cannot be combined with --catalog"),
    ],
)
def test_catalog_usage_errors_exit_2_in_one_line(arguments: list[str], message: str) -> None:
    """Misused catalog flags are one line on stderr and exit code 2."""
    result = cli(*arguments)
    assert result.returncode == 2
    assert message in result.stderr
    assert result.stderr.count("\n") == 1


def test_a_missing_catalog_is_one_error_line(tmp_path: Path) -> None:
    """A --catalog root that does not exist exits 1 with one line naming it."""
    result = cli("--catalog", str(tmp_path / "nowhere"), "--format", "jsonl")
    assert result.returncode == 1
    assert "nowhere: no such directory" in result.stderr


# -- third-party exporters ---------------------------------------------------------


def _plugin(**exporter: Callable[..., object]) -> object:
    class Plugin:
        @layzner.hookimpl
        def layzner_register_exporters(self, register: Callable[[layzner.Exporter], None]) -> None:
            register(
                layzner.Exporter(
                    name="titles", description="titles", extension=".txt",
                    media_type="text/plain", binary=False, **exporter,  # type: ignore[arg-type]
                )
            )  # fmt: skip

    return Plugin()


def test_a_plugin_with_export_many_is_given_every_series_in_one_context(
    works: list[layzner.Series],
) -> None:
    """An exporter that declares export_many gets one ExportManyContext over all the series."""
    contexts = []

    def export_many(context: layzner.ExportManyContext) -> None:
        contexts.append(context)
        for series in context.works:
            context.write_text(series.title + "\n")

    def export(context: layzner.ExportContext) -> None:
        raise AssertionError("export() is for one series")

    with registered_plugin(_plugin(export=export, export_many=export_many), distribution="titles"):
        data = layzner.export_many(works, "titles")
    assert len(contexts) == 1
    assert data == "".join(s.title + "\n" for s in works).encode()


def test_export_many_is_isolated_as_export_is(works: list[layzner.Series]) -> None:
    """export_many's sys.exit() is a PluginError naming it, and a summary that is no str a warning."""

    def exits(context: layzner.ExportManyContext) -> None:
        raise SystemExit(4)

    def counts(context: layzner.ExportManyContext) -> int:
        return sum(1 for _ in context.works)

    def export(context: layzner.ExportContext) -> None:
        raise AssertionError("export() is for one series")

    exiting = _plugin(export=export, export_many=exits)
    with (
        registered_plugin(exiting, distribution="titles"),
        pytest.raises(layzner.PluginError, match=r"called sys\.exit\(4\) while exporting"),
    ):
        layzner.export_many(works[:2], "titles")
    counting = _plugin(export=export, export_many=counts)
    with (
        registered_plugin(counting, distribution="titles"),
        pytest.warns(layzner.PluginWarning, match=r"export_many\(\) returned int 2"),
    ):
        assert layzner.export_many(works[:2], "titles") == b""


def test_a_plugin_without_export_many_writes_a_file_per_work(
    works: list[layzner.Series], tmp_path: Path
) -> None:
    """An exporter with only export() is run once per series, into a folder with an index."""

    def export(context: layzner.ExportContext) -> None:
        context.write_text(context.series.title)

    with registered_plugin(_plugin(export=export), distribution="titles"):
        assert layzner.export_many(works[:5], "titles", tmp_path) is None
        with pytest.raises(layzner.ExportError, match="give a folder"):
            layzner.export_many(works[:5], "titles")
    for series in works[:5]:
        assert (tmp_path / f"{series.id}.txt").read_text(encoding="utf-8") == series.title
    assert (tmp_path / "index.html").exists()


def test_the_cli_runs_an_in_process_plugin_with_several_jobs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A plugin that cannot be sent to worker processes (a local function) still exports, its step done here."""
    from layzner import cli as cli_module

    root = _broken_catalog(tmp_path)

    def export(context: layzner.ExportContext) -> None:
        context.write_text(context.series.title)

    with registered_plugin(_plugin(export=export), distribution="titles"):
        code = cli_module.main(
            ["--catalog", str(root), "--format", "titles", "-o", str(tmp_path / "t"), "-j", "2"]
        )
    assert code == 1
    assert sorted(p.name for p in (tmp_path / "t").iterdir()) == [
        "a.txt", "c-tv-serie.txt", "c.txt", "index.html",
    ]  # fmt: skip
    assert "3 works written" in capsys.readouterr().err


def test_strict_on_the_command_line_fails_such_works(tmp_path: Path) -> None:
    """--strict with --catalog counts a work with an unreadable value as failed."""
    bad = card("Kaze").replace("-   **episodes**: 12", "-   **start-date**: 1985-13-40")
    root = write_tree(
        tmp_path / "shelf", {"kaze/en-US_kaze.md": bad, "sora/en-US_sora.md": card("Sora")}
    )
    assert cli("--catalog", str(root), "--format", "jsonl").returncode == 0
    strict = cli("--catalog", str(root), "--format", "jsonl", "--strict")
    assert strict.returncode == 1
    assert "1 work written to stdout, 0 skipped by the filter, 1 failed" in strict.stderr
    assert "en-US_kaze.md:4:" in strict.stderr


def test_a_failing_many_work_export_leaves_the_file_as_it_was(
    works: list[layzner.Series], tmp_path: Path
) -> None:
    """An export_many that fails halfway replaces nothing and leaves no temporary file."""

    def export_many(context: layzner.ExportManyContext) -> None:
        for index, series in enumerate(context.works):
            context.write_text(series.title + "\n")
            if index == 2:
                raise layzner.ExportError("stopped on purpose")

    def export(context: layzner.ExportContext) -> None:
        context.write_text(context.series.title)

    target = tmp_path / "out.txt"
    target.write_text("before\n", encoding="utf-8")
    with (
        registered_plugin(_plugin(export=export, export_many=export_many), distribution="titles"),
        pytest.raises(layzner.ExportError, match="stopped on purpose"),
    ):
        layzner.export_many(works, "titles", target)
    assert target.read_text(encoding="utf-8") == "before\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.txt"]
