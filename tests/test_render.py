"""Rendering datasheets to Markdown: golden files, escaping, gaps, determinism, the CLI."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from datacard.cli import app
from datacard.context import NEEDS, Need
from datacard.model import Datasheet
from datacard.render import filters, render_markdown
from datacard.validate import load_datasheet

GOLDEN = Path(__file__).resolve().parent / "golden"
TEMPLATES = Path(filters.__file__).resolve().parent / "templates"
NOT_DOCUMENTED = "*Not documented*"
runner = CliRunner()


def _sheet(data: dict[str, Any]) -> Datasheet:
    return Datasheet.model_validate({"schema_version": 1, "name": "demo", **data})


def _section(markdown: str, heading: str) -> str:
    """The text under a heading, up to the next heading of any level."""
    match = re.search(rf"^#+ {re.escape(heading)}\n(.*?)(?=^#+ |\Z)", markdown, re.M | re.S)
    assert match, f"no section {heading!r}"
    return match.group(1)


def _outside_code(markdown: str) -> str:
    """The page without its code blocks and code spans, whose text Markdown shows literally."""
    blocks = re.sub(r"^(`{3,})[a-z]*\n.*?^\1$", "", markdown, flags=re.M | re.S)
    return re.sub(r"(?<!\\)(`+)(?!`).*?(?<!`)\1(?!`)", "", blocks)


def _tables(markdown: str) -> list[list[str]]:
    blocks: list[list[str]] = []
    current: list[str] = []
    for line in [*markdown.splitlines(), ""]:
        if line.startswith("|"):
            current.append(line)
        elif current:
            blocks.append(current)
            current = []
    return blocks


def _cell_count(row: str) -> int:
    return len(re.findall(r"(?<!\\)\|", row)) - 1


# --- golden files -------------------------------------------------------------------------

GOLDEN_CASES = sorted(p.name[: -len(".datacard.yaml")] for p in GOLDEN.glob("*.datacard.yaml"))


@pytest.mark.parametrize("name", GOLDEN_CASES)
def test_golden(name: str) -> None:
    """Regenerate after an intended change with `python scripts/update_golden.py`."""
    datasheet, report = load_datasheet(GOLDEN / f"{name}.datacard.yaml")
    assert datasheet is not None, report.findings
    assert render_markdown(datasheet).encode("utf-8") == (GOLDEN / f"{name}.md").read_bytes()


# --- escaping -----------------------------------------------------------------------------

# (where the text goes, the hostile text, a pattern that must not appear outside code blocks)
ESCAPES: list[tuple[str, str, str]] = [
    ("title", "<script>alert(1)</script>", r"<script"),
    ("summary", "<img src=x onerror=alert(1)>", r"<img"),
    ("summary", "# Injected", r"^#+ Injected"),
    ("summary", "intro\n# Injected", r"^#+ Injected"),
    ("summary", "> Injected", r"^>"),
    ("summary", "- Injected", r"^- Injected"),
    ("summary", "1. Injected", r"^1\. Injected"),
    ("summary", "    code block", r"^    code block"),
    ("summary", "[x](javascript:alert(1))", r"(?<!\\)\]\(javascript:"),
    ("application.purpose", "<iframe src=https://e.example></iframe>", r"<iframe"),
    ("application.intended_uses", ["# Injected"], r"^(- )?#+ Injected"),
    ("application.intended_uses", ["ok\n# Injected"], r"^#+ Injected"),
    ("application.biases", [{"description": "<script>x</script>"}], r"<script"),
    ("identifiers", ["javascript:alert(1)"], r"(?<!\\)\]\(javascript:"),
    ("origin.creators", [{"name": "[a](javascript:x)", "url": "https://ok.example"}], r"(?<!\\)\]\(javascript:"),
    ("composition.splits", [{"name": "a|b", "description": "c|d\ne"}], r"a\|b"),
    ("composition.fields", [{"name": "<script>", "description": "x\n| fake | row |"}], r"<script"),
    ("composition.languages", [{"tag": "en", "description": "# h\n> q | r"}], r"^#+ h"),
    ("composition.fields", [{"name": "f", "range": {"max": "<script>|"}}], r"<script"),
    ("composition.fields", [{"name": "a|b`c", "description": "d"}], r"<script"),
    ("origin.people", {"subpopulations": [{"name": "g", "field": "x|y", "description": "d"}]}, r"<script"),
    ("composition.fields", [{"name": "f", "distribution": {"<script>|": 1}}], r"<script"),
    ("origin.people", {"subpopulations": [{"name": "g", "distribution": {"<script>|": 1}}]}, r"<script"),
]


def _put(path: str, value: Any) -> dict[str, Any]:
    data: dict[str, Any] = {}
    *parents, last = path.split(".")
    node = data
    for part in parents:
        node = node.setdefault(part, {})
    node[last] = value
    return data


@pytest.mark.parametrize(("path", "text", "forbidden"), ESCAPES)
def test_user_text_cannot_inject(path: str, text: Any, forbidden: str) -> None:
    markdown = render_markdown(_sheet(_put(path, text)))
    assert not re.search(forbidden, _outside_code(markdown), re.M | re.I)


@pytest.mark.parametrize(("path", "text", "forbidden"), ESCAPES)
def test_user_text_cannot_break_tables(path: str, text: Any, forbidden: str) -> None:
    markdown = render_markdown(_sheet(_put(path, text)))
    for table in _tables(markdown):
        assert {_cell_count(row) for row in table} == {_cell_count(table[0])}, table


def test_hostile_golden_keeps_script_only_inside_the_code_block() -> None:
    markdown = (GOLDEN / "hostile.md").read_text(encoding="utf-8")
    assert "<script>" in markdown  # the citation, shown literally in a fenced block
    assert "<script" not in _outside_code(markdown)


INLINE_CASES = [
    ("plain text", "plain text"),
    ("a | b", r"a \| b"),
    ("<b>", "&lt;b&gt;"),
    ("R&D", "R&amp;D"),
    ("# title", r"\# title"),
    ("- item", r"\- item"),
    ("+ item", r"\+ item"),
    ("2015. A year", r"2015\. A year"),
    ("1.0", "1.0"),
    ("snake_case *x*", r"snake\_case \*x\*"),
    ("[a](b)", r"\[a\](b)"),
    ("one\ntwo", "one two"),
    ("one\n\ntwo", "one<br><br>two"),
    ("`code`", r"\`code\`"),
    ("back\\slash", r"back\\slash"),
]


@pytest.mark.parametrize(("raw", "expected"), INLINE_CASES)
def test_inline_escaping(raw: str, expected: str) -> None:
    assert str(filters.inline(raw)) == expected


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.org/x", "[https://example.org/x](https://example.org/x)"),
        ("https://example.org/a_(b)", r"[https://example.org/a\_(b)](https://example.org/a_%28b%29)"),
        ("javascript:alert(1)", "javascript:alert(1)"),
        ("ftp://example.org", "ftp://example.org"),
        ("https://exa mple.org", "https://exa mple.org"),
    ],
)
def test_links_only_for_http_urls(url: str, expected: str) -> None:
    assert str(filters.link(url)) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("hf:NbAiLab/x", "[hf:NbAiLab/x](https://huggingface.co/datasets/NbAiLab/x)"),
        ("doi:10.1/x", "[doi:10.1/x](https://doi.org/10.1/x)"),
        ("arxiv:1509.01626", "[arxiv:1509.01626](https://arxiv.org/abs/1509.01626)"),
        ("javascript:alert(1)", "javascript:alert(1)"),
        ("hf:a)(b", r"[hf:a)(b](https://huggingface.co/datasets/a%29%28b)"),
        ("urn:x:y", "urn:x:y"),
    ],
)
def test_identifiers_link_through_known_resolvers(value: str, expected: str) -> None:
    assert str(filters.identifier(value)) == expected


def test_fence_is_longer_than_any_backtick_run() -> None:
    assert str(filters.fenced("a ```` b")).startswith("`````\n")


def test_every_model_field_has_a_place_in_the_templates() -> None:
    """A field added to the model must be rendered too (or this list of exceptions extended)."""
    import typing

    from pydantic import BaseModel

    templates = "".join(p.read_text(encoding="utf-8") for p in TEMPLATES.glob("*.j2"))
    filter_source = "".join(p.read_text(encoding="utf-8") for p in Path(filters.__file__).parent.glob("*.py"))
    missing: list[str] = []
    seen: set[type[BaseModel]] = set()

    def walk(model: type[BaseModel], prefix: str) -> None:
        for name, info in model.model_fields.items():
            if not re.search(rf"\.{name}\b|\[\"{name}\"\]", templates + filter_source):
                missing.append(prefix + name)
            for inner in _classes(info.annotation):
                if isinstance(inner, type) and issubclass(inner, BaseModel) and inner not in seen:
                    seen.add(inner)
                    walk(inner, f"{prefix}{name}.")

    def _classes(annotation: Any) -> list[Any]:
        args = typing.get_args(annotation)
        return [c for a in args for c in _classes(a)] if args else [annotation]

    walk(Datasheet, "")
    assert missing == []


# --- gaps and "documented as none" --------------------------------------------------------

GAP_SECTIONS = {
    "creators": "Creators", "sources": "Sources", "collection": "Collection", "timeframe": "Collection",
    "people": "People in the data", "language": "Languages", "consent": "Ethics", "purpose": "Purpose",
    "intended-uses": "Intended uses", "out-of-scope-uses": "Out-of-scope uses", "risks": "Risks and limitations",
    "sensitive": "Sensitive data", "intended-users": "Intended users", "access": "Access", "license": "Licence",
    "maintainer": "Maintenance", "annotation-process": "Annotation", "annotators": "Annotators",
}


@pytest.mark.parametrize("need", NEEDS, ids=lambda n: n.id)
def test_each_gap_is_marked_in_its_section_and_listed(need: Need) -> None:
    """Every need has a section where its gap is marked with its code, and the closing list names it."""
    data: dict[str, Any] = {"composition": {"fields": [{"name": "y", "role": "label"}]}}  # labelled
    markdown = render_markdown(_sheet(data))
    assert f"{NOT_DOCUMENTED} ({need.code})" in _section(markdown, GAP_SECTIONS[need.id])
    assert f"(`{need.field}`)" in _section(markdown, "What this datasheet does not say")


def test_languages_are_asked_for_speech() -> None:
    sheet = _sheet({"composition": {"modalities": ["audio"]}})
    assert f"{NOT_DOCUMENTED} (DC204)" in _section(render_markdown(sheet), "Languages")


NONE_STATEMENTS = [
    ({"origin": {"people": {"about_people": False, "reason": "Wind."}}}, "People in the data", "Not about people."),
    ({"origin": {"annotation": {"labelled": False, "reason": "Raw."}}}, "Annotation", "Not labelled."),
    ({"composition": {"sensitive": {"present": False, "reason": "Checked."}}}, "Sensitive data", "None known."),
    ({"composition": {"offensive": {"present": False, "reason": "Numbers."}}}, "Offensive content", "None known."),
    ({"origin": {"people": {"about_people": False, "reason": "Wind."}}}, "Ethics", "Not applicable"),
    (
        {"composition": {"modalities": ["audio"]}, "origin": {"people": {"about_people": False, "reason": "Owls."}}},
        "Languages",
        "Not applicable",
    ),
    ({"composition": {"modalities": ["image"]}}, "Languages", "Not applicable"),
]


@pytest.mark.parametrize(("data", "heading", "shown"), NONE_STATEMENTS)
def test_documented_as_none_differs_from_missing(data: dict[str, Any], heading: str, shown: str) -> None:
    section = _section(render_markdown(_sheet(data)), heading)
    assert shown in section
    assert NOT_DOCUMENTED not in section


# --- determinism --------------------------------------------------------------------------


def _reversed_keys(value: Any) -> Any:
    """Every mapping's keys reversed, except distributions, whose order is the author's."""
    if isinstance(value, dict):
        return {k: value[k] if k == "distribution" else _reversed_keys(value[k]) for k in reversed(list(value))}
    if isinstance(value, list):
        return [_reversed_keys(v) for v in value]
    return value


def test_same_input_same_bytes_whatever_the_key_order() -> None:
    sheet, _ = load_datasheet(GOLDEN / "hostile.datacard.yaml")
    assert sheet is not None
    data = sheet.model_dump(exclude_unset=True)
    first = render_markdown(Datasheet.model_validate(data))
    assert render_markdown(Datasheet.model_validate(_reversed_keys(data))) == first
    assert render_markdown(Datasheet.model_validate(data)) == first


def test_rendering_is_stable_across_processes() -> None:
    code = (
        "import sys; from datacard.validate import load_datasheet; from datacard.render import render_markdown;"
        "sys.stdout.write(render_markdown(load_datasheet(sys.argv[1])[0]))"
    )
    path = str(GOLDEN / "hostile.datacard.yaml")
    outputs = {
        subprocess.run([sys.executable, "-c", code, path], capture_output=True, text=True, check=True,
                       env={"PYTHONHASHSEED": seed, "PATH": ""}).stdout
        for seed in ("1", "2")
    }
    assert len(outputs) == 1


def test_jinja_is_imported_only_when_rendering() -> None:
    code = "import sys, datacard.cli, datacard.render; print('jinja2' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# --- the command --------------------------------------------------------------------------

INVALID = "schema_version: 1\nname: Bad Name\n"


def test_cli_prints_to_stdout() -> None:
    result = runner.invoke(app, ["render", str(GOLDEN / "minimal.datacard.yaml")])
    assert result.exit_code == 0
    assert result.stdout == (GOLDEN / "minimal.md").read_text(encoding="utf-8")


def test_cli_refuses_invalid_input_and_writes_nothing(tmp_path: Path) -> None:
    source = tmp_path / "bad.datacard.yaml"
    source.write_text(INVALID, encoding="utf-8")
    out = tmp_path / "bad.md"
    result = runner.invoke(app, ["render", str(source), "-o", str(out)])
    assert result.exit_code == 1
    assert re.search(r"bad\.datacard\.yaml:2:\d+: DC1\d\d ", result.stdout)
    assert not out.exists()


def test_cli_never_overwrites_without_force(tmp_path: Path) -> None:
    out = tmp_path / "out.md"
    out.write_text("keep me", encoding="utf-8")
    source = str(GOLDEN / "minimal.datacard.yaml")
    refused = runner.invoke(app, ["render", source, "-o", str(out)])
    assert refused.exit_code == 2
    assert out.read_text(encoding="utf-8") == "keep me"
    forced = runner.invoke(app, ["render", source, "-o", str(out), "--force"])
    assert forced.exit_code == 0
    assert out.read_bytes() == (GOLDEN / "minimal.md").read_bytes()


def test_cli_writes_a_new_file(tmp_path: Path) -> None:
    out = tmp_path / "sub" / "new.md"
    result = runner.invoke(app, ["render", str(GOLDEN / "minimal.datacard.yaml"), "-o", str(out)])
    assert result.exit_code == 0
    assert out.read_bytes() == (GOLDEN / "minimal.md").read_bytes()
    assert [p.name for p in out.parent.iterdir()] == ["new.md"]  # no temporary file left behind


@pytest.mark.parametrize(("content", "code"), [(None, 0), ("crlf", 0), ("stale\n", 1), ("", 1)])
def test_cli_check(tmp_path: Path, content: str | None, code: int) -> None:
    out = tmp_path / "out.md"
    golden = (GOLDEN / "minimal.md").read_bytes()
    # "crlf": the same Markdown as a Windows checkout with git's autocrlf holds it
    out.write_bytes(golden if content is None else golden.replace(b"\n", b"\r\n") if content == "crlf"
                    else content.encode())
    before = out.read_bytes()
    result = runner.invoke(app, ["render", str(GOLDEN / "minimal.datacard.yaml"), "-o", str(out), "--check"])
    assert result.exit_code == code
    assert out.read_bytes() == before


def test_cli_check_of_a_missing_file_fails(tmp_path: Path) -> None:
    out = tmp_path / "absent.md"
    result = runner.invoke(app, ["render", str(GOLDEN / "minimal.datacard.yaml"), "-o", str(out), "--check"])
    assert result.exit_code == 1
    assert not out.exists()


@pytest.mark.parametrize(
    "args", [["render", "no-such-file.datacard.yaml"], ["render", "GOLDEN", "--check"]]
)
def test_cli_usage_errors(args: list[str]) -> None:
    args = [str(GOLDEN / "minimal.datacard.yaml") if a == "GOLDEN" else a for a in args]
    assert runner.invoke(app, args).exit_code == 2


def test_cli_never_writes_over_its_own_input(tmp_path: Path) -> None:
    source = tmp_path / "card.md"
    text = "---\nschema_version: 1\nname: card\n---\nBody.\n"
    source.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["render", str(source), "-o", str(source), "--force"])
    assert result.exit_code == 2
    assert source.read_text(encoding="utf-8") == text


def test_cli_rejects_a_training_manifest(tmp_path: Path) -> None:
    source = tmp_path / "train.yaml"
    source.write_text(
        "schema_version: 1\nkind: training\nname: t\nmodel: {name: m}\n", encoding="utf-8"
    )
    result = runner.invoke(app, ["render", str(source)])
    assert result.exit_code == 1
