"""The pages of a site, from a :class:`~datacard.site.catalogue.Catalogue`: pure functions from
the catalogue to HTML text.

Templates are Jinja2 with autoescape on, and every printed value passes through
:func:`datacard.escape.html_text` unless it is markup this package built (the article converted
from the Markdown render, SVG charts and graphs), so a template that forgets a filter still
cannot let a datasheet inject markup.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from datacard.escape import html_text
from datacard.site import charts, graph
from datacard.site.catalogue import STATUSES, Catalogue, Dataset, Model, Node, Page, status_of
from datacard.site.markdown_html import to_html

if TYPE_CHECKING:
    import jinja2

    from datacard.data.represent import Representation
    from datacard.findings import Finding

STATUS_WORDS = {"clean": "clean", "warnings": "warnings", "errors": "errors", "undocumented": "no datasheet"}
_RANK = {"clean": 0, "warnings": 1, "errors": 2}
PAGE_GRAPH_BUDGET = 150
SITE_GRAPH_BUDGET = 2000


def _finalize(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, Markup):
        return value
    return Markup(html_text(str(value)))


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("datacard.site", "templates"),
        autoescape=True,
        finalize=_finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    env.globals["status_words"] = STATUS_WORDS
    return env


def asset(name: str) -> str:
    return resources.files("datacard.site").joinpath("assets").joinpath(name).read_text(encoding="utf-8")


def csp(*, inline_css: str | None = None, script: bool = True) -> str:
    """The page's Content-Security-Policy: nothing but the site's own files (or, for a
    standalone page, its one stylesheet by hash); no inline script at all."""
    style = f"'sha256-{_sha256(inline_css)}'" if inline_css is not None else "'self'"
    scripts = "'self'" if script else "'none'"
    return (f"default-src 'none'; script-src {scripts}; style-src {style}; img-src 'self' data:; "
            "base-uri 'none'; form-action 'none'; object-src 'none'")


def _sha256(text: str) -> str:
    return base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


def plural(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"


def counts_text(findings: list[Finding]) -> str:
    errors = sum(1 for f in findings if f.severity.value == "error")
    warnings = sum(1 for f in findings if f.severity.value == "warning")
    notes = len(findings) - errors - warnings
    parts = [plural(n, word) for n, word in ((errors, "error"), (warnings, "warning"), (notes, "note")) if n]
    return ", ".join(parts) if parts else "no findings"


@dataclass
class Context:
    """Where a page lives and how it links: a page of a site, or a standalone page."""

    catalogue: Catalogue
    page: str  # this page's path in the site
    standalone: bool = False
    cited: list[str] = field(default_factory=list)

    @property
    def root(self) -> str:
        return "../" * self.page.count("/")

    def link(self, target: str | None) -> str | None:
        if target is None or self.standalone:
            return None
        return self.root + target

    def rule_href(self, code: str) -> str:
        if self.standalone:
            if code not in self.cited:
                self.cited.append(code)
            return f"#rule-{code.lower()}"
        return f"{self.root}rules.html#{code.lower()}"

    def node_link(self, node: Node) -> str | None:
        return self.link(node.page)

    def base(self, title: str, current: str = "") -> dict[str, Any]:
        css = asset("site.css") if self.standalone else None
        return {"root": self.root, "page_title": title, "csp": csp(inline_css=css, script=not self.standalone),
                "inline_css": Markup(css) if css is not None else None, "with_script": not self.standalone,
                "site_nav": not self.standalone, "current": current,
                "rule_href": self.rule_href}


@dataclass
class Lineage:
    upstream: list[tuple[str, Node, str | None]]
    downstream: list[tuple[str, Node, str | None]]
    svg: Markup | None


def lineage_of(ctx: Context, key: str) -> Lineage:
    cat = ctx.catalogue
    incoming, outgoing = cat.incoming.get(key, []), cat.outgoing.get(key, [])
    up = [(e.relation, cat.nodes[e.source], ctx.node_link(cat.nodes[e.source])) for e in incoming]
    down = [(e.relation, cat.nodes[e.target], ctx.node_link(cat.nodes[e.target])) for e in outgoing]
    svg = None
    if up or down:
        keep = graph.neighbourhood(key, cat.incoming, cat.outgoing, PAGE_GRAPH_BUDGET)
        near = [e for k in sorted(keep) for e in cat.outgoing.get(k, []) if e.target in keep]
        drawing = graph.draw([cat.nodes[k] for k in keep], near, ctx.node_link, focus=key, budget=PAGE_GRAPH_BUDGET,
                             label=f"Lineage around {cat.nodes[key].label}", ident="page-graph")
        svg = Markup(drawing.svg)
    return Lineage(sorted(up, key=_by_label), sorted(down, key=_by_label), svg)


def _by_label(item: tuple[str, Node, str | None]) -> tuple[str, str]:
    return item[1].label, item[0]


# --- pages ----------------------------------------------------------------------------------


def dataset_page(ctx: Context, entry: Dataset, markdown: str | None,
                 representation: Representation | None = None) -> str:
    article = None
    if markdown is not None:
        article = Markup(to_html(markdown, ctx.rule_href).html)
    figures: list[str] = []
    if entry.datasheet is not None:
        figures += charts.datasheet_charts(entry.datasheet, "chart")
    if representation is not None:
        figures += charts.representation_charts(representation, "chart")
    if entry.coverage is not None:
        figures.append(charts.coverage_chart(entry.coverage, "chart-coverage"))
    blocks = [(ctx.link(_model_page(ctx.catalogue, name)), name) for name in entry.blocks]
    coverage_line = None
    if entry.coverage is not None:
        coverage_line = ", ".join(f"{c.title} {c.ratio:.0%}" for c in entry.coverage.standards.values())
    lineage = lineage_of(ctx, entry.key)
    for finding in entry.findings:  # the findings table links these codes too
        ctx.rule_href(finding.code)
    cited = _cited(ctx)
    return environment().get_template("dataset.html.j2").render(
        **ctx.base(f"{entry.name}: datasheet"), entry=entry, article=article, counts=counts_text(entry.findings),
        blocks=blocks, coverage_line=coverage_line, lineage=lineage, charts=[Markup(f) for f in figures],
        cited=cited)


def _cited(ctx: Context) -> Markup | None:
    """A standalone page explains the rules it cites, in place of the site's rules page."""
    if not ctx.standalone or not ctx.cited:
        return None
    from datacard import codes

    parts = []
    for code in ctx.cited:
        try:
            c = codes.get(code)
        except KeyError:  # not a code of this datacard: nothing to explain
            continue
        body = to_html(c.explanation, None, anchors=False).html
        parts.append(f'<section class="rule" id="rule-{c.code.lower()}"><h3>{html_text(c.code)}: '
                     f'{html_text(c.name)}</h3>{to_html(c.summary, None, anchors=False).html}{body}</section>')
    return Markup("".join(parts))


