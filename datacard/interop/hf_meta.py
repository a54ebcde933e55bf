"""Hugging Face card front matter to datasheet fields: one handler per key (META_HANDLERS)."""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter, ValidationError

from datacard.codebook import interop as codes
from datacard.escape import unescape_inert
from datacard.findings import Severity
from datacard.interop import hf_tables as T
from datacard.interop import hub_vocab as V
from datacard.interop.common import get_path, slug
from datacard.interop.hf_card import Card as _Card
from datacard.interop.hf_homes import FRONT_MATTER_HOMES
from datacard.interop.licenses import spdx_expression, spdx_id
from datacard.model.types import Bcp47

_BCP47 = TypeAdapter(Bcp47)
_LICENSE_ID = re.compile(r"^[A-Za-z0-9][\w.+-]*$")  # an id (`yelp-licence`), not prose or a link


def _show(value: Any) -> str:
    """A card's value as a message quotes it: a card may hold anything, of any size."""
    text = repr(value)
    return text if len(text) <= 60 else f"{text[:59]}…"


def _count(value: Any) -> int | None:
    """A whole number of examples or bytes, or None (`true` is not a count, nor is -1)."""
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else None


def _as_list(value: Any) -> list[Any]:
    """A key's values as a list: one value, a list, or (pre-2022 cards) one list per
    configuration, whose repeats are kept once so that each is reported once."""
    if value is None:
        return []
    if isinstance(value, dict):
        out: list[Any] = []
        for item in (v for values in value.values() for v in _as_list(values)):
            if not any(item == seen and type(item) is type(seen) for seen in out):
                out.append(item)
        return out
    return list(value) if isinstance(value, list) else [value]


def _language(card: _Card, key: str, value: Any, meta: dict[str, Any]) -> None:
    if "language_details" in meta and T.KEY_ALIASES.get(key, key) == "language":
        details = _as_list(meta["language_details"])
        covered = {str(d).replace("_", "-").split("-")[0].lower() for d in details}
        value = [v for v in _as_list(value) if not (isinstance(v, str) and v.lower() in covered)]
    for index, item in enumerate(_as_list(value)):
        line = card.value_line((key, index)) if isinstance(value, list) else card.key_line(key)
        if not isinstance(item, str) or not item.strip():
            continue  # the Hub's checks report it (DC410)
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
                continue  # not a code: the Hub's checks report it (DC410)
        try:
            _BCP47.validate_python(tag)
        except ValidationError:
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
        # Said as unknown: recorded so, with the card as the reason (an export writes it back).
        card.put("audience.license", {"id": "unknown", "reason": "The card gives the licence as unknown."}, line)
        return
    if lowered in T.NO_LICENSES:
        return  # `None`, `null`: no licence stated
    name = meta.get("license_name")
    details = meta.get("license_details")
    if not (isinstance(name, str) and name) and isinstance(details, str) and _LICENSE_ID.match(details):
        # Before `license_name` (2023), cards named an `other` licence in `license_details`.
        name, details = details, None
    spdx = spdx_id(raw)
    licence: dict[str, Any] = {"id": spdx or "other"}
    if isinstance(name, str) and name:
        licence["name"] = name
    elif spdx is None and lowered != "other":
        licence["name"] = raw  # `other` names no licence: the Hub's check asks for its name (DC411)
    if spdx is None and lowered not in T.HF_LICENSES:
        card.note(codes.BAD_VALUE, line, f"license: {_show(raw)} is neither a Hub licence id nor an SPDX id; "
                  "kept as `other` with that name", "license")
    if isinstance(meta.get("license_link"), str):
        licence["url"] = meta["license_link"]
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
    items = _as_list(value)
    creators = [i for i in items if isinstance(i, str) and i in V.vocabulary("annotations_creators")
                and i != "no-annotation"]
    if "no-annotation" in items and creators:
        # Both cannot hold: the creators say who labelled, so the data carries labels.
        card.note(codes.BAD_VALUE, line, f"{key}: no-annotation contradicts {', '.join(creators)}; kept "
                  f"{', '.join(creators)}", key)
    elif "no-annotation" in items:
        card.put("origin.annotation.labelled", False, line)
    card.extend("origin.annotation.creators", creators, line)


