"""Merging measured facts into a datasheet keeps every comment and every hand-written line."""

from __future__ import annotations

import difflib
from pathlib import Path

import pandas as pd
import pytest

from datacard.data.frame import loaded_datasheet
from datacard.data.merge import composition_yaml, merge_text
from datacard.data.profile import profile, profile_frame
from datacard.data.reconcile import Accept, Options
from datacard.load import load_text
from datacard.validate import validate_loaded
from tests.conftest import EXAMPLES
from tests.datagen import PIPELINE, ROWS, reviews, write

SHEETS = [PIPELINE / "reviews.datacard.yaml", PIPELINE / "contradicting.datacard.yaml",
          EXAMPLES / "yelp-reviews.datacard.yaml"]
# Keys whose values a merge may change or add; every other line must stay byte for byte.
MEASURED = ("count:", "missing:", "distinct:", "distribution:", "- name:", "name:", "type:", "min:", "max:",
            "mean:", "date:", "rows:", "- composition.")


ACCEPT_ALL = Options(accept=Accept(everything=True))


def _merge(sheet: Path, tmp_path: Path, options: Options = ACCEPT_ALL) -> tuple[str, str]:
    model, loaded, _ = loaded_datasheet(sheet)
    assert model is not None
    prof = profile(write(reviews(text_nulls=2), tmp_path / "r.csv"), model, split_column="split")
    return loaded.text, merge_text(loaded.text, prof, options)


def _comments(text: str) -> list[str]:
    return [line[line.index("#"):] for line in text.splitlines() if "#" in line and "@" not in line]


@pytest.mark.parametrize("sheet", SHEETS, ids=lambda p: p.name)
def test_every_comment_survives(sheet: Path, tmp_path: Path) -> None:
    if not sheet.is_file():
        pytest.skip(f"{sheet.name} is not in this checkout")
    before, after = _merge(sheet, tmp_path)
    assert _comments(before) and _comments(before) == _comments(after)


@pytest.mark.parametrize("sheet", SHEETS, ids=lambda p: p.name)
def test_only_measured_lines_change(sheet: Path, tmp_path: Path) -> None:
    if not sheet.is_file():
        pytest.skip(f"{sheet.name} is not in this checkout")
    before, after = _merge(sheet, tmp_path)
    diff = difflib.ndiff(before.splitlines(), after.splitlines())
    removed = [line[2:] for line in diff if line.startswith("- ")]
    assert all(line.strip().startswith(MEASURED) for line in removed), removed
    model, report = validate_loaded(load_text(after, "merged.yaml"))
    assert model is not None and not report.findings


def test_merge_is_idempotent(tmp_path: Path) -> None:
    sheet = PIPELINE / "reviews.datacard.yaml"
    model, loaded, _ = loaded_datasheet(sheet)
    prof = profile(write(reviews(), tmp_path / "r.csv"), model)
    once = merge_text(loaded.text, prof)
    assert merge_text(once, prof) == once


def test_measured_values_land_in_the_right_entries(tmp_path: Path) -> None:
    _, after = _merge(PIPELINE / "contradicting.datacard.yaml", tmp_path)
    model, _ = validate_loaded(load_text(after, "m.yaml"))
    comp = model.composition  # type: ignore[union-attr]
    fields = {f.name: f for f in comp.fields}
    assert comp.count == ROWS
    assert [(s.name, s.count) for s in comp.splits] == [("train", 160), ("validation", None), ("test", 40)]
    assert fields["id"].type.value == "integer"  # accepted: without --accept it stays the user's
    assert fields["posted"].type.value == "date" and fields["posted"].missing == 0.0
    assert fields["text"].missing == 0.01 and fields["cuisine"].missing == 0.15
    assert fields["cuisine"].distribution["mexican"] == 60
    assert fields["title"].missing is None  # declared but absent: left for `check` to report


