"""Song lines as the documents write them, and the script tests readers share.

A song line looks like::

    #1: "Kaze no Uta (風の歌, Song of the Wind)" by Aoi Sora and Kumo (eps 1-25)

that is: an optional ``#N:`` sequence, a quoted title whose trailing
parenthesis holds the native title (and maybe an English rendering), the
artists after ``by``, and the episodes it plays over.  Real lines bend every
part of that, so the parser is lenient where the meaning stays clear (curly,
doubled or single quotes, a stray or missing opening quote, ``#01.``, ``By``,
``-`` instead of ``by``, no quotes before a native-script parenthesis) and
refuses a value whose title it cannot delimit.

The patterns use possessive quantifiers, and a look-behind where a search
could start anywhere inside a run of spaces or quotes, so that no line makes
them backtrack quadratically.
"""

from __future__ import annotations

import array
import re
import unicodedata
from collections.abc import Iterator

from layzner._model import EpisodeSpan, Song

__all__ = ["has_native_script", "native_language", "parse_episode_spans", "parse_song"]

_HANGUL = re.compile(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]")
# Kana (with the prolonged sound mark and half-width katakana), Han
# ideographs and the iteration marks that only occur beside them.
_KANA_HAN = re.compile(
    r"[\u3005-\u3007\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
    r"\uff66-\uff9f\U00020000-\U0003134f]"
)
_LATIN_LETTER = re.compile(r"[A-Za-z\u00c0-\u024f]")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")

# "#1:", "#01.", "# 1 :", and a bare "1." before the quoted title.
_SEQUENCE = re.compile(
    r"#\s*+(?P<n>\d++)\s*+[:.]?\s*+|(?P<bare>\d++)[.:]\s++(?=[\"\u201c\u201d\u201e'])"
)
# The episode note closes the line; some cards quote it ("(eps 1-26)").
_EPISODES = re.compile(
    r"(?<!\s)\s*+\"?\(\s*+(?:episodes?|eps?)\.?\s*+(?P<spans>[^()]*+)\)\"?\s*+$", re.IGNORECASE
)
_SPAN = re.compile(r"(?P<first>\d+)(?:\s*-\s*(?P<last>\d+|\?*))?")
_OPENERS = ("''", '"', "\u201c", "\u201d", "\u201e")
_CLOSER = re.compile(r"''|[\"\u201c\u201d]")
_DOUBLE_QUOTES = '"\u201c\u201d\u201e'
_BY = re.compile(r"(?<!\s)\s++by(?:\s++|$)", re.IGNORECASE)
_BY_OR_DASH = re.compile(r"(?<!\s)\s++(?:by|[-\u2013\u2014])(?:\s++|$)", re.IGNORECASE)
_DASH = re.compile(r"^\s*+[-\u2013\u2014]\s++")
# Starts only where a run of quotes starts, but after an apostrophe too
# ("Ie'" (ポプラ...)": the double quote is the stray one).
_STRAY_QUOTE_BEFORE_PAREN = re.compile(
    r"(?<![\"\u201c\u201d])(?<!'')(?:''|[\"\u201c\u201d])++(?=\s*+\()"
)
# Where a parenthesis splits the native title from its English rendering.
_RENDERING_SEPARATOR = re.compile(r"(?<!\s)\s*+[,;/]\s*+")
_ARTIST_SEPARATOR = re.compile(r",\s++and\s++|,\s++|(?<!\s)\s++and\s++")
_ARTIST_EVENT = re.compile(r"[()\[\],\s]")
_FEATURING = re.compile(r"\s(?:feat\.|ft\.|featuring)\s", re.IGNORECASE)
_TRAILING_PAREN = re.compile(r"(?<!\s)\s*+\((?P<inner>[^()]*+)\)$")


def has_native_script(text: str) -> bool:
    """Return whether *text* contains Hangul, kana or Han characters."""
    return bool(_HANGUL.search(text) or _KANA_HAN.search(text))


def _has_original_script(text: str) -> bool:
    """Return whether *text* has letters of a script other than Latin (or Greek symbols)."""
    return any(_is_original(match[0]) for match in _NON_ASCII.finditer(text))