def _language_creators(card: _Card, key: str, value: Any, meta: dict[str, Any]) -> None:
    line = card.key_line(key)
    items = [i for i in _as_list(value) if isinstance(i, str) and i in V.vocabulary("language_creators")]
    card.extend("origin.collection.content_creators", items, line)
    methods = [T.LANGUAGE_CREATORS_IN[i] for i in items if T.LANGUAGE_CREATORS_IN.get(i)]
    card.extend("origin.collection.methods", methods, line)


# The most inclusive first: a card that lists several (one per configuration) holds them all.
_INCLUSIVE = ("multilingual", "translation", "monolingual", "other")


def _multilinguality(card: _Card, key: str, value: Any, meta: dict[str, Any]) -> None:
    line = card.key_line(key)
    values = [v for v in _INCLUSIVE if v in _as_list(value)]
    if values:
        card.put("composition.multilinguality", values[0], line)
    if len(values) > 1:
        card.note(codes.BAD_VALUE, line, f"{key}: kept {values[0]}, the most inclusive of "
                  f"{', '.join(values)}", key, Severity.INFO)


def _size(card: _Card, key: str, value: Any, meta: dict[str, Any]) -> None:
    """Read after dataset_info, so that an exact count is known when there is one."""


def _own_names(card: _Card, meta: dict[str, Any]) -> set[str]:
    """Names the card's dataset goes by: a source that names one of them is not lineage."""
    from datacard.interop.hf_read import default_name

    names = {default_name(card.path)}
    for key in ("pretty_name", "paperswithcode_id"):
        if isinstance(meta.get(key), str):
            names.add(meta[key])
    return {slug(n) for n in names if n}


def _sources(card: _Card, key: str, value: Any, meta: dict[str, Any]) -> None:
    line = card.key_line(key)
    own = _own_names(card, meta)
    for item in _as_list(value):
        if not isinstance(item, str) or not item.strip() or item == "extended":
            continue
        item = item.strip()
        relation, _, ident = item.rpartition("|") if "|" in item else ("", "", item)
        if ident.lower() == "original" or slug(ident.split("/")[-1]) in own:
            card.extend("origin.sources", [{"relation": "original"}], line)
            continue
        entry: dict[str, Any] = {"relation": relation} if relation in ("extended",) else {}
        if ident.startswith("other-") and len(ident) > len("other-"):
            # The Hub's name for a source that is not on the Hub.
            entry["name"] = ident[len("other-"):]
        elif re.fullmatch(r"[\w.-]+(?:/[\w.-]+)?", ident):
            entry["dataset"] = f"hf:{ident}"
        else:
            entry["name"] = ident
        card.extend("origin.sources", [entry], line)


def _tasks(card: _Card, key: str, value: Any, meta: dict[str, Any]) -> None:
    line = card.key_line(key)
    categories, ids = V.task_categories(), V.task_ids()
    for item in _as_list(value):
        if not isinstance(item, str) or not item:
            continue
        tasks = [item]
        if key == "task_categories" and item in T.LEGACY_TASKS:
            tasks = [T.LEGACY_TASKS[item]]  # the Hub's checks name the category to write (DC410)
        elif key == "task_categories" and item not in categories and item in ids:
            # A task id written as a category (`conversational`): its category, and the id.
            tasks = [ids[item][0], item]
        card.extend("application.tasks", tasks, line)


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
    # The `default` configuration is the dataset as it loads; any other one is a part of it, whose
    # counts are not the dataset's.
    counted = len(infos) == 1 or chosen.get("config_name") == "default"
    if len(infos) > 1:
        card.note(codes.UNMAPPED_KEY, line, f"dataset_info describes {len(infos)} configurations; splits "
                  f"and fields were taken from {_show(chosen.get('config_name', 'the first'))} only"
                  f"{'' if counted else ', without its counts'}", key, Severity.INFO)
    splits = [
        {"name": s["name"], **({"count": _count(s.get("num_examples"))}
                               if counted and _count(s.get("num_examples")) is not None else {})}
        for s in _as_list(chosen.get("splits")) if isinstance(s, dict) and isinstance(s.get("name"), str)
    ]
    card.extend("composition.splits", splits, line)
    _features(card, chosen.get("features"), line)
    if _count(chosen.get("dataset_size")) is not None and len(infos) == 1:
        card.put("composition.size_bytes", chosen["dataset_size"], line)


