"""``layzner-export``: export a series (the bundled one, ``--seeds DIR``) or a catalog in any format.

Exit codes: 0 success, 1 a data, plugin or export error, 2 a usage error.
Every error is one line on stderr, without a traceback unless ``--debug``;
every :class:`layzner.LayznerWarning` is one ``warning:`` line, shown once.
Text that plugins supply is printed with its control characters escaped.
Lines the readers did not understand are summed up in one stderr line
(``--quiet`` drops it), listed with every conflict by ``--explain``, and
made an error by ``--strict``.
"""

from __future__ import annotations

import argparse
import os
import sys
import warnings
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import NoReturn, TextIO

import orjson

from . import _export_one as api
from ._escape import escape_controls
from ._exporter_types import Exporter, Option, OptionValue
from ._formats import FormatInfo, formats
from ._load import load, sha256_hex
from ._model import Series, slugify
from ._output import STDOUT
from ._version import __version__
from .errors import ExportError, FormatNotFoundError, LayznerError, LayznerWarning, OptionError

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


_HELP_WIDTH = 88
_HELP_INDENT = 30


def _help_formatter(prog: str) -> argparse.HelpFormatter:
    # A fixed width keeps docs/cli.md identical whatever the terminal is.
    return argparse.HelpFormatter(prog, width=_HELP_WIDTH, max_help_position=_HELP_INDENT)


def make_parser(prog: str = PROG) -> argparse.ArgumentParser:
    """Return the argument parser of ``layzner-export``, calling the program *prog* in messages.

    .. versionadded:: 0.1
    """
    parser = _Parser(
        prog=prog,
        description=_DESCRIPTION,
        epilog=_EPILOG,
        formatter_class=_help_formatter,
        add_help=False,
    )
    # In the order --help lists them, which docs/cli.md records.
    _add_output_arguments(parser)
    _add_input_arguments(parser)
    _add_format_options(parser)
    _add_reading_arguments(parser)
    _add_information_arguments(parser)
    return parser


_DESCRIPTION = (
    "Export an anime series in any installed format. Without --seeds, the series is "
    "the one bundled with layzner."
)
_EPILOG = (
    "Environment: LAYZNER_LOAD_PLUGINS (comma-separated distributions to load, all "
    "others skipped), LAYZNER_DISABLE_PLUGINS (distributions, or dist:format, to skip; "
    "'layzner' disables the built-in formats), LAYZNER_STRICT_PLUGINS=1 (any broken "
    "plugin is an error). Exit codes: 0 success, 1 data, plugin or export error, "
    "2 usage error. 'help NAME' or '--format NAME --help' lists the options of a format."
)


def _add_output_arguments(parser: argparse.ArgumentParser) -> None:
    """Add --help, --format and --output: what to write, and where."""
    # A flag rather than argparse's exiting action, so that --help sees
    # --format wherever it stands on the command line.
    parser.add_argument(
        "-h", "--help", action="store_true", help="show this help (and --format's options) and exit"
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
        help="where to write: a file (replaced atomically), a device or FIFO (written "
        "through), or '-' for stdout (default: stdout for text formats, <series-id><ext> "
        "in the current directory for binary ones)",
    )


def _add_input_arguments(parser: argparse.ArgumentParser) -> None:
    """Add --seeds, --catalog, --where and --jobs: which series to export."""
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


def _add_format_options(parser: argparse.ArgumentParser) -> None:
    """Add --option and --force: how the format writes."""
    parser.add_argument(
        "-O",
        "--option",
        metavar="KEY=VALUE",
        action="append",
        default=[],
        help="an option of the format (repeatable); '--format NAME --help' lists them",
    )
    _add_flags(
        parser,
        ("--force", "write the output even over a file an option reads, such as -O previous"),
    )


