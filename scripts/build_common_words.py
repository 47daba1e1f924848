"""Regenerate src/layzner/_data/common_words.txt from the real cards' synopses.

The flattened article is all lowercase, so a reader cannot see where a
person's name ends ("kunio summer": a name, then the next sentence).  A word
that English prose writes in lowercase mid-sentence is a common word, not a
name; the 28,804 real cards of the shared catalog (MIT licence) give enough
prose to learn that.  Each line holds a word and how often the synopses
write it in lowercase, so that a reader can tell a rare word ("bones") from
an everyday one ("well").

Usage: python scripts/build_common_words.py [CATALOG_ARCHIVE_OR_CARDS_DIR]
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

from _catalog import CATALOG, DATA, ROOT, cards, section

OUT = DATA / "common_words.txt"
WORD = re.compile(r"[A-Za-z][a-z]+(?:'[a-z]+)?")


def main() -> None:
    source = Path(sys.argv[1]) if len(sys.argv) > 1 else CATALOG
    lower: Counter[str] = Counter()
    capital: Counter[str] = Counter()
    for card in cards(source):
        for sentence in re.split(r"[.!?\"\n]+", section(card, "Sinopse")):
            words = WORD.findall(sentence)
            for raw in words[1:]:  # a sentence's first word is capitalised anyway
                word = raw.replace("'", "")
                if word.islower():
                    lower[word] += 1
                else:
                    capital[word.lower()] += 1
    common = sorted(w for w, n in lower.items() if n >= 2 and n > capital[w])
    OUT.write_text(
        "# Common English words and how often real synopses write each in lowercase,\n"
        "# learnt from the shared catalog's cards (MIT licence).\n"
        "# Regenerate with scripts/build_common_words.py; do not edit by hand.\n"
        + "".join(f"{word} {lower[word]}\n" for word in common),
        encoding="utf-8",
    )
    print(f"{len(common)} words -> {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
