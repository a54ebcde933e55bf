"""The commands agree: one name per idea, the same values, the same exit codes, no silent overwrite."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, get_args

import pytest
import typer.main
from typer.testing import CliRunner

from datacard.cli import app, main
from datacard.cli.output import FailOn, FindingFormat
from tests.conftest import CASES, EXAMPLES, ROOT

runner = CliRunner()
HF_CASES = ROOT / "tests" / "interop_cases" / "hf"


# typer bundles its own copy of click, so commands and options are recognised by their attributes.
def _commands(group: Any, prefix: str = "") -> dict[str, Any]:
    found: dict[str, Any] = {}
    for name, command in group.commands.items():
        if hasattr(command, "commands"):
            found.update(_commands(command, f"{prefix}{name} "))
        else:
            found[f"{prefix}{name}"] = command
    return found


COMMANDS = _commands(typer.main.get_command(app))


def _option(command: str, name: str) -> Any:
    for param in COMMANDS[command].params:
        if param.param_type_name == "option" and name in param.opts + param.secondary_opts:
            return param
    return None


def _enum(command: str, name: str) -> Any:
    """The Enum an option's values come from (``X | None`` unwrapped)."""
    option = _option(command, name)
    assert option is not None, f"{command} has no {name}"
    annotation = option.type_descriptor.annotation
    return next((a for a in get_args(annotation) if a is not type(None)), annotation)


FINDING_COMMANDS = ["validate", "lint", "render", "check",
                    "import hf", "import croissant", "export hf", "export croissant"]


def test_every_command_is_covered() -> None:
    assert set(COMMANDS) == {
        "validate", "lint", "render", "init", "import hf", "import croissant", "export hf",
        "export croissant", "coverage", "embed", "extract", "profile", "check", "represent",
        "schema", "rule", "diff", "site",
    }


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_output_is_dash_o_and_needs_force(command: str) -> None:
    output = _option(command, "--output")
    if output is None:
        return
    assert "-o" in output.opts
    # schema's output is a directory of generated files that it exists to refresh.
    if command != "schema":
        assert _option(command, "--force") is not None


@pytest.mark.parametrize("command", FINDING_COMMANDS)
def test_findings_formats_are_the_same_everywhere(command: str) -> None:
    assert _enum(command, "--output-format") is FindingFormat


@pytest.mark.parametrize("command", ["lint", "check", "import hf", "import croissant", "export hf",
                                     "export croissant", "profile", "represent"])
def test_fail_on_is_the_same_everywhere(command: str) -> None:
    assert _enum(command, "--fail-on") is FailOn


@pytest.mark.parametrize("command", ["validate", "lint", "render", "import hf", "import croissant",
                                     "export hf", "export croissant", "coverage", "profile", "check",
                                     "represent", "embed", "diff"])
def test_commands_that_read_datasheets_take_max_bytes(command: str) -> None:
    option = _option(command, "--max-bytes")
    assert option is not None and option.default is None  # None: the configuration decides


@pytest.mark.parametrize("command", sorted(set(COMMANDS) - {"schema", "rule"}))
def test_every_command_resolves_a_project(command: str) -> None:
    """Every command that reads the user's files takes --config and --isolated, and a findings
    format or failure threshold it takes defaults to the configuration's."""
    assert _option(command, "--config") is not None and _option(command, "--isolated") is not None
    for name in ("--output-format", "--fail-on"):
        option = _option(command, name)
        if option is not None and _enum(command, name) in (FindingFormat, FailOn):
            assert option.default is None, f"{command} {name} ignores the configuration"


@pytest.mark.parametrize("command", ["validate", "lint", "coverage", "diff", "site"])
def test_walking_commands_take_the_walk_flags(command: str) -> None:
    for name in ("--respect-gitignore", "--follow-links"):
        assert _option(command, name) is not None


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_format_names_the_input_data_format_only(command: str) -> None:
    fmt = _option(command, "--format")
    if fmt is None:
        return
    if command == "rule":  # the old spelling of --output-format, kept working
        assert "--output-format" in fmt.opts
    elif command == "render":  # the document written: Markdown or the site's HTML page
        assert fmt.help and "html" in fmt.help
    else:
        assert command in ("profile", "check", "represent") and fmt.help and "csv" in fmt.help


