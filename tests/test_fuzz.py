"""Fuzzing the commands that read datasheets: no input may produce a traceback.

Inputs are arbitrary text and bytes from hypothesis, and mutations of real files (the
repository's examples and, where present, the shared corpus of real cards written by others).
Every input goes through `validate`, `lint` and `render`; each must exit 0, or 1 with at least
one finding, never 2 (the files are readable) except for Markdown of a kind the command does not
read (DC023), and never with a traceback, in bounded time.

The default run is short (``DATACARD_FUZZ_EXAMPLES``, 150 inputs per source); ``pytest -m slow``
runs the long one.
"""

from __future__ import annotations

import json
import os
import re
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from datacard.cli import app

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SHORT = int(os.environ.get("DATACARD_FUZZ_EXAMPLES", "150"))
LONG = int(os.environ.get("DATACARD_FUZZ_LONG_EXAMPLES", "5000"))
SECONDS_PER_INPUT = 10.0
_CODE = re.compile(r"\bDC\d{3}\b")

runner = CliRunner()

# Pieces that stress a YAML loader: indicators, anchors, tags, odd bytes and line ends.
TOKENS = [
    ": ", "- ", "? ", "[", "]", "{", "}", ",", "&a ", "*a", "<<: *a\n", "!!python/object:os.system ",
    "!!binary ", "!custom ", "'", '"', "#", "|\n", ">-\n", "---\n", "...\n", "%YAML 1.1\n", "\t",
    "\r\n", "\r", "\x00", "\ufeff", "\u2028", "\x85", "1e309", "0x1F", "-.inf", "~", "yes", "no",
    "2017-13-45", "null", "schema_version: 1\n", "kind: training\n", "  ", "\n", "\\", "%", "@", "`",
]


def _seed_files(folder: Path, suffixes: tuple[str, ...]) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() and p.name.endswith(suffixes))


def _mutate(data: st.DataObject, seed: bytes) -> bytes:
    text = bytearray(seed)
    for _ in range(data.draw(st.integers(1, 6), label="mutations")):
        at = data.draw(st.integers(0, len(text)), label="at")
        op = data.draw(st.sampled_from(["insert", "delete", "duplicate", "byte", "truncate"]), label="op")
        if op == "insert":
            text[at:at] = data.draw(st.sampled_from(TOKENS)).encode("utf-8")
        elif op == "delete":
            del text[at : at + data.draw(st.integers(1, 40))]
        elif op == "duplicate":
            line_end = text.find(b"\n", at)
            line_start = text.rfind(b"\n", 0, at) + 1
            if line_end > 0:
                text[line_end + 1 : line_end + 1] = text[line_start : line_end + 1]
        elif op == "byte" and at < len(text):
            text[at] = data.draw(st.integers(0, 255))
        else:
            del text[at:]
    return bytes(text)


def _check_json(command: str, path: Path) -> None:
    start = time.perf_counter()
    result = runner.invoke(app, [command, "--output-format", "json", str(path)])
    elapsed = time.perf_counter() - start
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    assert result.exit_code in (0, 1, 2), (command, result.exit_code, result.output[-2000:])
    findings = json.loads(result.stdout)["findings"]
    if result.exit_code == 1:
        assert findings, f"{command} exited 1 without a finding"
    if result.exit_code == 2:
        # Only a file the command does not read is refused, and it says so (DC023): a card given
        # to validate, Markdown that is not a card given to lint. A `*.datacard.yaml`, however
        # broken, is never a usage error.
        assert findings and {f["code"] for f in findings} == {"DC023"}, result.output[-2000:]
        assert path.suffix == ".md"
    assert elapsed < SECONDS_PER_INPUT, f"{command} took {elapsed:.1f} s"


