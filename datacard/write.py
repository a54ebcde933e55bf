"""Writing files: atomically, never over a file unasked, never a datasheet that does not validate.

Every command that writes a file comes here, so that the rules hold for all of them:

- the new content goes to a temporary file beside the target, is flushed to disk, and then
  renamed over the target: a reader sees the old file or the new one, never half of either;
- an existing file is replaced only with ``overwrite`` (the CLI's ``--force``);
- a symbolic link is written through: its target gets the new content and the link stays;
- a terminating signal (SIGTERM, SIGHUP, ...) during the write removes the temporary file and
  then ends the process as the signal would have;
- with ``expect``, the write is refused when the target changed since it was read (another
  writer got there first), rather than silently losing that writer's change;
- a file that carries a command's generated-file marker (:func:`generated_file`) is that
  command's own output, which it may replace without being asked;
- :func:`write_datasheet` parses and validates the text before anything is written.
"""

from __future__ import annotations

import errno
import hashlib
import os
import secrets
import signal
import stat
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, BinaryIO

if TYPE_CHECKING:
    from datacard.findings import Report


class WriteRefused(Exception):
    """The write would replace a file without being asked to, or cannot be done safely."""


class WriteConflict(WriteRefused):
    """The target changed between reading it and writing it."""


class InvalidDatasheet(WriteRefused):
    """The text about to be written is not a valid datasheet; carries the findings."""

    def __init__(self, path: str, report: Report) -> None:
        lines = [f"  {f.path}:{f.line}:{f.column}: {f.code} {f.message}" for f in report.sorted()]
        super().__init__(
            f"refusing to write {path}: the result would not be a valid datasheet "
            "(nothing was written; please report this as a datacard bug):\n" + "\n".join(lines)
        )
        self.report = report


# --- fingerprints: did the file change since it was read? ---------------------------------


@dataclass(frozen=True)
class Fingerprint:
    """What a file was when it was read: its identity, size, times and a hash of its bytes.

    The change time moves on every write and cannot be set back; the hash catches a same-size
    rewrite within the file system's timestamp granularity (it is left empty for large data
    files, where reading them twice would cost more than the identity and times prove).
    """

    inode: int
    size: int
    mtime_ns: int
    ctime_ns: int
    digest: str


def fingerprint(path: str | os.PathLike[str], *, digest: bool = True) -> Fingerprint | None:
    """The file's fingerprint, or None when there is no such file."""
    hashed = hashlib.sha256()
    try:
        with open(path, "rb") as handle:
            info = os.fstat(handle.fileno())
            while digest and (chunk := handle.read(1 << 20)):
                hashed.update(chunk)
    except (FileNotFoundError, NotADirectoryError):
        return None
    return Fingerprint(info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns,
                       hashed.hexdigest() if digest else "")


def generated_file(path: str | os.PathLike[str], marker: str) -> Fingerprint | None:
    """The fingerprint of the regular file at ``path`` when its first line is ``marker`` (the
    file was written by the command that writes that marker), else None.

    The marker and the fingerprint come from one read, so a file replaced in between cannot
    borrow another's verdict; the write then checks the fingerprint again (``expect``).
    """
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return None
        with open(path, "rb") as handle:
            info = os.fstat(handle.fileno())
            head = handle.read(len(marker.encode("utf-8")) + 2)
            first = head.split(b"\n", 1)[0].rstrip(b"\r")
            if first != marker.encode("utf-8"):
                return None
            hashed = hashlib.sha256(head)
            while chunk := handle.read(1 << 20):
                hashed.update(chunk)
    except (OSError, ValueError):
        return None
    return Fingerprint(info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns, hashed.hexdigest())


# --- where a write lands ------------------------------------------------------------------


def resolve_target(path: str | os.PathLike[str]) -> Path:
    """The file that writing to ``path`` changes: a symbolic link's final target.

    Replacing the link itself with a regular file would silently detach it from what it
    pointed at, so the write goes through. A dangling link is refused: writing would create a
    file wherever the link points, which the user may not know.
    """
    given = Path(path)
    if not given.is_symlink():
        return given
    real = Path(os.path.realpath(given))
    if not real.exists():
        raise WriteRefused(f"{given} is a symbolic link to {real}, which does not exist; "
                           "write to the target's path, or remove the link")
    return real


