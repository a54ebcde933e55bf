"""Validating many files, in parallel when there are many, with output independent of the order.

A bug that one file triggers must not cost the findings of the others: an unexpected exception
while checking a file becomes an internal-error finding (DC018) for that file, in this process
or in a worker, and the run goes on; the command then exits 2 (see :func:`crashed`).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence

from datacard import codes
from datacard.findings import Finding, Report
from datacard.load import DEFAULT_MAX_BYTES
from datacard.validate import check_file

# Below this many files a process pool costs more to start than it saves.
PARALLEL_THRESHOLD = 64


def internal_error(path: str, exc: BaseException | str) -> Finding:
    """The finding that stands for a crash of datacard itself while checking ``path``.

    It names the exception's type only: its text may quote the file, which is not ours to print.
    """
    what = exc if isinstance(exc, str) else type(exc).__name__
    return codes.INTERNAL_ERROR.finding(
        path, 0, 0,
        f"internal error ({what}) while checking this file: a bug in datacard, not in the file; "
        "please report it to the datacard maintainers with the file or a reduced copy of it",
    )


def crashed(findings: Iterable[Finding]) -> bool:
    """Whether a check failed inside datacard: the run's exit status must then be 2."""
    return any(f.code == codes.INTERNAL_ERROR.code for f in findings)


def _validate_one(args: tuple[str, int]) -> list[Finding]:
    path, max_bytes = args
    try:
        return check_file(path, max_bytes=max_bytes).findings
    except Exception as exc:  # any bug, in this process or a worker: one file's finding
        return [internal_error(path, exc)]


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


def _in_pool(paths: Sequence[str], workers: int, max_bytes: int) -> list[list[Finding]]:
    """Findings of ``paths`` in order, as far as the pool got before a worker died (if one did)."""
    # Imported here: the pool machinery costs start-up time that one file never needs.
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    done: list[list[Finding]] = []
    chunksize = max(1, len(paths) // (workers * 8))
    try:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            for findings in pool.map(_validate_one, _chunk(paths, max_bytes), chunksize=chunksize):
                done.append(findings)
    except BrokenProcessPool:
        pass  # a worker was killed (out of memory, a signal): the caller retries the rest
    return done


def validate_many(paths: Sequence[str], *, jobs: int | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> Report:
    """Validate ``paths``; ``jobs`` > 1 spreads files over processes (0 or None: all cores)."""
    report = Report(files=list(paths))
    workers = default_jobs(jobs)
    if workers <= 1 or len(paths) < PARALLEL_THRESHOLD:
        for path in paths:
            report.extend(_validate_one((path, max_bytes)))
        return report
    done = _in_pool(paths, workers, max_bytes)
    if len(done) < len(paths):
        # A worker died, taking the files it held with it. Once more for those, in a new
        # pool; what a second death takes is reported as internal errors, never lost silently.
        done += _in_pool(paths[len(done):], workers, max_bytes)
    for findings in done:
        report.extend(findings)
    for path in paths[len(done):]:
        report.add(internal_error(path, "a worker process stopped"))
    return report
