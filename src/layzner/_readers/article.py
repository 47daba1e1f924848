"""Reader for the flattened encyclopedia article: one lowercase line, no punctuation, digits or stop words.

Nothing in the article is labelled, so facts are found by cue words and by
the shape of what follows them:

* titles from Wikipedia's lead, ``Title (Japanese: 日本語, Hepburn: Rōmaji)``
  (here, below);
* staff credits, studios, broadcasters and licensors from a table of cue
  words (``_credits``), whose names are cut by ``_people`` and
  ``_companies``;
* songs after ``composed`` and ``performed``, and games the article repeats
  beside game words (here);
* the source material, ``based manga`` (``_source_material``).

A name is a run of words that English prose does not write in lowercase
(``_words``), or a name the other documents already know.  Where the text
cannot tell where something ends, the reader takes less rather than
guessing: ``kunio summer`` gives the designer ``Kunio``, because ``summer``
begins the next sentence.

Every fact carries the character offset of its first word.
"""

from __future__ import annotations

import re
from array import array
from collections import Counter

import attrs

from .._model import Song, SourceDocument, Title
from .._text import STOP_WORDS, fold_tokens, has_cjk, is_romanised_japanese, title_keys
from ._credits import (
    read_credits,
    read_gerund_credits,
    read_licensors,
    read_networks,
    read_source_authors,
    read_studios,
)
from ._flat import FlatText, Span
from ._lexicon import Lexicon, fold_for_article
from ._people import read_people
from ._reading import Reading, Stated
from ._source_material import find_source_material
from ._words import is_everyday

__all__ = ["looks_like_article", "read_article"]

_SEQUENCE_WORDS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6}
_OPENING_WORDS = frozenset({"op", "opening", "openings"})
_ENDING_WORDS = frozenset({"ed", "ending", "endings"})
_SONG_BOUNDARIES = frozenset(
    {"song", "songs", "theme", "themes", "episodes", "episode", "titled", "called"}
    | _OPENING_WORDS
    | _ENDING_WORDS
)
# Words that end a game's title even when a title could go on.
_CUES = frozenset(
    {
        "composed", "performed", "arranged", "written", "lyrics", "sung", "created", "directed",
        "produced", "designed", "designs", "done", "announced", "planned", "released", "also",
        "first", "second", "third", "op", "ed", "song", "songs", "episodes", "series", "anime",
    }
)  # fmt: skip
_PLATFORMS = (
    ("game", "boy", "advance"), ("game", "boy", "color"), ("game", "boy"), ("gamecube",),
    ("playstation",), ("ps",), ("psp",), ("vita",), ("wii",), ("nintendo", "ds"), ("ds",),
    ("switch",), ("dreamcast",), ("saturn",), ("super", "famicom"), ("famicom",),
    ("xbox",), ("pc",), ("arcade",), ("mobile",),
)  # fmt: skip
_PLATFORM_FIRST_WORDS = frozenset(platform[0] for platform in _PLATFORMS)
_GAME_CUES = frozenset(
    {"game", "games", "playable", "units", "unit", "gamecube", "boy", "playstation"}
)
_APPEARANCE_CUES = frozenset({"appears", "appeared", "featured", "included"})
# Words that credit a song, and what the names after them did.
_SONG_CREDITS: dict[str, str | None] = {
    "composed": "composer",
    "performed": "artist",
    "sung": "artist",
    "arranged": None,
    "lyrics": None,
    "written": None,
}
_TITLE_SYNONYM_CUES = (
    ("sometimes", "translated"),
    ("also", "known"),
    ("also", "called"),
    ("translated",),
    ("known",),
)
# Wikipedia's lead: "Title (Japanese: 日本語, Hepburn: Rōmaji, lit. ...)".  The
# labels are never part of a title.
_LABELS = frozenset(
    {
        "japanese", "hepburn", "lit", "literally", "stylized", "stylised", "romanized",
        "romanised", "also", "known", "often", "commonly", "sometimes", "translated",
        "originally", "formerly", "released", "titled", "abbreviated", "shortened",
    }
)  # fmt: skip
# Where the romanisation after "hepburn" ends, besides a label: the lead's
# own words for the work.
_LEAD_NOUNS = frozenset(
    {"anime", "television", "series", "film", "movie", "manga", "ova", "original", "animated"}
)
# The lead's nouns for a print work, within the words after its native title.
_PRINT_WORDS = frozenset({"manga", "novel", "novels", "light", "visual"})
_PRINT_REACH = 8
_ADAPTATION_TITLE_REACH = 10  # "anime television series adaptation titled kemono sōja erin"
_NATIVE_MAX_WORDS = 12  # words in Japanese script a native title may hold
_NATIVE_SPREAD = 4  # Latin words a native title may hold before or after its script
# A katakana reading after a Latin letter or digit ends the text: "ボルテスv ファイブ".
_READING = re.compile(r"[a-z0-9] ?([\u30a0-\u30ff]+)$")


