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


def to_jsonld(series: layzner.Series, *, language: str | None = None) -> dict[str, Any]:
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
        "character": [{"@type": "Person", "name": c.name} for c in series.characters],
        "sameAs": [link.url for link in series.links],
    }
    return {key: value for key, value in document.items() if value not in (None, [], "")}


def _export(context: layzner.ExportContext) -> None:
    language = context.options["language"]
    document = to_jsonld(context.series, language=str(language) if language else None)
    # sort_keys and fixed separators make the output byte-identical run to run.
    text = json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True)
    context.write_text(text + "\n")


EXPORTER = layzner.Exporter(
    name="jsonld",
    description="schema.org TVSeries as JSON-LD, for search engines and linked data.",
    extension=".jsonld",
    media_type="application/ld+json",
    binary=False,
    export=_export,
    options=(
        layzner.Option(
            name="language",
            type=str,
            default="",
            description="A BCP 47 tag for inLanguage, such as ja; empty leaves it out.",
        ),
    ),
)


@layzner.hookimpl
def layzner_register_exporters(register: Callable[[layzner.Exporter], None]) -> None:
    """Register the ``jsonld`` exporter."""
    register(EXPORTER)
