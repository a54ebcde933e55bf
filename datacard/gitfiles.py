"""Files git does not ignore: directory walks skip what `.gitignore` leaves out, as ruff does."""

from __future__ import annotations

import os
import shutil
import subprocess


def git_files(root: str, patterns: tuple[str, ...]) -> list[str] | None:
    """Tracked and untracked-but-not-ignored files under ``root`` matching ``patterns``.

    None when ``root`` is not the top of a git work tree or git cannot be run; callers then
    walk the directory themselves.
    """
    if not os.path.exists(os.path.join(root, ".git")) or shutil.which("git") is None:
        return None
    specs = [f":(glob)**/{pattern}" for pattern in patterns]
    try:
        done = subprocess.run(
            ["git", "-C", root, "ls-files", "-z", "--cached", "--others", "--exclude-standard", "--", *specs],
            capture_output=True, timeout=120, check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if done.returncode != 0:
        return None
    names = done.stdout.decode("utf-8", "surrogateescape").split("\0")
    paths = (os.path.join(root, name) for name in names if name)
    return [p for p in paths if os.path.isfile(p)]  # tracked files may be deleted in the work tree


def git_ignored(root: str, path: str) -> bool:
    """Whether git ignores ``path`` (a file or directory inside the work tree at ``root``)."""
    if not os.path.exists(os.path.join(root, ".git")) or shutil.which("git") is None:
        return False
    try:
        done = subprocess.run(["git", "-C", root, "check-ignore", "-q", "--", os.path.abspath(path)],
                              capture_output=True, timeout=60, check=False)
    except (OSError, subprocess.SubprocessError):
        return False
    return done.returncode == 0
