"""The page's fast paths give what the plain ones give, on arbitrary input.

The page (datacard/render/page.py) escapes each text once, through caches in
datacard/render/filters.py, and datacard/escape.py escapes a line in one pass; the closing list
of placeholders walks the data once, leaving covered subtrees at their root. Each is held here
to the plain formulation it replaced: the escapers' multi-pass definition, datacard.context's
verdict, and a match of every text against every gap's location.
"""

from __future__ import annotations

import enum
import re
from typing import Any

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from datacard import escape
from datacard.context import NEEDS, Gap, Location, Need, gaps, placeholder
from datacard.model import Datasheet, enums
from datacard.render import filters, render_markdown
from datacard.render.markdown import placeholders

# Text rich in what the escapers act on: Markdown's characters, HTML, line starts, controls,
# surrogates, Unicode white space and letters that fold case oddly, and placeholder words.
PIECES = st.sampled_from([
    "\\", "`", "*", "_", "[", "]", "|", "~", "&", "<", ">", "#", "+", "=", "-", "1.", "12)", " ", "\t", "\n",
    "\r\n", "\r", "\n\n", "\x00", "\x1b", "\x85", "\u2028", "\u202e", "\udc80", "é", "ſ", "K", "TBD", "N/A",
    "todo", "[More Information Needed]", "{{ slot }}", "Describe the data here.", "word", "The data",
])
# Line starts: a number (up to ten digits) then `.` or `)`, a marker, or none, then more text.
STARTS = st.tuples(st.from_regex(r"[ \t]{0,2}(?:[0-9]{1,10}[.)]?|[#+=>*-]{0,2})", fullmatch=True),
                   st.sampled_from(["", " ", "\t", "x", " item", "\n2. next"])).map("".join)
TEXT = st.one_of(st.text(), STARTS, st.lists(st.one_of(PIECES, STARTS), max_size=12).map("".join),
                 st.lists(PIECES, min_size=60, max_size=90).map("".join))  # past the cache's length
FAST = settings(max_examples=400, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))

# --- escaping: the one-pass escaper and its multi-pass definition ----------------------------

_INLINE = re.compile(r"([\\`*_\[\]|~])")
_HTML = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}


def _literal_line(line: str) -> str:
    """A line shown as written, as datacard.escape first defined it: entities, then a backslash
    before each inline character, then the line's start."""
    text = re.sub("[&<>]", lambda m: _HTML[m.group()], line.strip())
    text = _INLINE.sub(r"\\\1", text)
    if re.match(r"^[#+=-]", text):
        return "\\" + text
    return re.sub(r"^([0-9]{1,9})([.)])(?=\s|$)", r"\1\\\2", text)


def _paragraphs(text: str) -> list[list[str]]:
    text = re.sub("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]", escape._visible,
                  text.replace("\r\n", "\n").replace("\r", "\n"))
    found = [[ln for ln in p.split("\n") if ln.strip()] for p in re.split(r"\n[ \t]*\n", text)]
    return [p for p in found if p]


@FAST
@given(TEXT)
def test_one_pass_escaping_is_the_multi_pass_definition(text: str) -> None:
    paragraphs = _paragraphs(text)
    assert escape.markdown_inline(text) == "<br><br>".join(" ".join(map(_literal_line, p)) for p in paragraphs)
    assert escape.markdown_block(text) == "\n\n".join("\n".join(map(_literal_line, p)) for p in paragraphs)


