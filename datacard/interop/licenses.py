"""Licences as other formats write them <-> SPDX ids and expressions.

Importers read a Hub id, a licence name, a URL, a (deprecated) SPDX id or an SPDX expression,
or several licences in a list (a Hub card's `license: [mit, cc-by-4.0]`): several licences are
recorded as one expression joined with AND, the reading under which a user complies with every
one of them. Exporters write an expression as the list of its licences where the format has no
expressions (the Hub, Croissant), and say when that loses an OR.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from datacard.interop import hf_tables as T
from datacard.model.licenses import OTHER, is_expression, license_ids, license_problem, spdx_list

_CC = re.compile(r"creativecommons\.org/licenses/([a-z-]+)/(\d\.\d)", re.IGNORECASE)
_CC0 = re.compile(r"creativecommons\.org/publicdomain/zero/1\.0", re.IGNORECASE)
_SPDX_URL = re.compile(r"spdx\.org/licenses/([^/?#]+?)(?:\.html|\.json)?/?$", re.IGNORECASE)
_CHOOSE = re.compile(r"choosealicense\.com/licenses/([^/?#]+)/?$", re.IGNORECASE)
_OPERATORS = ("AND", "OR", "WITH")


@functools.cache
def _lowered(exceptions: bool = False) -> dict[str, str]:
    spdx = spdx_list()
    return {i.lower(): i for i in (spdx.exceptions if exceptions else spdx.licenses)}


@functools.cache
def _spdx_to_hub() -> dict[str, str]:
    return {spdx: hub for hub, spdx in T.HF_LICENSES.items() if spdx}


def _current(lowered: str) -> str | None:
    """A current SPDX id, or the replacement of a deprecated one, written in any case."""
    found = _lowered().get(lowered)
    if found is not None:
        return found
    spdx = spdx_list()
    deprecated = spdx.by_lower.get(lowered)
    replacement = spdx.deprecated.get(deprecated) if deprecated else None
    return replacement if replacement and license_problem(replacement) is None else None


def spdx_id(text: str) -> str | None:
    """The SPDX id or expression a licence string means (an SPDX id or expression, a deprecated
    id, a Hub id, a known name or a licence URL), or None."""
    value = text.strip()
    lowered = value.lower()
    known = _current(lowered) if lowered else None
    if known is not None:
        return known
    if lowered in T.HF_LICENSES:
        return T.HF_LICENSES[lowered]
    if lowered in T.LICENSE_NAMES:
        return T.LICENSE_NAMES[lowered]
    for pattern in (_SPDX_URL, _CHOOSE):
        match = pattern.search(value)
        if match:
            return spdx_id(match.group(1))
    match = _CC.search(value)
    if match:
        return _lowered().get(f"cc-{match.group(1).lower()}-{match.group(2)}")
    if _CC0.search(value):
        return "CC0-1.0"
    return _expression(value) if is_expression(value) else None


def _expression(value: str) -> str | None:
    """An SPDX expression with ids and operators in any case, written as SPDX writes it."""
    words = value.replace("(", " ( ").replace(")", " ) ").split()
    out: list[str] = []
    for i, word in enumerate(words):
        after_with = i > 0 and out[-1] == "WITH"
        if word.upper() in _OPERATORS:
            out.append(word.upper())
        elif word in "()":
            out.append(word)
        else:
            fixed = _lowered(exceptions=True).get(word.lower()) if after_with else _current(word.lower())
            if fixed is None:
                return None
            out.append(fixed)
    # A replacement such as 'GPL-2.0-only WITH Classpath-exception-2.0' binds tighter than AND
    # and OR, so it keeps its meaning in place; after another WITH the check below refuses it.
    text = " ".join(out).replace("( ", "(").replace(" )", ")")
    return text if license_problem(text) is None else None


def spdx_expression(texts: Iterable[str]) -> str | None:
    """One SPDX id or expression for several licences, joined with AND; None unless each is known."""
    parts: list[str] = []
    for text in texts:
        found = spdx_id(text)
        if found is None:
            return None
        if found not in parts:
            parts.append(found)
    if not parts:
        return None
    if len(parts) == 1:
        return parts[0]
    joined = " AND ".join(f"({p})" if " OR " in p else p for p in parts)
    return joined if license_problem(joined) is None else None


def hub_licenses(value: str) -> list[str] | None:
    """The Hub ids of the licences an id or expression names; None unless each has one and no
    exception is attached (the Hub has no id for 'GPL-2.0-only WITH ...')."""
    if value == OTHER or " WITH " in value:
        return None
    hub = [_spdx_to_hub().get(i) for i in license_ids(value)]
    return [h for h in hub if h] if all(hub) else None


def loses_choice(value: str) -> bool:
    """Whether writing an expression as a plain list of licences loses an OR (a choice)."""
    return " OR " in value


def spdx_url(spdx: str) -> str:
    return f"https://spdx.org/licenses/{spdx}.html"


def license_urls(value: str) -> list[str]:
    """The SPDX page of each licence an id or expression names."""
    return [spdx_url(i) for i in license_ids(value) if i != OTHER]
