"""Loaded data -> model, with every pydantic error turned into a placed finding."""

from __future__ import annotations

import enum
import os
import re
import types
import typing
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Union

from pydantic_core import ValidationError

from datacard import codes, suggest
from datacard.findings import Finding, Fix, Report
from datacard.limits import MAX_FINDINGS, left_out, worst
from datacard.load import Loaded, load
from datacard.model import KIND_MODELS, model_of
from datacard.suggest import nearest

if TYPE_CHECKING:
    from pydantic import BaseModel

    from datacard.model import Datasheet

# As datacard.model.types.MAX_COUNT (a test keeps them equal): importing that module builds types.
_MAX_COUNT = 2**63 - 1

_TYPE_WORDS = {
    "string_type": "text", "int_type": "a whole number", "float_type": "a number",
    "bool_type": "true or false", "list_type": "a list", "dict_type": "a mapping",
    "model_type": "a mapping", "model_attributes_type": "a mapping", "dataclass_type": "a mapping",
}


# Cross-field errors are raised on the whole mapping; point at the key a person must change.
_FOCUS: dict[str, tuple[str, ...]] = {"date_order": ("end",), "source_pattern": ("pattern",)}


def _yaml_kind(value: Any) -> str:
    if value is None:
        return "empty (null)"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"the number {_clip(repr(value))}"
    if isinstance(value, str):
        return f"the text {value!r}" if len(value) < 40 else "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def _unwrap(annotation: Any) -> list[Any]:
    """The classes an annotation may hold: list[X] -> X, X | None -> X, Annotated -> base."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin in (Union, types.UnionType):
        return [c for arg in typing.get_args(annotation) for c in _unwrap(arg)]
    if origin in (list, tuple, set, frozenset):
        return [c for arg in typing.get_args(annotation) for c in _unwrap(arg)]
    if origin is dict:
        return _unwrap(typing.get_args(annotation)[1])
    return [annotation]


def model_at(root: type[BaseModel], loc: Sequence[str | int]) -> type[BaseModel] | None:
    """The model class that holds the last element of ``loc`` (None if not a model)."""
    from pydantic import BaseModel
    current: type[BaseModel] | None = root
    for part in loc:
        if current is None:
            return None
        if isinstance(part, int):
            continue
        info = current.model_fields.get(str(part))
        if info is None:
            return None
        models = [c for c in _unwrap(info.annotation) if isinstance(c, type) and issubclass(c, BaseModel)]
        current = models[0] if models else None
    return current


def _enum_at(root: type[BaseModel], loc: Sequence[str | int]) -> type[enum.Enum] | None:
    names = [p for p in loc if not isinstance(p, int)]
    if not names:
        return None
    *parents, last = names
    holder = model_at(root, parents)
    if holder is None:
        return None
    info = holder.model_fields.get(str(last))
    if info is None:
        return None
    enums = [c for c in _unwrap(info.annotation) if isinstance(c, type) and issubclass(c, enum.Enum)]
    return enums[0] if enums else None


def _dotted(loc: Sequence[str | int]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{_clip(part)}" if out else _clip(str(part)))
    return out


def _classify(error: Any) -> tuple[codes.Code, bool]:
    """(code, point_at_key) for one pydantic error: cheap, so that every error can be placed and
    ordered before any message is written."""
    kind: str = error["type"]
    if kind == "extra_forbidden":
        return codes.UNKNOWN_KEY, True
    if kind == "missing":
        return codes.MISSING, True
    if kind in ("enum", "license_id"):
        return codes.BAD_ENUM, False
    if kind == "literal_error" and tuple(error["loc"]) == ("kind",):
        return codes.BAD_KIND, False
    if kind == "schema_version":
        return codes.BAD_VERSION, False
    if kind in ("partial_date", "date_order"):
        return codes.BAD_DATE, False
    if kind in ("string_pattern_mismatch", "source_pattern"):
        return codes.BAD_FORMAT, False
    if kind in ("none_needs_reason", "none_contradiction", "source_empty", "ref_empty", "file_or_set",
                "source_reads"):
        return codes.INCONSISTENT, False
    return codes.WRONG_TYPE, False


def _fix(error: Any, root: type[BaseModel], code: codes.Code) -> Fix | None:
    """The fix for one pydantic error of ``code``, as its message names it (:mod:`datacard.suggest`)."""
    kind: str = error["type"]
    loc: tuple[str | int, ...] = tuple(error["loc"])
    value = error.get("input")
    if code is codes.UNKNOWN_KEY:
        holder = model_at(root, loc[:-1])
        return suggest.key_fix(loc, sorted(holder.model_fields)) if holder else None
    if code is codes.BAD_ENUM:
        if kind == "license_id":
            return suggest.license_fix(loc, value)
        return suggest.choice_fix(loc, value, _enum_choices(root, loc, error))
    if code is codes.BAD_DATE and kind == "partial_date":
        return suggest.date_fix(loc, value)
    if code is codes.BAD_FORMAT:
        last = next((p for p in reversed(loc) if isinstance(p, str)), "")
        if last == "tag":
            return suggest.tag_fix(loc, value)
        return suggest.slug_fix(loc, value) if loc == ("name",) else None
    if code is codes.BAD_VERSION:
        return suggest.version_fix(loc, value)
    if code is codes.WRONG_TYPE:
        return _type_fix(kind, loc, value)
    return None


def _type_fix(kind: str, loc: tuple[str | int, ...], value: Any) -> Fix | None:
    if kind == "int_type":
        return suggest.number_fix(loc, value, whole=True)
    if kind == "float_type":
        return suggest.number_fix(loc, value, whole=False)
    if kind == "bool_type":
        return suggest.bool_fix(loc, value)
    if kind == "string_type":
        return suggest.quote_fix(loc, value)
    if kind == "list_type":
        return suggest.list_fix(loc, value)
    return None


def _message(error: Any, root: type[BaseModel], code: codes.Code, fix: Fix | None = None,
             written: str | None = None) -> str:
    """The message for one pydantic error of ``code`` (from :func:`_classify`); ``fix`` is the
    fix :func:`_fix` found, which the message names where it would not otherwise, and
    ``written`` the value as the file writes it (`1.10` where the data holds 1.1)."""
    kind: str = error["type"]
    loc: tuple[str | int, ...] = tuple(error["loc"])
    value = error.get("input")
    field = _dotted(loc) or "document"
    if code is codes.UNKNOWN_KEY:
        holder = model_at(root, loc[:-1])
        allowed = sorted(holder.model_fields) if holder else []
        near = nearest(_clip(str(loc[-1])), allowed)
        hint = f"; did you mean {near[0]!r}?" if near else ""
        where = f" in {_dotted(loc[:-1])}" if loc[:-1] else ""
        listed = f" (allowed here: {', '.join(allowed)})" if len(allowed) <= 12 else ""
        return f"unknown key {_clip(str(loc[-1]))!r}{where}{hint}{listed}"
    if code is codes.MISSING:
        return f"{field} is required here"
    if code is codes.BAD_ENUM and kind == "license_id":  # the licence validator words its own message
        return f"{field}: {error['msg']}"
    if code is codes.BAD_ENUM:
        choices = _enum_choices(root, loc, error)
        near = nearest(_clip(str(value)), choices)
        hint = f"; did you mean {near[0]!r}?" if near else ""
        listed = ", ".join(choices) if len(choices) <= 24 else f"{len(choices)} values (see the JSON Schema)"
        return f"{field}: {_show(value)} is not allowed{hint} (allowed: {listed})"
    if code is codes.BAD_KIND:
        return f"kind {_show(value)} is not known; write kind: datasheet or kind: training"
    if code is codes.BAD_VERSION:
        return str(error["msg"])
    if code is codes.BAD_DATE and fix is not None and kind == "partial_date":
        return f"{field}: {_show(value)} is not an ISO date; {fix.title}"
    if code in (codes.BAD_DATE, codes.INCONSISTENT):
        return f"{field}: {error['msg']}"
    if code is codes.BAD_FORMAT and kind == "source_pattern":
        return f"{field}: {error['msg']}"
    if code is codes.BAD_FORMAT:
        return f"{field}: {_show(value)} {_format_hint(loc)}{_language_hint(loc, value, fix)}"
    if kind in _TYPE_WORDS or kind.endswith("_type") or kind.endswith("_parsing"):
        return _type_message(field, kind, value, written) + _form_hint(root, loc, kind)
    if kind == "less_than_equal" and isinstance(value, int) and value > _MAX_COUNT:
        return (f"{field}: {_show(value)} is larger than any count or size a tool can hold "
                f"(at most 2^63-1 = {_MAX_COUNT:,}); write the real figure")
    if kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        return f"{field}: {error['msg'].lower()}, got {_show(value)}"
    return f"{field}: {error['msg']}"


def error_message(error: Any, root: type[BaseModel]) -> str:
    """The message `validate` gives for one pydantic error of a ``root`` document, for other
    readers of converted data (an import) to word a refused value the same way."""
    code, _ = _classify(error)
    return _message(error, root, code, _fix(error, root, code))


def _clip(text: str, limit: int = 80) -> str:
    """Text for a message: a value can be megabytes long, a finding stays one readable line."""
    return text if len(text) <= limit else f"{text[: limit - 1]}…"


def _show(value: Any) -> str:
    """``value`` as a message quotes it: its repr, cut to a readable length."""
    if isinstance(value, str):
        return repr(_clip(value))
    return _clip(repr(value)) if isinstance(value, (int, float, bool)) or value is None else _yaml_kind(value)


def _enum_choices(root: type[BaseModel], loc: Sequence[str | int], error: Any) -> list[str]:
    found = _enum_at(root, loc)
    if found is not None:
        return [str(m.value) for m in found]
    expected = str(error.get("ctx", {}).get("expected", ""))
    return [p.strip(" '") for p in expected.replace(" or ", ",").split(",") if p.strip()]


def _format_hint(loc: Sequence[str | int]) -> str:
    last = next((p for p in reversed(loc) if isinstance(p, str)), "")
    hints = {
        "name": "is not a lowercase slug; use letters, digits, '.', '_' and '-', such as yelp-reviews",
        "tag": "is not a BCP 47 language tag; write en, en-US, nb, zh-Hant",
        "email": "is not an e-mail address",
        "identifiers": "needs a scheme prefix: hf:imdb, doi:10.1234/abc, arxiv:1803.09010 or a URL",
        "sha256": "is not a SHA-256 digest; write its 64 hexadecimal digits in lower case",
        "md5": "is not an MD5 digest; write its 32 hexadecimal digits in lower case",
    }
    if last in hints:
        return hints[last]
    if last == "url" and "files" in loc:  # a file's place may be a relative path
        return "is not a URL or a path; write it without spaces (data/train.csv)"
    if last in ("url", "homepage", "raw_data_url"):
        return "is not a web address; it must start with http:// or https://"
    return "does not have the required form"


def _language_hint(loc: Sequence[str | int], value: Any, fix: Fix | None) -> str:
    """For a language name where a tag belongs ('English'), or a tag with underscores, the tag
    to write."""
    if not loc or loc[-1] != "tag" or not isinstance(value, str) or fix is None:
        return ""
    return f"; for {value.strip()} write {fix.new}"


def _type_message(field: str, kind: str, value: Any, written: str | None = None) -> str:
    wanted = _TYPE_WORDS.get(kind, kind.removesuffix("_type").removesuffix("_parsing").replace("_", " "))
    got = _yaml_kind(value)
    hint = ""
    if wanted == "text" and isinstance(value, (int, float, bool)):
        hint = f'; put it in quotes: "{written}"' if written else "; put it in quotes, as written"
    elif isinstance(value, str) and wanted in ("a whole number", "a number"):
        hint = _number_hint(value)
    elif isinstance(value, str) and wanted == "true or false":
        hint = "; write true or false"
    elif wanted == "a list" and not isinstance(value, list):
        hint = "; write it as a list item, starting with '- '"
    return f"{field} must be {wanted}, not {got}{hint}"


_SEPARATED = re.compile(r"^[+-]?\d{1,3}(?:[,_ '\u00a0\u202f]\d{3})+(?:\.\d+)?$")


def _number_hint(value: str) -> str:
    """What to write for a number given as text: `598,000` (a YAML scalar, not quoted) holds a
    thousands separator; `"598000"` is quoted."""
    text = value.strip()
    if _SEPARATED.match(text):
        digits = re.sub(r"[,_ '\u00a0\u202f]", "", text)
        return f"; write it without separators: {digits}"
    if re.fullmatch(r"[+-]?\d+(?:\.\d+)?", text):
        return "; remove the quotes to make it a number"
    return "; write the number in digits, such as 598000"


# Where a value may take a short form, what to write, by the field that holds it.
_SHORT_FORMS = {
    "languages": "a language tag such as `en`, or a mapping such as `{tag: en, description: ...}`",
    "license": "a licence id such as `CC-BY-4.0`, or a mapping such as `{id: other, name: ..., url: ...}`",
    "access": "an access type such as `open`, or a mapping such as `{type: gated, conditions: ...}`",
}


def _form_hint(root: type[BaseModel], loc: Sequence[str | int], kind: str) -> str:
    """For a value that must be a mapping, the form to write: a short form where the field has
    one, else the mapping's required keys."""
    if kind not in ("model_type", "model_attributes_type", "dict_type"):
        return ""
    names = [p for p in loc if isinstance(p, str)]
    if names and names[-1] in _SHORT_FORMS:
        return f"; write {_SHORT_FORMS[names[-1]]}"
    model = model_at(root, loc)
    if model is None:
        return ""
    required = [name for name, info in model.model_fields.items() if info.is_required()]
    keys = required or list(model.model_fields)[:2]
    return "; write a mapping such as " + "{" + ", ".join(f"{k}: ..." for k in keys) + "}"


