"""Reader for the Markdown card format.

A card is a small Markdown page::

    # Title
    ![slug](https://.../image.jpg)
    -   **type**: tv-serie
    -   **episodes**: 38
    ## Tags / ## Authors / ## Sinopse / ## Links

Every fact is read with the line it came from; every non-blank line that no
rule uses is kept as unparsed.  The reader judges nothing between facts (an
end date before the start date is read as written); reconciliation does.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from urllib.parse import unquote

from layzner._model import Credit, Evidence, Link, SourceDocument, Title, check_count
from layzner._vocabulary import EPISODE_FIELDS
from layzner.errors import SourceFormatError

from ._dates import parse_date
from ._reading import Reading, Stated
from ._songs import native_language, parse_song
from ._source_material import source_material_in

__all__ = ["MEDIA_TYPES", "looks_like_card", "read_card"]

#: Card ``type`` values and the media type each names.
MEDIA_TYPES: dict[str, str] = {
    "tv-serie": "TV",
    "movie": "Movie",
    "ova": "OVA",
    "ona": "ONA",
    "special": "Special",
    "manga": "Manga",
    "light-novel": "Light Novel",
    "manhwa": "Manhwa",
}

_HEADING = re.compile(r"#\s+(?P<text>.*?)(?:\s+#+)?\s*")
_SECTION = re.compile(r"##\s+(?P<name>.*?)(?:\s+#+)?\s*")
_IMAGE = re.compile(r"!\[(?P<alt>[^\]]*)\]\((?P<url>[^()\s]*(?:\([^()\s]*\)[^()\s]*)*)\)")
_KEY_BULLET = re.compile(r"[-*+]\s+\*\*(?P<key>[^*]+?)\*\*\s*:\s*(?P<value>.*?)\s*")
_BULLET = re.compile(r"[-*+]\s+(?P<text>.*?)\s*")
_LINK = re.compile(r"\[(?P<site>[^\]]+)\]\((?P<url>\S+)\)")
_ROLE = re.compile(r"(?P<name>.*?)\s*\((?P<role>[^()]+)\)")
_NUMBER = re.compile(r"\d+")
_LOOKS_KEY = re.compile(r"^[-*+]\s+\*\*[^*]+\*\*\s*:", re.MULTILINE)
_LOOKS_SECTION = re.compile(r"^##\s+\S", re.MULTILINE)

# Link ids, recognised by the URL's host and shape rather than the label,
# which cards spell freely ("My Anime list", "AnimeDB").
_LINK_IDS: tuple[re.Pattern[str], ...] = (
    re.compile(r"myanimelist\.net/(?:anime|manga)/(?P<id>\d+)"),
    re.compile(r"anidb\.(?:info|net)/.*[?&]aid=(?P<id>\d+)"),
    re.compile(r"anidb\.(?:info|net)/(?:anime/|a)(?P<id>\d+)"),
    re.compile(r"animenewsnetwork\.com/.*[?&]id=(?P<id>\d+)"),
    re.compile(r"wikipedia\.org/wiki/(?P<id>[^?#]+)"),
)

_SCALAR_KEYS = frozenset(
    {"type", "episodes", "volumes", "chapters", "original-name", "start-date", "end-date", "rating"}
)
_SONG_KEYS = {"opening-song": "opening", "ending-song": "ending"}


def looks_like_card(text: str) -> bool:
    """Return whether *text* is a Markdown card.

    Its first non-blank line is a ``# `` heading, and it has at least one
    ``**key**:`` bullet or ``## `` section.
    """
    for line in text.lstrip("\ufeff").splitlines():
        if line.strip():
            if _HEADING.fullmatch(line.rstrip()) is None:
                return False
            break
    else:
        return False
    return bool(_LOOKS_KEY.search(text) or _LOOKS_SECTION.search(text))


def _link_id(url: str) -> str | None:
    for pattern in _LINK_IDS:
        if match := pattern.search(url):
            return unquote(match["id"])
    return None


class _CardReader:
    """The state of reading one card; ``read`` is called once."""

    def __init__(self, text: str, source: SourceDocument) -> None:
        self.source = source
        self.reading = Reading(source=source)
        # Split on "\n" only: str.splitlines() also breaks at characters such
        # as U+2028 that editors do not count as line ends, which would shift
        # every line number after them.
        self.lines = [line.rstrip("\r") for line in text.removeprefix("\ufeff").split("\n")]
        self.scalars: dict[str, tuple[str, int]] = {}
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
                if section in {"sinopse", "synopsis"}:
                    self.read_synopsis(number, line)
                continue
            if self.reading.title is None:
                self.read_title(number, line)
                continue
            if section_match := _SECTION.fullmatch(stripped):
                self.finish_authors()
                name = section_match["name"].lower()
                section = name if name in handlers else "?"
                if section == "?":
                    self.reading.keep_unparsed(number, line)
                continue
            if _HEADING.fullmatch(stripped):
                raise self.fail(number, f"a card has one title heading; found another: {line!r}")
            if section is None:
                self.read_head(number, line)
            elif section == "?":
                self.reading.keep_unparsed(number, line)
            else:
                handlers[section](number, line)
        if self.reading.title is None:
            raise self.fail(1, "the card is empty: it has no '# ' title heading")
        self.finish_authors()
        self.finish_synopsis()
        self.finish_episodes()
        return self.reading

    def read_title(self, number: int, text: str) -> None:
        match = _HEADING.fullmatch(text.strip())
        if text.strip() == "#":
            raise self.fail(number, "the title heading is empty")
        if match is None:
            raise self.fail(number, f"a card starts with a '# ' title heading, not {text!r}")
        title = unescape(match["text"])
        if not title:
            raise self.fail(number, "the title heading is empty")
        evidence = self.reading.at_line(number, text)
        self.reading.title = Stated(title, evidence)
        self.reading.titles.append(Stated(Title(title, "ja-Latn", "main"), evidence))

    def read_head(self, number: int, line: str) -> None:
        stripped = line.strip()
        if image := _IMAGE.fullmatch(stripped):
            url = image["url"]
            if self.reading.image is not None and self.reading.image.value != url:
                raise self.fail(number, f"a second, different image: {url!r}")
            if url and self.reading.image is None:
                self.reading.image = Stated(url, self.reading.at_line(number, line))
            return
        bullet = _KEY_BULLET.fullmatch(stripped)
        if bullet is None:
            self.reading.keep_unparsed(number, line)
            return
        key = bullet["key"].strip().lower()
        value = unescape(bullet["value"])
        if key in _SONG_KEYS:
            self.read_song(number, line, _SONG_KEYS[key], value)
            return
        if key not in _SCALAR_KEYS:
            self.reading.keep_unparsed(number, line)
            return
        if not value:
            return  # "**end-date**: " states nothing
        if key in self.scalars:
            first_value, first_line = self.scalars[key]
            if first_value != value:
                msg = f"{key} is stated twice: {first_value!r} (line {first_line}) and {value!r}"
                raise self.fail(number, msg)
            return
        self.scalars[key] = (value, number)
        evidence = self.reading.at_line(number, line)
        if key == "type":
            media_type = MEDIA_TYPES.get(value.lower(), value.title())
            self.reading.media_type = Stated(media_type, evidence)
        elif key in {"episodes", "volumes", "chapters"}:
            if _NUMBER.fullmatch(value) is None:
                raise self.fail(number, f"{key} must be a non-negative integer, not {value!r}")
            count = int(value)
            try:
                check_count(key, count)
            except ValueError as error:
                raise self.fail(number, str(error)) from None
            if key == "episodes":
                self.pending_episodes.append((count, evidence))
            elif key == "volumes":
                self.reading.volumes = Stated(count, evidence)
            else:
                self.reading.chapters = Stated(count, evidence)
        elif key in {"start-date", "end-date"}:
            date = parse_date(value)
            if date is None:
                raise self.fail(number, f"{key} is not a date: {value!r}")
            if key == "start-date":
                self.reading.start = Stated(date, evidence)
            else:
                self.reading.end = Stated(date, evidence)
        elif key == "rating":
            # "PG-13 - Teens 13 or older": the code, then its description.
            code = value.split(" - ", 1)[0].strip()
            if code.lower() != "none":
                self.reading.rating = Stated(code, evidence)
        else:
            self.read_original_name(value, evidence)

    def read_original_name(self, value: str, evidence: Evidence) -> None:
        language = native_language(value)
        if language is not None:
            self.reading.titles.append(Stated(Title(value, language, "native"), evidence))
            return
        heading = self.reading.title.value if self.reading.title else ""
        if value.casefold() != heading.casefold():
            self.reading.titles.append(Stated(Title(value, "ja-Latn", "synonym"), evidence))

    def read_song(self, number: int, line: str, kind: str, value: str) -> None:
        if not value:
            return
        default = self.song_counts.get(kind, 0) + 1
        try:
            song = parse_song(kind, value, default)
        except ValueError as error:
            raise self.fail(number, f"{kind}-song: {error}") from None
        self.song_counts[kind] = default
        self.reading.songs.append(Stated(song, self.reading.at_line(number, line)))

    def read_tag(self, number: int, line: str) -> None:
        bullet = _BULLET.fullmatch(line.strip())
        if bullet is None or not bullet["text"] or "**" in bullet["text"]:
            self.reading.keep_unparsed(number, line)
            return
        tag = unescape(bullet["text"])
        self.reading.tags.append(Stated(tag, self.reading.at_line(number, line)))

    def read_author(self, number: int, line: str) -> None:
        bullet = _BULLET.fullmatch(line.strip())
        if bullet is None or not bullet["text"]:
            self.reading.keep_unparsed(number, line)
            return
        text = unescape(bullet["text"])
        role_match = _ROLE.fullmatch(text)
        if role_match is None or not role_match["name"]:
            # A name without a role: on real cards, the family name, with the
            # given name and role on the next bullet ("Ozaki" / "Kaori (Art)").
            self.finish_authors()
            self.pending_author = (number, line, text)
            return
        name, role = role_match["name"], role_match["role"].strip()
        evidence = self.reading.at_line(number, line)
        if self.pending_author is not None:
            first_number, first_line, family = self.pending_author
            self.pending_author = None
            name = f"{family} {name}"
            evidence = self.reading.at_line(first_number, f"{first_line}\n{line}")
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
        link = _LINK.fullmatch(bullet["text"]) if bullet else None
        if link is None:
            self.reading.keep_unparsed(number, line)
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

    Args:
        text: the card's text.
        source: the document the text came from; its ``path`` names the file
            in errors.

    Raises:
        SourceFormatError: when the card has no ``# `` title heading, a count
            that is not a non-negative integer, a date that is not a date, a
            song line that is not a song, or a key stated twice with
            different values.
    """
    return _CardReader(text, source).read()
