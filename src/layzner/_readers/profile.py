"""Reader for the profile page: a web page's text flattened line by line.

The page has a title line (``Anime Profile: <title>``), an info table whose
labels were lost in flattening (``USA Info`` / ``Japanese Info`` column
headers, then one value per line), a ``Characters:`` table and a
``Description:``.  Because the info labels are gone, each info line is
classified by what it contains: a ``left | right`` title pair, episode
counts, a date range, credits written ``Name (role)``, a list of known
genres, a list of companies, or a lone name.

The ``Characters:`` table is a two-column list flattened row by row: each
``left | right`` line holds two *different* characters, and the list reads
down the left column first.

A row no rule reads is kept as unparsed with its reason; a count or a date
that cannot be read is refused too, for strict loading.  The patterns use
possessive quantifiers and no lazy group before trailing whitespace, so that
no row makes them backtrack quadratically.
"""

from __future__ import annotations

import itertools
import re

import attrs

from .._model import Character, Company, Credit, PartialDate, SourceDocument, Title, check_count
from .._text import split_top_level
from .._vocabulary import BROADCASTER_WORDS, COUNT_WORDS, GENRES, RANKS
from ..errors import SourceFormatError
from ._dates import parse_date
from ._reading import Reading, Stated
from ._suggest import did_you_mean, suggest

__all__ = ["looks_like_profile", "read_profile"]

_HEADER = re.compile(r"^Anime Profile:\s*+(?P<title>\S.*)")
_SECTIONS = ("Characters", "Description")
_SECTION = re.compile(r"^(?P<name>Characters|Description):", re.IGNORECASE)
# A one-word label at the start of a row: "Character:" for "Characters:".
_LABEL = re.compile(r"^(?P<label>[A-Za-z]++):")
_COLUMN_HEADERS = frozenset({"USA Info", "Japanese Info", "English Name", "Japanese Name"})
# Longest first, so that "Movies" is read whole before "Movie" is tried.
_COUNT_WORDS_LONGEST_FIRST = sorted(COUNT_WORDS, key=len, reverse=True)
_EPISODES = re.compile(
    r"(?<!\d)(?P<count>\d++)\s++(?:(?:TV\s++)?(?P<kind>"
    + "|".join(map(re.escape, _COUNT_WORDS_LONGEST_FIRST))
    + r")\b(?:\s++Episodes?)?|Episodes?\b)",
    re.IGNORECASE,
)
_EPISODE_WORDS = ("Episode", "Episodes", *COUNT_WORDS)
_EPISODE_KIND = {word.lower(): field for word, field in COUNT_WORDS.items()}
# A search may only start a separator where a run of spaces starts.
_RANGE_SEPARATOR = re.compile(r"(?<!\s)\s*+(?:–|—|-{1,2}|\bto\b)\s*+")
_MOST_SEPARATORS_IN_A_DATE = 2
_TRAILING_PAREN = re.compile(r"^(?P<main>.*)\((?P<inner>[^()]*+)\)\s*+$")
_CREDIT = re.compile(r"^(?P<person>[^()]++)\((?P<role>[^()]++)\)$")
_RANKS_LONGEST_FIRST = sorted(RANKS, key=len, reverse=True)
# One pass over a cell rather than one startswith per rank: the alternatives
# are tried longest first, and a rank must be followed by a name.
_RANK_PREFIX = re.compile(
    "(?P<rank>" + "|".join(map(re.escape, _RANKS_LONGEST_FIRST)) + ") (?=.)", re.DOTALL
)
_RANK_SET = frozenset(RANKS)


def _is_person(text: str) -> bool:
    """Return whether *text* reads as a name: one to four words, each capitalised (``Ōhashi``)."""
    words = text.split()
    return 1 <= len(words) <= 4 and all(
        word[0].isupper() and all(c.isalpha() or c in ".'’-" for c in word) for word in words
    )


def looks_like_profile(text: str) -> bool:
    """Return whether *text* is a profile page: its first non-blank line is ``Anime Profile: <title>``."""
    for line in text.splitlines():
        if line.strip():
            return _HEADER.match(line.strip()) is not None
    return False


def read_profile(text: str, source: SourceDocument) -> Reading:
    """Read a profile page.

    A row no rule reads is kept in ``unparsed`` with its reason; a date or
    count row that cannot be read is also listed in ``refusals``.  A row
    whose label misspells a section (``Character:``) starts a section of
    unknown kind, whose rows are kept unread rather than misread as info.

    Raises:
        SourceFormatError: the page does not begin with its
            ``Anime Profile: <title>`` line.
    """
    reading = Reading(source=source)
    sections = _split_sections(reading, text)
    _read_characters(reading, sections["characters"])
    _read_info(reading, sections["info"])
    _read_description(reading, sections["description"])
    return reading


