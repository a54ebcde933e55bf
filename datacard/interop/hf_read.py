"""Hugging Face card to datasheet: front matter keys and Markdown sections, by the tables in
:mod:`datacard.interop.hf_tables`. Anything that has no home becomes a DC4xx finding."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter, ValidationError

from datacard import codes as core_codes
from datacard.findings import Finding, Severity
from datacard.interop import codes
from datacard.interop import hf_tables as T
from datacard.interop.common import Imported, append_path, clean_text, finish, get_path, set_path, slug
from datacard.load import Loaded, load_text
from datacard.model.licenses import SPDX_IDS
from datacard.model.types import Bcp47

_BCP47 = TypeAdapter(Bcp47)
_SPDX_LOWER = {i.lower(): i for i in SPDX_IDS}
_URL = re.compile(r"https?://[^\s)>\]]+")
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_FENCE = re.compile(r"^\s*(```|~~~)")
_BULLET = re.compile(r"^ {0,3}[-*+]\s+")
_LABEL = re.compile(r"^(?:[-*+]\s+)?\*\*(?P<label>[^*]+?)\*\*\s*:?\s*(?P<value>.*)$", re.DOTALL)


class _Card:
    """The datasheet being built, where each value came from, and what could not be kept."""

    def __init__(self, path: str, loaded: Loaded) -> None:
        self.path = path
        self.loaded = loaded
        self.data: dict[str, Any] = {}
        self.lines: dict[str, int] = {}
        self.findings: list[Finding] = []

    def key_line(self, key: str) -> int:
        return self.loaded.position((key,), key=True)[0] if self.loaded.root is not None else 1

    def value_line(self, loc: tuple[str | int, ...]) -> int:
        return self.loaded.position(loc)[0] if self.loaded.root is not None else 1

    def put(self, path: str, value: Any, line: int, *, append_text: bool = False) -> None:
        existing = get_path(self.data, path)
        if existing is not None and append_text and isinstance(existing, str):
            if value not in existing:
                value = f"{existing}\n\n{value}"
        elif existing is not None:
            return
        set_path(self.data, path, value)
        self.lines.setdefault(path, line)

    def extend(self, path: str, values: list[Any], line: int) -> None:
        if values:
            append_path(self.data, path, values)
            self.lines.setdefault(path, line)

    def note(self, code: Any, line: int, message: str, field: str | None = None,
             severity: Severity | None = None) -> None:
        self.findings.append(code.finding(self.path, line, 1 if line else 0, message, field, severity))


# --- front matter ----------------------------------------------------------------------------

def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    if isinstance(value, dict):  # pre-2022 cards: one list per config
        return [v for values in value.values() for v in _as_list(values)]
    return list(value) if isinstance(value, list) else [value]


def _language(card: _Card, key: str, value: Any, meta: dict[str, Any]) -> None:
    if "language_details" in meta and T.KEY_ALIASES.get(key, key) == "language":
        details = _as_list(meta["language_details"])
        covered = {str(d).replace("_", "-").split("-")[0].lower() for d in details}
        value = [v for v in _as_list(value) if not (isinstance(v, str) and v.lower() in covered)]
    for index, item in enumerate(_as_list(value)):
        line = card.value_line((key, index)) if isinstance(value, list) else card.key_line(key)
        if not isinstance(item, str) or not item.strip():
            card.note(codes.BAD_VALUE, line, f"{key}: {item!r} is not a language code; it was dropped",
                      key)
            continue
        text = item.strip()
        if text.lower() == "multilingual":
            card.put("composition.multilinguality", "multilingual", line)
            continue
        tag = T.LANGUAGE_NAMES.get(text.lower())
        if tag is not None:
            card.note(codes.BAD_VALUE, line, f"{key}: {text!r} is a language name; imported as {tag!r}",
                      key, Severity.INFO)
        else:
            tag = text.replace("_", "-")  # en_US is how some cards write en-US
            if len(tag.split("-")[0]) > 3:
                card.note(codes.BAD_VALUE, line, f"{key}: {text!r} is not a language code "
                          "(write en, nb, pt-BR); dropped", key)
                continue
        try:
            _BCP47.validate_python(tag)
        except ValidationError:
            card.note(codes.BAD_VALUE, line, f"{key}: {text!r} is not a BCP 47 language tag; dropped", key)
            continue
        known = [entry["tag"].lower() for entry in card.data.get("composition", {}).get("languages", [])]
        if tag.lower() not in known:
            card.extend("composition.languages", [{"tag": tag}], line)


def _license(card: _Card, key: str, value: Any, meta: dict[str, Any]) -> None:
    values = [v for v in _as_list(value) if isinstance(v, str)]
    line = card.key_line(key)
    if not values:
        if value not in (None, []):
            card.note(codes.BAD_VALUE, line, f"license: {value!r} is not a licence id; dropped", "license")
        return
    if len(values) > 1:
        card.note(codes.BAD_VALUE, line, f"license: a datasheet records one licence; kept {values[0]!r}, "
                  f"dropped {', '.join(map(repr, values[1:]))}", "license")
    raw = values[0].strip()
    lowered = raw.lower()
    if lowered in T.UNKNOWN_LICENSES:
        return
    name = meta.get("license_name")
    spdx = T.HF_LICENSES.get(lowered) if lowered in T.HF_LICENSES else _SPDX_LOWER.get(lowered)
    spdx = spdx or T.LICENSE_NAMES.get(lowered)
    licence: dict[str, Any] = {"id": spdx or "other"}
    if spdx is None:
        licence["name"] = name if isinstance(name, str) and name else raw
        if lowered not in T.HF_LICENSES:
            card.note(codes.BAD_VALUE, line, f"license: {raw!r} is neither a Hub licence id nor an SPDX id; "
                      "kept as `other` with that name", "license")
    elif isinstance(name, str) and name:
        licence["name"] = name
    if isinstance(meta.get("license_link"), str):
        licence["url"] = meta["license_link"]
    details = meta.get("license_details")
    if isinstance(details, str) and details:
        licence["details"] = details
    card.put("audience.license", licence, line)


def _license_part(card: _Card, key: str, value: Any, meta: dict[str, Any]) -> None:
    """license_name, license_link, license_details: read together with `license`."""
    if "license" not in meta and value:
        card.note(codes.UNMAPPED_KEY, card.key_line(key), f"{key} without a `license` key was not imported",
                  key)


def _annotations(card: _Card, key: str, value: Any, meta: dict[str, Any]) -> None:
    line = card.key_line(key)
    for item in _as_list(value):
        if item == "no-annotation":
            card.put("origin.annotation.labelled", False, line)
        elif item in T.ANNOTATION_CREATORS:
            card.extend("origin.annotation.creators", [item], line)
        else:
            card.note(codes.BAD_VALUE, line, f"{key}: {item!r} is not a Hub annotation creator type "
                      f"({', '.join(sorted(T.ANNOTATION_CREATORS))}); dropped", key)


def _language_creators(card: _Card, key: str, value: Any, meta: dict[str, Any]) -> None:
    line = card.key_line(key)
    for item in _as_list(value):
        method = T.LANGUAGE_CREATORS_IN.get(item) if isinstance(item, str) else None
        if method:
            card.extend("origin.collection.methods", [method], line)
        else:
            card.note(codes.BAD_VALUE, line, f"{key}: {item!r} names no single collection method; "
                      "state it in origin.collection.methods", key, Severity.INFO)


def _multilinguality(card: _Card, key: str, value: Any, meta: dict[str, Any]) -> None:
    line = card.key_line(key)
    values = [v for v in _as_list(value) if v in T.MULTILINGUALITY]
    if values:
        card.put("composition.multilinguality", values[0], line)
    for item in _as_list(value):
        if item not in values[:1]:
            card.note(codes.BAD_VALUE, line, f"{key}: {item!r} was not imported (one of "
                      f"{', '.join(sorted(T.MULTILINGUALITY))} is kept)", key)


def _size(card: _Card, key: str, value: Any, meta: dict[str, Any]) -> None:
    """Read after dataset_info, so that an exact count is known when there is one."""


def _sources(card: _Card, key: str, value: Any, meta: dict[str, Any]) -> None:
    line = card.key_line(key)
    for item in _as_list(value):
        if not isinstance(item, str) or item in ("original", "extended"):
            continue
        ident = item.split("|", 1)[1] if item.startswith("extended|") else item
        entry: dict[str, Any] = {"relation": "extended"} if item.startswith("extended|") else {}
        if re.fullmatch(r"[\w.-]+(?:/[\w.-]+)?", ident):
            entry["dataset"] = f"hf:{ident}"
        else:
            entry["name"] = ident
        card.extend("origin.sources", [entry], line)


def _tasks(card: _Card, key: str, value: Any, meta: dict[str, Any]) -> None:
    line = card.key_line(key)
    vocabulary = T.TASK_CATEGORIES if key == "task_categories" else T.TASK_IDS
    for item in _as_list(value):
        if not isinstance(item, str) or not item:
            continue
        task = T.LEGACY_TASKS.get(item, item) if key == "task_categories" else item
        if task != item:
            card.note(codes.BAD_VALUE, line, f"{key}: {item!r} is a retired Hub task; imported as {task!r}",
                      key, Severity.INFO)
        elif task not in vocabulary:
            card.note(codes.BAD_VALUE, line, f"{key}: {item!r} is not in the Hub's vocabulary; kept as a task",
                      key, Severity.INFO)
        card.extend("application.tasks", [task], line)


def _pretty_name(card: _Card, key: str, value: Any, meta: dict[str, Any]) -> None:
    if isinstance(value, str) and value.strip():
        card.put("title", value.strip(), card.key_line(key))


def _pwc(card: _Card, key: str, value: Any, meta: dict[str, Any]) -> None:
    if isinstance(value, str) and value.strip():
        card.extend("identifiers", [f"paperswithcode:{value.strip()}"], card.key_line(key))


def _tags(card: _Card, key: str, value: Any, meta: dict[str, Any]) -> None:
    line = card.key_line(key)
    for item in _as_list(value):
        if not isinstance(item, (str, int, float)) or isinstance(item, bool):
            continue
        text = str(item).strip().strip("'\"")
        # A modality tag is also kept as a keyword: the card cannot tell which one was meant.
        if text.lower() in T.MODALITY_TAGS:
            card.extend("composition.modalities", [T.MODALITY_TAGS[text.lower()]], line)
        if text:
            card.extend("keywords", [text], line)


def _features(card: _Card, features: Any, line: int) -> None:
    fields = []
    for feature in _as_list(features):
        if not isinstance(feature, dict) or not isinstance(feature.get("name"), str):
            continue
        entry: dict[str, Any] = {"name": feature["name"]}
        if isinstance(feature.get("dtype"), str):
            dtype = feature["dtype"]
            entry["type"] = T.DTYPES_IN.get(dtype, "datetime" if dtype.startswith("timestamp") else "other")
        elif isinstance(feature.get("class_label"), dict):
            entry["type"] = "category"
            names = feature["class_label"].get("names")
            values = names.values() if isinstance(names, dict) else _as_list(names)
            entry["values"] = [str(v) for v in values]
        elif "sequence" in feature or "list" in feature:
            entry["type"] = "list"
        elif "struct" in feature or "translation" in feature or isinstance(feature.get("dtype"), dict):
            entry["type"] = "struct"
        fields.append(entry)
    card.extend("composition.fields", fields, line)


def _dataset_info(card: _Card, key: str, value: Any, meta: dict[str, Any]) -> None:
    line = card.key_line(key)
    infos = [value] if isinstance(value, dict) else [v for v in _as_list(value) if isinstance(v, dict)]
    if not infos:
        return
    chosen = next((i for i in infos if i.get("config_name") == "default"), infos[0])
    if len(infos) > 1:
        card.note(codes.UNMAPPED_KEY, line, f"dataset_info describes {len(infos)} configurations; splits "
                  f"and fields were taken from {chosen.get('config_name', 'the first')!r} only", key,
                  Severity.INFO)
    splits = [
        {"name": s["name"], **({"count": s["num_examples"]} if isinstance(s.get("num_examples"), int) else {})}
        for s in _as_list(chosen.get("splits")) if isinstance(s, dict) and isinstance(s.get("name"), str)
    ]
    card.extend("composition.splits", splits, line)
    _features(card, chosen.get("features"), line)
    if isinstance(chosen.get("dataset_size"), int) and len(infos) == 1:
        card.put("composition.size_bytes", chosen["dataset_size"], line)


def _configs(card: _Card, key: str, value: Any, meta: dict[str, Any]) -> None:
    formats = []
    for config in _as_list(value):
        files = config.get("data_files") if isinstance(config, dict) else None
        for entry in _as_list(files):
            path = entry.get("path") if isinstance(entry, dict) else entry
            for p in _as_list(path):
                suffix = Path(str(p)).suffix.lstrip(".").lower()
                if suffix and suffix.isalnum():
                    formats.append(suffix)
    card.extend("audience.distribution.formats", sorted(set(formats)), card.key_line(key))


def _gated(card: _Card, key: str, value: Any, meta: dict[str, Any]) -> None:
    if isinstance(value, str) and value.strip():
        line = card.key_line(key)
        card.put("audience.access.type", "gated", line)
        card.put("audience.access.conditions", value.strip(), line)


def _ignored(card: _Card, key: str, value: Any, meta: dict[str, Any]) -> None:
    """Hub machinery (viewer settings, evaluation index): nothing to document."""


Handler = Callable[[_Card, str, Any, dict[str, Any]], None]
#: Front matter key -> handler. Order matters: dataset_info before size_categories.
META_HANDLERS: dict[str, Handler] = {
    "pretty_name": _pretty_name, "language": _language, "language_details": _language,
    "license": _license, "license_name": _license_part, "license_link": _license_part,
    "license_details": _license_part, "annotations_creators": _annotations,
    "language_creators": _language_creators, "multilinguality": _multilinguality,
    "dataset_info": _dataset_info, "size_categories": _size, "source_datasets": _sources,
    "task_categories": _tasks, "task_ids": _tasks, "paperswithcode_id": _pwc, "tags": _tags,
    "configs": _configs, "extra_gated_prompt": _gated,
    **{key: _ignored for key in T.IGNORED_KEYS if key != "configs"},
}


def _read_meta(card: _Card, meta: dict[str, Any]) -> None:
    canonical: dict[str, Any] = {}
    written: dict[str, str] = {}
    for key, value in meta.items():
        name = T.KEY_ALIASES.get(key, key)
        if name not in canonical:
            canonical[name], written[name] = value, key
    order = list(META_HANDLERS)
    for name in sorted(canonical, key=lambda k: order.index(k) if k in order else len(order)):
        handler = META_HANDLERS.get(name)
        if handler is not None:
            handler(card, written[name], canonical[name], canonical)
        elif canonical[name] not in (None, "", [], {}):
            card.note(codes.UNMAPPED_KEY, card.key_line(written[name]),
                      f"front matter key {written[name]!r} has no datasheet field; it was not imported",
                      written[name])
    _size_check(card, canonical, written.get("size_categories", "size_categories"))


def _size_check(card: _Card, meta: dict[str, Any], size_key: str) -> None:
    splits = get_path(card.data, "composition.splits") or []
    counts = [s.get("count") for s in splits]
    if splits and all(isinstance(c, int) for c in counts):
        card.put("composition.count", sum(counts), card.lines.get("composition.splits", 1))
    if "size_categories" in meta and "composition.count" not in card.lines:
        card.note(codes.UNMAPPED_KEY, card.key_line(size_key),
                  "size_categories gives only a range; write the exact composition.count by hand",
                  "size_categories", Severity.INFO)


# --- body ------------------------------------------------------------------------------------

def _norm(heading: str) -> str:
    text = re.sub(r"\[optional\]|\(optional\)|<[^>]+>", "", heading, flags=re.IGNORECASE)
    return re.sub(r"\s+", " ", text).strip().rstrip(":").strip().lower()


_SECTIONS: dict[str, T.Section] = {}
for _section in T.SECTIONS:
    _SECTIONS.setdefault(_norm(_section.heading), _section)


def _split_sections(body: str, first_line: int) -> list[tuple[str, int, int, list[tuple[int, str]]]]:
    """(heading, level, line, content lines) per heading; text before any heading has level 0."""
    sections: list[tuple[str, int, int, list[tuple[int, str]]]] = [("", 0, first_line, [])]
    fenced = False
    for offset, raw in enumerate(body.splitlines()):
        line = first_line + offset
        if _FENCE.match(raw):
            fenced = not fenced
        match = None if fenced else _HEADING.match(raw)
        if match:
            sections.append((match.group(2), len(match.group(1)), line, []))
        else:
            sections[-1][3].append((line, raw))
    return sections


def _blocks(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Paragraphs, list items and fenced code blocks, each with its first line number.

    A paragraph indented under a list item (after a blank line) belongs to that item, as in
    Markdown; its indentation is removed.
    """
    blocks: list[tuple[int, list[str]]] = []
    fenced = False
    current: list[str] | None = None
    last_bullet: list[str] | None = None
    for number, raw in lines:
        if _FENCE.match(raw):
            if not fenced:
                current = [raw]
                blocks.append((number, current))
            elif current is not None:
                current.append(raw)
                current = None
            fenced = not fenced
            continue
        if fenced and current is not None:
            current.append(raw)
        elif not raw.strip():
            if current is not None and current is last_bullet:
                current.append("")
            current = None
        elif _BULLET.match(raw):
            current = last_bullet = [raw]
            blocks.append((number, current))
        elif current is None and last_bullet is not None and raw.startswith("  "):
            current = last_bullet
            current.append(raw[2:])
        elif current is None:
            current = [raw]
            last_bullet = None
            blocks.append((number, current))
        else:
            current.append(raw[2:] if current is last_bullet and raw.startswith("  ") else raw)
    cleaned = []
    for number, parts in blocks:
        text = clean_text("\n".join(parts))
        if text:
            cleaned.append((number, text))
    return cleaned


