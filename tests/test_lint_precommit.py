"""The hooks in .pre-commit-hooks.yaml, run by the real `pre-commit` against a throwaway repository."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
COMPLETE = (ROOT / "tests" / "lint_cases" / "base" / "case-complete.datacard.yaml").read_text(encoding="utf-8")

pytestmark = pytest.mark.skipif(shutil.which("pre-commit") is None or shutil.which("git") is None,
                                reason="pre-commit or git is not installed")


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.email=t@example.com", "-c", "user.name=t", *args],
                   cwd=repo, check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    repo.mkdir()
    _git(repo, "init", "-q")
    (repo / "good.datacard.yaml").write_text(COMPLETE, encoding="utf-8")
    gappy = COMPLETE.replace("name: case-complete", "name: gappy").replace("identifiers: [hf:case_complete]\n", "")
    gappy = gappy.replace("  purpose: Train and evaluate sentiment classifiers on English product reviews.\n",
                          "  purpose: TBD\n")
    (repo / "gappy.datacard.yaml").write_text(gappy, encoding="utf-8")
    (repo / "notes.txt").write_text("not a datasheet\n", encoding="utf-8")
    (repo / "README.md").write_text("# A project, not a model card\n", encoding="utf-8")
    _git(repo, "add", ".")
    _git(repo, "commit", "-qm", "data")
    return repo


def _env(tmp_path: Path) -> dict[str, str]:
    return {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache"), "PRE_COMMIT_COLOR": "never"}


def _hooks() -> list[dict[str, object]]:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert isinstance(hooks, list)
    return hooks


def test_hook_definitions() -> None:
    assert [h["id"] for h in _hooks()] == ["datacard-validate", "datacard-lint"]
    for hook in _hooks():
        assert str(hook["entry"]).startswith("datacard ")


def test_hooks_run_in_pre_commit(repo: Path, tmp_path: Path) -> None:
    """The hooks as defined, run by pre-commit as local system hooks (no install needed)."""
    local = [{**hook, "language": "system"} for hook in _hooks()]
    config = {"repos": [{"repo": "local", "hooks": local}]}
    (repo / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    _git(repo, "add", ".pre-commit-config.yaml")
    result = subprocess.run(["pre-commit", "run", "--all-files"], cwd=repo, env=_env(tmp_path),
                            capture_output=True, text=True, timeout=300)
    out = result.stdout + result.stderr
    assert result.returncode == 1, out
    assert "datacard validate" in out and "datacard lint" in out
    assert "gappy.datacard.yaml:" in out and "DC202" in out
    assert "notes.txt" not in out
    fixed = (repo / "gappy.datacard.yaml").read_text().replace(
        "purpose: TBD", "purpose: Route support tickets by topic.")
    (repo / "gappy.datacard.yaml").write_text(fixed)
    result = subprocess.run(["pre-commit", "run", "--all-files"], cwd=repo, env=_env(tmp_path),
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.slow
def test_try_repo_installs_the_hook(repo: Path, tmp_path: Path, request: pytest.FixtureRequest) -> None:
    """`pre-commit try-repo` installs datacard from this checkout, as users' pre-commit will.

    Installing takes half a minute (pip builds a virtualenv), so it runs with `pytest -m slow`.
    """
    if "slow" not in (request.config.getoption("-m") or ""):
        pytest.skip("installs a virtualenv with pip: select it with `pytest -m slow`")
    result = subprocess.run(
        ["pre-commit", "try-repo", str(ROOT), "datacard-lint", "--all-files"],
        cwd=repo, env=_env(tmp_path), capture_output=True, text=True, timeout=900,
    )
    out = result.stdout + result.stderr
    if "Installing environment" in out and "datacard lint..." not in out:
        pytest.skip("pre-commit could not install the hook's environment offline (pip needs an index)")
    assert result.returncode == 1, out
    assert "gappy.datacard.yaml:" in out and "DC202" in out
