"""Closed vocabularies. Values are kebab-case; each enum says which standard it follows."""

from __future__ import annotations

import enum


class _Choice(str, enum.Enum):
    def __str__(self) -> str:
        return str(self.value)


class CollectionMethod(_Choice):
    """How data was acquired: Croissant RAI's dataCollectionType, plus Data Cards' methods."""

    SURVEYS = "surveys"
    SECONDARY_DATA_ANALYSIS = "secondary-data-analysis"
    PHYSICAL_DATA_COLLECTION = "physical-data-collection"
    DIRECT_MEASUREMENT = "direct-measurement"
    DOCUMENT_ANALYSIS = "document-analysis"
    MANUAL_HUMAN_CURATION = "manual-human-curation"
    SOFTWARE_COLLECTION = "software-collection"
    EXPERIMENTS = "experiments"
    WEB_SCRAPING = "web-scraping"
    WEB_API = "web-api"
    FOCUS_GROUPS = "focus-groups"
    SELF_REPORTING = "self-reporting"
    CUSTOMER_FEEDBACK = "customer-feedback"
    USER_GENERATED_CONTENT = "user-generated-content"
    PASSIVE_COLLECTION = "passive-collection"
    CROWDSOURCING_PAID = "crowdsourcing-paid"
    CROWDSOURCING_VOLUNTEER = "crowdsourcing-volunteer"
    VENDOR = "vendor"
    SYNTHETIC = "synthetic"
    OTHER_DATASETS = "other-datasets"
    UNKNOWN = "unknown"
    OTHER = "other"


class SamplingMethod(_Choice):
    """Data Cards' sampling methods."""

    CLUSTER = "cluster"
    CONVENIENCE = "convenience"
    HAPHAZARD = "haphazard"
    MULTI_STAGE = "multi-stage"
    RANDOM = "random"
    RETROSPECTIVE = "retrospective"
    STRATIFIED = "stratified"
    SYSTEMATIC = "systematic"
    WEIGHTED = "weighted"
    UNSAMPLED = "unsampled"
    OTHER = "other"


class Cadence(_Choice):
    """Data Cards' collection cadence."""

    STATIC = "static"
    PERIODIC = "periodic"
    STREAMED = "streamed"
    DYNAMIC = "dynamic"


class Modality(_Choice):
    """Primary modality (Data Cards; Hugging Face modality tags)."""

    TEXT = "text"
    IMAGE = "image"
    AUDIO = "audio"
    VIDEO = "video"
    TABULAR = "tabular"
    TIME_SERIES = "time-series"
    GRAPH = "graph"
    GEOSPATIAL = "geospatial"
    THREE_D = "3d"
    MULTIMODAL = "multimodal"
    OTHER = "other"


class Multilinguality(_Choice):
    """Hugging Face `multilinguality`."""

    MONOLINGUAL = "monolingual"
    MULTILINGUAL = "multilingual"
    TRANSLATION = "translation"
    OTHER = "other"


class SizeCategory(_Choice):
    """Hugging Face `size_categories`: the order of magnitude of the number of instances."""

    N_LT_1K = "n<1K"
    N_1K_10K = "1K<n<10K"
    N_10K_100K = "10K<n<100K"
    N_100K_1M = "100K<n<1M"
    N_1M_10M = "1M<n<10M"
    N_10M_100M = "10M<n<100M"
    N_100M_1B = "100M<n<1B"
    N_1B_10B = "1B<n<10B"
    N_10B_100B = "10B<n<100B"
    N_100B_1T = "100B<n<1T"
    N_GT_1T = "n>1T"


class AnnotationCreator(_Choice):
    """Hugging Face `annotations_creators` / `language_creators` (no-annotation is `labelled: false`)."""

    FOUND = "found"
    CROWDSOURCED = "crowdsourced"
    EXPERT_GENERATED = "expert-generated"
    MACHINE_GENERATED = "machine-generated"
    OTHER = "other"


class DataSubject(_Choice):
    """Data Cards' data subjects: what or whom the data is about."""

    PEOPLE = "people"
    NATURAL_PHENOMENA = "natural-phenomena"
    PLACES_AND_OBJECTS = "places-and-objects"
    SYNTHETIC = "synthetic"
    SYSTEMS_OR_PRODUCTS = "systems-or-products"
    UNKNOWN = "unknown"


