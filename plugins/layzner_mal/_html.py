"""The HTML card (``mal``): a view of the series, rendered through a Jinja2 template.

Jinja2 rather than the standard library because autoescaping makes every
value safe by default; string building would make each one safe by hand.  The
environment's ``finalize`` passes every value through
:func:`layzner.clean_text` first, so no control character or bidi override
reaches the page either.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import attrs

import layzner

from ._facts import (
    PRINT_TYPES,
    episode_kind,
    format_date,
    format_span,
    is_print,
    main_episodes,
    native_title,
    rating,
    safe_url,
    season,
    status,
)

if TYPE_CHECKING:
    import jinja2

__all__ = ["render_html"]

TEMPLATE = "card.html.j2"
UNKNOWN = "Unknown"
NONE_FOUND = "None found"

# Kana, CJK ideographs and full-width forms: text holding any of them is
# marked lang="ja", so that the browser picks Japanese glyphs for it.
_JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")
# "+3 OVA" but "+2 movies": abbreviations take no plural.
_COUNTABLE = frozenset({"movie", "special"})
_KIND_LABELS = {"tv": "TV", "ova": "OVA", "ona": "ONA", "movie": "movie", "special": "special"}


@attrs.frozen
class Row:
    """One line of the sidebar: ``Genres: Action, Drama``."""

    key: str
    label: str
    values: tuple[str, ...]


@attrs.frozen
class Theme:
    """One numbered theme song, its parts kept apart so the template can mark the native title."""

    sequence: int
    title: str
    native_title: str | None
    translated_title: str | None
    artists: str | None
    episodes: str | None


def _plural(singular: str, plural: str, count: int) -> str:
    return singular if count == 1 else plural


def _row(key: str, singular: str, plural: str, values: Iterable[str], missing: str) -> Row:
    found = tuple(dict.fromkeys(v for v in values if v))
    label = _plural(singular, plural, len(found))
    return Row(key, label, found or (missing,))


def _companies(series: layzner.Series, role: str) -> list[str]:
    return [c.name for c in series.companies if role in (r.lower() for r in c.roles)]


def _aired(series: layzner.Series) -> str:
    start, end = series.aired.start, series.aired.end
    if start is None and end is None:
        return UNKNOWN
    if start is not None and start == end:
        return format_date(start)
    first = "?" if start is None else format_date(start)
    last = "?" if end is None else format_date(end)
    return f"{first} to {last}"


def _episodes(series: layzner.Series) -> str:
    count = main_episodes(series)
    if count is None:
        return UNKNOWN
    own = episode_kind(series.media_type)
    if own is None or getattr(series.episodes, own) is None:
        return str(count)
    extras = [
        f"+{number} {_KIND_LABELS[kind]}{'s' if number != 1 and kind in _COUNTABLE else ''}"
        for kind, number in attrs.asdict(series.episodes).items()
        if kind != own and number is not None
    ]
    return f"{count} ({', '.join(extras)})" if extras else str(count)


def _information(series: layzner.Series, today: layzner.PartialDate) -> list[Row]:
    published = is_print(series)
    rows = [Row("type", "Type", (series.media_type or UNKNOWN,))]
    if published:
        rows.append(Row("volumes", "Volumes", (str(series.volumes or UNKNOWN),)))
        rows.append(Row("chapters", "Chapters", (str(series.chapters or UNKNOWN),)))
    else:
        rows.append(Row("episodes", "Episodes", (_episodes(series),)))
    rows.append(Row("status", "Status", (status(series, today),)))
    rows.append(Row("aired", "Published" if published else "Aired", (_aired(series),)))
    if not published:
        if (series.media_type or "TV") in {"TV", "ONA"}:
            # A season premieres TV series; MyAnimeList shows none for a film or an OVA.
            rows.append(Row("premiered", "Premiered", (season(series.aired.start) or UNKNOWN,)))
        known = (
            ("broadcaster", "Broadcaster", "Broadcasters"),
            ("producer", "Producer", "Producers"),
            ("distributor", "Distributor", "Distributors"),
            ("licensor", "Licensor", "Licensors"),
        )
        # A role this page has no label for still gets a row: no company is
        # dropped from the card.
        other = sorted(
            {role for c in series.companies for role in c.roles}
            - {role for role, _, _ in known}
            - {"studio"}
        )
        for role, singular, plural in (
            *known,
            *((role, role.title(), f"{role.title()}s") for role in other),
        ):
            if names := _companies(series, role):
                rows.append(_row(role, singular, plural, names, NONE_FOUND))
        rows.append(_row("studios", "Studio", "Studios", _companies(series, "studio"), NONE_FOUND))
        rows.append(Row("source", "Source", (series.source_material or UNKNOWN,)))
    if series.authors or published:
        credits = (f"{c.person} ({c.role})" if c.role else c.person for c in series.authors)
        rows.append(_row("authors", "Author", "Authors", credits, NONE_FOUND))
    rows.append(_row("genres", "Genre", "Genres", series.genres, NONE_FOUND))
    if series.tags:
        rows.append(_row("tags", "Tag", "Tags", series.tags, NONE_FOUND))
    rows.append(Row("rating", "Rating", (rating(series.rating) or UNKNOWN,)))
    return rows


def _alternative_titles(series: layzner.Series) -> list[Row]:
    seen: set[str] = set()
    groups: dict[str, list[str]] = {"synonyms": [], "japanese": [], "english": []}
    for title in series.titles:
        if title.text in seen:
            continue
        seen.add(title.text)
        if title.language == "ja" or title.kind == "native":
            groups["japanese"].append(title.text)
        elif title.language == "en" and title.kind in {"main", "official"}:
            # MyAnimeList lists the English title here even when it heads the page.
            groups["english"].append(title.text)
        elif title.text != series.title:
            groups["synonyms"].append(title.text)
    labels = {
        "synonyms": ("Synonym", "Synonyms"),
        "japanese": ("Japanese",) * 2,
        "english": ("English",) * 2,
    }
    return [_row(key, *labels[key], values, NONE_FOUND) for key, values in groups.items() if values]


def _themes(series: layzner.Series, kind: str) -> list[Theme]:
    songs = sorted((s for s in series.songs if s.kind == kind), key=lambda s: s.sequence)
    return [
        Theme(
            sequence=song.sequence,
            title=song.title,
            native_title=song.native_title,
            translated_title=song.translated_title,
            artists=", ".join(song.artists) or None,
            episodes=format_span(song.episodes),
        )
        for song in songs
    ]


def _paragraphs(text: str | None) -> list[str]:
    if not text:
        return []
    # Line breaks inside a paragraph are kept (the page shows them with
    # white-space: pre-line): synopses list chapters or episodes one per line.
    paragraphs = (p.strip() for p in re.split(r"\n\s*\n", text.strip()))
    return ["\n".join(line.strip() for line in p.splitlines()) for p in paragraphs if p]


def view(series: layzner.Series, *, today: layzner.PartialDate, offline: bool) -> dict[str, Any]:
    """Return what the template shows: every value plain text, every URL already checked."""
    native = native_title(series)
    characters = sorted(series.characters, key=lambda c: not c.main)
    return {
        "title": series.title,
        "native_title": None if native is None else native.text,
        "poster": None if offline else safe_url(series.image),
        "alternative_titles": _alternative_titles(series),
        "information": _information(series, today),
        "synopsis": _paragraphs(series.synopsis),
        "characters": [
            {
                "name": f"{c.rank} {c.name}" if c.rank else c.name,
                "aliases": ", ".join(c.aliases),
                "role": "Main" if c.main else "Supporting",
            }
            for c in characters
        ],
        "staff": [{"person": c.person, "role": c.role} for c in series.staff],
        "themes": [
            ("opening", "Opening Theme", _themes(series, "opening")),
            ("ending", "Ending Theme", _themes(series, "ending")),
        ],
        "links": [{"site": link.site, "url": safe_url(link.url)} for link in series.links],
        "related": _related(series),
    }


def _related(series: layzner.Series) -> list[Row]:
    """Return the related entries as MyAnimeList groups them: adaptations, then the others.

    A work of the other medium (a manga for an anime, an anime for a manga)
    is an adaptation one way or the other; which way, no document says, so
    the label claims no more than that.  Each entry reads ``Title (Type)``.
    """
    mine = is_print(series)
    groups: dict[str, list[str]] = {"Adaptation": [], "Other": []}
    for work in series.related:
        other = work.media_type is not None and work.media_type.lower() in PRINT_TYPES
        label = "Adaptation" if work.media_type is not None and other != mine else "Other"
        groups[label].append(f"{work.title} ({work.media_type})" if work.media_type else work.title)
    return [
        Row(label.lower(), label, tuple(entries)) for label, entries in groups.items() if entries
    ]


def _is_japanese(value: object) -> bool:
    """Return whether *value* holds Japanese script, so the template marks it ``lang="ja"``."""
    return bool(_JAPANESE.search(str(value)))


def _clean(value: object) -> object:
    """Return a template value with its text cleaned; markup the template made stays as it is."""
    if isinstance(value, str) and not hasattr(value, "__html__"):
        # Newlines stay: the synopsis shows them (white-space: pre-line), and
        # anywhere else HTML reads them as spaces.
        return layzner.clean_text(value, multiline=True)
    return value


def render_html(
    series: layzner.Series, *, today: layzner.PartialDate, offline: bool, version: str
) -> str:
    """Return the HTML card of *series*: one HTML5 document, no script, ending with a newline."""
    template = _template()
    return template.render(view(series, today=today, offline=offline), version=version)


@functools.cache
def _template() -> jinja2.Template:
    """Return the compiled template, once per process: a folder of many pages reuses it."""
    # Imported here so that loading the plugin (for --list-formats, say) never imports Jinja2.
    import jinja2  # noqa: PLC0415

    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("layzner_mal", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=_clean,
    )
    environment.tests["japanese"] = _is_japanese
    return environment.get_template(TEMPLATE)
