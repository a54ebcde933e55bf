"""The closed base model and the 'documented as none' helper."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict


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
