"""DC2xx: a datasheet that leaves context out, or says things that do not add up (the linter's
datasheet rules in :mod:`datacard.lint`)."""

from __future__ import annotations

from datacard.codebook.base import Code, E, I, W
from datacard.context.answers import MIN_WORDS

ORIGIN_MISSING = Code("DC201", "origin-missing", W, "The datasheet does not say where the data comes from.", """
A model inherits whatever its data carries. Without the origin — who made the data, from what
sources, by which method, when, and who is in it — no one can later judge whether the data fits
a new purpose. The finding names the field to add; it points at the deepest key that exists, or
at the placeholder that stands where the answer should be.

Good:

    origin:
      creators:
        - name: Yelp Inc.
          kind: organization
      sources:
        - name: Yelp Dataset Challenge 2015
          url: https://www.yelp.com/dataset
      collection:
        methods: [user-generated-content]
        timeframe: {start: 2004, end: 2015}
      people:
        about_people: true
        description: Yelp users who wrote reviews in English.
""")

APPLICATION_MISSING = Code("DC202", "application-missing", W, "The datasheet does not say what the data is for.", """
The application states the purpose, intended and out-of-scope uses, known biases and
limitations, and whether the data holds personal or sensitive information. A reviewer needs
these to decide whether a model may be trained on the data at all.

Good:

    application:
      purpose: Benchmark for binary sentiment classification of English reviews.
      intended_uses: [Training and evaluating sentiment classifiers.]
      out_of_scope_uses: [Judging individual businesses or reviewers.]
      biases:
        - description: Reviews over-represent restaurants in large US cities.
    composition:
      sensitive:
        present: false
        reason: Reviewer names and ids were removed; text was screened for e-mail addresses.
""")

AUDIENCE_MISSING = Code("DC203", "audience-missing", W, "The datasheet does not say whom the data is for.", """
The audience says who the dataset is meant for, how one gets access, under what licence, and
who maintains it. No documentation standard has a first-class field for intended users, so
importers often leave it empty: write it yourself rather than let it be guessed.

Good:

    audience:
      intended_users: [NLP researchers, ML engineers building review classifiers]
      access: {type: open}
      license: {id: CC-BY-4.0}
      maintenance:
        contact: https://github.com/example/yelp-reviews/issues
""")

LANGUAGE_MISSING = Code(
    "DC204", "language-missing", W, "Data that may hold text or speech does not name its language.", """
When the data is text or speech, its language varieties decide who a model trained on it will
serve. Name them as BCP 47 tags, with the variety in words where it matters. Data that holds no
language says so through its modalities: `composition.modalities: [image]`, or audio of no
people (`origin.people.about_people: false`).

Good:

    composition:
      modalities: [text]
      languages:
        - tag: nb
          description: Norwegian Bokmål as transcribed in parliamentary proceedings.
""")

ANNOTATION_UNDOCUMENTED = Code(
    "DC205", "annotation-undocumented", W, "Labelled data does not say who labelled it, or how.", """
Labels encode the judgement of whoever made them. For labelled data, say how the labels were
made and by whom (crowdworkers, experts, a model), so that a reviewer can weigh their reliability
and whose view they carry.

Good:

    origin:
      annotation:
        labelled: true
        creators: [crowdsourced]
        process: Three paid annotators labelled each ticket; the majority label was kept.
        annotators:
          description: Support staff trained on the category guide.
""")

PEOPLE_WITHOUT_CONSENT = Code(
    "DC206", "people-without-consent", W, "Data about people says nothing about consent or ethics review.", """
When the data may be about people, say whether they consented (and how), or why consent was not
required, and whether an ethics board reviewed the collection. "Not obtained" is an answer;
silence is not. Data about no one says so: `origin.people.about_people: false` with a reason.

Good:

    origin:
      ethics:
        consent:
          status: not-required
          description: Public parliamentary speeches; speakers are public office holders.
        review:
          status: exempt
          board: University research ethics committee
""")

PLACEHOLDER_TEXT = Code(
    "DC207", "placeholder-text", W, "A field holds placeholder or template text instead of an answer.", """
`TBD`, `N/A`, `TODO`, `[More Information Needed]`, `<describe the data>` and copied template
questions fill a field without answering it, and hide the gap from anyone who only checks that
the field exists. Write the answer; if the honest answer is that nobody knows, say that and
why.

Good:

    collection:
      description: >-
        Reviews were exported from the Yelp Dataset Challenge 2015 dump; no further
        filtering was done.
      timeframe:
        description: Unknown; the vendor did not say when the recordings were made.
""")

TEXT_TOO_SHORT = Code("DC208", "text-too-short", W, "A prose field is too short to say anything.", f"""
Fields such as the purpose, the collection description, who is represented or how sensitive
data is handled need a sentence, not a word. A one- or two-word answer (`Sentiment.`,
`Scraped.`) passes a presence check and tells a reviewer nothing. This rule asks for at least
{MIN_WORDS} words in those fields, and two in the reasons given for an absence.

Good:

    application:
      purpose: Train and evaluate binary sentiment classifiers on English restaurant reviews.
""")

