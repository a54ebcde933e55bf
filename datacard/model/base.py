"""The closed base model and the 'documented as none' helper."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict
from pydantic_core import PydanticCustomError


class Closed(BaseModel):
    """Unknown keys are errors; values are validated on assignment too."""

    model_config = ConfigDict(
        extra="forbid",
        validate_assignment=True,
        use_attribute_docstrings=False,
        str_strip_whitespace=False,
    )


def none_statement_schema(flag: str, negative: Any, detail_fields: list[str]) -> dict[str, Any]:
    """JSON Schema `if/then` for a 'documented as none' flag: a reason, and no details."""
    return {
        "if": {"properties": {flag: {"const": negative}}, "required": [flag]},
        "then": {
            "required": ["reason"],
            "not": {"anyOf": [{"required": [name]} for name in detail_fields]},
        },
    }


def check_none_statement(model: BaseModel, flag: str, negative: Any, detail_fields: list[str]) -> None:
    """When ``flag`` says 'none', a reason is required and the details must be absent."""
    if getattr(model, flag) != negative:
        return
    if not getattr(model, "reason", None):
        raise PydanticCustomError(
            "none_needs_reason",
            "{flag}: {negative} needs a `reason` that says why (for example, how that was checked)",
            {"flag": flag, "negative": str(negative).lower()},
        )
    present = [name for name in detail_fields if name in model.model_fields_set]
    if present:
        raise PydanticCustomError(
            "none_contradiction",
            "{flag}: {negative} contradicts {fields}; remove them or change {flag}",
            {"flag": flag, "negative": str(negative).lower(), "fields": ", ".join(present)},
        )
