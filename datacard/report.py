"""Reporters: pure functions ``Report -> str``, registered under their format name."""

from __future__ import annotations

import contextlib
import json
import os
from collections import Counter
from collections.abc import Callable

from datacard.findings import Finding, Report, Severity

Reporter = Callable[[Report], str]
REPORTERS: dict[str, Reporter] = {}


def reporter(name: str) -> Callable[[Reporter], Reporter]:
    def register(func: Reporter) -> Reporter:
        REPORTERS[name] = func
        return func
    return register


def render_report(report: Report, fmt: str) -> str:
    return REPORTERS[fmt](report)


def _where(f: Finding) -> str:
    if f.line <= 0:
        return f.path
    return f"{f.path}:{f.line}:{f.column}"


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


@reporter("concise")
def concise(report: Report) -> str:
    lines = [f"{_where(f)}: {f.code} {f.message}" for f in report.sorted()]
    lines.append(summary_line(report))
    return "\n".join(lines) + "\n"


@reporter("full")
def full(report: Report) -> str:
    """Each finding with its severity and the source line it points at."""
    out: list[str] = []
    cache: dict[str, list[str]] = {}
    for f in report.sorted():
        out.append(f"{_where(f)}: {f.code} [{f.severity.value}] {f.message}")
        source = _source_line(f, cache)
        if source is not None:
            out.append(f"  {f.line:>5} | {source}")
            out.append(f"        | {' ' * max(f.column - 1, 0)}^")
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
    }
    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"


def _gh_escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


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
    """A URI reference, as SARIF requires: spaces, `%`, `#`, `:` and non-ASCII percent-encoded."""
    from pathlib import Path
    from urllib.parse import quote

    if os.path.isabs(path):
        with contextlib.suppress(ValueError):  # another drive on Windows
            path = os.path.relpath(path)
    if os.path.isabs(path):
        return Path(path).as_uri()
    return quote(path.replace(os.sep, "/"), safe="/")


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
        results.append({
            "ruleId": f.code,
            "ruleIndex": index[f.code],
            "level": _SARIF_LEVEL[f.severity],
            "message": {"text": f.message},
            "locations": [{"physicalLocation": location}],
        })
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
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


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
