"""One file selection for every command: gitignore without git, links, special files, the root."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from datacard.cli import app
from datacard.kinds import VALIDATE, Kind, classify
from datacard.project import resolve_project

SHEET = "schema_version: 1\nname: {name}\n"
SECRET = "TOKEN=hunter2-do-not-print"
CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


def write(root: Path, rel: str, text: str | None = None) -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text if text is not None else SHEET.format(name=path.name.split(".")[0]), encoding="utf-8")
    return path


def selected(root: Path, *args: str) -> list[str]:
    project = resolve_project([str(root), *args], isolated=True)
    return sorted(Path(p).relative_to(root).as_posix() for p in project.select(VALIDATE).files)


# --- .gitignore, read from the files ---------------------------------------------------------

IGNORES = {
    ".gitignore": "*.tmp.datacard.yaml\nbuild/\n/top-only.datacard.yaml\n!keep.tmp.datacard.yaml\n"
                  "logs/*\n!logs/wanted/\ndeep/**/z.datacard.yaml\n# a comment\n\\#hash.datacard.yaml\n",
    "a/.gitignore": "local.datacard.yaml\n!build/\n",
    "a/b/.gitignore": "!local.datacard.yaml\n",
}
FILES = [
    "x.datacard.yaml", "top-only.datacard.yaml", "a/top-only.datacard.yaml", "y.tmp.datacard.yaml",
    "keep.tmp.datacard.yaml", "build/b.datacard.yaml", "a/build/c.datacard.yaml", "a/local.datacard.yaml",
    "a/b/local.datacard.yaml", "logs/l.datacard.yaml", "logs/wanted/w.datacard.yaml",
    "logs/other/o.datacard.yaml", "secret.datacard.yaml", "a/secret.datacard.yaml",
    "deep/1/2/z.datacard.yaml", "deep/z2.datacard.yaml", "#hash.datacard.yaml", "sp ace/s.datacard.yaml",
]


def _tree(root: Path) -> None:
    for rel, text in IGNORES.items():
        write(root, rel, text)
    for rel in FILES:
        write(root, rel)


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_gitignore_matches_git_itself(tmp_path: Path) -> None:
    """The walk selects exactly what git does not ignore, judged by git (the oracle)."""
    env = {**os.environ, "HOME": str(tmp_path), "GIT_CONFIG_NOSYSTEM": "1", "XDG_CONFIG_HOME": str(tmp_path)}
    subprocess.run(["git", "init", "-q", str(tmp_path / "repo")], check=True, env=env)
    root = tmp_path / "repo"
    _tree(root)
    (root / ".git" / "info").mkdir(exist_ok=True)
    (root / ".git" / "info" / "exclude").write_text("secret.datacard.yaml\n", encoding="utf-8")
    listed = subprocess.run(["git", "ls-files", "-z", "--others", "--exclude-standard"], cwd=root, env=env,
                            capture_output=True, check=True).stdout.decode().split("\0")
    expected = sorted(p for p in listed if p.endswith(".datacard.yaml"))
    assert selected(root) == expected
    assert "a/build/c.datacard.yaml" in expected and "build/b.datacard.yaml" not in expected  # the oracle agrees
    assert len(selected(root, "--no-respect-gitignore")) <= len(FILES)


def test_gitignore_is_honoured_outside_a_git_checkout(tmp_path: Path) -> None:
    _tree(tmp_path)  # no .git: an unpacked archive of the repository
    chosen = selected(tmp_path)
    assert "build/b.datacard.yaml" not in chosen and "y.tmp.datacard.yaml" not in chosen
    assert {"x.datacard.yaml", "a/b/local.datacard.yaml", "logs/wanted/w.datacard.yaml"} <= set(chosen)
    project = resolve_project([str(tmp_path)], isolated=True)
    project.respect_gitignore = False
    assert len(project.select(VALIDATE).files) == len(FILES)


def test_a_symlinked_gitignore_is_not_read(tmp_path: Path) -> None:
    outside = write(tmp_path, "elsewhere/patterns", "*.datacard.yaml\n")
    write(tmp_path, "p/x.datacard.yaml")
    (tmp_path / "p" / ".git").mkdir()
    os.symlink(outside, tmp_path / "p" / ".gitignore")  # git refuses to follow it too
    assert selected(tmp_path / "p") == ["x.datacard.yaml"]


# --- links and special files ----------------------------------------------------------------


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "repo"
    (root / ".git").mkdir(parents=True)
    write(root, "real.datacard.yaml")
    write(tmp_path, "outside/secret.datacard.yaml", f"schema_version: 1\nname: {SECRET}\n")
    write(tmp_path, "outside/env", SECRET + "\0OTHER=1\n")
    monkeypatch.chdir(root)
    return root


def test_a_root_link_does_not_make_the_walk_wander(project: Path) -> None:
    os.symlink("/", project / "rootlink")
    for flags in ([], ["--follow-links"]):
        code, out = run("validate", ".", "--output-format", "json", *flags)
        assert code == 0 and json.loads(out)["summary"]["files"] == 1


@pytest.mark.parametrize("target", ["outside/env", "outside/secret.datacard.yaml", "/proc/self/environ"])
@pytest.mark.parametrize("fmt", ["concise", "full", "json", "github", "sarif"])
def test_a_link_out_of_the_project_is_never_read(project: Path, target: str, fmt: str) -> None:
    real = target if target.startswith("/") else str(project.parent / target)
    if not os.path.exists(real):
        pytest.skip(f"{real} does not exist here")
    os.symlink(real, project / "env.datacard.yaml")
    code, out = run("validate", ".", "--output-format", fmt)  # walked: a warning
    assert code == 1 and "DC024" in out and SECRET not in out and "PATH=" not in out
    code, out = run("validate", "env.datacard.yaml", "--output-format", fmt)  # named: an error
    assert code == 2 and "DC024" in out and SECRET not in out and "PATH=" not in out
    code, out = run("lint", "env.datacard.yaml", "--output-format", fmt)
    assert code == 2 and SECRET not in out


def test_allow_outside_root_lets_links_in(project: Path) -> None:
    os.symlink(write(project.parent, "outside/ok.datacard.yaml"), project / "shared.datacard.yaml")
    (project / "datacard.toml").write_text('allow-outside-root = ["../outside"]\n', encoding="utf-8")
    code, out = run("validate", ".", "--output-format", "json")
    assert code == 0 and json.loads(out)["summary"]["files"] == 2 and "DC024" not in out


def test_links_inside_the_project(project: Path) -> None:
    write(project, "data/inner.datacard.yaml")
    os.symlink(project / "real.datacard.yaml", project / "alias.datacard.yaml")  # a file link: read
    os.symlink(project / "data", project / "datalink")  # a directory link: only when asked
    os.symlink(project, project / "data" / "loop")  # a loop, for when links are followed

    def files(*flags: str) -> int:
        code, out = run("validate", ".", "--output-format", "json", *flags)
        assert code == 0
        return int(json.loads(out)["summary"]["files"])

    # The file link and its target are one file, read once.
    assert files() == 2
    assert files("--follow-links") == 2  # datalink/inner is data/inner: counted once
    (project / "datacard.toml").write_text("follow-links = true\n", encoding="utf-8")
    assert files() == 2 and files("--no-follow-links") == 2


def test_followed_links_reach_files_only_through_them(project: Path, tmp_path: Path) -> None:
    (project / "datacard.toml").write_text('allow-outside-root = ["../shared"]\n', encoding="utf-8")
    write(tmp_path, "shared/s.datacard.yaml")
    os.symlink(tmp_path / "shared", project / "shared")
    code, out = run("validate", ".", "--output-format", "json")
    assert code == 0 and json.loads(out)["summary"]["files"] == 1
    code, out = run("validate", ".", "--output-format", "json", "--follow-links")
    assert code == 0 and json.loads(out)["summary"]["files"] == 2


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_linked_pipe_is_not_read(project: Path) -> None:
    os.mkfifo(project / "pipe")
    os.symlink(project / "pipe", project / "p.datacard.yaml")
    code, out = run("validate", ".", "--output-format", "json")
    found = [(Path(f["path"]).name, f["code"]) for f in json.loads(out)["findings"]]
    assert code == 1 and found == [("p.datacard.yaml", "DC025")]


def test_an_unreadable_directory_is_reported(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(project, "locked/l.datacard.yaml")
    scandir = os.scandir

    def refusing(path: str) -> object:
        if os.path.basename(os.path.normpath(path)) == "locked":
            raise PermissionError(13, "Permission denied")
        return scandir(path)

    monkeypatch.setattr(os, "scandir", refusing)
    code, out = run("validate", ".", "--output-format", "json")
    found = json.loads(out)["findings"]
    assert code == 1 and [(f["path"], f["code"], f["severity"]) for f in found] == [
        ("locked", "DC026", "warning")]
    assert "Permission denied" in found[0]["message"]


# --- the one rule for quoting a file's lines ------------------------------------------------

QUOTES: list[tuple[str, Callable[[Path], Path], bool]] = [
    ("a datasheet in the project", lambda r: r / "real.datacard.yaml", True),
    ("a link to a datasheet outside", lambda r: _link(r, r.parent / "outside" / "secret.datacard.yaml"), False),
    ("a link to a file with NUL bytes", lambda r: _link(r, r.parent / "outside" / "env"), False),
    ("a link to /proc", lambda r: _link(r, Path("/proc/self/environ")), False),
    ("binary in the project", lambda r: write(r, "bin.datacard.yaml", "a: 1\n\0\n"), False),
    ("not UTF-8", lambda r: _bytes(r, "latin.datacard.yaml", b"name: caf\xe9\n"), False),
    ("not a YAML, Markdown or JSON name", lambda r: _link(r, write(r, "notes.txt", "secret: 1\n")), False),
    ("an empty file", lambda r: write(r, "empty.datacard.yaml", ""), False),
]


def _link(root: Path, target: Path) -> Path:
    link = root / "link.datacard.yaml"
    os.symlink(target, link)
    return link


def _bytes(root: Path, name: str, raw: bytes) -> Path:
    (root / name).write_bytes(raw)
    return root / name


@pytest.mark.parametrize(("case", "make", "quoted"), QUOTES, ids=[q[0] for q in QUOTES])
def test_quoting_rule(project: Path, case: str, make: Callable[[Path], Path], quoted: bool) -> None:
    from datacard.quoting import quoted_lines

    path = make(project)
    if not os.path.exists(os.path.realpath(path)):
        pytest.skip("no /proc here")
    assert bool(quoted_lines(os.path.relpath(path))) is quoted


# --- lineage references stay in the project ------------------------------------------------

MANIFEST = ("schema_version: 1\nkind: training\nname: m\nmodel: {{name: m}}\ndata:\n"
            "  - {key}: {target}\n    revision: v1\n")


@pytest.mark.parametrize(("key", "target", "toml"), [
    ("datacard", "{outside}/secret.datacard.yaml", ""),  # absolute
    ("datacard", "../outside/secret.datacard.yaml", ""),
    ("datacard", "/etc/passwd", ""),
    ("dataset", "imdb", '[datasets]\nimdb = "../outside/secret.datacard.yaml"\n'),
])
def test_lineage_references_do_not_leave_the_project(project: Path, key: str, target: str, toml: str) -> None:
    outside = project.parent / "outside"
    write(project, "m.datacard.yaml", MANIFEST.format(key=key, target=target.format(outside=outside)))
    (project / "datacard.toml").write_text(toml, encoding="utf-8")
    code, out = run("lint", "m.datacard.yaml", "--output-format", "json")
    found = json.loads(out)
    assert [(f["code"], f["line"]) for f in found["findings"]] == [("DC301", 6)]
    assert "outside the project" in found["findings"][0]["message"] and SECRET not in out
    assert found["summary"]["files"] == 1  # the file outside was not read
    (project / "datacard.toml").write_text('allow-outside-root = ["../outside"]\n' + toml, encoding="utf-8")
    if target != "/etc/passwd":
        code, out = run("lint", "m.datacard.yaml", "--output-format", "json", "--select", "DC301")
        assert code == 0 and json.loads(out)["findings"] == []


def test_a_source_outside_the_project_is_reported_on_the_datasheet(project: Path) -> None:
    write(project, "d.datacard.yaml", "schema_version: 1\nname: d\norigin:\n  sources:\n"
          "    - datacard: ../outside/secret.datacard.yaml\n")
    code, out = run("lint", "d.datacard.yaml", "--select", "DC309", "--output-format", "json")
    assert code == 1 and [(f["code"], f["line"]) for f in json.loads(out)["findings"]] == [("DC309", 5)]
    assert SECRET not in out


# --- kinds of file, on real documents ------------------------------------------------------


@pytest.mark.skipif(not CORPUS.is_dir(), reason="the shared corpus is absent")
@pytest.mark.parametrize(("folder", "kinds"), [
    ("hf-dataset-cards", {Kind.DATASET_CARD, Kind.MARKDOWN}),  # two cards carry no front matter
    ("hf-model-cards", {Kind.MODEL_CARD}),
    ("croissant", {Kind.CROISSANT}),
])
def test_real_documents_are_recognised(folder: str, kinds: set[Kind]) -> None:
    found = {classify(str(p), 10 << 20) for p in (CORPUS / folder).iterdir()}
    assert found == kinds


@pytest.mark.parametrize(("name", "text", "kind"), [
    ("README.md", "---\nlicense: mit\ntask_categories: [text-classification]\n---\n# Data\n", Kind.DATASET_CARD),
    ("README.md", "---\ndatasets: [imdb]\nlibrary_name: transformers\n---\n", Kind.MODEL_CARD),
    ("card.md", "---\nschema_version: 1\nname: x\n---\n", Kind.MARKDOWN_DATASHEET),
    ("page.md", "---\ntitle: Home\nlayout: default\n---\n", Kind.MARKDOWN),
    ("README.md", "# Just prose\n", Kind.MARKDOWN),
    ("open.md", "---\nschema_version: 1\nname: x\n", Kind.MARKDOWN_DATASHEET),  # unclosed: DC012 from the loader
    ("meta.json", '{"@context": {"cr": "http://mlcommons.org/croissant/"}, "name": "x"}', Kind.CROISSANT),
    ("meta.json", '{"@context": "https://schema.org/", "name": "x"}', Kind.JSON),
    ("broken.json", "{", Kind.JSON),
    ("dvc.lock", "schema: '2.0'\n", Kind.DVC_LOCK),
    ("data.csv", "a,b\n", Kind.DATA),
])
def test_kinds(tmp_path: Path, name: str, text: str, kind: Kind) -> None:
    assert classify(str(write(tmp_path, name, text)), 1 << 20) is kind
