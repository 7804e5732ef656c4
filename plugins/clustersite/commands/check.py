"""`clustersite check`: every error in the data, with its file, line and fix, as the build would refuse it."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import Any

import click

from ..errors import SourceError
from . import EXIT_CODES, config_option, load_site

_NOUNS = {"members": ("member", "members"), "events": ("event", "events"), "newsletter": ("newsletter issue", "newsletter issues")}


def _summary(data: Any) -> str:
    """'20 members, 6 events, 1 newsletter issue' from the collections the site's data has."""
    parts = []
    for name, (one, many) in _NOUNS.items():
        value = getattr(data, name, None)
        if isinstance(value, (dict, list)):
            parts.append(f"{len(value)} {one if len(value) == 1 else many}")
    return ", ".join(parts)


@click.command("check", epilog=EXIT_CODES)
@config_option
@click.option("--format", "output_format", type=click.Choice(["text", "github"]), default="text", show_default=True, help="github prints GitHub Actions annotations on the pull request's lines.")
def command(config_file: str, output_format: str) -> None:
    """Validate every data file and report all errors at once.

    Each error names the file, the line and the field, and says how to fix it.
    """
    from ..dryrun import dry_run
    from ..schema import stale_schemas

    site = load_site(config_file, check_options=False)
    options, root = site.options, site.root
    started = time.monotonic()
    if sys.stderr.isatty():
        click.echo("clustersite: checking the site's data…", err=True)
    data, errors = dry_run(Path(config_file))  # what the build of either edition would refuse
    if data is not None:
        stale = stale_schemas(root / options.schema_dir, data.vocabularies)
        errors = [
            SourceError(f"{options.schema_dir}/{name}", 0, "", "is out of date with the models and vocabularies", "run `clustersite schema` and commit the result")
            for name in stale
        ]
    if not errors:
        seconds = time.monotonic() - started
        click.secho(f"clustersite: all data is valid ({_summary(data)}).", fg="green")
        if sys.stderr.isatty():
            click.echo(f"clustersite: checked in {seconds:.1f} s.", err=True)
        return
    for error in errors:
        if output_format == "github":
            click.echo(error.github())
        click.echo(click.style(str(error), fg="red") if output_format == "text" else str(error), err=output_format == "github")
    noun = "error" if len(errors) == 1 else "errors"
    if output_format == "github":
        _github_summary(errors)
    click.secho(f"clustersite: {len(errors)} {noun}.", fg="red", err=True)
    sys.exit(1)


GITHUB_ANNOTATIONS_PER_STEP = 10
"""GitHub shows at most 10 error annotations of one step on a pull request and drops the rest silently."""


def _github_summary(errors: list[SourceError]) -> None:
    """Every error as a Markdown table in the job summary, and a note when annotations were cut."""
    if len(errors) > GITHUB_ANNOTATIONS_PER_STEP:
        note = (
            f"GitHub shows only the first {GITHUB_ANNOTATIONS_PER_STEP} of these {len(errors)} errors as annotations on the pull request; "
            "all of them are in this step's log and in the job summary"
        )
        click.echo(f"::warning title=clustersite check::{note}")  # warnings have their own limit, so this one shows
        click.echo(f"clustersite: {note}", err=True)
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if not summary:
        return

    def cell(text: str) -> str:
        return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ").replace("<", "&lt;").replace(">", "&gt;")

    noun = "error" if len(errors) == 1 else "errors"
    lines = [f"## clustersite check: {len(errors)} {noun}", "", "| file | line | field | problem | how to fix it |", "| --- | --- | --- | --- | --- |"]
    lines += [f"| {cell(e.path)} | {e.line or ''} | {cell(e.field)} | {cell(e.message)} | {cell(e.hint)} |" for e in errors]
    with open(summary, "a", encoding="utf-8") as handle:
        handle.write("\n".join(lines) + "\n\n")
