"""Near misses: the known word a misspelt key or label was meant to be."""

from __future__ import annotations

from collections.abc import Iterable

__all__ = ["did_you_mean", "suggest"]


def _distance(first: str, second: str) -> int:
    """Return the optimal string alignment distance: edits, a swap of neighbours counting one."""
    previous2: list[int] = []
    previous = list(range(len(second) + 1))
    for i, a in enumerate(first, start=1):
        current = [i]
        for j, b in enumerate(second, start=1):
            cost = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a != b))
            if i > 1 and j > 1 and a == second[j - 2] and first[i - 2] == b:
                cost = min(cost, previous2[j - 2] + 1)
            current.append(cost)
        previous2, previous = previous, current
    return previous[-1]


def suggest(word: str, known: Iterable[str]) -> str | None:
    """Return the known word *word* misspells, or ``None`` if none is near enough.

    Near is one edit for a word of up to four letters, two for a longer one
    (``epsiodes`` -> ``episodes``, ``end_date`` -> ``end-date``); case is
    ignored, and a word equal to a known one is no near miss.
    """
    folded = word.casefold()
    best: tuple[int, str] | None = None
    for candidate in known:
        # A long word cannot be within two edits of a much shorter one.
        if abs(len(candidate) - len(folded)) > 2:
            continue
        distance = _distance(folded, candidate.casefold())
        allowed = 1 if len(candidate) <= 4 else 2
        if 0 < distance <= allowed and (best is None or distance < best[0]):
            best = (distance, candidate)
    return best[1] if best else None


def did_you_mean(word: str, known: Iterable[str]) -> str:
    """Return ``"; did you mean 'x'?"`` for a near miss of a known word, else ``""``."""
    near = suggest(word, known)
    return f"; did you mean {near!r}?" if near else ""
