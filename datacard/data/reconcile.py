"""Measured facts meet documented ones: what `profile --datasheet` may write, and what it must not.

A profile measures the data; a datasheet documents it, often from a source the profile cannot
see (the full dataset behind a sample, a count from the publisher). :func:`plan` decides, fact by
fact, what the merge writes:

- a fact the datasheet does not state is written;
- a fact it states and the data agrees with is kept as written (a missing share within the
  tolerance, a range that holds every value measured);
- a fact the data contradicts is **kept**, and the contradiction is a finding (DC515) that gives
  both values and the line of the documented one; ``accept`` (``--accept FIELD``,
  ``--accept-measured``) lets the measured value replace it;
- rows read from a sample (``--sample N``, or fewer rows than the datasheet counts) say nothing
  of the dataset's counts: no count is written or contradicted (DC516 says so), distinct counts
  and group sizes of a sample are not written, and its shares are judged by their 95 % interval.

The facts written are recorded in ``composition.measured``: by what, when, from how many rows,
whether a sample, and which fields. A second run on the same data finds every fact agreeing and
writes nothing, so the file does not change. Pure: data and a profile in, a plan out.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from datacard.codebook import data as codes
from datacard.context import EACH, Location
from datacard.data.profile import Column, Profile
from datacard.data.stats import interval_text
from datacard.findings import Finding, Related
from datacard.load import Loaded
from datacard.model.enums import FieldType

TOOL = "datacard profile"
_ORDERED = {FieldType.INTEGER, FieldType.FLOAT, FieldType.DATE, FieldType.DATETIME}


@dataclass(frozen=True)
class Accept:
    """Which contradicted facts the measured value may replace: all, or those within ``places``."""

    everything: bool = False
    places: tuple[Location, ...] = ()

    @classmethod
    def parse(cls, fields: Iterable[str], everything: bool = False) -> Accept:
        """From `--accept` values (dotted places: `composition.count`, `composition.fields[2]`,
        `composition.fields[].missing`); raises ValueError on one that is not a place."""
        return cls(everything, tuple(_field_place(f.strip()) for f in fields if f.strip()))

    def __call__(self, place: Location) -> bool:
        return self.everything or any(place.within(p) for p in self.places)


def _field_place(dotted: str) -> Location:
    """A `--accept` place that names fields of the datasheet model: a typo or a name that is no
    field (`composition.cout`, `__class__`) would otherwise accept nothing, without a word."""
    from datacard.model import Datasheet
    from datacard.suggest import nearest
    from datacard.validate import model_at

    place = Location.parse(dotted)
    for at, key in enumerate(place.parts):
        if not isinstance(key, str) or key == EACH:
            continue
        holder = model_at(Datasheet, Location(place.parts[:at]).keys)
        if holder is None:  # inside a value that is not a model (a mapping): any key may be there
            break
        if key not in holder.model_fields:
            near = nearest(key, holder.model_fields)
            hint = f" (did you mean {Location((*place.parts[:at], near[0]))}?)" if near else ""
            raise ValueError(f"{dotted!r} is not a datasheet field{hint}")
    return place


@dataclass(frozen=True)
class Options:
    accept: Accept = Accept()
    measured_on: str | None = None  # ISO date for the record; default: SOURCE_DATE_EPOCH, else today
    tolerance: float = 0.01  # accepted difference between a documented and a measured share
    sources: tuple[str, ...] | None = None  # names of the data read, as the record gives them


@dataclass
class Plan:
    """What the merge writes (``facts``: only the keys to set, and new entries whole), the
    findings on the datasheet, and the places written."""

    facts: dict[str, Any]
    findings: list[Finding] = field(default_factory=list)
    written: list[str] = field(default_factory=list)
    sample: bool = False


def measured_on(given: str | None = None) -> str:
    """The date of a measurement: ``given``, else SOURCE_DATE_EPOCH (for reproducible output),
    else today, in UTC."""
    if given:
        return given
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    utc = dt.timezone.utc
    moment = dt.datetime.fromtimestamp(int(epoch), utc) if epoch.isascii() and epoch.isdigit() else dt.datetime.now(utc)
    return moment.date().isoformat()


def plan(data: dict[str, Any] | None, prof: Profile, loaded: Loaded | None = None,
         options: Options | None = None) -> Plan:
    """What to write of ``prof`` into the datasheet ``data`` (None: a composition on its own)."""
    return _Planner(data or {}, prof, loaded, options or Options()).run()


class _Planner:
    def __init__(self, data: dict[str, Any], prof: Profile, loaded: Loaded | None, options: Options) -> None:
        comp = data.get("composition")
        self.comp: dict[str, Any] = comp if isinstance(comp, dict) else {}
        self.prof, self.loaded, self.options = prof, loaded, options
        self.findings: list[Finding] = []
        self.written: list[str] = []
        self.facts_seen: set[str] = set()
        # Fewer rows than documented make a sample, unless the user says the count is now the
        # rows read (`--accept composition.count`): then they are the data.
        self.sample = prof.sampled or (self._fewer_rows_than_documented()
                                       and not options.accept(Location.of("composition", "count")))

    def _fewer_rows_than_documented(self) -> bool:
        count: Any = self.comp.get("count")
        if _number(count):
            return bool(self.prof.rows < count)
        splits = [s["count"] for s in _entries(self.comp.get("splits")) if _number(s.get("count"))]
        return bool(splits) and self.prof.rows < sum(splits)

    # -- one fact --------------------------------------------------------------------------

    def fact(self, place: Location, documented: Any, measured: Any, *, agrees: bool,
             from_sample: bool = True, shown: Callable[[Any], str] = repr, detail: str = "") -> bool:
        """Whether to write ``measured`` at ``place``; a contradiction becomes a finding."""
        if measured is None:
            return False
        if self.sample and not from_sample:  # not a fact a sample measures: only on request
            return self._accepted(place) and documented != measured and self._write(place)
        if documented is None:
            return self._write(place)
        if agrees:
            self.facts_seen.add(place.pattern.dotted)
            return False
        if self._accepted(place):
            return self._write(place)
        self._conflict(place, documented, measured, shown, detail)
        return False

    def _accepted(self, place: Location) -> bool:
        return self.options.accept(place)

    def _write(self, place: Location, measured: bool = True) -> bool:
        self.written.append(place.dotted)
        if measured:
            self.facts_seen.add(place.pattern.dotted)
        return True

    def _conflict(self, place: Location, documented: Any, measured: Any, shown: Callable[[Any], str],
                  detail: str) -> None:
        line, col = self._position(place)
        where = f" (line {line})" if line else ""
        rows = f"{self.prof.rows:,} row{'' if self.prof.rows == 1 else 's'}{', a sample' if self.sample else ''}"
        message = (f"{place.dotted}: the datasheet says {shown(documented)}{where}; the data measures "
                   f"{shown(measured)} from {rows}{detail}. The documented value is kept; "
                   f"--accept {place.dotted} (or --accept-measured) writes the measured one")
        source = self.prof.sources[0] if self.prof.sources else "<data>"
        related = (Related(source, 0, 0, f"measured {shown(measured)} from {rows}", place.dotted),)
        self.findings.append(codes.MEASURED_CONFLICT.finding(self._path(), line, col, message, place.dotted,
                                                             related=related))

    def _path(self) -> str:
        return self.loaded.path if self.loaded is not None else "<datasheet>"

    def _position(self, place: Location) -> tuple[int, int]:
        return place.position(self.loaded) if self.loaded is not None and self.loaded.positions else (0, 0)

    # -- the composition --------------------------------------------------------------------

    def run(self) -> Plan:
        facts: dict[str, Any] = {}
        self._count(facts)
        splits = self._splits()
        if splits:
            facts["splits"] = splits
        fields = self._fields()
        if fields:
            facts["fields"] = fields
        if self.written:
            facts["measured"] = self._record()
        return Plan(facts, self.findings, self.written, self.sample)

    def _count(self, facts: dict[str, Any]) -> None:
        place = Location.of("composition", "count")
        documented = self.comp.get("count")
        if self.sample:
            self._sample_note(documented)
            if self._accepted(place) and documented != self.prof.rows:
                facts["count"] = self.prof.rows
                self._write(place)
            return
        if self.fact(place, documented, self.prof.rows, agrees=documented == self.prof.rows, shown=_count):
            facts["count"] = self.prof.rows

    def _sample_note(self, documented: Any) -> None:
        rows = f"{self.prof.rows:,} row{'' if self.prof.rows == 1 else 's'}"
        if self.prof.sampled:
            why = f"read a sample of {rows} (--sample)"
        else:
            declared = f"{documented:,}" if _number(documented) else "the split counts"
            why = f"read {rows}, fewer than the {declared} instances the datasheet declares, so a sample"
        line, col = self._position(Location.of("composition", "count"))
        self.findings.append(codes.SAMPLE.finding(
            self._path(), line, col,
            f"{why}: counts, distinct values and group sizes are not measured from a sample, and "
            f"the documented ones are kept; shares are judged by their 95% interval. If the data "
            f"now has {rows}, pass --accept composition.count", "composition.count"))

    def _splits(self) -> list[dict[str, Any]]:
        entries = list(enumerate(_entries(self.comp.get("splits"))))
        documented = {str(s.get("name")): (i, s) for i, s in reversed(entries)}  # the first of a name
        out: list[dict[str, Any]] = []
        for name in sorted(self.prof.splits):
            measured_count = self.prof.splits[name]
            labels = dict(sorted(self.prof.split_labels.get(name, {}).items()))
            if name not in documented:
                if not self.sample:
                    self._write(Location.of("composition", "splits", len(documented) + len(out)))
                    out.append({"name": name, "count": measured_count, **({"distribution": labels} if labels else {})})
                continue
            i, entry = documented[name]
            place = Location.of("composition", "splits", i)
            update: dict[str, Any] = {}
            count = entry.get("count")
            if self.fact(place / "count", count, measured_count, agrees=count == measured_count, from_sample=False,
                         shown=_count):
                update["count"] = measured_count
            shown_labels = entry.get("distribution")
            if labels and self.fact(place / "distribution", shown_labels or None, labels, agrees=shown_labels == labels,
                                    from_sample=False, shown=_groups):
                update["distribution"] = labels
            if update:
                out.append({"name": name, **update})
        return out

    def _fields(self) -> list[dict[str, Any]]:
        entries = _entries(self.comp.get("fields"))
        documented: dict[str, tuple[int, dict[str, Any]]] = {}
        for i, entry in enumerate(entries):
            if entry.get("name") is not None:
                documented.setdefault(str(entry["name"]), (i, entry))
        out = []
        appended = 0
        for column in self.prof.columns.values():
            measured = self._measured(column)
            if column.name in documented:
                i, entry = documented[column.name]
                update = self._field(Location.of("composition", "fields", i), entry, column, measured)
                if update:
                    out.append({"name": column.name, **update})
                continue
            place = Location.of("composition", "fields", len(entries) + appended)
            new = {"name": column.name, **{k: v for k, v in measured.items() if self._from_sample(k)}}
            appended += 1
            for key in new:
                if key != "name":
                    self._write(place / key, measured=key != "role")
            out.append(new)
        return out

    def _from_sample(self, key: str) -> bool:
        """Whether a fact of a field may be written from a sample: its type, role and missing
        share (judged by its interval), not its counts, range or lengths."""
        return not self.sample or key in ("type", "role", "missing")

    def _measured(self, column: Column) -> dict[str, Any]:
        """Every fact measured about one column, as the datasheet would hold it."""
        prof = self.prof
        out: dict[str, Any] = {"type": column.type.value, "missing": round(prof.missing_share(column.name), 6)}
        role = _role(prof, column.name)
        if role is not None:
            out["role"] = role
        if column.distinct is not None:
            out["distinct"] = column.distinct
        counts = prof.groups.get(column.name)
        if counts:
            out["distribution"] = {str(k): n for k, n in sorted(counts.items(), key=lambda kv: (-kv[1], str(kv[0])))}
        bounds = _range(column)
        if bounds is not None:
            out["range"] = bounds
        if column.lengths is not None:
            out["lengths"] = column.lengths
        return out

    def _field(self, place: Location, entry: dict[str, Any], column: Column,
               measured: dict[str, Any]) -> dict[str, Any]:
        update: dict[str, Any] = {}
        if entry.get("role") is None and "role" in measured:
            update["role"] = measured["role"]
            self._write(place / "role", measured=False)  # given by the options, not measured
        declared = entry.get("type")
        if self.fact(place / "type", declared, measured["type"], agrees=_type_agrees(declared, column.type)):
            update["type"] = measured["type"]
        missing = entry.get("missing")
        agrees, detail = self._missing_agrees(missing, column)
        if self.fact(place / "missing", missing, measured["missing"], agrees=agrees, detail=detail, shown=_share):
            update["missing"] = measured["missing"]
        distinct = entry.get("distinct")
        if "distinct" in measured and self.fact(
                place / "distinct", distinct, measured["distinct"], agrees=self._distinct_agrees(distinct, column),
                from_sample=False, shown=_count):
            update["distinct"] = measured["distinct"]
        groups = entry.get("distribution") or None
        if "distribution" in measured and self.fact(
                place / "distribution", groups, measured["distribution"], agrees=groups == measured["distribution"],
                from_sample=False, shown=_groups):
            update["distribution"] = measured["distribution"]
        if "range" in measured and _ordered(declared):
            bounds = entry.get("range")
            if self.fact(place / "range", bounds, measured["range"], agrees=_within(bounds, column),
                         from_sample=bounds is not None, shown=_bounds_text):
                update["range"] = measured["range"]
        if "lengths" in measured:
            lengths = entry.get("lengths")
            if self.fact(place / "lengths", lengths, measured["lengths"],
                         agrees=_lengths_agree(lengths, measured["lengths"], self.sample),
                         from_sample=lengths is not None, shown=_lengths_text):
                update["lengths"] = measured["lengths"]
        return update

    def _missing_agrees(self, documented: Any, column: Column) -> tuple[bool, str]:
        if not _number(documented):
            return documented is None, ""
        share, tolerance = self.prof.missing_share(column.name), self.options.tolerance
        if not self.sample:
            return abs(documented - share) <= tolerance, ""
        low, high = self.prof.missing_interval(column.name)
        return low - tolerance <= documented <= high + tolerance, f" (95% interval {interval_text(low, high)})"

    def _distinct_agrees(self, documented: Any, column: Column) -> bool:
        measured = column.distinct
        if not _number(documented) or measured is None:
            return documented is None
        error = 0 if column.distinct_exact else 3 * measured / max(self.prof.spec.k - 2, 1) ** 0.5
        if self.sample:  # a sample has at most as many distinct values as the data
            return bool(measured - error <= documented)
        return bool(abs(documented - measured) <= error)

    def _record(self) -> dict[str, Any]:
        sources = self.options.sources if self.options.sources is not None else tuple(self.prof.sources)
        return {
            "by": TOOL,
            "date": measured_on(self.options.measured_on),
            "rows": self.prof.rows,
            "sample": self.sample,
            "sources": list(sources) or ["a dataframe"],
            "facts": sorted(self.facts_seen),
        }


# --- helpers ------------------------------------------------------------------------------------


def _entries(value: Any) -> list[dict[str, Any]]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _role(prof: Profile, name: str) -> str | None:
    """The role the profile gave a column (from --split-column, --label, --subgroup or the
    datasheet), so that check, represent and render --data find it again without the options."""
    spec = prof.spec
    if name == spec.split_column:
        return "split"
    if name == spec.label:
        return "label"
    if name in spec.groups and name not in spec.sensitive_only:
        return "subgroup"
    return None


def _type_agrees(declared: Any, measured: FieldType) -> bool:
    from datacard.data.check import satisfies

    if declared is None:
        return True
    try:
        return measured is FieldType.OTHER or satisfies(FieldType(declared), measured)
    except ValueError:  # not a type the model knows: validation reports it
        return True


def _ordered(declared: Any) -> bool:
    """Whether a field declared of this type has a range (a label coded 1 and 2 is a category)."""
    return declared is None or declared in {t.value for t in _ORDERED}


def _range(column: Column) -> dict[str, Any] | None:
    """The measured range as the datasheet writes it: numbers, or ISO dates."""
    if column.type not in _ORDERED or column.minimum is None or column.maximum is None:
        return None
    low, high = column.minimum, column.maximum
    if isinstance(low, dt.date):
        return {"min": _day(low), "max": _day(high)}
    if isinstance(low, bool) or not isinstance(low, (int, float)) or not isinstance(high, (int, float)):
        return None
    return {"min": low, "max": high}


def _day(value: Any) -> str:
    return (value.date() if isinstance(value, dt.datetime) else value).isoformat()  # type: ignore[no-any-return]


def _within(documented: Any, column: Column) -> bool:
    """Whether every value measured lies in the documented range."""
    from datacard.data.check import after, before, bounds

    if not isinstance(documented, dict):
        return documented is None
    low, high = documented.get("min"), documented.get("max")
    return not ((low is not None and before(column.minimum, bounds(low)[0]))
                or (high is not None and after(column.maximum, bounds(high)[1])))


def _lengths_agree(documented: Any, measured: dict[str, Any], sample: bool) -> bool:
    if not isinstance(documented, dict):
        return documented is None
    low, high = documented.get("min"), documented.get("max")
    if sample:  # a sample's values lie within the data's
        return not ((_number(low) and measured["min"] < low) or (_number(high) and measured["max"] > high))
    mean = documented.get("mean")
    return (low == measured["min"] and high == measured["max"]
            and (mean is None or (_number(mean) and abs(mean - measured["mean"]) <= 0.01)))


def _count(value: Any) -> str:
    return f"{value:,}" if _number(value) else repr(value)


def _share(value: Any) -> str:
    return f"{value:.4g}" if _number(value) else repr(value)


def _groups(value: Any) -> str:
    if not isinstance(value, dict):
        return repr(value)
    items = list(value.items())
    shown = ", ".join(f"{k}: {_count(v)}" for k, v in items[:4])
    return "{" + shown + (", ..." if len(items) > 4 else "") + "}"


def _bounds_text(value: Any) -> str:
    if not isinstance(value, dict):
        return repr(value)
    return f"{value.get('min')!s} to {value.get('max')!s}"


def _lengths_text(value: Any) -> str:
    if not isinstance(value, dict):
        return repr(value)
    return f"{value.get('min')!s}-{value.get('max')!s} characters (mean {value.get('mean')!s})"
