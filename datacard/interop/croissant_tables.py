"""Conversion tables between Croissant 1.1 (with RAI 1.0) and datasheets. Data, not code: a new
property or alias is one line here. Names follow mlcommons/croissant's spec and vocabulary."""

from __future__ import annotations

from dataclasses import dataclass

CROISSANT_VERSION = "http://mlcommons.org/croissant/1.1"
RAI_VERSION = "http://mlcommons.org/croissant/RAI/1.0"
CONFORMS_TO = (CROISSANT_VERSION, RAI_VERSION)

#: The JSON-LD context mlcroissant writes for Croissant 1.1, plus `rai` and `prov`.
CONTEXT: dict[str, object] = {
    "@language": "en",
    "@vocab": "https://schema.org/",
    "arrayShape": "cr:arrayShape",
    "citeAs": "cr:citeAs",
    "column": "cr:column",
    "conformsTo": "dct:conformsTo",
    "containedIn": "cr:containedIn",
    "cr": "http://mlcommons.org/croissant/",
    "rai": "http://mlcommons.org/croissant/RAI/",
    "data": {"@id": "cr:data", "@type": "@json"},
    "dataType": {"@id": "cr:dataType", "@type": "@vocab"},
    "dct": "http://purl.org/dc/terms/",
    "equivalentProperty": "cr:equivalentProperty",
    "examples": {"@id": "cr:examples", "@type": "@json"},
    "extract": "cr:extract",
    "field": "cr:field",
    "fileProperty": "cr:fileProperty",
    "fileObject": "cr:fileObject",
    "fileSet": "cr:fileSet",
    "format": "cr:format",
    "includes": "cr:includes",
    "isArray": "cr:isArray",
    "isLiveDataset": "cr:isLiveDataset",
    "jsonPath": "cr:jsonPath",
    "key": "cr:key",
    "md5": "cr:md5",
    "parentField": "cr:parentField",
    "path": "cr:path",
    "recordSet": "cr:recordSet",
    "references": "cr:references",
    "regex": "cr:regex",
    "repeated": "cr:repeated",
    "replace": "cr:replace",
    "samplingRate": "cr:samplingRate",
    "sc": "https://schema.org/",
    "separator": "cr:separator",
    "source": "cr:source",
    "subField": "cr:subField",
    "transform": "cr:transform",
}

#: Namespaces of the RAI vocabulary as seen in the wild; the first is the one datacard writes.
RAI_NAMESPACES = (
    "http://mlcommons.org/croissant/RAI/",
    "http://mlcommons.org/croissant-RAI/",
    "https://mlcommons.org/croissant/RAI/",
    "https://mlcommons.org/croissant-RAI/",
)
PROV_NAMESPACE = "http://www.w3.org/ns/prov#"
SCHEMA_NAMESPACES = ("https://schema.org/", "http://schema.org/")
# The last is Croissant 0.x's `ml:` namespace, which also held dataBiases, dataCollection and
# personalSensitiveInformation before RAI had its own vocabulary.
CROISSANT_NAMESPACES = (
    "http://mlcommons.org/croissant/", "https://mlcommons.org/croissant/", "http://mlcommons.org/schema/",
)
DCT_NAMESPACES = ("http://purl.org/dc/terms/",)


@dataclass(frozen=True)
class Rai:
    """One RAI property: where its value lives in the datasheet and how it is shaped."""

    name: str
    path: str
    kind: str = "text"  # text, texts, risks, methods, timeframe, count, sources, sensitive, uses,
    #                     limitations


#: The 20 RAI 1.0 properties in the spec's order (TTL spelling), with their datasheet homes.
RAI_PROPERTIES: tuple[Rai, ...] = (
    Rai("dataCollection", "origin.collection.description"),
    Rai("dataCollectionType", "origin.collection.methods", "methods"),
    Rai("dataCollectionMissingData", "composition.missing_data"),
    Rai("dataCollectionRawData", "origin.sources", "sources"),
    Rai("dataCollectionTimeframe", "origin.collection.timeframe", "timeframe"),
    Rai("dataPreprocessingProtocol", "origin.preprocessing.description"),
    Rai("dataImputationProtocol", "origin.preprocessing.imputation"),
    Rai("dataManipulationProtocol", "origin.preprocessing.manipulation"),
    Rai("dataAnnotationProtocol", "origin.annotation.process"),
    Rai("dataAnnotationPlatform", "origin.annotation.platform"),
    Rai("dataAnnotationAnalysis", "origin.annotation.analysis"),
    Rai("annotationsPerItem", "origin.annotation.per_item", "count"),
    Rai("annotatorDemographics", "origin.annotation.annotators.description"),
    Rai("machineAnnotationTools", "origin.annotation.machine_tools", "texts"),
    Rai("dataBiases", "application.biases", "risks"),
    Rai("dataLimitations", "application.limitations", "limitations"),
    Rai("dataUseCases", "application.intended_uses", "uses"),
    Rai("dataSocialImpact", "application.social_impact"),
    Rai("personalSensitiveInformation", "composition.sensitive", "sensitive"),
    Rai("dataReleaseMaintenancePlan", "audience.maintenance.update_plan"),
)

