"""Walking a directory for the files a command reads.

The walk stays inside the project: it leaves out what `.gitignore` and the `exclude` globs
leave out, enters no directory link unless asked (`follow-links`) and never one that leads out
of the project, reads no file through a link that leads out of it, and never reads a pipe,
socket or device. What it passes over for those reasons, and directories it cannot list, are
findings; nothing is skipped in silence except what the project's own rules exclude.
"""

from __future__ import annotations

import fnmatch
import os
import stat
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from datacard import codes
from datacard.findings import Finding, Severity

if TYPE_CHECKING:
    from datacard.gitfiles import Chain, IgnoreRules

SKIP_DIRS = frozenset({
    ".git", ".hg", ".svn", "node_modules", ".venv", "venv", "__pycache__", ".mypy_cache",
    ".ruff_cache", ".pytest_cache", ".tox", ".nox", "site-packages", ".dvc",
})
# Pseudo filesystems whose "regular files" are views of the running system, never documents.
PSEUDO_FS = ("/proc", "/sys", "/dev")


def inside(real: str, folders: Iterable[str]) -> bool:
    """Whether the real path ``real`` lies in (or is) one of the real paths ``folders``."""
    for folder in folders:
        try:
            if os.path.commonpath([real, folder]) == folder:
                return True
        except ValueError:  # another drive on Windows, or a relative path
            continue
    return False


def pseudo(real: str) -> bool:
    return any(real == p or real.startswith(p + os.sep) for p in PSEUDO_FS)


def excluded(rel: str, patterns: Iterable[str]) -> bool:
    """Whether a path relative to the project root (``/``-separated) matches an `exclude` glob.

    Each directory is tested as the walk enters it, so a glob that names a folder leaves out
    everything below it.
    """
    return any(fnmatch.fnmatch(rel, pattern.strip("/")) for pattern in patterns)


@dataclass(frozen=True)
class WalkRules:
    """The project's rules for a walk. ``root`` and ``boundaries`` are real paths."""

    root: str
    boundaries: tuple[str, ...]  # the folders a link may lead into: the root and allow-outside-root
    exclude: tuple[str, ...] = ()
    respect_gitignore: bool = True
    follow_links: bool = False


@dataclass
class Walk:
    files: list[tuple[str, str]] = field(default_factory=list)  # (path as walked, real path)
    findings: list[Finding] = field(default_factory=list)


@dataclass(frozen=True)
class _Folder:
    shown: str  # as the walk spells it, from the path the user gave
    real: str
    rel: str  # from the anchor, "/"-separated; "" for the anchor itself
    chain: Chain  # the .gitignore files that apply inside it

    # Prefixes for the paths of entries: joined once per folder, not once per entry.
    @property
    def shown_prefix(self) -> str:
        return self.shown if self.shown.endswith(os.sep) else self.shown + os.sep

    @property
    def real_prefix(self) -> str:
        return self.real if self.real.endswith(os.sep) else self.real + os.sep


def _name(entry: os.DirEntry[str]) -> str:
    return entry.name


def _rel(real: str, anchor: str) -> str:
    rel = os.path.relpath(real, anchor)
    return "" if rel == os.curdir else rel.replace(os.sep, "/")


