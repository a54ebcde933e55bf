"""The registry of finding codes: a static table.

``DC0xx`` reading the file and ``DC1xx`` the schema are defined here, beside the loader and
validator that use them on every run; the other ranges are in :mod:`datacard.codebook`, one
module per range, imported (statically, on first use of the whole table) by :func:`table`. A
code is never reused, and each is defined once: a rule takes its :class:`Code` from the table.
"""

from __future__ import annotations

import sys

from datacard.codebook.base import Code, E, Fixable, W

__all__ = ["Code", "Fixable", "all_codes", "get", "table"]


def table() -> dict[str, Code]:
    """Every code of datacard, by code: this module's and the codebook's, read once."""
    if not _TABLE:
        from datacard.codebook import data, datasheet, interop, lineage, suppression

        for module in (sys.modules[__name__], datasheet, lineage, interop, data, suppression):
            for entry in vars(module).values():
                if isinstance(entry, Code):
                    existing = _TABLE.setdefault(entry.code, entry)
                    if existing is not entry:
                        raise ValueError(f"code {entry.code} is defined twice: {existing.name!r}, {entry.name!r}")
    return _TABLE


_TABLE: dict[str, Code] = {}


def get(code: str) -> Code:
    return table()[code]


def all_codes() -> list[Code]:
    """Every code, in order."""
    return sorted(table().values(), key=lambda c: c.code)