def _special(target: Path) -> bool:
    """Whether ``target`` is a character device or a pipe (``-o /dev/stdout``): written in
    place, since renaming over it would replace the device node with a regular file."""
    try:
        mode = target.stat().st_mode
    except OSError:
        return False
    if stat.S_ISDIR(mode):
        raise WriteRefused(f"{target} is a directory; name a file")
    if stat.S_ISREG(mode):
        return False
    if stat.S_ISCHR(mode) or stat.S_ISFIFO(mode):
        return True
    raise WriteRefused(f"{target} is not a regular file; datacard writes only files, "
                       "character devices and pipes")


# --- temporary files removed on terminating signals ----------------------------------------

# The signals whose default action ends the process. Each is caught only while a temporary
# file exists, and only where its handler is the default: a handler the program installed
# (Python's own for SIGINT raises KeyboardInterrupt) already unwinds through the cleanup.
_TERMINATING = tuple(
    getattr(signal, name) for name in (
        "SIGTERM", "SIGHUP", "SIGINT", "SIGQUIT", "SIGUSR1", "SIGUSR2", "SIGALRM", "SIGPIPE",
        "SIGXCPU", "SIGXFSZ", "SIGVTALRM", "SIGPROF", "SIGPWR",
    ) if hasattr(signal, name)
)
_pending: set[str] = set()
_saved: dict[int, signal.Handlers] = {}
_lock = threading.Lock()
_depth = 0  # how many writes of the main thread are under way


def _on_signal(signum: int, frame: FrameType | None) -> None:
    for tmp in list(_pending):
        with suppress(OSError):
            os.unlink(tmp)
    _pending.clear()
    # Die of the same signal, so that the parent sees what killed us (exit status 128+N).
    signal.signal(signum, signal.SIG_DFL)
    os.kill(os.getpid(), signum)


def _install() -> None:
    for signum in _TERMINATING:
        try:
            if signal.getsignal(signum) is signal.SIG_DFL:
                signal.signal(signum, _on_signal)
                _saved[signum] = signal.SIG_DFL
        except (OSError, ValueError):  # not settable here
            continue


def _restore() -> None:
    for signum, handler in _saved.items():
        if signal.getsignal(signum) is _on_signal:
            signal.signal(signum, handler)
    _saved.clear()


@contextmanager
def _signals_caught() -> Iterator[None]:
    """Catch the terminating signals while the block runs (nested blocks share the handlers).

    Handlers can only be set from the main thread; elsewhere a temporary file is still removed
    on every exception, but not on a signal.
    """
    main = threading.current_thread() is threading.main_thread()
    global _depth
    with _lock:
        if main and _depth == 0:
            _install()
        _depth += main
    try:
        yield
    finally:
        with _lock:
            _depth -= main
            if main and _depth == 0:
                _restore()


@contextmanager
def _temporary(directory: Path, name: str) -> Iterator[str]:
    """A new empty file beside the target, removed on any exit and on a terminating signal.

    The name is registered before the file is created, so that no moment exists in which a
    signal could leave it behind.
    """
    with _signals_caught():
        while True:
            tmp = str(directory / f".{name}.{secrets.token_hex(8)}.tmp")
            _pending.add(tmp)
            try:
                fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o600)
                break
            except FileExistsError:  # another file has that name: not ours to remove
                _pending.discard(tmp)
        try:
            os.close(fd)
            yield tmp
        finally:
            if os.path.lexists(tmp):
                os.unlink(tmp)
            _pending.discard(tmp)


# --- atomic replacement -------------------------------------------------------------------


def _refuse_existing(target: Path) -> WriteRefused:
    return WriteRefused(f"{target} exists; pass --force to overwrite it")


@contextmanager
def replacing(
    path: str | os.PathLike[str], *, overwrite: bool = False, expect: Fingerprint | None = None
) -> Iterator[Path]:
    """Yield a temporary path to write the new content to; on success it replaces ``path``.

    The temporary file is flushed to disk before the rename. Without ``overwrite`` an existing
    file is left untouched and :class:`WriteRefused` raised; with ``expect``, a target whose
    fingerprint is no longer ``expect`` raises :class:`WriteConflict`.
    """
    target = resolve_target(path)
    if target.exists() and not overwrite:
        raise _refuse_existing(target)
    directory = target.parent if str(target.parent) else Path(".")
    directory.mkdir(parents=True, exist_ok=True)
    with _temporary(directory, target.name) as tmp:
        yield Path(tmp)
        with open(tmp, "rb+") as handle:
            os.fsync(handle.fileno())
        os.chmod(tmp, target.stat().st_mode & 0o7777 if target.exists() else 0o644)
        if expect is not None and fingerprint(target, digest=bool(expect.digest)) != expect:
            raise WriteConflict(f"{target} changed since datacard read it (another program wrote it); "
                                "nothing was written: run the command again on the new content")
        _move_into_place(tmp, target, overwrite)


