"""Hugging Face card front matter to datasheet fields: one handler per key (META_HANDLERS)."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter, ValidationError

from datacard.codebook import interop as codes
from datacard.escape import unescape_inert
from datacard.findings import Severity
from datacard.interop import hf_tables as T
from datacard.interop.common import get_path
from datacard.interop.hf_card import Card as _Card
from datacard.interop.licenses import spdx_expression, spdx_id
from datacard.model.types import Bcp47

_BCP47 = TypeAdapter(Bcp47)


def _show(value: Any) -> str:
    """A card's value as a message quotes it: a card may hold anything, of any size."""
    text = repr(value)
    return text if len(text) <= 60 else f"{text[:59]}…"


def _count(value: Any) -> int | None:
    """A whole number of examples or bytes, or None (`true` is not a count, nor is -1)."""
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else None


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
            card.note(codes.BAD_VALUE, line, f"{key}: {_show(item)} is not a language code; it was dropped",
                      key)
            continue
        text = item.strip()
        if text.lower() == "multilingual":
            card.put("composition.multilinguality", "multilingual", line)
            continue
        tag = T.LANGUAGE_NAMES.get(text.lower())
        if tag is not None:
            card.note(codes.BAD_VALUE, line, f"{key}: {_show(text)} is a language name; imported as {tag!r}",
                      key, Severity.INFO)
        else:
            tag = text.replace("_", "-")  # en_US is how some cards write en-US
            if len(tag.split("-")[0]) > 3:
                card.note(codes.BAD_VALUE, line, f"{key}: {_show(text)} is not a language code "
                          "(write en, nb, pt-BR); dropped", key)
                continue
        try:
            _BCP47.validate_python(tag)
        except ValidationError:
            card.note(codes.BAD_VALUE, line, f"{key}: {_show(text)} is not a BCP 47 language tag; dropped", key)
            continue
        known = [entry["tag"].lower() for entry in card.data.get("composition", {}).get("languages", [])]
        if tag.lower() not in known:
            card.extend("composition.languages", [{"tag": tag}], line)


def _license(card: _Card, key: str, value: Any, meta: dict[str, Any]) -> None:
    values = [v for v in _as_list(value) if isinstance(v, str)]
    line = card.key_line(key)
    if not values:
        if value not in (None, []):
            card.note(codes.BAD_VALUE, line, f"license: {_show(value)} is not a licence id; dropped", "license")
        return
    several = spdx_expression(values) if len(values) > 1 else None
    if several is not None:  # several licences of the Hub: all of them apply
        card.put("audience.license", {"id": several}, line)
        return
    if len(values) > 1:
        card.note(codes.BAD_VALUE, line, f"license: kept {_show(values[0])}, dropped {_show(values[1:])}: "
                  "only licences with SPDX ids can be recorded together (as an SPDX expression)", "license")
    raw = values[0].strip()
    lowered = raw.lower()
    if lowered in T.UNKNOWN_LICENSES:
        return
    name = meta.get("license_name")
    spdx = spdx_id(raw)
    licence: dict[str, Any] = {"id": spdx or "other"}
    if spdx is None:
        licence["name"] = name if isinstance(name, str) and name else raw
        if lowered not in T.HF_LICENSES:
            card.note(codes.BAD_VALUE, line, f"license: {_show(raw)} is neither a Hub licence id nor an SPDX id; "
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
        # Every list of a card may hold anything: `[[a]]` and `[{a: 1}]` are values, not keys.
        if item == "no-annotation":
            card.put("origin.annotation.labelled", False, line)
        elif isinstance(item, str) and item in T.ANNOTATION_CREATORS:
            card.extend("origin.annotation.creators", [item], line)
        else:
            card.note(codes.BAD_VALUE, line, f"{key}: {_show(item)} is not a Hub annotation creator type "
                      f"({', '.join(sorted(T.ANNOTATION_CREATORS))}); dropped", key)


def _language_creators(card: _Card, key: str, value: Any, meta: dict[str, Any]) -> None:
    line = card.key_line(key)
    for item in _as_list(value):
        method = T.LANGUAGE_CREATORS_IN.get(item) if isinstance(item, str) else None
        if method:
            card.extend("origin.collection.methods", [method], line)
        else:
            card.note(codes.BAD_VALUE, line, f"{key}: {_show(item)} names no single collection method; "
                      "state it in origin.collection.methods", key, Severity.INFO)


def _multilinguality(card: _Card, key: str, value: Any, meta: dict[str, Any]) -> None:
    line = card.key_line(key)
    values = [v for v in _as_list(value) if isinstance(v, str) and v in T.MULTILINGUALITY]
    if values:
        card.put("composition.multilinguality", values[0], line)
    for item in _as_list(value):
        if item not in values[:1]:
            card.note(codes.BAD_VALUE, line, f"{key}: {_show(item)} was not imported (one of "
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
            card.note(codes.BAD_VALUE, line, f"{key}: {_show(item)} is a retired Hub task; imported as {task!r}",
                      key, Severity.INFO)
        elif task not in vocabulary:
            card.note(codes.BAD_VALUE, line, f"{key}: {_show(item)} is not in the Hub's vocabulary; kept as a task",
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
        # `datasets` writes a compound type either beside the name or, today, under `dtype:`.
        spec = feature["dtype"] if isinstance(feature.get("dtype"), dict) else feature
        if isinstance(spec.get("dtype"), str):
            dtype = spec["dtype"]
            entry["type"] = T.DTYPES_IN.get(dtype, "datetime" if dtype.startswith("timestamp") else "other")
        elif isinstance(spec.get("class_label"), dict):
            entry["type"] = "category"
            names = spec["class_label"].get("names")
            values = names.values() if isinstance(names, dict) else _as_list(names)
            entry["values"] = [str(v) for v in values]
        elif "sequence" in spec or "list" in spec:
            entry["type"] = "list"
        elif spec is not feature or "struct" in spec or "translation" in spec:
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
                  f"and fields were taken from {_show(chosen.get('config_name', 'the first'))} only", key,
                  Severity.INFO)
    splits = [
        {"name": s["name"], **({"count": _count(s.get("num_examples"))} if _count(s.get("num_examples")) is not None
                               else {})}
        for s in _as_list(chosen.get("splits")) if isinstance(s, dict) and isinstance(s.get("name"), str)
    ]
    card.extend("composition.splits", splits, line)
    _features(card, chosen.get("features"), line)
    if _count(chosen.get("dataset_size")) is not None and len(infos) == 1:
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
        card.put("audience.access.conditions", unescape_inert(value.strip()), line)


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


def read_meta(card: _Card, meta: dict[str, Any]) -> None:
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
                      f"front matter key {_show(written[name])} has no datasheet field; it was not imported",
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
