"""Adversarial inputs: each pathological document doubled in size, timed, and its memory peak taken.

Issue 12 found documents that made reading or reconciliation quadratic: long
runs of spaces or quotes that regular expressions backtracked over, a
profile row sliced at each of its separators, and long lists (tags,
authors, character rows, a folder of identical cards) merged pair by pair.
Each such input is a *generator* here: ``documents(size)`` writes it at about
*size* bytes.  The benchmark loads each from 10 KB to 1.28 MB, doubling, and
prints the growth of the time per doubling (2 for linear work, about
2.1 for n log n, 4 for quadratic), the time at 1.28 MB, and the peak of
traced memory against the input's size.  Linear means every growth ratio
below 2.5, no 1.28 MB input over 5 s, and a peak under 40 times the input.

The sizes are timed in interleaved rounds (every size once per round, the
rounds repeated), so that a busy moment on a shared machine slows all sizes
alike.  Each timing is CPU time of this process, loads of a few
milliseconds repeated until 0.2 CPU seconds have passed.  The growth of a
doubling is the median, over the rounds, of the ratio of its two sizes'
times within one round: a round that a busy neighbour slows slows both
sizes of a pair alike, and the median sets aside the rounds where it
slowed only one (taking each size's fastest time instead made single
doublings of 2.5 to 3.3 on a shared machine, the next doubling as far
below 2).  A doubling whose growth breaks the limit is timed again, its
two sizes alone in as many more rounds, up to ``CONFIRMATIONS`` times: a
quadratic step stays over the limit however often it is timed.  The
times shown are each size's median.  The table says how
many doublings were timed again.  The flattened-article inputs (defect 3)
are listed too, at 0.25 to 4 MB; a generator whose run exceeds a time
budget stops doubling and says so.  ``tests/test_adversarial.py`` loads the
same generators at small sizes and checks what they read.

Run: ``python benchmarks/adversarial.py [--rounds N] [--only SUBSTRING]``.
It prints a table and exits 0 (1 with ``--check`` when a limit is broken);
there are no timing assertions in the tests.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import gc
import itertools
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Iterator
from pathlib import Path

import layzner

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
DOUBLINGS = tuple(10_000 * 2**k for k in range(8))  # 10 KB to 1.28 MB
ARTICLE_SIZES = (250_000, 500_000, 1_000_000, 2_000_000, 4_000_000)
GROWTH_LIMIT = 2.5
SECONDS_LIMIT = 5.0
MEMORY_LIMIT = 40.0
MEASURABLE = 0.2  # CPU seconds of repeated loads behind one timing
CONFIRMATIONS = 3  # times a doubling over the growth limit is timed again


@dataclasses.dataclass(frozen=True)
class Generator:
    """One pathological input: its name, the issue 12 defect it reproduces, and its documents."""

    name: str
    defect: int
    what: str
    make: Callable[[int], dict[str, str]]
    sizes: tuple[int, ...] = DOUBLINGS

    def documents(self, size: int) -> dict[str, str]:
        """Return the documents (file name -> text) of about *size* bytes in all."""
        return self.make(size)

    def write(self, folder: Path, size: int) -> list[Path]:
        """Write the documents of about *size* bytes into *folder*; return their paths, sorted."""
        paths = []
        for name, text in self.documents(size).items():
            path = folder / name
            path.write_text(text, encoding="utf-8")
            paths.append(path)
        return sorted(paths)


GENERATORS: list[Generator] = []


def _generator(
    name: str, defect: int, what: str, sizes: tuple[int, ...] = DOUBLINGS
) -> Callable[[Callable[[int], dict[str, str]]], Callable[[int], dict[str, str]]]:
    def register(make: Callable[[int], dict[str, str]]) -> Callable[[int], dict[str, str]]:
        GENERATORS.append(Generator(name, defect, what, make, sizes))
        return make

    return register


# -- building blocks -----------------------------------------------------------------

_SYLLABLES = ("ka", "ki", "ko", "sa", "shi", "ta", "to", "na", "no", "ha", "mi", "ra", "ri", "ro")


def name_word(index: int) -> str:
    """Return a distinct capitalised word for *index*: ``Ka``, ``Ki``... ``Kiko``, in every length."""
    syllables = []
    index += len(_SYLLABLES)  # at least two syllables
    while index:
        index, digit = divmod(index, len(_SYLLABLES))
        syllables.append(_SYLLABLES[digit])
    return "".join(reversed(syllables)).capitalize()


def person(index: int) -> str:
    """Return a distinct two-word name for *index*: a given name and a family name."""
    return f"{name_word(index)} {name_word(index + 7919)}"


def _lines(size: int, line: Callable[[int], str], header_size: int = 40) -> Iterator[str]:
    """Yield ``line(0)``, ``line(1)``... until they fill about *size* bytes."""
    total = header_size
    index = 0
    while total < size:
        text = line(index)
        total += len(text.encode()) + 1
        index += 1
        yield text


def _card(*lines: str, title: str = "A Show") -> dict[str, str]:
    return {"card.md": "\n".join((f"# {title}", "-   **type**: tv-serie", *lines)) + "\n"}


def _card_line(size: int, before: str, run: str, after: str) -> dict[str, str]:
    """Return a card with one line: *before*, *run* repeated to fill *size*, *after*."""
    count = max(size - len(before) - len(after) - 40, 1) // len(run)
    return _card(before + run * count + after)


_PROFILE_INFO = (
    "A Show | Aru Shou\n26 TV Episodes\nApril 6, 2001 - September 28, 2001\nStudio Hoshi, Fuji TV\n"
)


def _profile(
    info: str = _PROFILE_INFO, characters: str = "", title: str = "A Show"
) -> dict[str, str]:
    text = f"Anime Profile: {title}\n\nUSA Info\nJapanese Info\n{info}"
    if characters:
        text += f"Characters: {title}\n\n{characters}"
    return {"profile.txt": text}


def _run(size: int, unit: str, overhead: int = 120) -> str:
    """Return *unit* repeated to about *size* bytes less *overhead*."""
    return unit * max((size - overhead) // len(unit.encode()), 1)


# -- defect 1: long lines that regular expressions or slicing went quadratic on ----------


@_generator("card-heading-spaces", 1, "a card heading '# a' + spaces + 'b'")
def _card_heading_spaces(size: int) -> dict[str, str]:
    return _card(title="a" + _run(size, " ") + "b")


@_generator("card-key-spaces", 1, "a key bullet '**rating**: G' + spaces + 'x'")
def _card_key_spaces(size: int) -> dict[str, str]:
    return _card(f"-   **rating**: G{_run(size, ' ')}x")


@_generator("card-key-name-spaces", 1, "a key bullet whose key is 'a' + spaces + 'b'")
def _card_key_name_spaces(size: int) -> dict[str, str]:
    return _card(f"-   **a{_run(size, ' ')}b**: x")


@_generator("card-tag-spaces", 1, "a tag bullet 'a' + spaces + 'b'")
def _card_tag_spaces(size: int) -> dict[str, str]:
    return _card("## Tags", f"-   a{_run(size, ' ')}b")


@_generator("card-author-spaces", 1, "author bullets 'Name' + spaces + '(Art)' and + 'x'")
def _card_author_spaces(size: int) -> dict[str, str]:
    spaces = _run(size // 2, " ")
    return _card("## Authors", f"-   Other{spaces}(Art)", f"-   Name{spaces}x")


@_generator("card-author-parens", 1, "an author bullet 'Name' + '(a' repeated")
def _card_author_parens(size: int) -> dict[str, str]:
    return _card("## Authors", f"-   Name {_run(size, '(a')}")


@_generator("card-link-spaces", 1, "a link bullet whose URL holds a run of spaces")
def _card_link_spaces(size: int) -> dict[str, str]:
    return _card("## Links", f"-   [Site](https://example.org/{_run(size, ' ')}x)")


@_generator("card-image-parens", 1, "an image line whose URL is '(' repeated")
def _card_image_parens(size: int) -> dict[str, str]:
    return _card(f"![a](https://example.org/{_run(size, '(')})")


@_generator("card-date-spaces", 1, "a start date 'October' + spaces + '3, 1985'")
def _card_date_spaces(size: int) -> dict[str, str]:
    return _card(f"-   **start-date**: October{_run(size, ' ')}3, 1985")


def _song(text: str) -> dict[str, str]:
    return _card(f"-   **opening-song**: {text}")


@_generator("song-spaces-before-artist", 1, "a song line '\"T\" ' + spaces + 'x'")
def _song_spaces_before_artist(size: int) -> dict[str, str]:
    return _song(f'"T" {_run(size, " ")}x')


@_generator("song-spaces-in-artist", 1, "a song line '\"T\" by A' + spaces + 'x'")
def _song_spaces_in_artist(size: int) -> dict[str, str]:
    return _song(f'"T" by A{_run(size, " ")}x')


@_generator("song-stray-quotes", 1, "a song title '\"T' + quotes + ' (x)\" by A'")
def _song_stray_quotes(size: int) -> dict[str, str]:
    return _song(f'"T{_run(size, chr(34))} (x)" by A')


@_generator("song-spaces-before-native", 1, "an unquoted song 'T' + spaces + '(テ) by A'")
def _song_spaces_before_native(size: int) -> dict[str, str]:
    return _song(f"T{_run(size, ' ')}(テ) by A")


@_generator("song-spaces-before-episodes", 1, "a song line '\"T\" by A' + spaces + '(eps 1-2)'")
def _song_spaces_before_episodes(size: int) -> dict[str, str]:
    return _song(f'"T" by A{_run(size, " ")}(eps 1-2)')


@_generator("song-many-by", 1, "a song line '\"T\" ' + 'by ' repeated")
def _song_many_by(size: int) -> dict[str, str]:
    return _song('"T" ' + _run(size, "by ") + "A")


@_generator("song-unquoted-many-by", 1, "an unquoted song 'T ' + 'by ' repeated")
def _song_unquoted_many_by(size: int) -> dict[str, str]:
    return _song("T " + _run(size, "by ") + "A")


@_generator("song-unquoted-many-dashes", 1, "an unquoted song 'T (テ)' + ' - x' repeated")
def _song_unquoted_many_dashes(size: int) -> dict[str, str]:
    return _song("T (テ)" + _run(size, " - x"))


@_generator("song-rendering-separators", 1, "a native title '(テ' + ', テ' repeated + ')'")
def _song_rendering_separators(size: int) -> dict[str, str]:
    return _song('"T (テ' + _run(size, ", テ") + ')" by A')


@_generator("song-many-artists", 1, "a song line '\"T\" by ' + 'A, ' repeated")
def _song_many_artists(size: int) -> dict[str, str]:
    return _song('"T" by ' + _run(size, "A, ") + "B")


@_generator("song-many-episode-spans", 1, "a song line with '1-2, ' repeated in its episode note")
def _song_many_episode_spans(size: int) -> dict[str, str]:
    return _song('"T" by A (eps ' + _run(size, "1-2, ") + "3)")


@_generator("profile-header-spaces", 1, "a profile header 'Anime Profile:' + spaces + 'T'")
def _profile_header_spaces(size: int) -> dict[str, str]:
    return _profile(title=_run(size, " ") + "T")


@_generator(
    "profile-title-spaces", 1, "a profile title row 'Night' + spaces + 'Train (NT' + spaces"
)
def _profile_title_spaces(size: int) -> dict[str, str]:
    spaces = _run(size // 2, " ")
    info = _PROFILE_INFO.replace("A Show | Aru Shou", f"A Show (NT{spaces}x) | Aru{spaces}Shou")
    return _profile(info)


@_generator("profile-date-spaces", 1, "a profile dates row 'July 14, 1990' + spaces + 'x'")
def _profile_date_spaces(size: int) -> dict[str, str]:
    return _profile(
        _PROFILE_INFO.replace(
            "April 6, 2001 - September 28, 2001", f"July 14, 1990{_run(size, ' ')}x"
        )
    )


@_generator("profile-date-separators", 1, "a profile row of 'a-' repeated")
def _profile_date_separators(size: int) -> dict[str, str]:
    return _profile(_PROFILE_INFO + _run(size, "a-") + "\n")


@_generator("profile-date-ranges", 1, "a profile dates row of '1990 to ' repeated")
def _profile_date_ranges(size: int) -> dict[str, str]:
    return _profile(
        _PROFILE_INFO.replace("April 6, 2001 - September 28, 2001", _run(size, "1990 to ") + "1991")
    )


@_generator("profile-credit-spaces", 1, "a credits row 'Akira Mori' + spaces + '(director)'")
def _profile_credit_spaces(size: int) -> dict[str, str]:
    return _profile(_PROFILE_INFO + f"Akira Mori{_run(size, ' ')}(director)\n")


# -- defect 2: long lists merged pair by pair ---------------------------------------


@_generator("card-tags", 2, "a card with one distinct tag per line")
def _card_tags(size: int) -> dict[str, str]:
    return _card("## Tags", *_lines(size, lambda i: f"-   {name_word(i).lower()}"))


@_generator("card-tags-identical", 2, "a card with the same tag on every line")
def _card_tags_identical(size: int) -> dict[str, str]:
    return _card("## Tags", *_lines(size, lambda _i: "-   Action"))


@_generator("card-authors", 2, "a card with one distinct 'Name (Role)' author per line")
def _card_authors(size: int) -> dict[str, str]:
    return _card("## Authors", *_lines(size, lambda i: f"-   {person(i)} (Story)"))


@_generator("card-authors-one-person", 2, "a card crediting one person in a new role per line")
def _card_authors_one_person(size: int) -> dict[str, str]:
    return _card("## Authors", *_lines(size, lambda i: f"-   Kenji Mori ({name_word(i)})"))


@_generator(
    "card-authors-split", 2, "a card of authors split over two bullets (family / given (role))"
)
def _card_authors_split(size: int) -> dict[str, str]:
    def line(index: int) -> str:
        who = index // 2
        return f"-   {name_word(who)}" if index % 2 == 0 else f"-   {name_word(who + 7919)} (Art)"

    return _card("## Authors", *_lines(size, line))


@_generator("card-songs", 2, "a card with one opening song per line")
def _card_songs(size: int) -> dict[str, str]:
    return _card(
        *_lines(size, lambda i: f'-   **opening-song**: #{i + 1}: "{name_word(i)}" by {person(i)}')
    )


@_generator("card-links", 2, "a card with one link per line")
def _card_links(size: int) -> dict[str, str]:
    return _card("## Links", *_lines(size, lambda i: f"-   [Site {i}](https://example.org/{i})"))


@_generator("card-unknown-keys", 2, "a card with one unknown key per line")
def _card_unknown_keys(size: int) -> dict[str, str]:
    return _card(*_lines(size, lambda i: f"-   **{name_word(i).lower()}**: x"))


@_generator("card-repeated-key", 2, "a card repeating '**episodes**: 12' on every line")
def _card_repeated_key(size: int) -> dict[str, str]:
    return _card(*_lines(size, lambda _i: "-   **episodes**: 12"))


def _character_row(index: int) -> str:
    # A lone given name beside a full name: reconciliation looks for the
    # full name that a lone one may shorten.
    return f"{name_word(2 * index)} | {person(2 * index + 1)}"


@_generator(
    "profile-characters", 2, "a profile with one 'Given | Given Family' character row per line"
)
def _profile_characters(size: int) -> dict[str, str]:
    return _profile(characters="\n".join(_lines(size, _character_row)) + "\n")


@_generator(
    "profile-main-characters", 2, "a profile whose info rows name each character of its table"
)
def _profile_main_characters(size: int) -> dict[str, str]:
    rows = list(_lines(size // 2, lambda i: f"{person(2 * i)} | {person(2 * i + 1)}"))
    mains = "".join(f"{person(2 * i)}\n" for i in range(len(rows)))
    return _profile(_PROFILE_INFO + "Action, Drama\n" + mains, "\n".join(rows) + "\n")


@_generator("profile-credits-row", 2, "a profile credits row of 'Name (role), ' repeated")
def _profile_credits_row(size: int) -> dict[str, str]:
    credits = ", ".join(_lines(size, lambda i: f"{person(i)} (director)"))
    return _profile(_PROFILE_INFO + credits + "\n")


@_generator("profile-genres-row", 2, "a profile genres row of 'Action, ' repeated")
def _profile_genres_row(size: int) -> dict[str, str]:
    return _profile(_PROFILE_INFO + _run(size, "Action, ") + "Drama\n")


@_generator("profile-companies-row", 2, "a profile companies row of distinct studio names")
def _profile_companies_row(size: int) -> dict[str, str]:
    names = ", ".join(_lines(size, lambda i: f"Studio {name_word(i)}"))
    info = _PROFILE_INFO.replace("Studio Hoshi, Fuji TV", names)
    return _profile(info)


@_generator("profile-lone-names", 2, "a profile with one lone name per info row")
def _profile_lone_names(size: int) -> dict[str, str]:
    return _profile(_PROFILE_INFO + "\n".join(_lines(size, person)) + "\n")


_SMALL_CARD = (
    "# A Show\n-   **type**: tv-serie\n-   **episodes**: 12\n-   **start-date**: 2001-04-06\n"
    "## Tags\n-   drama\n"
)


@_generator("cards-identical-folder", 2, "a folder of identical 128-byte cards")
def _cards_identical_folder(size: int) -> dict[str, str]:
    card = _SMALL_CARD.ljust(127) + "\n"
    return {f"card{i:06d}.md": card for i in range(max(size // len(card), 1))}


# -- defect 3: the flattened article (owned by the article reader's work) ------------


@_generator(
    "article-repeated-seed", 3, "the seed article repeated (its reader: issue 8)", ARTICLE_SIZES
)
def _article_repeated_seed(size: int) -> dict[str, str]:
    article = next(p for p in sorted(SEEDS.iterdir()) if layzner_format(p) == "article")
    text = article.read_text(encoding="utf-8").strip()
    return {"article.txt": ((text + " ") * (size // (len(text.encode()) + 1) + 1))[:size].strip()}


@_generator(
    "article-random-words",
    3,
    "an article of random common words (its reader: issue 8)",
    ARTICLE_SIZES,
)
def _article_random_words(size: int) -> dict[str, str]:
    from layzner._readers._lexicon import common_words  # noqa: PLC0415 - the vocabulary only

    words = sorted(common_words())
    chooser = random.Random(size)  # noqa: S311 - a fixed, reproducible input, not a secret
    found: list[str] = ["random", "show", "anime", "series"]
    total = 0
    while total < size:
        word = chooser.choice(words)
        found.append(word)
        total += len(word) + 1
    return {"article.txt": " ".join(found)}


def layzner_format(path: Path) -> str | None:
    """Return the format layzner detects in the file at *path*."""
    from layzner._readers import detect_format  # noqa: PLC0415 - detection only

    return detect_format(path.read_text(encoding="utf-8"))


# -- measuring --------------------------------------------------------------------


@dataclasses.dataclass
class Result:
    """The measurements of one generator."""

    generator: Generator
    seconds: dict[int, float]  # the median over the rounds, per size
    peaks: dict[int, float]
    # Per doubling (its smaller size), the ratio of the two sizes' times in
    # each round that timed both.
    ratios: dict[int, list[float]] = dataclasses.field(default_factory=dict)
    stopped: int | None = None
    retimed: int = 0  # doublings timed again to confirm their growth

    def growth(self) -> list[float]:
        """Return the growth of each doubling: the median of its ratios over the rounds."""
        return [statistics.median(self.ratios[size]) for size in sorted(self.ratios)]

    def broken(self) -> list[str]:
        """Return the limits this generator breaks, in words."""
        found = []
        growth = self.growth()
        if growth and max(growth) >= GROWTH_LIMIT:
            found.append(f"growth {max(growth):.2f}")
        largest = max(self.seconds)
        if self.seconds[largest] > SECONDS_LIMIT:
            found.append(f"{self.seconds[largest]:.1f} s")
        if self.peaks and max(self.peaks.values()) >= MEMORY_LIMIT:
            found.append(f"memory {max(self.peaks.values()):.0f}x")
        if self.stopped is not None:
            found.append(f"stopped before {self.stopped // 1000} KB")
        return found


def _load(paths: list[Path]) -> float:
    """Return the CPU seconds of one load of *paths*, repeated until the total is measurable."""
    gc.collect()
    # CPU time of this process, which other processes on a shared machine
    # do not add to; a load of a few milliseconds is repeated until the
    # total reaches MEASURABLE, because the ratio of two 1 ms readings is
    # mostly the clock's and the scheduler's noise.
    loads = 0
    start = time.process_time()
    while True:
        # A refused document is an answer too; its time counts.
        with contextlib.suppress(layzner.LayznerError):
            layzner.load(paths)
        loads += 1
        spent = time.process_time() - start
        if spent >= MEASURABLE:
            return spent / loads


def _peak(paths: list[Path], size: int) -> float:
    """Return how far one load of *paths* raises the traced memory at its peak, per byte of input.

    Called in a process traced from its start (``python -X tracemalloc``,
    see :func:`measure_memory`).  A first load of the same input comes
    before, and the baseline is what the process holds once its result is
    dropped.  The first load in a process pays for imports, compiled
    patterns and the filling of bounded caches, fixed costs that a 10 KB
    input would otherwise multiply into hundreds of times its size (a
    long-running application pays them once).  Tracing from the start
    matters for the tables the interpreter keeps, such as the one of
    interned strings: when a load makes one rebuild itself, the new table
    counts, and only a traced old one lets its release count too.
    """
    gc.collect()
    with contextlib.suppress(layzner.LayznerError):
        layzner.load(paths)
    gc.collect()
    baseline, _ = tracemalloc.get_traced_memory()
    tracemalloc.reset_peak()
    with contextlib.suppress(layzner.LayznerError):
        layzner.load(paths)
    _, peak = tracemalloc.get_traced_memory()
    return (peak - baseline) / size


def _write_sizes(generator: Generator, scratch: Path) -> dict[int, tuple[list[Path], int]]:
    """Write *generator*'s input at each of its sizes; return each size's files and their bytes."""
    written = {}
    for size in generator.sizes:
        folder = scratch / str(size)
        folder.mkdir()
        paths = generator.write(folder, size)
        written[size] = (paths, sum(p.stat().st_size for p in paths))
    return written


def measure_memory(generator: Generator) -> dict[int, float]:
    """Return the peak of traced memory per byte of input of *generator* at each size.

    The peaks are taken in a new process, traced from its start and running
    this generator alone: tracing would slow the timed loads, and what an
    earlier generator left in the interpreter's tables would blur a later one's.
    """
    sizes = ",".join(map(str, generator.sizes))
    command = [sys.executable, "-X", "tracemalloc", __file__, "--peaks-of", generator.name]
    command += ["--sizes", sizes]
    child = subprocess.run(command, capture_output=True, text=True, check=False)
    if child.returncode:
        # The child's traceback is the only account of what went wrong.
        sys.exit(f"the memory run of {generator.name} failed:\n{child.stderr}")
    return {int(size): peak for size, peak in json.loads(child.stdout).items()}


def _print_peaks(generator: Generator) -> None:
    """Print the peaks of *generator* at each size as JSON; the child's side of :func:`measure_memory`."""
    if not tracemalloc.is_tracing():
        sys.exit("--peaks-of needs a process traced from its start: python -X tracemalloc")
    layzner.load(SEEDS)
    with tempfile.TemporaryDirectory() as scratch:
        written = _write_sizes(generator, Path(scratch))
        print(json.dumps({size: _peak(*written[size]) for size in generator.sizes}))


