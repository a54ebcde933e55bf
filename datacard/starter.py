"""The starter datasheet that `datacard init` writes.

Every context field is present with a comment asking the question it answers, in the spirit of
Datasheets for Datasets. Empty values are valid, so the file validates as written; the linter,
not the validator, reports what is still missing.
"""

from __future__ import annotations

import os
import re
import shlex
from pathlib import Path

SCHEMA_FILE = "datasheet.schema.json"
_SLUG_INVALID = re.compile(r"[^a-z0-9._-]+")
_SLUG = re.compile(r"^[a-z0-9](?:[a-z0-9._-]*[a-z0-9])?$")
_SUFFIXES = (".datacard.yaml", ".datacard.yml", ".yaml", ".yml")

_TEMPLATE = """\
# yaml-language-server: $schema={schema}
# A datasheet for the dataset {name}. Answer each question below; leave nothing to guesswork.
# `datacard validate` checks the structure, `datacard lint` reports the context still missing,
# `datacard render` turns this file into a Markdown datasheet.
schema_version: 1
name: "{name}"
# A human-readable title.
title: ""
# What is the dataset, in a short paragraph? How large is it, and in what language(s)?
summary: ""
# Other names of the dataset: hf:owner/name, doi:10..., https://...
identifiers: []

origin:
  # Who created the dataset (which team, research group or company), on behalf of which entity?
  #   - {{name: Ada Lovelace, affiliation: Example Lab, roles: [creator]}}
  creators: []
  # Who funded the creation of the dataset? If there is an associated grant, its name and number?
  #   - {{funder: Example Foundation, grant: "EX-123"}}
  funding: []
  # Where does the data come from: raw material (a website, an archive) or parent datasets?
  # Point at a parent's own datasheet so lineage can be checked:
  #   - {{name: Example archive, url: "https://example.org", relation: subset}}
  #   - {{dataset: "hf:owner/parent", datacard: ../parent/parent.datacard.yaml, relation: derived}}
  sources: []
  collection:
    # How was the data acquired (observed, reported by subjects, inferred) and how was it checked?
    description: ""
    # What mechanisms were used? web-scraping, web-api, surveys, crowdsourcing-paid,
    # direct-measurement, user-generated-content, manual-human-curation, other-datasets, ...
    methods: []
    # Over what timeframe was the data collected? Dates as 2017, 2017-06 or 2017-06-30.
    timeframe:
      start:
      end:
    # Over what timeframe was the underlying content created, if it differs from collection
    # (for example, posts written over ten years and scraped in one week)?
    content_timeframe:
      start:
      end:
  annotation:
    # Does the data carry labels or annotations? If not, write `labelled: false` and a `reason:`
    # (and delete the other keys of this block).
    labelled:
    # How were the labels made? What were annotators asked to do, with what guidelines?
    process: ""
    # Who produced the labels? crowdsourced, expert-generated, machine-generated or found
    creators: []
    # Who were the annotators? How many, what training, how were they paid?
    annotators:
      description: ""
  # Who is in the data: the people it is about or that produced it, or no one at all?
  people:
    # Does the dataset relate to people? If not, write `about_people: false` and a `reason:`
    # (and delete the other keys of this block).
    about_people:
    # What are the data subjects? people, natural-phenomena, places-and-objects, synthetic,
    # systems-or-products or unknown
    subjects: []
    # Who is represented in the data, and who is not? Which subpopulations, in what proportions?
    description: ""
  ethics:
    # Was any ethical review process conducted (for example by an institutional review board)?
    review:
      # approved, exempt, pending, not-required or not-sought
      status:
      description: ""
    # Were the people in the data notified and did they consent? How can they revoke consent?
    consent:
      # explicit, opt-out, implied, not-obtained or not-required
      status:
      description: ""

composition:
  # What do the instances represent (documents, photos, people, transactions)?
  instance: ""
  # text, image, audio, video, tabular, time-series, ...
  modalities: []
  # How many instances are there in total?
  count:
  # Which splits are recommended?
  #   - {{name: train, count: 1000}}
  splits: []
  # What fields does an instance have?
  #   - {{name: text, type: string, role: feature}}
  fields: []
  # Which language varieties, as BCP 47 tags?
  #   - {{tag: en-US, description: "English as ..."}}
  languages: []
  # Does the data contain personal or sensitive information? If certainly not, write
  # `present: false` and a `reason:` saying how that was checked (and delete `handling`).
  sensitive:
    present:
    # How is it protected: anonymisation, redaction, access control?
    handling: ""

application:
  # For what purpose was the dataset created? Was there a specific task or gap in mind?
  purpose: ""
  # What tasks is it meant for? Hugging Face task ids where one fits: text-classification, ...
  tasks: []
  # What uses is the dataset suitable for?
  intended_uses: []
  # What should the dataset not be used for, and why?
  out_of_scope_uses: []
  # Is there anything about the data that could lead to unfair treatment of individuals or
  # groups, or to stereotyping?
  #   - {{description: "...", mitigation: "..."}}
  biases: []
  # What limitations and caveats should users know about?
  limitations: []

audience:
  # Who is the dataset for: researchers, practitioners, a product team?
  intended_users: []
  # How can the dataset be obtained, and on what conditions?
  access:
    # open, registration, gated, restricted, internal or closed
    type:
    # What conditions must a user meet or accept?
    conditions: ""
  # Under what licence or terms of use is it distributed? An SPDX id, or `other` with a name:
  #   {{id: CC-BY-4.0}}  or  {{id: other, name: "...", url: "https://..."}}
  license:
  maintenance:
    # Who supports, hosts and maintains the dataset?
    #   - {{name: Example Lab}}
    maintainers: []
    # How can the maintainers be contacted (e-mail address, issue tracker)?
    contact: ""
"""


