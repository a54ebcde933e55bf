"""Every command honours the same project: configuration, file selection, limits, output format;
and no command skips a file it was given without saying so."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from datacard.cli import app

LINT_CASES = Path(__file__).resolve().parent / "lint_cases"
COMPLETE = (LINT_CASES / "base" / "case-complete.datacard.yaml").read_text(encoding="utf-8")
GAPPY = COMPLETE.replace("name: case-complete", "name: gappy").replace(
    "identifiers: [hf:case_complete]\n", "").replace(
    "  purpose: Train and evaluate sentiment classifiers on English product reviews.\n", "  purpose: TBD\n")
LIMIT = 3000
PADDING = "# padding that makes the file larger than max-bytes\n" * 60
CONFIG = f"""[tool.datacard]
max-bytes = {LIMIT}
extend-exclude = ["fixtures"]
output-format = "json"
per-file-ignores = {{"legacy/*" = ["DC2", "DC3"]}}
select = ["DC0", "DC1", "DC2"]
"""
HF_CARD = "---\nlicense: mit\ntask_categories: [text-classification]\npretty_name: Big\n---\n# Big\n"
CROISSANT = {"@context": {"@vocab": "https://schema.org/", "cr": "http://mlcommons.org/croissant/"},
             "@type": "sc:Dataset", "name": "big"}


def run(*args: str) -> Any:
    result = CliRunner().invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project with a configuration, a datasheet over max-bytes, an excluded fixture and a legacy folder."""
    (tmp_path / ".git").mkdir()
    (tmp_path / "pyproject.toml").write_text(CONFIG, encoding="utf-8")
    (tmp_path / "gappy.datacard.yaml").write_text(GAPPY, encoding="utf-8")
    (tmp_path / "big.datacard.yaml").write_text(PADDING + COMPLETE, encoding="utf-8")
    (tmp_path / "legacy").mkdir()
    (tmp_path / "legacy" / "old.datacard.yaml").write_text(GAPPY.replace("name: gappy", "name: old"))
    (tmp_path / "fixtures").mkdir()
    (tmp_path / "fixtures" / "bad.datacard.yaml").write_text("schema_version: 1\nname: bad\ncolour: red\n")
    (tmp_path / "m.datacard.yaml").write_text(
        "schema_version: 1\nkind: training\nname: m\nmodel: {name: m}\ndata:\n"
        "  - datacard: gappy.datacard.yaml\n    revision: v1\n")
    (tmp_path / "bigcard.md").write_text(HF_CARD + PADDING, encoding="utf-8")
    (tmp_path / "big.json").write_text(json.dumps(CROISSANT, indent=2) + "\n" * LIMIT, encoding="utf-8")
    (tmp_path / "data.csv").write_text("text,label\nfine,1\nbad,0\n", encoding="utf-8")
    import pyarrow as pa
    import pyarrow.parquet as pq

    pq.write_table(pa.table({"text": ["a", "b"], "label": [1, 0]}), tmp_path / "data.parquet")
    assert (tmp_path / "big.datacard.yaml").stat().st_size > LIMIT
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _json(text: str) -> dict[str, Any]:
    doc = json.loads(text)
    assert isinstance(doc, dict)
    return doc


def _found(text: str) -> set[tuple[str, str]]:
    return {(f["path"], f["code"]) for f in _json(text)["findings"]}


# (command, the stream the findings go to, the (path, code) findings expected, exit code)
OVER_THE_LIMIT = ("big.datacard.yaml", "DC002")
COMMANDS = [
    (["validate", "."], "stdout", {OVER_THE_LIMIT}, 1),
    # gappy's placeholder (DC202) is reported, legacy's is not (per-file-ignores), m's DC303 is
    # not selected, and nothing in fixtures/ is read.
    (["lint", "."], "stdout", {OVER_THE_LIMIT, ("gappy.datacard.yaml", "DC202")}, 1),
    (["coverage", "."], "stderr", {OVER_THE_LIMIT}, 1),
    (["render", "big.datacard.yaml"], "stdout", {OVER_THE_LIMIT}, 1),
    (["export", "hf", "big.datacard.yaml"], "stderr", {OVER_THE_LIMIT}, 1),
    (["export", "croissant", "big.datacard.yaml"], "stderr", {OVER_THE_LIMIT}, 1),
    (["import", "hf", "bigcard.md"], "stderr", {("bigcard.md", "DC002")}, 1),
    (["import", "croissant", "big.json"], "stderr", {("big.json", "DC002")}, 1),
    (["profile", "data.csv", "-d", "big.datacard.yaml"], "stdout", {OVER_THE_LIMIT}, 1),
    (["check", "data.csv", "-d", "big.datacard.yaml"], "stdout", {OVER_THE_LIMIT}, 1),
    (["represent", "data.csv", "-d", "big.datacard.yaml"], "stdout", {OVER_THE_LIMIT}, 1),
    (["embed", "big.datacard.yaml", "data.parquet"], "stdout", {OVER_THE_LIMIT}, 1),
    (["extract", "data.parquet"], "stdout", {("data.parquet", "DC530")}, 1),
]


