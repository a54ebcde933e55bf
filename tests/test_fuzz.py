"""Fuzzing every entry point: no input may produce a traceback.

One hypothesis target per command that reads a user's document: validate, lint (a small tree
with a manifest), render, import hf, import croissant, export hf and croissant, extract (a
datasheet in a Parquet footer), check (data against its datasheet), profile merge, validate
--fix (a fix never adds an error, and a second one changes nothing) and diff. Inputs are
mutations of the repository's examples (and of the shared corpus of real cards, where present),
YAML assembled from hostile pieces (tags, anchors, numbers past every limit, deep nesting, odd
keys, control characters) and arbitrary bytes. The property: no exception escapes, no
traceback is printed, the exit code is 0, 1 or 2 (validate and lint: 0, or 1 with a finding),
no check ends in an internal error (DC018: a crash caught is a bug found all the same), and
what is printed is text.

CI runs each target for a fixed number of examples with a fixed seed (``derandomize=True``),
about a minute in all. The long run explores with fresh random inputs each time:

    DATACARD_FUZZ_LONG_EXAMPLES=2000 python -m pytest -m slow tests/test_fuzz.py

``DATACARD_FUZZ_EXAMPLES=N`` sets the number of examples of every target in the default run.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner, Result

from datacard.cli import app
from tests.conftest import CORPUS, EXAMPLES, ROOT

runner = CliRunner()
SHORT = int(os.environ.get("DATACARD_FUZZ_EXAMPLES", "0"))  # 0: each target's own budget
LONG = int(os.environ.get("DATACARD_FUZZ_LONG_EXAMPLES", "2000"))
INTEROP = ROOT / "tests" / "interop_cases"


# --- seeds -------------------------------------------------------------------------------------

def _files(folder: Path, suffixes: tuple[str, ...]) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() and p.name.endswith(suffixes)) if folder.is_dir() else []


DATASHEETS = [p.read_bytes() for p in _files(EXAMPLES, (".datacard.yaml",))
              + _files(INTEROP / "datasheets", (".datacard.yaml",))]
CARDS = [p.read_bytes() for p in _files(INTEROP / "hf", (".md",))
         + _files(EXAMPLES / "training" / "model-card", (".md",)) + _files(CORPUS / "hf-dataset-cards", (".md",))]
CROISSANTS = [p.read_bytes() for p in _files(INTEROP / "croissant", (".json",))
              + _files(CORPUS / "croissant", (".json",))]
PIPELINES = [p.read_bytes() for p in _files(EXAMPLES / "training" / "dvc", ("dvc.yaml",))
             + _files(CORPUS / "dvc", (".yaml",))]

# Pieces that stress a YAML reader: indicators, anchors, tags, odd bytes and line ends.
TOKENS = [
    ": ", "- ", "? ", "[", "]", "{", "}", ",", "&a ", "*a", "<<: *a\n", "!!python/object:os.system ",
    "!!binary ", "!custom ", "!!int ", "!!float ", "!!bool ", "!!null ", "!<tag:yaml.org,2002:int> ",
    "'", '"', "#", "|\n", ">-\n", "---\n", "...\n", "%YAML 1.1\n", "%TAG !e! tag:yaml.org,2002:\n", "\t",
    "\r\n", "\r", "\x00", "\x07", "\x1b]0;x\x07", "\ufeff", "\u2028", "\u202e", "\x85", "1e309", "0x1F",
    "-.inf", "~", "yes", "no", "2017-13-45", "null", "9" * 400, "schema_version: 1\n", "kind: training\n",
    "  ", "\n", "\\", "%", "@", "`",
]


@st.composite
def mutated(draw: st.DrawFn, seeds: list[bytes]) -> bytes:
    """One of ``seeds`` with a few insertions of hostile tokens, deletions, copies and bad bytes."""
    text = bytearray(draw(st.sampled_from(seeds)))
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(text)))
        op = draw(st.sampled_from(["insert", "delete", "duplicate", "byte", "truncate"]))
        if op == "insert":
            text[at:at] = draw(st.sampled_from(TOKENS)).encode("utf-8")
        elif op == "delete":
            del text[at : at + draw(st.integers(1, 40))]
        elif op == "duplicate":
            line_end = text.find(b"\n", at)
            line_start = text.rfind(b"\n", 0, at) + 1
            if line_end > 0:
                text[line_end + 1 : line_end + 1] = text[line_start : line_end + 1]
        elif op == "byte" and at < len(text):
            text[at] = draw(st.integers(0, 255))
        else:
            del text[at:]
    return bytes(text)


# --- YAML from hostile pieces ------------------------------------------------------------------

KEYS = ["schema_version", "name", "title", "kind", "summary", "keywords", "identifiers", "origin", "sources",
        "datacard", "dataset", "composition", "count", "size_bytes", "fields", "type", "values", "distribution",
        "splits", "languages", "tag", "license", "id", "application", "purpose", "audience", "model", "data",
        "revision", "tasks", "people", "timeframe", "start", "end"]
ODD_KEYS = ["<<", "2017", "no", "''", '"\\x00"', '"\\e]0;x\\a"', "!!int abc", "!!python/name:os.system x",
            "? [a, b]\n", "k" * 1100, '"\\u202e"', "&k key", "*k", "x y", "é"]
SCALARS = ["x", "reviews", "1", "0", "-1", "1.5", "true", "~", "''", "yes", "no", "2017-01", "2017-13-45",
           "hf:imdb", "https://example.org", "../../etc/passwd", "/proc/self/environ",
           "!!int abc", "!!float x", "!!bool maybe", "!!null x", "!!int 12", "!!str 12", "!!timestamp 2001-01-01",
           "!!binary aGk=", "!<tag:yaml.org,2002:int> x", "!e!int x", "!!python/object/apply:os.system [true]",
           "9" * 5000, "-" + "9" * 400, "0x" + "f" * 3600, "0o" + "7" * 5000, "99999999999999999999999",
           "1e309", ".nan", "-.inf", '"\\x07\\x1b[31m"', '"\\u202egnp.exe"', '"[c](javascript:alert(1))"',
           '"<script>x</script>"', '"a\\n## Uses\\nb"', "'x\n===\n'", "x" * 5000, "*a", "&a x", "&a [1, 2]"]


def _scalar(draw: st.DrawFn) -> str:
    return draw(st.sampled_from(SCALARS))


@st.composite
def _node(draw: st.DrawFn, depth: int = 0) -> Any:
    """A tree of ("map", [(key, node)]), ("seq", [node]) and scalar text."""
    if depth >= 4 or draw(st.integers(0, 2)) == 0:
        return _scalar(draw)
    if draw(st.booleans()):
        keys = st.sampled_from(KEYS) | st.sampled_from(ODD_KEYS)
        return ("map", draw(st.lists(st.tuples(keys, _node(depth + 1)), max_size=4)))
    return ("seq", draw(st.lists(_node(depth + 1), max_size=4)))


def _flow(node: Any) -> str:
    if isinstance(node, str):
        return node.replace("\n", " ")
    kind, items = node
    if kind == "map":
        return "{" + ", ".join(f"{k.strip()}: {_flow(v)}" for k, v in items) + "}"
    return "[" + ", ".join(_flow(v) for v in items) + "]"


def _block(node: Any, indent: int) -> str:
    pad = " " * indent
    if isinstance(node, str) or not node[1]:
        return f" {_flow(node)}\n"
    kind, items = node
    if kind == "map":
        return "\n" + "".join(f"{pad}{k.strip()}:{_block(v, indent + 2)}" for k, v in items)
    return "\n" + "".join(f"{pad}-{_block(v, indent + 2)}" for v in items)


@st.composite
def hostile_yaml(draw: st.DrawFn) -> bytes:
    """A document of hostile pieces, often starting as a datasheet so that validation goes deep."""
    head = draw(st.sampled_from(["", "schema_version: 1\nname: x\n", "schema_version: 1\nkind: training\nname: m\n",
                                 "%TAG !e! tag:yaml.org,2002:\n---\nschema_version: 1\nname: x\n"]))
    body = draw(st.lists(st.tuples(st.sampled_from(KEYS) | st.sampled_from(ODD_KEYS), _node()), max_size=6))
    style = draw(st.sampled_from(["block", "flow"]))
    lines = [f"{k.strip()}:{_block(v, 2)}" if style == "block" else f"{k.strip()}: {_flow(v)}\n" for k, v in body]
    tail = draw(st.sampled_from(["", "deep: " + "[" * 70 + "]" * 70 + "\n", "---\nname: second\n",
                                 "a0: &l0 [x, x, x, x, x, x, x, x, x, x]\na1: &l1 [*l0, *l0, *l0, *l0, *l0, *l0]\n"
                                 "a2: [*l1, *l1, *l1, *l1, *l1, *l1, *l1, *l1]\n", "\x07", "\ufeff"]))
    return (head + "".join(lines) + tail).encode("utf-8", "surrogatepass")


def yaml_inputs(seeds: list[bytes]) -> st.SearchStrategy[bytes]:
    """Mutated seeds, hostile YAML and arbitrary bytes."""
    return st.one_of(mutated(seeds), hostile_yaml(), st.binary(max_size=200))


@st.composite
def hostile_json(draw: st.DrawFn) -> bytes:
    """Croissant-shaped JSON with hostile values: numbers past every limit, deep nesting, odd text."""
    text = st.sampled_from(["x", "", "\x07", "\u202e", "a\n## b", "sc:Dataset", "cr:RecordSet", "cr:Field",
                            "https://example.org", "<script>", "9" * 100])
    raw_numbers = ["1" * 5000, "-" + "9" * 400, "1e400", "NaN", "Infinity", "0", "-1", "1.5", "true", "null"]
    values = st.recursive(
        text.map(json.dumps) | st.sampled_from(raw_numbers),
        lambda inner: st.lists(inner, max_size=3).map(lambda v: "[" + ",".join(v) + "]")
        | st.lists(st.tuples(st.sampled_from(["@type", "@id", "name", "description", "license", "recordSet",
                                              "field", "dataType", "source", "keywords", "creator", "url",
                                              "rai:useCases", "inLanguage", "distribution"]), inner), max_size=4)
        .map(lambda kv: "{" + ",".join(f"{json.dumps(k)}:{v}" for k, v in kv) + "}"),
        max_leaves=12,
    )
    members = draw(st.lists(st.tuples(st.sampled_from(["name", "description", "license", "recordSet", "keywords",
                                                       "creator", "distribution", "@context", "url"]), values),
                            max_size=6))
    body = ",".join(f"{json.dumps(k)}:{v}" for k, v in members)
    deep = draw(st.sampled_from(["", ',"deep":' + "[" * 600 + "]" * 600]))
    return ('{"@type": "sc:Dataset"' + ("," + body if body else "") + deep + "}").encode("utf-8")


# --- running a command -------------------------------------------------------------------------

def _run(args: list[str], *, findings_only: bool = False) -> Result:
    result = runner.invoke(app, args)
    assert result.exception is None or isinstance(result.exception, SystemExit), (args, repr(result.exception))
    output = result.stdout_bytes.decode("utf-8") + result.stderr_bytes.decode("utf-8")  # text, or this raises
    assert "Traceback" not in output, output[-2000:]
    assert "DC018" not in output, output[-2000:]  # a crash caught is still a bug
    assert result.exit_code in ((0, 1) if findings_only else (0, 1, 2)), (args, result.exit_code, output[-2000:])
    return result


def _run_json(args: list[str]) -> None:
    result = _run([*args, "--output-format", "json"], findings_only=True)
    findings = json.loads(result.stdout)["findings"]
    if result.exit_code == 1:
        assert findings, f"{args[0]} exited 1 without a finding"


# --- the targets ------------------------------------------------------------------------------

MANIFEST = ("schema_version: 1\nkind: training\nname: m\nmodel: {name: m}\n"
            "data:\n  - datacard: data/x.datacard.yaml\n  - dataset: x\n    revision: v1\n")
CSV = "id,label,text,split\n1,pos,good,train\n2,neg,bad,test\n3,pos,fine,train\n"


def validate(folder: Path, content: bytes) -> None:
    path = folder / "card.datacard.yaml"
    path.write_bytes(content)
    _run_json(["validate", str(path)])


def lint(folder: Path, content: bytes) -> None:
    # The fuzzed text takes one role in a small project; the others are sound.
    (folder / ".git").mkdir()
    (folder / "data").mkdir()
    (folder / "data" / "x.datacard.yaml").write_bytes(DATASHEETS[0])
    (folder / "train.datacard.yaml").write_text(MANIFEST)
    roles = ["data/x.datacard.yaml", "train.datacard.yaml", "dvc.yaml", "README.md"]
    role = roles[content[0] % len(roles) if content else 0]
    (folder / role).write_bytes(b"---\n" + content + b"\n---\n# Model\n" if role == "README.md" else content)
    _run_json(["lint", str(folder)])


def render(folder: Path, content: bytes) -> None:
    path = folder / "card.datacard.yaml"
    path.write_bytes(content)
    _run(["render", str(path)])


def import_hf(folder: Path, content: bytes) -> None:
    path = folder / "README.md"
    path.write_bytes(content)
    _run(["import", "hf", str(path)])


def import_croissant(folder: Path, content: bytes) -> None:
    path = folder / "metadata.json"
    path.write_bytes(content)
    _run(["import", "croissant", str(path)])


def export(folder: Path, content: bytes) -> None:
    path = folder / "card.datacard.yaml"
    path.write_bytes(content)
    _run(["export", "hf", str(path)])
    _run(["export", "croissant", str(path)])


def extract(folder: Path, content: bytes) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    from datacard.data.parquet import METADATA_KEY

    path = folder / "data.parquet"
    # The bytes as they come: a footer that is not UTF-8 is a finding (DC003), as a file is.
    pq.write_table(pa.table({"id": [1, 2]}).replace_schema_metadata({METADATA_KEY: content}), path)
    _run(["extract", str(path)])
    _run(["check", str(path)])


def check(folder: Path, content: bytes) -> None:
    sheet = folder / "card.datacard.yaml"
    sheet.write_bytes(content)
    (folder / "data.csv").write_text(CSV)
    _run(["check", str(folder / "data.csv"), "-d", str(sheet), "--label", "label", "--split-column", "split"])


def profile_merge(folder: Path, content: bytes) -> None:
    sheet = folder / "card.datacard.yaml"
    sheet.write_bytes(content)
    (folder / "data.csv").write_text(CSV)
    _run(["profile", str(folder / "data.csv"), "-d", str(sheet), "--split-column", "split"])


def fix(folder: Path, content: bytes) -> None:
    path = folder / "card.datacard.yaml"
    path.write_bytes(content)
    before = _run(["validate", str(path), "--output-format", "json"], findings_only=True)
    _run(["validate", "--fix", "--unsafe-fixes", str(path)])
    once = path.read_bytes()
    after = _run(["validate", str(path), "--output-format", "json"], findings_only=True)
    errors = [sum(f["severity"] == "error" for f in json.loads(r.stdout)["findings"]) for r in (before, after)]
    assert errors[1] <= errors[0], "a fix added an error"
    _run(["validate", "--fix", "--unsafe-fixes", str(path)])
    assert path.read_bytes() == once, "a second --fix changed the file"


def diff(folder: Path, content: bytes) -> None:
    old, new = folder / "old.datacard.yaml", folder / "new.datacard.yaml"
    old.write_bytes(DATASHEETS[len(content) % len(DATASHEETS)])
    new.write_bytes(content)
    for fmt in ("text", "markdown", "json"):
        _run(["diff", str(old), str(new), "--output-format", fmt])
    same = _run(["diff", str(new), str(new), "--output-format", "json"])
    if same.exit_code == 0:
        assert not any(f["changes"] for f in json.loads(same.stdout)["files"]), "a file differs from itself"


@dataclass(frozen=True)
class Target:
    run: Callable[[Path, bytes], None]
    inputs: Callable[[], st.SearchStrategy[bytes]]
    examples: int  # in CI, with a fixed seed


TARGETS: dict[str, Target] = {
    "validate": Target(validate, lambda: yaml_inputs(DATASHEETS), 80),
    "lint": Target(lint, lambda: yaml_inputs(DATASHEETS + PIPELINES + [MANIFEST.encode()]), 30),
    "render": Target(render, lambda: yaml_inputs(DATASHEETS), 50),
    "import-hf": Target(import_hf, lambda: yaml_inputs(CARDS).map(lambda b: b if b.startswith(b"---") else b"---\n" + b
                                                                   + b"\n---\n# Card\n"), 50),
    "import-croissant": Target(import_croissant, lambda: st.one_of(mutated(CROISSANTS), hostile_json()), 50),
    "export": Target(export, lambda: yaml_inputs(DATASHEETS), 30),
    "extract": Target(extract, lambda: yaml_inputs(DATASHEETS), 20),
    "check": Target(check, lambda: yaml_inputs(DATASHEETS), 20),
    "profile-merge": Target(profile_merge, lambda: yaml_inputs(DATASHEETS), 20),
    "fix": Target(fix, lambda: yaml_inputs(DATASHEETS), 30),
    "diff": Target(diff, lambda: yaml_inputs(DATASHEETS), 30),
}


def _fuzz(target: Target, examples: int, *, derandomize: bool) -> None:
    @settings(max_examples=examples, derandomize=derandomize, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much])
    @given(target.inputs())
    def run(content: bytes) -> None:
        with tempfile.TemporaryDirectory() as tmp:
            target.run(Path(tmp), content)

    run()


@pytest.mark.parametrize("name", sorted(TARGETS))
def test_fuzz(name: str) -> None:
    assert DATASHEETS and CARDS and CROISSANTS and PIPELINES, "seed files are missing"
    target = TARGETS[name]
    _fuzz(target, SHORT or target.examples, derandomize=True)


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(TARGETS))
def test_fuzz_long(name: str, request: pytest.FixtureRequest) -> None:
    if "slow" not in (request.config.getoption("-m") or ""):
        pytest.skip("the long fuzz run: select it with `pytest -m slow`")
    _fuzz(TARGETS[name], LONG, derandomize=False)
