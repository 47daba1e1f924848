"""layzner: a typed, provenance-tracking model of an anime series, with pluggable exporters.

This module only re-exports the public API; everything else is private.
"""

from ._catalog import LoadResult, load_many
from ._convert import from_json, json_schema, to_json
from ._export import FormatInfo, export, formats
from ._export_many import export_many
from ._exporter import ExportContext, Exporter, ExportManyContext, Option, OptionValue
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


def __getattr__(name: str) -> str:
    # Read lazily, as pluggy and stamina do, so that importing layzner never
    # touches package metadata unless the version is asked for.
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version  # noqa: PLC0415 - lazy by design

        try:
            return version("layzner")
        except PackageNotFoundError:  # running from a source tree without an install
            from ._version import __version__  # noqa: PLC0415 - only without metadata

            return __version__
    msg = f"module {__name__!r} has no attribute {name!r}"
    raise AttributeError(msg)
