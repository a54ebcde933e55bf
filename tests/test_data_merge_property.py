"""Property: merging measured facts into any layout of a datasheet keeps it whole.

Hypothesis writes datasheets in the layouts people write by hand: comments before, between and
after list items, inline comments, blank lines, comments at column 0 after a section, block and
flow style, indentation of 2 or 4 with list dashes at 0, 2 or 4, tabs after a colon, block
scalars, Windows line ends, no final newline. For each, the merge must give a datasheet that
parses and validates, keeps every comment exactly once, never puts new lines between a comment
and the line it introduces, keeps the line ends, and does nothing on a second merge.

The default run is short and seeded (``DATACARD_FUZZ_EXAMPLES`` inputs); ``pytest -m slow``
runs ``DATACARD_FUZZ_LONG_EXAMPLES`` of them.
"""

from __future__ import annotations

import difflib
import functools
import itertools
import os
import re
from dataclasses import dataclass, field

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from datacard.data.merge import merge_document
from datacard.data.profile import Profile, profile_frame
from datacard.load import load_text
from datacard.model import Datasheet
from datacard.validate import validate_loaded

SHORT = int(os.environ.get("DATACARD_FUZZ_EXAMPLES", "150"))
LONG = int(os.environ.get("DATACARD_FUZZ_LONG_EXAMPLES", "5000"))
COLUMNS = ["id", "text", "label", "group", "split"]


@functools.cache
def _profile(with_splits: bool) -> Profile:
    frame = pd.DataFrame({
        "id": range(12),
        "text": [None if i % 5 == 0 else f"row {i}" for i in range(12)],
        "label": [i % 2 for i in range(12)],
        "group": ["a", "b", "c", "a"] * 3,
        "split": ["train"] * 9 + ["test"] * 3,
    })
    return profile_frame(frame, split_column="split" if with_splits else None, label="label",
                         subgroups=["group"])


@dataclass
class Writer:
    """Builds a datasheet line by line, numbering its comments so that each can be found again."""

    draw: st.DrawFn
    lines: list[str] = field(default_factory=list)
    markers: list[str] = field(default_factory=list)
    counter: itertools.count[int] = field(default_factory=itertools.count)

    def comment(self) -> str:
        marker = f"# c{next(self.counter)}."
        self.markers.append(marker)
        return marker

    def inline(self) -> str:
        return "  " + self.comment() if self.draw(st.booleans()) else ""

    def gap(self, indent: int) -> None:
        """Nothing, a blank line, or a comment line at this indentation or at column 0."""
        kind = self.draw(st.sampled_from(["none", "none", "blank", "comment", "column0"]))
        if kind == "blank":
            self.lines.append("")
        elif kind == "comment":
            self.lines.append(" " * indent + self.comment())
        elif kind == "column0":
            self.lines.append(self.comment())


TYPES = ["string", "integer", "category", "float"]
ROLES = ["feature", "label", "subgroup", "identifier", "split"]


def _flow_entry(w: Writer, name: str) -> str:
    parts = [f"name: {name}"]
    if w.draw(st.booleans()):
        parts.append(f"type: {w.draw(st.sampled_from(TYPES))}")
    if w.draw(st.booleans()):
        parts.append(f"missing: {w.draw(st.sampled_from(['0', '0.5', '1']))}")
    if w.draw(st.booleans()):
        parts.append("distribution: {a: 1, zz: 2}")
    return "{" + ", ".join(parts) + "}"


def _block_entry(w: Writer, name: str, dash: int, step: int) -> None:
    at = dash + 2
    w.lines.append(" " * dash + f"- name: {name}" + w.inline())
    keys = w.draw(st.lists(st.sampled_from(["description", "type", "role", "missing", "distinct",
                                            "distribution", "nullable"]), unique=True, max_size=5))
    for key in keys:
        w.gap(at)
        pad = " " * at
        if key == "description":
            if w.draw(st.booleans()):
                w.lines += [pad + "description: |" + w.inline(), pad + " " * step + "Two lines,",
                            pad + " " * step + "# not a comment: text.", ""]
            else:
                w.lines.append(pad + "description: What it holds." + w.inline())
        elif key == "type":
            w.lines.append(pad + f"type: {w.draw(st.sampled_from(TYPES))}" + w.inline())
        elif key == "role":
            w.lines.append(pad + f"role: {w.draw(st.sampled_from(ROLES))}" + w.inline())
        elif key == "missing":
            sep = w.draw(st.sampled_from([" ", "\t", "   "]))
            w.lines.append(pad + f"missing:{sep}{w.draw(st.sampled_from(['0', '0.25', '1.0']))}" + w.inline())
        elif key == "distinct":
            w.lines.append(pad + f"distinct: {w.draw(st.integers(0, 20))}" + w.inline())
        elif key == "nullable":
            w.lines.append(pad + "nullable: true" + w.inline())
        elif w.draw(st.booleans()):
            w.lines.append(pad + "distribution: {a: 4, b: 4}" + w.inline())
        else:
            groups = w.draw(st.sampled_from([["a", "b", "c"], ["a", "stale"], ["c"]]))
            w.lines.append(pad + "distribution:" + w.inline())
            for group in groups:
                w.gap(at + step)
                w.lines.append(pad + " " * step + f"{group}: 3" + w.inline())


