"""`datacard lint` and `datacard rule`."""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING

import typer

from datacard.cli.app import Exit, app, fail
from datacard.cli.output import FailOn, FindingFormat, quiet_option, warn_if_empty, without_summary

if TYPE_CHECKING:
    from datacard.config import Config
    from datacard.lint.select import Selection


def _codes(values: list[str] | None) -> list[str] | None:
    if values is None:
        return None
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


@app.command()
def lint(
    paths: list[str] = typer.Argument(
        None, metavar="PATH", help="Files or directories (default: the current directory)."),
    select: list[str] | None = typer.Option(None, "--select", metavar="CODES", help="Codes or prefixes to report (replaces the configured set)."),  # noqa: E501
    extend_select: list[str] | None = typer.Option(None, "--extend-select", metavar="CODES", help="Codes or prefixes to report as well."),  # noqa: E501
    ignore: list[str] | None = typer.Option(None, "--ignore", metavar="CODES", help="Codes or prefixes not to report."),
    output_format: FindingFormat | None = typer.Option(None, "--output-format", help="How findings are printed: concise, full, json, github or sarif (default: concise)."),  # noqa: E501
    statistics: bool = typer.Option(False, "--statistics", help="Print the number of findings per code."),
    exit_zero: bool = typer.Option(False, "--exit-zero", help="Exit 0 even when there are findings."),
    fail_on: FailOn | None = typer.Option(None, "--fail-on", help="Lowest severity that makes the exit code 1 (default: warning)."),  # noqa: E501
    config: str | None = typer.Option(
        None, "--config", metavar="FILE", help="Configuration file (default: found upward)."),
    isolated: bool = typer.Option(False, "--isolated", help="Ignore configuration files."),
    respect_gitignore: bool | None = typer.Option(
        None, "--respect-gitignore/--no-respect-gitignore",
        help="Skip files that .gitignore ignores when walking directories (default: on)."),
    max_bytes: int | None = typer.Option(None, "--max-bytes", metavar="BYTES", help="Largest file to read.", min=1),
    quiet: bool = quiet_option(),
) -> None:
    """Lint datasheets, training manifests, model cards and DVC pipelines."""
    from datacard.config import ConfigError, resolve_config
    from datacard.discover import discover
    from datacard.findings import Severity
    from datacard.lint.engine import LINT_PATTERNS, lint_paths
    from datacard.lint.select import SelectionError
    from datacard.load import DEFAULT_MAX_BYTES
    from datacard.report import render_report
    from datacard.report import statistics as stats_text
    from datacard.runner import crashed

    targets = paths or ["."]
    missing = discover(targets, LINT_PATTERNS).missing
    if missing:
        raise fail(f"no such file or directory: {', '.join(missing)}")
    try:
        cfg = resolve_config(targets[0], config, isolated=isolated)
        selection = _selection(cfg, select, extend_select, ignore)
        # A flag wins over the configuration, which wins over the default.
        fmt = _choice(output_format, cfg.output_format, FindingFormat.concise, "output-format")
        threshold = _choice(fail_on, cfg.fail_on, FailOn.warning, "fail-on")
    except (ConfigError, SelectionError) as exc:
        raise fail(str(exc)) from exc
    if respect_gitignore is not None:
        cfg.respect_gitignore = respect_gitignore
    report = lint_paths(targets, selection=selection, config=cfg,
                        max_bytes=max_bytes or cfg.max_bytes or DEFAULT_MAX_BYTES)
    warn_if_empty(report.files, targets, "datasheets, training manifests, model cards or DVC pipelines")
    if statistics:
        text = stats_text(report, fmt)
    else:
        text = render_report(report, fmt)
        if quiet:
            text = without_summary(text, fmt)
    typer.echo(text, nl=False)
    if crashed(report.findings):  # a bug in datacard, even with --exit-zero
        raise typer.Exit(int(Exit.USAGE))
    failed = report.fails(Severity(threshold))
    raise typer.Exit(int(Exit.FINDINGS if failed and not exit_zero else Exit.CLEAN))


def _selection(cfg: Config, select: list[str] | None, extend_select: list[str] | None,
               ignore: list[str] | None) -> Selection:
    """The codes to report: the flags' over the configuration's (``--select`` replaces, the rest add)."""
    from datacard.lint.select import Selection, check_selectors

    chosen = _codes(select)
    return Selection(
        select=check_selectors(chosen if chosen is not None else (cfg.select or ["DC"]))
        + check_selectors(cfg.extend_select + (_codes(extend_select) or [])),
        ignore=check_selectors(cfg.ignore + (_codes(ignore) or [])),
        per_file_ignores={k: check_selectors(v) for k, v in cfg.per_file_ignores.items()},
        root=cfg.root,
    )


def _choice(flag: Enum | None, configured: str | None, default: Enum, key: str) -> str:
    """The flag's value, else the configuration's (checked, as it is not parsed by typer), else the default."""
    from datacard.config import ConfigError

    value = str(flag.value) if flag is not None else (configured or str(default.value))
    allowed = [str(member.value) for member in type(default)]
    if value not in allowed:
        raise ConfigError(f"{key} {value!r} is not one of {', '.join(allowed)}")
    return value


class RuleFormat(str, Enum):
    text = "text"
    markdown = "markdown"
    json = "json"


@app.command()
def rule(
    code: str | None = typer.Argument(None, metavar="CODE", help="The code to explain, such as DC304."),
    all_rules: bool = typer.Option(False, "--all", help="List every code."),
    output_format: RuleFormat = typer.Option(
        RuleFormat.text, "--output-format", "--format", help="text, markdown or json (--format is an old spelling)."),
) -> None:
    """Explain a finding code, or list them all."""
    import json

    from datacard import codes
    from datacard.lint.docs import explain, rules_markdown

    everything = {c.code: c for c in codes.all_codes()}
    if all_rules:
        if output_format is RuleFormat.markdown:
            typer.echo(rules_markdown(), nl=False)
        elif output_format is RuleFormat.json:
            typer.echo(json.dumps([_as_dict(c) for c in everything.values()], indent=2))
        else:
            for c in everything.values():
                typer.echo(f"{c.code}  {c.severity.value:<7}  {c.name:<34}  {c.summary}")
        return
    if code is None:
        raise fail("give a code (`datacard rule DC304`) or --all")
    entry = everything.get(code.strip().upper())
    if entry is None:
        raise fail(f"unknown code {code!r}; `datacard rule --all` lists them")
    if output_format is RuleFormat.json:
        typer.echo(json.dumps(_as_dict(entry), indent=2))
    else:
        typer.echo(explain(entry), nl=False)


def _as_dict(c: object) -> dict[str, str]:
    from datacard.codes import Code

    assert isinstance(c, Code)
    return {"code": c.code, "name": c.name, "severity": c.severity.value, "summary": c.summary,
            "explanation": c.explanation}
