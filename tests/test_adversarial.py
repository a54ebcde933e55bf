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
from typing import Any

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


# --- issue 14: bounded cost per finding, no traceback from any input -------------------------

def _crash_when(name: str, monkeypatch: pytest.MonkeyPatch, how: Callable[[], None]) -> None:
    """Make validation fail inside datacard for the file called ``name``: a stand-in bug."""
    from datacard import runner

    real = runner.check_file

    def check_file(path: str, **options: Any) -> Any:
        if os.path.basename(path) == name:
            how()
        return real(path, **options)

    monkeypatch.setattr(runner, "check_file", check_file)


def _raise() -> None:
    raise RecursionError("secret text of the file")


def _die() -> None:
    os._exit(3)  # a worker killed outright, as by the kernel's out-of-memory killer


def _many(tmp_path: Path, count: int) -> list[str]:
    paths = []
    for i in range(count):
        path = tmp_path / f"f{i:03d}.datacard.yaml"
        path.write_text(VALID + "colour: red\n")
        paths.append(str(path))
    return paths


CRASHES = [(1, _raise), (2, _raise), (2, _die)]


@pytest.mark.parametrize(("jobs", "how"), CRASHES, ids=["sequential", "parallel", "worker-dies"])
def test_a_crash_in_one_file_loses_no_other_file(jobs: int, how: Callable[[], None], tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    import multiprocessing

    from datacard.runner import PARALLEL_THRESHOLD, crashed, validate_many

    if jobs > 1 and multiprocessing.get_start_method() != "fork":
        pytest.skip("the stand-in bug reaches workers only when they are forked")
    paths = _many(tmp_path, PARALLEL_THRESHOLD + 6)
    _crash_when("f033.datacard.yaml", monkeypatch, how)
    report = validate_many(paths, jobs=jobs)
    by_file: dict[str, list[str]] = {}
    for finding in report.findings:
        by_file.setdefault(os.path.basename(finding.path), []).append(finding.code)
    assert by_file.pop("f033.datacard.yaml") == ["DC018"]
    # Every other file keeps its finding; a worker's death may take the files it held with it,
    # and those are internal errors too, never silently clean.
    assert len(by_file) == len(paths) - 1
    assert all(found in (["DC101"], ["DC018"]) for found in by_file.values())
    if how is _raise:
        assert all(found == ["DC101"] for found in by_file.values())
    assert crashed(report.findings)


def test_an_internal_error_exits_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    paths = _many(tmp_path, 3)
    _crash_when("f001.datacard.yaml", monkeypatch, _raise)
    code, findings, _ = _json_run(["validate", "--jobs", "1", *paths])
    assert code == 2
    assert sorted(str(f["code"]) for f in findings) == ["DC018", "DC101", "DC101"]
    message = next(str(f["message"]) for f in findings if f["code"] == "DC018")
    # The exception's type, never its text: that may quote the file.
    assert "RecursionError" in message and "report" in message and "secret" not in message


FINDINGS_CAP = [
    ("unknown-keys", lambda: "".join(f"unknown_key_{i}: v\n" for i in range(40_000)), "DC101", 39_000),
    ("wrong-types", lambda: "keywords:\n" + "".join(f"  - {i}\n" for i in range(5_000)), "DC103", 4_000),
]


@pytest.mark.parametrize(("name", "body", "code", "left_out"), FINDINGS_CAP, ids=[c[0] for c in FINDINGS_CAP])
def test_findings_per_file_are_capped_with_a_summary(name: str, body: Callable[[], str], code: str,
                                                     left_out: int, tmp_path: Path) -> None:
    path = tmp_path / "many.datacard.yaml"
    path.write_text(VALID + body())
    exit_code, findings, _ = _json_run(["validate", str(path)])
    assert exit_code == 1
    assert [f["code"] for f in findings] == [code] * 1000 + ["DC017"]
    lines = [int(str(f["line"])) for f in findings]
    assert lines == sorted(lines)  # the first thousand in file order, then the summary after them
    assert f"{left_out:,} more findings" in str(findings[-1]["message"])
    assert f"{code} x{left_out:,}" in str(findings[-1]["message"])


HUGE_NUMBERS = [
    ("hex-count", "composition:\n  count: 0x" + "f" * 3600 + "\n", "DC015", 5),
    ("decimal-title", "summary: " + "9" * 5000 + "\n", "DC015", 4),
    ("octal-in-list", "keywords: [a, 0o" + "7" * 5000 + "]\n", "DC015", 4),
    ("count-past-64-bits", "composition:\n  count: 99999999999999999999999\n", "DC103", 5),
    ("int-tag-on-text", "composition:\n  count: !!int abc\n", "DC014", 5),
    ("verbatim-float-tag", "composition:\n  count: !<tag:yaml.org,2002:float> x\n", "DC014", 5),
]


@pytest.mark.parametrize("command", [["validate"], ["render"], ["export", "hf"], ["export", "croissant"]],
                         ids=["validate", "render", "export-hf", "export-croissant"])
@pytest.mark.parametrize(("name", "body", "code", "line"), HUGE_NUMBERS, ids=[c[0] for c in HUGE_NUMBERS])
def test_numbers_and_tags_that_crashed_commands(name: str, body: str, code: str, line: int, command: list[str],
                                                tmp_path: Path) -> None:
    path = tmp_path / "n.datacard.yaml"
    path.write_text(VALID + body)
    result = runner.invoke(app, [*command, str(path)])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    assert result.exit_code == 1
    assert f"{path}:{line}:" in result.output and code in result.output


def test_a_huge_flat_list_is_stopped_early(tmp_path: Path) -> None:
    # 9.4 MB of `keywords: [k, k, ...]`: once 37 s and 1.5 GB; now a finding, read no further.
    path = tmp_path / "kw.datacard.yaml"
    path.write_text(VALID + "keywords: [" + "k, " * 3_100_000 + "k]\n")
    done = _subprocess_with_rss(["validate", "--output-format", "json", str(path)])
    findings = json.loads(done.stdout)["findings"]
    assert [(f["code"], f["line"]) for f in findings] == [("DC016", 4)]
    assert done.max_rss_kb < 250_000  # a safety bound, not a benchmark (bench/scaling.py measures)


HF_LIST_KEYS = ["annotations_creators", "multilinguality", "language_creators", "language", "license",
                "task_categories", "task_ids", "tags", "source_datasets", "configs", "dataset_info",
                "language_details", "pretty_name", "size_categories", "paperswithcode_id"]
HF_ODD_VALUES = ["[[a]]", "[{a: 1}]", "{a: [[b]]}", "[[[]], {}]", "5", "[true, -1, 1.5]", "[~]",
                 "{splits: [{name: x, num_examples: true}], dataset_size: -1}"]


@pytest.mark.parametrize("value", HF_ODD_VALUES)
def test_import_hf_takes_any_value_in_any_key(value: str, tmp_path: Path) -> None:
    # Every key of a card's front matter may hold anything a YAML writer can produce.
    card = tmp_path / "README.md"
    card.write_text("---\n" + "".join(f"{key}: {value}\n" for key in HF_LIST_KEYS) + "---\n# A card\n")
    out = tmp_path / "out.datacard.yaml"
    result = runner.invoke(app, ["import", "hf", str(card), "-o", str(out)])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    assert result.exit_code in (0, 1), result.output
    if out.exists():  # what it writes is a datasheet that validates
        assert runner.invoke(app, ["validate", str(out)]).exit_code == 0
