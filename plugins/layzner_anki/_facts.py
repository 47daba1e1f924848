"""Turn a series into facts: one question and answer per thing the model really holds.

Nothing here knows Anki or genanki; a :class:`Fact` is plain, escaped HTML.
Every piece of seed text passes through :func:`layzner.clean_text` and then
:func:`html.escape` before it meets markup, so no document can put a tag or a
script on a card, split a note with Anki's field separator (U+001F), or
reorder a card's text with a bidi override.
"""

from __future__ import annotations

import dataclasses
import html
from collections.abc import Iterable, Sequence

import layzner

__all__ = ["SUBDECKS", "Fact", "build_facts"]

# category -> subdeck (only with -O subdecks=true); each category is also a tag, layzner::<category>.
SUBDECKS: dict[str, str] = {
    "title": "Titles",
    "aired": "Broadcast",
    "episodes": "Broadcast",
    "print": "Broadcast",
    "type": "Overview",
    "company": "Production",
    "staff": "Production",
    "author": "Production",
    "character": "Characters",
    "song": "Music",
    "genre": "Overview",
    "game": "Overview",
    "synopsis": "Overview",
}

_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

_EPISODE_KINDS = (
    ("tv", "TV episodes"),
    ("ova", "OVA episodes"),
    ("ona", "ONA episodes"),
    ("movie", "films"),
    ("special", "specials"),
)

_MAX_SOURCES = 3  # more locations than this only clutter the card's footer


@dataclasses.dataclass(frozen=True)
class Fact:
    """One note: a stable key, escaped HTML fields, and where it came from.

    ``key`` identifies the fact across exports (``"character:anna-stephanie"``)
    and never contains field text that a typo fix could change, beyond the
    model's own item keys.
    """

    key: str
    category: str
    question: str
    answer: str
    source: str
    notes: str = ""
    extra_tags: tuple[str, ...] = ()

    @property
    def tags(self) -> tuple[str, ...]:
        """Return the note's tags: the category tag, then any extra ones, sorted."""
        if self.category not in SUBDECKS:
            msg = f"unknown fact category {self.category!r}"
            raise KeyError(msg)
        return (f"layzner::{self.category}", *sorted(self.extra_tags))


def _e(text: str) -> str:
    return html.escape(layzner.clean_text(text), quote=True)


def _quoted(text: str) -> str:
    return f"“{_e(text)}”"


def _join(items: Iterable[str]) -> str:
    """Join already-escaped *items* as English prose: ``a``, ``a and b``, ``a, b and c``."""
    parts = list(items)
    if len(parts) <= 2:
        return " and ".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def _list(items: Iterable[str]) -> str:
    """Return already-escaped *items* as one line, or as an HTML list when there are many."""
    parts = list(items)
    if len(parts) <= 3:
        return _join(parts)
    return "<ul>" + "".join(f"<li>{part}</li>" for part in parts) + "</ul>"


def _date(date: layzner.PartialDate) -> str:
    """Return *date* in words, exactly as precise as the model knows it."""
    if date.month is None:
        return str(date.year)
    month = _MONTHS[date.month - 1]
    if date.day is None:
        return f"{month} {date.year}"
    return f"{date.day} {month} {date.year}"


def _ordinal(number: int) -> str:
    if 10 <= number % 100 <= 20:
        suffix = "th"
    else:
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


class _Builder:
    """Collect facts for one series, with its escaped title and provenance at hand."""

    def __init__(self, series: layzner.Series) -> None:
        self.series = series
        self.title = f"<i>{_e(series.title)}</i>"
        self.facts: list[Fact] = []

    def source(self, keys: Sequence[str], field: str) -> str:
        """Return escaped "format file, line N" text for *keys*, else for the whole *field*."""
        evidence: list[layzner.Evidence] = []
        for key in keys:
            evidence.extend(e for e in self.series.provenance(key) if e not in evidence)
        if not evidence:
            evidence.extend(self.series.provenance(field))
        places: list[str] = []
        for item in evidence:
            try:
                document = self.series.source(item.source)
            except LookupError:
                where = item.source
            else:
                where = f"{document.format} {_basename(document.path)}"
            if item.line is not None:
                where += f", line {item.line}"
            elif item.offset is not None:
                where += f", character {item.offset}"
            if where not in places:
                places.append(where)
        shown = places[:_MAX_SOURCES]
        if len(places) > _MAX_SOURCES:
            shown.append(f"{len(places) - _MAX_SOURCES} more")
        return _e("; ".join(shown))

    def add(
        self,
        key: str,
        category: str,
        question: str,
        answer: str,
        *,
        evidence: tuple[Sequence[str], str],
        notes: str = "",
        extra_tags: tuple[str, ...] = (),
    ) -> None:
        self.facts.append(
            Fact(
                key=key,
                category=category,
                question=question,
                answer=answer,
                source=self.source(evidence[0], evidence[1]),
                notes=notes,
                extra_tags=extra_tags,
            )
        )


