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

from datacard.escape import json_dumps, log_line, log_path, terminal_line, xml_text
from datacard.findings import Finding, Related, Report, Severity

Reporter = Callable[..., str]
"""``(report) -> str``; a reporter for people also takes ``paint``, to colour its parts."""
Paint = Callable[[str, str], str]
"""``paint(text, role) -> text``: the text with the style of its role (see :data:`STYLES`)."""
REPORTERS: dict[str, Reporter] = {}
COLOURED: set[str] = set()  # the formats for people, which take ``paint``


def reporter(name: str, *, colour: bool = False) -> Callable[[Reporter], Reporter]:
    def register(func: Reporter) -> Reporter:
        REPORTERS[name] = func
        if colour:
            COLOURED.add(name)
        return func
    return register


def plain(text: str, role: str) -> str:
    return text


#: The rich style of each role a reporter paints; only applied on a terminal (or FORCE_COLOR).
STYLES = {
    "path": "bold", "position": "cyan", "error": "bold red", "warning": "bold yellow",
    "info": "bold blue", "passed": "bold green", "failed": "bold", "caret": "bold red", "note": "dim",
}


def ansi_paint() -> Paint:
    """A painter that styles text with ANSI sequences through rich (imported only for colour)."""
    from rich.color import ColorSystem
    from rich.style import Style

    styles = {role: Style.parse(spec) for role, spec in STYLES.items()}

    def paint(text: str, role: str) -> str:
        return styles[role].render(text, color_system=ColorSystem.STANDARD) if text else text
    return paint


def render_report(report: Report, fmt: str, *, colour: bool = False) -> str:
    """``report`` in the format ``fmt``; ``colour`` styles the formats for people."""
    if colour and fmt in COLOURED:
        return REPORTERS[fmt](report, paint=ansi_paint())
    return REPORTERS[fmt](report)


def _where(f: Finding | Related, paint: Paint = plain) -> str:
    """The start of a finding's line: its path (shown safely) and position."""
    if f.line <= 0:
        return paint(log_path(f.path), "path")
    return paint(log_path(f.path), "path") + paint(f":{f.line}:{f.column}", "position")


def _code(f: Finding, paint: Paint = plain) -> str:
    return paint(f.code, f.severity.value)


def summary_line(report: Report, paint: Paint = plain) -> str:
    counts = Counter(f.severity for f in report.findings)
    files = len(set(report.files))
    noun = "file" if files == 1 else "files"
    if not report.findings:
        return paint(f"All checks passed: {files} {noun}, no findings.", "passed")
    parts = [f"{counts[s]} {s.value}{'' if counts[s] == 1 else 's'}" for s in
             (Severity.ERROR, Severity.WARNING, Severity.INFO) if counts[s]]
    bad = len({f.path for f in report.findings})
    return paint(f"Found {', '.join(parts)} in {bad} of {files} {noun}.", "failed")


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


@reporter("concise", colour=True)
def concise(report: Report, paint: Paint = plain) -> str:
    lines = [f"{_where(f, paint)}: {_code(f, paint)} {log_line(f.message)}" for f in report.sorted()]
    lines += datasets_block(report)
    lines.append(summary_line(report, paint))
    return "\n".join(lines) + "\n"


@reporter("grouped", colour=True)
def grouped(report: Report, paint: Paint = plain) -> str:
    """Findings under a heading per file, as ruff's grouped format prints them."""
    lines: list[str] = []
    current: str | None = None
    for f in report.sorted():
        if f.path != current:
            if current is not None:
                lines.append("")
            lines.append(paint(log_path(f.path), "path") + ":")
            current = f.path
        where = f"{f.line}:{f.column}" if f.line > 0 else "-"
        lines.append(f"  {paint(f'{where:>7}', 'position')} {_code(f, paint)} {log_line(f.message)}")
    if lines:
        lines.append("")
    lines += datasets_block(report)[1:] if lines else datasets_block(report)
    lines.append(summary_line(report, paint))
    return "\n".join(lines) + "\n"


