"""The rendered page reads as a document: labels, numbers, tables, statements, placeholders shown
as gaps, contents, the citation and the example instance; and `render -o` replaces only its own
output without --force."""

from __future__ import annotations

import enum
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError
from typer.testing import CliRunner

from datacard.cli import app
from datacard.model import Datasheet, enums
from datacard.render import filters, render_markdown
from datacard.render.contents import LONG, anchor, headings
from datacard.render.markdown import GENERATED_MARKER
from tests.test_render import _section, _sheet
from tests.test_verdict import ANSWER, PLACEHOLDERS, _datasheet

GOLDEN = Path(__file__).resolve().parent / "golden"
runner = CliRunner()


def _table(section: str) -> list[str]:
    return [line for line in section.splitlines() if line.startswith("|")]


# --- the one table of labels --------------------------------------------------------------------

VOCABULARIES = [c for c in vars(enums).values()
                if isinstance(c, type) and issubclass(c, enums._Choice) and c is not enums._Choice]


@pytest.mark.parametrize("vocabulary", VOCABULARIES, ids=lambda c: c.__name__)
def test_every_value_of_every_vocabulary_has_a_label(vocabulary: type[enum.Enum]) -> None:
    assert set(enums.LABELS[vocabulary]) == {m.value for m in vocabulary}
    assert all(enums.label(m).strip() for m in vocabulary)


def test_the_table_names_only_vocabularies_of_the_model() -> None:
    assert set(enums.LABELS) == set(VOCABULARIES)


def test_labels_are_what_render_rule_and_the_field_reference_show() -> None:
    from datacard import codes
    from datacard.fieldref import field_reference
    from datacard.lint.docs import explain

    value = enums.ReviewStatus.NOT_SOUGHT
    page = render_markdown(_sheet({"origin": {"ethics": {"review": {"status": value.value}}}}))
    assert "- **Ethics review:** Not sought" in page
    assert "not-sought" not in page
    assert re.search(r"not-sought +not sought", explain(codes.BAD_ENUM))
    assert "`not-sought` (not sought)" in field_reference()


# --- numbers, sizes, shares ---------------------------------------------------------------------

@pytest.mark.parametrize(("value", "shown"), [
    (0, "0 bytes"), (1, "1 byte"), (999, "999 bytes"), (1000, "1.0 kB (1,000 bytes)"),
    (521_082_742, "521.1 MB (521,082,742 bytes)"), (999_999, "1.0 MB (999,999 bytes)"),
    (3_865_470_566, "3.9 GB (3,865,470,566 bytes)"), (2**63 - 1, "9.2 EB (9,223,372,036,854,775,807 bytes)"),
])
def test_sizes_in_units_with_the_exact_count(value: int, shown: str) -> None:
    assert filters.size(value) == shown


@pytest.mark.parametrize(("value", "shown"), [
    (0.41, "41%"), (0.413, "41.3%"), (0.07143, "7.1%"), (0.001234, "0.12%"), (1.0, "100%"), (0.0, "0%"),
    (3, "3"), (12480, "12,480"), (1.5, "1.5"),
])
def test_shares_as_percentages_and_counts_as_numbers(value: float, shown: str) -> None:
    assert filters.share(value) == shown


def test_counts_have_thousands_separators_everywhere() -> None:
    page = render_markdown(_sheet({"composition": {
        "count": 700000, "size_bytes": 521082742,
        "splits": [{"name": "train", "count": 650000}, {"name": "test", "count": 50000}],
        "fields": [{"name": "c", "distribution": {"a": 12345}}],
    }}))
    assert "- **Instances:** 700,000" in page
    assert "| Size | 521.1 MB (521,082,742 bytes) |" in page
    assert "| train | 650,000 | 92.9% |" in page
    assert "a: 12,345" in page
    assert not re.search(r"\b(700000|650000|521082742|12345)\b", page)


# --- tables without empty columns ---------------------------------------------------------------

def test_a_column_no_row_fills_is_dropped() -> None:
    page = render_markdown(_sheet({"composition": {"fields": [
        {"name": "text", "type": "string"}, {"name": "label", "type": "category"}]}}))
    table = _table(_section(page, "Fields"))
    assert table[0] == "| Field | Type |"
    assert all(row.count("|") == 3 for row in table)


def test_a_column_one_row_fills_stays() -> None:
    page = render_markdown(_sheet({"composition": {"fields": [
        {"name": "text"}, {"name": "label", "values": ["0", "1"]}]}}))
    table = _table(_section(page, "Fields"))
    assert table[0] == "| Field | Values |"
    assert table[2] == "| `text` |  |"


# --- flags as statements ------------------------------------------------------------------------

