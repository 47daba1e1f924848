"""Wording shared by layzner's messages: "did you mean" hints, errors on one line, warnings to the caller."""

from __future__ import annotations

import sys
import warnings
from collections.abc import Iterable

from ._escape import escape_controls
from .errors import PluginWarning

__all__ = ["did_you_mean", "one_line", "warn_caller"]


def did_you_mean(word: str, choices: Iterable[str], *, cutoff: float = 0.6) -> str:
    """Return ``"; did you mean 'x'?"`` naming the choice closest to *word*, or ``""``."""
    import difflib  # noqa: PLC0415 - only a mistake needs it

    close = difflib.get_close_matches(word, sorted(choices), n=1, cutoff=cutoff)
    return f"; did you mean {close[0]!r}?" if close else ""


def one_line(error: BaseException) -> str:
    """Return ``"Type: message"`` on one line, control characters escaped, for a plugin's fault."""
    if isinstance(error, SystemExit):
        # sys.exit() in a plugin would end the host program; it is a fault.
        return f"raised SystemExit({error.code!r}); a plugin must not exit the program"
    text = escape_controls(" ".join(str(error).split()))
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


def warn_caller(message: str) -> None:
    """Issue *message* as a :class:`layzner.PluginWarning`, attributed to the first caller outside layzner."""
    # That is the code a warnings filter names, as a library's warnings should be.
    level = 2  # warnings.warn counts this function as 1, its caller as 2
    frame = sys._getframe(1)
    while frame is not None and _is_layzner(frame.f_globals.get("__name__", "")):
        level += 1
        frame = frame.f_back  # type: ignore[assignment]  # None ends the loop
    warnings.warn(escape_controls(message), PluginWarning, stacklevel=level)


def _is_layzner(module: str) -> bool:
    return module == "layzner" or module.startswith("layzner.")
