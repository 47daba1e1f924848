"""A layzner exporter plugin: the series as a schema.org ``TVSeries`` in JSON-LD.

Install it next to layzner and run ``layzner-export --format jsonld``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import layzner

__all__ = ["EXPORTER", "layzner_register_exporters", "to_jsonld"]


def _date(value: layzner.PartialDate | None) -> str | None:
    return None if value is None else value.isoformat()


def to_jsonld(
    series: layzner.Series, *, language: str | None = None, characters: bool = True
) -> dict[str, Any]:
    """Return *series* as a schema.org ``TVSeries`` JSON-LD object; empty facts are left out."""
    alternate = [t.text for t in series.titles if t.text != series.title]
    document: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "TVSeries",
        "@id": f"urn:layzner:series:{series.id}",
        "name": series.title,
        "alternateName": alternate,
        "numberOfEpisodes": series.episodes.total,
        "startDate": _date(series.aired.start),
        "endDate": _date(series.aired.end),
        "genre": list(series.genres),
        "keywords": ", ".join(series.tags) or None,
        "contentRating": series.rating,
        "description": series.synopsis,
        "image": series.image,
        "inLanguage": language,
        "productionCompany": [{"@type": "Organization", "name": c.name} for c in series.companies],
        "director": [
            {"@type": "Person", "name": credit.person}
            for credit in series.staff
            if "director" in credit.role.lower()
        ],
        "character": (
            [{"@type": "Person", "name": c.name} for c in series.characters] if characters else []
        ),
        "sameAs": [link.url for link in series.links],
    }
    return {key: value for key, value in document.items() if value not in (None, [], "")}


def _export(context: layzner.ExportContext) -> str:
    # Options arrive parsed and checked against their declarations: a str,
    # an int within its bounds and a bool, defaults filled in.
    language = context.options["language"]
    characters = bool(context.options["characters"])
    document = to_jsonld(
        context.series, language=str(language) if language else None, characters=characters
    )
    indent = context.options["indent"]
    # sort_keys and fixed separators make the output byte-identical run to run.
    text = json.dumps(
        document,
        ensure_ascii=False,
        indent=indent or None,
        separators=None if indent else (",", ":"),
        sort_keys=True,
    )
    context.write_text(text + "\n")
    return f"{len(document)} properties"


EXPORTER = layzner.Exporter(
    name="jsonld",
    description="schema.org TVSeries as JSON-LD, for search engines and linked data.",
    extension=".jsonld",
    media_type="application/ld+json",
    binary=False,
    export=_export,
    # One option of each type an option may have: str, int and bool.
    options=(
        layzner.Option(
            name="language",
            type=str,
            default="",
            description="A BCP 47 tag for inLanguage, such as ja; empty leaves it out.",
        ),
        layzner.Option(
            name="indent",
            type=int,
            default=2,
            description="Spaces of indentation; 0 writes one compact line.",
            minimum=0,
            maximum=8,
        ),
        layzner.Option(
            name="characters",
            type=bool,
            default=True,
            description="List the characters; false leaves them out.",
        ),
    ),
)


@layzner.hookimpl
def layzner_register_exporters(register: Callable[[layzner.Exporter], None]) -> None:
    """Register the ``jsonld`` exporter."""
    register(EXPORTER)
