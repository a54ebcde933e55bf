"""How datacard writes: never a datasheet that does not validate, never over another writer's
change, through symbolic links, and without debris when a signal ends it (issue 14)."""

from __future__ import annotations

import importlib
import os
import signal
import stat
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from datacard.cli import app
from datacard.data.parquet import METADATA_KEY
from datacard.load import load_text
from datacard.runner import default_jobs
from datacard.validate import validate_loaded
from datacard.write import fingerprint, write_text_atomic

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "yelp-reviews.datacard.yaml"
BROKEN = "schema_version: 1\nname: [unclosed\n"
SHEET = "schema_version: 1\nname: s\ncomposition:\n  fields:\n    - name: label  # the target\n    - name: text\n"
CSV = "label,text\n1,a\n0,b\n1,\n"
HF_CARD = "---\nlicense: mit\nlanguage:\n- en\npretty_name: Reviews\n---\n# Reviews\n\nShort reviews.\n"

runner = CliRunner()


def _valid(text: str) -> bool:
    model, report = validate_loaded(load_text(text, "x.datacard.yaml"))
    return model is not None and not report.errors


# --- the datasheet guard: every command that writes a datasheet ---------------------------

def _profile_args(tmp: Path) -> list[str]:
    (tmp / "data.csv").write_text(CSV)
    (tmp / "s.datacard.yaml").write_text(SHEET)
    return ["profile", str(tmp / "data.csv"), "-d", str(tmp / "s.datacard.yaml")]


def _import_args(tmp: Path) -> list[str]:
    (tmp / "README.md").write_text(HF_CARD)
    return ["import", "hf", str(tmp / "README.md")]


def _extract_args(tmp: Path) -> list[str]:
    table = pa.table({"a": [1]}).replace_schema_metadata({METADATA_KEY: BROKEN.encode()})
    pq.write_table(table, tmp / "carrier.parquet")
    return ["extract", str(tmp / "carrier.parquet")]


# (command, its arguments writing to the target, what to break so that it would write BROKEN)
GUARDED: dict[str, tuple[Callable[[Path, Path], list[str]], str | None]] = {
    "profile": (lambda tmp, out: [*_profile_args(tmp), "-o", str(out)], "datacard.data.merge.merge_measured"),
    "import-hf": (lambda tmp, out: [*_import_args(tmp), "-o", str(out)], "datacard.load.dump_yaml"),
    "init": (lambda tmp, out: ["init", str(out), "--name", "reviews"], "datacard.starter.starter_text"),
    "extract": (lambda tmp, out: [*_extract_args(tmp), "-o", str(out)], None),  # it carries BROKEN
}


def _broken(name: str) -> object:
    """What the broken function returns: BROKEN, or a merge result that holds it."""
    if name == "merge_measured":
        from datacard.data.merge import Merged

        return Merged(BROKEN)
    return BROKEN


