"""Reading datasheet files: the only module that opens files (with `datacard.yaml12`, its YAML part).

The loader turns bytes into plain Python data (dicts, lists, str, int, float, bool, None) with
YAML 1.2 core-schema meaning (``no`` and ``2017-01`` stay text) and an index of where each key
and value starts, so that any later finding can be placed on the line a person must edit. Every problem in
the file becomes a :class:`~datacard.findings.Finding`; nothing here raises on bad input.
"""

from __future__ import annotations

import dataclasses
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from datacard import codes
from datacard.findings import Finding
from datacard.positions import Positions
from datacard.yaml12 import HAS_LIBYAML, Builder, EventParser, Limits, Stop, bounded_int, dump_yaml

__all__ = [
    "DEFAULT_MAX_BYTES", "DEFAULT_MAX_DEPTH", "DEFAULT_MAX_ITEMS", "DEFAULT_MAX_VALUES",
    "HAS_LIBYAML", "Loaded", "bounded_int", "decode", "dump_yaml",
    "has_front_matter", "load", "load_text", "parse_yaml", "read_bytes", "read_lowered", "source_lines",
    "split_front_matter",
]

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
DEFAULT_MAX_DEPTH = 64
# What one document may hold (DC016). A large real datasheet (a table of 20,000 columns, each
# with a name, a type and a description) holds about 100,000 values; past these limits a file
# is bulk data, and reading it would cost time and memory out of proportion to a check.
DEFAULT_MAX_VALUES = 250_000
DEFAULT_MAX_ITEMS = 100_000
_MARKDOWN_SUFFIXES = (".md", ".markdown")


@dataclass
class Loaded:
    """The result of loading one file: data (or None), where each value is, and the findings."""

    path: str
    data: Any = None
    findings: list[Finding] = field(default_factory=list)
    text: str = ""
    positions: Positions | None = None  # None when the YAML did not parse into a document
    line_offset: int = 0
    body: str | None = None
    body_line: int = 0
    # A card or Croissant file read as a datasheet: "hf" or "croissant" (None for a datasheet).
    source: str | None = None
    # Findings of that conversion that leave a usable datasheet (a section with no home, a value
    # the Hub would refuse): reported with the file's findings, but the data stands.
    notes: list[Finding] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.data is not None and not self.findings

    @property
    def root(self) -> Positions | None:
        """Whether the YAML parsed into a document (its positions); the name older callers use."""
        return self.positions

    def position(self, loc: Sequence[str | int], *, key: bool = False) -> tuple[int, int]:
        """1-based (line, column) of the value at ``loc``, or of its key when ``key`` is set.

        Where ``loc`` runs past what the file holds (a missing key), the position is that of
        the deepest key that exists, which is the line a person would extend. The cost is one
        lookup per element of ``loc``, whatever the size of the file.
        """
        if self.positions is None:
            return 1, 1
        return self.positions.find(loc, key=key)

    def home(self, loc: Sequence[str | int]) -> str | None:
        """Where the answer for ``loc`` belongs in a card or Croissant file read as a datasheet,
        in words ("under `### Curation Rationale`"); None for a datasheet itself."""
        return self.positions.home(loc) if self.positions is not None else None


# --- bytes to text ------------------------------------------------------------------------

