"""Measured facts meet documented ones: no silent overwrite, samples that never contradict a count,
intervals for shares, an explicit positive class, a record of what was measured, and a second
profile that changes nothing."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from datacard.cli import app
from datacard.data.merge import merge_measured
from datacard.data.profile import profile
from datacard.data.reconcile import Accept, Options, measured_on
from datacard.load import load_text
from datacard.validate import validate_loaded
from tests.datagen import ROWS, TRAIN, reviews, write

runner = CliRunner()
DATE = ["--measured-on", "2024-05-02"]
SHEET = """\
schema_version: 1
name: reviews  # the sample's datasheet
composition:
  count: {count}  # from the publisher
  splits:
    - name: train
      count: {train}
    - name: test
      count: {test}
  fields:
    - name: label
      type: category
      role: label
      values: ["0", "1"]
    - name: cuisine
      type: category
      role: subgroup
      missing: {missing}
"""


def _sheet(tmp_path: Path, count: int = ROWS, train: int = TRAIN, test: int = ROWS - TRAIN,
           missing: float = 0.15, name: str = "reviews.datacard.yaml") -> Path:
    path = tmp_path / name
    path.write_text(SHEET.format(count=count, train=train, test=test, missing=missing), encoding="utf-8")
    return path


def _run(*args: object) -> tuple[int, str, str]:
    result = runner.invoke(app, [str(a) for a in args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def _data(tmp_path: Path, rows: int | None = None) -> Path:
    frame = reviews()
    return write(frame if rows is None else frame.head(rows), tmp_path / "reviews.csv")


def _composition(text: str) -> object:
    model, report = validate_loaded(load_text(text, "x.datacard.yaml"))
    assert model is not None, report.codes()
    return model.composition  # type: ignore[attr-defined]


# --- a sample never contradicts a documented count -------------------------------------------------


def test_a_file_smaller_than_the_documented_count_is_a_sample(tmp_path: Path) -> None:
    # The case: 598,000 documented, a 5,000-row extract profiled; here 598,000 and 50 rows.
    sheet = _sheet(tmp_path, count=598000, train=560000, test=38000)
    code, out, err = _run("profile", _data(tmp_path, 50), "-d", sheet, "--split-column", "split", *DATE)
    assert code == 0  # DC516 is information, not a failure
    assert "count: 598000  # from the publisher" in out and "count: 560000" in out and "count: 38000" in out
    assert f"{sheet}:4:10: DC516 read 50 rows, fewer than the 598,000 instances" in err
    comp = _composition(out)
    assert comp.measured.sample is True and comp.measured.rows == 50  # type: ignore[attr-defined]
    assert comp.fields[0].distinct is None  # a sample's distinct count is not the data's  # type: ignore[attr-defined]


def test_sample_option_reads_the_first_rows_and_never_counts(tmp_path: Path) -> None:
    sheet = _sheet(tmp_path, count=150)  # wrong for the whole file, but a sample cannot tell
    code, out, err = _run("profile", _data(tmp_path), "-d", sheet, "--split-column", "split", "--sample", "60", *DATE)
    assert code == 0 and "count: 150" in out and "DC516 read a sample of 60 rows (--sample)" in err
    assert "rows: 60" in out and "sample: true" in out


def test_accepting_the_count_says_the_rows_are_the_data(tmp_path: Path) -> None:
    sheet = _sheet(tmp_path, count=598000, train=560000, test=38000)
    code, out, err = _run("profile", _data(tmp_path), "-d", sheet, "--split-column", "split",
                          "--accept", "composition.count", *DATE)
    assert "count: 200  # from the publisher" in out and "DC516" not in err
    assert code == 1 and err.count("DC515") == 2  # the split counts still contradict: kept and reported


COUNTED = {"DC501", "DC502", "DC503", "DC510", "DC516"}


@pytest.mark.parametrize(("args", "codes"), [
    # A smaller file without --sample: rows may have been lost, and its shares are taken as the data's.
    ([], {"DC501", "DC502", "DC503", "DC510"}),
    # The same rows as a sample: no count, split or exact share is contradicted.
    (["--sample", "50"], {"DC516"}),
])
def test_check_on_a_sample(tmp_path: Path, args: list[str], codes: set[str]) -> None:
    sheet = _sheet(tmp_path, count=598000, train=560000, test=38000)
    code, out, _ = _run("check", _data(tmp_path, 50), "-d", sheet, "--split-column", "split",
                        "--output-format", "json", "--fail-on", "error", *args)
    import json

    found = {f["code"] for f in json.loads(out)["findings"]} & COUNTED
    assert found == codes
    assert code == (1 if "DC501" in codes else 0)
    if not args:
        assert "pass --sample N" in out


@pytest.mark.parametrize(("documented", "contradicts"), [(0.15, False), (0.25, False), (0.9, True)])
def test_a_sample_judges_shares_by_their_interval(tmp_path: Path, documented: float, contradicts: bool) -> None:
    # 40 rows read: the measured missing share of cuisine is an estimate, and 0.25 is within its
    # 95% interval, where the whole data's rule (a tolerance of 0.01) would call it wrong.
    sheet = _sheet(tmp_path, missing=documented)
    code, out, _ = _run("check", _data(tmp_path), "-d", sheet, "--sample", "40", "--output-format", "concise")
    assert ("DC510" in out) is contradicts and code == 1  # other findings (undeclared columns) remain
    if contradicts:
        assert "95% interval" in out


# --- a contradiction is a finding, and only --accept writes over it -------------------------------


def test_a_contradiction_keeps_the_documented_value_and_says_where(tmp_path: Path) -> None:
    sheet = _sheet(tmp_path, count=150, missing=0.5)  # more rows than documented: not a sample
    before = sheet.read_text(encoding="utf-8")
    code, out, err = _run("profile", _data(tmp_path), "-d", sheet, "--split-column", "split", *DATE)
    assert code == 1
    assert "count: 150  # from the publisher" in out and "missing: 0.5" in out
    assert (f"{sheet}:4:10: DC515 composition.count: the datasheet says 150 (line 4); the data measures 200 "
            "from 200 rows. The documented value is kept; --accept composition.count") in err
    assert f"{sheet}:18:16: DC515 composition.fields[1].missing: the datasheet says 0.5 (line 18)" in err
    assert sheet.read_text(encoding="utf-8") == before


@pytest.mark.parametrize(("accept", "count", "missing"), [
    (["--accept", "composition.count"], 200, 0.5),
    (["--accept", "composition.fields[].missing"], 150, 0.15),
    (["--accept-measured"], 200, 0.15),
])
def test_accept_writes_the_measured_value(tmp_path: Path, accept: list[str], count: int, missing: float) -> None:
    sheet = _sheet(tmp_path, count=150, missing=0.5)
    _, out, _ = _run("profile", _data(tmp_path), "-d", sheet, "--split-column", "split", *accept, *DATE)
    comp = _composition(out)
    assert comp.count == count and comp.fields[1].missing == missing  # type: ignore[attr-defined]


@pytest.mark.parametrize(("bad", "said"), [
    (["--accept", "composition..count"], "not a datasheet location"),
    # A place that parses but names no field accepted nothing, without a word.
    (["--accept", "composition.cout"], "did you mean composition.count?"),
    (["--accept", "__class__"], "'__class__' is not a datasheet field"),
    (["--accept", "composition.fields[].mising"], "did you mean composition.fields[].missing?"),
    (["--measured-on", "May 2024"], "May 2024"),
])
def test_bad_options_are_usage_errors(tmp_path: Path, bad: list[str], said: str) -> None:
    code, out, err = _run("profile", _data(tmp_path), "-d", _sheet(tmp_path), *bad)
    assert code == 2 and said in out + err, out + err


# --- what is written, and a second run -------------------------------------------------------------


def test_profile_writes_what_it_measured_with_a_record(tmp_path: Path) -> None:
    sheet = tmp_path / "bare.datacard.yaml"
    sheet.write_text("schema_version: 1\nname: bare\n", encoding="utf-8")
    code, out, _ = _run("profile", _data(tmp_path), "-d", sheet, "--split-column", "split", "--label", "label", *DATE)
    assert code == 0
    comp = _composition(out)
    fields = {f.name: f for f in comp.fields}  # type: ignore[attr-defined]
    assert fields["stars"].range.min == 1.0 and fields["stars"].range.max == 5.0
    assert fields["posted"].range.min == "2010-01-01" and fields["posted"].range.max == "2010-07-19"
    assert fields["text"].lengths.min == len("review number 0") and fields["text"].distinct == ROWS
    assert fields["cuisine"].missing == 0.15
    balance = {s.name: s.distribution for s in comp.splits}  # type: ignore[attr-defined]
    assert sum(balance["train"].values()) == TRAIN and set(balance["test"]) == {"0", "1"}
    record = comp.measured  # type: ignore[attr-defined]
    assert (record.by, record.date, record.rows, record.sample, record.sources) == (
        "datacard profile", "2024-05-02", ROWS, False, ["reviews.csv"])
    assert "composition.fields[].lengths" in record.facts and "composition.count" in record.facts


@pytest.mark.parametrize("sheet_count", [None, ROWS, 598000])
def test_profile_twice_changes_nothing_the_second_time(tmp_path: Path, sheet_count: int | None,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    sheet = _sheet(tmp_path) if sheet_count is None else _sheet(tmp_path, count=sheet_count)
    data = _data(tmp_path)
    args = ["profile", data, "-d", sheet, "--split-column", "split", "-o", sheet, "--force"]
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1714608000")
    _run(*args)
    once = sheet.read_bytes()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1800000000")  # another day: still nothing to write
    _run(*args)
    assert sheet.read_bytes() == once
    assert b'date: "2024-05-02"' in once


def test_the_record_date_is_reproducible(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1714608000")
    assert measured_on() == "2024-05-02" and measured_on("2020-01-31") == "2020-01-31"


def test_findings_carry_the_lines_of_markdown_front_matter(tmp_path: Path) -> None:
    text = "---\n" + SHEET.format(count=150, train=TRAIN, test=40, missing=0.15) + "---\n# Reviews\n"
    prof = profile(_data(tmp_path), split_column="split")
    merged = merge_measured(text, prof, path="README.md", markdown=True, options=Options(measured_on="2024-05-02"))
    assert [(f.code, f.line) for f in merged.findings] == [("DC515", 5)]
    assert merged.text.endswith("---\n# Reviews\n")
    everything = merge_measured(text, prof, markdown=True, options=Options(Accept(everything=True)))
    assert "count: 200" in everything.text and not everything.findings


# --- the positive class is never a silent default ---------------------------------------------------


POLARITY = """\
schema_version: 1
name: yelp-polarity
composition:
  fields:
    - name: label
      type: category
      role: label
      values: ["1", "2"]
      {positive}
    - name: cuisine
      type: category
      role: subgroup
