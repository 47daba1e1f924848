"""Staff, studios, broadcasters and licensors of the flattened article, found by their cue words.

Each cue is a row of a table: its words, what the names after it did, and
whether it is a verb (``directed``: names follow) or a role noun
(``director``: names follow too, but a noun after a name belongs to that
name, as in ``yoichi kotabe character design``, so it is then not read).
Cues in a row add up: ``created directed written mitsuo iso`` credits one
person three times.
"""

from __future__ import annotations

import attrs

from .._model import Company, Credit
from ._companies import (
    company_before,
    names_a_person,
    person_at,
    read_broadcaster,
    read_companies,
)
from ._flat import FlatText, Span
from ._lexicon import common_word_counts, common_words
from ._people import ends_names, read_people
from ._reading import Stated
from ._words import (
    COMPANY_SUFFIXES,
    DEMONYMS,
    MONTHS,
    PLACES,
    ROLE_WORDS,
    is_compound,
    is_everyday,
    is_person_word,
)

__all__ = [
    "read_credits",
    "read_gerund_credits",
    "read_licensors",
    "read_networks",
    "read_source_authors",
    "read_studios",
]


@attrs.frozen
class _Cue:
    role: str
    noun: bool = False


_ORIGINAL_CREATOR = "Original Creator"
_CUES: dict[tuple[str, ...], _Cue] = {
    ("directed",): _Cue("Director"),
    ("director",): _Cue("Director", noun=True),
    ("chief", "director"): _Cue("Chief Director", noun=True),
    ("chief", "directed"): _Cue("Chief Director"),
    ("series", "director"): _Cue("Series Director", noun=True),
    ("anime", "director"): _Cue("Director", noun=True),
    ("animation", "director"): _Cue("Animation Director", noun=True),
    ("art", "director"): _Cue("Art Director", noun=True),
    ("sound", "director"): _Cue("Sound Director", noun=True),
    ("episode", "director"): _Cue("Episode Director", noun=True),
    ("assistant", "director"): _Cue("Assistant Director", noun=True),
    ("created",): _Cue(_ORIGINAL_CREATOR),
    ("creator",): _Cue(_ORIGINAL_CREATOR, noun=True),
    ("conceived",): _Cue(_ORIGINAL_CREATOR),
    ("conceptualized",): _Cue(_ORIGINAL_CREATOR),
    ("original", "concept"): _Cue(_ORIGINAL_CREATOR),
    ("original", "story"): _Cue(_ORIGINAL_CREATOR),
    ("original", "work"): _Cue(_ORIGINAL_CREATOR),
    ("written",): _Cue("Writer"),
    ("writer",): _Cue("Writer", noun=True),
    ("head", "writer"): _Cue("Series Composition", noun=True),
    ("series", "composition"): _Cue("Series Composition", noun=True),
    ("scripts", "written"): _Cue("Script"),
    ("screenplay", "written"): _Cue("Screenplay"),
    ("scripts",): _Cue("Script", noun=True),
    ("script",): _Cue("Script", noun=True),
    ("screenplay",): _Cue("Screenplay", noun=True),
    ("screenwriter",): _Cue("Screenplay", noun=True),
    ("character", "designs"): _Cue("Character Design", noun=True),
    ("character", "design"): _Cue("Character Design", noun=True),
    ("character", "designer"): _Cue("Character Design", noun=True),
    ("character", "designers"): _Cue("Character Design", noun=True),
    ("mechanical", "designs"): _Cue("Mechanical Design", noun=True),
    ("mechanical", "design"): _Cue("Mechanical Design", noun=True),
    ("mechanical", "designer"): _Cue("Mechanical Design", noun=True),
    ("mecha", "designs"): _Cue("Mechanical Design", noun=True),
    ("mecha", "design"): _Cue("Mechanical Design", noun=True),
    ("mech", "designs"): _Cue("Mechanical Design", noun=True),
    ("music", "composed"): _Cue("Music"),
    ("soundtrack", "composed"): _Cue("Music"),
    ("score", "composed"): _Cue("Music"),
    ("music",): _Cue("Music", noun=True),
    ("codirected",): _Cue("Co-Director"),
    ("codirector",): _Cue("Co-Director", noun=True),
    ("producer",): _Cue("Producer", noun=True),
    ("producers",): _Cue("Producer", noun=True),
    ("composer",): _Cue("Music", noun=True),
    ("illustrated",): _Cue(""),  # only the source's illustrator: see _source_context
}
_LONGEST_CUE = max(len(words) for words in _CUES)
_CUE_FIRST_WORDS = frozenset(words[0] for words in _CUES)
# Role nouns that end a "name, role" item: a role noun after one is that item's.
_ROLE_NOUNS = frozenset(
    {words[-1] for words, cue in _CUES.items() if cue.noun}
    | {"storyboard", "storyboards", "layout", "designs", "design", "direction"}
)
# Between a cue and the names: "character designs handled by ...".
_FILLER = frozenset({"done", "handled", "provided", "were", "was", "also", "jointly", "mainly"})
# Words of a song's credits: "written" among them is a lyricist, not a writer.
_SONG_WORDS = frozenset(
    {
        "lyrics", "song", "songs", "theme", "themes", "opening", "ending", "op", "ed",
        "composed", "performed", "sung", "arranged",
    }
)  # fmt: skip
# A cue after "based" and these words credits the work the series was
# adapted from ("based manga written illustrated osamu tezuka") ...
_SOURCE_WORDS = frozenset({"manga", "novel", "novels", "comic", "comics", "book", "books"})
# ... unless the work was adapted from the series ("manga adaptation illustrated ...").
_DERIVED_WORDS = frozenset({"adaptation", "adaptations", "adapted", "version", "spinoff"})
_THE_ANIME = frozenset({"anime", "television", "tv", "animated"})
_ADAPTATION_REACH = 8  # words between an adaptation and the credits said of it
# "with tomohiro suzuki handling series composition, reiko nagasawa designing
# the characters": a name, then what it did; the gerund's own role, unless a
# cue after it says more.
_GERUNDS: dict[str, str | None] = {
    "handling": None,
    "providing": None,
    "overseeing": None,
    "supervising": None,
    "doing": None,
    "designing": "Character Design",
    "composing": "Music",
    "scoring": "Music",
    "writing": "Writer",
    "directing": "Director",
}
_ACTIVE_DIRECTING = frozenset({"directed", "directing", "directs"})