def _scalar_text(value: Any) -> str:
    if isinstance(value, bool):
        return str(value).lower()
    return str(value)


class _Written:
    """The plain scalars of a text as written (`1.10` where the data holds 1.1), for messages;
    the lines are indexed once, on first use, so each lookup costs one line."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts: list[int] | None = None

    def at(self, line: int, col: int) -> str | None:
        if self.starts is None:
            self.starts = [0] + [i + 1 for i, char in enumerate(self.text) if char == "\n"]
        if not 1 <= line <= len(self.starts):
            return None
        start = self.starts[line - 1] + col - 1
        end = self.text.find("\n", start)
        shown = self.text[start: end if end >= 0 else len(self.text)].split(" #", 1)[0].strip()
        plain = shown and len(shown) <= 40 and not set(shown) & set("'\"[]{},#&*!|>")
        return shown if plain else None


def _errors_to_findings(
    exc: ValidationError, loaded: Loaded, root: type[BaseModel], room: int = MAX_FINDINGS
) -> list[Finding]:
    """Findings for pydantic's errors: at most ``room``, the first in file order, then one DC017.

    Every error is placed (one index lookup per level of its path) and ordered; only those
    listed get a message, which may cost a spelling search among the allowed keys.
    """
    placed: list[tuple[int, int, codes.Code, tuple[str | int, ...], Any]] = []
    seen: set[tuple[str, int, int]] = set()
    for error in exc.errors(include_url=False, include_context=True, include_input=True):
        code, at_key = _classify(error)
        loc = tuple(error["loc"]) + _FOCUS.get(error["type"], ())
        line, col = loaded.position(loc, key=at_key)
        marker = (code.code, line, col)
        if marker in seen:
            continue
        seen.add(marker)
        placed.append((line, col, code, loc, error))
    placed.sort(key=lambda item: (item[0], item[1], item[2].code))
    findings = []
    written = _Written(loaded.text)
    for line, col, code, loc, error in placed[: max(room, 0)]:
        fix = _fix(error, root, code)
        shown = written.at(line, col) if error["type"] == "string_type" else None
        findings.append(code.finding(loaded.path, line, col, _message(error, root, code, fix, shown),
                                     field=_dotted(loc) or None, fix=fix))
    rest = placed[max(room, 0):]
    if rest:
        counts = Counter(code.code for _, _, code, _, _ in rest)
        findings.append(left_out(loaded.path, (rest[0][0], rest[0][1]), counts,
                                 worst(code.severity for _, _, code, _, _ in rest)))
    return findings


def document_kind(data: dict[str, Any]) -> str | None:
    """A document's `kind` (datasheet when absent), or None when unknown."""
    kind = data.get("kind", "datasheet")
    return kind if isinstance(kind, str) and kind in KIND_MODELS else None