def _repeating(
    starts: array[int], keys: array[int], near: bytearray, count: int
) -> tuple[array[int], array[int]]:
    """Keep the phrases, begun at *starts* and numbered *keys* (below *count*), that repeat and begin near a game word once."""
    seen = array("q", bytes(8 * count))
    near_game = bytearray(count)
    for i, key in zip(starts, keys, strict=True):
        seen[key] += 1
        near_game[key] |= near[i]
    kept_starts, kept_keys = array("q"), array("q")
    for i, key in zip(starts, keys, strict=True):
        if seen[key] >= 2 and near_game[key]:
            kept_starts.append(i)
            kept_keys.append(key)
    return kept_starts, kept_keys


def looks_like_article(text: str) -> bool:
    """Return whether *text* is a flattened article: one long lowercase line without punctuation or digits."""
    body = text.strip()
    if "\n" in body or len(body.split()) < 20:
        return False
    return not re.search(r"[A-Z0-9.,;:!?()\[\]\"|#*]", body)


def read_article(text: str, source: SourceDocument, lexicon: Lexicon | None = None) -> Reading:
    """Read a flattened article; *lexicon* holds what the cased documents know."""
    reading = Reading(source=source, document_text=text)
    reader = _ArticleReader.of(text, reading, lexicon or Lexicon())
    reader.read_titles()
    # Songs first: their performers are then read, and a role after one
    # ("performed yuna aoki mechanical designs") is not taken for theirs.
    reader.read_songs()
    read_credits(reader)
    read_gerund_credits(reader)
    read_source_authors(reader)
    read_studios(reader)
    read_networks(reader)
    read_licensors(reader)
    reader.read_games()
    if (source_material := find_source_material(reader.words)) is not None:
        start, end, label = source_material
        reading.source_material = Stated(label, reader.evidence(start, end).evidence)
    start = len(text) - len(text.lstrip())
    reading.synopsis = Stated(
        text.strip(), reading.at_offset(start, text[start : start + 80].rstrip())
    )
    return reading


