"""Markdown to HTML with a real CommonMark/GFM parser, then decorated for the site.

The HTML page of a datasheet is the Markdown render (:func:`datacard.render.render_markdown`)
converted, so that both show the same content in the same order whatever the Markdown becomes.
markdown-it-py parses with raw HTML disabled, and a link is kept only when its target is an
http(s) URL or an anchor in the page: the Markdown is ours and already escaped, and this is the
second lock on the same door.

Decorations work on the token stream, not on the HTML text: every heading gets an ``id`` and a
link to itself; the gap marker of the template (``*Not documented* (DC201).``) gets a class
that shows it, and every rule code in running text links to the rule's explanation.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

_CODE = re.compile(r"\bDC[0-9]{3}\b")
_SAFE_LINK = re.compile(r"^(?:https?://|#)", re.IGNORECASE)
GAP_MARKER = "Not documented"

RuleHref = Callable[[str], str]
"""The link target of a rule code's explanation, e.g. ``../rules.html#dc201``."""


@dataclass
class Converted:
    """The HTML of a Markdown document and the headings it holds, in order."""

    html: str
    headings: list[tuple[int, str, str]] = field(default_factory=list)  # (level, id, text)
    codes: list[str] = field(default_factory=list)  # rule codes linked, in first-seen order


def _validate_link(url: str) -> bool:
    return bool(_SAFE_LINK.match(url.strip()))


@lru_cache(maxsize=1)
def parser() -> MarkdownIt:
    """CommonMark with GFM tables and strikethrough; no raw HTML, no linkify, no typographer."""
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.enable(["table", "strikethrough"])
    md.validateLink = _validate_link  # type: ignore[method-assign]
    md.add_render_rule("table_open", _table_open)
    md.add_render_rule("table_close", _table_close)
    md.add_render_rule("image", _image)
    return md


def _image(self: object, tokens: list[Token], idx: int, options: object, env: object) -> str:
    """An image of a card's prose (a badge, a figure) becomes a link to it: the page loads
    nothing from the network (its policy would block the image, leaving a broken icon), and a
    reader can still open it."""
    from datacard.escape import html_attr, html_text

    token = tokens[idx]
    alt = html_text("".join(child.content for child in token.children or []) or "image")
    opened = sum(1 if t.type == "link_open" else -1 if t.type == "link_close" else 0 for t in tokens[:idx])
    if opened > 0:  # a badge inside a link (`[![build](svg)](ci)`): the link is there already
        return alt
    return f'<a class="image-link" href="{html_attr(str(token.attrGet("src") or ""))}">{alt}</a>'


def _table_open(self: object, tokens: list[Token], idx: int, options: object, env: object) -> str:
    """A wide table scrolls sideways in a region the keyboard can reach, named for its section."""
    from datacard.escape import html_attr

    label = str(tokens[idx].meta.get("label", "Table"))
    return f'<div class="table-wrap" tabindex="0" role="region" aria-label="{html_attr(label)}">\n<table>\n'


def _table_close(self: object, tokens: list[Token], idx: int, options: object, env: object) -> str:
    return "</table>\n</div>\n"


def slug(text: str) -> str:
    """An id for a heading: lower case words joined by hyphens (``DC201`` -> ``dc201``)."""
    return re.sub(r"[^\w]+", "-", text.lower()).strip("-_") or "section"


def to_html(markdown: str, rule_href: RuleHref | None = None, *, anchors: bool = True) -> Converted:
    """``markdown`` as HTML; rule codes link through ``rule_href`` (no links when None)."""
    md = parser()
    tokens = md.parse(markdown)
    out = Converted("")
    used: set[str] = set()
    for i, token in enumerate(tokens):
        if token.type == "heading_open":
            _heading(token, tokens[i + 1], used, out, anchors)
        elif token.type == "table_open":
            token.meta["label"] = f"Table: {out.headings[-1][2]}" if out.headings else "Table"
        elif token.type in ("th_open", "td_open") and token.attrGet("style"):
            # The page's policy allows no inline style: a column's alignment becomes a class.
            align = str(token.attrGet("style")).partition(":")[2].strip()
            del token.attrs["style"]
            token.attrSet("class", f"align-{align}")
        elif token.type == "inline" and token.children:
            heading = tokens[i - 1].type == "heading_open"
            token.children = _decorate(token.children, rule_href, out.codes, in_heading=heading)
    out.html = md.renderer.render(tokens, md.options, {})
    return out


# The ids the page around the Markdown gives its own elements (templates, charts, graphs): a
# heading written `# Main` or `# Site charts h` must not take one, or a skip link, a label
# (aria-labelledby) or the page's script would find the heading instead.
_PAGE_IDS = frozenset({"main", "q", "count", "catalogue", "more", "blocking-h", "entries-h"})
_PAGE_PREFIXES = ("site-", "chart-", "rule-", "f-", "page-graph", "catalogue-graph")


def _page_id(ident: str) -> bool:
    return ident in _PAGE_IDS or ident.startswith(_PAGE_PREFIXES)


def _heading(token: Token, inline: Token, used: set[str], out: Converted, anchors: bool) -> None:
    text = "".join(child.content for child in inline.children or [] if child.type in ("text", "code_inline"))
    base = slug(text)
    if _page_id(base):
        base = f"section-{base}"
    ident, n = base, 1
    while ident in used:
        n += 1
        ident = f"{base}-{n}"
    used.add(ident)
    token.attrSet("id", ident)
    out.headings.append((int(token.tag[1]), ident, text))
    if anchors and inline.children is not None:
        from markdown_it.token import Token

        link = Token("link_open", "a", 1, attrs={"class": "anchor", "href": f"#{ident}",
                                                 "aria-label": f"Link to this section: {text}"})
        inline.children += [Token("text", "", 0, content=" "), link,
                            Token("text", "", 0, content="#"), Token("link_close", "a", -1)]


def _decorate(children: list[Token], rule_href: RuleHref | None, codes: list[str], in_heading: bool) -> list[Token]:
    """Gap markers get a class; codes in running text (not in links, code or headings) link to
    their rule."""
    out: list[Token] = []
    in_link = 0
    for i, child in enumerate(children):
        if child.type == "link_open":
            in_link += 1
        elif child.type == "link_close":
            in_link -= 1
        elif child.type == "em_open" and _is_gap(children, i):
            child.attrSet("class", "gap")
        linkable = rule_href is not None and not in_link and not in_heading
        if child.type == "text" and linkable and rule_href is not None and _CODE.search(child.content):
            out.extend(_linked(child.content, rule_href, codes))
        else:
            out.append(child)
    return out


def _is_gap(children: list[Token], at: int) -> bool:
    nxt = children[at + 1] if at + 1 < len(children) else None
    return nxt is not None and nxt.type == "text" and nxt.content.startswith(GAP_MARKER)


def _linked(text: str, rule_href: RuleHref, codes: list[str]) -> list[Token]:
    from markdown_it.token import Token

    from datacard import codes as registry

    out: list[Token] = []
    done = 0
    for match in _CODE.finditer(text):
        code = match.group()
        try:
            summary = registry.get(code).summary
        except KeyError:  # a code datacard does not have: text, not a link
            continue
        if code not in codes:
            codes.append(code)
        out.append(Token("text", "", 0, content=text[done:match.start()]))
        out.append(Token("link_open", "a", 1, attrs={"class": "rule", "href": rule_href(code), "title": summary}))
        out.append(Token("text", "", 0, content=code))
        out.append(Token("link_close", "a", -1))
        done = match.end()
    out.append(Token("text", "", 0, content=text[done:]))
    return out
