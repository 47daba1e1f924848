"""Call an exporter's code isolated from the host: its prints go to stderr, its faults become layzner errors.

Both the export of one series and the export of many call plugin code here,
so that a plugin's bug, its ``sys.exit()`` and its ``print()`` are handled
the same way whichever it is.
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
from collections.abc import Iterator
from typing import TYPE_CHECKING, Literal, TextIO

from ._messages import warn_caller
from .errors import ExportError, LayznerError, PluginError

if TYPE_CHECKING:
    from ._export_one import Chosen
    from ._exporter_types import ExportContext, ExportManyContext

__all__ = ["call_exporter", "plugin_stdout_to_stderr"]


def call_exporter(
    chosen: Chosen,
    method: Literal["export", "export_many"],
    context: ExportContext | ExportManyContext,
    *,
    divert_descriptor: bool,
) -> str | None:
    """Call the exporter's *method* with *context*; return the summary line it gave, or ``None``.

    What the plugin prints goes to stderr, never into the export; with
    *divert_descriptor*, file descriptor 1 too (see :class:`_StdoutDiversion`).

    Raises:
        ExportError: the exporter raised an exception that is no ``LayznerError``.
        PluginError: the exporter tried to end the process (``sys.exit()``).
    """
    exporter = chosen.exporter
    with plugin_stdout_to_stderr(descriptor=divert_descriptor):
        try:
            result: object = getattr(exporter, method)(context)
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
    return _summary(exporter.name, method, result)


def _summary(name: str, method: str, result: object) -> str | None:
    """Return an exporter's summary on one line; warn about one that is not text."""
    if result is None:  # as exporters written before summaries existed return
        return None
    if isinstance(result, str):
        return " ".join(result.split()) or None
    warn_caller(
        f"format {name!r}: {method}() returned {type(result).__name__} {repr(result)[:60]}; "
        "a summary must be a str or None, so it is ignored"
    )
    return None


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


plugin_stdout_to_stderr = _StdoutDiversion()


def _point_stdout_at_stderr() -> None:
    try:
        os.dup2(2, 1)
    except OSError:  # no stderr: what the plugin prints is lost, never mixed into the export
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, 1)
        os.close(null)
