"""The loader: YAML 1.2 meaning, positions, front matter, and bad bytes as findings."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from datacard.load import dump_yaml, load, load_text, parse_yaml

SCALARS: list[tuple[str, Any]] = [
    ("no", "no"), ("yes", "yes"), ("on", "on"), ("off", "off"), ("y", "y"), ("NO", "NO"),
    ("true", True), ("False", False), ("null", None), ("~", None), ("", None),
    ("2017", 2017), ("2017-01", "2017-01"), ("2017-01-05", "2017-01-05"),
    ("12:30", "12:30"), ("1_000", "1_000"), ("0o17", 15), ("0x1f", 31), ("017", 17),
    ("1.0", 1.0), ("1e3", 1000.0), ("-.5", -0.5), (".inf", float("inf")), ("-.inf", float("-inf")),
    ("'2030853'", "2030853"), ('"true"', "true"), ("!!str 12", "12"),
]


@pytest.mark.parametrize(("written", "value"), SCALARS, ids=[s for s, _ in SCALARS])
def test_yaml_12_scalars(written: str, value: Any) -> None:
    loaded = parse_yaml(f"key: {written}\n")
    assert loaded.findings == []
    assert loaded.data == {"key": value}
    assert type(loaded.data["key"]) is type(value)


def test_nan_is_a_float() -> None:
    value = parse_yaml("key: .nan\n").data["key"]
    assert value != value


def test_keys_stay_the_text_written() -> None:
    assert parse_yaml("no: 1\n2017: 2\ntrue: 3\n").data == {"no": 1, "2017": 2, "true": 3}


POSITIONS: list[tuple[tuple[str | int, ...], bool, tuple[int, int]]] = [
    (("name",), False, (2, 7)),
    (("name",), True, (2, 1)),
    (("origin", "creators", 1, "name"), False, (7, 13)),
    (("origin", "creators", 1), False, (7, 7)),
    (("origin", "creators", 1, "email"), True, (7, 7)),  # missing: the item that would hold it
    (("origin", "nothing", "deeper"), True, (3, 1)),  # missing: the deepest key that exists
    (("composition",), True, (1, 1)),  # nothing at all: the top of the file
]
DOC = """schema_version: 1
name: positions
origin:
  creators:
    - name: First
      kind: person
    - name: Second
