"""The first-party JSON exporter: ``layzner-export --format json``.

It uses only layzner's public API and registers exactly the way a third-party
plugin does, through the ``json = "layzner_json"`` entry point.

Output is deterministic (the same series gives the same bytes), starts with
``schema_version`` and validates against :func:`layzner.json_schema`.  Every
string passes through :func:`layzner.clean_text`, so no control character or
bidi override reaches a consumer; a synopsis keeps its line breaks.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import orjson

import layzner

__all__ = ["EXPORTER", "dumps", "layzner_register_exporters"]

_PROVENANCE_FIELDS = ("sources", "evidence", "conflicts", "unparsed")
# What to_json writes for text that clean_text would change: a JSON escape
# (orjson escapes only controls, quotes and backslashes), a C1 control, a
# bidi embedding, override or isolate, or U+2028/U+2029.  Without any of
# these the document is already clean and need not be parsed.
_MAY_NEED_CLEANING = re.compile(rb"\\|\xc2[\x80-\x9f]|\xe2\x80[\xa8-\xae]|\xe2\x81[\xa6-\xa9]")


def _cleaned(value: Any, parent: str = "", key: str = "") -> Any:
    """Return *value* (parsed JSON) with every string cleaned; *key* in *parent* is where it sits."""
    if isinstance(value, str):
        return layzner.clean_text(value, multiline=(parent, key) == ("synopses", "text"))
    if isinstance(value, list):
        return [_cleaned(item, parent, key) for item in value]
    if isinstance(value, dict):
        return {layzner.clean_text(k): _cleaned(v, key, k) for k, v in value.items()}
    return value


def dumps(series: layzner.Series, *, indent: int, provenance: bool) -> bytes:
    """Return what ``--format json`` writes for *series*, final newline included.

    Also the line the ``jsonl`` exporter writes for a work (with *indent* 0).

    .. versionadded:: 0.1
    """
    # to_json is the lossless form; this exporter only cleans, trims and
    # indents it, so the JSON exporter and from_json never disagree about the shape.
    lossless = layzner.to_json(series)
    if provenance and not indent and not _MAY_NEED_CLEANING.search(lossless):
        return lossless + b"\n"
    data = orjson.loads(lossless)
    if _MAY_NEED_CLEANING.search(lossless):
        data = _cleaned(data)
    if not provenance:
        for field in _PROVENANCE_FIELDS:
            del data[field]
    option = orjson.OPT_INDENT_2 if indent else 0
    return orjson.dumps(data, option=option | orjson.OPT_APPEND_NEWLINE)


def _export(context: layzner.ExportContext) -> None:
    indent, provenance = context.options["indent"], context.options["provenance"]
    assert isinstance(indent, int)  # the options are checked against their declarations
    context.output.write(dumps(context.series, indent=indent, provenance=bool(provenance)))


EXPORTER = layzner.Exporter(
    name="json",
    description="The series as JSON (schema_version 1), optionally with sources and evidence.",
    extension=".json",
    media_type="application/json",
    binary=False,
    export=_export,
    options=(
        layzner.Option(
            name="indent",
            type=int,
            default=2,
            description="Spaces of indentation: 2, or 0 for one compact line.",
            choices=(0, 2),
        ),
        layzner.Option(
            name="provenance",
            type=bool,
            default=False,
            description="Include sources, evidence, conflicts and unparsed lines.",
        ),
    ),
)
"""The ``json`` exporter.

.. versionadded:: 0.1
"""


@layzner.hookimpl
def layzner_register_exporters(register: Callable[[layzner.Exporter], None]) -> None:
    """Register the ``json`` exporter.

    .. versionadded:: 0.1
    """
    register(EXPORTER)
