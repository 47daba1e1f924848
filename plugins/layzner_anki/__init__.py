"""layzner's Anki exporter: ``layzner-export --format anki`` writes an ``.apkg`` deck.

One note per fact the model holds, in the deck ``Anime::<series title>``
(``Manga::<title>`` and so on for print works), with one fixed note type (see
:mod:`layzner_anki._notetype`).  Re-importing a newer export updates changed
notes in place and leaves the rest, and the user's edits and review history,
alone; ``docs/anki.md`` describes the workflow.  Many works go into one
package, a deck per work, with the GUIDs each has when exported alone.

genanki is imported only when an export runs.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable, Iterable, Mapping
from typing import IO

import layzner

from . import _facts, _package, _previous

__all__ = [
    "EXPORTER",
    "WorkFacts",
    "export_anki",
    "export_anki_many",
    "layzner_register_exporters",
    "prepare_anki",
]


@dataclasses.dataclass(frozen=True)
class WorkFacts:
    """One series' facts, as :func:`prepare_anki` makes them for a package of many works."""

    series_id: str
    title: str
    media_type: str | None
    facts: tuple[_facts.Fact, ...]


def prepare_anki(
    series: layzner.Series, options: Mapping[str, layzner.OptionValue | None]
) -> WorkFacts:
    """Return the facts of *series*, ready for :func:`export_anki_many`.

    Raises:
        ExportError: the series holds no fact beyond its title.

    .. versionadded:: 0.1
    """
    del options  # every option concerns the package, none one series' facts
    facts = _facts.build_facts(series)
    if not facts:
        # genanki cannot write a deck without notes, and an empty deck helps no one.
        raise layzner.ExportError(
            f"{series.title!r} holds no fact beyond its title to make a card of"
        )
    return WorkFacts(series.id, series.title, series.media_type, tuple(facts))


def export_anki(context: layzner.ExportContext) -> str:
    """Write ``context.series`` to ``context.output`` as an Anki package.

    Returns:
        A one-line summary (notes, cards, deck) for the command line to report.

    Raises:
        OptionError: the ``previous`` package cannot be read.
        ExportError: ``SOURCE_DATE_EPOCH`` is malformed, or two facts share a GUID.

    .. versionadded:: 0.1
    """
    work = prepare_anki(context.series, context.options)
    return _write(context.options, context.output, [work])


def export_anki_many(context: layzner.ExportManyContext) -> str:
    """Write the works of ``context.works`` (from :func:`prepare_anki`) as one Anki package.

    Each work has its own deck, ``Anime::<title>`` (``Manga::<title>`` and so
    on for print works), and its notes have the GUIDs, fields and tags that
    exporting it alone gives.

    .. versionadded:: 0.1
    """
    return _write(context.options, context.output, context.works)


def _write(
    options: Mapping[str, layzner.OptionValue | None],
    output: IO[bytes],
    works: Iterable[WorkFacts],
) -> str:
    timestamp = _package.resolve_timestamp(os.environ)
    previous = _previous.previous_from_option(options.get("previous"))
    writer = _package.PackageWriter(
        subdecks=bool(options.get("subdecks")), timestamp=timestamp, previous=previous
    )
    for work in works:
        writer.add(
            work.facts, series_id=work.series_id, title=work.title, media_type=work.media_type
        )
    data, summary = writer.finish()
    # Written in one call, after everything that can fail has succeeded, so a
    # failed export never leaves half a package behind.
    output.write(data)
    return str(summary)


EXPORTER = layzner.Exporter(
    name="anki",
    description="Anki flashcard deck (.apkg), one note per fact, safe to re-import",
    extension=".apkg",
    media_type="application/apkg",
    binary=True,
    # The returned summary is what layzner-export prints on stderr.
    export=export_anki,
    export_many=export_anki_many,
    prepare=prepare_anki,
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
