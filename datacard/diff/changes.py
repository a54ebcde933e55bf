"""What changed between two versions of a datasheet, field by field, and what kind of change it is.

A text diff shows that line 210 went away; a reviewer needs to read that the datasheet no
longer says whether the people in the data consented. :func:`diff_data` compares two
datasheets' plain data (cards and Croissant files arrive through the importers' mapping) and
returns classified :class:`Change` records:

- the verdict, judged by :mod:`datacard.context` on each side with the project's needs: a need
  answered before and a gap now is a **regression**, a gap now answered is **context added**;
- every other difference at the place it happens, classed by where it is: the licence, the
  access terms, counts and sizes (with the relative change), splits, languages, subpopulations,
  lineage (sources, and the data a training manifest names), fields, an answer to a context
  need that changed while the need stays answered (**context**), and other.

Lists of entries are matched by what names them (a split's ``name``, a language's ``tag``), not
by position, so that a reordered list is no change and an inserted split is one. Pure: data in,
changes out; no I/O and no printing.
"""

from __future__ import annotations

import enum
import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from datacard.context import EACH, NEEDS, Location, Need, gaps
from datacard.context.answers import judge

if TYPE_CHECKING:
    from datacard.load import Loaded

__all__ = ["Change", "ChangeClass", "Op", "classify", "diff_data", "place"]


class ChangeClass(str, enum.Enum):
    """The kinds of change a reviewer weighs differently; ``--fail-on`` takes these names."""

    REGRESSION = "regression"  # context the datasheet gave is missing now
    CONTEXT_ADDED = "context-added"
    CONTEXT = "context"  # an answer changed, or one of several went, and the need is still answered
    LICENSE = "license"
    ACCESS = "access"
    COUNT = "count"
    SPLIT = "split"
    LANGUAGE = "language"
    SUBPOPULATION = "subpopulation"
    LINEAGE = "lineage"
    FIELD = "field"
    OTHER = "other"

    @property
    def heading(self) -> str:
        """How a report names the class: "context removed", "licence"."""
        return _TITLES[self]


_TITLES = {
    ChangeClass.REGRESSION: "context removed", ChangeClass.CONTEXT_ADDED: "context added",
    ChangeClass.CONTEXT: "context changed",
    ChangeClass.LICENSE: "licence", ChangeClass.ACCESS: "access", ChangeClass.COUNT: "count",
    ChangeClass.SPLIT: "split", ChangeClass.LANGUAGE: "language", ChangeClass.SUBPOPULATION: "subpopulation",
    ChangeClass.LINEAGE: "lineage", ChangeClass.FIELD: "field", ChangeClass.OTHER: "other",
}


class Op(str, enum.Enum):
    ADDED = "added"
    REMOVED = "removed"
    CHANGED = "changed"


@dataclass(frozen=True)
class Change:
    """One classified difference. ``location`` is where it is (in the new version, or in the old
    one for what was removed); ``entry`` names the list entry it is in ("train", "fr-CA"), since
    entries are matched by name and their indexes may differ between the versions."""

    cls: ChangeClass
    op: Op
    location: Location
    old: Any = None
    new: Any = None
    entry: str | None = None
    need: Need | None = None  # for context changes
    relative: float | None = None  # (new - old) / old, for counts
    old_line: int | None = None
    new_line: int | None = None

    @property
    def field(self) -> str:
        return self.location.dotted



# Where each class of change lives: the first prefix that a change's place lies within wins.
_PLACES: tuple[tuple[str, ChangeClass], ...] = (
    ("audience.license", ChangeClass.LICENSE),
    ("audience.access", ChangeClass.ACCESS),
    ("composition.count", ChangeClass.COUNT),
    ("composition.size_bytes", ChangeClass.COUNT),
    ("composition.splits", ChangeClass.SPLIT),
    ("composition.languages", ChangeClass.LANGUAGE),
    ("composition.multilinguality", ChangeClass.LANGUAGE),
    ("origin.people.subpopulations", ChangeClass.SUBPOPULATION),
    ("origin.sources", ChangeClass.LINEAGE),
    ("data", ChangeClass.LINEAGE),  # a training manifest's datasets
    ("composition.fields", ChangeClass.FIELD),
)
_PREFIXES = tuple((Location.parse(p), c) for p, c in _PLACES)
# Keys that name an entry of a list, in the order they are tried.
_IDENTITY = ("name", "tag", "id", "version", "dataset", "datacard", "url", "title")
# Counts whose relative change is worth a number.
_COUNTS = frozenset({"count", "size_bytes"})


def classify(location: Location, answers: Iterable[Location] = ()) -> ChangeClass:
    """The class of a change at ``location``; ``answers`` are the places of the context needs,
    where a change is **context** (the verdict's own changes come from :func:`diff_data`)."""
    pattern = location.pattern
    for prefix, cls in _PREFIXES:
        if pattern.within(prefix):
            return cls
    if any(location.within(place) for place in answers):
        return ChangeClass.CONTEXT
    return ChangeClass.OTHER