class SensitiveCategory(_Choice):
    """Datasheets C16 and Data Cards' sensitivity types."""

    NAMES = "names"
    CONTACT_DETAILS = "contact-details"
    GOVERNMENT_ID = "government-id"
    RACE_ETHNICITY = "race-ethnicity"
    SEXUAL_ORIENTATION = "sexual-orientation"
    GENDER = "gender"
    AGE = "age"
    RELIGION = "religion"
    POLITICAL_OPINION = "political-opinion"
    UNION_MEMBERSHIP = "union-membership"
    LOCATION = "location"
    FINANCIAL = "financial"
    HEALTH = "health"
    BIOMETRIC = "biometric"
    GENETIC = "genetic"
    CRIMINAL_HISTORY = "criminal-history"
    CHILDREN = "children"
    USER_CONTENT = "user-content"
    USER_ACTIVITY = "user-activity"
    EMPLOYMENT = "employment"
    CONFIDENTIAL_COMMUNICATION = "confidential-communication"
    OTHER = "other"


class Identifiability(_Choice):
    """Data Cards' risk types for people in the data."""

    DIRECT = "direct"
    INDIRECT = "indirect"
    PSEUDONYMOUS = "pseudonymous"
    ANONYMOUS = "anonymous"


class SpeechModality(_Choice):
    """Data Statements: modality of the language."""

    WRITTEN = "written"
    SPOKEN = "spoken"
    SIGNED = "signed"


class ReviewStatus(_Choice):
    """Outcome of an ethics review (Datasheets K6, Data Statements §13)."""

    APPROVED = "approved"
    EXEMPT = "exempt"
    PENDING = "pending"
    NOT_REQUIRED = "not-required"
    NOT_SOUGHT = "not-sought"


class ConsentStatus(_Choice):
    """How consent was obtained (Datasheets K9-K11)."""

    EXPLICIT = "explicit"
    OPT_OUT = "opt-out"
    IMPLIED = "implied"
    NOT_OBTAINED = "not-obtained"
    NOT_REQUIRED = "not-required"


class MLUse(_Choice):
    """Use in ML (Data Cards; Croissant RAI dataUseCases)."""

    TRAINING = "training"
    FINE_TUNING = "fine-tuning"
    VALIDATION = "validation"
    TESTING = "testing"
    EVALUATION = "evaluation"
    PRODUCTION = "production"
    OTHER = "other"


class AccessType(_Choice):
    """Who can get the data and how (Data Cards' access types, HF gating)."""

    OPEN = "open"
    REGISTRATION = "registration"
    GATED = "gated"
    RESTRICTED = "restricted"
    INTERNAL = "internal"
    CLOSED = "closed"


class MaintenanceStatus(_Choice):
    """Data Cards' version and maintenance status."""

    REGULARLY_UPDATED = "regularly-updated"
    ACTIVELY_MAINTAINED = "actively-maintained"
    LIMITED = "limited-maintenance"
    DEPRECATED = "deprecated"
    UNMAINTAINED = "unmaintained"


class AgentRole(_Choice):
    CREATOR = "creator"
    CURATOR = "curator"
    PUBLISHER = "publisher"
    OWNER = "owner"
    CONTRIBUTOR = "contributor"
    MAINTAINER = "maintainer"
    AUTHOR = "author"


class AgentKind(_Choice):
    PERSON = "person"
    ORGANIZATION = "organization"


class SourceRelation(_Choice):
    """How a dataset relates to a source (Data Cards' relationship to source; HF source_datasets)."""

    ORIGINAL = "original"
    SUBSET = "subset"
    EXTENDED = "extended"
    DERIVED = "derived"
    TRANSLATED = "translated"
    ANNOTATED = "annotated"
    AGGREGATED = "aggregated"


class FieldType(_Choice):
    STRING = "string"
    INTEGER = "integer"
    FLOAT = "float"
    BOOLEAN = "boolean"
    DATE = "date"
    DATETIME = "datetime"
    CATEGORY = "category"
    IMAGE = "image"
    AUDIO = "audio"
    VIDEO = "video"
    BINARY = "binary"
    LIST = "list"
    STRUCT = "struct"
    OTHER = "other"


class FieldRole(_Choice):
    FEATURE = "feature"
    LABEL = "label"
    IDENTIFIER = "identifier"
    METADATA = "metadata"
    SUBGROUP = "subgroup"
    SPLIT = "split"


