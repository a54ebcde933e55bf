"""The lineage graph as static SVG: sources on the left, derived datasets, models on the right.

The layout is igraph's layered (Sugiyama) layout: layers by longest path after breaking cycles
with the Eades-Lin-Smyth heuristic, crossings reduced by the barycenter heuristic, and control
points for edges that span several layers. This module only places the boxes igraph computed
and draws them; it has no layout code of its own. Each weakly connected part is laid out on its
own and the parts are stacked, largest first, so a catalogue of many small lineages stays
readable, and the output is the same for the same graph.

Nodes are links (keyboard focusable, named for screen readers) coloured by status, with a
status mark in the text so that colour is never the only signal; edges in a cycle are red and
dashed. Colours are presentation attributes, so a graph drawn outside the site still reads.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from datacard.escape import html_attr, html_text
from datacard.site.catalogue import Edge, Node

NODE_W, NODE_H = 200, 26
COL_W = NODE_W + 80
ROW_H = 36
PAD = 12
PART_GAP = 24

# status -> (fill, stroke, mark); the marks say the status without colour.
STYLE = {
    "clean": ("#e6f4ea", "#1e6b34", "\u2713"),
    "warnings": ("#fff1cc", "#8a4b00", "!"),
    "errors": ("#fde7e9", "#a8201a", "\u2715"),
    "undocumented": ("#eef0f2", "#4d5358", "?"),
}
STATUS_WORDS = {"clean": "clean", "warnings": "warnings", "errors": "errors",
                "undocumented": "no datasheet here"}
TEXT = "#1b1b1b"
EDGE = "#5b6470"
CYCLE = "#b3261e"


@dataclass
class Drawing:
    svg: str
    nodes: list[Node] = field(default_factory=list)  # the nodes drawn
    edges: list[Edge] = field(default_factory=list)  # the edges drawn
    cycles: set[str] = field(default_factory=set)  # keys of nodes on a cycle
    left_out: int = 0  # nodes over the budget, not drawn


def neighbourhood(focus: str, incoming: Mapping[str, list[Edge]], outgoing: Mapping[str, list[Edge]],
                  budget: int) -> set[str]:
    """``focus`` and what it comes from and leads to, transitively, nearest first, at most
    ``budget`` nodes."""
    keep = {focus}
    steps: tuple[tuple[Mapping[str, list[Edge]], Callable[[Edge], str]], ...] = (
        (incoming, lambda e: e.source), (outgoing, lambda e: e.target))
    for edges, other in steps:
        queue = deque([focus])
        seen = {focus}
        while queue and len(keep) < budget:
            for nxt in sorted({other(e) for e in edges.get(queue.popleft(), [])}):
                if nxt not in seen and len(keep) < budget:
                    seen.add(nxt)
                    keep.add(nxt)
                    queue.append(nxt)
    return keep


def draw(nodes: Iterable[Node], edges: Iterable[Edge], href: Callable[[Node], str | None], *,
         label: str, focus: str | None = None, budget: int = 2000, ident: str = "g") -> Drawing:
    """Lay out and draw ``nodes`` (those with an edge, and ``focus``) with ``edges``; parts are
    added largest first until ``budget`` nodes are drawn."""
    edge_list = [e for e in edges if e.source != e.target]
    loops = {e.source for e in edges if e.source == e.target}
    linked = {k for e in edges for k in (e.source, e.target)} | ({focus} if focus else set())
    chosen = sorted((n for n in nodes if n.key in linked), key=lambda n: n.key)
    parts = _parts(chosen, edge_list)
    drawn: list[list[Node]] = []
    count = 0
    for part in parts:
        if count + len(part) > budget and drawn:
            continue
        drawn.append(part)
        count += len(part)
    keys = {n.key for part in drawn for n in part}
    kept_edges = [e for e in edge_list if e.source in keys and e.target in keys]
    cycles = _cycle_nodes(keys, kept_edges) | (loops & keys)
    svg = _svg(drawn, kept_edges, href, label=label, focus=focus, cycles=cycles, ident=ident)
    return Drawing(svg, [n for part in drawn for n in part], kept_edges, cycles, len(chosen) - count)


def _parts(nodes: list[Node], edges: list[Edge]) -> list[list[Node]]:
    """Weakly connected parts, largest first (ties by their first key)."""
    parent = {n.key: n.key for n in nodes}

    def root(k: str) -> str:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    for e in edges:
        if e.source in parent and e.target in parent:
            parent[root(e.source)] = root(e.target)
    groups: dict[str, list[Node]] = {}
    for n in nodes:
        groups.setdefault(root(n.key), []).append(n)
    return sorted(groups.values(), key=lambda g: (-len(g), g[0].key))


def _cycle_nodes(keys: set[str], edges: list[Edge]) -> set[str]:
    """Nodes in a strongly connected part of more than one node."""
    import igraph

    order = sorted(keys)
    index = {k: i for i, k in enumerate(order)}
    g = igraph.Graph(n=len(order), edges=sorted({(index[e.source], index[e.target]) for e in edges}), directed=True)
    return {order[i] for comp in g.connected_components(mode="strong") if len(comp) > 1 for i in comp}


@dataclass
class _Placed:
    x: float
    y: float
    layer: int


Route = list[tuple[float, float]]


def _layout(part: list[Node], edges: list[Edge]) -> tuple[dict[str, _Placed], dict[tuple[str, str], Route]]:
    """Positions (x, y of the box's top left) and edge control points for one part."""
    import igraph

    index = {n.key: i for i, n in enumerate(part)}
    pairs = sorted({(index[e.source], index[e.target]) for e in edges if e.source in index and e.target in index})
    # Cycles are broken here, not by igraph: its own cycle breaking gives a different layout
    # from run to run (and crashed once in testing). Within a strongly connected part, only
    # edges from an earlier to a later node (by key) are laid out; the others are drawn as
    # they fall, red, as cycle edges.
    strong = igraph.Graph(n=len(part), edges=pairs, directed=True).connected_components(mode="strong").membership
    forward = [(s, t) for s, t in pairs if strong[s] != strong[t] or s < t]
    layout = igraph.Graph(n=len(part), edges=forward, directed=True).layout_sugiyama(maxiter=100)
    coords = layout.coords[: len(part)]
    routes = layout.edge_routing or [[] for _ in forward]
    routed = dict(zip(forward, routes, strict=True))
    low = min([c[0] for c in coords] + [p[0] for route in routes for p in route])

    def at(cx: float, layer: float) -> tuple[float, float]:
        return PAD + layer * COL_W, PAD + (cx - low) * ROW_H

    placed = {}
    for n, (cx, layer) in zip(part, coords, strict=True):
        x, y = at(cx, layer)
        placed[n.key] = _Placed(x, y, int(layer))
    points = {}
    for s, t in pairs:
        ordered = sorted(routed.get((s, t), []), key=lambda p: abs(p[1] - coords[s][1]))
        points[(part[s].key, part[t].key)] = [at(cx, layer) for cx, layer in ordered]
    return placed, points


def _svg(parts: list[list[Node]], edges: list[Edge], href: Callable[[Node], str | None], *, label: str,
         focus: str | None, cycles: set[str], ident: str) -> str:
    placed: dict[str, _Placed] = {}
    points: dict[tuple[str, str], list[tuple[float, float]]] = {}
    top = 0.0
    for part in parts:
        keys = {n.key for n in part}
        pos, pts = _layout(part, [e for e in edges if e.source in keys])
        bottom = top + max([p.y for p in pos.values()] + [y for route in pts.values() for _, y in route]) + NODE_H
        for k, p in pos.items():
            placed[k] = _Placed(p.x, p.y + top, p.layer)
        for pair, route in pts.items():
            points[pair] = [(x, y + top) for x, y in route]
        top = bottom + PART_GAP
    width = int(max((p.x for p in placed.values()), default=0) + NODE_W + PAD)
    height = int(max(top - PART_GAP + PAD, NODE_H + 2 * PAD))
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" class="lineage" id="{ident}" width="{width}" height="{height}" '
           f'viewBox="0 0 {width} {height}" role="group" aria-label="{html_attr(label)}">',
           f'<defs><marker id="{ident}-arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" '
           f'orient="auto-start-reverse"><path d="M0,0L10,5L0,10z" fill="{EDGE}"/></marker>'
           f'<marker id="{ident}-arrow-cycle" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" '
           f'orient="auto-start-reverse"><path d="M0,0L10,5L0,10z" fill="{CYCLE}"/></marker></defs>']
    names = {k: n.label for part in parts for n in part for k in [n.key]}
    for e in _merged(edges):
        out.append(_edge(e, placed, points.get((e.source, e.target), []), cycles, names, ident))
    for part in parts:
        for n in part:
            out.append(_node(n, placed[n.key], href(n), focus == n.key, n.key in cycles))
    out.append("</svg>")
    return "".join(out)


