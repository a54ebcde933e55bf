"""Datasheets as the linter sees them, and the index that resolves references to them.

Each file is loaded and validated once per run (by real path), whatever number of references
reach it, so linting N files costs N loads. Names and identifiers are indexed lazily: the
index walks the project only when a reference names a dataset rather than a path.
"""

from __future__ import annotations

import marshal
import os
import re
import zlib
from array import array
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from datacard.context import NEEDS, Gap, Need, gaps
from datacard.context.location import EACH
from datacard.findings import Finding
from datacard.kinds import MARKDOWN_SUFFIXES, hub_ids
from datacard.load import DEFAULT_MAX_BYTES, Loaded, load, read_lowered
from datacard.positions import Positions


@dataclass
class Sheet:
    """One loaded `*.datacard.yaml` (a datasheet or a training manifest).

    Once linted, a datasheet is :meth:`released`: a lint run over thousands of datasheets keeps
    each one for the references that reach it, and its parsed data and position index cost ten
    times its text. It then keeps its data packed (unpacked when asked for), the positions of its
    gaps (any other is found by parsing its text again, kept compressed), and what lineage worked
    out about it.
    """

    path: str  # as displayed in findings
    real: str
    loaded: Loaded
    kind: str | None  # "datasheet", "training", or None when the file did not load
    held: dict[str, Any] | None  # the validated data (see `data`), None when invalid
    findings: list[Finding] = field(default_factory=list)  # loading and schema findings
    needs: tuple[Need, ...] = NEEDS
    aliases: list[str] = field(default_factory=list)  # the Hub ids a card's place gives it
    _gaps: list[Gap] | None = None
    # What the linter works out about this datasheet once per run, however many references reach
    # it: its resolved sources, its lineage, its gaps by group (see datacard.lint.lineage).
    memo: dict[Any, Any] = field(default_factory=dict, repr=False, compare=False)
    _packed: bytes | None = field(default=None, repr=False, compare=False)

    @property
    def data(self) -> dict[str, Any] | None:
        """The validated data, None when invalid."""
        if self._packed is None:
            return self.held
        return _unpacked(self)

    @property
    def name(self) -> str:
        named = self.memo.get("name")
        if named is None:
            data = self.loaded.data
            named = str(data["name"]) if isinstance(data, dict) and isinstance(data.get("name"), str) else (
                os.path.basename(self.path).split(".")[0])
            self.memo["name"] = named
        return str(named)

    @property
    def valid(self) -> bool:
        return self.held is not None or self._packed is not None

    def gaps(self) -> list[Gap]:
        if self._gaps is None:
            data = self.data
            self._gaps = gaps(data, self.needs) if data is not None else []
        return self._gaps

    def release(self) -> None:
        """Keep this datasheet compactly from now on (see the class): its data packed, the
        positions of its gaps, its text. A YAML datasheet is released, valid or not (an invalid
        one keeps its text alone: lineage reads nothing else of it); a training manifest is not."""
        loaded = self.loaded
        if (self.kind == "training" or loaded.positions is None or isinstance(loaded.positions, _Pinned)
                or loaded.source is not None or loaded.body is not None or loaded.line_offset):
            return
        places = tuple(dict.fromkeys(_place(gap.at.parts) for gap in self.gaps()))
        pins = array("i", (n for loc in places for key in (False, True) for n in loaded.position(loc, key=key)))
        self.memo.setdefault("name", self.name)
        if self.held is not None:
            self._packed = zlib.compress(marshal.dumps(self.held), 1)
            self.held = None
        self.loaded = Loaded(path=loaded.path, findings=loaded.findings, notes=loaded.notes,
                             positions=_Pinned(places, pins, zlib.compress(loaded.text.encode("utf-8"), 1),
                                               loaded.path))

    def names(self) -> list[str]:
        """Every name a reference may use for this datasheet, lowercased."""
        data = self.loaded.data if isinstance(self.loaded.data, dict) else {}
        out = [self.name.lower()]
        # The data may be invalid (`identifiers: 1`): validation reports it; the index must not fail.
        identifiers = data.get("identifiers")
        for ident in identifiers if isinstance(identifiers, list) else []:
            if isinstance(ident, str):
                out.extend(reference_keys(ident))
        return out + [alias.lower() for alias in self.aliases]


_last: list[Any] = [None, None]  # the sheet whose data was unpacked last, and that data


