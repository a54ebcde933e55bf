"""The fix a schema error's message names, as data: what ``--fix`` writes (:class:`Fix`).

Validation (:mod:`datacard.validate`) asks here for each pydantic error and words its message
from the same answer, so that a message never names one fix while ``--fix`` writes another.
Each function returns None when there is no fix it can name with confidence; ``safe`` is False
where the fix is a guess among neighbours (it then waits for ``--unsafe-fixes``).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence
from typing import Any

from datacard.findings import Fix

Loc = tuple[str | int, ...]

_WORD_TRUE = {"true": True, "yes": True, "on": True, "false": False, "no": False, "off": False}
_LETTER_TRUE = {"y": True, "n": False}  # YAML 1.1 booleans too, but also a letter of the alphabet
_INT = re.compile(r"[-+]?[0-9]+")
_UNDERSCORED = re.compile(r"[-+]?[0-9]{1,3}(?:_[0-9]{3})+")
_THOUSANDS = re.compile(r"[-+]?[0-9]{1,3}(?:,[0-9]{3})+")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?")
_YEAR_FIRST = re.compile(r"([0-9]{4})[-/._ ]([0-9]{1,2})(?:[-/._ ]([0-9]{1,2}))?")
_DATE_TIME = re.compile(r"([0-9]{4}-[0-9]{2}-[0-9]{2})[T ][0-9]{2}:[0-9]{2}.*")
_MAX_TEXT = 200  # longer text is not a misspelt choice or a date: no fix is looked for


def loose(text: str) -> str:
    """``text`` without case and separators: two spellings equal here mean the same word."""
    return re.sub(r"[-_\s]+", "", text).lower()


def nearest(word: str, choices: Iterable[str]) -> list[str]:
    """The allowed values closest to ``word``: its case variant, a known value it starts with
    (followed by decoration), else spelling neighbours."""
    options = list(choices)
    lowered = {c.lower(): c for c in options}
    if word.lower() in lowered:
        return [lowered[word.lower()]]
    same = [c for c in options if loose(c) == loose(word)]
    if same:
        return same[:1]
    # A known value followed by decoration, such as 'MIT-License' or 'cc-by-4.0 (attribution)':
    # the longest such value beats a spelling neighbour ('Unlicense').
    stem = [c for c in lowered if word.lower().startswith(c) and not word[len(c)].isalnum()]
    if stem:
        return [lowered[max(stem, key=len)]]
    close = difflib.get_close_matches(word.lower(), list(lowered), n=3, cutoff=0.5)
    return [lowered[c] for c in close]


def choice_fix(loc: Loc, value: Any, choices: Sequence[str]) -> Fix | None:
    """An allowed value for a misspelt choice: safe when only case or separators differ."""
    if not isinstance(value, str) or len(value) > _MAX_TEXT:
        return None
    near = nearest(value, choices)
    if not near:
        return None
    return Fix(f"write {near[0]!r}", "value", loose(near[0]) == loose(value), loc, near[0])


def license_fix(loc: Loc, value: Any) -> Fix | None:
    if not isinstance(value, str) or len(value) > _MAX_TEXT:
        return None
    from datacard.model.licenses import license_fix as fixed

    found = fixed(value)
    if found is None:
        return None
    return Fix(f"write {found[0]!r}", "value", found[1], loc, found[0])


def key_fix(loc: Loc, allowed: Sequence[str]) -> Fix | None:
    """Rename an unknown key: safe when only case or separators differ ('intended-uses'),
    unsafe for a close spelling ('licence' for 'license')."""
    key = loc[-1] if loc else None
    if not isinstance(key, str) or len(key) > _MAX_TEXT:
        return None
    same = [name for name in allowed if loose(name) == loose(key)]
    if same:
        return Fix(f"rename it to {same[0]!r}", "key", True, loc, same[0])
    close = difflib.get_close_matches(key.lower(), list(allowed), n=1, cutoff=0.8)
    return Fix(f"rename it to {close[0]!r}", "key", False, loc, close[0]) if close else None


def number_fix(loc: Loc, value: Any, whole: bool) -> Fix | None:
    """A number written as text: the quotes go (safe); thousands separators only unsafely."""
    if not isinstance(value, str) or len(value) > 40:
        return None
    if _INT.fullmatch(value) or _UNDERSCORED.fullmatch(value):
        number: int | float = int(value.replace("_", ""))
        return Fix(f"write {number} without quotes", "value", True, loc, number)
    if _THOUSANDS.fullmatch(value):
        number = int(value.replace(",", ""))
        return Fix(f"write {number}", "value", False, loc, number)
    if not whole and _FLOAT.fullmatch(value):
        number = float(value)
        return Fix(f"write {value} without quotes", "value", True, loc, number)
    return None


def bool_fix(loc: Loc, value: Any) -> Fix | None:
    if not isinstance(value, str):
        return None
    word = value.strip().lower()
    if word in _WORD_TRUE:
        flag = _WORD_TRUE[word]
        return Fix(f"write {str(flag).lower()}", "value", True, loc, flag)
    if word in _LETTER_TRUE:
        flag = _LETTER_TRUE[word]
        return Fix(f"write {str(flag).lower()}", "value", False, loc, flag)
    return None


def quote_fix(loc: Loc, value: Any) -> Fix | None:
    """A number or boolean where text belongs: quoted as written (`1.10` stays 1.10, not 1.1)."""
    if isinstance(value, (bool, int, float)):
        return Fix("put it in quotes, as written", "quote", True, loc)
    return None


def list_fix(loc: Loc, value: Any) -> Fix | None:
    if isinstance(value, (str, int, float, bool)) and not (isinstance(value, str) and len(value) > 10_000):
        return Fix("make it a list of one item", "list", True, loc)
    return None


def date_fix(loc: Loc, value: Any) -> Fix | None:
    """A year-first date in another form (`2017/06`) in ISO form; a date and time cut to its
    date only unsafely (the time is lost)."""
    if not isinstance(value, str) or len(value) > 40:
        return None
    text = value.strip()
    match = _YEAR_FIRST.fullmatch(text)
    if match:
        year, month, day = match.groups()
        iso = "-".join(part.zfill(2) for part in (year, month, day) if part)
        return Fix(f"write {iso}", "value", True, loc, iso) if _real_date(iso) and iso != value else None
    timed = _DATE_TIME.fullmatch(text)
    if timed and _real_date(timed.group(1)):
        return Fix(f"write {timed.group(1)}", "value", False, loc, timed.group(1))
    return None


def _real_date(iso: str) -> bool:
    import calendar

    parts = [int(p) for p in iso.split("-")]
    if len(parts) >= 2 and not 1 <= parts[1] <= 12:
        return False
    return len(parts) < 3 or 1 <= parts[2] <= calendar.monthrange(parts[0], parts[1])[1]


def tag_fix(loc: Loc, value: Any) -> Fix | None:
    """A language name (`English`) as its tag, or a tag with underscores (`en_US`) in BCP 47 form."""
    if not isinstance(value, str) or len(value) > 80:
        return None
    from datacard.model.languages import LANGUAGE_NAMES
    from datacard.model.types import _BCP47

    code = LANGUAGE_NAMES.get(value.strip().lower())
    if code:
        return Fix(f"write {code}", "value", True, loc, code)
    dashed = value.strip().replace("_", "-")
    if dashed != value and re.match(_BCP47, dashed):
        return Fix(f"write {dashed}", "value", True, loc, dashed)
    return None


def slug_fix(loc: Loc, value: Any) -> Fix | None:
    """A name as a slug; unsafe, since training manifests and sources may refer to the name."""
    if not isinstance(value, str) or len(value) > _MAX_TEXT:
        return None
    from datacard.starter import is_slug, slugify

    slug = slugify(value)
    if slug == value or not is_slug(slug) or slug == "dataset":
        return None
    return Fix(f"write {slug}", "value", False, loc, slug)


def version_fix(loc: Loc, value: Any) -> Fix | None:
    if isinstance(value, str) and value.strip() == "1":
        return Fix("write 1 without quotes", "value", True, loc, 1)
    return None
