"""Where an export is written: files replaced atomically, devices and FIFOs written through, errors named.

The device and FIFO tests run as whoever runs the suite; CI runs it as root,
which is when replacing ``/dev/null`` would do real damage.  The permission
tests need a user whom permissions bind, so as root they fork and drop to
``nobody``.
"""

from __future__ import annotations

import fcntl
import json
import os
import resource
import signal
import socket
import stat
import subprocess
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

import layzner
from layzner.testing import registered_plugin, sample_series

from .support.processes import CLI, cli, python

NOBODY = 65534


def _json(series: layzner.Series | None = None) -> bytes:
    data = layzner.export(sample_series() if series is None else series, "json")
    assert data is not None
    return data


def _temporaries(directory: Path) -> list[str]:
    """Return the hidden files in *directory*: temporary files, whoever named them."""
    return sorted(p.name for p in directory.iterdir() if p.name.startswith("."))


@contextmanager
def _fifo_reader(fifo: Path) -> Iterator[list[bytes]]:
    """Read everything written to *fifo* while the block runs, as a separate reader would."""
    # Holding the FIFO open for writing too (Linux allows O_RDWR on a FIFO)
    # lets the reader open it at once, and its end is seen only once the
    # block is over, whatever the program did with the path meanwhile.
    keeper = os.open(fifo, os.O_RDWR)
    reading = os.open(fifo, os.O_RDONLY)
    received: list[bytes] = []

    def read() -> None:
        with os.fdopen(reading, "rb") as stream:
            received.append(stream.read())

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        yield received
    finally:
        os.close(keeper)
        reader.join(timeout=60)
        assert not reader.is_alive()


def _as_unprivileged(directory: Path, action: Callable[[], None], *, mode: int = 0o777) -> None:
    """Run *action* in *directory* (given *mode*) as a user whom file permissions bind.

    As root, the action runs in a forked child that becomes ``nobody``; the
    child uses relative paths, so it needs no access to the directories above.
    A failure in the action fails the test.
    """
    directory.chmod(mode)
    if os.geteuid() != 0:
        previous = Path.cwd()
        os.chdir(directory)
        try:
            action()
        finally:
            os.chdir(previous)
        return
    _json()  # import everything the child needs while still root
    read_end, write_end = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover - the child reports through the pipe
        outcome = b"ok"
        try:
            os.chdir(directory)
            os.setgroups([])
            os.setgid(NOBODY)
            os.setuid(NOBODY)
            action()
        except BaseException as error:
            outcome = f"{type(error).__name__}: {error}".encode()
        os.write(write_end, outcome)
        os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as pipe:
        outcome = pipe.read()
    os.waitpid(child, 0)
    assert outcome == b"ok", outcome.decode()


# -- devices, FIFOs and open files are written through --------------------------


def test_dev_null_stays_a_device() -> None:
    """-o /dev/null writes into the device and leaves it a character device."""
    before = Path("/dev/null").stat()
    result = cli("--format", "anki", "-o", "/dev/null")
    assert result.returncode == 0, result.stderr
    after = Path("/dev/null").stat()
    assert stat.S_ISCHR(after.st_mode)
    assert (after.st_ino, after.st_rdev) == (before.st_ino, before.st_rdev)