class TransformationKind(_Choice):
    """Data Cards' transformations."""

    CLEANING = "cleaning"
    DEDUPLICATION = "deduplication"
    FILTERING = "filtering"
    TOKENIZATION = "tokenization"
    NORMALIZATION = "normalization"
    TYPE_CONVERSION = "type-conversion"
    AGGREGATION = "aggregation"
    JOINING = "joining"
    DIMENSIONALITY_REDUCTION = "dimensionality-reduction"
    ANOMALY_DETECTION = "anomaly-detection"
    IMPUTATION = "imputation"
    ANONYMIZATION = "anonymization"
    REDACTION = "redaction"
    SAMPLING = "sampling"
    FEATURE_EXTRACTION = "feature-extraction"
    LABELING = "labeling"
    OTHER = "other"


class FileProperty(_Choice):
    """A property of a file read as a field's value instead of its content's columns (Croissant's
    fileProperty)."""

    CONTENT = "content"
    FILE_NAME = "file-name"
    FILE_PATH = "file-path"
    FULL_PATH = "full-path"
    LINES = "lines"
    LINE_NUMBERS = "line-numbers"


# --- labels ------------------------------------------------------------------------------------
#
# How each value reads in a sentence: the rendered datasheet, `datacard rule DC104` and the field
# reference all take their words from this one table (a test checks that it names every value of
# every vocabulary, and nothing else). Labels are lowercase where the words are (they are read
# mid-sentence: "Methods: web scraping, web API"); :func:`sentence` capitalises the first one.

