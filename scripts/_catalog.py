"""The real cards the vocabulary scripts learn from: the shared catalog, read straight from its archive.

``../shared/catalog/baka-db-half.tar.gz`` holds 28,804 real cards (MIT
licence).  The archive is read member by member, never unpacked into the
repository.  A folder of ``*/card.md`` files (``tests/data/real-cards``) can
be given instead.
"""

from __future__ import annotations

import tarfile
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CATALOG = ROOT.parent / "shared" / "catalog" / "baka-db-half.tar.gz"
DATA = ROOT / "src" / "layzner" / "_data"


def cards(source: Path = CATALOG) -> Iterator[str]:
    """Yield the text of every card in *source*, an archive or a folder, in a stable order."""
    if source.is_dir():
        for card in sorted(source.glob("*/card.md")):
            yield card.read_text(encoding="utf-8")
        return
    with tarfile.open(source) as archive:
        members = sorted(
            (m for m in archive if m.isfile() and m.name.endswith(".md")), key=lambda m: m.name
        )
        for member in members:
            handle = archive.extractfile(member)
            if handle is not None:
                yield handle.read().decode("utf-8")


def section(card: str, heading: str) -> str:
    """Return the body of the card's ``## heading`` section ("" if it has none)."""
    _, found, rest = card.partition(f"\n## {heading}\n")
    return rest.split("\n## ", 1)[0] if found else ""
