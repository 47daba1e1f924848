"""How well the article reader reads real Wikipedia leads: recall of credits and companies, and invented names.

Each work of ``../shared/real-articles/`` (a real card, the flattened lead of
the work's English Wikipedia article, and the facts of the article's infobox
in ``expected.json``) is loaded as a user would load it, card and article
together.  For directors, studios and networks, the report counts the names
of the infobox that the flattened lead mentions, and how many of those the
series read from the article.  A name counts as mentioned when all its words
survive the flattening and follow each other in the lead (a possessive ``s``
may end the last: ``fuji tvs``); its words are flattened as the lead's were,
punctuation removed inside each (``P.A. Works`` is ``pa works``, ``Production
I.G`` is ``production ig``); ``Artmic & AIC`` is two names.  A read name
matches an expected one when they are equal folded and run together, once a
``studio`` word, a company word at the end and a plural ``s`` are left out
(``Ghibli`` reads ``Studio Ghibli``, ``Tatsunoko Productions`` reads
``Tatsunoko``, ``Jcstaff`` reads ``J.C.Staff``).

Precision is judged with ``name_runs``, the runs of capitalised words of the
original, unflattened lead: every person or company that only the article
states must be one of these runs or part of one.  Any other is an invented
name.

Run: ``python benchmarks/article_quality.py [FOLDER]`` (the shared set by
default; ``tests/data/unseen-articles`` is a held-out set).  It prints one line
per work and the totals, and exits 0; ``tests/test_article_quality.py``
asserts the floors.
"""

from __future__ import annotations

import argparse
import json
import string
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import layzner
from layzner._text import fold_tokens

ROOT = Path(__file__).resolve().parent.parent
WORKS = ROOT.parent / "shared" / "real-articles"
KINDS = ("directors", "studios", "networks")
_DIRECTOR_ROLES = frozenset({"director", "chief director", "series director", "co-director"})
_COMPANY_ROLES = {"studios": "studio", "networks": "broadcaster"}
_COMPANY_WORDS = frozenset(
    {"animation", "production", "productions", "pictures", "entertainment", "inc", "co", "ltd"}
)


@dataclass
class Tally:
    """Names of one kind: those the lead mentions, and those of them the series read."""

    mentioned: list[str] = field(default_factory=list)
    read: list[str] = field(default_factory=list)


@dataclass
class WorkReport:
    """What one work's load gave, against its expected facts."""

    name: str
    error: str | None = None
    card_facts_kept: bool = True
    tallies: dict[str, Tally] = field(default_factory=dict)
    invented: list[str] = field(default_factory=list)
    article_names: list[str] = field(default_factory=list)


def _flattened(text: str) -> tuple[str, ...]:
    """Fold *text* as the lead was flattened: stop words and words holding digits dropped."""
    return tuple(w for w in fold_tokens(text) if w.isalpha())


def _name_words(name: str) -> tuple[str, ...] | None:
    """Return *name*'s words flattened as the lead was, or None if the flattening lost one.

    Punctuation goes inside each word, as it went in the lead (``P.A. Works``
    is ``pa works``, ``Production I.G`` is ``production ig``), and stop words
    go; a word holding a digit is dropped by the flattening (``A-1
    Pictures``), so the lead cannot mention that name.
    """
    words: list[str] = []
    for raw in name.split():
        bare = "".join(ch for ch in raw.lower() if ch not in string.punctuation)
        if not bare:
            continue
        if not bare.isalpha():
            return None
        words.extend(fold_tokens(bare))
    return tuple(words)


def _mentions(lead: Sequence[str], name: str) -> bool:
    """Return whether the flattened *lead* names *name*, every word of it (see the module docstring)."""
    words = _name_words(name)
    if not words:
        return False
    target = "".join(words)
    for start in range(len(lead)):
        joined = ""
        for word in lead[start : start + len(words) + 2]:
            joined += word
            if joined in {target, target + "s"}:
                return True
            if len(joined) > len(target) + 1:
                break
    return False


def _core(name: str) -> str:
    """Return *name* folded and run together, without ``studio`` or a company word at its end."""
    words = [w for w in _name_words(name) or () if w not in {"studio", "studios"}]
    while len(words) > 1 and words[-1] in _COMPANY_WORDS:
        words.pop()
    return "".join(words).removesuffix("s")


def _names_of(values: Iterable[str]) -> list[str]:
    """Split infobox cells that join two companies (``Artmic & AIC``)."""
    names: list[str] = []
    for value in values:
        for part in value.replace(" & ", "/").split("/"):
            if part.strip():
                names.append(part.strip())
    return names


def _from_article(series: layzner.Series, path: str, article: str) -> bool:
    return any(e.source == article for e in series.provenance(path))


def _only_from_article(series: layzner.Series, path: str, article: str) -> bool:
    evidence = series.provenance(path)
    return bool(evidence) and all(e.source == article for e in evidence)


