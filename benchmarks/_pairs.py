"""Time a subject against its peer or floor, alternating them round after round.

Shared by the benchmarks that report ratios (``json_peers.py``, ``startup.py``).
Each round times both, in alternating order so that neither always inherits
a warm cache; the ratio reported is the median of the rounds' ratios, which
holds when the machine's speed drifts during the run.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

import attrs


@attrs.frozen
class Pair:
    """The medians of one subject/baseline comparison, in seconds."""

    name: str
    against: str
    subject: float
    baseline: float
    ratio: float

    def row(self) -> str:
        """Return the pair as one line of the benchmarks' table."""
        return (
            f"{self.name:<14} {self.ratio:>6.2f}x {self.subject * 1e3:>9.1f}ms "
            f"{self.baseline * 1e3:>9.1f}ms  {self.against}"
        )


HEADER = f"{'benchmark':<14} {'ratio':>7} {'subject':>11} {'baseline':>11}  against"


def interleave(
    name: str,
    against: str,
    subject: Callable[[], object],
    baseline: Callable[[], object],
    *,
    rounds: int,
    clock: Callable[[], float] = time.perf_counter,
) -> Pair:
    """Time *subject* and *baseline* alternately for *rounds* rounds and return their medians."""
    subject()  # warm caches and imports once, outside the timings
    baseline()
    subject_times: list[float] = []
    baseline_times: list[float] = []
    for index in range(rounds):
        order = [(subject, subject_times), (baseline, baseline_times)]
        if index % 2:
            order.reverse()
        for function, times in order:
            start = clock()
            function()
            times.append(clock() - start)
    ratios = [s / b for s, b in zip(subject_times, baseline_times, strict=True)]
    return Pair(
        name,
        against,
        statistics.median(subject_times),
        statistics.median(baseline_times),
        statistics.median(ratios),
    )
