"""Hostile and broken input, one test per attack, through the command line.

Each case asserts the exact code, line and exit code, and that no traceback reaches the user.
Attacks that could take the process down (a C stack overflow in libyaml's composer, memory
blow-up) run in a subprocess so that a failure is a failed test, not a dead test runner.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from datacard.cli import app

runner = CliRunner()

VALID = "schema_version: 1\nname: reviews\ntitle: Reviews\n"


def _laughs(levels: int = 9) -> str:
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for i in range(1, levels):
        refs = ", ".join([f"*a{i - 1}"] * 10)
        lines.append(f"a{i}: &a{i} [{refs}]")
    return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class Attack:
    name: str
    content: Callable[[], bytes]
    code: str
    line: int
    column: int | None = None
    filename: str = "attack.datacard.yaml"


ATTACKS = [
    # 10 levels of 10 aliases would expand to 10^9 values; the budget stops it at the 4th level.
    Attack("billion-laughs", lambda: _laughs().encode(), "DC007", 4),
    # The finding points at the first level past the limit of 64, where parsing stopped; in flow
    # style libyaml's scanner reads ahead, and from 0.2.6 stops by itself at 1,000 levels, so the
    # column depends on its version.
    Attack("deep-block-10k", lambda: ("- " * 10_000 + "x\n").encode(), "DC008", 1, 129),
    Attack("deep-flow-seq-10k", lambda: ("a: " + "[" * 10_000 + "]" * 10_000 + "\n").encode(), "DC008", 1),
    Attack("deep-flow-map-10k", lambda: ("a: " + "{b: " * 10_000 + "1" + "}" * 10_000 + "\n").encode(), "DC008", 1),
    # Shallow enough for the composer: the limit is found while building, at the deep node.
    Attack("deep-flow-100", lambda: ("schema_version: 1\nname: x\nk: " + "[" * 100 + "]" * 100 + "\n").encode(),
           "DC008", 3, 67),
    Attack("unsafe-tag", lambda: (VALID + "summary: !!python/object/apply:os.system ['true']\n").encode(),
           "DC006", 4, 10),
    Attack("python-name-tag", lambda: (VALID + "summary: !!python/name:os.system\n").encode(), "DC006", 4, 10),
    Attack("invalid-utf8", lambda: b"schema_version: 1\nname: caf\xe9\n", "DC003", 2, 10),
    Attack("utf16-bom", lambda: VALID.encode("utf-16"), "DC003", 1, 1),
    Attack("utf32-bom", lambda: VALID.encode("utf-32"), "DC003", 1, 1),
    Attack("nul-byte", lambda: b"schema_version: 1\nname: re\x00views\n", "DC003", 2, 9),
    Attack("empty-file", lambda: b"", "DC009", 1, 1),
    Attack("only-comments", lambda: b"# nothing here\n", "DC009", 1, 1),
    Attack("top-level-list", lambda: b"- name: a\n- name: b\n", "DC010", 1, 1),
    Attack("top-level-scalar", lambda: b"just text\n", "DC010", 1, 1),
    Attack("multiple-documents", lambda: (VALID + "---\nname: second\n").encode(), "DC011", 4, 1),
    Attack("crlf-lines", lambda: (VALID + "colour: red\n").replace("\n", "\r\n").encode(), "DC101", 4, 1),
    Attack("cr-only-lines", lambda: (VALID + "colour: red\n").replace("\n", "\r").encode(), "DC101", 4, 1),
    Attack("duplicate-key", lambda: (VALID + "name: again\n").encode(), "DC005", 4, 1),
    Attack("syntax-tab-indent", lambda: b"schema_version: 1\nname: x\norigin:\n\tcreators: []\n", "DC004", 4),
    Attack("front-matter-lines", lambda: ("\n---\n" + VALID + "colour: red\n---\n# Reviews\n").encode(),
           "DC101", 6, 1, "README.md"),
    Attack("front-matter-unclosed", lambda: ("---\n" + VALID).encode(), "DC012", 1, 1, "README.md"),
    Attack("complex-key", lambda: (VALID + "? [a, b]\n: c\n").encode(), "DC013", 4, 3),
]


def _json_run(args: list[str]) -> tuple[int, list[dict[str, object]], str]:
    result = runner.invoke(app, [*args, "--output-format", "json"])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    payload = json.loads(result.stdout) if result.stdout.strip() else {"findings": []}
    return result.exit_code, payload["findings"], result.output


_FINDING_LINE = re.compile(r"^.+?:(\d+):(\d+): (DC\d{3}) ", re.MULTILINE)


def _run_command(command: str, path: Path) -> tuple[int, list[tuple[str, int, int]], str]:
    """Exit code, (code, line, column) of each finding, and the output of one command."""
    if command == "render":
        result = runner.invoke(app, ["render", str(path)])
        assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
        found = [(m[3], int(m[1]), int(m[2])) for m in _FINDING_LINE.finditer(result.output)]
        return result.exit_code, found, result.output
    # lint reports the loader's and the schema's findings as validate does; its own rules
    # (datasheet quality, lineage) are left out here.
    args = ["validate"] if command == "validate" else ["lint", "--select", "DC0,DC1"]
    code, findings, output = _json_run([*args, str(path)])
    return code, [(str(f["code"]), int(str(f["line"])), int(str(f["column"]))) for f in findings], output


@pytest.mark.parametrize("command", ["validate", "lint", "render"])
@pytest.mark.parametrize("attack", ATTACKS, ids=lambda a: a.name)
def test_attack_gives_one_placed_finding(attack: Attack, command: str, tmp_path: Path) -> None:
    if command == "lint" and attack.filename.endswith(".md"):
        pytest.skip("lint reads Markdown as model cards, not as datasheets")
    path = tmp_path / attack.filename
    path.write_bytes(attack.content())
    start = time.perf_counter()
    code, findings, output = _run_command(command, path)
    elapsed = time.perf_counter() - start
    assert "Traceback" not in output
    assert code == 1, output
    assert [(c, line) for c, line, _ in findings] == [(attack.code, attack.line)], output
    if attack.column is not None:
        assert findings[0][2] == attack.column
    # A safety bound, not a benchmark: an attack must not stall the run.
    assert elapsed < 20


def test_unsafe_tag_runs_nothing(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    path = tmp_path / "attack.datacard.yaml"
    path.write_text(VALID + f"summary: !!python/object/apply:os.system ['touch {marker}']\n")
    code, findings, _ = _json_run(["validate", str(path)])
    assert code == 1 and [f["code"] for f in findings] == ["DC006"]
    assert not marker.exists()


def test_file_over_the_limit_is_not_read(tmp_path: Path) -> None:
    # 100 MB of holes: the size check must come from stat, before any read.
    path = tmp_path / "huge.datacard.yaml"
    with open(path, "wb") as handle:
        handle.truncate(100 * 1024 * 1024)
    done = _subprocess_with_rss(["validate", "--output-format", "json", str(path)])
    findings = json.loads(done.stdout)["findings"]
    assert done.returncode == 1
    assert [(f["code"], f["line"]) for f in findings] == [("DC002", 1)]
    assert done.max_rss_kb < 150_000


def test_limit_is_a_cli_option(tmp_path: Path) -> None:
    path = tmp_path / "small.datacard.yaml"
    path.write_text(VALID)
    code, findings, _ = _json_run(["validate", "--max-bytes", "10", str(path)])
    assert code == 1 and [f["code"] for f in findings] == ["DC002"]


@dataclass
class _Done:
    returncode: int
    stdout: str
    stderr: str
    max_rss_kb: int
    seconds: float


# Peak memory of this process image: VmHWM, because ru_maxrss survives exec and would count the
# memory of the test runner that forked it.
_RSS_WRAPPER = """
import resource, sys
from datacard.cli import main