def build_facts(series: layzner.Series) -> list[Fact]:
    """Return the facts of *series*, in the order a learner meets them.

    Facts the model does not hold are not made up: a series without songs has
    no song cards, and a character with neither rank nor aliases is only asked
    about by name.
    """
    builder = _Builder(series)
    for add_facts in (
        _title_facts,
        _release_facts,
        _airing_facts,
        _count_facts,
        _company_facts,
        _credit_facts,
        _character_facts,
        _song_facts,
        _overview_facts,
    ):
        add_facts(builder)
    return builder.facts


def _title_facts(b: _Builder) -> None:
    titles = b.series.titles
    english = [t for t in titles if t.language == "en"]
    native = [t for t in titles if t.language == "ja"]
    romaji = [t for t in titles if t.language == "ja-Latn"]
    # The answer to "what is the English title" is the main one when the model
    # marks one, else every English title, so the card never picks one at random.
    english_answer = [t for t in english if t.kind == "main"] or english
    native_answer = native or romaji
    for title in english:
        if not native_answer:
            break
        answer = _join(_quoted(t.text) for t in native_answer)
        notes = ""
        if native and romaji:
            notes = "Romanised: " + _join(_quoted(t.text) for t in romaji)
        b.add(
            f"title:{title.key}:ja",
            "title",
            f"What is the Japanese title of the anime {_quoted(title.text)}?",
            answer,
            evidence=((f"titles[{title.key}]",), "titles"),
            notes=notes,
        )
    for title in (*native, *romaji):
        candidates = [t for t in english_answer if t.text != title.text]
        if not candidates:
            continue
        script = "Japanese" if title.language == "ja" else "romanised Japanese"
        b.add(
            f"title:{title.key}:en",
            "title",
            f"The anime known in {script} as {_quoted(title.text)} has what English title?",
            _join(_quoted(t.text) for t in candidates),
            evidence=((f"titles[{title.key}]",), "titles"),
        )


def _release_facts(b: _Builder) -> None:
    for field, question in (
        ("media_type", "What kind of release is"),
        ("source_material", "What is the source material of"),
    ):
        value = getattr(b.series, field)
        if value is not None:
            b.add(field, "type", f"{question} {b.title}?", _e(value), evidence=((field,), field))


def _airing_facts(b: _Builder) -> None:
    series = b.series
    # A film or a one-off release premieres; a series airs from one date to another.
    verbs = (
        ("premiere", "finish its release")
        if series.media_type in {"Movie", "Special"} and (series.episodes.total or 0) <= 1
        else ("begin airing", "finish airing")
    )
    for end, verb in zip(("start", "end"), verbs, strict=True):
        date = getattr(series.aired, end)
        if date is not None:
            b.add(
                f"aired.{end}",
                "aired",
                f"When did {b.title} {verb}?",
                _e(_date(date)),
                evidence=((f"aired.{end}",), "aired"),
            )


def _count_facts(b: _Builder) -> None:
    series = b.series
    single_release = {"Movie": "movie", "Special": "special"}.get(series.media_type or "")
    for kind, label in _EPISODE_KINDS:
        count = getattr(series.episodes, kind)
        if count is None or (kind == single_release and count == 1):
            # "How many films does this film have? 1" teaches nothing.
            continue
        b.add(
            f"episodes.{kind}",
            "episodes",
            f"How many {label} does {b.title} have?",
            str(count),
            evidence=((f"episodes.{kind}",), "episodes"),
        )
    for field in ("volumes", "chapters"):
        count = getattr(series, field)
        if count is not None:
            b.add(
                field,
                "print",
                f"How many {field} does {b.title} have?",
                str(count),
                evidence=((field,), field),
            )


def _company_facts(b: _Builder) -> None:
    # One card per role, listing every company in it, so that "which
    # broadcaster?" never has a second right answer hidden on another card.
    by_role: dict[str, list[layzner.Company]] = {}
    for company in b.series.companies:
        for role in company.roles or ("company",):
            by_role.setdefault(role, []).append(company)
    for role, companies in by_role.items():
        role_key = "-".join(role.lower().split())
        label = "companies" if role == "company" else (role if len(companies) == 1 else f"{role}s")
        b.add(
            f"companies:{role_key}",
            "company",
            f"Name the {_e(label)} of {b.title}.",
            _list(_e(c.name) for c in companies),
            evidence=([f"companies[{c.key}]" for c in companies], "companies"),
        )


