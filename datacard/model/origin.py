"""Origin: who made the dataset, from what, how and when, and who is in it."""

from __future__ import annotations

from pydantic import ConfigDict, Field, JsonValue, model_validator

from datacard.model.base import Closed, none_statement_schema
from datacard.model.checks import (
    ANNOTATION_DETAILS,
    PEOPLE_DETAILS,
    SOURCE_KEYS,
    annotation_none_or_details,
    people_none_or_details,
    source_names_something,
    timeframe_ordered,
)
from datacard.model.enums import (
    AnnotationCreator,
    Cadence,
    CollectionMethod,
    ConsentStatus,
    DataSubject,
    Identifiability,
    ReviewStatus,
    SamplingMethod,
    SourceRelation,
    SpeechModality,
    TransformationKind,
)
from datacard.model.parts import Agent, Funding
from datacard.model.types import Count, Flag, PartialDate, Ratio, Url

# A source names something, or says `relation: original` alone (data derived from no dataset).
_SOURCE_FORMS: list[JsonValue] = [{"required": [key]} for key in SOURCE_KEYS]
_SOURCE_FORMS.append({"required": ["relation"], "properties": {"relation": {"const": "original"}}})


class Source(Closed):
    """Where the data came from: raw material, or another dataset this one derives from."""

    model_config = ConfigDict(json_schema_extra={"anyOf": _SOURCE_FORMS})

    name: str | None = Field(None, description="Name of the source (a website, archive, dataset).")
    description: str | None = Field(None, description="What was taken from it and how.")
    url: Url | None = Field(None, description="Where the source can be found.")
    datacard: str | None = Field(
        None, description="Relative path to the source dataset's own datasheet, for lineage."
    )
    dataset: str | None = Field(
        None, description="Name or identifier (hf:..., doi:...) of a source dataset with a datasheet."
    )
    relation: SourceRelation | None = Field(
        None, description="How this dataset relates to the source: subset, derived, extended, ..."
    )
    license: str | None = Field(None, description="The source's licence, as an SPDX id or name.")

    _names_something = model_validator(mode="after")(source_names_something)


class Timeframe(Closed):
    """A span of time, each end a full or partial ISO date."""

    start: PartialDate | None = Field(None, description="First date covered: 2017, 2017-06 or 2017-06-30.")
    end: PartialDate | None = Field(None, description="Last date covered; not before the start.")
    description: str | None = Field(None, description="Anything the dates alone do not say.")

    _ordered = model_validator(mode="after")(timeframe_ordered)


class Sampling(Closed):
    """How instances were selected from a larger set (Datasheets K3, Data Cards sampling)."""

    method: SamplingMethod | None = Field(None, description="Sampling method: random, stratified, ...")
    description: str | None = Field(None, description="The strategy, its parameters and why.")


class Collectors(Closed):
    """Who collected the data and how they were paid (Datasheets K4)."""

    description: str | None = Field(None, description="Students, crowdworkers, contractors, staff, ...")
    compensation: str | None = Field(None, description="How they were paid, and how the pay was set.")


class Collection(Closed):
    """How the data was collected (Datasheets K1-K5, Croissant RAI dataCollection*)."""

    description: str | None = Field(None, description="How the data was acquired and validated.")
    methods: list[CollectionMethod] = Field(
        default_factory=list, description="Collection methods (Croissant RAI dataCollectionType)."
    )
    content_creators: list[AnnotationCreator] = Field(
        default_factory=list, description="Who produced the content itself (Hugging Face language_creators): "
        "found, crowdsourced, expert-generated, machine-generated or other.")
    mechanisms: str | None = Field(None, description="Sensors, software, APIs or manual work used.")
    criteria: str | None = Field(None, description="Inclusion and exclusion criteria.")
    sampling: Sampling | None = Field(None, description="How instances were sampled.")
    collectors: Collectors | None = Field(None, description="Who collected the data.")
    timeframe: Timeframe | None = Field(None, description="When the data was collected.")
    content_timeframe: Timeframe | None = Field(
        None, description="When the underlying content was created, if different from collection."
    )
    places: list[str] = Field(default_factory=list, description="Places the data covers or was collected in.")
    cadence: Cadence | None = Field(None, description="static, periodic, streamed or dynamic.")
    validation: str | None = Field(None, description="How the collected data was checked.")


class Step(Closed):
    """One preprocessing, cleaning or labelling step (Data Cards transformations)."""

    kind: TransformationKind | None = Field(None, description="Kind of transformation.")
    description: str = Field(description="What the step did and why.")
    tool: str | None = Field(None, description="Software used, with version.")


class Preprocessing(Closed):
    """How raw data became this dataset (Datasheets P1-P3, Croissant RAI *Protocol)."""

    description: str | None = Field(None, description="Overview of cleaning, filtering and transformation.")
    steps: list[Step] = Field(default_factory=list, description="The steps in order.")
    imputation: str | None = Field(None, description="How missing values were filled in, if at all.")
    manipulation: str | None = Field(None, description="Other manipulation of the data.")
    raw_data_retained: Flag | None = Field(None, description="Whether the raw data was kept.")
    raw_data_url: Url | None = Field(None, description="Where the raw data can be obtained.")
    software: str | None = Field(None, description="Software or code used, with a link.")


class Demographics(Closed):
    """Demographics of a group of people (Data Statements §6 and §7)."""

    description: str | None = Field(None, description="Who they are, in a sentence or two.")
    count: Count | None = Field(None, description="How many people.")
    age: str | None = Field(None, description="Age range or distribution.")
    gender: str | None = Field(None, description="Gender distribution.")
    race_ethnicity: str | None = Field(None, description="Race or ethnicity.")
    first_languages: list[str] = Field(default_factory=list, description="First language(s).")
    proficiency: str | None = Field(None, description="Proficiency in the language of the data.")
    socioeconomic_status: str | None = Field(None, description="Socioeconomic status.")
    location: str | None = Field(None, description="Where they live or lived.")
    disordered_speech: str | None = Field(None, description="Presence of disordered speech or sign.")
    training: str | None = Field(None, description="Relevant training, for annotators.")
    other: str | None = Field(None, description="Other relevant characteristics.")


class Annotators(Demographics):
    """The people who labelled the data, and on what terms."""

    compensation: str | None = Field(None, description="How annotators were paid.")


class Agreement(Closed):
    """Inter-annotator agreement."""

    metric: str | None = Field(None, description="Agreement measure, such as Cohen's kappa.")
    value: Ratio | None = Field(None, description="The measured value.")
    description: str | None = Field(None, description="How it was measured and what it means.")


class Annotation(Closed):
    """Labels and how they were made, or that there are none (Datasheets C5, Data Statements §7)."""

    model_config = ConfigDict(json_schema_extra=none_statement_schema("labelled", False, ANNOTATION_DETAILS))

    labelled: Flag | None = Field(None, description="Whether the data carries labels or annotations.")
    reason: str | None = Field(None, description="Why there are no labels, when labelled is false.")
    process: str | None = Field(None, description="How the labels were made.")
    creators: list[AnnotationCreator] = Field(
        default_factory=list, description="Who produced them: crowdsourced, expert-generated, ..."
    )
    labels: list[str] = Field(default_factory=list, description="The label set.")
    platform: str | None = Field(None, description="Annotation tool or platform.")
    guidelines: str | None = Field(None, description="The annotation guidelines, or a link to them.")
    annotators: Annotators | None = Field(None, description="Who the annotators were.")
    per_item: Count | None = Field(None, description="Human labels per item.")
    agreement: Agreement | None = Field(None, description="Inter-annotator agreement.")
    analysis: str | None = Field(None, description="How raw annotations became labels; disagreement.")
    machine_tools: list[str] = Field(default_factory=list, description="Software that produced annotations.")

    _none_or_details = model_validator(mode="after")(annotation_none_or_details)