def _add_reading_arguments(parser: argparse.ArgumentParser) -> None:
    """Add --strict, --explain and --quiet: what to do with lines the readers do not understand."""
    _add_flags(
        parser,
        (
            "--strict",
            "refuse a document with a line whose value cannot be read, instead of leaving "
            "that line out",
        ),
        (
            "--explain",
            "instead of exporting, print every line not understood and every conflict, "
            "with the reason for each",
        ),
        ("--quiet", "do not print the summary of lines not understood on stderr"),
    )


def _add_information_arguments(parser: argparse.ArgumentParser) -> None:
    """Add --list-formats, --json, --version and --debug: about layzner rather than a series."""
    _add_flags(
        parser,
        ("--list-formats", "list the available formats and exit"),
        ("--json", "with --list-formats: print the list as JSON"),
        ("--version", "print the version and exit"),
        ("--debug", "show the full traceback of an error"),
    )


def _add_flags(parser: argparse.ArgumentParser, *flags: tuple[str, str]) -> None:
    """Add each ``(flag, help)`` as an option that takes no value."""
    for flag, help_ in flags:
        parser.add_argument(flag, action="store_true", help=help_)


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
    if sys.stderr is None:
        # Run with stderr closed (2>&-), print(file=sys.stderr) would fall
        # back to stdout: messages would land in an export written there.
        sys.stderr = open(os.devnull, "w")  # noqa: PTH123, SIM115  # for the life of the process
    prog = _prog_name() if argv is None else PROG
    arguments = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in arguments
    with warnings.catch_warnings():
        if not sys.warnoptions:  # -W and PYTHONWARNINGS still decide, when given
            warnings.simplefilter("always", LayznerWarning)
        warnings.showwarning = _WarningPrinter(prog, warnings.showwarning)
        return _main(prog, arguments, debug=debug)


def _main(prog: str, arguments: list[str], *, debug: bool) -> int:
    try:
        return _run(prog, arguments)
    except _UsageError as error:
        if debug:
            raise
        return _fail(prog, f"{error} (see {prog} --help)", EXIT_USAGE)
    except OptionError as error:
        # An option's value found bad only while exporting (a "previous"
        # package that cannot be read) is still the user's usage error.
        if debug:
            raise
        return _fail(prog, str(error), EXIT_USAGE)
    except (LayznerError, LayznerWarning) as error:  # a warning, when -W error escalates it
        if debug:
            raise
        return _fail(prog, str(error), EXIT_ERROR)
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
        return _fail(
            prog, f"internal error: {type(error).__name__}: {error} (--debug shows more)", 1
        )


def _prog_name() -> str:
    """Return the program's name as it was invoked: ``layzner-export`` or ``python -m layzner``."""
    invoked = Path(sys.argv[0]).name if sys.argv and sys.argv[0] else ""
    if invoked == "__main__.py":
        return f"{Path(sys.executable).name or 'python'} -m layzner"
    return invoked if invoked and not invoked.startswith("-") else PROG


class _WarningPrinter:
    """Show each layzner warning once, as one ``prog: warning: ...`` line; others as Python does."""

    def __init__(self, prog: str, fallback: object) -> None:
        self._prog = prog
        self._fallback = fallback
        self._shown: set[str] = set()

    def __call__(  # noqa: PLR0917  # the signature warnings.showwarning is called with
        self,
        message: Warning | str,
        category: type[Warning],
        filename: str,
        lineno: int,
        file: TextIO | None = None,
        line: str | None = None,
    ) -> None:
        if not issubclass(category, LayznerWarning):
            self._fallback(message, category, filename, lineno, file, line)  # type: ignore[operator]  # warnings.showwarning's signature
            return
        text = escape_controls(" ".join(str(message).split()))
        if text not in self._shown:
            self._shown.add(text)
            print(f"{self._prog}: warning: {text}", file=sys.stderr)


def _fail(prog: str, message: str, code: int) -> int:
    print(f"{prog}: error: {escape_controls(' '.join(message.split()))}", file=sys.stderr)
    return code


