"""Measuring A against B on a shared machine: alternating pairs, median of per-pair ratios.

Running A ten times and then B ten times and keeping each one's best lets a burst of load on
the machine land on one side only: the same claim then reads 74% in one run and 141% in the
next. Here every round runs each side once, in an order that rotates from round to round, and
the figure is the median of the ratios taken *within* each round (B / A), with their quartiles
and range, so that a noisy round moves one sample and not the verdict. CPU time (user + system)
is the default figure: it is what another process's load disturbs least. The machine's load
is printed before and after, and how busy its cores were while the benchmark ran.

Used by every script of this folder:

    from pairs import Sample, interleave, ratios, run, print_load, verdict

    times = interleave({"floor": lambda: run(floor_argv), "datacard": lambda: run(argv)}, pairs=11)
    print(ratios(times["floor"], times["datacard"]))   # 1.23x [1.19-1.27] (1.15-1.31), 11 pairs
"""

from __future__ import annotations

import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

# Installed packages ship compiled bytecode; a checkout run with PYTHONDONTWRITEBYTECODE would
# recompile datacard's modules on every start and measure the compiler, not datacard.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


@dataclass(frozen=True)
class Sample:
    """One run: wall seconds, CPU seconds (user + system) and peak resident memory in bytes
    (0 where it cannot be told, as for code run in this process)."""

    wall: float
    cpu: float
    peak_rss: int = 0


@dataclass(frozen=True)
class Spread:
    """The median of per-pair ratios, their quartiles and their range."""

    median: float
    low_quartile: float
    high_quartile: float
    low: float
    high: float
    pairs: int

    def __str__(self) -> str:
        return (f"{self.median:.2f}x [{self.low_quartile:.2f}-{self.high_quartile:.2f}] "
                f"({self.low:.2f}-{self.high:.2f}), {self.pairs} pairs")


def find_datacard() -> str | None:
    """The console script beside this interpreter; a shim on PATH (pyenv) adds its own start-up."""
    beside = Path(sys.executable).parent / "datacard"
    return str(beside) if beside.exists() else shutil.which("datacard")


def code_env(code: Path | None) -> dict[str, str]:
    """The environment of child processes; with ``code``, datacard is imported from that checkout
    (for example ``git worktree add /tmp/base main``) instead of the installed one."""
    if code is None:
        return ENV
    return {**ENV, "PYTHONPATH": os.pathsep.join(filter(None, [str(code.resolve()), ENV.get("PYTHONPATH")]))}


def run(argv: list[str], *, env: Mapping[str, str] | None = None, cwd: Path | None = None,
        ok: tuple[int, ...] = (0, 1)) -> Sample:
    """Run ``argv`` once, its output discarded; its wall time, CPU time and peak memory."""
    start = time.perf_counter()
    process = subprocess.Popen(argv, cwd=cwd, env=dict(env or ENV), stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE)
    assert process.stderr is not None
    errors = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code not in ok:
        raise SystemExit(f"{' '.join(argv)} exited {code}: {errors.decode(errors='replace')[-800:]}")
    return Sample(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024)


def call(action: Callable[[], object]) -> Sample:
    """Run ``action`` in this process once; its wall time and this process's CPU time."""
    cpu0, wall0 = time.process_time(), time.perf_counter()
    action()
    return Sample(time.perf_counter() - wall0, time.process_time() - cpu0)


def interleave(sides: Mapping[str, Callable[[], Sample]], pairs: int, *, warm: bool = True) -> dict[str, list[Sample]]:
    """Run every side once per round for ``pairs`` rounds, the order rotating each round (so no
    side always runs first, after the page cache or the CPU's frequency settled on another).
    ``warm`` runs each side once first, untimed (bytecode written, files cached)."""
    names = list(sides)
    if warm:
        for name in names:
            sides[name]()
    times: dict[str, list[Sample]] = {name: [] for name in names}
    for round_ in range(pairs):
        shift = round_ % len(names)
        for name in names[shift:] + names[:shift]:
            times[name].append(sides[name]())
    return times


def _quantile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    position = q * (len(ordered) - 1)
    below = int(position)
    above = min(below + 1, len(ordered) - 1)
    return ordered[below] + (ordered[above] - ordered[below]) * (position - below)


def ratios(base: list[Sample], other: list[Sample], field: str = "cpu") -> Spread:
    """``other`` / ``base`` round by round (``field``: cpu, wall or peak_rss)."""
    values = [getattr(b, field) / getattr(a, field) for a, b in zip(base, other, strict=True)
              if getattr(a, field)]
    if not values:
        raise ValueError(f"no {field} figure to compare")
    return Spread(statistics.median(values), _quantile(values, 0.25), _quantile(values, 0.75),
                  min(values), max(values), len(values))


def median(samples: list[Sample], field: str = "cpu") -> float:
    return float(statistics.median(getattr(s, field) for s in samples))


def verdict(value: float, target: float, what: str) -> str:
    """One line: the figure against its target, met or MISSED."""
    return f"{what}: {value:.2f}x, target at most {target:.2f}x: {'met' if value <= target else 'MISSED'}"


def _cpu_ticks() -> tuple[int, int]:
    """Busy and total jiffies of every core since boot (Linux), or zeros."""
    try:
        with open("/proc/stat", encoding="ascii") as stat:
            fields = [int(v) for v in stat.readline().split()[1:]]
    except (OSError, ValueError):
        return 0, 0
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)  # idle and iowait
    return sum(fields[:8]) - idle, sum(fields[:8])


def _own_cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def print_load(when: str) -> None:
    """The machine's cores and load averages, one line."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    one, five, fifteen = os.getloadavg()
    print(f"machine load {when}: {cores} cores, load average {one:.2f} / {five:.2f} / {fifteen:.2f} "
          "(1, 5, 15 minutes)", flush=True)


@contextmanager
def machine_load() -> Iterator[None]:
    """Print the load before and after the block, and how many cores were busy during it, of
    which how many with this benchmark: the rest is other work sharing the machine."""
    print_load("before")
    busy0, total0 = _cpu_ticks()
    own0, wall0 = _own_cpu(), time.perf_counter()
    yield
    busy1, total1 = _cpu_ticks()
    own, wall = _own_cpu() - own0, time.perf_counter() - wall0
    print_load("after")
    if total1 > total0 and wall > 0:
        cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
        busy = (busy1 - busy0) / (total1 - total0) * cores
        print(f"during the run ({wall:.0f} s): {busy:.2f} of {cores} cores busy, {own / wall:.2f} of them "
              f"with this benchmark, {max(busy - own / wall, 0.0):.2f} with other work", flush=True)