def _split_sections(reading: Reading, text: str) -> dict[str, list[tuple[int, str]]]:
    """Read the title line, then sort every other row into its section: info, characters, description.

    A row under a misspelt section label is kept unparsed here, with its reason.
    """
    sections: dict[str, list[tuple[int, str]]] = {"info": [], "characters": [], "description": []}
    section = "head"
    unknown_label = ""
    # Split on newlines only: str.splitlines() also breaks at U+2028 and
    # friends, which would shift every line number after them.
    for number, raw in enumerate(text.replace("\r\n", "\n").split("\n"), start=1):
        line = raw.strip()
        if not line:
            continue
        if section == "head":
            _read_header(reading, number, raw)
            section = "info"
            continue
        if match := _SECTION.match(line):
            section = match["name"].lower()
            continue
        if line in _COLUMN_HEADERS:
            continue
        # The first info row is the titles, which may well hold a colon.
        if (sections["info"] or section != "info") and (label := _misspelt_label(line)):
            unknown_label, near = label
            reason = f"unknown label {unknown_label!r}; did you mean {near + ':'!r}?"
            reading.keep_unparsed(number, raw, reason)
            section = "unknown"
        elif section == "unknown":
            reading.keep_unparsed(number, raw, f"under the unknown label {unknown_label!r}")
        else:
            sections[section].append((number, raw))
    return sections


def _read_header(reading: Reading, number: int, raw: str) -> None:
    header = _HEADER.match(raw.strip())
    if header is None:
        raise SourceFormatError(
            "a profile page starts with 'Anime Profile: <title>'",
            path=reading.source.path,
            line=number,
        )
    reading.title = Stated(header["title"].strip(), reading.at_line(number, raw))


def _misspelt_label(line: str) -> tuple[str, str] | None:
    """Return the label a row starts with and the section it misspells (``Character:``), or ``None``."""
    label = _LABEL.match(line)
    near = suggest(label["label"], _SECTIONS) if label else None
    return (label[0], near) if label and near is not None else None


def _read_description(reading: Reading, description: list[tuple[int, str]]) -> None:
    """Read the description's rows as one synopsis of paragraphs, evidenced by its first row."""
    if description:
        first_line, first_raw = description[0]
        paragraphs = [raw.strip() for _, raw in description]
        reading.synopsis = Stated("\n\n".join(paragraphs), reading.at_line(first_line, first_raw))


def _read_characters(reading: Reading, table: list[tuple[int, str]]) -> None:
    """Read the flattened two-column character list."""
    left: list[Stated[Character]] = []
    right: list[Stated[Character]] = []
    for number, raw in table:
        cells = [cell.strip() for cell in raw.split("|")]
        # A list of odd length ends in a row with one empty cell ("Zed |").
        filled = [cell for cell in cells if cell]
        if len(cells) > 2:
            reading.keep_unparsed(number, raw, "a character row holds more than two cells")
            continue
        named = [_character(cell) if cell else None for cell in cells]
        # A cell must name someone: "/" or "Dr." alone is not a character.
        if not filled or not all(c.name for c in named if c is not None):
            reading.keep_unparsed(number, raw, "a character cell names nobody")
            continue
        evidence = reading.at_line(number, raw)
        for column, character in zip((left, right), named, strict=False):
            if character is not None:
                column.append(Stated(character, evidence))
    # The list reads down the left column, then down the right one.
    reading.characters.extend(left + right)


def _character(cell: str) -> Character:
    rank = None
    if prefix := _RANK_PREFIX.match(cell):
        rank = prefix["rank"]
        cell = cell[prefix.end() :].strip()
    # "Eiji Asuka/Albatro Null": one character, known by two names.
    names = [part.strip() for part in cell.split("/") if part.strip()] or [""]
    if rank is None and cell in _RANK_SET:
        names = [""]
    return Character(name=names[0], aliases=tuple(names[1:]), rank=rank)


@attrs.frozen
class _Cast:
    """The character table's names that info rows give, to know an info row that names a main character."""

    # Each folded name or alias that an info row gives, with the position in
    # the table of the first character it names.
    named: dict[str, int]
    table: list[Stated[Character]]

    @classmethod
    def of(cls, reading: Reading, info: list[tuple[int, str]]) -> _Cast:
        """Return the cast of the characters *reading* has read, as far as the *info* rows name them.

        Only the names an info row could give are kept: a long table would
        otherwise cost a folded copy of every name in it.
        """
        wanted = {
            folded
            for _, raw in info
            for folded in (raw.strip().casefold(), _strip_rank(raw.strip()).casefold())
        }
        named: dict[str, int] = {}
        for position, stated in enumerate(reading.characters):
            for name in (stated.value.name, *stated.value.aliases):
                if (folded := name.casefold()) in wanted:
                    named.setdefault(folded, position)
        return cls(named, reading.characters)


