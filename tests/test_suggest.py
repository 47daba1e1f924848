"""The near-miss finder: its bounded edit distance and its suggestions."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from layzner._readers._suggest import _distance, suggest

_WORDS = st.text(alphabet="abcdeß-_", max_size=9)


def _full_distance(first: str, second: str) -> int:
    """Return the optimal string alignment distance by the whole table, the reference."""
    table = [list(range(len(second) + 1))]
    table += [[i] + [0] * len(second) for i in range(1, len(first) + 1)]
    for i in range(1, len(first) + 1):
        for j in range(1, len(second) + 1):
            cost = first[i - 1] != second[j - 1]
            best = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
            if i > 1 and j > 1 and first[i - 1] == second[j - 2] and first[i - 2] == second[j - 1]:
                best = min(best, table[i - 2][j - 2] + 1)
            table[i][j] = best
    return table[-1][-1]


@given(_WORDS, _WORDS, st.integers(min_value=0, max_value=3))
def test_bounded_distance_is_exact_up_to_its_limit(first: str, second: str, limit: int) -> None:
    """The bounded distance equals the full one up to its limit and exceeds the limit beyond it."""
    full = _full_distance(first, second)
    bounded = _distance(first, second, limit)
    assert bounded == full if full <= limit else bounded == limit + 1


@given(_WORDS, st.lists(_WORDS, max_size=6))
def test_suggestion_is_the_first_nearest_known_word(word: str, known: list[str]) -> None:
    """A suggestion is the first known word at the least distance within its allowance."""
    folded = word.casefold()
    near = [
        (distance, index)
        for index, candidate in enumerate(known)
        if abs(len(candidate) - len(folded)) <= 2
        and 0
        < (distance := _full_distance(folded, candidate.casefold()))
        <= (1 if len(candidate) <= 4 else 2)
    ]
    expected = known[min(near)[1]] if near else None
    assert suggest(word, known) == expected


def test_swapped_neighbours_and_a_missing_letter_are_near_misses() -> None:
    """A swap of two letters is one edit and a letter left out another."""
    keys = ("episodes", "end-date", "volumes", "type")
    assert suggest("epsiodes", keys) == "episodes"
    assert suggest("Volume", keys) == "volumes"
    assert suggest("tpye", keys) == "type"
    assert suggest("kikosatoro", keys) is None