def _check_render(path: Path) -> None:
    start = time.perf_counter()
    result = runner.invoke(app, ["render", str(path)])
    elapsed = time.perf_counter() - start
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    assert result.exit_code in (0, 1, 2), (result.exit_code, result.output[-2000:])
    if result.exit_code == 1:
        assert _CODE.search(result.output), "render exited 1 without a finding"
    if result.exit_code == 2:  # a card, not a datasheet: refused with what to run instead
        assert path.suffix == ".md" and set(_CODE.findall(result.output)) == {"DC023"}, result.output[-2000:]
    assert elapsed < SECONDS_PER_INPUT, f"render took {elapsed:.1f} s"


def _through_every_command(folder: Path, content: bytes, name: str) -> None:
    path = folder / name
    path.write_bytes(content)
    _check_json("validate", path)
    _check_json("lint", path)
    _check_render(path)


def _fuzz_mutations(seeds: list[Path], folder: Path, examples: int) -> None:
    assert seeds, "no seed files to mutate"
    contents = [(p.read_bytes(), "card.md" if p.suffix == ".md" else "card.datacard.yaml") for p in seeds]

    @settings(max_examples=examples, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(st.data())
    def run(data: st.DataObject) -> None:
        seed, name = data.draw(st.sampled_from(contents), label="seed")
        _through_every_command(folder, _mutate(data, seed), name)

    run()


def _fuzz_generated(folder: Path, examples: int) -> None:
    words = [*TOKENS, "name", "origin", "sources", "datacard", "x", "1", "-1.5", " "]
    # Lines of tokens at varying indentation, so that nesting and block structure vary.
    yamlish = st.lists(st.tuples(st.integers(0, 6), st.lists(st.sampled_from(words), max_size=5)), max_size=30).map(
        lambda lines: "".join(" " * indent + "".join(parts) + "\n" for indent, parts in lines)
    )
    content = st.one_of(
        st.binary(max_size=300),
        st.text(max_size=300).map(lambda t: t.encode("utf-8", "surrogatepass")),
        st.lists(st.sampled_from(words), max_size=80).map(lambda parts: "".join(parts).encode("utf-8")),
        yamlish.map(lambda t: t.encode("utf-8")),
    )

    @settings(max_examples=examples, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(content, st.sampled_from(["card.datacard.yaml", "card.md"]))
    def run(data: bytes, name: str) -> None:
        _through_every_command(folder, data, name)

    run()


def _example_seeds() -> list[Path]:
    if not EXAMPLES.is_dir():
        pytest.skip("examples/ is not present")
    return _seed_files(EXAMPLES, (".datacard.yaml", ".md"))


def _long_run(request: pytest.FixtureRequest) -> None:
    if "slow" not in (request.config.getoption("-m") or ""):
        pytest.skip("the long fuzz run: select it with `pytest -m slow`")


def test_fuzz_generated_input(tmp_path: Path) -> None:
    _fuzz_generated(tmp_path, SHORT)


def test_fuzz_mutated_examples(tmp_path: Path) -> None:
    _fuzz_mutations(_example_seeds(), tmp_path, SHORT)


def test_fuzz_mutated_real_corpus(corpus: Path, tmp_path: Path) -> None:
    _fuzz_mutations(_seed_files(corpus, (".md", ".yaml", ".json", ".dvc", ".lock")), tmp_path, SHORT)


LONG_RUNS: dict[str, Callable[[pytest.FixtureRequest, Path], None]] = {
    "generated": lambda request, tmp: _fuzz_generated(tmp, LONG),
    "examples": lambda request, tmp: _fuzz_mutations(_example_seeds(), tmp, LONG),
    "corpus": lambda request, tmp: _fuzz_mutations(
        _seed_files(request.getfixturevalue("corpus"), (".md", ".yaml", ".json", ".dvc", ".lock")), tmp, LONG
    ),
}


@pytest.mark.slow
@pytest.mark.parametrize("source", sorted(LONG_RUNS))
def test_fuzz_long(source: str, request: pytest.FixtureRequest, tmp_path: Path) -> None:
    _long_run(request)
    LONG_RUNS[source](request, tmp_path)