def _configs(card: _Card, key: str, value: Any, meta: dict[str, Any]) -> None:
    if isinstance(value, list) and value and all(isinstance(c, str) for c in value):
        return  # names of configurations (the pre-2022 form): the Hub's checks say so (DC411)
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
    """Hub machinery (viewer settings, gating form fields): nothing to document."""


def _evaluation(card: _Card, key: str, value: Any, meta: dict[str, Any]) -> None:
    if value:
        card.note(codes.UNMAPPED_KEY, card.key_line(key), f"{key} configures the Hub's evaluation of models; "
                  "no datasheet field holds it, and it was not imported", key, Severity.INFO)


Handler = Callable[[_Card, str, Any, dict[str, Any]], None]
#: Front matter key -> handler. Order matters: dataset_info before size_categories.
META_HANDLERS: dict[str, Handler] = {
    "pretty_name": _pretty_name, "language": _language, "language_details": _language,
    "license": _license, "license_name": _license_part, "license_link": _license_part,
    "license_details": _license_part, "annotations_creators": _annotations,
    "language_creators": _language_creators, "multilinguality": _multilinguality,
    "dataset_info": _dataset_info, "size_categories": _size, "source_datasets": _sources,
    "task_categories": _tasks, "task_ids": _tasks, "paperswithcode_id": _pwc, "tags": _tags,
    "configs": _configs, "extra_gated_prompt": _gated, "train_eval_index": _evaluation,
    **{key: _ignored for key in T.IGNORED_KEYS if key not in ("configs", "train_eval_index")},
}


#: Every key a dataset card's metadata may hold, as the Hub spells it (for "did you mean").
_CARD_KEYS = (*(k for k in META_HANDLERS if k != "train_eval_index"), "train-eval-index")


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
            _unknown_key(card, written[name], canonical)
    _size_check(card, canonical, written.get("size_categories", "size_categories"))


def _unknown_key(card: _Card, key: str, meta: dict[str, Any]) -> None:
    """A key datacard does not read; a misspelling of one it does (`licence`) is said so, and
    its line is where lint reports the field that key should hold."""
    line = card.key_line(key)
    meant = difflib.get_close_matches(key.lower(), [k for k in _CARD_KEYS if k not in meta], n=1, cutoff=0.8)
    if not meant:
        card.note(codes.UNMAPPED_KEY, line, f"front matter key {_show(key)} has no datasheet field; it was not "
                  "imported", key)
        return
    field = next((path for path, k in FRONT_MATTER_HOMES.items() if k == meant[0]), key)
    where = f"in a `{meant[0]}:` key (this card writes `{key}:`, which the Hub does not read)"
    card.unread.setdefault(field, (line, where))
    card.note(codes.UNMAPPED_KEY, line, f"front matter key {_show(key)} is not one the Hub reads: did you mean "
              f"`{meant[0]}`? Its value was not imported", field)


def _size_check(card: _Card, meta: dict[str, Any], size_key: str) -> None:
    splits = get_path(card.data, "composition.splits") or []
    counts = [s.get("count") for s in splits]
    if splits and all(isinstance(c, int) for c in counts):
        card.put("composition.count", sum(counts), card.lines.get("composition.splits", 1))
    if "composition.count" in card.lines:
        return  # the Hub's checks compare the range with the count (DC411)
    known = V.vocabulary("size_categories")
    ranges = [v for v in _as_list(meta.get("size_categories")) if isinstance(v, str) and v in known]
    if ranges:
        # A range, not a count; with one per configuration, the largest holds the dataset.
        card.put("composition.size_category", max(ranges, key=known.index), card.key_line(size_key))
