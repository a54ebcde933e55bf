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

from datacard import codes
from datacard.findings import Finding, Severity
from datacard.gitfiles import IgnoreRules

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
    files: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)


class _Walker:
    def __init__(self, top: str, rules: WalkRules, want: Callable[[str], bool]) -> None:
        self.rules = rules
        self.want = want
        self.result = Walk()
        real_top = os.path.realpath(top)
        in_project = inside(real_top, [rules.root])
        # Globs and .gitignore are the project's; a folder outside it is walked on its own terms.
        self.anchor = rules.root if in_project else real_top
        self.exclude = rules.exclude if in_project else ()
        self.ignore: IgnoreRules | None = None
        if rules.respect_gitignore:
            ignore = IgnoreRules(self.anchor)
            # A folder that git ignores, named on the command line, is wanted: walk all of it.
            if not (real_top != self.anchor and ignore.ignored(real_top, is_dir=True)):
                self.ignore = ignore
        self.boundaries = rules.boundaries if in_project else (*rules.boundaries, real_top)
        self.seen: set[str] = {real_top}

    def skipped(self, real: str, is_dir: bool) -> bool:
        """Left out by `.gitignore` or by an `exclude` glob (judged on the path in the project)."""
        if self.exclude:
            rel = os.path.relpath(real, self.anchor).replace(os.sep, "/")
            if excluded(rel, self.exclude):
                return True
        return self.ignore is not None and self.ignore.ignored(real, is_dir)

    def note(self, code: codes.Code, path: str, message: str) -> None:
        self.result.findings.append(code.finding(os.path.normpath(path), 0, 0, message, severity=Severity.WARNING))

    def run(self, top: str) -> Walk:
        stack = [(top, os.path.realpath(top))]
        while stack:
            shown, real = stack.pop()
            try:
                with os.scandir(shown) as listing:
                    entries = sorted(listing, key=lambda e: e.name)
            except OSError as exc:
                self.note(codes.UNREADABLE_DIR, shown, f"cannot list this directory ({exc.strerror or exc}); "
                          "the files in it were not checked")
                continue
            below: list[tuple[str, str]] = []
            for entry in entries:
                child = self.entry(entry, os.path.join(shown, entry.name), os.path.join(real, entry.name))
                if child is not None:
                    below.append(child)
            stack.extend(reversed(below))
        return self.result

    def entry(self, entry: os.DirEntry[str], shown: str, real: str) -> tuple[str, str] | None:
        """Take one directory entry; return it when it is a directory to walk into."""
        try:
            if entry.is_symlink():
                return self.link(entry.name, shown)
            if entry.is_dir(follow_symlinks=False):
                if entry.name in SKIP_DIRS or pseudo(real) or self.skipped(real, True):
                    return None
                return shown, real
            if not self.want(entry.name) or self.skipped(real, False):
                return None
            if entry.is_file(follow_symlinks=False):
                self.result.files.append(shown)
            else:
                self.note(codes.SPECIAL_FILE, shown, "not a regular file (a pipe, socket or device); not read")
        except OSError as exc:
            self.note(codes.UNREADABLE_DIR, shown, f"cannot read this entry ({exc.strerror or exc}); not checked")
        return None

    def link(self, name: str, shown: str) -> tuple[str, str] | None:
        real = os.path.realpath(shown)
        lexical = os.path.join(os.path.realpath(os.path.dirname(shown)), name)
        try:
            mode = os.stat(shown).st_mode
        except OSError:
            mode = None  # a broken link: the loader says it cannot be read
        if mode is not None and stat.S_ISDIR(mode):
            # Directory links are followed only when asked, never out of the project, never twice.
            if (not self.rules.follow_links or name in SKIP_DIRS or not inside(real, self.boundaries)
                    or real in self.seen or self.skipped(lexical, True)):
                return None
            self.seen.add(real)
            return shown, real
        if not self.want(name) or self.skipped(lexical, False):
            return None
        if not inside(real, self.boundaries) or pseudo(real):
            self.note(codes.LINK_OUTSIDE, shown, f"a link to {real}, outside the project; not read "
                      "(list its folder in `allow-outside-root` to read it)")
        elif mode is not None and not stat.S_ISREG(mode):
            self.note(codes.SPECIAL_FILE, shown, "a link to a pipe, socket or device; not read")
        else:
            self.result.files.append(shown)
        return None


def walk(top: str, rules: WalkRules, want: Callable[[str], bool]) -> Walk:
    """The files under the directory ``top`` whose names ``want`` accepts, in a stable order."""
    return _Walker(top, rules, want).run(top)
