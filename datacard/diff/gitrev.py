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


def _git(top: str, *args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(["git", *_SAFE, *args], cwd=top, input=stdin, capture_output=True, check=False)
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


def show(top: str, rev: str, names: Sequence[str], max_bytes: int) -> dict[str, bytes | None]:
    """The bytes of each of ``names`` at ``rev``: None where the revision has no such file.
    A file larger than ``max_bytes`` raises GitError, which the caller reports.

    A few git processes in all, however many names (one listing per chunk of names, one
    `cat-file --batch` per round of links), not several per file. A symbolic link committed at
    ``rev`` is followed as the work tree would follow it, to the file it names inside the tree
    at that revision; a link that leads out of the tree (an absolute path, ``../..``) or to no
    file is no file: its target is never read as a datasheet.
    """
    sha = commit(top, rev)
    found: dict[str, bytes | None] = dict.fromkeys(names)
    wanted = {name: name for name in names}  # the name asked for -> the name to read now
    seen = {name: {name} for name in names}  # the names each one's links went through: a loop ends
    for _ in range(_MAX_LINKS):
        entries = _entries(top, sha, sorted(set(wanted.values())))
        blobs = {e[1] for e in entries.values() if e[0] in (_FILE, _EXECUTABLE, _LINK)}
        for name, (mode, oid, size) in entries.items():
            if oid in blobs and size > max_bytes and mode != _LINK:
                raise GitError(f"{name} at {rev} has {size:,} bytes, over the limit of {max_bytes:,}")
        contents = _blobs(top, sorted(blobs))
        links: dict[str, str] = {}
        for asked, name in wanted.items():
            entry = entries.get(name)
            if entry is None or entry[1] not in contents:
                continue  # no such path, a folder, or a submodule
            if entry[0] != _LINK:
                found[asked] = contents[entry[1]]
            else:
                followed = _followed(name, os.fsdecode(contents[entry[1]]))
                if followed is not None and followed not in seen[asked]:
                    seen[asked].add(followed)
                    links[asked] = followed
        if not links:
            break
        wanted = links
    return found


def _followed(name: str, target: str) -> str | None:
    """The path a link at ``name`` leads to inside the tree, or None when it leads out of it."""
    followed = posixpath.normpath(posixpath.join(posixpath.dirname(name), target))
    if target.startswith("/") or followed == ".." or followed.startswith("../"):
        return None
    return followed


_LINK = "120000"
_MAX_LINKS = 40  # as many links in a row as Linux follows


_FILE, _EXECUTABLE = "100644", "100755"
_CHUNK = 500  # names per `git ls-tree`, far below any command-line limit


def _entries(top: str, sha: str, names: Sequence[str]) -> dict[str, tuple[str, str, int]]:
    """(mode, object id, size) of each of ``names`` that the tree of ``sha`` lists; names are
    taken literally, never as patterns."""
    out: dict[str, tuple[str, str, int]] = {}
    for at in range(0, len(names), _CHUNK):
        chunk = names[at: at + _CHUNK]
        done = _git(top, "--literal-pathspecs", "ls-tree", "-z", "--long", "--full-tree", sha, "--", *chunk)
        if done.returncode != 0:
            continue
        asked = set(chunk)
        for record in done.stdout.split(b"\0"):
            info, _, listed = record.partition(b"\t")
            name = os.fsdecode(listed)
            if name in asked:
                mode, _, oid, size = info.decode("ascii").split()
                out[name] = (mode, oid, int(size) if size.isdigit() else 0)
    return out


def _blobs(top: str, oids: Sequence[str]) -> dict[str, bytes]:
    """The content of each blob, read by one `git cat-file --batch`."""
    if not oids:
        return {}
    done = _git(top, "cat-file", "--batch", stdin="\n".join(oids).encode() + b"\n")
    out, data, at = {}, done.stdout, 0
    for oid in oids:
        header_end = data.find(b"\n", at)
        if header_end < 0:
            break
        header = data[at:header_end].split()
        at = header_end + 1
        if len(header) != 3 or header[1] != b"blob":  # "<oid> missing", or not a blob
            continue
        size = int(header[2])
        out[oid] = data[at: at + size]
        at += size + 1  # the content, then a newline
    return out