def measure(generator: Generator, rounds: int, budget: float, *, memory: bool = True) -> Result:
    """Time *generator* at each size in interleaved rounds; stop doubling past *budget* seconds.

    With *memory*, also take its peaks (:func:`measure_memory`).
    """
    with tempfile.TemporaryDirectory() as scratch:
        written = _write_sizes(generator, Path(scratch))
        timed_rounds: list[dict[int, float]] = []
        stopped = None
        sizes = list(generator.sizes)
        for _ in range(rounds):
            timed: dict[int, float] = {}
            timed_rounds.append(timed)
            for size in sizes:
                timed[size] = _load(written[size][0])
                if timed[size] > budget:
                    # Larger inputs would take longer still: stop doubling here.
                    stopped = next((s for s in generator.sizes if s > size), None)
                    sizes = [s for s in sizes if s <= size]
                    break
        ratios = {
            a: [timed[b] / timed[a] for timed in timed_rounds if a in timed and b in timed]
            for a, b in itertools.pairwise(sizes)
        }
        seconds_by_size = {
            size: statistics.median(timed[size] for timed in timed_rounds if size in timed)
            for size in generator.sizes
            if any(size in timed for timed in timed_rounds)
        }
        # A doubling up to a size over the budget is not timed again: that
        # size's loads are what the budget spares.
        over_budget = {size for size, seconds in seconds_by_size.items() if seconds > budget}
        retimed = _confirm_growth(written, ratios, rounds, over_budget)
    # A size over the budget is not loaded again for its memory.
    fast = tuple(sorted(s for s, t in seconds_by_size.items() if t < budget))
    peaks = measure_memory(dataclasses.replace(generator, sizes=fast)) if fast and memory else {}
    return Result(generator, seconds_by_size, peaks, ratios, stopped, retimed)


