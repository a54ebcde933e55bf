"""Proportions measured on a sample, with their uncertainty.

A share measured on a sample of the data (the missing values of a column, a group's label rate)
is an estimate of the share in the whole data. :func:`wilson` gives its 95 % interval by the
Wilson score method, which, unlike the plain normal interval, stays inside 0-1 and is honest for
small samples and for shares near 0 or 1 (Brown, Cai and DasGupta, 2001).
"""

from __future__ import annotations

import math

Z95 = 1.959963984540054  # the 97.5th percentile of the standard normal distribution


def wilson(successes: int, n: int, z: float = Z95) -> tuple[float, float]:
    """The interval for the share ``successes / n`` (95 % by default); (0, 1) when ``n`` is 0."""
    if n <= 0:
        return 0.0, 1.0
    p = successes / n
    z2 = z * z
    denominator = 1 + z2 / n
    centre = (p + z2 / (2 * n)) / denominator
    half = z * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / denominator
    return max(0.0, centre - half), min(1.0, centre + half)


def interval_text(low: float, high: float) -> str:
    """``0.38-0.44`` for a table or a message."""
    return f"{low:.3f}-{high:.3f}"
