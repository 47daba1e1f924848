"""The typed model of a series: frozen, slotted attrs classes and nothing else.

Every class here is a value: equal when its fields are equal, hashable, and
safe to share.  Where a fact came from is not stored on the values themselves
(so that two documents stating the same character compare equal); it lives in
:attr:`Series.evidence`, keyed by the field paths that
:meth:`Series.provenance` accepts.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from functools import lru_cache
from typing import Literal

import attrs

from ._sanitize import clean_text

__all__ = [
    "Candidate",
    "Character",
    "Company",
    "Conflict",
    "Credit",
    "DateRange",
    "EpisodeSpan",
    "Episodes",
    "Evidence",
    "Link",
    "PartialDate",
    "RelatedWork",
    "Series",
    "Song",
    "SourceDocument",
    "Synopsis",
    "Title",
    "UnparsedLine",
    "slugify",
]

SongKind = Literal["opening", "ending"]

# The closed vocabularies of the model.  The JSON Schema lists the same values
# as enums (a test keeps them equal), so a consumer can rely on them.
TITLE_KINDS: tuple[str, ...] = ("main", "official", "synonym", "native")
"""The values of :attr:`Title.kind`."""
SONG_KINDS: tuple[str, ...] = ("opening", "ending")
"""The values of :attr:`Song.kind`."""
SOURCE_FORMATS: tuple[str, ...] = ("profile", "card", "article")
"""The values of :attr:`SourceDocument.format`: the formats layzner reads.

The readers' registry (``layzner._readers.FORMATS``) has a descriptor for
each; a test keeps the two, and the JSON Schema's enum, equal.
"""


def _known_format(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    """Accept a format that layzner ships, or another that its readers' registry holds."""
    if value in SOURCE_FORMATS:
        return
    # Only a format registered beside the shipped ones (a test's toy format)
    # gets here: the registry imports every reader, so it is asked last.
    from ._readers import format_named  # noqa: PLC0415

    if not isinstance(value, str) or format_named(value) is None:
        msg = f"'{attribute.name}' must be one of {SOURCE_FORMATS!r} (got {value!r})"
        raise ValueError(msg)


def slugify(text: str) -> str:
    """Turn *text* into a lowercase slug: ``"Blue Comet SPT Layzner"`` -> ``"blue-comet-spt-layzner"``.

    The rules, in order (``docs/json.md`` gives them to consumers of the JSON):

    0. Control characters and bidirectional controls are removed, as
       :func:`layzner.clean_text` removes them from every export, so that a
       value and its exported form share one slug.
    1. The text is decomposed (Unicode NFKD): ``Ｘ`` becomes ``X``, ``ō``
       becomes ``o`` and a combining macron.
    2. ASCII letters and digits are kept, lowercased; the combining marks
       after them are dropped, so Latin letters lose their accents
       (``Itō`` -> ``ito``).
    3. Letters, digits and combining marks of other scripts are kept,
       lowercased (``蒼き流星 SPT`` -> ``蒼き流星-spt``, ``हिन्दी`` keeps its
       vowel signs), so two titles that differ only in kana never share a slug.
    4. Every other character is a separator.  The result is recomposed
       (NFKC), each run of separators becomes one ``-``, and none is left at
       either end.

    ``slugify(slugify(text)) == slugify(text)`` for every text.

    .. versionadded:: 0.1
    """
    if text.isascii():
        # Most names: decomposing ASCII changes nothing, and every character
        # is a letter or digit kept lowercase, or a separator.
        return _NOT_ALPHANUMERIC.sub("-", clean_text(text).lower()).strip("-")
    return _slugify_unicode(text)


_NOT_ALPHANUMERIC = re.compile(r"[^a-z0-9]+")