def _read_info(reading: Reading, info: list[tuple[int, str]]) -> None:
    """Read each info row by what it holds, then the lone names the credits row confirms."""
    cast = _Cast.of(reading, info)
    lone_names: list[tuple[int, str]] = []
    previous = ""
    for number, raw in info:
        previous = _read_info_row(reading, number, raw, previous, cast)
        if previous == "person":
            lone_names.append((number, raw))
    _read_lone_names(reading, lone_names)


def _read_info_row(reading: Reading, number: int, raw: str, previous: str, cast: _Cast) -> str:
    """Read one info row by what it holds; return what kind of row it is.

    *previous* is the kind of the row before (``""`` for the first).
    """
    line = raw.strip()
    evidence = reading.at_line(number, raw)
    if previous == "" and ("|" in line or not (_EPISODES.search(line) or _read_date_range(line))):
        # The info table opens with the titles: English | Japanese.
        _read_title_pair(reading, number, raw)
        return "titles"
    if _EPISODES.search(line) and _is_episode_line(line):
        _read_episodes(reading, number, raw)
        return "episodes"
    if (dates := _read_date_range(line)) is not None:
        start, end = dates
        reading.start = Stated(start, evidence)
        if end is not None:
            reading.end = Stated(end, evidence)
        return "dates"
    if _looks_like_date_line(line):
        # The dates row, unreadable: the companies row may still follow it.
        reading.refuse(number, raw, f"cannot read the dates in {line!r}")
        return "dates"
    if _is_genre_line(line):
        reading.genres.extend(Stated(g, evidence) for g in split_top_level(line))
        return "genres"
    if line.casefold() in cast.named or _strip_rank(line).casefold() in cast.named:
        # The info table lists the main characters by name.
        reading.characters.append(Stated(_main_character(cast, line), evidence))
        return "main character"
    if "(" in line and (credits := _read_credits(line)):
        reading.staff.extend(Stated(credit, evidence) for credit in credits)
        return "credits"
    if previous == "dates" and not reading.companies:
        # The companies row follows the dates row; it may hold one name.
        _read_companies(reading, number, raw)
        return "companies"
    if _is_person(line):
        return "person"
    if "," in line and not reading.companies:
        _read_companies(reading, number, raw)
        return "companies"
    reading.keep_unparsed(number, raw, _unread_row_reason(line))
    return "unparsed"


def _read_lone_names(reading: Reading, lone_names: list[tuple[int, str]]) -> None:
    """Read the lone names the credits row confirms as the director's row; keep the rest unread."""
    credited = {stated.value.person.casefold(): stated.value for stated in reading.staff}
    for number, raw in lone_names:
        # A lone name is the director's row when the credits row repeats it
        # with the detail ("chief director"); the row's label is lost, so a
        # name the credits row does not confirm is kept unread, not guessed.
        credit = credited.get(raw.strip().casefold())
        if credit is None:
            reason = "a lone name that no credits row confirms (its row lost its label)"
            reading.keep_unparsed(number, raw, reason)
            continue
        reading.staff.append(
            Stated(Credit(credit.person, _row_role(credit.role)), reading.at_line(number, raw))
        )


def _read_episodes(reading: Reading, number: int, raw: str) -> None:
    """Read a row of episode counts; a count out of range refuses the whole row."""
    counts: list[tuple[str, int]] = []
    for match in _EPISODES.finditer(raw):
        count = int(match["count"])
        try:
            check_count("an episode count", count)
        except ValueError as error:
            reading.refuse(number, raw, str(error))
            return
        counts.append((_EPISODE_KIND.get((match["kind"] or "tv").lower(), "tv"), count))
    evidence = reading.at_line(number, raw)
    reading.episodes.extend(Stated(count, evidence) for count in counts)


def _unread_row_reason(line: str) -> str:
    """Return why no rule reads an info row, naming a misspelt episode word in a count row."""
    if line[:1].isdigit():
        for word in re.findall(r"[A-Za-z]+", line):
            if word.casefold() not in {w.casefold() for w in _EPISODE_WORDS}:
                hint = did_you_mean(word, _EPISODE_WORDS)
                if hint:
                    return f"an episode count? unknown word {word!r}{hint}"
    return "no rule reads this info row"