def _unpacked(sheet: Sheet) -> dict[str, Any]:
    """A released sheet's data; the rules that read a referenced datasheet read it a few times
    in a row, so the last one unpacked is kept."""
    if _last[0] is not sheet:
        assert sheet._packed is not None
        _last[0], _last[1] = sheet, marshal.loads(zlib.decompress(sheet._packed))
    data: dict[str, Any] = _last[1]
    return data


def _place(parts: tuple[Any, ...]) -> tuple[Any, ...]:
    """A gap's place as Location.position asks for it (the tuple itself when it is the same)."""
    return parts if EACH not in parts else tuple(p for p in parts if p != EACH)


class _Pinned(Positions):
    """The positions a released datasheet keeps: those of its gaps (lineage's findings point at
    them), as (line, column) of the value then of the key for each place, in one array (a
    dictionary of tuples cost a kilobyte a datasheet); another is found by parsing its text
    again, once."""

    __slots__ = ("_full", "_path", "_pins", "_places", "_text")

    def __init__(self, places: tuple[tuple[Any, ...], ...], pins: array[int], text: bytes, path: str) -> None:
        super().__init__()
        self._places, self._pins, self._text, self._path = places, pins, text, path
        self._full: Positions | None = None

    def find(self, loc: Sequence[str | int], *, key: bool = False) -> tuple[int, int]:
        wanted = tuple(loc)
        for number, place in enumerate(self._places):  # a datasheet has a few gaps
            if place == wanted:
                at = 4 * number + (2 if key else 0)
                return self._pins[at], self._pins[at + 1]
        return self._parsed().find(loc, key=key)

    def home(self, loc: Sequence[str | int]) -> str | None:
        return self._parsed().home(loc)

    def _parsed(self) -> Positions:
        if self._full is None:
            from datacard.load import parse_yaml

            self._full = parse_yaml(zlib.decompress(self._text).decode("utf-8"), self._path).positions or Positions()
        return self._full


# Words as YAML writes names and identifiers: slugs, `hf:owner/name`, URLs.
_WORD = re.compile(r"\w[\w./:@+-]*")
_HF_URL = ("https://huggingface.co/datasets/", "http://huggingface.co/datasets/")


def reference_keys(ref: str) -> list[str]:
    """A reference or identifier and its short forms: `hf:imdb` is also `imdb`."""
    text = ref.strip().lower()
    out = [text]
    for prefix in ("hf:", "huggingface:", *_HF_URL):
        if text.startswith(prefix):
            out.append(text[len(prefix):].strip("/"))
    return out


def card_aliases(path: str) -> list[str]:
    """The names a Markdown file answers to by its place, should it be a dataset card (a model
    card's `datasets: [imdb]` is the card in `imdb/README.md`), lowercased."""
    if not path.lower().endswith(MARKDOWN_SUFFIXES):
        return []
    return [ident.lower() for ident in hub_ids(path)]


def display_path(real: str, root: str | None = None) -> str:
    """``real`` relative to the working directory when it lies there or in the project (run
    from a subdirectory, ``../data/x.datacard.yaml``); absolute when it lies outside both."""
    try:
        rel = os.path.relpath(real)
    except ValueError:  # another drive on Windows
        return real
    if not rel.startswith(os.pardir):
        return rel
    if root is not None and _inside(real, root) and _inside(os.path.realpath(os.curdir), root):
        return rel
    return real


def _inside(path: str, folder: str) -> bool:
    try:
        return os.path.commonpath([path, folder]) == folder
    except ValueError:  # another drive on Windows
        return False