def _confirm_growth(
    written: dict[int, tuple[list[Path], int]],
    ratios: dict[int, list[float]],
    rounds: int,
    over_budget: set[int],
) -> int:
    """Time again each doubling whose growth breaks the limit; return how many times one was.

    Its two sizes are timed alone, one after the other, in *rounds* more
    rounds, whose ratios join the others; a doubling still over the limit
    is timed again, up to ``CONFIRMATIONS`` times.  A doubling whose larger
    size is in *over_budget* is left as it is.
    """
    retimed = 0
    for _ in range(CONFIRMATIONS):
        over = [
            (a, b)
            for a, found in ratios.items()
            if found
            and statistics.median(found) >= GROWTH_LIMIT
            and (b := min(s for s in written if s > a)) not in over_budget
        ]
        if not over:
            break
        for a, b in over:
            retimed += 1
            for _ in range(rounds):
                first = _load(written[a][0])
                ratios[a].append(_load(written[b][0]) / first)
    return retimed


def _report(result: Result) -> str:
    growth = result.growth()
    sizes = sorted(result.seconds)
    largest = sizes[-1]
    peak = f"{max(result.peaks.values()):.1f}x" if result.peaks else "-"  # --time-only: none
    verdict = "; ".join(result.broken()) or "ok"
    if result.retimed:
        verdict += f" ({result.retimed} retimed)"
    return (
        f"{result.generator.name:<28} {result.generator.defect:>2} "
        f"{result.seconds[sizes[0]] * 1e3:>8.1f} {result.seconds[largest] * 1e3:>9.1f} "
        f"{largest // 1000:>5}KB {max(growth, default=float('nan')):>6.2f} "
        f"{' '.join(f'{g:.1f}' for g in growth):<28} {peak:>7}  {verdict}"
    )