#: Property names seen in the spec's overview table, its examples and mlcroissant -> TTL name.
RAI_ALIASES: dict[str, str] = {
    "useCases": "dataUseCases",
    "dataReleaseMaintenance": "dataReleaseMaintenancePlan",
    "annotationPlatform": "dataAnnotationPlatform",
    "dataCollectionRaw": "dataCollectionRawData",
    "dataCollectionTimeFrame": "dataCollectionTimeframe",
    "dataDataManipulationProtocol": "dataManipulationProtocol",
    "annotatorsDemographics": "annotatorDemographics",
    "dataCollectionTimeFrameStart": "dataCollectionTimeframe",
    "dataCollectionTimeFrameEnd": "dataCollectionTimeframe",
    "dataCollectionTimeframeStart": "dataCollectionTimeframe",
    "dataCollectionTimeframeEnd": "dataCollectionTimeframe",
}
#: Undefined names used in the spec's use cases -> datasheet path they mean.
RAI_EXTRA: dict[str, str] = {
    "dataCollectionDemographics": "origin.people.description",
}

#: RAI's recommended dataCollectionType labels <-> datacard collection methods.
COLLECTION_TYPES: dict[str, str] = {
    "Surveys": "surveys",
    "Secondary Data analysis": "secondary-data-analysis",
    "Physical data collection": "physical-data-collection",
    "Direct measurement": "direct-measurement",
    "Document analysis": "document-analysis",
    "Manual Human Curator": "manual-human-curation",
    "Software Collection": "software-collection",
    "Experiments": "experiments",
    "Web Scraping": "web-scraping",
    "Web API": "web-api",
    "Focus groups": "focus-groups",
    "Self-reporting": "self-reporting",
    "Customer feedback data": "customer-feedback",
    "User-generated content data": "user-generated-content",
    "Passive Data Collection": "passive-collection",
    "Others": "other",
}
#: RAI's dataUseCases labels <-> datacard ML uses.
ML_USES: dict[str, str] = {
    "Training": "training", "Testing": "testing", "Validation": "validation",
    "Production": "production", "Fine Tuning": "fine-tuning", "Evaluation": "evaluation", "Other": "other",
}
OUT_OF_SCOPE_PREFIX = "Not recommended: "
NO_SENSITIVE_PREFIX = "None. "

#: Croissant data types (local names) -> datacard field types.
DATA_TYPES_IN: dict[str, str] = {
    "Text": "string", "Integer": "integer", "Float": "float", "Number": "float", "Boolean": "boolean",
    "Date": "date", "DateTime": "datetime", "ImageObject": "image", "AudioObject": "audio",
    "VideoObject": "video", "URL": "string", "Bool": "boolean",
    **{f"{sign}Int{bits}": "integer" for sign in ("", "U") for bits in (8, 16, 32, 64)},
    **{f"Float{bits}": "float" for bits in (16, 32, 64)},
}
#: datacard field types -> the Croissant data type mlcroissant reads them as. Binary, list,
#: struct and other have none (mlcroissant refuses a field without one): such fields are
#: described in `variableMeasured` instead of the record set.
DATA_TYPES_OUT: dict[str, str] = {
    "string": "sc:Text", "integer": "sc:Integer", "float": "sc:Float", "boolean": "sc:Boolean",
    "date": "sc:Date", "datetime": "sc:DateTime", "image": "sc:ImageObject", "audio": "sc:AudioObject",
    "video": "sc:VideoObject", "category": "sc:Text",
}
#: Data types that mark a field's values as a closed list (schema.org's, and the `cr:Enum` of
#: Croissant's recipes); datacard writes `sc:Enumeration` beside sc:Text for a category.
ENUMERATION_TYPES = frozenset({"Enumeration", "Enum"})
CATEGORY_TYPES: tuple[str, ...] = ("sc:Text", "sc:Enumeration")
#: Croissant fileProperty <-> datacard FileProperty.
FILE_PROPERTIES_IN: dict[str, str] = {
    "content": "content", "filename": "file-name", "filepath": "file-path", "fullpath": "full-path",
    "lines": "lines", "lineNumbers": "line-numbers",
}
FILE_PROPERTIES_OUT: dict[str, str] = {v: k for k, v in FILE_PROPERTIES_IN.items()}
#: Media types of a repository (which has no digest). Croissant asks every file that is not
#: inside another for one; for a repository the convention (Hugging Face's exporter, after
#: mlcommons/croissant issue 80) is this link, which the importer reads as no digest.
REPOSITORY_FORMATS = frozenset({"git+https", "git+ssh", "git"})
REPOSITORY_DIGEST = "https://github.com/mlcommons/croissant/issues/80"
#: Split names -> Croissant split types.
SPLIT_TYPES: dict[str, str] = {
    "train": "cr:TrainingSplit", "training": "cr:TrainingSplit", "validation": "cr:ValidationSplit",
    "valid": "cr:ValidationSplit", "dev": "cr:ValidationSplit", "test": "cr:TestSplit",
}
#: Media types -> datacard file formats.
ENCODING_FORMATS: dict[str, str] = {
    "text/csv": "csv", "application/x-parquet": "parquet", "application/parquet": "parquet",
    "application/jsonlines": "jsonl", "application/json": "json", "application/x-tar": "tar",
    "application/zip": "zip", "text/plain": "txt", "application/x-gzip": "gz",
}

