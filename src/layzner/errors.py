"""The exceptions layzner raises, every one a :class:`LayznerError`, and the warnings it issues.

An error about input names the file and, where it can, the line (or, for the
one-line article, the character offset), so ``str(error)`` reads like a
compiler message: ``seeds/card.md:7: end-date is not a date: '1985-13-40'``.

Warnings go through Python's :mod:`warnings` machinery, never straight to
stderr, so that a program embedding layzner can filter, record or escalate
them: ``warnings.simplefilter("error", layzner.LayznerWarning)``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

__all__ = [
    "DuplicateSeriesError",
    "ExportError",
    "FilterError",
    "FormatNotFoundError",
    "InconsistentSeriesError",
    "LayznerError",
    "LayznerWarning",
    "MissingFactError",
    "OptionError",
    "PluginError",
    "PluginWarning",
    "SourceFormatError",
    "SourceNotFoundError",
    "SourceReadError",
    "UnknownFormatError",
]


class LayznerError(Exception):
    """Base class of every error layzner raises.

    Attributes:
        message: what went wrong, without the location.
        path: the file concerned, if any.
        line: the 1-based line in *path*, if known.
        offset: the 0-based character offset in *path*, for one-line documents.

    .. versionadded:: 0.1
    """

    def __init__(
        self,
        message: str,
        *,
        path: str | Path | None = None,
        line: int | None = None,
        offset: int | None = None,
    ) -> None:
        self.message = message
        self.path = None if path is None else str(path)
        self.line = line
        self.offset = offset
        super().__init__(str(self))

    def __str__(self) -> str:
        if self.path is None:
            return self.message
        where = self.path
        if self.line is not None:
            where += f":{self.line}"
        elif self.offset is not None:
            where += f"@{self.offset}"
        return f"{where}: {self.message}"

    def __reduce__(self) -> tuple[object, ...]:
        # Keyword-only arguments would otherwise be lost when pickling.
        return (_rebuild, (type(self), self.message, self.path, self.line, self.offset))


def _rebuild(
    cls: type[LayznerError], message: str, path: str | None, line: int | None, offset: int | None
) -> LayznerError:
    return cls(message, path=path, line=line, offset=offset)


class SourceNotFoundError(LayznerError):
    """A path given to :func:`layzner.load` does not exist, or a directory holds no documents."""


class SourceReadError(LayznerError):
    """A document exists but cannot be read: permissions, or bytes that are not UTF-8."""


class UnknownFormatError(LayznerError):
    """A document is none of the known formats (profile page, Markdown card, article)."""


class SourceFormatError(LayznerError):
    """A document is of a known format but a line in it is malformed."""


class InconsistentSeriesError(LayznerError):
    """The documents of one load describe different series."""


class MissingFactError(LayznerError):
    """A fact every series needs (its title) is stated by no document."""


class FormatNotFoundError(LayznerError):
    """No exporter provides the requested format (a usage error: exit code 2)."""


class OptionError(LayznerError):
    """An exporter option is unknown or has a bad value (a usage error: exit code 2)."""


class PluginError(LayznerError):
    """A plugin failed to load, failed validation, or clashes with another."""


class ExportError(LayznerError):
    """An exporter failed while writing its output."""


class DuplicateSeriesError(LayznerError):
    """Two works of one :func:`layzner.load_many` run have the same id.

    .. versionadded:: 0.1
    """


class FilterError(LayznerError):
    """A condition of a filter (``--where``) cannot be read (a usage error: exit code 2).

    .. versionadded:: 0.1
    """


class LayznerWarning(UserWarning):
    """Base class of every warning layzner issues.

    .. versionadded:: 0.1
    """


class PluginWarning(LayznerWarning):
    """A plugin is broken, shadows a built-in format, or is named wrongly in a plugin variable.

    The other formats keep working; ``LAYZNER_STRICT_PLUGINS=1`` turns a
    broken plugin into a :class:`PluginError` instead.

    .. versionadded:: 0.1
    """
