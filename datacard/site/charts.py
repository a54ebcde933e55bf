"""Charts as static SVG: drawn by this module at build time, so they render offline, the same
bytes every time, with no script.

Every chart is a ``<figure>`` whose SVG has a title and a description that says what the bars
say (its text alternative), followed by the same numbers as a table. Colours are presentation
attributes; a bar that crosses a threshold is also marked in words, never by colour alone.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from datacard.escape import html_attr, html_text

if TYPE_CHECKING:
    from datacard.data.represent import GroupRow, Representation
    from datacard.interop.coverage import CoverageResult
    from datacard.model import Datasheet

WIDTH = 640
LABEL_W = 190
BAR_W = 330
ROW_H = 24
TOP = 8
MAX_BARS = 24
BAR = "#3d6fb4"
FLAGGED = "#b3261e"
THRESHOLD = "#1b1b1b"
GRID = "#c9ced6"
TEXT = "#1b1b1b"


@dataclass(frozen=True)
class Bar:
    label: str
    value: float  # drawn length, in the chart's units
    shown: str  # the value as text
    flagged: bool = False
    note: str = ""


@dataclass(frozen=True)
class Chart:
    ident: str
    title: str
    bars: tuple[Bar, ...]
    maximum: float
    columns: tuple[str, str] = ("Item", "Value")
    threshold: float | None = None  # a vertical line, in the chart's units
    threshold_label: str = ""
    summary: str = ""  # a sentence before the list of values in the text alternative


def _clip(text: str, length: int = 28) -> str:
    return text if len(text) <= length else text[: length - 1] + "\u2026"


def figure(chart: Chart) -> str:
    """The chart as a figure: SVG with a text alternative, then a table of the same numbers."""
    bars = chart.bars
    height = TOP * 2 + ROW_H * len(bars) + (18 if chart.threshold is not None else 0)
    scale = BAR_W / chart.maximum if chart.maximum > 0 else 0.0
    t, d = f"{chart.ident}-title", f"{chart.ident}-desc"
    described = "; ".join(f"{b.label}: {b.shown}{' (' + b.note + ')' if b.note else ''}" for b in bars)
    desc = " ".join(p for p in (chart.summary, described + ".") if p)
    out = [f'<figure class="chart" id="{html_attr(chart.ident)}"><figcaption>{html_text(chart.title)}</figcaption>',
           f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="{t} {d}" '
           f'viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" class="chart-svg">',
           f'<title id="{t}">{html_text(chart.title)}</title><desc id="{d}">{html_text(desc)}</desc>']
    for fraction in (0.0, 0.25, 0.5, 0.75, 1.0):
        x = LABEL_W + BAR_W * fraction
        out.append(f'<line x1="{x:.1f}" y1="{TOP}" x2="{x:.1f}" y2="{TOP + ROW_H * len(bars)}" stroke="{GRID}" '
                   'stroke-width="1"/>')
    if chart.threshold is not None:
        x = LABEL_W + min(chart.threshold, chart.maximum) * scale
        bottom = TOP + ROW_H * len(bars)
        out.append(f'<line class="threshold" x1="{x:.1f}" y1="{TOP - 4}" x2="{x:.1f}" y2="{bottom + 4}" '
                   f'stroke="{THRESHOLD}" stroke-width="2" stroke-dasharray="5 3"/>')
        out.append(f'<text x="{x:.1f}" y="{bottom + 16}" text-anchor="middle" font-size="11.5" fill="{TEXT}">'
                   f'{html_text(chart.threshold_label)}</text>')
    for i, b in enumerate(bars):
        y = TOP + i * ROW_H
        length = max(0.0, min(b.value, chart.maximum)) * scale
        colour = FLAGGED if b.flagged else BAR
        out.append(f'<text x="{LABEL_W - 8}" y="{y + 16}" text-anchor="end" font-size="12.5" fill="{TEXT}">'
                   f'{html_text(_clip(b.label))}</text>')
        out.append(f'<rect class="bar{" flagged" if b.flagged else ""}" x="{LABEL_W}" y="{y + 4}" '
                   f'width="{length:.1f}" height="{ROW_H - 8}" fill="{colour}"><title>{html_text(b.label)}: '
                   f'{html_text(b.shown)}</title></rect>')
        shown = b.shown + (f" \u2190 {b.note}" if b.note else "")
        # A white halo keeps the value readable where it crosses the threshold line.
        out.append(f'<text x="{LABEL_W + length + 6:.1f}" y="{y + 16}" font-size="12" fill="{TEXT}" stroke="#ffffff" '
                   f'stroke-width="3" paint-order="stroke">{html_text(shown)}</text>')
    out.append("</svg>")
    out.append(_table(chart))
    out.append("</figure>")
    return "".join(out)


def _table(chart: Chart) -> str:
    notes = any(b.note for b in chart.bars)
    head = "".join(f"<th scope=\"col\">{html_text(c)}</th>" for c in (*chart.columns, *(["Note"] if notes else [])))
    rows = "".join(
        f"<tr><th scope=\"row\">{html_text(b.label)}</th><td class=\"num\">{html_text(b.shown)}</td>"
        + (f"<td>{html_text(b.note)}</td>" if notes else "") + "</tr>"
        for b in chart.bars)
    return (f'<details class="chart-table"><summary>{html_text(chart.title)}: table</summary>'
            f'<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table></details>')


def _top(counts: Mapping[str, float], shown: int = MAX_BARS) -> list[tuple[str, float]]:
    """The largest values first; the rest summed as one bar."""
    ordered = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    if len(ordered) <= shown:
        return ordered
    rest = ordered[shown - 1:]
    return [*ordered[: shown - 1], (f"{len(rest)} other values", sum(v for _, v in rest))]


def _number(value: float) -> str:
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:.3g}" if value < 1 else f"{value:,.2f}"


# --- the charts of a datasheet ---------------------------------------------------------------


def coverage_chart(result: CoverageResult, ident: str) -> str:
    bars = tuple(Bar(cov.title, cov.ratio, f"{cov.ratio:.0%} ({len(cov.answered)} of {cov.total})")
                 for cov in result.standards.values())
    return figure(Chart(ident, "Coverage per standard", bars, 1.0, ("Standard", "Answered")))


def catalogue_coverage_chart(results: Iterable[CoverageResult], ident: str) -> str | None:
    """The mean coverage of each standard across the catalogue's datasheets."""
    results = list(results)
    if not results:
        return None
    keys = list(results[0].standards)
    bars = []
    for key in keys:
        ratios = [r.standards[key].ratio for r in results]
        mean = sum(ratios) / len(ratios)
        bars.append(Bar(results[0].standards[key].title, mean, f"{mean:.0%} (lowest {min(ratios):.0%})"))
    return figure(Chart(ident, f"Mean coverage per standard across {len(results):,} datasheets", tuple(bars), 1.0,
                        ("Standard", "Mean (lowest)")))