# Flags that end the command line's meaning: each excludes the flags listed
# beside it (by argparse dest), because they would be silently ignored.
_NOT_WITH_LIST_FORMATS = (
    "explain",
    "format_",
    "output",
    "seeds",
    "option",
    "force",
    "strict",
    "quiet",
    "catalog",
    "where",
)
_EXCLUSIVE: Mapping[str, tuple[str, ...]] = {
    "version": ("list_formats", "json", *_NOT_WITH_LIST_FORMATS),
    "list_formats": _NOT_WITH_LIST_FORMATS,
    "explain": ("format_", "output", "option", "force", "quiet", "catalog", "where"),
    "catalog": ("seeds",),
}
_FLAGS: Mapping[str, str] = {
    "version": "--version",
    "list_formats": "--list-formats",
    "json": "--json",
    "explain": "--explain",
    "format_": "--format",
    "output": "--output",
    "seeds": "--seeds",
    "option": "--option",
    "force": "--force",
    "strict": "--strict",
    "quiet": "--quiet",
    "catalog": "--catalog",
    "where": "--where",
}


def _check_conflicts(args: argparse.Namespace) -> None:
    for flag, excluded in _EXCLUSIVE.items():
        if not getattr(args, flag):
            continue
        for other in excluded:
            if getattr(args, other) not in (None, False, []):
                raise _UsageError(f"{_FLAGS[flag]} cannot be combined with {_FLAGS[other]}")
    if args.json and not args.list_formats:
        raise _UsageError("--json only goes with --list-formats")


def _run(prog: str, arguments: list[str]) -> int:
    parser = make_parser(prog)
    if arguments[:1] == ["help"]:
        return _help_command(parser, arguments[1:])
    args = parser.parse_args(arguments)
    if args.help:
        # The format's part first: an unknown format is an error, not half a help.
        options = "" if args.format_ is None else f"\n{_format_help(args.format_)}"
        print(parser.format_help() + options, end="")
        return EXIT_OK
    _check_conflicts(args)
    if args.version:
        print(f"{PROG} {__version__}")
        return EXIT_OK
    if args.list_formats:
        _list_formats(as_json=args.json)
        return EXIT_OK
    if args.explain:
        _explain(_load_series(args, summary=False))
        return EXIT_OK
    if args.format_ is None:
        raise _UsageError(
            "the following argument is required: --format; the formats are listed by --list-formats"
        )
    if args.catalog is not None:
        return _export_catalog(args)
    if args.where or args.jobs != 1:
        raise _UsageError("--where and -j only go with --catalog")
    return _export(args)


def _help_command(parser: argparse.ArgumentParser, names: list[str]) -> int:
    """``help`` alone is ``--help``; ``help NAME`` describes format NAME and its options."""
    if not names:
        print(parser.format_help(), end="")
        return EXIT_OK
    if len(names) > 1:
        raise _UsageError(f"help takes one format name, got {len(names)}")
    print(_format_help(names[0]), end="")
    return EXIT_OK


def _format_help(spec: str) -> str:
    """Return the description of format *spec* and of each of its options, for ``--help``."""
    try:
        exporter = api.resolve(spec).exporter
    except FormatNotFoundError as error:
        raise _UsageError(str(error)) from error
    output = "binary" if exporter.binary else "text"
    lines = [
        f"format {exporter.name}: {exporter.description}",
        f"  writes {exporter.media_type or 'bytes'} ({output}), file extension "
        f"{exporter.extension or 'none'}",
        "",
    ]
    if not exporter.options:
        lines.append(f"Format {exporter.name!r} takes no options.")
    else:
        lines.append(f"options of format {exporter.name!r}:")
        for option in exporter.options:
            lines.extend(_option_help(option))
    return _joined(lines)


def _joined(lines: list[str]) -> str:
    """Return *lines* joined, each with the control characters plugins may supply escaped."""
    return "".join(f"{escape_controls(line)}\n" for line in lines)


