"""layzner-export, run in a subprocess as a user runs it."""

from __future__ import annotations

import json
import os
import pty
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import layzner

from .support.processes import CLI, NOISY, ROOT, cli, exporter_module, make_distribution, run

FAILING = """
import layzner

def _export(context):
    context.output.write(b"partial")
    raise RuntimeError("disk on fire")

def _binary(context):
    context.output.write(b"\\x00\\x01binary")
    return "2 bytes of payload"

@layzner.hookimpl
def layzner_register_exporters(register):
    register(layzner.Exporter(name="failing", description="fails", extension=".txt",
        media_type="text/plain", binary=False, export=_export))
    register(layzner.Exporter(name="bin", description="binary", extension=".bin",
        media_type="application/octet-stream", binary=True, export=_binary))
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A distribution providing a failing text format and a binary format with a summary."""
    return make_distribution(
        tmp_path_factory.mktemp("cli-site"),
        "cli-test",
        {"failing": "cli_mod", "bin": "cli_mod"},
        {"cli_mod": FAILING},
    )


def test_help_and_version() -> None:
    """--help prints usage and exits 0; --version prints the installed version."""
    result = cli("--help")
    assert result.returncode == 0
    assert result.stdout.startswith("usage: layzner-export")
    result = cli("--version")
    assert (result.returncode, result.stdout) == (0, f"layzner-export {layzner.__version__}\n")


def test_python_dash_m_is_the_same_program() -> None:
    """python -m layzner behaves as layzner-export."""
    assert run([sys.executable, "-m", "layzner", "--version"]).stdout == cli("--version").stdout


