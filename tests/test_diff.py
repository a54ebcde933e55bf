"""`datacard diff`: every class of change, on the examples and on generated pairs; the Markdown
read by a real CommonMark/GFM parser; --rev against a git revision through the file selection."""

from __future__ import annotations

import copy
import json
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from datacard.cli import app
from datacard.context import NEEDS, required
from datacard.diff import ChangeClass, Op, diff_data
from datacard.diff.views import markdown_report, text_report
from datacard.load import load
from tests.conftest import EXAMPLES, ROOT
from tests.test_escape import tokens, unsafe_nodes, walk
from tests.test_output_injection import HOSTILE

runner = CliRunner()
YELP = EXAMPLES / "yelp-reviews.datacard.yaml"
PARLIAMENT = EXAMPLES / "norwegian-parliament.datacard.yaml"
MANIFEST = EXAMPLES / "training" / "ticket-router.datacard.yaml"
V2 = ROOT / "tests" / "diff_cases" / "yelp-reviews-2.0.datacard.yaml"


def _data(path: Path) -> dict[str, Any]:
    data = load(path).data
    assert isinstance(data, dict)
    return data


def _edit(path: Path, change: Callable[[dict[str, Any]], None]) -> tuple[dict[str, Any], dict[str, Any]]:
    old = _data(path)
    new = copy.deepcopy(old)
    change(new)
    return old, new


def _del(*keys: str | int) -> Callable[[dict[str, Any]], None]:
    def run(data: dict[str, Any]) -> None:
        holder: Any = data
        for key in keys[:-1]:
            holder = holder[key]
        del holder[keys[-1]]
    return run


def _set(value: Any, *keys: str | int) -> Callable[[dict[str, Any]], None]:
    def run(data: dict[str, Any]) -> None:
        holder: Any = data
        for key in keys[:-1]:
            holder = holder[key]
        holder[keys[-1]] = value
    return run


def _append(value: Any, *keys: str) -> Callable[[dict[str, Any]], None]:
    def run(data: dict[str, Any]) -> None:
        holder: Any = data
        for key in keys:
            holder = holder[key]
        holder.append(value)
    return run


def _both(*changes: Callable[[dict[str, Any]], None]) -> Callable[[dict[str, Any]], None]:
    def run(data: dict[str, Any]) -> None:
        for change in changes:
            change(data)
    return run


