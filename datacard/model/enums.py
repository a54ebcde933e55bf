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