@pytest.mark.parametrize("command", sorted(GUARDED))
def test_an_invalid_datasheet_is_never_written(command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    args, broken = GUARDED[command]
    if broken is not None:
        module, name = broken.rsplit(".", 1)
        monkeypatch.setattr(importlib.import_module(module), name, lambda *a, **k: _broken(name))
    target = tmp_path / "out.datacard.yaml"
    target.write_text("original\n")
    result = runner.invoke(app, [*args(tmp_path, target), "--force"])
    assert result.exit_code == 2, result.output
    assert "not be a valid datasheet" in result.output and "DC004" in result.output
    assert "Traceback" not in result.output
    assert target.read_text() == "original\n"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_profile_updates_the_issue_layout_in_place(tmp_path: Path) -> None:
    args = _profile_args(tmp_path)
    sheet = tmp_path / "s.datacard.yaml"
    sheet.write_text("schema_version: 1\nname: s\ncomposition:\n  count:\t5\n  fields:\n    # the fields\n"
                     "    - name: label  # what we predict\n      description: the label\n    - name: text\n"
                     "# a comment at column 0 after the section\n")
    # 3 rows where the datasheet counts 5 are a sample unless the count is accepted as it is now.
    result = runner.invoke(app, [*args, "-o", str(sheet), "--force", "--accept", "composition.count"])
    assert result.exit_code == 0, result.output
    text = sheet.read_text()
    assert _valid(text) and "count:\t3" in text
    assert "    - name: text\n      type: string\n      missing: 0.333333\n      distinct: 2\n" in text
    assert text.endswith("\n# a comment at column 0 after the section\n")
    assert text.index("  measured:\n") > text.index("    - name: text\n")


def test_profile_refuses_when_the_datasheet_changed_meanwhile(tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """Two `profile -o` on one file: the second writer must not erase the first one's change."""
    import datacard.cli.data as cli_data

    args = _profile_args(tmp_path)
    sheet = tmp_path / "s.datacard.yaml"
    other = SHEET.replace("name: s", "name: changed-by-another-writer")
    real = cli_data.measure

    def measure_while_another_writes(*a: object, **k: object) -> object:
        write_text_atomic(sheet, other, overwrite=True)
        return real(*a, **k)  # type: ignore[arg-type]

    monkeypatch.setattr(cli_data, "measure", measure_while_another_writes)
    result = runner.invoke(app, [*args, "-o", str(sheet), "--force"])
    assert result.exit_code == 2, result.output
    assert "changed since datacard read it" in result.output
    assert sheet.read_text() == other


def test_a_fingerprint_sees_a_same_size_rewrite(tmp_path: Path) -> None:
    path = tmp_path / "f.yaml"
    path.write_text("name: a\n")
    before = fingerprint(path)
    stamp = os.stat(path)
    path.write_text("name: b\n")
    os.utime(path, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))  # same size, same mtime
    assert fingerprint(path) != before


# --- where writes land: symbolic links and special files -----------------------------------

WRITERS = {
    "render": lambda tmp, out: ["render", str(EXAMPLE), "-o", str(out)],
    "init": lambda tmp, out: ["init", str(out), "--name", "reviews"],
    "profile": lambda tmp, out: [*_profile_args(tmp), "-o", str(out)],
}


@pytest.mark.parametrize("command", sorted(WRITERS))
def test_writing_to_a_symlink_writes_through_to_its_target(command: str, tmp_path: Path) -> None:
    if not EXAMPLE.exists():
        pytest.skip("examples/ is not present")
    real = tmp_path / "real" / "target.datacard.yaml"
    real.parent.mkdir()
    real.write_text("old\n")
    link = tmp_path / "link.datacard.yaml"
    link.symlink_to(real)
    result = runner.invoke(app, [*WRITERS[command](tmp_path, link), "--force"])
    assert result.exit_code in (0, 1), result.output
    assert link.is_symlink() and link.resolve() == real.resolve()
    assert real.read_text() != "old\n"
    assert sorted(p.name for p in real.parent.iterdir()) == ["target.datacard.yaml"]


def test_a_dangling_symlink_is_refused(tmp_path: Path) -> None:
    link = tmp_path / "link.datacard.yaml"
    link.symlink_to(tmp_path / "nowhere" / "x.yaml")
    result = runner.invoke(app, ["init", str(link), "--name", "reviews", "--force"])
    assert result.exit_code == 2 and "does not exist" in result.output
    assert link.is_symlink() and not (tmp_path / "nowhere").exists()


def test_a_pipe_is_written_in_place_not_replaced(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    write_text_atomic(fifo, "through the pipe\n", overwrite=True)
    reader.join()
    assert received == [b"through the pipe\n"] and stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_a_directory_is_refused(tmp_path: Path) -> None:
    result = runner.invoke(app, ["render", str(EXAMPLE), "-o", str(tmp_path), "--force"])
    assert result.exit_code == 2 and "directory" in result.output


# --- signals: the temporary file goes, and the process dies of the signal ------------------

_BLOCKING_WRITE = """
import sys, time
from datacard.write import replacing
with replacing(sys.argv[1], overwrite=True) as tmp:
    with open(tmp, "wb") as out:
        out.write(b"half of it")
    print("ready", flush=True)
    time.sleep(120)
"""

_BLOCKING_EMBED = """
import sys, time
import datacard.data.parquet as parquet
real = parquet.copy_range
def half_then_wait(source, out, length):
    real(source, out, length // 2)
    print("ready", flush=True)
    time.sleep(120)
parquet.copy_range = half_then_wait
from datacard.cli import main
sys.argv = ["datacard", "embed", sys.argv[2], sys.argv[1]]
main()
"""


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP, signal.SIGUSR1, signal.SIGALRM],
                         ids=lambda s: signal.Signals(s).name)
@pytest.mark.parametrize("script", [_BLOCKING_WRITE, _BLOCKING_EMBED], ids=["atomic-write", "embed"])
def test_a_terminating_signal_removes_the_temporary_file(script: str, sig: int, tmp_path: Path) -> None:
    target = tmp_path / "data.parquet"
    pq.write_table(pa.table({"a": list(range(10_000))}), target)
    before = target.read_bytes()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    with subprocess.Popen([sys.executable, "-c", script, str(target), str(EXAMPLE)], env=env,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) as proc:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        assert line == "ready\n", proc.stderr.read() if proc.stderr else ""
        assert len(list(tmp_path.iterdir())) == 2  # the temporary file exists mid-write
        proc.send_signal(sig)
        proc.wait(timeout=60)
    assert proc.returncode == -sig  # died of the signal, as the caller expects
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data.parquet"]
    assert target.read_bytes() == before


def test_handlers_are_restored_after_a_write(tmp_path: Path) -> None:
    before = {s: signal.getsignal(s) for s in (signal.SIGTERM, signal.SIGHUP, signal.SIGINT)}
    write_text_atomic(tmp_path / "x.yaml", "a: 1\n")
    assert {s: signal.getsignal(s) for s in before} == before


# --- --jobs ---------------------------------------------------------------------------------

@pytest.mark.parametrize("requested", [None, 0, 1, 2, 100, 10_000])
def test_jobs_never_exceed_the_usable_cores(requested: int | None) -> None:
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    jobs = default_jobs(requested)
    assert 1 <= jobs <= usable
    assert jobs == (min(requested, usable) if requested else usable)
