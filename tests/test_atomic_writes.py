"""Commands that write files leave the original untouched when they fail, and leave no debris.

Each writing command runs over a target that already exists: once when the final rename
fails (as on a full disk or a read-only mount), once when the data cannot be flushed, and once
without ``--force``. In every case the original bytes survive, no temporary file is left in
the directory, the exit code is 2 and no traceback is printed. Targets are written into a
folder of their own, so that "nothing else in the folder" means no temporary file was left.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from datacard.cli import app

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "yelp-reviews.datacard.yaml"
ORIGINAL = b"original content that must survive\n"

runner = CliRunner()


def _parquet(path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    pq.write_table(pa.table({"text": ["good", "bad"], "label": [1, 0]}), path)


HF_CARD = "---\nlicense: mit\nlanguage:\n- en\npretty_name: Reviews\n---\n# Reviews\n\nShort reviews.\n"


def _hf_card(inputs: Path) -> None:
    (inputs / "README.md").write_text(HF_CARD)


def _croissant(inputs: Path) -> None:
    result = runner.invoke(app, ["export", "croissant", str(EXAMPLE), "-o", str(inputs / "croissant.json")])
    assert result.exit_code in (0, 1), result.output


def _carrier(inputs: Path) -> None:
    _parquet(inputs / "carrier.parquet")
    result = runner.invoke(app, ["embed", str(EXAMPLE), str(inputs / "carrier.parquet")])
    assert result.exit_code == 0, result.output


def _csv(inputs: Path) -> None:
    (inputs / "data.csv").write_text("text,label\ngood,1\nbad,0\n")


@dataclass(frozen=True)
class Writer:
    name: str
    target: str
    # (output folder, input folder) -> arguments
    args: Callable[[Path, Path], list[str]]
    prepare: Callable[[Path], None] | None = None  # makes the target when it is not plain text
    inputs: Callable[[Path], None] | None = None  # writes the command's input files
    force: str = "--force"


WRITERS = [
    Writer("render", "out.md", lambda d, i: ["render", str(EXAMPLE), "-o", str(d / "out.md")]),
    Writer("init", "new.datacard.yaml",
           lambda d, i: ["init", str(d / "new.datacard.yaml"), "--name", "reviews"]),
    Writer("export-hf", "README.md", lambda d, i: ["export", "hf", str(EXAMPLE), "-o", str(d / "README.md")]),
    Writer("export-croissant", "croissant.json",
           lambda d, i: ["export", "croissant", str(EXAMPLE), "-o", str(d / "croissant.json")]),
    Writer("import-hf", "reviews.datacard.yaml",
           lambda d, i: ["import", "hf", str(i / "README.md"), "-o", str(d / "reviews.datacard.yaml")],
           inputs=_hf_card),
    Writer("import-croissant", "reviews.datacard.yaml",
           lambda d, i: ["import", "croissant", str(i / "croissant.json"), "-o", str(d / "reviews.datacard.yaml")],
           inputs=_croissant),
    Writer("embed", "data.parquet", lambda d, i: ["embed", str(EXAMPLE), str(d / "data.parquet")], _parquet),
    Writer("extract", "out.datacard.yaml",
           lambda d, i: ["extract", str(i / "carrier.parquet"), "-o", str(d / "out.datacard.yaml")],
           inputs=_carrier),
    Writer("profile", "composition.yaml",
           lambda d, i: ["profile", str(i / "data.csv"), "-o", str(d / "composition.yaml")], inputs=_csv),
    Writer("represent", "table.md",
           lambda d, i: ["represent", str(i / "data.csv"), "--subgroup", "text", "-o", str(d / "table.md")],
           inputs=_csv),
]


def _available(writer: Writer) -> bool:
    import typer.main

    group = typer.main.get_command(app)
    return writer.args(Path("x"), Path("y"))[0] in getattr(group, "commands", {})


def _setup(writer: Writer, tmp_path: Path) -> tuple[Path, list[str], bytes]:
    """The output folder, the command's arguments, and the target's bytes before the run."""
    if not EXAMPLE.exists():
        pytest.skip("examples/ is not present")
    folder, inputs = tmp_path / "out", tmp_path / "in"
    folder.mkdir()
    inputs.mkdir()
    args = writer.args(folder, inputs)
    if not _available(writer):
        pytest.skip(f"`datacard {args[0]}` does not exist")
    if writer.inputs is not None:
        writer.inputs(inputs)
    target = folder / writer.target
    if writer.prepare is not None:
        writer.prepare(target)
    else:
        target.write_bytes(ORIGINAL)
    return folder, args, target.read_bytes()


def _fail(*_: object, **__: object) -> None:
    raise OSError(errno.EIO, "Input/output error (injected)")


def _assert_untouched(writer: Writer, folder: Path, before: bytes, result: object) -> None:
    output = getattr(result, "output", "")
    assert "Traceback" not in output
    assert getattr(result, "exit_code", None) == 2, output
    assert (folder / writer.target).read_bytes() == before
    assert sorted(p.name for p in folder.iterdir()) == [writer.target], "a temporary file was left behind"


@pytest.mark.parametrize("writer", WRITERS, ids=lambda w: w.name)
def test_failed_rename_keeps_the_original(writer: Writer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder, args, before = _setup(writer, tmp_path)
    monkeypatch.setattr(os, "replace", _fail)
    monkeypatch.setattr(os, "link", _fail)
    result = runner.invoke(app, [*args, writer.force])
    _assert_untouched(writer, folder, before, result)


@pytest.mark.parametrize("writer", WRITERS, ids=lambda w: w.name)
def test_failed_flush_keeps_the_original(writer: Writer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder, args, before = _setup(writer, tmp_path)
    monkeypatch.setattr(os, "fsync", _fail)
    real_replace = os.replace
    # Writers that do not fsync fail at the rename instead; either way nothing may change.
    monkeypatch.setattr(os, "replace", lambda *a, **k: _fail() if a[0] != a[1] else real_replace(*a, **k))
    monkeypatch.setattr(os, "link", _fail)
    result = runner.invoke(app, [*args, writer.force])
    _assert_untouched(writer, folder, before, result)


@pytest.mark.parametrize("writer", [w for w in WRITERS if w.name != "embed"], ids=lambda w: w.name)
def test_existing_file_needs_force(writer: Writer, tmp_path: Path) -> None:
    folder, args, before = _setup(writer, tmp_path)
    result = runner.invoke(app, args)
    _assert_untouched(writer, folder, before, result)


@pytest.mark.parametrize("writer", WRITERS, ids=lambda w: w.name)
def test_forced_write_replaces_whole(writer: Writer, tmp_path: Path) -> None:
    folder, args, before = _setup(writer, tmp_path)
    result = runner.invoke(app, [*args, writer.force])
    assert "Traceback" not in result.output
    assert result.exit_code in (0, 1), result.output
    assert (folder / writer.target).read_bytes() != before
    assert sorted(p.name for p in folder.iterdir()) == [writer.target]
