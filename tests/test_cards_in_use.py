"""Hugging Face cards as the people who maintain them on the Hub use datacard: every defect found
by running each command on real cards is a case here, on a small card written for the test."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from datacard.cli import app

# A dataset card in the pre-2023 template with one gap left (its curators), and a model card
# that trains on it.
DATASET_CARD = """---
language: [en]
license: cc-by-4.0
pretty_name: Movie Reviews (Polarity Edition)
task_categories: [text-classification]
source_datasets: [original]
---
# Dataset Card for Movie Reviews

## Dataset Description

### Dataset Summary

Reviews of films, each labelled positive or negative.
"""


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout


def _json_findings(*args: str) -> list[dict[str, Any]]:
    code, out = _run(*args, "--output-format", "json")
    assert code in (0, 1), out
    found: list[dict[str, Any]] = json.loads(out)["findings"]
    return found


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


# A model card names its training data as the Hub does (`imdb`, `owner/name`, `hf:owner/name`);
# a card of the project is that dataset when its place says so: the folder of a README.md (the
# Hub's repository), with the folder above it as the owner, or a file `<owner>__<name>.md` of a
# folder of cards opted in with `dataset-cards`.
@pytest.mark.parametrize(("card", "written", "config"), [
    ("datasets/movie_reviews/README.md", "movie_reviews", ""),
    ("datasets/movie_reviews/README.md", "hf:movie_reviews", ""),
    ("hub/example-lab/movie_reviews/README.md", "example-lab/movie_reviews", ""),
    ("cards/example-lab__movie_reviews.md", "example-lab/movie_reviews", 'dataset-cards = ["*.md"]\n'),
    ("cards/example-lab__movie_reviews.md", "hf:example-lab/movie_reviews", 'dataset-cards = ["*.md"]\n'),
])
def test_a_model_card_finds_its_training_data_by_the_place_of_the_dataset_card(
        project: Path, card: str, written: str, config: str) -> None:
    _write(project / "pyproject.toml", f"[tool.datacard]\n{config}")
    _write(project / card, DATASET_CARD)
    _write(project / "models" / "tuned" / "README.md", f"---\ndatasets:\n- {written}\n---\n# Tuned\n")
    codes = {f["code"]: f["message"] for f in _json_findings("lint", "models/tuned/README.md")}
    assert "DC301" not in codes, codes
    assert codes["DC302"].startswith("tuned -> movie-reviews-polarity-edition:") and card in codes["DC302"]


@pytest.mark.parametrize(("base_card", "written"), [
    ("models/example-lab/base-lm/README.md", "example-lab/base-lm"),
    ("models/example-lab__base-lm.md", "example-lab/base-lm"),
    ("models/example-lab__base-lm.md", "base-lm"),
])
def test_a_fine_tuned_model_finds_its_base_model_by_the_place_of_its_card(
        project: Path, base_card: str, written: str) -> None:
    _write(project / "datasets" / "movie_reviews" / "README.md", DATASET_CARD)
    _write(project / base_card, "---\ndatasets: [movie_reviews]\nlicense: mit\n---\n# Base\n")
    _write(project / "tuned" / "README.md", f"---\nbase_model: {written}\n---\n# Tuned\n")
    codes = {f["code"]: f["message"] for f in _json_findings("lint", "tuned/README.md")}
    assert "DC318" not in codes, codes
    assert "DC302" in codes and "movie-reviews-polarity-edition" in codes["DC302"]


def _import(text: str) -> Any:
    from datacard.interop import import_text

    return import_text("hf", text, "README.md")


def _found(text: str, code: str) -> list[tuple[int, str]]:
    return [(f.line, f.message) for f in _import(text).findings if f.code == code]


# Cards before 2022 gave one list per configuration. Said once, on the key, with the one list
# to write: never a Python repr of the mapping, and every value inside still checked.
PER_CONFIG = """---
language: [en]
size_categories:
  emoji:
  - 100K<n<1M
  irony:
  - 1K<n<10K
task_categories: [text-classification]
task_ids:
  emoji:
  - multi-class-classification
  irony:
  - sentiment-classification
  - not-a-task