def _is_original(char: str) -> bool:
    """Return whether *char* is a letter of a script other than Latin (or a Greek symbol)."""
    if _HANGUL.match(char) or _KANA_HAN.match(char):
        return True
    return char.isalpha() and not unicodedata.name(char, "").startswith(
        ("LATIN", "FULLWIDTH LATIN", "GREEK", "MICRO")
    )


class _Positions:
    """Positions in a text, passed in order by a cursor that only moves forward.

    Splitting a song line tries each ``by`` or dash in turn; asking each
    candidate head afresh whether it holds a quote or native script would
    read the line once per candidate.  A cursor counts as it goes instead.
    """

    def __init__(self, positions: Iterator[int]) -> None:
        self._positions = positions
        self._next = next(positions, None)
        self.count = 0  # how many positions the cursor has passed
        self.last = -1  # the last of them

    def before(self, end: int) -> _Positions:
        """Move the cursor to *end*; return self, counting the positions before *end*."""
        while self._next is not None and self._next < end:
            self.count += 1
            self.last = self._next
            self._next = next(self._positions, None)
        return self


def _originals(text: str) -> _Positions:
    return _Positions(m.start() for m in _NON_ASCII.finditer(text) if _is_original(m[0]))


def _last_original(text: str) -> int:
    """Return the position of the last letter of another script than Latin in *text*, or -1."""
    backwards = (m.start() for m in _NON_ASCII.finditer(text[::-1]) if _is_original(m[0]))
    return len(text) - 1 - next(backwards, len(text))


class _Parens:
    """The parentheses of a text, matched in one forward pass as :func:`_trailing_group` matches them.

    Scanning back from a closing parenthesis, _trailing_group finds the
    innermost one still open there: the one a stack of open parentheses
    holds on top.  Each open one keeps how many letters of another script
    stand before it, to count those inside the group.
    """

    def __init__(self, text: str, originals: _Positions) -> None:
        self._parens = (m.start() for m in re.finditer(r"[()]", text))
        self._next = next(self._parens, None)
        self._text = text
        self._originals = originals
        self._open = array.array("q")
        self._originals_before = array.array("q")

    def opening(self, closing: int) -> tuple[int, int] | None:
        """Return the opening parenthesis of the closing one at *closing* and the letters before it.

        The positions asked for must grow from call to call.
        """
        found = None
        while self._next is not None and self._next <= closing:
            if self._text[self._next] == "(":
                self._open.append(self._next)
                self._originals_before.append(self._originals.before(self._next).count)
            elif self._open:
                pair = (self._open.pop(), self._originals_before.pop())
                if self._next == closing:
                    found = pair
            self._next = next(self._parens, None)
        return found


def native_language(text: str) -> str | None:
    """Return ``"ko"`` for text with Hangul, ``"ja"`` for kana or Han, else ``None``."""
    if _HANGUL.search(text):
        return "ko"
    if _KANA_HAN.search(text):
        return "ja"
    return None


def parse_episode_spans(text: str) -> tuple[EpisodeSpan, ...]:
    """Return the spans a list like ``1-25, 27-??`` names; parts that are no span are left out.

    ``1-`` and ``27-??`` are open-ended; ``BD 13`` (a disc extra) is no span.
    """
    spans: list[EpisodeSpan] = []
    for part in text.split(","):
        match = _SPAN.fullmatch(part.strip())
        if match is None:
            continue
        first = int(match["first"])
        last_text = match["last"]
        if last_text is None:
            last: int | None = first
        elif last_text.isdigit():
            last = int(last_text)
        else:
            last = None
        spans.append(EpisodeSpan(first, last))
    return tuple(spans)


def _trailing_group(text: str) -> tuple[str, str] | None:
    """Split ``base (group)`` at its final balanced parenthesis, or return ``None``."""
    if not text.endswith(")"):
        return None
    depth = 0
    for index in range(len(text) - 1, -1, -1):
        char = text[index]
        if char == ")":
            depth += 1
        elif char == "(":
            depth -= 1
            if depth == 0:
                return text[:index].rstrip(), text[index + 1 : -1].strip()
    return None