def _read_names(series: layzner.Series, article: str) -> dict[str, list[str]]:
    read: dict[str, list[str]] = {kind: [] for kind in KINDS}
    for credit in series.staff:
        if credit.role.casefold() in _DIRECTOR_ROLES and _from_article(
            series, f"staff[{credit.key}]", article
        ):
            read["directors"].append(credit.person)
    for company in series.companies:
        if not _from_article(series, f"companies[{company.key}]", article):
            continue
        for kind, role in _COMPANY_ROLES.items():
            if role in company.roles:
                read[kind].append(company.name)
    return read


def _is_part_of_a_run(name: str, runs: Sequence[tuple[str, ...]]) -> bool:
    """Return whether *name* is whole words of one of *runs*.

    Compared run together, since the flattening joined what punctuation
    split (``P.A. Works`` is ``pa works``); the last word may have lost a
    possessive's apostrophe (``Fuji TV's`` is ``fuji tvs``).
    """
    target = "".join(fold_tokens(name, drop_stop_words=False))
    for run in runs:
        for start in range(len(run)):
            joined = ""
            for word in run[start:]:
                joined += word
                if joined in {target, target + "s"}:
                    return True
                if len(joined) >= len(target) + 1:
                    break
    return bool(not target)


def measure_work(folder: Path) -> WorkReport:
    """Load *folder*'s card and article together and compare with its ``expected.json``."""
    expected = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    report = WorkReport(folder.name)
    card, article = folder / "card.md", folder / "article.txt"
    try:
        series = layzner.load([card, article])
    except layzner.LayznerError as error:
        report.error = str(error)
        return report
    card_only = layzner.load(card)
    report.card_facts_kept = (series.title, series.aired.start, series.episodes.total) == (
        card_only.title,
        card_only.aired.start,
        card_only.episodes.total,
    )
    lead = _flattened(article.read_text(encoding="utf-8"))
    read = _read_names(series, article.stem)
    for kind in KINDS:
        tally = Tally()
        for name in _names_of(expected[kind]):
            if _mentions(lead, name):
                tally.mentioned.append(name)
                if any(_core(got) == _core(name) for got in read[kind]):
                    tally.read.append(name)
        report.tallies[kind] = tally
    runs = [fold_tokens(run, drop_stop_words=False) for run in expected["name_runs"]]
    names = [(f"staff[{c.key}]", c.person) for c in series.staff] + [
        (f"companies[{c.key}]", c.name) for c in series.companies
    ]
    for path, name in names:
        if _only_from_article(series, path, article.stem) and name not in report.article_names:
            report.article_names.append(name)
            if not _is_part_of_a_run(name, runs):
                report.invented.append(name)
    return report


def measure(works: Path = WORKS) -> list[WorkReport]:
    """Measure every work folder under *works*, in name order."""
    return [measure_work(folder) for folder in sorted(p for p in works.iterdir() if p.is_dir())]


def totals(reports: Iterable[WorkReport]) -> dict[str, tuple[int, int]]:
    """Return ``kind -> (read, mentioned)`` over *reports*."""
    sums = dict.fromkeys(KINDS, (0, 0))
    for report in reports:
        for kind, tally in report.tallies.items():
            read, mentioned = sums[kind]
            sums[kind] = (read + len(tally.read), mentioned + len(tally.mentioned))
    return sums


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.partition("\n")[0])
    parser.add_argument("folder", nargs="?", type=Path, default=WORKS)
    args = parser.parse_args(argv)
    reports = measure(args.folder)
    width = max(len(r.name) for r in reports)
    print(f"{'work':<{width}}  directors  studios  networks  invented")
    for report in reports:
        if report.error is not None:
            print(f"{report.name:<{width}}  ERROR {report.error}")
            continue
        cells = [f"{len(report.tallies[k].read)}/{len(report.tallies[k].mentioned)}" for k in KINDS]
        note = "" if report.card_facts_kept else "  (card facts changed)"
        invented = ", ".join(report.invented) or "-"
        print(
            f"{report.name:<{width}}  {cells[0]:>9}  {cells[1]:>7}  {cells[2]:>8}  {invented}{note}"
        )
    print()
    for kind, (read, mentioned) in totals(reports).items():
        share = f"{100 * read / mentioned:.0f}%" if mentioned else "-"
        print(f"{kind:<9} {read:>3} of {mentioned:>3} read ({share})")
    names = sum(len(r.article_names) for r in reports)
    invented = sum(len(r.invented) for r in reports)
    print(f"invented  {invented:>3} of {names:>3} names only the articles state")
    failed = [r.name for r in reports if r.error or not r.card_facts_kept]
    print(f"loaded    {len(reports) - len(failed):>3} of {len(reports):>3} with the card's facts")
    return 0


if __name__ == "__main__":
    sys.exit(main())