def diff_data(old: dict[str, Any] | None, new: dict[str, Any] | None, needs: Iterable[Need] = NEEDS) -> list[Change]:
    """The classified changes from ``old`` to ``new`` (None: the file did not exist on that side).

    ``needs`` are the project's context needs (:attr:`datacard.project.Project.needs`); a
    training manifest (``kind: training``) has none to judge.
    """
    needs = tuple(needs)
    manifest = _is_manifest(old or {}, new or {})
    if old is None or new is None:
        # A file added or removed whole: what it answers, not every key it holds.
        return [] if manifest else list(_context(old, new, needs))
    context = list(_context(old, new, needs)) if not manifest else []
    # A context change says what a reader needs to know about the places of its need.
    covered = [loc for change in context if change.need is not None for loc in change.need.locations]
    walk = _Walk(tuple(loc for need in needs for loc in need.locations))
    leaves = [c for c in walk.leaves(old, new, Location(), None)
              if not any(c.location.within(loc) for loc in covered)]
    return context + leaves


def _is_manifest(*docs: dict[str, Any]) -> bool:
    return any(doc.get("kind") == "training" for doc in docs)


# --- the verdict ------------------------------------------------------------------------------


def _context(old: dict[str, Any] | None, new: dict[str, Any] | None, needs: tuple[Need, ...]) -> Iterator[Change]:
    """Needs answered on one side and not on the other (a side that is None has no file)."""
    missing_before = {g.need.id for g in gaps(old, needs)} if old is not None else set()
    missing_now = {g.need.id for g in gaps(new, needs)} if new is not None else set()
    for need in needs:
        applied_before = old is not None and need.applies(old)
        applies_now = new is not None and need.applies(new)
        answered_before = applied_before and need.id not in missing_before
        gap_before = applied_before and need.id in missing_before
        answered_now = applies_now and need.id not in missing_now
        gap_now = applies_now and need.id in missing_now
        if (gap_now or new is None) and answered_before:
            where, value = _answering(need, old or {})
            yield Change(ChangeClass.REGRESSION, Op.REMOVED, where, old=value,
                         new=_placeholder(need, new) if new is not None else None, need=need)
        elif gap_now and not gap_before and old is not None:
            # It did not apply before and applies now unanswered: the datasheet now says
            # something (the data is labelled) whose context it leaves out.
            yield Change(ChangeClass.REGRESSION, Op.CHANGED, need.location, new=_placeholder(need, new or {}),
                         need=need)
        elif answered_now and not answered_before:
            where, value = _answering(need, new or {})
            yield Change(ChangeClass.CONTEXT_ADDED, Op.ADDED, where,
                         old=_placeholder(need, old) if old is not None else None, new=value, need=need)


def _answering(need: Need, data: dict[str, Any]) -> tuple[Location, Any]:
    """The first of the need's places that answers it, and its value."""
    for loc in need.locations:
        value = loc.get(data)
        if judge(value).says_something:
            return loc, value
    return need.location, None


def _placeholder(need: Need, data: dict[str, Any]) -> Any:
    """What a side that does not answer the need holds instead: a placeholder, or nothing."""
    for loc in need.locations:
        value = loc.get(data)
        if value is not None:
            return value
    return None


def place(changes: list[Change], old: Loaded | None, new: Loaded | None) -> list[Change]:
    """The changes with the lines of their places: in the old file for what was there, in the
    new file for what is there (or, for what is missing, the line a person would extend)."""
    out = []
    for change in changes:
        parts = tuple(p for p in change.location.parts if p != EACH)
        old_line = old.position(parts)[0] if old is not None and change.op is not Op.ADDED else None
        new_line = new.position(parts)[0] if new is not None and change.op is not Op.REMOVED else None
        if change.cls is ChangeClass.REGRESSION and new is not None:
            new_line = new.position(parts)[0]
        out.append(replace(change, old_line=old_line, new_line=new_line))
    return out


# --- every other difference -------------------------------------------------------------------


