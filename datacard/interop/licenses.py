"""Licence ids as other formats write them -> SPDX ids, and SPDX ids -> licence URLs."""

from __future__ import annotations

import re

from datacard.interop import hf_tables as T
from datacard.model.licenses import SPDX_IDS

_SPDX_LOWER = {i.lower(): i for i in SPDX_IDS}
_CC = re.compile(r"creativecommons\.org/licenses/([a-z-]+)/(\d\.\d)", re.IGNORECASE)
_CC0 = re.compile(r"creativecommons\.org/publicdomain/zero/1\.0", re.IGNORECASE)
_SPDX_URL = re.compile(r"spdx\.org/licenses/([^/?#]+?)(?:\.html|\.json)?/?$", re.IGNORECASE)
_CHOOSE = re.compile(r"choosealicense\.com/licenses/([^/?#]+)/?$", re.IGNORECASE)


def spdx_id(text: str) -> str | None:
    """The SPDX id a licence string means (an SPDX id, a Hub id, a known name or a licence URL)."""
    value = text.strip()
    lowered = value.lower()
    if lowered in _SPDX_LOWER:
        return _SPDX_LOWER[lowered]
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
        return _SPDX_LOWER.get(f"cc-{match.group(1).lower()}-{match.group(2)}")
    if _CC0.search(value):
        return "CC0-1.0"
    return None


def spdx_url(spdx: str) -> str:
    return f"https://spdx.org/licenses/{spdx}.html"