---
# Dataset Card for Tweets
"""


@pytest.mark.parametrize(("key", "line", "advice"), [
    ("size_categories", 3, "write size_categories: [100K<n<1M]"),
    ("task_ids", 9, "write task_ids: [multi-class-classification, sentiment-classification, not-a-task]"),
])
def test_one_list_per_configuration_is_said_once_with_the_list_to_write(key: str, line: int, advice: str) -> None:
    said = [(n, m) for n, m in _found(PER_CONFIG, "DC411") if m.startswith(f"{key}:")]
    assert said == [(line, said[0][1])] and advice in said[0][1], said
    assert not any("{" in m for _, m in _found(PER_CONFIG, "DC410") + _found(PER_CONFIG, "DC411"))
    assert _found(PER_CONFIG, "DC410") == [(14, "task_ids: 'not-a-task' is not a Hub task id")]


# `languages` and `licenses` are the keys of cards before 2022: read, checked like their
# successors, and the card is told to rename them.
@pytest.mark.parametrize(("meta", "expected"), [
    ("languages: [en, fr, de]\nmultilinguality: [monolingual]\n",
     [(2, "`languages` is the key cards used before 2022"),
      (3, "multilinguality says monolingual, but the card lists 3 languages")]),
    ("licenses: [mit]\n", [(2, "`licenses` is the key cards used before 2022")]),
])
def test_keys_of_cards_before_2022_are_read_and_renamed(meta: str, expected: list[tuple[int, str]]) -> None:
    found = _found(f"---\n{meta}---\n# Dataset Card for Old\n", "DC411")
    assert len(found) == len(expected), found
    pairs = zip(found, expected, strict=True)
    assert [(line, message[: len(text)]) for (line, message), (_, text) in pairs] == expected


# `license: other` without the keys that say which licence: one finding that names what is
# missing (not one per key), the old `license_details` offered as the name, and no licence
# name invented for the datasheet ("other" is not a licence's name).
@pytest.mark.parametrize(("meta", "advice", "name"), [
    ("license: [other]\n", "needs `license_name` (an id such as my-license-1.0) and `license_link`", None),
    ("license: other\nlicense_link: LICENSE\n", "needs `license_name` (an id such as my-license-1.0)", None),
    ("license: other\nlicense_details: yelp-licence\n", "license_name: yelp-licence", "yelp-licence"),
    ("license: other\nlicense_name: fjord-1.0\n", "needs `license_link`", "fjord-1.0"),
])
def test_license_other_without_its_name_is_one_finding(meta: str, advice: str, name: str | None) -> None:
    result = _import(f"---\n{meta}---\n# Dataset Card for Terms\n")
    found = [f for f in result.findings if f.code == "DC411"]
    assert len(found) == 1 and found[0].line == 2 and advice in found[0].message, found
    assert result.data["audience"]["license"].get("name") == name


def test_lint_says_an_unnamed_other_licence_once(project: Path) -> None:
    _write(project / "README.md", "---\nlicense: other\nlanguage: [en]\n---\n# Dataset Card for Terms\n")
    codes = [f["code"] for f in _json_findings("lint", "README.md") if f["line"] == 2]
    assert codes == ["DC411"]


# The pre-2023 template's generated size lines (written by the `datasets` library under Dataset
# Description and again under each configuration) are not prose: the dataset's size becomes
# composition.size_bytes, the download and disk totals are not documentation, and neither
# lands in the summary or the instance.
SIZES = """---
language: [en]
{info}---
# Dataset Card for Sizes

## Dataset Description

- **Homepage:** https://example.org/sizes
- **Size of downloaded dataset files:** 80.23 MB
- **Size of the generated dataset:** 127.06 MB
- **Total amount of disk used:** 207.28 MB

### Dataset Summary

Short film reviews.

## Dataset Structure

### Data Instances

#### plain_text

- **Size of downloaded dataset files:** 80.23 MB
- **Size of the generated dataset:** 127.06 MB
- **Total amount of disk used:** 207.28 MB

