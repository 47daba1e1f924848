"""Every exporter writes byte-identical output for the same input, across processes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from .support.second_series import write_second_series

CLI = [sys.executable, "-m", "layzner"]
ROOT = Path(__file__).resolve().parent.parent

FORMATS = [
    ("json", []),
    ("json", ["-O", "provenance=true", "-O", "indent=0"]),
    ("anki", []),
    ("mal", []),
    ("mal-md", []),
]


def _export(format_: str, options: list[str], seeds: Path, out: Path, hash_seed: str) -> bytes:
    env = {k: v for k, v in os.environ.items() if not k.startswith("LAYZNER_")}
    # Different hash seeds change set and dict-of-set iteration order; the
    # fixed epoch is the date the exporters stamp (Anki's times, MAL's "today").
    env |= {"PYTHONHASHSEED": hash_seed, "SOURCE_DATE_EPOCH": "1700000000"}
    subprocess.run(
        [*CLI, "--format", format_, *options, "--seeds", str(seeds), "-o", str(out)],
        check=True,
        env=env,
        capture_output=True,
    )
    return out.read_bytes()


@pytest.mark.parametrize(("format_", "options"), FORMATS)
@pytest.mark.parametrize("series", ["layzner", "second"])
def test_two_processes_write_the_same_bytes(
    tmp_path: Path, format_: str, options: list[str], series: str
) -> None:
    """Two runs in fresh processes with different hash seeds give byte-identical files."""
    if series == "layzner":
        seeds = ROOT / "seeds"
    else:
        seeds = tmp_path / "second"
        write_second_series(seeds)
    first = _export(format_, options, seeds, tmp_path / "first", "1")
    second = _export(format_, options, seeds, tmp_path / "second.out", "4242")
    assert first
    assert first == second
