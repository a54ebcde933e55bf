"""Validating many files, in parallel when there are many, with output independent of the order."""

from __future__ import annotations

import os
from collections.abc import Sequence

from datacard.findings import Finding, Report
from datacard.load import DEFAULT_MAX_BYTES
from datacard.validate import validate_file

# Below this many files a process pool costs more to start than it saves.
PARALLEL_THRESHOLD = 64


def _validate_one(args: tuple[str, int]) -> list[Finding]:
    path, max_bytes = args
    return validate_file(path, max_bytes=max_bytes)[1].findings


def _chunk(paths: Sequence[str], max_bytes: int) -> list[tuple[str, int]]:
    return [(p, max_bytes) for p in paths]


def default_jobs(requested: int | None = None) -> int:
    """Worker processes for ``--jobs requested``: the cores this process may use, and never
    more (``--jobs 100`` on 2 cores would fork 100 workers that only compete for them)."""
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        usable = os.cpu_count() or 1
    return max(1, min(requested, usable)) if requested else usable


def validate_many(paths: Sequence[str], *, jobs: int | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> Report:
    """Validate ``paths``; ``jobs`` > 1 spreads files over processes (0 or None: all cores)."""
    report = Report(files=list(paths))
    workers = default_jobs(jobs)
    if workers <= 1 or len(paths) < PARALLEL_THRESHOLD:
        for path in paths:
            report.extend(_validate_one((path, max_bytes)))
        return report
    # Imported here: the pool machinery costs start-up time that one file never needs.
    from concurrent.futures import ProcessPoolExecutor

    chunksize = max(1, len(paths) // (workers * 8))
    with ProcessPoolExecutor(max_workers=workers) as pool:
        for findings in pool.map(_validate_one, _chunk(paths, max_bytes), chunksize=chunksize):
            report.extend(findings)
    return report