"""


def _polarity(tmp_path: Path) -> Path:
    # Yelp polarity: 1 is the negative class, 2 the positive one. Mexican reviews get the
    # positive label (2) in 20% of cases, the others in 60%.
    rows = [{"label": "2" if i < rate else "1", "cuisine": c}
            for c, rate in (("mexican", 20), ("italian", 60), ("thai", 60)) for i in range(100)]
    return write(pd.DataFrame(rows), tmp_path / "polarity.csv")


@pytest.mark.parametrize(("positive", "flagged"), [
    ('positive: "2"', {"mexican"}),  # the datasheet's label definition decides
    ("", {"mexican", "italian", "thai"}),  # none given: each value's rate is judged, and said so
])
def test_represent_takes_the_positive_class_from_the_datasheet(tmp_path: Path, positive: str,
                                                               flagged: set[str]) -> None:
    sheet = tmp_path / "polarity.datacard.yaml"
    sheet.write_text(POLARITY.format(positive=positive), encoding="utf-8")
    code, out, err = _run("represent", _polarity(tmp_path), "-d", sheet)
    rows = {line.split("|")[2].strip(): line for line in out.splitlines() if line.startswith("| cuisine")}
    assert {group for group, line in rows.items() if "below 0.8" in line} == flagged
    assert code == 1 and "DC520" in err
    assert ("No positive class was given" in out) is (not positive)
    if positive:
        assert "Rate of label = 2" in out and "Rate of label = 1" not in out


def test_positive_option_wins_and_must_exist(tmp_path: Path) -> None:
    sheet = tmp_path / "polarity.datacard.yaml"
    sheet.write_text(POLARITY.format(positive='positive: "2"'), encoding="utf-8")
    data = _polarity(tmp_path)
    code, out, _ = _run("represent", data, "-d", sheet, "--positive", "1")
    assert code == 1 and "Rate of label = 1" in out
    assert _run("represent", data, "-d", sheet, "--positive", "yes")[0] == 2
