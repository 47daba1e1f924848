"""Load a series: find the documents, detect their formats, read and reconcile them."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from .errors import SourceFormatError, SourceNotFoundError, SourceReadError, UnknownFormatError

if TYPE_CHECKING:
    from ._model import Series, SourceDocument
    from ._readers import DocumentFormat, Reading
    from ._readers._lexicon import Lexicon

__all__ = ["bundled_seeds", "load", "sha256_hex"]

# The bundled series, read once per process in each mode.
_bundled: dict[bool, Series] = {}
_bundled_lock = threading.Lock()

StrPath = str | os.PathLike[str]


def load(path: StrPath | Iterable[StrPath] | None = None, *, strict: bool = False) -> Series:
    """Load a series from documents in the seed formats.

    By default a line whose value cannot be read (a date that is not a
    date, a song line without a title) costs that line only: it goes to
    :attr:`Series.unparsed <layzner.Series.unparsed>` with its reason, and
    the rest of the document loads.

    Args:
        path: a directory (every regular file in it that is not hidden is a
            document), a single file, or an iterable of files.  ``None`` loads
            the seeds bundled with layzner, parsed once per process and then
            cached.
        strict: raise :class:`~layzner.SourceFormatError` for the first line
            whose value cannot be read, instead of keeping it as unparsed.
            Lines that are merely unknown (an unknown key, a placeholder
            such as ``None``) stay unparsed in both modes.

    Returns:
        The reconciled :class:`~layzner.Series`.

    Raises:
        SourceNotFoundError: a path does not exist, or a directory holds no documents.
        SourceReadError: a document cannot be read or is not UTF-8.
        UnknownFormatError: a document is in none of the known formats.
        SourceFormatError: a document lacks its structure (a card without its
            ``# Title`` heading, a profile page without its title line); with
            *strict*, also a line whose value cannot be read.
        InconsistentSeriesError: the documents describe different series.
        MissingFactError: no document states the series' title.

    .. versionadded:: 0.1
    """
    if path is None:
        with _bundled_lock:
            if strict not in _bundled:
                _bundled[strict] = _load_bundled(strict=strict)
            return _bundled[strict]
    if isinstance(path, str | os.PathLike):
        return _load_paths(_documents(Path(path)), strict=strict)
    paths = [Path(p) for p in path]
    if not paths:
        raise SourceNotFoundError("no documents given")
    for file in paths:
        if not file.exists():
            raise SourceNotFoundError("no such file", path=file)
        if not file.is_file():
            raise SourceReadError("not a regular file", path=file)
    return _load_paths(paths, strict=strict)


def sha256_hex(data: bytes) -> str:
    """Return the SHA-256 of *data* in hex, as :attr:`SourceDocument.sha256` holds it."""
    digest: str = _sha256(data).hexdigest()
    return digest


try:
    # CPython's own SHA-256 (3.12 and later call it _sha2), the very digest
    # hashlib gives, without the OpenSSL start-up that importing hashlib pays:
    # a twentieth of layzner-export's run when the bundled series is cached.
    from _sha2 import sha256 as _sha256  # type: ignore[import-not-found, unused-ignore]
except ImportError:
    try:
        from _sha256 import sha256 as _sha256  # type: ignore[import-not-found, no-redef, unused-ignore]
    except ImportError:  # a Python without them: the documented way
        from hashlib import sha256 as _sha256  # type: ignore[assignment, unused-ignore]


def bundled_seeds() -> Path:
    """Return the directory of the bundled seed documents."""
    # The wheel installs them beside this module (importlib.resources would
    # say the same, at the cost of importing zipfile and tempfile).
    packaged = Path(__file__).with_name("_seeds")
    if packaged.is_dir():
        return packaged
    # Running from a source checkout (or an editable install): the seeds sit
    # at the top of the repository.
    return Path(__file__).resolve().parents[2] / "seeds"


def _load_bundled(*, strict: bool) -> Series:
    paths = _documents(bundled_seeds())
    if not strict:  # strict loading must see each line, so it always parses
        from . import _bundled  # noqa: PLC0415 - imports the JSON reader, only for this

        cached = _bundled.read(paths)
        if cached is not None:
            return cached
    return _load_paths(paths, strict=strict)


def _documents(path: Path) -> list[Path]:
    if not path.exists():
        raise SourceNotFoundError("no such file or directory", path=path)
    if path.is_file():
        return [path]
    if not path.is_dir():
        raise SourceReadError("neither a regular file nor a directory", path=path)
    try:
        found = sorted(p for p in path.iterdir() if p.is_file() and not p.name.startswith("."))
    except OSError as error:
        raise SourceReadError(f"cannot list: {error.strerror or error}", path=path) from None
    if not found:
        raise SourceNotFoundError("the directory holds no documents", path=path)
    return found


def _read(path: Path) -> tuple[str, str]:
    try:
        data = path.read_bytes()
    except OSError as error:
        raise SourceReadError(f"cannot read: {error.strerror or error}", path=path) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise SourceReadError(
            f"not UTF-8 text (byte {error.start} is {data[error.start]:#04x})", path=path, line=line
        ) from None
    return text, sha256_hex(data)


def _load_paths(paths: list[Path], *, strict: bool) -> Series:
    # The readers are imported here, on the first load, not with layzner.
    from ._readers._lexicon import Lexicon  # noqa: PLC0415
    from ._reconcile import reconcile  # noqa: PLC0415

    documents = _identify(paths)
    later = [d for d in documents if d.format.needs_lexicon]
    readings = _read_all([d for d in documents if not d.format.needs_lexicon], None, strict=strict)
    # A document's text is not needed once it is read: let it go before
    # reconciling, the moment a load holds the most.
    del documents
    if later:
        # Only a format that lost its case needs the names the others wrote:
        # most loads have none, and skip building the lexicon.
        readings += _read_all(later, Lexicon.from_readings(readings), strict=strict)
        del later
    return reconcile(readings)


class _Document(NamedTuple):
    """A document to read: its text, what the series will say of it, and its format."""

    text: str
    source: SourceDocument
    format: DocumentFormat


def _identify(paths: list[Path]) -> list[_Document]:
    """Read each file of *paths*, detect its format and give it an id unique within the load."""
    from ._model import SourceDocument  # noqa: PLC0415
    from ._readers import detect  # noqa: PLC0415

    documents: list[_Document] = []
    used_ids: set[str] = set()
    # The next suffix to try for each stem: many files of one stem take
    # their suffixes in one pass, not by counting from 2 each time.
    next_suffix: dict[str, int] = {}
    for path in paths:
        text, digest = _read(path)
        format_ = detect(text)
        if format_ is None:
            first = next((n for n, line in enumerate(text.split("\n"), 1) if line.strip()), 1)
            raise UnknownFormatError(
                "not a known document format (a profile page, a Markdown card or a "
                "flattened article)",
                path=path,
                line=first,
            )
        source_id = path.stem
        suffix = next_suffix.get(path.stem, 2)
        while source_id in used_ids:
            source_id = f"{path.stem}-{suffix}"
            suffix += 1
        next_suffix[path.stem] = suffix
        used_ids.add(source_id)
        source = SourceDocument(source_id, str(path), format_.name, digest)
        documents.append(_Document(text, source, format_))
    return documents


def _read_all(
    documents: list[_Document], lexicon: Lexicon | None, *, strict: bool
) -> list[Reading]:
    """Read *documents*, raising the first unreadable line of each if *strict*."""
    readings = [
        document.format.read(document.text, document.source, lexicon) for document in documents
    ]
    if strict:
        for reading in readings:
            _refuse_first(reading)
    return readings


def _refuse_first(reading: Reading) -> None:
    """Raise the first line of *reading* whose value could not be read, as strict loading asks."""
    if reading.refusals:
        first = min(reading.refusals, key=lambda u: u.line)
        raise SourceFormatError(first.reason, path=reading.source.path, line=first.line)
