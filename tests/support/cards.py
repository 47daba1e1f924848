"""Markdown cards read straight through the card reader, without reconciliation."""

from __future__ import annotations

import hashlib
from pathlib import Path

from layzner import SourceDocument
from layzner._readers import Reading
from layzner._readers.card import read_card

ROOT = Path(__file__).resolve().parents[2]
REAL_CARDS = sorted((ROOT / "tests" / "data" / "real-cards").glob("*/card.md"))


def card_source(path: str | Path, text: str = "") -> SourceDocument:
    """Return the source document of a card at *path* whose text is *text*."""
    return SourceDocument(
        id=Path(path).stem,
        path=str(path),
        format="card",
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
    )


def read_card_file(path: Path) -> Reading:
    """Return what the card reader reads from the card at *path*."""
    text = path.read_text(encoding="utf-8")
    return read_card(text, card_source(path, text))


def read_card_lines(*lines: str) -> Reading:
    """Return what the card reader reads from a card made of *lines*."""
    text = "\n".join(lines) + "\n"
    return read_card(text, card_source("cards/test.md", text))