@lru_cache(maxsize=1024)
def _slugify_unicode(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", clean_text(text))
    if "\u03a3" in decomposed:
        # Σ lowercases by its neighbours in a whole string: go letter by letter.
        return _slugify_by_character(decomposed)

    def separate(run: re.Match[str]) -> str:
        # A run of what is no letter or digit: marks stay unless an ASCII
        # letter or digit comes before them, the rest are separators.
        before = decomposed[run.start() - 1] if run.start() else ""
        latin = before.isascii() and before.isalnum()
        kept = []
        for char in run[0]:
            if unicodedata.category(char).startswith("M"):
                if not latin:
                    kept.append(char)
            else:
                latin = False
                kept.append("-")
        return "".join(kept)

    # Letters and digits of every script are lowercased at once; no mark has a case.
    slug = unicodedata.normalize("NFKC", _NOT_ALPHANUMERIC_RUN.sub(separate, decomposed).lower())
    return _SEPARATOR_RUN.sub("-", slug).strip("-")


def _slugify_by_character(decomposed: str) -> str:
    parts: list[str] = []
    latin = False  # whether the last character kept was an ASCII letter or digit
    for char in decomposed:
        if char.isascii():
            latin = char.isalnum()
            parts.append(char.lower() if latin else "-")
        elif unicodedata.category(char).startswith("M"):
            if not latin:
                parts.append(char)
        else:
            latin = False
            parts.append(char.lower() if char.isalnum() else "-")
    slug = unicodedata.normalize("NFKC", "".join(parts))
    return _SEPARATOR_RUN.sub("-", slug).strip("-")


_SEPARATOR_RUN = re.compile(r"-+")
# \w is a letter or digit of any script (str.isalnum) or the underscore.
_NOT_ALPHANUMERIC_RUN = re.compile(r"(?:\W|_)+")


def is_slug(text: str) -> bool:
    """Return whether *text* is a non-empty slug, as :func:`slugify` writes one."""
    return bool(text) and slugify(text) == text


_MONTH_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)

MAX_COUNT = 100_000
"""The largest episode, volume or chapter count (or episode number) layzner accepts.

The longest-running anime has under 10,000 episodes; a larger number is a
defect in a document, and would not survive JSON consumers' 64-bit integers.
"""


def check_count(name: str, value: int) -> None:
    """Raise ``ValueError`` unless ``0 <= value <= MAX_COUNT``."""
    if not 0 <= value <= MAX_COUNT:
        msg = f"{name} must be between 0 and {MAX_COUNT}, got {value}"
        raise ValueError(msg)


def _count_optional(
    _inst: object, attribute: attrs.Attribute[int | None], value: int | None
) -> None:
    if value is not None:
        check_count(attribute.name, value)


# The classes a series holds one of per fact (all but Series) have no
# ``__weakref__`` slot: nothing refers to a fact weakly, and the slot costs
# eight bytes an object, of which a series of thousands of tags or lines
# holds thousands.
@attrs.frozen(order=False, weakref_slot=False)
class PartialDate:
    """A calendar date whose month and day may be unknown.

    A year-only date stays year-only: ``PartialDate(1985)`` is not the same as
    ``PartialDate(1985, 1, 1)``.

    .. versionadded:: 0.1
    """

    year: int = attrs.field(validator=attrs.validators.instance_of(int))
    month: int | None = attrs.field(default=None)
    day: int | None = attrs.field(default=None)

    @month.validator
    def _check_month(self, _attribute: attrs.Attribute[int | None], value: int | None) -> None:
        if value is not None and not 1 <= value <= 12:
            msg = f"month must be 1..12, got {value}"
            raise ValueError(msg)

    @day.validator
    def _check_day(self, _attribute: attrs.Attribute[int | None], value: int | None) -> None:
        if value is None:
            return
        if self.month is None:
            msg = "a day needs a month"
            raise ValueError(msg)
        # calendar.monthrange stops at year 9999; isleap works for any year.
        last = _MONTH_DAYS[self.month - 1] + (self.month == 2 and calendar.isleap(self.year))
        if not 1 <= value <= last:
            msg = f"day must be 1..{last} in {self.year:04d}-{self.month:02d}, got {value}"
            raise ValueError(msg)

    def isoformat(self) -> str:
        """Return ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``, as precise as the date is."""
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
        return text

    def sort_key(self) -> tuple[int, int, int]:
        """Return a key that orders dates, unknown parts counting as earliest."""
        return (self.year, self.month or 0, self.day or 0)

    def precedes(self, other: PartialDate) -> bool:
        """Return whether this date is certainly before *other*.

        Only the parts both dates know are compared, so ``1985`` does not
        precede ``1985-10-03`` and neither does the reverse.
        """
        mine: tuple[int, ...] = (self.year,)
        theirs: tuple[int, ...] = (other.year,)
        if self.month is not None and other.month is not None:
            mine += (self.month,)
            theirs += (other.month,)
            if self.day is not None and other.day is not None:
                mine += (self.day,)
                theirs += (other.day,)
        return mine < theirs

    def __str__(self) -> str:
        return self.isoformat()


