"""The models' validators, compiled once and kept on disk, so that checking a file builds no model.

Building datacard's pydantic models costs more than everything else a one-file ``datacard
validate`` does (about 100 ms: pydantic generates and compiles a validator per class). What it
generates is a core schema: plain data that pydantic-core compiles into a validator, naming a
few Python objects (the model classes, the enums, the functions of :mod:`datacard.model.checks`).
:func:`export` writes it as JSON with those objects named ``module:name``; :func:`compile_schema`
compiles it back without the models, each model class replaced by a stand-in
(:class:`Checked`) that holds the validated fields for the model's checks and is never returned.
The validation is pydantic-core's own, on the same schema: the same errors, in the same order,
with the same messages (``tests/test_compiled.py`` compares them).

The export is cached beside this module's bytecode (``__pycache__``, as Python caches ``.pyc``
files, and not at all where Python writes none), for the Python, pydantic and pydantic-core
that wrote it and the model sources as they were (their sizes and modification times). Anything
else (no cache, a stale or unreadable one, a folder that cannot be written) means building the
models, as before, and :func:`refresh` then writes the cache for the next run. A cache can only
name objects of datacard's model modules that build no model: it cannot make datacard import
anything else.
"""

from __future__ import annotations

import contextlib
import enum
import importlib
import importlib.util
import json
import os
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pydantic import BaseModel
    from pydantic_core import SchemaValidator

#: Modules whose objects a compiled schema may name; none of them builds a model.
NAMED_MODULES = frozenset({"builtins", "datacard.model.checks", "datacard.model.enums", "datacard.model.licenses"})
_BUILTINS = frozenset({"list", "dict"})  # the default factories of empty lists and mappings
_TAG = "$datacard"  # {"$datacard": [what, name]} stands for a Python object in the JSON
_DROPPED = frozenset({"metadata", "serialization", "generic_origin"})  # JSON Schema and output only
_FORMAT = 1  # of the cache file

_validators: dict[str, SchemaValidator | None] = {}
_tried: list[bool] = []  # whether this process has tried to write the cache (see refresh_once)


class Checked:
    """What a compiled validator makes of a mapping that a model would hold: the fields as
    attributes, for the model's own checks, which read them as they read a model's."""

    __slots__ = ("__dict__", "__pydantic_extra__", "__pydantic_fields_set__", "__pydantic_private__")
    __pydantic_fields_set__: set[str]

    @property
    def model_fields_set(self) -> set[str]:
        return self.__pydantic_fields_set__


# --- export: models -> JSON-able data --------------------------------------------------------


def export(models: dict[str, type[BaseModel]]) -> dict[str, Any]:
    """The core schemas of ``models`` (kind -> model) as JSON-able data."""
    return {kind: _encode(model.__pydantic_core_schema__) for kind, model in models.items()}


def _encode(node: Any) -> Any:
    from pydantic import BaseModel

    if isinstance(node, dict):
        if node.get("type") == "model" and (node.get("post_init") or node.get("root_model") or node.get("custom_init")):
            raise TypeError(f"{node['cls'].__name__}: a model with __post_init__, __init__ or a root "
                            "cannot be compiled")
        return {key: _encode(value) for key, value in node.items() if key not in _DROPPED}
    if isinstance(node, (list, tuple)):
        return [_encode(value) for value in node]
    if isinstance(node, enum.Enum):  # before str: a str-valued enum member is a str too
        return {_TAG: ["member", _name(type(node)), node.name]}
    if node is None or isinstance(node, (str, int, float, bool)):
        return node
    if isinstance(node, type) and issubclass(node, BaseModel):
        return {_TAG: ["model", node.__name__]}
    if isinstance(node, type) or callable(node):
        return {_TAG: ["object", _name(node)]}
    raise TypeError(f"cannot compile {type(node).__name__} {node!r}")


def _name(obj: Any) -> str:
    """``module:qualname`` of a module-level object of :data:`NAMED_MODULES`."""
    module, qualname = getattr(obj, "__module__", None), getattr(obj, "__qualname__", "")
    if module not in NAMED_MODULES or _resolve(f"{module}:{qualname}") is not obj:
        raise TypeError(f"{module}.{qualname} must be a module-level function or class of "
                        f"{', '.join(sorted(NAMED_MODULES))} (write model checks in datacard.model.checks)")
    return f"{module}:{qualname}"


