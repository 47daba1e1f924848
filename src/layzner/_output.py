"""Write a finished export where it was asked for, the way ``cp``, ``tee`` and ``sort -o`` do.

* A regular file (new, or reached through ordinary symbolic links) is
  replaced atomically: the bytes go to a temporary file in its directory,
  which is renamed over it.  The file keeps its mode and, where the writer
  may set it, its owner; a symbolic link keeps pointing at it.
* Anything else that exists (``/dev/null``, a terminal, a FIFO) is opened and
  written through as a stream, never replaced.
* ``/dev/stdout``, ``/dev/fd/N`` and ``/proc/self/fd/N`` name a descriptor of
  this process, which is written to directly, as a shell redirection is;
  ``/proc/PID/fd/N`` names a file another process holds open, which is opened
  and appended to, as that process would.
* A file its user may not write, a dangling symbolic link and a directory
  are errors, never silently replaced.

The temporary file is created only once the output is complete, holds an
exclusive lock while it exists, and is removed if the write fails or the
process receives SIGTERM or SIGHUP.  Only SIGKILL (or a power cut) can leave
one behind; its name, ``.layzner-<16 hex digits>.tmp``, is recognised by the
next write into the same directory, which removes it once no process holds
its lock.  The name is short whatever the target's, so any name the file
system accepts as a target can be written.
"""

from __future__ import annotations

import contextlib
import enum
import errno
import os
import re
import stat
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from types import FrameType
from typing import IO, Any, Final

from .errors import ExportError

if sys.platform != "win32":
    import fcntl

__all__ = ["STDOUT", "Destination", "is_stdout", "streaming", "write"]


class _Stdout(enum.Enum):
    STDOUT = "-"


STDOUT: Final = _Stdout.STDOUT
"""The process's standard output, which the command line calls ``-``."""

Destination = str | os.PathLike[str] | IO[bytes] | _Stdout
"""Where an export goes: a path, a binary stream, or :data:`STDOUT`."""

_TEMPORARY = re.compile(r"\.layzner-[0-9a-f]{16}\.tmp")
# /proc/PID/fd/N and /dev/fd/N are links to files other processes opened
# (the shell's "> out.json"); replacing that file would orphan their handle.
_OPEN_FILE_DIRECTORY = re.compile(r"/proc/[^/]+/fd|/dev/fd")
_MAX_SYMLINKS = 40  # Linux's own limit on the links one path may pass through


def write(destination: Destination, data: bytes) -> None:
    """Write *data* to *destination*, all of it or, for a regular file, nothing.

    Raises:
        ExportError: the destination cannot be written; the message names it
            and says why, as the operating system put it.
    """
    if destination is STDOUT:
        _write_stdout(data)
    elif isinstance(destination, str | os.PathLike):
        _write_file(destination, data)
    else:
        _write_stream(destination, data)


def _write_file(path: str | os.PathLike[str], data: bytes) -> None:
    """Write *data* to *path*: replace a regular file atomically, write anything else through.

    Raises:
        ExportError: *path* cannot be written ("cannot write out.json: No
            space left on device"); an existing file is then left as it was.
    """
    name = os.fspath(path)
    try:
        target = Path(name)
        link = _open_file_link(target)
        descriptor = None if link is None else _own_descriptor(link)
        if descriptor is not None:
            # /dev/stdout, /dev/fd/N: the descriptor itself, as a shell
            # redirection does, whatever it is (a socket cannot be reopened).
            _write_all(descriptor, data)
        elif link is not None or _is_stream(target):
            _write_through(target, data, append=link is not None)
        else:
            _replace(target, data)
    except OSError as error:
        raise _cannot_write(name, error) from error


def _write_stream(stream: IO[bytes], data: bytes) -> None:
    """Write *data* to a binary *stream* and flush it.

    Raises:
        ExportError: the stream refuses the bytes.
    """
    try:
        stream.write(data)
        stream.flush()
    except OSError as error:
        name = getattr(stream, "name", None)
        where = name if isinstance(name, str) else "the output stream"
        raise _cannot_write(where, error) from error


