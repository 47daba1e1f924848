"""Regenerate src/layzner/_data/name_words.txt: romanised Japanese given and family names.

The cards of the shared catalog (MIT licence) list their authors family name
first, one item each: ``-   Suzukaze`` then ``-   Ryou (Story)``.  An item
without a role followed by one with a role is a family name and a given
name; a lone item with a role is a pen name and is not used.  Only words
that romanised Japanese can spell (``layzner._text.is_romanised_japanese``)
and that at least two author entries use are kept (two letters or more),
folded as layzner compares names (``Ryou`` -> ``ryo``).  A word is both a
given and a family name only when each use is at least a quarter of the
other.  The list holds name *words*, never
whole names: it tells a reader that ``okamura`` is a family name, not who
anyone is.

Each line is a folded word, then ``g`` (given name), ``f`` (family name) or
``gf`` (both).

Usage: python scripts/build_name_words.py [CATALOG_ARCHIVE_OR_CARDS_DIR]
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

from _catalog import CATALOG, DATA, ROOT, cards, section

from layzner._text import fold_tokens, is_romanised_japanese

OUT = DATA / "name_words.txt"
ROLE = re.compile(r"^(?P<name>.*?)\s*\([^()]*\)$")
MINIMUM = 2
SHARE = 4  # the rarer use must be at least a quarter of the commoner one


def _items(authors: str) -> list[str]:
    return [
        line[4:].strip()
        for line in authors.splitlines()
        if line.startswith("-   ") and not line[4:].startswith("[")
    ]


def main() -> None:
    source = Path(sys.argv[1]) if len(sys.argv) > 1 else CATALOG
    given: Counter[str] = Counter()
    family: Counter[str] = Counter()
    for card in cards(source):
        pending: str | None = None
        for item in _items(section(card, "Authors")):
            match = ROLE.match(item)
            if match is None:
                pending = item  # a family name; its given name comes next
                continue
            if pending is not None:
                family.update(fold_tokens(pending, drop_stop_words=False))
                given.update(fold_tokens(match["name"], drop_stop_words=False))
            pending = None
    words: dict[str, str] = {}
    for word in sorted(set(given) | set(family)):
        as_given, as_family = given[word], family[word]
        if as_given + as_family < MINIMUM or len(word) < 2 or not is_romanised_japanese(word):
            continue
        # A word both ways only when each use is common: "Masayuki" is a
        # given name that a few pen names put first.
        kinds = ""
        if as_given * SHARE >= as_family:
            kinds += "g"
        if as_family * SHARE >= as_given:
            kinds += "f"
        words[word] = kinds
    OUT.write_text(
        "# Romanised Japanese name words: g given, f family, gf both.\n"
        "# Learnt from the author lists of the shared catalog's cards (MIT licence).\n"
        "# Regenerate with scripts/build_name_words.py; do not edit by hand.\n"
        + "".join(f"{word} {kinds}\n" for word, kinds in sorted(words.items())),
        encoding="utf-8",
    )
    print(f"{len(words)} words -> {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