def document_class(data: dict[str, Any]) -> type[BaseModel] | None:
    """The model for a document's `kind` (datasheet when absent), or None when unknown."""
    kind = document_kind(data)
    return model_of(kind) if kind is not None else None


def _loaded_report(loaded: Loaded) -> Report:
    """A file's report as loading left it: the loader's findings come first."""
    report = Report(files=[loaded.path])
    report.extend(loaded.findings)
    report.extend(loaded.notes)
    return report


def _unknown_kind(loaded: Loaded) -> Finding:
    line, col = loaded.position(("kind",))
    return codes.BAD_KIND.finding(
        loaded.path, line, col,
        f"kind {_show(loaded.data.get('kind'))} is not known; write kind: datasheet or kind: training",
        field="kind",
    )


def validate_loaded(loaded: Loaded, model: type[BaseModel] | None = None) -> tuple[BaseModel | None, Report]:
    """Validate loaded data against its model; loader findings come first in the report."""
    report = _loaded_report(loaded)
    if not isinstance(loaded.data, dict):
        return None, report
    cls = model or document_class(loaded.data)
    if cls is None:
        report.add(_unknown_kind(loaded))
        return None, report
    try:
        instance = cls.model_validate(loaded.data)
    except ValidationError as exc:
        report.extend(_errors_to_findings(exc, loaded, cls, MAX_FINDINGS - len(report.findings)))
        return None, report
    if loaded.findings:
        # The loader dropped something (a repeated key, a complex key): the model would not
        # hold everything the file says.
        return None, report
    return instance, report


