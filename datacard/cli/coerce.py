"""Option values that need no conversion, passed through without building a converter.

Recent typer versions convert each parameter's value with a pydantic ``TypeAdapter`` built
when the command runs, one per parameter, including those left at their default: a one-file
``datacard validate`` spent more on building fifteen adapters than on checking the file. Most
values are already what the parameter holds: nothing given (``None``), a text for a text, a
whole number for a whole number within its bounds, a list of texts for a list of texts. Those
are returned as the adapter would return them; every other value goes to typer's own
converter, built then, so that conversions and error messages stay typer's.
"""

from __future__ import annotations

from typing import Any

_MISSING = object()


def plain_value(annotation: Any, info: Any, value: Any, multiple: bool) -> Any:
    """``value`` as typer's converter would return it when no conversion is needed, else
    ``_MISSING`` (``info`` is typer's ParameterInfo: bounds, clamping, a custom parser)."""
    if getattr(info, "parser", None) is not None or getattr(info, "click_type", None) is not None:
        return _MISSING
    if multiple:
        if isinstance(value, (list, tuple)) and annotation == list[str] and all(type(v) is str for v in value):
            return list(value)
        return _MISSING
    if annotation is str and type(value) is str:
        return value
    if annotation is int and type(value) is int and not getattr(info, "clamp", False):
        low, high = getattr(info, "min", None), getattr(info, "max", None)
        if (low is None or value >= low) and (high is None or value <= high):
            return value
    return _MISSING


class PlainFirst:
    """Stands in for typer's converter of one parameter (its ``RuntimeParam``), building that
    converter only for a value :func:`plain_value` cannot pass through."""

    def __init__(self) -> None:
        self._real: Any = None

    def coerce(self, value: Any, param: Any, ctx: Any) -> Any:
        multiple = bool(param.multiple or param.nargs == -1)
        if value is None:  # as typer's RuntimeParam.coerce: nothing given
            return () if multiple else None
        descriptor = param.type_descriptor
        plain = plain_value(descriptor.annotation, descriptor.parameter_info, value, multiple)
        if plain is not _MISSING:
            return plain
        if self._real is None:
            from typer._coercion import build_runtime_param

            self._real = build_runtime_param(descriptor)
        return self._real.coerce(value, param=param, ctx=ctx)


def plain_first(params: list[Any]) -> list[Any]:
    """Give each of ``params`` (typer parameters) the pass-through converter, where typer has
    converters to stand in for (older typer converts through click's types, at no such cost)."""
    for param in params:
        if getattr(param, "_runtime_param", False) is None and hasattr(param, "type_descriptor"):
            param._runtime_param = PlainFirst()
    return params
