"""The project a run works in, resolved once from the paths a command was given.

Every command and the Python API build their :class:`Project` through :func:`resolve_project`:
the project root, the configuration (a closed model, :mod:`datacard.config`), the limits, the
rule selection, the output format and failure threshold, and the one file selection
(:meth:`Project.select`) with its walk rules. A flag wins over the configuration, which wins
over the default, the same way for every command. No command reads configuration or walks a
directory on its own.
"""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from datacard import codes
from datacard.configfile import ConfigError, ConfigFile, ancestors, find_config
from datacard.discover import WalkRules, inside, walk
from datacard.findings import Finding
from datacard.kinds import INDEX, Kind, Reads, classify, kind_by_name, kind_of_name, wrong_kind
from datacard.load import DEFAULT_MAX_BYTES
from datacard.rule_selection import Selection, SelectionError, check_selectors

if TYPE_CHECKING:
    from datacard.config import Settings
    from datacard.context import Need

#: File names a directory walk reads as Hugging Face dataset cards and as Croissant metadata
#: (`dataset-cards` and `croissant-files` in the configuration), when their content says so.
DATASET_CARD_NAMES = ("README.md",)
CROISSANT_NAMES = ("*.croissant.json", "croissant.json", "metadata.json")

__all__ = ["DEFAULT_MAX_BYTES", "FileSet", "Overrides", "Project", "ProjectError", "resolve_project"]


class ProjectError(ValueError):
    """The run cannot start: a broken configuration (``findings``, placed on its lines) or a bad flag."""

    def __init__(self, message: str, findings: list[Finding] | None = None) -> None:
        self.findings = findings or []
        super().__init__(message)


@dataclass(frozen=True)
class Overrides:
    """Command-line flags (or API arguments); ``None`` leaves the configured value."""

    max_bytes: int | None = None
    respect_gitignore: bool | None = None
    follow_links: bool | None = None
    output_format: str | None = None
    fail_on: str | None = None
    select: Sequence[str] | None = None
    extend_select: Sequence[str] = ()
    ignore: Sequence[str] = ()
    root: str | None = None  # the API's ``root=``: the project root, whatever the configuration says


@dataclass
class FileSet:
    """The files a command reads, in order, with their kinds and what the selection has to say.

    ``findings`` are the walk's warnings (links out of the project, pipes, unreadable folders);
    ``rejected`` are files named on the command line that the command cannot read: usage errors.
    """

    files: list[str] = field(default_factory=list)
    kinds: dict[str, Kind] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    rejected: list[Finding] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    named: set[str] = field(default_factory=set)  # the files among ``files`` named on the command line
    reals: set[str] = field(default_factory=set)  # the real paths of the walked files

    def add(self, path: str, kind: Kind) -> None:
        if path not in self.kinds:
            self.kinds[path] = kind
            self.files.append(path)