def check_loaded(loaded: Loaded) -> Report:
    """The report :func:`validate_loaded` gives, without a model instance: the data is checked
    by the compiled validator of its kind (:mod:`datacard.model.compiled`), so that a valid file
    builds no model; the models are built for the messages of an invalid one, or when there is
    no compiled validator yet (and then one is written for the next run)."""
    report = _loaded_report(loaded)
    if not isinstance(loaded.data, dict):
        return report
    kind = document_kind(loaded.data)
    if kind is None:
        report.add(_unknown_kind(loaded))
        return report
    from datacard.model import compiled

    checker = compiled.validator(kind)
    if checker is None:
        report = validate_loaded(loaded)[1]
        compiled.refresh_once()
        return report
    try:
        checker.validate_python(loaded.data)
    except ValidationError as exc:
        report.extend(_errors_to_findings(exc, loaded, model_of(kind), MAX_FINDINGS - len(report.findings)))
    return report


def check_file(path: str | os.PathLike[str], **load_options: Any) -> Report:
    """The report of :func:`validate_file`, through :func:`check_loaded`."""
    return check_loaded(load(path, **load_options))


def validate_data(
    data: Any, path: str = "<data>", model: type[BaseModel] | None = None
) -> tuple[BaseModel | None, Report]:
    """Validate plain Python data (no line numbers are known)."""
    return validate_loaded(Loaded(path=path, data=data), model)


def validate_file(path: str | os.PathLike[str], **load_options: Any) -> tuple[BaseModel | None, Report]:
    """Load and validate one datasheet or training manifest."""
    return validate_loaded(load(path, **load_options))


def load_datasheet(path: str | os.PathLike[str], **load_options: Any) -> tuple[Datasheet | None, Report]:
    """Load a file that must be a datasheet, not a training manifest."""
    return datasheet_loaded(load(path, **load_options))


def datasheet_loaded(loaded: Loaded) -> tuple[Datasheet | None, Report]:
    """Validate loaded data that must be a datasheet, not a training manifest."""
    from datacard.model import Datasheet

    model, report = validate_loaded(loaded)
    if model is None or isinstance(model, Datasheet):
        return model, report
    report.add(codes.BAD_KIND.finding(
        report.files[0], 1, 1, "expected a datasheet here, found a training manifest", field="kind"
    ))
    return None, report
