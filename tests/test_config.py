"""The configuration as a closed model: every problem is a finding on the line that holds it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from datacard.cli import app
from datacard.config import ConfigError, Settings, read_config, reference_table
from datacard.project import ProjectError, resolve_project
from datacard.tomlkeys import KeyPositions

ROOT = Path(__file__).resolve().parent.parent

# (file name, text, the findings as (code, line, column), a fragment of the first message)
BAD = [
    ("pyproject.toml", '[tool.datacard]\nfail-onn = "error"\n', [("DC021", 2, 1)], "did you mean `fail-on`"),
    ("pyproject.toml", "[tool.datacard.lint]\nselekt = []\n", [("DC021", 2, 1)], "did you mean `select`"),
    ("pyproject.toml", "[tool.datacard.lint]\nmax-bytes = 5\n", [("DC021", 2, 1)], "belongs in [tool.datacard]"),
    ("pyproject.toml", '[tool.datacard.datsets]\nimdb = "x"\n', [("DC021", 1, 1)], "did you mean `datasets`"),
    ("pyproject.toml", "[tool.datacard]\nselect = [1, 2]\n", [("DC022", 2, 11), ("DC022", 2, 14)], "list of codes"),
    ("pyproject.toml", '[tool.datacard]\nselect = ["NOPE"]\n', [("DC022", 2, 11)], "matches no rule code"),
    ("pyproject.toml", '[tool.datacard]\nselect = [\n  "DC2",\n  "NOPE",  # typo\n]\n', [("DC022", 4, 3)], "NOPE"),
    ("pyproject.toml", '[tool.datacard]\nexclude = "tests"\n', [("DC022", 2, 1)], "list of glob patterns"),
    ("pyproject.toml", "[tool.datacard]\nmax-bytes = 0\n", [("DC022", 2, 1)], "positive whole number"),
    ("pyproject.toml", '[tool.datacard]\nmax-bytes = "big"\n', [("DC022", 2, 1)], "positive whole number"),
    ("pyproject.toml", '[tool.datacard]\nrespect-gitignore = "yes"\n', [("DC022", 2, 1)], "true or false"),
    ("pyproject.toml", "[tool.datacard]\nfollow-links = 1\n", [("DC022", 2, 1)], "true or false"),
    ("pyproject.toml", '[tool.datacard]\nfail-on = "warn"\n', [("DC022", 2, 1)], "did you mean 'warning'"),
    ("pyproject.toml", '[tool.datacard]\noutput-format = "jsn"\n', [("DC022", 2, 1)], "not an output format"),
    ("pyproject.toml", '[tool.datacard]\nper-file-ignores = {"legacy/*" = ["DC2", "XX"]}\n',
     [("DC022", 2, 42)], "matches no rule code"),
    ("pyproject.toml", "[tool.datacard]\ndatasets = {imdb = 3}\n", [("DC022", 2, 13)], "datasets"),
    ("pyproject.toml", '[tool.datacard]\npolicy = "policy.schema.json"\n', [("DC022", 2, 1)], "no such file"),
    ("pyproject.toml", '[tool.datacard]\nallow-outside-root = ["../nowhere"]\n', [("DC022", 2, 23)], "no such folder"),
    ("pyproject.toml", '[tool.datacard]\nextend-require = ["audience contact"]\n', [("DC022", 2, 19)],
     "dotted field name"),
    ("pyproject.toml", "[tool]\ndatacard = 3\n", [("DC022", 2, 1)], "must be a table"),
    ("pyproject.toml", "[tool.datacard\n", [("DC020", 1, 15)], "invalid TOML"),
    ("pyproject.toml", '[tool.datacard]\nselect = "DC2\n', [("DC020", 2, 14)], "invalid TOML"),
    ("datacard.toml", 'select = ["DC2"]\n\n[lint]\nignore = 3\n', [("DC022", 4, 1)], "list of codes"),
    ("datacard.toml", 'x = 1 # a comment with "quotes" and [brackets]\n', [("DC021", 1, 1)], "unknown key `x`"),
]


def _findings(tmp_path: Path, name: str, text: str) -> ConfigError:
    (tmp_path / name).write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        read_config(str(tmp_path / name))
    return caught.value


@pytest.mark.parametrize(("name", "text", "expected", "fragment"), BAD)
def test_config_problems_are_placed_findings(tmp_path: Path, name: str, text: str,
                                             expected: list[tuple[str, int, int]], fragment: str) -> None:
    error = _findings(tmp_path, name, text)
    assert [(f.code, f.line, f.column) for f in error.findings] == expected
    assert fragment in error.findings[0].message


@pytest.mark.parametrize(("name", "text", "expected", "fragment"), BAD[:6])
def test_a_broken_config_is_a_usage_error_printed_as_findings(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, text: str,
        expected: list[tuple[str, int, int]], fragment: str) -> None:
    (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "x.datacard.yaml").write_text("schema_version: 1\nname: x\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["validate", "x.datacard.yaml"])
    code, line, column = expected[0]
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert f"{name}:{line}:{column}: {code} " in result.stderr


def test_every_key_is_accepted(tmp_path: Path) -> None:
    (tmp_path / "policy.schema.json").write_text("{}", encoding="utf-8")
    (tmp_path / "shared").mkdir()
    (tmp_path / "datacard.toml").write_text(
        'select = ["DC"]\nignore = "DC307"\nextend-select = []\nper-file-ignores = {"legacy/*" = ["DC2"]}\n'
        'fail-on = "error"\noutput-format = "json"\nexclude = []\nextend-exclude = ["fixtures"]\n'
        "respect-gitignore = false\nmax_bytes = 2048\n"  # the snake_case spelling is accepted too
        'extend-require = ["audience.maintenance.contact", "origin.ethics.review"]\n'
        'policy = "policy.schema.json"\nfollow-links = true\nallow-outside-root = ["shared"]\n'
        '[datasets]\nimdb = "data/imdb.datacard.yaml"\n[lint]\nfail-on = "info"\n', encoding="utf-8")
    project = resolve_project([str(tmp_path)])
    assert (project.max_bytes, project.fail_on, project.output_format) == (2048, "info", "json")
    assert (project.respect_gitignore, project.follow_links) == (False, True)
    assert project.exclude == ("fixtures",) and project.rules.ignore == ["DC307"]
    assert project.rules.per_file_ignores == {"legacy/*": ["DC2"]}
    assert project.datasets == {"imdb": str(tmp_path / "data" / "imdb.datacard.yaml")}
    assert project.policy == str(tmp_path / "policy.schema.json")
    assert project.allowed[1:] == (str((tmp_path / "shared").resolve()),)
    assert project.extend_require == ("audience.maintenance.contact", "origin.ethics.review")
    assert project.settings.extend_require == ["audience.maintenance.contact", "origin.ethics.review"]


# Flags win over the configuration, which wins over the default.
def test_flags_win_over_config(tmp_path: Path) -> None:
    from datacard.project import Overrides

    (tmp_path / "datacard.toml").write_text('max-bytes = 100\noutput-format = "json"\n', encoding="utf-8")
    assert resolve_project([str(tmp_path)]).max_bytes == 100
    flagged = resolve_project([str(tmp_path)], overrides=Overrides(max_bytes=7, output_format="full"))
    assert (flagged.max_bytes, flagged.output_format) == (7, "full")
    isolated = resolve_project([str(tmp_path)], isolated=True)
    assert (isolated.max_bytes, isolated.output_format) == (10 * 1024 * 1024, "concise")


def test_a_flag_naming_no_code_is_a_usage_error(tmp_path: Path) -> None:
    from datacard.project import Overrides

    with pytest.raises(ProjectError, match="matches no rule code"):
        resolve_project([str(tmp_path)], overrides=Overrides(select=["XX9"]))


def test_explicit_config_elsewhere_lends_settings_not_its_folder(tmp_path: Path) -> None:
    (tmp_path / "shared").mkdir()
    (tmp_path / "shared" / "datacard.toml").write_text("max-bytes = 99\n", encoding="utf-8")
    (tmp_path / "repo" / ".git").mkdir(parents=True)
    project = resolve_project([str(tmp_path / "repo")], config=str(tmp_path / "shared" / "datacard.toml"))
    assert project.max_bytes == 99 and project.root == str((tmp_path / "repo").resolve())


# (TOML, a path of keys and indexes, its (line, column))
POSITIONS = [
    ('[tool.datacard]\nselect = ["a", "b"]\n', ("tool", "datacard", "select", 1), (2, 16)),
    ('[tool.datacard]\n"per-file-ignores" = { "x/*" = ["DC2"] }\n',
     ("tool", "datacard", "per-file-ignores", "x/*", 0), (2, 33)),
    ('a = """\n[not.a.table]\nb = 1\n"""\nc = 2\n', ("c",), (5, 1)),
    ("a = 'x # not a comment'\nb.c = 1\n", ("b", "c"), (2, 1)),
    ("[t]\nx = [\n  [1, 2],\n  [3],\n]\n", ("t", "x", 1, 0), (4, 4)),
    ("[[t]]\nx = 1\n", ("t", "x"), (2, 1)),
    ("a = 1\n", ("missing", "key"), (1, 1)),
]


@pytest.mark.parametrize(("text", "path", "where"), POSITIONS)
def test_key_positions(text: str, path: tuple[str | int, ...], where: tuple[int, int]) -> None:
    assert KeyPositions(text).position(path) == where


def test_the_configuration_reference_is_current() -> None:
    doc = (ROOT / "docs" / "configuration.md").read_text(encoding="utf-8")
    assert reference_table() in doc, "docs/configuration.md is stale: paste datacard.config.reference_table()"
    keys = set(re.findall(r"^\| `([a-z-]+)` \|", reference_table(), re.M))
    assert keys == {info.alias or name for name, info in Settings.model_fields.items()}