# --- DC0xx: reading the file ---------------------------------------------------------------
UNREADABLE = Code("DC001", "unreadable-file", E, "The file cannot be read.", """
The path does not exist, is a directory where a file was expected, or cannot be opened.
Check the path and the file's permissions.
""")
TOO_LARGE = Code("DC002", "file-too-large", E, "The file is larger than the size limit.", """
Datasheets are small documents; a file over the limit (10 MB by default) is almost certainly
not a datasheet, and reading it would cost memory and time. Raise the limit with
`--max-bytes` (or `max-bytes` in `[tool.datacard]`) if the file really is a datasheet.
""")
ENCODING = Code("DC003", "bad-encoding", E, "The file is not valid UTF-8 text.", """
Datasheets must be UTF-8. The finding points at the first byte that is not valid UTF-8, or
names the encoding the file's byte-order mark announces (UTF-16 or UTF-32). Re-save the file
as UTF-8 in your editor. NUL bytes are reported here too: they mean the file is binary.
""")
SYNTAX = Code("DC004", "yaml-syntax", E, "The YAML cannot be parsed.", """
The parser stopped at the line and column given. Common causes: a tab used for indentation,
a colon followed by text inside an unquoted value (quote the value), or a list item that is
not aligned with its siblings.

Good:

    summary: "Reviews: 598,000 of them, with star ratings."
""")
DUPLICATE_KEY = Code("DC005", "duplicate-key", E, "A key appears twice in one mapping.", """
Plain YAML loaders keep the last value of a repeated key and silently drop the first, which
loses data. datacard reports the second occurrence and points at the first. Merge the two
entries into one.
""")
UNSAFE_TAG = Code("DC006", "unsupported-tag", E, "The YAML uses a tag datacard does not accept.", """
Tags such as `!!python/object` can make a YAML loader run code. datacard accepts only plain
YAML values: mappings, lists, strings, numbers, booleans and null. Remove the tag; quote the
value if it should be text.
""")
ALIAS_BOMB = Code("DC007", "alias-expansion", E, "Anchors and aliases expand to too many values.", """
YAML aliases (`*name`) repeat a value by reference; nested aliases can expand a small file
into billions of values (the "billion laughs" attack). datacard stops once the expanded
document exceeds a fixed budget. Write the values out, or use fewer nested aliases.
""")
TOO_DEEP = Code("DC008", "nesting-too-deep", E, "Mappings and lists are nested too deeply.", """
No datasheet needs more than a few levels of nesting; very deep nesting is either a mistake
or an attack on the parser. Flatten the structure.
""")
EMPTY = Code("DC009", "empty-document", E, "The file holds no YAML document.", """
The file is empty or holds only comments. Start from `datacard init`, which writes a datasheet
with every field and a comment asking the question each answers.
""")
NOT_MAPPING = Code("DC010", "not-a-mapping", E, "The top level of the document is not a mapping.", """
A datasheet is a mapping of keys to values at its top level, such as `name: imdb`. A list or a
bare value at the top level cannot be a datasheet.
""")
MULTI_DOC = Code("DC011", "multiple-documents", E, "The file holds more than one YAML document.", """
A datasheet file holds one document. A second `---` separator starts a second document;
split it into its own file.
""")
NO_FRONT_MATTER = Code("DC012", "no-front-matter", E, "The Markdown file has no YAML front matter.", """
A Markdown datasheet or card keeps its metadata in a YAML block at the very top, between two
lines of `---`. The file has no such block, or it is not closed.
""")
BAD_KEY = Code("DC013", "non-string-key", E, "A mapping key is not a plain string.", """
Keys must be plain strings. A number, boolean, null, list or mapping used as a key cannot
name a field. Quote the key, or restructure.
""")
# DC014-DC019 are left free for the walk and the loader's neighbours.
TAG_MISMATCH = Code("DC014", "tag-value-mismatch", E, "A value does not have the form its tag names.", """
An explicit tag such as `!!int`, `!!float`, `!!bool` or `!!null` (also written through a
`%TAG` directive or verbatim, `!<tag:yaml.org,2002:int>`) promises a value of that type, and
the text after it is not one: `!!int abc`, `!!bool maybe`, `!!float 1_000`. datacard reads
values by the YAML 1.2 core schema and never guesses. Tags are not needed: a plain `42` is
already a whole number. Remove the tag, and quote the value if it is text.

Good:

    count: 42
    version: "1.0"
""")
NUMBER_RANGE = Code("DC015", "number-out-of-range", E, "An integer is too large to be any quantity.", """
An integer whose size is beyond that of a double-precision number (about 1.8e308), in
decimal, hexadecimal or octal, measures nothing a datasheet records, and converting or
printing it would cost time out of all proportion to the file. Counts and sizes must also fit
in 64 bits, as every tool that reads them holds them (that limit is checked by validation, as
DC103). Write the real figure, or quote the value if it is an identifier made of digits.

Good:

    count: 2030853
    doi_suffix: "1234567890123456789012345678901234567890"
""")
TOO_MANY_VALUES = Code("DC016", "too-many-values", E, "The document holds more values than datacard reads.", """
A datasheet describes data; it does not hold it. datacard stops reading a document that holds
more than 250,000 values (keys, list items and scalars, with aliases expanded) or a list or
mapping of more than 100,000 entries, so that the time and memory a check takes stay small and
proportional to the file. A list of a million keywords or an inline copy of the data's values
is almost certainly a pipeline writing the wrong thing. Keep bulk data in the data files and
summarise it here (counts, a few examples, a link).

Good:

    keywords: [reviews, sentiment, english]
    composition:
      count: 3000000
""")
TOO_MANY_FINDINGS = Code("DC017", "too-many-findings", E, "Further findings in this file were not listed.", """
datacard lists at most 1,000 findings per file; past that the file is almost certainly not a
datasheet, or one mistake repeats everywhere (a wrong indentation that turns every key into an
unknown one). This finding closes the list and counts the findings left out, by code. Fix the
first findings and run the check again. Its severity is that of the worst finding left out.

Good (a key indented under the one before it was the single mistake):

    origin:
      sources:
        - name: reviews
""")
INTERNAL_ERROR = Code("DC018", "internal-error", E, "datacard failed while checking this file.", """
An unexpected error in datacard itself stopped the check of this file; it is a bug, not a
problem in the file. The other files of the run were checked as usual, and the run exits with
status 2 so that a pipeline does not mistake the file for a clean one. Please report it to the
datacard maintainers with the message and the file (or the smallest copy of it that still
fails), and check the file by hand until it is fixed.

Good (a report the maintainers can act on):

    datacard --version
    datacard validate --output-format json reduced.datacard.yaml
""")