@pytest.mark.parametrize(("args", "stream", "expected", "code"), COMMANDS, ids=lambda a: " ".join(a)
                         if isinstance(a, list) else None)
def test_every_command_honours_the_same_project(tree: Path, args: list[str], stream: str,
                                                expected: set[tuple[str, str]], code: int) -> None:
    result = run(*args)
    assert result.exit_code == code, result.output
    # output-format = "json" from the configuration; max-bytes; the same walk for every command.
    assert _found(getattr(result, stream)) == expected


def test_coverage_walks_what_validate_and_lint_walk(tree: Path) -> None:
    table = run("coverage", ".").stdout
    assert "gappy.datacard.yaml" in table and "legacy/old.datacard.yaml" in table
    assert "fixtures" not in table and "big.datacard.yaml" not in table


def test_init_resolves_the_project(tree: Path) -> None:
    assert run("init", "new.datacard.yaml").exit_code == 0
    (tree / "pyproject.toml").write_text(CONFIG + "colour = 1\n", encoding="utf-8")
    result = run("init", "other.datacard.yaml")
    assert result.exit_code == 2 and "pyproject.toml:7:1: DC021" in result.stderr
    assert not (tree / "other.datacard.yaml").exists()


# Every command stops the same way on a broken configuration.
EVERY = [c[0] for c in COMMANDS] + [["init", "x.datacard.yaml"]]


@pytest.mark.parametrize("args", EVERY, ids=" ".join)
def test_every_command_reports_a_broken_config(tree: Path, args: list[str]) -> None:
    (tree / "pyproject.toml").write_text(CONFIG.replace("max-bytes", "max-byte"), encoding="utf-8")
    result = run(*args)
    assert result.exit_code == 2
    assert "pyproject.toml:2:1: DC021 unknown key `max-byte` in [tool.datacard]; did you mean `max-bytes`?" \
        in result.stderr


def test_check_training_honours_per_file_ignores(tree: Path) -> None:
    import datacard

    report = datacard.check_training(["gappy.datacard.yaml", "legacy/old.datacard.yaml"], select=["DC3"])
    assert {(f.path, f.code) for f in report.findings} == {("gappy.datacard.yaml", "DC303")}
    project = datacard.resolve_project(["."], isolated=True)
    report = datacard.check_training(["gappy.datacard.yaml", "legacy/old.datacard.yaml"], select=["DC3"],
                                     project=project)
    assert {f.path for f in report.findings} == {"gappy.datacard.yaml", "legacy/old.datacard.yaml"}


def test_check_training_honours_max_bytes(tree: Path) -> None:
    import datacard

    report = datacard.check_training(["big.datacard.yaml"])
    assert [(f.path, f.code) for f in report.findings] == [OVER_THE_LIMIT]


# --- named paths are never skipped in silence ----------------------------------------------

# (command, what it is given, the command it must point to in its message)
NAMED = [
    (["lint", "README.md"], "import hf"),  # plain Markdown: not a model card
    (["lint", "dvc.lock"], "dvc.yaml"),  # a lock file with no pipeline beside it
    (["coverage", "m.datacard.yaml"], "training manifest"),
    (["import", "hf", "gappy.datacard.yaml"], "validate"),
    (["import", "hf", "meta.json"], "import croissant"),
    (["import", "croissant", "card.md"], "import hf"),
    (["import", "croissant", "gappy.datacard.yaml"], "validate"),
    (["profile", "gappy.datacard.yaml"], "--datasheet"),
    (["check", "data.csv", "-d", "data.csv"], "profile"),
    (["embed", "gappy.datacard.yaml", "card.md"], "import hf"),
    (["extract", "gappy.datacard.yaml"], "validate"),
]


