"""`check_data` and `datacard check`: contradictions between data and datasheet, on the right lines."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from datacard.data.check import Options, check_data, looks_sensitive
from datacard.data.frame import loaded_datasheet
from tests.datagen import PIPELINE, reviews, write

CLEAN = PIPELINE / "reviews.datacard.yaml"
CONTRADICTING = PIPELINE / "contradicting.datacard.yaml"
_EXPECT = re.compile(r"#\s*expect:\s*(.+)$")


def expected(path: Path) -> list[tuple[str, int]]:
    """(code, line) pairs from the `# expect: CODE ...` comments of a datasheet."""
    pairs = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        match = _EXPECT.search(line)
        if match:
            pairs += [(code, number) for code in match.group(1).split()]
    return sorted(pairs)


def found(report: object) -> list[tuple[str, int]]:
    return sorted((f.code, f.line) for f in report.findings)  # type: ignore[attr-defined]


@pytest.mark.parametrize("suffix", [".csv", ".parquet", ".jsonl"])
def test_matching_data_has_no_findings(tmp_path: Path, suffix: str) -> None:
    data = write(reviews(), tmp_path / f"reviews{suffix}")
    assert found(check_data(data, CLEAN)) == []


@pytest.mark.parametrize("suffix", [".csv", ".parquet", ".jsonl"])
def test_each_contradiction_is_found_on_its_line(tmp_path: Path, suffix: str) -> None:
    data = write(reviews(mexican_rate=0.2, text_nulls=5), tmp_path / f"reviews{suffix}")
    report = check_data(data, CONTRADICTING, split_column="split")
    assert found(report) == expected(CONTRADICTING)
    assert {f.path for f in report.findings} == {str(CONTRADICTING)}


def test_a_dataframe_is_checked_like_a_file(tmp_path: Path) -> None:
    frame = reviews(mexican_rate=0.2, text_nulls=5)
    frame["posted"] = pd.to_datetime(frame["posted"])  # pandas holds dates as objects otherwise
    from_frame = check_data(frame, CONTRADICTING, split_column="split")
    from_file = check_data(write(frame, tmp_path / "r.parquet"), CONTRADICTING, split_column="split")
    assert found(from_frame) == found(from_file)


def test_rows_without_a_split_are_not_a_split_to_declare(tmp_path: Path) -> None:
    frame = reviews()
    frame.loc[:2, "split"] = None
    report = check_data(write(frame, tmp_path / "r.parquet"), CLEAN, split_column="split")
    (finding,) = [f for f in report.findings if f.code == "DC504"]
    assert "'split'" in finding.message and "(missing)" not in finding.message  # names the column


def test_a_datasheet_model_gives_lines_in_its_yaml(tmp_path: Path) -> None:
    sheet, _, _ = loaded_datasheet(CONTRADICTING)
    assert sheet is not None
    report = check_data(reviews(), sheet, split_column="split")
    assert report.findings and all(f.path == "<datasheet>" and f.line > 0 for f in report.findings)


def test_an_invalid_datasheet_reports_its_own_findings(tmp_path: Path) -> None:
    bad = tmp_path / "bad.datacard.yaml"
    bad.write_text("schema_version: 1\nname: Not A Slug\n", encoding="utf-8")
    report = check_data(reviews(), bad)
    assert found(report) == [("DC106", 2)]


@pytest.mark.parametrize(
    ("mexican_rate", "options", "codes"),
    [
        (0.5, Options(), set()),
        (0.2, Options(), {"DC520"}),  # 0.2 / 0.5 = 0.4 < 0.8
        (0.4, Options(), set()),  # 0.4 / 0.5 = 0.8 exactly: the rule flags only below
        (0.38, Options(), {"DC520"}),  # 23 of 60 = 0.383; ratio 0.77
        (0.2, Options(threshold=0.3), set()),
        (0.2, Options(min_group=61), {"DC521"}),  # every group too small to judge
        (0.5, Options(positive="0"), set()),
        (0.2, Options(positive="0"), {"DC520"}),  # the others' 0.5 is below 0.8 x Mexican 0.8
    ],
)
def test_four_fifths_rule(mexican_rate: float, options: Options, codes: set[str]) -> None:
    report = check_data(reviews(mexican_rate=mexican_rate), CLEAN, options=options)
    assert {f.code for f in report.findings} == codes


def test_declared_missing_share_is_compared_with_tolerance() -> None:
    frame = reviews()
    frame.loc[:9, "cuisine"] = None  # 30 + up to 10 more missing: 0.15 -> about 0.2
    strict = check_data(frame, CLEAN, options=Options(tolerance=0.01))
    loose = check_data(frame, CLEAN, options=Options(tolerance=0.2))
    assert "DC510" in {f.code for f in strict.findings}
    assert "DC510" not in {f.code for f in loose.findings}


@pytest.mark.parametrize(
    ("name", "sensitive"),
    [
        ("email", True), ("user_email", True), ("firstName", True), ("last_name", True),
        ("date_of_birth", True), ("Gender", True), ("ip_address", True),
        ("business_name", False), ("text", False), ("label", False), ("stars", False), ("usage", False),
    ],
)
def test_sensitive_names(name: str, sensitive: bool) -> None:
    assert looks_sensitive(name) is sensitive


def test_sensitive_present_false_is_contradicted(tmp_path: Path) -> None:
    sheet = tmp_path / "s.datacard.yaml"
    sheet.write_text(
        "schema_version: 1\nname: s\ncomposition:\n  sensitive:\n    present: false\n"
        "    reason: We checked.\n",
        encoding="utf-8",
    )
    report = check_data(reviews()[["id", "email"]], sheet)
    assert ("DC513", 5) in found(report)


def test_the_datasheet_the_data_carries_is_used(tmp_path: Path) -> None:
    from datacard.data.frame import attach
    from datacard.data.parquet import embed

    frame = reviews(mexican_rate=0.2, text_nulls=5)
    path = write(frame, tmp_path / "r.parquet")
    embed(CONTRADICTING, path)
    from_file = check_data(path, split_column="split")
    assert found(from_file) == expected(CONTRADICTING)
    assert {f.path for f in from_file.findings} == {f"{path}#datacard.datasheet"}
    attached = check_data(attach(frame, CLEAN))
    assert {f.code for f in attached.findings} == {"DC520"}


@pytest.mark.parametrize("make", [lambda p: p, lambda p: pd.read_parquet(p)], ids=["file", "frame"])
def test_no_datasheet_anywhere_is_a_finding(tmp_path: Path, make: object) -> None:
    path = write(reviews(), tmp_path / "r.parquet")
    assert found(check_data(make(path))) == [("DC530", 0)]  # type: ignore[operator]