def _merged(edges: list[Edge]) -> list[Edge]:
    """One drawn edge per pair, naming every relation between them."""
    rel: dict[tuple[str, str], list[str]] = {}
    for e in edges:
        rel.setdefault((e.source, e.target), []).append(e.relation)
    return [Edge(s, t, ", ".join(sorted(set(r)))) for (s, t), r in sorted(rel.items())]


def _edge(e: Edge, placed: dict[str, _Placed], route: list[tuple[float, float]], cycles: set[str],
          names: dict[str, str], ident: str) -> str:
    a, b = placed[e.source], placed[e.target]
    forward = b.layer > a.layer
    start = (a.x + NODE_W, a.y + NODE_H / 2) if forward else (a.x, a.y + NODE_H / 2)
    end = (b.x, b.y + NODE_H / 2) if forward else (b.x + NODE_W, b.y + NODE_H / 2)
    mids = [(x + NODE_W / 2, y + NODE_H / 2) for x, y in route]
    d = "M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in [start, *mids, end])
    cycle = e.source in cycles and e.target in cycles
    colour = CYCLE if cycle else EDGE
    dash = ' stroke-dasharray="6 4"' if cycle else (' stroke-dasharray="2 3"' if e.relation == "evaluation" else "")
    marker = f"{ident}-arrow-cycle" if cycle else f"{ident}-arrow"
    what = f"{names[e.source]} \u2192 {names[e.target]} ({e.relation}{', in a cycle' if cycle else ''})"
    return (f'<path class="edge{" cycle" if cycle else ""}" d="{d}" fill="none" stroke="{colour}" stroke-width="1.4"'
            f'{dash} marker-end="url(#{marker})"><title>{html_text(what)}</title></path>')