def _model_page(cat: Catalogue, name: str) -> str | None:
    return cat.model_pages.get(name)


_SETUP_KINDS = {"manifest": "Training manifest", "model-card": "Model card", "dvc": "DVC pipeline",
                "api": "Python call"}


def model_page(ctx: Context, entry: Model) -> str:
    cat = ctx.catalogue
    by_real = {d.sheet.real: d for d in cat.datasets if d.sheet is not None}
    refs = []
    for ref, res in entry.refs:
        node = None
        if res.sheet is not None and res.problem is None:
            d = by_real.get(res.sheet.real)
            node = cat.nodes.get(d.key) if d is not None else cat.nodes.get(f"d:{res.sheet.path}")
        ancestors = []
        for anc in res.ancestors:
            d = by_real.get(anc.sheet.real)
            anode = cat.nodes.get(d.key) if d is not None else Node("", "dataset", anc.sheet.name,
                                                                    status_of(anc.sheet.findings), None)
            if anode is not None:
                ancestors.append((anode, ctx.node_link(anode), " \u2192 ".join(anc.chain)))
        refs.append({"ref": ref, "node": node, "link": ctx.node_link(node) if node else None,
                     "problem": _PROBLEMS.get(res.problem or "", res.problem or ""),
                     "ancestors": ancestors, "cycles": "; ".join(" \u2192 ".join(c) for c in res.cycles)})
    setup = entry.setup
    return environment().get_template("model.html.j2").render(
        **ctx.base(f"{entry.name}: model"), entry=entry, setup=setup, refs=refs, counts=counts_text(entry.findings),
        setup_kind=_SETUP_KINDS.get(setup.kind if setup else "", "File"), lineage=lineage_of(ctx, entry.key))


