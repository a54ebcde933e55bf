"""`datacard embed`, `extract`, `profile`, `check` and `represent`; heavy imports stay lazy."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from datacard.cli import app
from datacard.load import load_text
from datacard.validate import validate_loaded
from tests.conftest import ROOT
from tests.datagen import PIPELINE, ROWS, TRAIN, reviews, write

SHEET = PIPELINE / "reviews.datacard.yaml"
BAD = PIPELINE / "contradicting.datacard.yaml"
runner = CliRunner()


def run(*args: object) -> tuple[int, str, str]:
    result = runner.invoke(app, [str(a) for a in args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return write(reviews(), tmp_path / "reviews.parquet")


def test_embed_then_extract(data: Path, tmp_path: Path) -> None:
    assert run("embed", SHEET, data)[0] == 0
    code, out, _ = run("extract", data)
    assert code == 0 and out == SHEET.read_text(encoding="utf-8")
    assert run("embed", BAD, data)[0] == 2  # refuses to replace without --force
    assert run("embed", BAD, data, "--force")[0] == 0
    out_file = tmp_path / "out.datacard.yaml"
    assert run("extract", data, "-o", out_file)[0] == 0
    assert out_file.read_text(encoding="utf-8") == BAD.read_text(encoding="utf-8")
    assert run("extract", data, "-o", out_file)[0] == 2  # exists


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["extract", "{data}"], 1),  # no datasheet: DC530
        (["extract", "{missing}"], 2),
        (["extract", "{csv}"], 2),
        (["embed", "{sheet}", "{missing}"], 2),
        (["embed", "{invalid}", "{data}"], 1),
        (["profile", "{missing}"], 2),
        (["profile", "{data}", "--format", "xml"], 2),
        (["profile", "{data}", "--subgroup", "nationality"], 2),  # no such column
        (["profile", "{data}", "--split-column", "fold"], 2),
        (["check", "{data}", "--datasheet", "{sheet}"], 0),
        (["check", "{data}", "--datasheet", "{bad}", "--split-column", "split"], 1),
        (["check", "{data}", "--datasheet", "{invalid}"], 1),
        (["check", "{missing}", "--datasheet", "{sheet}"], 2),
        (["check", "{data}", "--datasheet", "{missing}"], 2),
        (["check", "{data}"], 2),  # no datasheet given and none embedded
        (["represent", "{data}"], 2),  # no subgroup column
        (["represent", "{data}", "--datasheet", "{sheet}"], 0),
        (["represent", "{data}", "--datasheet", "{sheet}", "--positive", "yes"], 2),  # labels are 0, 1
        (["represent", "{data}", "--datasheet", "{sheet}", "--reference", "Mexican"], 2),  # the group is mexican
        (["check", "{data}", "--datasheet", "{sheet}", "--positive", "yes"], 2),
    ],
)
def test_exit_codes(args: list[str], code: int, data: Path, tmp_path: Path) -> None:
    invalid = tmp_path / "invalid.datacard.yaml"
    invalid.write_text("schema_version: 1\nname: BAD\n", encoding="utf-8")
    csv = write(reviews(), tmp_path / "r.csv")
    names = {"data": data, "missing": tmp_path / "absent.parquet", "csv": csv, "sheet": SHEET,
             "bad": BAD, "invalid": invalid}
    assert run(*[a.format(**names) for a in args])[0] == code


def test_check_json_output_has_datasheet_lines(data: Path) -> None:
    code, out, _ = run("check", data, "--datasheet", BAD, "--split-column", "split", "--output-format", "json")
    findings = json.loads(out)
    assert code == 1
    items = findings["findings"] if isinstance(findings, dict) else findings
    assert {(f["code"], f["line"]) for f in items} >= {("DC501", 12), ("DC502", 15), ("DC503", 16)}


def test_fail_on_error_ignores_warnings(tmp_path: Path) -> None:
    data = write(reviews(mexican_rate=0.2), tmp_path / "r.csv")
    assert run("check", data, "--datasheet", SHEET)[0] == 1  # DC520 is a warning
    assert run("check", data, "--datasheet", SHEET, "--fail-on", "error")[0] == 0


def test_profile_prints_a_composition(data: Path) -> None:
    code, out, _ = run("profile", data, "--subgroup", "cuisine", "--label", "label")
    assert code == 0
    model, report = validate_loaded(load_text("schema_version: 1\nname: x\n" + out, "p.yaml"))
    assert not report.findings
    assert model is not None and model.composition.count == ROWS  # type: ignore[union-attr]


def test_profile_files_per_split(tmp_path: Path) -> None:
    frame = reviews()
    train = write(frame.iloc[:TRAIN], tmp_path / "train.csv")
    test = write(frame.iloc[TRAIN:], tmp_path / "test.jsonl")
    code, out, _ = run("profile", f"fit={train}", f"holdout={test}")
    assert code == 0 and "- name: fit\n    count: 160" in out and "- name: holdout\n    count: 40" in out


# (arguments, exit code, rows per split): a/ and b/ hold the train rows, c/ the rest
SPLIT_FILES = [
    (["fit=a/data.csv", "fit=b/data.csv", "holdout=c/data.csv"], 0, {"fit": 2 * TRAIN, "holdout": ROWS - TRAIN}),
    (["a/data.csv", "c/data.csv"], 2, {}),  # same stem: which split is which?
    (["a/data.csv", "c/data.jsonl"], 2, {}),
    (["a/data.csv", "c/other.csv"], 0, {"data": TRAIN, "other": ROWS - TRAIN}),
]


@pytest.mark.parametrize(("args", "code", "splits"), SPLIT_FILES, ids=lambda v: str(v)[:40])
def test_profile_split_names_from_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                        args: list[str], code: int, splits: dict[str, int]) -> None:
    frame = reviews()
    for folder, rows in (("a", frame.iloc[:TRAIN]), ("b", frame.iloc[:TRAIN]), ("c", frame.iloc[TRAIN:])):
        (tmp_path / folder).mkdir()
        for name in ("data.csv", "data.jsonl", "other.csv"):
            write(rows, tmp_path / folder / name)
    monkeypatch.chdir(tmp_path)
    got, out, err = run("profile", "--output-format", "json", *args)
    assert got == code, err
    if code == 0:
        assert json.loads(out)["splits"] == splits


def test_profile_merges_into_the_datasheet_only_with_force(data: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "reviews.datacard.yaml"
    sheet.write_text(BAD.read_text(encoding="utf-8"), encoding="utf-8")
    accept = ["--accept-measured", "--measured-on", "2024-05-02"]
    code, out, _ = run("profile", data, "--datasheet", sheet, "--split-column", "split", *accept)
    assert code == 0 and "count: 200  # expect: DC501" in out
    assert sheet.read_text(encoding="utf-8") == BAD.read_text(encoding="utf-8")  # stdout only
    assert run("profile", data, "-d", sheet, "--split-column", "split", "-o", sheet, *accept)[0] == 2
    assert run("profile", data, "-d", sheet, "--split-column", "split", "-o", sheet, "--force", *accept)[0] == 0
    assert sheet.read_text(encoding="utf-8") == out


def test_represent_writes_a_table(tmp_path: Path) -> None:
    data = write(reviews(mexican_rate=0.2), tmp_path / "r.jsonl")
    code, out, err = run("represent", data, "--datasheet", SHEET)
    assert "| cuisine | mexican | 60 | 30.0% | 0.200 | 0.40 | below 0.8 for 1 |" in out
    assert code == 1 and "DC520 group 'mexican' of 'cuisine'" in err  # a flagged group fails, as in check
    assert run("represent", data, "--datasheet", SHEET, "--fail-on", "error")[0] == 0


@pytest.mark.parametrize("code", ["DC501", "DC513", "DC520", "DC530"])
def test_rule_explains_data_codes(code: str) -> None:
    status, out, _ = run("rule", code)
    assert status == 0 and code in out


HEAVY = ("pandas", "pyarrow", "narwhals", "numpy", "ruamel.yaml", "polars", "dask")


@pytest.mark.parametrize("command", [["validate"], ["lint"]])
def test_validate_and_lint_import_nothing_heavy(command: list[str]) -> None:
    script = (
        "import sys\n"
        "from datacard.cli import main\n"
        f"sys.argv = ['datacard', *{command!r}, {str(SHEET)!r}]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        f"print('HEAVY:' + ','.join(m for m in {HEAVY!r} if m in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT,
                            check=False)
    assert result.stdout.strip().splitlines()[-1] == "HEAVY:", result.stdout + result.stderr


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize("stream", [io.StringIO, _Terminal])
def test_progress_bar_only_on_a_terminal(stream: type[io.StringIO], data: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    from datacard.cli.sources import progress_bar as _progress

    err = stream()
    monkeypatch.setattr(sys, "stderr", err)
    with _progress([str(data)]) as advance:
        assert (advance is None) is (stream is io.StringIO)
        if advance is not None:
            advance(data.stat().st_size)
    assert bool(err.getvalue()) is (stream is _Terminal)


def test_profile_prints_no_progress_when_piped(data: Path) -> None:
    code, _, err = run("profile", data)
    assert code == 0 and err == ""


def test_check_uses_the_embedded_datasheet(tmp_path: Path) -> None:
    data = write(reviews(), tmp_path / "r.parquet")
    assert run("embed", BAD, data)[0] == 0
    code, out, _ = run("check", data, "--split-column", "split")
    assert code == 1
    assert f"{data}#datacard.datasheet:12:10: DC501" in out  # the embedded text's own lines


def test_profile_json(tmp_path: Path) -> None:
    data = write(reviews(mexican_rate=0.2), tmp_path / "r.csv")
    code, out, _ = run("profile", data, "--datasheet", SHEET, "--json")
    facts = json.loads(out)
    assert code == 0 and facts["rows"] == ROWS and facts["label"] == "label"
    assert facts["columns"]["posted"] == {
        "type": "date", "native": "Date", "missing": 0, "missing_share": 0.0, "distinct": ROWS,
        "distinct_exact": True, "min": "2010-01-01", "max": "2010-07-19", "lengths": None,
    }
    assert facts["sample"] is False and facts["columns"]["text"]["lengths"]["min"] == len("review number 0")
    assert facts["group_labels"]["cuisine"]["mexican"] == {"0": 48, "1": 12}
    assert facts["splits"] == {"test": ROWS - TRAIN, "train": TRAIN}


def test_a_binary_file_gives_a_printable_error(tmp_path: Path) -> None:
    path = tmp_path / "binary.csv"
    path.write_bytes(bytes(range(1, 256)) * 8 + b"\n,\n" + bytes(range(1, 32)) * 4)
    code, _, err = run("profile", path)
    assert code == 2
    message = err.strip()
    assert message.startswith("datacard: error:") and "\n" not in message
    assert all(c.isprintable() for c in message)


# An embedded datasheet is read with the limits and findings of a file (issue 14, items 3 and 4);
# `extract` prints text that decodes as it is, so only `check` loads the tagged one.
EMBEDDED = [
    ("extract", b"name: \xff\xfe bad\n", [], "DC003"),
    ("check", b"name: \xff\xfe bad\n", [], "DC003"),
    ("check", b"schema_version: 1\nname: t\ncomposition:\n  count: !!int x\n", [], "DC"),
    ("extract", SHEET.read_bytes(), ["--max-bytes", "100"], "DC002"),
    ("check", SHEET.read_bytes(), ["--max-bytes", "100"], "DC002"),
]


@pytest.mark.parametrize(("command", "content", "options", "code"), EMBEDDED,
                         ids=[f"{c[0]}-{c[3]}-{len(c[1])}" for c in EMBEDDED])
def test_an_unreadable_embedded_datasheet_is_a_finding(command: str, content: bytes, options: list[str],
                                                       code: str, tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    carrier = tmp_path / "carrier.parquet"
    pq.write_table(pa.Table.from_pandas(reviews()).replace_schema_metadata({b"datacard.datasheet": content}),
                   carrier)
    result = runner.invoke(app, [command, str(carrier), *options])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code == 1 and code in result.stdout, result.output
    assert "carrier.parquet#datacard.datasheet" in result.stdout
