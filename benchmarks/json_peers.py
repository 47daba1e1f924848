"""JSON both ways against its peers: pydantic v2 and bare orjson, over 10,000 real-card series.

* ``to-json/pydantic``: ``layzner.to_json`` of each series, against pydantic's
  ``model_dump_json`` of the same series as pydantic models
  (``_pydantic_series.py``), which write the very same bytes (checked before
  timing).
* ``to-json/orjson``: the same, against ``orjson.dumps`` of the JSON objects
  already built: the floor any Python writer of this form stands on.
* ``from-json/pydantic``: ``layzner.from_json`` of each document, against
  pydantic's ``model_validate_json`` of it.

The 10,000 series are the 1,300 real cards' series over and over, each one
a distinct object (read back from its JSON), so that no cache keyed by
object can answer for it.  Times are CPU time of this process, which other
processes on the machine disturb less than wall time.

Run: ``pip install --group bench`` (pydantic), then ``python
benchmarks/json_peers.py [--rounds N] [--count N]``.  It prints a table and
exits 0; there are no thresholds here.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
import time
from pathlib import Path

import orjson
from _pairs import HEADER, interleave
from _pydantic_series import Series as PydanticSeries

import layzner

ROOT = Path(__file__).resolve().parent.parent
CARDS = sorted((ROOT / "tests" / "data" / "real-cards").glob("*/card.md"))


def _real_card_series(count: int) -> list[layzner.Series]:
    """Return *count* distinct series objects, the real cards' series in turn."""
    loaded = []
    for card in CARDS:
        with contextlib.suppress(layzner.LayznerError):
            loaded.append(layzner.load(card))
    documents = [layzner.to_json(series) for series in loaded]
    return [layzner.from_json(documents[index % len(documents)]) for index in range(count)]


def main(argv: list[str] | None = None) -> int:
    """Run the three comparisons and print their ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--rounds", type=int, default=11, help="timed rounds per comparison")
    parser.add_argument("--count", type=int, default=10_000, help="series per round")
    args = parser.parse_args(argv)

    series = _real_card_series(args.count)
    documents = [layzner.to_json(s) for s in series]
    models = [PydanticSeries.model_validate_json(document) for document in documents]
    prebuilt = [orjson.loads(document) for document in documents]
    different = sum(
        model.model_dump_json().encode() != document
        for model, document in zip(models, documents, strict=True)
    )
    if different:
        sys.exit(f"the pydantic peer writes other bytes for {different} series")

    def to_json() -> None:
        for item in series:
            layzner.to_json(item)

    def from_json() -> None:
        for document in documents:
            layzner.from_json(document)

    def pydantic_dump() -> None:
        for model in models:
            model.model_dump_json()

    def pydantic_validate() -> None:
        for document in documents:
            PydanticSeries.model_validate_json(document)

    def orjson_dumps() -> None:
        for data in prebuilt:
            orjson.dumps(data)

    pairs = [
        ("to-json", "peer: pydantic model_dump_json", to_json, pydantic_dump),
        ("to-json", "floor: orjson.dumps of the built dicts", to_json, orjson_dumps),
        ("from-json", "peer: pydantic model_validate_json", from_json, pydantic_validate),
    ]
    print(f"{args.count:,} real-card series, {args.rounds} rounds, CPU time, medians")
    print(HEADER)
    for name, against, subject, baseline in pairs:
        pair = interleave(
            name, against, subject, baseline, rounds=args.rounds, clock=time.process_time
        )
        print(pair.row(), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