def test_json_goes_to_stdout_and_matches_the_api() -> None:
    """A text format writes to stdout by default, the same bytes as layzner.export."""
    result = subprocess.run(
        [str(CLI), "--format", "json", "-O", "provenance=true"], capture_output=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == layzner.export(layzner.load(), "json", provenance=True)
    assert result.stderr == b""


def test_output_path_is_written_and_reported(tmp_path: Path) -> None:
    """-o PATH writes the file and prints its path on stderr."""
    target = tmp_path / "series.json"
    result = cli("--format", "json", "-o", str(target), "-O", "indent=0")
    assert result.returncode == 0, result.stderr
    assert json.loads(target.read_bytes())["title"] == layzner.load().title
    assert result.stderr == f"wrote {target}\n"


def test_seeds_dir_loads_another_series(tmp_path: Path) -> None:
    """--seeds DIR exports the series read from DIR."""
    seeds = tmp_path / "seeds"
    shutil.copytree(ROOT / "seeds", seeds)
    result = cli("--format", "json", "--seeds", str(seeds), "-O", "provenance=true")
    assert result.returncode == 0, result.stderr
    paths = {source["path"] for source in json.loads(result.stdout)["sources"]}
    assert paths
    assert all(str(seeds) in path for path in paths)


def test_binary_format_writes_series_id_file_in_the_current_directory(
    tmp_path: Path, site: Path
) -> None:
    """A binary format writes <series-id><ext> in the cwd, reports the path and the summary."""
    result = cli("--format", "bin", pythonpath=(site,), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    expected = tmp_path / f"{layzner.load().id}.bin"
    assert expected.read_bytes() == b"\x00\x01binary"
    assert result.stderr.splitlines() == [f"wrote {expected.name}", "2 bytes of payload"]


def test_binary_format_refuses_a_terminal(site: Path) -> None:
    """A binary format with -o - exits 2 when stdout is a terminal, writing nothing to it."""
    controller, terminal = pty.openpty()
    env = {k: v for k, v in os.environ.items() if not k.startswith("LAYZNER_")}
    env["PYTHONPATH"] = str(site)
    try:
        result = subprocess.run(
            [str(CLI), "--format", "bin", "-o", "-"],
            stdout=terminal,
            stderr=subprocess.PIPE,
            env=env,
            check=False,
            text=True,
        )
    finally:
        os.close(terminal)
    os.close(controller)
    assert result.returncode == 2
    assert "refusing to write it to a terminal" in result.stderr


def test_failing_exporter_exits_1_and_keeps_the_existing_file(tmp_path: Path, site: Path) -> None:
    """A failing export is exit 1, one stderr line, and the old output file stays intact."""
    target = tmp_path / "out.txt"
    target.write_text("previous")
    result = cli("--format", "failing", "-o", str(target), pythonpath=(site,))
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "layzner-export: error: format 'failing' failed: RuntimeError: disk on fire"
    ]
    assert target.read_text() == "previous"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.txt"]
    result = cli("--format", "failing", pythonpath=(site,))
    assert (result.returncode, result.stdout) == (1, "")


@pytest.fixture(scope="module")
def noisy_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A distribution whose exporters call sys.exit(0) and print to stdout."""
    return make_distribution(
        tmp_path_factory.mktemp("noisy-site"),
        "cli-noisy",
        {"exits": "noisy_mod", "chatty": "noisy_mod"},
        {"noisy_mod": NOISY},
    )


def test_an_exporter_calling_sys_exit_is_a_plugin_error(tmp_path: Path, noisy_site: Path) -> None:
    """sys.exit(0) in an exporter is exit 1 with one line naming the plugin, and writes nothing."""
    target = tmp_path / "out.txt"
    for output in ("-", str(target)):
        result = cli("--format", "exits", "-o", output, pythonpath=(noisy_site,))
        assert (result.returncode, result.stdout) == (1, "")
        (line,) = result.stderr.splitlines()
        assert line.startswith("layzner-export: error: plugin cli-noisy 1.0 (entry point 'exits")
        assert "called sys.exit(0) while exporting format 'exits'" in line
    assert not target.exists()


def test_plugin_output_never_lands_in_the_export_on_stdout(noisy_site: Path) -> None:
    """print() and os.write(1, ...) in an exporter go to stderr when the export goes to stdout."""
    for output in (("-o", "-"), (), ("-o", "/dev/stdout")):
        result = cli("--format", "chatty", *output, pythonpath=(noisy_site,))
        assert result.returncode == 0, result.stderr
        assert result.stdout == "the export\n"
        assert "print() from the plugin\n" in result.stderr
        assert "os.write(1) from the plugin\n" in result.stderr


def test_plugin_output_is_dropped_when_there_is_no_stderr(noisy_site: Path) -> None:
    """With stderr closed, what the plugin prints is lost rather than mixed into the export."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("LAYZNER_")}
    env["PYTHONPATH"] = str(noisy_site)
    result = subprocess.run(
        [str(CLI), "--format", "chatty"],
        stdout=subprocess.PIPE,
        preexec_fn=lambda: os.close(2),
        env=env,
        check=False,
    )
    assert (result.returncode, result.stdout) == (0, b"the export\n")


def test_messages_never_fall_back_to_stdout_without_stderr() -> None:
    """With stderr closed, the summary line is not appended to a binary export on stdout."""
    result = subprocess.run(
        [str(CLI), "--format", "anki", "-o", "-"],
        stdout=subprocess.PIPE,
        preexec_fn=lambda: os.close(2),
        check=False,
    )
    assert result.returncode == 0
    assert result.stdout == layzner.export(layzner.load(), "anki")


def test_plugin_output_never_lands_in_an_export_file(tmp_path: Path, noisy_site: Path) -> None:
    """Exporting to a file, the file holds only the export."""
    target = tmp_path / "out.txt"
    result = cli("--format", "chatty", "-o", str(target), pythonpath=(noisy_site,))
    assert result.returncode == 0, result.stderr
    assert target.read_text() == "the export\n"
    assert "print() from the plugin" in result.stderr


def test_debug_shows_the_traceback(site: Path) -> None:
    """--debug lets the traceback through."""
    result = cli("--format", "failing", "--debug", pythonpath=(site,))
    assert result.returncode == 1
    assert "Traceback" in result.stderr
    assert "disk on fire" in result.stderr


def test_missing_seeds_is_one_line_exit_1(tmp_path: Path) -> None:
    """A LayznerError while loading is exit 1 with one line and no traceback."""
    result = cli("--format", "json", "--seeds", str(tmp_path / "nowhere"))
    assert result.returncode == 1
    assert len(result.stderr.splitlines()) == 1
    assert result.stderr.startswith("layzner-export: error: ")
    assert "nowhere" in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "jsno"], "unknown format 'jsno'; did you mean 'json'? (available: "),
        (
            ["--format", "json", "-O", "colour=blue"],
            "has no option 'colour' (it accepts: indent, provenance)",
        ),
        (["--format", "json", "-O", "indent=4"], "option 'indent' must be one of 0, 2, got 4"),
        (["--format", "json", "-O", "provenance=maybe"], "takes true or false, got 'maybe'"),
        (["--format", "json", "-O", "indent"], "-O takes KEY=VALUE, got 'indent'"),
        ([], "required: --format"),
        (["--json"], "--json only goes with --list-formats"),
        (["--colour"], "unrecognized arguments: --colour"),
        (["--list-formats", "--format", "json"], "--list-formats cannot be combined with --format"),
        (["--list-formats", "-O", "indent=0"], "--list-formats cannot be combined with --option"),
        (["--list-formats", "-o", "x.json"], "--list-formats cannot be combined with --output"),
        (["--list-formats", "--seeds", "."], "--list-formats cannot be combined with --seeds"),
        (["--version", "--format", "json"], "--version cannot be combined with --format"),
        (["--version", "--list-formats"], "--version cannot be combined with --list-formats"),
        (["--list-formats", "--strict"], "--list-formats cannot be combined with --strict"),
        (["--explain", "--format", "json"], "--explain cannot be combined with --format"),
        (["--explain", "--quiet"], "--explain cannot be combined with --quiet"),
        (["help", "jsno"], "unknown format 'jsno'; did you mean 'json'?"),
        (["help", "json", "anki"], "help takes one format name, got 2"),
        (["--format", "jsno", "--help"], "unknown format 'jsno'"),
    ],
)
def test_usage_errors_exit_2_with_one_line(args: list[str], message: str) -> None:
    """Usage mistakes exit 2 with one line on stderr naming the problem."""
    result = cli(*args)
    assert result.returncode == 2
    (line,) = result.stderr.splitlines()
    assert line.startswith("layzner-export: error: ")
    assert message in line
    assert result.stdout == ""