# --- DC1xx: schema --------------------------------------------------------------------------
UNKNOWN_KEY = Code("DC101", "unknown-key", E, "A key that the schema does not define.", """
The datasheet model is closed: a misspelt key would otherwise be ignored and its content lost.
The message names the closest key the schema does define at that place.
""", Fixable.SOMETIMES, """
A key that differs from a defined one only in case or in its separators (`intended-uses`,
`IntendedUses`) is renamed to it; a spelling neighbour (`licence` for `license`) only with
`--unsafe-fixes`, since the guess may be wrong.
""")
MISSING = Code("DC102", "missing-required", E, "A required key is missing.", """
Only a few keys are required for a datasheet to be well formed (`schema_version` and `name`,
and inside some entries the key that identifies them). Completeness of context is checked by
`datacard lint`, not by validation.
""")
WRONG_TYPE = Code("DC103", "wrong-type", E, "A value has the wrong type.", """
Each field expects one kind of value: text, a whole number, true/false, a list or a mapping.
YAML guesses types from how a value is written, so `version: 1.0` is a number; write
`version: "1.0"` to make it text. datacard never converts silently: a quoted `"2030853"` is
text, not a count, and `yes` is text, not true.
""", Fixable.SOMETIMES, """
A quoted number where a number belongs loses its quotes; `yes`, `no`, `on` and `off` where true
or false belongs become `true` or `false`; a number or boolean where text belongs is quoted as
it was written (`version: 1.10` becomes `version: "1.10"`, not 1.1); a single value where a list
belongs becomes a list of one. A number written with thousands separators (`"2,030,853"`) only
with `--unsafe-fixes`: a comma is a decimal point in many languages.
""")
BAD_ENUM = Code("DC104", "invalid-choice", E, "A value is not one of the allowed choices.", """
Some fields take one of a fixed set of values (collection methods, modalities, access types,
licence ids). The message lists the allowed values, or the nearest ones when there are many.
A licence id may also be an SPDX licence expression of ids joined by AND, OR and WITH; the
message names the part that is wrong, and a deprecated SPDX id is named with its replacement:
`license: {id: GPL-2.0-or-later WITH Classpath-exception-2.0}`.
""", Fixable.SOMETIMES, """
A value that differs from an allowed one only in case or separators (`cc-by-4.0`,
`User generated content`) becomes that value, and a deprecated SPDX id its named replacement;
the nearest spelling neighbour only with `--unsafe-fixes`.
""")
BAD_DATE = Code("DC105", "invalid-date", E, "A date is malformed or out of order.", """
Dates are ISO 8601 calendar dates, complete or partial: `2017`, `2017-06` or `2017-06-30`.
A timeframe's end may not come before its start.
""", Fixable.SOMETIMES, """
A year-first date with other separators or unpadded parts (`2017/06`, `2017.6.3`) is written
in ISO form (`2017-06`, `2017-06-03`); a date and time (`2017-06-30T12:00:00Z`) is cut to its
date only with `--unsafe-fixes`.
""")
BAD_FORMAT = Code("DC106", "invalid-format", E, "A value does not have the required form.", """
Some text fields have a form: `name` is a lowercase slug (`yelp-reviews`), language tags are
BCP 47 (`en`, `en-US`, `nb`), URLs start with `http://` or `https://`, e-mail addresses have
an `@`, identifiers carry a scheme prefix (`hf:imdb`, `doi:10.1234/abc`).
""", Fixable.SOMETIMES, """
A language name where a tag belongs becomes its tag (`English` -> `en`), and a tag written with
underscores its BCP 47 form (`en_US` -> `en-US`). A `name` that is not a slug becomes one
(`Yelp Reviews` -> `yelp-reviews`) only with `--unsafe-fixes`: other files may refer to the name.
""")
INCONSISTENT = Code("DC107", "inconsistent-values", E, "Values contradict each other.", """
Some combinations are contradictions: saying the data is not about people and also listing
speaker demographics, saying the data has no sensitive content and also listing sensitive
fields, a licence of `other` that also has an SPDX id. The message says which to keep.
""")
BAD_VERSION = Code("DC108", "unsupported-schema-version", E, "The `schema_version` is not supported.", """
The datasheet names a schema version this release of datacard does not know. Write the
version that `datacard schema` prints, or upgrade datacard.
""", Fixable.SOMETIMES, """
A quoted version (`schema_version: "1"`) loses its quotes.
""")
BAD_KIND = Code("DC109", "unknown-kind", E, "The `kind` of document is not known.", """
A `*.datacard.yaml` file is a datasheet (`kind: datasheet`, the default) or a training
manifest (`kind: training`).
""")

