"""Formats CI systems read natively (JUnit XML, GitLab Code Quality), read back with real parsers,
and colour: on a terminal, off when piped or with NO_COLOR, forced with FORCE_COLOR."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from typing import Any

import pytest
from typer.testing import CliRunner

from datacard.cli import app
from datacard.findings import Finding, Related, Report, Severity
from datacard.reporters import COLOURED, REPORTERS, render_report
from tests.conftest import CASES, EXAMPLES

runner = CliRunner()
E, W, I = Severity.ERROR, Severity.WARNING, Severity.INFO


def _finding(path: str = "a.datacard.yaml", line: int = 3, code: str = "DC201", message: str = "origin missing",
             severity: Severity = W, related: tuple[Related, ...] = ()) -> Finding:
    return Finding(code, severity, path, line, 1, message, related=related)


HOSTILE = [
    "plain",
    "<script>alert(1)</script> & ]]> \"quoted\" 'single'",
    "escape \x1b]0;title\x07 and \x1b[31mred",
    "nul \x00 and \x0b vertical tab, \ufffe \uffff",
    "bidi \u202e reversed \u2066",
    "two\nlines\r\nand a lone \r return",
]
REPORT = Report(
    findings=[
        _finding(),
        _finding(line=9, code="DC104", severity=E, message="bad choice"),
        _finding(path="b.datacard.yaml", line=0, code="DC001", severity=I, message="whole file"),
        *(_finding(path="c/hostile.datacard.yaml", line=i + 1, message=m) for i, m in enumerate(HOSTILE)),
        _finding(path="undecodable-\udcff.datacard.yaml", related=(Related("x.yaml", 2, 1, "behind <this>"),)),
    ],
    files=["a.datacard.yaml", "b.datacard.yaml", "c/hostile.datacard.yaml", "clean.datacard.yaml",
           "undecodable-\udcff.datacard.yaml"],
)


# --- JUnit XML ----------------------------------------------------------------------------------

def _junit(report: Report = REPORT) -> ET.Element:
    return ET.fromstring(render_report(report, "junit").encode("utf-8"))


def test_junit_has_the_structure_of_the_schema() -> None:
    """testsuites > testsuite > testcase (> failure), with the attributes JUnit readers require."""
    root = _junit()
    assert root.tag == "testsuites"
    (suite,) = list(root)
    assert suite.tag == "testsuite"
    for attr in ("name", "tests", "failures", "errors", "skipped"):
        assert attr in suite.attrib
    cases = list(suite)
    assert all(c.tag == "testcase" and {"name", "classname"} <= set(c.attrib) for c in cases)
    for case in cases:
        assert all(child.tag == "failure" and {"message", "type"} <= set(child.attrib) for child in case)
    assert int(suite.get("tests", "")) == len(cases) == int(root.get("tests", ""))
    assert int(suite.get("failures", "")) == sum(1 for c in cases if len(c)) == int(root.get("failures", ""))


def test_junit_one_test_case_per_file_and_a_failure_per_finding() -> None:
    cases = {c.get("name"): c for c in _junit().iter("testcase")}
    assert len(cases) == len(REPORT.files)
    assert len(cases["a.datacard.yaml"]) == 2
    assert len(cases["c/hostile.datacard.yaml"]) == len(HOSTILE)
    assert len(cases["clean.datacard.yaml"]) == 0  # a file without findings passes
    assert [f.get("type") for f in cases["a.datacard.yaml"]] == ["DC201", "DC104"]


def test_junit_text_shows_hostile_characters_as_escapes() -> None:
    text = render_report(REPORT, "junit")
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\u202e\u2066\udc80-\udcff]", text)
    messages = [f.get("message", "") for f in _junit().iter("failure")]
    assert any("<script>" in m for m in messages)  # the reader gets the text back, unescaped once
    assert any("\\x1b]0;title" in m for m in messages)


def test_junit_is_read_by_a_junit_reader() -> None:
    junitparser = pytest.importorskip("junitparser")
    xml = junitparser.JUnitXml.fromstring(render_report(REPORT, "junit"))
    suites = list(xml) if isinstance(xml, junitparser.JUnitXml) else [xml]
    cases = [case for suite in suites for case in suite]
    assert len(cases) == len(REPORT.files)
    failures = [r for case in cases for r in case.result if isinstance(r, junitparser.Failure)]
    assert len(failures) == len(REPORT.findings)
    assert {f.type for f in failures} == {f.code for f in REPORT.findings}


def test_junit_of_a_clean_run() -> None:
    root = _junit(Report(files=["x.datacard.yaml"]))
    assert [c.get("name") for c in root.iter("testcase")] == ["x.datacard.yaml"]
    assert root.get("failures") == "0"


# --- GitLab Code Quality ------------------------------------------------------------------------

GITLAB_SEVERITIES = {"info", "minor", "major", "critical", "blocker"}


def _gitlab(report: Report = REPORT) -> list[dict[str, Any]]:
    return json.loads(render_report(report, "gitlab"))


def test_gitlab_issues_have_the_documented_fields() -> None:
    issues = _gitlab()
    assert len(issues) == len(REPORT.findings)
    for issue in issues:
        assert isinstance(issue["description"], str) and issue["description"]
        assert isinstance(issue["check_name"], str)
        assert re.fullmatch(r"[0-9a-f]{64}", issue["fingerprint"])
        assert issue["severity"] in GITLAB_SEVERITIES
        assert isinstance(issue["location"]["path"], str)
        assert isinstance(issue["location"]["lines"]["begin"], int) and issue["location"]["lines"]["begin"] >= 1


def test_gitlab_fingerprints_are_unique_and_survive_moved_lines() -> None:
    twice = Report(findings=[_finding(line=3), _finding(line=8)], files=["a.datacard.yaml"])
    first, second = (i["fingerprint"] for i in _gitlab(twice))
    assert first != second
    moved = Report(findings=[_finding(line=4), _finding(line=9)], files=["a.datacard.yaml"])
    assert [i["fingerprint"] for i in _gitlab(moved)] == [first, second]
    assert len({i["fingerprint"] for i in _gitlab()}) == len(REPORT.findings)


@pytest.mark.parametrize(("severity", "expected"), [(E, "major"), (W, "minor"), (I, "info")])
def test_gitlab_severities(severity: Severity, expected: str) -> None:
    (issue,) = _gitlab(Report(findings=[_finding(severity=severity)]))
    assert issue["severity"] == expected


def test_gitlab_paths_are_relative_to_the_checkout(tmp_path: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    report = Report(findings=[_finding(path=str(tmp_path / "d" / "x.datacard.yaml")),
                              _finding(path="./e.datacard.yaml")])
    assert sorted(i["location"]["path"] for i in _gitlab(report)) == ["d/x.datacard.yaml", "e.datacard.yaml"]


# --- the command line -----------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", ["junit", "gitlab"])
@pytest.mark.parametrize("command", [["lint", str(EXAMPLES)], ["validate", str(CASES / "invalid" / "bad-enum.yaml")]])
def test_checking_commands_print_ci_formats(fmt: str, command: list[str]) -> None:
    result = runner.invoke(app, [*command, "--isolated", "--output-format", fmt])
    assert result.exit_code == 1, result.output
    if fmt == "junit":
        assert ET.fromstring(result.stdout.encode()).tag == "testsuites"
    else:
        assert json.loads(result.stdout)


def test_the_configuration_may_choose_a_ci_format(tmp_path: Any) -> None:
    (tmp_path / "datacard.toml").write_text('output-format = "gitlab"\n', encoding="utf-8")
    sheet = tmp_path / "x.datacard.yaml"
    sheet.write_text("schema_version: 1\nname: x\n", encoding="utf-8")
    result = runner.invoke(app, ["lint", str(sheet)])
    assert isinstance(json.loads(result.stdout), list)


def test_every_reporter_is_a_format_choice() -> None:
    from datacard.cli.output import FindingFormat

    assert {f.value for f in FindingFormat} == set(REPORTERS)


# --- colour -------------------------------------------------------------------------------------

SGR = re.compile(r"\x1b\[[0-9;]*m")
LINT = ["lint", str(EXAMPLES / "support-tickets.datacard.yaml"), "--isolated"]


@pytest.mark.parametrize(("env", "coloured"), [
    ({}, False),  # the runner's output is not a terminal: as when piped
    ({"FORCE_COLOR": "1"}, True),
    ({"FORCE_COLOR": "1", "NO_COLOR": "1"}, False),
    ({"FORCE_COLOR": "0"}, False),
    ({"NO_COLOR": ""}, False),
])
def test_colour_follows_the_terminal_and_the_environment(env: dict[str, str], coloured: bool) -> None:
    base = {"FORCE_COLOR": None, "NO_COLOR": None, "TERM": "xterm"}
    result = runner.invoke(app, LINT, env={**base, **env})
    assert result.exit_code == 1
    assert bool(SGR.search(result.stdout)) is coloured
    assert SGR.sub("", result.stdout) == runner.invoke(app, LINT, env=base).stdout


@pytest.mark.parametrize("fmt", sorted(set(REPORTERS) - COLOURED))
def test_machine_formats_are_never_coloured(fmt: str) -> None:
    result = runner.invoke(app, [*LINT, "--output-format", fmt], env={"FORCE_COLOR": "1", "NO_COLOR": None})
    assert "\x1b" not in result.stdout


@pytest.mark.parametrize("fmt", sorted(COLOURED))
def test_colour_never_lets_a_file_write_to_the_terminal(fmt: str) -> None:
    """Every escape in coloured output is one of datacard's own styles; a message's ESC is shown."""
    text = render_report(REPORT, fmt, colour=True)
    assert SGR.search(text)
    assert "\x1b" not in SGR.sub("", text)
    assert "\\x1b]0;title" in text


def test_quiet_drops_the_coloured_summary_too() -> None:
    result = runner.invoke(app, [*LINT, "-q"], env={"FORCE_COLOR": "1", "NO_COLOR": None})
    assert "Found" not in result.stdout and SGR.search(result.stdout)