def _positive(text: str) -> int:
    """Return *text* as a whole number of at least 1, for argparse."""
    number = int(text)
    if number < 1:
        msg = f"must be at least 1, got {number}"
        raise argparse.ArgumentTypeError(msg)
    return number


def main(argv: list[str] | None = None) -> int:
    """Measure every generator (or those named by --only) and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--rounds", type=_positive, default=3, help="timed rounds per size (3)")
    parser.add_argument("--only", action="append", help="run the generators whose name holds this")
    parser.add_argument("--budget", type=float, default=20.0, help="stop doubling past this (s)")
    parser.add_argument("--largest", type=int, help="leave out sizes above this many bytes")
    parser.add_argument("--check", action="store_true", help="exit 1 when a limit is broken")
    parser.add_argument("--memory-only", action="store_true", help="measure peaks, not time")
    parser.add_argument("--time-only", action="store_true", help="measure time, not peaks")
    # measure_memory's child: the generator and the sizes to measure.
    parser.add_argument("--peaks-of", help=argparse.SUPPRESS)
    parser.add_argument("--sizes", help=argparse.SUPPRESS)
    arguments = parser.parse_args(argv)
    chosen = [
        dataclasses.replace(
            g, sizes=tuple(s for s in g.sizes if s <= arguments.largest) or g.sizes[:1]
        )
        if arguments.largest
        else g
        for g in GENERATORS
        if not arguments.only or any(part in g.name for part in arguments.only)
    ]
    if arguments.peaks_of:
        generator = next(g for g in GENERATORS if g.name == arguments.peaks_of)
        if arguments.sizes:
            sizes = tuple(int(size) for size in arguments.sizes.split(","))
            generator = dataclasses.replace(generator, sizes=sizes)
        _print_peaks(generator)
        return 0
    # One load of the seeds (all three formats) first, so that the first size
    # timed does not pay for importing the readers and compiling patterns.
    layzner.load(SEEDS)
    if arguments.memory_only:
        return _report_memory(chosen, check=arguments.check)
    print(
        f"{'generator':<28} {'d':>2} {'first ms':>8} {'last ms':>9} {'size':>7} {'growth':>6} "
        f"{'per doubling':<28} {'peak':>7}  limits"
    )
    failed = False
    for generator in chosen:
        result = measure(
            generator, arguments.rounds, arguments.budget, memory=not arguments.time_only
        )
        failed |= bool(result.broken())
        print(_report(result), flush=True)
    return 1 if failed and arguments.check else 0


def _report_memory(chosen: list[Generator], *, check: bool) -> int:
    print(f"{'generator':<28} {'d':>2} {'peak per size (x input), 10 KB up':<60} {'max':>6}  limit")
    failed = False
    for generator in chosen:
        peaks = measure_memory(generator)
        largest = max(peaks.values())
        failed |= largest >= MEMORY_LIMIT
        verdict = "ok" if largest < MEMORY_LIMIT else f"memory {largest:.0f}x"
        row = " ".join(f"{peaks[size]:.0f}" for size in sorted(peaks))
        print(f"{generator.name:<28} {generator.defect:>2} {row:<60} {largest:>5.1f}x  {verdict}")
    return 1 if failed and check else 0


if __name__ == "__main__":
    sys.exit(main())
