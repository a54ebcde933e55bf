"""What a file is, and which kinds of file each command reads.

A directory walk decides by name alone (cheap); a file named on the command line, or a Markdown
or JSON file a command may want, is looked at more closely: the keys of its front matter, the
`@context` of its JSON-LD. When a command is given a file it cannot read, :func:`wrong_kind`
says what the file is and which command reads it; that sentence lives here and nowhere else.
"""

from __future__ import annotations

import enum
import json
import os
import re
import shlex
import stat
from dataclasses import dataclass


class Kind(str, enum.Enum):
    DATACARD = "datacard"  # *.datacard.yaml|yml: a datasheet or a training manifest
    YAML = "yaml"  # another YAML file; read as a datasheet when named
    MARKDOWN_DATASHEET = "markdown-datasheet"  # a datasheet in Markdown front matter
    MODEL_CARD = "model-card"  # a Hugging Face model card
    SPACE_CARD = "space-card"  # a Hugging Face Space's README.md: it configures an app
    DATASET_CARD = "dataset-card"  # a Hugging Face dataset card
    MARKDOWN = "markdown"  # Markdown with no front matter, or front matter of no known kind
    DVC = "dvc"  # dvc.yaml
    DVC_LOCK = "dvc-lock"  # dvc.lock
    CROISSANT = "croissant"  # Croissant JSON-LD
    JSON = "json"  # other JSON
    DATA = "data"  # tables: CSV, Parquet, JSON Lines, ...
    OTHER = "other"


DATASHEET_SUFFIXES = (".datacard.yaml", ".datacard.yml")
DATASHEET_PATTERNS = tuple(f"*{s}" for s in DATASHEET_SUFFIXES)
MARKDOWN_SUFFIXES = (".md", ".markdown")
_MARKDOWN = MARKDOWN_SUFFIXES
_YAML = (".yaml", ".yml")
_JSON = (".json", ".jsonld")
_DATA = (".csv", ".tsv", ".parquet", ".pq", ".jsonl", ".ndjson", ".arrow", ".feather", ".avro", ".orc",
         ".csv.gz", ".jsonl.gz", ".xlsx")

# Front matter keys that say what a Markdown file describes (the Hub's card metadata).
MODEL_KEYS = frozenset({"datasets", "model-index", "model_index", "pipeline_tag", "library_name", "base_model",
                        "metrics", "widget", "inference", "co2_eq_emissions", "model_name"})
DATASET_CARD_KEYS = frozenset({
    "dataset_info", "task_categories", "configs", "pretty_name", "size_categories",
    "source_datasets", "annotations_creators",
})
# Keys that only dataset cards carry, next to ones (license, language, tags) that any card may.
_CARD_KEYS = DATASET_CARD_KEYS | {
    "language_creators", "multilinguality", "task_ids", "paperswithcode_id", "train-eval-index",
    "license", "licenses", "licence", "language", "languages", "tags", "viewer", "license_name",
    "license_details", "language_details", "language_bcp47",
}
# Croissant's vocabularies: `cr` since 1.0, `ml` in the drafts before it.
_CROISSANT_CONTEXTS = ("http://mlcommons.org/croissant", "https://mlcommons.org/croissant",
                       "http://mlcommons.org/schema", "https://mlcommons.org/schema")
_TOP_KEY = re.compile(r"""^(["']?)([^\s:#"'{}\[\],&*!|>%@`-][^:#"']*?|[\w-]+)\1[ \t]*:(?:[ \t]|$)""")


# A Space's README.md says which SDK runs the app; it may also carry `license`, `tags`, `datasets`.
SPACE_KEYS = frozenset({"sdk"})


def is_model_card(keys: set[str] | frozenset[str]) -> bool:
    """Front matter keys that describe a model, not a dataset (nor a Space that uses one)."""
    return bool(keys & MODEL_KEYS) and not keys & (DATASET_CARD_KEYS | SPACE_KEYS)


# A folder of cards saved one per file names each `<owner>__<name>.md` (the Hub id with its `/`
# written as two underscores, since a file name cannot hold a slash).
_SAVED_CARD = re.compile(r"^([A-Za-z0-9][\w.-]*?)__([A-Za-z0-9][\w.-]*)$")