def _move_into_place(tmp: str, target: Path, overwrite: bool) -> None:
    if overwrite:
        os.replace(tmp, target)
        return
    # link() fails if the target appeared meanwhile; no race can clobber it.
    try:
        os.link(tmp, target)
    except FileExistsError as exc:
        raise _refuse_existing(target) from exc
    except OSError:  # a file system without hard links
        os.replace(tmp, target)


def write_bytes_atomic(
    path: str | os.PathLike[str], data: bytes, *, overwrite: bool = False, expect: Fingerprint | None = None
) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same directory, then rename.

    Without ``overwrite`` an existing file is left untouched and :class:`WriteRefused` raised.
    A character device or pipe (``/dev/stdout``) is written in place.
    """
    target = resolve_target(path)
    if _special(target):
        with open(target, "wb") as handle:
            handle.write(data)
        return
    with replacing(target, overwrite=overwrite, expect=expect) as tmp, open(tmp, "wb") as handle:
        handle.write(data)


def write_text_atomic(
    path: str | os.PathLike[str], text: str, *, overwrite: bool = False, expect: Fingerprint | None = None
) -> None:
    write_bytes_atomic(path, text.encode("utf-8"), overwrite=overwrite, expect=expect)


_CHUNK = 64 << 20  # bytes copied per call: a pending signal is handled between calls
_NO_KERNEL_COPY = {errno.EXDEV, errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP, errno.EPERM, errno.EBADF}


def copy_range(source: BinaryIO, out: BinaryIO, length: int) -> None:
    """Copy the first ``length`` bytes of ``source`` to ``out``, in the kernel where it can
    (``copy_file_range``: no trip through user space, and shared extents on file systems that
    support them)."""
    out.flush()
    done = 0
    fast = hasattr(os, "copy_file_range")
    while done < length:
        n = min(_CHUNK, length - done)
        copied = 0
        if fast:
            try:
                copied = os.copy_file_range(source.fileno(), out.fileno(), n, done, done)
            except OSError as exc:  # across file systems, or not supported: copy through memory
                if exc.errno not in _NO_KERNEL_COPY:
                    raise
                fast = False
        if not fast:
            source.seek(done)
            chunk = source.read(n)
            out.seek(done)
            out.write(chunk)
            copied = len(chunk)
        if copied <= 0:
            raise OSError(f"the file ended after {done:,} of {length:,} bytes")
        done += copied
    out.seek(length)


# --- the datasheet guard ------------------------------------------------------------------


def datasheet_problems(text: str, path: str | os.PathLike[str], *, markdown: bool | None = None) -> Report:
    """Parse and validate ``text`` as the datasheet file ``path`` would hold; the report's
    errors are what would make the written file unusable."""
    from datacard.findings import Report
    from datacard.load import load_text
    from datacard.model import Datasheet
    from datacard.validate import validate_loaded

    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        report = Report(files=[str(path)])
        from datacard import codes

        report.add(codes.ENCODING.finding(str(path), 1, 1, f"the text cannot be written as UTF-8: {exc.reason}"))
        return report
    _, report = validate_loaded(load_text(text, str(path), markdown=markdown), Datasheet)
    return report


def check_datasheet(text: str, path: str | os.PathLike[str], *, markdown: bool | None = None) -> None:
    """Raise :class:`InvalidDatasheet` unless ``text`` parses and validates as a datasheet."""
    report = datasheet_problems(text, path, markdown=markdown)
    if report.errors:
        raise InvalidDatasheet(str(path), report)


def write_datasheet(
    path: str | os.PathLike[str], text: str, *, overwrite: bool = False, expect: Fingerprint | None = None,
    markdown: bool | None = None,
) -> None:
    """Write a datasheet atomically, after checking that it parses and validates.

    Raises :class:`InvalidDatasheet` (the file untouched) when it does not, and otherwise what
    :func:`write_text_atomic` raises.
    """
    check_datasheet(text, path, markdown=markdown)
    write_text_atomic(path, text, overwrite=overwrite, expect=expect)
