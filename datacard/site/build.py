"""Building a site: the catalogue, its pages, and the files to write.

:func:`site_files` is pure (a catalogue in, relative paths and bytes out), so the same input
gives the same bytes; :func:`build_site` lints the project once and writes the result with
:mod:`datacard.site.output`. :func:`standalone_page` is the page of one datasheet on its own,
``datacard render --format html``: the site's page with its stylesheet inlined and links to
other pages left out.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from datacard.site import pages
from datacard.site.catalogue import Catalogue, Dataset, build_catalogue
from datacard.site.output import Written, write_site

if TYPE_CHECKING:
    from datacard.context import Need
    from datacard.data.represent import Representation
    from datacard.project import Project

ASSETS = ("site.css", "site.js")
Progress = Callable[[int], None]


def _markdown(entry: Dataset, needs: tuple[Need, ...]) -> str | None:
    """The datasheet's Markdown render: the page shows exactly this, converted."""
    from datacard.render import render_markdown

    if entry.datasheet is None:
        return None
    # A card's or a Croissant file's prose is Markdown its author wrote: the page shows it so.
    prose = entry.sheet is not None and entry.sheet.loaded.source is not None
    return render_markdown(entry.datasheet, needs=needs, prose=prose)


def site_files(cat: Catalogue, project: Project, *, representations: Mapping[str, Representation] | None = None,
               progress: Progress | None = None) -> dict[str, bytes]:
    """Every file of the site, by its path in the site."""
    reps = representations or {}
    files: dict[str, bytes] = {}

    def put(path: str, text: str) -> None:
        files[path] = text.encode("utf-8")

    for name in ASSETS:
        put(f"assets/{name}", pages.asset(name))
    put("index.html", pages.index_page(pages.Context(cat, "index.html")))
    if len(cat.pages()) > pages.PAGE_SIZE:
        put("all.html", pages.index_page(pages.Context(cat, "all.html"), everything=True))
    put("lineage.html", pages.lineage_page(pages.Context(cat, "lineage.html")))
    put("rules.html", pages.rules_page(pages.Context(cat, "rules.html")))
    for entry in cat.datasets:
        ctx = pages.Context(cat, entry.page)
        put(entry.page, pages.dataset_page(ctx, entry, _markdown(entry, project.needs), reps.get(entry.name)))
        if progress is not None:
            progress(1)
    for model in cat.models:
        put(model.page, pages.model_page(pages.Context(cat, model.page), model))
        if progress is not None:
            progress(1)
    for other in cat.files:
        put(other.page, pages.file_page(pages.Context(cat, other.page), other))
    return files


@dataclass
class Built:
    catalogue: Catalogue
    written: Written
    files: int
    size: int  # bytes


def build_site(project: Project, out: str | Path, *, force: bool = False, paths: list[str] | None = None,
               representations: Mapping[str, Representation] | None = None,
               progress: Progress | None = None) -> Built:
    """Lint the project's files once and write its site to ``out``."""
    cat = build_catalogue(project, paths)
    files = site_files(cat, project, representations=representations, progress=progress)
    written = write_site(Path(out), files, force=force)
    return Built(cat, written, len(files), sum(len(b) for b in files.values()))


def standalone_page(project: Project, path: str, representation: Representation | None = None) -> tuple[str, Catalogue]:
    """The page of the datasheet at ``path`` as one self-contained HTML file."""
    cat = build_catalogue(project, [path])
    entry = next((d for d in cat.datasets if d.path == path), None) or (cat.datasets[0] if cat.datasets else None)
    if entry is None:
        raise ValueError(f"{path} is not a datasheet")
    ctx = pages.Context(cat, "page.html", standalone=True)
    return pages.dataset_page(ctx, entry, _markdown(entry, project.needs), representation), cat
