"""Reader for the flattened encyclopedia article: one lowercase line, no punctuation, digits or stop words.

Nothing in the article is labelled, so facts are found by cue words
(``created``, ``composed``, ``performed``, ``mech designs``, ``announced
plans release``) and by the shape of what follows them: a person's name is a
run of words that English prose does not write in lowercase (see
``_lexicon.common_words``), or a name the other documents already know.
Where the text cannot tell where something ends, the reader takes less
rather than guessing: ``kunio summer`` gives the designer ``Kunio``, because
``summer`` begins the next sentence.

Every fact carries the character offset of its first word.
"""

from __future__ import annotations

import re
from collections import Counter

import attrs

from .._model import Company, Credit, Song, SourceDocument, Title
from .._text import STOP_WORDS, fold_tokens, has_cjk
from ._lexicon import Lexicon, common_words, fold_for_article
from ._reading import Reading, Stated

__all__ = ["looks_like_article", "read_article"]

_SEQUENCE_WORDS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6}
_OPENING_WORDS = frozenset({"op", "opening", "openings"})
_ENDING_WORDS = frozenset({"ed", "ending", "endings"})
_SONG_BOUNDARIES = frozenset(
    {"song", "songs", "theme", "themes", "episodes", "episode", "titled", "called"}
    | _OPENING_WORDS
    | _ENDING_WORDS
)
# Words that end a name even when a name could go on.
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
_FILLER = frozenset({"done", "were", "was", "handled", "provided", "created"})
_LICENSE_VERBS = frozenset({"announced", "planned", "licensed", "acquired"})
_LICENSE_OBJECTS = frozenset({"release", "license", "plans", "rights"})
_TITLE_SYNONYM_CUES = (
    ("sometimes", "translated"),
    ("also", "known"),
    ("also", "called"),
    ("translated",),
    ("known",),
)
_CREATOR_CUES = (("created",), ("original", "story"), ("original", "concept"), ("original", "work"))
# Words that end a company's name ("Streamline Pictures"): part of the name
# even where English prose also uses them.
_COMPANY_SUFFIXES = frozenset(
    {
        "pictures", "media", "entertainment", "films", "video", "animation", "studios",
        "studio", "productions", "production", "inc", "company", "corporation", "corp", "co",
        "ltd", "records", "music", "channel", "network", "distribution", "home",
        "international", "filmworks", "works", "releasing", "visual", "group",
    }
)  # fmt: skip
# Between "licensed" and the licensor: where and how ("licensed in north america by").
_LICENSE_FILLER = frozenset(
    {
        "north", "america", "american", "english", "uk", "us", "usa", "europe", "european",
        "australia", "worldwide", "region", "release", "distribution", "dub", "dubbed",
        "later", "series", "anime", "also", "subsequently", "originally", "first",
    }
)  # fmt: skip


@attrs.frozen
class _Token:
    raw: str
    folded: str
    offset: int


def looks_like_article(text: str) -> bool:
    """Return whether *text* is a flattened article: one long lowercase line without punctuation or digits."""
    body = text.strip()
    if "\n" in body or len(body.split()) < 20:
        return False
    return not re.search(r"[A-Z0-9.,;:!?()\[\]\"|#*]", body)


def read_article(text: str, source: SourceDocument, lexicon: Lexicon | None = None) -> Reading:
    """Read a flattened article; *lexicon* holds what the cased documents know."""
    lexicon = lexicon or Lexicon()
    reading = Reading(source=source, document_text=text)
    tokens = [
        _Token(m.group(0), (fold_for_article(m.group(0)) or ("",))[0], m.start())
        for m in re.finditer(r"\S+", text)
    ]
    reader = _ArticleReader(reading, tokens, lexicon)
    reader.read_titles()
    reader.read_creators()
    reader.read_songs()
    reader.read_mechanical_designer()
    reader.read_licensors()
    reader.read_studio()
    reader.read_games()
    start = len(text) - len(text.lstrip())
    reading.synopsis = Stated(
        text.strip(), reading.at_offset(start, text[start : start + 80].rstrip())
    )
    return reading


