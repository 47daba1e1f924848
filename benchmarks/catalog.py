"""The catalog benchmark: load_many over the shared half catalog, as ratios measured in one run.

It unpacks ``../shared/catalog/baka-db-half.tar.gz`` (28,804 real cards) into
a temporary folder, then measures:

* ``rate``: cards per second per core of ``layzner.load_many`` (one worker),
  against the floor of listing, reading and splitting the same files into
  lines, and against the peer ``markdown-it-py`` parsing them to tokens;
  interleaved round after round on a fixed sample;
* ``scale``: the time per card of ``load_many`` over 1,000, 10,000 and all
  the cards (the smaller sets are fixed samples of whole franchise folders,
  spread over the catalog), which should stay flat;
* ``memory``: the peak RSS of ``layzner-export --catalog ... --format jsonl``
  over all the cards, against the same export of the 1,000-card sample;
* ``jobs``: the speed-up of that export with ``-j 2`` over ``-j 1``, and of
  ``load_many(workers=2)`` over one worker, on the 10,000-card sample;
* ``cpu``: the CPU time ``load_many`` costs in all processes with one and two
  workers, and the speed-up it allows on two otherwise idle cores (the
  wall-clock speed-up means little on a machine others are using).

Run: ``python benchmarks/catalog.py [--rounds N] [--sample N]`` (about ten
minutes on two cores).  It prints a table and exits 0; there are no
thresholds here, and no timing assertions in the tests.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import platform
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import layzner
from layzner._catalog import find_works  # the listing alone, to cut subsets

ROOT = Path(__file__).resolve().parent.parent
ARCHIVE = ROOT.parent / "shared" / "catalog" / "baka-db-half.tar.gz"
SIZES = (1_000, 10_000)


def _unpack(target: Path) -> Path:
    with tarfile.open(ARCHIVE, "r:gz") as archive:
        archive.extractall(target, filter="data")
    return target / "baka-db" / "catalog"


def _subset(catalog: Path, cards: int, target: Path) -> Path:
    """Link franchise folders of *catalog* into *target* until it holds *cards* cards.

    The folders are taken in the order of a hash of their names: a fixed
    sample spread over the whole catalog, so that subsets of every size hold
    the same mix of works (the first folders in name order are not typical).
    """
    groups = sorted(
        find_works(catalog).groups(),
        key=lambda group: hashlib.sha256(Path(group.path).name.encode()).digest(),
    )
    total = 0
    for group in groups:
        folder = Path(group.path)
        destination = target / folder.name
        destination.mkdir(parents=True)
        for card in folder.iterdir():
            os.link(card, destination / card.name)
        total += len(group.works)
        if total >= cards:
            break
    return target


def _over_cards(catalog: Path, use: Callable[[str], object]) -> Callable[[], int]:
    """Return a function that lists, reads and decodes every card of *catalog* and calls *use* on it."""

    def each_card() -> int:
        count = 0
        # The cheapest calls there are: the floor must not pay for pathlib.
        for folder in sorted(os.scandir(catalog), key=lambda e: e.name):
            for name in sorted(os.listdir(folder.path)):  # noqa: PTH208
                with open(os.path.join(folder.path, name), "rb") as handle:  # noqa: PTH118, PTH123
                    use(handle.read().decode("utf-8-sig"))
                count += 1
        return count

    return each_card


def _peer(catalog: Path) -> Callable[[], int]:
    from markdown_it import MarkdownIt  # noqa: PLC0415 - only the benchmark needs the peer

    return _over_cards(catalog, MarkdownIt().parse)


def _subject(catalog: Path, workers: int = 1) -> Callable[[], int]:
    def load() -> int:
        return sum(1 for _ in layzner.load_many(catalog, workers=workers))

    return load


def _timed(function: Callable[[], int]) -> tuple[float, int]:
    # CPU seconds of this process, not wall time: on a machine other
    # processes share, they are what the work itself cost.
    start = time.process_time()
    count = function()
    return time.process_time() - start, count


def _interleave(functions: dict[str, Callable[[], int]], rounds: int) -> dict[str, float]:
    """Return each function's median seconds, the functions taking turns round after round."""
    times: dict[str, list[float]] = {name: [] for name in functions}
    names = list(functions)
    for index in range(rounds):
        order = names[index % len(names) :] + names[: index % len(names)]
        for name in order:
            times[name].append(_timed(functions[name])[0])
    return {name: statistics.median(values) for name, values in times.items()}


