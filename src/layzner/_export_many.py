"""Export many works: into one output (an exporter with ``export_many``), or one file per work.

An exporter that declares ``export_many`` (``jsonl``, ``anki``) gets every
work through one :class:`~layzner.ExportManyContext` and writes one output.
Any other exporter (``mal``, ``mal-md``, a third party's) is run once per work,
each output written to ``<folder>/<series id><extension>``, and an
``index.html`` links them all.
"""

from __future__ import annotations

import html
import io
import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import IO, Any
from urllib.parse import quote

import attrs

from ._export_one import Chosen, resolve, run
from ._exporter_types import Exporter, ExportManyContext, OptionValue
from ._model import Series, slugify
from ._output import Destination, is_stdout, streaming, write
from ._plugin_calls import call_exporter
from ._version import __version__
from .errors import ExportError

__all__ = ["INDEX", "Page", "PerWork", "export_many", "write_folder", "write_many"]

INDEX = "index.html"
"""The name of the page that links every work's file in a folder export."""

_Options = Mapping[str, OptionValue | None]


@attrs.frozen
class Page:
    """One work's file in a folder export, and what the index says of it."""

    id: str
    title: str
    media_type: str | None
    year: int | None
    data: bytes


@attrs.frozen
class PerWork:
    """What an export does with one series where it is loaded; picklable, for worker processes."""

    chosen: Chosen
    # A plain dict: the parsed options' read-only mapping does not pickle.
    options: dict[str, OptionValue | None]

    @property
    def many(self) -> bool:
        """Return whether the exporter writes every work into one output."""
        return self.chosen.exporter.export_many is not None

    def __call__(self, series: Series) -> Any:
        """Return what the export needs of *series*: ``prepare``'s result, the series, or a page."""
        exporter = self.chosen.exporter
        if exporter.export_many is not None:
            if exporter.prepare is None:
                return series
            return exporter.prepare(series, self.options)
        data, _ = run(self.chosen, series, self.options, None)
        assert data is not None  # run() returns the bytes when there is no destination
        start = series.aired.start
        year = start.year if start is not None else None
        return Page(series.id, series.title, series.media_type, year, data)


def export_many(
    series: Iterable[Series],
    format_: str,
    /,
    dest: str | os.PathLike[str] | IO[bytes] | None = None,
    **options: object,
) -> bytes | None:
    """Export many series in format *format_*: into one output, or one file each into a folder.

    Formats with many-work support (``jsonl``, ``anki``) write every series
    into one output: returned as bytes when *dest* is ``None``, written
    atomically to a path, or streamed to a binary stream as the series come.
    Other formats (``mal``, ``mal-md``, most third-party ones) need *dest*
    to be a folder: each series goes to ``<dest>/<id><extension>``, and
    ``index.html`` links them all.

    Args:
        series: the series, in the order to write them; read once, lazily.
        format_: a format name, or ``"distribution:name"``.
        dest: where to write, as above.
        options: the exporter's options.

    Returns:
        The output when *dest* is ``None``, otherwise ``None``.

    Raises:
        FormatNotFoundError: no plugin provides *format_*.
        OptionError: an option is unknown or has a bad value.
        ExportError: the exporter failed on a series, or *dest* cannot be
            written, or a folder format was given no folder.

    .. versionadded:: 0.1
    """
    chosen = resolve(format_)
    job = PerWork(chosen, dict(chosen.exporter.parse_options(options)))
    prepared = (job(one) for one in series)
    if job.many:
        return write_many(chosen, job.options, prepared, dest)[0]
    if dest is None or not isinstance(dest, str | os.PathLike):
        msg = f"format {chosen.exporter.name!r} writes one file per work: give a folder as dest"
        raise ExportError(msg)
    write_folder(Path(dest), chosen.exporter, prepared)
    return None


def write_many(
    chosen: Chosen,
    options: _Options,
    works: Iterable[Any],
    dest: Destination | None,
) -> tuple[bytes | None, str | None]:
    """Run the exporter's ``export_many`` over *works*; return the bytes (without *dest*) and its summary.

    The output streams to *dest* as the works come (see
    :func:`layzner._output.streaming`), so that a large export never sits in
    memory; a file is replaced only once the export has succeeded.
    """
    if dest is None:
        buffer = io.BytesIO()
        summary = _call(chosen, options, works, buffer, divert=False)
        return buffer.getvalue(), summary
    with streaming(dest) as output:
        return None, _call(chosen, options, works, output, divert=is_stdout(dest))


def _call(
    chosen: Chosen, options: _Options, works: Iterable[Any], output: IO[bytes], *, divert: bool
) -> str | None:
    assert chosen.exporter.export_many is not None  # write_many is only for such exporters
    context = ExportManyContext(works=works, options=options, output=output, version=__version__)
    return call_exporter(chosen, "export_many", context, divert_descriptor=divert)


def write_folder(folder: Path, exporter: Exporter, pages: Iterable[Page]) -> int:
    """Write each page to ``<folder>/<id><extension>``, then ``index.html``; return how many.

    Raises:
        ExportError: the folder or a file in it cannot be written.
    """
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise ExportError(
            f"cannot create the folder: {error.strerror or error}", path=folder
        ) from None
    index: list[tuple[Page, str]] = []
    for page in pages:
        name = file_name(page.id, exporter.extension)
        write(folder / name, page.data)
        index.append((attrs.evolve(page, data=b""), name))
    write(folder / INDEX, render_index(index, exporter))
    return len(index)


def file_name(series_id: str, extension: str) -> str:
    """Return the file name of a work's output: its id as a slug, and the extension."""
    stem = slugify(series_id)
    if stem in {"", ".", ".."} or f"{stem}{extension}" == INDEX:
        stem = f"series-{stem}".strip("-.")
    return f"{stem}{extension}"


def render_index(entries: Iterable[tuple[Page, str]], exporter: Exporter) -> bytes:
    """Return ``index.html``: a table of every work, each title linking its file."""
    # The standard library's escaping is all a page of links needs; the core
    # leaves Jinja2 to the plugins that bring it.
    rows = "".join(_index_row(page, name) for page, name in entries)
    return _INDEX_PAGE.format(
        format=html.escape(exporter.name), version=html.escape(__version__), rows=rows
    ).encode("utf-8")


def _index_row(page: Page, name: str) -> str:
    cells = (
        f'<a href="{html.escape(quote(name))}">{html.escape(page.title)}</a>',
        html.escape(page.media_type or ""),
        "" if page.year is None else str(page.year),
        f"<code>{html.escape(page.id)}</code>",
    )
    return "<tr>" + "".join(f"<td>{cell}</td>" for cell in cells) + "</tr>\n"


_INDEX_PAGE = """\
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'">
<meta name="generator" content="layzner {version}">
<title>layzner: {format} export</title>
<style>
body {{ font: 14px/1.5 Verdana, Arial, "Noto Sans", "Noto Sans CJK JP", sans-serif; margin: 1em 2em; }}
table {{ border-collapse: collapse; }}
th, td {{ text-align: left; padding: 3px 12px 3px 0; border-bottom: 1px solid #ddd; }}
a {{ color: #1c439b; }}
</style>
</head>
<body>
<h1>layzner: {format} export</h1>
<table>
<thead><tr><th>Title</th><th>Type</th><th>Year</th><th>Id</th></tr></thead>
<tbody>
{rows}</tbody>
</table>
</body>
</html>
"""