@dataclass
class Project:
    root: str  # a real path
    paths: list[str]
    config: ConfigFile | None
    max_bytes: int = DEFAULT_MAX_BYTES
    output_format: str = "concise"
    fail_on: str = "warning"
    respect_gitignore: bool = True
    follow_links: bool = False
    exclude: tuple[str, ...] = ()
    datasets: dict[str, str] = field(default_factory=dict)  # id -> absolute datasheet path
    allowed: tuple[str, ...] = ()  # real folders files may be read from: the root, allow-outside-root
    extend_require: tuple[str, ...] = ()
    policy: str | None = None  # absolute path of the JSON Schema overlay
    severity: dict[str, str] = field(default_factory=dict)  # code or prefix -> info | warning | error
    rules: Selection = field(default_factory=Selection)
    dataset_cards: tuple[str, ...] = DATASET_CARD_NAMES  # file names walks read as dataset cards
    croissant_files: tuple[str, ...] = CROISSANT_NAMES  # file names walks read as Croissant metadata

    @property
    def needs(self) -> tuple[Need, ...]:
        """The context every datasheet must give here: datacard's needs and `extend-require`."""
        from datacard.context import NEEDS, required  # commands that judge no context never load it

        return NEEDS + required(self.extend_require)

    @property
    def settings(self) -> Settings:
        """The configuration as written (defaults when there is none)."""
        from datacard.config import Settings  # a pydantic model: built only when asked for

        return self.config.settings if self.config is not None else Settings()

    @property
    def walk_rules(self) -> WalkRules:
        return WalkRules(self.root, self.allowed, self.exclude, self.respect_gitignore, self.follow_links)

    def allows(self, path: str) -> bool:
        """Whether the real file behind ``path`` lies where datacard may read: inside the project
        root or a folder of `allow-outside-root`."""
        try:
            return inside(os.path.realpath(path), self.allowed)
        except ValueError:  # a NUL byte in the path
            return False

    def select(self, reads: Reads, paths: Sequence[str] | None = None) -> FileSet:
        """The files ``reads.command`` reads under ``paths`` (default: the paths of the run)."""
        out = FileSet()
        for path in paths if paths is not None else self.paths:
            if os.path.isdir(path):
                self._walk(path, reads, out)
            elif os.path.lexists(path):
                self._named(os.path.normpath(path), reads, out)
            else:
                out.missing.append(path)
        return out

    def datasheet_files(self) -> list[str]:
        """Every datasheet of the project, as a walk of its root selects them (the name index)."""
        return self.select(INDEX, [self.root]).files

    def _wanted(self, reads: Reads) -> Callable[[str], bool]:
        """Which names a walk collects for ``reads``: by kind, and for Markdown and JSON (read
        to tell what they are) by the configured names of dataset cards and Croissant files."""
        by_name = {_NAME_KIND.get(k, k) for k in reads.walk}
        any_markdown = bool(reads.walk & {Kind.MODEL_CARD, Kind.MARKDOWN_DATASHEET})
        cards = Kind.DATASET_CARD in reads.walk
        croissant = Kind.CROISSANT in reads.walk

        def wanted(name: str) -> bool:
            kind = kind_of_name(name)
            if kind is Kind.MARKDOWN:
                return any_markdown or (cards and _named(name, self.dataset_cards))
            if kind is Kind.JSON:
                return croissant and _named(name, self.croissant_files)
            return kind in by_name
        return wanted

    def _walk(self, top: str, reads: Reads, out: FileSet) -> None:
        walked = walk(top, self.walk_rules, self._wanted(reads))
        out.findings.extend(walked.findings)
        for path, real in walked.files:
            kind = kind_by_name(path)
            if kind in (Kind.MARKDOWN, Kind.JSON):
                kind = classify(path, self.max_bytes)
            if kind is Kind.DATASET_CARD and not _named(os.path.basename(path), self.dataset_cards):
                continue  # front matter like a card's, in a file not named as cards are here
            if kind in reads.walk and real not in out.reals:  # a file met twice through links counts once
                out.reals.add(real)
                out.add(os.path.normpath(path), kind)

    def _named(self, path: str, reads: Reads, out: FileSet) -> None:
        """A file named on the command line: always considered, never skipped in silence."""
        if self._escapes(path):
            out.rejected.append(codes.LINK_OUTSIDE.finding(
                path, 0, 0, f"a link to {os.path.realpath(path)}, outside the project; not read "
                "(list its folder in `allow-outside-root` to read it)"))
            return
        kind = classify(path, self.max_bytes, named=True)
        if kind is Kind.DVC_LOCK and Kind.DVC in reads.named:
            # A named dvc.lock stands for its pipeline (pre-commit passes whichever of the two
            # changed); without a dvc.yaml beside it, it is refused below.
            pipeline = os.path.join(os.path.dirname(path), "dvc.yaml")
            if os.path.isfile(pipeline):
                out.add(pipeline, Kind.DVC)
                out.named.add(pipeline)
                return
        if kind in reads.named:
            out.add(path, kind)
            out.named.add(path)
        else:
            out.rejected.append(codes.WRONG_KIND.finding(path, 0, 0, wrong_kind(reads, path, kind)))

    def _escapes(self, path: str) -> bool:
        """A path that lies in the project but whose file, through links, lies outside it."""
        absolute = os.path.normpath(os.path.abspath(path))
        located = os.path.join(os.path.realpath(os.path.dirname(absolute)), os.path.basename(absolute))
        in_project = inside(absolute, [self.root, _lexical(self.root)]) or inside(located, [self.root])
        return in_project and not self.allows(path)


def _named(name: str, patterns: tuple[str, ...]) -> bool:
    """Whether a file name matches one of the patterns, in any case (README.md, readme.md)."""
    lowered = name.lower()
    return any(fnmatch.fnmatchcase(lowered, p.lower()) for p in patterns)


# The kind a name shows for kinds that need a look inside the file.
_NAME_KIND = {Kind.MODEL_CARD: Kind.MARKDOWN, Kind.DATASET_CARD: Kind.MARKDOWN,
              Kind.MARKDOWN_DATASHEET: Kind.MARKDOWN, Kind.CROISSANT: Kind.JSON}


def _lexical(real_root: str) -> str:
    """The root as the working directory spells it, when that differs from its real path."""
    cwd = os.path.abspath(os.curdir)
    real_cwd = os.path.realpath(cwd)
    if inside(real_root, [real_cwd]):
        return os.path.normpath(os.path.join(cwd, os.path.relpath(real_root, real_cwd)))
    return real_root


