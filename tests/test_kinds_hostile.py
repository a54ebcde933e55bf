"""What a file is, decided for files written to escape or crash the decision: JSON nested past
what Python's parser follows, and cards with a byte that is not UTF-8."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from datacard.cli import app

runner = CliRunner()
CONTEXT = '{"@context": {"@vocab": "https://schema.org/", "cr": "http://mlcommons.org/croissant/"}, '
DEEP = 100_000


def _invoke(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.output


@pytest.mark.parametrize("text", [
    pytest.param("[" * DEEP + "]" * DEEP, id="deep-array"),
    pytest.param('{"a": ' * DEEP + "1" + "}" * DEEP, id="deep-object"),
    pytest.param(CONTEXT + '"@type": "sc:Dataset", "name": "x", "description": ' + "[" * DEEP + "]" * DEEP + "}",
                 id="croissant-with-a-deep-value"),
])
@pytest.mark.parametrize("command", [["validate"], ["lint"], ["coverage"], ["render"], ["import", "croissant"]],
                         ids=" ".join)
def test_json_nested_past_the_parser_is_a_finding(tmp_path: Path, text: str, command: list[str]) -> None:
    path = tmp_path / "metadata.json"
    path.write_text(text, encoding="utf-8")
    code, output = _invoke(*command, str(path))
    assert "internal error" not in output
    assert code in (1, 2) and "metadata.json" in output


def test_diff_of_json_nested_past_the_parser_is_a_finding(tmp_path: Path) -> None:
    for name in ("a.json", "b.json"):
        (tmp_path / name).write_text("[" * DEEP + "]" * DEEP, encoding="utf-8")
    code, output = _invoke("diff", str(tmp_path / "a.json"), str(tmp_path / "b.json"))
    assert code == 2 and "internal error" not in output


# A Latin-1 byte in a value made the walk take the file for no card at all: "All checks
# passed: 0 files", so one byte hid a card (and the data its model trains on) from CI.
NOT_UTF8 = [  # (id, file name, bytes, the commands whose walk reads such a file)
    ("dataset-card", "README.md", b"---\nlicense: mit\ntask_categories: [text-classification]\n"
     b"pretty_name: caf\xe9\n---\n# Dataset Card for X\n", ("validate", "lint", "coverage")),
    ("model-card", "README.md", b"---\nbase_model: x\nlibrary_name: transformers\ndatasets: [webtext]\n"
     b"model_name: caf\xe9\n---\n# Model\n", ("lint",)),
    ("markdown-datasheet", "sheet.md", b"---\nschema_version: 1\nname: caf\xe9\n---\nText.\n", ("lint",)),
    ("croissant", "metadata.json", CONTEXT.encode() + b'"@type": "sc:Dataset", "name": "caf\xe9"}',
     ("validate", "lint", "coverage")),
]


@pytest.mark.parametrize(("name", "raw", "command"), [
    pytest.param(name, raw, command, id=f"{ident}-{command}") for ident, name, raw, commands in NOT_UTF8
    for command in commands])
def test_a_card_with_a_byte_that_is_not_utf8_is_reported_not_skipped(tmp_path: Path, name: str, raw: bytes,
                                                                      command: str) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "x").mkdir()
    (tmp_path / "x" / name).write_bytes(raw)
    code, output = _invoke(command, str(tmp_path), "--isolated")
    assert "DC003" in output and code == 1, output


def test_a_site_folder_with_a_manifest_nested_past_the_parser_is_not_a_site(tmp_path: Path) -> None:
    pytest.importorskip("igraph", reason="the site needs the 'site' extra (igraph)")
    from tests.site_cases import EXAMPLES

    out = tmp_path / "site"
    out.mkdir()
    (out / ".datacard-site.json").write_text("[" * DEEP + "]" * DEEP, encoding="utf-8")
    code, output = _invoke("site", str(EXAMPLES / "yelp-reviews.datacard.yaml"), "-o", str(out))
    assert code == 2 and "not a datacard site" in output
    assert (out / ".datacard-site.json").read_text(encoding="utf-8") == "[" * DEEP + "]" * DEEP


@pytest.mark.parametrize(("value", "offset"), [("NaN", 0), ("Infinity", 0), ("-Infinity", 0), ("[1, NaN]", 4)])
@pytest.mark.parametrize("command", [["validate"], ["import", "croissant"], ["render"]], ids=" ".join)
def test_nan_and_infinity_in_croissant_are_not_json(tmp_path: Path, value: str, offset: int,
                                                    command: list[str]) -> None:
    """Python's json writer lets NaN through; read, it became the text "nan" in the summary."""
    path = tmp_path / "metadata.json"
    before = CONTEXT + '"note": "NaN", "description": '
    path.write_text(before + f'{value}, "@type": "sc:Dataset", "name": "x"}}', encoding="utf-8")
    column = len(before) + offset + 1
    code, output = _invoke(*command, str(path))
    assert code in (1, 2) and f"metadata.json:1:{column}: DC405" in output, output
    assert "summary" not in output


# A card saved with a byte order mark (Windows editors write one) was passed over by a walk, which
# judged only whether the first bytes were `---`: "0 files". UTF-8 with a mark is read as UTF-8;
# UTF-16 and UTF-32 are reported (DC003) so that the author saves it as UTF-8.
CARD = "---\nlicense: mit\ntask_categories: [text-classification]\npretty_name: Café\n---\n# Dataset Card for X\n"


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-be", "utf-32"])
@pytest.mark.parametrize("command", ["validate", "lint", "coverage"])
def test_a_card_with_a_byte_order_mark_is_read_by_a_walk(tmp_path: Path, encoding: str, command: str) -> None:
    (tmp_path / ".git").mkdir()
    raw = CARD.encode(encoding)
    if encoding == "utf-16-be":
        raw = b"\xfe\xff" + raw
    (tmp_path / "README.md").write_bytes(raw)
    code, output = _invoke(command, str(tmp_path), "--isolated")
    assert "0 files" not in output and ("1 file" in output or "README.md" in output), output
    if encoding == "utf-8-sig":
        assert "DC003" not in output and code in (0, 1), output
    else:
        assert "DC003" in output and code == 1, output
