"""How datacard's objects show in a notebook (``_repr_html_``) and in a terminal (``__str__``).

Jupyter calls ``_repr_html_`` on the last value of a cell: a datasheet shows as its rendered
page, a lint report and a profile as tables, a coverage result as bars. Every text from a
datasheet or a data file passes through :mod:`datacard.escape`; the HTML carries no script and
no style sheet of its own, so it reads the same in any notebook front end.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from datacard.escape import html_text

if TYPE_CHECKING:
    from datacard.data.profile import Profile
    from datacard.findings import Report
    from datacard.interop.coverage import CoverageResult
    from datacard.model import Datasheet


def _table(head: Sequence[str], rows: Iterable[Sequence[Any]], caption: str = "") -> str:
    cap = f"<caption>{html_text(caption)}</caption>" if caption else ""
    top = "".join(f"<th>{html_text(h)}</th>" for h in head)
    body = "".join("<tr>" + "".join(f"<td>{html_text('' if c is None else str(c))}</td>" for c in row) + "</tr>"
                   for row in rows)
    return f"<table>{cap}<thead><tr>{top}</tr></thead><tbody>{body}</tbody></table>"


def datasheet_html(ds: Datasheet) -> str:
    """The datasheet's Markdown render as HTML, the article of its site page."""
    from datacard.render import render_markdown
    from datacard.site.markdown_html import to_html

    return f'<div class="datacard-datasheet">{to_html(render_markdown(ds), None, anchors=False).html}</div>'


def datasheet_text(ds: Datasheet) -> str:
    """The datasheet as its Markdown render: what a person reads in a terminal."""
    from datacard.render import render_markdown

    return render_markdown(ds)


def report_html(report: Report) -> str:
    rows = [(f"{f.path}:{f.line}:{f.column}" if f.line else f.path, f.code, f.severity.value, f.message)
            for f in report.sorted()]
    summary = f"{len(report.findings)} finding{'s' if len(report.findings) != 1 else ''} in {len(report.files)} files"
    datasets = ""
    if report.datasets:
        datasets = _table(("Dataset", "Gaps", "Trains"), ((d.name, len(d.gaps), ", ".join(d.models))
                                                         for d in report.datasets),
                          "Training data with undocumented context")
    findings = _table(("Where", "Code", "Severity", "Message"), rows, summary)
    return f'<div class="datacard-report">{findings}{datasets}</div>'


def coverage_html(result: CoverageResult) -> str:
    from datacard.site.charts import coverage_chart

    return f'<div class="datacard-coverage">{coverage_chart(result, "coverage-" + _ident(result.name))}</div>'


def coverage_text(result: CoverageResult) -> str:
    width = max((len(c.title) for c in result.standards.values()), default=0)
    lines = [f"Coverage of {result.name}" + (f" ({result.path})" if result.path else "")]
    for cov in result.standards.values():
        bar = "#" * round(cov.ratio * 20)
        lines.append(f"  {cov.title:<{width}}  {bar:<20}  {cov.ratio:4.0%}  ({len(cov.answered)} of {cov.total})")
    return "\n".join(lines)


def _ident(name: str) -> str:
    import re

    return re.sub(r"[^a-z0-9-]+", "-", name.lower()) or "x"


def _profile_rows(prof: Profile) -> list[tuple[Any, ...]]:
    return [(c.name, c.type.value, f"{prof.missing_share(c.name):.1%}", c.distinct if c.distinct is not None else "",
             "" if c.minimum is None else c.minimum, "" if c.maximum is None else c.maximum)
            for c in prof.columns.values()]


_PROFILE_HEAD = ("Column", "Type", "Missing", "Distinct", "Min", "Max")


def profile_html(prof: Profile) -> str:
    parts = [_table(_PROFILE_HEAD, _profile_rows(prof), f"{prof.rows:,} rows")]
    if prof.splits:
        parts.append(_table(("Split", "Rows"), sorted(prof.splits.items()), "Splits"))
    for column, counts in prof.groups.items():
        top = sorted(counts.items(), key=lambda kv: (-kv[1], str(kv[0])))[:20]
        parts.append(_table(("Group", "Rows"), top, f"Groups of {column}"))
    return f'<div class="datacard-profile">{"".join(parts)}</div>'


def profile_text(prof: Profile) -> str:
    from datacard.escape import terminal_line

    rows = [tuple(terminal_line(str(c)) for c in row) for row in _profile_rows(prof)]
    widths = [max(len(str(r[i])) for r in [_PROFILE_HEAD, *rows]) for i in range(len(_PROFILE_HEAD))]
    lines = [f"Profile of {prof.rows:,} rows"]
    for row in [_PROFILE_HEAD, *rows]:
        lines.append("  " + "  ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())
    if prof.splits:
        lines.append("Splits: " + ", ".join(f"{terminal_line(k)} {v:,}" for k, v in sorted(prof.splits.items())))
    for column, counts in prof.groups.items():
        top = sorted(counts.items(), key=lambda kv: (-kv[1], str(kv[0])))[:10]
        shown = ", ".join(f"{terminal_line(str(g))} {n:,}" for g, n in top)
        lines.append(f"Groups of {terminal_line(column)}: {shown}")
    return "\n".join(lines)
