"""The linter: datasheet quality (DC2xx) and training lineage (DC3xx).

This package's top level stays light (importing it does not load the rules); the work is in
:mod:`datacard.lint.engine`. Training code calls :func:`check_training` before it trains.
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Iterable
from typing import TYPE_CHECKING, Literal

from datacard.findings import Report, Severity

if TYPE_CHECKING:
    from datacard.project import Project


class DatacardWarning(UserWarning):
    """Emitted by ``check_training(mode="warn")``; escalate with ``warnings.simplefilter("error", ...)``."""


class TrainingDataError(Exception):
    """Raised by ``check_training(mode="raise")`` when the training data lacks context."""

    def __init__(self, report: Report) -> None:
        self.report = report
        lines = [f"{f.path}:{f.line}: {f.code} {f.message}" for f in report.sorted()]
        super().__init__("training data lacks context:\n" + "\n".join(lines))


Mode = Literal["return", "raise", "warn"]


def _strings(name: str, value: object, *, paths: bool = False) -> list[str]:
    """An argument that must be a list of text (or of paths): checked, so that a lone string
    is not taken for a list of its characters, nor a number passed on to fail somewhere deep."""
    kinds = "paths or dataset names" if paths else "strings"
    example = '["data/reviews.datacard.yaml"]' if paths else '["sentiment-classification"]'
    if isinstance(value, (str, bytes, os.PathLike)):
        raise TypeError(f"{name} must be a list of {kinds}, not a single {type(value).__name__}; "
                        f"write {name}=[{value!r}]")
    if not isinstance(value, Iterable):
        raise TypeError(f"{name} must be a list of {kinds}, such as {example}; got {type(value).__name__}")
    items = list(value)
    allowed = (str, os.PathLike) if paths else (str,)
    for item in items:
        if not isinstance(item, allowed):
            raise TypeError(f"{name} must hold {kinds}, such as {example}; "
                            f"got {type(item).__name__} {item!r}")
    return [os.fspath(item) for item in items]


def check_training(
    datasheets: Iterable[str | os.PathLike[str]],
    *,
    tasks: Iterable[str] = (),
    intended_uses: Iterable[str] = (),
    model: str = "model",
    mode: Mode = "return",
    fail_on: Severity | str = Severity.WARNING,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] = (),
    root: str | os.PathLike[str] | None = None,
    project: Project | None = None,
) -> Report:
    """Check the data a model is about to be trained on, as `datacard lint` checks a manifest.

    ``datasheets`` is a list of paths (str or :class:`pathlib.Path`) to `*.datacard.yaml` files,
    or of dataset names and identifiers
    (`imdb`, `hf:imdb`) found in the project. The project is ``project`` when given (see
    :func:`datacard.resolve_project`), else the one around ``root`` (by default the repository
    around the current directory), with its configuration: the `[tool.datacard.datasets]` map,
    `select`, `ignore`, `per-file-ignores` and `max-bytes` apply as they do to `datacard lint`,
    and ``select`` and ``ignore`` here act as the flags of the same names. Findings point into
    the datasheets. ``mode="raise"`` raises :class:`TrainingDataError` when a finding is at
    least ``fail_on``; ``mode="warn"`` emits each such finding as a :class:`DatacardWarning`.
    """
    from datacard.lint.api import training_report
    from datacard.project import Overrides, resolve_project

    if mode not in ("return", "raise", "warn"):
        raise ValueError(f"mode must be 'return', 'raise' or 'warn', not {mode!r}")
    datasheets = _strings("datasheets", datasheets, paths=True)
    tasks, intended_uses = _strings("tasks", tasks), _strings("intended_uses", intended_uses)
    threshold = Severity(fail_on)
    if project is None:
        start = os.fspath(root) if root is not None else os.getcwd()
        flags = Overrides(select=list(select) if select is not None else None, ignore=list(ignore),
                          root=start if root is not None else None)
        project = resolve_project([start], overrides=flags)
    report = training_report(
        [os.fspath(d) for d in datasheets], tasks=list(tasks), intended_uses=list(intended_uses),
        model=model, project=project,
    )
    failing = [f for f in report.sorted() if f.severity >= threshold]
    if mode == "raise" and failing:
        raise TrainingDataError(Report(findings=failing, files=report.files))
    if mode == "warn":
        for f in failing:
            warnings.warn(DatacardWarning(f"{f.path}:{f.line}: {f.code} {f.message}"), stacklevel=2)
    return report


__all__ = ["DatacardWarning", "TrainingDataError", "check_training"]