LABELS: dict[type[_Choice], dict[str, str]] = {
    CollectionMethod: {
        "surveys": "surveys",
        "secondary-data-analysis": "secondary data analysis",
        "physical-data-collection": "physical data collection",
        "direct-measurement": "direct measurement",
        "document-analysis": "document analysis",
        "manual-human-curation": "manual curation by people",
        "software-collection": "collection by software",
        "experiments": "experiments",
        "web-scraping": "web scraping",
        "web-api": "web API",
        "focus-groups": "focus groups",
        "self-reporting": "self-reporting",
        "customer-feedback": "customer feedback",
        "user-generated-content": "user-generated content",
        "passive-collection": "passive collection",
        "crowdsourcing-paid": "paid crowdsourcing",
        "crowdsourcing-volunteer": "volunteer crowdsourcing",
        "vendor": "bought from a vendor",
        "synthetic": "synthetic generation",
        "other-datasets": "other datasets",
        "unknown": "unknown",
        "other": "other",
    },
    SamplingMethod: {
        "cluster": "cluster sampling",
        "convenience": "convenience sampling",
        "haphazard": "haphazard sampling",
        "multi-stage": "multi-stage sampling",
        "random": "random sampling",
        "retrospective": "retrospective sampling",
        "stratified": "stratified sampling",
        "systematic": "systematic sampling",
        "weighted": "weighted sampling",
        "unsampled": "not sampled: the whole population",
        "other": "other",
    },
    Cadence: {
        "static": "static: not updated",
        "periodic": "updated periodically",
        "streamed": "streamed",
        "dynamic": "updated as new data arrives",
    },
    Modality: {
        "text": "text",
        "image": "images",
        "audio": "audio",
        "video": "video",
        "tabular": "tables",
        "time-series": "time series",
        "graph": "graphs",
        "geospatial": "geospatial data",
        "3d": "3D",
        "multimodal": "multimodal",
        "other": "other",
    },
    Multilinguality: {
        "monolingual": "monolingual",
        "multilingual": "multilingual",
        "translation": "translations",
        "other": "other",
    },
    SizeCategory: {
        "n<1K": "fewer than 1,000 instances",
        "1K<n<10K": "1,000 to 10,000 instances",
        "10K<n<100K": "10,000 to 100,000 instances",
        "100K<n<1M": "100,000 to 1 million instances",
        "1M<n<10M": "1 to 10 million instances",
        "10M<n<100M": "10 to 100 million instances",
        "100M<n<1B": "100 million to 1 billion instances",
        "1B<n<10B": "1 to 10 billion instances",
        "10B<n<100B": "10 to 100 billion instances",
        "100B<n<1T": "100 billion to 1 trillion instances",
        "n>1T": "more than 1 trillion instances",
    },
    AnnotationCreator: {
        "found": "found with the data",
        "crowdsourced": "crowdsourced",
        "expert-generated": "experts",
        "machine-generated": "machine-generated",
        "other": "other",
    },
    DataSubject: {
        "people": "people",
        "natural-phenomena": "natural phenomena",
        "places-and-objects": "places and objects",
        "synthetic": "synthetic entities",
        "systems-or-products": "systems or products",
        "unknown": "unknown",
    },
    SensitiveCategory: {
        "names": "names",
        "contact-details": "contact details",
        "government-id": "government ID numbers",
        "race-ethnicity": "race or ethnicity",
        "sexual-orientation": "sexual orientation",
        "gender": "gender",
        "age": "age",
        "religion": "religion",
        "political-opinion": "political opinions",
        "union-membership": "union membership",
        "location": "location",
        "financial": "financial data",
        "health": "health",
        "biometric": "biometric data",
        "genetic": "genetic data",
        "criminal-history": "criminal history",
        "children": "children",
        "user-content": "user-generated content",
        "user-activity": "user activity",
        "employment": "employment",
        "confidential-communication": "confidential communication",
        "other": "other",
    },
    Identifiability: {
        "direct": "directly identifiable",
        "indirect": "indirectly identifiable",
        "pseudonymous": "pseudonymous",
        "anonymous": "anonymous",
    },
    SpeechModality: {
        "written": "written",
        "spoken": "spoken",
        "signed": "signed",
    },
    ReviewStatus: {
        "approved": "approved",
        "exempt": "exempt from review",
        "pending": "pending",
        "not-required": "not required",
        "not-sought": "not sought",
    },
    ConsentStatus: {
        "explicit": "given explicitly",
        "opt-out": "assumed unless people opted out",
        "implied": "implied",
        "not-obtained": "not obtained",
        "not-required": "not required",
    },
    MLUse: {
        "training": "training",
        "fine-tuning": "fine-tuning",
        "validation": "validation",
        "testing": "testing",
        "evaluation": "evaluation",
        "production": "production use",
        "other": "other",
    },
    AccessType: {
        "open": "open to everyone",
        "registration": "after registration",
        "gated": "gated: granted on request",
        "restricted": "restricted",
        "internal": "internal only",
        "closed": "closed",
    },
    MaintenanceStatus: {
        "regularly-updated": "regularly updated",
        "actively-maintained": "actively maintained",
        "limited-maintenance": "limited maintenance",
        "deprecated": "deprecated",
        "unmaintained": "unmaintained",
    },
    AgentRole: {
        "creator": "creator",
        "curator": "curator",
        "publisher": "publisher",
        "owner": "owner",
        "contributor": "contributor",
        "maintainer": "maintainer",
        "author": "author",
    },
    AgentKind: {
        "person": "person",
        "organization": "organisation",
    },
    SourceRelation: {
        "original": "the original data",
        "subset": "a subset of it is used",
        "extended": "extended here",
        "derived": "derived from it",
        "translated": "translated from it",
        "annotated": "annotated here",
        "aggregated": "aggregated here",
    },
    FieldType: {
        "string": "text",
        "integer": "integer",
        "float": "decimal number",
        "boolean": "true or false",
        "date": "date",
        "datetime": "date and time",
        "category": "category",
        "image": "image",
        "audio": "audio",
        "video": "video",
        "binary": "binary",
        "list": "list",
        "struct": "structure",
        "other": "other",
    },
    FileProperty: {
        "content": "file content", "file-name": "file name", "file-path": "file path",
        "full-path": "full path", "lines": "lines", "line-numbers": "line numbers",
    },
    FieldRole: {
        "feature": "feature",
        "label": "label",
        "identifier": "identifier",
        "metadata": "metadata",
        "subgroup": "subgroup",
        "split": "split",
    },
    TransformationKind: {
        "cleaning": "cleaning",
        "deduplication": "deduplication",
        "filtering": "filtering",
        "tokenization": "tokenisation",
        "normalization": "normalisation",
        "type-conversion": "type conversion",
        "aggregation": "aggregation",
        "joining": "joining",
        "dimensionality-reduction": "dimensionality reduction",
        "anomaly-detection": "anomaly detection",
        "imputation": "imputation",
        "anonymization": "anonymisation",
        "redaction": "redaction",
        "sampling": "sampling",
        "feature-extraction": "feature extraction",
        "labeling": "labelling",
        "other": "other",
    },
}


def label(value: enum.Enum) -> str:
    """How a value of a vocabulary reads: ``label(ReviewStatus.NOT_SOUGHT) == "not sought"``."""
    table = LABELS.get(type(value)) if isinstance(value, _Choice) else None
    return table[str(value.value)] if table is not None else str(value.value)


def sentence(text: str) -> str:
    """``text`` with its first letter capitalised, the rest as written ("web API" stays)."""
    return text[:1].upper() + text[1:]
