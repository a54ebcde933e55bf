"""Reporters: pure functions ``Report -> str``, registered under their format name.

Paths, messages and quoted source lines come from files and file names that may be hostile:
every one passes through :mod:`datacard.escape` for its format, so that no reporter prints a
terminal control sequence, a line that a CI system runs as a command, or text that breaks JSON.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections import Counter
from collections.abc import Callable

from datacard.escape import json_dumps, log_line, log_path, terminal_line
from datacard.findings import Finding, Related, Report, Severity

Reporter = Callable[[Report], str]
REPORTERS: dict[str, Reporter] = {}


def reporter(name: str) -> Callable[[Reporter], Reporter]:
    def register(func: Reporter) -> Reporter:
        REPORTERS[name] = func
        return func
    return register


def render_report(report: Report, fmt: str) -> str:
    return REPORTERS[fmt](report)


def _where(f: Finding | Related) -> str:
    """The start of a finding's line: its path (shown safely) and position."""
    if f.line <= 0:
        return log_path(f.path)
    return f"{log_path(f.path)}:{f.line}:{f.column}"


def summary_line(report: Report) -> str:
    counts = Counter(f.severity for f in report.findings)
    files = len(set(report.files))
    noun = "file" if files == 1 else "files"
    if not report.findings:
        return f"All checks passed: {files} {noun}, no findings."
    parts = [f"{counts[s]} {s.value}{'' if counts[s] == 1 else 's'}" for s in
             (Severity.ERROR, Severity.WARNING, Severity.INFO) if counts[s]]
    bad = len({f.path for f in report.findings})
    return f"Found {', '.join(parts)} in {bad} of {files} {noun}."


def datasets_block(report: Report) -> list[str]:
    """Which datasets block which models: the closing part of the human formats."""
    if not report.datasets:
        return []
    lines = ["", "Training data with undocumented context:"]
    for d in report.datasets:
        gaps = f"{len(d.gaps)} gap{'' if len(d.gaps) == 1 else 's'}"
        models = log_line(", ".join(d.models))
        lines.append(f"  {log_line(d.name)} ({log_path(d.path)}): {gaps}; trains {models}")
    lines.append("")
    return lines


@reporter("concise")
def concise(report: Report) -> str:
    lines = [f"{_where(f)}: {f.code} {log_line(f.message)}" for f in report.sorted()]
    lines += datasets_block(report)
    lines.append(summary_line(report))
    return "\n".join(lines) + "\n"


@reporter("grouped")
def grouped(report: Report) -> str:
    """Findings under a heading per file, as ruff's grouped format prints them."""
    lines: list[str] = []
    current: str | None = None
    for f in report.sorted():
        if f.path != current:
            if current is not None:
                lines.append("")
            lines.append(f"{log_path(f.path)}:")
            current = f.path
        where = f"{f.line}:{f.column}" if f.line > 0 else "-"
        lines.append(f"  {where:>7} {f.code} {log_line(f.message)}")
    if lines:
        lines.append("")
    lines += datasets_block(report)[1:] if lines else datasets_block(report)
    lines.append(summary_line(report))
    return "\n".join(lines) + "\n"


@reporter("full")
def full(report: Report) -> str:
    """Each finding with its severity and the source line it points at."""
    out: list[str] = []
    cache: dict[str, list[str]] = {}
    for f in report.sorted():
        out.append(f"{_where(f)}: {f.code} [{f.severity.value}] {log_line(f.message)}")
        source = _source_line(f, cache)
        if source is not None:
            # The caret sits under the column as shown, after escapes have widened the line.
            before = len(log_line(source[: max(f.column - 1, 0)]))
            out.append(f"  {f.line:>5} | {log_line(source)}")
            out.append(f"        | {' ' * before}^")
        for r in f.related:
            out.append(f"  = {_where(r)}: {log_line(r.message)}")
    out += datasets_block(report)
    out.append(summary_line(report))
    return "\n".join(out) + "\n"


def _source_line(f: Finding, cache: dict[str, list[str]]) -> str | None:
    # The full format quotes the line a finding points at, from a file that the one quoting rule
    # (datacard.quoting) allows; any other file simply goes unquoted.
    if f.line <= 0:
        return None
    if f.path not in cache:
        from datacard.quoting import quoted_lines

        cache[f.path] = quoted_lines(f.path)
    lines = cache[f.path]
    return lines[f.line - 1] if f.line - 1 < len(lines) else None