@attrs.frozen(weakref_slot=False)
class DateRange:
    """When a series ran: a start and an end, either of which may be unknown.

    .. versionadded:: 0.1
    """

    start: PartialDate | None = None
    end: PartialDate | None = None


@attrs.frozen(weakref_slot=False)
class Episodes:
    """Episode counts by kind of release; ``None`` where no source says.

    .. versionadded:: 0.1
    """

    tv: int | None = attrs.field(default=None, validator=_count_optional)
    ova: int | None = attrs.field(default=None, validator=_count_optional)
    ona: int | None = attrs.field(default=None, validator=_count_optional)
    movie: int | None = attrs.field(default=None, validator=_count_optional)
    special: int | None = attrs.field(default=None, validator=_count_optional)

    @property
    def total(self) -> int | None:
        """Return the sum of the known counts, or ``None`` when none is known."""
        known = [n for n in attrs.astuple(self) if n is not None]
        return sum(known) if known else None


@attrs.frozen(weakref_slot=False)
class Title:
    """One name of the series.

    Attributes:
        text: the title as written.
        language: a BCP 47 tag: ``"en"``, ``"ja"`` (native script) or
            ``"ja-Latn"`` (romanised Japanese).
        kind: ``"main"``, ``"official"``, ``"synonym"`` or ``"native"``.

    .. versionadded:: 0.1
    """

    text: str
    language: str
    kind: str = attrs.field(validator=attrs.validators.in_(TITLE_KINDS))

    @property
    def key(self) -> str:
        """Return a stable key for this title, made of its language, kind and slug."""
        return f"{self.language}:{self.kind}:{slugify(self.text)}"


@attrs.frozen(weakref_slot=False)
class Company:
    """A company and what it did for the series (``"studio"``, ``"broadcaster"``, ``"licensor"``...).

    .. versionadded:: 0.1
    """

    name: str
    roles: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        """Return a stable key for this company."""
        return slugify(self.name)


@attrs.frozen(weakref_slot=False)
class Credit:
    """A person's credit on the series: ``Credit("Ryousuke Takahashi", "Chief Director")``.

    ``aliases`` holds other spellings of the person's name seen in the
    documents (``"Ryōsuke Takahashi"``); they do not take part in equality.

    .. versionadded:: 0.1
    """

    person: str
    role: str
    # A credit is a person in a role: other spellings of the name do not make
    # it a different credit, so they take no part in equality.
    aliases: tuple[str, ...] = attrs.field(default=(), eq=False)

    @property
    def key(self) -> str:
        """Return a stable key for this credit, made of its person and role."""
        return f"{slugify(self.person)}:{slugify(self.role)}"


