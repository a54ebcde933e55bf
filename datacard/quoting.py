"""The one rule for quoting a file's content in any output.

The `full` format shows the line a finding points at. A committed link can make a "datasheet"
of any file on the machine (`env.datacard.yaml -> /proc/self/environ`), so the line is read back
only from a file that the rule below allows; every reporter asks here, and nowhere else.
"""

from __future__ import annotations

import os
import stat
from functools import lru_cache

from datacard.discover import inside, pseudo
from datacard.kinds import Kind, kind_by_name
from datacard.load import DEFAULT_MAX_BYTES, read_bytes
from datacard.project import ProjectError, folder_of, git_top, resolve_project


@lru_cache(maxsize=64)
def _quoting_project(folder: str) -> tuple[tuple[str, ...], int]:
    """(allowed folders, max bytes) of the project around ``folder``; a broken configuration
    allows the root alone."""
    try:
        project = resolve_project([folder])
    except ProjectError:
        return (os.path.realpath(git_top(folder) or folder),), DEFAULT_MAX_BYTES
    return project.allowed, project.max_bytes


def quoted_lines(path: str) -> list[str]:
    """The lines of ``path`` that a report may quote, or none.

    The one rule for quoting a file's content in any output: only a regular, non-empty file,
    not on a pseudo filesystem (/proc, /sys, /dev), whose real path lies inside its project
    (or an `allow-outside-root` folder), whose real name is that of a YAML, Markdown or JSON
    file, no larger than the size limit, and that is UTF-8 text without NUL bytes. Anything
    else (a link to `/proc/self/environ`, a binary file, a pipe) is quoted nowhere.
    """
    try:
        real = os.path.realpath(path)
        st = os.stat(real)
    except (OSError, ValueError):
        return []
    if not stat.S_ISREG(st.st_mode) or st.st_size == 0 or pseudo(real):
        return []
    if kind_by_name(real) in (Kind.DATA, Kind.OTHER):
        return []
    allowed, limit = _quoting_project(folder_of(os.path.abspath(path)))
    if not inside(real, allowed):
        return []
    raw, _ = read_bytes(real, limit)
    if raw is None or b"\0" in raw:
        return []
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return []
    return text.splitlines()
