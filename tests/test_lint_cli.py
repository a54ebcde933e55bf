"""`datacard lint` and `datacard rule` through the command line: exit codes, selection,
suppressions, output formats, statistics and configuration."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from datacard.cli import app

runner = CliRunner()
LINT_CASES = Path(__file__).resolve().parent / "lint_cases"
COMPLETE = (LINT_CASES / "base" / "case-complete.datacard.yaml").read_text(encoding="utf-8")


def run(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


def findings(output: str) -> list[tuple[str, int, str]]:
    """(file name, line, code) from concise output."""
    out = []
    for line in output.splitlines():
        match = re.match(r"^(.+?):(\d+):\d+: (DC\d+) ", line)
        if match:
            out.append((Path(match.group(1)).name, int(match.group(2)), match.group(3)))
    return out


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A throwaway repository with one complete datasheet and one with a placeholder."""
    (tmp_path / ".git").mkdir()
    (tmp_path / "good.datacard.yaml").write_text(COMPLETE, encoding="utf-8")
    gappy = COMPLETE.replace("name: case-complete", "name: gappy").replace(
        "identifiers: [hf:case_complete]\n", ""
    ).replace(
        "  purpose: Train and evaluate sentiment classifiers on English product reviews.\n",
        "  purpose: TBD\n",
    )
    (tmp_path / "gappy.datacard.yaml").write_text(gappy, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def line_of(path: Path, text: str) -> int:
    return next(i for i, line in enumerate(path.read_text().splitlines(), 1) if text in line)


# --- exit codes ---------------------------------------------------------------------------

EXIT_CODES = [
    (["good.datacard.yaml"], 0),
    (["gappy.datacard.yaml"], 1),
    (["gappy.datacard.yaml", "--exit-zero"], 0),
    (["gappy.datacard.yaml", "--fail-on", "error"], 0),
    (["gappy.datacard.yaml", "--fail-on", "info"], 1),
    (["gappy.datacard.yaml", "--ignore", "DC202"], 0),
    (["missing.datacard.yaml"], 2),
    (["gappy.datacard.yaml", "--select", "XX9"], 2),
    (["gappy.datacard.yaml", "--fail-on", "sometimes"], 2),
]


@pytest.mark.parametrize(("args", "code"), EXIT_CODES)
def test_exit_codes(project: Path, args: list[str], code: int) -> None:
    assert run("lint", *args)[0] == code


def test_default_path_is_the_current_directory(project: Path) -> None:
    code, out = run("lint")
    assert code == 1
    assert findings(out) == [("gappy.datacard.yaml", line_of(project / "gappy.datacard.yaml", "purpose:"), "DC202")]


# --- selection ----------------------------------------------------------------------------

SELECTIONS = [
    (["--select", "DC3"], []),
    (["--select", "DC2"], ["DC202"]),
    (["--select", "DC202"], ["DC202"]),
    (["--select", "DC3", "--extend-select", "DC202"], ["DC202"]),
    (["--select", "DC2", "--ignore", "DC20"], []),
    (["--select", "DC2", "--ignore", "DC2", "--extend-select", "DC202"], ["DC202"]),
    (["--select", "DC202,DC208"], ["DC202"]),
    (["--select", "all", "--ignore", "DC202"], []),
]


@pytest.mark.parametrize(("args", "codes"), SELECTIONS)
def test_select_and_ignore(project: Path, args: list[str], codes: list[str]) -> None:
    _, out = run("lint", "gappy.datacard.yaml", *args)
    assert [f[2] for f in findings(out)] == codes


# --- suppressions -------------------------------------------------------------------------


def _write(project: Path, name: str, old: str, new: str) -> Path:
    path = project / name
    path.write_text(path.read_text().replace(old, new, 1))
    return path


SUPPRESSIONS = [
    # (replacement for the purpose line, extra line prepended, expected codes with line markers)
    ("  purpose: TBD  # noqa: DC202\n", "", []),
    ("  purpose: TBD  # noqa\n", "", []),
    ("  purpose: TBD  # NOQA: DC2\n", "", []),
    ("  purpose: TBD  # noqa: DC301\n", "", [("purpose", "DC202"), ("purpose", "DC900")]),
    ("  purpose: TBD  # noqa: DC202, DC999\n", "", [("purpose", "DC900")]),
    ("  purpose: TBD\n", "# datacard: noqa\n", []),
    ("  purpose: TBD\n", "# datacard: noqa: DC2\n", []),
    ("  purpose: TBD\n", "# datacard: noqa: DC3\n", [("purpose", "DC202"), ("datacard: noqa", "DC900")]),
    ("  purpose: Train sentiment classifiers on English product reviews.  # noqa\n", "",
     [("purpose", "DC900")]),
]


@pytest.mark.parametrize(("purpose", "header", "expected"), SUPPRESSIONS)
def test_noqa(project: Path, purpose: str, header: str, expected: list[tuple[str, str]]) -> None:
    path = _write(project, "gappy.datacard.yaml", "  purpose: TBD\n", purpose)
    path.write_text(header + path.read_text())
    _, out = run("lint", "gappy.datacard.yaml")
    want = sorted((path.name, line_of(path, marker), code) for marker, code in expected)
    assert sorted(findings(out)) == want


def test_unused_noqa_for_an_unselected_code_is_not_reported(project: Path) -> None:
    _write(project, "gappy.datacard.yaml", "  purpose: TBD\n", "  purpose: TBD  # noqa: DC202\n")
    _, out = run("lint", "gappy.datacard.yaml", "--select", "DC3")
    assert findings(out) == []


def test_unused_noqa_can_itself_be_ignored(project: Path) -> None:
    _write(project, "good.datacard.yaml", "  count: 100\n", "  count: 100  # noqa: DC209\n")
    assert [f[2] for f in findings(run("lint", "good.datacard.yaml")[1])] == ["DC900"]
    assert run("lint", "good.datacard.yaml", "--ignore", "DC900")[0] == 0


# --- output formats -----------------------------------------------------------------------


def test_json_output(project: Path) -> None:
    code, out = run("lint", "gappy.datacard.yaml", "--output-format", "json")
    assert code == 1
    doc = json.loads(out)
    assert [(f["code"], f["line"], f["severity"]) for f in doc["findings"]] == [
        ("DC202", line_of(project / "gappy.datacard.yaml", "purpose:"), "warning")
    ]
    assert doc["summary"]["findings"] == 1


def test_github_output_escapes_and_places(project: Path) -> None:
    _, out = run("lint", "gappy.datacard.yaml", "--output-format", "github")
    line = line_of(project / "gappy.datacard.yaml", "purpose:")
    assert out.startswith(f"::warning file=gappy.datacard.yaml,line={line},col=12,title=DC202::DC202 ")
    assert out.count("\n") == 1
    # A message with a newline or percent sign must not break the annotation.
    from datacard.findings import Finding, Report, Severity
    from datacard.reporters import render_report

    text = render_report(Report([Finding("DC207", Severity.WARNING, "a,b:c.yaml", 1, 1, "50%\nnext")]), "github")
    assert text == "::warning file=a%2Cb%3Ac.yaml,line=1,col=1,title=DC207::DC207 50%25%0Anext\n"


def test_sarif_output(project: Path) -> None:
    _write(project, "good.datacard.yaml", "  count: 100\n", "  count: 100  # noqa: DC209\n")
    code, out = run("lint", "--output-format", "sarif")
    assert code == 1
    doc = json.loads(out)
    assert doc["version"] == "2.1.0"
    assert doc["$schema"].endswith("sarif-2.1.0.json")
    (run_,) = doc["runs"]
    driver = run_["tool"]["driver"]
    assert driver["name"] == "datacard"
    rule_ids = [r["id"] for r in driver["rules"]]
    assert rule_ids == sorted(set(rule_ids)) == ["DC202", "DC900"]
    for rule in driver["rules"]:
        assert rule["shortDescription"]["text"] and rule["fullDescription"]["text"]
        assert rule["defaultConfiguration"]["level"] in ("error", "warning", "note")
    results = run_["results"]
    assert {r["ruleId"] for r in results} == {"DC202", "DC900"}
    for result in results:
        assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["level"] in ("error", "warning", "note")
        assert result["message"]["text"]
        (location,) = result["locations"]
        physical = location["physicalLocation"]
        uri = physical["artifactLocation"]["uri"]
        assert not uri.startswith("/") and "\\" not in uri and uri.endswith(".datacard.yaml")
        assert physical["region"]["startLine"] >= 1 and physical["region"]["startColumn"] >= 1


def test_full_output_quotes_the_line(project: Path) -> None:
    _, out = run("lint", "gappy.datacard.yaml", "--output-format", "full")
    assert "DC202 [warning]" in out
    assert "|   purpose: TBD" in out


def test_statistics(project: Path) -> None:
    (project / "more.datacard.yaml").write_text(
        (project / "gappy.datacard.yaml").read_text().replace("name: gappy", "name: more"))
    code, out = run("lint", "--statistics")
    assert code == 1
    assert re.search(r"^\s+2\s+DC202\s+application-missing$", out, re.M)
    code, out = run("lint", "--statistics", "--output-format", "json")
    assert code == 1 and {"code": "DC202", "name": "application-missing", "count": 2} in json.loads(out)


def test_quiet_drops_the_summary(project: Path) -> None:
    _, out = run("lint", "gappy.datacard.yaml", "-q")
    assert "Found" not in out and "DC202" in out


# --- configuration ------------------------------------------------------------------------

CONFIGS = [
    ('[tool.datacard]\nignore = ["DC202"]\n', [], []),
    ('[tool.datacard]\nselect = ["DC3"]\n', ["--select", "DC2"], ["DC202"]),
    ('[tool.datacard.lint]\nselect = ["DC3"]\n', [], []),
    ('[tool.datacard]\nper-file-ignores = {"gappy.*" = ["DC2"]}\n', [], []),
    ('[tool.datacard]\nper-file-ignores = {"other.*" = ["DC2"]}\n', [], ["DC202"]),
    ('[tool.other]\nx = 1\n', [], ["DC202"]),
]


EXCLUDES = [
    ('exclude = ["gappy.datacard.yaml"]\n', ["."], ["more.datacard.yaml"]),
    ('extend-exclude = ["sub"]\n', ["."], ["gappy.datacard.yaml"]),
    ('extend-exclude = ["sub"]\n', ["sub"], ["more.datacard.yaml"]),  # a folder named: linted, as ruff does
    ('extend-exclude = ["s*"]\n', ["sub/more.datacard.yaml"], ["more.datacard.yaml"]),  # named: linted
    ("", ["."], ["gappy.datacard.yaml", "more.datacard.yaml"]),
]


@pytest.mark.parametrize(("toml", "args", "names"), EXCLUDES)
def test_exclude(project: Path, toml: str, args: list[str], names: list[str]) -> None:
    (project / "sub").mkdir()
    (project / "sub" / "more.datacard.yaml").write_text(
        (project / "gappy.datacard.yaml").read_text().replace("name: gappy", "name: more"))
    (project / "datacard.toml").write_text(toml)
    _, out = run("lint", *args)
    assert sorted(f[0] for f in findings(out)) == names


@pytest.mark.parametrize(("toml", "args", "codes"), CONFIGS)
def test_pyproject_config(project: Path, toml: str, args: list[str], codes: list[str]) -> None:
    (project / "pyproject.toml").write_text(toml)
    _, out = run("lint", "gappy.datacard.yaml", *args)
    assert [f[2] for f in findings(out)] == codes


def test_datacard_toml_and_isolated(project: Path) -> None:
    (project / "datacard.toml").write_text('ignore = ["DC202"]\nfail-on = "error"\n')
    assert run("lint", "gappy.datacard.yaml")[1].startswith("All checks passed")
    code, out = run("lint", "gappy.datacard.yaml", "--isolated")
    assert code == 1 and "DC202" in out


def test_config_found_upward_from_the_path(project: Path) -> None:
    (project / "pyproject.toml").write_text('[tool.datacard]\nignore = ["DC2"]\n')
    sub = project / "sub"
    sub.mkdir()
    shutil.move(project / "gappy.datacard.yaml", sub / "gappy.datacard.yaml")
    assert run("lint", "sub")[0] == 0


def test_paths_in_messages_are_relative_from_a_subdirectory(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    models = project / "models"
    models.mkdir()
    (models / "m.datacard.yaml").write_text(
        "schema_version: 1\nkind: training\nname: m\nmodel: {name: m}\n"
        "data:\n  - datacard: ../gappy.datacard.yaml\n    revision: v1\n", encoding="utf-8")
    monkeypatch.chdir(models)
    code, out = run("lint", "m.datacard.yaml", "--select", "DC303")
    assert code == 1 and findings(out) == [("m.datacard.yaml", 6, "DC303")]
    assert "(see ../gappy.datacard.yaml)" in out and str(project) not in out


@pytest.mark.parametrize("purpose", ['""', "'   '", "TBD", "n/a"])
def test_a_quoted_placeholder_is_text_of_the_file(project: Path, purpose: str) -> None:
    """DC202 and DC303 quote the placeholder they found; empty text has none to quote."""
    gappy = _write(project, "gappy.datacard.yaml", "  purpose: TBD\n", f"  purpose: {purpose}\n")
    (project / "m.datacard.yaml").write_text(
        "schema_version: 1\nkind: training\nname: m\nmodel: {name: m}\n"
        "data:\n  - datacard: gappy.datacard.yaml\n    revision: v1\n", encoding="utf-8")
    code, out = run("lint", "--select", "DC202,DC303", "--output-format", "json")
    found = json.loads(out)["findings"]
    assert code == 1 and {(f["code"], f["line"]) for f in found} == {
        ("DC202", line_of(gappy, "purpose:")), ("DC303", 6)}
    for finding in found:
        quoted = re.findall(r"'([^']*)'", finding["message"].split(": ", 1)[-1])
        assert all(q in gappy.read_text() for q in quoted if q.strip()), finding["message"]


def test_output_format_from_config(project: Path) -> None:
    (project / "datacard.toml").write_text('output-format = "json"\n')
    assert json.loads(run("lint", "gappy.datacard.yaml")[1])["summary"]["findings"] == 1


BAD_CONFIGS = [
    "[tool.datacard\n",
    '[tool.datacard]\nselect = "DC2\n',
    "[tool.datacard]\nselect = [1, 2]\n",
    '[tool.datacard]\nselect = ["NOPE"]\n',
    "[tool.datacard.lint]\nselekt = []\n",
    '[tool.datacard]\nfail-on = "often"\n',
    '[tool.datacard]\ndatasets = {imdb = 3}\n',
    '[tool.datacard]\nexclude = "tests"\n',
    '[tool.datacard]\nfail-onn = "error"\n',  # a misspelt key is not silently ignored
    '[tool.datacard]\nextend-require = "audience.license"\n',
    '[tool.datacard]\nextend-require = ["audience..license"]\n',
    '[tool.datacard]\nseverity = {DC202 = "fatal"}\n',
    '[tool.datacard]\npolicy = "missing.schema.json"\n',
    '[tool.datacard]\npolicy = "pyproject.toml"\n',  # not JSON
    '[tool.datacard]\npolicy = "bad.schema.json"\n',  # JSON, but not a JSON Schema
    '[tool.datacard]\npolicy = "deep.schema.json"\n',  # JSON nested past the parser
    '[tool.datacard]\npolicy = "nested.schema.json"\n',  # parsed, but past jsonschema's recursion
]


def test_excluded_datasheets_are_not_indexed(project: Path) -> None:
    (project / "fixtures").mkdir()
    (project / "fixtures" / "copy.datacard.yaml").write_text((project / "good.datacard.yaml").read_text())
    (project / "m.datacard.yaml").write_text(
        "schema_version: 1\nkind: training\nname: m\nmodel:\n  name: m\n"
        "data:\n  - dataset: case-complete\n    revision: v1\n")
    assert findings(run("lint", "m.datacard.yaml")[1]) == [("m.datacard.yaml", 7, "DC301")]  # ambiguous
    (project / "datacard.toml").write_text('extend-exclude = ["fixtures"]\n')
    assert run("lint", "m.datacard.yaml")[0] == 0


def test_config_unreadable_without_a_toml_parser(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Python 3.10 without tomli: the configuration cannot be read, and the run says so."""
    import datacard.configfile

    (project / "pyproject.toml").write_text('[tool.datacard]\nignore = ["DC202"]\n')
    monkeypatch.setattr(datacard.configfile, "_toml", lambda: None)
    code, out = run("lint", "gappy.datacard.yaml")
    assert code == 2 and "tomli" in out


@pytest.mark.parametrize("toml", BAD_CONFIGS)
def test_bad_config_is_a_usage_error(project: Path, toml: str) -> None:
    (project / "bad.schema.json").write_text('{"type": 12}')
    (project / "deep.schema.json").write_text('{"not": ' + "[" * 100_000 + "]" * 100_000 + "}")
    (project / "nested.schema.json").write_text('{"not": ' * 900 + "{}" + "}" * 900)
    (project / "pyproject.toml").write_text(toml)
    code, out = run("lint", "gappy.datacard.yaml")
    assert code == 2
    # A usage error that says what is wrong, never datacard's own crash report.
    assert "Traceback" not in out and "error" in out and "internal error" not in out


def test_dataset_map_resolves_third_party_ids(project: Path) -> None:
    manifest = (
        "schema_version: 1\nkind: training\nname: m\nmodel:\n  name: m\n"
        "data:\n  - dataset: imdb\n    revision: v1\n"
    )
    (project / "m.datacard.yaml").write_text(manifest)
    code, out = run("lint", "m.datacard.yaml")
    assert code == 1
    assert findings(out) == [("m.datacard.yaml", 7, "DC301")]
    (project / "pyproject.toml").write_text('[tool.datacard.datasets]\nimdb = "good.datacard.yaml"\n')
    assert run("lint", "m.datacard.yaml")[0] == 0
    (project / "pyproject.toml").write_text('[tool.datacard.datasets]\nimdb = "nope.datacard.yaml"\n')
    assert findings(run("lint", "m.datacard.yaml")[1]) == [("m.datacard.yaml", 7, "DC301")]


# (how the manifest names the data, the key of [tool.datacard.datasets]): a mapped id answers to
# its short forms, as a datasheet's identifiers do
MAPPED_IDS = [
    ("imdb", "imdb"), ("hf:imdb", "imdb"), ("imdb", "hf:imdb"), ("hf:stanfordnlp/imdb", "hf:stanfordnlp/imdb"),
    ("stanfordnlp/imdb", "https://huggingface.co/datasets/stanfordnlp/imdb"),
]


@pytest.mark.parametrize(("ref", "key"), MAPPED_IDS)
def test_dataset_map_keys_match_like_identifiers(project: Path, ref: str, key: str) -> None:
    (project / "m.datacard.yaml").write_text(
        f"schema_version: 1\nkind: training\nname: m\nmodel:\n  name: m\n"
        f"data:\n  - dataset: '{ref}'\n    revision: v1\n")
    (project / "pyproject.toml").write_text(f'[tool.datacard.datasets]\n"{key}" = "good.datacard.yaml"\n')
    code, out = run("lint", "m.datacard.yaml")
    assert code == 0, out


# --- datacard rule ------------------------------------------------------------------------


def test_rule_explains_a_code() -> None:
    code, out = run("rule", "dc304")
    assert code == 0
    assert out.startswith("DC304 (training-data-audience-gap)")
    assert "Default severity: warning" in out and "Good" in out


def test_rule_unknown_code() -> None:
    assert run("rule", "DC999")[0] == 2
    assert run("rule")[0] == 2


def test_rule_all_lists_every_code() -> None:
    from datacard import codes

    code, out = run("rule", "--all")
    assert code == 0
    listed = [line.split()[0] for line in out.splitlines()]
    assert listed == [c.code for c in codes.all_codes()]
    doc = json.loads(run("rule", "--all", "--output-format", "json")[1])
    assert [d["code"] for d in doc] == listed


def test_every_lint_rule_explains_itself_with_an_example() -> None:
    from datacard.lint.rules import RULES

    for code, rule in RULES.items():
        assert rule.code.summary and rule.code.summary.endswith("."), code
        assert "Good" in rule.code.explanation, code


def test_needs_table_in_lint_doc_is_current() -> None:
    from datacard.lint.docs import NEEDS_START, with_needs_table

    path = Path(__file__).resolve().parent.parent / "docs" / "lint.md"
    committed = path.read_text(encoding="utf-8")
    assert NEEDS_START in committed
    stale = ("docs/lint.md's needs table is stale: python -c \"import pathlib; from datacard.lint.docs import "
             "with_needs_table as w; p = pathlib.Path('docs/lint.md'); p.write_text(w(p.read_text()))\"")
    assert committed == with_needs_table(committed), stale


def test_rules_doc_is_current() -> None:
    from datacard.lint.docs import rules_markdown

    committed = (Path(__file__).resolve().parent.parent / "docs" / "rules.md").read_text(encoding="utf-8")
    stale = "docs/rules.md is stale: datacard rule --all --output-format markdown > docs/rules.md"
    assert committed == rules_markdown(), stale


CARD = """---
datasets:
- case_complete
---

## Intended uses & limitations

More information needed{suffix}
"""


@pytest.mark.parametrize(("suffix", "codes"), [
    ("", ["DC310"]),
    (" <!-- noqa: DC310 -->", []),
    (" <!-- noqa: DC301 -->", ["DC310", "DC900"]),
])
def test_noqa_in_a_model_card(project: Path, suffix: str, codes: list[str]) -> None:
    (project / "README.md").write_text(CARD.format(suffix=suffix))
    _, out = run("lint", "README.md")
    assert [(f[1], f[2]) for f in findings(out)] == [(8, c) for c in codes]


def test_a_named_dvc_lock_lints_its_pipeline(project: Path) -> None:
    shutil.copy(LINT_CASES / "lineage" / "dvc-nodata" / "dvc.yaml", project / "dvc.yaml")
    (project / "dvc.lock").write_text("schema: '2.0'\nstages: {}\n")
    for args in (["dvc.lock"], ["dvc.lock", "dvc.yaml"]):
        assert [f[:2] for f in findings(run("lint", *args)[1])] == [("dvc.yaml", 7)]


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_gitignored_files_are_skipped_when_walking(project: Path) -> None:
    import subprocess

    (project / ".git").rmdir()
    subprocess.run(["git", "init", "-q"], cwd=project, check=True)
    (project / "ignored").mkdir()
    shutil.move(project / "gappy.datacard.yaml", project / "ignored" / "gappy.datacard.yaml")
    (project / ".gitignore").write_text("ignored/\n")
    (project / "m.datacard.yaml").write_text(
        "schema_version: 1\nkind: training\nname: m\nmodel:\n  name: m\n"
        "data:\n  - dataset: gappy\n    revision: v1\n")
    # The ignored datasheet is neither linted nor found by name.
    assert findings(run("lint", ".")[1]) == [("m.datacard.yaml", 7, "DC301")]
    assert sorted(f[2] for f in findings(run("lint", ".", "--no-respect-gitignore")[1])) == [
        "DC202", "DC303"]
    (project / "datacard.toml").write_text("respect-gitignore = false\n")
    assert sorted(f[2] for f in findings(run("lint", ".")[1])) == ["DC202", "DC303"]
    (project / "datacard.toml").unlink()
    # A file or directory named on the command line is linted even when ignored, and the
    # datasheets of the run are found by name.
    assert [f[2] for f in findings(run("lint", "ignored/gappy.datacard.yaml")[1])] == ["DC202"]
    assert [f[2] for f in findings(run("lint", "ignored")[1])] == ["DC202"]
    assert sorted(f[2] for f in findings(run("lint", "m.datacard.yaml", "ignored")[1])) == ["DC202", "DC303"]


RAISED_BAR = [
    # (config, flags, exit code, expected (code, severity) pairs)
    ('severity = {DC202 = "error"}\n', ["--fail-on", "error"], 1, [("DC202", "error")]),
    ('severity = {DC2 = "info", DC202 = "error"}\n', [], 1, [("DC202", "error")]),  # most specific wins
    ('severity = {DC2 = "info"}\n', [], 0, [("DC202", "info")]),
    ('extend-require = ["audience.maintenance.status"]\n', [], 1, [("DC202", "warning"), ("DC216", "warning")]),
]


@pytest.mark.parametrize(("toml", "flags", "code", "expected"), RAISED_BAR)
def test_teams_can_raise_the_bar(project: Path, toml: str, flags: list[str], code: int,
                                 expected: list[tuple[str, str]]) -> None:
    (project / "datacard.toml").write_text(toml)
    status, out = run("lint", "gappy.datacard.yaml", "--output-format", "json", *flags)
    found = json.loads(out)["findings"]
    assert status == code and sorted((f["code"], f["severity"]) for f in found) == expected


def test_the_policy_example_reports_house_rules_on_their_lines() -> None:
    example = Path(__file__).resolve().parent.parent / "examples" / "policy"
    status, out = run("lint", str(example), "--output-format", "json")
    found = json.loads(out)["findings"]
    sheet = example / "churn-events.datacard.yaml"
    assert status == 1 and sorted((f["code"], f["line"], f["field"]) for f in found) == [
        ("DC216", line_of(sheet, "  ethics:"), "origin.ethics.review"),
        ("DC217", line_of(sheet, "access: {type: open}"), "audience.access.type"),
        ("DC217", line_of(sheet, "contact: churn-data"), "audience.maintenance.contact"),
    ]