def _item(text: str) -> str:
    return _BULLET.sub("", text, count=1).strip()


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
    fenced = re.search(r"```[\w-]*\n(.*?)\n?```", text, re.DOTALL)
    if fenced:
        return fenced.group(1).strip()
    return re.sub(r"^\*\*\w+:?\*\*:?\s*", "", text).strip()


def _apply(card: _Card, target: T.Target, text: str, line: int, label: str) -> None:
    """Put text from the body at the target, read as the target's kind."""
    kind, path = target.kind, target.path
    if kind == "text":
        card.put(path, text, line, append_text=True)
    elif kind == "list":
        card.extend(path, [_item(text)], line)
    elif kind == "risks":
        card.extend(path, [{"description": _item(text)}], line)
    elif kind in ("agents", "publishers", "curators"):
        names = _names(text)
        if kind == "curators" and (len(text) > 150 or "\n" in text):
            card.note(codes.UNMAPPED_SECTION, line, f"{label}: prose about the curators was not imported; "
                      "list them in origin.creators", path)
            return
        extra = {"roles": ["publisher"]} if kind == "publishers" else {}
        known = {a.get("name") for a in get_path(card.data, path) or []}
        card.extend(path, [{"name": n, **extra} for n in names if n not in known], line)
    elif kind == "funders":
        card.extend(path, [{"funder": n} for n in _names(text)], line)
    elif kind == "url":
        urls = _urls(text)
        if urls:
            card.put(path, urls[0], line)
        else:
            card.note(codes.UNMAPPED_SECTION, line, f"{label}: {text!r} is not a web address; not imported", path)
    elif kind == "identifier-url":
        card.extend(path, _urls(text) or [], line)
        if not _urls(text):
            card.note(codes.UNMAPPED_SECTION, line, f"{label}: {text!r} has no link; not imported", path)
    elif kind == "identifiers":
        card.extend(path, [p.strip() for p in text.split(",") if p.strip()], line)
    elif kind == "int":
        digits = re.sub(r"[,_\s]", "", text)
        if digits.isdigit():
            card.put(path, int(digits), line)
    elif kind == "bool":
        value = _bool(text)
        if value is not None:
            card.put(path, value, line)
    elif kind == "csv":
        card.extend(path, [p.strip().lower() for p in text.split(",") if p.strip()], line)
    elif kind == "timeframe":
        ends = [p.strip() for p in re.split(r"\s+to\s+|/", text) if p.strip()]
        card.put(path, dict(zip(("start", "end"), ends[:2], strict=False)), line)
    elif kind == "citation":
        card.put(path, _citation(text), line)
    elif kind == "license-name":
        _license_name(card, text, line)
    elif kind == "unmapped":
        card.note(codes.UNMAPPED_SECTION, line, f"{label}: no datasheet field holds this; not imported", label)
    elif kind in ("language-names", "language-prose"):
        _language_text(card, kind, text, line, label)