# Nouns for the work itself: "series produced X" says a company comes.
_WORK_NOUNS = frozenset(
    {
        "series", "anime", "film", "films", "movie", "ova", "ona", "oav", "adaptation",
        "version", "season", "seasons", "sequel", "special", "animation", "show",
    }
)  # fmt: skip
# Cue words for a studio, and whether they say outright that a company comes
# (then a rarer English word is a name: "animation studio bones").
_STUDIO_CUES: dict[tuple[str, ...], bool] = {
    ("animation", "studio"): True,
    ("animation", "production"): True,
    ("animation", "produced"): True,
    ("animation", "provided"): True,
    ("animated",): False,
    ("produced",): False,
    ("coproduced",): False,
    ("studio",): False,
    ("joint", "project"): False,
    ("coproduction",): False,
}
_STUDIO_FIRST_WORDS = frozenset(words[0] for words in _STUDIO_CUES)
_STUDIO_SKIP = frozenset({"studio", "studios", "japanese", "jointly", "entirely", "japans"})
# Verbs that begin the next clause about the work, so a word before them ends a name.
_CLAUSE_CUES = frozenset(
    {
        "aired", "broadcast", "premiered", "directed", "written", "produced", "distributed",
        "released", "airing", "began", "ran",
    }
)  # fmt: skip
# "a 1974 Japanese anime series by Zuiyo Eizo": the "by" is gone, so only a
# name ended by a company word, right after the lead's noun for the work.
_LEAD_WORDS = 40
# Verbs after an adaptation's lost "by X": "series by Artland, directed by".
_GAP_ENDS = frozenset({"aired", "airing", "broadcast", "premiered", "directed", "ran", "began"})
_DESCRIPTION_WORDS = 5
# Lowercase uses in the real synopses from which a word ends no name, even
# the last word of one bounded on both sides ("first", "which", "later").
_COMMONEST = 150  # "animated postapocalyptic cyberpunk action film"

