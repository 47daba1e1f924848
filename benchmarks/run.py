"""Benchmarks: layzner's costs as ratios against a floor or a peer, interleaved in one run.

Absolute times on shared machines are noisy, so each benchmark times a
*subject* and a *baseline* doing comparable work, alternating them round
after round, and reports the ratio of their medians.  A ratio is stable
where seconds are not.

* ``read-cards``: reading all 1,300 real cards with the card reader, against
  the floor of decoding the same files and splitting them into lines.
* ``load-seeds``: ``layzner.load`` of the three seeds (read, detect, parse,
  reconcile), against the floor of reading and decoding the three files.
* ``to-json``: ``layzner.to_json`` (cattrs + orjson) against the peer
  ``orjson.dumps(attrs.asdict(series))``, which does no type handling.
* ``export-anki``: the Anki exporter against the peer of genanki writing the
  same number of notes with no layzner logic (facts, escaping, determinism).
* ``memory``: peak traced memory of loading every card as a Series, against
  the size of the card text itself (bytes of Python memory per byte read).

Run: ``python benchmarks/run.py [--rounds N]``.  It prints a table and exits
0; there are no thresholds here, and no timing assertions in the tests.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import attrs
import orjson
from load_cost import peak_memory_of_loads  # a sibling script: benchmarks/ is on sys.path

import layzner
from layzner._readers.card import read_card

ROOT = Path(__file__).resolve().parent.parent
CARDS = sorted((ROOT / "tests" / "data" / "real-cards").glob("*/card.md"))
SEEDS = ROOT / "seeds"


def _interleave(
    subject: Callable[[], object], baseline: Callable[[], object], rounds: int
) -> tuple[float, float]:
    """Return the median seconds of *subject* and *baseline*, timed alternately."""
    subject_times: list[float] = []
    baseline_times: list[float] = []
    subject()  # warm caches and imports once, outside the timings
    baseline()
    for index in range(rounds):
        # Alternate which goes first so that neither always inherits a warm cache.
        order = [(subject, subject_times), (baseline, baseline_times)]
        if index % 2:
            order.reverse()
        for function, times in order:
            start = time.perf_counter()
            function()
            times.append(time.perf_counter() - start)
    return statistics.median(subject_times), statistics.median(baseline_times)


def _read_cards() -> None:
    for path in CARDS:
        text = path.read_text(encoding="utf-8")
        source = layzner.SourceDocument(path.parent.name, str(path), "card", "")
        read_card(text, source)


def _split_cards() -> None:
    for path in CARDS:
        path.read_text(encoding="utf-8").splitlines()


def _load_seeds() -> None:
    layzner.load(SEEDS)


def _read_seeds() -> None:
    for path in sorted(SEEDS.iterdir()):
        hashlib.sha256(path.read_bytes()).hexdigest()
        path.read_text(encoding="utf-8").splitlines()


def _genanki_peer(count: int) -> Callable[[], object]:
    import genanki  # noqa: PLC0415 - only this benchmark needs it

    model = genanki.Model(
        1,
        "Peer",
        fields=[{"name": "Q"}, {"name": "A"}],
        templates=[{"name": "Card", "qfmt": "{{Q}}", "afmt": "{{A}}"}],
    )

    def write() -> None:
        deck = genanki.Deck(2, "Peer")
        for index in range(count):
            deck.add_note(genanki.Note(model=model, fields=[f"q{index}", f"a{index}"]))
        with tempfile.TemporaryDirectory() as directory:
            genanki.Package(deck).write_to_file(str(Path(directory) / "peer.apkg"))

    return write


def main(argv: list[str] | None = None) -> int:
    """Run every benchmark and print subject/baseline ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--rounds", type=int, default=15, help="timed rounds per benchmark")
    rounds = parser.parse_args(argv).rounds
    series = layzner.load(SEEDS)
    notes = len(layzner.export(series, "anki") or b"") and _anki_note_count(series)

    rows = []
    for name, subject, baseline, against in (
        ("read-cards", _read_cards, _split_cards, "floor: decode + split lines"),
        ("load-seeds", _load_seeds, _read_seeds, "floor: read + hash + split"),
        (
            "to-json",
            lambda: layzner.to_json(series),
            lambda: orjson.dumps(attrs.asdict(series)),
            "peer: orjson.dumps(attrs.asdict)",
        ),
        (
            "export-anki",
            lambda: layzner.export(series, "anki", io.BytesIO()),
            _genanki_peer(notes),
            f"peer: bare genanki, {notes} notes",
        ),
    ):
        subject_s, baseline_s = _interleave(subject, baseline, rounds)
        rows.append((name, subject_s / baseline_s, subject_s, baseline_s, against))

    print(f"{'benchmark':<12} {'ratio':>7} {'subject':>10} {'baseline':>10}  against")
    for name, ratio, subject_s, baseline_s, against in rows:
        print(
            f"{name:<12} {ratio:>6.2f}x {subject_s * 1e3:>8.2f}ms {baseline_s * 1e3:>8.2f}ms  "
            f"{against}"
        )
    ratio, peak, text_bytes, _kept = peak_memory_of_loads(CARDS)
    print(
        f"{'memory':<12} {ratio:>6.2f}x {peak / 1e6:>8.2f}MB {text_bytes / 1e6:>8.2f}MB  "
        "floor: the card text's own size (1,300 Series kept alive)"
    )
    return 0


def _anki_note_count(series: layzner.Series) -> int:
    from layzner_anki import _facts  # noqa: PLC0415 - the plugin's own fact builder

    return len(_facts.build_facts(series))


if __name__ == "__main__":
    sys.exit(main())
