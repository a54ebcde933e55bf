"""`datacard init`: write a starter datasheet."""

from __future__ import annotations

import shlex
from pathlib import Path

import typer

from datacard.cli.app import app, fail
from datacard.cli.output import force_option, quiet_option, write_output
from datacard.cli.project import config_option, isolated_option, open_project


@app.command()
def init(
    path: Path | None = typer.Argument(None, metavar="PATH", help="File to write (default: NAME.datacard.yaml here)."),
    name: str | None = typer.Option(None, "--name", metavar="NAME",
                                    help="Short lowercase dataset name, e.g. yelp-reviews."),
    force: bool = force_option("Overwrite PATH if it exists."),
    quiet: bool = quiet_option(),
    config: str | None = config_option(),
    isolated: bool = isolated_option(),
) -> None:
    """Write a starter datasheet that asks, in comments, for every piece of context."""
    from datacard.starter import is_slug, name_from_path, schema_note, schema_reference, slugify, starter_text

    # The project the datasheet joins: its configuration must be usable, as for every command.
    open_project([str(path) if path is not None else "."], config=config, isolated=isolated)
    if name is not None and not is_slug(name):
        raise fail(f"--name {name!r} is not valid; try --name {slugify(name)}")
    if name is None:
        name = name_from_path(path) if path is not None else slugify(Path.cwd().name)
    target = path if path is not None else Path(f"{name}.datacard.yaml")
    if target.is_dir():
        target = target / f"{name}.datacard.yaml"
    text = starter_text(name, schema_reference(target))
    write_output(text, target, force, note=f"; fill it in, then run `datacard lint {shlex.quote(str(target))}`",
                 datasheet=True, markdown=False, quiet=quiet)
    note = schema_note(target)
    if note is not None:
        typer.echo(f"datacard: note: {note}", err=True)