@attrs.frozen(weakref_slot=False)
class Character:
    """A character of the series.

    Attributes:
        name: the best-written form of the name, without rank.
        aliases: other names of the same character (``"Albatro Null"``)
            and variant spellings seen in other documents.
        rank: a rank or title written before the name (``"Admiral"``).
        main: whether a source lists the character as a main character.

    .. versionadded:: 0.1
    """

    name: str
    aliases: tuple[str, ...] = ()
    rank: str | None = None
    main: bool = False

    @property
    def key(self) -> str:
        """Return a stable key for this character."""
        return slugify(self.name)

    @property
    def display_name(self) -> str:
        """Return the name as a cast list writes it, rank first, such as ``"Admiral Gresco"``."""
        return f"{self.rank} {self.name}" if self.rank else self.name


@attrs.frozen(weakref_slot=False)
class EpisodeSpan:
    """Episodes ``first`` to ``last`` inclusive; ``last`` is ``None`` when open-ended.

    .. versionadded:: 0.1
    """

    first: int = attrs.field()
    last: int | None = attrs.field()

    @first.validator
    def _check_first(self, _attribute: attrs.Attribute[int], value: int) -> None:
        check_count("the first episode", value)

    @last.validator
    def _check_last(self, _attribute: attrs.Attribute[int | None], value: int | None) -> None:
        if value is not None:
            check_count("the last episode", value)
            if value < self.first:
                msg = f"episodes {self.first}-{value} run backwards"
                raise ValueError(msg)

    def __str__(self) -> str:
        if self.last == self.first:
            return str(self.first)
        return f"{self.first}-{'' if self.last is None else self.last}"


@attrs.frozen(weakref_slot=False)
class Song:
    """An opening or ending theme.

    Attributes:
        kind: ``"opening"`` or ``"ending"``.
        sequence: its number among songs of its kind (1 for the first ending).
        title: the romanised or English title.
        native_title: the title in the original script, where known.
        artists: who performs it.
        episodes: the episodes it plays over, where known.
        translated_title: an English rendering given beside the title.
        composers: who composed it.

    .. versionadded:: 0.1
    """

    kind: str = attrs.field(validator=attrs.validators.in_(SONG_KINDS))
    sequence: int = attrs.field()
    title: str
    native_title: str | None = None
    artists: tuple[str, ...] = ()
    episodes: tuple[EpisodeSpan, ...] = ()
    translated_title: str | None = None
    composers: tuple[str, ...] = ()

    @sequence.validator
    def _check_sequence(self, _attribute: attrs.Attribute[int], value: int) -> None:
        if not 1 <= value <= MAX_COUNT:
            msg = f"a song's number must be between 1 and {MAX_COUNT}, got {value}"
            raise ValueError(msg)

    @property
    def key(self) -> str:
        """Return a stable key for this song, made of its kind and sequence."""
        return f"{self.kind}-{self.sequence}"


@attrs.frozen(weakref_slot=False)
class Link:
    """A link to a page about the series; ``id`` is the site's own id where the URL shows it.

    .. versionadded:: 0.1
    """

    site: str
    url: str
    id: str | None = None

    @property
    def key(self) -> str:
        """Return a stable key for this link."""
        return slugify(self.site)


@attrs.frozen(weakref_slot=False)
class SourceDocument:
    """One document the series was read from.

    Attributes:
        id: a short identifier, unique within one load (the file's stem).
        path: the path the document was read from, as given.
        format: the document's format: ``"profile"``, ``"card"`` or
            ``"article"``, the formats layzner reads (the JSON Schema's enum).
        sha256: the hex digest of the file's bytes.

    .. versionadded:: 0.1
    """

    id: str
    path: str
    format: str = attrs.field(validator=_known_format)
    sha256: str