An example of 'train' looks as follows.
"""


@pytest.mark.parametrize(("info", "size"), [
    ("", round(127.06 * 2**20)),
    ("dataset_info:\n  dataset_size: 133190346\n  splits:\n  - name: train\n    num_examples: 10\n", 133190346),
])
def test_the_generated_size_lines_are_a_size_not_prose(info: str, size: int) -> None:
    result = _import(SIZES.format(info=info))
    assert result.data["summary"] == "Short film reviews."
    assert result.data["composition"]["instance"] == "An example of 'train' looks as follows."
    assert result.data["composition"]["size_bytes"] == size
    assert not [f for f in result.findings if f.code == "DC402"]


# A card with several configurations (one per subject, one per task) counts each apart: the
# first configuration's counts are not the dataset's. With a `default` configuration, that one is
# the dataset as it loads.
def _configs(names: list[str]) -> str:
    return "".join(f"- config_name: {name}\n  splits:\n  - name: test\n    num_examples: {100 * (i + 1)}\n"
                   f"  - name: dev\n    num_examples: 5\n" for i, name in enumerate(names))


@pytest.mark.parametrize(("names", "count", "splits"), [
    (["accountant", "physics"], None, [{"name": "test"}, {"name": "dev"}]),
    (["physics", "default"], 205, [{"name": "test", "count": 200}, {"name": "dev", "count": 5}]),
    (["default"], 105, [{"name": "test", "count": 100}, {"name": "dev", "count": 5}]),
])
def test_counts_of_one_configuration_are_not_the_datasets(names: list[str], count: int | None,
                                                         splits: list[dict[str, Any]]) -> None:
    meta = f"language: [zh]\nsize_categories: [n<1K]\ndataset_info:\n{_configs(names)}"
    card = f"---\n{meta}---\n# Dataset Card for Exams\n"
    composition = _import(card).data["composition"]
    assert composition.get("count") == count and composition["splits"] == splits
    assert composition.get("size_category") == (None if count else "n<1K")


# The title of the card is the dataset's, not the template's slot nor the quotes of the
# pre-2023 template (`# Dataset Card for "imdb"`).
@pytest.mark.parametrize(("heading", "title"), [
    ("# Dataset Card for Dataset Name", None),
    ("# Dataset Card for [Dataset Name]", None),
    ('# Dataset Card for "exam-zhtw"', "exam-zhtw"),
    ("# Dataset Card for 'exam-zhtw'", "exam-zhtw"),
    ('# Dataset Card for "Quoted" Reviews', '"Quoted" Reviews'),
    ("# Dataset Card for Movie Reviews", "Movie Reviews"),
])
def test_the_title_is_the_datasets_name(heading: str, title: str | None) -> None:
    result = _import(f"---\nlicense: mit\n---\n{heading}\n\nText about the data.\n")
    assert result.data.get("title") == title


# The current template asks for a BibTeX and an APA citation. The datasheet keeps one: the
# BibTeX block, else the APA text; text beside a kept block is said (info), never dropped silently.
CITATION = """---
license: mit
---
# Dataset Card for Cited

## Citation [optional]

**BibTeX:**

{bibtex}

**APA:**