def test_default_max_bytes_is_written_once() -> None:
    """One `DEFAULT_MAX_BYTES` in the code base: every other module takes it from the loader."""
    package = ROOT / "datacard"
    defined = [p.relative_to(ROOT).as_posix() for p in package.rglob("*.py")
               if re.search(r"^DEFAULT_MAX_BYTES\s*=|10 \* 1024 \* 1024", p.read_text(encoding="utf-8"), re.M)]
    assert defined == ["datacard/load.py"]


def _run(*args: str) -> Any:
    result = runner.invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


@pytest.mark.parametrize("spelling", ["--output-format", "--format"])
def test_rule_output_format(spelling: str) -> None:
    result = _run("rule", "DC101", spelling, "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["code"] == "DC101"


@pytest.mark.parametrize("spelling", ["-o", "--output", "--out"])
def test_schema_output_directory(spelling: str, tmp_path: Path) -> None:
    assert _run("schema", spelling, str(tmp_path), "--check").exit_code == 1
    assert _run("schema", spelling, str(tmp_path)).exit_code == 0
    assert _run("schema", spelling, str(tmp_path), "--check").exit_code == 0


@pytest.mark.parametrize(("fail_on", "code"), [("info", 1), ("warning", 1), ("error", 0)])
def test_import_fail_on(fail_on: str, code: int, tmp_path: Path) -> None:
    # legacy-placeholders.md maps with a warning and an info, no errors.
    result = _run("import", "hf", str(HF_CASES / "legacy-placeholders.md"), "-o", str(tmp_path / "x.datacard.yaml"),
                  "--fail-on", fail_on)
    assert result.exit_code == code
    assert (tmp_path / "x.datacard.yaml").is_file()


@pytest.mark.parametrize(("fail_on", "code"), [("info", 1), ("warning", 1), ("error", 0)])
def test_export_fail_on(fail_on: str, code: int) -> None:
    # The deliberately incomplete example exports with a warning and an info.
    result = _run("export", "hf", str(EXAMPLES / "support-tickets.datacard.yaml"), "--fail-on", fail_on)
    assert result.exit_code == code


@pytest.mark.parametrize("command", [["render"], ["export", "hf"], ["export", "croissant"]])
def test_findings_of_a_bad_datasheet_in_json(command: list[str]) -> None:
    result = _run(*command, str(CASES / "invalid" / "bad-enum.yaml"), "--output-format", "json")
    assert result.exit_code == 1
    findings = json.loads(result.stdout if command == ["render"] else result.stderr)["findings"]
    assert {f["code"] for f in findings} == {"DC104"}


@pytest.mark.parametrize("command", [["render"], ["export", "hf"], ["import", "hf"]])
def test_max_bytes_limits_every_reader(command: list[str]) -> None:
    source = EXAMPLES / "yelp-reviews.datacard.yaml" if command[0] != "import" else HF_CASES / "bad-values.md"
    result = _run(*command, str(source), "--max-bytes", "100", "--output-format", "json")
    assert result.exit_code == 1
    text = result.stdout if command == ["render"] else result.stderr
    assert [f["code"] for f in json.loads(text)["findings"]] == ["DC002"]


def test_coverage_max_bytes() -> None:
    result = _run("coverage", str(EXAMPLES / "yelp-reviews.datacard.yaml"), "--max-bytes", "100")
    assert result.exit_code == 1
    assert " DC002 " in result.stderr


@pytest.mark.parametrize("spelling", [["--output-format", "json"], ["--json"]])
def test_profile_json(spelling: list[str], tmp_path: Path) -> None:
    data = tmp_path / "d.csv"
    data.write_text("a,b\n1,x\n2,y\n", encoding="utf-8")
    result = _run("profile", str(data), *spelling)
    assert result.exit_code == 0
    assert json.loads(result.stdout)["rows"] == 2


def test_init_refuses_to_overwrite(tmp_path: Path) -> None:
    target = tmp_path / "x.datacard.yaml"
    assert _run("init", str(target)).exit_code == 0
    target.write_text("mine\n", encoding="utf-8")
    assert _run("init", str(target)).exit_code == 2
    assert target.read_text(encoding="utf-8") == "mine\n"


@pytest.mark.parametrize("command", [["render"], ["export", "hf"], ["export", "croissant"], ["import", "hf"]])
def test_force_never_writes_over_the_input(command: list[str], tmp_path: Path) -> None:
    source = tmp_path / "x.datacard.yaml"
    original = (EXAMPLES / "yelp-reviews.datacard.yaml").read_bytes()
    source.write_bytes(original)
    result = _run(*command, str(source), "-o", str(source), "--force")
    assert result.exit_code == 2
    assert source.read_bytes() == original


def test_data_commands_never_write_over_their_data(tmp_path: Path) -> None:
    import pandas as pd

    data = tmp_path / "d.parquet"
    pd.DataFrame({"cuisine": ["a", "b"], "label": [1, 0]}).to_parquet(data)
    assert _run("embed", str(EXAMPLES / "yelp-reviews.datacard.yaml"), str(data)).exit_code == 0
    original = data.read_bytes()
    for command in (["extract", str(data)], ["profile", str(data)],
                    ["represent", str(data), "--subgroup", "cuisine", "--label", "label"]):
        assert _run(*command, "-o", str(data), "--force").exit_code == 2, command
        assert data.read_bytes() == original, command


MISSING_INPUT = [
    ["validate", "{m}"], ["lint", "{m}"], ["render", "{m}"], ["import", "hf", "{m}"],
    ["import", "croissant", "{m}"], ["export", "hf", "{m}"], ["export", "croissant", "{m}"],
    ["coverage", "{m}"], ["embed", "{m}", "{m}"], ["extract", "{m}"], ["profile", "{m}"],
    ["check", "{m}", "-d", str(EXAMPLES / "yelp-reviews.datacard.yaml")], ["represent", "{m}", "--subgroup", "g"],
]


@pytest.mark.parametrize("command", MISSING_INPUT, ids=lambda c: " ".join(c[:2]))
def test_a_missing_input_is_exit_2_everywhere(command: list[str], tmp_path: Path) -> None:
    missing = str(tmp_path / "missing")
    result = _run(*(missing if arg == "{m}" else arg for arg in command))
    assert result.exit_code == 2
    assert result.stderr.startswith("datacard: error:")


@pytest.mark.parametrize(("command", "source"), [
    (["import", "hf"], HF_CASES / "bad-values.md"),
    (["export", "hf"], EXAMPLES / "support-tickets.datacard.yaml"),
])
def test_findings_go_to_stderr_only_when_the_document_is_stdout(
    command: list[str], source: Path, tmp_path: Path
) -> None:
    to_stdout = _run(*command, str(source), "--output-format", "json")
    assert json.loads(to_stdout.stderr)["findings"]
    to_file = _run(*command, str(source), "--output-format", "json", "-o", str(tmp_path / "out"))
    assert json.loads(to_file.stdout)["findings"]


def test_help_lists_every_command_in_the_workflow_order() -> None:
    from datacard.cli.app import COMMAND_ORDER

    listed = [line.split()[0] for line in _run("--help").stdout.split("Commands:")[1].splitlines() if line.strip()]
    assert listed == list(COMMAND_ORDER)


@pytest.mark.parametrize("command", [
    ["validate", str(CASES / "invalid" / "bad-enum.yaml")],
    ["lint", str(EXAMPLES / "support-tickets.datacard.yaml")],
    ["check", "{csv}", "-d", str(EXAMPLES / "yelp-reviews.datacard.yaml")],
])
def test_quiet_drops_only_the_summary(command: list[str], tmp_path: Path) -> None:
    data = tmp_path / "d.csv"
    data.write_text("text,label,cuisine\na,1,x\n", encoding="utf-8")
    args = [str(data) if arg == "{csv}" else arg for arg in command]
    loud, quiet = _run(*args).stdout.splitlines(), _run(*args, "-q").stdout.splitlines()
    assert loud[-1].startswith("Found ") and quiet == loud[:-1] and quiet


def test_a_bug_in_a_command_is_one_line_and_exit_2(monkeypatch: pytest.MonkeyPatch,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    """Whatever a command does wrong, the user sees one line and exit 2, never a traceback."""
    import datacard.render

    def broken(*args: object, **kwargs: object) -> str:
        raise KeyError("a bug")

    monkeypatch.setattr(datacard.render, "render_markdown", broken)
    monkeypatch.setattr("sys.argv", ["datacard", "render", str(ROOT / "examples" / "yelp-reviews.datacard.yaml")])
    monkeypatch.delenv("DATACARD_TRACEBACK", raising=False)
    with pytest.raises(SystemExit) as ended:
        main()
    err = capsys.readouterr().err
    assert ended.value.code == 2 and "internal error (KeyError)" in err and "Traceback" not in err
    monkeypatch.setenv("DATACARD_TRACEBACK", "1")
    with pytest.raises(KeyError):
        main()


# --- one grammar: the option matrix ---------------------------------------------------------------

SELECTION = ("--select", "--ignore", "--extend-select")
EXIT = ("--exit-zero", "--fail-on")
OUTPUT = ("--output-format", "--statistics", "--quiet")
GRAMMAR = (*SELECTION, *EXIT, *OUTPUT, "--jobs")
# The checking commands and which options of the grammar each takes. Where one is missing it
# would mean nothing: coverage has no codes of its own (its findings are files it could not
# read) and its output is a table; represent prints a table and exits 1 on a flagged group
# (DC520, judged by --fail-on), while `check` takes every option for the same rule.
MATRIX: dict[str, set[str]] = {
    "validate": set(GRAMMAR),
    "lint": set(GRAMMAR),
    "check": {*SELECTION, *EXIT, *OUTPUT},
    "coverage": {"--exit-zero", "--output-format", "--quiet"},
    "represent": {"--fail-on", "--quiet"},
}


@pytest.mark.parametrize("command", sorted(MATRIX))
def test_checking_commands_take_the_options_of_the_matrix(command: str) -> None:
    taken = {name for name in GRAMMAR if _option(command, name) is not None}
    assert taken == MATRIX[command]


@pytest.mark.parametrize("name", [n for n in GRAMMAR if n != "--output-format"])
def test_a_shared_option_is_one_definition(name: str) -> None:
    """Same spellings, metavar, default and help wherever it appears (not only the same name)."""
    # diff's --fail-on names classes of change (regression, license, ...), not severities: a diff
    # has no findings to rank, and CI asks it "fail on a regression".
    seen = {(tuple(o.opts), o.metavar, o.default, o.help) for c in COMMANDS
            if (o := _option(c, name)) is not None and c != "rule" and (c, name) != ("diff", "--fail-on")}
    assert len(seen) == 1, seen


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_command_takes_quiet(command: str) -> None:
    option = _option(command, "--quiet")
    assert option is not None and "-q" in option.opts


# --- help in one style ----------------------------------------------------------------------------

# One word in capitals, or a pair written as one argument (`--data DATASET=FILE`).
METAVAR = re.compile(r"^[A-Z][A-Z0-9_]*(=[A-Z][A-Z0-9_]*)?$")


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_help_shows_metavars_in_one_style(command: str) -> None:
    text = _run(*command.split(), "--help").stdout
    assert text.startswith(f"Usage: datacard {command} [OPTIONS]")
    assert not re.search(r"<[^>\s]*>", text), "a Python type or choice list as a metavar"
    for leak in ("<list[", "<str>", "<int", "<float", "<path>", "{", "list[str]"):
        assert leak not in text
    for param in COMMANDS[command].params:
        if param.param_type_name == "argument" or not (param.is_flag or param.count):
            assert param.metavar and METAVAR.match(param.metavar), (param.name, param.metavar)
    usage = text.splitlines()[0]
    assert re.fullmatch(rf"Usage: datacard {command} \[OPTIONS\]( (\[[A-Z]+\]|[A-Z]+)(\.\.\.)?)*", usage), usage


def test_root_help_and_version() -> None:
    assert "Commands:" in _run("--help").stdout
    assert _run("--version").stdout.startswith("datacard ")


def test_shell_completion_scripts(tmp_path: Path) -> None:
    """As docs/lint.md says: the script a shell sources, and completions of commands and values."""
    import os
    import subprocess
    import sys

    script = Path(sys.executable).with_name("datacard")
    if not script.exists():
        pytest.skip("the datacard console script is not installed beside this interpreter")

    def complete(**env: str) -> str:
        return subprocess.run([str(script)], env={**os.environ, **env}, capture_output=True,
                              text=True, check=True, cwd=tmp_path).stdout

    assert "_datacard_completion" in complete(_DATACARD_COMPLETE="source_bash")
    assert "compdef" in complete(_DATACARD_COMPLETE="source_zsh")
    assert complete(_DATACARD_COMPLETE="complete_bash", COMP_WORDS="datacard val", COMP_CWORD="1").split() == [
        "validate"]
    formats = complete(_DATACARD_COMPLETE="complete_bash", COMP_WORDS="datacard lint --output-format ",
                       COMP_CWORD="3").split()
    assert formats == [f.value for f in FindingFormat]


# --- unknown codes are usage errors ----------------------------------------------------------------

SELECTOR_COMMANDS = [
    ["validate", str(CASES / "valid" / "minimal.yaml")],
    ["lint", str(EXAMPLES / "support-tickets.datacard.yaml")],
    ["check", "{csv}", "-d", str(EXAMPLES / "yelp-reviews.datacard.yaml")],
]


@pytest.mark.parametrize("command", SELECTOR_COMMANDS, ids=lambda c: c[0])
@pytest.mark.parametrize("option", SELECTION)
@pytest.mark.parametrize(("selector", "hint"), [
    ("DC8", "codes start with DC0"), ("DC2O7", "did you mean DC207"), ("placeholder-txt", "DC207 (placeholder-text)"),
    ("DC299", "did you mean DC209"), ("E501", "codes start with"), ("DC2,DC8", "codes start with"),
])
def test_an_unknown_selector_is_exit_2_with_a_hint(command: list[str], option: str, selector: str, hint: str,
                                                 tmp_path: Path) -> None:
    data = tmp_path / "d.csv"
    data.write_text("text,label,cuisine\na,1,x\n", encoding="utf-8")
    args = [str(data) if arg == "{csv}" else arg for arg in command]
    result = _run(*args, "--isolated", option, selector)
    assert result.exit_code == 2
    assert "matches no rule code" in result.stderr and hint in result.stderr


@pytest.mark.parametrize("key", ["select", "ignore", "extend-select"])
def test_an_unknown_selector_in_the_configuration_is_exit_2(key: str, tmp_path: Path) -> None:
    (tmp_path / "datacard.toml").write_text(f'{key} = ["DC2O7"]\n', encoding="utf-8")
    sheet = tmp_path / "x.datacard.yaml"
    sheet.write_text("schema_version: 1\nname: x\n", encoding="utf-8")
    for command in (["validate"], ["lint"], ["render"]):
        result = _run(*command, str(sheet))
        assert result.exit_code == 2 and "did you mean DC207" in result.stderr, command


# --- validate speaks the grammar -------------------------------------------------------------------

BAD = str(CASES / "invalid" / "bad-enum.yaml")  # one DC104


@pytest.mark.parametrize(("args", "code", "shown"), [
    ([], 1, "DC104"),
    (["--select", "DC104"], 1, "DC104"),
    (["--select", "DC0"], 0, "All checks passed"),
    (["--ignore", "DC1"], 0, "All checks passed"),
    (["--select", "DC0", "--extend-select", "DC104"], 1, "DC104"),
    (["--exit-zero"], 0, "DC104"),
    (["--fail-on", "error"], 1, "DC104"),
    (["--statistics"], 1, "invalid-choice"),
])
def test_validate_takes_selection_exit_and_output_options(args: list[str], code: int, shown: str) -> None:
    result = _run("validate", BAD, "--isolated", *args)
    assert result.exit_code == code and shown in result.stdout


def test_validate_honours_configured_severities(tmp_path: Path) -> None:
    (tmp_path / "datacard.toml").write_text('fail-on = "error"\n[severity]\nDC104 = "warning"\n', encoding="utf-8")
    sheet = tmp_path / "x.datacard.yaml"
    sheet.write_text((CASES / "invalid" / "bad-enum.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    assert _run("validate", str(sheet)).exit_code == 0


def test_a_crash_is_exit_2_even_with_exit_zero(monkeypatch: pytest.MonkeyPatch) -> None:
    import datacard.runner

    def boom(*_: Any, **__: Any) -> Any:
        raise RuntimeError("bug")

    monkeypatch.setattr(datacard.runner, "check_file", boom)
    result = _run("validate", BAD, "--isolated", "--exit-zero")
    assert result.exit_code == 2 and "DC018" in result.stdout


@pytest.mark.parametrize("command", [["validate", BAD], ["lint", str(EXAMPLES / "support-tickets.datacard.yaml")]])
def test_statistics_in_json(command: list[str]) -> None:
    rows = json.loads(_run(*command, "--isolated", "--statistics", "--output-format", "json").stdout)
    assert rows and all({"code", "name", "count"} <= set(r) for r in rows)


# --- quiet everywhere ------------------------------------------------------------------------------

@pytest.mark.parametrize("command", [
    ["init", "{dir}/x.datacard.yaml"],
    ["render", str(EXAMPLES / "bird-calls.datacard.yaml"), "-o", "{dir}/x.md"],
    ["export", "hf", str(EXAMPLES / "bird-calls.datacard.yaml"), "-o", "{dir}/README.md"],
    ["import", "hf", str(HF_CASES / "current-template.md"), "-o", "{dir}/y.datacard.yaml"],
    ["schema", "-o", "{dir}/schemas"],
    ["validate", "{dir}"],
])
def test_quiet_leaves_out_notes(command: list[str], tmp_path: Path) -> None:
    args = [a.replace("{dir}", str(tmp_path)) for a in command]
    result = _run(*args, "-q")
    assert result.exit_code in (0, 1), result.output
    assert "wrote" not in result.output and "warning: no datasheets" not in result.stderr


# --- lint --jobs is honest ----------------------------------------------------------------------------

def test_lint_in_worker_processes_gives_the_same_report(tmp_path: Path) -> None:
    import sys

    sys.path.append(str(ROOT / "bench"))
    from gen_corpus import generate

    from datacard.lint.engine import PARALLEL_THRESHOLD

    generate(tmp_path, PARALLEL_THRESHOLD + 16, 8, seed=3)
    (tmp_path / "data" / "noqa.datacard.yaml").write_text(
        "schema_version: 1\nname: noqa-case\nsummary: TBD  # noqa: DC207\n", encoding="utf-8")
    one = _run("lint", str(tmp_path), "--isolated", "--output-format", "json", "--jobs", "1")
    two = _run("lint", str(tmp_path), "--isolated", "--output-format", "json", "--jobs", "2")
    assert one.exit_code == two.exit_code == 1
    assert one.stdout == two.stdout
    findings = json.loads(one.stdout)["findings"]
    assert not any(f["path"].endswith("noqa.datacard.yaml") and f["code"] == "DC207" for f in findings)
    assert json.loads(one.stdout)["summary"]["files"] == PARALLEL_THRESHOLD + 16 + 8 + 1
