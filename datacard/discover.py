"""Finding datasheet files under the paths a user names."""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from datacard.gitfiles import git_files, git_ignored

DATASHEET_PATTERNS = ("*.datacard.yaml", "*.datacard.yml")
SKIP_DIRS = frozenset({
    ".git", ".hg", ".svn", "node_modules", ".venv", "venv", "__pycache__", ".mypy_cache",
    ".ruff_cache", ".pytest_cache", ".tox", ".nox", "site-packages", ".dvc",
})


@dataclass
class Discovery:
    """Files found, and named paths that do not exist (a usage error for the CLI)."""

    files: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)


def matches(name: str, patterns: Iterable[str]) -> bool:
    return any(fnmatch.fnmatch(name, p) for p in patterns)


def _walk(root: str, patterns: tuple[str, ...]) -> Iterator[str]:
    # Follow directory symlinks, but never into a directory already visited: a symlink loop
    # must end the walk of that branch, not hang it.
    seen: set[tuple[int, int]] = set()
    for current, dirs, files in os.walk(root, followlinks=True):
        try:
            st = os.stat(current)
        except OSError:
            dirs[:] = []
            continue
        ident = (st.st_dev, st.st_ino)
        if ident in seen:
            dirs[:] = []
            continue
        seen.add(ident)
        dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS)
        for name in sorted(files):
            path = os.path.join(current, name)
            # A FIFO or device with a datasheet's name would block the read forever; a file
            # named on the command line is still read, so `validate <(command)` works.
            if matches(name, patterns) and (os.path.isfile(path) or not os.path.exists(path)):
                yield path


def discover(paths: Iterable[str], patterns: tuple[str, ...] = DATASHEET_PATTERNS) -> Discovery:
    """Named files as they are; directories searched for ``patterns``; sorted, no repeats."""
    result = Discovery()
    seen: set[str] = set()
    for path in paths:
        if os.path.isdir(path):
            found: Iterable[str] = _walk(path, patterns)
        elif os.path.exists(path) or os.path.islink(path):
            found = [path]
        else:
            result.missing.append(path)
            continue
        for item in found:
            norm = os.path.normpath(item)
            if norm not in seen:
                seen.add(norm)
                result.files.append(norm)
    return result


def visible(files: list[str], paths: list[str], root: str, patterns: tuple[str, ...]) -> list[str]:
    """Files found by walking directories, less those git ignores.

    Files named on the command line always stay, and so does everything under a named
    directory that git itself ignores: naming it says it is wanted.
    """
    named = {os.path.normpath(p) for p in paths if not os.path.isdir(p)}
    if all(f in named for f in files):
        return files
    listed = git_files(root, patterns)
    if listed is None:
        return files
    keep = {os.path.realpath(p) for p in listed}
    wanted = [os.path.realpath(d) + os.sep for d in paths if os.path.isdir(d) and git_ignored(root, d)]
    real_root = os.path.realpath(root) + os.sep

    def visible(path: str) -> bool:
        real = os.path.realpath(path)
        return (path in named or real in keep or not real.startswith(real_root)
                or any(real.startswith(w) for w in wanted))

    return [f for f in files if visible(f)]


def excluded(path: str, root: str, patterns: list[str], named: list[str] | None = None) -> bool:
    """Whether ``path`` (found by walking a directory) matches an `exclude` glob, or lies under one.

    A directory in ``named`` was asked for by name: it and the folders above it are not
    matched, only what lies below it, so `datacard validate tests/cases` checks an excluded folder.
    """
    try:
        rel = os.path.relpath(os.path.abspath(path), root).replace(os.sep, "/")
    except ValueError:  # another drive on Windows
        return False
    parts = rel.split("/")
    skip = max((_depth_below(path, root, d) for d in named or []), default=0)
    prefixes = ["/".join(parts[: i + 1]) for i in range(skip, len(parts))]
    return any(fnmatch.fnmatch(p, pat.strip("/")) for p in prefixes for pat in patterns)


def _depth_below(path: str, root: str, directory: str) -> int:
    """How many leading parts of ``path`` (relative to ``root``) the named ``directory`` covers."""
    top = os.path.realpath(directory)
    if not os.path.realpath(path).startswith(top + os.sep):
        return 0
    rel = os.path.relpath(top, root).replace(os.sep, "/")
    return 0 if rel.startswith("..") or rel == "." else len(rel.split("/"))


def select_files(
    paths: list[str], patterns: tuple[str, ...], *, root: str, respect_gitignore: bool, exclude: list[str]
) -> Discovery:
    """:func:`discover`, less what git ignores and what `exclude` names, in walked directories.

    Files named on the command line are always kept, as ruff keeps them.
    """
    found = discover(paths, patterns)
    if respect_gitignore:
        found.files = visible(found.files, paths, root, patterns)
    if exclude:
        named = {os.path.normpath(p) for p in paths if not os.path.isdir(p)}
        folders = [p for p in paths if os.path.isdir(p)]
        found.files = [f for f in found.files if f in named or not excluded(f, root, exclude, folders)]
    return found