@reporter("full", colour=True)
def full(report: Report, paint: Paint = plain) -> str:
    """Each finding with its severity and the source line it points at."""
    out: list[str] = []
    cache: dict[str, list[str]] = {}
    for f in report.sorted():
        level = paint(f"[{f.severity.value}]", f.severity.value)
        out.append(f"{_where(f, paint)}: {_code(f, paint)} {level} {log_line(f.message)}")
        source = _source_line(f, cache)
        if source is not None:
            # The caret sits under the column as shown, after escapes have widened the line.
            before = len(log_line(source[: max(f.column - 1, 0)]))
            out.append(f"  {f.line:>5} | {log_line(source)}")
            out.append(f"        | {' ' * before}{paint('^', 'caret')}")
        for r in f.related:
            out.append(f"  = {_where(r, paint)}: {log_line(r.message)}")
    out += datasets_block(report)
    out.append(summary_line(report, paint))
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


def _repository_path(path: str) -> str:
    """A path as CI reports name files: relative to the working directory (the checkout), with
    forward slashes and no leading ``./``."""
    if os.path.isabs(path):
        with contextlib.suppress(ValueError):  # another drive on Windows
            path = os.path.relpath(path)
    path = path.replace(os.sep, "/")
    while path.startswith("./"):
        path = path[2:]
    return path


def _junit_details(f: Finding) -> str:
    where = f"{f.path}:{f.line}:{f.column}" if f.line > 0 else f.path
    lines = [f"{where}: {f.code} [{f.severity.value}] {f.message}"]
    lines += [f"  = {r.path}:{r.line}:{r.column}: {r.message}" if r.line > 0 else f"  = {r.path}: {r.message}"
              for r in f.related]
    return xml_text("\n".join(lines))


@reporter("junit")
def junit(report: Report) -> str:
    """JUnit XML, as Jenkins, GitLab and Azure read it: one test case per file, which fails with
    one ``<failure>`` per finding (``type`` is the code, ``message`` its one line)."""
    import xml.etree.ElementTree as ET

    by_path: dict[str, list[Finding]] = {}
    for f in report.sorted():
        by_path.setdefault(f.path, []).append(f)
    paths = sorted({*report.files, *by_path})
    failed = str(len(by_path))
    root = ET.Element("testsuites", name="datacard", tests=str(len(paths)), failures=failed, errors="0")
    suite = ET.SubElement(root, "testsuite", name="datacard", tests=str(len(paths)), failures=failed,
                          errors="0", skipped="0")
    for path in paths:
        shown = xml_text(_repository_path(path))
        case = ET.SubElement(suite, "testcase", name=shown, classname="datacard", file=shown)
        for f in by_path.get(path, []):
            failure = ET.SubElement(case, "failure", message=xml_text(f"{f.code} {f.message}"), type=f.code)
            failure.text = _junit_details(f)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


_GITLAB_SEVERITY = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


@reporter("gitlab")
def gitlab(report: Report) -> str:
    """GitLab Code Quality JSON (a subset of Code Climate's issue format): one issue per finding
    with its description, check name, severity, location and a fingerprint.

    The fingerprint hashes the code, the path and the message, not the line: a finding keeps it
    when lines above it move, so a merge request shows it as unchanged. Identical findings in
    one file are told apart by their order.
    """
    import hashlib

    seen: Counter[str] = Counter()
    issues = []
    for f in report.sorted():
        path = _repository_path(f.path)
        key = f"{f.code}\0{path}\0{f.message}"
        fingerprint = hashlib.sha256(f"{key}\0{seen[key]}".encode("utf-8", "surrogateescape")).hexdigest()
        seen[key] += 1
        issues.append({
            "description": f"{f.code} {f.message}",
            "check_name": f.code,
            "fingerprint": fingerprint,
            "severity": _GITLAB_SEVERITY[f.severity],
            "location": {"path": path, "lines": {"begin": max(f.line, 1)}},
        })
    return json_dumps(issues) + "\n"
