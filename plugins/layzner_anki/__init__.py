"""layzner's Anki exporter: ``layzner-export --format anki`` writes an ``.apkg`` deck.

One note per fact the model holds, in the deck ``Anime::<series title>``, with
one fixed note type (see :mod:`layzner_anki._notetype`).  Re-importing a newer
export updates changed notes in place and leaves the rest, and the user's
edits and review history, alone; ``docs/anki.md`` describes the workflow.

genanki is imported only when an export runs.
"""

from __future__ import annotations

import os
from collections.abc import Callable

import layzner

from . import _facts, _package, _previous

__all__ = ["EXPORTER", "export_anki", "layzner_register_exporters"]


def export_anki(context: layzner.ExportContext) -> str:
    """Write ``context.series`` to ``context.output`` as an Anki package.

    Returns:
        A one-line summary (notes, cards, deck) for the command line to report.

    Raises:
        OptionError: the ``previous`` package cannot be read.
        ExportError: ``SOURCE_DATE_EPOCH`` is malformed, or two facts share a GUID.

    .. versionadded:: 0.1
    """
    series = context.series
    timestamp = _package.resolve_timestamp(os.environ)
    previous = _previous.previous_from_option(context.options.get("previous"))
    facts = _facts.build_facts(series)
    if not facts:
        # genanki cannot write a deck without notes, and an empty deck helps no one.
        raise layzner.ExportError(
            f"{series.title!r} holds no fact beyond its title to make a card of"
        )
    data, summary = _package.write_package(
        facts,
        series_id=series.id,
        series_title=series.title,
        subdecks=bool(context.options.get("subdecks")),
        timestamp=timestamp,
        previous=previous,
    )
    # Written in one call, after everything that can fail has succeeded, so a
    # failed export never leaves half a package behind.
    context.output.write(data)
    return str(summary)


EXPORTER = layzner.Exporter(
    name="anki",
    description="Anki flashcard deck (.apkg), one note per fact, safe to re-import",
    extension=".apkg",
    media_type="application/apkg",
    binary=True,
    # The returned summary is what layzner-export prints on stderr.
    export=export_anki,
    options=(
        layzner.Option(
            name="subdecks",
            type=bool,
            default=False,
            description="put each category (Titles, Characters, Music...) in its own subdeck",
        ),
        layzner.Option(
            name="previous",
            type=str,
            default=None,
            description=(
                "path of the .apkg exported last time: unchanged notes keep their old "
                "modification time, so re-importing only updates what changed"
            ),
        ),
    ),
)
"""The ``anki`` format.

.. versionadded:: 0.1
"""


@layzner.hookimpl
def layzner_register_exporters(register: Callable[[layzner.Exporter], None]) -> None:
    """Register the ``anki`` exporter.

    .. versionadded:: 0.1
    """
    register(EXPORTER)
