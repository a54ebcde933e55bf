"""DVC pipelines: walk back from each model output through stage dependencies to its data.

A `meta: {datacard: PATH}` on a stage output, on an artifact, or in a `.dvc` file links that
data to its datasheet. `dvc.lock` pins what each stage read: a dependency with a hash there
counts as a pinned revision.
"""

from __future__ import annotations

import os
import posixpath
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from datacard.lint.training import Ref, Setup
from datacard.load import Loaded

_MODEL_SUFFIXES = (
    ".pkl", ".pickle", ".joblib", ".pt", ".pth", ".bin", ".onnx", ".h5", ".keras",
    ".safetensors", ".ckpt", ".model", ".gguf",
)
_CODE_SUFFIXES = (".py", ".r", ".sh", ".ipynb", ".jl", ".sql", ".js", ".ts", ".scala", ".java")
_CODE_DIRS = ("src", "scripts", "code", "lib", "bin")
_HASH_KEYS = ("md5", "etag", "checksum", "version_id", "rev_lock")


@dataclass(frozen=True)
class _Out:
    stage: str
    loc: tuple[str | int, ...]
    meta: dict[str, Any]


def _norm(path: str) -> str:
    return posixpath.normpath(path.replace("\\", "/")).removeprefix("./")


def _entry(item: Any) -> tuple[str | None, dict[str, Any]]:
    """A deps/outs item is `path` or `{path: {options}}`."""
    if isinstance(item, str):
        return item, {}
    if isinstance(item, dict) and len(item) == 1:
        path, options = next(iter(item.items()))
        return str(path), options if isinstance(options, dict) else {}
    return None, {}


def _is_code(path: str) -> bool:
    lowered = path.lower()
    return lowered.endswith(_CODE_SUFFIXES) or lowered.split("/", 1)[0] in _CODE_DIRS


def _is_model(path: str) -> bool:
    base = posixpath.basename(path).lower()
    return base.endswith(_MODEL_SUFFIXES) or "model" in base


def _mapping(value: Any) -> dict[Any, Any]:
    """``value`` if it is a mapping; a malformed pipeline is read as far as it makes sense."""
    return value if isinstance(value, dict) else {}


def _lock_hashes(lock: Any) -> dict[tuple[str, str], str]:
    """(stage, dependency path) -> hash recorded in dvc.lock."""
    out: dict[tuple[str, str], str] = {}
    for stage, body in _mapping(_mapping(lock).get("stages")).items():
        deps = body.get("deps") if isinstance(body, dict) else None
        for dep in deps if isinstance(deps, list) else []:
            if isinstance(dep, dict) and isinstance(dep.get("path"), str):
                value = next((dep[k] for k in _HASH_KEYS if dep.get(k)), None)
                if value is not None:
                    out[(str(stage), _norm(dep["path"]))] = str(value)
    return out


