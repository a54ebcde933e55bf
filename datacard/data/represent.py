"""The representation report: how each subgroup is represented and labelled.

For each subgroup column and the label, the size of every group and the rate of each judged
label value within it. A group is flagged when its rate, divided by the highest rate among the
groups (or by a reference group's rate), falls below the threshold: the four-fifths rule
(0.8) by default. This is the check behind the Yelp reviews lesson, where sentiment labels
differed by cuisine and a model learned cuisine as a proxy for sentiment.

Which label value is the positive class is never guessed: it is the datasheet's (``positive:``
on the label field) or ``--positive``; without one, every label value's rate is compared, so that
no group's disadvantage hides behind a wrong guess (in the Yelp polarity data, ``1`` is the
negative class). Rates measured on a sample carry their 95 % interval.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from datacard.codebook import data as codes
from datacard.codebook.base import Code
from datacard.data.profile import MISSING_GROUP, Profile
from datacard.data.stats import interval_text, wilson
from datacard.escape import markdown_cell

DEFAULT_THRESHOLD = 0.8
DEFAULT_MIN_GROUP = 30


class RepresentationError(ValueError):
    """A --positive label value or --reference group that the data does not have."""


@dataclass
class GroupRow:
    """One group of one subgroup column."""

    column: str
    group: str
    count: int
    share: float
    rates: dict[str, float] = field(default_factory=dict)
    ratios: dict[str, float] = field(default_factory=dict)
    small: bool = False
    intervals: dict[str, tuple[float, float]] = field(default_factory=dict)  # of each rate, for a sample

    def flagged(self, threshold: float) -> list[str]:
        """The label values whose rate ratio falls below the threshold."""
        return [value for value, ratio in self.ratios.items() if ratio < threshold]


@dataclass
class Representation:
    label: str | None
    judged: list[str]
    threshold: float
    rows: list[GroupRow]
    min_group: int
    reference: str | None = None
    positive: str | None = None  # the positive class, when one was given
    sample: bool = False  # rates from a sample: each carries its interval


def judged_values(labels: list[str], positive: str | None) -> list[str]:
    """Which label values to compare rates of: the positive class when one is given, else every
    value (never a guess: `1` is the negative class in some data)."""
    if positive is not None:
        return [positive]
    return sorted(value for value in labels if value != MISSING_GROUP)


def representation(
    profile: Profile,
    *,
    positive: str | None = None,
    threshold: float = DEFAULT_THRESHOLD,
    reference: str | None = None,
    min_group: int = DEFAULT_MIN_GROUP,
) -> Representation:
    """Group sizes and label rates for every subgroup column the profile measured.

    ``reference`` names a group to compare against (in every column that has it); by default
    each group is compared with the group that has the highest rate. ``positive`` defaults to
    the one the datasheet declares on its label field.
    """
    label = profile.spec.label
    positive = positive if positive is not None else profile.spec.positive
    _check_names(profile, positive, reference)
    judged = judged_values(sorted(profile.labels), positive) if label else []
    rows: list[GroupRow] = []
    for column, counts in profile.groups.items():
        if column == label:
            continue
        total = sum(counts.values()) or 1
        column_rows = [
            GroupRow(column, group, n, n / total, small=n < min_group)
            for group, n in sorted(counts.items(), key=lambda item: (-item[1], item[0]))
        ]
        pairs = profile.group_labels.get(column)
        if pairs is not None:
            _rates(column_rows, pairs, judged, reference, profile.sampled)
        rows.extend(column_rows)
    return Representation(label, judged, threshold, rows, min_group, reference, positive, profile.sampled)


def _check_names(profile: Profile, positive: str | None, reference: str | None) -> None:
    """A misspelt value would otherwise give rates of 0 or no ratios, without a word."""
    label = profile.spec.label
    values = sorted(v for v in profile.labels if v != MISSING_GROUP)
    if positive is not None and label is None:
        raise RepresentationError("a positive label value needs a label column: pass --label or "
                                  "declare role: label in the datasheet")
    if positive is not None and positive not in values:
        raise RepresentationError(f"label {label!r} has no value {positive!r}; its values are "
                                  f"{', '.join(repr(v) for v in values[:20]) or 'none'}")
    groups = sorted({g for column, counts in profile.groups.items() if column != label for g in counts})
    if reference is not None and groups and reference not in groups:
        raise RepresentationError(f"no subgroup has a group {reference!r}; the groups are "
                                  f"{', '.join(repr(g) for g in groups[:20])}")


def _rates(rows: list[GroupRow], pairs: Any, judged: list[str], reference: str | None, sample: bool) -> None:
    labelled: dict[str, int] = {}
    for (group, value), n in pairs.items():
        if value != MISSING_GROUP:
            labelled[group] = labelled.get(group, 0) + n
    for row in rows:
        if labelled.get(row.group):
            row.rates = {v: pairs.get((row.group, v), 0) / labelled[row.group] for v in judged}
            if sample:
                row.intervals = {v: wilson(pairs.get((row.group, v), 0), labelled[row.group]) for v in judged}
    judged_rows = [row for row in rows if row.rates and not row.small]
    for value in judged:
        base_rows = [r for r in judged_rows if r.group == reference] if reference else judged_rows
        best = max((r.rates[value] for r in base_rows), default=0.0)
        if best <= 0:
            continue
        for row in judged_rows:
            row.ratios[value] = row.rates[value] / best


def _cell(text: str) -> str:
    """A column name or data value, shown as written in a table cell (it comes from the data)."""
    return markdown_cell(text)


def representation_table(report: Representation | Profile, **options: Any) -> str:
    """A Markdown table of groups, sizes, label rates and flags (``render`` can include it).

    Takes a :class:`Representation`, or a :class:`Profile` and the options of
    :func:`representation`. Output is deterministic for the same input.
    """
    rep = report if isinstance(report, Representation) else representation(report, **options)
    if not rep.rows:
        return "No subgroup columns were measured.\n"
    judged = bool(rep.judged)
    head = ["Column", "Group", "Instances", "Share"]
    head += [f"Rate of {_cell(rep.label or '')} = {_cell(v)}" for v in rep.judged]
    head += ["Ratio", "Note"] if judged else ["Note"]
    align = ["---", "---", "---:", "---:"] + ["---:"] * len(rep.judged) + (["---:", "---"] if judged else ["---"])
    lines = ["| " + " | ".join(head) + " |", "| " + " | ".join(align) + " |"]
    for row in rep.rows:
        rates = [_rate(row, v) for v in rep.judged]
        ratio = f"{min(row.ratios.values()):.2f}" if row.ratios else ""
        flagged = row.flagged(rep.threshold)
        if row.small and judged:
            note = f"fewer than {rep.min_group} instances; not judged"
        elif flagged:
            note = f"below {rep.threshold:g} for {', '.join(_cell(v) for v in flagged)}"
        else:
            note = ""
        cells = [_cell(row.column), _cell(row.group), f"{row.count:,}", f"{row.share:.1%}", *rates]
        cells += [ratio, note] if judged else [note]
        lines.append("| " + " | ".join(cells) + " |")
    if not judged:
        return "\n".join(lines) + "\n"
    basis = f"the rate of group {_cell(rep.reference)}" if rep.reference else "the highest group rate"
    lines.append("")
    lines.append(f"Ratio: a group's rate divided by {basis}; flagged below {rep.threshold:g}.")
    if rep.positive is None and len(rep.judged) == 2:
        lines.append("No positive class was given, so the rate of each label value is judged; name it with "
                     "--positive or `positive:` on the label field.")
    if rep.sample:
        lines.append("Rates are from a sample; each is followed by its 95% interval (Wilson).")
    return "\n".join(lines) + "\n"


def _rate(row: GroupRow, value: str) -> str:
    if value not in row.rates:
        return ""
    interval = row.intervals.get(value)
    return f"{row.rates[value]:.3f}" + (f" ({interval_text(*interval)})" if interval else "")


@dataclass(frozen=True)
class Flag:
    """A representation problem of one subgroup column, for check (on the datasheet's lines) and
    represent (on the data)."""

    code: Code
    column: str
    message: str


def flags(profile: Profile, rep: Representation) -> list[Flag]:
    """DC522 (a column with too many groups), DC521 (a group too small to judge) and DC520 (a
    group whose label rate falls below the threshold)."""
    found = [Flag(codes.TOO_MANY_GROUPS, name, f"column {name!r} has more than {profile.spec.max_groups} "
                  "distinct values; its groups are not reported")
             for name in sorted(profile.too_many_groups - profile.spec.sensitive_only)]
    basis = f"the rate of group {rep.reference!r}" if rep.reference else "the highest group's rate"
    for row in rep.rows:
        if row.small and row.rates:
            found.append(Flag(codes.SMALL_GROUP, row.column,
                              f"group {row.group!r} of {row.column!r} has {row.count} instances, fewer than "
                              f"{rep.min_group}; its label rate is not judged"))
        for value in row.flagged(rep.threshold):
            interval = row.intervals.get(value)
            shown = f" (95% interval {interval_text(*interval)})" if interval else ""
            found.append(Flag(codes.DISPARITY, row.column,
                              f"group {row.group!r} of {row.column!r} has {rep.label} = {value} in "
                              f"{row.rates[value]:.1%} of instances{shown}, {row.ratios[value]:.2f} times {basis} "
                              f"(threshold {rep.threshold:g})"))
    return found
