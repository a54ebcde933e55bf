"""A project's house rules as a JSON Schema overlay (`policy` in `[tool.datacard]`).

The overlay is checked with the `jsonschema` package against each datasheet's data, on top of
datacard's own schema; each violation is a DC217 finding placed on the datasheet's line. A
subschema's `description` is the message a policy author gives ("contact must be an address
at example.com"), so the finding says what to write.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from datacard.context import Location


class PolicyError(ValueError):
    """The policy file cannot be read or is not a JSON Schema: a usage error."""


@dataclass(frozen=True)
class Violation:
    where: Location  # the value that breaks the rule, or the mapping a required key is missing from
    missing: str | None  # the missing key, for `required`
    message: str


@dataclass
class Policy:
    path: str
    schema: dict[str, Any]
    validator: Any  # a jsonschema validator instance, built once

    def violations(self, data: Any) -> list[Violation]:
        out = []
        for error in sorted(self.validator.iter_errors(data), key=lambda e: [str(p) for p in e.absolute_path]):
            where = Location(tuple(error.absolute_path))
            missing = _missing(error)
            said = error.schema.get("description") if isinstance(error.schema, dict) else None
            detail = f"{said} ({error.message})" if said else error.message
            field = (where / missing).dotted if missing else where.dotted
            out.append(Violation(where, missing, f"{field}: {detail}" if field else detail))
        return out


def _missing(error: Any) -> str | None:
    if error.validator != "required" or not isinstance(error.instance, dict):
        return None
    return next((k for k in error.validator_value if k not in error.instance), None)


MAX_POLICY_DEPTH = 64


def _depth(value: Any) -> int:
    """How deeply a JSON value nests (iteratively: the value may be nested past the recursion limit)."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, level = stack.pop()
        deepest = max(deepest, level)
        children = item.values() if isinstance(item, dict) else item if isinstance(item, list) else ()
        stack.extend((child, level + 1) for child in children)
    return deepest


def load_policy(path: str) -> Policy:
    """Read and check the overlay; raise :class:`PolicyError` with what is wrong."""
    import jsonschema

    try:
        with open(path, encoding="utf-8") as handle:
            schema = json.load(handle)
    except OSError as exc:
        raise PolicyError(f"{path}: cannot read the policy: {exc.strerror or exc}") from None
    except ValueError as exc:
        raise PolicyError(f"{path}: the policy is not valid JSON: {exc}") from None
    except RecursionError:
        raise PolicyError(f"{path}: the policy is nested too deeply to read; a JSON Schema needs "
                          "a few levels, not thousands") from None
    if not isinstance(schema, dict):
        raise PolicyError(f"{path}: the policy must be a JSON Schema object")
    if _depth(schema) > MAX_POLICY_DEPTH:
        # jsonschema checks and applies a schema by recursion: bound it before it does.
        raise PolicyError(f"{path}: the policy is nested more than {MAX_POLICY_DEPTH} levels deep; "
                          "a JSON Schema for a datasheet needs a few levels, not hundreds")
    cls = jsonschema.validators.validator_for(schema)
    try:
        cls.check_schema(schema)
    except jsonschema.SchemaError as exc:
        raise PolicyError(f"{path}: the policy is not a valid JSON Schema: {exc.message}") from None
    return Policy(path, schema, cls(schema, format_checker=cls.FORMAT_CHECKER))