STATEMENTS = [
    ({"origin": {"preprocessing": {"raw_data_retained": True}}}, "Preprocessing", "The raw data was kept."),
    ({"origin": {"preprocessing": {"raw_data_retained": False}}}, "Preprocessing", "The raw data was not kept."),
    ({"origin": {"people": {"about_people": True, "identifiable": True}}}, "People in the data",
     "Individuals can be identified in the data."),
    ({"origin": {"people": {"about_people": True, "identifiable": False}}}, "People in the data",
     "Individuals cannot be identified in the data."),
    ({"composition": {"sample": {"is_sample": True}}}, "Composition", "The data is a sample of a larger set."),
    ({"composition": {"sensitive": {"present": True, "handling": "Names were removed by hand."}}},
     "Sensitive data", "The data contains personal or sensitive information."),
]


@pytest.mark.parametrize(("data", "heading", "statement"), STATEMENTS)
def test_flags_read_as_statements(data: dict[str, Any], heading: str, statement: str) -> None:
    section = _section(render_markdown(_sheet(data)), heading)
    assert f"- {statement}" in section
    assert not re.search(r"\*\* (yes|no)$", section, re.M)


# --- placeholders are gaps ----------------------------------------------------------------------

@pytest.mark.parametrize("text", [p for p in PLACEHOLDERS if p])
def test_a_placeholder_outside_the_context_is_a_gap_in_place_and_at_the_end(text: str) -> None:
    page = render_markdown(_sheet({"origin": {"collection": {"criteria": text}}}))
    shown = str(filters.literal(filters.filler(text)))
    assert f'- **Criteria:** *Not answered: holds only "{shown}"* (DC207)' in page
    closing = _section(page, "What this datasheet does not say")
    assert f'- `origin.collection.criteria`: "{shown}"' in closing


def test_an_answer_is_not_marked() -> None:
    page = render_markdown(_sheet({"origin": {"collection": {"criteria": "Every review posted in 2015."}}}))
    assert "Not answered" not in page and "DC207" not in page


def test_the_dataset_name_is_never_judged() -> None:
    page = render_markdown(_sheet({"name": "tbd"}))
    assert "# tbd" in page and "Not answered" not in page


def _placeholder_marks(markdown: str) -> tuple[int, int]:
    body, _, closing = markdown.partition("\n## What this datasheet does not say\n")
    listed = len(re.findall(r"^- `[^`]+`: \"", closing, re.M))
    return body.count("*Not answered: holds only"), listed


# Places outside the context needs, each left out, answered or holding a placeholder.
ELSEWHERE = ["title", "version", "origin.collection.criteria", "origin.people.reason", "origin.ethics.review.board",
             "composition.sample.population", "composition.label", "audience.terms_of_use",
             "audience.maintenance.update_plan", "application.recommendations"]


def _with(data: dict[str, Any], texts: list[Any]) -> dict[str, Any]:
    out = {**data}
    for where, text in zip(ELSEWHERE, texts, strict=True):
        if text is None:
            continue
        *parents, last = where.split(".")
        node = out
        for part in parents:
            node[part] = dict(node.get(part) or {})
            node = node[part]
        node[last] = text
    return out


@st.composite
def _drafts(draw: st.DrawFn) -> dict[str, Any]:
    texts = draw(st.lists(st.sampled_from([None, ANSWER, *PLACEHOLDERS]), min_size=len(ELSEWHERE),
                          max_size=len(ELSEWHERE)))
    return _with(draw(_datasheet()), texts)


@settings(max_examples=120, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.filter_too_much, HealthCheck.too_slow])
@given(data=_drafts())
def test_each_placeholder_marked_in_place_is_listed_once(data: dict[str, Any]) -> None:
    """The generated datasheets of the verdict test: every placeholder the page marks DC207 in
    place has its line at the end, and no other (context gaps are counted there apart)."""
    try:
        model = Datasheet.model_validate(data)
    except ValidationError:
        assume(False)
        raise
    marked, listed = _placeholder_marks(render_markdown(model))
    assert marked == listed


# --- contents, citation, instance ---------------------------------------------------------------

def test_a_long_page_opens_with_contents_that_link_every_section() -> None:
    page = (GOLDEN.parent.parent / "examples" / "yelp-reviews.md").read_text(encoding="utf-8")
    assert page.count("\n") > LONG
    contents = _section(page, "Contents")
    anchors = {a for _, _, a in headings(page)}
    links = re.findall(r"\]\(#([^)]+)\)", contents)
    assert links and set(links) <= anchors
    listed = [a for level, _, a in headings(page) if level in (2, 3) and a != "contents"]
    assert links == listed


def test_a_short_page_has_no_contents() -> None:
    page = render_markdown(_sheet({"title": "Short"}))
    assert page.count("\n") <= LONG and "## Contents" not in page


