"""Reader for the Markdown card format.

A card is a small Markdown page::

    # Title
    ![slug](https://.../image.jpg)
    -   **type**: tv-serie
    -   **episodes**: 38
    ## Tags / ## Authors / ## Sinopse / ## Links

Every fact is read with the line it came from.  Every other non-blank line,
outside the synopsis and the section headers, is kept as unparsed with the
reason it gave no fact: an unknown key (with the known key it may misspell),
a placeholder such as ``None``, or a value that cannot be read.  Such a value
costs its own line only; strict loading turns it into an error.  The reader
judges nothing between facts (an end date before the start date is read as
written); reconciliation does.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from urllib.parse import unquote

import attrs

from layzner._model import Credit, Evidence, Link, SourceDocument, Title, check_count
from layzner._vocabulary import CARD_TYPES, EPISODE_FIELDS
from layzner.errors import SourceFormatError

from .._string_pool import pooled
from ._dates import ACCEPTED_FORMS, parse_date
from ._reading import Reading, Stated
from ._songs import native_language, parse_song
from ._source_material import source_material_in
from ._suggest import did_you_mean

__all__ = ["looks_like_card", "read_card"]

# Possessive quantifiers and no lazy group before trailing whitespace: a
# line of many spaces cannot make these backtrack quadratically.
# A card's first tags are pooled, shared with the other series in memory;
# past this many, a list is one card's own, and pooling it would only
# fill the pool.
_SHARED_TAGS = 200
_IMAGE = re.compile(r"!\[(?P<alt>[^\]]*+)\]\((?P<url>[^()\s]*+(?:\([^()\s]*+\)[^()\s]*+)*+)\)")
_KEY_BULLET = re.compile(r"[-*+]\s++\*\*(?P<key>[^*]++)\*\*\s*+:(?P<value>.*)")
_BULLET = re.compile(r"[-*+]\s++(?P<text>.*)")
_LINK = re.compile(r"\[(?P<site>[^\]]++)\]\((?P<url>\S+)\)")
_ROLE = re.compile(r"(?P<name>.*)\((?P<role>[^()]++)\)")
_NUMBER = re.compile(r"\d+")
_LOOKS_KEY = re.compile(r"^[-*+]\s++\*\*[^*]++\*\*\s*+:", re.MULTILINE)
_LOOKS_SECTION = re.compile(r"^##\s++\S", re.MULTILINE)

# Link ids, recognised by the URL's host and shape rather than the label,
# which cards spell freely ("My Anime list", "AnimeDB").
# Each pattern comes with a word its URL must hold, looked for first.
_LINK_IDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("myanimelist.net/", re.compile(r"myanimelist\.net/(?:anime|manga)/(?P<id>\d+)")),
    ("anidb.", re.compile(r"anidb\.(?:info|net)/.*[?&]aid=(?P<id>\d+)")),
    ("anidb.", re.compile(r"anidb\.(?:info|net)/(?:anime/|a)(?P<id>\d+)")),
    ("animenewsnetwork.com/", re.compile(r"animenewsnetwork\.com/.*[?&]id=(?P<id>\d+)")),
    ("wikipedia.org/wiki/", re.compile(r"wikipedia\.org/wiki/(?P<id>[^?#]+)")),
)

_SYNOPSIS_SECTIONS = ("sinopse", "synopsis")
_KNOWN_SECTIONS = ("tags", "authors", *_SYNOPSIS_SECTIONS, "links")
_LOOKS_KNOWN_SECTION = re.compile(
    r"^##[ \t]++(?:" + "|".join(_KNOWN_SECTIONS) + r")[ \t]*+\r?$", re.MULTILINE | re.IGNORECASE
)

# What cards write where they know nothing ("**rating**: None"): a record
# that the value is unknown, never the value itself.
_PLACEHOLDERS = frozenset({"none", "n/a", "?", "??", "???", "-", "unknown", "tba", "tbd"})


def _is_placeholder(value: str) -> bool:
    """Return whether *value* is a placeholder for an unknown value (``None``, ``N/A``, ``?``)."""
    return value.strip().casefold() in _PLACEHOLDERS


def _atx_heading(line: str, level: int) -> str | None:
    """Return the text of a Markdown heading of *level* (``# Title``), or ``None``.

    *line* is stripped.  A closing run of ``#`` after a space is no part of
    the text, as in CommonMark.  Written without a regular expression: a
    lazy group before trailing whitespace backtracks quadratically.
    """
    if not line.startswith("#"):  # most lines: no heading at all
        return None
    rest = line.removeprefix("#" * level)
    if rest == line or (rest and not rest[0].isspace()):
        return None
    text = rest.strip()
    core = text.rstrip("#")
    if core != text and (not core or core[-1].isspace()):
        text = core.rstrip()
    return text


def looks_like_card(text: str) -> bool:
    """Return whether *text* is a Markdown card.

    It has at least one ``**key**:`` bullet or ``## `` section, and its first
    non-blank line is a ``# `` heading.  A document that lost its heading but
    has a card's keys or sections is a card too, which the reader refuses
    with a clear message.
    """
    for line in text.lstrip("\ufeff").splitlines():
        if line.strip():
            if _atx_heading(line.strip(), 1) is not None:
                return bool(_LOOKS_KEY.search(text) or _LOOKS_SECTION.search(text))
            break
    else:
        return False
    return bool(_LOOKS_KNOWN_KEY.search(text) or _LOOKS_KNOWN_SECTION.search(text))


def _link_id(url: str) -> str | None:
    for host, pattern in _LINK_IDS:
        if host in url and (match := pattern.search(url)):
            return unquote(match["id"])
    return None


class _UnreadableError(Exception):
    """A value the card states but that cannot be read; the message is the reason."""


class _CardReader:
    """The state of reading one card; ``read`` is called once."""

    def __init__(self, text: str, source: SourceDocument) -> None:
        self.source = source
        self.reading = Reading(source=source)
        # Split on "\n" only: str.splitlines() also breaks at characters such
        # as U+2028 that editors do not count as line ends, which would shift
        # every line number after them.
        self.lines = text.removeprefix("\ufeff").split("\n")
        if "\r" in text:
            self.lines = [line.rstrip("\r") for line in self.lines]
        # The first statement of each single-valued key: (raw value, evidence).
        self.scalars: dict[str, tuple[str, Evidence]] = {}
        self.contradicted: set[str] = set()
        self.song_counts: dict[str, int] = {}
        self.pending_episodes: list[tuple[int, Evidence]] = []
        self.pending_author: tuple[int, str, str] | None = None
        self.synopsis: list[list[str]] = []
        self.synopsis_evidence: Evidence | None = None

    def fail(self, line: int, message: str) -> SourceFormatError:
        return SourceFormatError(message, path=self.source.path, line=line)

    def read(self) -> Reading:
        section: str | None = None
        handlers: dict[str, Callable[[int, str], None]] = {
            "tags": self.read_tag,
            "authors": self.read_author,
            "sinopse": self.read_synopsis,
            "synopsis": self.read_synopsis,
            "links": self.read_link,
        }
        for number, line in enumerate(self.lines, start=1):
            stripped = line.strip()
            if not stripped:
                if section in _SYNOPSIS_SECTIONS:
                    self.read_synopsis(number, line)
                continue
            if self.reading.title is None:
                self.read_title(number, line)
                continue
            if (name := _atx_heading(stripped, 2)) is not None:
                self.finish_authors()
                section = name.lower()
                if section not in handlers:
                    reason = f"unknown section {name!r}" + did_you_mean(name, _KNOWN_SECTIONS)
                    self.reading.keep_unparsed(number, line, reason)
                continue
            if _atx_heading(stripped, 1) is not None:
                self.reading.refuse(
                    number, line, f"a card has one title heading; found another: {stripped!r}"
                )
            elif section is None:
                self.read_head(number, line)
            elif section in handlers:
                handlers[section](number, line)
            else:
                self.reading.keep_unparsed(number, line, f"in the unknown section {section!r}")
        if self.reading.title is None:
            raise self.fail(1, "the card is empty: it has no '# ' title heading")
        self.finish_authors()
        self.finish_synopsis()
        self.finish_scalars()
        self.finish_episodes()
        self.reading.unparsed.sort(key=lambda u: u.line)
        return self.reading

    def read_title(self, number: int, text: str) -> None:
        title = _atx_heading(text.strip(), 1)
        if title is None:
            raise self.fail(number, "a card begins with `# Title`")
        title = unescape(title)
        if not title:
            raise self.fail(number, "the title heading is empty")
        evidence = self.reading.at_line(number, text)
        self.reading.title = Stated(title, evidence)
        self.reading.titles.append(Stated(Title(title, "ja-Latn", "main"), evidence))

    # -- the head: image and **key**: value bullets ---------------------------

    def read_head(self, number: int, line: str) -> None:
        stripped = line.strip()
        if stripped.startswith("!") and (image := _IMAGE.fullmatch(stripped)):
            if not image["url"]:
                self.reading.keep_unparsed(number, line, "image: no URL")
                return
            self.read_scalar("image", image["url"], number, line, _CardReader.read_image)
            return
        bullet = _KEY_BULLET.fullmatch(stripped)
        if bullet is None:
            self.reading.keep_unparsed(number, line, "not a `-   **key**: value` line")
            return
        key = bullet["key"].strip().lower()
        value = unescape(bullet["value"].strip())
        read_key = _HEAD_KEYS.get(key)
        if read_key is None:
            reason = f"unknown key {key!r}" + did_you_mean(key, _HEAD_KEYS)
            self.reading.keep_unparsed(number, line, reason)
        elif not value:
            self.reading.keep_unparsed(number, line, f"{key}: no value")
        elif _is_placeholder(value):
            self.reading.keep_unparsed(number, line, f"{key}: {value!r} is a placeholder, no value")
        else:
            read_key(self, key, value, number, line)

    def read_scalar(
        self, key: str, value: str, number: int, line: str, read_value: _ValueReader
    ) -> None:
        """Read a single-valued key; a repeat cites the first, a different value contradicts it."""
        if key in self.scalars:
            first_value, first_evidence = self.scalars[key]
            if value == first_value:
                self.reading.cite_also(first_evidence, number, line)
                return
            self.contradicted.add(key)
            what = "a second, different image" if key == "image" else f"{key} is stated twice"
            self.reading.refuse(
                number,
                line,
                f"{what}: {first_value!r} (line {first_evidence.line}) and {value!r}",
            )
            return
        evidence = self.reading.at_line(number, line)
        self.scalars[key] = (value, evidence)
        try:
            read_value(self, key, value, evidence)
        except _UnreadableError as error:
            self.reading.refuse(number, line, str(error))

    def read_type(self, _key: str, value: str, evidence: Evidence) -> None:
        media_type = CARD_TYPES.get(value.lower(), value.title())
        self.reading.media_type = Stated(media_type, evidence)

    def read_count(self, key: str, value: str, evidence: Evidence) -> None:
        if _NUMBER.fullmatch(value) is None:
            raise _UnreadableError(f"{key} must be a non-negative integer, not {value!r}")
        count = int(value)
        try:
            check_count(key, count)
        except ValueError as error:
            raise _UnreadableError(str(error)) from None
        if key == "episodes":
            self.pending_episodes.append((count, evidence))
        elif key == "volumes":
            self.reading.volumes = Stated(count, evidence)
        else:
            self.reading.chapters = Stated(count, evidence)

    def read_date(self, key: str, value: str, evidence: Evidence) -> None:
        date = parse_date(value)
        if date is None:
            msg = f"{key} is not a date: {value!r} (accepted forms: {ACCEPTED_FORMS})"
            raise _UnreadableError(msg)
        if key == "start-date":
            self.reading.start = Stated(date, evidence)
        else:
            self.reading.end = Stated(date, evidence)

    def read_rating(self, _key: str, value: str, evidence: Evidence) -> None:
        # "PG-13 - Teens 13 or older": the code, then its description.
        code = value.split(" - ", 1)[0].strip()
        if _is_placeholder(code):
            reason = f"rating: {code!r} is a placeholder, no value"
            self.reading.keep_unparsed(evidence.line or 0, evidence.text, reason)
            return
        self.reading.rating = Stated(code, evidence)

    def read_original_name(self, _key: str, value: str, evidence: Evidence) -> None:
        language = native_language(value)
        if language is not None:
            self.reading.titles.append(Stated(Title(value, language, "native"), evidence))
            return
        # A Latin original name is another name of the work, never its
        # title: the heading is the card's title.  One equal to the heading
        # is kept too, so that its line cites the title it repeats.
        self.reading.titles.append(Stated(Title(value, "ja-Latn", "synonym"), evidence))

    def read_image(self, _key: str, value: str, evidence: Evidence) -> None:
        self.reading.image = Stated(value, evidence)

    def finish_scalars(self) -> None:
        """Forget the value of a key the card states twice differently: nothing says which is right.

        The contradicting line is already refused; the first statement, and
        any line that repeated it, become unparsed.
        """
        for key in self.contradicted:
            _value, evidence = self.scalars[key]
            reason = f"{key} is stated again with another value; neither is read"
            if self.forget(evidence):
                self.reading.keep_unparsed(evidence.line or 0, evidence.text, reason)
            for repeat in self.reading.more_lines.pop(evidence, []):
                self.reading.keep_unparsed(repeat.line or 0, repeat.text, reason)

    def forget(self, evidence: Evidence) -> bool:
        """Remove every statement made with *evidence*; return whether there was one."""
        found = False
        for field in attrs.fields(Reading):
            value = getattr(self.reading, field.name)
            if isinstance(value, Stated) and value.evidence == evidence:
                setattr(self.reading, field.name, None)
                found = True
            elif isinstance(value, list) and any(
                isinstance(s, Stated) and s.evidence == evidence for s in value
            ):
                value[:] = [s for s in value if s.evidence != evidence]
                found = True
        if any(p[1] == evidence for p in self.pending_episodes):
            self.pending_episodes = [p for p in self.pending_episodes if p[1] != evidence]
            found = True
        return found

    def read_song(self, key: str, value: str, number: int, line: str) -> None:
        kind = key.removesuffix("-song")
        default = self.song_counts.get(kind, 0) + 1
        try:
            song = parse_song(kind, value, default)
        except ValueError as error:
            self.reading.refuse(number, line, f"{key}: {error}")
            return
        self.song_counts[kind] = default
        self.reading.songs.append(Stated(song, self.reading.at_line(number, line)))

    # -- sections ----------------------------------------------------------------

    def read_tag(self, number: int, line: str) -> None:
        bullet = _BULLET.fullmatch(line.strip())
        text = bullet["text"].strip() if bullet else ""
        if not text or "**" in text:
            self.reading.keep_unparsed(number, line, "Tags: not a `-   tag` bullet")
            return
        tag = unescape(text)
        if len(self.reading.tags) < _SHARED_TAGS:
            # Tags come from a small vocabulary: many series kept in memory
            # share one copy of each tag and of its line.
            tag, line = pooled(tag), pooled(line)
        self.reading.tags.append(Stated(tag, self.reading.at_line(number, line)))

    def read_author(self, number: int, line: str) -> None:
        bullet = _BULLET.fullmatch(line.strip())
        text = unescape(bullet["text"].strip()) if bullet else ""
        if not text:
            self.reading.keep_unparsed(number, line, "Authors: not a `-   Name (role)` bullet")
            return
        role_match = _ROLE.fullmatch(text)
        name = role_match["name"].rstrip() if role_match else ""
        if role_match is None or not name:
            # A name without a role: on real cards, the family name, with the
            # given name and role on the next bullet ("Ozaki" / "Kaori (Art)").
            self.finish_authors()
            self.pending_author = (number, line, text)
            return
        role = role_match["role"].strip()
        evidence = self.reading.at_line(number, line)
        if self.pending_author is not None:
            first_number, first_line, family = self.pending_author
            self.pending_author = None
            name = f"{family} {name}"
            # The credit is read from both bullets, and cites both lines.
            first = self.reading.at_line(first_number, first_line)
            self.reading.cite_also(first, number, line)
            evidence = first
        self.reading.authors.append(Stated(Credit(name, role), evidence))

    def finish_authors(self) -> None:
        if self.pending_author is not None:
            number, line, name = self.pending_author
            self.pending_author = None
            credit = Credit(name, "Author")
            self.reading.authors.append(Stated(credit, self.reading.at_line(number, line)))

    def read_synopsis(self, number: int, line: str) -> None:
        if not line.strip():
            if self.synopsis and self.synopsis[-1]:
                self.synopsis.append([])
            return
        if self.synopsis_evidence is None:
            self.synopsis_evidence = self.reading.at_line(number, line)
        if not self.synopsis:
            self.synopsis.append([])
        self.synopsis[-1].append(line.strip())
        if self.reading.source_material is None and (found := source_material_in(line)):
            self.reading.source_material = Stated(found, self.reading.at_line(number, line))

    def finish_synopsis(self) -> None:
        paragraphs = [unescape(" ".join(lines)) for lines in self.synopsis if lines]
        if paragraphs and self.synopsis_evidence is not None:
            self.reading.synopsis = Stated("\n\n".join(paragraphs), self.synopsis_evidence)

    def read_link(self, number: int, line: str) -> None:
        bullet = _BULLET.fullmatch(line.strip())
        link = _LINK.fullmatch(bullet["text"].strip()) if bullet else None
        if link is None:
            self.reading.keep_unparsed(number, line, "Links: not a `-   [Site](url)` bullet")
            return
        # The URL is kept exactly as written; only the link text is Markdown.
        site, url = unescape(link["site"].strip()), link["url"]
        value = Link(site, url, _link_id(url))
        self.reading.links.append(Stated(value, self.reading.at_line(number, line)))

    def finish_episodes(self) -> None:
        media_type = self.reading.media_type.value if self.reading.media_type else None
        # Print works and unknown types count in "tv", the field a bare
        # episode count means elsewhere.
        kind = EPISODE_FIELDS.get(media_type or "", "tv")
        for count, evidence in self.pending_episodes:
            self.reading.episodes.append(Stated((kind, count), evidence))


_ValueReader = Callable[[_CardReader, str, str, Evidence], None]
_KeyReader = Callable[[_CardReader, str, str, int, str], None]


def _single(read_value: _ValueReader, *, common: bool = False) -> _KeyReader:
    """Return the reader of a single-valued key, whose value *read_value* reads.

    A *common* key is one many cards write alike ("-   **type**: manga"): its
    lines and values are pooled, so that series kept in memory share them.
    """

    def read_key(reader: _CardReader, key: str, value: str, number: int, line: str) -> None:
        if common:
            line, value = pooled(line), pooled(value)
        reader.read_scalar(key, value, number, line, read_value)

    return read_key


# The head's keys, each with what reads its value.  Where a misspelt key is
# as near two keys, the first in this order is suggested.
_HEAD_KEYS: dict[str, _KeyReader] = {
    "type": _single(_CardReader.read_type, common=True),
    "episodes": _single(_CardReader.read_count, common=True),
    "volumes": _single(_CardReader.read_count, common=True),
    "chapters": _single(_CardReader.read_count, common=True),
    "original-name": _single(_CardReader.read_original_name),
    "start-date": _single(_CardReader.read_date),
    "end-date": _single(_CardReader.read_date),
    "rating": _single(_CardReader.read_rating, common=True),
    "opening-song": _CardReader.read_song,
    "ending-song": _CardReader.read_song,
}
_LOOKS_KNOWN_KEY = re.compile(
    r"^[-*+]\s++\*\*(?:" + "|".join(map(re.escape, _HEAD_KEYS)) + r")\*\*\s*+:",
    re.MULTILINE | re.IGNORECASE,
)


# Markdown's backslash escapes (any ASCII punctuation) and HTML character
# references with their semicolon: real cards write "Girls &amp; Panzer" and
# "Wakaba\*Girl", and mean "Girls & Panzer" and "Wakaba*Girl".  References
# without a semicolon are left alone, so "R&D" or "?a=1&copy=2" stay as written.
_BACKSLASH_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_REFERENCE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def unescape(text: str) -> str:
    """Return *text* as a Markdown card means it: escapes and character references resolved."""
    if "\\" not in text and "&" not in text:
        return text  # nearly every value: skip the three substitutions
    text = _BACKSLASH_ESCAPE.sub(lambda m: "\x00" + str(ord(m[1])) + "\x00", text)
    text = _REFERENCE.sub(lambda m: html.unescape(m[0]), text)
    return re.sub("\x00([0-9]+)\x00", lambda m: chr(int(m[1])), text)


def read_card(text: str, source: SourceDocument) -> Reading:
    """Read a Markdown card.

    A value that cannot be read (a count that is not a number, a date that
    is not a date, a song line without a title, a key stated twice with
    different values) is kept in ``unparsed`` with its reason and listed in
    ``refusals``; the rest of the card is read.

    Args:
        text: the card's text.
        source: the document the text came from; its ``path`` names the file
            in errors.

    Raises:
        SourceFormatError: when the card does not begin with its ``# Title``
            heading, or the heading is empty.
    """
    return _CardReader(text, source).read()
