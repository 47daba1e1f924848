"""The export API: list the formats, and export a series to bytes, a path or a stream."""

from __future__ import annotations

import contextlib
import io
import os
import sys
import threading
import warnings
from collections.abc import Iterator, Mapping
from typing import IO, Any, TextIO, cast

import attrs

from ._escape import escape_controls
from ._exporter import ExportContext, Exporter, Option, OptionValue
from ._model import Series
from ._output import Destination, is_stdout, write
from ._plugins import Provider, layzner_version, registry
from .errors import ExportError, LayznerError, PluginError, PluginWarning

__all__ = ["FormatInfo", "export", "formats"]


@attrs.frozen
class FormatInfo:
    """An export format, as :func:`formats` lists it.

    Attributes:
        name: the ``--format`` value.
        description: one line, or ``""`` when the plugin could not be loaded.
        extension: the file extension including the dot, or ``""``.
        distribution: the distribution that provides it (``"layzner"`` for built-ins).
        version: that distribution's version.
        status: ``"ok"``; ``"shadowed"`` (a built-in hidden by a third-party
            format of the same name); ``"conflict"`` (two third parties provide
            the name: pick one with ``distribution:name``); ``"broken"`` (the
            plugin failed to load, see :attr:`error`); or ``"disabled"`` (by
            ``LAYZNER_LOAD_PLUGINS`` or ``LAYZNER_DISABLE_PLUGINS``).
        media_type: the IANA media type, or ``""``.
        binary: whether the output is binary.
        options: the options the exporter accepts.
        error: why the format is broken or disabled.

    .. versionadded:: 0.1
    """

    name: str
    description: str
    extension: str
    distribution: str
    version: str
    status: str
    media_type: str = ""
    binary: bool = False
    options: tuple[Option, ...] = ()
    error: str | None = None

    @property
    def qualified_name(self) -> str:
        """Return ``"distribution:name"``, which ``--format`` accepts to pick this provider."""
        return f"{self.distribution}:{self.name}"


def formats() -> tuple[FormatInfo, ...]:
    """Return every export format that plugins declare, sorted by name.

    This imports every enabled plugin module (for the descriptions), but not
    the heavy libraries exporters import only inside ``export()``.  A plugin
    that fails to load is listed with status ``"broken"`` and reported as one
    :class:`layzner.PluginWarning`.

    Raises:
        PluginError: ``LAYZNER_STRICT_PLUGINS=1`` is set and a plugin is broken.

    .. versionadded:: 0.1
    """
    infos: list[FormatInfo] = []
    for provider, status in registry().statuses():
        exporter = provider.exporter
        infos.append(
            FormatInfo(
                name=provider.name,
                description=exporter.description if exporter else "",
                extension=exporter.extension if exporter else "",
                distribution=provider.distribution,
                version=provider.version,
                status=status,
                media_type=exporter.media_type if exporter else "",
                binary=exporter.binary if exporter else False,
                options=exporter.options if exporter else (),
                error=provider.error,
            )
        )
    return tuple(infos)


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
    exporter = chosen.exporter
    output = _Output()
    context = ExportContext(
        series=series, options=options, output=output, version=layzner_version()
    )
    with _plugin_stdout_to_stderr(descriptor=divert_descriptor):
        try:
            # Exporters written before summaries existed return None, which is fine.
            result: Any = exporter.export(context)
        except (LayznerError, KeyboardInterrupt):
            raise
        except Exception as error:  # an exporter's own bug becomes one ExportError
            detail = " ".join(str(error).split())
            msg = f"format {exporter.name!r} failed: {type(error).__name__}: {detail}"
            raise ExportError(msg) from error
        except BaseException as error:  # sys.exit() in a plugin must not end the host's process
            how = f"called sys.exit({error.code!r})" if isinstance(error, SystemExit) else "raised"
            msg = f"{chosen.plugin} {how} while exporting format {exporter.name!r}"
            raise PluginError(f"{msg} ({type(error).__name__})") from error
    if result is not None and not isinstance(result, str):
        warnings.warn(
            f"format {exporter.name!r}: export() returned {type(result).__name__} "
            f"{escape_controls(repr(result)[:60])}; a summary must be a str or None, so it "
            "is ignored",
            PluginWarning,
            stacklevel=4,
        )
        return output.getvalue(), None
    summary = " ".join(result.split()) if isinstance(result, str) and result.strip() else None
    return output.getvalue(), summary


class _StdoutDiversion:
    """Points ``sys.stdout`` (and, on demand, descriptor 1) at stderr while plugin code runs.

    Both belong to the whole process, and several threads may export at
    once: the first export in diverts them and the last one out restores
    them, so that no thread restores what another thread diverted (which
    ``contextlib.redirect_stdout`` would do, leaving stdout at stderr).
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._depth = 0
        self._saved: TextIO | None = None
        self._devnull: TextIO | None = None
        self._descriptor_depth = 0
        self._saved_descriptor = -1

    @contextlib.contextmanager
    def __call__(self, *, descriptor: bool) -> Iterator[None]:
        """Divert for the duration of the block; with *descriptor*, descriptor 1 too.

        Descriptor 1 also catches ``os.write(1, ...)`` and C code; that is
        process-wide, so it is done only when the export itself goes to stdout.
        """
        with self._lock:
            self._enter(descriptor=descriptor)
        try:
            yield
        finally:
            with self._lock:
                self._leave(descriptor=descriptor)

    def _enter(self, *, descriptor: bool) -> None:
        if self._depth == 0:
            with contextlib.suppress(AttributeError, OSError, ValueError):  # no stdout, or closed
                sys.stdout.flush()
            self._saved = sys.stdout
            if sys.stderr is None:
                # Without a stderr (2>&-) the plugin gets a sink, so that its
                # sys.stdout.write() still works and goes nowhere.
                self._devnull = open(os.devnull, "w")  # noqa: PTH123, SIM115  # closed in _leave
            sys.stdout = sys.stderr or self._devnull
        self._depth += 1
        if descriptor:
            if self._descriptor_depth == 0:
                with contextlib.suppress(AttributeError, OSError, ValueError):
                    if self._saved is not None:
                        self._saved.flush()
                self._saved_descriptor = os.dup(1)
                _point_stdout_at_stderr()
            self._descriptor_depth += 1

    def _leave(self, *, descriptor: bool) -> None:
        if descriptor:
            self._descriptor_depth -= 1
            if self._descriptor_depth == 0:
                with contextlib.suppress(AttributeError, OSError, ValueError):
                    sys.stderr.flush()
                os.dup2(self._saved_descriptor, 1)
                os.close(self._saved_descriptor)
        self._depth -= 1
        if self._depth == 0:
            sys.stdout = self._saved
            self._saved = None
            if self._devnull is not None:
                self._devnull.close()
                self._devnull = None


_plugin_stdout_to_stderr = _StdoutDiversion()


def _point_stdout_at_stderr() -> None:
    try:
        os.dup2(2, 1)
    except OSError:  # no stderr: what the plugin prints is lost, never mixed into the export
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, 1)
        os.close(null)