SPLIT_SUM_MISMATCH = Code(
    "DC209", "split-sum-mismatch", W, "The split counts do not add up to the instance count.", """
When every split has a count and the dataset has a total, the splits should add up to it.
If they overlap or leave instances out on purpose, say so in `split_rationale`.

Good:

    composition:
      count: 598000
      splits:
        - {name: train, count: 560000}
        - {name: test, count: 38000}
""")

LICENSE_OTHER_UNNAMED = Code(
    "DC210", "license-other-unnamed", W, "A licence of `other` names neither the licence nor a link to it.", """
`id: other` says only that the licence has no SPDX id. Give its name and a link to the text, so
that a reader can find out what they may do with the data.

Good:

    audience:
      license:
        id: other
        name: Yelp Dataset Terms of Use
        url: https://s3-media0.fl.yelpcdn.com/assets/srv0/engineering_pages/bea5c1e92bf3/assets/vendor/yelp-dataset-agreement.pdf
""")

SENSITIVE_WITHOUT_HANDLING = Code(
    "DC211", "sensitive-without-handling", W, "Sensitive data is present but nothing says how it is handled.", """
When the data holds personal or sensitive information, say how it is protected: removed,
pseudonymised, aggregated, access-controlled. Without that, a model trained on it may memorise
and repeat it.

Good:

    composition:
      sensitive:
        present: true
        categories: [financial, names]
        fields: [applicant_name, income]
        handling: Names are replaced by salted hashes; access needs a signed data agreement.
""")

SENSITIVE_FIELD_UNDECLARED = Code(
    "DC212", "sensitive-field-undeclared", W,
    "A field is marked sensitive but the dataset says it has no sensitive data.", """
A field with `sensitive: true` contradicts `composition.sensitive.present: false`, and a
sensitive field that is not listed in `composition.sensitive.fields` is easy to miss. Keep the
two in agreement.

Good:

    composition:
      fields:
        - {name: email, type: string, sensitive: true}
      sensitive:
        present: true
        fields: [email]
        handling: Addresses are hashed before release.
""")

USE_BOTH_INTENDED_AND_EXCLUDED = Code(
    "DC213", "use-both-intended-and-excluded", E, "A use is listed both as intended and as out of scope.", """
The same use cannot be both intended and out of scope. Keep it in one list, and make the other
precise ("sentiment analysis of product reviews" against "sentiment analysis of individuals").

Good:

    application:
      intended_uses: [Sentiment analysis of product reviews.]
      out_of_scope_uses: [Profiling individual reviewers.]
""")

PEOPLE_UNDESCRIBED = Code("DC214", "people-undescribed", W, "Data about people does not say who they are.", """
`about_people: true` (or a `people` subject) with no description, speakers or subpopulations
leaves out the most important part: who is represented, and who is missing. Describe them.

Good:

    origin:
      people:
        about_people: true
        description: >-
          Members of the Norwegian parliament 1998-2016, with their party, gender and region;
          speeches by ministers are included, questions from the public are not.
""")

SOURCE_UNTRACEABLE = Code(
    "DC215", "source-untraceable", I, "A source dataset names neither a link nor a datasheet.", """
A source that this dataset derives from (`relation` other than `original`) given only by name
cannot be followed: add its `url`, or, when it is a dataset with a
datasheet of its own, `datacard:` (a relative path) or `dataset:` (its name or identifier) so
that lineage checks can follow it.

Good:

    origin:
      sources:
        - name: CRM export, accounts table
          datacard: crm-raw.datacard.yaml
          relation: derived
""")

REQUIRED_FIELD_MISSING = Code("DC216", "required-field-missing", W, "A field the project requires is missing.", """
A project can require more context than datacard's defaults with `extend-require` in
`[tool.datacard]`, for example a maintainer's contact and the ethics review. The finding names
the required field; write it in the datasheet.

Good:

    # pyproject.toml
    [tool.datacard]
    extend-require = ["audience.maintenance.contact", "origin.ethics.review"]

    # the datasheet
    audience:
      maintenance:
        contact: data-platform@example.com
""")

POLICY_VIOLATION = Code("DC217", "policy-violation", W, "The datasheet breaks a rule of the project's policy.", """
A project can add house rules as a JSON Schema overlay (`policy = "policy.schema.json"` in
`[tool.datacard]`), checked against each datasheet on top of datacard's own schema: a contact at
the organisation's domain, an ethics review for every dataset, a closed list of licences. The
message is the `description` of the rule that failed, then what the schema checker found.

Good (with a policy that requires a contact at example.com):

    audience:
      maintenance:
        contact: data-platform@example.com
""")
