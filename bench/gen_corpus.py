"""Generate a deterministic corpus of datasheets and training manifests for the benchmarks.

Every datasheet is built from the real model's vocabularies (``datacard.model.enums``), with
prose of varying length so that files range from about 1 KB to 5 KB. A few percent are made
invalid on purpose, each in one known way, and ``expected.json`` records the code each file
must produce (``null`` for a clean file), so that a test can check the generator against the
validator. The same seed always gives the same bytes.

    python bench/gen_corpus.py --datasheets 5000 --manifests 500 --out bench/corpus/validate
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import Any

from datacard.load import dump_yaml
from datacard.model import enums

DEFAULT_OUT = Path(__file__).resolve().parent / "corpus" / "validate"
DATA_DIR = "data"
TRAINING_DIR = "training"
EXPECTED = "expected.json"

_WORDS = (
    "reviews", "annotated", "collected", "public", "crawl", "platform", "users", "posts",
    "sentences", "labels", "annotators", "quality", "filtered", "duplicates", "removed",
    "language", "english", "regional", "dialect", "speakers", "recordings", "transcribed",
    "consent", "released", "research", "benchmark", "evaluation", "training", "models",
    "classification", "sentiment", "entity", "recognition", "translation", "images", "captions",
    "medical", "records", "anonymised", "identifiers", "survey", "responses", "volunteers", "paid",
    "crowdworkers", "guidelines", "agreement", "disagreement", "coverage", "gaps",
    "underrepresented", "groups", "rural", "urban", "older", "younger", "women", "men",
    "nonbinary", "period", "collection", "archive", "newspaper", "forum", "licence", "terms",
    "access", "request", "maintainers", "errors", "noise", "imbalance", "skewed", "sampling",
    "stratified", "random", "source", "website", "api", "scraped", "timestamps", "metadata",
    "fields", "schema", "version", "splits", "validation", "test", "held", "out",
)
_ORGS = ("Yelp Inc.", "Stanford NLP", "Allen Institute", "Common Crawl", "University of Oslo",
         "Mozilla Foundation", "Hugging Face", "National Library", "City Hospital", "Acme Labs")
_PEOPLE = ("Ada Lovelace", "Alan Turing", "Grace Hopper", "Karen Spärck Jones", "Noam Chomsky",
           "Fei-Fei Li", "Timnit Gebru", "Emily Bender", "Margaret Mitchell", "Yoshua Bengio")
_LANGS = ("en", "en-US", "en-GB", "nb", "de", "fr", "zh-Hant", "sw", "hi", "pt-BR", "es")
_LICENSES = ("CC-BY-4.0", "CC-BY-SA-4.0", "CC0-1.0", "MIT", "Apache-2.0", "ODbL-1.0", "other")
_TASKS = ("text-classification", "token-classification", "translation", "summarization",
          "image-classification", "automatic-speech-recognition", "question-answering")
_FORMATS = ("parquet", "csv", "jsonl", "arrow", "wav", "png")


def _choice(rng: random.Random, enum_cls: type[Enum]) -> str:
    return str(rng.choice(list(enum_cls)).value)


def _sentence(rng: random.Random, low: int = 5, high: int = 12) -> str:
    words = [rng.choice(_WORDS) for _ in range(rng.randint(low, high))]
    return words[0].capitalize() + " " + " ".join(words[1:]) + "."


def _prose(rng: random.Random, sentences: int) -> str:
    return " ".join(_sentence(rng) for _ in range(max(1, sentences)))


def _slug(rng: random.Random, index: int) -> str:
    return f"{rng.choice(_WORDS)}-{rng.choice(_WORDS)}-{index:05d}"


def _date(rng: random.Random, year: int) -> str | int:
    form = rng.randrange(3)
    if form == 0:
        return year
    if form == 1:
        return f"{year}-{rng.randint(1, 12):02d}"
    return f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


def _agent(rng: random.Random) -> dict[str, Any]:
    if rng.random() < 0.5:
        name, kind = rng.choice(_ORGS), "organization"
    else:
        name, kind = rng.choice(_PEOPLE), "person"
    agent: dict[str, Any] = {"name": name, "kind": kind, "roles": [_choice(rng, enums.AgentRole)]}
    if kind == "person" and rng.random() < 0.5:
        agent["email"] = f"{name.split()[0].lower()}@example.org"
    if rng.random() < 0.4:
        agent["url"] = f"https://example.org/{name.split()[0].lower()}"
    return agent


def _origin(rng: random.Random, detail: int, parents: list[str]) -> dict[str, Any]:
    start = rng.randint(1995, 2020)
    origin: dict[str, Any] = {
        "creators": [_agent(rng) for _ in range(rng.randint(1, 3))],
        "sources": [{
            "name": rng.choice(_ORGS) + " archive",
            "description": _prose(rng, detail),
            "url": f"https://example.org/source/{rng.randint(1, 999)}",
            "relation": _choice(rng, enums.SourceRelation),
        }],
        "collection": {
            "description": _prose(rng, detail + 1),
            "methods": sorted({_choice(rng, enums.CollectionMethod) for _ in range(rng.randint(1, 3))}),
            "timeframe": {"start": _date(rng, start), "end": _date(rng, start + rng.randint(1, 4))},
            "cadence": _choice(rng, enums.Cadence),
            "sampling": {"method": _choice(rng, enums.SamplingMethod), "description": _prose(rng, 1)},
        },
    }
    for parent in parents:
        origin["sources"].append({"datacard": parent, "relation": "derived"})
    if rng.random() < 0.6:
        origin["annotation"] = {
            "labelled": True,
            "process": _prose(rng, detail),
            "creators": [_choice(rng, enums.AnnotationCreator)],
            "labels": sorted({rng.choice(_WORDS) for _ in range(rng.randint(2, 5))}),
            "agreement": {"metric": "Cohen's kappa", "value": round(rng.uniform(0.3, 0.95), 2)},
        }
    else:
        origin["annotation"] = {"labelled": False, "reason": _sentence(rng)}
    if rng.random() < 0.5:
        origin["people"] = {"about_people": False, "reason": _sentence(rng)}
    else:
        origin["people"] = {
            "about_people": True,
            "subjects": [_choice(rng, enums.DataSubject)],
            "description": _prose(rng, detail),
            "identifiability": _choice(rng, enums.Identifiability),
            "speakers": {"description": _sentence(rng), "count": rng.randint(10, 100_000),
                         "first_languages": [rng.choice(_LANGS)]},
        }
    if rng.random() < 0.5:
        origin["ethics"] = {
            "review": {"status": _choice(rng, enums.ReviewStatus), "board": rng.choice(_ORGS) + " IRB"},
            "consent": {"status": _choice(rng, enums.ConsentStatus), "description": _sentence(rng)},
        }
    return origin


def _composition(rng: random.Random, detail: int) -> dict[str, Any]:
    total = rng.randint(1_000, 5_000_000)
    fields = [{
        "name": rng.choice(_WORDS) + f"_{n}",
        "type": _choice(rng, enums.FieldType),
        "role": _choice(rng, enums.FieldRole),
        "description": _sentence(rng),
    } for n in range(rng.randint(1, 2 + detail))]
    return {
        "instance": _sentence(rng),
        "modalities": [_choice(rng, enums.Modality)],
        "count": total,
        "splits": [{"name": "train", "count": total * 8 // 10}, {"name": "test", "count": total // 5}],
        "fields": fields,
        "languages": [{"tag": rng.choice(_LANGS)}],
        "sensitive": {"present": False, "reason": _sentence(rng)},
        "errors": _prose(rng, detail),
    }


def _application(rng: random.Random, detail: int) -> dict[str, Any]:
    return {
        "purpose": _prose(rng, detail + 1),
        "tasks": [rng.choice(_TASKS)],
        "ml_uses": sorted({_choice(rng, enums.MLUse) for _ in range(2)}),
        "intended_uses": [_sentence(rng) for _ in range(rng.randint(1, 3))],
        "out_of_scope_uses": [_sentence(rng) for _ in range(rng.randint(1, 3))],
        "biases": [{"description": _prose(rng, 2), "mitigation": _sentence(rng)}
                   for _ in range(rng.randint(1, 2 + detail // 2))],
        "limitations": [{"description": _prose(rng, 1)} for _ in range(rng.randint(0, 2))],
    }


def _audience(rng: random.Random) -> dict[str, Any]:
    license_id = rng.choice(_LICENSES)
    license: dict[str, Any] = {"id": license_id}
    if license_id == "other":
        license.update(name="Custom research licence", url="https://example.org/licence")
    return {
        "intended_users": ["researchers", "practitioners"][: rng.randint(1, 2)],
        "access": {"type": _choice(rng, enums.AccessType), "url": "https://example.org/access"},
        "license": license,
        "distribution": {"method": "download", "formats": [rng.choice(_FORMATS)],
                         "published": _date(rng, rng.randint(2000, 2024))},
        "maintenance": {
            "maintainers": [_agent(rng)],
            "status": _choice(rng, enums.MaintenanceStatus),
            "update_plan": _sentence(rng),
        },
    }


def datasheet(rng: random.Random, index: int, parents: list[str] | None = None) -> dict[str, Any]:
    """One realistic, valid datasheet; ``detail`` spreads sizes over roughly 1-5 KB."""
    detail = rng.choice((0, 0, 0, 1, 1, 1, 2, 3))
    sheet: dict[str, Any] = {
        "schema_version": 1,
        "name": _slug(rng, index),
        "title": _sentence(rng, 2, 5).rstrip("."),
        "version": f"{rng.randint(1, 4)}.{rng.randint(0, 9)}",
        "identifiers": [f"hf:example/{index}"],
        "summary": _prose(rng, 1 + detail),
        "keywords": sorted({rng.choice(_WORDS) for _ in range(4)}),
    }
    if parents or detail >= 1 or rng.random() < 0.5:  # a datasheet with parents names them
        sheet["origin"] = _origin(rng, detail, parents or [])
    if detail >= 2 or rng.random() < 0.3:
        sheet["composition"] = _composition(rng, detail)
    sheet["application"] = _application(rng, detail)
    if detail >= 1:
        sheet["audience"] = _audience(rng)
    return sheet


def manifest(rng: random.Random, index: int, refs: list[str]) -> dict[str, Any]:
    """A training manifest (``kind: training``) that uses ``refs`` (paths to datasheets)."""
    roles = ("training", "fine-tuning", "validation", "evaluation")
    return {
        "schema_version": 1,
        "kind": "training",
        "name": f"model-{index:05d}",
        "description": _prose(rng, 2),
        "model": {"name": f"Model {index}", "version": "1.0", "tasks": [rng.choice(_TASKS)]},
        "data": [{"datacard": ref, "role": rng.choice(roles), "split": "train"} for ref in refs],
    }


# --- deliberate faults: each takes (data, text) and returns text with one known problem ------

def _unknown_key(rng: random.Random, data: dict[str, Any]) -> str:
    data["licence_notes"] = _sentence(rng)  # not a field: DC101
    return dump_yaml(data)


def _bad_enum(rng: random.Random, data: dict[str, Any]) -> str:
    data["application"]["ml_uses"] = ["trainng"]  # misspelt choice: DC104
    return dump_yaml(data)


def _wrong_type(rng: random.Random, data: dict[str, Any]) -> str:
    data["keywords"] = rng.randint(1, 99)  # a number where a list goes: DC103
    return dump_yaml(data)


def _date_order(rng: random.Random, data: dict[str, Any]) -> str:
    origin = data.setdefault("origin", {})
    origin.setdefault("collection", {})["timeframe"] = {"start": "2020-05", "end": "2019-01"}
    return dump_yaml(data)


def _duplicate_key(rng: random.Random, data: dict[str, Any]) -> str:
    return dump_yaml(data) + f"title: {_sentence(rng, 2, 4)!r}\n"  # title set twice: DC005


def _syntax_error(rng: random.Random, data: dict[str, Any]) -> str:
    lines = dump_yaml(data).splitlines(keepends=True)
    at = rng.randint(1, len(lines) - 1)
    lines.insert(at, "summary: [unclosed, flow\n")  # DC004
    return "".join(lines)


FAULTS: dict[str, tuple[str, Callable[[random.Random, dict[str, Any]], str]]] = {
    "unknown-key": ("DC101", _unknown_key),
    "bad-enum": ("DC104", _bad_enum),
    "wrong-type": ("DC103", _wrong_type),
    "date-order": ("DC105", _date_order),
    "duplicate-key": ("DC005", _duplicate_key),
    "syntax-error": ("DC004", _syntax_error),
}


def _parents(rng: random.Random, index: int, valid_names: list[str], levels: list[list[str]] | None,
             per_level: int) -> list[str]:
    """Sources of datasheet ``index``: in families, a fifth derive from one earlier datasheet; in
    a graph, each datasheet past the first level derives from one or two of the level below."""
    if levels is None:
        return [f"../{rng.choice(valid_names)}"] if valid_names and rng.random() < 0.2 else []
    level = index // per_level
    below = levels[level - 1] if level > 0 else []
    if not below:
        return []
    return sorted({f"../{rng.choice(below)}" for _ in range(rng.randint(1, 2))})


def generate(
    out: Path, datasheets: int, manifests: int, *, seed: int = 1, invalid: float = 0.03,
    depth: int = 0,
) -> dict[str, str | None]:
    """Write the corpus under ``out`` (replacing it); return {relative path: expected code}.

    ``depth`` 0 makes families: a fifth of the datasheets derive from one earlier datasheet, and
    each manifest uses 1-4 datasheets picked anywhere. ``depth`` N makes one lineage graph N
    levels deep: the datasheets are split into N levels, each one past the first derives from one
    or two of the level below, and each manifest uses 1-4 datasheets of the top level, so that
    every manifest reaches most of the tree.
    """
    if out.exists():
        shutil.rmtree(out)
    rng = random.Random(seed)
    data_dir, training_dir = out / DATA_DIR, out / TRAINING_DIR
    expected: dict[str, str | None] = {}
    valid_names: list[str] = []
    levels: list[list[str]] | None = [[] for _ in range(depth)] if depth else None
    per_level = -(-datasheets // depth) if depth else datasheets
    fault_names = sorted(FAULTS)
    faults_made = 0
    for index in range(datasheets):
        # Files are spread over subdirectories of 100, as a large repository would hold them.
        folder = data_dir / f"group-{index // 100:03d}"
        folder.mkdir(parents=True, exist_ok=True)
        parents = _parents(rng, index, valid_names, levels, per_level)
        data = datasheet(rng, index, parents)
        code: str | None = None
        if rng.random() < invalid:
            # Faults take turns, so that even a small corpus holds every kind.
            code, fault = FAULTS[fault_names[faults_made % len(fault_names)]]
            faults_made += 1
            text = fault(rng, data)
        else:
            text = dump_yaml(data)
        rel = f"{folder.name}/{data['name']}.datacard.yaml"
        (data_dir / rel).write_text(text, encoding="utf-8")
        expected[f"{DATA_DIR}/{rel}"] = code
        if code is None:
            valid_names.append(rel)
            if levels is not None:
                levels[index // per_level].append(rel)
    training_dir.mkdir(parents=True, exist_ok=True)
    pool = levels[-1] if levels else valid_names
    for index in range(manifests):
        refs = [f"../{DATA_DIR}/{rng.choice(pool)}" for _ in range(rng.randint(1, 4))] if pool else []
        data = manifest(rng, index, sorted(set(refs)))
        rel = f"{TRAINING_DIR}/{data['name']}.datacard.yaml"
        (out / rel).write_text(dump_yaml(data), encoding="utf-8")
        expected[rel] = None
    (out / EXPECTED).write_text(json.dumps(expected, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return expected


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--datasheets", type=int, default=5000)
    parser.add_argument("--manifests", type=int, default=500)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--invalid", type=float, default=0.03, help="Share of datasheets made invalid.")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--depth", type=int, default=0, help="One lineage graph this deep (0: families).")
    args = parser.parse_args()
    expected = generate(args.out, args.datasheets, args.manifests, seed=args.seed, invalid=args.invalid,
                        depth=args.depth)
    bad = sum(1 for code in expected.values() if code)
    print(f"wrote {len(expected)} files ({bad} invalid) under {args.out}")


if __name__ == "__main__":
    main()
