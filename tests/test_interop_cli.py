"""`datacard import` and `datacard export` through the command line: files, exit codes, --force."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from datacard.cli import app
from datacard.validate import validate_file
from tests.conftest import EXAMPLES

CASES = Path(__file__).resolve().parent / "interop_cases"
SHEET = CASES / "datasheets" / "station-readings.datacard.yaml"
runner = CliRunner()


def run(*args: str | Path) -> tuple[int, str, str]:
    result = runner.invoke(app, [str(a) for a in args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def test_import_hf_writes_a_datasheet_that_validates(tmp_path: Path) -> None:
    out = tmp_path / "legacy.datacard.yaml"
    code, stdout, _ = run("import", "hf", CASES / "hf" / "legacy-placeholders.md", "-o", out)
    assert code == 1  # DC401 for the unknown key
    assert "legacy-placeholders.md:23:1: DC401" in stdout
    model, report = validate_file(out)
    assert model is not None and not report.findings
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert data["name"] == "legacy"  # from the output file name
    assert data["composition"]["languages"][1]["tag"] == "no"


def test_import_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    out = tmp_path / "x.datacard.yaml"
    out.write_text("keep me\n", encoding="utf-8")
    code, _, err = run("import", "hf", CASES / "hf" / "current-template.md", "-o", out)
    assert code == 2 and "--force" in err
    assert out.read_text(encoding="utf-8") == "keep me\n"
    code, _, _ = run("import", "hf", CASES / "hf" / "current-template.md", "-o", out, "--force")
    assert code == 1 and validate_file(out)[0] is not None


def test_import_to_stdout_keeps_findings_on_stderr() -> None:
    code, out, err = run("import", "croissant", CASES / "croissant" / "variants.json")
    assert code == 1
    assert yaml.safe_load(out)["name"] == "variant-names"
    assert "DC401" in err and "DC401" not in out


@pytest.mark.parametrize(("case", "code"), [("not-json.json", "DC405"), ("list.json", "DC406"),
                                            ("not-dataset.json", "DC406")])
def test_bad_croissant_is_a_finding_not_a_traceback(case: str, code: str, tmp_path: Path) -> None:
    out = tmp_path / "x.datacard.yaml"
    exit_code, stdout, stderr = run("import", "croissant", CASES / "croissant" / case, "-o", out)
    assert exit_code == 1 and code in stdout + stderr and "Traceback" not in stdout + stderr
    assert not out.exists()


def test_import_unreadable_and_oversized(tmp_path: Path) -> None:
    code, out, err = run("import", "croissant", tmp_path / "missing.json")
    assert code == 2 and "no such file" in err  # a path that does not exist is an input error, as everywhere
    big = tmp_path / "big.json"
    big.write_text("{}" + " " * 100, encoding="utf-8")
    code, out, err = run("import", "croissant", big, "--max-bytes", "10")
    assert code == 1 and "DC002" in out + err


def test_import_json_findings_format() -> None:
    code, out, err = run("import", "hf", CASES / "hf" / "bad-yaml.md", "--output-format", "json")
    assert code == 1
    findings = json.loads(err)["findings"]
    assert [(f["code"], f["line"]) for f in findings] == [("DC004", 4)]
    assert yaml.safe_load(out)["summary"] == "The body is still read."


@pytest.mark.parametrize("fmt", ["hf", "croissant"])
def test_export_writes_and_refuses_to_overwrite(fmt: str, tmp_path: Path) -> None:
    out = tmp_path / ("README.md" if fmt == "hf" else "metadata.json")
    code, _, err = run("export", fmt, SHEET, "-o", out)
    assert code == 0, err  # DC407 notes are information, not failures
    first = out.read_text(encoding="utf-8")
    code, _, err = run("export", fmt, SHEET, "-o", out)
    assert code == 2 and "--force" in err
    code, _, _ = run("export", fmt, SHEET, "-o", out, "--force")
    assert code == 0 and out.read_text(encoding="utf-8") == first  # deterministic


def test_export_croissant_to_stdout_is_json() -> None:
    code, out, _ = run("export", "croissant", EXAMPLES / "yelp-reviews.datacard.yaml")
    assert code == 0 and json.loads(out)["alternateName"] == "yelp-reviews"


def test_export_missing_required_fails_with_warning(tmp_path: Path) -> None:
    code, _, err = run("export", "croissant", CASES / "datasheets" / "minimal.datacard.yaml")
    assert code == 1 and "DC408" in err


def test_export_of_an_invalid_datasheet_reports_its_findings(tmp_path: Path) -> None:
    bad = tmp_path / "bad.datacard.yaml"
    bad.write_text("schema_version: 1\nname: Bad Name\n", encoding="utf-8")
    code, out, _ = run("export", "hf", bad, "-o", tmp_path / "README.md")
    assert code == 1 and "DC106" in out  # with -o, findings are the standard output, as in import
    assert not (tmp_path / "README.md").exists()


def test_import_takes_an_id_and_writes_keys_in_the_schemas_order(tmp_path: Path) -> None:
    from datacard.model import Datasheet

    card = tmp_path / "README.md"
    card.write_text("---\nlicense: mit\npretty_name: Fences\nlanguage: [en]\n---\n# Fences\n\n"
                    "## Dataset Card Contact\n\nfences@example.org\n", encoding="utf-8")
    out = tmp_path / "out.datacard.yaml"
    result = CliRunner().invoke(app, ["import", "hf", str(card), "--id", "hf:acme/fences", "-o", str(out)])
    assert result.exit_code in (0, 1), result.output
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert data["identifiers"][0] == "hf:acme/fences"
    order = list(Datasheet.model_fields)
    assert list(data) == sorted(data, key=order.index)
    bad = CliRunner().invoke(app, ["import", "hf", str(card), "--id", "acme fences"])
    assert bad.exit_code == 2 and "not an identifier" in bad.output