def _foreign_files(tree: Path) -> None:
    (tree / "card.md").write_text(HF_CARD, encoding="utf-8")
    (tree / "README.md").write_text("# A project\n", encoding="utf-8")
    (tree / "meta.json").write_text(json.dumps(CROISSANT), encoding="utf-8")
    (tree / "dvc.lock").write_text("schema: '2.0'\nstages: {}\n", encoding="utf-8")


@pytest.mark.parametrize(("args", "instead"), NAMED, ids=lambda a: " ".join(a) if isinstance(a, list) else None)
def test_a_named_file_of_another_kind_is_a_usage_error(tree: Path, args: list[str], instead: str) -> None:
    _foreign_files(tree)
    result = run(*args)
    assert result.exit_code == 2, result.output
    assert "DC023" in result.output and instead in result.output


# Dataset cards and Croissant files are datasheets to every command that reads datasheets.
READS_FOREIGN = [
    ["validate", "card.md"], ["validate", "meta.json"], ["lint", "card.md"], ["lint", "meta.json"],
    ["coverage", "card.md"], ["coverage", "meta.json"], ["render", "card.md"], ["render", "meta.json"],
    ["export", "hf", "meta.json"], ["export", "croissant", "card.md"],
]


@pytest.mark.parametrize("args", READS_FOREIGN, ids=" ".join)
def test_a_named_card_or_croissant_file_is_read_as_a_datasheet(tree: Path, args: list[str]) -> None:
    _foreign_files(tree)
    result = run(*args)
    assert result.exit_code in (0, 1), result.output
    assert "DC023" not in result.output


def test_a_card_named_to_lint_is_linted_on_its_own_lines(tree: Path) -> None:
    (tree / "README.md").write_text(HF_CARD, encoding="utf-8")
    result = run("lint", "README.md", "--output-format", "concise")
    assert result.exit_code == 1 and "DC023" not in result.output
    # The licence is read from line 2; the purpose belongs under the card's title (line 6).
    assert "README.md:6:1: DC202 purpose is missing" in result.stdout


def test_named_files_are_checked_even_when_excluded(tree: Path) -> None:
    result = run("validate", "fixtures/bad.datacard.yaml")
    assert result.exit_code == 1 and _found(result.stdout) == {("fixtures/bad.datacard.yaml", "DC101")}


def test_skip_other_files_for_pre_commit(tree: Path) -> None:
    (tree / "README.md").write_text("# A project\n", encoding="utf-8")
    result = run("lint", "README.md", "--skip-other-files", "--output-format", "concise")
    assert result.exit_code == 0 and "note: skipped README.md" in result.stderr
    result = run("lint", "README.md", "gappy.datacard.yaml", "--skip-other-files", "--output-format", "concise")
    assert result.exit_code == 1 and "DC202" in result.stdout
    (tree.parent / "elsewhere.md").write_text(HF_CARD, encoding="utf-8")
    (tree / "linked.md").symlink_to(tree.parent / "elsewhere.md")
    result = run("lint", "linked.md", "--skip-other-files", "--output-format", "concise")
    assert result.exit_code == 2 and "DC024" in result.stdout  # a link out of the project is never let go


def test_a_walk_that_finds_nothing_warns_and_passes(tree: Path) -> None:
    (tree / "empty").mkdir()
    result = run("lint", "empty")
    assert result.exit_code == 0 and "no datasheets" in result.stderr


def test_extend_require_reaches_coverage_and_render(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A project's extra required field is one more gap to lint, coverage and render alike."""
    import json

    monkeypatch.chdir(tmp_path)
    sheet = Path(__file__).resolve().parent / "lint_cases" / "base" / "case-complete.datacard.yaml"
    (tmp_path / "x.datacard.yaml").write_text(sheet.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "datacard.toml").write_text('extend-require = ["audience.maintenance.status"]\n')
    lint = CliRunner().invoke(app, ["lint", "x.datacard.yaml", "--output-format", "json"])
    assert [f["code"] for f in json.loads(lint.stdout)["findings"]] == ["DC216"]
    cov = CliRunner().invoke(app, ["coverage", "x.datacard.yaml", "--output-format", "json"])
    assert json.loads(cov.stdout)["datasheets"][0]["standards"]["context"]["missing"] == [
        "audience.maintenance.status"]
    page = CliRunner().invoke(app, ["render", "x.datacard.yaml"]).stdout
    assert "(`audience.maintenance.status`)" in page.split("## What this datasheet does not say")[1]
