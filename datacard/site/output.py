"""Writing a site into a folder without ever touching a file datacard did not write.

A site folder holds a manifest, ``.datacard-site.json``, with every file the last build wrote
and a digest of its content. A rebuild writes the new files, then removes the files of the last
build that the new one no longer has, but only those whose content is still what datacard
wrote: a file someone else put there, or edited, stays. A folder that holds files and no
manifest is not a datacard site, and is written into only with ``force``.

Each file is written atomically (:mod:`datacard.write`); a file whose content is already right
is left alone, so a rebuild of an unchanged catalogue changes nothing on disk. Links are never
followed: a folder of the site that is a symbolic link, or a link where a page goes, is refused.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

MANIFEST = ".datacard-site.json"
GENERATOR = "datacard site"


class SiteRefused(Exception):
    """The site cannot be written there; nothing was written."""


@dataclass
class Written:
    written: list[str] = field(default_factory=list)  # files created or changed
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)  # files of the last build it no longer has
    kept: list[str] = field(default_factory=list)  # files of the last build someone changed: left


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def manifest_bytes(files: dict[str, bytes]) -> bytes:
    body = {"generator": GENERATOR, "files": {path: digest(data) for path, data in sorted(files.items())}}
    return (json.dumps(body, indent=1, sort_keys=True) + "\n").encode("utf-8")


def previous(out: Path) -> dict[str, str] | None:
    """The files and digests of the site last written to ``out`` (None: no datacard site)."""
    try:
        data = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):  # no manifest datacard wrote
        return None
    files = data.get("files") if isinstance(data, dict) and data.get("generator") == GENERATOR else None
    if not isinstance(files, dict):
        return None
    return {str(k): str(v) for k, v in files.items() if _relative(str(k))}


def _relative(path: str) -> bool:
    """A path a manifest may name: relative, inside the site, no `..`."""
    parts = path.split("/")
    return bool(path) and not path.startswith("/") and ".." not in parts and "" not in parts and "\\" not in path


def _current(out: Path, path: str) -> str | None:
    """The digest of the site's file ``path``; None when it is not a regular file reached
    through real folders of the site (a link on the way may lead anywhere: a manifest placed
    in the folder, beside a link to another folder, would otherwise name a file out there)."""
    target = out / path
    try:
        if not _through_folders(out, path) or target.is_symlink() or not target.is_file():
            return None
        return digest(target.read_bytes())
    except OSError:
        return None


def _through_folders(out: Path, path: str) -> bool:
    """Whether every folder between ``out`` and ``path`` is a real folder, not a link."""
    current = out
    for part in path.split("/")[:-1]:
        current = current / part
        if current.is_symlink() or not current.is_dir():
            return False
    return True


def check_target(out: Path, force: bool) -> dict[str, str]:
    """Refuse a target that is not a folder, or a non-empty folder that is not a datacard site
    (without ``force``); the last build's manifest otherwise (empty for a new site)."""
    if out.is_symlink() and not out.is_dir():
        raise SiteRefused(f"{out} is a link to something that is not a folder")
    if out.exists() and not out.is_dir():
        raise SiteRefused(f"{out} exists and is not a folder")
    if not out.exists():
        return {}
    last = previous(out)
    if last is None:
        if any(out.iterdir()) and not force:
            raise SiteRefused(f"{out} holds files and is not a datacard site (it has no {MANIFEST}); "
                              "choose an empty or new folder, or pass --force to write into it (no file is deleted)")
        return {}
    return last


def write_site(out: Path, files: dict[str, bytes], *, force: bool = False) -> Written:
    """Write ``files`` (relative path -> content) into ``out`` as a datacard site."""
    from datacard.write import write_bytes_atomic

    for path in files:
        if not _relative(path):
            raise ValueError(f"not a path inside the site: {path!r}")  # a bug: our names are slugs
    last = check_target(out, force)
    folders = sorted({str(Path(p).parent) for p in files if "/" in p})
    out.mkdir(parents=True, exist_ok=True)
    for folder in folders:
        _real_folder(out, folder)
    done = Written()
    for path, data in sorted(files.items()):
        target = out / path
        if target.is_symlink():
            raise SiteRefused(f"{target} is a symbolic link; datacard writes a site's files, never through links")
        if target.exists() and not target.is_file():
            raise SiteRefused(f"{target} is in the way and is not a file")
        if _current(out, path) == digest(data):
            done.unchanged.append(path)
            continue
        write_bytes_atomic(target, data, overwrite=True)
        done.written.append(path)
    for path, was in sorted(last.items()):
        if path in files or path == MANIFEST:
            continue
        now = _current(out, path)
        if now is None:
            continue
        if now == was:
            (out / path).unlink()
            done.removed.append(path)
        else:
            done.kept.append(path)
    _remove_empty(out, {str(Path(p).parent) for p in last if "/" in p} - set(folders))
    write_bytes_atomic(out / MANIFEST, manifest_bytes(files), overwrite=True)
    return done


def _real_folder(out: Path, folder: str) -> None:
    """Make ``out/folder``, refusing any part of it that is a link or a file."""
    current = out
    for part in folder.split("/"):
        current = current / part
        if current.is_symlink():
            raise SiteRefused(f"{current} is a symbolic link; datacard writes a site only into real folders")
        if current.exists() and not current.is_dir():
            raise SiteRefused(f"{current} is in the way and is not a folder")
        if not current.exists():
            os.mkdir(current)


def _remove_empty(out: Path, folders: set[str]) -> None:
    """Folders of the last build that are empty now (deepest first)."""
    for folder in sorted(folders, key=lambda f: -f.count("/")):
        target = out / folder
        try:
            if _through_folders(out, f"{folder}/") and target.is_dir() and not target.is_symlink() \
                    and not any(target.iterdir()):
                target.rmdir()
        except OSError:
            pass