_PROBLEMS = {
    "unlinked": "(the pipeline names no datasheet for it)",
    "outside": "(outside the project)",
    "missing": "(no such file)",
    "ambiguous": "(several datasheets claim this name)",
    "mapped-missing": "(the configured path does not exist)",
    "unknown": "(no datasheet here has this name)",
    "not-a-datasheet": "(not a datasheet)",
}


def file_page(ctx: Context, entry: Page) -> str:
    return environment().get_template("file.html.j2").render(
        **ctx.base(f"{entry.path}: findings"), entry=entry, counts=counts_text(entry.findings))


def lineage_page(ctx: Context) -> str:
    cat = ctx.catalogue
    drawing = graph.draw(list(cat.nodes.values()), cat.edges, ctx.node_link, label="Lineage of the catalogue",
                         budget=SITE_GRAPH_BUDGET, ident="catalogue-graph")
    drawn = {n.key for n in drawing.nodes}
    linked = {k for e in cat.edges for k in (e.source, e.target)}
    isolated = sum(1 for n in cat.nodes.values() if n.key not in linked)
    summary = (f"{plural(len(drawing.nodes), 'node')} and {plural(len(drawing.edges), 'link')} drawn"
               + (f"; {plural(drawing.left_out, 'more node')} in smaller lineages are shown on their pages"
                  if drawing.left_out else "")
               + (f"; {plural(isolated, 'dataset')} with no lineage not drawn" if isolated else "") + ".")
    edges = [((cat.nodes[e.source], ctx.node_link(cat.nodes[e.source])), e.relation,
              (cat.nodes[e.target], ctx.node_link(cat.nodes[e.target])))
             for e in cat.edges if e.source in drawn and e.target in drawn]
    return environment().get_template("lineage.html.j2").render(
        **ctx.base("Lineage", "lineage"), svg=Markup(drawing.svg) if drawing.nodes else None, summary=summary,
        edges=edges, cycles=_cycles(cat, drawing.cycles))


def _cycles(cat: Catalogue, on_cycle: set[str]) -> list[str]:
    """Each cycle's members, named, for the text alternative (the graph shows them in red)."""
    import igraph

    keys = sorted(on_cycle)
    if not keys:
        return []
    index = {k: i for i, k in enumerate(keys)}
    pairs = sorted({(index[e.source], index[e.target]) for e in cat.edges if e.source in index and e.target in index})
    g = igraph.Graph(n=len(keys), edges=pairs, directed=True)
    out = []
    for comp in g.connected_components(mode="strong"):
        names = sorted(cat.nodes[keys[i]].label for i in comp)
        if len(names) > 1 or any(e.source == e.target == keys[comp[0]] for e in cat.edges):
            out.append(", ".join(names))
    return sorted(out)


def rules_page(ctx: Context) -> str:
    from datacard.lint.docs import rules_markdown

    article = to_html(rules_markdown(), lambda code: f"#{code.lower()}")
    template = environment().get_template("rules.html.j2")
    return template.render(**ctx.base("Rules", "rules"), article=Markup(article.html))


# --- the index ------------------------------------------------------------------------------

_COVERAGE_COLUMNS = (("context", "Context"), ("datasheets", "Datasheets"), ("data-statements", "Data Statements"),
                     ("hf-card", "HF card"), ("croissant-rai", "Croissant RAI"))


def coverage_columns() -> tuple[tuple[str, str], ...]:
    from datacard.interop.coverage import STANDARDS

    short = dict(_COVERAGE_COLUMNS)
    return tuple((key, short.get(key, title)) for key, (title, _) in STANDARDS.items())


