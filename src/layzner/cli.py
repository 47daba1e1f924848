"""``layzner-export``: export a series (the bundled one, ``--seeds DIR``) or a catalog in any format.

Exit codes: 0 success, 1 a data, plugin or export error, 2 a usage error.
Every error is one line on stderr, without a traceback unless ``--debug``.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import IO, NoReturn

import orjson

from . import _export as api
from ._export import formats
from ._exporter import Exporter
from ._load import load
from ._model import slugify
from ._plugins import layzner_version
from .errors import FormatNotFoundError, LayznerError, OptionError

__all__ = ["main", "make_parser"]

PROG = "layzner-export"
EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2


class _UsageError(Exception):
    """A mistake in the command line: exit code 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        # argparse prints the whole usage first; we promise one line.
        raise _UsageError(message)


def _help_formatter(prog: str) -> argparse.HelpFormatter:
    # A fixed width keeps docs/cli.md identical whatever the terminal is.
    return argparse.HelpFormatter(prog, width=88, max_help_position=30)


def make_parser() -> argparse.ArgumentParser:
    """Return the argument parser of ``layzner-export``.

    .. versionadded:: 0.1
    """
    parser = _Parser(
        prog=PROG,
        description=(
            "Export an anime series in any installed format. Without --seeds, the series is "
            "the one bundled with layzner."
        ),
        epilog=(
            "Environment: LAYZNER_LOAD_PLUGINS (comma-separated distributions to load, all "
            "others skipped), LAYZNER_DISABLE_PLUGINS (distributions, or dist:format, to skip; "
            "'layzner' disables the built-in formats), LAYZNER_STRICT_PLUGINS=1 (any broken "
            "plugin is an error). Exit codes: 0 success, 1 data, plugin or export error, "
            "2 usage error."
        ),
        formatter_class=_help_formatter,
    )
    parser.add_argument(
        "--format",
        metavar="NAME",
        dest="format_",
        help="the output format (see --list-formats); 'dist:name' picks one provider",
    )
    parser.add_argument(
        "-o",
        "--output",
        metavar="PATH",
        help="where to write; '-' for stdout (default: stdout for text formats, "
        "<series-id><ext> in the current directory for binary ones)",
    )
    parser.add_argument(
        "--seeds", metavar="DIR", help="load the series from the documents in DIR instead"
    )
    parser.add_argument(
        "--catalog",
        metavar="ROOT",
        help="export every work under ROOT: a folder per series, or a card catalog "
        "(<franchise>/<locale>_<work>.md); see --where and -j",
    )
    parser.add_argument(
        "--where",
        metavar="KEY=VALUE",
        action="append",
        default=[],
        help="with --catalog: keep only the works that meet it, by type, tag, genre, year "
        "(1980..1989), id or title; repeatable, all must hold; a,b means either",
    )
    parser.add_argument(
        "-j",
        "--jobs",
        metavar="N",
        type=_positive,
        default=1,
        help="with --catalog: load in N processes (default 1); the output is the same for any N",
    )
    parser.add_argument(
        "-O",
        "--option",
        metavar="KEY=VALUE",
        action="append",
        default=[],
        help="an option of the format, checked against its options schema (repeatable)",
    )
    parser.add_argument(
        "--list-formats", action="store_true", help="list the available formats and exit"
    )
    parser.add_argument(
        "--json", action="store_true", help="with --list-formats: print the list as JSON"
    )
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    parser.add_argument("--debug", action="store_true", help="show the full traceback of an error")
    return parser