def _license_name(card: _Card, text: str, line: int) -> None:
    licence = get_path(card.data, "audience.license")
    if licence is None:
        spdx = _SPDX_LOWER.get(text.lower()) or T.LICENSE_NAMES.get(text.lower())
        card.put("audience.license", {"id": spdx, "name": text} if spdx else {"id": "other", "name": text}, line)
    elif licence.get("name") == slug(text):
        licence["name"] = text  # the front matter's license_name is the slug of this name
    elif "name" not in licence and text.lower() != str(licence["id"]).lower():
        spdx = _SPDX_LOWER.get(text.lower()) or T.LICENSE_NAMES.get(text.lower())
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
                  "describe each in composition.languages", "composition.languages")


def _empty_label(text: str) -> bool:
    """A labelled line left unfilled, such as `- **Leaderboard:**`."""
    match = _LABEL.match(text)
    return match is not None and clean_text(match.group("value")) is None


_WHOLE_SECTION_KINDS = frozenset({"language-prose", "curators", "citation"})


def _read_section(card: _Card, section: T.Section | None, heading: str, line: int,
                  lines: list[tuple[int, str]]) -> None:
    blocks = [(n, t) for n, t in _blocks(lines) if not _empty_label(t)]
    if section is None:
        if blocks:
            card.note(codes.UNMAPPED_SECTION, line, f"section {heading!r} has no datasheet field; "
                      "its text was not imported", heading)
        return
    default = section.default
    if default is not None and default.kind in _WHOLE_SECTION_KINDS and blocks:
        _apply(card, default, "\n\n".join(text for _, text in blocks), blocks[0][0], heading)
        return
    labels = {_norm(k): v for k, v in {**T.GLOBAL_LABELS, **section.labels}.items()}
    current: tuple[T.Target, str] | None = None
    unmapped: list[int] = []
    for number, text in blocks:
        match = _LABEL.match(text)
        label = _norm(match.group("label")) if match else ""
        if match and label in labels:
            value = clean_text(match.group("value"))
            name = match.group("label").strip().rstrip(":")
            current = (labels[label], name) if labels[label].kind == "text" else None
            if value:
                _apply(card, labels[label], value, number, name)
        elif current is not None and not _BULLET.match(text):
            _apply(card, current[0], text, number, current[1])
        elif default is not None:
            _apply(card, default, text, number, heading)
        else:
            unmapped.append(number)
    if unmapped:
        card.note(codes.UNMAPPED_SECTION, unmapped[0], f"text under {heading!r} has no datasheet field; "
                  "not imported", heading)