# (example, the edit, the changes expected: class, op, place, and the entry that holds it)
CLASSES = [
    pytest.param(YELP, _both(_del("origin", "ethics", "consent"), _del("origin", "ethics", "review")),
                 [(ChangeClass.REGRESSION, Op.REMOVED, "origin.ethics.consent", None)], id="regression-removed"),
    pytest.param(YELP, _set("TBD", "application", "purpose"),
                 [(ChangeClass.REGRESSION, Op.REMOVED, "application.purpose", None)], id="regression-placeholder"),
    pytest.param(EXAMPLES / "bird-calls.datacard.yaml", _set(True, "origin", "people", "about_people"),
                 [(ChangeClass.REGRESSION, Op.CHANGED, "composition.languages", None),
                  (ChangeClass.REGRESSION, Op.CHANGED, "origin.ethics.consent", None),
                  (ChangeClass.CONTEXT, Op.CHANGED, "origin.people.about_people", None)], id="regression-now-applies"),
    pytest.param(YELP, _del("origin", "ethics", "consent"),
                 [(ChangeClass.CONTEXT, Op.REMOVED, "origin.ethics.consent", None)], id="context-one-of-two"),
    pytest.param(YELP, _set("A benchmark.", "application", "purpose"),
                 [(ChangeClass.CONTEXT, Op.CHANGED, "application.purpose", None)], id="context-changed"),
    pytest.param(YELP, _set("CC-BY-4.0", "audience", "license", "id"),
                 [(ChangeClass.LICENSE, Op.CHANGED, "audience.license.id", None)], id="license"),
    pytest.param(YELP, _set("gated", "audience", "access", "type"),
                 [(ChangeClass.ACCESS, Op.CHANGED, "audience.access.type", None)], id="access"),
    pytest.param(YELP, _set(598000, "composition", "count"),
                 [(ChangeClass.COUNT, Op.CHANGED, "composition.count", None)], id="count"),
    pytest.param(YELP, _append({"name": "validation", "count": 10}, "composition", "splits"),
                 [(ChangeClass.SPLIT, Op.ADDED, "composition.splits[2]", "validation")], id="split-added"),
    pytest.param(YELP, _set(600000, "composition", "splits", 0, "count"),
                 [(ChangeClass.SPLIT, Op.CHANGED, "composition.splits[0].count", "train")], id="split-count"),
    pytest.param(YELP, _append({"tag": "es"}, "composition", "languages"),
                 [(ChangeClass.LANGUAGE, Op.ADDED, "composition.languages[3]", "es")], id="language-added"),
    pytest.param(YELP, _del("composition", "languages", 2),
                 [(ChangeClass.LANGUAGE, Op.REMOVED, "composition.languages[2]", "de")], id="language-removed"),
    pytest.param(YELP, _append({"name": "city"}, "origin", "people", "subpopulations"),
                 [(ChangeClass.SUBPOPULATION, Op.ADDED, "origin.people.subpopulations[1]", "city")],
                 id="subpopulation-added"),
    pytest.param(YELP, _del("origin", "people", "subpopulations", 0, "distribution", "none"),
                 [(ChangeClass.SUBPOPULATION, Op.REMOVED,
                 "origin.people.subpopulations[0].distribution.none", "cuisine")], id="subpopulation-group-removed"),
    pytest.param(YELP, _set("derived", "origin", "sources", 0, "relation"),
                 [(ChangeClass.LINEAGE, Op.CHANGED, "origin.sources[0].relation", "Yelp Dataset Challenge 2015")],
                 id="lineage"),
    pytest.param(MANIFEST, _set("v2", "data", 0, "revision"),
                 [(ChangeClass.LINEAGE, Op.CHANGED, "data[0].revision", None)], id="lineage-manifest"),
    pytest.param(YELP, _del("composition", "fields", 2),
                 [(ChangeClass.FIELD, Op.REMOVED, "composition.fields[2]", "cuisine")], id="field-removed"),
    pytest.param(YELP, _set("Yelp Reviews", "title"), [(ChangeClass.OTHER, Op.CHANGED, "title", None)], id="other"),
    pytest.param(YELP, _append("yelp", "keywords"), [(ChangeClass.OTHER, Op.ADDED, "keywords[4]", None)],
                 id="value-added"),
]


@pytest.mark.parametrize(("example", "edit", "expected"), CLASSES)
def test_each_class_of_change(example: Path, edit: Callable[[dict[str, Any]], None],
                              expected: list[tuple[ChangeClass, Op, str, str | None]]) -> None:
    old, new = _edit(example, edit)
    changes = diff_data(old, new, NEEDS)
    assert [(c.cls, c.op, c.field, c.entry) for c in changes] == expected
    back = diff_data(new, old, NEEDS)
    assert back, "the way back is a change too"


def test_context_added_is_the_mirror_of_a_regression() -> None:
    old, new = _edit(YELP, _set("TBD", "application", "purpose"))
    [change] = diff_data(new, old, NEEDS)
    assert (change.cls, change.op, change.old, change.need and change.need.id) == (
        ChangeClass.CONTEXT_ADDED, Op.ADDED, "TBD", "purpose")


def test_the_project_needs_decide_what_a_regression_is() -> None:
    old, new = _edit(YELP, _del("audience", "maintenance", "update_plan"))
    assert [c.cls for c in diff_data(old, new, NEEDS)] == [ChangeClass.OTHER]
    needs = NEEDS + required(["audience.maintenance.update_plan"])
    assert [c.cls for c in diff_data(old, new, needs)] == [ChangeClass.REGRESSION]


def test_counts_carry_their_relative_change() -> None:
    old, new = _edit(YELP, _set(598000, "composition", "count"))
    [change] = diff_data(old, new, NEEDS)
    assert change.relative == pytest.approx(-0.1457, abs=1e-4)


