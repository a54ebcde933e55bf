"""`datacard site` and `render --format html` without a browser: what is written, where, and
that it says what the Markdown render and lint say (tests/test_site_browser.py opens it)."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from datacard import escape
from datacard.cli import app
from datacard.lint.engine import lint_paths
from datacard.project import resolve_project
from datacard.render import render_markdown
from datacard.site.catalogue import build_catalogue, status_of
from datacard.site.markdown_html import to_html
from datacard.site.output import MANIFEST
from datacard.validate import load_datasheet
from tests.site_cases import EXAMPLES

pytest.importorskip("igraph", reason="the site needs the 'site' extra (igraph)")

SHEETS = sorted(p.name for p in EXAMPLES.glob("*.datacard.yaml"))
# Pages show paths as lint does, as they were given: relative, so no page names this machine.
SOURCE = os.path.relpath(EXAMPLES)


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.output


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site") / "site"
    code, output = run("site", SOURCE, "-o", str(out), "--quiet")
    assert code == 0, output
    return out


def tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_the_examples_site_has_a_page_for_everything_lint_reads(site: Path) -> None:
    files = set(tree(site))
    assert {"index.html", "lineage.html", "rules.html", "assets/site.css", "assets/site.js", MANIFEST} <= files
    assert {f"datasets/{n.split('.')[0]}.html" for n in SHEETS} <= files
    assert {"models/ticket-router.html", "models/credit-offers.html", "models/bird-call-classifier.html",
            "models/norbert-parliament-party.html"} <= files
    for name, data in tree(site).items():
        assert b"/work/" not in data and b"/root/" not in data, name


def test_rebuilds_are_byte_identical(site: Path, tmp_path: Path) -> None:
    other = tmp_path / "again"
    assert run("site", SOURCE, "-o", str(other), "--quiet")[0] == 0
    assert tree(other) == tree(site)
    before = {p: os.stat(site / p).st_mtime_ns for p in tree(site)}
    assert run("site", SOURCE, "-o", str(site), "--quiet")[0] == 0
    assert {p: os.stat(site / p).st_mtime_ns for p in tree(site) if p != MANIFEST} == \
        {p: t for p, t in before.items() if p != MANIFEST}


def _headings_md(markdown: str) -> list[str]:
    lines, fence = [], False
    for line in markdown.split("\n"):
        if line.startswith("```"):
            fence = not fence
        elif not fence and re.match(r"#{1,6} ", line):
            lines.append(line.lstrip("#").strip())
    return lines


@pytest.mark.parametrize("name", SHEETS)
def test_the_page_is_the_markdown_render_in_order(site: Path, name: str) -> None:
    sheet, _ = load_datasheet(EXAMPLES / name)
    assert sheet is not None
    markdown = render_markdown(sheet)
    page = (site / "datasets" / f"{sheet.name}.html").read_text(encoding="utf-8")
    article = page.split('<article class="datasheet">', 1)[1].split("</article>", 1)[0]
    shown = [re.sub(r"<[^>]+>", "", h).replace(" #", "").strip()
             for h in re.findall(r"<h[1-6] id=[^>]*>(.*?)</h[1-6]>", article)]
    assert [escape.markdown_plain(h) for h in _headings_md(markdown)] == [_unescape(h) for h in shown]
    gaps = markdown.count("*Not documented")
    assert article.count('<em class="gap">Not documented') == gaps
    assert len(re.findall(r'<em class="gap">Not documented[^<]*</em> \(<a class="rule" href="\.\./rules\.html#dc\d{3}"',
                          article)) == gaps


def _unescape(text: str) -> str:
    import html

    return html.unescape(text)


def test_status_is_lints_verdict(site: Path) -> None:
    project = resolve_project([str(EXAMPLES)])
    report = lint_paths(project)
    cat = build_catalogue(project)
    assert cat.datasets and cat.models
    for entry in cat.pages():
        assert entry.status == status_of(f for f in report.findings if f.path == entry.path), entry.path
    assert {v.name for v in report.datasets} == {d.name for d in cat.datasets if d.blocks}


def test_every_page_forbids_inline_script(site: Path) -> None:
    for name, data in tree(site).items():
        if not name.endswith(".html"):
            continue
        text = data.decode()
        assert "Content-Security-Policy" in text and "script-src &#39;self&#39;" in text, name
        assert re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", text) == [], name
        assert " style=" not in text, name  # the policy allows no inline style either


@pytest.mark.parametrize("name", SHEETS)
def test_render_format_html_is_the_sites_page(site: Path, name: str, tmp_path: Path) -> None:
    out = tmp_path / "page.html"
    code, output = run("render", str(EXAMPLES / name), "--format", "html", "-o", str(out))
    if code == 1:  # render refuses a datasheet with findings, in either format
        return
    assert code == 0, output
    sheet_name = name.split(".")[0]
    mine = out.read_text(encoding="utf-8").split("<article", 1)[1].split("</article>", 1)[0]
    theirs = (site / "datasets" / f"{sheet_name}.html").read_text(encoding="utf-8").split("<article", 1)[1]
    theirs = theirs.split("</article>", 1)[0]
    # The same article; only where rule codes link to differs (the page explains them itself).
    assert re.sub(r'href="[^"]*#', 'href="#', mine).replace("#rule-", "#") == \
        re.sub(r'href="[^"]*#', 'href="#', theirs)
    assert run("render", str(EXAMPLES / name), "--format", "html", "-o", str(out), "--check")[0] == 0
    # Its own page is replaced without --force, as a Markdown render is; another file is not.
    assert run("render", str(EXAMPLES / name), "--format", "html", "-o", str(out))[0] == 0
    other = tmp_path / "notes.html"
    other.write_text("<!DOCTYPE html>\n<p>mine</p>\n", encoding="utf-8")
    assert run("render", str(EXAMPLES / name), "--format", "html", "-o", str(other))[0] == 2
    assert other.read_text(encoding="utf-8") == "<!DOCTYPE html>\n<p>mine</p>\n"


# --- where a site may be written ------------------------------------------------------------


def test_a_folder_that_is_not_a_site_is_refused_without_force(tmp_path: Path) -> None:
    out = tmp_path / "docs"
    out.mkdir()
    (out / "notes.txt").write_text("mine")
    (out / "index.html").write_text("my own page")
    code, output = run("site", SOURCE, "-o", str(out))
    assert code == 2 and "not a datacard site" in output
    assert sorted(p.name for p in out.iterdir()) == ["index.html", "notes.txt"]
    assert run("site", SOURCE, "-o", str(out), "--force", "--quiet")[0] == 0
    assert (out / "notes.txt").read_text() == "mine"
    assert (out / MANIFEST).is_file()


def test_a_rebuild_removes_only_its_own_unchanged_files(tmp_path: Path) -> None:
    source = tmp_path / "catalogue"
    source.mkdir()
    for name in ("yelp-reviews.datacard.yaml", "bird-calls.datacard.yaml", "credit-applications.datacard.yaml"):
        (source / name).write_bytes((EXAMPLES / name).read_bytes())
    out = tmp_path / "site"
    assert run("site", str(source), "-o", str(out), "--quiet")[0] == 0
    (out / "datasets" / "bird-calls.html").write_text("edited by hand")
    (out / "datasets" / "mine.txt").write_text("not datacard's")
    (source / "bird-calls.datacard.yaml").unlink()
    (source / "credit-applications.datacard.yaml").unlink()
    assert run("site", str(source), "-o", str(out), "--quiet")[0] == 0
    assert not (out / "datasets" / "credit-applications.html").exists()
    assert (out / "datasets" / "bird-calls.html").read_text() == "edited by hand"
    assert (out / "datasets" / "mine.txt").read_text() == "not datacard's"
    manifest = json.loads((out / MANIFEST).read_text())
    assert "datasets/bird-calls.html" not in manifest["files"] and "datasets/yelp-reviews.html" in manifest["files"]


@pytest.mark.parametrize("trap", ["folder-link", "file-link", "target-is-file", "manifest-escapes"])
def test_links_and_odd_targets_are_refused(tmp_path: Path, trap: str) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    out = tmp_path / "site"
    assert run("site", str(EXAMPLES / "yelp-reviews.datacard.yaml"), "-o", str(out), "--quiet")[0] == 0
    if trap == "folder-link":
        for p in (out / "datasets").iterdir():
            p.unlink()
        (out / "datasets").rmdir()
        (out / "datasets").symlink_to(outside)
    elif trap == "file-link":
        (out / "index.html").unlink()
        (out / "index.html").symlink_to(outside / "victim.html")
    elif trap == "target-is-file":
        out = tmp_path / "file.html"
        out.write_text("a file")
    else:
        # A manifest that names a file outside the site must not make datacard delete it.
        (outside / "victim.txt").write_text("keep")
        (out / MANIFEST).write_text(json.dumps({"generator": "datacard site", "files": {
            "../outside/victim.txt": "x", "/etc/hostname": "y"}}))
    code, output = run("site", str(EXAMPLES / "yelp-reviews.datacard.yaml"), "-o", str(out), "--quiet")
    if trap == "manifest-escapes":
        assert code == 0 and (outside / "victim.txt").read_text() == "keep"
    else:
        assert code == 2, output
        assert list(outside.iterdir()) == []


def test_site_without_the_site_extra_names_it(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import datacard.extras

    monkeypatch.setattr(datacard.extras, "_absent", lambda module: module == "igraph")
    code, output = run("site", SOURCE, "-o", str(tmp_path / "site"))
    assert code == 2 and "datacard[site]" in output and not (tmp_path / "site").exists()


# --- escaping and conversion ------------------------------------------------------------------


@pytest.mark.parametrize(("text", "shown"), [
    ("<script>x</script>", "&lt;script&gt;x&lt;/script&gt;"),
    ("a & \"b\" 'c'", "a &amp; &quot;b&quot; &#39;c&#39;"),
    ("\x1b[31mred\x00", "\\x1b[31mred\\x00"),
    ("line\nnext", "line\nnext"),
])
def test_html_text(text: str, shown: str) -> None:
    assert escape.html_text(text) == shown == escape.html_attr(text)


@pytest.mark.parametrize(("url", "href"), [
    ("https://example.org/a?b=1&c=2", "https://example.org/a?b=1&amp;c=2"),
    ("javascript:alert(1)", None),
    (" https://example.org", None),
    ("data:text/html,<script>", None),
    ("//evil.example", None),
])
def test_html_href(url: str, href: str | None) -> None:
    assert escape.html_href(url) == href


def test_html_json_cannot_close_its_script_block() -> None:
    value = {"a": "</script><!--<script>", "b": "\u2028"}
    text = escape.html_json(value)
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == value


@pytest.mark.parametrize("markdown", [
    "<script>alert(1)</script>",
    "[x](javascript:alert(1))",
    "[x][r]\n\n[r]: javascript:alert(1)",
    "<javascript:alert(1)>",
    "![i](data:text/html;base64,PHNjcmlwdD4=)",
    "<img src=x onerror=alert(1)>",
])
def test_conversion_keeps_no_html_and_no_unsafe_link(markdown: str) -> None:
    html = to_html(markdown, lambda code: f"#{code}").html
    assert "<script" not in html and "<img" not in html and "<a " not in html
    assert not re.search(r'(href|src)="(?!https?://|#)', html)


# --- notebooks and terminals ------------------------------------------------------------------


def test_notebook_and_terminal_views(tmp_path: Path) -> None:
    from datacard.interop.coverage import coverage

    sheet, _ = load_datasheet(EXAMPLES / "support-tickets.datacard.yaml")
    assert sheet is not None
    assert '<em class="gap">Not documented' in sheet._repr_html_()
    assert str(sheet) == render_markdown(sheet)
    report = lint_paths(resolve_project([SOURCE]))
    html = report._repr_html_()
    assert html.count("<tr>") == len(report.findings) + 1 + len(report.datasets) + 1
    result = coverage(sheet, "support-tickets.datacard.yaml")
    assert "<svg" in result._repr_html_() and 'role="img"' in result._repr_html_()
    text = str(result)
    assert text.splitlines()[0].startswith("Coverage of support-tickets") and len(text.splitlines()) == 6


def test_a_profile_shows_its_columns_escaped() -> None:
    pytest.importorskip("pandas")
    import pandas as pd

    from datacard.data.profile import profile_frame

    frame = pd.DataFrame({"<b>col</b>": ["x", "y", None], "label": [1, 0, 1]})
    prof = profile_frame(frame)
    html = prof._repr_html_()
    assert "&lt;b&gt;col&lt;/b&gt;" in html and "<b>" not in html
    assert "<b>col</b>" in str(prof) and "3 rows" in str(prof)


_DRAW_RANDOM_GRAPHS = """
import hashlib, random
from datacard.site.catalogue import Edge, Node
from datacard.site.graph import draw
rng = random.Random(7)
out = []
for _ in range(40):
    n = rng.randint(2, 80)
    nodes = [Node(f"k{i:03d}", rng.choice(["dataset", "model", "external"]), f"n{i}", "clean", None) for i in range(n)]
    edges = [Edge(f"k{rng.randrange(n):03d}", f"k{rng.randrange(n):03d}", "derived") for _ in range(2 * n)]
    out.append(draw(nodes, edges, lambda node: None, label="x").svg)
print(hashlib.sha256("".join(out).encode()).hexdigest())
"""


def test_graphs_with_cycles_are_drawn_the_same_in_every_process() -> None:
    """igraph's own cycle breaking varied between processes (and crashed once): regression."""
    import subprocess
    import sys

    runs = {subprocess.run([sys.executable, "-c", _DRAW_RANDOM_GRAPHS], capture_output=True, text=True,
                           check=True).stdout for _ in range(3)}
    assert len(runs) == 1


def test_a_long_index_shows_one_page_and_links_the_full_list(tmp_path: Path) -> None:
    from datacard.site import pages
    from tests.site_scale import big_index

    index = big_index(tmp_path, pages.PAGE_SIZE + 10).read_text(encoding="utf-8")
    assert index.count("<tr hidden ") == 10 and 'href="all.html"' in index
    cat = build_catalogue(resolve_project([SOURCE]))
    assert "<tr hidden " not in pages.index_page(pages.Context(cat, "all.html"), everything=True)
