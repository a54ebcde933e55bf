"""Hugging Face card Markdown body to datasheet fields, by the sections and labels of hf_tables.

Both the current template and the pre-2023 one are read. Placeholders count as absent; text
that has no home is reported (DC402), never dropped silently.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from datacard.codebook import interop as codes
from datacard.context import clean_text, marker
from datacard.escape import markdown_plain, unescape_prose_code
from datacard.findings import Severity
from datacard.interop import hf_tables as T
from datacard.interop import hub_vocab as V
from datacard.interop.common import get_path, set_path, slug
from datacard.interop.hf_card import Card as _Card
from datacard.interop.hf_markdown import (
    BULLET,
    FENCE,
    OPTIONAL_MARK,
    markdown_blocks,
    norm_heading,
    split_sections,
    table_rows,
)
from datacard.interop.licenses import spdx_id

_URL = re.compile(r"https?://[^\s)>\]]+")
# `**Label:** value` or `**Label**: value`; a colon the value starts with is the value's own.
_LABEL = re.compile(r"^(?:[-*+]\s+)?\*\*(?P<label>[^*]+?)(?P<colon>:)?\*\*(?(colon)|:?)[ \t]*(?P<value>.*)$",
                    re.DOTALL)

_SECTIONS: dict[str, T.Section] = {}
for _section in T.SECTIONS:
    _SECTIONS.setdefault(norm_heading(_section.heading), _section)


def _item(text: str) -> str:
    return BULLET.sub("", text, count=1).strip()


def _urls(text: str) -> list[str]:
    return [u.rstrip(".,;") for u in _URL.findall(text)]


def _names(text: str) -> list[str]:
    """Names from `A; B` (as datacard writes them) or `A, B` (as people write them)."""
    plain = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)
    parts = re.split(r";|\n", plain) if ";" in plain else re.split(r",|\n", plain)
    return [p.strip().strip("*_").strip() for p in parts if p.strip().strip("*_").strip()]


def _bool(text: str) -> bool | None:
    word = text.strip().lower().rstrip(".")
    return True if word in ("yes", "true") else False if word in ("no", "false") else None


def _citation(text: str) -> str:
    # The closing fence is as long as the opening one: datacard writes a longer fence when the
    # citation holds backticks.
    fenced = re.search(r"(`{3,})[\w-]*\n(.*?)\n?\1(?!`)", text, re.DOTALL)
    if fenced:
        return fenced.group(2).strip()
    return re.sub(r"^\*\*\w+:?\*\*:?\s*", "", text).strip()


Reader = Callable[[_Card, str, str, int, str], None]
#: Target kind -> reader(card, path, text, line, label). A new kind is one function here.
_READERS: dict[str, Reader] = {}


def _reader(*kinds: str) -> Callable[[Reader], Reader]:
    def register(func: Reader) -> Reader:
        for kind in kinds:
            _READERS[kind] = func
        return func
    return register


def _apply(card: _Card, target: T.Target, text: str, line: int, label: str) -> None:
    """Put text from the body at the target, read as the target's kind.

    Prose is unescaped as `markdown_prose_code` escaped it on export (its code blocks as written);
    a citation is a code block.
    """
    # Real prose keeps its words, not a `[More Information Needed]` left after them.
    prose = text if target.kind == "citation" else without_markers_kept(unescape_prose_code(text))
    _READERS[target.kind](card, target.path, prose, line, label)


@_reader("text")
def _read_text(card: _Card, path: str, text: str, line: int, label: str) -> None:
    card.put(path, text, line, append_text=True)


@_reader("list")
def _read_list(card: _Card, path: str, text: str, line: int, label: str) -> None:
    card.extend(path, [text.strip()], line)


_MITIGATION = re.compile(r"\n\s*\*\*Mitigation:?\*\*:?\s*", re.IGNORECASE)


@_reader("risks")
def _read_risks(card: _Card, path: str, text: str, line: int, label: str) -> None:
    # `**Mitigation:**` on a line of its own inside the item says what to do about the risk.
    parts = _MITIGATION.split(text, maxsplit=1)
    mitigation = clean_text(parts[1]) if len(parts) > 1 else None
    card.extend(path, [{"description": parts[0].strip(), **({"mitigation": mitigation} if mitigation else {})}],
                line)


@_reader("items")
def _read_items(card: _Card, path: str, text: str, line: int, label: str) -> None:
    """Short items separated by semicolons (`researchers; journalists`)."""
    card.extend(path, [p.strip() for p in text.split(";") if p.strip()], line)


_SOURCE_ITEM = re.compile(r"^(?P<name>.*?)\s*(?:\((?P<url>https?://[^\s)]+)\))?\s*"
                          r"(?:\[(?P<id>[a-z][a-z0-9+.-]*:[^\s\]]+)\])?$", re.DOTALL)


@_reader("sources")
def _read_sources(card: _Card, path: str, text: str, line: int, label: str) -> None:
    """A source per list item: `Name (https://...) [hf:owner/name]`, as the exporter writes it, or
    `[Name](https://...)`. It completes the front matter's entry for the same dataset (or the
    `other-NAME` of a source off the Hub) rather than adding a second one."""
    if not BULLET.match(text):
        card.note(codes.UNMAPPED_SECTION, line, f"{label}: prose about the sources was not imported; list each "
                  "source as `- Name (https://...)`", path)
        return
    item = _item(text)
    linked = re.fullmatch(r"\[([^\]]+)\]\((https?://[^)\s]+)\)", item)
    match = _SOURCE_ITEM.match(item)
    name, url, ident = (item, None, None)
    if linked:
        name, url = linked.group(1), linked.group(2)
    elif match:
        name, url, ident = match.group("name"), match.group("url"), match.group("id")
    entry = {k: v for k, v in (("name", name.strip()), ("url", url), ("dataset", ident)) if v}
    sources = card.data.get("origin", {}).get("sources", [])
    same = next((s for s in sources if (ident and s.get("dataset") == ident)
                 or (name and s.get("name") and slug(s["name"]) == slug(name))), None)
    if same is not None:
        for key, value in entry.items():
            same[key] = value if key == "name" else same.get(key, value)
    elif entry:
        card.extend(path, [entry], line)


def _add_agents(card: _Card, path: str, text: str, line: int, label: str, extra: dict[str, list[str]]) -> None:
    if not _names_or_said(card, path, text, line, label):
        return
    known = {a.get("name") for a in get_path(card.data, path) or []}
    card.extend(path, [{"name": n, **extra} for n in _names(text) if n not in known], line)


def _names_or_said(card: _Card, path: str, text: str, line: int, label: str) -> bool:
    """Whether ``text`` is a list of names; prose about people is said (DC402), not split at its
    commas into "names" such as "led by Ana Ruiz", and its line is where the names belong."""
    if names_only(text):
        return True
    where = f"as a list of names (`Ana Ruiz; Example Lab`) for {label!r}"
    card.unread.setdefault(path, (line, f"{where}: its prose is not read as names"))
    card.note(codes.UNMAPPED_SECTION, line, f"{label}: prose, not a list of names, so no one was imported; "
              f"write them {where}", path)
    return False


@_reader("agents")
def _read_agents(card: _Card, path: str, text: str, line: int, label: str) -> None:
    _add_agents(card, path, text, line, label, {})


@_reader("publishers")
def _read_publishers(card: _Card, path: str, text: str, line: int, label: str) -> None:
    _add_agents(card, path, text, line, label, {"roles": ["publisher"]})


# Words that make a text a sentence about people rather than a list of their names (in lower
# case, as a sentence has them: a name may be "Ada Was"), "Created by ...", and words a name does
# not start with ("led by Ana Ruiz", "and the Lab itself"). Organisations' names hold "the",
# "of" and "for" (The Alan Turing Institute, University of the Arts).
_PROSE = re.compile(r"\b(?:was|were|is|are|has|have|had|created|developed|curated|collected|built|made|"
                    r"initially|originally|maintained|funded|supported|led|written|provided|helped?)\b"
                    r"|(?i:\b[a-z]+ed by\b)")
_NOT_A_NAME_START = re.compile(r"^(?:and|or|with|led|by|from|for|a|an|who|which|in|at|of|thanks)\b")


def names_only(text: str) -> bool:
    """Whether ``text`` is a list of names (`Ada Lovelace, Example Lab`), not prose about them."""
    parts = _names(text)
    return (bool(parts) and len(text) <= 300 and not _PROSE.search(text)
            and all(len(p.split()) <= 10 and not _NOT_A_NAME_START.match(p) for p in parts))


@_reader("curators")
def _read_curators(card: _Card, path: str, text: str, line: int, label: str) -> None:
    if names_only(text):
        _add_agents(card, path, text, line, label, {})
    else:
        where = f"as a list of names (`- Name`, one a line) under {label!r}"
        card.unread.setdefault(path, (line, f"{where}: its prose is not read as names"))
        card.note(codes.UNMAPPED_SECTION, line, f"{label}: prose about the curators is not a list of names, "
                  f"so no creator was imported; write them {where}", path)


@_reader("funders")
def _read_funders(card: _Card, path: str, text: str, line: int, label: str) -> None:
    if _names_or_said(card, path, text, line, label):
        card.extend(path, [{"funder": n} for n in _names(text)], line)


# What a card writes for a link it does not have: `None` (a Python exporter's), `null`.
_NO_LINK = frozenset({"none", "null", "nil", "n/a", "na", "-"})
_BIBTEX = re.compile(r"^@\w+\s*\{")


@_reader("url")
def _read_url(card: _Card, path: str, text: str, line: int, label: str) -> None:
    urls = _urls(text)
    if urls:
        card.put(path, urls[0], line)
    elif text.strip().lower() not in _NO_LINK:
        card.note(codes.UNMAPPED_SECTION, line, f"{label}: {text!r} is not a web address; not imported", path)


@_reader("identifier-url")
def _read_identifier_url(card: _Card, path: str, text: str, line: int, label: str) -> None:
    urls = _urls(text)
    card.extend(path, urls, line)
    if urls or text.strip().lower() in _NO_LINK:
        return
    if _BIBTEX.match(text.strip()):  # the paper given as its BibTeX entry: the citation
        card.put("citation", text.strip(), line)
    else:
        card.note(codes.UNMAPPED_SECTION, line, f"{label}: {text!r} has no link; not imported", path)


@_reader("reference", "references")
def _read_reference(card: _Card, path: str, text: str, line: int, label: str) -> None:
    """A link to where the dataset is used (a leaderboard): a prior use with its URL."""
    urls = _urls(text)
    # The link text as it reads: export writes the description escaped (`\*` for a `*`), so
    # its escapes are decoded here, or each round trip would add a backslash.
    linked = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", _URL.sub("", text))
    words = clean_text(markdown_plain(linked).strip(" ,;:()")) or label
    card.extend(path, [{"description": words, **({"url": urls[0]} if urls else {})}], line)


@_reader("identifiers")
def _read_identifiers(card: _Card, path: str, text: str, line: int, label: str) -> None:
    card.extend(path, [p.strip() for p in text.split(",") if p.strip()], line)


@_reader("int")
def _read_int(card: _Card, path: str, text: str, line: int, label: str) -> None:
    digits = re.sub(r"[,_\s]", "", text)
    if digits.isascii() and digits.isdigit():  # not "²", which int() refuses
        card.put(path, int(digits), line)


# `datasets` printed sizes in binary units, as `127.06 MB` (or `MiB`), to two decimals.
_SIZE = re.compile(r"^([0-9]+(?:\.[0-9]+)?)\s*([KMGT]i?B|B|bytes)$", re.IGNORECASE)
_UNITS = {"b": 1, "bytes": 1, "kb": 2**10, "mb": 2**20, "gb": 2**30, "tb": 2**40}


@_reader("bytes")
def _read_bytes(card: _Card, path: str, text: str, line: int, label: str) -> None:
    match = _SIZE.match(text.strip())
    if match:
        card.put(path, round(float(match.group(1)) * _UNITS[match.group(2).lower().replace("i", "")]), line)


@_reader("generated")
def _read_generated(card: _Card, path: str, text: str, line: int, label: str) -> None:
    """A figure the `datasets` library computed from the files (download size, disk used)."""


def _whole(cell: str) -> int | None:
    digits = re.sub(r"[,_\s]", "", cell)
    return int(digits) if digits.isdigit() else None


def split_counts(text: str) -> list[dict[str, Any]]:
    """Splits and their counts from a table that is one row of counts under the split names
    (`| Number of examples | 67349 | 872 |`) or one column of them beside the names; any other
    table (a row per configuration or per label) says no one count per split."""
    rows = table_rows(text)
    if len(rows) == 2 and len(rows[0]) == len(rows[1]) > 1:
        names, counts = rows[0][1:], [_whole(c) for c in rows[1][1:]]
    elif len(rows) > 1 and all(len(row) == 2 for row in rows):
        names, counts = [row[0] for row in rows[1:]], [_whole(row[1]) for row in rows[1:]]
    else:
        return []
    if not all(names) or any(c is None for c in counts) or len(set(names)) < len(names):
        return []
    return [{"name": name.lower(), "count": count} for name, count in zip(names, counts, strict=True)]


@_reader("split-table")
def _read_split_table(card: _Card, path: str, text: str, line: int, label: str) -> None:
    """The text is the split rationale; a table of counts in it gives the splits, when the
    metadata (`dataset_info`) did not."""
    card.put(path, text, line, append_text=True)
    splits = split_counts(text)
    if splits:
        card.split_tables.append((line, splits))


def _body_splits(card: _Card) -> None:
    """The splits of the body's table of counts, when the metadata gave none and the body has
    one such table: several (one per configuration, under `#### config` headings) count parts
    of the dataset, and their first is not the whole."""
    tables = card.split_tables
    if not tables or get_path(card.data, "composition.splits") is not None:
        return
    if len(tables) > 1:
        card.note(codes.UNMAPPED_SECTION, tables[0][0], f"the card counts splits in {len(tables)} tables (one "
                  "per configuration?); composition.splits holds the whole dataset's, so none were imported: "
                  "write them", "composition.splits", Severity.INFO)
        return
    line, splits = tables[0]
    card.extend("composition.splits", splits, line)
    total = sum(s["count"] for s in splits)
    card.put("composition.count", total, line)
    _drop_derived_size(card, total, line)


def _drop_derived_size(card: _Card, total: int, table: int) -> None:
    """A size range that holds the count the splits give says nothing more: it is dropped, as
    when the metadata gives the counts (the card's export writes it back from the count). A range
    that disagrees stays beside the count (either may be the wrong one), and is said."""
    composition = card.data.get("composition") or {}
    size = composition.get("size_category")
    if size is None:
        return
    if size == V.size_category(total):
        del composition["size_category"]
        card.lines.pop("composition.size_category", None)
        return
    card.note(codes.HUB_INCONSISTENT, card.lines.get("composition.size_category", table), f"size_categories says "
              f"{size}, but the table of splits at line {table} counts {total:,} examples: write "
              f"{V.size_category(total)}, or correct the table", "composition.size_category")


@_reader("bool")
def _read_bool(card: _Card, path: str, text: str, line: int, label: str) -> None:
    value = _bool(text)
    if value is not None:
        card.put(path, value, line)


@_reader("csv")
def _read_csv(card: _Card, path: str, text: str, line: int, label: str) -> None:
    card.extend(path, [p.strip().lower() for p in text.split(",") if p.strip()], line)


@_reader("timeframe")
def _read_timeframe(card: _Card, path: str, text: str, line: int, label: str) -> None:
    ends = [p.strip() for p in re.split(r"\s+to\s+|/", text) if p.strip()]
    card.put(path, dict(zip(("start", "end"), ends[:2], strict=False)), line)


@_reader("citation")
def _read_citation(card: _Card, path: str, text: str, line: int, label: str) -> None:
    citation = clean_text(_citation(text))
    if citation:  # an empty code block is no citation
        card.put(path, citation, line)


@_reader("license-name")
def _read_license_name(card: _Card, path: str, text: str, line: int, label: str) -> None:
    _license_name(card, text, line)


@_reader("unmapped")
def _read_unmapped(card: _Card, path: str, text: str, line: int, label: str) -> None:
    card.note(codes.UNMAPPED_SECTION, line, f"{label}: no datasheet field holds this; not imported", label)


@_reader("language-names")
def _read_language_names(card: _Card, path: str, text: str, line: int, label: str) -> None:
    _language_text(card, "language-names", text, line, label)


@_reader("language-prose")
def _read_language_prose(card: _Card, path: str, text: str, line: int, label: str) -> None:
    _language_text(card, "language-prose", text, line, label)


def _license_name(card: _Card, text: str, line: int) -> None:
    licence = get_path(card.data, "audience.license")
    if licence is None:
        spdx = spdx_id(text)
        card.put("audience.license", {"id": spdx, "name": text} if spdx else {"id": "other", "name": text}, line)
    elif licence.get("name") == slug(text):
        licence["name"] = text  # the front matter's license_name is the slug of this name
    elif "name" not in licence and text.lower() != str(licence["id"]).lower():
        spdx = spdx_id(text)
        if spdx and spdx != licence["id"]:
            card.note(codes.BAD_VALUE, line, f"the body names licence {text!r} but the front matter says "
                      f"{licence['id']}; kept the front matter's", "audience.license")
        else:
            licence["name"] = text


def _tagged_items(text: str) -> list[tuple[str, str | None]]:
    """`en (English as written on Yelp); fr-CA (...)` as (tag, description) pairs; descriptions
    may hold semicolons and balanced parentheses."""
    items: list[tuple[str, str | None]] = []
    i, n = 0, len(text)
    while i < n:
        while i < n and text[i] in " ;,\n":
            i += 1
        start = i
        while i < n and text[i] not in " ;,(\n":
            i += 1
        tag = text[start:i]
        while i < n and text[i] == " ":
            i += 1
        description = None
        if i < n and text[i] == "(":
            depth, begin = 0, i + 1
            while i < n:
                depth += {"(": 1, ")": -1}.get(text[i], 0)
                if depth == 0:
                    break
                i += 1
            description = text[begin:i].strip() or None
            i += 1
        elif i < n and text[i] not in ";,":
            # Prose, not a list of tags: the rest is one language name.
            rest = text[start:].split(";")[0]
            items.append((rest.strip(), None))
            i = start + len(rest)
            continue
        if tag:
            items.append((tag, description))
    return items


def _language_text(card: _Card, kind: str, text: str, line: int, label: str) -> None:
    languages = card.data.get("composition", {}).get("languages", [])
    if kind == "language-names":
        for tag, description in _tagged_items(text):
            entry = next((e for e in languages if e["tag"].lower() == tag.lower()), None)
            if entry is not None and description and "description" not in entry:
                entry["description"] = description
            elif entry is None and not languages:
                code = T.LANGUAGE_NAMES.get(tag.lower())
                if code:
                    card.extend("composition.languages", [{"tag": code}], line)
        return
    if len(languages) == 1 and "description" not in languages[0]:
        languages[0]["description"] = text
    else:
        card.note(codes.UNMAPPED_SECTION, line, f"{label}: prose about several languages was not imported; "
                  "describe each on a `- **Language(s) (NLP):** da (Danish, as written in ...); sv (...)` line "
                  "under `### Dataset Description`", "composition.languages")


def without_markers_kept(text: str) -> str:
    """Text without a placeholder marker left at the end of a line (`Real prose. [More Information
    Needed]`) or on a line of its own; a marker inside a sentence is the author's and stays."""
    if marker(text) is None:
        return text
    lines = []
    for line in text.split("\n"):
        found = marker(line)
        if found is not None and line.rstrip().rstrip(".!").endswith(found):
            line = line.rstrip().rstrip(".!")[: -len(found)].rstrip()
            if not line.strip():
                continue
        lines.append(line)
    return "\n".join(lines).strip()


def _empty_label(text: str) -> bool:
    """A labelled line left unfilled, such as `- **Leaderboard:**`."""
    match = _LABEL.match(text)
    return match is not None and clean_text(match.group("value")) is None


_WHOLE_SECTION_KINDS = frozenset({"language-prose", "curators", "citation"})


def _read_section(card: _Card, section: T.Section | None, heading: str, line: int,
                  lines: list[tuple[int, str]]) -> None:
    every = markdown_blocks(lines)
    blocks = [(n, t) for n, t in every if not _empty_label(t)]
    # Unfilled `- **Label:**` lines are left out of prose read as written.
    unfilled = {(b, u) for b, u in every if _empty_label(u)}  # once: per line, it was quadratic
    lines = [(n, t) for n, t in lines if (n, t.strip()) not in unfilled]
    if section is None:
        if blocks:
            card.note(codes.UNMAPPED_SECTION, line, f"section {heading!r} has no datasheet field; "
                      "its text was not imported", heading)
        return
    default = section.default
    if default is not None and default.kind == "citation" and blocks:
        _read_citation_blocks(card, default, blocks, heading)
        return
    if default is not None and default.kind in _WHOLE_SECTION_KINDS and blocks:
        _apply(card, default, "\n\n".join(text for _, text in blocks), blocks[0][0], heading)
        return
    labels = {norm_heading(k): v for k, v in {**T.GLOBAL_LABELS, **section.labels}.items()}
    current: tuple[T.Target, str] | None = None
    unmapped: list[int] = []
    prose: list[int] = []  # first lines of consecutive prose blocks, read as one text
    for number, text in blocks:
        match = _LABEL.match(text)
        label = norm_heading(match.group("label")) if match else ""
        if match and label in labels:
            value = clean_text(match.group("value"))
            name = OPTIONAL_MARK.sub("", match.group("label")).strip().rstrip(":")
            current = (labels[label], name) if labels[label].kind == "text" else None
            if value:
                _apply(card, labels[label], value, number, name)
        elif current is not None and not BULLET.match(text):
            _apply(card, current[0], text, number, current[1])
        elif default is not None and default.kind == "text":
            prose.append(number)
            continue
        elif default is not None:
            # A list item of the section: its bullet is the card's, not part of the text (a
            # labelled value keeps a leading "- " that is its own).
            _apply(card, default, _item(text) if default.kind in ("list", "risks") else text, number, heading)
        else:
            unmapped.append(number)
        _flush_prose(card, default, prose, lines, number, heading)
    _flush_prose(card, default, prose, lines, None, heading)
    if unmapped:
        card.note(codes.UNMAPPED_SECTION, unmapped[0], f"text under {heading!r} has no datasheet field; "
                  "not imported", heading)


_CITATION_LABEL = re.compile(r"^(?:\*\*|__)[\w ]+:?(?:\*\*|__):?\s*")


def _read_citation_blocks(card: _Card, target: T.Target, blocks: list[tuple[int, str]], heading: str) -> None:
    """One citation: its code blocks (BibTeX entries, which may follow one another), else its
    text (APA, or a plain reference). Text beside code blocks has no field of its own and is
    said (info), unless it only leads into them (`Please cite:`)."""
    code = [(n, t) for n, t in blocks if FENCE.match(t)]
    cleaned = [(n, clean_text(_CITATION_LABEL.sub("", t))) for n, t in blocks if not FENCE.match(t)]
    texts = [(n, t) for n, t in cleaned if t]
    if not code:
        if texts:
            _apply(card, target, "\n\n".join(t for _, t in texts), texts[0][0], heading)
        return
    citation = clean_text("\n\n".join(_citation(t) for _, t in code))
    if citation is None:
        return
    # The citation section wins over a BibTeX entry given as the paper in the description.
    set_path(card.data, target.path, citation)
    card.lines[target.path] = code[0][0]
    beside = [(n, t) for n, t in texts if not t.rstrip().endswith(":")]
    if beside:
        card.note(codes.UNMAPPED_SECTION, beside[0][0], f"{heading}: the datasheet keeps one citation, the code "
                  f"block; the text beside it was not imported: {_shown(beside[0][1])}", target.path, Severity.INFO)


def _shown(text: str) -> str:
    one_line = " ".join(text.split())
    return repr(one_line if len(one_line) <= 60 else f"{one_line[:59]}…")


def _flush_prose(card: _Card, default: T.Target | None, prose: list[int], lines: list[tuple[int, str]],
                 stop: int | None, heading: str) -> None:
    """Prose blocks in a row become one text, taken from the card as written (lists, line breaks
    and blank lines kept), up to the next block that is not prose."""
    if not prose or default is None:
        return
    raw = "\n".join(text for number, text in lines if number >= prose[0] and (stop is None or number < stop))
    text = clean_text(raw)
    if text:
        _apply(card, default, text, prose[0], heading)
    prose.clear()


def _effective(heading: str, level: int, stack: list[tuple[int, T.Section | None, str]]
               ) -> tuple[T.Section | None, str, bool]:
    """The section that governs a heading: its own, or that of the known section it is nested in.

    Returns (section, heading to report, skip)."""
    norm = norm_heading(heading)
    while stack and stack[-1][0] >= level:
        stack.pop()
    own = _SECTIONS.get(norm)
    skip = norm in T.SKIPPED_HEADINGS
    if own is None and not skip:
        for _, parent, parent_heading in reversed(stack):
            if norm_heading(parent_heading) in T.SKIPPED_HEADINGS:
                return None, heading, True
            if parent is not None:
                stack.append((level, parent, parent_heading))
                return parent, parent_heading, False
    stack.append((level, own, heading))
    return own, heading, skip


def _card_title(heading: str) -> str | None:
    """The dataset's name in the card's title: not the template's slot (`Dataset Name`), and
    without the quotes of the pre-2023 template (`# Dataset Card for "imdb"`)."""
    title = markdown_plain(re.sub(r"^dataset card for\s+", "", heading, flags=re.IGNORECASE).strip())
    quoted = re.fullmatch(r"([\"'])([^\"']+)\1", title)
    title = quoted.group(2).strip() if quoted else title
    if not title or title.startswith("{{") or clean_text(title) is None or title.lower() in T.TEMPLATE_TITLES:
        return None
    return title


def read_body(card: _Card, body: str, first_line: int) -> None:
    stack: list[tuple[int, T.Section | None, str]] = []
    titled = False  # only the card's first heading can be its title
    for heading, level, line, lines in split_sections(body, first_line):
        first, titled = not titled and level >= 1, titled or level >= 1
        if level == 1 and first and norm_heading(heading) not in _SECTIONS:
            # The card's title (`# Dataset Card for ...`); its text is the quick summary.
            stack.clear()
            title = _card_title(heading)
            if title is not None:
                card.put("title", title, line)
            blocks = markdown_blocks(lines)
            if blocks:
                card.put("summary", unescape_prose_code("\n\n".join(text for _, text in blocks)), blocks[0][0],
                         append_text=True)
        elif level >= 1:
            # A card may write its sections at the top level (`# Dataset Structure`).
            section, shown, skip = _effective(heading, level, stack)
            if not skip:
                _read_section(card, section, shown, line, lines)
        elif markdown_blocks(lines):
            # Text before any heading says what the dataset is, as the title's text would.
            _read_section(card, _SECTIONS["dataset summary"], "Dataset Summary", line, lines)
    _body_splits(card)


def no_labels_reason(card: _Card) -> None:
    """`no-annotation` in the front matter with prose in the annotation sections: the prose is
    the reason there are no labels (the schema forbids details beside `labelled: false`)."""
    annotation = card.data.get("origin", {}).get("annotation", {})
    if annotation.get("labelled") is not False:
        return
    texts = [annotation.pop("process", None), (annotation.pop("annotators", None) or {}).get("description")]
    texts = [t for t in texts if t]
    if not texts and not annotation.get("reason"):
        annotation["reason"] = "The card's annotations_creators is no-annotation."
    elif texts and annotation.get("reason"):
        annotation["reason"] = "\n\n".join([annotation["reason"], *texts])
    elif texts:
        annotation["reason"] = "\n\n".join(texts)
        card.note(codes.BAD_VALUE, card.lines.get("origin.annotation.process", 0),
                  "annotations_creators says no-annotation; the annotation text was kept as the reason",
                  "origin.annotation", Severity.INFO)