def test_reordered_entries_are_no_change() -> None:
    old, new = _edit(YELP, lambda d: d["composition"]["splits"].reverse())
    new["keywords"].reverse()
    assert diff_data(old, new, NEEDS) == []


def test_a_file_added_or_removed_whole_counts_what_it_answers() -> None:
    data = _data(YELP)
    removed = diff_data(data, None, NEEDS)
    assert removed and {c.cls for c in removed} == {ChangeClass.REGRESSION}
    added = diff_data(None, data, NEEDS)
    assert len(added) == len(removed) and {c.cls for c in added} == {ChangeClass.CONTEXT_ADDED}


# --- generated pairs --------------------------------------------------------------------------

SEEDS = [_data(p) for p in sorted(EXAMPLES.glob("*.datacard.yaml"))]


def _places(data: Any, at: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [at] if at else []
    if isinstance(data, dict):
        for key, value in data.items():
            out += _places(value, (*at, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            out += _places(value, (*at, i))
    return out


@st.composite
def pairs(draw: st.DrawFn) -> tuple[dict[str, Any], dict[str, Any]]:
    old = copy.deepcopy(draw(st.sampled_from(SEEDS)))
    new = copy.deepcopy(old)
    for _ in range(draw(st.integers(1, 4))):
        places = _places(new)
        at = draw(st.sampled_from(places))
        holder: Any = new
        for key in at[:-1]:
            holder = holder[key]
        op = draw(st.sampled_from(["delete", "set", "number"]))
        if op == "delete":
            del holder[at[-1]]
        elif op == "set":
            holder[at[-1]] = draw(st.sampled_from(["TBD", "changed", "", None, ["x"], {"name": "n"}]))
        else:
            holder[at[-1]] = draw(st.integers(0, 10**9))
    return old, new


@settings(max_examples=80, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(pairs())
def test_generated_pairs(pair: tuple[dict[str, Any], dict[str, Any]]) -> None:
    old, new = pair
    forward, back = diff_data(old, new, NEEDS), diff_data(new, old, NEEDS)
    assert diff_data(old, copy.deepcopy(old), NEEDS) == []
    assert bool(forward) == bool(back)
    if json.dumps(old, sort_keys=True) == json.dumps(new, sort_keys=True):
        assert not forward
    # What one way adds, the other removes; a regression one way is context added the other.
    # (Indexes differ between the versions where entries are matched by name: compare the places
    # with every index as [] and the entry's name.)
    added = sorted((c.location.pattern.dotted, c.entry or "") for c in forward if c.op is Op.ADDED and not c.need)
    assert added == sorted((c.location.pattern.dotted, c.entry or "") for c in back if c.op is Op.REMOVED
                           and not c.need)
    lost = sorted(c.need.id for c in forward if c.cls is ChangeClass.REGRESSION and c.op is Op.REMOVED and c.need)
    assert lost == sorted(c.need.id for c in back if c.cls is ChangeClass.CONTEXT_ADDED and c.need)
    # A text and a Markdown report of any pair are written, and the Markdown tables hold.
    _check_tables(markdown_report([_file(old, new)]))
    assert text_report([_file(old, new)])


def _file(old: dict[str, Any], new: dict[str, Any]) -> Any:
    from datacard.diff import Side, compare

    return compare(Side("x.datacard.yaml", old), Side("x.datacard.yaml", new), NEEDS)


# --- Markdown on GitHub -------------------------------------------------------------------------


def _check_tables(markdown: str) -> int:
    """Every table row has its five cells, and nothing but our own markup is live."""
    found = list(walk(tokens(markdown)[0]))
    rows = [i for i, t in enumerate(found) if t.type == "tr_open"]
    for i in rows:
        end = next(j for j in range(i, len(found)) if found[j].type == "tr_close")
        assert sum(1 for t in found[i:end] if t.type in ("td_open", "th_open")) == 5
    assert unsafe_nodes(markdown) == []
    return len(rows)


def test_markdown_is_a_table_per_file() -> None:
    result = runner.invoke(app, ["diff", str(YELP), str(V2), "--output-format", "markdown"])
    assert result.exit_code == 0
    rows = _check_tables(result.stdout)
    changes = json.loads(runner.invoke(app, ["diff", str(YELP), str(V2), "--output-format", "json"]).stdout)
    assert rows == 1 + len(changes["files"][0]["changes"])  # the header and one row per change


@pytest.mark.parametrize("hostile", list(HOSTILE.values()), ids=list(HOSTILE))
def test_markdown_shows_hostile_values_as_text(hostile: str) -> None:
    old, new = _edit(YELP, _both(_set(hostile, "title"), _set(hostile, "audience", "license", "id"),
                                  _append({"name": hostile, "count": 1}, "composition", "splits")))
    markdown = markdown_report([_file(old, new)])
    assert _check_tables(markdown) == 4


# --- the command ----------------------------------------------------------------------------------


@pytest.mark.parametrize(("fail_on", "code"), [
    (None, 0), ("regression", 1), ("license,count", 1), ("lineage", 0), ("any", 1), ("nonsense", 2),
])
def test_fail_on(fail_on: str | None, code: int) -> None:
    args = ["diff", str(YELP), str(V2)] + (["--fail-on", fail_on] if fail_on else [])
    assert runner.invoke(app, args).exit_code == code


def test_the_command_needs_two_files_or_a_revision(tmp_path: Path) -> None:
    assert runner.invoke(app, ["diff", str(YELP)]).exit_code == 2
    assert runner.invoke(app, ["diff", str(YELP), str(tmp_path / "absent.datacard.yaml")]).exit_code == 2
    broken = tmp_path / "broken.datacard.yaml"
    broken.write_text("name: [unclosed\n", encoding="utf-8")
    result = runner.invoke(app, ["diff", str(YELP), str(broken)])
    assert result.exit_code == 2 and "DC004" in result.stderr


def test_a_card_compares_through_the_import_mapping(tmp_path: Path) -> None:
    card = "---\nlicense: cc-by-4.0\nlanguage: [en]\npretty_name: Reviews\n---\n# Reviews\n"
    old, new = tmp_path / "old.md", tmp_path / "README.md"
    old.write_text(card, encoding="utf-8")
    new.write_text(card.replace("cc-by-4.0", "mit").replace("[en]", "[en, de]"), encoding="utf-8")
    result = runner.invoke(app, ["diff", str(old), str(new), "--output-format", "json"])
    assert result.exit_code == 0, result.stderr
    classes = {c["class"] for c in json.loads(result.stdout)["files"][0]["changes"]}
    assert classes == {"license", "language"}


# Cards as every other command reads them: a fence never closed, metadata without fences, no
# metadata at all but the template's title. diff compares them; it refuses only what no command reads.
CARD_FORMS = [
    ("---\n\n# Dataset Card for Reviews\n\nReviews of {x}.\n", "summary"),
    ("license: {x}\nlanguage: [en]\n\n# Dataset Card for Reviews\n", "license"),
    ("# Dataset Card for Reviews\n\n### Dataset Summary\n\nReviews of {x}.\n", "summary"),
]


@pytest.mark.parametrize(("form", "changed"), CARD_FORMS, ids=["unclosed", "unfenced", "bare"])
def test_cards_without_proper_front_matter_are_compared(tmp_path: Path, form: str, changed: str) -> None:
    old, new = tmp_path / "old.md", tmp_path / "new.md"
    old.write_text(form.format(x="mit"), encoding="utf-8")
    new.write_text(form.format(x="apache-2.0"), encoding="utf-8")
    result = runner.invoke(app, ["diff", str(old), str(new), "--output-format", "json"])
    assert result.exit_code == 0, result.output
    places = [c["field"] for c in json.loads(result.stdout)["files"][0]["changes"]]
    assert any(changed in p for p in places), places


def test_an_unreadable_side_shows_no_changes_and_names_the_file(tmp_path: Path) -> None:
    other = tmp_path / "notes.md"
    other.write_text("Just notes.\n", encoding="utf-8")
    result = runner.invoke(app, ["diff", str(YELP), str(other)])
    assert result.exit_code == 2
    assert result.stdout == "" and "1 of 1 file" in result.stderr and "notes.md" in result.stderr


# --- against a git revision -------------------------------------------------------------------------


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")

    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=tmp_path, check=True, capture_output=True)

    git("init", "-q")
    git("config", "user.email", "test@example.org")
    git("config", "user.name", "test")
    (tmp_path / "pyproject.toml").write_text('[tool.datacard]\nextend-exclude = ["vendored"]\n')
    (tmp_path / ".gitignore").write_text("scratch/\n")
    for folder in ("data", "vendored", "scratch"):
        (tmp_path / folder).mkdir()
        shutil.copy(YELP, tmp_path / folder / "yelp.datacard.yaml")
    shutil.copy(PARLIAMENT, tmp_path / "data" / "gone.datacard.yaml")
    shutil.copy(PARLIAMENT, tmp_path / "data" / "same.datacard.yaml")
    (tmp_path / "notes.yaml").write_text("a: 1\n")
    git("add", "-A")
    git("add", "-f", "scratch")
    git("commit", "-qm", "first")
    for folder in ("data", "vendored", "scratch"):
        shutil.copy(V2, tmp_path / folder / "yelp.datacard.yaml")
    (tmp_path / "data" / "gone.datacard.yaml").unlink()
    (tmp_path / "notes.yaml").write_text("a: 2\n")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_rev_lists_changed_datasheets_through_the_selection(repo: Path) -> None:
    result = runner.invoke(app, ["diff", "--rev", "HEAD", "--output-format", "json", "--fail-on", "regression"])
    assert result.exit_code == 1, result.stderr
    files = {f["new"]: f["status"] for f in json.loads(result.stdout)["files"]}
    # Excluded (vendored), git-ignored (scratch), unchanged and not a datasheet (notes.yaml): not listed.
    assert files == {"data/gone.datacard.yaml": "removed", "data/yelp.datacard.yaml": "changed"}


def test_rev_takes_paths(repo: Path) -> None:
    result = runner.invoke(app, ["diff", "--rev", "HEAD", "--output-format", "json", "data/yelp.datacard.yaml"])
    assert [f["new"] for f in json.loads(result.stdout)["files"]] == ["data/yelp.datacard.yaml"]


@pytest.mark.parametrize(("rev", "words"), [("no-such-branch", "no revision"), ("--output=x", "not a revision")])
def test_rev_refuses_what_is_not_a_revision(repo: Path, rev: str, words: str) -> None:
    result = runner.invoke(app, ["diff", f"--rev={rev}"])
    assert result.exit_code == 2 and words in result.stderr
    assert not (repo / "x").exists()


def test_rev_runs_no_program_the_checkout_names(repo: Path) -> None:
    """A checkout's configuration can name a program for git to run (core.fsmonitor runs on
    `git diff`); diff reads the checkout and runs none of it."""
    marker = repo / "ran"
    hook = repo / "monitor.sh"
    hook.write_text(f"#!/bin/sh\ntouch {marker}\n", encoding="utf-8")
    hook.chmod(0o755)
    subprocess.run(["git", "config", "core.fsmonitor", str(hook)], cwd=repo, check=True)
    result = runner.invoke(app, ["diff", "--rev", "HEAD", "--output-format", "json"])
    assert result.exit_code == 0, result.stderr
    assert not marker.exists()


def test_rev_outside_a_checkout_is_a_usage_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    result = runner.invoke(app, ["diff", "--rev", "HEAD"])
    assert result.exit_code == 2 and "not in a git work tree" in result.stderr


def test_json_is_strict_json_whatever_the_values() -> None:
    from datacard.diff.views import json_report

    old, new = _edit(YELP, _both(_set(float("inf"), "composition", "fields", 2, "missing"),
                                  _set(float("nan"), "origin", "people", "subpopulations", 0, "distribution", "none")))

    def refuse(name: str) -> None:
        raise ValueError(f"{name} is not JSON")

    doc = json.loads(json_report([_file(old, new)]), parse_constant=refuse)
    assert {c["new"] for c in doc["files"][0]["changes"]} == {"inf", "nan"}
