"""Render a datasheet as Markdown for people to read."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from datacard.context import NEEDS, Need, gaps
from datacard.model import Datasheet
from datacard.render import filters

if TYPE_CHECKING:
    import jinja2

_FENCE = re.compile(r"^(`{3,}|~{3,})")


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    """The Jinja2 environment; imported here so that importing datacard stays light."""
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("datacard.render", "templates"),
        # Autoescape makes macro output safe markup; finalize escapes every other value as
        # Markdown (not HTML) text, so a template cannot print user text unescaped by mistake.
        autoescape=True,
        finalize=filters.finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters.update(filters.FILTERS)
    return env


def _not_about_people(ds: Datasheet) -> bool:
    people = ds.origin.people if ds.origin else None
    return people is not None and people.about_people is False


def tidy(text: str) -> str:
    """Collapse runs of blank lines outside code fences and end with exactly one newline."""
    out: list[str] = []
    fence: str | None = None
    for line in text.split("\n"):
        line = line.rstrip() if fence is None else line
        match = _FENCE.match(line)
        if fence is None and match:
            fence = match.group(1)
        elif fence is not None and line.startswith(fence) and line.strip() == fence:
            fence = None
        elif fence is None and not line and (not out or not out[-1]):
            continue
        out.append(line)
    while out and not out[-1]:
        out.pop()
    return "\n".join(out) + "\n"


def render_context(ds: Datasheet, needs: tuple[Need, ...] = NEEDS) -> dict[str, Any]:
    """What the templates receive: the datasheet, and its context gaps keyed by need id (the
    same gaps `datacard lint` reports and `coverage` counts, from :mod:`datacard.context`)."""
    data = ds.model_dump(mode="json", exclude_none=True)
    return {
        "ds": ds,
        "gaps": {g.need.id: g for g in gaps(data, needs)},
        "not_about_people": _not_about_people(ds),
    }


def render_markdown(datasheet: Datasheet, representation: str | None = None, *,
                    needs: tuple[Need, ...] = NEEDS) -> str:
    """The datasheet as Markdown. The same datasheet always gives the same text.

    Context that ``needs`` asks for and the datasheet leaves out is marked "Not documented" in
    place and listed in a closing section; ``needs`` are datacard's defaults unless a project
    requires more (`extend-require`).

    ``representation`` is a Markdown table measured from the data (see
    :func:`datacard.data.represent.representation_table`); it is already escaped, and is added
    as its own section because it describes the data, not what the datasheet declares.
    """
    template = environment().get_template("datasheet.md.j2")
    text = tidy(template.render(render_context(datasheet, needs)))
    if representation is None:
        return text
    return text + _REPRESENTATION_INTRO + representation.rstrip("\n") + "\n"


_REPRESENTATION_INTRO = (
    "\n## Representation in the data\n\n"
    "Measured from the data, not declared: the size of each subgroup and its label rates.\n\n"
)