class _Walk:
    """Both documents walked side by side; ``answers`` are the places of the context needs."""

    def __init__(self, answers: tuple[Location, ...]) -> None:
        self.answers = answers

    def cls(self, where: Location) -> ChangeClass:
        return classify(where, self.answers)

    def leaves(self, old: Any, new: Any, where: Location, entry: str | None) -> Iterator[Change]:
        if isinstance(old, dict) and isinstance(new, dict):
            yield from self._mappings(old, new, where, entry)
        elif (isinstance(old, dict) and new is None) or (isinstance(new, dict) and old is None):
            yield from self._whole(old, new, where, entry)
        elif isinstance(old, list) and isinstance(new, list):
            yield from self._lists(old, new, where, entry)
        elif not _equal(old, new):
            yield self._change(old, new, where, entry)

    def _mappings(self, old: dict[str, Any], new: dict[str, Any], where: Location,
                  entry: str | None) -> Iterator[Change]:
        for key in [*old, *(k for k in new if k not in old)]:
            yield from self.leaves(old.get(key), new.get(key), where / key, entry)

    def _whole(self, old: dict[str, Any] | None, new: dict[str, Any] | None, where: Location,
               entry: str | None) -> Iterator[Change]:
        """A mapping that appears or goes: one change when all of it is of one class, else one
        per key (the consent statement of a removed `ethics` section is context, its conflicts
        of interest are not)."""
        parts = list(self._mappings(old or {}, new or {}, where, entry))
        if len({c.cls for c in parts}) > 1:
            yield from parts
        elif parts:
            yield self._change(old, new, where, entry, parts[0].cls)

    def _change(self, old: Any, new: Any, where: Location, entry: str | None,
                cls: ChangeClass | None = None) -> Change:
        op = Op.ADDED if old is None else Op.REMOVED if new is None else Op.CHANGED
        relative = None
        last = where.parts[-1] if where.parts else None
        if last in _COUNTS and _number(old) and _number(new) and old:
            relative = _ratio(new - old, old)
        return Change(cls or self.cls(where), op, where, old, new, entry, relative=relative)

    def _lists(self, old: list[Any], new: list[Any], where: Location, entry: str | None) -> Iterator[Change]:
        key = _identity(old, new)
        if key is not None:
            yield from self._entries(old, new, key, where)
        elif all(_scalar(v) for v in [*old, *new]):
            yield from self._values(old, new, where, entry)
        else:
            for i in range(max(len(old), len(new))):
                yield from self.leaves(old[i] if i < len(old) else None, new[i] if i < len(new) else None,
                                       where / i, entry)

    def _entries(self, old: list[Any], new: list[Any], key: str, where: Location) -> Iterator[Change]:
        """Entries matched by the key that names them: removed, added, or compared."""
        # Keyed with their types, as _identity judged them unique: a split named 1 and one
        # named true are two entries, though 1 == True would make them one dict key.
        old_by = {_key(item[key]): (i, item) for i, item in enumerate(old)}
        new_by = {_key(item[key]): (i, item) for i, item in enumerate(new)}
        for name, (i, item) in old_by.items():
            if name not in new_by:
                yield self._change(item, None, where / i, _shown_name(item[key]))
        for name, (i, item) in new_by.items():
            if name in old_by:
                yield from self.leaves(old_by[name][1], item, where / i, _shown_name(item[key]))
            else:
                yield self._change(None, item, where / i, _shown_name(item[key]))

    def _values(self, old: list[Any], new: list[Any], where: Location, entry: str | None) -> Iterator[Change]:
        """Lists of values (keywords, tasks, labels) as sets: what was added and what removed."""
        old_keys, new_keys = {_key(v) for v in old}, {_key(v) for v in new}  # sets: lists were quadratic
        for i, value in enumerate(old):
            if _key(value) not in new_keys:
                yield self._change(value, None, where / i, entry)
        for i, value in enumerate(new):
            if _key(value) not in old_keys:
                yield self._change(None, value, where / i, entry)


def _ratio(change: float, base: float) -> float | None:
    """``change / base`` as a float, or None when it is not a finite number (a count of 300
    digits over a count of 1, an infinity, a NaN)."""
    try:
        ratio = change / base
    except (OverflowError, ZeroDivisionError):
        return None
    return float(ratio) if math.isfinite(ratio) else None


def _shown_name(value: Any) -> str:
    """An entry's name as written: `true`, not Python's `True`."""
    return str(value).lower() if isinstance(value, bool) else str(value)


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _identity(old: list[Any], new: list[Any]) -> str | None:
    """The key that names every entry of both lists uniquely, if there is one."""
    items = [*old, *new]
    if not items or not all(isinstance(v, dict) for v in items):
        return None
    for key in _IDENTITY:
        named = all(_scalar(v.get(key)) and v.get(key) is not None for v in items)
        if named and all(len({_key(v[key]) for v in side}) == len(side) for side in (old, new)):
            return key
    return None


def _scalar(value: Any) -> bool:
    return value is None or isinstance(value, (str, int, float, bool))


def _key(value: Any) -> tuple[str, Any]:
    """A value with its type, so that `1`, `1.0`, `true` and `"1"` stay apart (and `.nan`,
    which equals nothing, equals itself here)."""
    if isinstance(value, float) and math.isnan(value):
        return "float", "nan"
    return type(value).__name__, value


def _equal(a: Any, b: Any) -> bool:
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return set(a) == set(b) and all(_equal(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(_equal(x, y) for x, y in zip(a, b, strict=True))
    return _key(a) == _key(b)
