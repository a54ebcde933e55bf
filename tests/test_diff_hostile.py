"""`datacard diff` against versions written to mislead a reviewer or to break it: a change hidden
where other readers see it, numbers past a float, values that equal nothing, comments that
ping people, and links committed at a revision."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from datacard.cli import app
from datacard.diff.views import markdown_report
from tests.conftest import EXAMPLES
from tests.test_escape import tokens, walk

runner = CliRunner()
YELP = EXAMPLES / "yelp-reviews.datacard.yaml"
BASE = "schema_version: 1\nname: x\naudience:\n  license: CC-BY-4.0\n"


def _diff(tmp_path: Path, old: str, new: str, *args: str) -> tuple[int, str, str]:
    (tmp_path / "old.datacard.yaml").write_text(old, encoding="utf-8")
    (tmp_path / "new.datacard.yaml").write_text(new, encoding="utf-8")
    result = runner.invoke(app, ["diff", str(tmp_path / "old.datacard.yaml"), str(tmp_path / "new.datacard.yaml"),
                                 *args])
    return result.exit_code, result.stdout, result.stderr


# Every other YAML reader takes the last of two keys, or the second document; a diff of what
# datacard keeps showed "No changes" and exit 0 while the licence changed for everyone else.
@pytest.mark.parametrize("new", [
    pytest.param(BASE + "  license: proprietary\n", id="duplicate-key"),
    pytest.param(BASE + "---\naudience:\n  license: proprietary\n", id="second-document"),
    pytest.param(BASE + "  ? [license]\n  : proprietary\n", id="key-that-is-not-text"),
])
def test_a_version_other_readers_read_differently_is_not_compared(tmp_path: Path, new: str) -> None:
    code, out, err = _diff(tmp_path, BASE, new, "--fail-on", "any")
    assert code == 2 and "No changes" not in out
    assert "new.datacard.yaml" in err


@pytest.mark.parametrize(("old", "new"), [
    pytest.param("1", str(2**1023 * 2 - 1), id="int-past-a-float"),
    pytest.param("1e-300", "1e300", id="float-ratio-overflows"),
    pytest.param("1", ".inf", id="infinity"),
    pytest.param(".inf", ".inf", id="infinity-both"),
    pytest.param("1", ".nan", id="nan"),
])
@pytest.mark.parametrize("fmt", ["text", "markdown", "json"])
def test_counts_past_any_float_are_shown_not_crashed_on(tmp_path: Path, old: str, new: str, fmt: str) -> None:
    code, out, err = _diff(tmp_path, f"{BASE}composition:\n  count: {old}\n",
                           f"{BASE}composition:\n  count: {new}\n", "--output-format", fmt)
    assert code == 0 and "internal error" not in err
    assert "nan%" not in out and "inf%" not in out
    if fmt == "json":
        assert all(c["relative"] is None for f in json.loads(out)["files"] for c in f["changes"])


@pytest.mark.parametrize("value", [
    pytest.param("composition:\n  count: .nan\n", id="count"),
    pytest.param("keywords: [.nan, a]\n", id="in-a-list"),
    pytest.param("composition:\n  splits:\n    - {name: a, count: 1, share: .nan}\n", id="in-an-entry"),
])
def test_a_file_with_nan_does_not_differ_from_itself(tmp_path: Path, value: str) -> None:
    code, out, _ = _diff(tmp_path, BASE + value, BASE + value, "--fail-on", "any")
    assert (code, out) == (0, "No changes to the data of the datasheets.\n")


def test_entries_named_1_and_true_are_two_entries(tmp_path: Path) -> None:
    """Named uniquely by their typed names, kept apart when matched (1 == True in a dict)."""
    splits = "composition:\n  splits:\n    - {{name: 1, count: 3}}\n    - {{name: true, count: {}}}\n"
    code, out, _ = _diff(tmp_path, BASE + splits.format(4), BASE + splits.format(9), "--output-format", "json")
    assert code == 0
    changes = json.loads(out)["files"][0]["changes"]
    assert [(c["entry"], c["old"], c["new"]) for c in changes] == [("true", 4, 9)]


# --- Markdown for a pull-request comment ---------------------------------------------------------

FORGE = {
    "mention": "cc @octocat",
    "team": "ping @github/security",
    "issue": "fixes #1",
    "cross-repo": "see octo/repo#12",
    "gh-ref": "GH-12",
    "merge-request": "see !34",
    "url": "https://evil.example/login",
    "www": "www.evil.example",
    "email": "root@evil.example",
}
_LIVE = re.compile(r"@\w|#\d|!\d|GH-\d|\w://|www\.", re.IGNORECASE)


def _texts(markdown: str) -> list[str]:
    """The text a renderer shows outside code spans (mentions and autolinks live there)."""
    return [t.content for t in walk(tokens(markdown)[0]) if t.type == "text"]


@pytest.mark.parametrize("hostile", list(FORGE.values()), ids=list(FORGE))
def test_markdown_mentions_and_references_do_not_go_live(hostile: str) -> None:
    from datacard.context import NEEDS
    from datacard.diff import Side, compare

    old = {"schema_version": 1, "name": "x", "title": "A title", "origin": {"sources": [{"name": "a"}]}}
    new = {**old, "title": f"A new title, {hostile}", "origin": {"sources": [{"name": f"b {hostile}"}]}}
    markdown = markdown_report([compare(Side("x.datacard.yaml", old), Side("x.datacard.yaml", new), NEEDS)])
    shown = _texts(markdown)
    assert any(hostile in text.replace("\u200b", "") for text in shown)  # the reader sees what was written
    assert [text for text in shown if _LIVE.search(text)] == []


# --- links committed at a revision ------------------------------------------------------------------


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    monkeypatch.chdir(tmp_path)
    for args in (["init", "-q"], ["config", "user.email", "t@example.org"], ["config", "user.name", "t"]):
        subprocess.run(["git", *args], check=True, capture_output=True)
    return tmp_path


def _commit() -> None:
    subprocess.run(["git", "add", "-A"], check=True, capture_output=True)
    subprocess.run(["git", "commit", "-qm", "x"], check=True, capture_output=True)


# A file that was a symbolic link at the revision: its blob is the link's target, a path,
# which was read as a datasheet (DC010, exit 2); a link inside the tree is followed as the work
# tree follows it, and one that leaves the tree is no file.
@pytest.mark.parametrize(("target", "status"), [
    ("/etc/passwd", "added"),
    ("../../../etc/passwd", "added"),
    ("x.datacard.yaml", "added"),  # a link to itself
    ("real.datacard.yaml", "changed"),
    ("sub/../real.datacard.yaml", "changed"),
])
def test_a_link_committed_at_the_revision_is_followed_inside_the_tree_only(repo: Path, target: str,
                                                                            status: str) -> None:
    shutil.copy(YELP, "real.datacard.yaml")
    Path("sub").mkdir()
    Path("x.datacard.yaml").symlink_to(target)
    _commit()
    Path("x.datacard.yaml").unlink()
    Path("x.datacard.yaml").write_text(YELP.read_text(encoding="utf-8").replace("version: \"1.0\"", "version: \"1.1\""),
                                       encoding="utf-8")
    result = runner.invoke(app, ["diff", "--rev", "HEAD", "x.datacard.yaml", "--output-format", "json"])
    assert result.exit_code == 0, result.output
    files = {f["new"]: f["status"] for f in json.loads(result.stdout)["files"]}
    assert files == {"x.datacard.yaml": status}


def test_lists_of_values_are_compared_as_sets(monkeypatch: pytest.MonkeyPatch) -> None:
    """Two lists of N keywords were compared with a list lookup per value, N^2 comparisons (30,000
    keywords: two minutes); counted in comparisons of keys, not timed."""
    from datacard.diff import changes

    compared = 0

    class Key(tuple):  # type: ignore[type-arg]
        __hash__ = tuple.__hash__

        def __eq__(self, other: object) -> bool:
            nonlocal compared
            compared += 1
            return tuple.__eq__(self, other)

    plain = changes._key
    monkeypatch.setattr(changes, "_key", lambda value: Key(plain(value)))
    n = 400
    found = changes.diff_data({"keywords": [f"k{i}" for i in range(n)]}, {"keywords": [f"j{i}" for i in range(n)]}, ())
    assert len(found) == 2 * n
    assert compared < 10 * n


@pytest.mark.parametrize("raw", [
    pytest.param(b"schema_version: 1\nname: x\ntitle: caf\xe9\n", id="latin-1"),
    pytest.param(b"schema_version: 1\nname: x\ntitle: a\x00b\n", id="nul-byte"),
    pytest.param("schema_version: 1\nname: x\n".encode("utf-16"), id="utf-16"),
])
def test_a_revision_that_is_not_utf8_is_reported_as_the_work_tree_would_be(repo: Path, raw: bytes) -> None:
    """The revision's bytes were decoded with the bad ones replaced and compared: a title
    `caf\\ufffd` against the work tree's, where the work tree's own bad bytes are an error."""
    Path("x.datacard.yaml").write_bytes(raw)
    _commit()
    Path("x.datacard.yaml").write_text("schema_version: 1\nname: x\ntitle: café\n", encoding="utf-8")
    result = runner.invoke(app, ["diff", "--rev", "HEAD", "x.datacard.yaml"])
    assert result.exit_code == 2 and "DC003" in result.stderr and "\ufffd" not in result.output


@pytest.mark.parametrize("fmt", ["text", "json"])
@pytest.mark.parametrize("value", ["##[error]pwned", "::error file=x::pwned", "a ##[add-mask]b"])
def test_diff_output_cannot_run_a_workflow_command(tmp_path: Path, fmt: str, value: str) -> None:
    """diff runs in CI (`--fail-on regression`): a value holding GitHub's legacy `##[command]`,
    which the runner reads anywhere in a line, went out raw in the text and JSON reports."""
    code, out, _ = _diff(tmp_path, BASE, BASE + f"keywords: [{json.dumps(value)}]\ntitle: {json.dumps(value)}\n",
                         "--output-format", fmt)
    assert code == 0
    assert [line for line in out.splitlines() if line.lstrip().startswith("::") or "##[" in line] == []
    if fmt == "json":
        assert value in [c["new"] for c in json.loads(out)["files"][0]["changes"]]


# The old side of --rev was read with three git processes per file (rev-parse, ls-tree,
# cat-file): a pull request touching 300 datasheets paid 900 processes. Now a few in all, and
# the same bytes for every kind of entry.
def test_the_revision_is_read_in_a_few_git_processes_whatever_the_names(repo: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    from datacard.diff import gitrev

    names = [f"f{i}.yaml" for i in range(12)] + ["with space.yaml", "caf\u00e9.yaml", "[ab]*.yaml", "-dash.yaml"]
    for name in names:
        Path(name).write_text(f"name: {name}\n", encoding="utf-8")
    Path("sub").mkdir()
    Path("sub/real.yaml").write_text("name: real\n", encoding="utf-8")
    Path("chain1.yaml").symlink_to("chain2.yaml")
    Path("chain2.yaml").symlink_to("sub/real.yaml")
    Path("to-folder.yaml").symlink_to("sub")
    Path("out.yaml").symlink_to("../outside.yaml")
    Path("loop.yaml").symlink_to("loop.yaml")
    _commit()
    calls: list[list[str]] = []
    real_run = subprocess.run

    def counting(args: list[str], **kwargs: object) -> object:
        calls.append(args)
        return real_run(args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(gitrev.subprocess, "run", counting)
    monkeypatch.setattr(gitrev, "_CHUNK", 5)  # several listings, as thousands of names would need
    asked = [*names, "chain1.yaml", "to-folder.yaml", "out.yaml", "loop.yaml", "sub", "gone.yaml"]
    found = gitrev.show(str(repo), "HEAD", asked, 1000)
    expected = {name: f"name: {name}\n".encode() for name in names}
    expected |= {"chain1.yaml": b"name: real\n", "to-folder.yaml": None, "out.yaml": None, "loop.yaml": None,
                 "sub": None, "gone.yaml": None}
    assert found == expected
    assert len(calls) <= 1 + 2 * (len(asked) // 5 + 1) + 2 * gitrev._MAX_LINKS
    assert len([c for c in calls if "cat-file" in c]) <= 3  # files, then each round of links


def test_a_file_over_the_limit_at_the_revision_is_refused(repo: Path) -> None:
    Path("big.datacard.yaml").write_text("name: big\n" + "# padding\n" * 200, encoding="utf-8")
    _commit()
    Path("big.datacard.yaml").write_text("name: big\n", encoding="utf-8")
    result = runner.invoke(app, ["diff", "--rev", "HEAD", "--max-bytes", "100"])
    assert result.exit_code == 2 and "over the limit of 100" in result.output + result.stderr, result.output
