"""A catalogue index of many entries, built without linting files: for the search timing."""

from __future__ import annotations

from pathlib import Path

from datacard.findings import Report
from datacard.model import Datasheet
from datacard.site import pages
from datacard.site.catalogue import Catalogue, Dataset

_WORDS = ("reviews", "speech", "images", "tickets", "clinical", "news", "forum", "survey")
_LICENCES = ("CC-BY-4.0", "MIT", "CC0-1.0", "Apache-2.0")


def big_index(folder: Path, n: int) -> Path:
    """index.html of ``n`` datasets (and the site's assets) under ``folder``."""
    datasets = []
    for i in range(n):
        name = f"sheet-{i:05d}-{_WORDS[i % len(_WORDS)]}"
        sheet = Datasheet.model_validate({
            "schema_version": 1, "name": name, "title": f"{_WORDS[(i * 7) % len(_WORDS)].title()} collection {i}",
            "composition": {"modalities": ["text"], "languages": [{"tag": ("en", "nb", "de")[i % 3]}]},
            "audience": {"license": {"id": _LICENCES[i % len(_LICENCES)]}},
        })
        path = f"data/group-{i // 100:03d}/{name}.datacard.yaml"
        datasets.append(Dataset(f"d:{path}", "dataset", name, path, f"datasets/{name}.html", datasheet=sheet))
    cat = Catalogue(datasets, [], [], {}, [], Report())
    (folder / "assets").mkdir(parents=True, exist_ok=True)
    for asset in ("site.css", "site.js"):
        (folder / "assets" / asset).write_text(pages.asset(asset), encoding="utf-8")
    index = folder / "index.html"
    index.write_text(pages.index_page(pages.Context(cat, "index.html")), encoding="utf-8")
    return index
