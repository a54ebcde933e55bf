"""Hostile text through every output datacard writes (issue 14 item 5, issue 9 "one escaper").

One table of hostile strings goes through each reporter, `render`, `render --data`,
`represent`, `export hf`, `export croissant`, the rule docs and `extract`. The assertions are on
structure: what a terminal, a CI runner or a CommonMark parser (markdown-it-py) would make of the
output, compared with the same output for harmless text.
"""

from __future__ import annotations

import csv
import json
import os
import re
from collections import Counter
from pathlib import Path
from typing import Any
from urllib.parse import unquote_to_bytes

import pytest
from typer.testing import CliRunner

from datacard import codes
from datacard.cli import app
from datacard.findings import Finding, Report, Severity
from datacard.interop import export_datasheet, import_text
from datacard.interop.common import get_path
from datacard.model import Datasheet
from datacard.render import render_markdown
from datacard.render.markdown import GENERATED_MARKER
from datacard.reporters import REPORTERS, render_report
from tests.conftest import EXAMPLES
from tests.test_escape import RAW_CONTROL, headings, tokens, unsafe_nodes, walk

runner = CliRunner()

HOSTILE: dict[str, str] = {
    "controls": "a\x00b\x07c\x08d\x7fe",
    "carriage-return": "shown\rhidden",
    "osc-title": "\x1b]0;pwn\x07",
    "clear-screen": "\x1b[2J\x1b[H",
    "c1-csi": "\x9b31mred",
    "bidi-override": "abc\u202edcba\u202c",
    "line-separator": "one\u2028two",
    "workflow-command": "x\n::error file=pwn.py::X",
    "workflow-v1": "##[error]pwn",
    "script": "<script>alert(1)</script>",
    "img-onerror": "<img src=x onerror=alert(1)>",
    "javascript-link": "[a](javascript:alert(1))",
    "javascript-image": "![x](javascript:alert(1))",
    "entity-link": "[a](&#106;avascript:alert(1))",
    "data-link": "[a](data:text/html;base64,PHNjcmlwdD4=)",
    "autolink": "<javascript:alert(1)>",
    "reference": "[More Information Needed]\n\n[More Information Needed]: javascript:alert(1)",
    "heading": "\n## Uses",
    "setext": "text\n===",
    "setext-dash": "text\n---",
    "table": "| a | b |\n|---|---|\n| c | d |",
    "fence": "```\nunclosed",
    "tilde-fence": "~~~\nunclosed",
    "html-comment": "<!-- hidden",
    "entities": "&lt;script&gt; &amp; &#x3C;b&#x3E;",
    "list-and-quote": "- item\n> quote\n1. one",
}
CASES = pytest.mark.parametrize("text", list(HOSTILE.values()), ids=list(HOSTILE))
HARMLESS = "harmless words"


def _plain(text: str) -> bool:
    """Text that survives a trip through a document exactly (controls come back shown)."""
    return not RAW_CONTROL.search(text) and "\r" not in text


PLAIN_CASES = pytest.mark.parametrize("text", [t for t in HOSTILE.values() if _plain(t)],
                                      ids=[k for k, t in HOSTILE.items() if _plain(t)])


def _normal(value: Any) -> Any:
    """Text as a card keeps it: without surrounding blank lines and spaces."""
    if isinstance(value, list):
        return [_normal(v) for v in value]
    return value.strip() if isinstance(value, str) else value