def _split_rendering(group: str) -> tuple[str, str | None]:
    """Split ``native, English`` where the English part has no native script."""
    originals = _originals(group)
    last_original = _last_original(group)
    last_latin = _LATIN_LETTER.search(group[::-1])
    latin_until = len(group) - 1 - last_latin.start() if last_latin else -1
    for match in _RENDERING_SEPARATOR.finditer(group):
        start, end = match.span()
        if originals.before(start).count and last_original < end <= latin_until:
            return group[:start], group[end:]
    return group, None


def _strip_quotes(text: str) -> str:
    return text.strip().strip("\"'\u201c\u201d\u201e").strip()


def _titles(inner: str) -> tuple[str, str | None, str | None]:
    """Return (title, native_title, translated_title) from the text inside the quotes."""
    inner = _STRAY_QUOTE_BEFORE_PAREN.sub("", inner).strip()
    split = _trailing_group(inner)
    if split is not None and split[0]:
        base, group = split[0], _strip_quotes(split[1])
        if _has_original_script(group):
            native, translated = _split_rendering(group)
            return base, native, translated
        if _has_original_script(base):
            # "キライになれない (Kirai ni Narenai)": the romanisation follows.
            return group, base, None
    if _has_original_script(inner):
        # Only the native title is written: it is the title too.
        return inner, inner, None
    return inner, None, None


def _split_unquoted(rest: str) -> tuple[str, str] | None:
    """Split a title written without its opening quote from the artists, where its end is clear.

    The title ends where a closing quote or a native-script parenthesis
    stands before ``by``:

    * ``Sayonara no Okurimono (さよならの贈り物) by Bread & Butter``
      (``-`` may stand for ``by`` here);
    * ``HEAVEN" by GRANRODEO``: a closing double quote, the opening one lost;
    * ``'Title' by X`` and ``Suite 'Blood and Guts' by X``: single quotes,
      which are kept when they quote only part of the title.

    A value of any other shape (``Yell by Someone``) is not delimited: ``None``.
    """
    originals = _originals(rest)
    parens = _Parens(rest, _originals(rest))
    quotes = _Positions(m.start() for m in re.finditer(f"[{_DOUBLE_QUOTES}]", rest))
    apostrophes = _Positions(m.start() for m in re.finditer("'", rest))
    text_starts = len(rest) - len(rest.lstrip())
    # The title ends at the last separator that a closer stands before: met
    # going forward, each candidate replaces the one before.  The head is
    # rest[:end], since a separator starts where a run of spaces does.
    found: tuple[str, int, int] | None = None
    for match in _BY_OR_DASH.finditer(rest):
        end = match.start()
        dash = not match.group().strip().casefold().startswith("by")
        quoted = quotes.before(end).count
        group = parens.opening(end - 1) if rest[end - 1 : end] == ")" else None
        if (
            group is not None
            and group[0] > text_starts  # something stands before the parenthesis
            and originals.before(end - 1).count > group[1]
            and not quoted
        ):
            found = ("native", end, match.end())
        elif dash:
            continue
        elif rest[end - 1 : end] in _DOUBLE_QUOTES and quoted == 1:
            found = ("double", end, match.end())
        elif _single_quoted(rest, end, apostrophes):
            found = ("single", end, match.end())
    if found is None:
        return None
    kind, end, artists = found
    head = rest[:end]
    if kind == "double":
        head = head[:-1]
    elif kind == "single" and head.startswith("'"):
        head = head[1:-1]
    return head, rest[artists:]


def _single_quoted(text: str, end: int, apostrophes: _Positions) -> bool:
    """Return whether ``text[:end]`` ends a single-quoted span that opens at the start or after a space."""
    if end < 3 or text[end - 1] != "'" or text[end - 2] == "'" or text[end - 2].isspace():
        return False
    opening = apostrophes.before(end - 1).last
    return opening >= 0 and (opening == 0 or text[opening - 1].isspace())