def _write_stdout(data: bytes) -> None:
    """Write *data* to the standard output's file descriptor, after anything already printed.

    Writing to the descriptor, not through ``sys.stdout``, leaves no buffered
    bytes behind to fail a second time when Python exits.

    Raises:
        ExportError: standard output refuses the bytes (its ``__cause__`` is
            the ``OSError``, a ``BrokenPipeError`` when the reader went away).
    """
    try:
        sys.stdout.flush()
        _write_all(sys.stdout.fileno(), data)
    except OSError as error:
        raise _cannot_write("to stdout", error) from error


@contextlib.contextmanager
def streaming(destination: Destination) -> Iterator[IO[bytes]]:
    """Yield a binary stream whose bytes go to *destination* as they are written, by the rules of :func:`write`.

    For an output too large to hold in memory (a whole catalog as JSON
    Lines).  A regular file is written to a temporary file beside it and
    renamed over it only when the block ends without an error; otherwise the
    temporary file is removed and the file is left as it was.  Standard
    output, devices and streams take the bytes as they come.  Standard output
    is written through a duplicate of descriptor 1, so that diverting
    descriptor 1 while plugin code runs does not divert the export.

    Raises:
        ExportError: the destination cannot be written.
    """
    if destination is STDOUT:
        with _cannot_write_as("to stdout"):
            sys.stdout.flush()
            descriptor = os.dup(sys.stdout.fileno())
        with _cannot_write_as("to stdout"), os.fdopen(descriptor, "wb") as stream:
            yield stream
        return
    if not isinstance(destination, str | os.PathLike):
        name = getattr(destination, "name", None)
        with _cannot_write_as(name if isinstance(name, str) else "the output stream"):
            yield destination
            destination.flush()
        return
    name = os.fspath(destination)
    with _cannot_write_as(name):
        target = Path(name)
        link = _open_file_link(target)
        own = None if link is None else _own_descriptor(link)
        if own is not None:
            opened = os.dup(own)
        elif link is not None or _is_stream(target):
            flags = os.O_WRONLY | os.O_NOCTTY | os.O_CLOEXEC | (os.O_APPEND if link else 0)
            opened = os.open(target, flags)
        else:
            opened = -1
    if opened >= 0:
        with _cannot_write_as(name), os.fdopen(opened, "wb") as stream:
            yield stream
        return
    with _cannot_write_as(name), _replacing(target) as stream:
        yield stream


@contextlib.contextmanager
def _replacing(path: Path) -> Iterator[IO[bytes]]:
    """Yield a stream into a temporary file that replaces *path* when the block succeeds."""
    existing = _check_writable(path)
    target = _link_target(path)
    directory = target.parent
    _remove_stale_temporaries(directory)
    with _terminating_signals_raise():
        descriptor, temporary = _create_temporary(directory)
        with (
            _filling(descriptor, temporary, target, existing),
            os.fdopen(descriptor, "wb", closefd=False) as stream,
        ):
            yield stream
    _sync_directory(directory)


