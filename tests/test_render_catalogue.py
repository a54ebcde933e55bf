"""`datacard render PATH... -o DIR`: many datasheets in one process, each page as `render -o`
writes it, with the same refusals; the one-file form is tested in test_render.py."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from datacard.cli import app
from datacard.cli.render import page_name
from tests.conftest import CASES, EXAMPLES

runner = CliRunner()
SHEETS = sorted(EXAMPLES.glob("*.datacard.yaml"))
MANIFEST = EXAMPLES / "training" / "ticket-router.datacard.yaml"


def _render(*args: object) -> Result:
    return runner.invoke(app, ["render", *map(str, args), "--isolated"])


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """Three datasheets, one of them in a subfolder, and a training manifest."""
    folder = tmp_path / "sheets"
    (folder / "more").mkdir(parents=True)
    for sheet in SHEETS[:2]:
        shutil.copy(sheet, folder / sheet.name)
    shutil.copy(SHEETS[2], folder / "more" / SHEETS[2].name)
    shutil.copy(MANIFEST, folder / MANIFEST.name)
    return folder


def test_each_page_is_what_render_writes_for_its_datasheet(tree: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    result = _render(tree, "-o", out)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == sorted(page_name(s.name) for s in SHEETS[:3])
    for source in tree.rglob("*.datacard.yaml"):
        if source.name == MANIFEST.name:
            continue  # a training manifest met in a folder is passed over
        alone = tmp_path / "alone.md"
        assert _render(source, "-o", alone, "--force").exit_code == 0
        assert (out / page_name(source.name)).read_bytes() == alone.read_bytes()


def test_pages_are_replaced_but_a_file_datacard_did_not_write_needs_force(tree: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    assert _render(tree, "-o", out).exit_code == 0
    mine = out / page_name(SHEETS[0].name)
    mine.write_text("notes of my own\n", encoding="utf-8")
    ours = out / page_name(SHEETS[1].name)
    ours.write_text(ours.read_text(encoding="utf-8") + "stale\n", encoding="utf-8")
    refused = _render(tree, "-o", out)
    assert refused.exit_code == 2 and "--force" in refused.stderr
    assert mine.read_text(encoding="utf-8") == "notes of my own\n"  # lost nothing
    assert "stale" not in ours.read_text(encoding="utf-8")  # the others are still written
    assert _render(tree, "-o", out, "--force").exit_code == 0
    assert mine.read_text(encoding="utf-8") != "notes of my own\n"


def test_check_says_which_pages_are_stale(tree: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    assert _render(tree, "-o", out, "--check").exit_code == 1  # nothing rendered yet
    assert _render(tree, "-o", out).exit_code == 0
    assert _render(tree, "-o", out, "--check").exit_code == 0
    page = out / page_name(SHEETS[0].name)
    page.write_text(page.read_text(encoding="utf-8") + "edited\n", encoding="utf-8")
    result = _render(tree, "-o", out, "--check")
    assert result.exit_code == 1 and f"{page}: out of date" in result.stdout
    assert "edited" in page.read_text(encoding="utf-8")  # --check writes nothing


def test_two_datasheets_for_one_page_are_refused_and_the_first_is_kept(tmp_path: Path) -> None:
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        shutil.copy(SHEETS[0], tmp_path / folder / SHEETS[0].name)
    out = tmp_path / "site"
    result = _render(tmp_path / "a", tmp_path / "b", "-o", out)
    assert result.exit_code == 2 and "would both be rendered" in result.stderr
    assert [p.name for p in out.iterdir()] == [page_name(SHEETS[0].name)]


def test_a_page_never_replaces_a_datasheet_it_renders(tmp_path: Path) -> None:
    sheet = tmp_path / "notes.md"  # a datasheet in Markdown front matter: its page would be itself
    sheet.write_text("---\nschema_version: 1\nname: notes\n---\nBody.\n", encoding="utf-8")
    before = sheet.read_bytes()
    shutil.copy(SHEETS[0], tmp_path / SHEETS[0].name)
    result = _render(sheet, tmp_path / SHEETS[0].name, "-o", tmp_path, "--force")
    assert result.exit_code == 2 and "is the input" in result.stderr
    assert sheet.read_bytes() == before


def test_an_invalid_datasheet_is_reported_and_the_others_rendered(tree: Path, tmp_path: Path) -> None:
    shutil.copy(CASES / "invalid" / "bad-enum.yaml", tree / "broken.datacard.yaml")
    out = tmp_path / "site"
    result = _render(tree, "-o", out)
    assert result.exit_code == 1 and "DC104" in result.stdout
    assert not (out / "broken.md").exists() and len(list(out.iterdir())) == 3


def test_a_named_training_manifest_is_not_a_datasheet(tree: Path, tmp_path: Path) -> None:
    result = _render(tree / MANIFEST.name, tree / SHEETS[0].name, "-o", tmp_path / "site")
    assert result.exit_code == 1 and "found a training manifest" in result.stdout


@pytest.mark.parametrize(("args", "message"), [
    (["{a}", "{b}"], "need --output DIR"),
    (["{a}", "{b}", "-o", "{a}"], "is a file"),
    (["{a}", "{b}", "-o", "{out}", "--data", "{a}"], "--data measures"),
    (["{dir}"], "need --output DIR"),
])
def test_usage_errors(args: list[str], message: str, tree: Path, tmp_path: Path) -> None:
    values = {"a": str(tree / SHEETS[0].name), "b": str(tree / SHEETS[1].name), "out": str(tmp_path / "site"),
              "dir": str(tree)}
    result = _render(*(a.format(**values) for a in args))
    assert result.exit_code == 2 and message in result.stderr
    assert not (tmp_path / "site").exists()


@pytest.mark.parametrize(("path", "page"), [
    ("yelp.datacard.yaml", "yelp.md"),
    ("yelp.datacard.yml", "yelp.md"),
    ("ecb/README.md", "ecb.md"),
    ("ecb/metadata.json", "ecb.md"),
    ("ecb/ecb.croissant.json", "ecb.md"),
    ("notes.md", "notes.md"),
    ("sheet.YAML", "sheet.md"),
])
def test_page_names(path: str, page: str) -> None:
    assert page_name(path) == page