def index_rows(cat: Catalogue) -> list[dict[str, Any]]:
    standards = [k for k, _ in coverage_columns()]
    rows = []
    for entry in sorted(cat.pages(), key=lambda p: (p.name.lower(), p.path)):
        row: dict[str, Any] = {"name": entry.name, "path": entry.path, "page": entry.page, "kind": entry.kind,
                               "status": entry.status, "rank": _RANK[entry.status], "findings": len(entry.findings),
                               "title": "", "license": "", "languages": [], "modalities": [], "updated": "",
                               "coverage": [("-1", "") for _ in standards]}
        if isinstance(entry, Dataset):
            row.update(dataset_facts(entry))
        elif isinstance(entry, Model):
            row["title"] = f"trained on {len(entry.refs)} reference{'s' if len(entry.refs) != 1 else ''}"
        rows.append(row)
    return rows


def dataset_facts(entry: Dataset) -> dict[str, Any]:
    out: dict[str, Any] = {"title": entry.title}
    ds = entry.datasheet
    if entry.coverage is not None:
        out["coverage"] = [(f"{c.ratio:.4f}", f"{c.ratio:.0%}") for c in entry.coverage.standards.values()]
    if ds is None:
        return out
    lic = ds.audience.license if ds.audience is not None else None
    if lic is not None:
        out["license"] = lic.name if str(lic.id) == "other" and lic.name else str(lic.id)
    if ds.composition is not None:
        out["languages"] = sorted({lang.tag for lang in ds.composition.languages})
        out["modalities"] = sorted({m.value for m in ds.composition.modalities})
    out["updated"] = last_change(ds)
    return out


def last_change(ds: Any) -> str:
    """The latest date the datasheet records for a release, an erratum or its publication (the
    file's own dates, so that a rebuild gives the same bytes)."""
    dates: list[str] = []
    audience = ds.audience
    if audience is not None and audience.maintenance is not None:
        dates += [str(r.date) for r in audience.maintenance.releases if r.date]
        dates += [str(e.date) for e in audience.maintenance.errata if e.date]
    if audience is not None and audience.distribution is not None and audience.distribution.published:
        dates.append(str(audience.distribution.published))
    return max(dates, default="")


PAGE_SIZE = 50  # rows shown at once: a browser lays out fifty table rows fast, not 10,000


def index_page(ctx: Context, *, everything: bool = False) -> str:
    """The catalogue's table; ``everything`` lists every row at once (all.html, for readers
    without JavaScript when the catalogue is longer than one page)."""
    cat = ctx.catalogue
    rows = index_rows(cat)
    datasets = cat.datasets
    by_status = {s: sum(1 for d in datasets if d.status == s) for s in STATUSES}
    summary = (f"{plural(len(datasets), 'dataset')} ({by_status['clean']:,} clean, {by_status['warnings']:,} with "
               f"warnings, {by_status['errors']:,} with errors), {plural(len(cat.models), 'model')}"
               + (f", {plural(len(cat.files), 'other file')}" if cat.files else "") + ".")
    by_path = {d.path: d for d in datasets}
    blocking = []
    for v in cat.report.datasets:
        d = by_path.get(v.path)
        blocking.append((ctx.link(d.page) if d else None, v.name, len(v.gaps),
                         [(ctx.link(_model_page(cat, m)), m) for m in v.models]))
    # (key, heading, sorted as a number, right-aligned)
    columns = [("name", "Name", False, False), ("title", "Title", False, False), ("kind", "Kind", False, False),
               ("status", "Status", True, False), ("findings", "Findings", True, True),
               *((f"cov-{k}", label, True, True) for k, label in coverage_columns()),
               ("license", "Licence", False, False), ("languages", "Languages", False, False),
               ("modality", "Modality", False, False), ("updated", "Updated", False, False)]
    chart = charts.catalogue_coverage_chart([d.coverage for d in datasets if d.coverage is not None], "chart-catalogue")
    return environment().get_template("index.html.j2").render(
        **ctx.base("Datasheet catalogue", "index"), rows=rows, summary=summary, blocking=blocking, columns=columns,
        statuses=STATUSES, coverage_chart=Markup(chart) if chart else None,
        page_size=len(rows) if everything else PAGE_SIZE,
        licenses=sorted({r["license"] for r in rows if r["license"]}),
        languages=sorted({lang for r in rows for lang in r["languages"]}),
        modalities=sorted({m for r in rows for m in r["modalities"]}))