def hub_ids(path: str) -> list[str]:
    """The Hugging Face ids a card's place gives it, the full one first: `owner/name`, `name`.

    A card is its repository's `README.md`, so its folder names the repository and the folder
    above that may name the owner; a card saved as `<owner>__<name>.md` names both. Any other
    file is named by its stem. Model cards name their training data (and base models) by these.
    """
    stem = os.path.splitext(os.path.basename(path))[0]
    if stem.lower() == "readme":
        folder = os.path.dirname(os.path.abspath(path))
        name, owner = os.path.basename(folder), os.path.basename(os.path.dirname(folder))
        if not name:
            return []
        return [f"{owner}/{name}", name] if owner else [name]
    saved = _SAVED_CARD.match(stem)
    return [f"{saved.group(1)}/{saved.group(2)}", saved.group(2)] if saved else [stem]


def kind_by_name(path: str) -> Kind:
    """The kind a file's name says, without reading it."""
    return kind_of_name(os.path.basename(path))


def kind_of_name(name: str) -> Kind:
    """:func:`kind_by_name` for a bare file name (a walk asks this of every entry)."""
    name = name.lower()
    if name.endswith(DATASHEET_SUFFIXES):
        return Kind.DATACARD
    if name == "dvc.yaml":
        return Kind.DVC
    if name == "dvc.lock":
        return Kind.DVC_LOCK
    if name.endswith(_YAML):
        return Kind.YAML
    if name.endswith(_MARKDOWN):
        return Kind.MARKDOWN
    if name.endswith(_JSON):
        return Kind.JSON
    if name.endswith(_DATA):
        return Kind.DATA
    return Kind.OTHER


def front_matter_keys(text: str) -> set[str] | None:
    """The top-level keys of Markdown front matter (None: the text has none).

    Read from the lines, not parsed: a card with broken YAML is still recognised as a card.
    """
    from datacard.load import split_front_matter

    parts = split_front_matter(text)
    if parts is not None:
        block = parts[0]
    else:
        # An opening fence that is never closed still says what the file meant to be; the
        # loader then reports the missing fence (DC012) to the command that reads it.
        opened = text.lstrip("\r\n")
        if not opened.startswith("---"):
            return unfenced_keys(opened)
        block = opened.partition("\n")[2]
    keys = set()
    for line in block.splitlines():
        match = _TOP_KEY.match(line)
        if match:
            keys.add(match.group(2).strip())
    return keys


def unfenced_metadata(text: str) -> tuple[str, int, str, int] | None:
    """Card metadata written at the top without its `---` lines, split as
    :func:`datacard.load.split_front_matter` splits fenced metadata: (yaml, its first line's
    0-based index, body, the body's first line's index); None when the top is not card metadata.
    The block runs to the first blank line or heading. The file is known to be a card here, so
    two keys that any card may carry (license, language) are enough."""
    lines = text.splitlines(keepends=True)
    start = 0
    while start < len(lines) and not lines[start].strip():
        start += 1
    end = start
    while end < len(lines) and lines[end].strip() and not lines[end].startswith("#"):
        end += 1
    block = "".join(lines[start:end])
    if len(_keys_at_top(block) & (_CARD_KEYS | MODEL_KEYS)) < 2:
        return None
    return block, start, "".join(lines[end:]), end


def unfenced_keys(text: str) -> set[str] | None:
    """Card metadata written at the top without its `---` lines (it happens): the keys, when at
    least two are a card's own; the loader then reports the missing fences."""
    keys = _keys_at_top(text)
    return keys if len(keys & (DATASET_CARD_KEYS | MODEL_KEYS)) >= 2 else None


def _keys_at_top(text: str) -> set[str]:
    """The top-level keys of the lines before the first blank line or heading."""
    keys = set()
    for line in text.splitlines()[:200]:
        if not line.strip() or line.startswith("#"):
            break
        match = _TOP_KEY.match(line)
        if match:
            keys.add(match.group(2).strip())
    return keys


# The titles the Hub's card templates give every dataset card and every model card.
_CARD_TITLE = re.compile(r"^#[ \t]+Dataset Card for\b", re.MULTILINE | re.IGNORECASE)
_MODEL_TITLE = re.compile(r"^#[ \t]+Model Card for\b", re.MULTILINE | re.IGNORECASE)


def markdown_text_kind(text: str) -> Kind:
    """The kind of a Markdown text: by its front matter keys, or, with no metadata at all, a
    dataset card by the title the Hub's templates give it (`# Dataset Card for ...`). Metadata
    that any card may hold (license, language, tags) under a `# Model Card for` title is a
    model card's."""
    keys = front_matter_keys(text)
    kind = markdown_kind(keys)
    if kind is Kind.MARKDOWN and _CARD_TITLE.search(text[:20_000]):
        return Kind.DATASET_CARD
    if kind is Kind.DATASET_CARD and not (keys or set()) & DATASET_CARD_KEYS and _MODEL_TITLE.search(text[:20_000]):
        return Kind.MODEL_CARD
    return kind