def _effective(heading: str, level: int, stack: list[tuple[int, T.Section | None, str]]
               ) -> tuple[T.Section | None, str, bool]:
    """The section that governs a heading: its own, or that of the known section it is nested in.

    Returns (section, heading to report, skip)."""
    norm = _norm(heading)
    while stack and stack[-1][0] >= level:
        stack.pop()
    own = _SECTIONS.get(norm)
    skip = norm in T.SKIPPED_HEADINGS
    if own is None and not skip:
        for _, parent, parent_heading in reversed(stack):
            if _norm(parent_heading) in T.SKIPPED_HEADINGS:
                return None, heading, True
            if parent is not None:
                stack.append((level, parent, parent_heading))
                return parent, parent_heading, False
    stack.append((level, own, heading))
    return own, heading, skip


def _read_body(card: _Card, body: str, first_line: int) -> None:
    stack: list[tuple[int, T.Section | None, str]] = []
    for heading, level, line, lines in _split_sections(body, first_line):
        if level == 1:
            stack.clear()
            title = re.sub(r"^dataset card for\s+", "", heading, flags=re.IGNORECASE).strip()
            if title and not title.startswith("{{"):
                card.put("title", title, line)
            blocks = _blocks(lines)
            if blocks:
                card.put("summary", "\n\n".join(text for _, text in blocks), blocks[0][0], append_text=True)
        elif level >= 2:
            section, shown, skip = _effective(heading, level, stack)
            if not skip:
                _read_section(card, section, shown, line, lines)
        elif _blocks(lines) and card.loaded.data is None:
            _read_section(card, _SECTIONS["dataset summary"], "Dataset Summary", line, lines)


def _no_labels_reason(card: _Card) -> None:
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


# --- entry point -----------------------------------------------------------------------------

def read_card(text: str, path: str = "README.md", *, name: str | None = None) -> Imported:
    """Convert a Hugging Face dataset card (front matter and body) to a datasheet."""
    loaded = load_text(text, path, markdown=True)
    card = _Card(path, loaded)
    for finding in loaded.findings:
        if finding.code == core_codes.NO_FRONT_MATTER.code:
            card.note(codes.NO_METADATA, 1, "the card has no YAML front matter between `---` lines; "
                      "only its Markdown body was imported")
        else:
            card.findings.append(finding)
    meta = loaded.data if isinstance(loaded.data, dict) else {}
    if meta:
        _read_meta(card, dict(meta))
    body = loaded.body if loaded.body is not None else text
    first = loaded.body_line if loaded.body is not None and loaded.body_line else 1
    _read_body(card, body, first)
    _no_labels_reason(card)
    title = card.data.get("title")
    data = {"schema_version": 1, "name": name or slug(title or Path(path).stem), **card.data}
    return finish(path, data, card.lines, card.findings)