def datasheet_charts(ds: Datasheet, prefix: str) -> list[str]:
    """Split sizes, recorded field distributions and subpopulation distributions."""
    out: list[str] = []
    comp = ds.composition
    if comp is not None:
        splits = [(s.name, float(s.count)) for s in comp.splits if s.count is not None]
        if splits:
            bars = tuple(Bar(n, v, _number(v)) for n, v in splits)
            out.append(figure(Chart(f"{prefix}-splits", "Split sizes", bars, max(v for _, v in splits),
                                    ("Split", "Instances"))))
        for i, f in enumerate(comp.fields):
            if f.distribution:
                counts = {str(k): float(v) for k, v in f.distribution.items()}
                top = _top(counts)
                bars = tuple(Bar(k, v, _number(v)) for k, v in top)
                out.append(figure(Chart(f"{prefix}-field-{i}", f"Distribution of {f.name}", bars,
                                        max(v for _, v in top), ("Value", "Count"))))
    people = ds.origin.people if ds.origin is not None else None
    for i, sp in enumerate(people.subpopulations if people is not None else []):
        if sp.distribution:
            top = _top({str(k): float(v) for k, v in sp.distribution.items()})
            bars = tuple(Bar(k, v, _number(v) if v >= 1 or v == 0 else f"{v:.0%}") for k, v in top)
            out.append(figure(Chart(f"{prefix}-people-{i}", f"Subpopulation: {sp.name}", bars,
                                    max(v for _, v in top), ("Group", "Share or count"))))
    return out


def representation_charts(rep: Representation, prefix: str) -> list[str]:
    """For each subgroup column and each judged label value, the rate of that value in every
    group, with the four-fifths line (the threshold times the rate it is compared with)."""
    out: list[str] = []
    columns: dict[str, list[GroupRow]] = {}
    for row in rep.rows:
        columns.setdefault(row.column, []).append(row)
    for c, (column, rows) in enumerate(columns.items()):
        for v, value in enumerate(rep.judged):
            rated = [r for r in rows if value in r.rates]
            if not rated:
                continue
            base = _base_rate(rated, value, rep.reference)
            bars = []
            for r in rated:
                rate = r.rates[value]
                ratio = r.ratios.get(value)
                flagged = ratio is not None and ratio < rep.threshold
                note = (f"fewer than {rep.min_group} instances; not judged" if r.small
                        else f"ratio {ratio:.2f}, below {rep.threshold:g}" if flagged else "")
                bars.append(Bar(r.group, rate, f"{rate:.1%}", flagged, note))
            line = rep.threshold * base if base else None
            against = f"group {rep.reference}" if rep.reference else "the highest rate"
            title = f"Rate of {rep.label} = {value} by {column}"
            summary = (f"The line is {rep.threshold:g} times {against} ({line:.1%}); a group below it is "
                       f"flagged." if line is not None else "")
            out.append(figure(Chart(f"{prefix}-rep-{c}-{v}", title, tuple(bars), max(1e-9, max(b.value for b in bars)),
                                    ("Group", "Rate"), line, f"{rep.threshold:g} \u00d7 {against}", summary)))
    return out


def _base_rate(rows: list[GroupRow], value: str, reference: str | None) -> float:
    judged = [r for r in rows if not r.small and (reference is None or r.group == reference)]
    return max((r.rates[value] for r in judged), default=0.0)
