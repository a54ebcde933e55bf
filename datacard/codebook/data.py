"""Codes for data checked against its datasheet (DC5xx)."""

from __future__ import annotations

from datacard.codebook.base import Code, E, I, W

COUNT = Code("DC501", "count-mismatch", E, "The data has a different number of instances.", """
`composition.count` says how many instances the dataset has; the data has a different number.
Either the data changed (rows were added, dropped or deduplicated) or the datasheet is stale.
Run `datacard profile DATA --datasheet DATASHEET` to write the measured count into the
datasheet, after checking that the change was meant.
""")
SPLIT_COUNT = Code("DC502", "split-count-mismatch", E, "A split has a different number of instances.", """
A split's `count` in `composition.splits` differs from the number of rows of that split in the
data (rows whose split column holds the split's name, or the rows of the split's file).
""")
SPLIT_ABSENT = Code("DC503", "split-absent", E, "A declared split does not occur in the data.", """
`composition.splits` names a split that no row of the data belongs to. Check the split
column's values (`train`, `validation`, `test`...) or the file given for each split.
""")
SPLIT_UNDECLARED = Code("DC504", "split-undeclared", W, "The data has a split the datasheet does not list.", """
Rows of the data belong to a split that `composition.splits` does not name. Add the split,
with its count and how it was made, or remove the rows.
""")
FIELD_ABSENT = Code("DC505", "field-absent", E, "A declared field is not in the data.", """
`composition.fields` lists a field (column) that the data does not have. The column was
renamed or dropped, or the datasheet describes another version of the data.
""")
FIELD_UNDECLARED = Code("DC506", "field-undeclared", W, "The data has a field the datasheet does not describe.", """
A column of the data has no entry in `composition.fields`. Every field needs at least its
name, type and a description of what it holds; `datacard profile --datasheet` adds the
measured part.
""")
TYPE = Code("DC507", "type-mismatch", E, "A field's values do not have the declared type.", """
The field's `type` in the datasheet does not match the type of the column in the data. Integer
columns satisfy `float`; string, integer and boolean columns satisfy `category`; date and
datetime columns satisfy each other only as `datetime`.
""")
RANGE = Code("DC508", "out-of-range", E, "Values lie outside the field's declared range.", """
The smallest or largest value in the column lies outside the field's `range` (`min`, `max`).
Dates compare as ISO dates; a partial date such as `2017` covers the whole year.
""")
VALUES = Code("DC509", "value-not-allowed", E, "A field holds values outside its declared `values`.", """
The field lists its allowed `values`, and the data holds others. The message gives a few of
them. Values are compared as text.
""")
MISSING = Code("DC510", "missing-share-mismatch", W, "The share of missing values differs from the datasheet.", """
The field's `missing` share (0-1) differs from the share of rows where the column is empty by
more than the tolerance (0.01 by default). Empty cells in CSV, nulls in Parquet and JSON and
NaN in floating point columns count as missing.
""")
NOT_NULLABLE = Code(
    "DC511", "missing-in-non-nullable", E, "A field declared `nullable: false` has missing values.", """
The datasheet says the field is never missing, but some rows have no value.
""")
TIMEFRAME = Code("DC512", "outside-timeframe", E, "Dates in the data fall outside the datasheet's timeframe.", """
A date or datetime column holds values before the start or after the end of
`origin.collection.content_timeframe` (when given, since content dates are what columns such
as `published` hold) or else of `origin.collection.timeframe`. Either the timeframe is wrong
or rows from outside it slipped in.
""")
SENSITIVE_UNDECLARED = Code(
    "DC513", "sensitive-undeclared", W, "A column looks sensitive but the datasheet does not say so.", """
The column's name suggests personal or sensitive data (a name, e-mail, phone number, address,
age, gender, ethnicity, religion, health, ...), but the datasheet neither marks its field
`sensitive: true` nor lists it in `composition.sensitive.fields`; or the datasheet says
`composition.sensitive.present: false`. Declare it, or explain in the field's description
why it is not sensitive and mark it `sensitive: false`.
""")
SENSITIVE_ABSENT = Code("DC514", "sensitive-field-absent", W, "A field declared sensitive is not in the data.", """
`composition.sensitive.fields` names a column that the data does not have. If it was removed
(for instance to anonymise the data), say so in `composition.sensitive.handling` and remove it
from the list.
""")
MEASURED_CONFLICT = Code(
    "DC515", "measured-conflict", W, "The data measures another value than the datasheet documents.", """
`datacard profile --datasheet` measured a fact (a count, a split's size, a missing share, a
distinct count, a range, text lengths, a label balance) that contradicts the value the datasheet
states. The documented value is kept: it may come from a source the profile cannot see (the
publisher's count, the full data behind a file), and no measurement replaces it silently. The
finding gives both values, the line of the documented one, and the rows measured. Check which is
right; to write the measured value, pass `--accept FIELD` (the field path the message names,
such as `composition.count` or `composition.fields[2].missing`) or `--accept-measured` for all.

Good (after `--accept composition.count`, the record says what was measured, when and from what):

    composition:
      count: 598000
      measured: {by: datacard profile, date: "2024-05-02", rows: 598000, sample: false}
""")
SAMPLE = Code("DC516", "sample-not-counted", I, "The rows read are a sample; counts are not measured from them.", """
The data read is a sample of the dataset: `--sample N` was given, or it has fewer rows than the
datasheet's `composition.count` (or its split counts) declares. A sample says nothing about the
dataset's size, so counts, split sizes, distinct counts and group sizes are neither written nor
compared, and the documented ones are kept; missing shares and label rates are judged by their
95% confidence interval (Wilson), so that a sample never contradicts the datasheet by chance.
If the dataset really has as many rows as were read, pass `--accept composition.count`.

Good (a check of the first 5,000 rows of a large file):

    datacard check reviews.csv --datasheet reviews.datacard.yaml --sample 5000
""")
DISPARITY = Code(
    "DC520", "label-rate-disparity", W, "A group's label rate differs from the others' beyond the threshold.", """
For a subgroup column (`role: subgroup` or `sensitive: true`) and the label, the rate of a
label value in one group, divided by the highest rate among the groups, is below the threshold
(0.8, the "four-fifths rule" of the US Uniform Guidelines on Employee Selection Procedures).
A model trained on such data can learn the group as a proxy for the label, as sentiment models
trained on restaurant reviews learned cuisine. Document it in `application.biases` and
consider reweighting or resampling.
""")
SMALL_GROUP = Code("DC521", "small-group", I, "A group is too small to judge its label rate.", """
A group has fewer instances than the minimum (30 by default), so its label rate is too noisy to
compare. It is listed in the representation table but not judged.
""")
TOO_MANY_GROUPS = Code("DC522", "too-many-groups", W, "A subgroup column has too many distinct values to track.", """
A column declared as a subgroup (or sensitive) has more distinct values than datacard tracks
(1000 by default), so its distribution is not reported. A column with that many values is an
identifier or free text, not a group; bucket it (age bands, regions) or change its role.
""")
NO_EMBEDDED = Code("DC530", "no-embedded-datasheet", E, "The Parquet file carries no datasheet.", """
The file's schema metadata has no `datacard.datasheet` entry. Embed one with
`datacard embed DATASHEET DATA.parquet`.
""")
EMBEDDED_UNREADABLE = Code(
    "DC531", "embedded-datasheet-unreadable", E, "The datasheet a Parquet file carries cannot be loaded.", """
The `datacard.datasheet` entry of the file's metadata holds text that datacard could not turn
into a datasheet. Extract it with `datacard extract DATA.parquet`, fix what the message names,
and embed it again with `datacard embed --force DATASHEET DATA.parquet`.

Good (the embedded text is a datasheet like any other):

    schema_version: 1
    name: yelp-reviews
    composition:
      count: 598000
""")