@attrs.define
class _ArticleReader(FlatText):
    """The article's titles, songs and games; credits and companies are read by ``_credits``."""

    def game_word(self, index: int) -> bool:
        """Return whether word *index* can be part of a game's title (not an everyday word or cue)."""
        if index >= len(self.words):
            return False
        word = self.words[index]
        return (
            len(word) >= 2
            and word.isalpha()
            and not has_cjk(word)
            and not is_everyday(word)
            and word not in _CUES
        )

    # -- titles --------------------------------------------------------------

    def read_titles(self) -> None:
        """Read the headline, the native title and its romanisation from the lead."""
        native = next((i for i, word in enumerate(self.words[:30]) if has_cjk(word)), None)
        if native is None:
            return
        script_end = native
        while script_end < len(self.words) and has_cjk(self.words[script_end]):
            script_end += 1
            if script_end - native > _NATIVE_MAX_WORDS:
                return  # Japanese prose, not a title: where the title ends is not in the text
        start, end, native_text = self.native_extent(native, script_end)
        # "sailor moon originally released japan pretty soldier sailor moon
        # 美少女戦士セーラームーン": the headline ends at the lead's first label.
        headline_end = next((i for i in range(start) if self.words[i] in _LABELS), start)
        if headline_end > 0:
            headline = self.evidence(0, headline_end)
            self.reading.title = Stated(self.restore(0, headline_end), headline.evidence)
        self.reading.titles.append(
            Stated(
                Title(native_text, "ja", "native"),
                self.evidence(start, end).evidence,
            )
        )
        self.read_romanisation(end)
        self.read_synonyms()
        if _PRINT_WORDS & set(self.words[end : end + _PRINT_REACH]):
            self.read_adaptation_title(end)

    def read_adaptation_title(self, after: int) -> None:
        """Read the native title of a print work's anime adaptation, when the article gives one.

        A manga's or a novel's article names its anime adaptation's own title
        where it differs: "An anime television series adaptation, titled
        Kemono no Sōja Erin (獣の奏者エリン), was produced by ...", flattened
        ``anime television series adaptation titled kemono sōja erin
        獣の奏者エリン produced``.  That native title is the anime's, so it links
        the anime's card; it is a synonym, never the article's own title.
        Only the first such title is read.
        """
        for index in range(after, len(self.words)):
            if not has_cjk(self.words[index]):
                continue
            before = set(self.words[max(index - _ADAPTATION_TITLE_REACH, 0) : index])
            if not ({"adaptation", "adapted"} & before and {"anime", "animated"} & before):
                continue
            script_end = index
            while script_end < len(self.words) and has_cjk(self.words[script_end]):
                script_end += 1
                if script_end - index > _NATIVE_MAX_WORDS:
                    return
            start, end, native_text = self.native_extent(index, script_end)
            self.reading.titles.append(
                Stated(Title(native_text, "ja", "synonym"), self.evidence(start, end).evidence)
            )
            return

    def native_extent(self, script: int, script_end: int) -> tuple[int, int, str]:
        """Return the words and the text of the native title around its script words.

        *script* to *script_end* are the words in Japanese script.  A native
        title may hold Latin words (``DARKER THAN BLACK -黒の契約者-``,
        ``ユーリ!!! on ICE``) or be followed by a katakana reading of its
        last Latin letters (``ボルテスV (ファイブ)``, flattened ``ボルテスv
        ファイブ`` or ``ボルテスvファイブ``).  The extent that matches a native
        title another document gives is taken; without one, the script words.
        """
        known = self.lexicon.native_keys
        starts = [
            script - n
            for n in range(_NATIVE_SPREAD + 1)
            if script - n >= 0
            and all(self.words[i] not in _LABELS for i in range(script - n, script))
        ]
        ends = [
            script_end + n
            for n in range(_NATIVE_SPREAD + 1)
            if script_end + n <= len(self.words)
            and all(
                self.words[i] not in _LABELS and not has_cjk(self.words[i])
                for i in range(script_end, script_end + n)
            )
        ]
        for start in starts:
            for end in ends:
                for text in (" ".join(self.words[start:end]), *self.without_reading(start, end)):
                    if title_keys(text, lossy=True) & known:
                        return start, end, text
        return script, script_end, " ".join(self.words[script:script_end])

    def without_reading(self, start: int, end: int) -> list[str]:
        """Return words *start* to *end* without a katakana reading after their last Latin letter."""
        text = " ".join(self.words[start:end])
        match = _READING.search(text)
        return [text[: match.start(1)].rstrip()] if match else []

    def read_romanisation(self, index: int) -> None:
        """Read the romanised title after ``hepburn``, up to the next label or the lead's nouns."""
        window = self.words[index : index + 3]
        if "hepburn" not in window:
            return
        start = index + window.index("hepburn") + 1
        end = start
        while (
            end < len(self.words)
            and end - start < 12
            and self.words[end] not in _LABELS | _LEAD_NOUNS
            and is_romanised_japanese(self.words[end])
        ):
            end += 1
        if end > start:
            self.reading.titles.append(
                Stated(
                    Title(self.restore(start, end), "ja-Latn", "synonym"),
                    self.evidence(start, end).evidence,
                )
            )

    def read_synonyms(self) -> None:
        """Read a title introduced by ``also known``, ``sometimes translated`` and the like."""
        for cue in _TITLE_SYNONYM_CUES:
            hits = [i for i in self.find(*cue) if i < 60]
            if not hits:
                continue
            start = hits[0] + len(cue)
            # The synonym runs to the last word it shares with a known title,
            # within the lead's words before its next label or native title.
            stop = start
            while (
                stop < min(start + 8, len(self.words))
                and self.words[stop] not in _LABELS
                and not has_cjk(self.words[stop])
            ):
                stop += 1
            window = range(start, stop)
            ends = [i for i in window if self.folded[i] in self.lexicon.title_words]
            if ends and ends[-1] > start:
                end = ends[-1] + 1
                self.reading.titles.append(
                    Stated(
                        Title(self.restore(start, end), "en", "synonym"),
                        self.evidence(start, end).evidence,
                    )
                )
            break

    # -- songs ---------------------------------------------------------------

    def read_songs(self) -> None:
        used_until = 0
        per_kind: Counter[str] = Counter()
        for hit, word in enumerate(self.words):
            if word not in _SONG_CREDITS or hit < used_until:
                continue
            title_start = hit
            while title_start > used_until and self.words[title_start - 1] not in _SONG_BOUNDARIES:
                title_start -= 1
            title_end = hit
            while title_end > title_start and self.words[title_end - 1] in {"also", "was", "were"}:
                title_end -= 1
            composers, artists, after = self.read_song_credits(hit)
            used_until = after
            kind, sequence = self.song_kind(title_start)
            if title_end <= title_start or kind is None or not (composers or artists):
                continue
            per_kind[kind] += 1
            song = self.song(
                kind=kind,
                sequence=sequence or per_kind[kind],
                start=title_start,
                end=title_end,
                composers=composers,
                artists=artists,
            )
            self.reading.songs.append(Stated(song, self.evidence(title_start, after).evidence))

    def read_song_credits(self, index: int) -> tuple[list[Span], list[Span], int]:
        """Read the credits after a song's title, in any order.

        ``composed X performed Y``, ``written composed X``, ``composed
        arranged X``, ``lyrics X composed Y``, ``performed Y composed X``:
        each run of credit words takes the names after it.  Lyricists and
        arrangers are read (so that their names end nothing else) but the
        model keeps composers and performers only.
        """
        composers: list[Span] = []
        artists: list[Span] = []
        credit_words = {*_SONG_CREDITS, "also"}
        while index < len(self.words) and self.words[index] in credit_words:
            roles = set()
            while index < len(self.words) and self.words[index] in credit_words:
                roles.add(_SONG_CREDITS.get(self.words[index]))
                index += 1
            names, index = read_people(self, index, remember=False)
            if "composer" in roles:
                composers.extend(names)
            if "artist" in roles:
                artists.extend(names)
        return composers, artists, index

    def song_kind(self, title_start: int) -> tuple[str | None, int | None]:
        kind = None
        sequence = None
        for index in range(title_start - 1, max(title_start - 8, -1), -1):
            word = self.words[index]
            if kind is None and word in _OPENING_WORDS:
                kind = "opening"
            elif kind is None and word in _ENDING_WORDS:
                kind = "ending"
            elif sequence is None and word in _SEQUENCE_WORDS:
                sequence = _SEQUENCE_WORDS[word]
        return kind, sequence

    def song(
        self,
        *,
        kind: str,
        sequence: int,
        start: int,
        end: int,
        composers: list[Span],
        artists: list[Span],
    ) -> Song:
        performers = tuple(name for *_, name in artists)
        writers = tuple(name for *_, name in composers)
        joined = "".join(self.folded[start:end])
        for known in self.lexicon.songs:
            # A stop word in the card's title may be part of a word in the
            # article ("You ni" / "yōni"), so try the title with and without.
            folded_title = fold_tokens(known.title, drop_stop_words=False)
            keys = {
                "".join(fold_for_article(known.title)),
                "".join(w for w in folded_title if w not in STOP_WORDS and not w.isdigit()),
            }
            if known.kind != kind or not any(k and joined.startswith(k) for k in keys):
                continue
            # The article writes the known title, then its English rendering.
            # What follows the known title is an English rendering, but the
            # article dropped its stop words ("road stars" for "Road of
            # Stars"): the card's spelling is kept and the rendering is not
            # taken.
            return Song(
                kind=kind,
                sequence=known.sequence,
                title=known.title,
                artists=performers,
                composers=writers,
            )
        split = self.translation_split(start, end)
        return Song(
            kind=kind,
            sequence=sequence,
            title=self.restore(start, split),
            translated_title=self.restore(split, end) if split < end else None,
            artists=performers,
            composers=writers,
        )

    def translation_split(self, start: int, end: int) -> int:
        """Return where an unknown title's English rendering begins, or *end* if it has none.

        The article wrote ``"La Rose Rouge" (Red Rose)`` as ``la rose rouge red
        rose``.  A split is taken only when all three signs agree: the
        rendering starts with a common English word, repeats a word of the
        title (loanwords survive translation), and is at least two words.
        """
        best, best_distance = end, None
        if end - start < 3:
            return best  # a rendering is two words at least, after one of the title
        middle = (start + end) / 2
        # Moving the split one word right moves that word from the rendering
        # to the title; "shared" counts the title's distinct words the
        # rendering still holds, so each split costs the same.
        title = {self.words[start]}
        rendering = Counter(self.words[start + 1 : end])
        shared = 1 if rendering[self.words[start]] else 0
        for split in range(start + 1, end - 1):
            if is_everyday(self.words[split]) and shared:
                distance = abs(split - middle)
                if best_distance is None or distance < best_distance:
                    best, best_distance = split, distance
            moved = self.words[split]
            rendering[moved] -= 1
            if moved in title:
                shared -= not rendering[moved]
            else:
                title.add(moved)
                shared += bool(rendering[moved])
        return best

    # -- games ---------------------------------------------------------------

    def read_games(self) -> None:
        found: dict[str, tuple[int, int]] = {}
        for start, end in self.franchise_games():
            found.setdefault(self.restore(start, end), (start, end))
        taken = [False] * (len(self.words) + 1)
        for start, end in found.values():
            taken[start:end] = [True] * (end - start)
        for hit, word in enumerate(self.words):
            if word not in _APPEARANCE_CUES:
                continue
            start = end = hit + 1
            while end < len(self.words) and end - start < 4 and self.game_word(end):
                end += 1
            # A single unknown name right after "appears", next to game words.
            if end > start and self.near(end, _GAME_CUES, 6) and not taken[start]:
                found.setdefault(self.restore(start, end), (start, end))
        for name, (start, end) in sorted(found.items(), key=lambda item: item[1]):
            # A character or person the documents know is no game, even
            # when the article names them beside the games.
            if self.lexicon.names_someone(self.folded[start:end]):
                continue
            self.reading.games.append(Stated(name, self.evidence(start, end).evidence))

    def near(self, index: int, words: frozenset[str], window: int) -> bool:
        low, high = max(0, index - window), min(len(self.words), index + window + 1)
        return any(self.words[i] in words for i in range(low, high))

    def near_mask(self, words: frozenset[str], window: int) -> bytearray:
        """Return, for every word, whether one of *words* is at most *window* words away."""
        hits = array("q", [0])
        for word in self.words:
            hits.append(hits[-1] + (word in words))
        size = len(self.words)
        return bytearray(
            hits[min(i + window + 1, size)] > hits[max(i - window, 0)] for i in range(size)
        )

    def repeated_phrases(self) -> bytearray:
        """Return, for every word, whether it is part of a game-like phrase the article repeats.

        A phrase of two to six words qualifies when it occurs twice or more,
        one of its occurrences begins near a game word, it holds no title
        word or cue, no platform, and not only everyday words.  Phrases are
        grown one word at a time from those that repeat and begin near a
        game word once, each identified by a number (its shorter phrase's
        and its last word's), in arrays, so that time and memory stay linear
        in the article, however repetitive it is.
        """
        size = len(self.words)
        # The article's own words for the series' titles ("layzner") are no game.
        barred = bytearray(
            word in _CUES or word in _APPEARANCE_CUES or folded in self.lexicon.title_words
            for word, folded in zip(self.words, self.folded, strict=True)
        )
        near = self.near_mask(_GAME_CUES, 6)
        ids: dict[str, int] = {}
        word_ids = array("q", (ids.setdefault(word, len(ids)) for word in self.words))
        covered = bytearray(size)
        # Phrases of one word: where each begins, and its number.
        starts = array("q", (i for i in range(size) if not barred[i]))
        keys = array("q", (word_ids[i] for i in starts))
        starts, keys = _repeating(starts, keys, near, len(ids))
        for length in range(2, 7):
            grown: dict[int, int] = {}
            next_starts, next_keys = array("q"), array("q")
            for i, key in zip(starts, keys, strict=True):
                last = i + length - 1
                if last < size and not barred[last]:
                    next_starts.append(i)
                    next_keys.append(grown.setdefault(key * len(ids) + word_ids[last], len(grown)))
            count = len(grown)
            del grown
            starts, keys = _repeating(next_starts, next_keys, near, count)
            qualified: dict[int, bool] = {}
            for i, key in zip(starts, keys, strict=True):
                if key not in qualified:
                    qualified[key] = self.game_like(i, i + length)
                if qualified[key]:
                    covered[i : i + length] = b"\x01" * length
        return covered

    def game_like(self, start: int, end: int) -> bool:
        """Return whether words *start* to *end* can be a game's title: no platform, not only everyday words."""
        for index in range(start, end):
            word = self.words[index]
            if word in _PLATFORM_FIRST_WORDS and any(
                index + len(platform) <= end
                and tuple(self.words[index : index + len(platform)]) == platform
                for platform in _PLATFORMS
            ):
                return False
        return not all(is_everyday(self.words[index]) for index in range(start, end))

    def franchise_games(self) -> list[tuple[int, int]]:
        """Find game titles: phrases the article repeats next to game words, with sequel codes.

        ``super robot wars`` recurs beside ``game boy`` and ``gamecube``; each
        occurrence is a game.  Overlapping repeated phrases join into one
        (``super robot wars alpha gaiden``), and an occurrence is completed by
        a short code after it (``j``, ``gc``) or a name word right after an
        appearance cue (``featured shin super robot wars``).
        """
        covered = self.repeated_phrases()
        spans: list[tuple[int, int]] = []
        index = 0
        while index < len(covered):
            if not covered[index]:
                index += 1
                continue
            start = end = index
            while end < len(covered) and covered[end]:
                end += 1
            index = end
            if (
                start >= 2
                and self.words[start - 2] in _APPEARANCE_CUES
                and self.game_word(start - 1)
            ):
                start -= 1
            if (
                end < len(self.words)
                and len(self.words[end]) <= 3
                and not is_everyday(self.words[end])
                and self.words[end] not in _CUES
                and not any(platform[0] == self.words[end] for platform in _PLATFORMS)
            ):
                end += 1
            spans.append((start, end))
        return spans