class SpeechSituation(Closed):
    """The situation in which the language was produced (Data Statements E, §8)."""

    time: str | None = Field(None, description="When the language was produced.")
    place: str | None = Field(None, description="Where it was produced.")
    modality: list[SpeechModality] = Field(default_factory=list, description="written, spoken or signed.")
    scripted: str | None = Field(None, description="Scripted or edited, versus spontaneous.")
    synchronous: str | None = Field(None, description="Synchronous or asynchronous interaction.")
    intended_audience: str | None = Field(
        None, description="Whom the speakers addressed (not the dataset's audience)."
    )
    genre: str | None = Field(None, description="Genre of the texts.")
    topic: str | None = Field(None, description="Topics covered.")
    context: str | None = Field(None, description="Non-linguistic and cultural context.")


class Subpopulation(Closed):
    """A group attribute of the people in the data, and its distribution (Datasheets C14)."""

    name: str = Field(description="The attribute: age, gender, region, cuisine, ...")
    field: str | None = Field(None, description="The data column that holds it, if any.")
    description: str | None = Field(None, description="How it was identified and how reliable it is.")
    distribution: dict[str, Ratio | Count] = Field(
        default_factory=dict, description="Share or count of each group."
    )


class People(Closed):
    """Who is in the data, or a statement that the data is not about people."""

    model_config = ConfigDict(json_schema_extra=none_statement_schema("about_people", False, PEOPLE_DETAILS))

    about_people: Flag | None = Field(None, description="Whether the data relates to people (Datasheets C13).")
    reason: str | None = Field(None, description="Why the data is not about people, when about_people is false.")
    subjects: list[DataSubject] = Field(default_factory=list, description="Data Cards' data subjects.")
    description: str | None = Field(None, description="Who is represented, and who is not.")
    speakers: Demographics | None = Field(
        None, description="Demographics of the people who produced the content (language users)."
    )
    subpopulations: list[Subpopulation] = Field(
        default_factory=list, description="Groups in the data and their distributions."
    )
    identifiable: Flag | None = Field(None, description="Whether individuals can be identified.")
    identifiability: Identifiability | None = Field(None, description="direct, indirect, pseudonymous or anonymous.")
    speech_situation: SpeechSituation | None = Field(None, description="The speech situation, for language data.")

    _none_or_details = model_validator(mode="after")(people_none_or_details)


class EthicsReview(Closed):
    """Ethical review (Datasheets K6)."""

    status: ReviewStatus | None = Field(None, description="approved, exempt, pending, not-required, not-sought.")
    board: str | None = Field(None, description="The reviewing board.")
    reference: str | None = Field(None, description="Protocol or approval number.")
    url: Url | None = Field(None, description="Link to the review outcome.")
    description: str | None = Field(None, description="What was reviewed and the outcome.")


class Consent(Closed):
    """How the people in the data were told and asked (Datasheets K9-K11)."""

    status: ConsentStatus | None = Field(None, description="explicit, opt-out, implied, not-obtained, not-required.")
    description: str | None = Field(None, description="How consent was sought, or why it was not.")
    notice: str | None = Field(None, description="The notice given to individuals, verbatim if possible.")
    wording: str | None = Field(None, description="The consent wording, verbatim if possible.")
    revocation: str | None = Field(None, description="How people can withdraw consent.")


class Ethics(Closed):
    """Ethics review, consent and disclosures (Datasheets K6-K12, Data Statements §13)."""

    review: EthicsReview | None = Field(None, description="Ethical review.")
    consent: Consent | None = Field(None, description="Consent of the people in the data.")
    impact_assessment: str | None = Field(None, description="Data protection impact analysis (DPIA).")
    conflicts_of_interest: str | None = Field(None, description="Conflicts of interest.")


class Origin(Closed):
    """Where the dataset comes from: creators, sources, collection, processing, people."""

    creators: list[Agent] = Field(default_factory=list, description="Who created or curated the dataset.")
    funding: list[Funding] = Field(default_factory=list, description="Who funded it.")
    sources: list[Source] = Field(default_factory=list, description="Raw sources and parent datasets.")
    collection: Collection | None = Field(None, description="How and when the data was collected.")
    preprocessing: Preprocessing | None = Field(None, description="Cleaning and transformation.")
    annotation: Annotation | None = Field(None, description="Labels, or a statement there are none.")
    people: People | None = Field(None, description="Who is in the data, or a statement no one is.")
    ethics: Ethics | None = Field(None, description="Ethics review and consent.")