# The child reports its own peak from /proc (VmHWM, reset by exec): the
# rusage a parent gets from wait4 keeps the high-water mark of the forked
# parent's memory across exec, so it would measure this benchmark instead.
_MEASURED_CLI = """\
import atexit, runpy, sys
report = sys.argv.pop(1)
def peak():
    with open("/proc/self/status") as status, open(report, "w") as out:
        out.write(next(line.split()[1] for line in status if line.startswith("VmHWM:")))
atexit.register(peak)
sys.argv[0] = "layzner-export"
runpy.run_module("layzner", run_name="__main__")
"""


def _export(catalog: Path, out: Path, jobs: int) -> tuple[float, int]:
    """Run the jsonl export in a child process; return its seconds and its peak RSS in bytes."""
    report = out.with_suffix(".peak")
    command = [
        sys.executable, "-c", _MEASURED_CLI, str(report), "--catalog", str(catalog),
        "--format", "jsonl", "-o", str(out), "-j", str(jobs),
    ]  # fmt: skip
    start = time.perf_counter()
    result = subprocess.run(command, stderr=subprocess.DEVNULL, check=False)
    seconds = time.perf_counter() - start
    if result.returncode not in {0, 1}:  # 1: some works failed, the others were written
        msg = f"{command} exited {result.returncode}"
        raise RuntimeError(msg)
    return seconds, int(report.read_text()) * 1024


# load_many in a child, its workers started with spawn so that they are the
# child's own children and getrusage counts their CPU time too.
_CPU_CHILD = """\
import multiprocessing, resource, sys
import layzner
from layzner.cli import main
if __name__ == "__main__":
    multiprocessing.get_all_start_methods = lambda: ["spawn"]
    root, workers, out = sys.argv[1], sys.argv[2], sys.argv[3]
    if out == "-":
        sum(1 for _ in layzner.load_many(root, workers=int(workers)))
    else:
        main(["--catalog", root, "--format", "jsonl", "-o", out, "-j", workers])
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(own.ru_utime + own.ru_stime, children.ru_utime + children.ru_stime)
"""


def _cpu(catalog: Path, workers: int, out: str) -> tuple[float, float]:
    """Return the CPU seconds of the consuming process and of its workers.

    *out* ``"-"`` runs ``load_many`` alone; a path runs the jsonl export to it.
    """
    output = subprocess.run(
        [sys.executable, "-c", _CPU_CHILD, str(catalog), str(workers), out],
        capture_output=True, text=True, check=False,
    ).stdout.split()  # fmt: skip
    return float(output[-2]), float(output[-1])