def _strip_rank(text: str) -> str:
    return _character(text).name


def _main_character(cast: _Cast, line: str) -> Character:
    """Return the first character of the table that *line* names (with or without a rank), as main."""
    named = cast.named
    found = [named[n] for n in (line.casefold(), _strip_rank(line).casefold()) if n in named]
    if found:
        value = cast.table[min(found)].value
        return Character(name=value.name, aliases=value.aliases, rank=value.rank, main=True)
    return Character(name=line, main=True)


def _read_title_pair(reading: Reading, number: int, raw: str) -> None:
    evidence = reading.at_line(number, raw)
    english, _, japanese = (part.strip() for part in raw.partition("|"))
    for text, language, synonym_language in ((english, "en", "en"), (japanese, "ja-Latn", "ja")):
        if not text:
            continue
        main, inner = text, None
        if match := _TRAILING_PAREN.match(text):
            main, inner = match["main"].strip(), match["inner"].strip()
        reading.titles.append(Stated(Title(main, language, "official"), evidence))
        if not inner:
            continue
        if synonym_language == "ja" and not inner.isascii():
            # Native script, or what mojibake made of it: reconciliation judges.
            reading.titles.append(Stated(Title(inner, "ja", "native"), evidence))
        elif synonym_language == "ja":
            reading.titles.append(Stated(Title(inner, "ja-Latn", "synonym"), evidence))
        else:
            reading.titles.append(Stated(Title(inner, "en", "synonym"), evidence))


def _is_episode_line(line: str) -> bool:
    rest = _EPISODES.sub("", line)
    return not re.sub(r"[\s,;&+]|and", "", rest)


def _read_date_range(line: str) -> tuple[PartialDate, PartialDate | None] | None:
    # One date alone, ISO ones included: their hyphens are no range.
    if (single := parse_date(line)) is not None:
        return single, None
    # A date holds at most two separators (the hyphens of 1985-10-03), so
    # only the first three can end the start date: trying every separator
    # of a long row would read it once per separator.
    for match in itertools.islice(_RANGE_SEPARATOR.finditer(line), _MOST_SEPARATORS_IN_A_DATE + 1):
        start = parse_date(line[: match.start()])
        end_text = line[match.end() :].strip()
        if start is None:
            continue
        if end_text in {"", "?", "present", "Present", "ongoing"}:
            return start, None
        if (end := parse_date(end_text)) is not None:
            return start, end
    return None


def _looks_like_date_line(line: str) -> bool:
    return re.search(r"\b(1[89]|20)\d\d\b", line) is not None and not re.search(r"[|()]", line)


def _is_genre_line(line: str) -> bool:
    items = split_top_level(line)
    known = sum(item.casefold() in GENRES for item in items)
    return bool(items) and known * 2 > len(items)


def _read_credits(line: str) -> list[Credit]:
    """Read ``Name (role), Various (A, B)`` into credits; empty if the line is not credits."""
    credits: list[Credit] = []
    row_role = None
    items = split_top_level(line)
    parsed: list[tuple[str, str]] = []
    for item in items:
        match = _CREDIT.match(item)
        if match is None:
            if not _is_person(item):
                return []
            parsed.append((item, ""))
            continue
        parsed.append((match["person"].strip(), match["role"].strip()))
    for person, role in parsed:
        if role and _is_person(person) and person.casefold() != "various":
            credits.append(Credit(person=person, role=_role(role)))
            if row_role is None:
                row_role = _row_role(role)
    for person, role in parsed:
        if person.casefold() == "various" or (role and "," in role):
            # "Various (A, B, C)": several people share the row's role.
            for name in split_top_level(role):
                if _is_person(name):
                    credits.append(Credit(person=name, role=row_role or "Staff"))
        elif not role:
            credits.append(Credit(person=person, role=row_role or "Staff"))
    return credits


def _role(text: str) -> str:
    return " ".join(word[:1].upper() + word[1:] for word in text.split())


def _row_role(role: str) -> str:
    """Return the plain role of a credits row: ``chief director`` -> ``Director``."""
    return _role(role.rsplit(maxsplit=1)[-1])


def _read_companies(reading: Reading, number: int, raw: str) -> None:
    evidence = reading.at_line(number, raw)
    for index, name in enumerate(split_top_level(raw.strip())):
        words = {w.casefold() for w in re.findall(r"\w+", name)}
        if index == 0:
            roles: tuple[str, ...] = ("studio",)
        elif words & BROADCASTER_WORDS:
            roles = ("broadcaster",)
        else:
            roles = ("distributor",)
        reading.companies.append(Stated(Company(name=name, roles=roles), evidence))
