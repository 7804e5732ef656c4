"""The `clustersite` command: check a site's data, write its schemas (more in later commands).

Exit codes: 0 success, 1 the data has errors, 2 the command was used wrongly or the
configuration could not be read.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .errors import DataError, SourceError


def _load_options(config_file: str):
    """The plugin's options from mkdocs.yml, validated by MkDocs itself."""
    from mkdocs.config import load_config
    from mkdocs.exceptions import ConfigurationError

    path = Path(config_file)
    if not path.is_file():
        raise click.UsageError(f"{config_file} not found: run this in the site's folder or pass --config-file")
    try:
        config = load_config(str(path))
    except ConfigurationError as error:
        raise click.ClickException(f"{config_file}: {error}") from None
    plugin = config.plugins.get("cluster")
    if plugin is None:
        raise click.ClickException(f"{config_file}: the `cluster` plugin is not listed under plugins:")
    return plugin.config, path.resolve().parent


config_option = click.option(
    "-f", "--config-file", default="mkdocs.yml", show_default=True, metavar="FILE", help="The site's MkDocs configuration."
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="clustersite")
def main() -> None:
    """Publish a cluster's member database, events and newsletter with MkDocs.

    Exit codes: 0 success, 1 errors in the data, 2 wrong usage or unreadable configuration.
    """


@main.command()
@config_option
@click.option("--format", "output_format", type=click.Choice(["text", "github"]), default="text", show_default=True, help="github prints GitHub Actions annotations on the pull request's lines.")
def check(config_file: str, output_format: str) -> None:
    """Validate every data file and report all errors at once."""
    from .schema import stale_schemas
    from .sitedata import load_site_data

    options, root = _load_options(config_file)
    errors: list[SourceError] = []
    try:
        data = load_site_data(options, root)
    except DataError as error:
        errors = error.errors
    else:
        stale = stale_schemas(root / options.schema_dir, data.vocabularies)
        errors = [
            SourceError(f"{options.schema_dir}/{name}", 0, "", "is out of date with the models and vocabularies", "run `clustersite schema` and commit the result")
            for name in stale
        ]
    if not errors:
        click.secho(f"clustersite: all data is valid ({len(data.members)} members).", fg="green")
        return
    for error in errors:
        if output_format == "github":
            click.echo(error.github())
        click.echo(click.style(str(error), fg="red") if output_format == "text" else str(error), err=output_format == "github")
    noun = "error" if len(errors) == 1 else "errors"
    click.secho(f"clustersite: {len(errors)} {noun}.", fg="red", err=True)
    sys.exit(1)


@main.command()
@config_option
def schema(config_file: str) -> None:
    """Write the JSON Schemas editors' tools use, from the models and the site's vocabularies."""
    from .schema import write_schemas
    from .sitedata import load_vocabularies

    options, root = _load_options(config_file)
    vocabularies, errors = load_vocabularies(options)
    if errors:
        raise click.ClickException(DataError(errors).report())
    written = write_schemas(root / options.schema_dir, vocabularies)
    for path in written:
        click.echo(f"wrote {path.relative_to(root)}")
    if not written:
        click.echo("schemas are up to date")
