"""Near misses: the known word a misspelt key or label was meant to be."""

from __future__ import annotations

import functools
from collections.abc import Iterable

__all__ = ["did_you_mean", "suggest"]

_MOST_EDITS = 2  # the farthest a near miss may be, for a word of five letters or more


def _distance(first: str, second: str, limit: int = _MOST_EDITS) -> int:
    """Return the optimal string alignment distance, or ``limit + 1`` if it exceeds *limit*.

    An edit or a swap of neighbours counts one.  A card of thousands of
    unknown keys asks for thousands of distances, so the table stops as soon
    as two rows in a row lie wholly above *limit*: no later row can come back
    under it.  Up to *limit* the answer is the full distance.
    """
    previous2: list[int] = []
    previous = list(range(len(second) + 1))
    for i, a in enumerate(first, start=1):
        current = [i]
        for j, b in enumerate(second, start=1):
            cost = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a != b))
            if i > 1 and j > 1 and a == second[j - 2] and first[i - 2] == b:
                cost = min(cost, previous2[j - 2] + 1)
            current.append(cost)
        if min(current) > limit and min(previous) > limit:
            return limit + 1
        previous2, previous = previous, current
    return min(previous[-1], limit + 1)


_Entry = tuple[str, str, frozenset[str]]  # a known word, folded, and its folded letters


@functools.lru_cache(maxsize=64)
def _by_length(known: tuple[str, ...]) -> dict[int, tuple[_Entry, ...]]:
    """Return, for each length of word, the known words near it in length, in their order.

    A long word cannot be within two edits of a much shorter one, so a word
    is compared only with those; the table is built once per set of known words.
    """
    entries = [(word, word.casefold(), frozenset(word.casefold())) for word in known]
    longest = max((len(word) for word in known), default=0) + _MOST_EDITS
    return {
        length: tuple(e for e in entries if abs(len(e[0]) - length) <= _MOST_EDITS)
        for length in range(longest + 1)
    }


def suggest(word: str, known: Iterable[str]) -> str | None:
    """Return the known word *word* misspells, or ``None`` if none is near enough.

    Near is one edit for a word of up to four letters, two for a longer one
    (``epsiodes`` -> ``episodes``, ``end_date`` -> ``end-date``); case is
    ignored, and a word equal to a known one is no near miss.
    """
    folded = word.casefold()
    letters = frozenset(folded)
    best: tuple[int, str] | None = None
    for candidate, folded_candidate, candidate_letters in _by_length(tuple(known)).get(
        len(folded), ()
    ):
        allowed = 1 if len(candidate) <= 4 else _MOST_EDITS
        # Each edit takes at most one letter out of either word, so letters
        # that only one of them has need as many edits: a cheap first test.
        if max(len(letters - candidate_letters), len(candidate_letters - letters)) > allowed:
            continue
        distance = _distance(folded, folded_candidate, allowed)
        if 0 < distance <= allowed and (best is None or distance < best[0]):
            best = (distance, candidate)
    return best[1] if best else None


def did_you_mean(word: str, known: Iterable[str]) -> str:
    """Return ``"; did you mean 'x'?"`` for a near miss of a known word, else ``""``."""
    near = suggest(word, known)
    return f"; did you mean {near!r}?" if near else ""