@reporter("json")
def as_json(report: Report) -> str:
    payload = {
        "summary": {
            "files": len(set(report.files)),
            "findings": len(report.findings),
            "by_severity": dict(Counter(f.severity.value for f in report.findings)),
        },
        "findings": [f.to_dict() for f in report.sorted()],
        **({"datasets": [d.to_dict() for d in report.datasets]} if report.datasets else {}),
    }
    return json_dumps(payload) + "\n"


def _gh_escape_data(text: str) -> str:
    """As GitHub documents for workflow commands; then other controls are shown as escapes."""
    return terminal_line(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def _gh_escape_property(text: str) -> str:
    return _gh_escape_data(text).replace(":", "%3A").replace(",", "%2C")


_GH_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


@reporter("github")
def github(report: Report) -> str:
    """GitHub Actions workflow commands, one annotation per finding."""
    lines = []
    for f in report.sorted():
        props = [f"file={_gh_escape_property(f.path)}"]
        if f.line > 0:
            props += [f"line={f.line}", f"col={f.column}"]
        props.append(f"title={_gh_escape_property(f.code)}")
        lines.append(f"::{_GH_LEVEL[f.severity]} {','.join(props)}::{_gh_escape_data(f.code + ' ' + f.message)}")
    return "\n".join(lines) + ("\n" if lines else "")


_SARIF_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _relative_uri(path: str) -> str:
    """A URI reference, as SARIF requires: spaces, `%`, `#`, `:` and non-ASCII percent-encoded.

    The bytes of the name are encoded, so a name that is not UTF-8 keeps its exact bytes.
    """
    from pathlib import Path
    from urllib.parse import quote

    if os.path.isabs(path):
        with contextlib.suppress(ValueError):  # another drive on Windows
            path = os.path.relpath(path)
    if os.path.isabs(path):
        return Path(path).as_uri()
    return quote(os.fsencode(path.replace(os.sep, "/")), safe="/")


def _sarif_related(i: int, r: Related) -> dict[str, object]:
    location: dict[str, object] = {"artifactLocation": {"uri": _relative_uri(r.path)}}
    if r.line > 0:
        location["region"] = {"startLine": r.line, "startColumn": max(r.column, 1)}
    return {"id": i, "message": {"text": r.message}, "physicalLocation": location}


@reporter("sarif")
def sarif(report: Report) -> str:
    """SARIF 2.1.0 for GitHub code scanning: rule metadata, repository-relative paths, regions."""
    from datacard import __version__, codes

    used = sorted({f.code for f in report.findings})
    rules = []
    for code in used:
        entry = codes.get(code)
        rules.append({
            "id": entry.code,
            "name": entry.name,
            "shortDescription": {"text": entry.summary},
            "fullDescription": {"text": entry.explanation},
            "help": {"text": entry.explanation},
            "defaultConfiguration": {"level": _SARIF_LEVEL[entry.severity]},
        })
    index = {code: i for i, code in enumerate(used)}
    results = []
    for f in report.sorted():
        location: dict[str, object] = {"artifactLocation": {"uri": _relative_uri(f.path)}}
        if f.line > 0:
            location["region"] = {"startLine": f.line, "startColumn": max(f.column, 1)}
        result: dict[str, object] = {
            "ruleId": f.code,
            "ruleIndex": index[f.code],
            "level": _SARIF_LEVEL[f.severity],
            "message": {"text": f.message},
            "locations": [{"physicalLocation": location}],
        }
        if f.related:
            result["relatedLocations"] = [_sarif_related(i, r) for i, r in enumerate(f.related)]
        results.append(result)
    doc = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "datacard",
                "version": __version__,
                "informationUri": "https://github.com/datacard/datacard",
                "rules": rules,
            }},
            "results": results,
        }],
    }
    return json_dumps(doc) + "\n"


def statistics(report: Report, fmt: str = "concise") -> str:
    """Counts per code, most frequent first, like `ruff --statistics`; a JSON list for json."""
    from datacard import codes

    counts = Counter(f.code for f in report.findings)
    ordered = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    if fmt == "json":
        rows_json = [{"code": code, "name": codes.get(code).name, "count": count} for code, count in ordered]
        return json.dumps(rows_json, indent=2) + "\n"
    rows = [f"{count:>6}  {code}  {codes.get(code).name}" for code, count in ordered]
    return "\n".join(rows) + ("\n" if rows else "")
