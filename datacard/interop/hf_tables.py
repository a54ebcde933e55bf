"""Conversion tables between Hugging Face dataset cards and datasheets. Data, not code:
adding a licence, task, heading or label is one line here.

Vocabularies follow huggingface_hub's `DatasetCardData`, the Hub's licence list and the
`pipelines.ts` task list of huggingface.js (see docs/interop.md).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from datacard.model.languages import LANGUAGE_NAMES as LANGUAGE_NAMES  # part of the card tables

# --- licences: Hub id -> SPDX id (None: the Hub id names no single SPDX licence) ----------------
HF_LICENSES: dict[str, str | None] = {
    "apache-2.0": "Apache-2.0", "mit": "MIT", "afl-3.0": "AFL-3.0", "artistic-2.0": "Artistic-2.0",
    "bsl-1.0": "BSL-1.0", "bsd-2-clause": "BSD-2-Clause", "bsd-3-clause": "BSD-3-Clause",
    "bsd-3-clause-clear": "BSD-3-Clause-Clear", "c-uda": "C-UDA-1.0", "cc0-1.0": "CC0-1.0",
    "cc-by-2.0": "CC-BY-2.0", "cc-by-2.5": "CC-BY-2.5", "cc-by-3.0": "CC-BY-3.0", "cc-by-4.0": "CC-BY-4.0",
    "cc-by-sa-3.0": "CC-BY-SA-3.0", "cc-by-sa-4.0": "CC-BY-SA-4.0", "cc-by-nc-2.0": "CC-BY-NC-2.0",
    "cc-by-nc-3.0": "CC-BY-NC-3.0", "cc-by-nc-4.0": "CC-BY-NC-4.0", "cc-by-nd-4.0": "CC-BY-ND-4.0",
    "cc-by-nc-nd-3.0": "CC-BY-NC-ND-3.0", "cc-by-nc-nd-4.0": "CC-BY-NC-ND-4.0",
    "cc-by-nc-sa-2.0": "CC-BY-NC-SA-2.0", "cc-by-nc-sa-3.0": "CC-BY-NC-SA-3.0",
    "cc-by-nc-sa-4.0": "CC-BY-NC-SA-4.0", "cdla-sharing-1.0": "CDLA-Sharing-1.0",
    "cdla-permissive-1.0": "CDLA-Permissive-1.0", "cdla-permissive-2.0": "CDLA-Permissive-2.0",
    "wtfpl": "WTFPL", "ecl-2.0": "ECL-2.0", "epl-1.0": "EPL-1.0", "epl-2.0": "EPL-2.0",
    "etalab-2.0": "etalab-2.0", "eupl-1.1": "EUPL-1.1", "eupl-1.2": "EUPL-1.2", "agpl-3.0": "AGPL-3.0-only",
    "gpl-2.0": "GPL-2.0-only", "gpl-3.0": "GPL-3.0-only", "lgpl-2.1": "LGPL-2.1-only",
    "lgpl-3.0": "LGPL-3.0-only", "isc": "ISC", "lppl-1.3c": "LPPL-1.3c", "ms-pl": "MS-PL",
    "mpl-2.0": "MPL-2.0", "odc-by": "ODC-By-1.0", "odbl": "ODbL-1.0", "osl-3.0": "OSL-3.0",
    "postgresql": "PostgreSQL", "ofl-1.1": "OFL-1.1", "ncsa": "NCSA", "unlicense": "Unlicense",
    "zlib": "Zlib", "pddl": "PDDL-1.0",
    # Families and licences without an SPDX id: imported as `other` with this name.
    "bsd": None, "cc": None, "gpl": None, "lgpl": None, "gfdl": None, "lgpl-lr": None,
    "openrail": None, "openrail++": None, "bigscience-openrail-m": None, "creativeml-openrail-m": None,
    "bigscience-bloom-rail-1.0": None, "bigcode-openrail-m": None, "h-research": None,
    "intel-research": None, "apple-ascl": None, "apple-amlr": None, "deepfloyd-if-license": None,
    "fair-noncommercial-research-license": None, "llama2": None, "llama3": None, "llama3.1": None,
    "llama3.2": None, "llama3.3": None, "llama4": None, "gemma": None, "openmdw-1.0": None,
    "other": None,
}
#: Free-text licence names seen in real cards, lowercased, -> SPDX id.
LICENSE_NAMES: dict[str, str] = {
    "apache license 2.0": "Apache-2.0", "apache 2.0": "Apache-2.0", "mit license": "MIT",
    "creative commons attribution 4.0": "CC-BY-4.0", "cc by 4.0": "CC-BY-4.0",
    "cc by-sa 4.0": "CC-BY-SA-4.0", "cc by-nc-sa 4.0": "CC-BY-NC-SA-4.0", "cc by-nc 4.0": "CC-BY-NC-4.0",
    "attribution-noncommercial 4.0 international": "CC-BY-NC-4.0",
}
#: Hub ids meaning 'we do not know': no licence is recorded.
UNKNOWN_LICENSES = frozenset({"unknown", "unknown-"})
#: Values that state no licence at all (`"license": "None"` from a Python exporter): absent.
NO_LICENSES = frozenset({"", "none", "null", "n/a", "na"})

# --- tasks -----------------------------------------------------------------------------------
#: Task categories of the pre-2022 `datasets` vocabulary -> today's category.
LEGACY_TASKS: dict[str, str] = {
    "structure-prediction": "token-classification",
    "conditional-text-generation": "text-generation",
    "sequence-modeling": "text-generation",
    "text-scoring": "text-classification",
    "speech-processing": "automatic-speech-recognition",
}

# --- creators, sizes, languages, modalities --------------------------------------------------
#: Hub `language_creators` -> datacard collection method (None: no single method says it).
LANGUAGE_CREATORS_IN: dict[str, str | None] = {
    "found": None, "crowdsourced": None, "other": None,
    "expert-generated": "manual-human-curation", "machine-generated": "synthetic",
}
#: datacard collection method -> Hub `language_creators`.
LANGUAGE_CREATORS_OUT: dict[str, str] = {
    "crowdsourcing-paid": "crowdsourced", "crowdsourcing-volunteer": "crowdsourced",
    "manual-human-curation": "expert-generated", "synthetic": "machine-generated",
    "web-scraping": "found", "web-api": "found", "other-datasets": "found", "document-analysis": "found",
    "user-generated-content": "found", "secondary-data-analysis": "found", "customer-feedback": "found",
    "surveys": "crowdsourced", "self-reporting": "crowdsourced", "focus-groups": "crowdsourced",
}
#: ISO 639-3 macrolanguages and some of their members (facts of the ISO 639-3 tables): `nb`, `nn`
#: and `no` are one language when a card counts its languages.
MACROLANGUAGES: dict[str, str] = {
    **dict.fromkeys(("nb", "nn", "nob", "nno"), "no"),
    **dict.fromkeys(("cmn", "yue", "wuu", "hak", "nan", "gan", "hsn", "cdo", "cjy"), "zh"),
    **dict.fromkeys(("arb", "ary", "arz", "apc", "acm", "ajp", "aeb", "afb", "ars"), "ar"),
    **dict.fromkeys(("pes", "prs"), "fa"), **dict.fromkeys(("swh", "swc"), "sw"),
    "zsm": "ms", "ekk": "et", "lvs": "lv", "uzn": "uz", "als": "sq", "khk": "mn", "npi": "ne",
}
#: Hub modality tags <-> datacard modalities.
MODALITY_TAGS: dict[str, str] = {
    "text": "text", "image": "image", "audio": "audio", "video": "video", "tabular": "tabular",
    "timeseries": "time-series", "geospatial": "geospatial", "3d": "3d",
}
# --- dataset_info feature dtypes <-> datacard field types ------------------------------------
DTYPES_IN: dict[str, str] = {
    "string": "string", "large_string": "string", "bool": "boolean", "binary": "binary",
    "large_binary": "binary", "date32": "date", "date64": "date", "image": "image", "audio": "audio",
    "video": "video", "null": "other",
    **{f"int{n}": "integer" for n in (8, 16, 32, 64)}, **{f"uint{n}": "integer" for n in (8, 16, 32, 64)},
    **{f"float{n}": "float" for n in (16, 32, 64)},
}
DTYPES_OUT: dict[str, str] = {
    "string": "string", "integer": "int64", "float": "float64", "boolean": "bool", "date": "date32",
    "datetime": "timestamp[s]", "binary": "binary", "image": "image", "audio": "audio", "video": "video",
}

# --- front matter keys -----------------------------------------------------------------------
#: Keys the importer reads, with their legacy spellings -> canonical key.
KEY_ALIASES: dict[str, str] = {
    "languages": "language", "licenses": "license", "train-eval-index": "train_eval_index",
    "language_bcp47": "language_details",
}
#: Keys read and knowingly left out: Hub machinery with no datasheet meaning.
IGNORED_KEYS = frozenset({
    "train_eval_index", "viewer", "thumbnail", "benchmark", "configs", "config_names",
    "extra_gated_fields", "extra_gated_heading", "extra_gated_description", "extra_gated_button_content",
})


# --- body sections ---------------------------------------------------------------------------
@dataclass(frozen=True)
class Target:
    """Where text goes in the datasheet, and how to read it: text, list, risks, agents, ..."""

    path: str
    kind: str = "text"


@dataclass(frozen=True)
class Section:
    """A card section: its heading, the field its prose fills, and labelled lines in it."""

    heading: str
    level: int
    default: Target | None = None
    labels: dict[str, Target] = field(default_factory=dict)
    export: bool = True  # part of the current template, written by the exporter
    # The prose is read into ``default`` when a card writes it here, but the field's own place
    # is another section (written there, asked for there).
    read_only: bool = False


#: The current template (huggingface_hub `datasetcard_template.md`), in order, then the
#: pre-2023 headings the importer also accepts.
SECTIONS: tuple[Section, ...] = (
    Section("Dataset Details", 2),
    Section("Dataset Description", 3, Target("summary"), {
        "Curated by": Target("origin.creators", "agents"),
        "Funded by": Target("origin.funding", "funders"),
        "Shared by": Target("origin.creators", "publishers"),
        "Language(s) (NLP)": Target("composition.languages", "language-names"),
        "License": Target("audience.license", "license-name"),
        "Terms of use": Target("audience.terms_of_use"),
    }),
    Section("Dataset Sources", 3, None, {
        "Repository": Target("audience.distribution.url", "url"),
        "Homepage": Target("homepage", "url"),
        "Identifiers": Target("identifiers", "identifiers"),
        "DOI": Target("audience.distribution.doi"),
        "Leaderboard": Target("application.prior_uses", "references"),
    }),
    Section("Uses", 2, None, {
        "Access": Target("audience.access.type"),
        "Access conditions": Target("audience.access.conditions"),
    }),
    Section("Direct Use", 3, Target("application.intended_uses", "list"), {
        "ML uses": Target("application.ml_uses", "csv"),
        "Intended users": Target("audience.intended_users", "items"),
    }),
    Section("Out-of-Scope Use", 3, Target("application.out_of_scope_uses", "list")),
    Section("Dataset Structure", 2, Target("composition.instance"), {
        "Instances": Target("composition.count", "int"),
        "Label": Target("composition.label"),
        "Splits": Target("composition.split_rationale"),
    }),
    Section("Dataset Creation", 2),
    Section("Curation Rationale", 3, Target("application.purpose")),
    Section("Source Data", 3, Target("origin.sources", "sources")),
    Section("Data Collection and Processing", 4, Target("origin.collection.description"), {
        "Collection methods": Target("origin.collection.methods", "csv"),
        "Collection period": Target("origin.collection.timeframe", "timeframe"),
        "Processing": Target("origin.preprocessing.description"),
    }),
    Section("Who are the source data producers?", 4, Target("origin.people.description"), {
        "About people": Target("origin.people.about_people", "bool"),
        "Not about people because": Target("origin.people.reason"),
    }),
    Section("Annotations", 3, Target("origin.annotation.process"), read_only=True),
    Section("Annotation process", 4, Target("origin.annotation.process"), {
        "Labelled": Target("origin.annotation.labelled", "bool"),
        "No labels because": Target("origin.annotation.reason"),
        "Platform": Target("origin.annotation.platform"),
        "Guidelines": Target("origin.annotation.guidelines"),
    }),
    Section("Who are the annotators?", 4, Target("origin.annotation.annotators.description")),
    Section("Personal and Sensitive Information", 4, Target("composition.sensitive.handling"), {
        "Contains personal or sensitive data": Target("composition.sensitive.present", "bool"),
        "No sensitive data because": Target("composition.sensitive.reason"),
        "Categories": Target("composition.sensitive.categories", "csv"),
        "Consent": Target("origin.ethics.consent.description"),
        "Consent status": Target("origin.ethics.consent.status"),
        "Ethics review": Target("origin.ethics.review.description"),
        "Ethics review status": Target("origin.ethics.review.status"),
    }),
    Section("Bias, Risks, and Limitations", 2, Target("application.limitations", "risks"), {
        "Bias": Target("application.biases", "risks"),
        "Limitation": Target("application.limitations", "risks"),
        "Social impact": Target("application.social_impact"),
    }),
    Section("Recommendations", 3, Target("application.recommendations")),
    Section("Citation", 2, Target("citation", "citation")),
    Section("Glossary", 2),
    Section("More Information", 2),
    Section("Dataset Card Authors", 2, Target("authors", "agents")),
    Section("Dataset Card Contact", 2, Target("audience.maintenance.contact"), {
        "Maintainers": Target("audience.maintenance.maintainers", "agents"),
    }),
    # pre-2023 template (datasets' readme_structure.yaml)
    Section("Dataset Summary", 3, Target("summary"), export=False),
    Section("Supported Tasks and Leaderboards", 3, Target("application.intended_uses", "list"), export=False),
    Section("Languages", 3, Target("composition.languages", "language-prose"), export=False),
    Section("Data Instances", 3, Target("composition.instance"), export=False),
    Section("Data Splits", 3, Target("composition.split_rationale", "split-table"), export=False),
    Section("Initial Data Collection and Normalization", 4, Target("origin.collection.description"),
            export=False),
    Section("Who are the source language producers?", 4, Target("origin.people.description"), export=False),
    Section("Social Impact of Dataset", 3, Target("application.social_impact"), export=False),
    Section("Discussion of Biases", 3, Target("application.biases", "risks"), export=False),
    Section("Other Known Limitations", 3, Target("application.limitations", "risks"), export=False),
    Section("Dataset Curators", 3, Target("origin.creators", "curators"), export=False),
    Section("Licensing Information", 3, Target("audience.terms_of_use"), export=False),
    Section("Citation Information", 3, Target("citation", "citation"), export=False),
    Section("Considerations for Using the Data", 2, export=False),
    Section("Additional Information", 2, export=False),
    Section("Source Data", 3, export=False),
)

#: Labelled lines accepted in any section (the legacy 'Dataset Description' list, for one).
GLOBAL_LABELS: dict[str, Target] = {
    "Homepage": Target("homepage", "url"),
    "Repository": Target("audience.distribution.url", "url"),
    "Paper": Target("identifiers", "identifier-url"),
    "Point of Contact": Target("audience.maintenance.contact"),
    "Shared by": Target("origin.creators", "publishers"),
    "Leaderboard": Target("application.prior_uses", "reference"),
    "Demo": Target("", "unmapped"),
    # Sizes the `datasets` library wrote into pre-2023 cards: the dataset's own size is kept (an
    # exact `dataset_info.dataset_size` wins); the download and disk totals describe files.
    "Size of the generated dataset": Target("composition.size_bytes", "bytes"),
    "Size of downloaded dataset files": Target("", "generated"),
    "Total amount of disk used": Target("", "generated"),
}
#: Titles the templates give a card whose dataset they do not know (`# Dataset Card for Dataset Name`).
TEMPLATE_TITLES = frozenset({"dataset name", "[dataset name]", "dataset_name", "dataset card creation guide"})
#: Headings whose text is navigation or thanks, not documentation: skipped without a finding.
SKIPPED_HEADINGS = frozenset({"table of contents", "contributions", "dataset card creation"})

#: Datasheet fields a Hugging Face card can hold (front matter or the sections above), as dotted
#: paths; `[]` marks every item of a list. `name` is not among them: the card has no slug, so
#: the importer takes it from the output file name (`-o NAME.datacard.yaml`) or the title.
CARD_FIELDS: tuple[str, ...] = (
    "schema_version", "kind", "title", "summary", "homepage", "keywords", "citation", "identifiers",
    "authors[].name",
    "origin.creators[].name", "origin.funding[].funder", "origin.sources[].dataset", "origin.sources[].name",
    "origin.sources[].url", "origin.collection.content_creators",
    "origin.ethics.consent.description", "origin.ethics.consent.status", "origin.ethics.review.description",
    "origin.ethics.review.status", "composition.size_category", "application.prior_uses[].description",
    "application.prior_uses[].url", "application.biases[].mitigation", "application.limitations[].mitigation",
    "audience.terms_of_use", "audience.intended_users", "audience.access.type", "audience.access.conditions",
    "audience.maintenance.maintainers[].name",
    "origin.collection.description", "origin.collection.methods", "origin.collection.timeframe.start",
    "origin.collection.timeframe.end", "origin.preprocessing.description",
    "origin.people.about_people", "origin.people.reason", "origin.people.description",
    "origin.annotation.labelled", "origin.annotation.reason", "origin.annotation.process",
    "origin.annotation.creators", "origin.annotation.platform", "origin.annotation.guidelines",
    "origin.annotation.annotators.description",
    "composition.instance", "composition.modalities", "composition.count", "composition.size_bytes",
    "composition.splits[].name", "composition.splits[].count", "composition.split_rationale",
    "composition.fields[].name", "composition.fields[].type", "composition.fields[].values",
    "composition.label", "composition.languages[].tag", "composition.languages[].description",
    "composition.multilinguality", "composition.sensitive.present", "composition.sensitive.reason",
    "composition.sensitive.categories", "composition.sensitive.handling",
    "application.purpose", "application.tasks", "application.ml_uses", "application.intended_uses",
    "application.out_of_scope_uses", "application.biases[].description",
    "application.limitations[].description", "application.social_impact", "application.recommendations",
    "audience.license.id", "audience.license.name", "audience.license.url", "audience.license.details",
    "audience.distribution.url", "audience.distribution.doi", "audience.maintenance.contact",
)