def _option_help(option: Option) -> list[str]:
    facts = [option.describe_type()]
    if option.choices is not None:
        facts.append("one of " + ", ".join(_show(c) for c in option.choices))
    if option.minimum is not None:
        facts.append(f"at least {option.minimum}")
    if option.maximum is not None:
        facts.append(f"at most {option.maximum}")
    facts.append("default " + ("none" if option.default is None else _show(option.default)))
    # Laid out as argparse lays out --help, at the same fixed width.
    head = f"  -O {option.name}={_placeholder(option)}"
    body = f"{option.description.rstrip('.')}. ({'; '.join(facts)})"
    import textwrap  # noqa: PLC0415 - only --help needs it

    lines = textwrap.wrap(body, width=_HELP_WIDTH - _HELP_INDENT)
    if len(head) + 2 <= _HELP_INDENT:
        first, *rest = lines
        return [head.ljust(_HELP_INDENT) + first] + [" " * _HELP_INDENT + line for line in rest]
    return [head] + [" " * _HELP_INDENT + line for line in lines]


def _show(value: OptionValue) -> str:
    """Return *value* as it is written after ``-O KEY=``."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value) if isinstance(value, int) else repr(value)


def _brief_options(info: FormatInfo) -> str:
    """Return a format's options in brief for the table: ``indent=0|2 provenance=BOOL``."""
    if not info.options:
        return "-"
    return " ".join(f"{option.name}={_placeholder(option)}" for option in info.options)