"""


@pytest.mark.parametrize(("loc", "key", "expected"), POSITIONS, ids=[".".join(map(str, p[0])) for p in POSITIONS])
def test_positions(loc: tuple[str | int, ...], key: bool, expected: tuple[int, int]) -> None:
    loaded = parse_yaml(DOC)
    assert loaded.position(loc, key=key) == expected


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_front_matter_lines_count_from_top_of_file(newline: str) -> None:
    text = newline.join(["", "---", "schema_version: 1", "name: x", "titel: y", "---", "# Body", ""])
    loaded = load_text(text, "card.md")
    assert loaded.findings == []
    assert loaded.position(("titel",), key=True) == (5, 1)
    assert loaded.body is not None and loaded.body.startswith("# Body")
    assert loaded.body_line == 7


def test_crlf_positions_match_lf() -> None:
    text = "schema_version: 1\nname: x\nsummary: >\n  folded\n  text\ntitle: t\n"
    lf, crlf = parse_yaml(text), parse_yaml(text.replace("\n", "\r\n"))
    assert lf.data == crlf.data
    assert lf.position(("title",)) == crlf.position(("title",)) == (6, 8)


BAD_BYTES: list[tuple[bytes, str, int, int]] = [
    (b"name: caf\xe9\n", "DC003", 1, 10),
    (b"a: 1\nb: \xff\xfe\n", "DC003", 2, 4),
    (b"\xff\xfen\x00a\x00m\x00e\x00", "DC003", 1, 1),
    (b"\x00\x00\xfe\xffxx", "DC003", 1, 1),
    (b"name: x\n\x00\n", "DC003", 2, 1),
    (b"", "DC009", 1, 1),
    (b"   \n# comment\n", "DC009", 1, 1),
]


@pytest.mark.parametrize(("raw", "code", "line", "column"), BAD_BYTES)
def test_bad_bytes_are_findings(tmp_path: Path, raw: bytes, code: str, line: int, column: int) -> None:
    path = tmp_path / "bad.datacard.yaml"
    path.write_bytes(raw)
    loaded = load(path)
    assert loaded.data is None
    assert [(f.code, f.line, f.column) for f in loaded.findings] == [(code, line, column)]


def test_utf8_bom_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.datacard.yaml"
    path.write_bytes(b"\xef\xbb\xbfname: x\n")
    assert load(path).data == {"name": "x"}


def test_size_limit_reads_nothing_over_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.datacard.yaml"
    path.write_bytes(b"a: " + b"x" * 5000 + b"\n")
    assert [f.code for f in load(path, max_bytes=1000).findings] == ["DC002"]
    assert load(path, max_bytes=10_000).findings == []


@pytest.mark.parametrize("missing", ["nope.datacard.yaml", "."])
def test_unreadable_paths(tmp_path: Path, missing: str) -> None:
    loaded = load(tmp_path / missing)
    assert [f.code for f in loaded.findings] == ["DC001"]


@pytest.mark.parametrize(
    "text",
    [
        "[" * 200 + "]" * 200,  # flow style, under the composer's safe bound
        "a:\n" + "".join("  " * i + "b:\n" for i in range(1, 100)) + "  " * 100 + "c\n",
        "[" * 3000 + "]" * 3000,  # over the bound: checked on the event stream first
        "- " * 3000 + "x\n",
    ],
    ids=["flow-200", "block-100", "flow-3000", "compact-seq-3000"],
)
def test_deep_nesting_is_a_finding(text: str) -> None:
    loaded = parse_yaml(text)
    assert [f.code for f in loaded.findings] == ["DC008"]
    assert loaded.data is None


def test_depth_limit_is_configurable() -> None:
    text = "a: " + "[" * 80 + "]" * 80 + "\n"
    assert [f.code for f in parse_yaml(text).findings] == ["DC008"]
    assert parse_yaml(text, max_depth=100).findings == []


def test_markdown_without_front_matter() -> None:
    loaded = load_text("# Just a title\n", "README.md")
    assert [f.code for f in loaded.findings] == ["DC012"]
    assert loaded.body == "# Just a title\n"


ROUND_TRIP = [
    {"a": "no", "b": "2017-01", "c": "1.0", "d": "true", "e": "multi\nline\n", "f": "", "g": "~"},
    {"list": ["yes", 1, 2.5, None, False], "nested": {"x": "0x1f", "y": "1_000"}},
]


@pytest.mark.parametrize("data", ROUND_TRIP)
def test_dump_yaml_round_trips_through_the_loader(data: dict[str, Any]) -> None:
    assert parse_yaml(dump_yaml(data)).data == data


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400))
def test_any_text_loads_without_raising(text: str) -> None:
    loaded = load_text(text, "fuzz.datacard.yaml")
    assert loaded.data is not None or loaded.findings


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300))
def test_any_bytes_load_without_raising(tmp_path_factory: pytest.TempPathFactory, raw: bytes) -> None:
    path = tmp_path_factory.mktemp("fuzz") / "f.datacard.yaml"
    path.write_bytes(raw)
    loaded = load(path)
    assert loaded.data is not None or loaded.findings


# --- explicit tags, numbers and limits (issue 14) -------------------------------------------

TAGGED: list[tuple[str, str]] = [
    ("key: !!int abc\n", "DC014"),
    ("key: !!float x\n", "DC014"),
    ("key: !!bool maybe\n", "DC014"),
    ("key: !!bool yes\n", "DC014"),  # YAML 1.1's yes is not a core-schema boolean
    ("key: !!null x\n", "DC014"),
    ("key: !!int 1.5\n", "DC014"),
    ("key: !!int 1_000\n", "DC014"),
    ("key: !!float 1_0\n", "DC014"),
    ("key: !!int ''\n", "DC014"),
    ("key: !!int 0x\n", "DC014"),
    ("key: !<tag:yaml.org,2002:int> abc\n", "DC014"),
    ("%TAG !e! tag:yaml.org,2002:\n---\nkey: !e!int abc\n", "DC014"),
    ("!!int abc: 1\n", "DC014"),
    ("key: [!!float nope]\n", "DC014"),
    ("key: !!timestamp 2001-12-14\n", "DC006"),
    ("key: !!binary aGVsbG8=\n", "DC006"),
    ("key: !!map x\n", "DC006"),
    ("? !!python/name:os.system x\n: 1\n", "DC006"),
]


@pytest.mark.parametrize(("text", "code"), TAGGED, ids=[t for t, _ in TAGGED])
def test_explicit_tag_on_text_of_another_type_is_a_finding(text: str, code: str) -> None:
    loaded = parse_yaml(text)
    assert [f.code for f in loaded.findings] == [code]
    assert loaded.data is None  # the value was dropped: validating the rest would report it again


TAG_VALUES: list[tuple[str, Any]] = [
    ("!!int 12", 12), ("!!int 0x1f", 31), ("!!int -7", -7), ("!!float 12", 12.0), ("!!float .inf", float("inf")),
    ("!!bool TRUE", True), ("!!null ~", None), ("!!null", None), ("!!str 12", "12"),
    ("!<tag:yaml.org,2002:str> 1", "1"),
]


@pytest.mark.parametrize(("written", "value"), TAG_VALUES, ids=[w for w, _ in TAG_VALUES])
def test_explicit_tag_matching_its_form_is_read(written: str, value: Any) -> None:
    loaded = parse_yaml(f"key: {written}\n")
    assert loaded.findings == []
    assert loaded.data == {"key": value} and type(loaded.data["key"]) is type(value)


BIG = "9" * 5000
NUMBERS: list[tuple[str, list[str]]] = [
    (f"key: {BIG}\n", ["DC015"]),
    (f"key: -{BIG}\n", ["DC015"]),
    ("key: 0x" + "f" * 3600 + "\n", ["DC015"]),  # hex converts without Python's digit limit...
    ("key: 0o" + "7" * 5000 + "\n", ["DC015"]),  # ...and so does octal: printing them would not
    (f"key: [1, {BIG}]\n", ["DC015"]),
    (f"key: !!int {BIG}\n", ["DC015"]),
    (f"? {BIG}\n: 1\n", []),  # a key stays the text written
    (f"key: '{BIG}'\n", []),
    ("key: " + "0" * 5000 + "1\n", []),  # leading zeros: the value is 1
    (f"key: {2**1024 - 1}\n", []),
    (f"key: {2**1024}\n", ["DC015"]),
    ("key: 0x1" + "0" * 256 + "\n", ["DC015"]),
    (f"key: {BIG}.5\n", []),  # a float: as large as it gets, inf
]


@pytest.mark.parametrize(("text", "expected"), NUMBERS, ids=[t[:40] for t, _ in NUMBERS])
def test_integers_past_the_range_of_a_double_are_findings(text: str, expected: list[str]) -> None:
    loaded = parse_yaml(text)
    assert [f.code for f in loaded.findings] == expected
    assert (loaded.data is None) == bool(expected)


def test_big_integers_in_range_are_exact() -> None:
    assert parse_yaml(f"key: {2**1024 - 1}\n").data == {"key": 2**1024 - 1}
    assert parse_yaml("key: " + "0" * 5000 + "1\n").data == {"key": 1}


ANCHORS: list[tuple[str, str, int]] = [
    ("a: &x [1, *x]\n", "DC007", 1),  # an alias inside the value it names
    ("a: &x 1\nb: &x 2\n", "DC004", 2),  # an anchor defined twice
    ("a: *nothing\n", "DC004", 1),  # an alias to no anchor
    ("a: &x 1\n---\nb: 2\n", "DC011", 2),
]


@pytest.mark.parametrize(("text", "code", "line"), ANCHORS, ids=[a[0] for a in ANCHORS])
def test_anchor_mistakes(text: str, code: str, line: int) -> None:
    loaded = parse_yaml(text)
    assert [(f.code, f.line) for f in loaded.findings] == [(code, line)]


def test_aliases_are_the_anchored_value() -> None:
    loaded = parse_yaml("a: &x {b: [1, 2]}\nc: *x\n&k d: e\nf: *k\n")
    assert loaded.findings == []
    assert loaded.data == {"a": {"b": [1, 2]}, "c": {"b": [1, 2]}, "d": "e", "f": "d"}


def test_alias_depth_counts_the_anchored_nesting() -> None:
    nested = "[" * 40 + "]" * 40
    text = f"a: &a {nested}\nb: [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[*a]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]\n"
    assert [(f.code, f.line) for f in parse_yaml(text).findings] == [("DC008", 2)]


POSITIONS_THROUGH_ALIASES: list[tuple[tuple[str | int, ...], bool, tuple[int, int]]] = [
    (("base", "colour"), True, (2, 3)),
    (("copy", "colour"), True, (2, 3)),  # inside an alias: where the anchored key is written
    (("copy", "colour"), False, (2, 11)),
    (("copy",), False, (4, 7)),  # the alias itself: where it is used
    (("copy",), True, (4, 1)),
    (("list", 1), False, (5, 11)),
]


@pytest.mark.parametrize(("loc", "key", "expected"), POSITIONS_THROUGH_ALIASES,
                         ids=[f"{'.'.join(map(str, p[0]))}-{p[1]}" for p in POSITIONS_THROUGH_ALIASES])
def test_positions_through_aliases(loc: tuple[str | int, ...], key: bool, expected: tuple[int, int]) -> None:
    loaded = parse_yaml("base: &b\n  colour: red\n  size: 1\ncopy: *b\nlist: [a, b]\n")
    assert loaded.position(loc, key=key) == expected


def test_numeric_keys_are_found_by_integer_locations() -> None:
    loaded = parse_yaml("distribution:\n  2017: 1\n  2018: x\n")
    assert loaded.position(("distribution", 2018)) == (3, 9)
    assert loaded.position(("distribution", "2018"), key=True) == (3, 3)


LIMITS: list[tuple[str, dict[str, int], tuple[str, int, int]]] = [
    ("k: [" + "a, " * 60 + "a]\n", {"max_items": 50}, ("DC016", 1, 4)),
    ("k:\n" + "".join(f"  k{i}: v\n" for i in range(60)), {"max_items": 50}, ("DC016", 2, 3)),
    # the 51st value, the root mapping being the first
    ("k: [" + "a, " * 60 + "a]\n", {"max_values": 50}, ("DC016", 1, 146)),
    ("a: " + "[" * 10 + "]" * 10 + "\n", {"max_depth": 5}, ("DC008", 1, 8)),
]


@pytest.mark.parametrize(("text", "limits", "expected"), LIMITS, ids=["items-list", "items-mapping", "values", "depth"])
def test_limits_stop_the_parse_where_they_are_passed(text: str, limits: dict[str, int],
                                                      expected: tuple[str, int, int]) -> None:
    loaded = parse_yaml(text, **limits)
    assert [(f.code, f.line, f.column) for f in loaded.findings] == [expected]
    assert loaded.data is None


def test_default_limits_leave_a_wide_real_table_alone() -> None:
    # 20,000 columns with a name, a type and a description: about 120,000 values.
    fields = "".join(f"    - name: c{i}\n      type: float\n      description: gene {i}\n" for i in range(20_000))
    loaded = parse_yaml(f"schema_version: 1\nname: wide\ncomposition:\n  fields:\n{fields}")
    assert loaded.findings == []
    assert len(loaded.data["composition"]["fields"]) == 20_000


def test_loader_stops_after_a_thousand_findings() -> None:
    text = "".join(f"k{i % 3}: v\n" for i in range(3000))  # 2,997 duplicate keys
    loaded = parse_yaml(text)
    codes = [f.code for f in loaded.findings]
    assert codes[:-1] == ["DC005"] * 1000 and codes[-1] == "DC017"


@pytest.mark.parametrize(("text", "hint"), [
    ("a:\n\tb: 1\n", True),
    ("a: b\x07c\n", False),  # "unacceptable character" holds the letters t-a-b
    ("a: b\x01\n", False),
])
def test_tab_hint_only_for_tabs(text: str, hint: bool) -> None:
    (finding,) = parse_yaml(text).findings
    assert finding.code == "DC004"
    assert ("not tabs" in finding.message) is hint


def test_control_character_is_placed_where_it_is() -> None:
    (finding,) = parse_yaml("a: 1\nbé: caf\u00e9\x07\n").findings
    assert (finding.code, finding.line, finding.column) == ("DC004", 2, 9)
    assert "\n" not in finding.message
