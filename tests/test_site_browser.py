"""The site in a real browser: headless Chromium opens it from disk, searches and filters it,
follows links between models and data, checks that graphs and charts are drawn, runs axe-core
for accessibility, and proves that a hostile catalogue runs no script.

Skipped, with the reason, where no Chromium with chromedriver can be found (`.ci/run`
installs Debian's `chromium` and `chromium-driver`). Screenshots are taken at desktop and phone
widths; with DATACARD_SCREENSHOTS=DIR they are also written there (the README's pictures come
from `DATACARD_SCREENSHOTS=docs/images pytest tests/test_site_browser.py -k screenshots`).
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser import file_url, missing, open_browser
from tests.site_cases import EXAMPLES, ROOT, hostile_catalogue

pytestmark = pytest.mark.skipif(missing() is not None, reason=f"no browser: {missing()}")
pytest.importorskip("igraph", reason="the site needs the 'site' extra (igraph)")

AXE = ROOT / "tests" / "vendor" / "axe.min.js"
DESKTOP, PHONE = (1280, 900), (390, 844)


def _run(*args: str) -> None:
    from typer.testing import CliRunner

    from datacard.cli import app

    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.output


def _site(source: Path, out: Path, *extra: str) -> Path:
    _run("site", str(source), "-o", str(out), "--quiet", *extra)
    return out


@pytest.fixture(scope="module")
def examples_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # A relative path, as a user types it: pages show paths as lint does, as they were given.
    return _site(Path(os.path.relpath(EXAMPLES)), tmp_path_factory.mktemp("site") / "site")


@pytest.fixture(scope="module")
def driver() -> Iterator[Any]:
    with open_browser(*DESKTOP) as d:
        yield d


def _visible_rows(driver: Any) -> list[str]:
    return driver.execute_script(
        "return Array.from(document.querySelectorAll('#catalogue tbody tr')).filter(r => !r.hidden)"
        ".map(r => r.cells[0].querySelector('a').textContent)")


def _type(driver: Any, text: str) -> None:
    box = driver.find_element("id", "q")
    box.clear()
    box.send_keys(text)


def test_search_filters_and_sorting(driver: Any, examples_site: Path) -> None:
    from selenium.webdriver.support.ui import Select

    driver.get(file_url(examples_site / "index.html"))
    everything = _visible_rows(driver)
    assert {"yelp-reviews", "ticket-router", "support-tickets"} <= set(everything)
    _type(driver, "yelp")
    assert _visible_rows(driver) == ["yelp-reviews"]
    assert driver.find_element("id", "count").text == f"1 of {len(everything)} entries"
    _type(driver, "")
    Select(driver.find_element("id", "f-kind")).select_by_value("model")
    models = _visible_rows(driver)
    assert models and set(models) == {"bird-call-classifier", "credit-offers", "norbert-parliament-party",
                                      "ticket-router"}
    Select(driver.find_element("id", "f-kind")).select_by_value("")
    Select(driver.find_element("id", "f-status")).select_by_value("warnings")
    statuses = driver.execute_script(
        "return Array.from(document.querySelectorAll('#catalogue tbody tr')).filter(r => !r.hidden)"
        ".map(r => r.dataset.status)")
    assert statuses and set(statuses) == {"warnings"}
    Select(driver.find_element("id", "f-status")).select_by_value("")
    header = driver.find_element("css selector", "button[data-sort='name']")
    header.click()
    header.click()
    assert driver.find_element("css selector", "th[data-key='name']").get_attribute("aria-sort") == "descending"
    assert _visible_rows(driver) == sorted(everything, key=str.lower, reverse=True)


def test_links_from_a_model_to_its_data_and_back(driver: Any, examples_site: Path) -> None:
    driver.get(file_url(examples_site / "models" / "ticket-router.html"))
    driver.find_element("css selector", "#site-data a[href$='datasets/support-tickets.html']").click()
    assert driver.current_url.endswith("/datasets/support-tickets.html")
    assert driver.find_element("tag name", "h1").text.startswith("Support tickets export")
    # The gap markers link to their rule's explanation.
    gap_rule = driver.find_element("css selector", "em.gap + a.rule, p > a.rule")
    assert "rules.html#dc2" in gap_rule.get_attribute("href")
    driver.find_element("css selector", "#site-lineage a[href$='models/ticket-router.html']").click()
    assert driver.current_url.endswith("/models/ticket-router.html")


def _box(driver: Any, selector: str) -> list[dict[str, float]]:
    return driver.execute_script(
        "return Array.from(document.querySelectorAll(arguments[0])).map(e => {"
        "const r = e.getBoundingClientRect(); return {w: r.width, h: r.height}; })", selector)


def test_graph_and_charts_are_drawn(driver: Any, examples_site: Path) -> None:
    driver.get(file_url(examples_site / "lineage.html"))
    nodes = _box(driver, "#catalogue-graph .node rect")
    edges = _box(driver, "#catalogue-graph path.edge")
    assert len(nodes) >= 10 and all(b["w"] > 0 and b["h"] > 0 for b in nodes)
    assert len(edges) >= 9 and all(b["w"] > 0 or b["h"] > 0 for b in edges)
    before = _box(driver, "#catalogue-graph")[0]["w"]
    driver.find_element("css selector", "button[data-zoom='out']").click()
    assert _box(driver, "#catalogue-graph")[0]["w"] < before
    driver.get(file_url(examples_site / "datasets" / "yelp-reviews.html"))
    bars = _box(driver, "figure.chart rect.bar")
    assert len(bars) >= 10 and all(b["w"] > 0 and b["h"] > 0 for b in bars)
    assert _box(driver, "#site-lineage svg.lineage")[0]["w"] > 0


def test_representation_chart_draws_the_four_fifths_line(driver: Any, tmp_path: Path) -> None:
    pytest.importorskip("pandas")
    from tests.datagen import PIPELINE, reviews, write

    source = tmp_path / "data"
    source.mkdir()
    (source / "reviews.datacard.yaml").write_text((PIPELINE / "reviews.datacard.yaml").read_text())
    write(reviews(mexican_rate=0.2), source / "reviews.csv")
    site = _site(source, tmp_path / "site", "--data", "tiny-reviews=" + str(source / "reviews.csv"))
    driver.get(file_url(site / "datasets" / "tiny-reviews.html"))
    assert _box(driver, "figure.chart line.threshold")[0]["h"] > 0
    flagged = driver.execute_script("return Array.from(document.querySelectorAll('rect.bar.flagged'))"
                                    ".map(r => r.querySelector('title').textContent)")
    assert flagged == ["mexican: 20.0%"]


PAGES = ("index.html", "lineage.html", "rules.html", "datasets/support-tickets.html",
         "datasets/yelp-reviews.html", "models/ticket-router.html")


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("size", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_accessibility_with_axe(driver: Any, examples_site: Path, page: str, size: tuple[int, int]) -> None:
    driver.set_window_size(*size)
    try:
        driver.get(file_url(examples_site / page))
        driver.execute_script(AXE.read_text(encoding="utf-8"))
        result = driver.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            "axe.run(document, {resultTypes: ['violations']}).then(r => done(r.violations.map("
            "v => ({id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))))"
            ".catch(e => done([{id: 'axe failed: ' + e, impact: 'critical', nodes: []}]));")
    finally:
        driver.set_window_size(*DESKTOP)
    serious = [v for v in result if v["impact"] in ("serious", "critical")]
    assert serious == []


def test_keyboard_reaches_the_page_in_order(driver: Any, examples_site: Path) -> None:
    from selenium.webdriver.common.keys import Keys

    driver.get(file_url(examples_site / "index.html"))
    body = driver.find_element("tag name", "body")
    body.send_keys(Keys.TAB)
    first = driver.switch_to.active_element
    assert first.text == "Skip to content"
    outline = driver.execute_script("return getComputedStyle(arguments[0]).outlineStyle", first)
    assert outline != "none"
    first.send_keys(Keys.ENTER)
    for _ in range(12):
        driver.switch_to.active_element.send_keys(Keys.TAB)
        if driver.switch_to.active_element.get_attribute("id") == "q":
            break
    assert driver.switch_to.active_element.get_attribute("id") == "q"


@pytest.mark.parametrize("size", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_screenshots(driver: Any, examples_site: Path, tmp_path: Path, size: tuple[int, int]) -> None:
    """Desktop: the catalogue; phone: a datasheet with its gaps. Written to DATACARD_SCREENSHOTS."""
    page, name, window = (("index.html", "site-index.png", (1280, 1280)) if size == DESKTOP
                          else ("datasets/support-tickets.html#origin", "site-datasheet-phone.png", size))
    driver.set_window_size(*window)
    try:
        page, _, fragment = page.partition("#")
        driver.get(file_url(examples_site / page) + (f"#{fragment}" if fragment else ""))
        target = tmp_path / name
        assert driver.save_screenshot(str(target))
    finally:
        driver.set_window_size(*DESKTOP)
    data = target.read_bytes()
    assert data.startswith(b"\x89PNG") and len(data) > 20_000
    wanted = os.environ.get("DATACARD_SCREENSHOTS")
    if wanted:
        Path(wanted).mkdir(parents=True, exist_ok=True)
        (Path(wanted) / name).write_bytes(data)


# --- a hostile catalogue -------------------------------------------------------------------

_DOM_CHECK = """
const bad = [];
if (window.__pwned) bad.push('a payload ran');
for (const s of document.scripts) {
  if (!s.src || !s.src.endsWith('/assets/site.js')) bad.push('script: ' + (s.src || s.textContent.slice(0, 60)));
}
for (const e of document.querySelectorAll('*')) {
  for (const a of e.attributes) {
    if (/^on/i.test(a.name)) bad.push('handler ' + a.name + ' on ' + e.tagName);
    if (/^\\s*javascript:/i.test(a.value)) bad.push('javascript: in ' + a.name + ' of ' + e.tagName);
  }
}
for (const a of document.querySelectorAll('a[href]')) {
  if (!['http:', 'https:', 'file:'].includes(new URL(a.href, location.href).protocol)) bad.push('link ' + a.href);
}
for (const t of ['iframe', 'object', 'embed', 'img', 'body style', 'base', 'form', 'body meta', 'body link']) {
  if (document.querySelector(t)) bad.push('element ' + t);
}
if (getComputedStyle(document.body).display === 'none') bad.push('page hidden by injected CSS');
return bad;
"""


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = hostile_catalogue(tmp_path_factory.mktemp("hostile") / "catalogue")
    subprocess.run(["git", "init", "-q", str(folder)], check=True)
    return _site(folder, folder.parent / "site")


def _pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html"))


def test_hostile_catalogue_runs_no_script(driver: Any, hostile_site: Path) -> None:
    from selenium.common.exceptions import NoAlertPresentException

    pages = _pages(hostile_site)
    assert len(pages) >= 7  # index, lineage, rules, 3 datasets, 2 models
    for page in pages:
        driver.get(file_url(page))
        if page.name == "index.html":  # the search runs the table's script on hostile text
            _type(driver, "<script>")
        problems = driver.execute_script(_DOM_CHECK)
        assert problems == [], page.relative_to(hostile_site)
        with pytest.raises(NoAlertPresentException):
            driver.switch_to.alert.text  # noqa: B018
    # The hostile text is shown, as text.
    driver.get(file_url(hostile_site / "datasets" / "evil.html"))
    assert "<script>window.__pwned=1</script>" in driver.find_element("tag name", "h1").text


def test_standalone_page_runs_no_script(driver: Any, hostile_site: Path, tmp_path: Path) -> None:
    out = tmp_path / "evil.html"
    _run("render", str(hostile_site.parent / "catalogue" / "evil.datacard.yaml"), "--format", "html", "-o", str(out))
    driver.get(file_url(out))
    problems = driver.execute_script(_DOM_CHECK.replace("bad.push('script: '", "bad.push('any script: '"))
    assert problems == []
    assert driver.execute_script("return document.scripts.length") == 0
    # The inline stylesheet is allowed by its hash: the page is styled.
    assert driver.execute_script("return getComputedStyle(document.querySelector('em.gap')).fontStyle") == "normal"
    # The generated-file marker before the doctype leaves the page in standards mode.
    assert driver.execute_script("return document.compatMode") == "CSS1Compat"


# --- 10,000 entries -------------------------------------------------------------------------


def test_search_of_ten_thousand_entries_shows_what_matches(driver: Any, tmp_path: Path) -> None:
    """The 10,000-entry index answers each query with the rows that match it. How fast it answers
    is a benchmark's figure (`python bench/site_build.py` types the same queries and prints the
    milliseconds), not a timed test."""
    from tests.site_scale import big_index

    index = big_index(tmp_path, 10_000)
    driver.get(file_url(index))
    assert driver.execute_script("return document.querySelectorAll('#catalogue tbody tr').length") == 10_000
    for query in ("sheet-0042", "", "zz-nothing", "", "sheet-0042"):
        driver.execute_script(SEARCH_TIME, query)
        shown = driver.execute_script(
            "return Array.from(document.querySelectorAll('#catalogue tbody tr'))"
            ".filter(r => !r.hidden).map(r => r.textContent.toLowerCase())")
        count = driver.find_element("id", "count").text
        if query == "":
            assert len(shown) == 50 and count == "Showing 50 of 10000 entries", count
        elif query == "zz-nothing":
            assert shown == [] and count == "0 of 10000 entries", count
        else:
            assert shown and all(query in row for row in shown), count


# Types a query and returns the milliseconds until the table is laid out again.
SEARCH_TIME = """
const q = document.getElementById('q');
const t0 = performance.now();
q.value = arguments[0];
q.dispatchEvent(new Event('input'));
void document.getElementById('catalogue').offsetHeight;
return performance.now() - t0;
"""