def _placeholder(option: Option) -> str:
    if option.choices is not None:
        return "|".join(_show(c) for c in option.choices)
    return {bool: "BOOL", int: "INT", str: "TEXT"}[option.type]


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
    header = ("NAME", "EXT", "DISTRIBUTION", "VERSION", "STATUS", "OPTIONS", "DESCRIPTION")
    table = [header] + [
        tuple(
            escape_controls(cell)
            for cell in (
                info.name,
                info.extension or "-",
                info.distribution,
                info.version,
                info.status,
                _brief_options(info),
                info.description or info.error or "",
            )
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


def _resolve(args: argparse.Namespace) -> tuple[api.Chosen, Mapping[str, OptionValue | None]]:
    """Return the exporter ``--format`` names and its ``-O`` options, parsed; a mistake is a usage error."""
    try:
        chosen = api.resolve(args.format_)
        return chosen, chosen.exporter.parse_options(_parse_options(args.option))
    except (FormatNotFoundError, OptionError) as error:
        raise _UsageError(str(error)) from error


def _export(args: argparse.Namespace) -> int:
    chosen, options = _resolve(args)
    exporter = chosen.exporter
    to_stdout = args.output == "-" or (args.output is None and not exporter.binary)
    if to_stdout and exporter.binary and sys.stdout.isatty():
        raise _UsageError(
            f"format {exporter.name!r} is binary; refusing to write it to a terminal "
            "(use -o PATH, or redirect stdout)"
        )

    series = _load_series(args, summary=not args.quiet)

    if to_stdout:
        try:
            _, summary = api.run(chosen, series, options, STDOUT)
        except ExportError as error:
            if isinstance(error.__cause__, BrokenPipeError):
                raise error.__cause__ from None  # the reader went away: no message
            raise
    else:
        path = Path(args.output) if args.output else Path(_default_name(series.id, exporter))
        _refuse_to_replace_an_input(path, exporter, options, force=args.force)
        _, summary = api.run(chosen, series, options, path)
        print(f"wrote {path}", file=sys.stderr)
    if summary:
        print(escape_controls(summary), file=sys.stderr)
    return EXIT_OK


def _refuse_to_replace_an_input(
    path: Path, exporter: Exporter, options: Mapping[str, OptionValue | None], *, force: bool
) -> None:
    """Refuse, without --force, to write over a file that an option names as an input.

    ``-O previous=deck.apkg`` with the default output ``deck.apkg`` would
    replace the very deck the user keeps to carry reviews over.
    """
    for option in exporter.options:
        value = options.get(option.name)
        if not isinstance(value, str) or not value or not _same_file(Path(value), path):
            continue
        if not force:
            raise _UsageError(
                f"{path} is the file named by -O {option.name}; writing it would replace it "
                "(write elsewhere with -o PATH, or add --force to replace it)"
            )
        warnings.warn(
            f"replacing {path}, the file named by -O {option.name} (--force)",
            LayznerWarning,
            stacklevel=1,
        )


def _same_file(one: Path, other: Path) -> bool:
    try:
        return one.exists() and other.exists() and one.samefile(other)
    except OSError:  # unreadable: not provably the same file
        return False


def _load_series(args: argparse.Namespace, *, summary: bool) -> Series:
    """Load the series the arguments name; sum up the lines not understood on stderr."""
    series = load(args.seeds, strict=args.strict)
    if summary and series.unparsed:
        count = len(series.unparsed)
        first = series.unparsed[0]
        where = _where(series, first.source, first.line)
        print(
            f"layzner: {count} line{'' if count == 1 else 's'} not understood; "
            f"first: {where} {_printable(first.reason)}; see --explain",
            file=sys.stderr,
        )
    return series


def _explain(series: Series) -> None:
    """Print every unparsed line and every conflict of *series*, each with its reason."""
    out: list[str] = [f"Lines not understood: {len(series.unparsed)}"]
    for unparsed in series.unparsed:
        where = _where(series, unparsed.source, unparsed.line)
        out.append(f"  {where}: {_printable(unparsed.reason or 'no reason recorded')}")
        out.append(f"      {_printable(unparsed.text.strip())}")
    out.append(f"Conflicts: {len(series.conflicts)}")
    for conflict in series.conflicts:
        chosen = "nothing" if conflict.chosen is None else repr(conflict.chosen)
        out.append(f"  {conflict.field}: kept {_printable(chosen)}")
        out.append(f"      {_printable(conflict.reason)}")
        for candidate in conflict.candidates:
            places = ", ".join(
                _where(series, e.source, e.line, e.offset) for e in candidate.evidence
            )
            out.append(f"      - {_printable(repr(candidate.value))} at {places}")
    print("\n".join(out))


def _where(series: Series, source_id: str, line: int | None, offset: int | None = None) -> str:
    """Return ``path:line`` (or ``path@offset``) for a place in one of the series' documents."""
    try:
        path = series.source(source_id).path
    except LookupError:
        path = source_id
    if line is not None:
        return _printable(f"{path}:{line}")
    return _printable(f"{path}@{offset}" if offset is not None else path)


def _printable(text: str) -> str:
    """Return *text* with control and other unprintable characters escaped, safe for a terminal."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


def _default_name(series_id: str, exporter: Exporter) -> str:
    """Return ``<series-id><ext>``, shortened to a name the current directory's file system takes."""
    stem = slugify(series_id).replace(os.sep, "-")
    if stem in {"", ".", ".."}:
        stem = "series"
    name = f"{stem}{exporter.extension}"
    limit = _longest_name(os.curdir)
    if len(name.encode()) <= limit:
        return name
    # A digest of the whole id keeps two long ids with one beginning apart.
    digest = sha256_hex(series_id.encode())[:12]
    room = max(1, limit - len(f"-{digest}{exporter.extension}".encode()))
    short = stem.encode()[:room].decode(errors="ignore").rstrip("-") or "series"
    return f"{short}-{digest}{exporter.extension}"


def _longest_name(directory: str) -> int:
    try:
        return os.pathconf(directory, "PC_NAME_MAX")
    except (OSError, ValueError, AttributeError):  # unknown, or no pathconf (Windows)
        return 255


def _export_catalog(args: argparse.Namespace) -> int:
    # Imported only for --catalog: a single export never pays for it.
    from ._catalog_cli import export_catalog  # noqa: PLC0415

    return export_catalog(args)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