@attrs.define
class _ArticleReader:
    reading: Reading
    tokens: list[_Token]
    lexicon: Lexicon
    folded: list[str] = attrs.field(init=False)
    words: list[str] = attrs.field(init=False)
    # Words already read as part of a fact, so that a later cue reading
    # backwards (a licensor before "announced") does not take them again.
    consumed: set[int] = attrs.field(init=False, factory=set)
    # Where each word occurs, so that looking for a cue is not a scan.
    positions: dict[str, list[int]] = attrs.field(init=False, factory=dict)

    def __attrs_post_init__(self) -> None:
        # Cues are matched on the article's own words; folded words (long
        # vowels and macrons collapsed) are only for matching known names.
        self.folded = [t.folded for t in self.tokens]
        self.words = [t.raw for t in self.tokens]
        for index, word in enumerate(self.words):
            self.positions.setdefault(word, []).append(index)

    # -- helpers -----------------------------------------------------------

    def evidence(self, start: int, end: int) -> Stated[None]:
        self.consumed.update(range(start, end))
        span = self.tokens[start:end]
        if not span:
            return Stated(None, self.reading.at_offset(0, ""))
        # The text exactly as the document has it, whatever spaces it holds,
        # so that a consumer can find it at its offset.
        first, last = span[0].offset, span[-1].offset + len(span[-1].raw)
        assert self.reading.document_text is not None  # read_article sets it
        return Stated(None, self.reading.at_offset(first, self.reading.document_text[first:last]))

    def restore(self, start: int, end: int) -> str:
        return self.lexicon.restore(self.folded[start:end], [t.raw for t in self.tokens[start:end]])

    def variants(self, start: int, end: int, name: str) -> tuple[str, ...]:
        """Return the article's own spelling of *name* when it differs (``Ryōsuke``)."""
        own = " ".join(word[:1].upper() + word[1:] for word in self.words[start:end])
        return () if own.casefold() == name.casefold() else (own,)

    def common_given_name(self, index: int) -> bool:
        """Return whether words *index* and *index+1* are a name with a common first word.

        Only when a name the other documents know follows, so the pair is a
        name in a list of names and not the start of a sentence.
        """
        return (
            index + 2 < len(self.words)
            and self.words[index].isalpha()
            and self.words[index] not in _CUES
            and self.is_name_word(index + 1)
            and self.lexicon.match(self.folded, index + 2) is not None
        )

    def is_name_word(self, index: int) -> bool:
        if index >= len(self.tokens):
            return False
        word = self.words[index]
        return (
            len(word) >= 2
            and word.isalpha()
            and not has_cjk(word)
            and word not in common_words()
            and word not in _CUES
        )

    def find(self, *words: str, start: int = 0) -> list[int]:
        """Return every index where *words* occur in sequence."""
        n = len(words)
        return [
            i
            for i in self.positions.get(words[0], ())
            if i >= start and tuple(self.words[i : i + n]) == words
        ]

    def read_names(self, index: int, limit: int = 6) -> tuple[list[tuple[int, int, str]], int]:
        """Read people's names from *index*: known names whole, unknown ones a word pair at a time."""
        names: list[tuple[int, int, str]] = []
        while index < len(self.tokens) and len(names) < limit:
            known = self.lexicon.match(self.folded, index)
            if known is not None and known[1][:1].isupper():
                length = known[0]
                names.append((index, index + length, known[1]))
                index += length
                continue
            if not self.is_name_word(index) or (
                index + 1 < len(self.words) and self.words[index + 1] in _COMPANY_SUFFIXES
            ):
                # "discotek media": a company begins here, not a person.
                break
            # An unknown name is a given name and a family name; a lone word
            # followed by an ordinary word is all the text supports.
            length = (
                2
                if self.is_name_word(index + 1)
                and self.lexicon.match(self.folded, index + 1) is None
                else 1
            )
            names.append((index, index + length, self.restore(index, index + length)))
            index += length
        return names, index

    # -- facts ---------------------------------------------------------------

    def read_titles(self) -> None:
        native = next((i for i, word in enumerate(self.words[:30]) if has_cjk(word)), None)
        if native is None:
            return
        if native > 0:
            headline = self.evidence(0, native)
            self.reading.title = Stated(self.restore(0, native), headline.evidence)
        # A native title with a space in it is several words in a row.
        end = native
        while end < len(self.words) and has_cjk(self.words[end]):
            end += 1
        self.reading.titles.append(
            Stated(
                Title(" ".join(self.words[native:end]), "ja", "native"),
                self.evidence(native, end).evidence,
            )
        )
        for cue in _TITLE_SYNONYM_CUES:
            hits = [i for i in self.find(*cue) if i < 60]
            if not hits:
                continue
            start = hits[0] + len(cue)
            # The synonym runs to the last word it shares with a known title.
            window = range(start, min(start + 8, len(self.words)))
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

    def read_creators(self) -> None:
        hits = sorted((hit + len(cue)) for cue in _CREATOR_CUES for hit in self.find(*cue))
        for after in hits:
            names, _ = self.read_names(after)
            if not names and self.common_given_name(after):
                # "created go nagai toshihiro hirano": a given name that is also
                # an English word, vouched for by the known name after it.
                rest, _ = self.read_names(after + 2)
                names = [(after, after + 2, self.restore(after, after + 2)), *rest]
            for start, end, name in names:
                # "created united nations": an organisation, not a creator.
                # A creator the other documents do not know needs a full name.
                if end - start < 2 and self.lexicon.match(self.folded, start) is None:
                    break
                self.reading.staff.append(
                    Stated(
                        Credit(name, "Original Creator", self.variants(start, end, name)),
                        self.evidence(start, end).evidence,
                    )
                )

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

    def read_song_credits(
        self, index: int
    ) -> tuple[list[tuple[int, int, str]], list[tuple[int, int, str]], int]:
        """Read the credits after a song's title, in any order.

        ``composed X performed Y``, ``written composed X``, ``composed
        arranged X``, ``lyrics X composed Y``, ``performed Y composed X``:
        each run of credit words takes the names after it.  Lyricists and
        arrangers are read (so that their names end nothing else) but the
        model keeps composers and performers only.
        """
        composers: list[tuple[int, int, str]] = []
        artists: list[tuple[int, int, str]] = []
        credit_words = {*_SONG_CREDITS, "also"}
        while index < len(self.words) and self.words[index] in credit_words:
            roles = set()
            while index < len(self.words) and self.words[index] in credit_words:
                roles.add(_SONG_CREDITS.get(self.words[index]))
                index += 1
            names, index = self.read_names(index)
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
        composers: list[tuple[int, int, str]],
        artists: list[tuple[int, int, str]],
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
        middle = (start + end) / 2
        for split in range(start + 1, end - 1):
            title, rendering = set(self.words[start:split]), self.words[split:end]
            if rendering[0] in common_words() and title & set(rendering):
                distance = abs(split - middle)
                if best_distance is None or distance < best_distance:
                    best, best_distance = split, distance
        return best

    def read_mechanical_designer(self) -> None:
        for index, word in enumerate(self.words[:-1]):
            if word not in {"mech", "mecha", "mechanical"}:
                continue
            if not self.words[index + 1].startswith("design"):
                continue
            cursor = index + 2
            while cursor < len(self.words) and self.words[cursor] in _FILLER:
                cursor += 1
            names, _ = self.read_names(cursor, limit=3)
            for position, (start, end, name) in enumerate(names):
                # A second designer needs a full or known name: a lone word
                # after the first is more likely the next sentence's subject.
                if position and end - start < 2 and self.lexicon.match(self.folded, start) is None:
                    break
                self.reading.staff.append(
                    Stated(Credit(name, "Mechanical Design"), self.evidence(index, end).evidence)
                )

    def company_word(self, index: int) -> bool:
        """Return whether word *index* can be part of a company's name."""
        return index not in self.consumed and (
            self.words[index] in _COMPANY_SUFFIXES
            or (self.is_name_word(index) and not self.words[index].endswith("ed"))
        )

    def add_licensor(self, start: int, end: int, cue: int) -> bool:
        """Record words *start* to *end* as a licensor; return whether they name one."""
        # A name cut down to a bare suffix ("central park media" read as
        # "media") is a fragment: take nothing rather than a wrong company.
        if end <= start or all(w in _COMPANY_SUFFIXES for w in self.words[start:end]):
            return False
        low, high = min(start, cue), max(end, cue + 1)
        self.reading.companies.append(
            Stated(
                Company(self.restore(start, end), ("licensor",)),
                self.evidence(low, high).evidence,
            )
        )
        return True

    def read_licensors(self) -> None:
        for index, word in enumerate(self.words):
            if word in {"licensed", "licensor", "licensors"}:
                # "discotek media licensed series": the licensor comes before
                # the verb; "series licensed north american release sentai
                # filmworks": after where and how.
                before = self.company_before(index)
                if not self.add_licensor(before, index, index):
                    self.add_licensor(*self.company_after(index + 1), index)
            elif (
                word in _LICENSE_VERBS and set(self.words[index + 1 : index + 4]) & _LICENSE_OBJECTS
            ):
                # "<company> announced plans release".
                self.add_licensor(self.company_before(index), index, index)

    def company_before(self, index: int) -> int:
        """Return where a company's name ending just before *index* starts (up to two words).

        Reading backwards, the start of the name is unknown, so a common word
        ends it: "summer bandai entertainment" gives "bandai entertainment".
        """
        start = index
        # Two words at most: the sentence before may end in a name
        # ("aired tbs discotek media licensed"), and a known name is another
        # entity, never the start of this one.
        while (
            start > max(index - 2, 0)
            and self.company_word(start - 1)
            and self.lexicon.match(self.folded, start - 1) is None
        ):
            start -= 1
        return start

    def company_after(self, index: int) -> tuple[int, int]:
        """Return the span of a company's name after *index*, past words of place and manner.

        Reading forwards, the start is known, so common words may be part of
        the name when a company word ends it ("central park media").
        """
        start = index
        while start < len(self.words) and self.words[start] in _LICENSE_FILLER:
            start += 1
        for end in range(start + 1, min(start + 4, len(self.words)) + 1):
            if self.words[end - 1] in _COMPANY_SUFFIXES and all(
                i not in self.consumed and self.words[i] not in _CUES for i in range(start, end)
            ):
                return start, end
        end = start
        while end < min(start + 3, len(self.words)) and self.company_word(end):
            end += 1
        return start, end

    def read_studio(self) -> None:
        for hit in self.find("produced"):
            known = self.lexicon.match(self.folded, hit + 1)
            if known is None:
                continue
            length, name = known
            self.reading.companies.append(
                Stated(Company(name, ("studio",)), self.evidence(hit, hit + 1 + length).evidence)
            )

    def read_games(self) -> None:
        found: dict[str, tuple[int, int]] = {}
        for start, end in self.franchise_games():
            found.setdefault(self.restore(start, end), (start, end))
        taken = list(found.values())
        for hit, word in enumerate(self.words):
            if word not in _APPEARANCE_CUES:
                continue
            start = end = hit + 1
            while end < len(self.words) and end - start < 4 and self.is_name_word(end):
                end += 1
            # A single unknown name right after "appears", next to game words.
            if (
                end > start
                and self.near(end, _GAME_CUES, 6)
                and not any(s <= start < e for s, e in taken)
            ):
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

    def franchise_games(self) -> list[tuple[int, int]]:
        """Find game titles: phrases the article repeats next to game words, with sequel codes.

        ``super robot wars`` recurs beside ``game boy`` and ``gamecube``; each
        occurrence is a game.  Overlapping repeated phrases join into one
        (``super robot wars alpha gaiden``), and an occurrence is completed by
        a short code after it (``j``, ``gc``) or a name word right after an
        appearance cue (``featured shin super robot wars``).
        """
        counts: Counter[tuple[str, ...]] = Counter()
        for n in range(2, 7):
            for i in range(len(self.words) - n + 1):
                counts[tuple(self.words[i : i + n])] += 1
        # The article's own words for the series' titles ("layzner") are no game.
        title_words = {
            word
            for word, folded in zip(self.words, self.folded, strict=True)
            if folded in self.lexicon.title_words
        }
        covered = [False] * len(self.words)
        for gram, count in counts.items():
            if (
                count >= 2
                and not set(gram) & (title_words | _CUES | _APPEARANCE_CUES)
                and not any(_contains(gram, platform) for platform in _PLATFORMS)
                and sum(w in common_words() for w in gram) < len(gram)
                and any(self.near(i, _GAME_CUES, 6) for i in self.find(*gram))
            ):
                for i in self.find(*gram):
                    covered[i : i + len(gram)] = [True] * len(gram)
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
                and self.is_name_word(start - 1)
            ):
                start -= 1
            if (
                end < len(self.words)
                and len(self.words[end]) <= 3
                and self.words[end] not in common_words()
                and self.words[end] not in _CUES
                and not any(platform[0] == self.words[end] for platform in _PLATFORMS)
            ):
                end += 1
            spans.append((start, end))
        return spans


def _contains(outer: tuple[str, ...], inner: tuple[str, ...]) -> bool:
    return any(outer[i : i + len(inner)] == inner for i in range(len(outer) - len(inner) + 1))