_NETWORK_CUES = frozenset(
    {
        "aired", "airs", "airing", "broadcast", "broadcasts", "broadcasted", "rebroadcast",
        "premiered", "premieres", "premiering", "televised", "telecast", "simulcast",
        "simulcasted", "ran", "shown",
    }
)  # fmt: skip
_NETWORK_WORDS = frozenset(
    {
        "originally", "first", "also", "across", "nationwide", "weekly", "every", "pm", "am",
        "followed", "later", "simultaneously", "television", "stations", "station", "network",
        "networks", "affiliated", "affiliates", "channels", "channel", "block", "timeslot",
        "slot", "programming", "late", "night", "including", "various", "local", "regional",
        "terrestrial", "satellite", "cable", "japanese", "series", "anime", "episodes",
        "simulcast", "well", "respectively", "time", "full", "entirety", "uncut", "again",
        "rerun", "reruns", "subsequently",
    }
)  # fmt: skip
_NETWORK_FILLER = _NETWORK_WORDS | MONTHS | PLACES
_NETWORK_WINDOW = 14

_LICENSE_WORDS = frozenset(
    {
        "release", "releases", "distribution", "dub", "dubbed", "later", "series", "anime",
        "also", "subsequently", "originally", "first", "english", "home", "video", "dvd",
        "bluray", "streaming", "region", "language", "film", "currently",
    }
)  # fmt: skip
_LICENSE_FILLER = _LICENSE_WORDS | PLACES | DEMONYMS | MONTHS
# Between two licensors: where each licenses ("funimation north america
# madman entertainment australia").
_LICENSE_BETWEEN = PLACES | DEMONYMS | {"respectively", "later", "subsequently", "then"}
_LICENSE_VERBS = frozenset({"announced", "planned", "licensed", "acquired"})
_LICENSE_OBJECTS = frozenset({"release", "license", "plans", "rights"})


def read_credits(text: FlatText) -> None:
    """Read every staff credit the cue table finds."""
    index = 0
    while index < len(text):
        roles, after = _cue_chain(text, index)
        if not roles:
            index += 1
            continue
        index = _credit_names(text, index, roles, after)


def _cue_at(text: FlatText, index: int) -> tuple[tuple[str, ...], _Cue] | None:
    if text.word(index) not in _CUE_FIRST_WORDS:
        return None
    for length in range(_LONGEST_CUE, 0, -1):
        words = tuple(text.words[index : index + length])
        cue = _CUES.get(words)
        if cue is not None and len(words) == length:
            return words, cue
    return None


def _cue_chain(text: FlatText, index: int) -> tuple[list[_Cue], int]:
    """Return the cues in a row from *index* and the index after them and their filler words.

    A role noun followed by another cue lost its name (``art director music
    composed yasuharu takanashi``: the art director is not named), so it is
    dropped; verbs add up (``created directed written``).
    """
    cues: list[_Cue] = []
    while (found := _cue_at(text, index)) is not None:
        words, cue = found
        if cues and cues[-1].noun:
            cues.pop()
        cues.append(cue)
        index += len(words)
        while text.word(index) in _FILLER:
            index += 1
    return cues, index


def _credit_names(text: FlatText, start: int, cues: list[_Cue], after: int) -> int:
    """Credit the names after the cues *cues* (which begin at *start*); return where reading goes on."""
    if cues[0].noun and (
        _after_a_name(text, start)
        or text.word(start - 1) in _ROLE_NOUNS
        or text.word(start - 1) in _GERUNDS
    ):
        return after  # "yoichi kotabe character design": the role of the name before it
    if "written" in text.words[start:after] and (
        _SONG_WORDS & set(text.words[max(start - 3, 0) : start]) or text.word(after) in _SONG_WORDS
    ):
        return after  # a song's lyricist
    context = _source_context(text, start)
    roles = [c.role for c in cues if c.role]
    if not _credits_the_work(text, start):
        # "a robot created by dr tenma": past the lead, something else was created.
        roles = [role for role in roles if role != _ORIGINAL_CREATOR]
    if context == "source" or (
        # A print work's writer or creator created what the series adapts;
        # its illustrator alone may have drawn a spin-off.
        context == "print" and {"Writer", _ORIGINAL_CREATOR} & set(roles)
    ):
        roles = [_ORIGINAL_CREATOR]
    elif context:
        return after
    names, end = read_people(text, after)
    if names and text.word(end) in _GERUNDS and names[-1][1] == end:
        # "directed keiichirō saitō tomohiro suzuki handling series composition"
        _credit_gerund(text, names.pop(), end)
    if not roles or not names:
        return max(after, end)
    for name_start, name_end, name in names:
        for role in dict.fromkeys(roles):
            _credit(text, name_start, name_end, name, role)
    _read_active_director(text, names, end)
    return end