# --- DC02x: the project: configuration and the files a command reads --------------------------
CONFIG_SYNTAX = Code("DC020", "config-syntax", E, "The configuration file cannot be read as TOML.", """
`datacard.toml`, or the `[tool.datacard]` table of `pyproject.toml`, must be valid TOML. The
finding points at the line and column where the TOML parser stopped; the run stops with exit
code 2, because settings that cannot be read would silently change what is checked.

Good:

    [tool.datacard]
    extend-exclude = ["tests/fixtures"]
""")
CONFIG_UNKNOWN_KEY = Code("DC021", "config-unknown-key", E, "A configuration key that datacard does not define.", """
The configuration is closed, as the datasheet model is: a misspelt key would otherwise be
ignored and the run would differ from the one its author configured. The message names the
closest key datacard does define; `docs/configuration.md` lists them all.

Good:

    [tool.datacard]
    fail-on = "error"
""")
CONFIG_BAD_VALUE = Code("DC022", "config-invalid-value", E, "A configuration value is wrong or unusable.", """
Each key takes one kind of value: a list of codes, a list of globs, true or false, a whole
number, a path. The message says what the key takes. Values are also checked for meaning: a
code selector must match a rule code, a `policy` file and the folders in `allow-outside-root`
must exist, `extend-require` holds dotted field names.

Good:

    [tool.datacard]
    select = ["DC2", "DC304"]
    max-bytes = 20_000_000
    extend-require = ["audience.maintenance.contact"]
""")
WRONG_KIND = Code("DC023", "unsupported-input", E, "A file named on the command line is not one it reads.", """
A file that a user names is never skipped in silence: a run that checked nothing must not
look like a pass. The message says what the file is (a Hugging Face dataset card, Croissant
metadata, a data file, ...) and which command reads it. The run exits with code 2.

Good:

    datacard import hf README.md -o reviews.datacard.yaml
    datacard lint reviews.datacard.yaml
""")
LINK_OUTSIDE = Code("DC024", "link-outside-project", E, "A link leads outside the project; it is not read.", """
A link committed to a repository can point anywhere on the machine that checks it out
(`/proc/self/environ`, a home directory, `/`). datacard reads files inside the project root
(the git work tree, or the folder of the configuration) and the folders listed in
`allow-outside-root`, and follows no link out of them. Named on the command line, such a link
is an error; met in a directory walk, a warning. Replace the link by the file, or list its
folder in `allow-outside-root`.

Good:

    [tool.datacard]
    allow-outside-root = ["../shared-datasheets"]
""")
SPECIAL_FILE = Code("DC025", "not-a-regular-file", W, "A pipe, socket or device; it is not read.", """
A directory walk reads regular files only: a FIFO would block the run forever and a device
could be read without end. Name the file on the command line to read it on purpose (as
`datacard validate <(generate-datasheet)` does), or remove it from the tree.

Good:

    datacard validate reviews.datacard.yaml
""")
UNREADABLE_DIR = Code("DC026", "unreadable-directory", W, "A directory of the walk cannot be read.", """
The directory could not be listed (permissions, or it vanished during the walk), so the files
in it were not checked. Fix its permissions, or leave it out of the walk on purpose.

Good:

    [tool.datacard]
    extend-exclude = ["private-cache"]
""")