@pytest.mark.parametrize(("heading", "expected"), [
    ("Out-of-scope uses", "out-of-scope-uses"),
    ("What this datasheet does not say", "what-this-datasheet-does-not-say"),
    ("Speakers' intended audience", "speakers-intended-audience"), (r"a\_b \*c\*", "a_b-c"),
])
def test_anchors_as_github_makes_them(heading: str, expected: str) -> None:
    assert anchor(heading) == expected


def test_a_title_that_repeats_a_section_heading_shifts_its_anchor() -> None:
    page = render_markdown(_sheet({"title": "Origin", "summary": "x " * 300,
                                   "application": {"intended_uses": [f"use {i}" for i in range(160)]}}))
    contents = _section(page, "Contents")
    assert "- [Origin](#origin-1)" in contents


@pytest.mark.parametrize(("citation", "info"), [
    ("@inproceedings{x,\n  title = {T}\n}", "bibtex"),
    ("Doe, J. (2020). The data.", "text"),
])
def test_the_citation_is_a_fenced_block_to_copy(citation: str, info: str) -> None:
    page = render_markdown(_sheet({"citation": citation}))
    assert f"```{info}\n{citation}\n```" in _section(page, "Citation")


def test_the_example_instance_stays_a_code_block() -> None:
    instance = 'One review.\n\n```json\n{"text": "Great <b>tacos</b>", "label": 4}\n```\n\n# not a heading'
    page = render_markdown(_sheet({"composition": {"instance": instance}}))
    section = _section(page, "Instances")
    assert '```json\n{"text": "Great <b>tacos</b>", "label": 4}\n```' in section
    assert "\\# not a heading" in section


def test_an_instance_cannot_close_its_code_block_early() -> None:
    instance = "````\n```\n# Injected\n````"
    page = render_markdown(_sheet({"composition": {"instance": instance}}))
    assert not re.search(r"^# Injected", re.sub(r"^(`{3,})\n.*?^\1$", "", page, flags=re.M | re.S), re.M)


# --- re-rendering -------------------------------------------------------------------------------

def _render(*args: str) -> Any:
    return runner.invoke(app, ["render", str(GOLDEN / "minimal.datacard.yaml"), *args])


def test_the_page_starts_with_the_generated_marker() -> None:
    assert render_markdown(_sheet({})).splitlines()[0] == GENERATED_MARKER


@pytest.mark.parametrize("line_end", ["\n", "\r\n"])
def test_render_replaces_its_own_output_without_force(tmp_path: Path, line_end: str) -> None:
    out = tmp_path / "page.md"
    out.write_text(f"{GENERATED_MARKER}{line_end}stale{line_end}", encoding="utf-8", newline="")
    result = _render("-o", str(out))
    assert result.exit_code == 0, result.output
    assert out.read_bytes() == (GOLDEN / "minimal.md").read_bytes()


@pytest.mark.parametrize("content", [
    "hand-written\n", "\n" + GENERATED_MARKER + "\n", GENERATED_MARKER.replace("datacard", "datacart") + "\n",
    " " + GENERATED_MARKER + "\n", "",
])
def test_render_never_replaces_another_file_without_force(tmp_path: Path, content: str) -> None:
    out = tmp_path / "page.md"
    out.write_text(content, encoding="utf-8")
    result = _render("-o", str(out))
    assert result.exit_code == 2
    assert "--force" in result.stderr
    assert out.read_text(encoding="utf-8") == content


def test_render_replaces_its_own_output_through_a_link(tmp_path: Path) -> None:
    real = tmp_path / "real.md"
    real.write_text(GENERATED_MARKER + "\nold\n", encoding="utf-8")
    link = tmp_path / "link.md"
    link.symlink_to(real)
    assert _render("-o", str(link)).exit_code == 0
    assert link.is_symlink() and real.read_bytes() == (GOLDEN / "minimal.md").read_bytes()


def test_check_suggests_force_only_for_a_file_render_did_not_write(tmp_path: Path) -> None:
    mine, theirs = tmp_path / "mine.md", tmp_path / "theirs.md"
    mine.write_text(GENERATED_MARKER + "\nold\n", encoding="utf-8")
    theirs.write_text("notes\n", encoding="utf-8")
    assert "--force" not in _render("-o", str(mine), "--check").stdout
    assert "--force" in _render("-o", str(theirs), "--check").stdout


def test_quiet_render_writes_without_a_note(tmp_path: Path) -> None:
    out = tmp_path / "page.md"
    loud, quiet = _render("-o", str(out)), _render("-o", str(out), "-q")
    assert loud.stderr.startswith("wrote ") and quiet.exit_code == 0 and quiet.stderr == ""


def test_the_golden_pages_are_current_by_the_documented_command() -> None:
    import subprocess
    import sys

    root = GOLDEN.parent.parent
    done = subprocess.run([sys.executable, str(root / "scripts" / "update_golden.py"), "--check"],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout
