"""DC3xx: a model trained on data (training manifests, model cards, DVC pipelines) whose
references, lineage or datasheets fall short (the linter's setup and reference rules)."""

from __future__ import annotations

from datacard.codebook.base import Code, E, I, W

UNRESOLVED_REFERENCE = Code("DC301", "unresolved-reference", E, "A training reference resolves to no datasheet.", """
Every dataset a model uses needs a datasheet the linter can find: by relative path
(`datacard: data/reviews.datacard.yaml`), by name, or by an identifier the datasheet lists
(`dataset: imdb` finds a datasheet whose `identifiers` hold `hf:imdb`). Third-party ids can be
mapped to local datasheets in `[tool.datacard.datasets]`. In DVC pipelines, link data to its
datasheet with `meta: {datacard: PATH}` on the artifact or stage output.

Good:

    data:
      - dataset: yelp_polarity        # datasheet lists identifiers: [hf:yelp_polarity]
        revision: 2020-01-04
      - datacard: ../support-tickets.datacard.yaml
        revision: v3
""")

TRAINING_DATA_ORIGIN_GAP = Code(
    "DC302", "training-data-origin-gap", W, "A model is trained on data whose origin is not documented.", """
The datasheet of the training data (or of a dataset it derives from) does not say who made the
data, from what, how, when, or who is in it; or it leaves out a conditional field: the language
of text or speech, the annotators and process of labelled data, consent or ethics review for
data about people. The finding sits on the training reference and names the datasheet and the
field; fix it in the datasheet (see DC201, DC204-DC206).

Good (in the datasheet):

    origin:
      creators: [{name: Stortinget, kind: organization}]
      sources: [{name: Stortinget proceedings, url: https://www.stortinget.no}]
      collection: {methods: [document-analysis], timeframe: {start: 1998, end: 2016}}
      people: {about_people: true, description: Members of parliament and ministers.}
""")

TRAINING_DATA_APPLICATION_GAP = Code(
    "DC303", "training-data-application-gap", W,
    "A model is trained on data whose intended application is not documented.", """
The training data's datasheet (or an ancestor's) does not say what the data is for, what it
must not be used for, its known biases and limitations, or whether it holds sensitive data.
Without those, nobody can say whether this model is a use the data supports (see DC202).

Good (in the datasheet):

    application:
      purpose: Route incoming support tickets to the right team.
      intended_uses: [Training ticket classifiers for internal routing.]
      out_of_scope_uses: [Evaluating the performance of support staff.]
      limitations: [{description: Tickets before 2021 use an older category scheme.}]
""")

TRAINING_DATA_AUDIENCE_GAP = Code(
    "DC304", "training-data-audience-gap", W,
    "A model is trained on data whose audience and terms are not documented.", """
The training data's datasheet (or an ancestor's) does not say whom the data is for, how it may
be accessed, under which licence, or who maintains it. A model trained on data with unknown
terms may not be shippable (see DC203).

Good (in the datasheet):

    audience:
      intended_users: [Internal ML team]
      access: {type: internal, conditions: Employees with a data-use agreement.}
      license: {id: other, name: Internal use only, url: https://intranet.example.com/data-policy}
      maintenance: {contact: data-platform@example.com}
""")

USE_OUT_OF_SCOPE = Code(
    "DC305", "use-out-of-scope", E, "A model's task or intended use is listed as out of scope for its data.", """
The datasheet says the data must not be used for something the model is meant to do. Either
the model should not be trained on this data, or the datasheet's out-of-scope list is wrong;
resolve it with whoever maintains the data.

Good: a model whose `tasks` and `intended_uses` appear in none of its data's
`application.out_of_scope_uses`:

    model:
      tasks: [text-classification]
      intended_uses: [Routing support tickets to teams.]
""")

TASK_NOT_INTENDED = Code(
    "DC306", "task-not-intended", W, "A model's task is not among the tasks its data is meant for.", """
The datasheet lists the tasks the data is meant for (`application.tasks`), and the model's task
is not one of them. The data may still be fit for it, but the datasheet does not say so: add
the task there once someone has checked, or choose other data.

Good:

    # datasheet
    application:
      tasks: [text-classification, sentiment-analysis]
    # training manifest
    model:
      tasks: [text-classification]
""")

UNPINNED_REVISION = Code("DC307", "unpinned-revision", W, "A data reference does not pin a revision.", """
Data changes: a reference without a `revision` (a version, tag, commit or date) trains on
whatever the data is today, and the datasheet may describe another version. Pin it. In DVC
pipelines, the hash that `dvc.lock` records for a dependency is its pin, so run `dvc repro` or
`dvc commit` to record it. Hugging Face model cards have no place for a revision, so this rule
does not apply to them.

Good:

    data:
      - datacard: ../yelp-reviews.datacard.yaml
        revision: "2015"
""")

LINEAGE_CYCLE = Code("DC308", "lineage-cycle", E, "Datasheets derive from each other in a cycle.", """
Following `origin.sources` from the training data leads back to a datasheet already on the
path. A dataset cannot be its own ancestor; one of the `datacard:` or `dataset:` links is
wrong. The finding shows the chain; the walk stops at the repeat.

Good: sources that point only to the data something was made from:

    # crm-accounts.datacard.yaml
    origin:
      sources:
        - {name: Raw CRM export, datacard: crm-raw.datacard.yaml, relation: derived}
""")