class _Walker:
    def __init__(self, top: str, rules: WalkRules, want: Callable[[str], bool]) -> None:
        self.rules = rules
        self.want = want
        self.result = Walk()
        self.top = os.path.realpath(top)
        in_project = inside(self.top, [rules.root])
        # Globs and .gitignore are the project's; a folder outside it is walked on its own terms.
        self.anchor = rules.root if in_project else self.top
        self.exclude = rules.exclude if in_project else ()
        self.ignore: IgnoreRules | None = None
        if rules.respect_gitignore:
            from datacard.gitfiles import IgnoreRules

            ignore = IgnoreRules(self.anchor)
            # A folder that git ignores, named on the command line, is wanted: walk all of it.
            if not (self.top != self.anchor and ignore.ignored_path(self.top, is_dir=True)):
                self.ignore = ignore
        self.boundaries = rules.boundaries if in_project else (*rules.boundaries, self.top)
        self.seen: set[str] = {self.top}

    def folder(self, shown: str, real: str, parent: _Folder | None = None) -> _Folder:
        rel = (f"{parent.rel}/{os.path.basename(real)}" if parent.rel else os.path.basename(real)) \
            if parent is not None else _rel(real, self.anchor)
        if self.ignore is None:
            chain: Chain = ()
        elif parent is not None:
            chain = self.ignore.extend(parent.chain, real, rel)
        else:
            chain = self.ignore.chain(real)
        return _Folder(shown, real, rel, chain)

    def skipped(self, folder: _Folder, name: str, is_dir: bool) -> bool:
        """Left out by an `exclude` glob or by `.gitignore` (judged on the path in the project)."""
        rel = f"{folder.rel}/{name}" if folder.rel else name
        if self.exclude and excluded(rel, self.exclude):
            return True
        return self.ignore is not None and self.ignore.ignored(folder.chain, rel, is_dir)

    def note(self, code: codes.Code, path: str, message: str) -> None:
        self.result.findings.append(code.finding(os.path.normpath(path), 0, 0, message, severity=Severity.WARNING))

    def run(self, top: str) -> Walk:
        stack = [self.folder(top, self.top)]
        while stack:
            current = stack.pop()
            try:
                with os.scandir(current.shown) as listing:
                    entries = sorted(listing, key=_name)
            except OSError as exc:
                self.note(codes.UNREADABLE_DIR, current.shown, f"cannot list this directory "
                          f"({exc.strerror or exc}); the files in it were not checked")
                continue
            shown, real = current.shown_prefix, current.real_prefix
            below = [child for entry in entries if (child := self.entry(current, entry, shown, real)) is not None]
            stack.extend(reversed(below))
        return self.result

    def entry(self, parent: _Folder, entry: os.DirEntry[str], shown_prefix: str, real_prefix: str) -> _Folder | None:
        """Take one directory entry; return it when it is a directory to walk into."""
        name = entry.name
        shown = shown_prefix + name
        try:
            if entry.is_symlink():
                return self.link(parent, name, shown)
            if entry.is_dir(follow_symlinks=False):
                real = real_prefix + name
                if name in SKIP_DIRS or pseudo(real) or self.skipped(parent, name, True):
                    return None
                return self.folder(shown, real, parent)
            # Most entries of a tree are not wanted: decide on the name before any other work.
            if not self.want(name) or self.skipped(parent, name, False):
                return None
            if entry.is_file(follow_symlinks=False):
                self.result.files.append((shown, real_prefix + name))
            else:
                self.note(codes.SPECIAL_FILE, shown, "not a regular file (a pipe, socket or device); not read")
        except OSError as exc:
            self.note(codes.UNREADABLE_DIR, shown, f"cannot read this entry ({exc.strerror or exc}); not checked")
        return None

    def link(self, parent: _Folder, name: str, shown: str) -> _Folder | None:
        real = os.path.realpath(shown)
        try:
            mode: int | None = os.stat(shown).st_mode
        except OSError:
            mode = None  # a broken link: the loader says it cannot be read
        if mode is not None and stat.S_ISDIR(mode):
            # Directory links are followed only when asked, never out of the project, never twice.
            if (not self.rules.follow_links or name in SKIP_DIRS or not inside(real, self.boundaries)
                    or real in self.seen or self.skipped(parent, name, True)):
                return None
            self.seen.add(real)
            return self.folder(shown, real) if inside(real, [self.anchor]) else _Folder(shown, real, "", ())
        if not self.want(name) or self.skipped(parent, name, False):
            return None
        if not inside(real, self.boundaries) or pseudo(real):
            self.note(codes.LINK_OUTSIDE, shown, f"a link to {real}, outside the project; not read "
                      "(list its folder in `allow-outside-root` to read it)")
        elif mode is not None and not stat.S_ISREG(mode):
            self.note(codes.SPECIAL_FILE, shown, "a link to a pipe, socket or device; not read")
        else:
            self.result.files.append((shown, real))
        return None


def walk(top: str, rules: WalkRules, want: Callable[[str], bool]) -> Walk:
    """The files under the directory ``top`` whose names ``want`` accepts, in a stable order."""
    return _Walker(top, rules, want).run(top)
