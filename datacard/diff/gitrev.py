"""The old side of `datacard diff --rev`: files as a git revision has them, read through `git`.

Every call runs `git` directly (no shell), in the work tree, with the revision checked first
(`git rev-parse --verify`): a revision that starts with ``-`` is refused, so that it can never be
read as an option. Names are paths from the top of the work tree, with ``/``.
"""

from __future__ import annotations

import os
import posixpath
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
    larger than ``max_bytes``, which the caller reports).

    A symbolic link committed at ``rev`` is followed as the work tree would follow it, to the
    file it names inside the tree at that revision; a link that leads out of the tree (an
    absolute path, ``../..``) or to no file is no file: its target is never read as a datasheet.
    """
    sha = commit(top, rev)
    for _ in range(_MAX_LINKS):
        entry = _entry(top, sha, name)
        if entry is None or entry[1] != "blob":
            return None  # no such path, a folder, or a submodule
        mode, _, size = entry
        if size > max_bytes:
            raise GitError(f"{name} at {rev} has {size:,} bytes, over the limit of {max_bytes:,}")
        done = _git(top, "cat-file", "blob", f"{sha}:{name}")
        if done.returncode != 0:
            return None
        if mode != _LINK:
            return done.stdout
        target = os.fsdecode(done.stdout)
        followed = posixpath.normpath(posixpath.join(posixpath.dirname(name), target))
        if target.startswith("/") or followed == ".." or followed.startswith("../"):
            return None
        name = followed
    return None  # links that lead to links, on and on


_LINK = "120000"
_MAX_LINKS = 40  # as many links in a row as Linux follows


def _entry(top: str, sha: str, name: str) -> tuple[str, str, int] | None:
    """(mode, type, size) of ``name`` in the tree of ``sha``; the name is taken literally, never
    as a pattern."""
    done = _git(top, "--literal-pathspecs", "ls-tree", "-z", "--long", "--full-tree", sha, "--", name)
    if done.returncode != 0 or not done.stdout:
        return None
    info, _, listed = done.stdout.rstrip(b"\0").partition(b"\t")
    if os.fsdecode(listed) != name:
        return None
    mode, kind, _, size = info.decode("ascii").split()
    return mode, kind, int(size) if size.isdigit() else 0
