"""The export API: list the formats, and export a series to bytes, a path or a stream."""

from __future__ import annotations

import io
import os
import tempfile
import warnings
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import IO, Any, TypeVar, cast

import attrs

from ._escape import escape_controls
from ._exporter import ExportContext, Exporter, Option, OptionValue
from ._model import Series
from ._plugins import layzner_version, registry
from .errors import ExportError, LayznerError, PluginWarning

__all__ = ["FormatInfo", "export", "formats"]

_T = TypeVar("_T")


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

    Args:
        series: the series to export.
        format_: a format name (``"json"``), or ``"distribution:name"`` to pick
            one provider when several plugins provide the name.
        dest: ``None`` to return the bytes; a path to write atomically (a
            temporary file in the same directory, renamed into place, so a
            failing exporter leaves any existing file untouched); or a binary
            stream, written to only once the exporter has succeeded.  A text
            stream (``io.StringIO``, ``sys.stdout``) takes a text format's
            output decoded from UTF-8; a binary format refuses it.
        options: the exporter's options, such as ``indent=2``.

    Returns:
        The output when *dest* is ``None``, otherwise ``None``.

    Raises:
        FormatNotFoundError: no plugin provides *format_*.
        PluginError: the plugin providing *format_* is broken, or the name is ambiguous.
        OptionError: an option is unknown or has a bad value.
        ExportError: the exporter failed, *dest* cannot be written, or it is a
            text stream and the format is binary.

    .. versionadded:: 0.1
    """
    exporter = resolve(format_)
    parsed = exporter.parse_options(options)
    return run(exporter, series, parsed, dest)[0]


def resolve(format_: str) -> Exporter:
    """Return the exporter for *format_*, importing only the plugins that declare it."""
    provider = registry().resolve(format_)
    assert provider.exporter is not None  # resolve() returns loaded providers only
    return provider.exporter


def run(
    exporter: Exporter,
    series: Series,
    options: Mapping[str, OptionValue | None],
    dest: str | os.PathLike[str] | IO[bytes] | IO[str] | None,
) -> tuple[bytes | None, str | None]:
    """Run *exporter* and return its output (when *dest* is ``None``) and its summary line.

    An exporter's ``export`` may return a one-line summary (``"42 notes,
    84 cards"``); the CLI prints it on stderr.
    """
    if dest is None or not isinstance(dest, str | os.PathLike):
        buffer = io.BytesIO()
        summary = _call(exporter, series, options, buffer)
        if dest is None:
            return buffer.getvalue(), summary
        _write_to_stream(exporter, buffer.getvalue(), dest)
        return None, summary
    return None, _write_atomically(exporter, series, options, Path(dest))


def _write_to_stream(exporter: Exporter, data: bytes, stream: IO[bytes] | IO[str]) -> None:
    text_stream = isinstance(stream, io.TextIOBase)
    if text_stream and exporter.binary:
        msg = (
            f"format {exporter.name!r} is binary and cannot be written to a text stream "
            f"({type(stream).__name__}); give a binary one, such as open(path, 'wb') or io.BytesIO()"
        )
        raise ExportError(msg)
    try:
        if text_stream:
            cast("IO[str]", stream).write(data.decode("utf-8"))
        else:
            cast("IO[bytes]", stream).write(data)
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
    exporter: Exporter,
    series: Series,
    options: Mapping[str, OptionValue | None],
    output: IO[bytes],
) -> str | None:
    context = ExportContext(
        series=series, options=options, output=output, version=layzner_version()
    )
    try:
        # Exporters written before summaries existed return None, which is fine.
        result: Any = exporter.export(context)
    except LayznerError:
        raise
    except Exception as error:  # an exporter's own bug becomes one ExportError
        detail = " ".join(str(error).split())
        msg = f"format {exporter.name!r} failed: {type(error).__name__}: {detail}"
        raise ExportError(msg) from error
    if result is not None and not isinstance(result, str):
        warnings.warn(
            f"format {exporter.name!r}: export() returned {type(result).__name__} "
            f"{escape_controls(repr(result)[:60])}; a summary must be a str or None, so it "
            "is ignored",
            PluginWarning,
            stacklevel=4,
        )
        return None
    return " ".join(result.split()) if isinstance(result, str) and result.strip() else None


def _write_atomically(
    exporter: Exporter,
    series: Series,
    options: Mapping[str, OptionValue | None],
    path: Path,
) -> str | None:
    return write_atomically(path, lambda handle: _call(exporter, series, options, handle))


def write_atomically(path: Path, write: Callable[[IO[bytes]], _T], *, durable: bool = True) -> _T:
    """Call ``write(handle)`` on a temporary file beside *path*, then rename it into place.

    A failing *write* leaves any existing file at *path* untouched.  With
    *durable*, the data reaches the disk before the rename.

    Raises:
        ExportError: *path* is a directory or cannot be written.
    """
    if path.is_dir():
        raise ExportError("is a directory, not a file", path=path)
    directory = path.parent
    try:
        handle = tempfile.NamedTemporaryFile(  # noqa: SIM115  # closed or removed below
            mode="wb", dir=directory, prefix=f".{path.name}.", suffix=".tmp", delete=False
        )
    except OSError as error:
        raise ExportError(f"cannot write: {error.strerror or error}", path=path) from error
    temporary = Path(handle.name)
    try:
        with handle:
            result = write(handle)
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
        # NamedTemporaryFile is private to its owner (0600); give the result
        # the mode a plain open() would have, or keep the replaced file's mode.
        temporary.chmod(_mode_for(path))
        temporary.replace(path)
    except BaseException as error:
        temporary.unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise ExportError(f"cannot write: {error.strerror or error}", path=path) from error
        raise
    return result


def _mode_for(path: Path) -> int:
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
