"""SPDX licence ids, exceptions and licence expressions (`MIT OR Apache-2.0`).

The SPDX License List is data: `spdx.json` beside this module, written by
`scripts/refresh_spdx.py` from an SPDX release, read on first use (importing the model pays
nothing for it). Expressions are parsed by `license-expression`, imported only when a value is
an expression, never for a plain id. `other` stands for a licence with no SPDX id; it then
needs a name and a link, and it stands alone.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, Any

from pydantic_core import PydanticCustomError, core_schema

if TYPE_CHECKING:
    from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
    from pydantic_core import CoreSchema

OTHER = "other"
UNKNOWN = "unknown"  # the terms are not known: stated with a reason (License.reason), never guessed
#: Parentheses nest at most this deep: a JSON Schema pattern can only count to a fixed depth.
MAX_DEPTH = 4
_ID_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789.+-")
_EXPRESSION_CHARS = _ID_CHARS | frozenset("() ")


@dataclass(frozen=True)
class SpdxList:
    """One release of the SPDX License List: current ids, and deprecated ids with replacements."""

    version: str
    release_date: str
    licenses: frozenset[str]
    exceptions: frozenset[str]
    deprecated: Mapping[str, str | None]

    @functools.cached_property
    def by_lower(self) -> dict[str, str]:
        """Lower-cased id -> id, over licences, exceptions, deprecated ids and `other`."""
        return {i.lower(): i for i in (*self.licenses, *self.exceptions, *self.deprecated, OTHER)}

    def sorted_licenses(self) -> list[str]:
        return sorted(self.licenses, key=str.lower)

    def sorted_exceptions(self) -> list[str]:
        return sorted(self.exceptions, key=str.lower)


@functools.cache
def spdx_list() -> SpdxList:
    """The list shipped with datacard (read once, about a millisecond)."""
    import json  # here, not at the top: importing the model must not pay for the list

    with open(os.path.join(os.path.dirname(__file__), "spdx.json"), encoding="utf-8") as handle:
        raw = json.load(handle)
    return SpdxList(raw["version"], raw["release_date"], frozenset(raw["licenses"]),
                    frozenset(raw["exceptions"]), dict(raw["deprecated"]))


def is_expression(value: str) -> bool:
    """Whether a licence value is an expression rather than one id."""
    return any(c in value for c in " ()")


def suggestion(token: str, exception: bool = False) -> str | None:
    """The id a person most likely meant by an unknown or deprecated licence token."""
    import difflib  # only when a licence is wrong

    spdx = spdx_list()
    pool = spdx.exceptions if exception else spdx.licenses
    proper = spdx.by_lower.get(token.lower())
    if proper is not None and proper in spdx.deprecated:
        return spdx.deprecated[proper]
    if proper is not None and (proper in pool or (proper == OTHER and not exception)):
        return proper
    if token.endswith("+") and f"{token[:-1]}-or-later" in pool:
        return f"{token[:-1]}-or-later"
    lowered = {i.lower(): i for i in pool}
    # A known id followed by decoration, such as 'MIT-License' or 'CC-BY-4.0-International':
    # the longest such id beats a spelling neighbour ('Unlicense').
    word = token.lower()
    stems = [c for c in lowered if word.startswith(c) and len(word) > len(c) and not word[len(c)].isalnum()]
    if stems:
        return lowered[max(stems, key=len)]
    close = difflib.get_close_matches(word, list(lowered), n=1, cutoff=0.5)
    return lowered[close[0]] if close else None


def _token_fix(token: str, exception: bool) -> tuple[str, bool] | None:
    """The id to write for one token and whether that is certain (case, deprecated id, ``+``),
    from :func:`suggestion`, the same guess the message names."""
    spdx = spdx_list()
    pool = spdx.exceptions if exception else spdx.licenses
    if token in pool or (token == OTHER and not exception):
        return token, True
    near = suggestion(token, exception)
    if near is None:
        return None
    proper = spdx.by_lower.get(token.lower())
    certain = proper is not None or (token.endswith("+") and near == f"{token[:-1]}-or-later")
    return near, certain


_OPERATORS = ("AND", "OR", "WITH")


def license_fix(value: str) -> tuple[str, bool] | None:
    """The licence value to write for ``value`` and whether the fix is safe, or None.

    Each id becomes the one the message names (its case, a deprecated id's replacement, ``+``
    as ``-or-later``: safe; a spelling neighbour: unsafe) and operators are written in capitals.
    """
    import re  # only when a licence is wrong

    parts = re.split(r"(\s+|[()])", value)
    out: list[str] = []
    safe, after_with = True, False
    for part in parts:
        if not part or part.isspace() or part in "()":
            out.append(part)
            continue
        if part.upper() in _OPERATORS:
            out.append(part.upper())
            after_with = part.upper() == "WITH"
            continue
        fixed = _token_fix(part, after_with)
        if fixed is None:
            return None
        out.append(fixed[0])
        safe = safe and fixed[1]
        after_with = False
    new = "".join(out)
    return (new, safe) if new != value else None


def _unknown(token: str, value: str, exception: bool = False) -> str:
    spdx = spdx_list()
    where = "" if token == value else f" in {value!r}"
    near = suggestion(token, exception)
    if spdx.by_lower.get(token.lower()) in spdx.deprecated:
        replacement = f"; write {near!r}" if near else f"; SPDX {spdx.version} names no replacement"
        return f"{token!r}{where} is a deprecated SPDX id{replacement}"
    hint = f"; did you mean {near!r}?" if near else ""
    if token == value:
        return f"{value!r} is not allowed{hint} allowed: {len(spdx.licenses) + 1} values (see the JSON Schema)"
    kind = "licence exception" if exception else "licence id"
    return f"{token!r}{where} is not an SPDX {kind}{hint}"


def license_problem(value: str) -> str | None:
    """What is wrong with a licence id or expression, or None when it is an accepted value."""
    if value in (OTHER, UNKNOWN):
        return None
    spdx = spdx_list()
    if value in spdx.licenses:
        return None
    if not is_expression(value):
        if value in spdx.exceptions:
            return f"{value!r} is a licence exception, not a licence; write it after one: 'GPL-2.0-only WITH {value}'"
        return _unknown(value, value)
    return _expression_problem(value)


def _expression_problem(value: str) -> str | None:
    bad = sorted({c for c in value if c not in _EXPRESSION_CHARS})
    if bad:
        return (f"{value!r}: a licence expression holds SPDX ids, AND, OR, WITH, parentheses and spaces; "
                f"{''.join(bad)!r} is none of these")
    from boolean import ParseError
    from license_expression import ExpressionError, Licensing

    licensing = Licensing()
    try:
        tokens = list(licensing.tokenize(value))
        problem = _token_problem(tokens, value)
        if problem is None:
            licensing.parse(value)
    # The parser's own errors, and anything a parser bug raises on odd input (IndexError on
    # '()'), are the same verdict for a user: the text is not an expression.
    except Exception as exc:
        reason = str(exc) if isinstance(exc, (ExpressionError, ParseError)) else "empty parentheses"
        return f"{value!r} is not a licence expression ({reason}); join SPDX ids with AND or OR: 'MIT OR Apache-2.0'"
    return problem


def _token_problem(tokens: list[tuple[Any, str, int]], value: str) -> str | None:
    depth = deepest = 0
    for token, text, _ in tokens:
        if text == "(":
            depth += 1
            deepest = max(deepest, depth)
        elif text == ")":
            depth -= 1
        elif isinstance(token, int):
            if text != text.upper():
                return f"write the operator {text!r} in {value!r} in capitals: {text.upper()!r}"
        else:
            problem = _symbol_problem(text, value)
            if problem:
                return problem
    if deepest > MAX_DEPTH:
        return f"{value!r} nests parentheses {deepest} deep; at most {MAX_DEPTH} levels are accepted"
    return None


def _symbol_problem(text: str, value: str) -> str | None:
    """A licence, or `licence WITH exception`, as the tokenizer found it between operators."""
    words = text.split()
    if len(words) == 3 and words[1].upper() == "WITH":
        if words[1] != "WITH":
            return f"write the operator {words[1]!r} in {value!r} in capitals: 'WITH'"
        return _id_problem(words[0], value) or _exception_problem(words[2], value)
    if len(words) != 1:
        where = "" if text == value else f" in {value!r}"
        return f"{text!r}{where} is several words; join licences with AND or OR: {' AND '.join(words)!r}"
    return _id_problem(words[0], value)


def _id_problem(token: str, value: str) -> str | None:
    spdx = spdx_list()
    if token in spdx.licenses:
        return None
    if token == OTHER:
        return f"'other' in {value!r}: a licence without an SPDX id stands alone (id: other, with its name and url)"
    if token in spdx.exceptions:
        return f"{token!r} in {value!r} is a licence exception; it goes after WITH: 'GPL-2.0-only WITH {token}'"
    return _unknown(token, value)


def _exception_problem(token: str, value: str) -> str | None:
    spdx = spdx_list()
    if token in spdx.exceptions:
        return None
    if token in spdx.licenses:
        return f"{token!r} after WITH in {value!r} is a licence, not an exception; join licences with AND or OR"
    return _unknown(token, value, exception=True)


def check_license(value: str) -> str:
    problem = license_problem(value)
    if problem is not None:
        raise PydanticCustomError("license_id", "{problem}", {"problem": problem})
    return value


def license_ids(value: str) -> list[str]:
    """The licence ids an accepted value names, in order, without exceptions (`other` for other)."""
    if not is_expression(value):
        return [value]
    words = value.replace("(", " ").replace(")", " ").split()
    out: list[str] = []
    for i, word in enumerate(words):
        after_with = i > 0 and words[i - 1] == "WITH"
        if word not in ("AND", "OR", "WITH") and not after_with and word not in out:
            out.append(word)
    return out


# --- JSON Schema: exactly the values the validator accepts -------------------------------------


def _alternation(ids: frozenset[str]) -> str:
    # Ids hold letters, digits, '.', '+' and '-'; only '.' and '+' mean something in a pattern
    # (escaping '-' would be an error in a Unicode ECMA-262 pattern). Longest first, so that an
    # id is not cut short by another that starts it.
    assert all(set(i) <= _ID_CHARS for i in ids)
    return "|".join(i.replace(".", "\\.").replace("+", "\\+") for i in sorted(ids, key=lambda i: (-len(i), i)))


def _nesting_pattern(depth: int) -> str:
    """Balanced parentheses to `depth` levels around `word [WITH word]` terms joined by AND or OR."""
    word = "[A-Za-z0-9.+-]+"
    simple = f"{word}(?: +WITH +{word})?"
    expression = f"{simple}(?: +(?:AND|OR) +{simple})*"
    for _ in range(depth):
        term = f"(?:{simple}|\\( *{expression} *\\))"
        expression = f"{term}(?: +(?:AND|OR) +{term})*"
    return f"^{expression}$"


def _token_pattern(spdx: SpdxList) -> str:
    """Every term a known licence and every word after WITH a known exception. The shape (where
    operators and parentheses go) is the nesting pattern's job; each list is spelled once."""
    term = f"(?:\\( *)*(?:{_alternation(spdx.licenses)})(?: +WITH +(?:{_alternation(spdx.exceptions)}))?(?: *\\))*"
    return f"^(?:{term}(?: +(?:AND|OR) +|$))+$"


def license_json_schema() -> dict[str, Any]:
    spdx = spdx_list()
    return {
        "description": (f"An SPDX licence id (SPDX License List {spdx.version}), `other` for a licence "
                        "without one, `unknown` when the terms are not known, or an SPDX licence expression "
                        "of ids joined by AND, OR and WITH, "
                        f"with parentheses nested at most {MAX_DEPTH} deep."),
        "type": "string",
        "anyOf": [
            {"enum": [*spdx.sorted_licenses(), OTHER, UNKNOWN]},
            {"allOf": [{"pattern": _nesting_pattern(MAX_DEPTH)}, {"pattern": _token_pattern(spdx)}]},
        ],
    }


class _LicenseIdType:
    """pydantic hooks: validate with check_license; describe with license_json_schema, built only
    when a schema is asked for, so that defining the model does not read the list."""

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        return core_schema.no_info_after_validator_function(check_license, core_schema.str_schema())

    @classmethod
    def __get_pydantic_json_schema__(cls, schema: CoreSchema, handler: GetJsonSchemaHandler) -> dict[str, Any]:
        return license_json_schema()


LicenseId = Annotated[str, _LicenseIdType]
"""An SPDX licence id, an SPDX licence expression, or `other` for a licence without one."""