_BOMS = (
    (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe\x00\x00", "UTF-32"),
    (b"\xfe\xff", "UTF-16"),
    (b"\xff\xfe", "UTF-16"),
)


_BOM_CODECS = {"UTF-32": "utf-32", "UTF-16": "utf-16"}


def sniff_text(raw: bytes) -> str:
    """Text to judge what a file is by (never to parse): a UTF-16 or UTF-32 file decoded by its
    byte order mark, a UTF-8 mark dropped, bytes that do not decode replaced. The reader then
    reports the encoding (DC003) to the command that reads the file, instead of a walk passing
    over it as no card at all."""
    for bom, name in _BOMS:
        if raw.startswith(bom):
            width = 4 if name == "UTF-32" else 2
            return raw[: len(raw) - len(raw) % width].decode(_BOM_CODECS[name], "replace")
    return raw.decode("utf-8", "replace").removeprefix("\ufeff")


def _line_col(raw: bytes, index: int) -> tuple[int, int]:
    line = raw.count(b"\n", 0, index) + 1
    start = raw.rfind(b"\n", 0, index) + 1
    return line, index - start + 1


def decode(raw: bytes, path: str) -> tuple[str | None, Finding | None]:
    """UTF-8 bytes to text, or a finding that says where the bytes go wrong."""
    for bom, name in _BOMS:
        if raw.startswith(bom):
            return None, codes.ENCODING.finding(
                path, 1, 1, f"the file is {name}; save it as UTF-8"
            )
    nul = raw.find(b"\x00")
    if nul >= 0:
        line, col = _line_col(raw, nul)
        return None, codes.ENCODING.finding(
            path, line, col, "the file contains a NUL byte; it looks binary, not text"
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = _line_col(raw, exc.start)
        byte = raw[exc.start : exc.start + 1].hex()
        return None, codes.ENCODING.finding(
            path, line, col,
            f"byte 0x{byte} is not valid UTF-8; save the file as UTF-8 "
            "(it may be Latin-1 or Windows-1252)",
        )
    return text.removeprefix("\ufeff"), None


# --- front matter -------------------------------------------------------------------------

_FENCE = re.compile(r"^---[ \t]*\r?\n?$")


def split_front_matter(text: str) -> tuple[str, int, str, int] | None:
    """Split Markdown into (yaml, yaml_first_line_index, body, body_first_line_index).

    Line indexes are 0-based. Returns None when the text has no closed front matter block.
    Leading blank lines are allowed, as the Hugging Face Hub allows them.
    """
    lines = text.splitlines(keepends=True)
    start = 0
    while start < len(lines) and not lines[start].strip():
        start += 1
    if start >= len(lines) or not _FENCE.match(lines[start]):
        return None
    for end in range(start + 1, len(lines)):
        if _FENCE.match(lines[end]):
            yaml_text = "".join(lines[start + 1 : end])
            body = "".join(lines[end + 1 :])
            return yaml_text, start + 1, body, end + 1
    return None


# --- parsing ------------------------------------------------------------------------------


def _syntax_finding(exc: yaml.YAMLError, path: str, offset: int, text: str) -> Finding:
    if isinstance(exc, yaml.reader.ReaderError):
        # A character YAML does not allow (a control character), placed by its offset: in
        # bytes of UTF-8 from libyaml, in characters from the pure-Python reader.
        before = text.encode("utf-8")[: exc.position].decode("utf-8", "replace") if HAS_LIBYAML else (
            text[: exc.position])
        line = before.count("\n") + 1 + offset
        col = len(before) - before.rfind("\n")
        char = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "\0")
        return codes.SYNTAX.finding(
            path, line, col, f"YAML syntax: the control character U+{char:04X} is not allowed in YAML; "
            f"remove it, or write it as the escape \\x{char:02x} inside double quotes",
        )
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line = mark.line + 1 + offset if mark is not None else 1 + offset
    col = mark.column + 1 if mark is not None else 1
    problem = getattr(exc, "problem", None) or str(exc)
    context = getattr(exc, "context", None)
    if "maximum nesting depth" in str(problem):
        # libyaml 0.2.6 and later stop at 1,000 levels on their own (reached only when the
        # depth limit is set higher): the same finding as datacard's own depth check.
        return codes.TOO_DEEP.finding(path, line, col, "nesting is too deep; flatten the structure")
    message = f"{context}, {problem}" if context else str(problem)
    hint = _syntax_hint(str(problem), _char_at(text, mark))
    return codes.SYNTAX.finding(path, line, col, f"YAML syntax: {message}{hint}")


def _char_at(text: str, mark: Any) -> str:
    """The character a syntax error points at ("" when unknown)."""
    if mark is None:
        return ""
    lines = text.split("\n", mark.line + 1)
    line = lines[mark.line] if mark.line < len(lines) else ""
    return line[mark.column : mark.column + 1]


def _syntax_hint(problem: str, char: str) -> str:
    if "mapping values are not allowed" in problem:
        return " (a value containing ': ' must be quoted)"
    # libyaml names no character ("found character that cannot start any token"): the text
    # says whether it is a tab. A test of the word "tab" would also match "unacceptable".
    if char == "\t" or "'\\t'" in problem or re.search(r"\btab\b", problem):
        return " (indent with spaces, not tabs)"
    if "could not find expected ':'" in problem:
        return " (a key needs a colon after it, or a long value needs quotes)"
    return ""


def parse_yaml(
    text: str,
    path: str = "<string>",
    *,
    line_offset: int = 0,
    max_depth: int = DEFAULT_MAX_DEPTH,
    max_values: int = DEFAULT_MAX_VALUES,
    max_items: int = DEFAULT_MAX_ITEMS,
) -> Loaded:
    """Parse YAML text into a :class:`Loaded`; never raises on bad input.

    The work is bounded by the limits, not by the text: parsing stops at the first value past
    ``max_values`` (aliases expanded, and at most one per byte of text beyond a small
    allowance), the first list or mapping past ``max_items`` entries, or the first level past
    ``max_depth``.
    """
    loaded = Loaded(path=path, text=text, line_offset=line_offset)
    limits = Limits(max_depth, max_values, max_items, budget=min(len(text) + 10_000, max_values))
    builder = Builder(path, line_offset, limits)
    parser = EventParser(text)
    try:
        data = builder.build(parser)
    except yaml.YAMLError as exc:
        loaded.findings.append(_syntax_finding(exc, path, line_offset, text))
        return loaded
    except Stop as stop:
        loaded.positions = builder.positions
        loaded.findings.extend(builder.findings)
        loaded.findings.append(stop.finding)
        return loaded
    finally:
        parser.dispose()
    if builder.empty:
        loaded.findings.append(codes.EMPTY.finding(
            path, 1 + line_offset, 1,
            "the document is empty; run `datacard init` for a starter datasheet",
        ))
        return loaded
    loaded.positions = builder.positions
    loaded.findings.extend(builder.findings)
    if not isinstance(data, dict):
        line, col = builder.positions.find(())
        kind = "a list" if isinstance(data, list) else "a single value"
        loaded.findings.append(codes.NOT_MAPPING.finding(
            path, line, col, f"the document is {kind}; a datasheet is a mapping such as `name: imdb`",
        ))
        return loaded
    if any(f.code in _DROPPED_VALUE_CODES for f in builder.findings):
        # A rejected value was dropped; validating what is left would report it twice.
        return loaded
    loaded.data = data
    return loaded


# Findings for which the loader drops the value: the data no longer says what the file says.
_DROPPED_VALUE_CODES = frozenset({codes.UNSAFE_TAG.code, codes.TAG_MISMATCH.code, codes.NUMBER_RANGE.code})


def load_text(
    text: str,
    path: str = "<string>",
    *,
    markdown: bool | None = None,
    max_depth: int = DEFAULT_MAX_DEPTH,
) -> Loaded:
    """Load a datasheet (or Markdown with front matter) from text already in memory."""
    if markdown is None:
        markdown = path.lower().endswith(_MARKDOWN_SUFFIXES)
    if not markdown:
        return parse_yaml(text, path, max_depth=max_depth)
    parts = split_front_matter(text)
    if parts is None:
        loaded = Loaded(path=path, text=text, body=text)
        loaded.findings.append(codes.NO_FRONT_MATTER.finding(
            path, 1, 1, "no YAML front matter: start the file with a line `---`, the YAML, "
            "and another line `---`",
        ))
        return loaded
    yaml_text, yaml_line, body, body_line = parts
    loaded = parse_yaml(yaml_text, path, line_offset=yaml_line, max_depth=max_depth)
    loaded.text = text
    loaded.body = body
    loaded.body_line = body_line + 1
    return loaded


def read_bytes(path: str | os.PathLike[str], max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[bytes | None, Finding | None]:
    """The file's bytes, or a finding when it cannot be read or is over the limit."""
    name = str(path)
    try:
        size = os.stat(path).st_size
        if size > max_bytes:
            return None, codes.TOO_LARGE.finding(
                name, 1, 1,
                f"the file has {size:,} bytes, over the limit of {max_bytes:,}; "
                "raise it with --max-bytes if this really is a datasheet",
            )
        with open(path, "rb") as handle:
            raw = handle.read(max_bytes + 1)
    except IsADirectoryError:
        return None, codes.UNREADABLE.finding(name, 0, 0, "this is a directory, not a file")
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        return None, codes.UNREADABLE.finding(name, 0, 0, f"cannot read the file: {reason}")
    if len(raw) > max_bytes:  # grew while we read it
        return None, codes.TOO_LARGE.finding(
            name, 1, 1, f"the file is over the limit of {max_bytes:,} bytes"
        )
    return raw, None


def load(
    path: str | os.PathLike[str],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_depth: int = DEFAULT_MAX_DEPTH,
    display: str | None = None,
) -> Loaded:
    """Load one datasheet file (YAML, or Markdown with YAML front matter); a Hugging Face
    dataset card or a Croissant file is read as the datasheet it converts to.

    ``display`` is the path to print in findings (defaults to ``path`` as given).
    """
    name = display if display is not None else str(path)
    raw, problem = read_bytes(path, max_bytes)
    if problem is not None or raw is None:
        loaded = Loaded(path=name)
        if problem is not None:
            loaded.findings.append(_with_path(problem, name))
        return loaded
    text, problem = decode(raw, name)
    if problem is not None or text is None:
        loaded = Loaded(path=name)
        if problem is not None:
            loaded.findings.append(problem)
        return loaded
    from datacard.kinds import converted_format

    fmt = converted_format(str(path), text)
    if fmt is not None:
        from datacard.interop.foreign import converted

        return converted(fmt, text, name)
    return load_text(
        text, name, markdown=Path(str(path)).suffix.lower() in _MARKDOWN_SUFFIXES,
        max_depth=max_depth,
    )


def _with_path(finding: Finding, path: str) -> Finding:
    if finding.path == path:
        return finding
    return dataclasses.replace(finding, path=path)


def source_lines(path: str | os.PathLike[str], max_bytes: int = DEFAULT_MAX_BYTES) -> list[str]:
    """The file's lines, for quoting in reports; empty when it cannot be read as text."""
    raw, _ = read_bytes(path, max_bytes)
    return raw.decode("utf-8", "replace").splitlines() if raw is not None else []


def has_front_matter(path: str | os.PathLike[str]) -> bool:
    """Whether a Markdown file starts with a `---` fence, judged from its first bytes only.

    Most Markdown files in a repository are not cards; this keeps the linter from parsing them.
    """
    try:
        with open(path, "rb") as handle:
            head = handle.read(512)
    except OSError:
        return False
    return sniff_text(head).lstrip().startswith("---")


def read_lowered(path: str | os.PathLike[str], max_bytes: int = DEFAULT_MAX_BYTES) -> str | None:
    """The file's text in lower case, undecodable bytes replaced: for indexing words, not parsing."""
    raw, _ = read_bytes(path, max_bytes)
    return raw.decode("utf-8", "replace").lower() if raw is not None else None
