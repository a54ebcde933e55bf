"""The old side of `datacard diff --rev`: files as a git revision has them, read through `git`.

Every call runs `git` directly (no shell), in the work tree, with the revision checked first
(`git rev-parse --verify`): a revision that starts with ``-`` is refused, so that it can never be
read as an option. Names are paths from the top of the work tree, with ``/``.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Sequence


class GitError(Exception):
    """git is not there, the folder is not in a work tree, or the revision is unknown."""


# A repository's own configuration can name programs for git to run (core.fsmonitor runs one
# on `git diff`); datacard reads a checkout, it never runs what the checkout names.
_SAFE = ("-c", "core.fsmonitor=false", "-c", "core.hooksPath=/dev/null", "--no-pager")


def _git(top: str, *args: str) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(["git", *_SAFE, *args], cwd=top, capture_output=True, check=False)
    except OSError as exc:
        raise GitError(f"cannot run git: {exc.strerror or exc}") from None


def work_tree(start: str) -> str:
    """The top of the git work tree around ``start``."""
    folder = start if os.path.isdir(start) else os.path.dirname(os.path.abspath(start))
    done = _git(folder, "rev-parse", "--show-toplevel")
    if done.returncode != 0:
        raise GitError(f"{start} is not in a git work tree; --rev compares with a git revision, "
                       "so run it inside a git checkout (or compare two files: `datacard diff OLD NEW`)")
    return os.fsdecode(done.stdout.strip())


def commit(top: str, rev: str) -> str:
    """The commit ``rev`` names."""
    if not rev or rev.startswith("-"):
        raise GitError(f"{rev!r} is not a revision")
    done = _git(top, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}")
    if done.returncode != 0:
        raise GitError(f"git knows no revision {rev!r}")
    return done.stdout.decode("ascii").strip()


def changed(top: str, rev: str, paths: Sequence[str] = ()) -> list[str]:
    """The files that differ between ``rev`` and the work tree, as `git diff --name-only` lists
    them (renames as a removal and an addition), under ``paths`` (relative to ``top``)."""
    done = _git(top, "diff", "--name-only", "--no-renames", "-z", commit(top, rev), "--", *(paths or ["."]))
    if done.returncode != 0:
        raise GitError(f"git diff failed: {done.stderr.decode('utf-8', 'replace').strip()}")
    return [os.fsdecode(name) for name in done.stdout.split(b"\0") if name]


def show(top: str, rev: str, name: str, max_bytes: int) -> bytes | None:
    """The bytes of ``name`` at ``rev``, or None when the revision has no such file (or it is
    larger than ``max_bytes``, which the caller reports)."""
    sha = commit(top, rev)
    size = _git(top, "cat-file", "-s", f"{sha}:{name}")
    if size.returncode != 0:
        return None
    if int(size.stdout.strip() or 0) > max_bytes:
        raise GitError(f"{name} at {rev} has {int(size.stdout.strip()):,} bytes, over the limit of {max_bytes:,}")
    done = _git(top, "cat-file", "blob", f"{sha}:{name}")
    return done.stdout if done.returncode == 0 else None
