"""layzner: a typed, provenance-tracking model of an anime series, with pluggable exporters.

This module only re-exports the public API; everything else is private.
Names are imported on first use (PEP 562), so that ``import layzner`` costs
little more than the exceptions: a program that only catches
:class:`LayznerError`, or only reads JSON, never imports the readers or the
plugin machinery.
"""

from importlib import import_module as _import_module
from typing import TYPE_CHECKING

from .errors import (
    DuplicateSeriesError,
    ExportError,
    FilterError,
    FormatNotFoundError,
    InconsistentSeriesError,
    LayznerError,
    LayznerWarning,
    MissingFactError,
    OptionError,
    PluginError,
    PluginWarning,
    SourceFormatError,
    SourceNotFoundError,
    SourceReadError,
    UnknownFormatError,
)

if TYPE_CHECKING:
    # What type checkers and IDEs see; at run time __getattr__ imports each name.
    from . import hookspecs as hookspecs  # a public module, an attribute as before
    from ._catalog import LoadResult, load_many
    from ._convert import from_json, json_schema, to_json
    from ._export_many import export_many
    from ._export_one import export
    from ._exporter_types import ExportContext, Exporter, ExportManyContext, Option, OptionValue
    from ._formats import FormatInfo, FormatStatus, formats
    from ._load import load
    from ._model import (
        Candidate,
        Character,
        Company,
        Conflict,
        Credit,
        DateRange,
        Episodes,
        EpisodeSpan,
        Evidence,
        Link,
        PartialDate,
        RelatedWork,
        Series,
        Song,
        SourceDocument,
        Synopsis,
        Title,
        UnparsedLine,
        slugify,
    )
    from ._sanitize import clean_text
    from ._select import Where, where
    from ._version import __version__
    from .hookspecs import hookimpl

__all__ = [
    "Candidate",
    "Character",
    "Company",
    "Conflict",
    "Credit",
    "DateRange",
    "DuplicateSeriesError",
    "EpisodeSpan",
    "Episodes",
    "Evidence",
    "ExportContext",
    "ExportError",
    "ExportManyContext",
    "Exporter",
    "FilterError",
    "FormatInfo",
    "FormatNotFoundError",
    "FormatStatus",
    "InconsistentSeriesError",
    "LayznerError",
    "LayznerWarning",
    "Link",
    "LoadResult",
    "MissingFactError",
    "Option",
    "OptionError",
    "OptionValue",
    "PartialDate",
    "PluginError",
    "PluginWarning",
    "RelatedWork",
    "Series",
    "Song",
    "SourceDocument",
    "SourceFormatError",
    "SourceNotFoundError",
    "SourceReadError",
    "Synopsis",
    "Title",
    "UnknownFormatError",
    "UnparsedLine",
    "Where",
    "__version__",
    "clean_text",
    "export",
    "export_many",
    "formats",
    "from_json",
    "hookimpl",
    "json_schema",
    "load",
    "load_many",
    "slugify",
    "to_json",
    "where",
]

# The private module each lazily imported name comes from.
_LAZY: dict[str, str] = {
    **dict.fromkeys(("LoadResult", "load_many"), "_catalog"),
    **dict.fromkeys(("from_json", "json_schema", "to_json"), "_convert"),
    **dict.fromkeys(("FormatInfo", "FormatStatus", "formats"), "_formats"),
    "export": "_export_one",
    "export_many": "_export_many",
    **dict.fromkeys(
        ("ExportContext", "Exporter", "ExportManyContext", "Option", "OptionValue"),
        "_exporter_types",
    ),
    "load": "_load",
    **dict.fromkeys(
        (
            "Candidate",
            "Character",
            "Company",
            "Conflict",
            "Credit",
            "DateRange",
            "EpisodeSpan",
            "Episodes",
            "Evidence",
            "Link",
            "PartialDate",
            "RelatedWork",
            "Series",
            "Song",
            "SourceDocument",
            "Synopsis",
            "Title",
            "UnparsedLine",
            "slugify",
        ),
        "_model",
    ),
    "clean_text": "_sanitize",
    **dict.fromkeys(("Where", "where"), "_select"),
    "hookimpl": "hookspecs",
}


def __getattr__(name: str) -> object:
    module = _LAZY.get(name)
    if module is not None:
        value = getattr(_import_module(f".{module}", __name__), name)
        globals()[name] = value  # later lookups find it without calling here
        return value
    if name == "hookspecs":  # a public module, always an attribute before names were lazy
        return _import_module(".hookspecs", __name__)
    if name == "__version__":
        # Read only when asked for, as pluggy and stamina do.
        from ._version import __version__  # noqa: PLC0415 - lazy by design

        return __version__
    msg = f"module {__name__!r} has no attribute {name!r}"
    raise AttributeError(msg)


def __dir__() -> list[str]:
    # The names that were there when all were imported at once, lazy or not.
    return sorted({*globals(), *_LAZY, "hookspecs"} - {"TYPE_CHECKING"})
