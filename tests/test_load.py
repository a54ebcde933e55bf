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