def _gerund_role(text: FlatText, index: int) -> str | None:
    """Return the role the gerund at *index* gives the name before it (see ``_GERUNDS``)."""
    if text.word(index) == "directed":
        return "Director"
    if text.word(index) == "designing" and text.word(index + 1).startswith("mech"):
        return "Mechanical Design"
    for after in range(index + 1, min(index + 4, len(text))):
        found = _cue_at(text, after)
        if found is not None and found[1].role:
            return found[1].role
    return _GERUNDS[text.word(index)]


def _credit_gerund(text: FlatText, name: Span, index: int) -> None:
    role = _gerund_role(text, index)
    if role is not None:
        _credit(text, name[0], name[1], name[2], role)


def read_gerund_credits(text: FlatText) -> None:
    """Credit ``reiko nagasawa designing characters``: a name no cue read, then what it did.

    Only two name words between a role or an everyday word and the gerund,
    so that where the name begins is in the text.  ``directed`` is read so
    too when no name follows it (``tetsurō araki directed first two seasons``:
    an active sentence, where ``directed tomohisa taguchi`` is passive).
    """
    for index, word in enumerate(text.words):
        active = word == "directed" and not (
            is_person_word(text.word(index + 1)) or text.known_person(index + 1)
        )
        if (
            (word not in _GERUNDS and not active)
            or index < 3
            or {index - 1, index - 2} & text.consumed
        ):
            continue
        first, second = text.word(index - 2), text.word(index - 1)
        boundary = text.word(index - 3)
        if (
            is_person_word(first)
            and is_person_word(second)
            and (boundary in _ROLE_NOUNS or boundary in _GERUNDS or ends_names(text, index - 3))
        ):
            _credit_gerund(text, (index - 2, index, text.restore(index - 2, index)), index)


def _credits_the_work(text: FlatText, index: int) -> bool:
    """Return whether ``created`` at *index* is said of the work: in the lead, or after its noun."""
    before = index - 1
    while text.word(before) in {"originally", "jointly", "also", "first"}:
        before -= 1
    return index < _LEAD_WORDS or text.word(before) in _WORK_NOUNS | _SOURCE_WORDS


def _after_a_name(text: FlatText, index: int) -> bool:
    """Return whether a name that no cue credited ends just before word *index*.

    In ``director tatsuyuki nagai screenwriter mari okada`` each name has
    its role before it; in ``yoichi kotabe character design animation
    director toyoo ashida`` the first has none, so there roles follow names.
    """
    return (
        index >= 2
        and is_person_word(text.word(index - 1))
        and is_person_word(text.word(index - 2))
        and not {index - 1, index - 2} & text.consumed
    )


def _source_context(text: FlatText, start: int) -> str:
    """Return ``"source"``, ``"derived"``, ``"print"`` or ``""`` for the cue at *start*.

    ``"print"``: the credits of a print work with no ``based`` before them
    (``manga series written illustrated rumiko takahashi``).  After ``anime
    adaptation`` the credits are the series' own again.
    """
    window = text.words[max(start - 4, 0) : start]
    if _after_the_anime_adaptation(text, start):
        # "anime television series adaptation produced kyoto animation directed ...":
        # the adaptation is the anime, so its credits are the series' own.
        window = []
    if "liveaction" in text.words[max(start - _ADAPTATION_REACH, 0) : start]:
        return "derived"  # "liveaction film directed katsuhiro otomo": another work
    for i, word in enumerate(window):
        if word.startswith("adaptation") and i > 0 and window[i - 1] in _THE_ANIME:
            window = window[i + 1 :]  # "light novel anime adaptation directed ..."
            break
        if word in _DERIVED_WORDS:
            return "derived"
    if "based" in window and _SOURCE_WORDS & set(window[window.index("based") :]):
        return "source"
    if _SOURCE_WORDS & set(window[-3:]):
        return "print"
    return ""


