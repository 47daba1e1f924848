"""The first-party JSON exporter: ``layzner-export --format json``.

It uses only layzner's public API and registers exactly the way a third-party
plugin does, through the ``json = "layzner_json"`` entry point.

Output is deterministic (the same series gives the same bytes), starts with
``schema_version`` and validates against :func:`layzner.json_schema`.  Every
string passes through :func:`layzner.clean_text`, so no control character or
bidi override reaches a consumer; a synopsis keeps its line breaks.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import orjson

import layzner

__all__ = ["EXPORTER", "layzner_register_exporters"]

_PROVENANCE_FIELDS = ("sources", "evidence", "conflicts", "unparsed")


def _cleaned(value: Any, parent: str = "", key: str = "") -> Any:
    """Return *value* (parsed JSON) with every string cleaned; *key* in *parent* is where it sits."""
    if isinstance(value, str):
        return layzner.clean_text(value, multiline=(parent, key) == ("synopses", "text"))
    if isinstance(value, list):
        return [_cleaned(item, parent, key) for item in value]
    if isinstance(value, dict):
        return {layzner.clean_text(k): _cleaned(v, key, k) for k, v in value.items()}
    return value


def _export(context: layzner.ExportContext) -> None:
    # to_json is the lossless form; this exporter only cleans, trims and
    # indents it, so the JSON exporter and from_json never disagree about the shape.
    data = _cleaned(orjson.loads(layzner.to_json(context.series)))
    if not context.options["provenance"]:
        for field in _PROVENANCE_FIELDS:
            del data[field]
    indent = orjson.OPT_INDENT_2 if context.options["indent"] else 0
    context.output.write(orjson.dumps(data, option=indent | orjson.OPT_APPEND_NEWLINE))


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
    """Register the ``json`` exporter."""
    register(EXPORTER)
