"""``layzner-export --catalog ROOT``: select works, load them in N processes, export them, report.

The works flow through one pipeline, a chunk at a time: listed, loaded (with
``-j N``, in worker processes), filtered and prepared for the format where
they are loaded, then written in order by this process.  Only the prepared
form of a work (a JSON line, a page, a list of facts) crosses between
processes, never a whole series.
"""

from __future__ import annotations

import argparse
import pickle
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, Protocol

import attrs

from ._catalog import Job, Outcome, Shelf, find_works, run
from ._escape import escape_controls
from ._export_many import PerWork, file_name, write_folder, write_many
from ._model import Series, slugify
from ._output import STDOUT
from ._select import where
from .cli import EXIT_ERROR, EXIT_OK, _refuse_to_replace_an_input, _resolve, _UsageError
from .errors import FilterError, LayznerError

__all__ = ["Tally", "export_catalog"]


class _Bar(Protocol):
    def update(self, count: int) -> object: ...
    def close(self) -> None: ...


class _NoBar:
    """What stands in for the progress bar when stderr is not a terminal: nothing."""

    def update(self, count: int) -> None:
        """Do nothing."""

    def close(self) -> None:
        """Do nothing."""


@attrs.define
class Tally:
    """The counts of one catalog export: written, skipped by the filter, failed, and the first failure."""

    written: int = 0
    skipped: int = 0
    failed: int = 0
    first_failure: str | None = None

    def payloads(
        self, outcomes: Iterable[Outcome], bar: _Bar, job: PerWork | None
    ) -> Iterator[Any]:
        """Yield what each selected work made, counting every outcome and moving *bar* on.

        *job* is the per-work step still to do in this process (when it could
        not be sent to the workers), or ``None``.
        """
        for outcome in outcomes:
            bar.update(1)
            if outcome.error is not None:
                self._fail(str(outcome.error))
            elif not outcome.selected:
                self.skipped += 1
            elif job is None:
                self.written += 1
                yield outcome.payload
            else:
                assert isinstance(outcome.payload, Series)  # a job without make sends the series
                try:
                    payload = job(outcome.payload)
                except LayznerError as error:
                    self._fail(f"{outcome.path}: {error}" if error.path is None else str(error))
                    continue
                self.written += 1
                yield payload

    def _fail(self, message: str) -> None:
        self.failed += 1
        if self.first_failure is None:
            self.first_failure = " ".join(message.split())

    def line(self, destination: str, summary: str | None) -> str:
        """Return the one summary line."""
        works = "work" if self.written == 1 else "works"
        text = (
            f"{self.written:,} {works} written to {destination}, "
            f"{self.skipped:,} skipped by the filter, {self.failed:,} failed"
        )
        if self.first_failure is not None:
            text += f" (first: {self.first_failure})"
        if summary:
            text += f"; {summary}"
        return text


def export_catalog(args: argparse.Namespace) -> int:
    """Run ``layzner-export --catalog``: return 0 when every selected work was written, else 1."""
    chosen, options = _resolve(args)
    exporter = chosen.exporter
    try:
        select = where(*args.where) if args.where else None
    except FilterError as error:
        raise _UsageError(str(error)) from error
    per_work = PerWork(chosen, dict(options))
    many = per_work.many
    destination = _destination(args, exporter.binary, exporter.extension, many=many)
    if many and destination is not None:
        _refuse_to_replace_an_input(Path(destination), exporter, options, force=args.force)
    shelf = find_works(args.catalog)

    job = Job(select=select, make=per_work)
    in_parent: PerWork | None = None
    if args.jobs > 1 and not _picklable(job):
        # An exporter registered in this process only (a test's, a notebook's)
        # cannot be sent to the workers; they load, and its step runs here.
        job, in_parent = Job(select=select), per_work
    outcomes = run(shelf, workers=args.jobs, strict=args.strict, job=job)
    tally = Tally()
    bar = _progress_bar(shelf)
    try:
        payloads = tally.payloads(outcomes, bar, in_parent)
        if many:
            _, summary = write_many(
                chosen, options, payloads, STDOUT if destination is None else destination
            )
        else:
            assert destination is not None  # _destination() insists on a folder
            write_folder(Path(destination), exporter, payloads)
            summary = None
    finally:
        bar.close()
    where_to = "stdout" if destination is None else destination
    print(escape_controls(tally.line(where_to, summary)), file=sys.stderr)
    return EXIT_ERROR if tally.failed else EXIT_OK


def _destination(
    args: argparse.Namespace, binary: bool, extension: str, *, many: bool
) -> str | None:
    """Return the output path (``None``: stdout), or fail as a usage error."""
    if not many:
        if args.output in {None, "-"}:
            raise _UsageError(
                f"format {args.format_!r} writes one file per work: name a folder with -o DIR"
            )
        return str(args.output)
    if args.output == "-" or (args.output is None and not binary):
        if binary and sys.stdout.isatty():
            raise _UsageError(
                f"format {args.format_!r} is binary; refusing to write it to a terminal "
                "(use -o PATH, or redirect stdout)"
            )
        return None
    if args.output is not None:
        return str(args.output)
    return file_name(slugify(Path(args.catalog).resolve().name) or "catalog", extension)


def _picklable(job: Job) -> bool:
    try:
        pickle.dumps(job)
    except (pickle.PicklingError, TypeError, AttributeError):
        return False
    return True


def _progress_bar(shelf: Shelf) -> _Bar:
    """Return a progress bar on stderr (count, rate, time left) when it is a terminal, else nothing."""
    if not sys.stderr.isatty():
        return _NoBar()
    # Counting lists the folders once more (a fraction of a second for a
    # large catalog); only a bar needs the total.
    total = shelf.count()
    # tqdm is imported only for a terminal: a pipe or a CI log gets no bar.
    from tqdm import tqdm  # noqa: PLC0415

    bar: _Bar = tqdm(total=total, unit="work", file=sys.stderr, dynamic_ncols=True, leave=False)
    return bar
