"""The Hugging Face Hub's checks of a dataset card's metadata, offline and with line numbers.

The Hub refuses a card whose front matter breaks its rules with "YAML Metadata Error" and no
line; these checks say the same thing on the line to edit (DC410), and add what the Hub lets
pass but the card contradicts (DC411) and what Python's YAML readers misread (DC412). The
vocabularies are the Hub's published lists (:mod:`datacard.interop.hub_vocab`); which checks
are covered is listed in docs/interop.md.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

from datacard.codebook import interop as codes
from datacard.findings import Finding
from datacard.interop import hf_tables as T
from datacard.interop import hub_vocab as V
from datacard.interop.hf_card import Card
from datacard.interop.licenses import spdx_id

Loc = tuple[str | int, ...]
_YAML_11_BOOLEANS = frozenset({"y", "n", "yes", "no", "on", "off"})
_LICENSE_NAME = re.compile(r"^[a-z0-9][a-z0-9._-]*$")


def _show(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else f"{text[:59]}…"


def per_configuration(value: Any) -> bool:
    """One list per configuration (`size_categories: {emoji: [...], irony: [...]}`), the layout of
    cards before 2022; today a card gives one list for the dataset."""
    return isinstance(value, dict) and bool(value) and all(isinstance(v, (list, str)) for v in value.values())


def _items(meta: dict[str, Any], key: str) -> list[tuple[Loc, Any]]:
    """The values of a key that may be one value, a list, or one list per configuration, each
    with its location."""
    value = meta.get(key)
    if isinstance(value, list):
        return [((key, i), item) for i, item in enumerate(value)]
    if isinstance(value, dict) and per_configuration(value):
        return [((key, config, i), item) if isinstance(values, list) else ((key, config), values)
                for config, values in value.items()
                for i, item in enumerate(values if isinstance(values, list) else [values])]
    return [((key,), value)] if value is not None else []


class _Checker:
    def __init__(self, card: Card, meta: dict[str, Any]) -> None:
        self.card = card
        self.meta = meta
        self.findings: list[Finding] = []
        self._seen: set[tuple[str, str]] = set()

    def add(self, code: Any, loc: Loc, message: str, *, key: bool = False) -> None:
        # A card with one list per configuration repeats a value; one finding says it.
        if (code.code, message) in self._seen:
            return
        self._seen.add((code.code, message))
        line, column = self.card.loaded.position(loc, key=key)
        self.findings.append(code.finding(self.card.path, line, column, message, str(loc[0])))

    def quoted(self, loc: Loc) -> bool:
        """Whether the scalar at ``loc`` is written in quotes in the card."""
        line, column = self.card.loaded.position(loc)
        lines = self.card.loaded.text.splitlines()
        text = lines[line - 1] if 0 < line <= len(lines) else ""
        return text[column - 1 : column] in ("'", '"')


def _one_list(ch: _Checker, key: str) -> None:
    """A key written as one list per configuration: said once, with the one list to write."""
    values = [item for _, item in _items(ch.meta, key) if isinstance(item, str)]
    if key == "size_categories":
        known = V.vocabulary("size_categories")
        ranges = [v for v in values if v in known]
        values = [max(ranges, key=known.index)] if ranges else values[:1]
    shown = ", ".join(dict.fromkeys(values))
    configs = list(ch.meta[key])
    ch.add(codes.HUB_INCONSISTENT, (key,), f"{key}: one list per configuration ({', '.join(configs[:3])}"
           f"{', ...' if len(configs) > 3 else ''}) is the layout cards used before 2022; today a card gives "
           f"one list for the dataset: write {key}: [{shown}]", key=True)


#: Keys of cards before 2022 -> the key the Hub documents today.
_RENAMED = {"languages": "language", "licenses": "license"}


def _languages(ch: _Checker, key: str) -> None:
    known = V.language_codes()
    for loc, item in _items(ch.meta, key):
        if not isinstance(item, str) or not item.strip():
            ch.add(codes.HUB_REFUSES, loc, f"{key}: {_show(item)} is not a language code; write an ISO 639 "
                   "code such as en, fr or nb")
            continue
        if item.lower() in _YAML_11_BOOLEANS and not ch.quoted(loc):
            ch.add(codes.HUB_YAML_1_1, loc, f"{key}: write '{item}' in quotes: huggingface_hub and datasets "
                   f"read an unquoted {item} as {'false' if item.lower() in ('no', 'n', 'off') else 'true'}")
        primary = item.split("-")[0].split("_")[0]
        if item in known:
            continue
        if item.lower() in known:
            ch.add(codes.HUB_REFUSES, loc, f"{key}: write {item.lower()!r} in lower case")
        elif primary.lower() in known and primary != item:
            ch.add(codes.HUB_INCONSISTENT, loc, f"{key}: {item!r} is a full language tag; the Hub lists ISO 639 "
                   f"codes here: write {primary.lower()!r}, and {item.replace('_', '-')!r} in language_details")
        else:
            ch.add(codes.HUB_REFUSES, loc, f"{key}: {_show(item)} is not an ISO 639 language code the Hub "
                   "knows; write a code such as en, fr or nb (or `code` for programming languages)")


def _license(ch: _Checker, key: str) -> None:
    hub = set(V.license_ids())
    values = _items(ch.meta, key)
    for loc, item in values:
        if not isinstance(item, str):
            ch.add(codes.HUB_REFUSES, loc, f"{key}: {_show(item)} is not a licence id; write a Hub licence id "
                   "such as cc-by-4.0, or `other` with license_name and license_link")
        elif item not in hub:
            spdx = spdx_id(item)
            hint = next((h for h in V.license_ids() if spdx_id(h) == spdx), None) if spdx else None
            hint = "unknown" if item.lower().startswith("unknown") else hint
            fix = f"write {hint!r}" if hint else "write `license: other` with license_name and license_link"
            ch.add(codes.HUB_REFUSES, loc, f"{key}: {_show(item)} is not a Hub licence id; {fix}")
    if any(item == "other" for _, item in values):
        _other_license(ch, key)


def _other_license(ch: _Checker, key: str) -> None:
    """`license: other` says which licence with `license_name` and `license_link`: what is
    missing is said in one finding (the old `license_details` offered as the name)."""
    name, details = ch.meta.get("license_name"), ch.meta.get("license_details")
    missing = []
    if not isinstance(name, str) or not name.strip():
        named = _slug(details) if isinstance(details, str) and details.strip() else None
        missing.append(f"`license_name` (write license_name: {named}, the id license_details gives)" if named
                       else "`license_name` (an id such as my-license-1.0)")
    elif not _LICENSE_NAME.match(name):
        ch.add(codes.HUB_INCONSISTENT, ("license_name",), f"license_name: {_show(name)} is not an id; write it "
               f"in lower case with dashes, such as {_slug(name)!r}")
    if not isinstance(ch.meta.get("license_link"), str):
        missing.append("`license_link` (LICENSE, a file in the repository, or the licence's web address)")
    if missing:
        ch.add(codes.HUB_INCONSISTENT, (key,), f"license: other needs {' and '.join(missing)}", key=True)


def _slug(text: str) -> str:
    from datacard.interop.common import slug

    return slug(text) or "my-license-1.0"


def _tasks(ch: _Checker, key: str) -> None:
    categories, ids = V.task_categories(), V.task_ids()
    listed = {item for _, item in _items(ch.meta, "task_categories") if isinstance(item, str)}
    for loc, item in _items(ch.meta, key):
        if not isinstance(item, str) or not item:
            ch.add(codes.HUB_REFUSES, loc, f"{key}: {_show(item)} is not a task")
        elif key == "task_categories" and item not in categories:
            parents = ids.get(item)
            if item in T.LEGACY_TASKS:
                ch.add(codes.HUB_REFUSES, loc, f"task_categories: {item!r} is a retired category; write "
                       f"{T.LEGACY_TASKS[item]!r}")
            elif parents:
                ch.add(codes.HUB_REFUSES, loc, f"task_categories: {item!r} is a task id, not a category; write "
                       f"task_categories: [{parents[0]}] and task_ids: [{item}]")
            else:
                ch.add(codes.HUB_REFUSES, loc, f"task_categories: {_show(item)} is not a Hub task category "
                       "(such as text-classification or image-segmentation)")
        elif key == "task_ids" and item not in ids:
            if item in categories:
                ch.add(codes.HUB_REFUSES, loc, f"task_ids: {item!r} is a task category; move it to task_categories")
            else:
                ch.add(codes.HUB_REFUSES, loc, f"task_ids: {_show(item)} is not a Hub task id")
        elif key == "task_ids" and not listed & set(ids[item]):
            ch.add(codes.HUB_INCONSISTENT, loc, f"task_ids: {item!r} belongs to {ids[item][0]}, which "
                   "task_categories does not list")


def _count(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else None


def _examples(meta: dict[str, Any]) -> int | None:
    """Examples of the dataset from `dataset_info` (the largest configuration's), when every split says."""
    info = meta.get("dataset_info")
    totals = []
    for config in info if isinstance(info, list) else [info]:
        splits = config.get("splits") if isinstance(config, dict) else None
        counts = [_count(s.get("num_examples")) if isinstance(s, dict) else None
                  for s in (splits if isinstance(splits, list) else [])]
        if counts and None not in counts:
            totals.append(sum(c for c in counts if c is not None))
    return max(totals) if totals else None


def _sizes(ch: _Checker, key: str) -> None:
    known = V.vocabulary("size_categories")
    allowed = set(known) | set(V.vocabulary("size_categories_unknown"))
    values = _items(ch.meta, key)
    for loc, item in values:
        if not isinstance(item, str) or item not in allowed:
            ch.add(codes.HUB_REFUSES, loc, f"{key}: {_show(item)} is not a Hub size category; write one of "
                   f"{', '.join(known)}")
    total = _examples(ch.meta)
    ranges = [item for _, item in values if isinstance(item, str) and item in known]
    if total is not None and ranges and V.size_category(total) not in ranges:
        ch.add(codes.HUB_INCONSISTENT, (key,), f"{key} says {', '.join(ranges)}, but dataset_info counts "
               f"{total:,} examples: write {V.size_category(total)}", key=True)


def _closed(vocabulary: str) -> Callable[[_Checker, str], None]:
    def check(ch: _Checker, key: str) -> None:
        allowed = V.vocabulary(vocabulary)
        for loc, item in _items(ch.meta, key):
            if not isinstance(item, str) or item not in allowed:
                ch.add(codes.HUB_REFUSES, loc, f"{key}: {_show(item)} is not one of {', '.join(allowed)}")
    return check


def _multilinguality(ch: _Checker, key: str) -> None:
    _closed("multilinguality")(ch, key)
    values = {item for _, item in _items(ch.meta, key) if isinstance(item, str)}
    codes_ = {item.lower() for lang in ("language", "languages") for _, item in _items(ch.meta, lang)
              if isinstance(item, str)}
    languages = {T.MACROLANGUAGES.get(c, c) for c in codes_ - {"multilingual", "code", "und"}}
    if len(languages) > 1 and values == {"monolingual"}:
        ch.add(codes.HUB_INCONSISTENT, (key,), f"{key} says monolingual, but the card lists {len(languages)} "
               "languages: write multilingual (or translation for aligned text)", key=True)
    if len(languages) == 1 and values and values <= {"multilingual", "translation"}:
        ch.add(codes.HUB_INCONSISTENT, (key,), f"{key} says {', '.join(sorted(values))}, but the card lists one "
               "language: list every language in `language`", key=True)


def _pretty_name(ch: _Checker, key: str) -> None:
    value = ch.meta.get(key)
    if not isinstance(value, str) or not value.strip():
        ch.add(codes.HUB_REFUSES, (key,), f"{key}: {_show(value)} is not a name; write the dataset's name as "
               "text, such as \"IMDB Movie Reviews\"")


def _configs(ch: _Checker, key: str) -> None:
    value = ch.meta.get(key)
    if not isinstance(value, list):
        ch.add(codes.HUB_REFUSES, (key,), f"{key} must be a list of configurations, each with config_name and "
               "data_files")
        return
    if value and all(isinstance(config, str) for config in value):
        ch.add(codes.HUB_INCONSISTENT, (key,), f"{key} lists configuration names, as cards did before 2022; "
               "today each is `- config_name: NAME` with its `data_files`", key=True)
        return
    for i, config in enumerate(value):
        if not isinstance(config, dict) or not isinstance(config.get("config_name"), str):
            ch.add(codes.HUB_REFUSES, (key, i), f"{key}[{i}] needs `config_name:` (text), such as default")
            continue
        for problem in _data_files(config.get("data_files")):
            ch.add(codes.HUB_REFUSES, (key, i, "data_files"), f"{key}[{i}].data_files: {problem}")


def _data_files(files: Any) -> Iterator[str]:
    if files is None or isinstance(files, str):
        return
    if isinstance(files, dict):
        files = [files]
    if not isinstance(files, list):
        yield "must be a path, a list of paths, or a list of `- split: NAME` with `path:`"
        return
    for entry in files:
        if isinstance(entry, dict) and not (isinstance(entry.get("split"), str) and entry.get("path")):
            yield "each entry needs `split:` (text) and `path:` (a path or a list of paths)"
            return
        if not isinstance(entry, (str, dict)):
            yield f"{_show(entry)} is not a path or a `split:`/`path:` mapping"
            return


def _dataset_info(ch: _Checker, key: str) -> None:
    value = ch.meta.get(key)
    configs = value if isinstance(value, list) else [value]
    for i, info in enumerate(configs):
        at: Loc = (key, i) if isinstance(value, list) else (key,)
        if not isinstance(info, dict):
            ch.add(codes.HUB_REFUSES, at, f"{key} must be a mapping with features and splits (or a list of them)")
            continue
        if isinstance(value, list) and len(value) > 1 and not isinstance(info.get("config_name"), str):
            ch.add(codes.HUB_REFUSES, at, f"{key}: each of several configurations needs `config_name:`")
        features = info.get("features")
        if features is not None and not isinstance(features, (list, dict)):
            ch.add(codes.HUB_REFUSES, (*at, "features"), f"{key}.features must be a list of `- name:` with `dtype:`")
        for j, feature in enumerate(features if isinstance(features, list) else []):
            if not isinstance(feature, dict) or not isinstance(feature.get("name"), str):
                ch.add(codes.HUB_REFUSES, (*at, "features", j), f"{key}.features[{j}] needs `name:` (text)")
        splits = info.get("splits")
        for j, split in enumerate(splits if isinstance(splits, list) else []):
            if not isinstance(split, dict) or not isinstance(split.get("name"), str):
                ch.add(codes.HUB_REFUSES, (*at, "splits", j), f"{key}.splits[{j}] needs `name:` (text)")
            elif "num_examples" in split and _count(split["num_examples"]) is None:
                ch.add(codes.HUB_REFUSES, (*at, "splits", j, "num_examples"),
                       f"{key}.splits[{j}].num_examples: {_show(split['num_examples'])} is not a whole number")


_CHECKS: dict[str, Callable[[_Checker, str], None]] = {
    "language": _languages, "languages": _languages, "license": _license, "licenses": _license,
    "task_categories": _tasks, "task_ids": _tasks, "size_categories": _sizes,
    "multilinguality": _multilinguality, "annotations_creators": _closed("annotations_creators"),
    "language_creators": _closed("language_creators"), "pretty_name": _pretty_name, "configs": _configs,
    "dataset_info": _dataset_info,
}


#: Keys that hold one list for the dataset (cards before 2022 gave one per configuration).
_LIST_KEYS = frozenset({
    "language", "languages", "license", "licenses", "task_categories", "task_ids", "size_categories",
    "multilinguality", "annotations_creators", "language_creators", "source_datasets",
})


def python_yaml(path: str, text: str) -> Finding | None:
    """Where PyYAML (YAML 1.1, how huggingface_hub and `datasets` read a card) cannot read the
    card's front matter, which datacard reads as YAML 1.2: those tools cannot load the card."""
    import yaml

    from datacard.load import split_front_matter

    parts = split_front_matter(text)
    # A tab is what PyYAML refuses and YAML 1.2 allows; without one the two readers agree, and
    # PyYAML's pure-Python parser (not libyaml's, which accepts more) is slow on a large card.
    if parts is None or "\t" not in parts[0]:
        return None
    try:
        for _ in yaml.parse(parts[0], Loader=yaml.SafeLoader):  # the reader huggingface_hub uses
            pass
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (parts[1] + mark.line + 1, mark.column + 1) if mark else (parts[1], 1)
        problem = " ".join(str(exc.problem or exc).split())
        advice = ("replace the tab with spaces" if "'\\t'" in problem
                  else "write it so that a YAML 1.1 reader accepts it")
        return codes.PYTHON_YAML_UNREADABLE.finding(
            path, line, column, f"huggingface_hub and datasets cannot read this metadata (PyYAML: {problem}); "
            f"{advice}", None)
    except yaml.YAMLError as exc:
        return codes.PYTHON_YAML_UNREADABLE.finding(
            path, parts[1], 1, f"huggingface_hub and datasets cannot read this metadata (PyYAML: {exc})", None)
    return None


def check_card(card: Card, meta: dict[str, Any]) -> list[Finding]:
    """The findings of the Hub's checks on the card's front matter, each on its line."""
    checker = _Checker(card, meta)
    unreadable = python_yaml(card.path, card.loaded.text)
    if unreadable is not None:
        checker.findings.append(unreadable)
    for key in meta:
        if key in _RENAMED and _RENAMED[key] not in meta:
            checker.add(codes.HUB_INCONSISTENT, (key,), f"`{key}` is the key cards used before 2022; the Hub "
                        f"documents `{_RENAMED[key]}`: rename it", key=True)
        check = _CHECKS.get(key)
        if key in _LIST_KEYS and per_configuration(meta[key]):
            _one_list(checker, key)
        if check is not None:
            check(checker, key)
    return checker.findings