def _fields(w: Writer, indent: int, step: int) -> None:
    names = w.draw(st.lists(st.sampled_from([*COLUMNS, "ghost"]), unique=True, max_size=6))
    style = w.draw(st.sampled_from(["block", "block", "flow", "absent"]))
    if style == "absent":
        return
    if style == "flow" or not names:
        entries = ", ".join(_flow_entry(w, name) for name in names)
        w.lines.append(" " * indent + f"fields: [{entries}]" + w.inline())
        return
    offset = w.draw(st.sampled_from([0, 2, 4]))
    w.lines.append(" " * indent + "fields:" + w.inline())
    dash = indent + offset
    for name in names:
        w.gap(dash)
        if w.draw(st.integers(0, 3)) == 0:
            w.lines.append(" " * dash + "- " + _flow_entry(w, name) + w.inline())
        else:
            _block_entry(w, name, dash, step)


def _composition(w: Writer, step: int) -> None:
    style = w.draw(st.sampled_from(["block", "block", "block", "flow", "absent"]))
    if style == "absent":
        return
    if style == "flow":
        w.lines.append("composition: {count: 7, fields: [{name: id}, {name: label, type: integer}]}" + w.inline())
        return
    w.lines.append("composition:" + w.inline())
    if w.draw(st.booleans()):
        w.lines.append(" " * step + "instance: One row." + w.inline())
    if w.draw(st.booleans()):
        sep = w.draw(st.sampled_from([" ", "\t"]))
        w.lines.append(" " * step + f"count:{sep}7" + w.inline())
    w.gap(step)
    _fields(w, step, step)
    if w.draw(st.booleans()):
        w.gap(step)
        w.lines.append(" " * step + "label: label" + w.inline())


@st.composite
def datasheets(draw: st.DrawFn) -> tuple[str, list[str]]:
    """A valid datasheet's text, and the comments it holds."""
    w = Writer(draw)
    step = draw(st.sampled_from([2, 4]))
    w.gap(0)
    w.lines += ["schema_version: 1", "name: generated" + w.inline()]
    w.gap(0)
    _composition(w, step)
    w.gap(0)
    if draw(st.booleans()):
        w.lines.append("title: Generated" + w.inline())
        w.gap(0)
    end = "\r\n" if draw(st.booleans()) else "\n"
    text = end.join(w.lines) + (end if draw(st.booleans()) else "")
    return text, w.markers


def _valid(text: str) -> bool:
    model, report = validate_loaded(load_text(text, "g.datacard.yaml"), Datasheet)
    return model is not None and not report.errors


def _standalone_comment(line: str) -> bool:
    return line.strip().startswith("#")


def _check(text: str, markers: list[str], with_splits: bool) -> None:
    assert _valid(text), f"the generator wrote an invalid datasheet:\n{text}"
    prof = _profile(with_splits)
    merged = merge_document(text, prof)
    assert _valid(merged), f"the merge is not a valid datasheet:\n{merged}"
    for marker in markers:
        assert len(re.findall(re.escape(marker), merged)) == 1, f"{marker} lost or repeated:\n{merged}"
    if "\r\n" in text:
        assert "\n" not in merged.replace("\r\n", ""), "a line lost its Windows line end"
    old, new = text.replace("\r\n", "\n").split("\n"), merged.replace("\r\n", "\n").split("\n")
    for tag, _, _, j1, _ in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag == "insert" and j1 > 0:
            assert not _standalone_comment(new[j1 - 1]), f"lines inserted after comment {new[j1 - 1]!r}"
    assert merge_document(merged, prof) == merged, "a second merge changed the text"


def _run(examples: int) -> None:
    @settings(max_examples=examples, deadline=None, database=None, derandomize=True,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(datasheets(), st.booleans())
    def run(sheet: tuple[str, list[str]], with_splits: bool) -> None:
        _check(*sheet, with_splits)

    run()


def test_merge_keeps_every_layout_whole() -> None:
    _run(SHORT)


@pytest.mark.slow
def test_merge_keeps_every_layout_whole_long(request: pytest.FixtureRequest) -> None:
    if "slow" not in (request.config.getoption("-m") or ""):
        pytest.skip("the long run: select it with `pytest -m slow`")
    _run(LONG)
