"""A Markdown reference of every datasheet field, generated from the model's descriptions."""

from __future__ import annotations

import enum
import inspect
import types
import typing
from typing import Any, Union

from pydantic import BaseModel
from pydantic.fields import FieldInfo


def _type_name(annotation: Any) -> str:
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is typing.Annotated:
        return _alias(args[1:]) or _type_name(args[0])
    if origin in (Union, types.UnionType):
        names = [_type_name(a) for a in args if a is not type(None)]
        return " or ".join(dict.fromkeys(names))
    if origin is list:
        return f"list of {_type_name(args[0])}"
    if origin is dict:
        return f"mapping of text to {_type_name(args[1])}"
    if origin is typing.Literal:
        return " or ".join(repr(a) for a in args)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return f"[{annotation.__name__}](#{annotation.__name__.lower()})"
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        from datacard.model.enums import label

        members = list(annotation)
        if len(members) > 30:
            return f"one of {len(members)} values ({annotation.__name__})"
        # Each value with the words `datacard render` shows for it, where they differ.
        shown = [f"`{m.value}`" if label(m) == m.value else f"`{m.value}` ({label(m)})" for m in members]
        return "one of " + ", ".join(shown)
    return {str: "text", int: "whole number", float: "number", bool: "true/false"}.get(annotation, str(annotation))


def _annotated_names() -> dict[int, str]:
    from datacard.model import types as t

    names = {
        t.PartialDate: "date (2017, 2017-06, 2017-06-30)", t.Bcp47: "BCP 47 tag", t.Url: "URL",
        t.Email: "e-mail", t.Identifier: "identifier (scheme:value)", t.Slug: "slug",
        t.Count: "whole number ≥ 0", t.Ratio: "number", t.Flag: "true/false", t.SchemaVersion: "`1`",
    }
    # pydantic strips a field's outer Annotated into FieldInfo.metadata, so aliases are known
    # by the identity of their metadata objects, which survive that unpacking.
    known: dict[Any, str] = {}
    for alias, name in names.items():
        last = typing.get_args(alias)[-1]
        known[id(last)] = name
        # Field(pattern=...) is re-created when merged; the pattern itself identifies the alias.
        for item in getattr(last, "metadata", []):
            if getattr(item, "pattern", None):
                known[item.pattern] = name
    return known


_ANNOTATED_NAMES: dict[Any, str] = {}



def _alias(metadata: Any) -> str | None:
    for item in metadata:
        for key in (id(item), getattr(item, "pattern", None)):
            if key is not None and key in _ANNOTATED_NAMES:
                return _ANNOTATED_NAMES[key]
    return None


def _models(root: type[BaseModel]) -> list[type[BaseModel]]:
    """Every model reachable from ``root``, in order of first appearance."""
    seen: dict[type[BaseModel], None] = {}
    stack = [root]
    while stack:
        model = stack.pop(0)
        if model in seen:
            continue
        seen[model] = None
        for info in model.model_fields.values():
            stack.extend(_nested(info.annotation))
    return list(seen)


def _nested(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [m for arg in typing.get_args(annotation) for m in _nested(arg)]


def _row(name: str, info: FieldInfo) -> str:
    required = "yes" if info.is_required() else ""
    text = (info.description or "").replace("|", "\\|")
    kind = _alias(info.metadata) or _type_name(info.annotation)
    return f"| `{name}` | {kind} | {required} | {text} |"


def field_reference(root: type[BaseModel] | None = None) -> str:
    """Markdown tables, one per model, each field with its type and description."""
    if not _ANNOTATED_NAMES:
        _ANNOTATED_NAMES.update(_annotated_names())
    if root is None:
        from datacard.model import Datasheet

        root = Datasheet
    out = [
        "# Datasheet field reference",
        "",
        "Generated from the pydantic model by `datacard schema --reference`; do not edit by hand.",
        "Every key is optional unless marked required: validation checks structure, and",
        "`datacard lint` reports the context a datasheet leaves out.",
        "",
    ]
    for model in _models(root):
        out += [f"## {model.__name__}", "", inspect.cleandoc(model.__doc__ or ""), ""]
        out += ["| key | type | required | description |", "|---|---|---|---|"]
        out += [_row(name, info) for name, info in model.model_fields.items()]
        out.append("")
    return "\n".join(out)
