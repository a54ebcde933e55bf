"""What `.gitignore` leaves out, read from the files themselves (not from `git`), so that a walk
selects the same files in a git checkout, in an unpacked archive of it, and where git is absent.

Git's rules: `.git/info/exclude` and the `.gitignore` of every directory from the top of the
tree down; a pattern in a deeper file wins over one above it, and within a file the last
matching pattern wins (`!` re-includes). A file inside an ignored directory cannot be
re-included, which the walk gets for free by not entering ignored directories. The user's
global excludes file (`core.excludesFile`) is not read: a project's selection should not depend
on who runs it. Matching is done by `pathspec`, which implements git's wildmatch.
"""

from __future__ import annotations

import os
import stat
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pathspec

# A .gitignore larger than this is not a .gitignore; git itself refuses to follow symlinks here.
_MAX_IGNORE_BYTES = 1 << 20


def _read_patterns(path: str) -> list[str] | None:
    """The lines of an ignore file, or None when there is none (or it is not a regular file)."""
    try:
        st = os.lstat(path)
        if not stat.S_ISREG(st.st_mode) or st.st_size > _MAX_IGNORE_BYTES:
            return None
        with open(path, "rb") as handle:
            raw = handle.read(_MAX_IGNORE_BYTES)
    except (OSError, ValueError):
        return None
    return raw.decode("utf-8", "replace").splitlines()


def git_dir(top: str) -> str | None:
    """The directory that holds a work tree's own git data: `.git`, or what a `.git` file points at."""
    dot_git = os.path.join(top, ".git")
    if os.path.isdir(dot_git):
        return dot_git
    lines = _read_patterns(dot_git)  # a linked work tree or submodule: "gitdir: PATH"
    if lines and lines[0].startswith("gitdir:"):
        target = lines[0][len("gitdir:"):].strip()
        return os.path.normpath(os.path.join(top, target))
    return None


def _info_exclude(top: str) -> list[str]:
    found = git_dir(top)
    if found is None:
        return []
    # A linked work tree shares info/exclude with the main repository (its "commondir").
    common = _read_patterns(os.path.join(found, "commondir"))
    base = os.path.normpath(os.path.join(found, common[0].strip())) if common else found
    return _read_patterns(os.path.join(base, "info", "exclude")) or []


# The .gitignore files that apply in a folder, from the top down: (folder relative to the top,
# with "/" separators and "" for the top itself; its patterns, a pathspec.GitIgnoreSpec).
Chain = tuple[tuple[str, Any], ...]


def _compile(lines: list[str]) -> pathspec.GitIgnoreSpec:
    # Imported on first use: a run that walks no directory never pays for the matcher.
    import pathspec

    return pathspec.GitIgnoreSpec.from_lines(lines)


class IgnoreRules:
    """Git's ignore rules for the tree under ``top``; each ``.gitignore`` is read once, on first need.

    A walk carries the :data:`Chain` of the folder it is in, so that judging an entry costs one
    match per `.gitignore` above it and no path arithmetic.
    """

    def __init__(self, top: str) -> None:
        self.top = os.path.abspath(top)
        exclude = _info_exclude(self.top)
        self._base = _compile(exclude) if exclude else None
        self._specs: dict[str, pathspec.GitIgnoreSpec | None] = {}

    def _spec(self, folder: str) -> pathspec.GitIgnoreSpec | None:
        if folder not in self._specs:
            lines = _read_patterns(os.path.join(folder, ".gitignore"))
            self._specs[folder] = _compile(lines) if lines else None
        return self._specs[folder]

    def extend(self, chain: Chain, folder: str, rel: str) -> Chain:
        """The chain inside ``folder`` (a real path, ``rel`` from the top), from its parent's."""
        spec = self._spec(folder)
        return chain if spec is None else (*chain, (rel, spec))

    def chain(self, folder: str) -> Chain:
        """The chain inside ``folder`` (a real path under the top), built from the top down."""
        rel = os.path.relpath(os.path.abspath(folder), self.top)
        parts = [] if rel == os.curdir else rel.split(os.sep)
        chain: Chain = ()
        for depth in range(len(parts) + 1):
            chain = self.extend(chain, os.path.join(self.top, *parts[:depth]), "/".join(parts[:depth]))
        return chain

    def ignored(self, chain: Chain, rel: str, is_dir: bool) -> bool:
        """Whether git ignores the entry at ``rel`` (from the top, "/"-separated) in a folder whose
        chain is ``chain``, judged on the entry alone: the walk has already left out ignored folders."""
        suffix = "/" if is_dir else ""
        for prefix, spec in reversed(chain):  # the deepest .gitignore first
            verdict = spec.check_file((rel[len(prefix) + 1:] if prefix else rel) + suffix).include
            if verdict is not None:
                return bool(verdict)
        return self._base is not None and bool(self._base.check_file(rel + suffix).include)

    def ignored_path(self, path: str, is_dir: bool) -> bool:
        """:meth:`ignored` for a path under the top, building its folder's chain."""
        rel = os.path.relpath(os.path.abspath(path), self.top)
        if rel == os.curdir or rel.startswith(os.pardir):
            return False
        return self.ignored(self.chain(os.path.dirname(os.path.abspath(path))), rel.replace(os.sep, "/"), is_dir)
