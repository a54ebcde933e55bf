"""`datacard init` and the starter datasheet."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import unquote, urlparse

import jsonschema
import pytest
from typer.testing import CliRunner

from datacard.cli import app
from datacard.context import NEEDS
from datacard.load import load_text
from datacard.schema import all_schema_texts
from datacard.starter import packaged_schema, schema_note, schema_reference, slugify, starter_text
from datacard.validate import validate_loaded

ROOT = Path(__file__).resolve().parent.parent
PREFIX = "# yaml-language-server: $schema="
CONTEXT_PATHS = [need.location.dotted for need in NEEDS]  # where each need asks to be answered
runner = CliRunner()


def _schema_target(text: str, file: Path) -> Path:
    first = text.splitlines()[0]
    assert first.startswith(PREFIX)
    ref = first[len(PREFIX):]
    if ref.startswith("file:"):
        return Path(unquote(urlparse(ref).path))
    return (file.parent / ref).resolve()


@pytest.mark.parametrize("name", ["demo", "yelp-reviews", "no", "123", "a.b_c"])
def test_starter_validates_clean(name: str) -> None:
    loaded = load_text(starter_text(name, "x.json"), "starter.datacard.yaml")
    model, report = validate_loaded(loaded)
    assert model is not None and not report.findings
    assert getattr(model, "name", None) == name


def test_starter_passes_the_json_schema() -> None:
    schema = json.loads((ROOT / "schemas" / "datasheet.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(load_text(starter_text("demo", "x"), "s.yaml").data, schema)


@pytest.mark.parametrize("path", CONTEXT_PATHS)
def test_every_context_field_is_present_with_a_question(path: str) -> None:
    text = starter_text("demo", "x.json")
    loaded = load_text(text, "s.yaml")
    node = loaded.data
    keys = path.split(".")
    for key in keys:
        assert isinstance(node, dict) and key in node, f"{path}: {key} missing"
        node = node[key]
    line, _ = loaded.position(tuple(keys), key=True)
    lines = text.splitlines()
    comments = []
    index = line - 2
    while index >= 0 and lines[index].lstrip().startswith("#"):
        comments.append(lines[index])
        index -= 1
    assert any("?" in c for c in comments), f"{path} has no question above it"


@pytest.mark.parametrize(("text", "slug"), [
    ("Yelp Reviews", "yelp-reviews"), ("Ünïcode Data Set", "unicode-data-set"), ("Bokmål", "bokmal"),
    ("Straße", "strasse"), ("ØRE data", "ore-data"), ("日本語", "dataset"), ("  --x--  ", "x"),
])
def test_names_from_free_text_keep_their_letters(text: str, slug: str) -> None:
    assert slugify(text) == slug


@pytest.mark.parametrize("bad", ["Bad Name", "", "-x", "UPPER"])
def test_starter_rejects_bad_names(bad: str) -> None:
    with pytest.raises(ValueError):
        starter_text(bad, "x")


def test_packaged_schemas_match_the_model() -> None:
    """Refresh with `datacard schema -o datacard/schemas` (and `-o schemas`)."""
    for name, text in all_schema_texts().items():
        assert (packaged_schema().parent / name).read_text(encoding="utf-8") == text


def test_schema_reference_prefers_a_project_schema(tmp_path: Path) -> None:
    (tmp_path / "schemas").mkdir()
    (tmp_path / "schemas" / "datasheet.schema.json").write_text("{}", encoding="utf-8")
    target = tmp_path / "data" / "deep" / "x.datacard.yaml"
    target.parent.mkdir(parents=True)
    assert schema_reference(target) == "../../schemas/datasheet.schema.json"


@pytest.mark.parametrize("git", [True, False])
def test_without_a_project_schema_the_reference_is_relative_and_says_how_to_make_it(tmp_path: Path, git: bool) -> None:
    # Never the installed package's copy: an absolute path of one machine breaks once committed.
    if git:
        (tmp_path / ".git").mkdir()
    target = tmp_path / "data" / "x.datacard.yaml"
    target.parent.mkdir()
    expected = "../schemas/datasheet.schema.json" if git else "schemas/datasheet.schema.json"
    assert schema_reference(target) == expected
    assert "datacard schema -o" in (schema_note(target) or "")
    made = tmp_path / ("schemas" if git else "data/schemas")
    made.mkdir()
    (made / "datasheet.schema.json").write_text("{}", encoding="utf-8")
    assert schema_reference(target) == expected and schema_note(target) is None


def test_init_writes_the_default_path_and_it_validates(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["init", "--name", "reviews"])
    assert result.exit_code == 0, result.output
    written = tmp_path / "reviews.datacard.yaml"
    text = written.read_text(encoding="utf-8")
    # The reference is where the project's schema goes, and init says how to put it there.
    assert _schema_target(text, written) == (tmp_path / "schemas" / "datasheet.schema.json").resolve()
    assert "datacard schema -o schemas" in result.stderr
    assert runner.invoke(app, ["validate", str(written)]).exit_code == 0
    assert [p.name for p in tmp_path.iterdir()] == ["reviews.datacard.yaml"]
    assert runner.invoke(app, ["schema", "-o", "schemas"]).exit_code == 0
    assert _schema_target(text, written).is_file()


def test_init_points_at_the_project_schema(tmp_path: Path) -> None:
    (tmp_path / "schemas").mkdir()
    schema = tmp_path / "schemas" / "datasheet.schema.json"
    schema.write_text("{}", encoding="utf-8")
    target = tmp_path / "data" / "cars.datacard.yaml"
    assert runner.invoke(app, ["init", str(target)]).exit_code == 0
    text = target.read_text(encoding="utf-8")
    assert text.splitlines()[0] == PREFIX + "../schemas/datasheet.schema.json"
    assert _schema_target(text, target) == schema.resolve()
    assert 'name: "cars"' in text


def test_init_into_a_directory(tmp_path: Path) -> None:
    assert runner.invoke(app, ["init", str(tmp_path), "--name", "birds"]).exit_code == 0
    assert (tmp_path / "birds.datacard.yaml").is_file()


def test_init_never_overwrites_without_force(tmp_path: Path) -> None:
    target = tmp_path / "x.datacard.yaml"
    target.write_text("mine\n", encoding="utf-8")
    refused = runner.invoke(app, ["init", str(target)])
    assert refused.exit_code == 2
    assert target.read_text(encoding="utf-8") == "mine\n"
    forced = runner.invoke(app, ["init", str(target), "--force"])
    assert forced.exit_code == 0
    assert target.read_text(encoding="utf-8").startswith(PREFIX)


def test_init_rejects_a_bad_name(tmp_path: Path) -> None:
    result = runner.invoke(app, ["init", str(tmp_path / "x.datacard.yaml"), "--name", "Bad Name"])
    assert result.exit_code == 2
    assert not (tmp_path / "x.datacard.yaml").exists()


@pytest.mark.parametrize("folder", ["plain", "my data", "it's"])
def test_the_suggested_lint_command_runs_as_printed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                    folder: str) -> None:
    import re
    import shlex

    (tmp_path / folder).mkdir()
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["init", folder, "--name", "x"])
    assert result.exit_code == 0
    suggested = shlex.split(re.search(r"run `datacard (.+)`", result.output).group(1))  # type: ignore[union-attr]
    assert suggested == ["lint", str(Path(folder) / "x.datacard.yaml")]


def test_examples_in_the_starter_sit_on_their_own_comment_lines() -> None:
    comments = [line.strip() for line in starter_text("x", "s.json").splitlines() if line.strip().startswith("#")]
    assert not [c for c in comments if "?" in c and "- {" in c]
    assert any(c.startswith("#   - {name: text") for c in comments)


def test_a_fresh_starter_leaves_every_need_open_once() -> None:
    """The starter answers nothing by accident: each context need that applies to it is one gap,
    reported once by lint, with the need's own code, at the key the starter asks about."""
    from datacard.context import gaps
    from datacard.lint.engine import lint_paths
    from datacard.project import resolve_project

    text = starter_text("demo", "x.json")
    data = load_text(text, "s.yaml").data
    expected = [n for n in NEEDS if n.applies(data)]
    assert [g.need for g in gaps(data)] == expected and len(expected) >= 15
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "demo.datacard.yaml"
        path.write_text(text, encoding="utf-8")
        report = lint_paths(resolve_project([str(path)], isolated=True))
    context_codes = {n.code for n in NEEDS}
    found = sorted((f.code, f.field) for f in report.findings if f.code in context_codes)
    assert found == sorted((n.code, n.field) for n in expected)