def test_a_datasheet_without_composition_gains_one(tmp_path: Path) -> None:
    text = "# mine\nschema_version: 1\nname: bare  # short\n"
    prof = profile(write(reviews(), tmp_path / "r.csv"))
    merged = merge_text(text, prof)
    assert merged.startswith(text)
    assert validate_loaded(load_text(merged, "m.yaml"))[0] is not None


# (profile options, role of each field afterwards): options given once are remembered, so
# check, represent and render --data find the columns again; a role already written stays.
ROLES = [
    ({}, {}),
    ({"split_column": "split", "label": "label", "subgroups": ["cuisine"]},
     {"split": "split", "label": "label", "cuisine": "subgroup"}),
    ({"split_column": "split", "label": "cuisine"}, {"split": "split", "cuisine": "label"}),
]


@pytest.mark.parametrize(("options", "roles"), ROLES, ids=lambda v: str(v)[:40])
def test_profile_options_become_field_roles(options: dict[str, object], roles: dict[str, str],
                                            tmp_path: Path) -> None:
    text = "schema_version: 1\nname: bare\ncomposition:\n  fields:\n    - {name: stars, role: feature}\n"
    prof = profile(write(reviews(), tmp_path / "r.csv"), **options)  # type: ignore[arg-type]
    model, _ = validate_loaded(load_text(merge_text(text, prof), "m.yaml"))
    fields = model.composition.fields  # type: ignore[union-attr]
    assert {f.name: f.role.value for f in fields if f.role} == {"stars": "feature", **roles}


def test_composition_yaml_loads_as_a_composition(tmp_path: Path) -> None:
    prof = profile(write(reviews(), tmp_path / "r.csv"))
    text = "schema_version: 1\nname: x\n" + composition_yaml(prof)
    model, report = validate_loaded(load_text(text, "c.yaml"))
    assert model is not None and not report.findings


@pytest.mark.parametrize("offset", [0, 2, 4])
def test_list_indentation_is_kept(offset: int, tmp_path: Path) -> None:
    pad = " " * offset
    text = (
        "schema_version: 1\nname: styled\ncomposition:\n  count: 1\n  fields:\n"
        f"  {pad}- name: id  # the key\n  {pad}  type: integer\n"
    )
    merged = merge_text(text, profile(write(reviews(), tmp_path / "r.csv")), ACCEPT_ALL)
    assert merged.startswith(text.replace("count: 1", f"count: {ROWS}"))
    assert f"\n  {pad}- name: email\n" in merged


def test_markdown_front_matter_is_merged_and_the_body_kept(tmp_path: Path) -> None:
    from datacard.data.merge import merge_document

    text = "---\nschema_version: 1\nname: md  # keep\n---\n# Title\n\nBody text.\n---\nmore\n"
    merged = merge_document(text, profile(write(reviews(), tmp_path / "r.csv")), markdown=True)
    assert merged.startswith("---\nschema_version: 1\nname: md  # keep\ncomposition:\n")
    assert merged.endswith("---\n# Title\n\nBody text.\n---\nmore\n")
    assert validate_loaded(load_text(merged, "m.md"))[0] is not None


@pytest.mark.parametrize("markdown", [False, True])
def test_windows_line_ends_are_kept_on_every_line(tmp_path: Path, markdown: bool) -> None:
    from datacard.data.merge import merge_document

    text = (PIPELINE / "reviews.datacard.yaml").read_text(encoding="utf-8")
    if markdown:
        text = f"---\n{text}---\n# Title\n\nBody.\n"
    prof = profile(write(reviews(), tmp_path / "r.csv"), split_column="split")
    merged_lf = merge_document(text, prof, markdown=markdown)
    merged = merge_document(text.replace("\n", "\r\n"), prof, markdown=markdown)
    assert merged == merged_lf.replace("\n", "\r\n")
    assert "\r\n" in merged and "\n" not in merged.replace("\r\n", "")


