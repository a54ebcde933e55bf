"""Writing values as YAML text that every reader reads back as the same value.

Shared by the in-place editors: `--fix` (:mod:`datacard.fix`) and the measured-facts merge
(:mod:`datacard.data.yamledit`). Standard library only, like the loader.
"""

from __future__ import annotations

import json
import re
from typing import Any

_PLAIN = re.compile(r"[A-Za-z_][A-Za-z0-9_./()-]*(?: [A-Za-z0-9_./()-]+)*")
# Words some YAML reader (1.1 or 1.2) would not read back as text.
_RESERVED = {"y", "n", "yes", "no", "on", "off", "true", "false", "null", "nan", "inf"}


class YamlTextError(ValueError):
    """A value that has no YAML scalar form."""


# Words and codes of letters, digits and a few marks (`2017-06`, `CC-BY-4.0`, `en-US`): plain
# when no reader would type them as anything but text.
_WORDS = re.compile(r"[A-Za-z0-9_.()+][A-Za-z0-9_./()+-]*(?: [A-Za-z0-9_./()+-]+)*")


def plain_ok(text: str) -> bool:
    """Whether ``text`` may be written unquoted and read back as the same text by any reader:
    datacard's (YAML 1.2 core schema) and PyYAML's default (YAML 1.1, which reads `yes`,
    `2017-06-30` and `1_000` as other types)."""
    if _PLAIN.fullmatch(text):
        return text.lower() not in _RESERVED
    if not _WORDS.fullmatch(text):
        return False
    from yaml.nodes import ScalarNode
    from yaml.resolver import Resolver

    from datacard.yaml12 import _implicit_tag

    as_text = "tag:yaml.org,2002:str"
    return _implicit_tag(text) == as_text and Resolver().resolve(ScalarNode, text, (True, False)) == as_text  # type: ignore[no-untyped-call]


def scalar_text(value: Any) -> str:
    """``value`` (text, number, boolean or None) as a YAML scalar every reader reads back as it is.

    Text is written plain when it is an unambiguous word or phrase, else double-quoted with
    escapes for anything not printable, including the characters YAML 1.1 takes as line breaks.
    """
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            return {"nan": ".nan", "inf": ".inf", "-inf": "-.inf"}[str(value)]
        return repr(value)
    if not isinstance(value, str):
        raise YamlTextError(f"cannot write a {type(value).__name__} as a YAML scalar")
    return value if plain_ok(value) else double_quoted(value)


def double_quoted(text: str) -> str:
    """``text`` in double quotes, every character that is not printable escaped."""
    out = []
    for char in json.dumps(text, ensure_ascii=False)[1:-1]:
        code = ord(char)
        if char.isprintable() or char == "\\" or code < 0x7F:
            out.append(char)
        elif code <= 0xFFFF:
            out.append(f"\\u{code:04x}")
        else:
            out.append(f"\\U{code:08x}")
    return '"' + "".join(out) + '"'


def single_quoted(text: str) -> str | None:
    """``text`` in single quotes, or None when it holds what single quotes cannot show
    (a line break or another character that is not printable)."""
    if not all(char.isprintable() for char in text):
        return None
    return "'" + text.replace("'", "''") + "'"


def styled(text: str, style: str | None) -> str:
    """``text`` as a scalar in the quoting style of the one it replaces: ``'``, ``"`` or plain
    (None) where that style can hold it, else double quotes."""
    if style == "'":
        return single_quoted(text) or double_quoted(text)
    if style is None and plain_ok(text):
        return text
    return double_quoted(text)


def flow_text(value: Any) -> str:
    """A value in flow style: ``{a: 1, b: [x, y]}``."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{scalar_text(k)}: {flow_text(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(flow_text(v) for v in value) + "]"
    return scalar_text(value)