SOURCE_PATH_INVALID = Code(
    "DC309", "source-path-invalid", E, "A datasheet's source path is missing, outside the project, or itself.", """
`origin.sources[].datacard` is a path, relative to the datasheet, to the datasheet of a dataset
this one derives from. It must exist, stay inside the project (so that everyone who checks
out the repository can follow it), and not point at the datasheet itself.

Good:

    origin:
      sources:
        - {name: Raw CRM export, datacard: crm-raw.datacard.yaml, relation: derived}
""")

MODEL_CARD_INFORMATION_NEEDED = Code(
    "DC310", "model-card-information-needed", W,
    "A model card says \"More information needed\" where it should name uses or training data.", """
Model cards written by training tools leave "More information needed" under *Intended uses &
limitations* and *Training and evaluation data*. Those sections are where a reader learns what
the model is for and what it learnt from. Replace the placeholder.

Good:

    ## Training and evaluation data

    Fine-tuned on the `train` split of yelp_polarity (560,000 English reviews, see
    data/yelp-reviews.datacard.yaml); evaluated on its `test` split.
""")

REFERENCED_DATASHEET_INVALID = Code(
    "DC311", "referenced-datasheet-invalid", E, "A training reference leads to a datasheet that does not validate.", """
The referenced datasheet exists but has loading or schema errors, so its context cannot be
checked. Run `datacard validate` on it and fix what it reports.

Good: a referenced datasheet for which `datacard validate PATH` reports nothing.
""")

NO_TRAINING_DATA = Code("DC312", "no-training-data", W, "A model names no training data.", """
A training manifest with no training or fine-tuning references, a model card whose `datasets:`
is empty, or a DVC model output whose stages read no data: nothing says what the model learnt
from, so nothing can be checked.

Good:

    datasets:
      - yelp_polarity
""")

DEPRECATED_DATA = Code("DC313", "deprecated-data", W, "A model is trained on data its maintainers have deprecated.", """
The datasheet's `audience.maintenance.status` says the data is deprecated or unmaintained:
errors will not be fixed and the maintainers may have published a replacement. Train on the
replacement, or record why this version is still the right one.

Good (in the datasheet of data that is still fit to train on):

    audience:
      maintenance:
        status: actively-maintained
        contact: data-platform@example.com
""")

ML_USE_NOT_INTENDED = Code(
    "DC314", "ml-use-not-intended", W, "Data is used in a role its datasheet does not list among its ML uses.", """
`application.ml_uses` says what the data may be used for in machine learning: training,
fine-tuning, validation, testing, evaluation. Training a model on data meant only for
evaluation contaminates every benchmark that uses it; evaluating on data meant only for
training may overstate quality. Use the data as listed, or update the datasheet once someone
has checked.

Good:

    # datasheet
    application:
      ml_uses: [training, evaluation]
    # manifest
    data:
      - datacard: reviews.datacard.yaml
        role: training
""")

TRAINING_ON_HELD_OUT_SPLIT = Code(
    "DC315", "training-on-held-out-split", W, "A model is trained on a split meant to be held out.", """
A `test`, `validation` or `dev` split exists to measure a model on data it has not seen.
Training or fine-tuning on it makes every later measurement on that split meaningless. Train on
the training split, or give the split another role.

Good:

    data:
      - dataset: yelp-reviews
        split: train
      - dataset: yelp-reviews
        split: test
        role: evaluation
""")

UNKNOWN_SPLIT = Code("DC316", "unknown-split", W, "A reference names a split that the datasheet does not list.", """
When the datasheet lists its splits (`composition.splits`), a reference's `split` should be one
of them; otherwise the reference is misspelt, or the datasheet describes another version of the
data.

Good:

    # datasheet
    composition:
      splits: [{name: train, count: 560000}, {name: test, count: 38000}]
    # manifest
    data:
      - dataset: yelp-reviews
        split: train
""")

#: The code a training reference's gaps are reported with, by the group of the needs they leave open.
GAP_BY_GROUP = {"origin": TRAINING_DATA_ORIGIN_GAP, "application": TRAINING_DATA_APPLICATION_GAP,
                "audience": TRAINING_DATA_AUDIENCE_GAP}

BASE_MODEL_CYCLE = Code("DC317", "base-model-cycle", E, "Model cards name each other as base models in a loop.", """
A model card's `base_model` leads, through the base models' own cards, back to itself. A model
cannot be its own ancestor: one of the cards names the wrong base. The loop is reported once and
not followed again, so the data the models inherit is still checked.

Good:

    base_model: google-bert/bert-base-uncased
""")
BASE_MODEL_UNKNOWN = Code("DC318", "base-model-without-card", I, "A base model has no model card in the project.", """
A fine-tuned model inherits what its base model learnt from. When the project holds the base
model's card (a path in `base_model`, or a card whose model name matches), `datacard lint`
checks the base's training data too and reports its gaps on the `base_model` line. With no card,
that data is not checked. Add the base model's card to the project, or point `base_model` at it.

Good:

    base_model: ../bert-base/README.md
""")