def _after_the_anime_adaptation(text: FlatText, start: int) -> bool:
    """Return whether the nearest adaptation before the cue at *start* is the anime.

    ``anime television series adaptation animated gonzo directed umanosuke
    iida`` and ``adapted anime television series artland directed``: a manga
    or novel article's anime is the series; ``manga adaptation illustrated``
    is not.
    """
    for index in range(start - 1, max(start - _ADAPTATION_REACH, 0) - 1, -1):
        word = text.word(index)
        if word.startswith("adaptation"):
            return bool(_THE_ANIME & set(text.words[max(index - 3, 0) : index]))
        if word == "adapted":
            return bool(_THE_ANIME & set(text.words[index + 1 : min(index + 5, start)]))
        if word in _DERIVED_WORDS:
            return False
    return False


def _credit(text: FlatText, start: int, end: int, name: str, role: str) -> None:
    text.reading.staff.append(
        Stated(
            Credit(name, role, text.variants(start, end, name)), text.evidence(start, end).evidence
        )
    )


def _read_active_director(text: FlatText, names: list[Span], end: int) -> None:
    """Credit as director the name before ``latter directing`` or (one name) ``also directed``."""
    word, verb = text.word(end), text.word(end + 1)
    if verb not in _ACTIVE_DIRECTING or word not in {"latter", "also"}:
        return
    if read_people(text, end + 2, remember=False)[0] or (word == "also" and len(names) != 1):
        return
    start, _, name = names[-1]
    text.reading.staff.append(
        Stated(
            Credit(name, "Director", text.variants(start, names[-1][1], name)),
            text.evidence(start, end + 2).evidence,
        )
    )


def read_source_authors(text: FlatText) -> None:
    """Credit the author of the work the series is based on: ``based manga name yoshitoki ōima``."""
    for hit in text.find("based"):
        index = hit + 1
        while index < min(hit + 5, len(text)) and text.word(index) not in _SOURCE_WORDS:
            index += 1
        if text.word(index) not in _SOURCE_WORDS:
            continue
        index += 1
        while text.word(index) in {"series", "name", "same", "written", "illustrated", "created"}:
            index += 1
        names, _ = read_people(text, index, limit=2)
        for start, end, name in names:
            if start not in text.consumed:  # already read after "written"
                _credit(text, start, end, name, _ORIGINAL_CREATOR)


def read_studios(text: FlatText) -> None:
    """Read the studios after ``produced``, ``animated``, ``animation studio`` and the like."""
    index = 0
    while index < len(text):
        cue = (
            next((c for c in _STUDIO_CUES if tuple(text.words[index : index + len(c)]) == c), None)
            if text.words[index] in _STUDIO_FIRST_WORDS
            else None
        )
        if cue is None:
            index += 1
            continue
        after = index + len(cue)
        if cue == ("animated",) and _describes_the_work(text, after):
            index = after  # "animated comedydrama film directed": what kind of film
            continue
        # "series produced X", and "produced by X, the series ...": a company comes.
        strong = _STUDIO_CUES[cue] or (
            cue == ("produced",)
            and (text.word(index - 1) in _WORK_NOUNS or text.word(index + 2) in _WORK_NOUNS)
        )
        while text.word(after) in _STUDIO_SKIP and text.known_company(after) is None:
            strong = strong or text.word(after) in {"studio", "studios"}
            after += 1
        # "animated by Madhouse and aired on ...": one word, then the next clause.
        strong = strong or text.word(after + 1) in _CLAUSE_CUES
        found = (
            read_companies(text, after, strong=strong)
            or _company_after_producer(text, after)
            # "produced by Brain's Base, aired on ...": two words, then the next clause.
            or (_gap_company(text, after, after + 2) if text.word(after + 2) in _GAP_ENDS else [])
        )
        _add_companies(text, index, found, "studio")
        index = found[-1][1] if found else after
    _read_lead_studios(text)
    _read_adaptation_studios(text)


