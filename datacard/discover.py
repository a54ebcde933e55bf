"""Finding datasheet files under the paths a user names."""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

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
            if matches(name, patterns):
                yield os.path.join(current, name)


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