def _split_title(rest: str) -> tuple[str, str]:
    """Split *rest* (starting at the title) into the title part and the artist part."""
    opener = next((q for q in _OPENERS if rest.startswith(q)), None)
    if opener is None:
        unquoted = _split_unquoted(rest)
        if unquoted is None:
            quoted_later = any(q in rest for q in _DOUBLE_QUOTES) or "''" in rest
            msg = "text before the quoted title" if quoted_later else "no quoted title"
            raise ValueError(msg)
        return unquoted
    body = rest[len(opener) :]
    closer = _CLOSER.search(body)
    # The artists follow the last " by " that comes after a closing quote or
    # parenthesis, so a title such as "Stand by Me" keeps its own "by".  The
    # head before each is body[:end] (the "by" starts where a run of spaces
    # does); it holds a closer when the first closer ends within it.  Met
    # going forward, each candidate replaces the one before.
    found = None
    for match in _BY.finditer(body):
        end = match.start()
        if end and (body[end - 1] in "\"'\u201c\u201d)" or closer is None or closer.end() > end):
            found = match
    if found is not None:
        return body[: found.start()], body[found.end() :]
    if closer is None:
        return body, ""
    head, tail = body[: closer.start()], body[closer.end() :]
    # A parenthesis right after the quote still belongs to the title:
    # "Hihamukage" (日蝕む翳) - Toshio Masuda.
    paren = re.match(r"\s*+(\([^()]*+\))", tail)
    if paren is not None:
        head += " " + paren[1]
        tail = tail[paren.end() :]
    return head, _DASH.sub("", tail)


def _split_artists(text: str) -> tuple[str, ...]:
    text = _strip_quotes(text)
    parts: list[str] = []
    depth = 0
    start = 0
    index = 0  # where the walk has got to: the characters before it are read
    featuring = False
    # Only a bracket, a comma or a space can change anything: the walk
    # visits those and passes over the rest.
    for event in _ARTIST_EVENT.finditer(text):
        at = event.start()
        if at < index:  # inside a separator already taken
            continue
        char = text[at]
        index = at + 1
        if char in "([":
            depth += 1
        elif char in ")]":
            depth = max(depth - 1, 0)
        elif depth == 0 and not featuring:
            if _FEATURING.match(text, at):
                # Everyone after "feat." belongs to the act it features.
                featuring = True
            elif separator := _ARTIST_SEPARATOR.match(text, at):
                parts.append(text[start:at])
                start = index = separator.end()
    parts.append(text[start:])
    artists: list[str] = []
    for part in parts:
        name = part.strip()
        native = _TRAILING_PAREN.search(name)
        if native is not None and has_native_script(native["inner"]):
            stripped = name[: native.start()].strip()
            name = stripped or name
        # "???" is how a card says it does not know.
        if name and name.strip("?"):
            artists.append(name)
    return tuple(artists)


def parse_song(kind: str, text: str, default_sequence: int) -> Song:
    """Return the song *text* describes.

    Args:
        kind: ``"opening"`` or ``"ending"``.
        text: the value of a song line, such as
            ``#1: "Kaze (風)" by Someone (eps 1-25)``.
        default_sequence: the sequence to use when *text* has no ``#N:``.

    Raises:
        ValueError: when *text* is not a song: its title cannot be delimited
            (``"no quoted title"``) or is empty.
    """
    rest = text.strip()
    sequence = default_sequence
    if number := _SEQUENCE.match(rest):
        sequence = int(number["n"] or number["bare"])
        rest = rest[number.end() :]
    episodes: tuple[EpisodeSpan, ...] = ()
    if note := _EPISODES.search(rest):
        episodes = parse_episode_spans(note["spans"])
        rest = rest[: note.start()]
    quoted, artists = _split_title(rest.strip())
    quoted = quoted.strip()
    if closing := re.search(r"(?:''|[\"\u201c\u201d])$", quoted):
        quoted = quoted[: closing.start()]
    title, native_title, translated_title = _titles(quoted)
    if not title:
        msg = "the quoted title is empty"
        raise ValueError(msg)
    return Song(
        kind=kind,
        sequence=sequence,
        title=title,
        native_title=native_title,
        translated_title=translated_title,
        artists=_split_artists(artists),
        episodes=episodes,
    )