@FAST
@given(TEXT)
def test_code_spans_and_table_cells_are_their_definitions(text: str) -> None:
    """Their shortcuts (no backtick: one each side; no pipe: nothing to escape) change nothing."""
    body = " ".join(re.sub("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]", escape._visible,
                           text.replace("\r\n", "\n").replace("\r", "\n")).split())
    fence = "`" * (max((len(run) for run in re.findall(r"`+", body)), default=0) + 1)
    pad = " " if body.startswith("`") or body.endswith("`") else ""
    assert escape.markdown_code(text) == f"{fence}{pad}{body}{pad}{fence}"
    one_line = " ".join(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    assert escape.markdown_table_cell(text) == re.sub(r"(?<!\\)((?:\\\\)*)\|", r"\1\\|", one_line)


# --- the page's text: once per text, as the plain escaper shows it ---------------------------


def _plain(text: str) -> str:
    """How the page shows a text, from datacard.context and datacard.escape alone."""
    found = placeholder(text)
    if found:
        return f'*Not answered: holds only "{escape.markdown_inline(found)}"* ({filters.PLACEHOLDER_CODE})'
    return escape.markdown_inline(text)


@FAST
@given(TEXT)
def test_the_page_shows_a_text_as_the_plain_escaper_does(text: str) -> None:
    expected = _plain(text)
    assert filters.inline(text) == expected
    assert filters.shown(text) == expected
    assert filters.inline(text) == expected  # the second time, from the cache
    assert filters.shown(filters.Safe(text)) == text  # already escaped: as it is


@settings(max_examples=150, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
@given(TEXT)
def test_a_rendered_item_holds_the_plain_escape_of_its_text(text: str) -> None:
    try:
        sheet = Datasheet.model_validate({"schema_version": 1, "name": "demo", "composition": {"errors": text}})
    except ValidationError:
        assume(False)
        return
    assume(text.strip())
    lines = render_markdown(sheet).split("\n")
    assert f"- **Errors and noise:** {_plain(text)}".rstrip() in lines


# --- the closing list of placeholders: one walk against every text against every location -----


def _texts(value: Any, parts: tuple[str | int, ...]) -> list[tuple[Location, str]]:
    if isinstance(value, str):
        return [(Location(parts), value)]
    if isinstance(value, dict):
        return [found for k, v in value.items() for found in _texts(v, (*parts, k))]
    if isinstance(value, list):
        return [found for i, v in enumerate(value) for found in _texts(v, (*parts, i))]
    return []


def _placeholders_plainly(data: dict[str, Any], found: list[Gap]) -> list[tuple[str, str]]:
    covered = [loc for gap in found for loc in gap.need.locations]
    top = {k: v for k, v in data.items() if k not in ("schema_version", "kind", "name")}
    return [(where.dotted, filler) for where, text in _texts(top, ())
            if not any(where.within(loc) for loc in covered) and (filler := placeholder(text))]


KEYS = st.sampled_from(["origin", "composition", "application", "audience", "people", "splits", "count",
                        "description", "sources", "title", "name", "kind", "fields"])
LEAVES = st.one_of(st.sampled_from(["TBD", "N/A", "", "An answer.", "[More Information Needed]", "todo"]),
                   st.sampled_from([0, 3, True, False, None]))
DATA = st.dictionaries(KEYS, st.recursive(LEAVES, lambda inner: st.lists(inner, max_size=3)
                                          | st.dictionaries(KEYS, inner, max_size=3), max_leaves=20), max_size=5)
WHERE = st.lists(st.one_of(KEYS, st.integers(0, 2), st.just("[]")), max_size=3).map(
    lambda parts: Location(tuple(parts)))


@st.composite
def _places(draw: st.DrawFn, data: dict[str, Any]) -> Location:
    """A place in ``data`` or near it: a text's path, cut short, with indexes as `[]` or not,
    or an arbitrary one."""
    texts = _texts(data, ())
    if not texts or not draw(st.integers(0, 3)):
        return draw(WHERE)
    parts = draw(st.sampled_from(texts))[0].parts
    parts = parts[: draw(st.integers(0, len(parts)))]
    return Location(tuple("[]" if isinstance(p, int) and draw(st.booleans()) else p for p in parts))


@FAST
@given(st.data())
def test_the_closing_list_walks_as_a_match_against_every_location(draw: st.DataObject) -> None:
    data = draw.draw(DATA)
    locations = draw.draw(st.lists(st.lists(_places(data), min_size=1, max_size=3), max_size=4))
    verdict = gaps({}, NEEDS)[0].verdict
    found = [Gap(Need(f"n{i}", "origin", "x", tuple(locs), "why", "DC201"), verdict, locs[0])
             for i, locs in enumerate(locations)]
    assert placeholders(data, found) == _placeholders_plainly(data, found)


def _vocabularies() -> list[type[enum.Enum]]:
    return [v for v in vars(enums).values() if isinstance(v, type) and issubclass(v, enum.Enum) and v.__members__]


def test_each_vocabulary_value_reads_as_its_own_label() -> None:
    """Values are escaped once per process; two vocabularies may share a value ("image") that
    reads differently in each, and neither may take the other's label."""
    for _ in range(2):  # the second time from the cache, whichever vocabulary filled it first
        for vocabulary in _vocabularies():
            for value in vocabulary:
                assert filters.inline(value) == escape.markdown_inline(enums.label(value)), value
