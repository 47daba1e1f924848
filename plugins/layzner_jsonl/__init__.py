"""The first-party JSON Lines exporter: ``layzner-export --format jsonl``.

One series per line, each line what ``--format json -O indent=0`` writes
for it (valid against :func:`layzner.json_schema`, read back with
:func:`layzner.from_json`, every string cleaned by :func:`layzner.clean_text`
as in every first-party export).  Many works stream into one file a line at a
time, so the file can be as large as the catalog while memory stays flat.
It uses only layzner's public API and registers like a third-party plugin.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import layzner
import layzner_json  # a first-party sibling in the same distribution: one JSON writer

__all__ = ["EXPORTER", "layzner_register_exporters", "prepare_line"]


def prepare_line(
    series: layzner.Series, options: Mapping[str, layzner.OptionValue | None]
) -> bytes:
    """Return the line of *series*: its JSON form, newline included.

    .. versionadded:: 0.1
    """
    return layzner_json.dumps(series, indent=0, provenance=bool(options["provenance"]))


def _export(context: layzner.ExportContext) -> None:
    context.output.write(prepare_line(context.series, context.options))


def _export_many(context: layzner.ExportManyContext) -> str:
    count = 0
    for line in context.works:
        context.output.write(line)
        count += 1
    return f"{count} {'line' if count == 1 else 'lines'}"


EXPORTER = layzner.Exporter(
    name="jsonl",
    description="JSON Lines: one series per line (schema_version 1), for many works at once.",
    extension=".jsonl",
    media_type="application/jsonl",
    binary=False,
    export=_export,
    export_many=_export_many,
    prepare=prepare_line,
    options=(
        layzner.Option(
            name="provenance",
            type=bool,
            default=True,
            description="Include sources, evidence, conflicts and unparsed lines.",
        ),
    ),
)
"""The ``jsonl`` exporter.

.. versionadded:: 0.1
"""


@layzner.hookimpl
def layzner_register_exporters(register: Callable[[layzner.Exporter], None]) -> None:
    """Register the ``jsonl`` exporter.

    .. versionadded:: 0.1
    """
    register(EXPORTER)