{apa}
"""
BIBTEX = "```bibtex\n@misc{cited,\n  title={Cited}\n}\n```"
APA = "Ruiz, A. (2023). Cited. Example Press."


@pytest.mark.parametrize(("bibtex", "apa", "citation", "notes"), [
    (BIBTEX, APA, "@misc{cited,\n  title={Cited}\n}", [18]),
    ("[More Information Needed]", APA, APA, []),
    (BIBTEX, "[More Information Needed]", "@misc{cited,\n  title={Cited}\n}", []),
    ("[More Information Needed]", "[More Information Needed]", None, []),
])
def test_a_citation_in_two_forms_keeps_one_and_says_so(bibtex: str, apa: str, citation: str | None,
                                                        notes: list[int]) -> None:
    result = _import(CITATION.format(bibtex=bibtex, apa=apa))
    assert result.data.get("citation") == citation
    said = [f for f in result.findings if f.code == "DC402"]
    assert [f.line for f in said] == notes and all(f.severity.value == "info" for f in said)


def test_every_bibtex_block_is_kept_and_a_lead_in_is_not_reported() -> None:
    second = BIBTEX.replace("cited", "second")
    result = _import(CITATION.format(bibtex=BIBTEX, apa=second).replace("**APA:**", "Please cite both:"))
    assert result.data["citation"] == "@misc{cited,\n  title={Cited}\n}\n\n@misc{second,\n  title={Cited}\n}"
    assert result.findings == []


def test_a_label_in_underscores_is_a_label() -> None:
    card = CITATION.format(bibtex=BIBTEX, apa="[More Information Needed]").replace("**BibTeX:**", "__BibTeX:__")
    result = _import(card)
    assert result.data["citation"] == "@misc{cited,\n  title={Cited}\n}" and result.findings == []


# The current template says who shared the data apart from who curated it (`Shared by`): an
# export writes a publisher there, and the round trip keeps the role.
def test_a_publisher_is_written_as_shared_by_and_read_back() -> None:
    from datacard.interop import export_datasheet, import_text

    card = ("---\nlicense: mit\n---\n# Dataset Card for Shared\n\n## Dataset Details\n\n### Dataset Description\n\n"
            "Reviews.\n\n- **Curated by:** Ana Ruiz, Marc Dubois\n- **Shared by [optional]:** Example Lab\n")
    first = import_text("hf", card, "README.md")
    exported = export_datasheet("hf", first.datasheet)
    assert "- **Curated by:** Ana Ruiz; Marc Dubois\n" in exported.text
    assert "- **Shared by:** Example Lab\n" in exported.text
    assert not [f for f in exported.findings if "creators" in f.message]
    second = import_text("hf", exported.text, "README.md")
    assert second.data["origin"]["creators"] == first.data["origin"]["creators"] == [
        {"name": "Ana Ruiz"}, {"name": "Marc Dubois"}, {"name": "Example Lab", "roles": ["publisher"]}]


# `datacard diff` of two versions of a card places each change on its line of the card, as every
# other command places findings.
@pytest.mark.parametrize(("old", "new", "field", "lines"), [
    ("license: mit\n", "license: apache-2.0\n", "audience.license.id", (2, 2)),
    ("language: [en]\n", "language: [en, fr]\n", "composition.languages[1]", (None, 2)),
])
def test_diff_of_two_cards_gives_the_lines_of_each_change(project: Path, old: str, new: str, field: str,
                                                           lines: tuple[int | None, int | None]) -> None:
    body = "---\n# Dataset Card for Versions\n\nReviews of films.\n"
    _write(project / "old.md", f"---\n{old}{body}")
    _write(project / "new.md", f"---\n{new}{body}")
    code, out = _run("diff", "old.md", "new.md", "--output-format", "json")
    assert code == 0, out
    changes = {c["field"]: (c["old_line"], c["new_line"]) for c in json.loads(out)["files"][0]["changes"]}
    assert changes[field] == lines, changes


# Prose about the curators is not split into names (issue 10), so the card's creators are
# missing: lint says so once, on the prose, with what to write there; not a gap on the heading
# and a second finding on the prose below it.
CURATED = """---
language: [en]
license: mit
---
# Dataset Card for Curated

## Additional Information

### Dataset Curators

