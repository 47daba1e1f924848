"""layzner.export and layzner.formats: destinations, atomic writes, options and errors."""

from __future__ import annotations

import io
import types
from pathlib import Path

import pytest

import layzner
from layzner import _export_one
from layzner.testing import registered_plugin, sample_series

from .support.processes import NOISY, exporter_module

FAILING = """
import layzner

def _export(context):
    context.output.write(b"partial output")
    raise RuntimeError("disk on fire")

@layzner.hookimpl
def layzner_register_exporters(register):
    register(layzner.Exporter(
        name="failing", description="fails half way", extension=".txt",
        media_type="text/plain", binary=False, export=_export,
    ))
"""

SUMMARY = """
import layzner

def _export(context):
    context.write_text("x")
    return "1 thing written"

@layzner.hookimpl
def layzner_register_exporters(register):
    register(layzner.Exporter(
        name="summary", description="reports a summary", extension=".txt",
        media_type="text/plain", binary=False, export=_export,
        options=(layzner.Option("level", int, 1, "a level", minimum=1, maximum=3),),
    ))
"""


def _module(source: str) -> types.ModuleType:
    module = types.ModuleType("plugin_under_test")
    exec(source, module.__dict__)
    return module


@pytest.fixture
def failing() -> types.ModuleType:
    """A plugin whose exporter writes some bytes and then raises."""
    return _module(FAILING)


def test_export_returns_bytes_without_a_destination() -> None:
    """With dest=None, export returns the output."""
    data = layzner.export(sample_series(), "json")
    assert isinstance(data, bytes)
    assert data.startswith(b'{\n  "schema_version": 1,')


def test_export_writes_a_path_and_a_stream(tmp_path: Path) -> None:
    """A path and a binary stream receive exactly the bytes export would return."""
    expected = layzner.export(sample_series(), "json")
    target = tmp_path / "out.json"
    assert layzner.export(sample_series(), "json", target) is None
    assert target.read_bytes() == expected
    stream = io.BytesIO()
    assert layzner.export(sample_series(), "json", stream) is None
    assert stream.getvalue() == expected


def test_written_file_has_ordinary_permissions(tmp_path: Path) -> None:
    """The atomically written file is not left private to its owner like a temporary file."""
    target = tmp_path / "out.json"
    layzner.export(sample_series(), "json", str(target))
    plain = tmp_path / "plain.json"
    plain.write_bytes(b"")
    assert target.stat().st_mode == plain.stat().st_mode


def test_failing_exporter_leaves_an_existing_file_untouched(
    tmp_path: Path, failing: types.ModuleType
) -> None:
    """A failing exporter raises ExportError, keeps the old file, and leaves no temporary file."""
    target = tmp_path / "out.txt"
    target.write_bytes(b"previous")
    with registered_plugin(failing), pytest.raises(layzner.ExportError, match="disk on fire"):
        layzner.export(sample_series(), "failing", target)
    assert target.read_bytes() == b"previous"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_failing_exporter_creates_no_file_and_writes_nothing_to_a_stream(
    tmp_path: Path, failing: types.ModuleType
) -> None:
    """A failing exporter leaves no new file behind and writes no partial bytes to a stream."""
    stream = io.BytesIO()
    with registered_plugin(failing):
        with pytest.raises(layzner.ExportError):
            layzner.export(sample_series(), "failing", tmp_path / "new.txt")
        with pytest.raises(layzner.ExportError):
            layzner.export(sample_series(), "failing", stream)
    assert list(tmp_path.iterdir()) == []
    assert stream.getvalue() == b""


def test_unwritable_destination_is_an_export_error(tmp_path: Path) -> None:
    """A missing directory or a directory as destination is one ExportError naming the path."""
    with pytest.raises(layzner.ExportError, match="missing"):
        layzner.export(sample_series(), "json", tmp_path / "missing" / "out.json")
    with pytest.raises(layzner.ExportError, match="Is a directory"):
        layzner.export(sample_series(), "json", tmp_path)


def test_options_are_checked_against_the_exporter() -> None:
    """Unknown option keys and bad values raise OptionError naming the option."""
    with pytest.raises(layzner.OptionError, match=r"has no option 'colour'.*indent, provenance"):
        layzner.export(sample_series(), "json", colour="blue")
    with pytest.raises(layzner.OptionError, match="'indent' must be one of 0, 2"):
        layzner.export(sample_series(), "json", indent=4)
    with pytest.raises(layzner.OptionError, match="'provenance' takes true or false"):
        layzner.export(sample_series(), "json", provenance="maybe")
    assert layzner.export(sample_series(), "json", indent=0, provenance=True) is not None


def test_unknown_format_suggests_the_closest_name() -> None:
    """An unknown format raises FormatNotFoundError listing the formats and the closest name."""
    with pytest.raises(layzner.FormatNotFoundError) as caught:
        layzner.export(sample_series(), "jsno")
    assert "did you mean 'json'?" in str(caught.value)
    assert "available: " in str(caught.value)