def test_dev_stdout_is_written_through_to_a_pipe() -> None:
    """-o /dev/stdout sends the export down the pipe that stdout is."""
    result = subprocess.run(
        [str(CLI), "--format", "json", "-o", "/dev/stdout"], capture_output=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == layzner.export(layzner.load(), "json")


def test_dev_stdout_appends_to_the_file_stdout_was_opened_on(tmp_path: Path) -> None:
    """With stdout appended to a file (>>), -o /dev/stdout adds to it and keeps it the same file."""
    log = tmp_path / "log"
    log.write_bytes(b"earlier line\n")
    inode = log.stat().st_ino
    with log.open("ab") as stdout:
        result = subprocess.run(
            [str(CLI), "--format", "json", "-o", "/dev/stdout"],
            stdout=stdout,
            stderr=subprocess.PIPE,
            check=False,
        )
    assert result.returncode == 0, result.stderr
    assert log.read_bytes() == b"earlier line\n" + _json(layzner.load())
    assert log.stat().st_ino == inode


def test_dev_stdout_is_written_to_a_socket() -> None:
    """-o /dev/stdout works when stdout is a socket, which cannot be opened by name."""
    ours, theirs = socket.socketpair()
    with ours, theirs:
        result = subprocess.run(
            [str(CLI), "--format", "json", "-o", "/dev/stdout"],
            stdout=theirs.fileno(),
            stderr=subprocess.PIPE,
            check=False,
        )
        theirs.close()
        received = b"".join(iter(lambda: ours.recv(65536), b""))
    assert result.returncode == 0, result.stderr
    assert received == _json(layzner.load())


def test_fifo_is_written_through_to_its_reader(tmp_path: Path) -> None:
    """-o FIFO hands every byte to the reader and leaves the FIFO a FIFO."""
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with _fifo_reader(fifo) as received:
        result = cli("--format", "json", "-o", str(fifo))
    assert result.returncode == 0, result.stderr
    assert received == [layzner.export(layzner.load(), "json")]
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


def test_library_writes_a_fifo_through(tmp_path: Path) -> None:
    """layzner.export to a FIFO's path writes to the reader, as the CLI does."""
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with _fifo_reader(fifo) as received:
        layzner.export(sample_series(), "json", fifo)
    assert received == [_json()]


# -- regular files are replaced atomically ------------------------------------


def test_a_symbolic_link_is_written_through_to_its_target(tmp_path: Path) -> None:
    """-o link writes the file it points to; the link stays a link to it."""
    target = tmp_path / "decks" / "real.json"
    target.parent.mkdir()
    target.write_bytes(b"stale")
    link = tmp_path / "link.json"
    link.symlink_to(Path("decks") / "real.json")
    layzner.export(sample_series(), "json", link)
    assert link.is_symlink()
    assert link.readlink() == Path("decks") / "real.json"
    assert target.read_bytes() == _json()
    assert _temporaries(target.parent) == []


def test_a_dangling_symbolic_link_is_not_written_through(tmp_path: Path) -> None:
    """A link to a missing file is an error, as with cp: nothing is created where it points."""
    link = tmp_path / "link.json"
    link.symlink_to(tmp_path / "elsewhere" / "planted.json")
    (tmp_path / "elsewhere").mkdir()
    with pytest.raises(layzner.ExportError, match="dangling symbolic link"):
        layzner.export(sample_series(), "json", link)
    assert list((tmp_path / "elsewhere").iterdir()) == []


def test_replacing_a_file_keeps_its_mode(tmp_path: Path) -> None:
    """A replaced file keeps its permission bits."""
    target = tmp_path / "out.json"
    target.write_bytes(b"old")
    target.chmod(0o640)
    layzner.export(sample_series(), "json", target)
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert target.read_bytes() == _json()


def test_replacing_a_file_keeps_its_owner(tmp_path: Path) -> None:
    """A file replaced by a user who may give it away (root) keeps its owner and group."""
    target = tmp_path / "out.json"
    target.write_bytes(b"old")
    owner = (NOBODY, NOBODY) if os.geteuid() == 0 else (os.geteuid(), os.getegid())
    os.chown(target, *owner)
    layzner.export(sample_series(), "json", target)
    written = target.stat()
    assert (written.st_uid, written.st_gid) == owner


def test_a_file_the_user_may_not_write_is_an_error(tmp_path: Path) -> None:
    """A read-only file in a writable folder is refused, not replaced behind its back."""
    target = tmp_path / "ro.json"
    target.write_bytes(b"protected")
    target.chmod(0o444)

    def export() -> None:
        with pytest.raises(layzner.ExportError, match=r"cannot write ro\.json: Permission denied"):
            layzner.export(sample_series(), "json", "ro.json")

    _as_unprivileged(tmp_path, export)
    assert target.read_bytes() == b"protected"
    assert stat.S_IMODE(target.stat().st_mode) == 0o444
    assert _temporaries(tmp_path) == []


def test_a_writable_file_in_a_read_only_folder_is_rewritten_in_place(tmp_path: Path) -> None:
    """As cp does, a file the user may write is updated even where no temporary file may go."""
    folder = tmp_path / "locked"
    folder.mkdir()
    target = folder / "out.json"
    target.write_bytes(b"old")
    target.chmod(0o666)
    try:
        _as_unprivileged(
            folder, lambda: layzner.export(sample_series(), "json", "out.json"), mode=0o555
        )
    finally:
        folder.chmod(0o755)
    assert target.read_bytes() == _json()
    assert [p.name for p in folder.iterdir()] == ["out.json"]


# -- temporary files ------------------------------------------------------------


SNOOPING = """
import os
import layzner

SEEN = []

def _export(context):
    SEEN.extend(sorted(os.listdir(os.environ["SNOOP_DIR"])))
    context.write_text("done")

@layzner.hookimpl
def layzner_register_exporters(register):
    register(layzner.Exporter(
        name="snoop", description="lists the folder while it runs", extension=".txt",
        media_type="text/plain", binary=False, export=_export,
    ))
"""


def test_no_temporary_file_exists_while_the_exporter_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The temporary file is created only once the output is complete."""
    import types

    module = types.ModuleType("snoop_plugin")
    exec(SNOOPING, module.__dict__)
    monkeypatch.setenv("SNOOP_DIR", str(tmp_path))
    (tmp_path / "out.txt").write_bytes(b"old")
    with registered_plugin(module):
        layzner.export(sample_series(), "snoop", tmp_path / "out.txt")
    assert module.SEEN == ["out.txt"]
    assert (tmp_path / "out.txt").read_bytes() == b"done"


def _kill_during_write(target: Path, signum: int) -> subprocess.CompletedProcess[str]:
    """Run the CLI writing *target*, and send it *signum* while the temporary file is written."""
    # The signal is raised from inside fsync, the one moment a temporary
    # file exists; that makes the moment exact without any timing.
    return python(
        f"""
        import os, signal, sys
        from layzner.cli import main
        if {int(signum)} != signal.SIGKILL:  # as in any process, whatever the suite's
            signal.signal({int(signum)}, signal.SIG_DFL)

        real_fsync = os.fsync
        def fsync(descriptor):
            os.kill(os.getpid(), {int(signum)})
            return real_fsync(descriptor)
        os.fsync = fsync
        sys.exit(main(["--format", "json", "-o", {str(target)!r}]))
        """
    )


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_sigterm_and_sighup_remove_the_temporary_file(tmp_path: Path, signum: int) -> None:
    """SIGTERM or SIGHUP while writing ends the process by that signal, with no temporary file left."""
    target = tmp_path / "out.json"
    target.write_bytes(b"previous")
    result = _kill_during_write(target, signum)
    assert result.returncode == -signum, result.stderr
    assert target.read_bytes() == b"previous"
    assert _temporaries(tmp_path) == []


def test_the_next_run_removes_what_sigkill_left(tmp_path: Path) -> None:
    """SIGKILL can leave a temporary file; the next write into that folder removes it."""
    target = tmp_path / "out.json"
    target.write_bytes(b"previous")
    result = _kill_during_write(target, signal.SIGKILL)
    assert result.returncode == -signal.SIGKILL
    (left,) = _temporaries(tmp_path)
    assert target.read_bytes() == b"previous"
    assert cli("--format", "json", "-o", str(tmp_path / "other.json")).returncode == 0
    assert _temporaries(tmp_path) == []
    assert not (tmp_path / left).exists()


def test_a_temporary_file_in_use_is_left_alone(tmp_path: Path) -> None:
    """Another writer's temporary file (its lock held) survives; an unlocked one is removed."""
    live = tmp_path / ".layzner-0123456789abcdef.tmp"
    stale = tmp_path / ".layzner-fedcba9876543210.tmp"
    live.write_bytes(b"being written")
    stale.write_bytes(b"left by a killed writer")
    with live.open("rb") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        layzner.export(sample_series(), "json", tmp_path / "out.json")
        assert _temporaries(tmp_path) == [live.name]


# -- long names -----------------------------------------------------------------


def test_a_250_byte_output_name_is_written(tmp_path: Path) -> None:
    """Any name the file system accepts works: the temporary name does not grow with it."""
    name = "a" * 245 + ".json"
    result = cli("--format", "json", "-o", name, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert json.loads((tmp_path / name).read_bytes())["schema_version"] == 1
    assert [p.name for p in tmp_path.iterdir()] == [name]


@pytest.mark.parametrize("word", ["Long", "長い"])
def test_the_default_name_of_a_very_long_title_fits(tmp_path: Path, word: str) -> None:
    """A 300-character title gives a default output name short enough to create."""
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    title = " ".join([word] * 300)[:300]
    (seeds / "card.md").write_text(
        f"# {title}\n\n-   **type**: tv-serie\n-   **episodes**: 26\n", encoding="utf-8"
    )
    out = tmp_path / "out"
    out.mkdir()
    result = cli("--format", "anki", "--seeds", str(seeds), cwd=out)
    assert result.returncode == 0, result.stderr
    (written,) = (p.name for p in out.iterdir())
    assert len(written.encode()) <= 255
    assert written.endswith(".apkg")
    assert written.startswith(layzner.slugify(title)[:40])
    assert result.stderr.splitlines()[0] == f"wrote {written}"


# -- I/O failures are reported as such --------------------------------------------


def test_a_full_device_is_an_io_error_not_a_plugin_failure() -> None:
    """-o /dev/full says what failed and why, and does not blame the format."""
    result = cli("--format", "json", "-o", "/dev/full")
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "layzner-export: error: cannot write /dev/full: No space left on device"
    ]


def test_stdout_on_a_full_device_is_one_clear_error() -> None:
    """Stdout on /dev/full is one I/O error line, not an internal error or an exit-time complaint."""
    with Path("/dev/full").open("wb") as full:
        result = subprocess.run(
            [str(CLI), "--format", "json"], stdout=full, stderr=subprocess.PIPE, check=False
        )
    assert result.returncode == 1
    assert result.stderr.decode().splitlines() == [
        "layzner-export: error: cannot write to stdout: No space left on device"
    ]


def test_a_file_size_limit_is_an_io_error_that_keeps_the_old_file(tmp_path: Path) -> None:
    """A write the kernel refuses mid-file (here RLIMIT_FSIZE) is reported as an I/O error."""
    target = tmp_path / "out.json"
    target.write_bytes(b"previous")

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (1024, 1024))

    result = subprocess.run(
        [str(CLI), "--format", "json", "-o", str(target)],
        capture_output=True,
        text=True,
        preexec_fn=limit,
        check=False,
    )
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"layzner-export: error: cannot write {target}: File too large"
    ]
    assert target.read_bytes() == b"previous"
    assert _temporaries(tmp_path) == []


def test_a_reader_that_went_away_ends_the_export_quietly() -> None:
    """Stdout piped into a reader that has closed (| head) gives no error message."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        result = subprocess.run(
            [str(CLI), "--format", "json"], stdout=write_end, stderr=subprocess.PIPE, check=False
        )
    finally:
        os.close(write_end)
    assert result.returncode == 1
    assert result.stderr == b""


def test_a_broken_stream_is_an_export_error() -> None:
    """A stream that refuses the bytes raises ExportError naming it."""

    class Full:
        name = "<full>"

        def write(self, data: bytes) -> int:
            raise OSError(28, "No space left on device")

        def flush(self) -> None:
            pass

    with pytest.raises(layzner.ExportError, match="cannot write <full>: No space left on device"):
        layzner.export(sample_series(), "json", Full())  # type: ignore[arg-type]  # a duck-typed stream