@contextlib.contextmanager
def _filling(
    descriptor: int, temporary: Path, target: Path, existing: os.stat_result | None
) -> Iterator[None]:
    """Let the block write the open *temporary* file, then put it in *target*'s place.

    The temporary file takes the mode and owner of the file it replaces; it is
    removed if the block fails, and the target is left as it was.
    """
    try:
        if existing is not None:
            _copy_ownership(descriptor, existing)
        yield
        os.fsync(descriptor)
        temporary.replace(target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    finally:
        # Closed only now: the lock tells other writers the file is in use.
        os.close(descriptor)


@contextlib.contextmanager
def _cannot_write_as(name: str) -> Iterator[None]:
    try:
        yield
    except OSError as error:
        raise _cannot_write(name, error) from error


def is_stdout(destination: Destination | IO[str]) -> bool:
    """Return whether *destination* is this process's standard output, or the same file."""
    if destination is STDOUT:
        return True
    try:
        if isinstance(destination, str | os.PathLike):
            return os.path.samestat(Path(destination).stat(), os.fstat(1))
        fileno = getattr(destination, "fileno", None)
        return callable(fileno) and os.path.samestat(os.fstat(fileno()), os.fstat(1))
    except (OSError, ValueError):  # no such file, no stdout, or a stream without a descriptor
        return False


def _cannot_write(name: str, error: OSError) -> ExportError:
    return ExportError(f"cannot write {name}: {error.strerror or error}")


def _is_stream(path: Path) -> bool:
    """Return whether *path* is written through (a device, a FIFO), rather than replaced."""
    try:
        status = path.stat()
    except FileNotFoundError:
        if path.is_symlink():
            # As cp: a planted link to a file that does not exist yet must not
            # make us create a file wherever it points.
            target = path.readlink()
            msg = f"cannot write {path}: not writing through a dangling symbolic link (to {target})"
            raise ExportError(msg) from None
        return False
    if stat.S_ISDIR(status.st_mode):
        raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR))
    return not stat.S_ISREG(status.st_mode)


def _open_file_link(path: Path) -> Path | None:
    """Return the link in a ``/proc/PID/fd`` folder that *path* passes through, if any.

    Such a link names a file some process holds open (``/dev/stdout`` is
    ``/proc/self/fd/1``); replacing that file would orphan the process's handle.
    """
    current = path.absolute()
    for _ in range(_MAX_SYMLINKS):
        if _OPEN_FILE_DIRECTORY.fullmatch(str(current.parent.resolve())):
            return current
        try:
            target = current.readlink()
        except OSError:  # not a link: the walk is over
            return None
        current = current.parent / target
    return None


def _own_descriptor(link: Path) -> int | None:
    """Return the descriptor of this process that *link* (``/proc/self/fd/1``) names, if it does."""
    folder = str(link.parent.resolve())
    own = {f"/proc/{os.getpid()}/fd", "/dev/fd"}
    return int(link.name) if folder in own and link.name.isdigit() else None


def _write_through(path: Path, data: bytes, *, append: bool) -> None:
    # No O_CREAT: this writes what exists, and a FIFO waits for its reader, as with tee.
    flags = os.O_WRONLY | os.O_NOCTTY | os.O_CLOEXEC | (os.O_APPEND if append else 0)
    descriptor = os.open(path, flags)
    try:
        _write_all(descriptor, data)
    finally:
        os.close(descriptor)


def _write_all(descriptor: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(descriptor, view) :]


def _replace(path: Path, data: bytes) -> None:
    existing = _check_writable(path)
    target = _link_target(path)
    directory = target.parent
    _remove_stale_temporaries(directory)
    with _terminating_signals_raise():
        try:
            descriptor, temporary = _create_temporary(directory)
        except PermissionError:
            if existing is None:
                raise
            # As cp: a file the user may write, in a directory they may not,
            # is rewritten in place; it cannot be replaced atomically there.
            _rewrite_in_place(target, data)
            return
        with _filling(descriptor, temporary, target, existing):
            _write_all(descriptor, data)
    _sync_directory(directory)


def _link_target(path: Path) -> Path:
    """Return the file *path* names once its own symbolic links are followed."""
    # Only the last component matters: a rename goes through linked folders
    # anyway, and a relative path keeps working where the folders above it
    # may not be entered.
    for _ in range(_MAX_SYMLINKS):
        if not path.is_symlink():
            return path
        path = path.parent / path.readlink()
    raise OSError(errno.ELOOP, os.strerror(errno.ELOOP))


def _check_writable(path: Path) -> os.stat_result | None:
    """Return the status of the regular file *path*, or ``None`` if it does not exist.

    Raises:
        OSError: the user may not write the file (the kernel decides, by
            opening it, so permissions, ACLs and read-only mounts all count).
    """
    try:
        probe = os.open(path, os.O_WRONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC)
    except FileNotFoundError:
        return None
    try:
        return os.fstat(probe)
    finally:
        os.close(probe)