# Letters that Unicode does not decompose into a base letter and an accent.
_LETTERS = str.maketrans({"ß": "ss", "ø": "o", "æ": "ae", "œ": "oe", "đ": "d", "ł": "l", "þ": "th", "ð": "d"})


def slugify(text: str) -> str:
    """A datasheet name from free text: lowercase letters, digits, '.', '_' and '-'.
    Accented letters lose their accents ('Ünïcode' -> 'unicode') rather than the letter."""
    import unicodedata

    plain = "".join(c for c in unicodedata.normalize("NFKD", text.lower()) if not unicodedata.combining(c))
    slug = _SLUG_INVALID.sub("-", plain.translate(_LETTERS).strip()).strip("-._")
    return slug or "dataset"


def is_slug(text: str) -> bool:
    return bool(_SLUG.match(text))


def name_from_path(path: Path) -> str:
    """The dataset name a file name suggests: `yelp.datacard.yaml` -> `yelp`."""
    base = path.name
    for suffix in _SUFFIXES:
        if base.endswith(suffix):
            base = base[: -len(suffix)]
            break
    return slugify(base)


def packaged_schema() -> Path:
    """The JSON Schema shipped inside the installed package."""
    return Path(__file__).resolve().parent / "schemas" / SCHEMA_FILE


def project_schema(target: Path) -> tuple[Path, bool]:
    """The schema editors should check ``target`` against, and whether it exists yet.

    A `schemas/datasheet.schema.json` in the file's folder or a parent (the project's committed
    schema, written by `datacard schema -o schemas`); else the place it belongs, `schemas/` at
    the root of the repository (or the file's folder outside one). Never the copy inside the
    installed package: that path is one machine's, and breaks for everyone once committed.
    """
    from datacard.project import git_top

    directory = target.resolve().parent
    for folder in (directory, *directory.parents):
        candidate = folder / "schemas" / SCHEMA_FILE
        if candidate.is_file():
            return candidate, True
    root = git_top(str(directory))
    return Path(root or directory) / "schemas" / SCHEMA_FILE, False


def schema_reference(target: Path) -> str:
    """Where the new file's `$schema` points: the project's schema, relative to the file, so that
    the reference survives a commit, a clone and a move of the repository."""
    schema, _ = project_schema(target)
    return Path(os.path.relpath(schema, target.resolve().parent)).as_posix()


def schema_note(target: Path) -> str | None:
    """What to run so that editors find the schema ``target`` refers to (None when it exists)."""
    schema, exists = project_schema(target)
    if exists:
        return None
    folder = os.path.relpath(schema.parent)
    return (f"editors check the file against {os.path.relpath(schema)}, which does not exist yet: run "
            f"`datacard schema -o {shlex.quote(folder)}` and commit it")


def starter_text(name: str, schema: str) -> str:
    """The text of a starter datasheet named ``name`` whose editors check it against ``schema``."""
    if not is_slug(name):
        raise ValueError(f"{name!r} is not a valid name; use lowercase letters, digits, '.', '_', '-'")
    return _TEMPLATE.format(name=name, schema=schema)