class _Pipeline:
    def __init__(self, loaded: Loaded, lock: Any, read_meta: Callable[[str], dict[str, Any]]) -> None:
        self.loaded = loaded
        self.data: dict[str, Any] = loaded.data
        self.base = os.path.dirname(os.path.abspath(loaded.path))
        self.hashes = _lock_hashes(lock)
        self.read_meta = read_meta
        self.stages: dict[str, dict[str, Any]] = {
            str(k): v for k, v in _mapping(self.data.get("stages")).items() if isinstance(v, dict)
        }
        self.producers: dict[str, _Out] = {}
        for name, body in self.stages.items():
            outs = body.get("outs")
            for i, item in enumerate(outs if isinstance(outs, list) else []):
                path, options = _entry(item)
                if path:
                    meta = options.get("meta")
                    loc: tuple[str | int, ...] = ("stages", name, "outs", i)
                    if isinstance(item, dict):
                        loc = (*loc, path)  # `- path: {meta: ...}`: options sit under the path key
                    self.producers[_norm(path)] = _Out(name, loc, meta if isinstance(meta, dict) else {})
        self.artifacts: dict[str, tuple[str, dict[str, Any]]] = {}
        for name, body in _mapping(self.data.get("artifacts")).items():
            if isinstance(body, dict) and isinstance(body.get("path"), str):
                self.artifacts[_norm(body["path"])] = (str(name), body)

    def producer(self, path: str) -> _Out | None:
        """The stage output that is ``path`` or contains it."""
        probe = path
        while probe and probe != ".":
            if probe in self.producers:
                return self.producers[probe]
            probe = posixpath.dirname(probe)
        return None

    def link(self, path: str, out: _Out | None) -> tuple[str, tuple[str | int, ...]] | None:
        """(datasheet path relative to the pipeline, location of the link) for data at ``path``."""
        if out is not None and isinstance(out.meta.get("datacard"), str):
            return out.meta["datacard"], (*out.loc, "meta", "datacard")
        if path in self.artifacts:
            name, body = self.artifacts[path]
            meta = body.get("meta")
            if isinstance(meta, dict) and isinstance(meta.get("datacard"), str):
                return meta["datacard"], ("artifacts", name, "meta", "datacard")
        meta = self.read_meta(os.path.join(self.base, path + ".dvc"))
        if isinstance(meta.get("datacard"), str):
            linked = posixpath.join(posixpath.dirname(path), meta["datacard"])
            return linked, ()
        return None

    def models(self) -> list[tuple[str, str, tuple[str | int, ...]]]:
        """(name, path, location) of each model output."""
        found: list[tuple[str, str, tuple[str | int, ...]]] = [
            (name, path, ("artifacts", name))
            for path, (name, body) in self.artifacts.items() if body.get("type") == "model"
        ]
        if found:
            return found
        return [(path, path, out.loc) for path, out in self.producers.items() if _is_model(path)]

    def setup(self, name: str, path: str, loc: tuple[str | int, ...]) -> Setup:
        line, col = self.loaded.position(loc, key=True)
        setup = Setup("dvc", self.loaded.path, name, line, col, loaded=self.loaded,
                      data_field="stage deps")
        start = self.producer(path)
        if start is None:
            return setup
        self._walk(start.stage, setup, path)
        return setup

    def _deps(self, stage: str) -> Iterator[tuple[int, Any]]:
        deps = self.stages.get(stage, {}).get("deps")
        return enumerate(deps if isinstance(deps, list) else [])

    def _walk(self, start: str, setup: Setup, target: str) -> None:
        """Depth first through the stages that produce each dependency, each stage once.

        With an explicit stack: a pipeline of a thousand chained stages is a thousand levels.
        """
        seen = {start}
        stack = [(start, self._deps(start))]
        while stack:
            stage, deps = stack[-1]
            for i, item in deps:
                path, _ = _entry(item)
                if not path:
                    continue
                dep = _norm(path)
                if _is_code(dep) or dep == target:
                    continue
                out = self.producer(dep)
                link = self.link(dep, out)
                if link is None and out is not None:
                    if out.stage not in seen:
                        seen.add(out.stage)
                        stack.append((out.stage, self._deps(out.stage)))
                        break  # this stage's remaining deps come after the producer's
                    continue
                self._add_ref(setup, stage, i, dep, link)
            else:
                stack.pop()

    def _add_ref(self, setup: Setup, stage: str, i: int, dep: str,
                 link: tuple[str, tuple[str | int, ...]] | None) -> None:
        dep_loc: tuple[str | int, ...] = ("stages", stage, "deps", i)
        revision = self.hashes.get((stage, dep))
        if link is None:
            loc = ("artifacts", self.artifacts[dep][0], "path") if dep in self.artifacts else dep_loc
            line, col = self.loaded.position(loc)
            setup.refs.append(Ref("unlinked", dep, self.loaded.path, line, col, self.base,
                                  revision=revision, field=None))
            return
        target_path, link_loc = link
        line, col = self.loaded.position(link_loc or dep_loc)
        setup.refs.append(Ref("datacard", target_path, self.loaded.path, line, col, self.base,
                              revision=revision, field=".".join(map(str, link_loc or dep_loc))))


def dvc_setups(loaded: Loaded, lock: Any, read_meta: Callable[[str], dict[str, Any]]) -> list[Setup]:
    """One setup per model output of the pipeline in ``loaded`` (a dvc.yaml)."""
    if not isinstance(loaded.data, dict):
        return []
    pipeline = _Pipeline(loaded, lock, read_meta)
    return [pipeline.setup(name, path, loc) for name, path, loc in pipeline.models()]