def test_list_formats_table_and_json(site: Path) -> None:
    """--list-formats prints a table; --json prints the same formats as JSON."""
    table = cli("--list-formats", pythonpath=(site,))
    assert table.returncode == 0
    header, *rows = table.stdout.splitlines()
    assert header.split() == [
        "NAME",
        "EXT",
        "DISTRIBUTION",
        "VERSION",
        "STATUS",
        "OPTIONS",
        "DESCRIPTION",
    ]
    as_json = json.loads(cli("--list-formats", "--json", pythonpath=(site,)).stdout)
    assert [row.split()[0] for row in rows] == [item["name"] for item in as_json]
    by_name = {item["name"]: item for item in as_json}
    assert by_name["bin"]["binary"] is True
    assert by_name["json"]["options"]["indent"]["enum"] == [0, 2]
    brief = {row.split()[0]: row for row in rows}
    assert " indent=0|2 provenance=BOOL " in brief["json"]
    assert " subdecks=BOOL previous=TEXT " in brief["anki"]


def test_cli_docs_are_current() -> None:
    """docs/cli.md holds the current --help text (cog --check passes)."""
    result = run(
        [sys.executable, "-m", "cogapp", "--check", str(ROOT / "docs" / "cli.md")], cwd=ROOT
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_example_plugin_through_the_cli(jsonld_site: Path) -> None:
    """The pip-installed example plugin exports the bundled series through layzner-export."""
    result = cli("--format", "jsonld", "-O", "language=ja", pythonpath=(jsonld_site,))
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert (document["@type"], document["name"], document["inLanguage"]) == (
        "TVSeries",
        layzner.load().title,
        "ja",
    )


def test_format_json_with_a_broken_plugin_installed(tmp_path: Path) -> None:
    """--format json exports normally while another installed plugin cannot even be imported."""
    site = make_distribution(
        tmp_path,
        "layzner-broken",
        {"broken": "broken_mod"},
        {"broken_mod": "import no_such_module\n"},
    )
    result = cli("--format", "json", pythonpath=(site,))
    assert result.returncode == 0
    assert json.loads(result.stdout)["schema_version"] == 1
    assert result.stderr == ""


def test_shadowing_through_the_cli(tmp_path: Path) -> None:
    """A third-party json wins with a warning; --format layzner:json picks the built-in."""
    site = make_distribution(
        tmp_path,
        "shadow-json",
        {"json": "shadow_mod"},
        {"shadow_mod": exporter_module("json", "SHADOW")},
    )
    result = cli("--format", "json", pythonpath=(site,))
    assert result.stdout.startswith("SHADOW ")
    assert "shadows the built-in" in result.stderr
    result = cli("--format", "layzner:json", pythonpath=(site,))
    assert json.loads(result.stdout)["schema_version"] == 1


# -- discoverable options, the program's name, overwriting an input ----------------------

JSON_OPTIONS = """\
format json: The series as JSON (schema_version 1), optionally with sources and evidence.
  writes application/json (text), file extension .json

options of format 'json':
  -O indent=0|2               Spaces of indentation: 2, or 0 for one compact line. (an
                              integer; one of 0, 2; default 2)
  -O provenance=BOOL          Include sources, evidence, conflicts and unparsed lines.
                              (true or false; default false)
"""


@pytest.mark.parametrize(
    "args", [["help", "json"], ["--format", "json", "--help"], ["-h", "--format", "json"]]
)
def test_a_formats_options_are_listed_with_types_defaults_and_choices(args: list[str]) -> None:
    """'help json' and '--format json --help' (either order) describe every option of json."""
    result = cli(*args)
    assert result.returncode == 0, result.stderr
    assert result.stdout.endswith(JSON_OPTIONS)
    assert result.stderr == ""


def test_help_lists_every_kind_of_option_of_the_example_plugin(jsonld_site: Path) -> None:
    """The example plugin's str, int and bool options show their types, bounds and defaults."""
    result = cli("help", "jsonld", pythonpath=(jsonld_site,))
    assert result.returncode == 0, result.stderr
    text = " ".join(result.stdout.split())  # as read, whatever the line breaks
    assert "-O language=TEXT A BCP 47 tag" in text
    assert "(a string; default '')" in text
    assert "-O indent=INT Spaces of indentation" in text
    assert "(an integer; at least 0; at most 8; default 2)" in text
    assert "-O characters=BOOL List the characters" in text
    assert "(true or false; default true)" in text


def test_help_of_a_broken_format_gives_the_reason(tmp_path: Path) -> None:
    """'help NAME' for a broken plugin exits 1 with the reason it is broken."""
    site = make_distribution(
        tmp_path, "layzner-broken", {"broken": "broken_mod"}, {"broken_mod": "import nothing_\n"}
    )
    result = cli("help", "broken", pythonpath=(site,))
    assert result.returncode == 1
    assert "ModuleNotFoundError" in result.stderr.splitlines()[-1]


def test_the_program_is_named_as_it_was_invoked() -> None:
    """python -m layzner calls itself so in usage and errors; the console script by its name."""
    module = run([sys.executable, "-m", "layzner", "--help"])
    prog = f"{Path(sys.executable).name} -m layzner"
    assert module.stdout.startswith(f"usage: {prog} [-h]")
    error = run([sys.executable, "-m", "layzner", "--colour"])
    assert error.stderr.startswith(f"{prog}: error: unrecognized arguments: --colour")
    assert f"(see {prog} --help)" in error.stderr
    assert cli("--help").stdout.startswith("usage: layzner-export [-h]")


def test_an_export_never_replaces_the_previous_deck_without_force(tmp_path: Path) -> None:
    """Writing over the file -O previous names needs --force, and then warns before it does."""
    first = cli("--format", "anki", cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    (deck,) = tmp_path.glob("*.apkg")
    kept = deck.read_bytes()

    refused = cli("--format", "anki", "-O", f"previous={deck.name}", cwd=tmp_path)
    assert refused.returncode == 2
    (line,) = refused.stderr.splitlines()
    assert line.startswith(f"layzner-export: error: {deck.name} is the file named by -O previous")
    assert "--force" in line
    assert deck.read_bytes() == kept

    elsewhere = cli(
        "--format", "anki", "-O", f"previous={deck.name}", "-o", "new.apkg", cwd=tmp_path
    )
    assert elsewhere.returncode == 0, elsewhere.stderr
    assert (tmp_path / "new.apkg").exists()

    forced = cli("--format", "anki", "-O", f"previous={deck.name}", "--force", cwd=tmp_path)
    assert forced.returncode == 0, forced.stderr
    warning, wrote, *_summary = forced.stderr.splitlines()
    assert warning == (
        f"layzner-export: warning: replacing {deck.name}, the file named by -O previous (--force)"
    )
    assert wrote == f"wrote {deck.name}"


def test_warnings_escalated_with_dash_w_are_one_line_errors(tmp_path: Path) -> None:
    """python -W error::UserWarning -m layzner makes a plugin warning an exit-1 error line."""
    site = make_distribution(
        tmp_path, "layzner-broken", {"broken": "broken_mod"}, {"broken_mod": "import nothing_\n"}
    )
    result = run(
        [sys.executable, "-W", "error::UserWarning", "-m", "layzner", "--list-formats"],
        pythonpath=(site,),
    )
    assert result.returncode == 1
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"{Path(sys.executable).name} -m layzner: error: plugin layzner-broken")


ODD_CARD = """# Kaze no Tabibito

-   **type**: tv-serie
-   **end_date**: 1990-09-27
-   **opening-song**: Kung Fu Boy by Saori Yagi
-   **start-date**: 1990-04-05

## Tags

-   adventure
"""


@pytest.fixture
def odd_card(tmp_path: Path) -> Path:
    """A folder holding one card with a misspelt key and a song line without a title."""
    folder = tmp_path / "odd"
    folder.mkdir()
    (folder / "card.md").write_text(ODD_CARD, encoding="utf-8")
    return folder


def test_lines_not_understood_are_summed_up_in_one_stderr_line(odd_card: Path) -> None:
    """The export succeeds, and one stderr line counts the lines not understood and names the first."""
    result = cli("--format", "json", "--seeds", str(odd_card))
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["aired"]["start"] == "1990-04-05"
    assert result.stderr == (
        f"layzner: 2 lines not understood; first: {odd_card / 'card.md'}:4 unknown key "
        "'end_date'; did you mean 'end-date'?; see --explain\n"
    )


def test_quiet_drops_the_summary(odd_card: Path) -> None:
    """--quiet exports without the summary line."""
    result = cli("--format", "json", "--seeds", str(odd_card), "--quiet")
    assert (result.returncode, result.stderr) == (0, "")
    assert json.loads(result.stdout)["title"] == "Kaze no Tabibito"


def test_strict_refuses_the_first_unreadable_line(odd_card: Path) -> None:
    """--strict turns the song line without a title into a one-line error naming file and line."""
    result = cli("--format", "json", "--seeds", str(odd_card), "--strict")
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == (
        f"layzner-export: error: {odd_card / 'card.md'}:5: opening-song: no quoted title\n"
    )


def test_explain_lists_unparsed_lines_and_conflicts_instead_of_exporting(odd_card: Path) -> None:
    """--explain prints each line not understood with its reason and text, and exports nothing."""
    result = cli("--explain", "--seeds", str(odd_card))
    assert (result.returncode, result.stderr) == (0, "")
    card = odd_card / "card.md"
    assert result.stdout == (
        "Lines not understood: 2\n"
        f"  {card}:4: unknown key 'end_date'; did you mean 'end-date'?\n"
        "      -   **end_date**: 1990-09-27\n"
        f"  {card}:5: opening-song: no quoted title\n"
        "      -   **opening-song**: Kung Fu Boy by Saori Yagi\n"
        "Conflicts: 0\n"
    )


def test_explain_gives_every_conflict_with_its_reason_and_candidates() -> None:
    """--explain on the bundled series prints its three conflicts, each candidate with its place."""
    result = cli("--explain")
    assert result.returncode == 0, result.stderr
    series = layzner.load()
    lines = result.stdout.splitlines()
    assert lines[:2] == ["Lines not understood: 0", f"Conflicts: {len(series.conflicts)}"]
    for conflict in series.conflicts:
        assert f"  {conflict.field}: kept {conflict.chosen!r}" in lines
        for candidate in conflict.candidates:
            (row,) = [line for line in lines if line.startswith(f"      - {candidate.value!r} at ")]
            assert row.count(":") + row.count("@") >= len(candidate.evidence)
    end = lines.index("  aired.end: kept '1986-06-26'")
    assert lines[end + 1].strip() == series.conflicts[1].reason
    assert lines[end + 2].endswith("001_245de9df061e6d9f.txt:9")


def test_explain_escapes_control_characters(tmp_path: Path) -> None:
    """A line carrying a terminal escape sequence is printed escaped, never live."""
    folder = tmp_path / "esc"
    folder.mkdir()
    (folder / "card.md").write_text(
        "# Kaze\n\n-   **type**: tv-serie\n-   **colour**: \x1b[31mred\x1b]0;owned\x07\n",
        encoding="utf-8",
    )
    result = cli("--explain", "--seeds", str(folder))
    assert result.returncode == 0, result.stderr
    assert "\x1b" not in result.stdout
    assert "\x07" not in result.stdout
    assert "\\x1b[31mred\\x1b]0;owned\\x07" in result.stdout
    summary = cli("--format", "json", "--seeds", str(folder))
    assert "\x1b" not in summary.stderr