The data was collected by Ana Ruiz and Marc Dubois at the Example Lab.
"""


def test_curator_prose_and_the_missing_creators_are_one_finding(project: Path) -> None:
    _write(project / "README.md", CURATED)
    found = [f for f in _json_findings("lint", "README.md") if f["line"] in (9, 11)]
    assert [(f["code"], f["line"]) for f in found] == [("DC201", 11)], found
    assert "under 'Dataset Curators'" in found[0]["message"] and "- Name" in found[0]["message"]
    validated = _json_findings("validate", "README.md")
    assert [(f["code"], f["line"]) for f in validated] == [("DC402", 11)]
    assert "- Name" in validated[0]["message"] and "origin.creators" not in validated[0]["message"]


# A folder of cards saved as `<owner>__<name>.md` (not README.md) is not read by a walk unless
# the project says so; an empty walk says how, and with `dataset-cards` the cards are read.
@pytest.mark.parametrize("command", ["validate", "coverage", "lint"])
def test_a_walk_that_finds_no_card_says_how_to_read_other_names(project: Path, command: str) -> None:
    _write(project / "cards" / "example-lab__movie_reviews.md", DATASET_CARD)
    result = CliRunner().invoke(app, [command, "cards"])
    assert "dataset-cards" in result.stderr and '["*.md"]' in result.stderr, result.stderr
    _write(project / "pyproject.toml", '[tool.datacard]\ndataset-cards = ["*.md"]\n')
    result = CliRunner().invoke(app, [command, "cards"])
    assert "warning: no" not in result.stderr and "0 files" not in result.stdout
    assert "cards/example-lab__movie_reviews.md" in result.stdout or "1 file" in result.stdout


# A misspelt key is not read by the Hub: the finding names the key meant, and lint reports the
# field it should hold once, on the misspelt key.
@pytest.mark.parametrize(("meta", "meant", "code"), [
    ("licence: mit\nlanguage: [en]\n", "license", "DC203"),
    ("license: mit\nlangauge: [en]\n", "language", "DC204"),
    ("license: mit\nlanguage: [en]\ntask_category: [text-classification]\n", "task_categories", None),
])
def test_a_misspelt_key_names_the_key_meant(project: Path, meta: str, meant: str, code: str | None) -> None:
    _write(project / "README.md", f"---\n{meta}---\n# Dataset Card for Typos\n")
    line = 1 + next(i for i, row in enumerate(meta.splitlines(), 1) if not row.startswith(("license:", "language:")))
    validated = [f for f in _json_findings("validate", "README.md") if f["line"] == line]
    assert [f["code"] for f in validated] == ["DC401"] and f"`{meant}`" in validated[0]["message"], validated
    linted = [f for f in _json_findings("lint", "README.md") if f["line"] == line]
    assert [f["code"] for f in linted] == [code or "DC401"], linted


# `source_datasets: [original]` says the data derives from no other dataset: a statement, which
# render writes as one, not as a source with an empty name ("- ****").
def test_original_data_renders_as_a_statement(project: Path) -> None:
    _write(project / "README.md", DATASET_CARD)
    code, out = _run("render", "README.md")
    assert code in (0, 1) and "****" not in out
    assert "- Collected first-hand: derived from no other dataset\n" in out


# Code in a datasheet's prose (an example record, a command) is code in the exported card, not
# escaped fences (`\```python`) that the Hub shows as text; a block the text does not close is
# still escaped, so no text can open a block that takes in the sections after it. A CommonMark
# parser is the oracle: the card keeps every heading of the template, and the code blocks.
CODE_CASES = [
    ("composition.instance", "An example:\n\n```python\nrecord = {'text': '<b>hi</b>'}\n## not a heading\n```",
     ["python"]),
    ("origin.collection.description", "1. Scraped forums.\n2. Removed duplicates with:\n   ```\n   dedupe\n   ```",
     [""]),
    ("application.intended_uses", ["Classifying with:\n```\nmodel.predict(x)\n```", "```\nfirst line code\n```"],
     [""]),
    ("composition.instance", "Unclosed:\n```\n## Uses\n<script>alert(1)</script>", []),
    ("composition.instance", "~~~~\n```\nnot closing\n~~~~", [""]),
]


def _headings_and_fences(markdown: str) -> tuple[list[str], list[str]]:
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark").parse(markdown.split("\n---\n", 1)[1])
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
    return headings, [t.info for t in tokens if t.type == "fence"]


@pytest.mark.parametrize(("field", "value", "fences"), CODE_CASES)
def test_code_in_prose_is_code_in_the_card_and_comes_back(field: str, value: Any, fences: list[str]) -> None:
    from datacard.interop import export_datasheet, import_text
    from datacard.interop.common import get_path, set_path
    from datacard.model import Datasheet

    data: dict[str, Any] = {"schema_version": 1, "name": "coded", "title": "Coded"}
    set_path(data, field, value)
    exported = export_datasheet("hf", Datasheet.model_validate(data))
    plain = export_datasheet("hf", Datasheet.model_validate({"schema_version": 1, "name": "coded", "title": "Coded"}))
    headings, found = _headings_and_fences(exported.text)
    assert headings == _headings_and_fences(plain.text)[0]
    assert found == fences
    back = import_text("hf", exported.text, "README.md", name="coded")
    assert get_path(back.data, field) == value


# Text right under `### Annotations` (before its sub-sections) describes the annotations: it is
# the annotation process, or, for data without labels, the reason; never "no datasheet field".
@pytest.mark.parametrize(("creators", "field", "value"), [
    ("[no-annotation]", "reason", "The dataset has no annotations beyond the articles."),
    ("[crowdsourced]", "process", "The dataset has no annotations beyond the articles."),
])
def test_text_under_annotations_is_read(creators: str, field: str, value: str) -> None:
    card = (f"---\nannotations_creators: {creators}\n---\n# Dataset Card for Notes\n\n### Annotations\n\n"
            "The dataset has no annotations beyond the articles.\n\n#### Annotation process\n\n[N/A]\n")
    result = _import(card)
    assert result.data["origin"]["annotation"].get(field) == value
    assert not [f for f in result.findings if f.code == "DC402"]


# The pre-2023 template's Data Splits section is often one table of counts: the counts are
# composition.splits (and the total composition.count) when the metadata gives none; a table
# that is not one row or one column of counts (per configuration, per label) is only text.
@pytest.mark.parametrize(("table", "splits"), [
    ("|                    |    train | validation | test |\n|---|---:|---:|---:|\n"
     "| Number of examples |    67349 |        872 | 1821 |",
     [("train", 67349), ("validation", 872), ("test", 1821)]),
    ("|   name   |train |test |\n|----------|-----:|----:|\n|plain_text|560000|38000|",
     [("train", 560000), ("test", 38000)]),
    ("| Dataset Split | Number of Instances in Split |\n| --- | --- |\n| Train | 287,113 |\n| Validation | 13,368 |",
     [("train", 287113), ("validation", 13368)]),
    ("| name | train | test |\n| --- | --- | --- |\n| emoji | 45000 | 50000 |\n| irony | 2862 | 784 |", None),
    ("| Labels | Train | Test |\n| --- | --- | --- |\n| Challenge | 602 | 745 |\n| Direction | 106 | 122 |", None),
])
def test_a_table_of_split_counts_gives_the_splits(table: str, splits: list[tuple[str, int]] | None) -> None:
    card = f"---\nlanguage: [en]\n---\n# Dataset Card for Counts\n\n### Data Splits\n\n{table}\n"
    composition = _import(card).data["composition"]
    assert composition["split_rationale"] == table
    found = [(s["name"], s["count"]) for s in composition.get("splits", [])] or None
    assert found == splits
    assert composition.get("count") == (sum(c for _, c in splits) if splits else None)


# Headings as people write them: every one of these is the template's section, and the text
# under it lands in that section's field, not in the section before it or nowhere.
HEADINGS = [
    ("## Curation Rationale\n\nTo count birds.", "application.purpose", "To count birds."),
    ("### **Curation Rationale**\n\nTo count birds.", "application.purpose", "To count birds."),
    ("### 2. Curation Rationale\n\nTo count birds.", "application.purpose", "To count birds."),
    ("### 2.1) `Curation Rationale`\n\nTo count birds.", "application.purpose", "To count birds."),
    ("Curation Rationale\n------------------\n\nTo count birds.", "application.purpose", "To count birds."),
    ("Dataset Card for Birds\n======================\n\nPhotos of birds.", "summary", "Photos of birds."),
    ("Dataset Card for Birds\n======================\n\nPhotos of birds.", "title", "Birds"),
    ("# Dataset Summary\nPhotos of birds.\n\n# Dataset Structure\nOne photo per record.",
     "composition.instance", "One photo per record."),
    ("# Dataset Summary\nPhotos of birds.\n\n# Dataset Structure\nOne photo per record.", "summary",
     "Photos of birds."),
    ("# Dataset Summary\nPhotos of birds.\n\n# Dataset Structure\nOne photo per record.", "title", None),
    ("Photos of birds, before any heading.\n\n## Uses\n\n### Direct Use\n\nCounting.", "summary",
     "Photos of birds, before any heading."),
]


@pytest.mark.parametrize(("body", "field", "value"), HEADINGS)
def test_headings_as_people_write_them(body: str, field: str, value: str | None) -> None:
    from datacard.interop.common import get_path

    result = _import(f"---\nlicense: mit\n---\n{body}\n")
    assert get_path(result.data, field) == value, result.data
    assert not [f for f in result.findings if f.code == "DC402"], result.findings


def test_an_unknown_top_level_section_is_reported_not_taken_for_the_title() -> None:
    result = _import("---\nlicense: mit\n---\n# Dataset Summary\nPhotos.\n\n# Load Dataset\nRun the loader.\n")
    assert "title" not in result.data and result.data["summary"] == "Photos."
    assert [(f.code, f.line) for f in result.findings] == [("DC402", 7)]


# Labelled lines of the pre-2023 template as people filled them: `None` is no address (a Python
# exporter's None), a BibTeX entry given as the paper is the citation, and the template guide's
# own title is not the dataset's.
@pytest.mark.parametrize(("body", "field", "value"), [
    ("## Dataset Description\n\n- **Repository:** None\n", "audience.distribution.url", None),
    ("## Dataset Description\n\n- **Homepage:** none\n", "homepage", None),
    ("## Dataset Description\n\n- **Paper:** @inproceedings{kalo2022,\ntitle={Kamel}\n}\n", "citation",
     "@inproceedings{kalo2022,\ntitle={Kamel}\n}"),
    ("# Dataset Card Creation Guide\n\nSpeeches.\n", "title", None),
])
def test_filled_template_lines_mean_what_they_say(body: str, field: str, value: str | None) -> None:
    from datacard.interop.common import get_path

    result = _import(f"---\nlicense: mit\n---\n{body}")
    assert get_path(result.data, field) == value
    assert not [f for f in result.findings if f.code == "DC402"], result.findings


@pytest.mark.parametrize("written", ["original", "Original", "ORIGINAL"])
def test_original_in_any_case_is_not_a_hub_dataset(written: str) -> None:
    assert _import(f"---\nsource_datasets: [{written}]\n---\n# Dataset Card for X\n").data["origin"]["sources"] == [
        {"relation": "original"}]


# A tab after a value is YAML 1.2 that PyYAML refuses: datacard reads the card, but
# huggingface_hub and datasets cannot load it. Said on the tab's line, for dataset and model cards.
@pytest.mark.parametrize(("command", "meta"), [
    ("validate", "license: mit\t\nlanguage: [en]\n"),
    ("lint", "license: mit\ndatasets:\n- example/reviews\t\n"),
])
def test_metadata_python_tools_cannot_read_is_said_on_its_line(project: Path, command: str, meta: str) -> None:
    _write(project / "README.md", f"---\n{meta}---\n# Card\n\nText.\n")
    found = [(f["code"], f["line"]) for f in _json_findings(command, "README.md") if f["code"] == "DC419"]
    line = 2 + next(i for i, row in enumerate(meta.splitlines()) if "\t" in row)
    assert found == [("DC419", line)]
    _write(project / "README.md", f"---\n{meta.replace(chr(9), '')}---\n# Card\n\nText.\n")
    assert not [f for f in _json_findings(command, "README.md") if f["code"] == "DC419"]


# The model card template marks some sections optional: one left with "More information needed"
# is not a gap in what the model is for; a required one is.
@pytest.mark.parametrize(("heading", "flagged"), [
    ("## Direct Use", True),
    ("## Intended uses & limitations", True),
    ("## Training Data", True),
    ("## Downstream Use [Optional]", False),
    ("## Downstream Use (optional)", False),
])
def test_an_optional_model_card_section_left_unfilled_is_not_flagged(project: Path, heading: str,
                                                                     flagged: bool) -> None:
    _write(project / "README.md", f"---\ndatasets: []\n---\n# Model\n\n{heading}\n\nMore information needed.\n")
    found = [f["line"] for f in _json_findings("lint", "README.md") if f["code"] == "DC310"]
    assert found == ([8] if flagged else [])


# A labelled line of people (`Curated by`, `Funded by`, `Shared by`, the card's authors) that is
# prose is reported, not split at its commas into "names" such as "led by Ana Ruiz"; a list of
# names, organisations with "of" and "the" in them included, is read as names.
AGENTS = ("---\nlicense: mit\n---\n# Dataset Card for People\n\n## Dataset Details\n\n"
          "### Dataset Description\n\n{line}\n")


@pytest.mark.parametrize(("line", "field", "names"), [
    ("- **Curated by:** The Example Lab at the University of Somewhere, led by Ana Ruiz", "origin.creators", None),
    ("- **Funded by [optional]:** a grant from the Example Foundation, and the Lab itself", "origin.funding",
     None),
    ("- **Curated by:** Ana Ruiz, Marc Dubois", "origin.creators", ["Ana Ruiz", "Marc Dubois"]),
    ("- **Curated by:** The Alan Turing Institute; University of the Arts", "origin.creators",
     ["The Alan Turing Institute", "University of the Arts"]),
    ("- **Funded by [optional]:** Example Foundation, National Science Fund", "origin.funding",
     ["Example Foundation", "National Science Fund"]),
])
def test_people_in_prose_are_not_split_into_names(line: str, field: str, names: list[str] | None) -> None:
    from datacard.interop.common import get_path

    result = _import(AGENTS.format(line=line))
    found = get_path(result.data, field)
    assert ([a.get("name") or a.get("funder") for a in found] if found else None) == names
    assert [f.code for f in result.findings] == ([] if names else ["DC402"])


def test_card_authors_in_prose_are_not_split() -> None:
    result = _import("---\nlicense: mit\n---\n# Dataset Card for People\n\n## Dataset Card Authors\n\n"
                     "This card was written by Ana Ruiz, with help from Marc.\n")
    assert "authors" not in result.data and [f.code for f in result.findings] == ["DC402"]


@pytest.mark.parametrize(("text", "names"), [
    ("Ada Was, Ned Made", ["Ada Was", "Ned Made"]),
    ("Created by Ana Ruiz, Marc Dubois", None),
])
def test_names_are_told_from_prose_by_how_a_sentence_is_written(text: str, names: list[str] | None) -> None:
    from datacard.interop.common import get_path

    result = _import(AGENTS.format(line=f"- **Curated by:** {text}"))
    assert (get_path(result.data, "origin.creators[].name") or None) == names


# A Hugging Face Space's README.md configures an app (`sdk:`), with `license:`, `tags:` and even
# `datasets:` that a dataset or model card also has: it is neither, and a walk leaves it alone.
SPACE = "---\ntitle: Sentiment Demo\nsdk: gradio\napp_file: app.py\nlicense: mit\n{extra}---\n\nA demo.\n"


@pytest.mark.parametrize("extra", ["", "datasets: [imdb]\n", "tags: [text]\nlanguage: [en]\n"])
def test_a_space_card_is_not_a_dataset_or_model_card(project: Path, extra: str) -> None:
    _write(project / "demo" / "README.md", SPACE.format(extra=extra))
    for command in ("validate", "lint", "coverage"):
        result = CliRunner().invoke(app, [command, "."])
        assert "demo/README.md" not in result.stdout, (command, result.stdout)
    code, out = _run("lint", "demo/README.md")
    assert code == 2 and "Space" in out


# A model card need not list its data: `license`, `language` and `tags` (keys a dataset card has
# too) beside `metrics` or `widget`, or under the template's `# Model Card for` title, make it a
# model card, not a dataset card with twenty gaps.
@pytest.mark.parametrize(("meta", "title"), [
    ("license: mit\nlanguage: [en]\ntags: [bert]\n", "# Model Card for Tiny BERT"),
    ("license: mit\nmetrics: [accuracy]\n", "# Tiny BERT"),
    ("license: mit\nwidget:\n- text: Hello\n", "# Tiny BERT"),
])
def test_a_model_card_without_datasets_is_a_model_card(project: Path, meta: str, title: str) -> None:
    _write(project / "model" / "README.md", f"---\n{meta}---\n{title}\n\nA small model.\n")
    codes = {f["code"] for f in _json_findings("lint", ".")}
    assert "DC312" in codes and not codes & {"DC201", "DC202", "DC203"}, codes


def test_a_dataset_card_with_only_shared_keys_is_still_a_dataset_card(project: Path) -> None:
    _write(project / "data" / "README.md", "---\nlicense: mit\nlanguage: [en]\n---\n# Dataset Card for Words\n")
    assert "DC201" in {f["code"] for f in _json_findings("lint", ".")}


# A table written on a labelled line of the card (`- **Splits:** | train | test |`) is no table
# on the Hub: it starts its own line inside the item, and comes back as it was.
def test_a_table_on_a_labelled_line_is_a_table_in_the_card() -> None:
    from markdown_it import MarkdownIt

    from datacard.interop import export_datasheet, import_text
    from datacard.model import Datasheet

    table = "| | train | test |\n|---|---:|---:|\n| Number of examples | 10 | 2 |"
    sheet = Datasheet.model_validate({"schema_version": 1, "name": "t", "composition": {"split_rationale": table}})
    card = export_datasheet("hf", sheet).text
    tokens = MarkdownIt("commonmark").enable("table").parse(card.split("\n---\n", 1)[1])
    assert [t.type for t in tokens].count("table_open") == 1
    back = import_text("hf", card, "README.md", name="t")
    assert back.data["composition"]["split_rationale"] == table
