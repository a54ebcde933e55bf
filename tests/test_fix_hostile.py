"""`--fix` on files written to trip it: a fix never changes a value it was not about, and a file
reached by two names is fixed once."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from datacard.cli import app
from datacard.load import load_text
from tests.conftest import EXAMPLES

runner = CliRunner()
YELP = EXAMPLES / "yelp-reviews.datacard.yaml"
TITLE = "title: Yelp Reviews with Cuisine Subgroups\n"


def _run(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.output


# Text inside a value that reads like a suppression comment: the line-based noqa reader takes it
# for one, finds it suppresses nothing (DC900), and its fix used to cut it out of the value.
@pytest.mark.parametrize("value", [
    pytest.param("|\n  Reviews.\n  # noqa: DC201\n  Keep this. # noqa\n", id="literal-block"),
    pytest.param(">-\n  Reviews.\n  # noqa\n", id="folded-block"),
    pytest.param('"Reviews,\n  # noqa\n  and more."\n', id="double-quoted-lines"),
    pytest.param("'Reviews,\n  # noqa: DC2\n  and more.'\n", id="single-quoted-lines"),
])
def test_lint_fix_never_cuts_a_noqa_out_of_a_value(tmp_path: Path, value: str) -> None:
    sheet = tmp_path / "x.datacard.yaml"
    text = YELP.read_text(encoding="utf-8").replace(TITLE, f"title: {value}", 1)
    sheet.write_text(text, encoding="utf-8")
    before = load_text(text, str(sheet)).data
    assert before is not None
    _run("lint", "--isolated", "--fix", str(sheet))
    assert load_text(sheet.read_text(encoding="utf-8"), str(sheet)).data == before


@pytest.mark.parametrize(("value", "fixed"), [('&v "1"', "&v 1"), ("&v   '1'", "&v   1"), ('&v !!str 1', "&v 1")])
def test_a_fixed_value_keeps_its_anchor(tmp_path: Path, value: str, fixed: str) -> None:
    sheet = tmp_path / "x.datacard.yaml"
    sheet.write_text(f"schema_version: {value}\nname: x\ntitle: T\n", encoding="utf-8")
    assert _run("validate", "--fix", str(sheet))[0] == 0
    assert sheet.read_text(encoding="utf-8").startswith(f"schema_version: {fixed}\n")


@pytest.mark.parametrize("second", ["same", "dot-slash", "link"])
@pytest.mark.parametrize("option", ["--fix", "--diff"])
def test_a_file_named_twice_is_fixed_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, second: str,
                                          option: str) -> None:
    monkeypatch.chdir(tmp_path)
    Path("x.datacard.yaml").write_text('schema_version: "1"\nname: x\ntitle: T\n', encoding="utf-8")
    if second == "link":
        Path("y.datacard.yaml").symlink_to("x.datacard.yaml")
    other = {"same": "x.datacard.yaml", "dot-slash": "./x.datacard.yaml", "link": "y.datacard.yaml"}[second]
    result = runner.invoke(app, ["validate", option, "x.datacard.yaml", other])
    assert result.exit_code == (0 if option == "--fix" else 1), result.output
    assert "not fixed" not in result.stderr
    if option == "--diff":
        assert result.stdout.count("+schema_version: 1\n") == 1
    else:
        assert Path("x.datacard.yaml").read_text(encoding="utf-8").startswith("schema_version: 1\n")


RACE = "schema_version: 1\nname: x\ntitle: T\naudience:\n  license:\n    id: cc-by-4.0\ncomposition:\n  count: '5'\n"


@pytest.mark.parametrize(("now", "written"), [
    pytest.param(RACE, RACE.replace("cc-by-4.0", "CC-BY-4.0").replace("'5'", "5"), id="unchanged"),
    pytest.param(RACE.replace("title: T", "title: U"), RACE.replace("title: T", "title: U")
                 .replace("cc-by-4.0", "CC-BY-4.0").replace("'5'", "5"), id="changed-elsewhere"),
    pytest.param(RACE.replace("cc-by-4.0", "mit").replace("'5'", "'7'"),
                 RACE.replace("cc-by-4.0", "mit").replace("'5'", "'7'"), id="changed-values"),
])
def test_fixes_found_before_the_file_changed_are_not_written_over_the_change(tmp_path: Path, now: str,
                                                                             written: str) -> None:
    """Findings come from one read, fixes are applied to the next: an editor saving between the
    two made `--fix` write the old fix's value over the new one (`mit` became 'CC-BY-4.0')."""
    from datacard.fix import fix_file, validation_refind
    from datacard.validate import validate_loaded

    path = tmp_path / "x.datacard.yaml"
    findings = validate_loaded(load_text(RACE, str(path)))[1].findings
    assert {f.code for f in findings if f.fix is not None} == {"DC103", "DC104"}
    path.write_text(now, encoding="utf-8")
    fixed = fix_file(str(path), findings, unsafe=False, refind=validation_refind(str(path)), max_bytes=10**6)
    assert fixed is not None and fixed.after == written


def _workflow_commands(output: str) -> list[str]:
    """Lines GitHub Actions would run: `::` first after white space, or `##[` anywhere."""
    return [line for line in output.splitlines() if line.lstrip().startswith("::") or "##[" in line]


@pytest.mark.parametrize(("name", "text"), [
    pytest.param("evil\n::error file=pwn.py::X.datacard.yaml", 'schema_version: "1"\nname: x\ntitle: T\n',
                 id="file-name"),
    pytest.param("x.datacard.yaml",
                 'schema_version: "1"\nsummary: |\n  ::error file=pwn.py::Owned\nname: x\ntitle: T\n',
                 id="block-scalar-line"),
    pytest.param("x.datacard.yaml", 'schema_version: "1"\nname: x\ntitle: "##[error]Owned"\n', id="legacy-command"),
])
@pytest.mark.parametrize("command", ["validate", "lint"])
def test_diff_output_cannot_run_a_workflow_command(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str,
                                                   text: str, command: str) -> None:
    """`--diff` is the CI check of fixes; its headers and context lines came from the file's
    name and content unescaped, so a committed file could run `::error` (or `::add-mask::`,
    `::stop-commands::`) in the job that checks it."""
    monkeypatch.chdir(tmp_path)
    Path(".git").mkdir()
    Path(name).write_text(text, encoding="utf-8")
    result = runner.invoke(app, [command, "--diff", "--isolated", "."])
    assert result.exit_code == 1 and "+schema_version: 1" in result.stdout, result.output
    assert _workflow_commands(result.stdout) == []