def _invoke(*args: object) -> Any:
    result = runner.invoke(app, [str(a) for a in args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


# --- reporters --------------------------------------------------------------------------------

def _report(text: str) -> Report:
    path = f"data/{text}.datacard.yaml"
    report = Report(files=[path, text])
    report.add(Finding("DC101", Severity.ERROR, path, 3, 2, f"unknown key {text!r}: {text}"))
    report.add(Finding("DC203", Severity.WARNING, text, 0, 0, text))  # a path at the start of a line
    return report


def _runner_lines(output: str) -> list[str]:
    """Lines as the GitHub Actions runner reads them (it splits on \\r too), trimmed as it does."""
    return [line.lstrip() for line in re.split(r"\r\n|\r|\n", output)]


@CASES
@pytest.mark.parametrize("fmt", ["concise", "full"])
def test_text_reporters_print_one_safe_line_per_finding(fmt: str, text: str) -> None:
    output = render_report(_report(text), fmt)
    assert not RAW_CONTROL.search(output)
    assert not [line for line in _runner_lines(output) if line.startswith("::") or "##[" in line]
    finding_lines = [line for line in output.splitlines() if ": DC" in line]
    assert len(finding_lines) == 2  # no message or path spilled onto a line of its own


@CASES
def test_github_reporter_escapes_as_github_documents(text: str) -> None:
    output = render_report(_report(text), "github")
    lines = output.splitlines()
    assert len(lines) == 2 and all(re.match(r"::(error|warning) file=", line) for line in lines)
    assert not RAW_CONTROL.search(output) and "\r" not in output
    # The runner splits properties on `,` and unescapes %0A, %3A...: the file is the one reported.
    command = re.match(r"::error ([^:]*)::", next(line for line in lines if line.startswith("::error")))
    assert command is not None
    props = dict(p.split("=", 1) for p in command.group(1).split(","))
    unescaped = props["file"].replace("%0D", "\r").replace("%0A", "\n").replace("%3A", ":").replace(
        "%2C", ",").replace("%25", "%")
    assert unescaped == f"data/{text}.datacard.yaml" or RAW_CONTROL.search(text) or "\r" in text


@CASES
@pytest.mark.parametrize("fmt", ["json", "sarif"])
def test_json_reporters_keep_the_text_exactly(fmt: str, text: str) -> None:
    output = render_report(_report(text), fmt)
    assert not RAW_CONTROL.search(output)
    doc = json.loads(output)
    messages = ([f["message"] for f in doc["findings"]] if fmt == "json"
                else [r["message"]["text"] for r in doc["runs"][0]["results"]])
    assert text in messages


def test_sarif_uri_keeps_the_bytes_of_a_name_that_is_not_utf8() -> None:
    name = os.fsdecode(b"data/caf\xe9 #1.datacard.yaml")  # Latin-1: not UTF-8
    report = Report(files=[name])
    report.add(Finding("DC101", Severity.ERROR, name, 1, 1, "x"))
    for fmt in REPORTERS:
        render_report(report, fmt).encode("utf-8")  # no reporter crashes or prints a surrogate
    uri = json.loads(render_report(report, "sarif"))["runs"][0]["results"][0]["locations"][0][
        "physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "data/caf%E9%20%231.datacard.yaml" and unquote_to_bytes(uri) == os.fsencode(name)


_EVIL_NAME = "evil\n::error file=pwn.py::X.datacard.yaml"


@pytest.mark.skipif(os.name == "nt", reason="Windows file names cannot hold a newline")
@pytest.mark.parametrize("fmt", ["concise", "full", "github", "json", "sarif"])
def test_validate_a_hostile_file_name(fmt: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The reproducer of issue 14: a committed file whose name holds a workflow command."""
    for name in (_EVIL_NAME, "::warning::y.datacard.yaml", os.fsdecode(b"caf\xe9.datacard.yaml")):
        (tmp_path / name).write_text("schema_version: 1\nname: x\nbogus: 1\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = _invoke("validate", "--output-format", fmt, ".")
    assert result.exit_code == 1
    output = result.stdout
    assert not RAW_CONTROL.search(output)
    lines = _runner_lines(output)
    if fmt == "github":
        assert len([line for line in lines if line]) == 3
        assert all(line.startswith("::error file=") for line in lines if line)
    else:
        assert not [line for line in lines if line.startswith("::") or "##[" in line]


# --- render -----------------------------------------------------------------------------------

def _sheet(text: str) -> Datasheet:
    """A datasheet with ``text`` in every kind of place: title, prose, lists, tables, links."""
    return Datasheet.model_validate({
        "schema_version": 1, "name": "hostile", "title": text, "summary": text, "citation": text,
        "keywords": [text],
        "origin": {"creators": [{"name": text, "url": "https://example.org/c"}],
                   "collection": {"description": text}},
        "composition": {"fields": [{"name": text, "description": text, "distribution": {text: 1}}],
                        "splits": [{"name": text, "count": 3, "description": text}],
                        "languages": [{"tag": "en", "description": text}]},
        "application": {"purpose": text, "intended_uses": [text], "out_of_scope_uses": [text],
                        "biases": [{"description": text, "mitigation": text}]},
        "audience": {"license": {"id": "other", "name": text, "url": "https://example.org/l"},
                     "access": {"type": "gated", "conditions": text}, "intended_users": [text]},
    })


# Token types that literal text may produce: paragraphs of plain text, and the <br> that stands
# for a paragraph break inside a list item or a cell.
_TEXT_TOKENS = {"paragraph_open", "paragraph_close", "inline", "text", "softbreak", "html_inline"}


def _structure(markdown: str) -> Counter[str]:
    return Counter(t.type for t in walk(tokens(markdown)[0]) if t.type not in _TEXT_TOKENS)


@CASES
def test_render_structure_does_not_depend_on_user_text(text: str) -> None:
    # Text that is only a template prompt (such as `<describe the data>`) would be a gap to render
    # as to lint; it is compared with a harmless placeholder, not with an answer.
    from datacard.context import placeholder

    same_kind = HARMLESS if placeholder(text) is None else "<describe the data>"
    page, harmless = render_markdown(_sheet(text)), render_markdown(_sheet(same_kind))
    assert _structure(page) == _structure(harmless)
    assert len(headings(page)) == len(headings(harmless)) and headings(page)[1:] == headings(harmless)[1:]
    # The one HTML on the page is datacard's own first line, the generated-file marker.
    marker, _, rest = page.partition("\n")
    assert marker == GENERATED_MARKER and not unsafe_nodes(rest)
    assert all(t.content in ("<br>",) for t in walk(tokens(page)[0]) if t.type == "html_inline")
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f]", page)


def _write_groups(path: Path, groups: list[str]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["text", "label", "cuisine"])
        for group in groups:
            for i in range(40):
                writer.writerow([f"review {i}", 4 if i % 2 else 0, group])


def test_render_data_and_represent_escape_data_values(tmp_path: Path) -> None:
    groups = [t for t in HOSTILE.values() if "\x00" not in t]
    data = tmp_path / "reviews.csv"
    _write_groups(data, groups)
    sheet = EXAMPLES / "yelp-reviews.datacard.yaml"
    rendered = _invoke("render", sheet, "--data", data)
    table = _invoke("represent", data, "--datasheet", sheet)
    assert rendered.exit_code == 0 and table.exit_code == 0, rendered.output + table.output
    assert headings(rendered.stdout)[-1] == "Representation in the data"
    section = rendered.stdout.split("## Representation in the data\n", 1)[1]
    for output in (section, table.stdout):
        assert not RAW_CONTROL.search(output) and not unsafe_nodes(output)
        rows = [t for t in walk(tokens(output)[0]) if t.type == "tr_open"]
        assert len(rows) == 1 + len(groups)  # one row per group: no value ended or added a row


# --- export hf --------------------------------------------------------------------------------

@CASES
def test_hf_card_structure_does_not_depend_on_user_text(text: str) -> None:
    card = export_datasheet("hf", _sheet(text)).text
    harmless = export_datasheet("hf", _sheet(HARMLESS)).text
    body, harmless_body = card.split("\n---\n", 1)[1], harmless.split("\n---\n", 1)[1]
    assert headings(body)[1:] == headings(harmless_body)[1:]
    assert headings(body)[0].startswith("Dataset Card for ")
    assert not unsafe_nodes(body)
    kinds = [t.type for t in tokens(body)[0]]
    assert kinds.count("fence") == 1  # the citation's own block, whatever it holds
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f]", card)


@PLAIN_CASES
def test_hf_card_reads_back_what_the_datasheet_said(text: str) -> None:
    original = _sheet(text)
    back = import_text("hf", export_datasheet("hf", original).text, "README.md", name="hostile")
    assert back.datasheet is not None, back.report().codes()
    before = original.model_dump(mode="json", exclude_none=True)
    after = back.datasheet.model_dump(mode="json", exclude_none=True)
    for path in ("summary", "citation", "application.purpose", "application.intended_uses",
                 "application.biases[].description", "audience.access.conditions"):
        assert _normal(get_path(after, path)) == _normal(get_path(before, path)), path


# --- export croissant -------------------------------------------------------------------------

@CASES
def test_croissant_description_is_inert_and_reads_back(text: str) -> None:
    original = _sheet(text)
    output = export_datasheet("croissant", original).text
    assert not RAW_CONTROL.search(output)
    doc = json.loads(output)
    assert not unsafe_nodes(doc["description"])
    assert doc["name"] == text  # the title, as plain JSON text: exact
    if _plain(text):
        back = import_text("croissant", output, "metadata.json")
        assert back.datasheet is not None and back.datasheet.summary == text.strip()


# --- rule docs --------------------------------------------------------------------------------

@CASES
def test_rule_docs_table_keeps_its_cells(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from datacard.lint import docs

    hostile = codes.Code("DC999", text, Severity.ERROR, text, "Explanation.")
    monkeypatch.setattr(codes, "all_codes", lambda: [hostile])
    page = docs.rules_markdown()
    rows = [t for t in walk(tokens(page)[0]) if t.type == "tr_open"]
    cells = [t for t in walk(tokens(page)[0]) if t.type == "td_open"]
    assert len(rows) == 2 and len(cells) == 5  # header and one row of five cells


# --- printed output: extract, export, errors ----------------------------------------------------

def _parquet_carrying(text: str, path: Path) -> Path:
    """A Parquet file whose footer holds ``text`` as its datasheet, as a hostile file might."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from datacard.data.parquet import METADATA_KEY

    table = pa.table({"x": [1, 2]})
    pq.write_table(table.replace_schema_metadata({METADATA_KEY: text.encode("utf-8")}), path)
    return path


@pytest.mark.parametrize("text", [HOSTILE[k] for k in ("osc-title", "clear-screen", "c1-csi", "bidi-override",
                                                       "carriage-return")],
                         ids=["osc-title", "clear-screen", "c1-csi", "bidi-override", "carriage-return"])
def test_extract_prints_no_control_sequence_but_writes_the_text(text: str, tmp_path: Path) -> None:
    sheet = f"schema_version: 1\nname: x\nsummary: \"{text}\"\n"
    data = _parquet_carrying(sheet, tmp_path / "d.parquet")
    printed = _invoke("extract", data)
    assert printed.exit_code == 0 and not RAW_CONTROL.search(printed.stdout)
    assert "\r" not in printed.stdout.replace("\r\n", "")
    # Raw C0/C1 controls are not YAML: written to a file the text would not load, so it is refused;
    # a bidi override or a carriage return is YAML, and the file gets the text exactly.
    from datacard.load import load_text

    out = tmp_path / "out.datacard.yaml"
    loads = load_text(sheet, "x.datacard.yaml").ok
    assert _invoke("extract", data, "-o", out).exit_code == (0 if loads else 2)
    assert out.exists() == loads and (not loads or out.read_bytes() == sheet.encode("utf-8"))
    out.unlink(missing_ok=True)
    # Written as YAML escapes, the same controls load; a file gets that text exactly.
    escaped = "".join(c if c.isprintable() or c in "\n" else f"\\x{ord(c):02x}" if ord(c) < 256
                      else f"\\u{ord(c):04x}" for c in sheet)
    data = _parquet_carrying(escaped, tmp_path / "e.parquet")
    assert _invoke("extract", data, "-o", out).exit_code == 0
    assert out.read_bytes() == escaped.encode("utf-8")


@pytest.mark.parametrize("fmt", ["hf", "croissant"])
def test_export_prints_no_control_sequence(fmt: str, tmp_path: Path) -> None:
    sheet = tmp_path / "x.datacard.yaml"
    sheet.write_text('schema_version: 1\nname: x\ntitle: "\\e]0;pwn\\a \\u202e"\nsummary: "\\e[2J"\n',
                     encoding="utf-8")
    result = _invoke("export", fmt, sheet)
    assert "\x1b" not in result.stdout and not RAW_CONTROL.search(result.stdout)


@pytest.mark.skipif(os.name == "nt", reason="Windows file names cannot hold controls")
@pytest.mark.parametrize("fmt", ["table", "json"])
def test_coverage_prints_file_names_safely(fmt: str, tmp_path: Path) -> None:
    (tmp_path / "\x1b]0;pwn\x07.datacard.yaml").write_text("schema_version: 1\nname: x\n", encoding="utf-8")
    result = _invoke("coverage", "--output-format", fmt, "--fail-under", "100", tmp_path)
    assert result.exit_code == 1 and "\\x1b" in result.stdout + result.stderr
    assert not RAW_CONTROL.search(result.stdout + result.stderr)


def test_errors_quoting_data_print_no_control_sequence(tmp_path: Path) -> None:
    data = tmp_path / "d.csv"
    data.write_text('"\x1b]0;pwn\x07",label\n1,0\n', encoding="utf-8")
    result = _invoke("represent", data, "--subgroup", "nope")
    assert result.exit_code == 2 and "\x1b" not in result.stderr and "\\x1b" in result.stderr