def _node(n: Node, p: _Placed, link: str | None, focus: bool, cycle: bool) -> str:
    fill, stroke, mark = STYLE.get(n.status, STYLE["undocumented"])
    kind = {"dataset": "dataset", "model": "model", "external": "data without a datasheet here"}[n.kind]
    name = f"{n.label}: {kind}, {STATUS_WORDS.get(n.status, n.status)}{', on a cycle' if cycle else ''}"
    radius = 13 if n.kind == "model" else 3
    width = 3 if focus else (2.5 if cycle else 1.3)
    dash = ' stroke-dasharray="4 3"' if n.kind == "external" else ""
    outline = CYCLE if cycle else stroke
    weight = ' font-weight="700"' if n.kind == "model" or focus else ""
    # The name is clipped by a nested viewport, not shortened: a link's visible text is then
    # part of its accessible name. The status mark stands outside the link, hidden from
    # screen readers, which hear the status in words.
    inner = (f'<title>{html_text(name)}</title>'
             f'<rect x="{p.x:.1f}" y="{p.y:.1f}" width="{NODE_W}" height="{NODE_H}" rx="{radius}" fill="{fill}" '
             f'stroke="{outline}" stroke-width="{width}"{dash}/>'
             f'<svg x="{p.x + 22:.1f}" y="{p.y:.1f}" width="{NODE_W - 28}" height="{NODE_H}" overflow="hidden">'
             f'<text x="0" y="{NODE_H / 2 + 4.5:.1f}" font-size="12.5" fill="{TEXT}"{weight}>'
             f'{html_text(n.label)}</text></svg>')
    symbol = (f'<text x="{p.x + 8:.1f}" y="{p.y + NODE_H / 2 + 4.5:.1f}" font-size="12.5" fill="{TEXT}" '
              f'font-weight="700" aria-hidden="true" pointer-events="none">{html_text(mark)}</text>')
    classes = f"node {n.kind} {n.status}{' focus' if focus else ''}{' cycle' if cycle else ''}"
    if link is None:
        return f'<g class="{classes}" role="img" aria-label="{html_attr(name)}">{inner}{symbol}</g>'
    return (f'<g class="{classes}"><a href="{html_attr(link)}" aria-label="{html_attr(name)}">{inner}</a>'
            f'{symbol}</g>')
