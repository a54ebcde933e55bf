"""Writing files atomically: a failed write never leaves a half-written or clobbered file."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


class WriteRefused(Exception):
    """The target exists and overwriting was not asked for."""


def write_bytes_atomic(path: str | os.PathLike[str], data: bytes, *, overwrite: bool = False) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same directory, then rename.

    Without ``overwrite`` an existing file is left untouched and :class:`WriteRefused` raised.
    """
    target = Path(path)
    if target.exists() and not overwrite:
        raise WriteRefused(f"{target} exists; pass --force to overwrite it")
    directory = target.parent if str(target.parent) else Path(".")
    directory.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if target.exists():
            os.chmod(tmp, target.stat().st_mode & 0o7777)
        else:
            os.chmod(tmp, 0o644)
        if overwrite:
            os.replace(tmp, target)
        else:
            # link() fails if the target appeared meanwhile; no race can clobber it.
            try:
                os.link(tmp, target)
            except FileExistsError as exc:
                raise WriteRefused(f"{target} exists; pass --force to overwrite it") from exc
            except OSError:
                os.replace(tmp, target)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def write_text_atomic(path: str | os.PathLike[str], text: str, *, overwrite: bool = False) -> None:
    write_bytes_atomic(path, text.encode("utf-8"), overwrite=overwrite)
