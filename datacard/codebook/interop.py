"""DC4xx: importing and exporting other documentation formats (Hugging Face cards, Croissant)."""

from __future__ import annotations

from datacard.codebook.base import Code, E, I, W

UNMAPPED_KEY = Code("DC401", "unmapped-metadata", W, "A metadata key that datacard cannot map.", """
The card's YAML front matter (or the Croissant file) holds a key that has no home in the
datasheet, or that datacard does not know. Its content is not carried into the datasheet. If
the information matters, write it into the datasheet field that fits by hand. Known keys are
listed in `docs/interop.md`.
""")
UNMAPPED_SECTION = Code("DC402", "unmapped-section", W, "A card section whose text was not imported.", """
The card's Markdown body has a section (or a labelled line such as `**Demo:**`) with real text
that has no home in the datasheet. Placeholders such as `[More Information Needed]` are never
reported: they count as absent. Move the text into the datasheet field that fits by hand.
""")
BAD_VALUE = Code("DC403", "unconvertible-value", W, "A value that could not be converted.", """
A value is outside the vocabulary the datasheet accepts (a licence that is not an SPDX id or a
known Hugging Face licence id, a language that is not a BCP 47 tag, a task or creator type
the target format does not know). The message says what was kept (often `other` with a name)
or that the value was dropped, and what to write instead.
""")
NO_METADATA = Code("DC404", "no-card-metadata", W, "The card has no YAML front matter.", """
A Hugging Face card keeps its metadata (language, licence, tasks, size) in a YAML block between
two `---` lines at the very top. Without it only the Markdown body can be imported, and the
Hub shows no metadata for the dataset.
""")
INVALID_JSON = Code("DC405", "invalid-json", E, "The file is not valid JSON.", """
A Croissant file is JSON-LD, so it must first be valid JSON. The finding points at the line
and column where the JSON parser stopped.
""")
NOT_CROISSANT = Code("DC406", "not-croissant", E, "The JSON is not a Croissant dataset description.", """
A Croissant file is a JSON object whose `@type` is `sc:Dataset` (schema.org Dataset) and whose
`@context` declares the Croissant vocabulary. The file is a list, a bare value, or an object of
another type.
""")
LOST_IN_EXPORT = Code("DC407", "not-exported", I, "A datasheet field the target format cannot hold.", """
The export format has no place for this field, so it is left out of the written file. The
datasheet stays the complete record; the finding lists what a reader of the exported file will
not see. `docs/interop.md` lists the fields each format can hold.
""")
MISSING_REQUIRED = Code("DC408", "export-missing-required", W,
                          "The export format requires a value the datasheet lacks.", """
The Croissant specification asks every dataset for a description, licence, URL, creator and
publication date (mlcroissant's validator warns about a missing licence, publication date,
citation and version); the Hub expects a licence. The datasheet has no value for the field
named, so the exported file lacks it too (or holds the stated fallback). Fill the datasheet
field and export again, for example:

    audience:
      license: CC-BY-4.0
""")
INVALID_RESULT = Code("DC409", "import-invalid", E, "A converted value does not validate and was dropped.", """
After conversion, a value did not pass the datasheet schema (a malformed URL, an e-mail
address, a date). It was dropped so that the written datasheet validates; the message gives
the schema's reason. Add the value by hand in the right form.
""")
HUB_REFUSES = Code("DC410", "hub-metadata-invalid", E, "Card metadata the Hugging Face Hub would refuse.", """
The Hub checks a card's YAML front matter when it is pushed and refuses it with "YAML Metadata
Error", without a line. datacard makes the same checks offline, from the Hub's published
vocabularies (shipped with datacard, with their source and date): language codes, licence ids
(`license_name` and `license_link` with `other`), task categories and task ids, size categories,
multilinguality, annotation and language creators, `pretty_name`, the shape of `configs` and
`dataset_info`. The message names the value and what to write instead, for example:

    license: cc-by-4.0
    task_categories: [text-classification]
    task_ids: [sentiment-classification]
""")
HUB_INCONSISTENT = Code("DC411", "hub-metadata-inconsistent", W, "Card metadata that contradicts itself.", """
The Hub accepts the value, but it disagrees with the rest of the card: `size_categories` that
the split counts of `dataset_info` do not fall in, `multilinguality` that does not match the
number of languages, a task id listed without its task category, `license: other` without the
`license_name` and `license_link` that say which licence, a `language` tag with a region that
belongs in `language_details`. Make the values agree, for example:

    size_categories: [10K<n<100K]   # dataset_info counts 25,000 examples
""")
PYTHON_YAML_UNREADABLE = Code(
    "DC419", "python-yaml-unreadable", W, "Card metadata that huggingface_hub and datasets cannot read.", """
datacard reads a card's front matter as YAML 1.2, as the Hub's own pages do, but the Python
tools that load cards (`huggingface_hub.DatasetCard.load`, `ModelCard.load`, `datasets`) read it
with PyYAML, which refuses some of what YAML 1.2 allows, most often a tab after a value or in
its indentation. Those tools then cannot load the card at all. The finding is placed where
PyYAML stops; replace the tab (or whatever it names) with spaces.

Good:

    dataset_info:
      splits:
        - name: validation
""")
HUB_YAML_1_1 = Code("DC412", "yaml-1.1-boolean", I, "A value that Python YAML readers take for true or false.", """
The Hub reads front matter as YAML 1.2, where `no` (Norwegian) is text, but Python tools that
read cards (huggingface_hub, datasets) use YAML 1.1, where an unquoted `no`, `yes`, `on`, `off`,
`y` or `n` is a boolean: `language: [no]` becomes `[False]` there. datacard reads it as written;
quote it so that every reader agrees:

    language:
      - 'no'
""")