def git_top(start: str) -> str | None:
    """The work tree (the folder holding `.git`) at or above ``start``."""
    return next((folder for folder in ancestors(start) if os.path.exists(os.path.join(folder, ".git"))), None)


def folder_of(path: str) -> str:
    return os.path.abspath(path if os.path.isdir(path) else os.path.dirname(path) or ".")


def project_root(first: str, config: ConfigFile | None, explicit: bool) -> str:
    """The git work tree around the configuration, else its folder; without configuration, the
    work tree around the first path, else that path's folder.

    A configuration named with ``--config`` that lies outside the work tree of the paths lends
    its settings, not its folder: the project is still where the paths are.
    """
    start = folder_of(first)
    from_paths = git_top(start) or start
    if config is None:
        return os.path.realpath(from_paths)
    root = git_top(config.folder) or config.folder
    if explicit and not inside(os.path.realpath(start), [os.path.realpath(root)]):
        root = from_paths
    return os.path.realpath(root)


def _codes(values: Sequence[str]) -> list[str]:
    # The registry of codes is imported only when there are selectors to check.
    return check_selectors(list(values)) if values else []


def _rules(merged: dict[str, Any], flags: Overrides, root: str) -> Selection:
    chosen = list(flags.select) if flags.select is not None else _list(merged, "select")
    ignores: dict[str, list[str]] = merged.get("per_file_ignores") or {}
    return Selection(
        select=(_codes(chosen) if chosen else ["DC"]) + _codes([*_list(merged, "extend_select"),
                                                                 *flags.extend_select]),
        ignore=_codes([*_list(merged, "ignore"), *flags.ignore]),
        per_file_ignores={glob: _codes(found) for glob, found in ignores.items()},
        root=root,
    )


def _list(merged: dict[str, Any], name: str) -> list[str]:
    return [str(v) for v in merged.get(name) or []]


def _first(*values: Any) -> Any:
    return next((v for v in values if v is not None), None)


def _read_config(path: str) -> ConfigFile:
    from datacard.config import read_config  # the settings model is built only for a configuration

    return read_config(path)


def resolve_project(
    paths: Sequence[str] | None = None,
    *,
    config: str | None = None,
    isolated: bool = False,
    overrides: Overrides | None = None,
) -> Project:
    """The project for a run over ``paths`` (default: the current directory).

    ``config`` names the configuration file (else it is found upward from the first path);
    ``isolated`` ignores configuration files. Raises :class:`ProjectError` when the
    configuration cannot be used (with its findings) or a flag names no rule code.
    """
    flags = overrides or Overrides()
    targets = [os.fspath(p) for p in paths] if paths else ["."]
    try:
        found = None if isolated else (config or find_config(targets[0]))
        cfg = _read_config(found) if found is not None else None
    except ConfigError as exc:
        raise ProjectError(str(exc), exc.findings) from None
    root = os.path.realpath(flags.root) if flags.root else project_root(targets[0], cfg, config is not None)
    merged = cfg.settings.merged() if cfg is not None else {}
    base = cfg.folder if cfg is not None else root
    try:
        rules = _rules(merged, flags, root)
    except SelectionError as exc:
        raise ProjectError(str(exc)) from None
    policy = merged.get("policy")
    return Project(
        root=root,
        paths=targets,
        config=cfg,
        max_bytes=int(_first(flags.max_bytes, merged.get("max_bytes"), DEFAULT_MAX_BYTES)),
        output_format=str(_first(flags.output_format, merged.get("output_format"), "concise")),
        fail_on=str(_first(flags.fail_on, merged.get("fail_on"), "warning")),
        respect_gitignore=bool(_first(flags.respect_gitignore, merged.get("respect_gitignore"), True)),
        follow_links=bool(_first(flags.follow_links, merged.get("follow_links"), False)),
        exclude=(*_list(merged, "exclude"), *_list(merged, "extend_exclude")),
        datasets={str(k): os.path.normpath(os.path.join(base, str(v)))
                  for k, v in (merged.get("datasets") or {}).items()},
        allowed=(root, *(os.path.realpath(os.path.join(base, d)) for d in _list(merged, "allow_outside_root"))),
        extend_require=tuple(_list(merged, "extend_require")),
        policy=os.path.normpath(os.path.join(base, str(policy))) if policy is not None else None,
        severity={str(k).upper(): str(v) for k, v in (merged.get("severity") or {}).items()},
        rules=rules,
        dataset_cards=tuple(_list(merged, "dataset_cards")) if "dataset_cards" in merged else DATASET_CARD_NAMES,
        croissant_files=(tuple(_list(merged, "croissant_files")) if "croissant_files" in merged
                         else CROISSANT_NAMES),
    )
