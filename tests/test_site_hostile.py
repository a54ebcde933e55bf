"""`datacard site` against an output folder and datasheets made by someone hostile: a rebuild
never deletes or reads a file outside the site, and no page overwrites another's."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from datacard.cli import app
from datacard.site.output import MANIFEST
from tests.site_cases import EXAMPLES

pytest.importorskip("igraph", reason="the site needs the 'site' extra (igraph)")

SHEET = EXAMPLES / "yelp-reviews.datacard.yaml"


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.output


# A folder of the site replaced by a link to a folder outside it, and a manifest that names a
# file there with its true digest (whoever committed the output folder knows it): a rebuild
# takes the file for one of its own and deletes it, unless every folder on the way is real.
@pytest.mark.parametrize("listed", ["elsewhere/victim.txt", "real/elsewhere/victim.txt",
                                    "elsewhere/sub/victim.txt"])
def test_a_rebuild_deletes_nothing_through_a_linked_folder(tmp_path: Path, listed: str) -> None:
    outside = tmp_path / "outside"
    (outside / "sub").mkdir(parents=True)
    victim = outside / listed.split("elsewhere/", 1)[1]
    victim.write_text("precious")
    out = tmp_path / "site"
    assert run("site", str(SHEET), "-o", str(out), "--quiet")[0] == 0
    link = out / listed.split("/elsewhere", 1)[0] / "elsewhere" if listed.startswith("real/") else out / "elsewhere"
    link.parent.mkdir(exist_ok=True)
    link.symlink_to(outside, target_is_directory=True)
    manifest = json.loads((out / MANIFEST).read_text())
    manifest["files"][listed] = hashlib.sha256(b"precious").hexdigest()
    (out / MANIFEST).write_text(json.dumps(manifest))
    code, output = run("site", str(SHEET), "-o", str(out), "--quiet")
    assert code == 0, output
    assert victim.read_text() == "precious"


def test_a_rebuild_removes_no_empty_folder_through_a_link(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    (outside / "empty").mkdir(parents=True)
    out = tmp_path / "site"
    assert run("site", str(SHEET), "-o", str(out), "--quiet")[0] == 0
    (out / "elsewhere").symlink_to(outside, target_is_directory=True)
    manifest = json.loads((out / MANIFEST).read_text())
    manifest["files"]["elsewhere/empty/gone.html"] = "0" * 64
    (out / MANIFEST).write_text(json.dumps(manifest))
    assert run("site", str(SHEET), "-o", str(out), "--quiet")[0] == 0
    assert (outside / "empty").is_dir()


def _named(folder: Path, name: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    text = SHEET.read_text(encoding="utf-8").replace("name: yelp-reviews", f"name: {name}", 1)
    (folder / f"{name}.datacard.yaml").write_text(text, encoding="utf-8")


def test_no_two_pages_share_a_file_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two datasets named alike get a page each, the second by a digest of its path; a third
    named like that fallback, and read first, must not take the second's page."""
    from datacard.project import resolve_project
    from datacard.site.catalogue import build_catalogue

    monkeypatch.chdir(tmp_path)
    _named(tmp_path / "a", "x")
    _named(tmp_path / "b", "x")
    pages = sorted(d.page for d in build_catalogue(resolve_project(["."])).datasets)
    fallback = next(p for p in pages if p != "datasets/x.html").removeprefix("datasets/").removesuffix(".html")
    _named(tmp_path / "0", fallback)  # read before a/ and b/
    datasets = build_catalogue(resolve_project(["."])).datasets
    assert len({d.page for d in datasets}) == len(datasets) == 3


@pytest.mark.parametrize("title", ["Main", "Site charts h", "Site findings", "Chart splits title", "Q",
                                   "Rule dc201", "Page graph", "Catalogue"])
def test_a_heading_takes_no_id_of_the_page(tmp_path: Path, title: str) -> None:
    """The datasheet's title is the page's <h1>: its id is a slug of the title, and `# Main`
    gave a second id="main" (the skip link's target), `# Site charts h` the label of a section."""
    import collections
    import re

    source = tmp_path / "src"
    source.mkdir()
    text = SHEET.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^title: .*$", f"title: {title}", text, count=1)
    (source / "x.datacard.yaml").write_text(text, encoding="utf-8")
    out = tmp_path / "site"
    assert run("site", str(source), "-o", str(out), "--quiet")[0] == 0
    assert run("render", str(source / "x.datacard.yaml"), "--format", "html", "-o", str(tmp_path / "x.html"))[0] == 0
    for page in [*out.rglob("*.html"), tmp_path / "x.html"]:
        ids = collections.Counter(re.findall(r'\bid="([^"]+)"', page.read_text(encoding="utf-8")))
        assert [i for i, n in ids.items() if n > 1] == [], page.name