# Layouts that a round-trip YAML library got wrong (issue 14): each must merge into a datasheet
# that validates, with each original line kept in order and every comment where it was.
LAYOUTS = {
    "comment-before-first-item": (
        "schema_version: 1\nname: l\ncomposition:\n  fields:\n    # the fields\n"
        "    - name: label  # what we predict\n      description: the label\n    - name: text\n"
        "# a comment at column 0 after the section\n"
    ),
    "column0-comment-before-items": (
        "schema_version: 1\nname: l\ncomposition:\n\n    fields:  # the fields\n# about them\n"
        "        - name: text\n        - name: ghost  # not in the data\n        - name: label\n"
    ),
    "simple-with-trailing-comment": (
        "schema_version: 1\nname: l\ncomposition:\n  fields:\n  - name: label\n  - name: text\n"
        "# after\ntitle: L\n"
    ),
    "tab-after-colon": "schema_version: 1\nname: l\ncomposition:\n  count:\t5\n",
    "empty-fields": "schema_version: 1\nname: l\ncomposition:\n  fields:   # to fill\n# end\n",
    "null-composition": "schema_version: 1\nname: l\ncomposition: ~  # later\ntitle: L\n",
    "no-final-newline": "schema_version: 1\nname: l\ncomposition:\n  fields:\n    - name: text  # c",
    "flow-fields": "schema_version: 1\nname: l\ncomposition: {count: 1, fields: [{name: text}]}  # flow\n",
}


def _label_frame() -> pd.DataFrame:
    return pd.DataFrame({"label": [1, 0, 1], "text": ["a", "b", None]})


@pytest.mark.parametrize("name", sorted(LAYOUTS))
def test_layouts_merge_into_valid_datasheets(name: str) -> None:
    text = LAYOUTS[name]
    prof = profile_frame(_label_frame(), label="label")
    merged = merge_text(text, prof, ACCEPT_ALL)
    model, report = validate_loaded(load_text(merged, "m.yaml"))
    assert model is not None and not report.findings, merged
    assert _comments(text) == _comments(merged)
    kept = [line for line in text.splitlines() if not line.strip().startswith(("count:", "composition:"))]
    assert _subsequence(kept, merged.splitlines()), merged
    assert merge_text(merged, prof, ACCEPT_ALL) == merged
    assert model.composition.count == 3  # type: ignore[union-attr]


def _subsequence(short: list[str], long: list[str]) -> bool:
    remaining = iter(long)
    return all(any(line == other for other in remaining) for line in short)


def test_new_keys_land_under_their_entry_not_after_a_comment() -> None:
    merged = merge_text(LAYOUTS["comment-before-first-item"], profile_frame(_label_frame(), label="label"))
    lines = merged.splitlines()
    text_item = lines.index("    - name: text")
    assert lines[text_item + 1].startswith("      type: ")
    assert lines[-1] == "# a comment at column 0 after the section"


def test_aliased_values_are_refused_not_rewritten() -> None:
    from datacard.data.merge import MergeError

    text = ("schema_version: 1\nname: l\ncomposition:\n  fields:\n    - &f {name: text, missing: 0.5}\n"
            "  sensitive:\n    present: true\n    fields: [text]\nx-copy: *f\n")
    with pytest.raises(MergeError, match="alias"):
        merge_text(text, profile_frame(_label_frame()))


@pytest.mark.parametrize("value", ["plain", "no", "2017-01", "0o17", "a: b", "# x", "", " lead", "é😀",
                                   "line\nbreak", "tab\there", "\u2028", "\x85", "quote\"s", "back\\slash",
                                   "-", "null", ".inf", "[x]", "{y}", "*a", "&b", "!t", "%p", "@q", "`r"])
def test_scalars_are_written_so_that_they_read_back(value: str) -> None:
    from datacard.data.yamledit import scalar_text

    loaded = load_text(f"k: {scalar_text(value)}\n", "s.yaml")
    assert not loaded.findings and loaded.data == {"k": value}