def _company_after_producer(text: FlatText, index: int) -> list[Span]:
    """Return the company after the producer named at *index*: "produced by Nishizaki for Academy Productions".

    The lost "for" leaves a person, then the company; only a name ended by
    a company word is taken (``produced yasuyuki ueda triangle staff``
    could be one name or two).
    """
    length = person_at(text, index) or (2 if names_a_person(text, index) else 0)
    if not length:
        return []
    found = read_companies(text, index + length)[:1]
    return [span for span in found if text.word(span[1] - 1) in COMPANY_SUFFIXES]


def _describes_the_work(text: FlatText, index: int) -> bool:
    """Return whether the words from *index* are English words up to the work's noun.

    ``animated war drama film``, ``animated comedydrama film``: ``animated``
    says what kind of work it is, and no studio follows.  ``animated sunrise
    series``, a name before the noun, is "animated by Sunrise".
    """
    for end in range(index, min(index + _DESCRIPTION_WORDS, len(text))):
        if text.word(end) in _WORK_NOUNS | {"feature", "short", "television"}:
            return end > index
        word = text.word(end)
        if not (word in common_words() or word in DEMONYMS or is_compound(word)):
            return False
    return False


def _read_lead_studios(text: FlatText) -> None:
    """Read ``anime series zuiyo eizo`` and ``anime series madhouse aired``: the lead's lost ``by``.

    Only names ended by a company word, or one name before ``aired`` and the
    like ("by Madhouse, which aired on"); one that licenses or announces is
    the next sentence's subject.
    """
    for index in range(min(_LEAD_WORDS, len(text))):
        if (
            text.word(index) not in {"series", "film"}
            or text.word(index - 1) not in {"anime", "animated", "television"}
            or index + 1 in text.consumed
        ):
            continue
        found = read_companies(text, index + 1, strong=text.word(index + 2) in _NETWORK_CUES)
        after = text.word(found[-1][1]) if found else ""
        suffixed = all(text.word(end - 1) in COMPANY_SUFFIXES for _, end, _ in found)
        if found and after not in _LICENSE_VERBS and (suffixed or after in _NETWORK_CUES):
            _add_companies(text, index, found, "studio")


def _read_adaptation_studios(text: FlatText) -> None:
    """Read the studio of an anime adaptation whose ``by`` was lost.

    ``adapted madhouse anime television series``: "adapted by Madhouse into
    an anime"; ``anime television series adaptation bones aired`` and
    ``anime television series artland directed``: "an adaptation by Bones
    aired", "a series by Artland, directed by".  The name must fill the
    words up to the anime's noun or the next clause's verb, two at most.
    """
    for index, word in enumerate(text.words):
        if word == "adapted":
            found = read_companies(text, index + 1, strong=True)
            if found and text.word(found[-1][1]) in _THE_ANIME | {"ova"}:
                _add_companies(text, index, found, "studio")
        elif text.word(index) in {"series", "film", "adaptation"} and text.word(
            index - 1
        ) in _THE_ANIME | {"series"}:
            stop = next(
                (
                    i
                    for i in range(index + 2, min(index + 4, len(text)))
                    if text.word(i) in _GAP_ENDS
                ),
                None,
            )
            found = _gap_company(text, index + 1, stop) if stop is not None else []
            # Past the lead and away from "adapted", only a name a company word
            # ends: "two anime television series kyoto animation directed".
            if found and (
                _names_the_adaptation(text, index)
                or all(text.word(end - 1) in COMPANY_SUFFIXES for _, end, _ in found)
            ):
                _add_companies(text, index, found, "studio")


def _commonest(word: str) -> bool:
    """Return whether *word* is among the commonest English words (see ``_COMMONEST``)."""
    return common_word_counts().get(word, 0) >= _COMMONEST


def _names_the_adaptation(text: FlatText, index: int) -> bool:
    """Return whether word *index* ends the noun of the work's anime adaptation.

    ``anime television series adaptation``, ``adapted anime television
    series``, or the lead's ``anime television series``; not another work
    the article names in passing ("known for the anime series X, which aired").
    """
    before = text.words[max(index - 4, 0) : index + 1]
    return index < _LEAD_WORDS or any(w.startswith("adapt") for w in before)