@attrs.frozen(weakref_slot=False)
class Evidence:
    """Where a document stated a fact.

    Attributes:
        source: the :attr:`SourceDocument.id` of the document.
        line: the 1-based line number, for line-oriented documents.
        offset: the 0-based offset in code points (Python's ``str`` indexes)
            into the document's text, for the one-line article.  The text
            is the file decoded as UTF-8, without a byte-order mark.
        text: the raw text the fact was read from.  With an offset, it is
            exactly the document's text from *offset* on:
            ``document[offset:offset + len(text)] == text``.
        offset_utf16: the same offset in UTF-16 code units (JavaScript's
            ``String`` indexes), which differs from *offset* after every
            character beyond U+FFFF, such as an emoji; ``None`` without an
            offset, or for evidence made by hand that does not know it.

    .. versionadded:: 0.1
    """

    source: str
    line: int | None
    offset: int | None
    text: str
    offset_utf16: int | None = attrs.field(default=None)

    @offset_utf16.validator
    def _check_offset_utf16(
        self, _attribute: attrs.Attribute[int | None], value: int | None
    ) -> None:
        if value is None:
            return
        # Each code point is one or two UTF-16 units, never fewer.
        if self.offset is None or value < self.offset:
            msg = f"offset_utf16 {value} does not match offset {self.offset}"
            raise ValueError(msg)

    def locate(self) -> str:
        """Return ``"source:line"`` or ``"source@offset"``, for messages and cards."""
        if self.line is not None:
            return f"{self.source}:{self.line}"
        if self.offset is not None:
            return f"{self.source}@{self.offset}"
        return self.source


@attrs.frozen(weakref_slot=False)
class Candidate:
    """One value a field could have taken, and the evidence for it.

    ``value`` is the value written as text (a date as ``YYYY-MM-DD``), so
    that candidates of every field share one JSON shape.

    .. versionadded:: 0.1
    """

    value: str
    evidence: tuple[Evidence, ...]


@attrs.frozen(weakref_slot=False)
class Conflict:
    """A disagreement between documents, or a defect in one, and how it was settled.

    Attributes:
        field: the field path, as :meth:`Series.provenance` takes it.
        candidates: every value stated, with its evidence.
        chosen: the value the series carries, or ``None`` if every candidate
            was rejected.
        reason: why, in one sentence.

    .. versionadded:: 0.1
    """

    field: str
    candidates: tuple[Candidate, ...]
    chosen: str | None
    reason: str


@attrs.frozen(weakref_slot=False)
class Synopsis:
    """One document's synopsis of the series.

    .. versionadded:: 0.1
    """

    text: str
    source: str

    @property
    def key(self) -> str:
        """Return a stable key for this synopsis, the id of its source document."""
        return self.source


@attrs.frozen(weakref_slot=False)
class UnparsedLine:
    """A non-blank line that no reader used, kept so that nothing is lost silently.

    Attributes:
        source: the :attr:`SourceDocument.id` of the document.
        line: the 1-based line number.
        text: the raw line.
        reason: why the line gave no fact, in one line
            (``"opening-song: no quoted title"``); empty in data written
            before reasons were recorded.

    .. versionadded:: 0.1
    """

    source: str
    line: int
    text: str
    # Last and defaulted, so that UnparsedLine(source, line, text) and JSON
    # without a reason still load.
    reason: str = ""


@attrs.frozen(weakref_slot=False)
class RelatedWork:
    """Another work of the same franchise, as a card catalog groups them.

    Attributes:
        id: the other work's :attr:`Series.id`.
        title: its main title.
        media_type: its media type (``"Manga"``, ``"TV"``...), where known.

    The relation comes from where the catalog keeps the cards (one folder per
    franchise), not from a line of a document, so it has no evidence.

    .. versionadded:: 0.1
    """

    id: str
    title: str
    media_type: str | None = None


