"""Helpers for the catalog tests: small catalogs written by hand, and a sample of the real one.

The sample is cut from ``../shared/catalog/baka-db-half.tar.gz`` by a rule
on folder and file names alone, never the whole catalog: CI loads a few
hundred cards, not 28,804.
"""

from __future__ import annotations

import re
import tarfile
from collections.abc import Mapping
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HALF_CATALOG = ROOT.parent / "shared" / "catalog" / "baka-db-half.tar.gz"
REAL_CARDS = ROOT / "tests" / "data" / "real-cards"

_TITLE = re.compile(r"^# (.+)$", re.MULTILINE)
_TYPE = re.compile(r"^-   \*\*type\*\*: (\S+)$", re.MULTILINE)


def card(
    title: str,
    type_: str = "tv-serie",
    *,
    start: str | None = None,
    tags: tuple[str, ...] = (),
    episodes: int | None = 12,
) -> str:
    """Return the text of a small Markdown card in the catalog's format."""
    lines = [f"# {title}", "", f"-   **type**: {type_}"]
    if episodes is not None and type_ not in {"manga", "light-novel", "manhwa"}:
        lines.append(f"-   **episodes**: {episodes}")
    if start is not None:
        lines.append(f"-   **start-date**: {start}")
    if tags:
        lines += ["", "## Tags", "", *(f"-   {tag}" for tag in tags)]
    return "\n".join(lines) + "\n"


def write_tree(root: Path, files: Mapping[str, str | bytes]) -> Path:
    """Write *files* (relative path to text or bytes) under *root* and return *root*."""
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root


def stated(card_path: Path) -> tuple[str, str]:
    """Return the title and the ``type`` a card states, read with plain regular expressions."""
    text = card_path.read_text(encoding="utf-8")
    title, type_ = _TITLE.search(text), _TYPE.search(text)
    assert title is not None, card_path
    assert type_ is not None, card_path
    return title[1].strip(), type_[1]


def extract_sample(target: Path) -> Path:
    """Unpack a sample of the half catalog into *target*; return the unpacked ``baka-db`` folder.

    The sample is every 300th franchise folder in name order, and the first
    ten folders that hold both a ``-manga`` and a ``-tv-serie`` card, so
    that it has lone works and franchises of several related ones.
    """
    with tarfile.open(HALF_CATALOG, "r:gz") as archive:
        members = [m for m in archive.getmembers() if m.isfile()]
        by_franchise: dict[str, list[tarfile.TarInfo]] = {}
        for member in members:
            parts = member.name.split("/")
            if len(parts) == 4 and parts[1] == "catalog":
                by_franchise.setdefault(parts[2], []).append(member)
        names = sorted(by_franchise)
        chosen = set(names[::300])
        mixed = [
            name
            for name in names
            if any(m.name.endswith("-manga.md") for m in by_franchise[name])
            and any(m.name.endswith("-tv-serie.md") for m in by_franchise[name])
        ]
        chosen.update(mixed[:10])
        picked = [m for name in sorted(chosen) for m in by_franchise[name]]
        archive.extractall(target, members=picked, filter="data")
    return target / "baka-db"
