"""Type-checked, never run: the public API used the way a user and a plugin author would."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import layzner
from layzner.testing import registered_plugin, sample_series

series: layzner.Series = layzner.load()
other: layzner.Series = layzner.load("docs/")
strict: layzner.Series = layzner.load(Path("docs/"), strict=True)
reasons: list[str] = [line.reason for line in strict.unparsed]
data: bytes | None = layzner.export(series, "json", indent=0, provenance=True)
nothing: bytes | None = layzner.export(series, "json", Path("out.json"))
also: bytes | None = layzner.export(series, "layzner:json", io.BytesIO())
text: bytes = layzner.to_json(series)
back: layzner.Series = layzner.from_json(text)
schema: dict[str, object] = layzner.json_schema()
names: list[str] = [info.name for info in layzner.formats() if info.status == "ok"]
version: str = layzner.__version__


def _export(context: layzner.ExportContext) -> None:
    context.write_text(layzner.clean_text(context.series.title))
    context.write_text(layzner.clean_text(context.series.synopsis or "", multiline=True))
    context.output.write(str(context.options["indent"]).encode())


EXPORTER = layzner.Exporter(
    name="title",
    description="Just the title.",
    extension=".txt",
    media_type="text/plain",
    binary=False,
    export=_export,
    options=(layzner.Option("indent", int, 0, "unused", minimum=0),),
)


@layzner.hookimpl
def layzner_register_exporters(register: Callable[[layzner.Exporter], None]) -> None:
    register(EXPORTER)


class _Plugin:
    layzner_register_exporters = staticmethod(layzner_register_exporters)


with registered_plugin(_Plugin(), distribution="typing-check") as exporters:
    first: layzner.Exporter = exporters[0]
    output = layzner.export(sample_series(title="T"), "title")

try:
    layzner.export(series, "nope")
except layzner.FormatNotFoundError as error:
    message: str = error.message
except (layzner.PluginError, layzner.OptionError, layzner.ExportError):
    pass

# The model as a reader of a Series meets it.
end: layzner.PartialDate | None = series.aired.end
evidence: tuple[layzner.Evidence, ...] = series.provenance("aired.end")
where: str = evidence[0].locate() if evidence else ""
conflicts: list[layzner.Conflict] = [c for c in series.conflicts if c.field == "aired.end"]
tv: int | None = series.episodes.tv
game_paths: list[str] = [f"games[{layzner.slugify(g)}]" for g in series.games]
ranks: list[str | None] = [c.rank for c in series.characters]
performers: tuple[str, ...] = series.songs[0].artists if series.songs else ()

# The JSON contract as a reader of another program's JSON meets it.
parsed: layzner.Series = layzner.from_json({"schema_version": 1, "id": "x", "title": "X"})
checked: layzner.Series = layzner.from_json(text, strict=True)
utf16: int | None = evidence[0].offset_utf16 if evidence else None
synopsis_key: str = series.synopses[0].key if series.synopses else ""
as_text: bytes | None = layzner.export(series, "json", io.StringIO())

# Options of each type a plugin may declare, and the warnings a host may filter.
OPTIONS = (
    layzner.Option("language", str, "", "A BCP 47 tag.", choices=("", "en", "ja")),
    layzner.Option("indent", int, 2, "Spaces.", minimum=0, maximum=8),
    layzner.Option("characters", bool, True, "List the characters."),
)
in_words: str = OPTIONS[1].describe_type()
category: type[Warning] = layzner.PluginWarning
base: type[UserWarning] = layzner.LayznerWarning
source_material: str | None = series.source_material

# Many works: load_many, the filter, and exporters that take many series.
mecha = layzner.where("type=TV", "tag=mecha", "year=1980..1989")
for result in layzner.load_many("catalog/", workers=2, on_error="collect"):
    loaded: layzner.Series | None = result.series
    failure: layzner.LayznerError | None = result.error
    where_from: str = result.path
    if result.series is not None and mecha(result.series):
        related: tuple[layzner.RelatedWork, ...] = result.series.related
kept: list[layzner.Series] = list(filter(mecha, [series, other]))
lines: bytes | None = layzner.export_many(kept, "jsonl")
folder: bytes | None = layzner.export_many(kept, "mal", Path("pages/"))


def _export_many(context: layzner.ExportManyContext) -> str:
    count = sum(context.output.write(line) for line in context.works)
    return f"{count} bytes"


MANY = layzner.Exporter(
    name="lines",
    description="One line per series.",
    extension=".txt",
    media_type="text/plain",
    binary=False,
    export=_export,
    export_many=_export_many,
    prepare=lambda one, options: one.title.encode() + b"\n",
)
