"""`datacard validate`, `datacard schema` and `--version` through the command line."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from datacard.cli import app
from tests.conftest import CASES

runner = CliRunner()


def run(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    (tmp_path / "data" / "nested").mkdir(parents=True)
    shutil.copy(CASES / "valid" / "full.yaml", tmp_path / "data" / "good.datacard.yaml")
    shutil.copy(CASES / "invalid" / "unknown-key-top.yaml", tmp_path / "data" / "nested" / "bad.datacard.yml")
    (tmp_path / "data" / "notes.yaml").write_text("not: [a datasheet\n", encoding="utf-8")
    return tmp_path


EXIT_CODES = [
    (["valid/minimal.yaml"], 0),
    (["valid/minimal.yaml", "valid/full.yaml"], 0),
    (["invalid/unknown-key-top.yaml"], 1),
    (["valid/minimal.yaml", "invalid/duplicate-key.yaml"], 1),
    (["does-not-exist.yaml"], 2),
]


@pytest.mark.parametrize(("names", "code"), EXIT_CODES)
def test_exit_codes(names: list[str], code: int) -> None:
    exit_code, _ = run("validate", *[str(CASES / n) for n in names])
    assert exit_code == code


def test_unknown_option_is_a_usage_error() -> None:
    assert run("validate", "--no-such-option")[0] == 2


def test_concise_output_has_path_line_col_code(tree: Path) -> None:
    code, out = run("validate", str(tree / "data"))
    lines = out.splitlines()
    bad = tree / "data" / "nested" / "bad.datacard.yml"
    assert code == 1
    assert lines[0].startswith(f"{bad}:3:1: DC101 ")
    assert lines[-1] == "Found 1 error in 1 of 2 files."


def test_directory_search_ignores_other_yaml(tree: Path) -> None:
    code, out = run("validate", str(tree / "data"), "--output-format", "json")
    assert code == 1
    payload = json.loads(out)
    assert payload["summary"]["files"] == 2
    assert [(f["code"], f["line"], f["column"], f["field"]) for f in payload["findings"]] == [
        ("DC101", 3, 1, "titel")
    ]


def test_default_path_is_the_current_directory(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tree / "data")
    code, out = run("validate")
    assert code == 1 and "nested/bad.datacard.yml:3:1: DC101" in out


def test_clean_run_says_so(tmp_path: Path) -> None:
    shutil.copy(CASES / "valid" / "minimal.yaml", tmp_path / "a.datacard.yaml")
    assert run("validate", str(tmp_path)) == (0, "All checks passed: 1 file, no findings.\n")


def test_quiet_drops_the_summary(tree: Path) -> None:
    _, out = run("validate", str(tree / "data"), "-q")
    assert len(out.splitlines()) == 1


def test_many_files_in_parallel_give_the_same_output(tmp_path: Path) -> None:
    cases = sorted((CASES / "invalid").glob("*.yaml")) + sorted((CASES / "valid").glob("*.yaml"))
    for i in range(80):  # over the threshold at which a process pool is used
        source = cases[i % len(cases)]
        shutil.copy(source, tmp_path / f"{i:03d}-{source.stem}.datacard.yaml")
    one = run("validate", str(tmp_path), "--jobs", "1")
    many = run("validate", str(tmp_path), "--jobs", "2")
    assert one == many
    assert one[0] == 1


def test_version_names_the_parser() -> None:
    code, out = run("--version")
    assert code == 0
    assert out.startswith("datacard ") and "PyYAML" in out and "libyaml" in out


def test_schema_check_detects_stale_files(tmp_path: Path) -> None:
    assert run("schema", "--out", str(tmp_path), "--check")[0] == 1
    code, out = run("schema", "--out", str(tmp_path))
    assert code == 0 and "datasheet.schema.json" in out
    assert run("schema", "--out", str(tmp_path), "--check")[0] == 0
    assert json.loads((tmp_path / "training.schema.json").read_text(encoding="utf-8"))["title"]


@pytest.mark.parametrize("where", ["afile", "afile/sub"])
def test_schema_output_that_cannot_be_a_directory_is_a_usage_error(tmp_path: Path, where: str) -> None:
    (tmp_path / "afile").write_text("mine\n", encoding="utf-8")
    code, _ = run("schema", "--output", str(tmp_path / where))
    assert code == 2 and (tmp_path / "afile").read_text(encoding="utf-8") == "mine\n"


def test_schema_prints_the_datasheet_schema() -> None:
    code, out = run("schema")
    assert code == 0
    assert json.loads(out)["title"] == "datacard datasheet"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A git project whose .gitignore and [tool.datacard] exclude hide one bad datasheet each."""
    import subprocess

    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    (tmp_path / ".gitignore").write_text("build/\n", encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text('[tool.datacard]\nextend-exclude = ["fixtures"]\n', encoding="utf-8")
    bad = (CASES / "invalid" / "unknown-key-top.yaml").read_text(encoding="utf-8")
    for folder in ("build", "fixtures", "data"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "x.datacard.yaml").write_text(bad, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


WALKS = [
    (["."], [], ["data/x.datacard.yaml"]),
    (["."], ["--no-respect-gitignore"], ["build/x.datacard.yaml", "data/x.datacard.yaml"]),
    (["fixtures"], [], ["fixtures/x.datacard.yaml"]),  # a folder asked for by name is checked
    (["build"], [], ["build/x.datacard.yaml"]),
    (["fixtures/x.datacard.yaml", "build/x.datacard.yaml"], [], ["build/x.datacard.yaml", "fixtures/x.datacard.yaml"]),
]


@pytest.mark.parametrize(("targets", "flags", "expected"), WALKS)
def test_walks_skip_ignored_and_excluded_files(
    project: Path, targets: list[str], flags: list[str], expected: list[str]
) -> None:
    code, out = run("validate", *targets, *flags, "--output-format", "json")
    assert code == 1
    assert sorted(f["path"] for f in json.loads(out)["findings"]) == expected


# (folder, file, the SARIF artifact URI): a URI reference, so spaces, `;`, `#` and non-ASCII are escaped
SARIF_URIS = [
    ("data", "plain.datacard.yaml", "data/plain.datacard.yaml"),
    ("my data", "a b.datacard.yaml", "my%20data/a%20b.datacard.yaml"),
    ("x;y", "ü#1.datacard.yml", "x%3By/%C3%BC%231.datacard.yml"),
]


@pytest.mark.parametrize(("folder", "name", "uri"), SARIF_URIS)
def test_sarif_uri_is_a_uri_reference(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                      folder: str, name: str, uri: str) -> None:
    (tmp_path / folder).mkdir()
    (tmp_path / folder / name).write_text("schema_version: 1\nname: x\nversion: 1.0\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, out = run("validate", folder, "--output-format", "sarif")
    (result,) = json.loads(out)["runs"][0]["results"]
    physical = result["locations"][0]["physicalLocation"]
    assert code == 1 and physical["artifactLocation"]["uri"] == uri and physical["region"]["startLine"] == 3


@pytest.mark.parametrize("command", ["validate", "lint", "coverage"])
def test_nothing_to_check_warns_and_exits_clean(tmp_path: Path, command: str) -> None:
    result = CliRunner().invoke(app, [command, str(tmp_path)])
    assert result.exit_code == 0
    assert "no datasheets" in result.stderr


# (what was written, the values allowed there, the suggestion): decoration after a known value
# suggests that value, not a spelling neighbour ('MIT-License' is not 'Unlicense').
NEAREST = [
    ("MIT-License", ["MIT", "MIT-0", "Unlicense"], "MIT"),
    ("cc-by-4.0 (attribution)", ["CC-BY-4.0", "CC-BY-SA-4.0"], "CC-BY-4.0"),
    ("GPL-3.0-or-later+", ["GPL-3.0", "GPL-3.0-or-later"], "GPL-3.0-or-later"),
    ("web-scrapping", ["web-scraping", "web-api"], "web-scraping"),
    ("mit", ["MIT"], "MIT"),
]


@pytest.mark.parametrize(("word", "choices", "first"), NEAREST)
def test_did_you_mean(word: str, choices: list[str], first: str) -> None:
    from datacard.suggest import nearest as _nearest

    assert _nearest(word, choices)[0] == first


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
@pytest.mark.parametrize("command", ["validate", "lint"])
def test_a_named_pipe_in_a_walk_is_skipped_not_read(tmp_path: Path, command: str) -> None:
    os.mkfifo(tmp_path / "pipe.datacard.yaml")  # reading it would block until a writer comes
    (tmp_path / "real.datacard.yaml").write_text("schema_version: 1\nname: real\n", encoding="utf-8")
    result = CliRunner().invoke(app, [command, str(tmp_path), "--output-format", "json"])
    doc = json.loads(result.stdout)
    assert result.exit_code in (0, 1) and doc["summary"]["files"] == 1
    # Not read, and said so: a warning names the pipe (DC025); nothing else is reported on it.
    assert {(Path(f["path"]).name, f["code"], f["severity"]) for f in doc["findings"]
            if Path(f["path"]).name == "pipe.datacard.yaml"} == {("pipe.datacard.yaml", "DC025", "warning")}