def markdown_kind(keys: set[str] | None) -> Kind:
    if not keys:
        return Kind.MARKDOWN
    if "schema_version" in keys:
        return Kind.MARKDOWN_DATASHEET
    if keys & SPACE_KEYS:
        return Kind.SPACE_CARD
    if is_model_card(keys):
        return Kind.MODEL_CARD
    if keys & _CARD_KEYS:
        return Kind.DATASET_CARD
    return Kind.MARKDOWN


def json_kind(text: str) -> Kind:
    try:
        doc = json.loads(text)
    except RecursionError:
        # Nested past what the parser follows: judged by its words, so that a Croissant file
        # reaches its reader, which reports the nesting, instead of crashing here.
        head = text[:65_536]
        return Kind.CROISSANT if any(c in head for c in _CROISSANT_CONTEXTS) else Kind.JSON
    except ValueError:
        return Kind.JSON
    if isinstance(doc, list) and len(doc) == 1:
        doc = doc[0]  # some exporters wrap the one dataset in a list
    context = doc.get("@context") if isinstance(doc, dict) else None
    found: list[str] = []
    _strings(context, found)
    return Kind.CROISSANT if any(s.startswith(_CROISSANT_CONTEXTS) for s in found) else Kind.JSON


def _strings(value: object, out: list[str], depth: int = 0) -> None:
    if depth > 4:
        return
    if isinstance(value, str):
        out.append(value)
    elif isinstance(value, dict):
        for item in value.values():
            _strings(item, out, depth + 1)
    elif isinstance(value, list):
        for item in value:
            _strings(item, out, depth + 1)


def classify(path: str, max_bytes: int, *, named: bool = False) -> Kind:
    """The kind of ``path``, looking inside Markdown and JSON files when they are regular files.

    A walk reads only Markdown that starts with `---`; a file ``named`` on the command line is
    read whole, so that card metadata written without its fences is still a card. A pipe or a
    device is never read here: reading would consume or block it.
    """
    kind = kind_by_name(path)
    if kind not in (Kind.MARKDOWN, Kind.JSON) or not _regular(path):
        return kind
    from datacard.load import decode, has_front_matter, read_bytes, sniff_text

    if kind is Kind.MARKDOWN and not named and not has_front_matter(path):
        return Kind.MARKDOWN
    raw, _ = read_bytes(path, max_bytes)
    if raw is None:
        return kind
    # A byte that is not UTF-8 (a Latin-1 é in a value), or a UTF-16 file, does not change what
    # the file is: judged on the text as sniff_text reads it, the card is read, and its reader
    # reports the encoding (DC003), instead of the walk passing over it as no card at all.
    text = decode(raw, path)[0] or sniff_text(raw)
    return markdown_text_kind(text) if kind is Kind.MARKDOWN else json_kind(text)


def converted_format(path: str, text: str) -> str | None:
    """"hf" for a Hugging Face dataset card, "croissant" for a Croissant file: files that every
    command reads as the datasheet they convert to (None for anything else)."""
    name = path.lower()
    if name.endswith(_MARKDOWN):
        return "hf" if markdown_text_kind(text) is Kind.DATASET_CARD else None
    if name.endswith(_JSON):
        return "croissant" if json_kind(text) is Kind.CROISSANT else None
    return None


def _regular(path: str) -> bool:
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except (OSError, ValueError):
        return False


@dataclass(frozen=True)
class Reads:
    """The kinds of file a command reads: what a walk collects, and what a named file may be."""

    command: str
    what: str  # for messages: "datasheets and training manifests"
    walk: frozenset[Kind]
    named: frozenset[Kind]


# A named file of no other known kind is handed to the loader, which says what is wrong with it.
# Hugging Face dataset cards and Croissant files are read as the datasheets they convert to.
_CONVERTED = frozenset({Kind.DATASET_CARD, Kind.CROISSANT})
_AS_DATASHEET = frozenset({Kind.DATACARD, Kind.YAML, Kind.MARKDOWN_DATASHEET, Kind.MARKDOWN, Kind.JSON,
                           Kind.OTHER}) | _CONVERTED
_SHEETS = frozenset({Kind.DATACARD}) | _CONVERTED
VALIDATE = Reads("validate", "datasheets, training manifests, dataset cards and Croissant files", _SHEETS,
                 _AS_DATASHEET)
