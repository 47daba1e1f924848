"""Export one series to bytes, a path or a stream, with the exporter a format name resolves to."""

from __future__ import annotations

import io
import os
from collections.abc import Mapping
from typing import IO, cast

from ._exporter_types import ExportContext, Exporter, OptionValue
from ._model import Series
from ._output import Destination, is_stdout, write
from ._plugin_calls import call_exporter
from ._plugins import Provider, registry
from ._version import __version__
from .errors import ExportError

__all__ = ["Chosen", "export", "resolve", "run"]


def export(
    series: Series,
    format_: str,
    /,
    dest: str | os.PathLike[str] | IO[bytes] | IO[str] | None = None,
    **options: object,
) -> bytes | None:
    """Export *series* in format *format_* and return the bytes, or write them to *dest*.

    The exporter runs first, into memory; *dest* is touched only once it has
    succeeded, so a failing exporter leaves *dest* as it was.  What the
    plugin prints goes to stderr, never into the export.

    Args:
        series: the series to export.
        format_: a format name (``"json"``), or ``"distribution:name"`` to pick
            one provider when several plugins provide the name.
        dest: ``None`` to return the bytes; a path; or a stream.  A path
            to a regular file (or a symbolic link to one) is replaced
            atomically, keeping its mode; a device or FIFO (``/dev/null``) is
            written through, never replaced; a file the user may not write,
            a directory or a dangling symbolic link is an error.
            ``docs/cli.md`` gives the whole rule.  A binary stream takes the
            bytes; a text stream (``io.StringIO``, ``sys.stdout``) takes a
            text format's output decoded from UTF-8, and a binary format
            refuses it.
        options: the exporter's options, such as ``indent=2``.

    Returns:
        The output when *dest* is ``None``, otherwise ``None``.

    Raises:
        FormatNotFoundError: no plugin provides *format_*.
        PluginError: the plugin providing *format_* is broken, the name is
            ambiguous, or the exporter tried to end the process.
        OptionError: an option is unknown or has a bad value.
        ExportError: the exporter failed, *dest* cannot be written
            (``cannot write out.json: No space left on device``), or it is a
            text stream and the format is binary.

    .. versionadded:: 0.1
    """
    chosen = resolve(format_)
    parsed = chosen.exporter.parse_options(options)
    return run(chosen, series, parsed, dest)[0]


class Chosen:
    """The exporter that will write a format, and the plugin it came from."""

    # A plain class, for the reason Provider is one.
    __slots__ = ("exporter", "provider")

    def __init__(self, exporter: Exporter, provider: Provider) -> None:
        self.exporter = exporter
        self.provider = provider

    @property
    def plugin(self) -> str:
        """Return ``"plugin dist 1.0 (entry point 'name = module')"``, for messages."""
        # Only a message needs it: it reads the distribution's metadata.
        return self.provider.describe()


def resolve(format_: str) -> Chosen:
    """Return the exporter for *format_*, importing only the plugins that declare it."""
    provider = registry().resolve(format_)
    assert provider.exporter is not None  # resolve() returns loaded providers only
    return Chosen(provider.exporter, provider)


def run(
    chosen: Chosen,
    series: Series,
    options: Mapping[str, OptionValue | None],
    dest: Destination | IO[str] | None,
) -> tuple[bytes | None, str | None]:
    """Run the exporter and return its output (when *dest* is ``None``) and its summary line.

    An exporter's ``export`` may return a one-line summary (``"42 notes,
    84 cards"``); the CLI prints it on stderr.
    """
    to_stdout = dest is not None and is_stdout(dest)
    data, summary = _call(chosen, series, options, divert_descriptor=to_stdout)
    if dest is None:
        return data, summary
    if isinstance(dest, io.TextIOBase):
        _write_to_text_stream(chosen.exporter, data, dest)
        return None, summary
    try:
        # A text stream that is no io.TextIOBase is refused below, by its write().
        write(cast("Destination", dest), data)
    except TypeError as error:  # a stream-like object that takes only str
        msg = (
            f"cannot write {chosen.exporter.name} output to {type(dest).__name__}: {error} "
            "(give a path, a binary stream, or a text stream for a text format)"
        )
        raise ExportError(msg) from error
    return None, summary


class _Output(io.BytesIO):
    """The stream an exporter writes to; closing it (``with context.output:``) keeps the bytes."""

    def close(self) -> None:
        pass


def _write_to_text_stream(exporter: Exporter, data: bytes, stream: IO[str]) -> None:
    """Write a text format's output, decoded from UTF-8, to a text *stream*.

    Raises:
        ExportError: the format is binary, or the stream refuses the text.
    """
    if exporter.binary:
        msg = (
            f"format {exporter.name!r} is binary and cannot be written to a text stream "
            f"({type(stream).__name__}); give a binary one, such as open(path, 'wb') or io.BytesIO()"
        )
        raise ExportError(msg)
    try:
        stream.write(data.decode("utf-8"))
        stream.flush()
    except OSError as error:
        msg = f"cannot write {exporter.name} output: {error.strerror or error}"
        raise ExportError(msg) from error
    except (TypeError, UnicodeDecodeError) as error:
        msg = (
            f"cannot write {exporter.name} output to {type(stream).__name__}: {error} "
            "(give a path, a binary stream, or a text stream for a text format)"
        )
        raise ExportError(msg) from error


def _call(
    chosen: Chosen,
    series: Series,
    options: Mapping[str, OptionValue | None],
    *,
    divert_descriptor: bool,
) -> tuple[bytes, str | None]:
    output = _Output()
    context = ExportContext(series=series, options=options, output=output, version=__version__)
    summary = call_exporter(chosen, "export", context, divert_descriptor=divert_descriptor)
    return output.getvalue(), summary
