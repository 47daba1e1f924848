"""What loading one card costs, in time and in memory kept, as ratios against the card's own text.

* ``load-card``: ``layzner.load(path)`` of each of the 1,300 real cards, one
  card per call as an application loading works one by one would, against
  the floor of reading the same files, decoding them and splitting them into
  lines.  The two alternate round after round over all the cards; the
  figures are medians of the rounds, in CPU time, so that the cards per
  second are per core even on a machine that others share.
* ``memory``: the peak of traced memory while the first 20,000 cards of the
  shared half catalog are loaded one by one and every ``Series`` is kept
  alive, against the size of those cards' text.

Run: ``python benchmarks/load_cost.py [--rounds N] [--cards N]``, with the
bytecode compiled as an installed wheel has it (``python -m compileall src``
once).  It prints a table and exits 0; there are no timing assertions in the
tests.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import statistics
import sys
import tarfile
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import layzner

ROOT = Path(__file__).resolve().parent.parent
CARDS = sorted((ROOT / "tests" / "data" / "real-cards").glob("*/card.md"))
CATALOG = ROOT.parent / "shared" / "catalog" / "baka-db-half.tar.gz"


def _load_card(path: Path) -> None:
    with contextlib.suppress(layzner.LayznerError):
        layzner.load(path)


def _split_card(path: Path) -> None:
    path.read_bytes().decode("utf-8-sig").split("\n")


def _interleave(
    subject: Callable[[Path], object], baseline: Callable[[Path], object], rounds: int
) -> dict[str, float]:
    """Return the median CPU seconds of *subject* and *baseline* over every card, in alternate rounds.

    CPU time, not wall time: on a machine that others share, a process
    waiting for a core is not working, and one process uses one core.
    """
    times: dict[str, list[float]] = {"subject": [], "baseline": []}
    for path in CARDS:  # warm the imports and caches once, outside the timings
        subject(path)
        baseline(path)
    clock = time.process_time
    for index in range(rounds):
        order = [("subject", subject), ("baseline", baseline)]
        if index % 2:  # neither always runs second, on the other's warm caches
            order.reverse()
        for name, function in order:
            gc.collect()
            start = clock()
            for path in CARDS:
                function(path)
            times[name].append(clock() - start)
    return {name: statistics.median(values) for name, values in times.items()}


def _catalog_cards(folder: Path, count: int) -> list[Path]:
    with tarfile.open(CATALOG, "r:gz") as archive:
        archive.extractall(folder, filter="data")
    return sorted(folder.rglob("*.md"))[:count]


def peak_memory_of_loads(paths: list[Path]) -> tuple[float, int, int, int]:
    """Return the peak traced memory per byte of text, the peak, the text's size and the series kept."""
    text_bytes = sum(p.stat().st_size for p in paths)
    gc.collect()
    tracemalloc.start()
    kept = []
    for path in paths:
        with contextlib.suppress(layzner.LayznerError):
            kept.append(layzner.load(path))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / text_bytes, peak, text_bytes, len(kept)


def main(argv: list[str] | None = None) -> int:
    """Run both benchmarks and print their ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--rounds", type=int, default=21, help="timed rounds (21)")
    parser.add_argument(
        "--cards",
        type=int,
        default=20_000,
        help="catalog cards kept (20,000; 0 skips the memory benchmark)",
    )
    arguments = parser.parse_args(argv)

    timed = _interleave(_load_card, _split_card, arguments.rounds)
    ratio = timed["subject"] / timed["baseline"]
    print(f"{'benchmark':<10} {'ratio':>8} {'subject':>11} {'baseline':>10}  against")
    print(
        f"{'load-card':<10} {ratio:>7.1f}x {timed['subject'] * 1e3:>9.1f}ms "
        f"{timed['baseline'] * 1e3:>8.1f}ms  floor: read, decode, split lines "
        f"({len(CARDS)} real cards, {arguments.rounds} rounds: "
        f"{len(CARDS) / timed['subject']:,.0f} cards/s)"
    )
    if not arguments.cards:
        return 0
    with tempfile.TemporaryDirectory() as folder:
        per_byte, peak, text_bytes, kept = peak_memory_of_loads(
            _catalog_cards(Path(folder), arguments.cards)
        )
    print(
        f"{'memory':<10} {per_byte:>7.1f}x {peak / 2**20:>7.1f}MiB {text_bytes / 2**20:>6.1f}MiB  "
        f"floor: the cards' text ({kept:,} series kept alive)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