#: Core properties datacard reads and writes, and those it reads past knowingly.
HANDLED_CORE = frozenset({
    "name", "alternateName", "description", "license", "url", "creator", "publisher", "funder",
    "datePublished", "version", "citeAs", "citation", "keywords", "inLanguage", "sameAs", "identifier",
    "recordSet", "distribution", "conformsTo", "temporalCoverage", "variableMeasured",
})
IGNORED_CORE = frozenset({"@context", "@type", "@id", "@language", "dateCreated", "dateModified"})

#: Datasheet fields a Croissant file can hold, as in hf_tables.CARD_FIELDS.
CROISSANT_FIELDS: tuple[str, ...] = (
    "schema_version", "kind", "name", "title", "summary", "version", "homepage", "keywords", "citation",
    "identifiers", "origin.creators[].name", "origin.creators[].kind", "origin.creators[].email",
    "origin.creators[].url",
    "origin.funding[].funder", "origin.sources[].name", "origin.sources[].url",
    "origin.collection.description", "origin.collection.methods", "origin.collection.timeframe.start",
    "origin.collection.timeframe.end", "origin.preprocessing.description",
    "origin.preprocessing.imputation", "origin.preprocessing.manipulation", "origin.annotation.process",
    "origin.annotation.platform", "origin.annotation.analysis", "origin.annotation.per_item",
    "origin.annotation.annotators.description", "origin.annotation.machine_tools",
    "composition.missing_data", "composition.languages[].tag", "composition.splits[].name",
    "composition.splits[].count", "composition.sensitive.handling",
    "composition.sensitive.reason",
    "application.biases[].description", "application.limitations[].description",
    "application.out_of_scope_uses", "application.intended_uses", "application.ml_uses",
    "application.social_impact", "audience.license.id", "audience.license.name", "audience.license.url",
    "audience.distribution.published", "audience.maintenance.update_plan",
)

#: Datasheet fields the PROV-O properties hold (sources' dataset ids, steps and their tools).
PROV_FIELDS: tuple[str, ...] = (
    "origin.sources[].dataset", "origin.preprocessing.steps[].description", "origin.preprocessing.steps[].tool",
)

#: Where a datasheet field goes in a Croissant file: the property of the dataset object that
#: holds it (a finding about a value the file lacks points at the dataset object).
HOME_PROPERTIES: dict[str, str] = {
    "title": "name", "summary": "description", "homepage": "url", "version": "version",
    "citation": "citeAs", "keywords": "keywords", "audience.license": "license",
    "origin.creators": "creator", "origin.funding": "funder", "composition.languages": "inLanguage",
    "audience.distribution.published": "datePublished", "composition.splits": "recordSet",
    "composition.fields": "recordSet", "composition.instance": "recordSet",
    "origin.sources": "rai:dataCollectionRawData",
    "audience.distribution.files": "distribution", "origin.preprocessing.steps": "prov:wasGeneratedBy",
    **{prop.path: f"rai:{prop.name}" for prop in RAI_PROPERTIES},
}