class Index:
    """Loads datasheets once and finds them by path, name, identifier or configured id."""

    def __init__(
        self,
        root: str,
        dataset_map: dict[str, str] | None = None,
        *,
        max_bytes: int = DEFAULT_MAX_BYTES,
        listing: Callable[[], list[str]] | None = None,
        allowed: Callable[[str], bool] | None = None,
        needs: tuple[Need, ...] = NEEDS,
    ) -> None:
        self.needs = needs  # the context every datasheet must give (defaults and the project's)
        self.root = os.path.realpath(root)
        # A mapped id answers to its short forms too, as identifiers do (`hf:imdb` maps `imdb`);
        # an id written out in the map wins over another's short form.
        self.dataset_map: dict[str, str] = {}
        for given, target in (dataset_map or {}).items():
            full, *short = reference_keys(given)
            self.dataset_map[full] = target
            for key in short:
                self.dataset_map.setdefault(key, target)
        self.max_bytes = max_bytes
        self.by_real: dict[str, Sheet] = {}
        self.listing = listing  # the project's datasheets, as its file selection finds them
        self._allowed = allowed  # where references may lead: the project (and allow-outside-root)
        self._tokens: dict[str, list[str]] | None = None
        self._by_name: dict[str, dict[str, Sheet]] = {}  # every loaded datasheet, by its names
        self._reals: dict[str, str] = {}  # path as referenced -> real path, resolved once per run
        self._named: dict[str, str] = {}  # real path -> the path the run's selection names it by

    def real(self, path: str) -> str:
        """``os.path.realpath(path)``, once per run and path: lineage asks for the same sources
        from every datasheet and reference that reaches them. ValueError for a NUL byte."""
        found = self._reals.get(path)
        if found is None:
            found = self._reals[path] = os.path.realpath(path)
        return found

    def name_paths(self, paths: list[str]) -> None:
        """Findings in these files, loaded now or when a reference first reaches them, show them
        by these paths (as the run's selection names them)."""
        for path in paths:
            try:
                self._named.setdefault(self.real(path), path)
            except ValueError:  # a NUL byte: the file is reported when it is read
                continue

    def allows(self, path: str) -> bool:
        """Whether a reference may lead to ``path``: a file of the run (named by the user), or one
        inside the project root or a folder of `allow-outside-root`."""
        try:
            real = self.real(path)
        except ValueError:  # a NUL byte in the path
            return False
        if real in self.by_real:
            return True
        return self._allowed(real) if self._allowed is not None else _inside(real, self.root)

    def sheet(self, path: str, display: str | None = None) -> Sheet | None:
        """The datasheet at ``path`` (loaded on first use), or None if there is no such file."""
        try:
            real = self.real(path)
        except ValueError:  # a NUL byte in the path: no such file can exist
            return None
        found = self.by_real.get(real)
        if found is not None:
            return found
        if not os.path.isfile(real):
            return None
        from datacard.validate import validate_loaded

        shown = display or self._named.get(real) or display_path(real, self.root)
        loaded = load(real, max_bytes=self.max_bytes, display=shown)
        instance, report = validate_loaded(loaded)
        kind = None
        if isinstance(loaded.data, dict):
            raw_kind = loaded.data.get("kind", "datasheet")
            kind = raw_kind if isinstance(raw_kind, str) else None
        # A card read as a datasheet is judged when it converts, whatever its notes say.
        data = loaded.data if instance is not None else None
        sheet = Sheet(loaded.path, real, loaded, kind, data, report.findings, self.needs,
                      card_aliases(path) if loaded.source == "hf" else [])
        self.by_real[real] = sheet
        for name in sheet.names():
            self._by_name.setdefault(name, {})[real] = sheet
        return sheet

    def _token_index(self) -> dict[str, list[str]]:
        """Word -> datasheet files of the project whose text holds it; built once, on first need.

        A datasheet can only be named `imdb` if its text holds the word `imdb` (or `hf:imdb`), so
        a lookup parses the few files that hold the word, not every datasheet of the project.
        """
        if self._tokens is None:
            if self.listing is None:
                from datacard.project import resolve_project

                self.listing = resolve_project([self.root], isolated=True).datasheet_files
            self._tokens = {}
            for path in self.listing():
                text = read_lowered(path, self.max_bytes)
                if text is None:
                    continue
                words = {word.rstrip("./:@+-") for word in _WORD.findall(text)} | set(card_aliases(path))
                for token in {key for word in words for key in reference_keys(word)}:
                    self._tokens.setdefault(token, []).append(path)
        return self._tokens

    def _matches(self, key: str) -> list[Sheet]:
        """Datasheets whose name or one of whose identifiers is ``key``."""
        for path in self._token_index().get(key, []):
            self.sheet(path)
        found = self._by_name.get(key, {})
        return [sheet for sheet in found.values() if sheet.kind == "datasheet"]

    def lookup(self, ref: str) -> tuple[Sheet | None, list[Sheet], str | None]:
        """(sheet, other candidates, configured path) for a dataset name or identifier.

        A name that the `[tool.datacard.datasets]` map names wins over the index; a name that
        several datasheets claim resolves to none of them, and the candidates are returned.
        """
        for key in reference_keys(ref):
            mapped = self.dataset_map.get(key)
            if mapped is not None:
                # A map entry is a reference too: it may not lead out of the project.
                return (self.sheet(mapped) if self.allows(mapped) else None), [], mapped
        for key in reference_keys(ref):
            bucket = self._matches(key)
            if len(bucket) == 1:
                return bucket[0], [], None
            if len(bucket) > 1:
                return None, bucket, None
        return None, [], None
