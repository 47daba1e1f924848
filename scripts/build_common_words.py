"""Regenerate src/layzner/_data/common_words.txt from the real cards' synopses.

The flattened article is all lowercase, so a reader cannot see where a
person's name ends ("kunio summer": a name, then the next sentence).  A word
that English prose writes in lowercase mid-sentence is a common word, not a
name; the 1,300 real cards (MIT licence) give enough prose to learn that.

Usage: python scripts/build_common_words.py [CARDS_DIR]
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CARDS = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "tests" / "data" / "real-cards"
OUT = ROOT / "src" / "layzner" / "_data" / "common_words.txt"
WORD = re.compile(r"[A-Za-z][a-z]+(?:'[a-z]+)?")


def main() -> None:
    lower: Counter[str] = Counter()
    capital: Counter[str] = Counter()
    for card in sorted(CARDS.glob("*/card.md")):
        text = card.read_text(encoding="utf-8")
        synopsis = text.partition("## Sinopse")[2].partition("## Links")[0]
        for sentence in re.split(r"[.!?\"\n]+", synopsis):
            words = WORD.findall(sentence)
            for word in words[1:]:  # a sentence's first word is capitalised anyway
                word = word.replace("'", "")
                if word.islower():
                    lower[word] += 1
                else:
                    capital[word.lower()] += 1
    common = sorted(w for w, n in lower.items() if n >= 2 and n > capital[w])
    OUT.write_text(
        "# Common English words, learnt from the real cards' synopses (MIT licence).\n"
        "# Regenerate with scripts/build_common_words.py; do not edit by hand.\n"
        + "\n".join(common)
        + "\n",
        encoding="utf-8",
    )
    print(f"{len(common)} words -> {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