def _credit_facts(b: _Builder) -> None:
    for field, category in (("staff", "staff"), ("authors", "author")):
        credits: tuple[layzner.Credit, ...] = getattr(b.series, field)
        people_in_role: dict[str, list[str]] = {}
        roles_of_person: dict[str, list[str]] = {}
        for credit in credits:
            people_in_role.setdefault(credit.role.casefold(), []).append(credit.person)
            roles_of_person.setdefault(credit.person.casefold(), []).append(credit.role)
        for credit in credits:
            others = [p for p in people_in_role[credit.role.casefold()] if p != credit.person]
            notes: list[str] = []
            if credit.aliases:
                notes.append("Also credited as " + _join(_e(a) for a in credit.aliases) + ".")
            if not others:
                question = f"Who is credited as {_e(credit.role)} on {b.title}?"
                answer = _e(credit.person)
            elif len(roles_of_person[credit.person.casefold()]) == 1:
                # Several people share this role, so asking for "the" person
                # would have several right answers; ask for the role instead.
                question = f"What is {_e(credit.person)} credited as on {b.title}?"
                answer = _e(credit.role)
                notes.append("Also credited in this role: " + _join(_e(p) for p in others) + ".")
            else:
                # The role is shared and the person has several: asking for the
                # combination keeps the answer down to this person.
                also = _join(
                    _e(r) for r in roles_of_person[credit.person.casefold()] if r != credit.role
                )
                question = f"Who is credited as {_e(credit.role)} and as {also} on {b.title}?"
                answer = _e(credit.person)
            b.add(
                f"{field}:{credit.key}",
                category,
                question,
                answer,
                evidence=((f"{field}[{credit.key}]",), field),
                notes=" ".join(notes),
            )


def _character_facts(b: _Builder) -> None:
    for character in b.series.characters:
        name = _e(character.name)
        full = f"{_e(character.rank)} {name}" if character.rank else name
        details: list[str] = []
        if character.main:
            details.append("A main character.")
        if character.aliases:
            question = (
                f"Which character in {b.title} is also known as "
                + _join(_quoted(a) for a in character.aliases)
                + "?"
            )
            answer = full
            if character.rank:
                details.append(f"Rank: {_e(character.rank)}.")
        elif character.rank:
            question = f"What rank or title does {name} hold in {b.title}?"
            answer = _e(character.rank)
        else:
            question = f"In which anime does the character {name} appear?"
            answer = b.title
        b.add(
            f"character:{character.key}",
            "character",
            question,
            answer,
            evidence=((f"characters[{character.key}]",), "characters"),
            notes=" ".join(details),
            extra_tags=("layzner::character::main",) if character.main else (),
        )


def _song_facts(b: _Builder) -> None:
    songs = b.series.songs
    for song in songs:
        same_kind = [s for s in songs if s.kind == song.kind]
        kind = _e(song.kind)
        position = f"{_ordinal(song.sequence)} " if len(same_kind) > 1 else ""
        question = f"What is the {position}{kind} theme of {b.title}?"
        answer = _quoted(song.title)
        if song.native_title:
            answer += f" ({_e(song.native_title)})"
        notes: list[str] = []
        if song.translated_title:
            notes.append(f"English: {_quoted(song.translated_title)}.")
        if song.artists:
            notes.append("Performed by " + _join(_e(a) for a in song.artists) + ".")
        if song.composers:
            notes.append("Composed by " + _join(_e(c) for c in song.composers) + ".")
        if song.episodes:
            spans = [_e(str(span)).replace("-", "–") for span in song.episodes]
            word = "Episode" if len(spans) == 1 and "–" not in spans[0] else "Episodes"
            notes.append(f"{word} " + ", ".join(spans) + ".")
        b.add(
            f"song:{song.key}",
            "song",
            question,
            answer,
            evidence=((f"songs[{song.key}]",), "songs"),
            notes="<br>".join(notes),
        )


def _overview_facts(b: _Builder) -> None:
    series = b.series
    if series.genres:
        b.add(
            "genres",
            "genre",
            f"Which genres is {b.title} listed under?",
            _list(_e(g) for g in series.genres),
            evidence=(("genres",), "genres"),
        )
    if series.games:
        b.add(
            "games",
            "game",
            f"Which video games does {b.title} appear in?",
            _list(f"<i>{_e(g)}</i>" for g in series.games),
            evidence=(("games",), "games"),
        )
    if series.synopses:
        best = series.synopses[0]
        text = layzner.clean_text(best.text, multiline=True)
        paragraphs = [p.strip() for p in text.split("\n") if p.strip()]
        body = "".join(f"<p>{_e(p)}</p>" for p in paragraphs)
        b.facts.append(
            Fact(
                key="synopsis",
                category="synopsis",
                question=f"What is {b.title} about?",
                answer=f'<div class="layzner-quote">{body}</div>',
                source=_document_name(b.series, best.source),
            )
        )


def _document_name(series: layzner.Series, source_id: str) -> str:
    try:
        document = series.source(source_id)
    except LookupError:
        return _e(source_id)
    return _e(f"{document.format} {_basename(document.path)}")


def _basename(path: str) -> str:
    return path.replace("\\", "/").rsplit("/", 1)[-1]