def _gap_company(text: FlatText, start: int, stop: int) -> list[Span]:
    """Return the company that is words *start* to *stop* exactly, or nothing.

    Bounded on both sides, English words can be a name (``brains base``,
    once "Brain's Base" lost its apostrophe), if the first is a rarer one
    (not ``first season``), and none is a person, the work's noun or a word
    already read.
    """
    found = read_companies(text, start, strong=True)[:1]
    if found and (
        found[0][1] == stop
        # "series sunrise first directed": the first of which, directed by ...
        or (found[0][1] == stop - 1 and _commonest(text.word(stop - 1)))
    ):
        return found
    if (
        stop - start != 2
        or names_a_person(text, start)
        or is_everyday(text.word(start))
        # "brains base", but not "sunrise first" (the first of which, directed by)
        or _commonest(text.word(start + 1))
    ):
        return []
    for index in range(start, stop):
        word = text.word(index)
        if (
            index in text.consumed
            or (not is_person_word(word) and word not in common_words())
            or word in _WORK_NOUNS
            or text.is_title_word(index)
            or word in ROLE_WORDS | MONTHS | PLACES | DEMONYMS
        ):
            return []
    return [(start, stop, text.restore(start, stop))]


def _add_companies(text: FlatText, cue: int, found: list[Span], role: str) -> None:
    """Record each company of *found* in *role*; the evidence runs from the cue word *cue*."""
    for start, end, name in found:
        if start in text.consumed:
            continue
        # A broadcaster among a studio's co-producers produced, it did not
        # animate; so did a company named after "coproduction".
        coproducer = "coproduction" in text.words[cue:start] or read_broadcaster(text, start)
        own = "producer" if role == "studio" and coproducer else role
        low, high = min(cue, start), max(end, cue + 1)
        text.reading.companies.append(
            Stated(Company(name, (own,)), text.evidence(low, high).evidence)
        )


def read_networks(text: FlatText) -> None:
    """Read the broadcasters named after ``aired``, ``broadcast``, ``premiered`` and the like."""
    for index, word in enumerate(text.words):
        if word not in _NETWORK_CUES:
            continue
        cursor = index + 1
        while cursor < min(index + _NETWORK_WINDOW, len(text)):
            found = read_broadcaster(text, cursor)
            if found is not None:
                length, name = found
                text.reading.companies.append(
                    Stated(
                        Company(name, ("broadcaster",)),
                        text.evidence(cursor, cursor + length).evidence,
                    )
                )
                cursor += length
            elif text.word(cursor) in _NETWORK_FILLER or text.word(cursor) in {"tv", "tvs"}:
                cursor += 1
            else:
                break


def read_licensors(text: FlatText) -> None:
    """Read licensors: after a passive ``licensed``, before an active one, before ``announced plans``."""
    for index, word in enumerate(text.words):
        if word in {"licensed", "licensor", "licensors"} and not _print_licence(text, index):
            # "series licensed north american release sentai filmworks": after
            # where and how; "discotek media licensed series": before the verb.
            start = index + 1
            while text.word(start) in _LICENSE_FILLER or (
                is_compound(text.word(start)) and text.word(start + 1) not in COMPANY_SUFFIXES
            ):
                start += 1  # "currently licensed englishlanguage home video release"
            found = read_companies(text, start, english=True, between=_LICENSE_BETWEEN)
            if not found and (before := _licensor_before(text, index)) is not None:
                found = [before]
            _add_companies(text, index, found, "licensor")
        elif (
            word in _LICENSE_VERBS
            and set(text.words[index + 1 : index + 4]) & _LICENSE_OBJECTS
            and (before := _licensor_before(text, index)) is not None
        ):
            _add_companies(text, index, [before], "licensor")


def _print_licence(text: FlatText, index: int) -> bool:
    """Return whether ``licensed`` at *index* licenses a print work: ``manga also licensed yen press``."""
    before = index - 1
    while text.word(before) in {"also", "later", "currently", "subsequently", "series"}:
        before -= 1
    return text.word(before) in _SOURCE_WORDS


def _licensor_before(text: FlatText, index: int) -> Span | None:
    """Return the licensor just before the verb at *index*; a broadcaster there ended the sentence before."""
    before = company_before(text, index)
    if before is None or read_broadcaster(text, before[0]) is not None:
        return None
    return before