def peak_kb():
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak // 1024 if sys.platform == "darwin" else peak  # bytes on macOS, KB elsewhere

sys.argv = ["datacard", *sys.argv[1:]]
try:
    main()
finally:
    sys.stderr.write(f"\\nMAXRSS {peak_kb()}\\n")
"""


def _subprocess_with_rss(args: list[str], timeout: float = 120) -> _Done:
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", _RSS_WRAPPER, *args], capture_output=True, text=True,
                          timeout=timeout, check=False)
    assert "Traceback" not in done.stderr and "Traceback" not in done.stdout, done.stderr[-2000:]
    rss_line = [line for line in done.stderr.splitlines() if line.startswith("MAXRSS ")]
    assert rss_line, f"the process died (exit {done.returncode}): {done.stderr[-2000:]}"
    return _Done(done.returncode, done.stdout, done.stderr, int(rss_line[-1].split()[1]),
                 time.perf_counter() - start)


DEEP_100K = {
    "block": lambda: "- " * 100_000 + "x\n",
    "flow-seq": lambda: "a: " + "[" * 100_000 + "]" * 100_000 + "\n",
    "flow-map": lambda: "a: " + "{b: " * 100_000 + "1" + "}" * 100_000 + "\n",
    "flow-unclosed": lambda: "a: " + "[" * 100_000 + "\n",
}


@pytest.mark.parametrize("style", sorted(DEEP_100K))
def test_100k_deep_nesting_does_not_crash(style: str, tmp_path: Path) -> None:
    # libyaml's C composer overflows the stack near this depth; the loader must not call it.
    path = tmp_path / "deep.datacard.yaml"
    path.write_text(DEEP_100K[style]())
    done = _subprocess_with_rss(["validate", "--output-format", "json", str(path)])
    findings = json.loads(done.stdout)["findings"]
    assert done.returncode == 1
    assert [(f["code"], f["line"]) for f in findings] == [("DC008", 1)]
    # A safety bound, not a benchmark: libyaml's scanner is quadratic in flow depth, so reading
    # such a file to its end took tens of seconds before the depth check learnt to stop early.
    assert done.seconds < 15


def test_billion_laughs_memory_is_bounded(tmp_path: Path) -> None:
    path = tmp_path / "laughs.datacard.yaml"
    path.write_text(_laughs(10))
    done = _subprocess_with_rss(["validate", "--output-format", "json", str(path)])
    assert done.returncode == 1
    assert [f["code"] for f in json.loads(done.stdout)["findings"]] == ["DC007"]
    assert done.max_rss_kb < 200_000


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symlinks on this platform")
@pytest.mark.parametrize("command", ["validate", "lint"])
def test_symlink_loop_in_searched_directory(command: str, tmp_path: Path) -> None:
    tree = tmp_path / "tree"
    (tree / "sub").mkdir(parents=True)
    (tree / "sub" / "reviews.datacard.yaml").write_text(VALID)
    os.symlink(tree, tree / "sub" / "loop")  # tree/sub/loop -> tree: a cycle
    os.symlink(tree / "sub" / "self", tree / "sub" / "self")  # a link to itself
    # lint's quality rules would warn about the minimal datasheet; only loading is at stake here.
    select = ["--select", "DC0,DC1"] if command == "lint" else []
    result = runner.invoke(app, [command, *select, "--output-format", "json", str(tree)])
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    payload = json.loads(result.stdout)
    assert payload["summary"]["files"] == 1
    assert payload["findings"] == []
    assert result.exit_code == 0


def test_unreadable_file_is_an_input_error(tmp_path: Path) -> None:
    missing = tmp_path / "missing.datacard.yaml"
    code, _, output = _json_run(["validate", str(missing)])
    assert code == 2 and "no such file" in output


LINEAGE = [
    ("self", "data/a.datacard.yaml", "a.datacard.yaml"),
    ("outside", "data/a.datacard.yaml", "../../outside.datacard.yaml"),
    ("absolute", "data/a.datacard.yaml", "/etc/passwd"),
]


@pytest.mark.parametrize(("name", "sheet", "target"), LINEAGE, ids=[case[0] for case in LINEAGE])
def test_lineage_path_outside_or_self(name: str, sheet: str, target: str, tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    path = repo / sheet
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(VALID + f"origin:\n  sources:\n    - datacard: {target}\n")
    (tmp_path / "outside.datacard.yaml").write_text(VALID)
    result = runner.invoke(app, ["lint", "--select", "DC3", "--output-format", "json", str(path)])
    assert "Traceback" not in result.output
    findings = json.loads(result.stdout)["findings"]
    assert result.exit_code == 1
    assert [(f["code"], f["line"]) for f in findings] == [("DC309", 6)]