def _positive(text: str) -> int:
    try:
        value = int(text, 10)
    except ValueError:
        value = 0
    if value < 1:
        msg = f"expected a whole number >= 1, got {text!r}"
        raise argparse.ArgumentTypeError(msg)
    return value


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``layzner-export`` with *argv* (default ``sys.argv[1:]``) and return the exit code.

    .. versionadded:: 0.1
    """
    arguments = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in arguments
    try:
        return _run(make_parser().parse_args(arguments))
    except _UsageError as error:
        if debug:
            raise
        return _fail(f"{error} (see {PROG} --help)", EXIT_USAGE)
    except OptionError as error:
        # An option's value found bad only while exporting (a "previous"
        # package that cannot be read) is still the user's usage error.
        if debug:
            raise
        return _fail(str(error), EXIT_USAGE)
    except LayznerError as error:
        if debug:
            raise
        return _fail(str(error), EXIT_ERROR)
    except BrokenPipeError:
        # The reader went away (| head); Python would complain at exit otherwise.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
    except Exception as error:
        # A bug, not a user mistake; still one line unless --debug asks for more.
        if debug:
            raise
        return _fail(f"internal error: {type(error).__name__}: {error} (--debug shows more)", 1)


def _fail(message: str, code: int) -> int:
    print(f"{PROG}: error: {' '.join(message.split())}", file=sys.stderr)
    return code


def _run(args: argparse.Namespace) -> int:
    if args.version:
        print(f"{PROG} {layzner_version()}")
        return EXIT_OK
    if args.json and not args.list_formats:
        raise _UsageError("--json only goes with --list-formats")
    if args.list_formats:
        _list_formats(as_json=args.json)
        return EXIT_OK
    if args.format_ is None:
        raise _UsageError(
            "the following argument is required: --format; the formats are listed by --list-formats"
        )
    if args.catalog is not None:
        if args.seeds is not None:
            raise _UsageError("--catalog and --seeds cannot be used together")
        return _export_catalog(args)
    if args.where or args.jobs != 1:
        raise _UsageError("--where and -j only go with --catalog")
    return _export(args)


def _list_formats(*, as_json: bool) -> None:
    infos = formats()
    out = sys.stdout
    if as_json:
        rows = [
            {
                "name": info.name,
                "description": info.description,
                "extension": info.extension,
                "media_type": info.media_type,
                "binary": info.binary,
                "distribution": info.distribution,
                "version": info.version,
                "status": info.status,
                "error": info.error,
                "options": {option.name: option.json_schema() for option in info.options},
            }
            for info in infos
        ]
        out.buffer.write(orjson.dumps(rows, option=orjson.OPT_INDENT_2) + b"\n")
        out.flush()
        return
    header = ("NAME", "EXT", "DISTRIBUTION", "VERSION", "STATUS", "DESCRIPTION")
    table = [header] + [
        (
            info.name,
            info.extension,
            info.distribution,
            info.version,
            info.status,
            info.description or info.error or "",
        )
        for info in infos
    ]
    widths = [max(len(row[i]) for row in table) for i in range(len(header) - 1)]
    for row in table:
        cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=False)]
        print("  ".join([*cells, row[-1]]).rstrip(), file=out)


def _parse_options(pairs: list[str]) -> dict[str, str]:
    options: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise _UsageError(f"-O takes KEY=VALUE, got {pair!r}")
        options[key.strip()] = value
    return options


def _export(args: argparse.Namespace) -> int:
    try:
        exporter = api.resolve(args.format_)
        options = exporter.parse_options(_parse_options(args.option))
    except (FormatNotFoundError, OptionError) as error:
        raise _UsageError(str(error)) from error

    to_stdout = args.output == "-" or (args.output is None and not exporter.binary)
    if to_stdout and exporter.binary and sys.stdout.isatty():
        raise _UsageError(
            f"format {exporter.name!r} is binary; refusing to write it to a terminal "
            "(use -o PATH, or redirect stdout)"
        )

    series = load(args.seeds) if args.seeds is not None else load()

    if to_stdout:
        data, summary = api.run(exporter, series, options, None)
        assert data is not None  # run() returns the bytes when there is no destination
        stdout: IO[bytes] = sys.stdout.buffer
        stdout.write(data)
        stdout.flush()
    else:
        path = Path(args.output) if args.output else Path(_default_name(series.id, exporter))
        _, summary = api.run(exporter, series, options, path)
        print(f"wrote {path}", file=sys.stderr)
    if summary:
        print(summary, file=sys.stderr)
    return EXIT_OK


def _default_name(series_id: str, exporter: Exporter) -> str:
    stem = slugify(series_id).replace(os.sep, "-")
    if stem in {"", ".", ".."}:
        stem = "series"
    return f"{stem}{exporter.extension}"


def _export_catalog(args: argparse.Namespace) -> int:
    # Imported only for --catalog: a single export never pays for it.
    from ._catalog_cli import export_catalog  # noqa: PLC0415

    return export_catalog(args)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