@attrs.frozen
class Series:
    """A series, reconciled from one or more documents.

    Build one with :func:`layzner.load`.  Every list-like field is a tuple,
    so a ``Series`` is immutable and hashable.  :attr:`id` is a slug (see
    :func:`slugify`): it names files, so it can hold no path separator.

    ``source_material`` is what the series was adapted from, in
    MyAnimeList's words (``"Original"``, ``"Manga"``, ``"Light novel"``,
    ``"Visual novel"``, ``"Novel"``, ``"Game"``...), or ``None`` when no
    document says.  (It is not named ``source``: :meth:`source` looks up a
    document the series was read from.)

    .. versionadded:: 0.1
    """

    id: str = attrs.field()
    title: str
    titles: tuple[Title, ...] = ()
    media_type: str | None = None
    source_material: str | None = None
    episodes: Episodes = Episodes()
    volumes: int | None = attrs.field(default=None, validator=_count_optional)
    chapters: int | None = attrs.field(default=None, validator=_count_optional)
    aired: DateRange = DateRange()
    companies: tuple[Company, ...] = ()
    staff: tuple[Credit, ...] = ()
    authors: tuple[Credit, ...] = ()
    genres: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    characters: tuple[Character, ...] = ()
    songs: tuple[Song, ...] = ()
    games: tuple[str, ...] = ()
    rating: str | None = None
    links: tuple[Link, ...] = ()
    image: str | None = None
    synopses: tuple[Synopsis, ...] = ()
    related: tuple[RelatedWork, ...] = ()
    sources: tuple[SourceDocument, ...] = ()
    evidence: tuple[tuple[str, tuple[Evidence, ...]], ...] = ()
    conflicts: tuple[Conflict, ...] = ()
    unparsed: tuple[UnparsedLine, ...] = ()

    @id.validator
    def _check_id(self, _attribute: attrs.Attribute[str], value: str) -> None:
        if not isinstance(value, str) or not is_slug(value):
            msg = f"id must be a slug (such as {slugify(str(value)) or 'series'!r}), got {value!r}"
            raise ValueError(msg)

    @property
    def synopsis(self) -> str | None:
        """Return the best synopsis, the first of :attr:`synopses`, which reconciliation ranks."""
        return self.synopses[0].text if self.synopses else None

    def provenance(self, field: str) -> tuple[Evidence, ...]:
        """Return the evidence for *field*: one entry per place a document stated it.

        *field* is a dotted path such as ``"aired.end"``, ``"episodes.tv"`` or
        ``"titles.ja"``, or an item of a list field by its key, such as
        ``"characters[anna-stephanie]"`` or ``"songs[ending-1]"``.  Asking for
        a list field (``"characters"``) returns the evidence for all its items,
        in the order the series lists them, each piece of evidence once.

        Raises:
            KeyError: never; an unknown field returns an empty tuple.
        """
        exact = [evidence for name, evidence in self.evidence if name == field]
        if exact:
            return exact[0]
        prefix = (f"{field}.", f"{field}[")
        matched = [(name, evidence) for name, evidence in self.evidence if name.startswith(prefix)]
        # Items come in the order the series lists them; other paths after.
        order = {f"{field}[{key}]": index for index, key in enumerate(self._item_keys(field))}
        matched.sort(key=lambda pair: order.get(pair[0].partition("]")[0] + "]", len(order)))
        found: list[Evidence] = []
        for _name, evidence in matched:
            found.extend(e for e in evidence if e not in found)
        return tuple(found)

    def _item_keys(self, field: str) -> list[str]:
        """Return the keys of the items of list field *field*, in order."""
        items: dict[str, list[str]] = {
            "titles": [t.key for t in self.titles],
            "companies": [c.key for c in self.companies],
            "staff": [c.key for c in self.staff],
            "authors": [c.key for c in self.authors],
            "characters": [c.key for c in self.characters],
            "songs": [s.key for s in self.songs],
            "links": [link.key for link in self.links],
            "games": [slugify(g) for g in self.games],
            "genres": [slugify(g) for g in self.genres],
            "tags": [slugify(t) for t in self.tags],
            "synopses": [s.key for s in self.synopses],
        }
        return items.get(field, [])

    def source(self, source_id: str) -> SourceDocument:
        """Return the source document with id *source_id*.

        Raises:
            LookupError: when no source has that id.
        """
        for document in self.sources:
            if document.id == source_id:
                return document
        msg = f"no source document {source_id!r}"
        raise LookupError(msg)