def test_exporter_summary_is_returned_by_run() -> None:
    """An exporter may return a one-line summary, which the export machinery passes on."""
    with registered_plugin(_module(SUMMARY)):
        chosen = _export_one.resolve("summary")
        options = chosen.exporter.parse_options({})
        data, summary = _export_one.run(chosen, sample_series(), options, None)
    assert (data, summary) == (b"x", "1 thing written")


def test_formats_describes_each_format() -> None:
    """formats() gives name, description, extension, distribution, version and status."""
    with registered_plugin(_module(SUMMARY), distribution="summary-dist", version="2.5"):
        infos = {info.qualified_name: info for info in layzner.formats()}
    json_info = infos["layzner:json"]
    assert (json_info.extension, json_info.status, json_info.binary) == (".json", "ok", False)
    assert json_info.version == layzner.__version__
    summary = infos["summary-dist:summary"]
    assert (summary.version, summary.description, summary.status) == (
        "2.5",
        "reports a summary",
        "ok",
    )
    assert [o.name for o in summary.options] == ["level"]


def test_in_process_plugin_shadows_the_built_in() -> None:
    """A registered third-party json shadows the built-in, with a PluginWarning."""
    plugin = _module(exporter_module("json", "MINE").replace("\n        ", "\n"))
    with registered_plugin(plugin):
        with pytest.warns(layzner.PluginWarning, match="shadows the built-in") as caught:
            mine = layzner.export(sample_series(title="T"), "json")
        builtin = layzner.export(sample_series(), "layzner:json", indent=0)
    assert mine == b"MINE T"
    assert builtin is not None
    assert builtin.startswith(b'{"schema')
    # Attributed to the caller, so that a warnings filter can name the caller's module.
    assert {Path(w.filename).name for w in caught} == {Path(__file__).name}


def test_a_text_format_exports_to_a_text_stream() -> None:
    """A text stream (io.StringIO) takes a text format's output as text, the same as the bytes."""
    stream = io.StringIO()
    assert layzner.export(sample_series(), "json", stream) is None
    assert stream.getvalue().encode() == layzner.export(sample_series(), "json")


def test_a_binary_format_refuses_a_text_stream() -> None:
    """A binary format and a text stream is one ExportError saying what to give instead."""
    stream = io.StringIO()
    with pytest.raises(layzner.ExportError, match=r"binary .* open\(path, 'wb'\)"):
        layzner.export(sample_series(), "anki", stream)
    assert stream.getvalue() == ""


class _StrOnly:
    """A stream-like object that takes only str, without being an io.TextIOBase."""

    def __init__(self) -> None:
        self.parts: list[str] = []

    def write(self, text: str) -> int:
        if not isinstance(text, str):
            msg = f"write() argument must be str, not {type(text).__name__}"
            raise TypeError(msg)
        self.parts.append(text)
        return len(text)


def test_a_stream_that_refuses_bytes_is_an_export_error() -> None:
    """A destination whose write() refuses bytes is an ExportError, never a raw TypeError."""
    with pytest.raises(layzner.ExportError, match="cannot write json output to _StrOnly"):
        layzner.export(sample_series(), "json", _StrOnly())  # type: ignore[arg-type]  # deliberately wrong


def test_sys_exit_in_an_exporter_is_a_plugin_error_naming_the_plugin(tmp_path: Path) -> None:
    """An exporter's sys.exit() ends neither the process nor silently: a PluginError names it."""
    stream = io.BytesIO()
    with registered_plugin(_module(NOISY), distribution="noisy-dist", version="1.2"):
        for dest in (None, stream, tmp_path / "out.txt"):
            with pytest.raises(layzner.PluginError) as caught:
                layzner.export(sample_series(), "exits", dest)
            message = str(caught.value)
            assert "plugin noisy-dist 1.2" in message
            assert "called sys.exit(0) while exporting format 'exits'" in message
    assert stream.getvalue() == b""
    assert list(tmp_path.iterdir()) == []


def test_what_an_exporter_prints_goes_to_stderr(capsys: pytest.CaptureFixture[str]) -> None:
    """A plugin's print() reaches stderr, never stdout or the export."""
    with registered_plugin(_module(NOISY)):
        assert layzner.export(sample_series(), "chatty") == b"the export\n"
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == "print() from the plugin\n"


def test_an_exporter_may_close_its_output() -> None:
    """Closing context.output (as a with block does) keeps what was written."""
    source = NOISY.replace(
        'context.write_text("the export\\n")',
        'context.write_text("the export\\n")\n    context.output.close()',
    )
    with registered_plugin(_module(source)):
        assert layzner.export(sample_series(), "chatty") == b"the export\n"