LINT = Reads("lint", "datasheets, training manifests, dataset and model cards, Croissant files and DVC pipelines",
             _SHEETS | {Kind.DVC, Kind.MODEL_CARD, Kind.MARKDOWN_DATASHEET},
             (_AS_DATASHEET - {Kind.MARKDOWN}) | {Kind.MODEL_CARD, Kind.DVC})
COVERAGE = Reads("coverage", "datasheets, dataset cards and Croissant files", _SHEETS, _AS_DATASHEET)
INDEX = Reads("lint", "datasheets", _SHEETS, _SHEETS)


def datasheet_reader(command: str) -> Reads:
    """A command that reads one datasheet (render, export, embed, --datasheet)."""
    return Reads(command, "datasheets, dataset cards and Croissant files", _SHEETS, _AS_DATASHEET)


IMPORT_HF = Reads("import hf", "Hugging Face dataset cards", frozenset(),
                  frozenset({Kind.DATASET_CARD, Kind.MARKDOWN, Kind.OTHER}))
IMPORT_CROISSANT = Reads("import croissant", "Croissant JSON-LD", frozenset(),
                         frozenset({Kind.CROISSANT, Kind.JSON, Kind.OTHER}))
DIFF = Reads("diff", "datasheets, Hugging Face dataset cards and Croissant files",
             frozenset({Kind.DATACARD, Kind.MARKDOWN_DATASHEET, Kind.DATASET_CARD, Kind.CROISSANT}),
             frozenset({Kind.DATACARD, Kind.YAML, Kind.MARKDOWN_DATASHEET, Kind.DATASET_CARD, Kind.CROISSANT}))
DATA = Reads("data commands", "data files (CSV, Parquet, JSON Lines)", frozenset(),
             frozenset({Kind.DATA, Kind.JSON, Kind.OTHER, Kind.YAML}))

_WHAT = {
    Kind.DATACARD: "a datasheet",
    Kind.YAML: "a YAML file",
    Kind.MARKDOWN_DATASHEET: "a datasheet in Markdown front matter",
    Kind.MODEL_CARD: "a Hugging Face model card",
    Kind.SPACE_CARD: "a Hugging Face Space's card (its front matter configures an app)",
    Kind.DATASET_CARD: "a Hugging Face dataset card",
    Kind.MARKDOWN: "Markdown without the front matter of a datasheet or model card",
    Kind.DVC: "a DVC pipeline",
    Kind.DVC_LOCK: "a DVC lock file with no dvc.yaml beside it",
    Kind.CROISSANT: "Croissant JSON-LD metadata",
    Kind.JSON: "JSON that is not Croissant metadata",
    Kind.DATA: "a data file",
    Kind.OTHER: "a file of a kind datacard does not read",
}


def _instead(kind: Kind, arg: str) -> str:
    """What to run on a file of ``kind``, with its path quoted for a shell."""
    if kind is Kind.DATASET_CARD:
        return f"`datacard import hf {arg}` converts it to a datasheet"
    if kind is Kind.MARKDOWN:
        return (f"a model card needs front matter with `datasets:`; a Hugging Face dataset card "
                f"converts to a datasheet with `datacard import hf {arg}`")
    if kind is Kind.SPACE_CARD:
        return "a Space's data is documented by the dataset cards and datasheets of the data it uses"
    if kind in (Kind.MODEL_CARD, Kind.DVC):
        return f"`datacard lint {arg}` checks the data it trains on"
    if kind is Kind.DVC_LOCK:
        return "`datacard lint` reads it together with the dvc.yaml it locks"
    if kind is Kind.CROISSANT:
        return f"`datacard import croissant {arg}` converts it to a datasheet"
    if kind is Kind.DATA:
        return f"`datacard profile {arg}` measures it"
    if kind in (Kind.DATACARD, Kind.YAML, Kind.MARKDOWN_DATASHEET):
        return f"`datacard validate {arg}` checks it; commands that take data read a datasheet from --datasheet"
    return "datasheets are named *.datacard.yaml"


def wrong_kind(reads: Reads, path: str, kind: Kind) -> str:
    """The message for a named file that ``reads.command`` cannot read: what it is, what to run."""
    return (f"this is {_WHAT[kind]}; `datacard {reads.command}` reads {reads.what}. "
            f"{_instead(kind, shlex.quote(path))}")


def manifest_given(reads: Reads) -> str:
    """The message for a training manifest named to a command that reads datasheets only."""
    return (f"this is a training manifest; `datacard {reads.command}` reads {reads.what}: "
            "run it on the datasheets the manifest names")