def main(argv: list[str] | None = None) -> int:
    """Unpack the half catalog, run every measurement and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--rounds", type=int, default=5, help="rounds of the interleaved rate test")
    parser.add_argument("--sample", type=int, default=3_000, help="cards in the rate test's sample")
    parser.add_argument("--rate-only", action="store_true", help="stop after the rate test")
    args = parser.parse_args(argv)
    print(f"# {platform.python_implementation()} {platform.python_version()}, "
          f"{os.cpu_count()} cores, {platform.machine()}, layzner {layzner.__version__}")  # fmt: skip
    with tempfile.TemporaryDirectory(prefix="layzner-catalog-") as temporary:
        work = Path(temporary)
        catalog = _unpack(work / "full")
        total = find_works(catalog).count()
        subsets = {size: _subset(catalog, size, work / f"sample-{size}") for size in SIZES}
        sample = _subset(catalog, args.sample, work / "sample")
        sample_cards = find_works(sample).count()

        rate = _interleave(
            {
                "load_many": _subject(sample),
                "floor": _over_cards(sample, str.splitlines),
                "peer": _peer(sample),
            },
            args.rounds,
        )
        print(
            f"\n## rate: {sample_cards:,} cards, CPU time, median of {args.rounds} interleaved rounds"
        )
        for name, against in (("floor", "read + split lines"), ("peer", "markdown-it-py parse")):
            print(
                f"load_many {sample_cards / rate['load_many']:>9,.0f} cards/s/core   "
                f"{name} ({against}) {sample_cards / rate[name]:>9,.0f} cards/s   "
                f"ratio {rate['load_many'] / rate[name]:.2f}x"
            )
        if args.rate_only:
            return 0

        print(
            "\n## scale: load_many, one worker, CPU time per card (three rounds, the fastest kept)"
        )
        scale = {**{f"{size:,}": subsets[size] for size in SIZES}, f"all {total:,}": catalog}
        per_card: dict[str, float] = {}
        for _ in range(3):
            for name, root in scale.items():
                seconds, count = _timed(_subject(root))
                per_card[name] = min(per_card.get(name, seconds / count), seconds / count)
        first = per_card[f"{SIZES[0]:,}"]
        for name, seconds in per_card.items():
            print(
                f"{name:>12} cards  {seconds * 1e3:.3f} ms/card  {seconds / first:.2f}x the 1,000's"
            )

        print("\n## memory: peak RSS (VmHWM) of layzner-export --catalog ... --format jsonl, -j 1")
        _, small = _export(subsets[SIZES[0]], work / "small.jsonl", 1)
        _, large = _export(catalog, work / "large.jsonl", 1)
        print(f"1,000 cards {small / 2**20:.1f} MiB   all {total:,} {large / 2**20:.1f} MiB   "
              f"ratio {large / small:.2f}x")  # fmt: skip

        print(f"\n## jobs: {SIZES[1]:,} cards, -j 2 against -j 1 (two rounds each)")
        subset = subsets[SIZES[1]]
        walls: dict[int, list[float]] = {1: [], 2: []}
        for _ in range(2):
            for jobs in (1, 2):
                walls[jobs].append(_export(subset, work / f"j{jobs}.jsonl", jobs)[0])
        cli_speedup = min(walls[1]) / min(walls[2])
        same = (work / "j1.jsonl").read_bytes() == (work / "j2.jsonl").read_bytes()
        print(f"export  -j 1 {min(walls[1]):.2f} s   -j 2 {min(walls[2]):.2f} s   "
              f"speed-up {cli_speedup:.2f}x   outputs identical: {same}")  # fmt: skip
        wall: dict[int, list[float]] = {1: [], 2: []}
        for _ in range(2):
            for workers in (1, 2):
                start = time.perf_counter()
                _subject(subset, workers)()
                wall[workers].append(time.perf_counter() - start)
        print(f"load_many workers=1 {min(wall[1]):.2f} s   workers=2 {min(wall[2]):.2f} s   "
              f"speed-up {min(wall[1]) / min(wall[2]):.2f}x (wall time)")  # fmt: skip

        print(f"\n## cpu: {SIZES[1]:,} cards, CPU seconds in every process (spawn)")
        count = find_works(subset).count()
        for label, out in (("load_many", "-"), ("jsonl export", str(work / "cpu.jsonl"))):
            alone, _ = _cpu(subset, 1, out)
            parent, workers = _cpu(subset, 2, out)
            print(
                f"{label:<12} one process {alone:.2f} s ({alone / count * 1e3:.3f} ms/card)   "
                f"two workers {parent:.2f} s here + {workers:.2f} s in them "
                f"({(parent + workers) / count * 1e3:.3f} ms/card)   "
                f"speed-up on two idle cores {alone / max((parent + workers) / 2, parent):.2f}x"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