# --- compile: JSON-able data -> validator ----------------------------------------------------


def compile_schema(schema: dict[str, Any]) -> SchemaValidator:
    """The validator of one exported core schema."""
    from pydantic_core import SchemaValidator

    stand_ins: dict[str, type[Checked]] = {}
    return SchemaValidator(_decode(schema, stand_ins))


def _decode(node: Any, stand_ins: dict[str, type[Checked]]) -> Any:
    if isinstance(node, dict):
        tagged = node.get(_TAG)
        if tagged is None:
            return {key: _decode(value, stand_ins) for key, value in node.items()}
        what, name, *rest = tagged
        if what == "model":  # named as the model is: pydantic-core's messages name the class
            return stand_ins.setdefault(name, type(name, (Checked,), {"__slots__": ()}))
        found = _resolve(name)
        return found[rest[0]] if what == "member" else found
    if isinstance(node, list):
        return [_decode(value, stand_ins) for value in node]
    return node


def _resolve(name: str) -> Any:
    """The function or class ``module:qualname`` names, if it is defined in one of
    :data:`NAMED_MODULES` (not merely reachable from one: ``licenses:os.system`` is refused)."""
    module, _, qualname = name.partition(":")
    if module not in NAMED_MODULES or (module == "builtins" and qualname not in _BUILTINS):
        raise ValueError(f"{name} is not an object a compiled schema may name")
    found: Any = importlib.import_module(module)
    for part in qualname.split("."):
        found = getattr(found, part)
    if getattr(found, "__module__", None) != module or getattr(found, "__qualname__", None) != qualname:
        raise ValueError(f"{name} is not defined in {module}")
    return found


# --- the cache -------------------------------------------------------------------------------


def cache_path() -> str | None:
    """Where the cache lives: beside this module's bytecode (None where there is none)."""
    try:
        pyc = importlib.util.cache_from_source(__file__)
    except (NotImplementedError, ValueError):
        return None
    return pyc[: -len(".pyc")] + ".validators.json"


def _stamp() -> dict[str, Any]:
    """What the cache is valid for: the versions that shape a core schema, and the model sources."""
    import pydantic_core
    from pydantic.version import VERSION

    from datacard import __version__

    folder = os.path.dirname(os.path.abspath(__file__))
    sources = {}
    for name in sorted(os.listdir(folder)):
        if name.endswith(".py"):
            stat = os.stat(os.path.join(folder, name))
            sources[name] = [stat.st_size, stat.st_mtime_ns]
    return {"format": _FORMAT, "python": sys.version, "datacard": __version__,
            "pydantic": VERSION, "pydantic_core": pydantic_core.__version__, "sources": sources}


def validator(kind: str, path: str | None = None) -> SchemaValidator | None:
    """The compiled validator of a document kind from the cache at ``path`` (default
    :func:`cache_path`), or None when there is no usable cache (then build the models)."""
    if kind not in _validators or path is not None:
        found = _read(kind, path or cache_path())
        if path is not None:
            return found
        _validators[kind] = found
    return _validators[kind]


def _read(kind: str, path: str | None) -> SchemaValidator | None:
    if path is None:
        return None
    try:
        with open(path, encoding="utf-8") as handle:
            cached = json.load(handle)
        if cached.get("stamp") != _stamp():
            return None
        return compile_schema(cached["schemas"][kind])
    except Exception:  # no cache, or one this code cannot use: build the models instead
        return None


def refresh(path: str | None = None) -> bool:
    """Write the cache at ``path`` (default :func:`cache_path`, unless Python writes no bytecode)
    from the models; whether it was written. Builds the models if they are not built yet."""
    target = path or (None if sys.dont_write_bytecode else cache_path())
    if target is None:
        return False
    from datacard.model import KIND_MODELS, model_of

    text = json.dumps({"stamp": _stamp(), "schemas": export({kind: model_of(kind) for kind in KIND_MODELS})})
    temporary = f"{target}.{os.getpid()}.tmp"
    try:
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(temporary, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(temporary, target)  # whole or not at all, whatever another process does
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        return False
    _validators.clear()
    return True


def refresh_once() -> None:
    """:func:`refresh`, once per process: where the cache cannot be written, every file of a
    run would otherwise pay for exporting the schemas again."""
    if not _tried:
        _tried.append(True)
        refresh()