def _create_temporary(directory: Path) -> tuple[int, Path]:
    """Create, open and lock a new temporary file in *directory*; return its descriptor and path."""
    while True:
        # os.urandom is what secrets.token_hex uses, without importing hmac and random.
        path = directory / f".layzner-{os.urandom(8).hex()}.tmp"
        # 0o666 as open() uses: the umask then gives a new file its usual mode.
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC
        try:
            descriptor = os.open(path, flags, 0o666)
        except FileExistsError:
            continue
        if _lock(descriptor) and not _still_named(descriptor, path):
            # Another writer took it for stale between open and lock, and removed it.
            os.close(descriptor)
            continue
        return descriptor, path


def _lock(descriptor: int) -> bool:
    """Take an exclusive lock on *descriptor* without waiting; return whether it was granted."""
    if sys.platform == "win32":
        return False
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:  # held by another process, or a file system without locks
        return False
    return True


def _still_named(descriptor: int, path: Path) -> bool:
    try:
        return os.path.samestat(os.fstat(descriptor), path.lstat())
    except FileNotFoundError:
        return False


def _remove_stale_temporaries(directory: Path) -> None:
    """Remove temporary files in *directory* left by writers that were killed."""
    try:
        found = [path for path in directory.iterdir() if _TEMPORARY.fullmatch(path.name)]
    except OSError:
        return
    for path in found:
        try:
            descriptor = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
        except OSError:
            continue
        try:
            # A live writer holds its lock until the rename; the kernel drops
            # the lock of a killed one.
            if _lock(descriptor) and _still_named(descriptor, path):
                path.unlink()
        except OSError:
            pass
        finally:
            os.close(descriptor)


def _copy_ownership(descriptor: int, existing: os.stat_result) -> None:
    os.fchmod(descriptor, stat.S_IMODE(existing.st_mode))
    # Root replacing a user's file must not hand it to root; anyone else may
    # only keep their own uid, and the group if they belong to it.
    with contextlib.suppress(PermissionError):
        os.fchown(descriptor, existing.st_uid, existing.st_gid)


def _rewrite_in_place(target: Path, data: bytes) -> None:
    descriptor = os.open(target, os.O_WRONLY | os.O_TRUNC | os.O_NOCTTY | os.O_CLOEXEC)
    try:
        _write_all(descriptor, data)
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _sync_directory(directory: Path) -> None:
    # The rename is durable only once the directory is; some file systems
    # cannot sync a directory, and the data is safe on them regardless.
    with contextlib.suppress(OSError):
        descriptor = os.open(directory, os.O_RDONLY | os.O_CLOEXEC)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


class _Terminated(BaseException):
    """SIGTERM or SIGHUP arrived while a temporary file existed."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _raise_terminated(signum: int, _frame: FrameType | None) -> None:
    raise _Terminated(signum)


@contextlib.contextmanager
def _terminating_signals_raise() -> Iterator[None]:
    """Turn SIGTERM and SIGHUP into an exception inside the block, then die of the signal.

    Only signals that would kill the process outright are caught, and only
    in the main thread (the only one Python delivers signals to); an
    application's own handlers are left alone.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    # Imported here: writing to a stream, as most exports do, needs no signal.
    import signal  # noqa: PLC0415

    terminating = [getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)]
    replaced = {
        signum: signal.signal(signum, _raise_terminated)
        for signum in terminating
        if signal.getsignal(signum) is signal.SIG_DFL
    }
    try:
        yield
    except _Terminated as stop:
        _restore(replaced)
        signal.raise_signal(stop.signum)
        raise  # only if the signal is blocked; the caller then sees the exception
    finally:
        _restore(replaced)


def _restore(handlers: dict[int, Any]) -> None:
    import signal  # noqa: PLC0415 - imported already, by _terminating_signals_raise

    while handlers:
        signum, handler = handlers.popitem()
        signal.signal(signum, handler)
