"""Start-up costs as whole processes: ``import layzner`` and ``layzner-export --format json``.

* ``import``: ``python -c "import layzner"`` against ``python -c "import
  attrs, cattrs, pluggy, orjson"``, its dependencies' own import.
* ``import-nopyc``: the same with ``PYTHONDONTWRITEBYTECODE=1`` and no
  ``.pyc`` files for layzner, as a read-only checkout has it: each run
  compiles what it imports.
* ``cli-json``: ``layzner-export --format json`` against a script that
  imports those four packages and reads the three bundled seeds.

layzner is measured as a user has it: the wheel is built from this
checkout, installed with pip into a temporary directory (pip compiles its
``.pyc`` files, as any install does) and put first on ``PYTHONPATH``; the
peer runs with the same ``PYTHONPATH``.  For ``import-nopyc`` the install's
``__pycache__`` directories are removed for the run.  Each round runs subject
and peer once each, in alternating order; the time is the child's CPU time
(user + system), which other processes disturb less than wall time.  The
ratio is the median of the rounds' ratios.

Run: ``python benchmarks/startup.py [--rounds N] [--project DIR]``; ``--project``
measures another checkout (an older commit, for a before/after figure).
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from _pairs import HEADER, interleave

ROOT = Path(__file__).resolve().parent.parent
DEPENDENCIES = "import attrs, cattrs, pluggy, orjson"


def _cpu(args: list[str], env: dict[str, str]) -> Callable[[], object]:
    """Return a function that runs *args* and returns nothing; its CPU time is the child's."""

    def run() -> None:
        subprocess.run(args, env=env, check=True, stdout=subprocess.DEVNULL)

    return run


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _install(project: Path, target: Path) -> Path:
    """Build the wheel of *project* and install it into *target*; return the site directory."""
    wheels = target / "wheels"
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "-q"]
    subprocess.run(
        [*pip, "wheel", "--no-deps", "--no-build-isolation", "-w", str(wheels), str(project)],
        check=True,
    )
    site = target / "site"
    (wheel,) = wheels.glob("layzner-*.whl")
    subprocess.run(
        [*pip, "install", "--no-deps", "--no-index", "--target", str(site), str(wheel)],
        check=True,
    )
    return site


def main(argv: list[str] | None = None) -> int:
    """Run the three comparisons and print their ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--rounds", type=int, default=21, help="timed rounds per comparison")
    parser.add_argument(
        "--project", type=Path, default=ROOT, help="the checkout to build (default: this one)"
    )
    args = parser.parse_args(argv)
    rounds = args.rounds
    with tempfile.TemporaryDirectory() as directory:
        site = _install(args.project, Path(directory))
        env = {**os.environ, "PYTHONPATH": str(site)}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        seeds = sorted(str(p) for p in (site / "layzner" / "_seeds").iterdir())
        read_seeds = f"{DEPENDENCIES}\nfor name in {seeds!r}:\n    open(name, 'rb').read()"
        python = sys.executable
        cli = [python, str(site / "bin" / "layzner-export"), "--format", "json"]
        pairs = [
            (
                "import",
                f"peer: {DEPENDENCIES}",
                [python, "-c", "import layzner"],
                [python, "-c", DEPENDENCIES],
                env,
            ),
            (
                "cli-json",
                "peer: those imports + reading the 3 seeds",
                cli,
                [python, "-c", read_seeds],
                env,
            ),
        ]
        print(f"{rounds} rounds, child CPU time (user + system), medians; .pyc compiled by pip")
        print(HEADER)
        for name, against, subject, baseline, run_env in pairs:
            _show(name, against, subject, baseline, env=run_env, rounds=rounds)
        for cache in (site / "layzner").rglob("__pycache__"):
            shutil.rmtree(cache)
        no_pyc = {**env, "PYTHONDONTWRITEBYTECODE": "1"}
        _show(
            "import-nopyc",
            f"peer: {DEPENDENCIES} (their .pyc kept)",
            [python, "-c", "import layzner"],
            [python, "-c", DEPENDENCIES],
            env=no_pyc,
            rounds=rounds,
        )
    return 0


def _show(
    name: str,
    against: str,
    subject: list[str],
    baseline: list[str],
    *,
    env: dict[str, str],
    rounds: int,
) -> None:
    pair = interleave(
        name,
        against,
        _cpu(subject, env),
        _cpu(baseline, env),
        rounds=rounds,
        clock=_children_cpu,
    )
    print(pair.row(), flush=True)


if __name__ == "__main__":
    sys.exit(main())
