"""What the works of one franchise say about each other: related entries, and a likely source.

A card catalog keeps the works of a franchise in one folder.  That is a fact
about the catalog, not a line of any document, so each work gets the others
as :class:`~layzner.RelatedWork` entries without evidence.  One more fact
follows from it: a TV series whose documents do not say what it was adapted
from, in a franchise whose manga (or light novel) started before any of its
anime, was most likely adapted from that.  That inference cites the lines it rests on (the
earlier work's type and start date, and the series' own start date), and the
earlier work's card joins the series' sources, since the evidence names it.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from ._model import Evidence, PartialDate, RelatedWork, Series
from ._vocabulary import EPISODE_FIELDS

__all__ = ["LIKELY_SOURCES", "likely_source", "relate"]

LIKELY_SOURCES: dict[str, str] = {"Manga": "Manga", "Light Novel": "Light novel"}
"""The print media types a TV series is taken to adapt, and the source each gives (MyAnimeList's words)."""

_ADAPTED = "TV"  # the media type the rule is for; films and specials follow other series as often


def relate(works: Sequence[Series]) -> list[Series]:
    """Return *works* (one franchise, in order), each with the others as related and a likely source."""
    if len(works) < 2:
        return list(works)
    entries = [RelatedWork(work.id, work.title, work.media_type) for work in works]
    related: list[Series] = []
    for position, work in enumerate(works):
        others = tuple(entries[:position] + entries[position + 1 :])
        with_source = _with_likely_source(work, [w for w in works if w is not work])
        related.append(attrs.evolve(with_source, related=others))
    return related


def likely_source(series: Series, others: Sequence[Series]) -> tuple[str, Series] | None:
    """Return the likely source material of *series* and the work it comes from, or ``None``.

    Only for a TV series whose documents state no source: the earliest of
    *others* that is a manga or a light novel and certainly started before
    every anime of the franchise, this series included.  Two such works of
    different kinds starting together leave it unknown.
    """
    start = series.aired.start
    if series.media_type != _ADAPTED or series.source_material is not None or start is None:
        return None
    # The print work must come before every anime of the franchise, not only
    # this one: a manga drawn between two seasons of an original anime is no
    # source of the second.
    anime = [w.aired.start for w in (series, *others) if w.media_type in EPISODE_FIELDS]
    earlier = [
        other
        for other in others
        if other.media_type in LIKELY_SOURCES
        and other.aired.start is not None
        and all(other.aired.start.precedes(date) for date in anime if date is not None)
    ]
    if not earlier:
        return None
    first = min(earlier, key=_start_key)
    kinds = {
        LIKELY_SOURCES[str(other.media_type)]
        for other in earlier
        if _start_key(other) == _start_key(first)
    }
    if len(kinds) > 1:
        return None
    return LIKELY_SOURCES[str(first.media_type)], first


def _start_key(series: Series) -> tuple[int, int, int]:
    start = series.aired.start
    assert isinstance(start, PartialDate)  # likely_source() keeps only works with a start
    return start.sort_key()


def _with_likely_source(series: Series, others: Sequence[Series]) -> Series:
    found = likely_source(series, others)
    if found is None:
        return series
    source, origin = found
    cited: tuple[Evidence, ...] = tuple(
        dict.fromkeys(
            (
                *origin.provenance("media_type"),
                *origin.provenance("aired.start"),
                *series.provenance("aired.start"),
            )
        )
    )
    own = {document.id for document in series.sources}
    named = {evidence.source for evidence in cited}
    documents = [d for d in origin.sources if d.id in named and d.id not in own]
    return attrs.evolve(
        series,
        source_material=source,
        sources=tuple(sorted((*series.sources, *documents), key=lambda d: d.id)),
        evidence=tuple(
            sorted((*series.evidence, ("source_material", cited)), key=lambda pair: pair[0])
        ),
    )
