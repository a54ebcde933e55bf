"""One verdict: lint, coverage and render agree on which context a datasheet leaves out.

Datasheets are generated field by field: each place that can answer a context need is absent,
empty, a placeholder, an answer or (where the schema allows) an explicit "no"; the facts that
decide the conditions (modalities, whether the data is about people, labels) vary too. For every
generated datasheet, the needs that `datacard lint` reports (DC201-DC206), that `coverage`
counts missing in its `context` standard, and that `render` marks "Not documented" and lists in
its closing section must be the same set: the one :func:`datacard.context.gaps` gives.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from datacard.context import NEEDS, Location, answers, gaps, placeholder
from datacard.interop.coverage import coverage
from datacard.lint.engine import lint_paths
from datacard.load import dump_yaml as dump_yaml_text
from datacard.model import Datasheet
from datacard.project import resolve_project
from datacard.render import render_markdown

BY_FIELD = {need.field: need.id for need in NEEDS}
CONTEXT_CODES = {need.code for need in NEEDS}
PLACEHOLDERS = ["TBD", "[More Information Needed]", "Coming soon.", "N/A", "[Optional]",
                "List the people involved in collecting the dataset and their affiliation(s).", ""]
ANSWER = "A sentence that answers the question in plain words."


def _text() -> st.SearchStrategy[Any]:
    """An answer about half the time; otherwise absent, empty or one of the placeholders."""
    return st.sampled_from([ANSWER] * 7 + [None, *PLACEHOLDERS])


def _often(value: st.SearchStrategy[Any], *others: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """``value`` three times in four, else one of ``others`` (sampled_from spreads evenly; one_of
    of repeated strategies does not)."""
    choices = [value] * (3 * max(1, len(others))) + list(others)
    return st.sampled_from(range(len(choices))).flatmap(lambda i: choices[i])


def _items(item: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return _often(st.lists(item, min_size=1, max_size=2), st.none(), st.just([]))


def _mapping(**fields: st.SearchStrategy[Any]) -> st.SearchStrategy[dict[str, Any] | None]:
    """A mapping of the given fields, with absent (None) ones left out; sometimes no mapping."""
    return _often(st.fixed_dictionaries(fields).map(lambda d: {k: v for k, v in d.items() if v is not None}),
                  st.none())


def _people() -> st.SearchStrategy[dict[str, Any] | None]:
    not_about = st.just({"about_people": False, "reason": "Recorders stood in closed reserves."})
    described = _mapping(
        about_people=st.sampled_from([None, True]),
        subjects=_items(st.sampled_from(["people", "natural-phenomena", "unknown", "synthetic"])),
        description=_text(),
        speakers=_mapping(description=_text()),
        subpopulations=_items(st.just({"name": "region", "distribution": {"north": 0.5, "south": 0.5}})),
    )
    return _often(described, st.none(), not_about)


def _annotation() -> st.SearchStrategy[dict[str, Any] | None]:
    unlabelled = st.just({"labelled": False, "reason": "Raw sensor readings."})
    labelled = _mapping(
        labelled=st.sampled_from([None, True]),
        process=_text(),
        creators=_items(st.sampled_from(["crowdsourced", "expert-generated"])),
        annotators=_mapping(description=_text()),
        labels=_items(st.sampled_from(["positive", "negative"])),
    )
    return _often(labelled, st.none(), unlabelled)


def _sensitive() -> st.SearchStrategy[dict[str, Any] | None]:
    absent = st.just({"present": False, "reason": "Names were removed and the text screened."})
    present = _mapping(present=st.sampled_from([None, True]), handling=_text())
    return _often(present, st.none(), absent)


def _datasheet() -> st.SearchStrategy[dict[str, Any]]:
    timeframe = _mapping(start=st.sampled_from([None, 2019]), description=_text())
    origin = _mapping(
        creators=_items(st.builds(lambda n: {"name": n}, st.sampled_from(["Example Lab", "Example Lab", "TBD"]))),
        sources=_items(st.builds(lambda n: {"name": n}, st.sampled_from(["Review site", "[Optional]"]))),
        collection=_mapping(methods=_items(st.just("web-scraping")), description=_text(),
                            timeframe=timeframe, content_timeframe=timeframe),
        annotation=_annotation(),
        people=_people(),
        ethics=_mapping(consent=_mapping(status=st.sampled_from([None, "explicit"]), description=_text()),
                        review=_mapping(status=st.sampled_from([None, "exempt"]))),
    )
    composition = _mapping(
        modalities=_items(st.sampled_from(["text", "image", "audio", "tabular", "video"])),
        languages=_items(st.just({"tag": "en"})),
        label=_text(),
        fields=_items(st.builds(lambda r: {"name": "y", "role": r}, st.sampled_from(["label", "feature"]))),
        sensitive=_sensitive(),
    )
    risk = st.builds(lambda d: {"description": d}, st.sampled_from([ANSWER, "TBD", "<describe>"]))
    application = _mapping(purpose=_text(), intended_uses=_items(_text().filter(bool)),
                           tasks=_items(st.just("text-classification")), out_of_scope_uses=_items(_text().filter(bool)),
                           biases=_items(risk), limitations=_items(risk))
    audience = _mapping(
        intended_users=_items(st.sampled_from(["NLP researchers", "TBD"])),
        access=_mapping(type=st.sampled_from([None, "open"]), conditions=_text()),
        license=_often(st.just({"id": "MIT"}), st.none()),
        maintenance=_mapping(maintainers=_items(st.just({"name": "Example Lab"})), contact=_text()),
    )
    parts = st.fixed_dictionaries({"origin": origin, "composition": composition, "application": application,
                                   "audience": audience})
    return parts.map(lambda d: {"schema_version": 1, "name": "generated",
                                **{k: v for k, v in d.items() if v is not None}})


def _lint_gaps(path: Path) -> set[str]:
    report = lint_paths(resolve_project([str(path)], isolated=True))
    return {BY_FIELD[f.field] for f in report.findings if f.code in CONTEXT_CODES and f.field in BY_FIELD}


def _render_gaps(markdown: str) -> tuple[set[str], int]:
    """Needs listed in the closing section, and how many places are marked in the body."""
    body, _, closing = markdown.partition("\n## What this datasheet does not say\n")
    listed = {BY_FIELD[m] for m in re.findall(r"^- \*\*[^*]+\*\* \(`([^`]+)`\)", closing, re.M)}
    return listed, body.count("*Not documented")


@settings(max_examples=150, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.filter_too_much])
@given(data=_datasheet())
def test_lint_coverage_and_render_agree_on_the_gaps(tmp_path: Path, data: dict[str, Any]) -> None:
    try:
        model = Datasheet.model_validate(data)
    except ValidationError:
        assume(False)
        raise
    path = tmp_path / "generated.datacard.yaml"
    path.write_text(dump_yaml_text(data), encoding="utf-8")
    expected = {gap.need.id for gap in gaps(data)}
    linted = _lint_gaps(path)
    counted = set(coverage(model).standards["context"].missing)
    listed, marked = _render_gaps(render_markdown(model))
    assert linted == expected
    assert counted == expected
    assert listed == expected
    assert marked == len(expected)


@pytest.mark.parametrize("text", PLACEHOLDERS)
def test_every_command_judges_a_placeholder_alike(tmp_path: Path, text: str) -> None:
    """The purpose holds only a placeholder: a gap to lint, coverage and render alike."""
    data = {"schema_version": 1, "name": "x", "application": {"purpose": text}}
    path = tmp_path / "x.datacard.yaml"
    path.write_text(dump_yaml_text(data), encoding="utf-8")
    model = Datasheet.model_validate(data)
    assert "purpose" in _lint_gaps(path)
    assert "purpose" in coverage(model).standards["context"].missing
    assert "purpose" in _render_gaps(render_markdown(model))[0]
    assert Location.parse("application.purpose").get(data) == text


# --- the shortcut before the prompt expressions ---------------------------------------------------

_PROMPTS = (answers._FILLER, answers._PROMPT, answers._INSTRUCTION)


def _judged_plainly(text: str) -> str | None:
    """answers._placeholder for prose, every expression asked, as it was before the shortcut."""
    normal = answers.normalise(text)
    if not normal:
        return ""
    if (answers._FILLER.match(normal) or answers._PROMPT.match(normal) or answers._TEMPLATE_SLOT.search(normal)
            or answers._link_placeholder(normal) or normal.lower().startswith(answers._TEMPLATE_OPENINGS)
            or (len(normal) < 400 and answers._INSTRUCTION.match(normal))):
        return answers._shorten(normal)
    return None


_ODD_CASE = st.sampled_from(["ſee above", "liſt the data", "İf known, describe it here", "KEEP", "xXx", "n/a"])


@settings(max_examples=600, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
@given(st.one_of(st.sampled_from(_PROMPTS).flatmap(st.from_regex), st.text(), _ODD_CASE,
                 st.sampled_from(sorted(answers._OPENING_WORDS)).map(lambda w: w.upper() + " the data here.")))
def test_the_first_word_shortcut_judges_as_every_expression_does(text: str) -> None:
    """A text whose first word opens no placeholder skips three expressions: every text any of
    them matches must open with a word the shortcut lets through, and the verdict is the same."""
    normal = answers.normalise(text)
    if normal and any(rx.match(normal) for rx in _PROMPTS):
        assert answers._may_open_prompt(normal), normal
    assert placeholder(text) == _judged_plainly(text)


# One text for each way the three expressions can open (a word lost from the shortcut's list
# fails here, whatever the generator above happened to draw).
_EACH_OPENING = [
    "TBD", "tbc", "TBA", "todo", "To do", "to be determined", "FIXME", "xxxx", "N/A", "na", "n.a.",
    "Not applicable", "None provided", "Unspecified", "More information needed", "Need more info",
    "Needs more information", "Coming soon", "Placeholder", "Lorem ipsum dolor", "Fill this in later",
    "Later", "Optional", "Required", "Insert text", "Your answer here", "See above", "If known, describe it here.",
    "Please provide details below.", "Describe the data here.", "Provide it here", "Explain here", "List them here",
    "Enter it here", "Specify here", "Add it here", "Include it below", "Give it here", "State it here",
    "Who made it?", "What is it?", "Why?", "How was it made?", "When?", "Where is it?", "Which one?", "Is it?",
    "Are they?", "Was it?", "Were they?", "Did they?", "Does it?", "Do they?", "TODO: write this",
    "Briefly describe the dataset", "Summarise the data", "Summarize the data", "Mention the dataset",
    "Outline the data", "Discuss the data", "Name the curators", "Cite the dataset",
    "If applicable, list the annotators",
]


@pytest.mark.parametrize("text", _EACH_OPENING)
def test_each_way_a_prompt_opens_passes_the_shortcut(text: str) -> None:
    normal = answers.normalise(text)
    assert any(rx.match(normal) for rx in _PROMPTS), "not a prompt: the list above is out of date"
    assert answers._may_open_prompt(normal)
