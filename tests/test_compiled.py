"""The compiled validators (datacard.model.compiled) check exactly as the models do, and their
cache is used only when it is current and names nothing but datacard's own model objects."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError, model_validator
from pydantic_core import SchemaValidator

from datacard.load import load
from datacard.model import KIND_MODELS, compiled, model_of
from datacard.model.types import MAX_COUNT
from datacard.validate import _MAX_COUNT, check_loaded, validate_loaded
from tests.conftest import CASES, EXAMPLES

FILES = sorted([*(p for p in (CASES / "valid").iterdir() if p.suffix in (".yaml", ".md")),
                *(CASES / "invalid").glob("*.yaml"),
                *EXAMPLES.rglob("*.datacard.yaml")])
EXPORTED = compiled.export({kind: model_of(kind) for kind in KIND_MODELS})
CHECKERS = {kind: compiled.compile_schema(schema) for kind, schema in EXPORTED.items()}


def _errors(validator: Any, data: Any) -> list[Any] | None:
    """pydantic-core's errors for ``data``, or None when it is valid."""
    try:
        validator(data)
    except ValidationError as exc:
        return exc.errors(include_url=False)
    return None


def _agree(kind: str, data: Any) -> None:
    by_model = _errors(model_of(kind).model_validate, data)
    by_compiled = _errors(CHECKERS[kind].validate_python, data)
    assert by_compiled == by_model


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_the_compiled_validators_give_the_models_errors(path: Path) -> None:
    data = load(path).data
    if isinstance(data, dict):
        for kind in KIND_MODELS:
            _agree(kind, data)


_VALUES = st.one_of(
    st.none(), st.booleans(), st.integers(-3, 2**64), st.floats(allow_nan=False), st.text(max_size=12),
    st.sampled_from(["", "none", "other", "unknown", "original", "2017-02-30", "2017-13", "en", "MIT OR",
                     "CC-BY-4.0", "https://x.org", "a@b.co", "web-scraping", "training"]),
    st.lists(st.sampled_from(["en", "x", 1, None]), max_size=3),
    st.dictionaries(st.sampled_from(["id", "tag", "type", "reason", "present", "name", "x"]),
                    st.sampled_from([None, False, True, "x", "unknown", 0]), max_size=3),
)
_SEEDS = [d for d in (load(p).data for p in FILES) if isinstance(d, dict)]


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(node, dict):
        for key, value in node.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _paths(value, (*prefix, index))
    return found


def _replaced(node: Any, path: tuple[Any, ...], value: Any) -> Any:
    if not path:
        return value
    copy = dict(node) if isinstance(node, dict) else list(node)
    copy[path[0]] = _replaced(node[path[0]], path[1:], value)
    return copy


@st.composite
def _mutated(draw: st.DrawFn) -> Any:
    data = draw(st.sampled_from(_SEEDS))
    for _ in range(draw(st.integers(1, 4))):
        path = draw(st.sampled_from(_paths(data)))
        data = _replaced(data, path, draw(_VALUES))
    return data


@settings(max_examples=150, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
@given(_mutated())
def test_mutated_datasheets_get_the_same_errors_from_both(data: Any) -> None:
    for kind in KIND_MODELS:
        _agree(kind, data)


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_check_loaded_reports_what_validate_loaded_reports(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(compiled, "_validators", dict(CHECKERS))
    loaded = load(path)
    assert check_loaded(loaded).findings == validate_loaded(loaded)[1].findings


def test_the_cache_is_written_read_and_refused_when_stale_or_broken(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / "validators.json"
    assert compiled.refresh(str(cache))
    found = compiled.validator("datasheet", str(cache))
    assert isinstance(found, SchemaValidator)
    text = cache.read_text(encoding="utf-8")
    stale = json.loads(text)
    stale["stamp"]["pydantic_core"] = "0.0.0"
    cache.write_text(json.dumps(stale), encoding="utf-8")
    assert compiled.validator("datasheet", str(cache)) is None
    cache.write_text(text[: len(text) // 2], encoding="utf-8")
    assert compiled.validator("datasheet", str(cache)) is None
    # A source of the models changed since the cache was written:
    cache.write_text(text, encoding="utf-8")
    monkeypatch.setattr(compiled, "_stamp", lambda: {**json.loads(text)["stamp"], "sources": {}})
    assert compiled.validator("datasheet", str(cache)) is None


@pytest.mark.parametrize("name", ["os:system", "subprocess:run", "datacard.model.origin:Source",
                                  "builtins:eval", "datacard.model.checks:re.compile",
                                  "datacard.model.licenses:os.system", "datacard.model.enums:enum.Enum"])
def test_a_cache_cannot_name_anything_else(name: str, tmp_path: Path) -> None:
    cache = tmp_path / "validators.json"
    assert compiled.refresh(str(cache))
    cached = json.loads(cache.read_text(encoding="utf-8"))
    cached["schemas"]["datasheet"] = {"type": "function-plain", "function": {
        "type": "no-info", "function": {"$datacard": ["object", name]}}}
    cache.write_text(json.dumps(cached), encoding="utf-8")
    assert compiled.validator("datasheet", str(cache)) is None


def test_a_cache_that_cannot_be_written_is_no_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    assert not compiled.refresh(str(blocker / "validators.json"))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file"]


class _MethodCheck(BaseModel):
    x: int = 0

    @model_validator(mode="after")
    def _check(self) -> _MethodCheck:
        return self


def test_a_check_written_as_a_method_cannot_be_compiled() -> None:
    with pytest.raises(TypeError, match=r"datacard\.model\.checks"):
        compiled.export({"x": _MethodCheck})


def test_the_largest_count_is_the_models() -> None:
    assert _MAX_COUNT == MAX_COUNT


def test_validate_builds_no_model_once_the_cache_is_written(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(tmp_path / "cache")  # the cache goes where Python's bytecode goes
    probe = ("import sys; sys.argv = ['datacard', 'validate', sys.argv[1]]\n"
             "from datacard.cli import main\n"
             "try:\n    main()\nexcept SystemExit as exc:\n    code = exc.code\nelse:\n    code = 0\n"
             "print(code, 'datacard.model.datasheet' in sys.modules, 'pydantic.main' in sys.modules)")
    # Outside the repository: its configuration would build the settings model (a pydantic model).
    sheet = tmp_path / "work" / "yelp-reviews.datacard.yaml"
    sheet.parent.mkdir()
    sheet.write_bytes((EXAMPLES / sheet.name).read_bytes())
    runs = [subprocess.run([sys.executable, "-c", probe, str(sheet)], capture_output=True, text=True, cwd=sheet.parent,
                           env=env, check=False).stdout.split()[-3:] for _ in range(2)]
    assert runs[0] == ["0", "True", "True"]  # no cache yet: the models are built, and the cache written
    assert runs[1] == ["0", "False", "False"]
    assert list((tmp_path / "cache").rglob("*.validators.json"))


def test_a_run_tries_to_write_the_cache_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Where the cache cannot be written, the files of a run do not each pay for trying again."""
    tries: list[int] = []
    monkeypatch.setattr(compiled, "_validators", {})
    monkeypatch.setattr(compiled, "_tried", [])
    monkeypatch.setattr(compiled, "cache_path", lambda: None)
    monkeypatch.setattr(compiled, "refresh", lambda path=None: bool(tries.append(1)))
    for path in FILES[:5]:
        check_loaded(load(path))
    assert tries == [1]
