"""Check that this checkout loads every known document exactly as a git ref does.

For each case (every real card alone, the seeds together and one by one,
each real article with its card, the documentation's examples, the
adversarial inputs at small sizes, and with ``--catalog`` the shared half
catalog's 28,804 cards), it loads the documents leniently and strictly and
takes the sha256 of ``layzner.to_json`` (every field, provenance included),
or the error's class and message.  It does so in this checkout and in the
ref's ``src/`` (unpacked with ``git archive``), then prints every case whose
output differs.  Exit 0 when every output is byte-identical.

Run: ``python scripts/same_output.py [--against main] [--catalog]``.  Speed
and memory work must keep this green; a change of output is never a side
effect of an optimisation.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import os
import subprocess
import sys
import tarfile
import tempfile
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
CATALOG = SHARED / "catalog" / "baka-db-half.tar.gz"
# Small enough to load in a blink, large enough to cross every code path.
ADVERSARIAL_SIZE = 4_000


def _cases(*, catalog: bool) -> Iterator[tuple[str, list[Path]]]:
    """Yield (name, documents) for every case to compare."""
    for card in sorted((ROOT / "tests" / "data" / "real-cards").glob("*/card.md")):
        yield f"real-card {card.parent.name}", [card]
    seeds = ROOT / "seeds"
    yield "seeds", sorted(seeds.iterdir())
    for seed in sorted(seeds.iterdir()):
        yield f"seed {seed.name}", [seed]
    for work in sorted((SHARED / "real-articles").glob("*/")):
        documents = sorted(p for p in work.iterdir() if p.name in {"card.md", "article.txt"})
        yield f"real-article {work.name}", documents
    examples = ROOT / "docs" / "examples"
    for example in sorted(examples.rglob("*")):
        if example.is_file():
            yield f"example {example.relative_to(examples)}", [example]
    for folder in sorted(p for p in examples.iterdir() if p.is_dir()):
        yield f"example {folder.name}/", sorted(folder.iterdir())
    # Generated documents are named relative to the scratch folder, the
    # working directory, so that their paths are the same in both runs.
    yield from _adversarial_cases(Path("adversarial"))
    if catalog:
        with tarfile.open(CATALOG, "r:gz") as archive:
            archive.extractall("catalog", filter="data")
        for card in sorted(Path("catalog").rglob("*.md")):
            yield f"catalog {card.relative_to('catalog')}", [card]


def _adversarial_cases(folder: Path) -> Iterator[tuple[str, list[Path]]]:
    spec = importlib.util.spec_from_file_location(
        "adversarial", ROOT / "benchmarks" / "adversarial.py"
    )
    if spec is None or spec.loader is None:  # pragma: no cover - the file is in the repository
        return
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    for generator in module.GENERATORS:
        target = folder / generator.name
        target.mkdir(parents=True)
        documents = generator.write(target, ADVERSARIAL_SIZE)
        yield f"adversarial {generator.name}", documents


def _digest(documents: list[Path], *, strict: bool) -> str:
    import layzner  # noqa: PLC0415 - imported from the tree under test

    try:
        series = layzner.load(documents, strict=strict)
    except layzner.LayznerError as error:
        return f"{type(error).__name__}: {error}"
    return hashlib.sha256(layzner.to_json(series)).hexdigest()


def _digests(*, catalog: bool) -> dict[str, list[str]]:
    return {
        name: [_digest(documents, strict=False), _digest(documents, strict=True)]
        for name, documents in _cases(catalog=catalog)
    }


def _run_in(source: Path, *, catalog: bool) -> dict[str, list[str]]:
    """Return the digests computed with the layzner package in *source* (a ``src`` folder)."""
    env = {**os.environ, "PYTHONPATH": str(source)}
    command = [sys.executable, __file__, "--digests"] + (["--catalog"] if catalog else [])
    done = subprocess.run(command, env=env, check=True, capture_output=True)
    result: dict[str, list[str]] = json.loads(done.stdout)
    return result


def main(argv: list[str] | None = None) -> int:
    """Compare the outputs of this checkout with those of a git ref; print the differences."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--against", default="main", help="git ref to compare with (main)")
    parser.add_argument("--catalog", action="store_true", help="also every card of the catalog")
    parser.add_argument("--digests", action="store_true", help=argparse.SUPPRESS)
    arguments = parser.parse_args(argv)
    if arguments.digests:
        with tempfile.TemporaryDirectory() as scratch:
            os.chdir(scratch)
            json.dump(_digests(catalog=arguments.catalog), sys.stdout)
        return 0
    with tempfile.TemporaryDirectory() as reference:
        archive = subprocess.run(
            ["git", "-C", str(ROOT), "archive", arguments.against, "src"],
            check=True,
            capture_output=True,
        ).stdout
        subprocess.run(["tar", "-x", "-C", reference], input=archive, check=True)
        before = _run_in(Path(reference) / "src", catalog=arguments.catalog)
    after = _run_in(ROOT / "src", catalog=arguments.catalog)
    differing = sorted(
        name for name in before.keys() | after.keys() if before.get(name) != after.get(name)
    )
    for name in differing:
        print(
            f"differs: {name}\n  {arguments.against}: {before.get(name)}\n  here: {after.get(name)}"
        )
    print(f"{len(after)} cases, {len(differing)} differ from {arguments.against}")
    return 1 if differing else 0


if __name__ == "__main__":
    sys.exit(main())
